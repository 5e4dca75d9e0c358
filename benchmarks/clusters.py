"""Merging measured on gold clusters: pairwise precision, recall and F1.

Gold: FORMAT.md documents whose `same_event_as` links an event to the first report of its
incident (eval/clusters.gold.json, and the seeds' bus attack). Two figures:

- end to end: Rasd extracts each document, its events are matched to gold events as the event
  scorer does, then merged; pairs of matched events are scored (same gold incident or not
  against same Rasd cluster or not);
- given the gold events: the gold events themselves (ranges taken at their low end) are
  merged, which measures merging alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from benchmarks.events import Result, load_gold, score_document
from benchmarks.scores import Scores
from pipeline.merging import Report, cluster_labels
from pipeline.models import Event


@dataclass
class Pairs(Scores):
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, gold_same: bool, predicted_same: bool) -> None:
        self.true_positive += gold_same and predicted_same
        self.false_positive += predicted_same and not gold_same
        self.false_negative += gold_same and not predicted_same

    def counts(self) -> tuple[int, int, int]:
        return self.true_positive, self.false_positive, self.false_negative

    def line(self) -> str:
        return (f"pairwise precision {self.precision:.3f}, recall {self.recall:.3f}, "
                f"F1 {self.f1:.3f} ({self.true_positive} right pairs, {self.false_positive} "
                f"wrong, {self.false_negative} missed)")


def gold_incidents(entries: list[dict]) -> dict[str, str]:
    """"doc#E1" -> the key of its incident (the first report's), following same_event_as."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for entry in entries:
        for event in entry.get("events", []):
            key = f"{entry['doc']}#{event['id']}"
            parent.setdefault(key, key)
        for local, other in (entry.get("same_event_as") or {}).items():
            parent.setdefault(other, other)
            parent[root(f"{entry['doc']}#{local}")] = root(other)
    return {key: root(key) for key in parent}


def _concrete(value):
    """A gold value as one prediction would give it: a range's low end, a list's first."""
    if isinstance(value, list):
        return _concrete(value[0]) if value else None
    if isinstance(value, dict):
        return value.get("min")
    return None if value == "*" else value


def _published(entry: dict) -> date | None:
    return date.fromisoformat(entry["published"]) if entry.get("published") else None


def _score(keys: list[str], labels: dict[str, str], incidents: dict[str, str]) -> Pairs:
    pairs = Pairs()
    for a, b in combinations(keys, 2):
        if a.split("#")[0] == b.split("#")[0]:
            continue  # one article's events are told apart by extraction, not merging
        pairs.add(incidents[a] == incidents[b], labels[a] == labels[b])
    return pairs


def given_gold(entries: list[dict]) -> Pairs:
    """Merge the gold events themselves: merging measured alone."""
    incidents = gold_incidents(entries)
    reports = []
    for entry in entries:
        for event in entry.get("events", []):
            fields = {k: _concrete(v) for k, v in event.items() if k not in ("id", "note")}
            reports.append(Report(f"{entry['doc']}#{event['id']}", Event.from_json(fields),
                                  entry.get("outlet", ""), _published(entry), entry["doc"]))
    return _score([r.event_id for r in reports], cluster_labels(reports), incidents)


def end_to_end(entries: list[dict], folders: dict[str, Path], sites_dir: Path) -> Pairs:
    """Extract every document, match its events to gold, merge, score the matched pairs."""
    from pipeline.single_page import extract_file
    from pipeline.sites import load_sites

    sites = load_sites(sites_dir)
    incidents = gold_incidents(entries)
    reports, gold_key = [], {}
    for entry in entries:
        gold_events = entry.get("events", [])
        record = extract_file(folders[entry["doc"]] / entry["doc"], sites, _published(entry))
        matches = score_document(Result(), entry["doc"], gold_events, record["events"])
        for index, event in enumerate(record["events"]):
            report_id = f"{entry['doc']}@{index}"
            reports.append(Report(report_id, Event.from_json(event), entry.get("outlet", ""),
                                  _published(entry), entry["doc"]))
            if index in matches:
                gold_key[report_id] = f"{entry['doc']}#{gold_events[matches[index]]['id']}"
    labels = cluster_labels(reports)
    matched = sorted(gold_key)
    return _score([gold_key[k] for k in matched],
                  {gold_key[k]: labels[k] for k in matched}, incidents)


def run_benchmark(gold_files: list[tuple[Path, Path]], sites_dir: Path, out=print) -> dict:
    """gold_files: (gold file, folder of its documents). Prints and returns both figures."""
    entries, folders = [], {}
    for gold_file, folder in gold_files:
        for entry in load_gold(gold_file):
            entries.append(entry)
            folders[entry["doc"]] = folder
    incidents = gold_incidents(entries)
    sizes: dict[str, int] = {}
    for root in incidents.values():
        sizes[root] = sizes.get(root, 0) + 1
    out(f"{len(entries)} documents, {len(incidents)} gold events, "
        f"{sum(1 for s in sizes.values() if s > 1)} incidents reported more than once")
    alone, whole = given_gold(entries), end_to_end(entries, folders, sites_dir)
    out(f"merging the gold events:   {alone.line()}")
    out(f"end to end (extract+merge): {whole.line()}")
    return {"given_gold": alone, "end_to_end": whole}
