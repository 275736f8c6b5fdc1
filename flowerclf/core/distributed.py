"""Training in several processes at once: torchrun's environment, PyTorch's process group.

Started by ``torchrun`` (or ``flowerclf train --gpus N``), every process runs
the same ``train`` call; this module tells it which one it is (its rank among
``world_size``), joins PyTorch's process group (NCCL between CUDA GPUs, gloo
on the CPU) and offers the few collective steps the trainer needs: a shared
seed, summed counts, a vote to stop or skip a step. Only the first process
(rank 0) writes files and speaks; :func:`main_only` silences the others.

Without torchrun's variables (or with a world of one) nothing here starts a
process group and every helper is a no-op, so the single-process trainer is
unchanged.

A process that dies ends the run: torchrun stops the others at once, and a
collective step that waits for a lost peer gives up after
``FLOWERCLF_DIST_TIMEOUT`` seconds (600 unless set), so a run never hangs.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import torch

from flowerclf.core.errors import PROCESS_LOST, FlowerclfError
from flowerclf.core.events import ProgressCallback, ignore_event

__all__ = [
    "World",
    "SINGLE",
    "all_sum",
    "broadcast_buffers",
    "broadcast_int",
    "from_environment",
    "main_only",
    "shard",
    "start",
]

DEFAULT_TIMEOUT_S = 600.0
#: For tests only: "RANK:EPOCH:STEP" makes that process exit abruptly at that step.
TEST_EXIT_VARIABLE = "FLOWERCLF_TEST_EXIT_AT"


@dataclass(frozen=True)
class World:
    """This process's place among the processes of one training run."""

    rank: int = 0
    world_size: int = 1
    local_rank: int = 0
    local_world_size: int = 1
    backend: str | None = None  # "nccl" or "gloo" once a process group is up

    @property
    def is_main(self) -> bool:
        """The one process that writes files and prints (rank 0)."""
        return self.rank == 0

    @property
    def active(self) -> bool:
        """More than one process takes part: gradients and counts are shared."""
        return self.world_size > 1 and self.backend is not None


SINGLE = World()


def from_environment(environ: dict | None = None) -> World:
    """Who this process is, from torchrun's variables (a world of one without them)."""
    env = os.environ if environ is None else environ
    try:
        world_size = int(env.get("WORLD_SIZE", "1"))
        rank = int(env.get("RANK", "0"))
        local_rank = int(env.get("LOCAL_RANK", str(rank)))
        local_world_size = int(env.get("LOCAL_WORLD_SIZE", str(world_size)))
    except ValueError:
        return SINGLE
    if world_size <= 1:
        return World(local_rank=local_rank)
    return World(rank, world_size, local_rank, local_world_size)


def timeout_seconds(environ: dict | None = None) -> float:
    env = os.environ if environ is None else environ
    try:
        value = float(env.get("FLOWERCLF_DIST_TIMEOUT", DEFAULT_TIMEOUT_S))
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if value > 0 else DEFAULT_TIMEOUT_S


def start(device: torch.device, world: World | None = None) -> tuple[World, torch.device]:
    """Join the process group if torchrun started several processes: (world, device to use).

    On CUDA each process takes the GPU of its local rank and the processes
    talk through NCCL; on the CPU through gloo. Joining twice is harmless.
    """
    world = world if world is not None else from_environment()
    if world.world_size <= 1:
        return world, device
    import torch.distributed as dist

    if device.type == "cuda":
        device = torch.device("cuda", world.local_rank)
        torch.cuda.set_device(device)
        backend = "nccl"
    else:
        backend = "gloo"
    if not dist.is_initialized():
        kwargs = {"device_id": device} if backend == "nccl" else {}
        dist.init_process_group(
            backend, timeout=datetime.timedelta(seconds=timeout_seconds()), **kwargs
        )
    return World(world.rank, world.world_size, world.local_rank, world.local_world_size, backend), (
        device
    )


def finish(world: World) -> None:
    """Leave the process group (after the last collective step of the run)."""
    if not world.active:
        return
    import torch.distributed as dist

    if dist.is_initialized():
        dist.destroy_process_group()


def _collective_device(world: World) -> torch.device:
    if world.backend == "nccl":
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def all_sum(world: World, values: Sequence[float] | torch.Tensor) -> torch.Tensor:
    """The element-wise sum over every process of ``values`` (float64, on the CPU)."""
    tensor = torch.as_tensor(values, dtype=torch.float64).flatten()
    if not world.active:
        return tensor
    import torch.distributed as dist

    on_device = tensor.to(_collective_device(world))
    dist.all_reduce(on_device, op=dist.ReduceOp.SUM)
    return on_device.cpu()


def broadcast_int(world: World, value: int) -> int:
    """Rank 0's ``value``, on every process (a seed drawn at random, say)."""
    if not world.active:
        return value
    import torch.distributed as dist

    tensor = torch.tensor([value], dtype=torch.int64, device=_collective_device(world))
    dist.broadcast(tensor, src=0)
    return int(tensor.item())


def broadcast_buffers(world: World, network: torch.nn.Module) -> None:
    """Give every process rank 0's batch-norm statistics, the ones its model file will hold."""
    if not world.active:
        return
    import torch.distributed as dist

    for buffer in network.buffers():
        dist.broadcast(buffer.data, src=0)


def shard(count: int, world: World) -> list[int]:
    """This process's share of ``count`` items, every item in exactly one share (no padding).

    For validation: each process scores its share and the sums are added up,
    so no image is counted twice.
    """
    return list(range(world.rank, count, world.world_size))


def main_only(world: World, progress: ProgressCallback) -> ProgressCallback:
    """``progress`` on rank 0; a callback that drops everything on the other processes."""
    return progress if world.is_main else ignore_event


class EpochOrder:
    """A ``DistributedSampler`` over ``count`` items: this process's shuffled share per epoch.

    Every process draws the same permutation (``seed`` + epoch) and takes every
    ``world_size``-th item of it, padded so that all shares have the same
    length: every process then takes the same number of steps.
    """

    def __init__(self, count: int, world: World, seed: int, shuffle: bool = True):
        from torch.utils.data import DistributedSampler

        self.sampler = DistributedSampler(
            range(count),
            num_replicas=world.world_size,
            rank=world.rank,
            shuffle=shuffle,
            seed=seed,
            drop_last=False,
        )

    def order(self, epoch: int) -> list[int]:
        self.sampler.set_epoch(epoch)
        return list(self.sampler)

    def __len__(self) -> int:
        return len(self.sampler)

    def __iter__(self) -> Iterator[int]:
        return iter(self.sampler)


def step_votes(world: World, stop: bool, empty: bool, images: int) -> tuple[bool, bool, int]:
    """One vote per step: does any process want to stop, has any an empty batch; images in all.

    Every process must take the same steps, or the others would wait on it;
    this keeps them in step whatever one of them finds (a vanished folder, a
    batch of unreadable photos).
    """
    if not world.active:
        return stop, empty, images
    votes = all_sum(world, [float(stop), float(empty), float(images)])
    return bool(votes[0] > 0), bool(votes[1] > 0), int(votes[2])


_COMMUNICATION_WORDS = ("gloo", "nccl", "connection", "timed out", "timeout", "peer")


def is_communication_failure(error: BaseException) -> bool:
    """An error of the processes' communication (a lost peer, a timeout), not of the maths."""
    import torch.distributed as dist

    if isinstance(error, getattr(dist, "DistError", ())):
        return True
    text = str(error).lower()
    return isinstance(error, RuntimeError) and any(word in text for word in _COMMUNICATION_WORDS)


def process_lost(world: World, error: BaseException) -> FlowerclfError:
    """The plain error of a run that lost one of its processes."""
    return FlowerclfError(
        f"Another of the {world.world_size} training processes stopped answering (it ended, "
        "or its computer went away), so this one stopped too.",
        PROCESS_LOST,
        processes=world.world_size,
        reason=str(error).splitlines()[0][:200] if str(error) else type(error).__name__,
    )


def exit_for_test(world: World, epoch: int, step: int) -> None:
    """End this process abruptly where ``FLOWERCLF_TEST_EXIT_AT`` says (tests of a lost process)."""
    wanted = os.environ.get(TEST_EXIT_VARIABLE)
    if wanted and wanted.replace(" ", "") == f"{world.rank}:{epoch}:{step}":
        os._exit(3)
