"""Article text -> attack events and tallies, one sentence at a time (first extractor).

A sentence yields an event when it names an attack and a casualty figure; actors, place and
date come from the same sentence. Sentences about a period ("during February") are tallies;
denied, planned or feared attacks are neither. Reports of one attack in several sentences
of one article are merged.
"""

from __future__ import annotations

import re
from datetime import date

from pipeline.actors import find_actors
from pipeline.dates import month_period, resolve_date
from pipeline.models import Event, Extraction, Tally
from pipeline.normalize import fold_letters, normalize
from pipeline.numbers import casualties
from pipeline.places import as_written, resolve_place

EXTRACTOR_VERSION = "events-0.1"

# Most specific first: the first type whose phrase the sentence holds wins.
ATTACK_TYPES = (
    ("suicide_attack", r"انتحاري|حزام ناسف|مفخخه"),
    ("ied", r"عبوه ناسفه|عبوات ناسفه|عبوه متفجره|عبوات متفجره"),
    ("landmine", r"لغم|الغام"),
    ("assassination", r"اغتيال|اغتال"),
    ("ambush", r"كمين|كمائن"),
    ("drone_strike", r"مسيره|مسيرات|طائره دون طيار|درون"),
    ("airstrike", r"غاره|غارات|قصف جوي|ضربه جويه|ضربات جويه"),
    ("shelling", r"قصف|قذائف|قذيفه|صواريخ"),
    ("clash", r"اشتباك|اشتباكات|معارك"),
    ("armed_attack", r"هجوم|هجمات|هاجم|استهدف|استهداف|اطلاق نار|مسلحين مجهولين"),
)


def _words(alternatives: str, *, whole: bool = False) -> re.Pattern:
    """Words that start a token (after a clitic و ب ل ف or the article), whole ones if asked."""
    end = r"(?![\w])" if whole else ""
    return re.compile(rf"(?<![\w])(?:[وبلف]|ال)?(?:{fold_letters(alternatives)}){end}")


_TYPES = [(name, _words(words)) for name, words in ATTACK_TYPES]
# Not an event that happened: denied, planned, feared, hypothetical.
_NOT_HAPPENED = _words(
    r"نفى|نفت|تستعد|يستعد|تعتزم|يعتزم|تخطط|يخطط|سيتم|ستشن|سيشن|تحضير|تجهز|محتمل|يخشى|مخاوف|"
    r"تهدد|تهديد|لشن حمله|تدريبات"
)
# Sports and economy use "هجوم" too.
_NOT_VIOLENCE = _words(r"مباراه|الدوري|المنتخب|هدفا|هدفين|الاسعار|الليره|البورصه", whole=True)
_PERIOD = re.compile(r"خلال شهر|منذ بدايه|منذ مطلع|خلال الشهر|خلال العام|حصيله")
# Sentences about attacks in general ("attacks have grown lately"), not one attack.
_GENERAL = re.compile(r"عده هجمات|خلال الايام|خلال الاسابيع|خلال الاشهر|تزايد عدد|بشكل شبه يومي")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
_AIR_TYPES = {"airstrike", "drone_strike"}
_AIR_ACTORS = {"russia", "coalition", "israel", "turkey", "government"}


def split_sentences(text: str) -> list[str]:
    """Sentences of clean text, in order."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def attack_type(sentence: str) -> str | None:
    """The schema type of the attack a normalized sentence describes, or None."""
    for name, pattern in _TYPES:
        if pattern.search(sentence):
            return name
    return None


# "بهجوم لخلايا داعش", "قصف مدفعي لقوات النظام": the actor an attack noun belongs to.
_ATTACK_OF = _words(r"هجوم|هجمات|كمين|قصف|غاره|غارات|استهداف|تفجير|اغتيال")
_OWNER_GAP = re.compile(r"^(?:\s+\S+){0,2}\s+ل$")


def _attacker(sentence: str, actors: list) -> tuple[str, str] | None:
    """(perpetrator id, alias) of an actor named as the owner of an attack noun."""
    for position, actor in actors:
        for trigger in _ATTACK_OF.finditer(sentence[max(0, position - 40):position]):
            gap = sentence[max(0, position - 40):position][trigger.end():]
            if _OWNER_GAP.match(gap):
                return actor.perpetrator, actor.alias
    return None


def _roles(sentence: str, kind: str) -> tuple[str, str | None]:
    """(perpetrator, target) from the actors a normalized sentence names, in order."""
    actors = find_actors(sentence)
    perpetrator = "unknown"
    perp_alias = None
    owner = _attacker(sentence, actors)
    if owner is not None:
        perpetrator, perp_alias = owner
    if perp_alias is None and kind in _AIR_TYPES:
        air = [a for _, a in actors if a.perpetrator in _AIR_ACTORS]
        if air:
            perpetrator, perp_alias = air[0].perpetrator, air[0].alias
    if perp_alias is None:
        for position, actor in actors:
            # "ضد داعش" or "مواقع داعش": the group is the one attacked.
            before = sentence[max(0, position - 8):position]
            if actor.perpetrator == "isis" and not re.search(r"ضد\s*$|مواقع\s*$", before):
                perpetrator, perp_alias = "isis", actor.alias
                break
    target = next((a.target for _, a in actors
                   if a.alias != perp_alias and a.target != perpetrator), None)
    return perpetrator, target


def _compatible(a: Event, b: Event) -> bool:
    """Whether two sentences of one article can be about the same attack."""
    def agree(x, y) -> bool:
        return x is None or y is None or x == y

    same_place = agree(a.place and normalize(a.place), b.place and normalize(b.place))
    return (agree(a.governorate, b.governorate) and agree(a.target, b.target)
            and (same_place or a.type == b.type) and agree(a.date, b.date))


def _merge(events: list[Event]) -> list[Event]:
    """Fold later sentences about the same attack into the first report of it."""
    merged: list[Event] = []
    for event in events:
        index = next((i for i, m in enumerate(merged) if _compatible(m, event)), None)
        if index is None:
            merged.append(event)
            continue
        first = merged[index]
        merged[index] = Event(
            type=first.type,
            perpetrator=event.perpetrator if first.perpetrator == "unknown" else first.perpetrator,
            target=first.target or event.target, governorate=first.governorate or event.governorate,
            place=first.place or event.place, date=first.date or event.date,
            date_precision=first.date_precision or event.date_precision,
            killed=first.killed if first.killed is not None else event.killed,
            wounded=first.wounded if first.wounded is not None else event.wounded,
            evidence=first.evidence,
        )
    return merged


def extract_events(text: str, published: date | None, title: str | None = None) -> Extraction:
    """Events and tallies that an article's clean text reports."""
    events: list[Event] = []
    tallies: list[Tally] = []
    context = normalize(" ".join(filter(None, [title, text])))
    for original in split_sentences(text):
        sentence = normalize(original)
        if any(p.search(sentence) for p in (_NOT_HAPPENED, _NOT_VIOLENCE, _GENERAL)):
            continue
        killed, wounded = casualties(sentence)
        kind = attack_type(sentence)
        perpetrator, target = _roles(sentence, kind or "armed_attack")
        place, governorate = resolve_place(sentence, context)
        place = as_written(original, place) if place else None
        if _PERIOD.search(sentence) and (killed or wounded):
            period = month_period(sentence, published) or (
                str(published.year) if published and "العام" in sentence else None)
            if period:
                tallies.append(Tally(period, perpetrator if perpetrator != "unknown" else None,
                                     target, governorate, killed, wounded, original))
            continue
        if kind is None or (killed is None and wounded is None
                            and not re.search(r"مقتل|قتل|جرح|اصابه|اصيب|وجرح", sentence)):
            continue
        event_date, precision = resolve_date(sentence, published)
        events.append(Event(kind, perpetrator, target, governorate, place, event_date,
                            precision, killed, wounded, original))
    return Extraction(events=_merge(events), tallies=tallies)
