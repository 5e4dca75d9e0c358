"""Near-duplicate articles: MinHash similarity, and linking copies in the database."""

from pipeline.crawl import run_crawl
from pipeline.daily import text_stage
from pipeline.dedup import DUPLICATE_SIMILARITY, signature, similarity
from pipeline.normalize import normalize

STORY = normalize(
    "قتل ثلاثة عناصر من قوات النظام بهجوم مسلح في بادية حمص الشرقية اليوم الأربعاء، وقالت "
    "مصادر محلية إن المهاجمين انسحبوا باتجاه عمق البادية بعد اشتباك استمر ساعة كاملة، "
    "فيما دفعت قوات النظام بتعزيزات عسكرية إلى المنطقة وسط تحليق لطائرات الاستطلاع.")


def test_a_copy_with_other_furniture_is_a_duplicate() -> None:
    copy = normalize("نقلاً عن مصادر محلية: ") + STORY
    assert similarity(signature(STORY), signature(copy)) >= DUPLICATE_SIMILARITY


def test_another_story_is_not() -> None:
    other = normalize("ارتفعت أسعار المحروقات في دمشق للمرة الثالثة خلال العام الجاري وسط أزمة "
                      "خانقة، وقال سائقو سيارات الأجرة إن ساعات الانتظار تجاوزت ست ساعات.")
    assert similarity(signature(STORY), signature(other)) < 0.2


def test_a_changed_detail_lowers_the_score() -> None:
    edited = STORY.replace("ثلاثه", "خمسه").replace("حمص", "حماه")
    assert 0.2 < similarity(signature(STORY), signature(edited)) < 1.0


def test_signature_is_stable_across_runs() -> None:
    assert signature(STORY) == signature(STORY) and len(signature(STORY)) == 64


def test_copies_on_other_urls_are_linked_and_not_counted_twice(config, db, replica) -> None:
    run_crawl(config, "baladi-news")
    counts = text_stage(config)
    assert counts["duplicates"] >= 2
    server = replica.replica
    with db.cursor() as cur:
        cur.execute("""SELECT d.url, o.url, d.similarity FROM rasd.articles d
                       JOIN rasd.articles o ON o.article_id = d.duplicate_of""")
        links = {frozenset((copy, original)): score for copy, original, score in cur.fetchall()}
    for kind in ("flaky", "legacy_encoding"):  # each serves an older article's text
        pair = frozenset((server.base_url + server.trouble[kind],
                          server.url_of(server.copied_article(kind))))
        assert links.get(pair, 0) >= DUPLICATE_SIMILARITY, kind
    # A rerun links nothing anew and keeps the links.
    text_stage(config)
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM rasd.articles WHERE duplicate_of IS NOT NULL")
        assert cur.fetchone()[0] == len(links)
