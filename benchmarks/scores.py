"""Precision, recall and F1, the one way every Rasd benchmark counts them."""

from __future__ import annotations


class Scores:
    """Precision, recall and F1 from counts(): (right, wrong, missed). Nothing found or
    nothing wanted scores 1.0, not a division by zero."""

    def counts(self) -> tuple[int, int, int]:
        raise NotImplementedError

    @property
    def precision(self) -> float:
        right, wrong, _ = self.counts()
        return right / (right + wrong) if right + wrong else 1.0

    @property
    def recall(self) -> float:
        right, _, missed = self.counts()
        return right / (right + missed) if right + missed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
