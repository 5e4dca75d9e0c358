"""Merging reports of one attack into incidents: conservative, reconciled, stable."""

from dataclasses import replace
from datetime import date

from pipeline.areas import anchor, holds
from pipeline.merging import Report, canonical, cluster, same_incident
from pipeline.models import Event

BUS = Event("ambush", "isis", "government_forces", "SY-DY", "كباجب", date(2020, 12, 30), "day",
            30, 10, "...")


def _report(event_id: str, source: str, published: date, **changes) -> Report:
    return Report(event_id, replace(BUS, **changes), source, published)


def test_reports_from_several_outlets_and_days_make_one_incident() -> None:
    reports = [
        _report("ev_a", "baladi-news", date(2020, 12, 31), killed=30),
        _report("ev_b", "sy24", date(2020, 12, 31), type="armed_attack", killed=40,
                perpetrator="unknown", place="طريق دير الزور تدمر"),
        _report("ev_c", "nedaa-post", date(2021, 1, 2), killed=37, place="كباجيب"),
    ]
    incidents = cluster(reports)
    assert len(incidents) == 1
    record = canonical(incidents[0])
    assert record["type"] == "ambush" and record["perpetrator"] == "isis"
    assert (record["killed"], record["killed_min"], record["killed_max"]) == (30, 30, 40)
    assert record["sources"] == 3 and record["reports"] == 3
    assert record["place"] == "كباجب"


def test_what_tells_two_attacks_apart_keeps_them_apart() -> None:
    first = _report("ev_a", "baladi-news", date(2020, 12, 31))
    for change in ({"place": "الشولا"}, {"date": date(2020, 12, 20)}, {"governorate": "SY-HI"},
                   {"type": "airstrike"}):
        other = _report("ev_b", "sy24", date(2020, 12, 31), **change)
        assert not same_incident(first, other), change
        assert len(cluster([first, other])) == 2, change
    # Without one named village, other sides mean another attack.
    vague = _report("ev_c", "nedaa-post", date(2020, 12, 31), place="بادية دير الزور")
    for change in ({"target": "civilians"}, {"perpetrator": "sdf"}):
        other = _report("ev_d", "sy24", date(2020, 12, 31), place=None, **change)
        assert not same_incident(vague, other), change


def test_one_village_one_day_one_kind_is_one_incident_whatever_the_sides() -> None:
    # Outlets disagree on who was hit ("رعاة" for one, "عناصر الدفاع الوطني" for another).
    first = _report("ev_a", "baladi-news", date(2020, 12, 31))
    other = _report("ev_b", "sy24", date(2021, 1, 1), target="civilians", perpetrator="unknown",
                    governorate="SY-DY", type="armed_attack")
    assert same_incident(first, other)
    kiswah = _report("ev_c", "sy24", date(2022, 3, 12), place="الكسوة", governorate="SY-DI",
                     date=date(2022, 3, 12))
    assert same_incident(kiswah, replace(kiswah, event_id="ev_d", article="2", event=replace(
        kiswah.event, governorate="SY-RD")))


def test_a_vague_report_does_not_chain_two_attacks() -> None:
    village_a = _report("ev_a", "baladi-news", date(2020, 12, 31), place="ذيبان")
    village_b = _report("ev_b", "sy24", date(2020, 12, 31), place="الطيانه")
    vague = _report("ev_c", "nedaa-post", date(2020, 12, 31), place="ريف دير الزور الشرقي")
    incidents = cluster([village_a, village_b, vague])
    assert len(incidents) == 2
    assert sorted(len(i.reports) for i in incidents) == [1, 2]


def test_an_undated_report_joins_only_a_recent_attack() -> None:
    dated = _report("ev_a", "baladi-news", date(2020, 12, 31))
    soon = _report("ev_b", "sy24", date(2021, 1, 1), date=None, date_precision=None)
    late = _report("ev_c", "sy24", date(2021, 1, 20), date=None, date_precision=None)
    assert same_incident(dated, soon) and not same_incident(dated, late)


def test_incident_ids_are_stable_whatever_the_order() -> None:
    reports = [_report(f"ev_{n}", "sy24", date(2020, 12, 31 - n)) for n in range(3)]
    one = cluster(reports)[0].incident_id
    assert one == cluster(list(reversed(reports)))[0].incident_id
    assert one.startswith("in_") and one == cluster(reports[2:])[0].incident_id


def test_two_events_of_one_article_never_merge() -> None:
    one = Report("ev_a", BUS, "sy24", date(2020, 12, 31), article="7")
    two = Report("ev_b", replace(BUS, type="ied"), "sy24", date(2020, 12, 31), article="7")
    assert not same_incident(one, two)


def test_a_region_named_after_a_town_holds_only_what_lies_near_it() -> None:
    ambush = _report("ev_a", "sy24", date(2022, 10, 4), governorate="SY-RA",
                     place="بادية الرصافة", target="pro_government_militia")
    post = _report("ev_b", "baladi-news", date(2022, 10, 4), governorate="SY-RA", place="معدان",
                   type="armed_attack", target="pro_government_militia")
    assert not same_incident(ambush, post)
    # The Mayadin desert holds a village of the Mayadin sub-district.
    desert = _report("ev_c", "sy24", date(2021, 5, 18), place="بادية الميادين")
    village = _report("ev_d", "nedaa-post", date(2021, 5, 18), place="محكان")
    assert same_incident(desert, village)
    # A region of a governorate holds any of its places.
    assert same_incident(replace(desert, event=replace(desert.event,
                                                       place="ريف دير الزور الشرقي")), village)


def test_areas_read_from_the_gazetteer() -> None:
    assert anchor("بادية الميادين") == "الميادين" and anchor("ريف الميادين الشرقي") == "الميادين"
    assert anchor("ريف دير الزور الشرقي") is None and anchor("الميادين") is None
    assert holds("الميادين", "محكان", "SY-DY")  # its sub-district is Mayadin's
    assert holds("الميادين", "البوكمال", "SY-DY") is False  # points some 75 km apart
    assert holds("الرصافة", "معدان", "SY-RA") is not True
    assert holds("الميادين", "مكان لا يعرفه أحد", "SY-DY") is None


def test_a_report_of_last_week_joins_the_attack_of_last_week() -> None:
    first = _report("ev_a", "sy24", date(2021, 5, 18), place="محكان", date=date(2021, 5, 18),
                    governorate="SY-DY", killed=7)
    later = _report("ev_b", "sy24", date(2021, 5, 25), place="محكان", date=None, killed=7,
                    governorate="SY-DY", evidence="بعد هجوم مماثل قرب بلدة محكان الأسبوع الماضي")
    assert same_incident(first, later)
    # Without "last week", an undated report is of the days just before it.
    assert not same_incident(first, replace(later, event=replace(later.event, evidence="...")))


def test_a_road_holds_only_what_lies_near_the_places_it_is_named_by() -> None:
    road = _report("ev_a", "sy24", date(2020, 10, 14), governorate="SY-DR", type="ied",
                   place="طريق نوى الشيخ مسكين", target="government_forces")
    assert same_incident(road, replace(road, event_id="ev_b", event=replace(
        road.event, place="الشيخ مسكين")))
    assert not same_incident(road, replace(road, event_id="ev_c", event=replace(
        road.event, place="بصرى الشام")))


def test_iran_backed_and_pro_government_militias_are_one_side() -> None:
    first = _report("ev_a", "sy24", date(2022, 11, 9), type="airstrike", perpetrator="israel",
                    target="iran_backed", place=None)
    other = _report("ev_b", "baladi-news", date(2022, 11, 9), type="airstrike",
                    perpetrator="unknown", target="pro_government_militia", place=None)
    assert same_incident(first, other)
    assert not same_incident(first, replace(other, event=replace(other.event, target="sdf")))
