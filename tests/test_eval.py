"""The event scorer (FORMAT.md's matching rules) and the gate on the seeds' gold."""

from pathlib import Path

import pytest

from benchmarks.events import Result, accepts, accepts_place, evaluate, score_document

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


@pytest.mark.parametrize(("gold", "value", "ok"), [
    ("*", None, True), (7, 7, True), (7, 8, False), (None, None, True), (None, 3, False),
    (["ambush", "armed_attack"], "ambush", True), (["ambush"], "ied", False),
    ({"min": 30, "max": 40}, 35, True), ({"min": 30, "max": 40}, 41, False),
    ({"min": 30, "max": None}, 100, True), ({"min": 30, "max": 40}, None, False),
    ({"min": "2020-12-28", "max": "2020-12-31"}, "2020-12-30", True),
    ("بادية الرصافة", "باديه الرصافه", True),  # places compare normalized
    ("طريق جبلة - القرداحة", "طريق جبلة القرداحة", True),  # a dash is no part of a name
    ("طريق جبلة - القرداحة", "جبلة", False),
])
def test_accepts(gold, value, ok: bool) -> None:
    assert accepts(gold, value) is ok


@pytest.mark.parametrize(("gold", "value", "ok"), [
    (["حقل العمر", "الميادين"], "حقل العمر النفطي", True),  # spellings of one gazetteer entry
    ("حقل العمر", "حقل التنك", False),
    ("حقل العمر", None, False),
])
def test_a_place_accepts_spellings_of_its_gazetteer_entry(gold, value, ok: bool) -> None:
    assert accepts_place(gold, value) is ok


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


def test_tallies_match_by_the_days_they_span_and_their_dead() -> None:
    from benchmarks.events import TallyResult, score_tallies

    gold = [{"period": "2021-02", "killed": 37, "wounded": 15},
            {"period": "2021-01-01/2021-03-10", "killed": 83},
            {"period": "2024-09-02/2024-09-08", "killed": None, "wounded": 6}]
    predicted = [{"period": "2021-02", "killed": 37},  # matched
                 {"period": "2021", "killed": 83},  # the year is not the days since January
                 {"period": "2024-09-02/2024-09-08", "killed": None, "wounded": 6}]
    result, details = TallyResult(), []
    score_tallies(result, "doc", gold, predicted, details)
    assert (result.matched, result.spurious, result.missed) == (2, 1, 1)
    assert details == ["doc: spurious tally 2021 (killed 83)",
                       "doc: missed tally 2021-01-01/2021-03-10 (killed 83)"]


@pytest.mark.parametrize(("gold", "predicted", "same"), [
    ("2021", "2021-01-01/2021-07-20", True),  # the year so far
    ("2021-07", "2021-07-01/2021-07-20", True),
    ("2021", "2021-02-01/2021-07-20", False),
    ("2021-01-01/2021-07-20", "2021", False),  # a gold span is its days
    ("2021-07", "2021-07-01/2021-08-02", False),
])
def test_a_gold_year_or_month_is_also_its_days_so_far(gold: str, predicted: str,
                                                      same: bool) -> None:
    from benchmarks.events import same_period

    assert same_period(gold, predicted) is same


def test_seeds_every_required_event_found_and_none_spurious() -> None:
    result = evaluate(SHARED / "eval" / "seeds.gold.json", SHARED / "seeds",
                      PROJECT / "spiders" / "sites")
    # Pinned floors: where the first extractor stands today on the seeds.
    assert result.missed == 0 and result.spurious == 0
    assert result.accuracy("killed") >= 0.9 and result.accuracy("wounded") >= 0.9
    assert result.accuracy("type") == 1.0 and result.accuracy("place") >= 0.8


# Pinned floors on Rasd's own gold sets (eval/): a change that makes extraction or merging
# worse fails here. Raise them when the extractor gets better; docs/benchmarks.md has the
# figures they come from.
# The once held-out sets dv to ec count too (they pull perpetrator and target down; ec, read
# unseen at F1 0.849 and date 0.85, pulled the whole's date under the earlier floor of 0.96);
# ed, read unseen at F1 0.869, was mended on in events-0.7. Sets ef, eg and eh (events-0.8)
# bring place down to 0.94 (their writers name one end of a road where Rasd names the road) and
# tally precision to 0.76 (they leave out running totals Rasd reports; 0.80 once the year so
# far is its days); set ei, read unseen at 0.852, brings the whole's F1 to 0.947. Sets ej to eo
# (events-0.9) bring place to 0.92 (more road ends named, quarters the gazetteer lacks).
EVENT_FLOORS = {"f1": 0.94, "governorate": 0.98, "killed": 0.95, "wounded": 0.95, "date": 0.95,
                "type": 0.98, "perpetrator": 0.92, "target": 0.92, "place": 0.91}
SET_F1_FLOOR = 0.88  # ee, read unseen at 0.776, reads 0.902 after two rounds of mending
# Tallies, scored since events-0.7; a total's parts by side are read since events-0.9.
TALLY_FLOORS = {"precision": 0.80, "recall": 0.58}


def test_every_gold_set_stays_above_its_floors() -> None:
    from pipeline.cli import eval_sets

    total = Result()
    for name, gold, docs in eval_sets():
        result = evaluate(gold, docs, PROJECT / "spiders" / "sites")
        assert result.f1 >= SET_F1_FLOOR, (name, result.f1)
        total.add(result)
    assert total.f1 >= EVENT_FLOORS["f1"], total.f1
    for name, floor in EVENT_FLOORS.items():
        if name != "f1":
            assert total.accuracy(name) >= floor, (name, total.accuracy(name))
    assert total.tallies.precision >= TALLY_FLOORS["precision"], total.tallies.precision
    assert total.tallies.recall >= TALLY_FLOORS["recall"], total.tallies.recall


def test_cluster_merging_stays_above_its_floors() -> None:
    from benchmarks.clusters import run_benchmark

    found = run_benchmark([(PROJECT / "eval" / "clusters.gold.json", PROJECT / "eval" / "clusters"),
                           (SHARED / "eval" / "seeds.gold.json", SHARED / "seeds")],
                          PROJECT / "spiders" / "sites", out=lambda line: None)
    assert found["given_gold"].f1 >= 0.95, found["given_gold"].line()
    assert found["end_to_end"].f1 >= 0.93, found["end_to_end"].line()
