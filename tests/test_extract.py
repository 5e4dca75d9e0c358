"""Text stage: clean article text from replica pages and page dumps."""

from pathlib import Path

import pytest

from pipeline.errors import RasdError
from pipeline.extract import clean_lines, extract_dump, extract_html
from pipeline.sites import load_site, load_sites, merged_text_rules

PROJECT = Path(__file__).resolve().parent.parent
SITES = PROJECT / "spiders" / "sites"


def test_replica_page_keeps_article_and_drops_clutter(replica) -> None:
    site = load_site(SITES / "baladi-news.yaml")
    article = next(a for a in replica.replica.articles if a.slug == "ambush-homs-desert-ndf")
    path = replica.replica.path_of(article)
    result = extract_html(replica.replica.respond(path).body, replica.base_url + path, site)
    assert result.title == article.title
    assert result.published.isoformat() == "2020-12-30T16:10:00+02:00"
    assert "قُتل خمسة عناصر" in result.text
    for clutter in ("مقالات ذات صلة", "شارك الخبر", "عدد المشاهدات", "اشترك في نشرتنا",
                    "مقتل عنصرين من قوات النظام بهجوم"):  # the last is a related headline
        assert clutter not in result.text
    assert result.language == "ar"
    assert result.canonical_url == replica.base_url + path


@pytest.mark.parametrize("site_id", ["baladi-news", "nedaa-post", "radio-alkul", "north-pulse",
                                     "sy24"])
def test_every_replica_article_keeps_its_text_and_sheds_clutter(replicas, site_id) -> None:
    server = replicas[site_id].replica
    site = load_site(SITES / f"{site_id}.yaml")
    for article in server.articles:
        result = extract_html(server.respond(server.path_of(article)).body, None, site)
        kept = result.text.splitlines()
        for line in article.own_text:
            assert " ".join(line.split()) in kept, (article.id, line)
        leftovers = set(kept) - {" ".join(line.split()) for line in article.own_text}
        assert not leftovers, (article.id, leftovers)
        assert result.title == article.title


def test_dump_title_suffix_and_related_list() -> None:
    rules = merged_text_rules(load_sites(SITES))
    text = (PROJECT / "replicas" / "sites" / "baladi-news" / "seed.txt").read_text("utf-8")
    article = extract_dump(text, rules)
    assert article.title.startswith('"دا.عــش" يصعد عملياته')
    assert "It's Over 9000" not in article.title
    assert "مقالات ذات صلة" not in article.text
    assert "خسائر لقوات \"قسد\" بقصف تركي على الحسكة" not in article.text
    assert "داعش" in article.normalized


def test_duplicated_body_is_kept_once() -> None:
    first = "قتل ثلاثة عناصر من قوات النظام بهجوم مسلح في بادية حمص الشرقية اليوم."
    second = "وقالت مصادر محلية إن المهاجمين انسحبوا باتجاه عمق البادية بعد الهجوم."
    lines = ["عنوان", first, second, "Facebook", first, second, "مقالات ذات صلة", "خبر آخر"]
    assert clean_lines(lines, "عنوان", None) == [first, second]


def test_short_lines_may_repeat() -> None:
    # List items and table rows repeat in real articles; only sentences are deduplicated.
    lines = ["المكونات:", "- ملح", "الطريقة:", "- ملح"]
    assert clean_lines(lines, None, None) == lines


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"just some words, no markup at all", "no markup"),
    (b"<html><body></body></html>", "no article text"),
])
def test_bad_pages_raise_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(RasdError, match=message):
        extract_html(data)


def test_windows_1256_page_is_decoded() -> None:
    body = ("<html><head><meta charset='windows-1256'><title>خبر</title></head><body><article>"
            + "<p>قتل ثلاثة عناصر من قوات النظام بهجوم في ريف دير الزور الشرقي اليوم.</p>" * 5
            + "</article></body></html>").encode("cp1256")
    result = extract_html(body, encoding="cp1256")
    assert "قتل ثلاثة عناصر" in result.text


ARTICLE = ["قتل ثلاثة عناصر من قوات النظام بهجوم في بادية حمص.",
           "وأضافت المصادر أن المهاجمين انسحبوا."]


@pytest.mark.parametrize("clutter", [
    ["اقرأ أيضاً: مقتل خمسة عناصر بكمين في ريف دير الزور"],
    ["اقرأ أيضاً", "مقتل خمسة عناصر بكمين في ريف دير الزور"],
    ["إقرأ أيضا : انفجار عبوة ناسفة في درعا"],
    ["تابعونا على تلغرام لآخر الأخبار"],
    ["انضموا إلى قناتنا على واتساب"],
    ["اشترك في نشرتنا البريدية"],
    ["عدد المشاهدات: 1,284"],
    ["1284 مشاهدة"],
    ["A+", "A-"],
    ["حجم الخط"],
    ["بقلم: محمد خضير"],
    ["المصدر: وكالات"],
    ["التعليقات مغلقة."],
    ["زر الذهاب إلى الأعلى"],
    ["شارك الخبر", "Facebook", "Twitter"],
    ["أضف تعليق"],
])
def test_clutter_inside_the_content_is_dropped(clutter: list[str]) -> None:
    lines = [ARTICLE[0], *clutter, ARTICLE[1]]
    assert clean_lines(lines, None, None) == ARTICLE


@pytest.mark.parametrize(("text", "language"), [
    ("قتل ثلاثة عناصر من قوات النظام بهجوم في بادية حمص.", "ar"),
    ("Three soldiers were killed in an attack in the Homs desert.", "other"),
    ("SY24 - قتل ثلاثة عناصر من قوات النظام", "ar"),
    ("2021 - 12", "und"),
])
def test_language(text: str, language: str) -> None:
    from pipeline.extract import detect_language

    assert detect_language(text) == language


def test_non_arabic_article_is_marked() -> None:
    body = ("<html><head><title>Attack</title></head><body><article>"
            + "<p>Three soldiers were killed in an attack in the Homs desert on Monday.</p>" * 5
            + "</article></body></html>").encode()
    assert extract_html(body).language == "other"
