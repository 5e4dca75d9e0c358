"""Near-duplicate articles by MinHash: word 5-grams of the normalized text, 64 hash
functions of the multiply-shift family (upper 32 bits); two articles whose signatures agree
on at least DUPLICATE_SIMILARITY of their positions are one story."""

from __future__ import annotations

import hashlib
import re

import numpy as np

PERMUTATIONS = 64
SHINGLE_WORDS = 5
DUPLICATE_SIMILARITY = 0.8
_rng = np.random.default_rng(20201231)  # fixed: signatures must compare across runs
_A = _rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> np.ndarray:
    words = _WORD.findall(text)
    if len(words) < SHINGLE_WORDS:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i:i + SHINGLE_WORDS])
                 for i in range(len(words) - SHINGLE_WORDS + 1)}
    return np.array([int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
                     for g in grams], dtype=np.uint64)


def signature(normalized_text: str) -> list[int]:
    """The MinHash signature of a normalized text, as signed 64-bit integers (for bigint[])."""
    hashes = _shingles(normalized_text)
    if hashes.size == 0:
        return [0] * PERMUTATIONS
    with np.errstate(over="ignore"):  # multiply-shift hashing wraps modulo 2**64 on purpose
        permuted = (_A[:, None] * hashes[None, :] + _B[:, None]) >> np.uint64(32)
    return permuted.min(axis=1).astype(np.int64).tolist()


def similarity(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures."""
    if not first or not second:
        return 0.0
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
