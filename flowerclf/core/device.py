"""Which device and which number format a run uses.

``auto`` picks a CUDA GPU, then Apple's MPS, then the CPU. On the CPU,
bfloat16 autocast is only chosen where the processor computes it natively
(AVX-512 BF16 or AMX): there it roughly doubles training speed; elsewhere it
would be emulated and slower than fp32.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from functools import lru_cache

import torch

from flowerclf.core.config import DEVICE_CHOICES, PRECISION_CHOICES
from flowerclf.core.errors import (
    DEVICE_UNAVAILABLE,
    PRECISION_UNAVAILABLE,
    UNKNOWN_DEVICE,
    UNKNOWN_PRECISION,
    DeviceError,
)

__all__ = [
    "DEVICE_CHOICES",
    "PRECISION_CHOICES",
    "Precision",
    "choose_precision",
    "cpu_has_native_bf16",
    "cpu_name",
    "describe_device",
    "resolve_device",
]

# The number formats in words, for messages a person reads.
#: How a log line for anyone names them: what it means, not what it is called.
PLAIN_PRECISION_WORDS = {
    "fp32": "full precision",
    "bf16": "fast 16-bit precision",
    "fp16": "fast 16-bit precision",
}
PRECISION_WORDS = {
    "fp32": "full precision (fp32)",
    "bf16": "bfloat16 (bf16)",
    "fp16": "half precision (fp16)",
}


def resolve_device(name: str | torch.device = "auto") -> torch.device:
    """Turn ``auto``/``cpu``/``cuda``/``cuda:1``/``mps`` into a usable ``torch.device``."""
    if isinstance(name, torch.device):
        return name
    name = (name or "auto").strip().lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cpu":
        return torch.device("cpu")
    if name.startswith("cuda"):
        if not torch.cuda.is_available():
            raise DeviceError(
                "No CUDA GPU is available on this computer; use the CPU instead.",
                DEVICE_UNAVAILABLE,
                device=name,
            )
        return torch.device(name)
    if name == "mps":
        if not _mps_available():
            raise DeviceError(
                "Apple's MPS device is not available here; use the CPU instead.",
                DEVICE_UNAVAILABLE,
                device=name,
            )
        return torch.device("mps")
    raise DeviceError(
        f"Unknown device '{name}'. Choose one of: {', '.join(DEVICE_CHOICES)}.",
        UNKNOWN_DEVICE,
        device=name,
        choices=list(DEVICE_CHOICES),
    )


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


@lru_cache(maxsize=1)
def cpu_name() -> str:
    """The processor's model name, as the operating system reports it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


@lru_cache(maxsize=1)
def cpu_has_native_bf16() -> bool:
    """True when the CPU computes bfloat16 matrix products in hardware."""
    try:
        caps = torch._C._cpu._get_cpu_capability()  # noqa: SLF001 - only way to ask torch
        return bool(caps.get("avx512_bf16") or caps.get("amx_bf16"))
    except Exception:  # older torch: fall back to the kernel's flags
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
                flags = cpuinfo.read()
            return "avx512_bf16" in flags or "amx_bf16" in flags
        except OSError:
            return False


def describe_device(device: torch.device) -> str:
    """A short name for people: 'CPU (AMD EPYC, 2 cores)' or the GPU's name."""
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    if device.type == "mps":
        return "Apple GPU (MPS)"
    return f"CPU ({cpu_name()}, {os.cpu_count() or 1} cores)"


@dataclass(frozen=True)
class Precision:
    """The number format of the heavy maths: autocast dtype, or None for fp32."""

    autocast_dtype: torch.dtype | None
    use_grad_scaler: bool = False

    @property
    def name(self) -> str:
        if self.autocast_dtype is torch.bfloat16:
            return "bf16"
        if self.autocast_dtype is torch.float16:
            return "fp16"
        return "fp32"

    @property
    def words(self) -> str:
        """The format in words: 'full precision (fp32)', 'bfloat16 (bf16)'..."""
        return PRECISION_WORDS[self.name]

    @property
    def plain_words(self) -> str:
        """ "fast 16-bit precision": for a log read by people who do not program."""
        return PLAIN_PRECISION_WORDS[self.name]

    def autocast(self, device: torch.device):
        """A context manager: autocast when a reduced format is used, else nothing."""
        enabled = self.autocast_dtype is not None
        return torch.autocast(
            device_type=device.type,
            dtype=self.autocast_dtype or torch.float32,
            enabled=enabled,
        )


def choose_precision(device: torch.device, requested: str = "auto") -> Precision:
    """Pick the fastest format that keeps accuracy, or honour an explicit request."""
    requested = (requested or "auto").lower()
    if requested not in PRECISION_CHOICES:
        words = ", ".join(["auto", *PRECISION_WORDS.values()])
        raise DeviceError(
            f"Unknown number format '{requested}'. Choose one of: {words}.",
            UNKNOWN_PRECISION,
            precision=requested,
            choices=list(PRECISION_CHOICES),
        )
    if requested == "fp32":
        return Precision(None)
    if device.type == "cuda":
        bf16_ok = torch.cuda.is_bf16_supported()
        if requested == "bf16" or (requested == "auto" and bf16_ok):
            return Precision(torch.bfloat16)
        return Precision(torch.float16, use_grad_scaler=True)
    if device.type == "cpu":
        if requested == "bf16" or (requested == "auto" and cpu_has_native_bf16()):
            return Precision(torch.bfloat16)
        if requested == "fp16":
            raise DeviceError(
                "Half precision (fp16) is only offered on a GPU; on the CPU, use bfloat16 "
                "(bf16) or full precision (fp32).",
                PRECISION_UNAVAILABLE,
                precision=requested,
                device="cpu",
            )
        return Precision(None)
    # MPS: fp16 autocast is the supported reduced format
    if requested in ("fp16", "auto"):
        return Precision(torch.float16) if requested == "fp16" else Precision(None)
    return Precision(torch.bfloat16)
