"""Speed of the event stage on one core: articles per second.

The articles are every clean text at hand: the seeds, the dev set and the cluster set, and the
five replicas' articles, each extracted once beforehand (the text stage is timed elsewhere).
Baseline, measured in the same run on the same texts: normalization alone, the least work any
extractor of this text must do. Figures are the best of three rounds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pipeline.config import PROJECT_DIR
from pipeline.events import extract_events
from pipeline.extract import extract_dump
from pipeline.normalize import normalize
from replicas.corpus import load_articles

SITES = ("baladi-news", "nedaa-post", "radio-alkul", "north-pulse", "sy24")
GOAL = 200.0  # articles per second, the issue's


def corpus() -> list[tuple[str, str | None]]:
    """(clean text, title) of every article at hand."""
    dumps = [*sorted((PROJECT_DIR / "eval").glob("*/*.txt")),
             *sorted((PROJECT_DIR.parent / "shared" / "seeds").glob("*.txt"))]
    texts = []
    for path in dumps:
        article = extract_dump(path.read_text(encoding="utf-8"))
        texts.append((article.text, article.title))
    for site in SITES:
        texts += [("\n".join(a.paragraphs), a.title) for a in load_articles(site)]
    return texts


def _rate(work: Callable[[str, str | None], object], texts: list, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text, title in texts:
            work(text, title)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def run_benchmark(out=print) -> dict[str, float]:
    texts = corpus()
    extract_events(texts[0][0], None, texts[0][1])  # warm the gazetteer and pattern caches
    words = sum(len(t.split()) for t, _ in texts)
    baseline = _rate(lambda text, title: normalize(text), texts)
    rasd = _rate(lambda text, title: extract_events(text, None, title), texts)
    out(f"event stage on {len(texts)} articles ({words / len(texts):.0f} words each), one core:")
    out(f"  normalization alone: {baseline:8.0f} articles/s")
    out(f"  event extraction:    {rasd:8.0f} articles/s  ({rasd / baseline:.2f}x the baseline; "
        f"goal {GOAL:.0f}: {'met' if rasd >= GOAL else 'NOT met'})")
    return {"articles": len(texts), "baseline": baseline, "rasd": rasd}


if __name__ == "__main__":
    run_benchmark()
