"""The architecture registry, starting weights (ImageNet cache, download, files) and detection."""

from __future__ import annotations

import hashlib
import io
import urllib.error

import pytest
import torch
import torchvision

from flowerclf.core import models
from flowerclf.core.errors import (
    ArchitectureMismatchError,
    ModelFileError,
    UnknownArchitectureError,
    WeightsUnavailableError,
)
from flowerclf.core.events import DownloadEvent
from flowerclf.core.models import (
    ARCHITECTURES,
    DEFAULT_ARCHITECTURE,
    backbone_and_head,
    build_model,
    detect_architecture,
    imagenet_weights_file,
    load_state_dict_file,
    new_network,
)


@pytest.fixture(scope="module")
def imagenet18() -> dict[str, torch.Tensor]:
    """A stand-in for torchvision's 1000-class resnet18 checkpoint."""
    torch.manual_seed(0)
    return torchvision.models.resnet18(weights=None).state_dict()


@pytest.fixture(scope="module")
def imagenet18_bytes(imagenet18) -> bytes:
    buffer = io.BytesIO()
    torch.save(imagenet18, buffer)
    return buffer.getvalue()


@pytest.fixture
def torch_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    return tmp_path / "torch"


def assert_backbone_equal(network: torch.nn.Module, expected: dict[str, torch.Tensor]) -> None:
    got = network.state_dict()
    for key, value in expected.items():
        if not key.startswith("fc."):
            assert torch.equal(got[key], value), key


class FakeResponse:
    def __init__(self, data: bytes):
        self._stream = io.BytesIO(data)
        self.headers = {"Content-Length": str(len(data))}

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


# --------------------------------------------------------------------------- registry


def test_registry_lists_the_resnets_with_their_numbers():
    assert list(ARCHITECTURES) == [
        "resnet18",
        "resnet34",
        "resnet50",
        "resnet101",
        "resnet152",
        "resnext50_32x4d",
        "resnext101_32x8d",
        "wide_resnet50_2",
    ]
    assert DEFAULT_ARCHITECTURE == "resnet34"
    info = ARCHITECTURES["resnet34"]
    assert info.params_millions == pytest.approx(21.8)
    assert info.gflops == pytest.approx(3.66)
    assert models.imagenet_weights("resnet34").url.endswith("resnet34-b627a593.pth")
    for name, info in ARCHITECTURES.items():
        assert info.description and "\n" not in info.description
        assert models.imagenet_weights(name).name == "IMAGENET1K_V1"


def test_the_engine_builds_every_architecture_of_the_config_table():
    from flowerclf.core import config

    assert models.ARCHITECTURES is config.ARCHITECTURES
    assert list(models._BUILDERS) == list(config.ARCHITECTURES)
    for name in config.ARCHITECTURES:
        assert new_network(name, 2, device="meta").fc.out_features == 2
        assert models.architecture_info(name) is config.ARCHITECTURES[name]


def test_state_dict_keys_are_torchvision_keys():
    network = build_model("resnet18", 3, weights="none")
    assert list(network.state_dict()) == list(torchvision.models.resnet18().state_dict())
    assert network.fc.out_features == 3
    assert network(torch.rand(2, 3, 64, 64)).shape == (2, 3)


def test_unknown_architecture_lists_the_known_ones():
    with pytest.raises(UnknownArchitectureError) as caught:
        build_model("vgg16", 3, weights="none")
    assert "vgg16" in str(caught.value)
    assert "resnet34" in str(caught.value) and "wide_resnet50_2" in str(caught.value)
    assert caught.value.kind == "unknown_architecture"
    assert caught.value.details == {"arch": "vgg16", "choices": list(ARCHITECTURES)}


def test_backbone_and_head_share_parameters_with_the_network():
    network = build_model("resnet18", 4, weights="none").eval()
    features, head = backbone_and_head(network)
    x = torch.rand(1, 3, 64, 64)
    with torch.no_grad():
        assert torch.allclose(head(features(x)), network(x), atol=1e-6)
    assert head is network.fc
    assert features[7] is network.layer4


# --------------------------------------------------------------------------- ImageNet weights


def test_imagenet_weights_file_follows_torch_home(torch_home):
    path = imagenet_weights_file("resnet34")
    assert path == torch_home / "hub" / "checkpoints" / "resnet34-b627a593.pth"


def test_imagenet_weights_come_from_the_cache(torch_home, imagenet18, monkeypatch):
    cached = imagenet_weights_file("resnet18")
    cached.parent.mkdir(parents=True)
    torch.save(imagenet18, cached)  # its contents do not match the hash in its name:

    # the hash is only checked on download, as torchvision does.
    def no_network(url, timeout):
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(models, "_open_url", no_network)
    events = []
    network = build_model("resnet18", 3, weights="imagenet", progress=events.append)
    assert_backbone_equal(network, imagenet18)
    assert network.fc.out_features == 3
    assert not any(isinstance(e, DownloadEvent) for e in events)


def test_imagenet_weights_are_downloaded_into_the_cache(
    torch_home, imagenet18, imagenet18_bytes, monkeypatch
):
    digest = hashlib.sha256(imagenet18_bytes).hexdigest()
    url = f"https://example.invalid/models/resnet18-{digest[:8]}.pth"
    monkeypatch.setattr(models, "_weights_url", lambda arch: url)
    opened = []

    def serve(requested, timeout):
        opened.append(requested)
        return FakeResponse(imagenet18_bytes)

    monkeypatch.setattr(models, "_open_url", serve)
    monkeypatch.setattr(models, "_DOWNLOAD_CHUNK", len(imagenet18_bytes) // 50 + 1)
    events = []
    network = build_model("resnet18", 5, weights="imagenet", progress=events.append)

    assert opened == [url]
    cached = imagenet_weights_file("resnet18")
    assert cached.name == f"resnet18-{digest[:8]}.pth"
    assert cached.read_bytes() == imagenet18_bytes
    assert [p.name for p in cached.parent.iterdir()] == [cached.name]  # no temp file left
    downloads = [e for e in events if isinstance(e, DownloadEvent)]
    assert len(downloads) >= 3
    assert all(e.bytes_total == len(imagenet18_bytes) for e in downloads)
    assert [e.bytes_done for e in downloads] == sorted(e.bytes_done for e in downloads)
    assert downloads[-1].bytes_done == len(imagenet18_bytes)
    assert_backbone_equal(network, imagenet18)
    assert network.fc.out_features == 5

    # A second build reads the cache.
    monkeypatch.setattr(models, "_open_url", None)
    assert_backbone_equal(build_model("resnet18", 5), imagenet18)


def test_a_damaged_download_is_refused_and_not_cached(torch_home, imagenet18_bytes, monkeypatch):
    url = "https://example.invalid/models/resnet18-00000000.pth"
    monkeypatch.setattr(models, "_weights_url", lambda arch: url)
    monkeypatch.setattr(models, "_open_url", lambda u, t: FakeResponse(imagenet18_bytes))
    with pytest.raises(WeightsUnavailableError) as caught:
        build_model("resnet18", 5)
    assert "damaged" in str(caught.value)
    assert list(imagenet_weights_file("resnet18").parent.iterdir()) == []


def test_offline_without_cache_names_both_ways_out(torch_home, monkeypatch):
    def offline(url, timeout):
        raise urllib.error.URLError(OSError("Name or service not known"))

    monkeypatch.setattr(models, "_open_url", offline)
    with pytest.raises(WeightsUnavailableError) as caught:
        build_model("resnet34", 5, weights="imagenet")
    error = caught.value
    message = str(error)
    url = "https://download.pytorch.org/models/resnet34-b627a593.pth"
    assert "no internet connection" in message and "random weights" in message
    assert str(imagenet_weights_file("resnet34")) in message and url in message
    assert "--" not in message  # flags are the command line's to add
    assert error.kind == "weights_unavailable"
    assert error.details == {
        "arch": "resnet34",
        "reason": "no internet connection",
        "url": url,
        "cache_path": str(imagenet_weights_file("resnet34")),
    }
    assert list(imagenet_weights_file("resnet34").parent.iterdir()) == []


# --------------------------------------------------------------------------- local files


def test_local_imagenet_pth_drops_the_last_layer(tmp_path, imagenet18):
    path = tmp_path / "resnet18-imagenet.pth"
    torch.save(imagenet18, path)
    network = build_model("resnet18", 3, weights=path)
    assert_backbone_equal(network, imagenet18)
    assert network.fc.weight.shape == (3, 512)


def test_local_file_keeps_a_fitting_last_layer(tmp_path):
    source = build_model("resnet18", 3, weights="none")
    path = tmp_path / "model.pt"
    # Wrapped in a checkpoint dict and saved from DataParallel: both are unwrapped.
    torch.save(
        {"epoch": 3, "state_dict": {f"module.{k}": v for k, v in source.state_dict().items()}}, path
    )
    network = build_model("resnet18", 3, weights=str(path))
    for key, value in source.state_dict().items():
        assert torch.equal(network.state_dict()[key], value), key


def test_local_safetensors_and_missing_batch_counters(tmp_path, imagenet18):
    from safetensors.torch import save_file

    old_style = {k: v for k, v in imagenet18.items() if not k.endswith("num_batches_tracked")}
    path = tmp_path / "weights.safetensors"
    save_file(old_style, str(path))
    network = build_model("resnet18", 2, weights=path)
    assert_backbone_equal(network, old_style)


def test_resnet50_file_into_resnet18_names_resnet50(tmp_path):
    path = tmp_path / "big.pth"
    torch.save(torchvision.models.resnet50().state_dict(), path)
    with pytest.raises(ArchitectureMismatchError) as caught:
        build_model("resnet18", 3, weights=path)
    message = str(caught.value)
    assert "resnet50" in message and "resnet18" in message and "big.pth" in message
    assert caught.value.kind == "architecture_mismatch"
    assert caught.value.details == {"path": str(path), "arch": "resnet18", "detected": "resnet50"}


def test_partial_file_is_a_mismatch(tmp_path, imagenet18):
    path = tmp_path / "partial.pth"
    torch.save({k: v for k, v in imagenet18.items() if not k.startswith("layer4")}, path)
    with pytest.raises(ArchitectureMismatchError, match="does not fit resnet18"):
        build_model("resnet18", 3, weights=path)


class NotATensor:
    pass


@pytest.mark.parametrize(
    "name, content",
    [
        ("notes.txt", b"hello, these are not weights\n"),
        ("random.pth", bytes(range(256)) * 8),
        ("damaged.safetensors", (100).to_bytes(8, "little") + b'{"a": 1'),
        ("empty.pth", b""),
    ],
)
def test_unreadable_files_give_a_plain_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ModelFileError) as caught:
        build_model("resnet18", 3, weights=path)
    assert name in str(caught.value)


def test_pickled_objects_are_refused_not_run(tmp_path):
    path = tmp_path / "pickled.pth"
    torch.save({"fc.weight": torch.zeros(2, 512), "thing": NotATensor()}, path)
    with pytest.raises(ModelFileError, match="refuses to load"):
        load_state_dict_file(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ModelFileError, match="does not exist"):
        build_model("resnet18", 3, weights=tmp_path / "nope.pth")
    with pytest.raises(ModelFileError, match="folder"):
        build_model("resnet18", 3, weights=tmp_path)


# --------------------------------------------------------------------------- detection


def test_detect_architecture_of_every_registry_entry():
    for arch in ARCHITECTURES:
        state = new_network(arch, 7, device="meta").state_dict()
        assert detect_architecture(state) == arch, arch


def test_detect_architecture_ignores_head_prefix_and_counters(imagenet18):
    state = {f"module.{k}": v for k, v in imagenet18.items() if "num_batches" not in k}
    assert detect_architecture(state) == "resnet18"
    assert detect_architecture({"weight": torch.zeros(3)}) is None
    assert detect_architecture({}) is None


def _with_real_statistics(network: torch.nn.Module, seed: int) -> torch.nn.Module:
    """Batch norms with the kind of scales and shifts a trained network has, not 1 and 0."""
    generator = torch.Generator().manual_seed(seed)
    for module in network.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            n = module.num_features
            module.running_mean.copy_(torch.randn(n, generator=generator) * 0.5)
            module.running_var.copy_(torch.rand(n, generator=generator) * 2 + 0.1)
            module.weight.data.copy_(torch.rand(n, generator=generator) + 0.5)
            module.bias.data.copy_(torch.randn(n, generator=generator) * 0.2)
    return network.eval()


@pytest.mark.parametrize("arch", ["resnet18", "resnet50"])  # basic blocks and bottlenecks
def test_folding_batch_norm_keeps_the_function_and_leaves_the_original(arch):
    torch.manual_seed(0)
    network = _with_real_statistics(getattr(torchvision.models, arch)(num_classes=4), seed=1)
    original = {k: v.clone() for k, v in network.state_dict().items()}
    folded = models.fold_batchnorm(network)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in folded.modules())
    # The network itself, which is saved and explained, is left exactly as it was.
    assert network.state_dict().keys() == original.keys()
    assert all(torch.equal(v, original[k]) for k, v in network.state_dict().items())
    x = torch.randn(2, 3, 96, 96)
    with torch.no_grad():
        expected, got = network(x), folded(x)
    assert torch.allclose(got, expected, rtol=1e-4, atol=1e-4), (got - expected).abs().max()
