"""Articles for a replica: the outlet's seed page, any written by hand, and generated ones.

Generated articles come from the phrase banks in corpus.yaml with a random generator seeded
by the site id, so a replica is the same on every run. Attack articles carry `expect`, the
event they report, for tests to check extraction against.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SITES_DIR = HERE / "sites"


@dataclass(frozen=True)
class ReplicaArticle:
    id: int
    slug: str
    title: str
    page_title: str
    published: datetime
    paragraphs: tuple[str, ...]
    related: tuple[str, ...] = ()
    # Lines of `paragraphs` that are the article's own text (not credit lines): the truth
    # a text-quality report checks against.
    own_text: tuple[str, ...] = ()
    expect: dict | None = field(default=None, compare=False, hash=False)


@cache
def _banks() -> dict:
    return yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))


@cache
def replica_config(site_id: str) -> dict:
    return yaml.safe_load((SITES_DIR / site_id / "replica.yaml").read_text(encoding="utf-8"))


def _slug(title: str) -> str:
    words = [w.strip("\"'“”«».,:؟?!()") for w in title.split()]
    return "-".join(w for w in words if w)[:80]


def _seed(site_id: str, config: dict) -> ReplicaArticle:
    seed = config["seed"]
    lines = [line.strip() for line in (SITES_DIR / site_id / seed["file"]).read_text(
        encoding="utf-8").splitlines() if line.strip()]

    def span(key: str) -> list[str]:
        if key not in seed:
            return []
        first, last = seed[key]
        return lines[first - 1:last]

    title = lines[seed["title_line"] - 1]
    page_title = lines[seed["page_title_line"] - 1] if "page_title_line" in seed else title
    body = span("body_lines")
    credits = set(span("credit_lines"))
    return ReplicaArticle(
        id=seed["id"], slug=seed.get("slug") or _slug(title), title=title,
        page_title=page_title, published=datetime.fromisoformat(seed["published"]),
        paragraphs=tuple(body), related=tuple(span("related_lines")),
        own_text=tuple(line for line in body if line not in credits))


def _handwritten(site_id: str, config: dict) -> list[ReplicaArticle]:
    path = SITES_DIR / site_id / "articles.yaml"
    if not path.exists():
        return []
    articles = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        body = tuple(entry["body"])
        credit = entry.get("credit")
        paragraphs = ((credit,) if credit else ()) + body
        articles.append(ReplicaArticle(
            id=entry["id"], slug=entry.get("slug") or _slug(entry["title"]),
            title=entry["title"], page_title=config["page_title"].format(title=entry["title"]),
            published=datetime.fromisoformat(entry["published"]), paragraphs=paragraphs,
            related=tuple(entry.get("related", [])), own_text=body,
            expect=entry.get("expect")))
    return articles


def _attack(rng: random.Random, banks: dict, published: datetime) -> tuple[str, list[str], dict]:
    template = rng.choice(banks["attacks"])
    civilians = template.get("civilians", False)
    killed, killed_nom, killed_gen = rng.choice(banks["counts"]["civilians" if civilians
                                                               else "fighters"])
    target_id, target = ("civilians", "") if civilians else rng.choice(banks["targets"])
    perp_id, perp = rng.choice(banks["perpetrators"])
    if "{perp}" not in " ".join(template["body"]):
        perp_id = "unknown"  # the text names no attacker
    perp_id = template.get("perpetrator", perp_id)
    governorate, place, place_short, place_name = rng.choice(banks["places"])
    back, day_phrase = rng.choice(banks["days"])
    day = published.date() - timedelta(days=back)
    wounded, wounded_phrase = rng.choice(banks["counts"]["wounded"])
    slots = {
        "killed_nom": killed_nom, "killed_gen": killed_gen, "target": target, "perp": perp,
        "place": place, "place_short": place_short, "wounded": wounded_phrase,
        "day": day_phrase.format(weekday=banks["weekdays"][day.weekday()]),
    }
    title = " ".join(template["title"].format(**slots).split())
    body = [" ".join(p.format(**slots).split()).replace(" ،", "،") for p in template["body"]]
    expect = {
        "type": template["type"], "perpetrator": perp_id, "target": target_id,
        "governorate": governorate, "place": place_name, "date": day.isoformat(),
        "date_precision": "day", "killed": killed,
        "wounded": wounded if template.get("wounded") else None,
    }
    return title, body, expect


def _generated(site_id: str, config: dict, anchor: datetime, first_id: int) -> list[ReplicaArticle]:
    banks = _banks()
    rng = random.Random(site_id)
    tz = anchor.tzinfo
    plan: list[tuple[datetime, bool]] = []
    for _ in range(config["generated"]):
        back = rng.randint(1, config["span_days"])
        when = (anchor - timedelta(days=back)).replace(hour=rng.randint(8, 22),
                                                       minute=rng.choice((5, 20, 35, 50)))
        plan.append((when, rng.random() < 0.55))
    spike = config.get("spike_days_before_seed")
    if spike is not None:  # several attacks in one day, so the replica shows an alert
        day = anchor - timedelta(days=spike)
        plan += [(day.replace(hour=9 + 3 * n, minute=10), True) for n in range(4)]
    articles = []
    for number, (when, is_attack) in enumerate(sorted(plan)):
        when = when.astimezone(tz)
        if is_attack:
            title, body, expect = _attack(rng, banks, when)
        else:
            other = rng.choice(banks["others"])
            title, body, expect = other["title"], list(other["body"]), None
        credit = config["credit"].format(city=rng.choice(config.get("cities", ["خاص"])))
        related = tuple(rng.sample([t["title"] for t in banks["others"]], 1)) + tuple(
            a.title for a in articles[-3:])
        articles.append(ReplicaArticle(
            id=first_id + number, slug=f"{_slug(title)}-{first_id + number}", title=title,
            page_title=config["page_title"].format(title=title), published=when,
            paragraphs=(credit, *body), related=related, own_text=tuple(body),
            expect=expect))
    return articles


def load_articles(site_id: str, generated: int | None = None) -> list[ReplicaArticle]:
    """Every article of the replica, oldest first; `generated` overrides how many are made
    (the crawl benchmark's large replica)."""
    config = replica_config(site_id)
    if generated is not None:
        config = {**config, "generated": generated,
                  "span_days": max(config["span_days"], generated // 10)}
    seed = _seed(site_id, config)
    handwritten = _handwritten(site_id, config)
    generated = _generated(site_id, config, seed.published, config["first_generated_id"])
    return sorted([seed, *handwritten, *generated], key=lambda a: (a.published, a.id))


def one_day(outlet: str, count: int, day: date, seed: str) -> list[ReplicaArticle]:
    """`count` generated articles in the outlet's style, all published on `day` (Damascus
    time), drawn with the random generator seeded by `seed`: the scale benchmark's sites."""
    config = {**replica_config(outlet), "generated": count, "span_days": 1}
    config.pop("spike_days_before_seed", None)
    anchor = datetime.combine(day + timedelta(days=1), time(), timezone(timedelta(hours=3)))
    return _generated(seed, config, anchor, config["first_generated_id"])
