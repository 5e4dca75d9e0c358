"""Score extracted events against gold in the format of shared/eval/FORMAT.md.

Matching, as FORMAT.md has it: a predicted event matches a gold event of the same document
when the governorate agrees and the gold accepts the type; among the candidates, the one
agreeing on most other fields wins. Events marked optional are neither missed nor spurious.
Each other field is then scored on the matched pairs.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from benchmarks.scores import Scores
from pipeline.errors import RasdError

FIELDS = ("type", "perpetrator", "target", "place", "date", "date_precision", "killed",
          "wounded")


def accepts(gold, value) -> bool:
    """Whether a gold value (a value, null, a list, a range or "*") accepts a predicted one."""
    if gold == "*":
        return True
    if isinstance(gold, list):
        return any(accepts(g, value) for g in gold)
    if isinstance(gold, dict) and "min" in gold:
        if value is None:
            return False
        low, high = gold["min"], gold.get("max")
        if isinstance(low, str):  # a date range
            value = str(value)
        return low <= value and (high is None or value <= high)
    if isinstance(gold, str) and isinstance(value, str):
        return _fold(gold) == _fold(value)
    return gold == value


def accepts_place(gold, value) -> bool:
    """accepts() for a place, where spellings of one gazetteer entry name one place ("حقل
    العمر النفطي" is "حقل العمر")."""
    from pipeline.places import same_place

    if accepts(gold, value):
        return True
    names = gold if isinstance(gold, list) else [gold]
    return isinstance(value, str) and any(
        isinstance(name, str) and same_place(name, value) for name in names)


def _fold(text: str) -> str:
    # Normalized, a dash read as a space: "طريق جبلة - القرداحة" is "طريق جبلة القرداحة".
    from pipeline.places import name_key

    return name_key(text)


@dataclass
class Matches(Scores):
    """Items found against the gold's: matched, found but not in the gold, in the gold but not
    found."""

    matched: int = 0
    spurious: int = 0
    missed: int = 0

    def counts(self) -> tuple[int, int, int]:
        return self.matched, self.spurious, self.missed

    def add(self, other: Matches) -> None:
        self.matched += other.matched
        self.spurious += other.spurious
        self.missed += other.missed


class TallyResult(Matches):
    """Tallies: one matches when its period is the gold's and its dead (or, where the gold
    gives none, its wounded) are accepted."""


def _period_span(period: str) -> tuple[str, str]:
    """(first day, last day) of a period as FORMAT.md gold and Rasd write it: "2021",
    "2021-02", "2021-02-03" or "2021-01-01/2021-03-10"."""
    if "/" in period:
        first, last = period.split("/", 1)
        return _period_span(first)[0], _period_span(last)[1]
    if len(period) == 4:
        return f"{period}-01-01", f"{period}-12-31"
    if len(period) == 7:
        days = calendar.monthrange(int(period[:4]), int(period[5:]))[1]
        return f"{period}-01", f"{period}-{days:02d}"
    return period, period


def same_period(gold: str, predicted: str) -> bool:
    """Whether a tally's period is the gold's: the same days, or the gold's year or month so far
    (a gold "2021" for "منذ مطلع العام" in a July article: Rasd gives "2021-01-01/2021-07-20")."""
    (first, last), (start, end) = _period_span(gold), _period_span(predicted)
    return (first, last) == (start, end) or (
        "/" not in gold and len(gold) in (4, 7) and start == first and end <= last)


def score_tallies(result: TallyResult, doc: str, gold: list[dict], predicted: list[dict],
                  details: list[str]) -> None:
    """Match one document's tallies to the gold's and add up the counts."""
    unmatched = list(range(len(gold)))
    for tally in predicted:
        found = next((i for i in unmatched
                      if same_period(str(gold[i].get("period")), tally["period"])
                      and (accepts(gold[i].get("killed"), tally.get("killed"))
                           if gold[i].get("killed") is not None
                           else accepts(gold[i].get("wounded"), tally.get("wounded")))), None)
        if found is None:
            result.spurious += 1
            details.append(f"{doc}: spurious tally {tally['period']} "
                           f"(killed {tally.get('killed')})")
        else:
            unmatched.remove(found)
            result.matched += 1
    result.missed += len(unmatched)
    details.extend(f"{doc}: missed tally {gold[i].get('period')} (killed {gold[i].get('killed')})"
                   for i in unmatched)


@dataclass
class Result(Matches):
    fields: dict[str, list[int]] = field(
        default_factory=lambda: {f: [0, 0] for f in ("governorate", *FIELDS)})
    details: list[str] = field(default_factory=list)
    tallies: TallyResult = field(default_factory=lambda: TallyResult())

    def add(self, other: Result) -> None:
        super().add(other)
        self.tallies.add(other.tallies)
        for name, (right, total) in other.fields.items():
            self.fields[name][0] += right
            self.fields[name][1] += total

    def accuracy(self, name: str) -> float:
        right, total = self.fields[name]
        return right / total if total else 1.0


def score_document(result: Result, doc: str, gold_events: list[dict],
                   predicted: list[dict]) -> dict[int, int]:
    """Match one document's predictions to its gold events and add up the counts; returns
    {index of a predicted event: index of the gold event it matched}."""
    unmatched = list(range(len(gold_events)))
    matches: dict[int, int] = {}
    for index, event in enumerate(predicted):
        candidates = [i for i in unmatched
                      if accepts(gold_events[i].get("governorate"), event.get("governorate"))
                      and accepts(gold_events[i].get("type"), event.get("type"))]
        if not candidates:
            # Governorate accuracy: matching needs it, so count the events that only it kept
            # from matching (a gold event of the type, still unmatched) as wrong governorates.
            if any(accepts(gold_events[i].get("type"), event.get("type")) for i in unmatched):
                result.fields["governorate"][1] += 1
            result.spurious += 1
            result.details.append(f"{doc}: spurious {event.get('type')} in "
                                  f"{event.get('governorate')} (killed {event.get('killed')})")
            continue
        best = max(candidates, key=lambda i: sum(accepts(gold_events[i].get(f, "*"), event.get(f))
                                                 for f in ("governorate", *FIELDS)))
        unmatched.remove(best)
        matches[index] = best
        result.matched += 1
        result.fields["governorate"][0] += 1
        result.fields["governorate"][1] += 1
        for name in FIELDS:
            gold_value = gold_events[best].get(name, "*")
            if gold_value == "*":
                continue
            result.fields[name][1] += 1
            if (accepts_place if name == "place" else accepts)(gold_value, event.get(name)):
                result.fields[name][0] += 1
            else:
                result.details.append(f"{doc}: {name} {event.get(name)!r}, gold {gold_value!r}")
    for i in unmatched:
        if not gold_events[i].get("optional"):
            result.missed += 1
            result.details.append(f"{doc}: missed {gold_events[i].get('id')} "
                                  f"{gold_events[i].get('type')}")
    return matches


def load_gold(gold_file: Path) -> list[dict]:
    """The documents of a FORMAT.md gold file; a clear error when it cannot be read."""
    try:
        return json.loads(gold_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RasdError(f"cannot read gold file {gold_file}: {exc}") from exc


def evaluate(gold_file: Path, documents: Path, sites_dir: Path) -> Result:
    """Run every single-page stage on each gold document and score its events."""
    from pipeline.single_page import extract_file
    from pipeline.sites import load_sites

    gold = load_gold(gold_file)
    sites = load_sites(sites_dir)
    result = Result()
    for entry in gold:
        path = documents / entry["doc"]
        if not path.suffix:  # a gold file may name its documents by stem ("dx_001")
            path = path.with_suffix(".txt")
        published = date.fromisoformat(entry["published"]) if entry.get("published") else None
        record = extract_file(path, sites, published)
        score_document(result, entry["doc"], entry.get("events", []), record["events"])
        score_tallies(result.tallies, entry["doc"], entry.get("tallies", []), record["tallies"],
                      result.details)
    return result


def report(result: Result, name: str, out=print, details: bool = True) -> None:
    out(f"{name}: event precision {result.precision:.3f}, recall {result.recall:.3f}, "
        f"F1 {result.f1:.3f} ({result.matched} matched, {result.spurious} spurious, "
        f"{result.missed} missed)")
    out("  field accuracy on matched events: " + ", ".join(
        f"{f} {result.accuracy(f):.2f} ({result.fields[f][0]}/{result.fields[f][1]})"
        for f in ("governorate", *FIELDS)))
    tallies = result.tallies
    out(f"  tallies: precision {tallies.precision:.2f}, recall {tallies.recall:.2f} "
        f"({tallies.matched} matched, {tallies.spurious} spurious, {tallies.missed} missed)")
    for line in result.details if details else []:
        out(f"  - {line}")
