"""The event scorer (FORMAT.md's matching rules) and the gate on the seeds' gold."""

from pathlib import Path

import pytest

from benchmarks.events import Result, accepts, evaluate, score_document

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


@pytest.mark.parametrize(("gold", "value", "ok"), [
    ("*", None, True), (7, 7, True), (7, 8, False), (None, None, True), (None, 3, False),
    (["ambush", "armed_attack"], "ambush", True), (["ambush"], "ied", False),
    ({"min": 30, "max": 40}, 35, True), ({"min": 30, "max": 40}, 41, False),
    ({"min": 30, "max": None}, 100, True), ({"min": 30, "max": 40}, None, False),
    ({"min": "2020-12-28", "max": "2020-12-31"}, "2020-12-30", True),
    ("بادية الرصافة", "باديه الرصافه", True),  # places compare normalized
])
def test_accepts(gold, value, ok: bool) -> None:
    assert accepts(gold, value) is ok


def test_matching_spurious_missed_and_optional() -> None:
    gold = [{"id": "E1", "type": "ied", "governorate": "SY-DY", "killed": 7},
            {"id": "E2", "type": "ambush", "governorate": "SY-RA", "killed": 20},
            {"id": "E3", "type": "airstrike", "governorate": "SY-DY", "optional": True}]
    predicted = [{"type": "ied", "governorate": "SY-DY", "killed": 6},
                 {"type": "shelling", "governorate": "SY-HM", "killed": 1}]
    result = Result()
    score_document(result, "doc", gold, predicted)
    assert (result.matched, result.spurious, result.missed) == (1, 1, 1)
    assert result.fields["killed"] == [0, 1]
    assert round(result.f1, 3) == 0.5


def test_seeds_every_required_event_found_and_none_spurious() -> None:
    result = evaluate(SHARED / "eval" / "seeds.gold.json", SHARED / "seeds",
                      PROJECT / "spiders" / "sites")
    # Pinned floors: where the first extractor stands today on the seeds.
    assert result.missed == 0 and result.spurious == 0
    assert result.accuracy("killed") >= 0.9 and result.accuracy("wounded") >= 0.9
    assert result.accuracy("type") == 1.0 and result.accuracy("place") >= 0.8
