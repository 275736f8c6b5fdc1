"""The reference recipe, written the plain way, to measure flowerclf against.

This is the classic transfer-learning script for a folder of flower photos:
torchvision ``ImageFolder`` with PIL, RandomResizedCrop(224) +
RandomHorizontalFlip + ToTensor + Normalize for training, Resize(256) +
CenterCrop(224) for validation and prediction, fp32 eager in NCHW, batches of
16, ``num_workers=min(cpu_count, 8)`` with the default (fork) start method,
Adam 1e-4 and cross-entropy. Its predict script decodes each photo in full and
runs it alone (batch 1); its batch predict runs batches of 8.

Nothing here uses flowerclf, so the comparison is with the recipe as people
run it. The timing hooks (``on_step``) are the only additions.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
import torchvision
from PIL import Image
from torch import nn
from torchvision import datasets, transforms

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
BATCH_SIZE = 16
PREDICT_BATCH = 8


def train_transform() -> transforms.Compose:
    return transforms.Compose(
        [
            transforms.RandomResizedCrop(224),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
            transforms.Normalize(MEAN, STD),
        ]
    )


def eval_transform() -> transforms.Compose:
    return transforms.Compose(
        [
            transforms.Resize(256),
            transforms.CenterCrop(224),
            transforms.ToTensor(),
            transforms.Normalize(MEAN, STD),
        ]
    )


def num_workers() -> int:
    return min(os.cpu_count() or 1, 8)


def build_model(arch: str, num_classes: int) -> nn.Module:
    """A torchvision ResNet with its last layer replaced (random weights: no download here)."""
    model = getattr(torchvision.models, arch)(weights=None)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model


def loaders(train_dir: Path, val_dir: Path, batch_size: int = BATCH_SIZE):
    """The recipe's loaders: shuffled training batches, workers forked (the default)."""
    train_set = datasets.ImageFolder(str(train_dir), transform=train_transform())
    val_set = datasets.ImageFolder(str(val_dir), transform=eval_transform())
    workers = num_workers()
    train_loader = torch.utils.data.DataLoader(
        train_set, batch_size=batch_size, shuffle=True, num_workers=workers
    )
    val_loader = torch.utils.data.DataLoader(
        val_set, batch_size=batch_size, shuffle=False, num_workers=workers
    )
    return train_set, train_loader, val_loader


def train_epoch(
    model: nn.Module,
    loader,
    optimizer: torch.optim.Optimizer,
    loss_fn: nn.Module,
    on_step: Callable[[int], None] | None = None,
    device: str = "cpu",
) -> float:
    """One pass over the training data; ``on_step(images)`` after each step."""
    model.train()
    running = 0.0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        outputs = model(images)
        loss = loss_fn(outputs, labels)
        loss.backward()
        optimizer.step()
        running += loss.item()
        if on_step is not None:
            on_step(len(labels))
    return running


@torch.no_grad()
def validate(model: nn.Module, loader, device: str = "cpu") -> float:
    """Validation accuracy, as the recipe computes it."""
    model.eval()
    correct = total = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        outputs = model(images)
        predicted = torch.max(outputs, dim=1)[1]
        correct += torch.eq(predicted, labels).sum().item()
        total += len(labels)
    return correct / max(total, 1)


def freeze_backbone(model: nn.Module) -> list[nn.Parameter]:
    """Last-layer-only training, the plain way: freeze every other parameter."""
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith("fc.")
    return [p for p in model.parameters() if p.requires_grad]


@torch.no_grad()
def predict_one(model: nn.Module, path: str | Path, device: str = "cpu") -> torch.Tensor:
    """The predict script: full decode, Resize(256), CenterCrop(224), batch of 1."""
    model.eval()
    image = Image.open(path).convert("RGB")
    batch = torch.unsqueeze(eval_transform()(image), dim=0)
    output = torch.squeeze(model(batch.to(device))).cpu()
    return torch.softmax(output, dim=0)


@torch.no_grad()
def predict_folder(
    model: nn.Module, paths: Sequence[Path], device: str = "cpu"
) -> list[torch.Tensor]:
    """The batch predict script: batches of 8, each image decoded in full."""
    model.eval()
    transform = eval_transform()
    results: list[torch.Tensor] = []
    for start in range(0, len(paths), PREDICT_BATCH):
        chunk = paths[start : start + PREDICT_BATCH]
        batch = torch.stack([transform(Image.open(p).convert("RGB")) for p in chunk])
        output = model(batch.to(device)).cpu()
        results.extend(torch.softmax(output, dim=1))
    return results


def synthetic_steps(
    model: nn.Module, steps: int, warmup: int, batch_size: int = BATCH_SIZE, device: str = "cpu"
) -> float:
    """Training speed on tensors already in memory (fp32 NCHW): images/s after warm-up."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)
    images = torch.randn(batch_size, 3, 224, 224, generator=generator).to(device)
    labels = torch.randint(0, model.fc.out_features, (batch_size,), generator=generator)
    labels = labels.to(device)
    model.train()
    start = 0.0
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        loss.item()
    return steps * batch_size / (time.perf_counter() - start)
