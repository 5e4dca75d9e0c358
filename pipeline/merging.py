"""One event, many reports: which extracted events report the same incident, and the canonical
record of each incident.

Merging is conservative. Two reports join only when nothing tells them apart: the same
governorate, compatible types (outlets call one ambush "كمين" and "هجوم"), overlapping dates,
places that can be one place, and no two different named targets or perpetrators. Clustering
is complete-link: a report joins an incident only when it agrees with every report already in
it, so a vague report ("ريف دير الزور") cannot chain two distinct attacks together.

Casualty figures of an incident: the smallest and the largest that any report states, and the
value used, which is the smallest. Tolls rise as reports come in, but inflated first reports
exist too; the smallest figure is the one every report supports, the rule conflict-event coders
(ACLED) follow. The range stays in the record for whoever wants the other end.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipeline.areas import anchor, holds, road_ends
from pipeline.models import Event
from pipeline.normalize import normalize
from pipeline.places import same_place

# Pairs of types that outlets use for one attack. Air and ground attacks never mix.
_GROUND = {"armed_attack", "ambush", "assassination", "clash", "ied", "suicide_attack", "landmine"}
_COMPATIBLE_TYPES = {
    frozenset(pair) for pair in [
        ("armed_attack", t) for t in _GROUND] + [
        ("ambush", "clash"), ("ambush", "ied"), ("ied", "landmine"), ("ied", "suicide_attack"),
        ("assassination", "ied"), ("airstrike", "drone_strike"), ("airstrike", "shelling"),
        ("drone_strike", "shelling"),
    ]
}
# A place named by one of these covers many villages: it can hold any of them.
_REGION = re.compile(r"^(?:ريف|باديه|البادي|طريق|محيط|منطقه|ناحيه|جبل|اطراف|صحراء|ضواحي)")
# Reports whose event date is unknown: the event happened at most this long before them.
UNDATED_SPAN = timedelta(days=3)
_LAST_WEEK = re.compile(r"(?<![\w])(?:ال)?(?:اسبوع|اسبوعين)\s+(?:الماضي|الفائت|المنصرم|السابق)"
                        r"|(?<![\w])قبل\s+(?:ايام|اسبوع|اسبوعين)(?![\w])")
DAY_TOLERANCE = timedelta(days=1)  # "ليل السبت - الأحد", a report just after midnight


@dataclass(frozen=True)
class Report:
    """An extracted event with what merging needs of its article."""

    event_id: str
    event: Event
    source: str
    published: date | None
    article: str = ""  # events of one article are distinct attacks: they never merge


@dataclass
class Incident:
    """The reports judged to be one incident, earliest first."""

    reports: list[Report] = field(default_factory=list)

    @property
    def incident_id(self) -> str:
        """Stable: named after its earliest report, so reruns give the same id."""
        first = min(self.reports, key=report_order).event_id
        return "in_" + hashlib.sha256(first.encode()).hexdigest()[:16]


def report_order(report: Report) -> tuple[date, str]:
    """Earliest published first (undated last), then by event id: the same order every run."""
    return report.published or date.max, report.event_id


def types_agree(a: str, b: str) -> bool:
    """Whether two types can name one attack (outlets call one ambush "كمين" and "هجوم")."""
    return a == b or frozenset((a, b)) in _COMPATIBLE_TYPES


def _span(report: Report) -> tuple[date, date] | None:
    """The days the event can have happened on, as the report tells."""
    event = report.event
    if event.date is not None and event.date_precision == "month":
        first = event.date.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    if event.date is not None and event.date_precision == "year":
        return date(event.date.year, 1, 1), date(event.date.year, 12, 31)
    if event.date is not None:
        return event.date - DAY_TOLERANCE, event.date + DAY_TOLERANCE
    if report.published is not None:
        if _LAST_WEEK.search(normalize(event.evidence)):
            # "قرب بلدة محكان الأسبوع الماضي": some day of the week before, not this one
            return report.published - timedelta(days=13), report.published - timedelta(days=1)
        return report.published - UNDATED_SPAN, report.published
    return None


def _dates_agree(a: Report, b: Report) -> bool:
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return False  # with no date at all, nothing says they are one incident
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def _bare(place: str) -> str:
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalize(place).split()]
    return " ".join(words)


def _close(a: str, b: str) -> bool:
    """Spelling variants: "الشولا"/"الشوله", "كباجب"/"كباجيب" (one edit apart)."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= 1


def _places_agree(a: str | None, b: str | None, governorate: str | None) -> bool:
    if not a or not b:
        return True
    x, y = _bare(a), _bare(b)
    if x == y or x in y or y in x or _close(x, y) or same_place(a, b):
        return True
    region_a, region_b = _REGION.match(normalize(a)), _REGION.match(normalize(b))
    if not (region_a or region_b):
        return False  # two villages, or a village and a town: two places
    # A region named after a town ("بادية الرصافة") holds only what lies near that town, a road
    # named by two places only what lies near either; a region of a governorate ("ريف الرقة
    # الشرقي") or one the gazetteer cannot place, anything.
    towns = [_anchors(p) if region else [normalize(p)] for p, region in ((a, region_a),
                                                                          (b, region_b))]
    if None in towns or governorate is None:
        return True
    told = [holds(x, y, governorate) for x in towns[0] for y in towns[1]] + [
        holds(y, x, governorate) for x in towns[0] for y in towns[1]]
    if True in told:
        return True
    return all(t is None for t in told) and bool(region_a and region_b)


def _anchors(region: str) -> list[str] | None:
    """The places a region is named after, None for one that may hold anything."""
    ends = road_ends(region)
    if ends:
        return ends
    town = anchor(region)
    return [town] if town else None


# Iran-backed militias are pro-government militias too (FORMAT.md lists the Fatemiyoun among
# the latter): outlets name one group either way.
_SAME_SIDE = {frozenset(("iran_backed", "pro_government_militia"))}


def _actors_agree(a: str | None, b: str | None, unknown: str | None) -> bool:
    return (a in (None, unknown) or b in (None, unknown) or a == b
            or frozenset((a, b)) in _SAME_SIDE)


def same_incident(a: Report, b: Report) -> bool:
    """Whether two reports can be of one incident (nothing tells them apart)."""
    x, y = a.event, b.event
    if a.article and a.article == b.article:
        return False
    one_village = _one_village(x, y)
    if x.governorate != y.governorate and not (
            one_village and {x.governorate, y.governorate} == _CAPITAL):
        return False
    if x.governorate is None and not (x.place and y.place and _bare(x.place) == _bare(y.place)):
        return False
    if not (types_agree(x.type, y.type) and _dates_agree(a, b)
            and _places_agree(x.place, y.place, x.governorate)):
        return False
    if one_village and x.date is not None and x.date == y.date:
        return True  # one village, one day, one kind of attack: outlets name the sides apart
    return (_actors_agree(x.target, y.target, None)
            and _actors_agree(x.perpetrator, y.perpetrator, "unknown"))


# Damascus and its countryside: outlets file a suburb under either.
_CAPITAL = {"SY-DI", "SY-RD"}


def _one_village(x: Event, y: Event) -> bool:
    """Both name the same town or village (not a region that holds many)."""
    return bool(x.place and y.place and not _REGION.match(normalize(x.place))
                and not _REGION.match(normalize(y.place))
                and (_bare(x.place) == _bare(y.place) or same_place(x.place, y.place)
                     or _close(_bare(x.place), _bare(y.place))))


def _agreement(report: Report, incident: Incident) -> int:
    """How many fields a report shares with an incident's reports: the best incident wins."""
    score = 0
    for other in incident.reports:
        x, y = report.event, other.event
        score += sum((x.type == y.type, x.date is not None and x.date == y.date,
                      bool(x.place) and x.place == y.place, x.target == y.target,
                      x.perpetrator == y.perpetrator, x.killed == y.killed))
    return score


def cluster(reports: list[Report], seeds: list[Incident] | None = None) -> list[Incident]:
    """Group reports into incidents, earliest report first; `seeds` are incidents already
    known (from before the reports), which new reports may join."""
    incidents = list(seeds or [])
    # Only incidents of the report's governorate can take it: look among those alone, so a
    # day of many reports costs per governorate, not per country.
    by_area: dict[str | None, list[Incident]] = {}
    for incident in incidents:
        by_area.setdefault(_area(incident.reports[0].event), []).append(incident)
    ordered = sorted(reports, key=report_order)
    for report in ordered:
        area = by_area.setdefault(_area(report.event), [])
        candidates = [i for i in area
                      if all(same_incident(report, member) for member in i.reports)
                      and all(member.event_id != report.event_id for member in i.reports)]
        if candidates:
            best = max(candidates, key=lambda i: _agreement(report, i))
            best.reports.append(report)
        else:
            incidents.append(Incident([report]))
            area.append(incidents[-1])
    return incidents


def _area(event: Event) -> str | None:
    """The governorate, Damascus and its countryside as one (see same_incident)."""
    return "SY-DI" if event.governorate in _CAPITAL else event.governorate


def _most_common(values: list, skip=(None,)):
    kept = [v for v in values if v not in skip]
    if not kept:
        return None
    counts = Counter(kept)
    top = max(counts.values())
    return next(v for v in kept if counts[v] == top)  # ties: the earliest report's


def _figures(values: list[int | None]) -> tuple[int | None, int | None, int | None]:
    """(used, smallest, largest) of the stated figures."""
    stated = [v for v in values if v is not None]
    if not stated:
        return None, None, None
    return min(stated), min(stated), max(stated)


def canonical(incident: Incident) -> dict:
    """The incident's record: fields agreed by its reports, figures reconciled."""
    events = [r.event for r in incident.reports]
    types = [e.type for e in events]
    specific = [t for t in types if t != "armed_attack"]
    places = [e.place for e in events if e.place]
    villages = [p for p in places if not _REGION.match(normalize(p))]
    dated = [e for e in events if e.date is not None and e.date_precision == "day"]
    when = _most_common([e.date for e in dated]) if dated else _most_common(
        [e.date for e in events])
    precision = next((e.date_precision for e in events if e.date == when), None)
    killed, killed_min, killed_max = _figures([e.killed for e in events])
    wounded, wounded_min, wounded_max = _figures([e.wounded for e in events])
    published = [r.published for r in incident.reports if r.published]
    return {
        "incident_id": incident.incident_id,
        "type": _most_common(specific) or types[0],
        "perpetrator": _most_common([e.perpetrator for e in events], (None, "unknown"))
        or "unknown",
        "target": _most_common([e.target for e in events]),
        "governorate": events[0].governorate,
        "place": _most_common(villages) or _most_common(places),
        "date": when, "date_precision": precision if when else None,
        "killed": killed, "killed_min": killed_min, "killed_max": killed_max,
        "wounded": wounded, "wounded_min": wounded_min, "wounded_max": wounded_max,
        "reports": len(incident.reports),
        "sources": len({r.source for r in incident.reports}),
        "first_reported": min(published) if published else None,
        "event_ids": [r.event_id for r in incident.reports],
    }


def cluster_labels(reports: list[Report]) -> dict[str, str]:
    """event_id -> "c1", "c2"...: one label per incident, numbered by earliest report."""
    labels: dict[str, str] = {}
    for number, incident in enumerate(cluster(reports), start=1):
        for report in incident.reports:
            labels[report.event_id] = f"c{number}"
    return labels
