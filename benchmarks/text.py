"""Text-stage figures, each measured in one run beside a baseline on the same pages:

- `quality`: over the five replicas and shared/benchmarks/arabic-gold, the share of the
  articles' own sentences kept and the clutter lines kept;
- `accuracy`: word-level precision, recall and F1 of Rasd's text against the ground truth of
  scrapinghub-aeb, wcxb-test-articles and trafilatura-eval, beside trafilatura's defaults;
- `speed`: pages per second of the whole text stage (extraction, cleaning, normalization)
  against bare `trafilatura.extract`.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from pipeline.errors import RasdError
from pipeline.extract import extract_html
from pipeline.sites import load_sites

_WORD = re.compile(r"\w+", re.UNICODE)
# trafilatura logs every page its fallbacks give up on: noise in a benchmark's output.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Page:
    name: str
    html: bytes
    truth: str | None = None  # the article's whole text, for word-level scores
    keep: tuple[str, ...] = ()  # snippets that must be in the text
    drop: tuple[str, ...] = ()  # snippets that must not


def _read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def scrapinghub(root: Path) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key, value in sorted(truth.items()):
        yield Page(key, _read(root / "html" / f"{key}.html.gz"), truth=value["articleBody"])


def wcxb(root: Path) -> Iterator[Page]:
    for path in sorted((root / "ground-truth").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        truth = data["ground_truth"]
        if isinstance(truth, str):  # some files keep it as a Python literal
            import ast

            truth = ast.literal_eval(truth)
        html = root / "html" / f"{path.stem}.html.gz"
        if html.exists():
            yield Page(path.stem, _read(html), truth=truth.get("main_content") or "",
                       keep=tuple(truth.get("with") or ()),
                       drop=tuple(truth.get("without") or ()))


def trafilatura_eval(root: Path) -> Iterator[Page]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for _, entry in sorted(data.items()):
        for folder in ("eval", "cache"):
            path = root / folder / f"{entry['file']}.gz"
            if path.exists():
                yield Page(entry["file"], _read(path), keep=tuple(entry.get("with") or ()),
                           drop=tuple(entry.get("without") or ()))
                break


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text or ""))


@dataclass
class Score:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, tp: float, fp: float, fn: float) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(score: Score, page: Page, text: str) -> None:
    """Word overlap with the truth where there is one; else snippets kept and dropped, counted
    as trafilatura's own evaluation does."""
    if page.truth is not None:
        got, want = _words(text), _words(page.truth)
        common = sum((got & want).values())
        score.add(common, sum(got.values()) - common, sum(want.values()) - common)
        return
    flat = " ".join(text.split())
    kept = sum(1 for s in page.keep if " ".join(s.split()) in flat)
    leaked = sum(1 for s in page.drop if " ".join(s.split()) in flat)
    score.add(kept, leaked, len(page.keep) - kept)


def rasd_text(html: bytes) -> str:
    try:
        return extract_html(html).text
    except RasdError:
        return ""


def trafilatura_text(html: bytes) -> str:
    return trafilatura.extract(html) or ""


EXTRACTORS: dict[str, Callable[[bytes], str]] = {"rasd": rasd_text,
                                                 "trafilatura": trafilatura_text}
SETS = {"scrapinghub-aeb": scrapinghub, "wcxb-test-articles": wcxb,
        "trafilatura-eval": trafilatura_eval}


def accuracy(benchmarks: Path, out=print, limit: int | None = None) -> dict:
    """Precision, recall and F1 per benchmark and extractor; prints a Markdown table."""
    results: dict = {}
    out("| benchmark | pages | extractor | precision | recall | F1 |")
    out("| --- | --- | --- | --- | --- | --- |")
    for name, loader in SETS.items():
        root = benchmarks / name
        if not root.is_dir():
            raise RasdError(f"benchmark {name} not found in {benchmarks}")
        pages = list(loader(root))[:limit]
        for label, extractor in EXTRACTORS.items():
            score = Score()
            for page in pages:
                score_page(score, page, extractor(page.html))
            results[(name, label)] = score
            out(f"| {name} | {len(pages)} | {label} | {score.precision:.3f} | "
                f"{score.recall:.3f} | {score.f1:.3f} |")
    return results


def speed(benchmarks: Path, out=print, limit: int | None = None, rounds: int = 2) -> float:
    """Seconds of Rasd's whole text stage over bare trafilatura.extract on the same pages,
    alternating rounds so neither gets the warm cache; prints and returns the ratio."""
    pages = list(scrapinghub(benchmarks / "scrapinghub-aeb"))[:limit]
    totals = {"rasd": 0.0, "trafilatura": 0.0}
    for _ in range(rounds):
        for label, extractor in (("trafilatura", trafilatura_text), ("rasd", _whole_stage)):
            started = time.perf_counter()
            for page in pages:
                extractor(page.html)
            totals[label] += time.perf_counter() - started
    count = len(pages) * rounds
    ratio = totals["rasd"] / totals["trafilatura"]
    for label, seconds in totals.items():
        out(f"{label:>12}: {count / seconds:.1f} pages/s ({seconds / count * 1000:.1f} ms a page)")
    out(f"Rasd's text stage takes {ratio:.2f} times as long as bare trafilatura.extract "
        "(goal: at most 1.25)")
    return ratio


def _whole_stage(html: bytes) -> None:
    with contextlib.suppress(RasdError):
        extract_html(html)  # extraction, cleaning, language and normalization


def quality(benchmarks: Path, sites_dir: Path, out=print) -> dict:
    """Sentences kept and clutter kept on the replicas and the Arabic gold pages."""
    from replicas.server import Replica, replica_sites

    sites = load_sites(sites_dir)
    rows = {}
    for site_id in replica_sites():
        replica = Replica(site_id, "http://replica.invalid")
        kept = total = clutter = 0
        for article in replica.articles:
            text = extract_html(replica.respond(replica.path_of(article)).body, None,
                                sites[site_id]).text.splitlines()
            own = {" ".join(line.split()) for line in article.own_text}
            total += len(own)
            kept += len(own & set(text))
            clutter += len(set(text) - own)
        rows[site_id] = (len(replica.articles), kept, total, clutter)
    for name, page in _arabic_gold(benchmarks / "arabic-gold"):
        text = extract_html(page.html).text
        rows[name] = (1, *_gold_lines(page, text))
    out("| pages | articles | sentences kept | clutter lines kept |")
    out("| --- | --- | --- | --- |")
    for name, (articles, kept, total, clutter) in rows.items():
        out(f"| {name} | {articles} | {kept}/{total} | {clutter} |")
    return rows


def _gold_lines(page: Page, text: str) -> tuple[int, int, int]:
    """(sentences kept, sentences, clutter lines) of one gold page."""
    flat = " ".join(text.split())
    if page.truth is not None:
        truth_lines = [" ".join(line.split()) for line in page.truth.splitlines() if line.strip()]
        kept = sum(1 for line in truth_lines if line in flat)
        truth_flat = " ".join(page.truth.split())
        clutter = sum(1 for line in text.splitlines() if " ".join(line.split()) not in truth_flat)
        return kept, len(truth_lines), clutter
    kept = sum(1 for s in page.keep if " ".join(s.split()) in flat)
    clutter = sum(1 for s in page.drop if " ".join(s.split()) in flat)
    return kept, len(page.keep), clutter


def _arabic_gold(root: Path) -> Iterator[tuple[str, Page]]:
    cnn = root / "cnn_arabic_syria_clashes_2013"
    yield "arabic-gold: CNN Arabic (newspaper4k)", Page(
        "cnn", _read(cnn.with_suffix(".html")),
        truth=cnn.with_suffix(".expected.txt").read_text(encoding="utf-8"))
    goose = json.loads((root / "goose3_test_cnn_arabic.json").read_text(encoding="utf-8"))
    # goose3 keeps only the text's opening as its expectation: a snippet to keep, no more.
    yield "arabic-gold: CNN Arabic (goose3)", Page(
        "goose3", _read(root / "goose3_test_cnn_arabic.html"),
        keep=(goose["expected"]["cleaned_text"],))
    fundus = json.loads((root / "fundus_LBCGroup.json").read_text(encoding="utf-8"))
    paragraphs = [p for section in fundus["V1"]["body"]["sections"]
                  for p in section["paragraphs"]]
    yield "arabic-gold: LBC Group (fundus)", Page(
        "fundus", _read(root / "fundus_LBCGroup_2026_01_08.html.gz"),
        truth="\n".join(paragraphs))
    assabah = next(iter(json.loads(
        (root / "trafilatura_assabah.evaldata.json").read_text(encoding="utf-8")).values()))
    yield "arabic-gold: Assabah (trafilatura)", Page(
        "assabah", _read(root / "trafilatura_assabah.com.tn.article.html"),
        keep=tuple(assabah.get("with") or ()), drop=tuple(assabah.get("without") or ()))
