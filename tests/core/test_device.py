"""Devices and number formats: the choices, and plain errors that carry their kind."""

from __future__ import annotations

import pytest
import torch

from flowerclf.core.device import Precision, choose_precision, resolve_device
from flowerclf.core.errors import DeviceError

CPU = torch.device("cpu")


def test_the_cpu_and_auto_always_resolve():
    assert resolve_device("cpu") == CPU
    assert resolve_device(" CPU ") == CPU
    assert resolve_device("auto").type in ("cpu", "cuda", "mps")


def test_an_unknown_device_names_the_choices():
    with pytest.raises(DeviceError) as caught:
        resolve_device("tpu")
    assert caught.value.kind == "unknown_device"
    assert caught.value.details == {"device": "tpu", "choices": ["auto", "cpu", "cuda", "mps"]}


@pytest.mark.skipif(torch.cuda.is_available(), reason="this computer has a CUDA GPU")
def test_a_missing_gpu_is_device_unavailable_without_flags():
    with pytest.raises(DeviceError) as caught:
        resolve_device("cuda")
    assert caught.value.kind == "device_unavailable"
    assert caught.value.details == {"device": "cuda"}
    assert "--" not in str(caught.value) and "CPU" in str(caught.value)


def test_half_precision_on_the_cpu_is_refused_in_words():
    with pytest.raises(DeviceError) as caught:
        choose_precision(CPU, "fp16")
    error = caught.value
    assert error.kind == "precision_unavailable"
    assert error.details == {"precision": "fp16", "device": "cpu"}
    message = str(error)
    assert "Half precision (fp16)" in message and "full precision (fp32)" in message
    assert "--" not in message


def test_an_unknown_number_format_names_the_choices():
    with pytest.raises(DeviceError) as caught:
        choose_precision(CPU, "fp8")
    assert caught.value.kind == "unknown_precision"
    assert caught.value.details["choices"] == ["auto", "fp32", "bf16", "fp16"]


def test_formats_have_names_and_words():
    assert choose_precision(CPU, "fp32") == Precision(None)
    assert (Precision(None).name, Precision(None).words) == ("fp32", "full precision (fp32)")
    bf16 = choose_precision(CPU, "bf16")
    assert (bf16.name, bf16.words) == ("bf16", "bfloat16 (bf16)")
