"""Finding near duplicates: the same photo resized, recompressed or with its borders cropped.

Each photo is reduced to a small greyscale thumbnail (``THUMB`` x ``THUMB``,
aspect ratio ignored) and a smaller colour one (``COLOUR`` x ``COLOUR``). Two
photos are near duplicates when one, cropped by up to ``MAX_CROP`` of its
width or height on each side, lines up with the other closely: the
correlation of the aligned grey thumbnails (and of their fine detail) is at
least ``SAME_PHOTO_CORRELATION``, and at that alignment their colours agree,
block by block (``COARSE`` x ``COARSE`` blocks), to at least ``SAME_COLOURS``.

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
side, 8% off one side) at least 0.93; the threshold sits between. Grey alone
is not enough for smooth pictures that are all one kind (one drawn flower
centred on a blurred green): different ones scored up to 0.96, as their
outlines and a large flat flower dominate the grey. Their backgrounds differ,
and the block colours say so: different drawings agreed to at most 0.995,
edited copies of drawings and of photos to at least 0.9967 (1 - r: 0.0051
against 0.0033); ``SAME_COLOURS`` sits between.
Nothing here imports torch or Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageFilter

THUMB = 64  # thumbnail side, in cells
COLOUR = 32  # colour thumbnail side, in cells
COARSE = 6  # colours are compared in COARSE x COARSE blocks of the aligned picture
PROFILE = 24  # samples of a (cropped) profile
MAX_CROP = 0.12
CROP_STEPS = np.linspace(0.0, MAX_CROP, 13)  # 0, 1%, ..., 12% on each side
SAME_PHOTO_CORRELATION = 0.9
SAME_COLOURS = 0.996
# Steps 1 and 2 only narrow the search: generous, so that no copy is lost.
NEIGHBOURS = 16
PROFILE_CORRELATION = 0.6
REFINE_FROM = 0.5  # a first alignment this good is worth refining


def thumbnails(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """The thumbnails (uint8) that fingerprint a photo: grey ``THUMB`` x ``THUMB``
    and colour ``COLOUR`` x ``COLOUR`` x 3."""
    grey = image.convert("L").resize((THUMB, THUMB), Image.Resampling.BOX)
    colour = image.convert("RGB").resize((COLOUR, COLOUR), Image.Resampling.BOX)
    return np.asarray(grey, dtype=np.uint8), np.asarray(colour, dtype=np.uint8)


def thumbnail(image: Image.Image) -> np.ndarray:
    """The greyscale ``THUMB`` x ``THUMB`` thumbnail of a photo."""
    return thumbnails(image)[0]


def colours(image: Image.Image) -> np.ndarray:
    """The colour ``COLOUR`` x ``COLOUR`` x 3 thumbnail of a photo."""
    return thumbnails(image)[1]


def _resampling(low: float, high: float, size: int = PROFILE, source: int = THUMB) -> np.ndarray:
    """A (size, source) matrix that samples the span [low, high] of a profile linearly."""
    centres = low + (np.arange(size) + 0.5) / size * (high - low)
    position = centres * source - 0.5
    below = np.clip(np.floor(position).astype(int), 0, source - 1)
    above = np.clip(below + 1, 0, source - 1)
    weight = (position - np.floor(position)).astype(np.float32)
    matrix = np.zeros((size, source), np.float32)
    rows = np.arange(size)
    np.add.at(matrix, (rows, below), 1 - weight)
    np.add.at(matrix, (rows, above), weight)
    return matrix


_CROPS = np.array([(low, high) for low in CROP_STEPS for high in CROP_STEPS])
_CROPPED = np.stack([_resampling(low, 1 - high) for low, high in _CROPS])  # crops, PROFILE, THUMB
_WHOLE = _resampling(0.0, 1.0)
_CROPPED_COLOUR = np.stack([_resampling(low, 1 - high, source=COLOUR) for low, high in _CROPS])
_WHOLE_COLOUR = _resampling(0.0, 1.0, source=COLOUR)
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


def _colour_blocks(pictures: np.ndarray) -> np.ndarray:
    """(n, 3, PROFILE, PROFILE) pictures as normalised COARSE x COARSE colour blocks: (n, 3*C*C).

    Each channel's mean is taken away (a brighter copy is still the same photo),
    and the three channels are scaled together, so that hue counts.
    """
    n, cell = len(pictures), PROFILE // COARSE
    blocks = pictures.reshape(n, 3, COARSE, cell, COARSE, cell).mean(axis=(3, 5))
    blocks -= blocks.mean(axis=(2, 3), keepdims=True)
    return _normalised(blocks.reshape(n, -1))


def _channels_first(colour_thumbs: np.ndarray) -> np.ndarray:
    return colour_thumbs.astype(np.float32).transpose(0, 3, 1, 2)


class _Prints:
    """The per-photo arrays the three steps use, computed once."""

    def __init__(self, thumbs: np.ndarray, colour_thumbs: np.ndarray) -> None:
        self.thumbs = thumbs.astype(np.float32)
        self.colours = colour_thumbs  # uint8, made float a batch at a time (memory)
        self.colour_blocks = np.concatenate(
            [
                _colour_blocks(_WHOLE_COLOUR @ _channels_first(part) @ _WHOLE_COLOUR.T)
                for part in np.array_split(colour_thumbs, max(1, len(colour_thumbs) // 1024))
            ]
        )
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


def _colour_agreement(
    prints: _Prints, originals: np.ndarray, copies: np.ndarray, down: np.ndarray, across: np.ndarray
) -> np.ndarray:
    """The correlation of the colour blocks of each original, cropped, with its copy."""
    pictures = _channels_first(prints.colours[originals])
    aligned = (
        _CROPPED_COLOUR[down][:, None]
        @ pictures
        @ _CROPPED_COLOUR[across].transpose(0, 2, 1)[:, None]
    )
    return (_colour_blocks(aligned) * prints.colour_blocks[copies]).sum(axis=1)


def _crop_scores(
    prints: _Prints, originals: np.ndarray, copies: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """How well each copy matches its original cropped at the best crop found, in grey
    and in colour (at that crop).

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
        return scores, np.zeros_like(scores)
    pictures = prints.thumbs[originals[close]]
    zero = np.zeros((len(close), THUMB, 1), np.float32)
    by_rows = np.concatenate([zero, np.cumsum(pictures, axis=2)], axis=2)
    by_columns = np.concatenate([zero, np.cumsum(pictures.transpose(0, 2, 1), axis=2)], axis=2)
    across_close = across[close]
    for _ in range(2):
        down_close = _best_crop(_profile_within(by_rows, across_close), rows[close])
        across_close = _best_crop(_profile_within(by_columns, down_close), columns[close])
    better = _aligned_score(prints, originals[close], copies[close], down_close, across_close)
    improved = better > scores[close]
    scores[close] = np.maximum(scores[close], better)
    down[close] = np.where(improved, down_close, down[close])
    across[close] = np.where(improved, across_close, across[close])
    # Colours only matter where grey could call it the same photo.
    agreement = np.zeros_like(scores)
    same = np.flatnonzero(scores >= SAME_PHOTO_CORRELATION)
    if len(same):
        agreement[same] = _colour_agreement(
            prints, originals[same], copies[same], down[same], across[same]
        )
    return scores, agreement


def _pair_scores(prints: _Prints, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, the grey score and the colour agreement, the better way round."""
    scores = np.empty(len(pairs), np.float32)
    agreement = np.empty(len(pairs), np.float32)
    for start in range(0, len(pairs), 512):  # bounded memory
        part = pairs[start : start + 512]
        one_way, one_colour = _crop_scores(prints, part[:, 0], part[:, 1])
        other_way, other_colour = _crop_scores(prints, part[:, 1], part[:, 0])
        first = one_way >= other_way
        scores[start : start + 512] = np.where(first, one_way, other_way)
        agreement[start : start + 512] = np.where(first, one_colour, other_colour)
    return scores, agreement


def same_photo_scores(image_a: Image.Image, image_b: Image.Image) -> tuple[float, float]:
    """The grey alignment score (1.0: the same picture) of two photos, either way round,
    and the agreement of their colours at that alignment (0.0 where the grey score is
    below ``SAME_PHOTO_CORRELATION``: not computed)."""
    (grey_a, colour_a), (grey_b, colour_b) = thumbnails(image_a), thumbnails(image_b)
    prints = _Prints(np.stack([grey_a, grey_b]), np.stack([colour_a, colour_b]))
    scores, agreement = _pair_scores(prints, np.array([[0, 1]]))
    return float(scores[0]), float(agreement[0])


def _same(scores: np.ndarray, agreement: np.ndarray) -> np.ndarray:
    return (scores >= SAME_PHOTO_CORRELATION) & (agreement >= SAME_COLOURS)


def same_photo(image_a: Image.Image, image_b: Image.Image) -> bool:
    """Whether two photos are the same photo, however edited."""
    score, agreement = same_photo_scores(image_a, image_b)
    return bool(_same(np.array(score), np.array(agreement)))


def near_duplicate_pairs(
    thumbs: Sequence[np.ndarray] | np.ndarray, colour_thumbs: Sequence[np.ndarray] | np.ndarray
) -> list[tuple[int, int]]:
    """Index pairs (i < j) of photos that show the same photo, however edited, from their
    ``thumbnails``: the grey ones and the colour ones, in the same order."""
    if len(thumbs) < 2:
        return []
    prints = _Prints(np.stack(list(thumbs)), np.stack(list(colour_thumbs)))
    pairs = _candidates(prints, NEIGHBOURS)
    pairs = pairs[_profiles_agree(prints, pairs)]
    scores, agreement = _pair_scores(prints, pairs)
    return [tuple(pair) for pair in pairs[_same(scores, agreement)].tolist()]


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
