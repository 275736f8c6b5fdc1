"""Finding near duplicates: the same photo resized, recompressed or with its borders cropped.

Each photo is reduced to a small greyscale thumbnail (``THUMB`` x ``THUMB``,
aspect ratio ignored). Two photos are near duplicates when one, cropped by up
to ``MAX_CROP`` of its width or height on each side, lines up with the other
closely: the correlation of the aligned thumbnails is at least
``SAME_PHOTO_CORRELATION``.

Comparing every pair with every crop would be slow for large folders, so the
search narrows in three steps:

1. candidates: each photo's nearest neighbours by a blurred 8x8 thumbnail,
   which a few percent of cropping barely changes;
2. a quick test of the column and row profiles (mean brightness per column
   and per row) against every crop of the other photo, vectorised over all
   candidate pairs;
3. for the pairs that pass, a crop is guessed from the profiles and the
   aligned thumbnails (and their fine detail) are compared; pairs that come
   close get the crop refined column-wise and row-wise in turn.

On generated test scenes, different photos of one composed scene scored at
most 0.84 and edited copies (half size, JPEG quality 40, 5% cropped on every
side, 8% off one side) at least 0.93; the threshold sits between.
Nothing here imports torch or Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageFilter

THUMB = 64  # thumbnail side, in cells
PROFILE = 24  # samples of a (cropped) profile
MAX_CROP = 0.12
CROP_STEPS = np.linspace(0.0, MAX_CROP, 13)  # 0, 1%, ..., 12% on each side
SAME_PHOTO_CORRELATION = 0.9
# Steps 1 and 2 only narrow the search: generous, so that no copy is lost.
NEIGHBOURS = 16
PROFILE_CORRELATION = 0.6
REFINE_FROM = 0.5  # a first alignment this good is worth refining


def thumbnail(image: Image.Image) -> np.ndarray:
    """The greyscale ``THUMB`` x ``THUMB`` thumbnail (uint8) that fingerprints a photo."""
    grey = image.convert("L").resize((THUMB, THUMB), Image.Resampling.BOX)
    return np.asarray(grey, dtype=np.uint8)


def _resampling(low: float, high: float, size: int = PROFILE) -> np.ndarray:
    """A (size, THUMB) matrix that samples the span [low, high] of a profile linearly."""
    centres = low + (np.arange(size) + 0.5) / size * (high - low)
    position = centres * THUMB - 0.5
    below = np.clip(np.floor(position).astype(int), 0, THUMB - 1)
    above = np.clip(below + 1, 0, THUMB - 1)
    weight = (position - np.floor(position)).astype(np.float32)
    matrix = np.zeros((size, THUMB), np.float32)
    rows = np.arange(size)
    np.add.at(matrix, (rows, below), 1 - weight)
    np.add.at(matrix, (rows, above), weight)
    return matrix


_CROPS = np.array([(low, high) for low in CROP_STEPS for high in CROP_STEPS])
_CROPPED = np.stack([_resampling(low, 1 - high) for low, high in _CROPS])  # crops, PROFILE, THUMB
_WHOLE = _resampling(0.0, 1.0)
# All crops at once as one matrix: profiles (n, THUMB) @ _ALL_CROPS -> (n, crops * PROFILE).
_ALL_CROPS = _CROPPED.transpose(2, 0, 1).reshape(THUMB, -1)


def _every_crop(profiles: np.ndarray) -> np.ndarray:
    """Each profile (n, THUMB) resampled at every crop: (n, crops, PROFILE), normalised."""
    return _normalised((profiles @ _ALL_CROPS).reshape(len(profiles), len(_CROPS), PROFILE))


def _match(cropped: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per pair, the correlation of every crop's profile with the target: (pairs, crops)."""
    return np.matmul(cropped, target[:, :, None])[..., 0]


def _normalised(values: np.ndarray) -> np.ndarray:
    """Zero mean and unit length along the last axis (flat inputs stay zero)."""
    centred = values - values.mean(axis=-1, keepdims=True)
    length = np.linalg.norm(centred, axis=-1, keepdims=True)
    return centred / np.maximum(length, 1e-6)


class _Prints:
    """The per-photo arrays the three steps use, computed once."""

    def __init__(self, thumbs: np.ndarray) -> None:
        self.thumbs = thumbs.astype(np.float32)
        columns = self.thumbs.mean(axis=1)
        rows = self.thumbs.mean(axis=2)
        self.columns_cropped = _every_crop(columns)
        self.rows_cropped = _every_crop(rows)
        self.columns = _normalised(columns @ _WHOLE.T)
        self.rows = _normalised(rows @ _WHOLE.T)
        whole_picture = _WHOLE @ self.thumbs @ _WHOLE.T
        self.whole = _normalised(whole_picture.reshape(len(thumbs), -1))
        self.detail = _normalised(_detail(whole_picture).reshape(len(thumbs), -1))
        blurred = [
            Image.fromarray(t).filter(ImageFilter.GaussianBlur(4)).resize((8, 8), Image.BOX)
            for t in thumbs
        ]
        self.coarse = _normalised(np.stack([np.asarray(b, np.float32).ravel() for b in blurred]))


def _candidates(prints: _Prints, neighbours: int) -> np.ndarray:
    """Pairs (i < j) where one is among the other's nearest neighbours by the coarse print."""
    count = len(prints.coarse)
    k = min(neighbours, count - 1)
    found = []
    for start in range(0, count, 1024):  # bounded memory for large folders
        similarity = prints.coarse[start : start + 1024] @ prints.coarse.T
        rows = np.arange(similarity.shape[0])
        similarity[rows, start + rows] = -2.0  # not oneself
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        found.append(np.stack([np.repeat(start + rows, k), nearest.ravel()], axis=1))
    pairs = np.sort(np.concatenate(found), axis=1)
    # One number per pair: a plain sort (a row-wise unique would hold Python's lock).
    codes = np.unique(pairs[:, 0] * count + pairs[:, 1])
    return np.stack([codes // count, codes % count], axis=1)


def _either_way(cropped: np.ndarray, whole: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Per pair, the best match of any crop of one with the whole of the other, either way."""
    a, b = pairs[:, 0], pairs[:, 1]
    one_way = _match(cropped[a], whole[b]).max(axis=1)
    return np.maximum(one_way, _match(cropped[b], whole[a]).max(axis=1))


def _profiles_agree(prints: _Prints, pairs: np.ndarray) -> np.ndarray:
    """Whether, in either direction, a crop's column and row profiles match the other's."""
    agree = np.zeros(len(pairs), bool)
    for start in range(0, len(pairs), 4096):  # bounded memory
        part = pairs[start : start + 4096]
        columns = _either_way(prints.columns_cropped, prints.columns, part)
        rows = _either_way(prints.rows_cropped, prints.rows, part)
        agree[start : start + 4096] = np.minimum(columns, rows) >= PROFILE_CORRELATION
    return agree


def _detail(pictures: np.ndarray) -> np.ndarray:
    """Each picture minus its 3x3 local mean: the fine structure that tells scenes apart."""
    padded = np.pad(pictures, ((0, 0), (1, 1), (1, 1)), mode="edge")
    size = pictures.shape[-1]
    local = sum(padded[:, y : y + size, x : x + size] for y in range(3) for x in range(3)) / 9
    return pictures - local


def _best_crop(profiles: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per pair, the index of the crop of ``profiles`` that best matches ``target``."""
    return _match(_every_crop(profiles), target).argmax(axis=1)


def _profile_within(cumulative: np.ndarray, crop: np.ndarray) -> np.ndarray:
    """Means over the span each pair's crop keeps, from cumulative sums (pairs, THUMB, THUMB+1)."""
    low = np.rint(_CROPS[crop, 0] * THUMB).astype(int)
    high = THUMB - np.rint(_CROPS[crop, 1] * THUMB).astype(int)
    pairs = np.arange(len(crop))
    return (cumulative[pairs, :, high] - cumulative[pairs, :, low]) / (high - low)[:, None]


def _aligned_score(
    prints: _Prints, originals: np.ndarray, copies: np.ndarray, down: np.ndarray, across: np.ndarray
) -> np.ndarray:
    """The smaller of the correlations of the aligned thumbnails and of their fine detail."""
    pictures = prints.thumbs[originals]
    aligned = _CROPPED[down] @ pictures @ _CROPPED[across].transpose(0, 2, 1)
    flat = _normalised(aligned.reshape(len(copies), -1))
    whole = (flat * prints.whole[copies]).sum(axis=1)
    detail = _normalised(_detail(aligned).reshape(len(copies), -1))
    return np.minimum(whole, (detail * prints.detail[copies]).sum(axis=1))


def _crop_scores(prints: _Prints, originals: np.ndarray, copies: np.ndarray) -> np.ndarray:
    """How well each copy matches its original cropped at the best crop found.

    A first guess takes the crop across from the column profiles and the crop
    down from the row profiles, each over the whole picture. Pairs that come
    close are then aligned better: rows within the columns found, columns
    within the rows found, twice; the best of the two scores counts.
    """
    columns = prints.columns[copies]
    rows = prints.rows[copies]
    across = _match(prints.columns_cropped[originals], columns).argmax(axis=1)
    down = _match(prints.rows_cropped[originals], rows).argmax(axis=1)
    scores = _aligned_score(prints, originals, copies, down, across)
    close = np.flatnonzero(scores >= REFINE_FROM)
    if len(close) == 0:
        return scores
    pictures = prints.thumbs[originals[close]]
    zero = np.zeros((len(close), THUMB, 1), np.float32)
    by_rows = np.concatenate([zero, np.cumsum(pictures, axis=2)], axis=2)
    by_columns = np.concatenate([zero, np.cumsum(pictures.transpose(0, 2, 1), axis=2)], axis=2)
    across_close = across[close]
    for _ in range(2):
        down_close = _best_crop(_profile_within(by_rows, across_close), rows[close])
        across_close = _best_crop(_profile_within(by_columns, down_close), columns[close])
    better = _aligned_score(prints, originals[close], copies[close], down_close, across_close)
    scores[close] = np.maximum(scores[close], better)
    return scores


def _pair_scores(prints: _Prints, pairs: np.ndarray) -> np.ndarray:
    scores = np.empty(len(pairs), np.float32)
    for start in range(0, len(pairs), 512):  # bounded memory
        part = pairs[start : start + 512]
        one_way = _crop_scores(prints, part[:, 0], part[:, 1])
        other_way = _crop_scores(prints, part[:, 1], part[:, 0])
        scores[start : start + 512] = np.maximum(one_way, other_way)
    return scores


def same_photo_score(thumb_a: np.ndarray, thumb_b: np.ndarray) -> float:
    """The alignment score of two thumbnails (1.0: the same picture), either way round."""
    prints = _Prints(np.stack([thumb_a, thumb_b]))
    return float(_pair_scores(prints, np.array([[0, 1]]))[0])


def near_duplicate_pairs(thumbs: Sequence[np.ndarray] | np.ndarray) -> list[tuple[int, int]]:
    """Index pairs (i < j) of thumbnails that show the same photo, however edited."""
    if len(thumbs) < 2:
        return []
    prints = _Prints(np.stack(list(thumbs)))
    pairs = _candidates(prints, NEIGHBOURS)
    pairs = pairs[_profiles_agree(prints, pairs)]
    scores = _pair_scores(prints, pairs)
    return [tuple(pair) for pair in pairs[scores >= SAME_PHOTO_CORRELATION].tolist()]


def groups(count: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected groups (two or more members, sorted) of ``count`` items linked by ``pairs``."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(count):
        members.setdefault(root(i), []).append(i)
    return sorted((m for m in members.values() if len(m) > 1), key=lambda m: m[0])
