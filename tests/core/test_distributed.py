"""Several processes, the parts that need none: who is who, the shares, the votes, --gpus."""

from __future__ import annotations

import pytest

from flowerclf.cli import cli_message
from flowerclf.core import distributed
from flowerclf.core.config import TrainingConfig
from flowerclf.core.data import Sample
from flowerclf.core.errors import FlowerclfError, InvalidSettingError
from flowerclf.core.events import MessageEvent
from flowerclf.core.loading import BatchLoader
from flowerclf.core.training import check_processes
from flowerclf.launch import processes_for, torchrun_arguments, without_gpus
from tests.imagegen import make_image


class FixedOrder:
    """A process's share that is simply the first ``count`` photos, in order."""

    def __init__(self, count: int):
        self.count = count

    def order(self, epoch: int) -> list[int]:
        return list(range(self.count))

    def __len__(self) -> int:
        return self.count


def test_torchruns_variables_say_who_this_process_is():
    assert distributed.from_environment({}) == distributed.SINGLE
    world = distributed.from_environment(
        {"RANK": "3", "WORLD_SIZE": "4", "LOCAL_RANK": "1", "LOCAL_WORLD_SIZE": "2"}
    )
    assert (world.rank, world.world_size, world.local_rank, world.local_world_size) == (3, 4, 1, 2)
    assert not world.is_main and not world.active  # no process group joined yet
    alone = distributed.from_environment({"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "0"})
    assert alone.is_main and alone.world_size == 1


def test_validation_shares_cover_every_image_exactly_once():
    for count in (0, 1, 9, 10):
        for size in (1, 2, 3, 4):
            shares = [distributed.shard(count, distributed.World(r, size)) for r in range(size)]
            taken = sorted(i for share in shares for i in share)
            assert taken == list(range(count))  # no padding, no image twice


def test_training_shares_are_equal_and_reshuffled_every_epoch():
    worlds = [distributed.World(r, 3) for r in range(3)]
    orders = [distributed.EpochOrder(10, w, seed=7) for w in worlds]
    first = [o.order(1) for o in orders]
    assert {len(share) for share in first} == {4}  # 10 photos, 3 processes: 4 steps' worth each
    assert set().union(*first) == set(range(10))
    assert [o.order(1) for o in orders] == first  # repeatable
    assert [o.order(2) for o in orders] != first  # set_epoch reshuffles


def test_alone_the_collective_steps_change_nothing():
    world = distributed.SINGLE
    assert distributed.broadcast_int(world, 42) == 42
    assert distributed.all_sum(world, [1.0, 2.0]).tolist() == [1.0, 2.0]
    assert distributed.step_votes(world, False, False, 8) == (False, False, 8)
    events = []
    assert distributed.main_only(world, events.append) == events.append
    distributed.main_only(distributed.World(1, 2), events.append)(MessageEvent("not heard"))
    assert events == []


def test_a_lost_peer_is_a_plain_error():
    error = distributed.process_lost(
        distributed.World(0, 2), RuntimeError("[gloo] Connection closed by peer")
    )
    assert isinstance(error, FlowerclfError) and error.kind == "process_lost"
    assert "Another of the 2 training processes stopped answering" in str(error)
    assert "--resume" in cli_message(error)
    assert distributed.is_communication_failure(RuntimeError("Connection closed by peer"))
    assert not distributed.is_communication_failure(RuntimeError("shape mismatch"))


def test_a_share_of_unreadable_photos_still_takes_its_step(tmp_path):
    good = make_image(tmp_path / "good.png", size=(40, 40))
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a picture")
    samples = [Sample(bad, 0), Sample(bad, 0), Sample(good, 1), Sample(good, 1)]

    # this process's share: the two unreadable photos, then two good ones
    with BatchLoader(samples, 32, 2, train=True, workers=1, order=FixedOrder(4)) as loader:
        batches = list(loader.epoch(1))
        again = list(loader.epoch(2))
    assert len(loader) == 2
    assert [len(b.indices) for b in batches] == [0, 2] == [len(b.indices) for b in again]
    assert batches[0].images.shape == (0, 3, 32, 32)


def test_the_batch_must_divide_among_the_processes():
    check_processes(TrainingConfig(batch_size=16), 4)
    with pytest.raises(InvalidSettingError) as refused:
        check_processes(TrainingConfig(batch_size=18), 4)
    assert refused.value.details["setting"] == "batch_size"
    assert cli_message(refused.value).startswith("--batch-size: The batch size (18)")
    with pytest.raises(InvalidSettingError):
        check_processes(TrainingConfig(freeze_backbone=True), 2)


def test_gpus_asks_for_no_more_than_the_computer_has():
    assert processes_for("2", "auto", available=4) == 2
    assert processes_for("all", "cuda", available=4) == 4
    assert processes_for("3", "cpu", available=0) == 3  # gloo processes, to try it
    with pytest.raises(FlowerclfError) as none:
        processes_for("2", "auto", available=0)
    assert "No CUDA GPU" in str(none.value)
    assert "--device cpu" in cli_message(none.value)
    with pytest.raises(FlowerclfError) as few:
        processes_for("8", "auto", available=2)
    assert "This computer has 2 CUDA GPUs; training on 8 needs 8." in str(few.value)
    assert "--gpus 2" in cli_message(few.value)
    for wrong in ("0", "two", "-1"):
        with pytest.raises(InvalidSettingError):
            processes_for(wrong, "auto", available=2)
    with pytest.raises(FlowerclfError):
        processes_for("2", "mps", available=0)


def test_each_process_runs_the_command_without_gpus():
    argv = ["train", "data", "-o", "m.safetensors", "--gpus", "2", "--epochs", "1", "--gpus=3"]
    assert without_gpus(argv) == ["train", "data", "-o", "m.safetensors", "--epochs", "1"]
    args = torchrun_arguments(2, argv)
    assert args[:4] == ["--standalone", "--nproc-per-node=2", "--module", "flowerclf"]
    assert "--gpus" not in args and args[4:6] == ["train", "data"]
