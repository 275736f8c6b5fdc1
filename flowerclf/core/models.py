"""Architecture registry, starting weights and the last-layer swap.

Every network is a torchvision ResNet whose final layer (``fc``) is replaced
by one with an output per class. Its state dict keys are exactly
torchvision's, so weights move freely between flowerclf, torchvision and
plain PyTorch scripts.

Starting weights come from one of three places:

- ``"imagenet"``: torchvision's ImageNet checkpoint, read from (or downloaded
  into) torch's hub cache, the same file torchvision itself would use;
- a local file (``.pth``/``.pt`` state dict, or ``.safetensors``), read
  without ever running pickled code;
- ``"none"``: random initialisation.

When the ImageNet weights are neither cached nor downloadable, the caller
gets a :class:`WeightsUnavailableError` that names both ways out; there is
never a silent fall-back to random weights.
"""

from __future__ import annotations

import copy
import hashlib
import http.client
import os
import urllib.error
import urllib.request
import uuid
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import torch
import torchvision.models as tvm
from torch import nn

from flowerclf.core.config import (
    ARCHITECTURES,
    DEFAULT_ARCHITECTURE,
    ArchitectureSpec,
    architecture_spec,
)
from flowerclf.core.download import DownloadMeter
from flowerclf.core.errors import (
    ARCHITECTURE_MISMATCH,
    MODEL_FILE_DAMAGED,
    MODEL_FILE_MISSING,
    MODEL_FILE_UNREADABLE,
    NOT_A_FILE,
    NOT_WEIGHTS,
    WEIGHTS_DAMAGED,
    ArchitectureMismatchError,
    ModelFileError,
    WeightsUnavailableError,
)
from flowerclf.core.events import MessageEvent, ProgressCallback, ignore_event
from flowerclf.core.files import plain_os_reason

__all__ = [
    "ARCHITECTURES",
    "DEFAULT_ARCHITECTURE",
    "ArchitectureSpec",
    "architecture_info",
    "backbone_and_head",
    "build_model",
    "detect_architecture",
    "fold_batchnorm",
    "imagenet_weights",
    "imagenet_weights_file",
    "load_imagenet_state_dict",
    "load_state_dict_file",
    "new_network",
]

_SAFETENSORS_SUFFIX = ".safetensors"
_DOWNLOAD_CHUNK = 256 * 1024
_DOWNLOAD_TIMEOUT_S = 30.0

# torchvision's builder and ImageNet weights (the IMAGENET1K_V1 member) of each
# entry of config.ARCHITECTURES, whose numbers a test checks against these.
_BUILDERS: dict[str, tuple[Callable[..., nn.Module], tvm.WeightsEnum]] = {
    "resnet18": (tvm.resnet18, tvm.ResNet18_Weights.IMAGENET1K_V1),
    "resnet34": (tvm.resnet34, tvm.ResNet34_Weights.IMAGENET1K_V1),
    "resnet50": (tvm.resnet50, tvm.ResNet50_Weights.IMAGENET1K_V1),
    "resnet101": (tvm.resnet101, tvm.ResNet101_Weights.IMAGENET1K_V1),
    "resnet152": (tvm.resnet152, tvm.ResNet152_Weights.IMAGENET1K_V1),
    "resnext50_32x4d": (tvm.resnext50_32x4d, tvm.ResNeXt50_32X4D_Weights.IMAGENET1K_V1),
    "resnext101_32x8d": (tvm.resnext101_32x8d, tvm.ResNeXt101_32X8D_Weights.IMAGENET1K_V1),
    "wide_resnet50_2": (tvm.wide_resnet50_2, tvm.Wide_ResNet50_2_Weights.IMAGENET1K_V1),
}
assert list(_BUILDERS) == list(ARCHITECTURES), "config's table and the builders must agree"


def architecture_info(arch: str) -> ArchitectureSpec:
    """The table's entry for ``arch``; :class:`UnknownArchitectureError` otherwise."""
    return architecture_spec(arch)


def imagenet_weights(arch: str) -> tvm.WeightsEnum:
    """torchvision's ImageNet weights entry of ``arch`` (url, transforms, metadata)."""
    return _BUILDERS[architecture_spec(arch).name][1]


# --------------------------------------------------------------------------- building


def new_network(arch: str, num_classes: int, device: str | torch.device | None = None) -> nn.Module:
    """A randomly initialised ``arch`` whose last layer has ``num_classes`` outputs.

    With ``device="meta"`` the network has no storage at all: fill it with
    ``load_state_dict(..., assign=True)``. That skips the random
    initialisation, which is what loading a saved model wants.
    """
    builder = _BUILDERS[architecture_spec(arch).name][0]
    if num_classes < 1:
        raise ValueError(f"num_classes must be at least 1, not {num_classes}")
    if device is None:
        network = builder(weights=None)
        network.fc = nn.Linear(network.fc.in_features, num_classes)
        return network
    with torch.device(device):
        network = builder(weights=None)
        network.fc = nn.Linear(network.fc.in_features, num_classes)
    return network


def build_model(
    arch: str,
    num_classes: int,
    weights: str | Path = "imagenet",
    progress: ProgressCallback = ignore_event,
) -> nn.Module:
    """A ResNet with a new last layer of ``num_classes`` outputs.

    ``weights`` is ``"imagenet"`` (torchvision's checkpoint, from the hub cache
    or downloaded into it, reporting :class:`DownloadEvent` through
    ``progress``), ``"none"`` (random) or the path of a weights file. The last
    layer of a file is kept only when its shape fits ``num_classes``.
    """
    arch = architecture_spec(arch).name
    network = new_network(arch, num_classes)
    if isinstance(weights, str) and weights.lower() in ("none", "random", ""):
        return network
    if isinstance(weights, str) and weights.lower() == "imagenet":
        state_dict = load_imagenet_state_dict(arch, progress)
        source = imagenet_weights_file(arch)
        what = f"The cached ImageNet weights file {source}"
    else:
        state_dict = load_state_dict_file(weights)
        source = Path(weights)
        what = f"This weights file ('{source.name}')"
    _load_into(network, arch, state_dict, source, what)
    return network


def backbone_and_head(network: nn.Module) -> tuple[nn.Module, nn.Linear]:
    """Split a ResNet into its feature extractor (image -> pooled features) and ``fc``.

    Both share their parameters with ``network``: freezing the feature
    extractor freezes the network's backbone. ``network.layer4`` is the last
    convolutional stage (the usual Grad-CAM target).
    """
    features = nn.Sequential(
        network.conv1,
        network.bn1,
        network.relu,
        network.maxpool,
        network.layer1,
        network.layer2,
        network.layer3,
        network.layer4,
        network.avgpool,
        nn.Flatten(1),
    )
    return features, network.fc


def fold_batchnorm(network: nn.Module) -> nn.Module:
    """A copy of ``network`` for inference, each batch norm folded into the convolution before it.

    In eval mode a batch norm is a fixed scale and shift per channel, which the
    convolution's weights and bias can absorb. The copy computes the same
    function (to float rounding: about 1e-7 relative in fp32) with one pass
    over each activation fewer: about 9% more images per second over a folder
    on a 2-core CPU. ResNet's naming is what is recognised: ``convN`` followed
    by ``bnN`` in a module, and a downsample ``Sequential(conv, batch norm)``;
    any other layer is copied as it is. The copy costs one more set of weights
    in memory, is in eval mode, and is not for training.
    """
    folded = copy.deepcopy(network).eval().requires_grad_(False)
    for module in list(folded.modules()):
        for suffix in ("1", "2", "3"):
            conv = getattr(module, f"conv{suffix}", None)
            norm = getattr(module, f"bn{suffix}", None)
            if isinstance(conv, nn.Conv2d) and isinstance(norm, nn.BatchNorm2d):
                _fold_into(conv, norm)
                setattr(module, f"bn{suffix}", nn.Identity())
        if (
            isinstance(module, nn.Sequential)
            and len(module) == 2
            and isinstance(module[0], nn.Conv2d)
            and isinstance(module[1], nn.BatchNorm2d)
        ):
            _fold_into(module[0], module[1])
            module[1] = nn.Identity()
    return folded


@torch.no_grad()
def _fold_into(conv: nn.Conv2d, norm: nn.BatchNorm2d) -> None:
    """Scale ``conv``'s weights in place and give it the bias that replaces ``norm``."""
    scale = torch.rsqrt(norm.running_var + norm.eps)
    if norm.weight is not None:
        scale = scale * norm.weight
    shift = -norm.running_mean * scale
    if norm.bias is not None:
        shift = shift + norm.bias
    if conv.bias is not None:
        shift = shift + conv.bias * scale
    conv.weight.mul_(scale.reshape(-1, 1, 1, 1).to(conv.weight.dtype))
    conv.bias = nn.Parameter(shift.to(conv.weight.dtype), requires_grad=False)


def _is_head_key(key: str) -> bool:
    return key.startswith("fc.")


def _is_counter_key(key: str) -> bool:
    # BatchNorm's batch counter: absent from old checkpoints, unused in eval and fine-tuning.
    return key.endswith("num_batches_tracked")


def _load_into(
    network: nn.Module,
    arch: str,
    state_dict: Mapping[str, torch.Tensor],
    source: Path,
    what: str,
) -> None:
    """Load ``state_dict`` into ``network``; a last layer that does not fit keeps its new start.

    ``what`` names the source in an error message ("This weights file ('x.pth')").
    """
    own = network.state_dict()
    state = {k: v for k, v in state_dict.items() if not _is_head_key(k)}
    head = {k: v for k, v in state_dict.items() if _is_head_key(k)}
    own_head = {k: v for k, v in own.items() if _is_head_key(k)}
    head_fits = set(head) == set(own_head) and all(
        tuple(head[k].shape) == tuple(own_head[k].shape) for k in head
    )
    # The usual case of an ImageNet file: 1000 outputs where we want one per class.
    state.update(head if head_fits else own_head)
    for key in own:
        if _is_counter_key(key) and key not in state:
            state[key] = own[key]

    missing = set(own) - set(state)
    unexpected = set(state) - set(own)
    wrong_shape = [k for k in set(own) & set(state) if own[k].shape != state[k].shape]
    if missing or unexpected or wrong_shape:
        raise _mismatch(arch, state_dict, source, what)
    network.load_state_dict(state, strict=True)


def _mismatch(
    arch: str, state_dict: Mapping[str, torch.Tensor], source: Path, what: str
) -> ArchitectureMismatchError:
    detected = detect_architecture(state_dict)
    if detected is not None and detected != arch:
        message = (
            f"{what} seems to hold {detected} weights, not {arch}. "
            f"Choose {detected} as the architecture, or another file."
        )
    else:
        detected = None
        known = ", ".join(ARCHITECTURES)
        message = (
            f"{what} does not fit {arch}, nor any other architecture flowerclf knows "
            f"({known}). Choose another file, or train from random weights."
        )
    return ArchitectureMismatchError(
        message, ARCHITECTURE_MISMATCH, path=source, arch=arch, detected=detected
    )


# --------------------------------------------------------------------------- local files


def _looks_like_safetensors(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(9)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return False
    if len(head) < 9:
        return False
    header_len = int.from_bytes(head[:8], "little")
    return head[8:9] == b"{" and 8 + header_len <= size


def _not_weights(path: str | Path) -> ModelFileError:
    name = Path(path).name
    return ModelFileError(
        f"'{name}' does not hold network weights (a PyTorch state dict).", NOT_WEIGHTS, path=path
    )


def _clean_state_dict(obj: Any, path: str | Path) -> dict[str, torch.Tensor]:
    """A plain ``key -> tensor`` dict out of what a weights file (``path``) held."""
    if isinstance(obj, Mapping):
        for wrapper in ("state_dict", "model", "model_state_dict"):
            inner = obj.get(wrapper)
            if isinstance(inner, Mapping):
                obj = inner
                break
    if not isinstance(obj, Mapping) or not obj:
        raise _not_weights(path)
    tensors = {k: v for k, v in obj.items() if isinstance(v, torch.Tensor)}
    if not tensors or not all(isinstance(k, str) for k in tensors):
        raise _not_weights(path)
    if all(k.startswith("module.") for k in tensors):
        # Saved from a DataParallel / DistributedDataParallel wrapper.
        tensors = {k[len("module.") :]: v for k, v in tensors.items()}
    return tensors


def load_state_dict_file(path: str | Path) -> dict[str, torch.Tensor]:
    """The tensors of a ``.pth``/``.pt`` state dict or a ``.safetensors`` file, on the CPU.

    A ``.pth`` is read with ``torch.load(weights_only=True)`` only: a file that
    needs anything more than tensors is refused, never executed.
    """
    path = Path(path)
    if not path.exists():
        raise ModelFileError(
            f"The weights file '{path}' does not exist.", MODEL_FILE_MISSING, path=path
        )
    if not path.is_file():
        raise ModelFileError(f"'{path}' is a folder, not a weights file.", NOT_A_FILE, path=path)
    if _looks_like_safetensors(path):
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            return _clean_state_dict(load_file(str(path), device="cpu"), path)
        except (SafetensorError, OSError, ValueError) as error:
            raise ModelFileError(
                f"'{path.name}' could not be read as a .safetensors file: it is damaged.",
                MODEL_FILE_DAMAGED,
                path=path,
                reason="its contents are not a valid .safetensors file",
            ) from error
    try:
        with warnings.catch_warnings():
            # torch warns about pickle protocols it was not written with; the file is
            # refused or read either way, and the warning would only be noise on screen.
            warnings.simplefilter("ignore", UserWarning)
            obj = torch.load(path, map_location="cpu", weights_only=True)
    except OSError as error:
        reason = plain_os_reason(error)
        raise ModelFileError(
            f"'{path.name}' could not be read: {reason}.",
            MODEL_FILE_UNREADABLE,
            path=path,
            reason=reason,
        ) from error
    except Exception as error:  # unpickling errors come in many types
        raise ModelFileError(
            f"'{path.name}' is not a weights file flowerclf can read: it is not a PyTorch "
            "state dict or a .safetensors file, or it holds more than plain tensors "
            "(which flowerclf refuses to load, since such files can run code).",
            NOT_WEIGHTS,
            path=path,
        ) from error
    return _clean_state_dict(obj, path)


# --------------------------------------------------------------------------- detection

_SIGNATURES: dict[str, dict[str, tuple[int, ...]]] = {}


def _signature(arch: str) -> dict[str, tuple[int, ...]]:
    """``key -> shape`` of ``arch`` without its last layer and batch counters (cached)."""
    signature = _SIGNATURES.get(arch)
    if signature is None:
        network = new_network(arch, 1, device="meta")
        signature = {
            k: tuple(v.shape)
            for k, v in network.state_dict().items()
            if not _is_head_key(k) and not _is_counter_key(k)
        }
        _SIGNATURES[arch] = signature
    return signature


def detect_architecture(state_dict: Mapping[str, torch.Tensor]) -> str | None:
    """The registry architecture whose weights these are (keys and shapes), or None."""
    try:
        state = _clean_state_dict(state_dict, "state dict")
    except ModelFileError:
        return None
    given = {
        k: tuple(v.shape)
        for k, v in state.items()
        if not _is_head_key(k) and not _is_counter_key(k)
    }
    for arch in ARCHITECTURES:
        if _signature(arch) == given:
            return arch
    return None


# --------------------------------------------------------------------------- ImageNet weights


def _weights_url(arch: str) -> str:
    return imagenet_weights(arch).url


def imagenet_weights_file(arch: str) -> Path:
    """Where torchvision's hub cache keeps ``arch``'s ImageNet checkpoint (honours TORCH_HOME)."""
    filename = os.path.basename(urlparse(_weights_url(arch)).path)
    return Path(torch.hub.get_dir()) / "checkpoints" / filename


def _open_url(url: str, timeout: float):
    """Open ``url`` for reading (tests replace this to serve bytes offline)."""
    request = urllib.request.Request(url, headers={"User-Agent": "flowerclf"})
    return urllib.request.urlopen(request, timeout=timeout)


def _unavailable(arch: str, reason: str) -> WeightsUnavailableError:
    cache_path = imagenet_weights_file(arch)
    url = _weights_url(arch)
    return WeightsUnavailableError(
        f"Could not get the ImageNet weights for {arch} ({reason}), and they are not in the "
        f"cache at {cache_path}. Either download {url} and choose that file as the starting "
        "weights, or train from random weights.",
        arch=arch,
        reason=reason,
        url=url,
        cache_path=cache_path,
    )


def _download_reason(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"the server answered {error.code} {error.reason}"
    if isinstance(error, (urllib.error.URLError, TimeoutError, ConnectionError)):
        return "no internet connection"
    if isinstance(error, OSError) and error.errno is not None:
        return f"the download could not be stored: {plain_os_reason(error)}"
    return "the download failed"


def _download(arch: str, target: Path, progress: ProgressCallback) -> None:
    """Fetch the checkpoint into ``target`` (via a temp file beside it), checking its hash."""
    url = _weights_url(arch)
    target.parent.mkdir(parents=True, exist_ok=True)
    match = torch.hub.HASH_REGEX.search(target.name)
    hash_prefix = match.group(1) if match else None
    partial = target.with_name(f"{target.name}.{uuid.uuid4().hex}.partial")
    name = target.name
    progress(MessageEvent(f"Downloading the ImageNet weights for {arch}..."))
    try:
        with _open_url(url, _DOWNLOAD_TIMEOUT_S) as response, open(partial, "wb") as out:
            headers = getattr(response, "headers", None)
            length = headers.get("Content-Length") if headers is not None else None
            total = int(length) if length else None
            sha256 = hashlib.sha256()
            done = 0
            meter = DownloadMeter(name, total, progress)
            meter(0, force=True)
            while True:
                chunk = response.read(_DOWNLOAD_CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                sha256.update(chunk)
                done += len(chunk)
                meter(done)
            meter(done, force=True)
        if total is not None and done != total:
            raise _unavailable(arch, f"the download stopped after {done} of {total} bytes")
        digest = sha256.hexdigest()
        if hash_prefix and not digest.startswith(hash_prefix):
            raise _unavailable(arch, "the downloaded file was damaged (its checksum is wrong)")
        os.replace(partial, target)
    except WeightsUnavailableError:
        raise
    except (OSError, http.client.HTTPException) as error:
        raise _unavailable(arch, _download_reason(error)) from error
    finally:
        partial.unlink(missing_ok=True)


def load_imagenet_state_dict(
    arch: str, progress: ProgressCallback = ignore_event
) -> dict[str, torch.Tensor]:
    """torchvision's ImageNet state dict for ``arch``, downloading it into the cache if needed."""
    arch = architecture_spec(arch).name
    cached = imagenet_weights_file(arch)
    if not cached.exists():
        _download(arch, cached, progress)
    try:
        # The file is in the cache now, so this only reads it (weights only).
        state = torch.hub.load_state_dict_from_url(
            _weights_url(arch),
            model_dir=str(cached.parent),
            map_location="cpu",
            progress=False,
            check_hash=True,
            file_name=cached.name,
            weights_only=True,
        )
    except Exception as error:
        raise WeightsUnavailableError(
            f"The cached ImageNet weights for {arch} at {cached} are damaged. Delete that file "
            "to download it again, choose another file as the starting weights, or train from "
            "random weights.",
            WEIGHTS_DAMAGED,
            arch=arch,
            reason="the cached file cannot be read",
            url=_weights_url(arch),
            cache_path=cached,
        ) from error
    return _clean_state_dict(state, cached)
