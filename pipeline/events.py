"""Article text -> attack events and tallies (the second extractor).

The text is cut into clauses (sentences, and sentences split where a second incident begins:
"فيما", "وفي سياق متصل"). Each clause is read for what it tells: an attack type, casualty
figures, actors, a place, a date, and cues that it is no event (denied, planned, sports,
attacks in general) or a tally ("خلال شهر شباط"). Clauses are then read in order: a clause
with an attack opens an event, or adds to the one just told when nothing sets it apart (no
other place or day) or when it points back to it ("الهجوم", "ما أسفر عن"); a clause with
figures alone completes the attack just told; "ارتفعت الحصيلة إلى" replaces its figure.
An attack counts as an event when the article says it hurt someone or says where it struck.
The phrasing lives in data/event_cues.yaml, the actors in data/actors.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml

from pipeline.actors import regional_target
from pipeline.dates import MONTH_NAMES, month_period, resolve_date, year_period
from pipeline.merging import types_agree
from pipeline.models import Event, Extraction, Tally
from pipeline.normalize import normalize
from pipeline.numbers import FIGURE, NUMBER, casualties, parse_number
from pipeline.places import as_written, resolve_place, same_place
from pipeline.roles import affiliation, roles

EXTRACTOR_VERSION = "events-0.5"
CUES_FILE = Path(__file__).parent / "data" / "event_cues.yaml"

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
# Where a second incident starts inside one sentence (on the original text).
_CLAUSE_BREAK = re.compile(r"[،,]\s*(?=(?:فيما|بينما|في حين|حين|عندما|إذ|وسط|رغم|في ظل)\s)"
                           r"|\s(?=و?في\s+(?:سياق|حادثة|حادثه|حادث)\s+(?:متصل|منفصل|آخر|اخر|مشابه))"
                           r"|[،,]\s*(?=(?:كما|وكذلك)\s+(?:قتل|قُتل|لقي|أصيب|اصيب|استهدف|انفجر))"
                           # "12 شهيداً في حمورية، و9 شهداء ... على مدينة دوما": a toll broken
                           # down place by place
                           r"|[،,]\s*(?=و\s?(?:[0-9٠-٩]+)\s+(?:شهداء|شهيدا|قتلى|قتيلا|مدنيين|مواطنين"
                           r"|أشخاص|اشخاص|عناصر|عنصرا|مقاتلين|في|ب\S+)\s)"
                           # "...، ومقاتل من الهيئة قُتل برصاص قناص": a second victim, another
                           # attack
                           r"|[،,]\s*(?=و(?:مقاتل|عنصر|مدني|شاب|رجل|طفل|جندي|امرأة|مواطن|شخص"
                           r"|سيدة)\S{0,3}\s+(?:\S+\s+){0,5}?(?:ق[\u064b-\u0652]*ت[\u064b-\u0652]*ل"
                           r"[\u064b-\u0652]*|استشهد|لقي)\s)"
                           # "..., وذلك بعد ساعات من الكمين الذي ...": an earlier attack recalled
                           r"|[،,]\s*(?=(?:وذلك\s+)?بعد\s+(?:\S+\s+){0,2}?(?:ساعات|أيام|ايام|يومين"
                           r"|أسبوع|اسبوع|أسابيع|اسابيع)\s+(?:فقط\s+)?من\s)")


def _pattern(phrases: list[str], whole_short: bool = False) -> re.Pattern:
    """Phrases at the start of a word, after a clitic or the article, longest first.
    `whole_short`: a phrase of three letters or fewer must end its word ("أدى" is not the
    start of "ببادية")."""
    folded = sorted({normalize(str(p)) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:[وبلف]|ال|وال|بال|فال|لل)??(?:" + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") + (r"(?![\w])" if whole_short and len(p) <= 3
                                                 else "")
        for p in folded) + ")")


@cache
def cues() -> dict:
    """The cue phrases of data/event_cues.yaml, compiled."""
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    compiled = {name: _pattern(data[name], whole_short=name == "same_attack") for name in (
        "not_happened", "feared", "not_violence", "general", "period", "toll_update", "same_attack",
        "casualty_words", "recalled", "another")}
    compiled["overrides"] = [(kind, _pattern(words)) for kind, words in data["overrides"].items()]
    compiled["types"] = [(kind, _pattern(words)) for kind, words in data["types"].items()]
    return compiled


def split_sentences(text: str) -> list[str]:
    """Clauses of clean text, in order: sentences, split where a second incident starts."""
    return [clause for clause, _ in _clauses(text)]


def headline(line: str) -> bool:
    """A headline, not a paragraph: short and not ended like a sentence ("خمسة قتلى بغارات
    روسية على ريف جسر الشغور", "... بكمين في البادية.."). Titles, related headlines and section
    headings tell of attacks the body tells (or another article does): never an event."""
    line = line.strip()
    # A title's ".." between its two halves ("4 قتلى بهجوم في بادية السخنة.. وحصيلة آب تبلغ
    # 27 قتيلاً") lets it run longer.
    longest = 40 if re.search(r"[^.]\.\.\s", line) else 20
    return len(line.split()) < longest and (
        not line.endswith((".", "!", "؟", ":", "»", '"', "”")) or line.endswith(".."))


def _clauses(text: str) -> list[tuple[str, bool]]:
    """(clause, from a headline line) for each clause of the text, in order."""
    clauses = []
    for line in text.splitlines():
        is_headline = headline(line)
        for sentence in _SENTENCE_END.split(line):
            clauses += [(c.strip(), is_headline) for c in _CLAUSE_BREAK.split(sentence or "")
                        if c and c.strip()]
    return clauses


def attack_type(sentence: str) -> str | None:
    """The schema type of the attack a normalized clause describes, or None."""
    found = _attack(sentence)
    return found[0] if found else None


# "... بعد هجوم استهدف حافلات ... أسفر عن مقتل 40": the figure belongs to the attack told
# just before the verb of result, not to another named earlier in the clause.
_RESULT = re.compile(r"(?<![\w])(?:ما\s+)?[وف]?(?:اسفر|اسفرت|ادي|ادت|نتج|خلف|اوقع|حصد)(?![\w])")
_SEQUEL = re.compile(r"(?<![\w])ما\s+(?:اسفر|ادي|نتج|خلف|تسبب)\S*")
_AFTER = re.compile(r"(?<![\w])(?:بعد|عقب|اثر)\s")


# Words that name no attack of their own: weapons of a ground attack that name shells or
# rockets ("قذائف الـ'آر بي جي'": no shelling), a ceasefire ("وقف إطلاق النار"), the
# disengagement line ("خط فض الاشتباك"), the weapons "used in" a clash ("اشتباكات استخدمت فيها
# الأسلحة الخفيفة وقذائف الهاون": a clash, no shelling), the air cover of a ground attack
# ("هجوماً واسعاً بإسناد من الطائرات المسيرة": an attack, no drone strike), shelling that went
# with a clash ("اشتباكات ... ترافقت مع قصف متبادل": a clash).
_NO_ATTACK = re.compile(r"(?:قذائف|قذيفه|قاذف\S*)\s+(?:ال)?[\"“«']?(?:ال)?(?:ار\s*بي\s*جي"
                        r"|اربي\s*جي|rpg|RPG)|(?:وقف|لوقف|بوقف)\s+(?:ل)?اطلاق\s+النار"
                        r"|(?:فض|فك)\s+(?:ال)?اشتباك"
                        r"|(?:استخدمت|استخدم|استخدموا|استعملت|استعمل)\s+(?:فيها|فيه)\s+[^،.]*"
                        r"|(?:باسناد|بدعم|بمسانده|بتغطيه|وسط\s+تغطيه)\s+(?:\S+\s+)?(?:من\s+)?"
                        r"(?:ال)?(?:طائرات|طيران|مسيرات|مدفعيه|الطيران)[^،.]*"
                        r"|(?:ترافقت|ترافق|رافقها|رافقه|تخللها|تخلله)\s+(?:مع\s+)?قصف\S*"
                        r"(?:\s+(?:متبادل|مدفعي|صاروخي)\S*)?")


def _attack(sentence: str) -> tuple[str, int] | None:
    """(type, position of its phrase): overrides first, then the most specific type."""
    sentence = _NO_ATTACK.sub(lambda m: " " * len(m.group()), sentence)
    start, end = 0, len(sentence)
    result = _RESULT.search(sentence)
    hurt = cues()["casualty_words"].search(sentence)
    if result and not (hurt and hurt.start() < result.start()):
        end = result.start()
        after = [m.end() for m in _AFTER.finditer(sentence, 0, end)]
        start = after[-1] if after else 0
    found = _first_type(sentence, start, end)
    if found is None and (start or end < len(sentence)):
        found = _first_type(sentence, 0, len(sentence))
    return found


def _first_type(sentence: str, start: int, end: int) -> tuple[str, int] | None:
    for kind, pattern in [*cues()["overrides"], *cues()["types"]]:
        match = pattern.search(sentence, start, end)
        if match:
            return kind, match.start()
    return None


_FRESH = re.compile(r"^(?:و?في\s+(?:ال)?سياق|و?في\s+حادث|فيما|بينما|في\s+حين|كما|و?في\s+اليوم"
                    r"|و?في\s+وقت\s+لاحق|و?علي\s+الضفه|و?في\s+الاثناء|و?في\s+غضون"
                    r"|الي\s+ذلك|من\s+جهه\s+اخري|و?علي\s+صعيد|و?في\s+ريف|و?في\s+مدينه"
                    r"|و?في\s+بلده|و?في\s+باديه|و?في\s+(?:محافظه|مقاطعه)|و?في\s+المقابل|و?بالمقابل"
                    r"|و?بالتزامن|و?تزامنا|و?في\s+الوقت\s+(?:نفسه|ذاته)"
                    r"|و?(?:\S+\s+){1,2}ايضا(?![\w])"  # "وفجر اليوم أيضاً، انفجر لغم"
                    # "وردّت القوات الأمريكية بعد ساعات بغارات": the other side's answer
                    r"|و?(?:ردت|رد)\s+(?:\S+\s+){0,4}?ب(?:غار|قصف|استهداف|ضرب|هجوم)\S*)")
# "بهجوم مماثل", "بعد ثمانية أيام من قصف": another attack than the one just told.
_ANOTHER = re.compile(r"(?<![\w])[وبل]?(?:هجوم|هجوما|قصف|قصفا|غاره|غارات|انفجار|تفجير|كمين|استهداف"
                      r"|اغتيال|اعتداء|حادث\S*|مسيره|عبوه|لغم)\s+(?:\S+\s+)?(?:اخر|اخري|مماثل\S*|منفصل\S*"
                      r"|مشابه\S*|ثان\S*)(?![\w])|بعد\s+(?:\S+\s+){0,2}?(?:ايام|ساعات|اسبوع"
                      r"|اسابيع|اشهر|شهر|يومين|يوم)\s+(?:فقط\s+)?من(?![\w])")
_SETTLEMENT_WORD = re.compile(r"^(?:مدينة|مدينه|بلدة|بلده|قرية|قريه|ناحية|ناحيه|منطقة|منطقه|حي)\s+")
_DAY_SPAN = re.compile(r"(?<![\w])(?:من|بين)\s+(?:يوم\s+)?\d{1,2}\s+(?:\S+\s+)?(?:حتي|الي)\s+"
                       rf"(?:يوم\s+)?\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?(?:{MONTH_NAMES})(?![\w])")
_NOT_REPORTED = re.compile(r"(?<![\w])(?:دون|لم|عدم|بلا)\s+(?:\S+\s+){0,4}?(?:وقوع|تسجيل|حدوث)"
                           r"\s+(?:\S+\s+)?$")
_DENIED = re.compile(r"(?<![\w])(?:لم|دون|لا|عدم|بلا|اي)(?![\w])")
_GENERIC_ATTACK = re.compile(r"(?:[وبلف]?ال(?:هجوم|هجمات|استهداف|اعتداء)|هذا\s+الهجوم|الهجوم)")
_OTHER_WORD = re.compile(r"(?<![\w])(?:اخر|اخري|مماثل\S*|منفصل\S*)(?![\w])")
_DEMONSTRATIVE = re.compile(r"(?<![\w])(?:هذه|هذا|تلك|ذلك)\s+$")
# "القصف ذاته" (not "فجّر انتحاري نفسه": himself)
_SAME = re.compile(r"[وبل]?ال\S+\s+(?:ذاته|نفسه|ذاتها|نفسها)(?![\w])")
# "إن عدد قتلى الغارات الأمريكية بلغ تسعة": the toll told again, higher
_COUNT_REACHED = re.compile(r"(?<![\w])عدد\s+(?:\S+\s+){1,4}?(?:بلغ|وصل)(?![\w])")
_REACHED_FIGURE = re.compile(rf"\s+{FIGURE}")  # "بلغ تسعة"
_UPDATE_FIGURE = re.compile(rf"(?:الي|ل)\s+{FIGURE}")
_BREAKDOWN = re.compile(rf"(?<![\w])(?:وهم|وهي|منهم)\s+(?={NUMBER}\s)")
_DISTRIBUTED = re.compile(r"(?<![\w])(?:توزع|توزعت|وتوزع|وتوزعت|تتوزع)\s+(?:\S+\s+){0,10}?"
                          r"(?:النحو\s+التالي|كالتالي|كما\s+يلي)")
_PART = re.compile(rf"(?:^|:\s*)و?\s?(?P<num>{NUMBER})\s+(?:\S+\s+)?(?:في|ب)\S*\s")
# Targets a later sentence's "whose man he was" may make precise: none, people, a former member.
_PLAIN_TARGETS = (None, "civilians", "other")
_RECALLED = re.compile(r"^و?كان(?:ت)?\s+(?:\S+\s+){0,4}?قد\s")
_WHEN = re.compile(r"(?:حين|عندما)\s")
_SINCE = re.compile(r"(?<![\w])(?:منذ|خلال)(?![\w])")
_SINCE_WORD = re.compile(r"(?<![\w])منذ(?![\w])")  # a day named after it starts a period
# "نفذ مسلحون 11 عملية اغتيال", "40 هجوما": a count of attacks, not one attack.
_MANY_ATTACKS = re.compile(r"(?<![\w])(?:عمليتان|عمليتين|هجومان|هجومين|هجمتان|هجمتين)(?![\w])|"
                           rf"(?<![\w]){NUMBER}\s+(?:عمليه|عمليات|هجمات|هجوما|اعتداءات|اعتداء"
                           rf"|حوادث|حالات|حاله)(?![\w])")


@dataclass
class Clause:
    """What one clause tells."""

    original: str
    text: str  # normalized
    kind: str | None = None
    kind_at: int | None = None
    killed: int | None = None
    wounded: int | None = None
    hurt: bool = False  # casualty words, with or without a figure
    place: str | None = None
    governorate: str | None = None
    date: date | None = None
    precision: str | None = None
    skip: bool = False
    general: bool = False  # attacks in general, or many at once: no one event
    another: bool = False  # "بهجوم مماثل": not the attack just told
    fresh: bool = False  # opens with "في سياق متصل", "فيما", "كما": a new report begins
    generic: bool = False  # its only attack word is "الهجوم": it names the attack told
    period: bool = False
    update: bool = False
    refers_back: bool = False
    recalled: bool = False  # "وكانت مسيرة قد استهدفت": an earlier attack of its own
    same_named: bool = False  # "القصف ذاته": the attack told, named again


def _read(original: str, context: str, published: date | None) -> Clause:
    text = normalize(original)
    c = cues()
    clause = Clause(original, text)
    # A heading or a question ("ما أثر الغارات الروسية؟") tells of no attack.
    not_happened = c["not_happened"].search(text)
    clause.skip = bool(len(text.split()) < 5 or text.endswith("؟")
                       or not_happened or c["not_violence"].search(text))
    general = c["general"].search(text)
    clause.general = bool(general or _MANY_ATTACKS.search(text))
    # "وذلك بعد ساعات من اختطافه": more on the attack just told (but "وذلك بعد ساعات من
    # انفجار لغم آخر" tells of another)
    clause.another = _set_apart(text) and not (
        text.startswith("وذلك") and not _OTHER_WORD.search(text))
    clause.fresh = bool(_FRESH.match(text))
    # A figure over a period, unless it is one attack's ("هجوم ... أسفر عن مقتل سبعة، في واحد
    # من أعنف الهجمات منذ بداية العام") or has its day.
    period = c["period"].search(text)
    clause.period = bool(period) and not _RESULT.search(text)
    attack = _attack(text)
    if attack and _NOT_REPORTED.search(text[max(0, attack[1] - 50):attack[1]]):
        attack = None  # "دون ورود أنباء عن وقوع اشتباكات": an attack that did not happen
    if attack:
        clause.kind, clause.kind_at = attack
    feared = c["feared"].search(text)
    if feared and not (clause.kind_at is not None
                       and _SEQUEL.search(text, clause.kind_at, feared.start())):
        # "تخشى هجوماً", "هددت بقصف", "منشورات تهدد": no attack; "قصفت ... ما تسبب بأضرار،
        # ... التي حذرت من انقطاع الغاز": the warning is the attack's sequel (as is a fear
        # told after an attack with its day and toll, below)
        clause.skip = True
    if attack:
        # "الهجوم", "هذه الغارات", "القصف ذاته": the attack told, named again
        clause.same_named = bool(_SAME.match(text, clause.kind_at))
        clause.generic = (clause.kind == "armed_attack" and bool(
            _GENERIC_ATTACK.match(text, clause.kind_at))) or clause.same_named or bool(
            _DEMONSTRATIVE.search(text, max(0, clause.kind_at - 6), clause.kind_at))
    clause.killed, clause.wounded = casualties(text)
    hurt = c["casualty_words"].search(text)
    # "ولم يسجل وصول أي مصابين", "دون وقوع إصابات": casualties denied.
    clause.hurt = bool(hurt and not _DENIED.search(text[max(0, hurt.start() - 30):hurt.start()]))
    update = c["toll_update"].search(text) or _COUNT_REACHED.search(text)
    if update:
        _read_update(clause, update)
    clause.refers_back = bool(c["same_attack"].search(text)) or (
        text.startswith("وذلك") and not clause.another)
    clause.recalled = bool(clause.kind and not clause.generic and _RECALLED.match(text))
    clause.place, clause.governorate = resolve_place(text, context)
    if clause.place:
        # "مدينة جاسم" is the place "جاسم": the settlement word is not its name.
        clause.place = _SETTLEMENT_WORD.sub("", as_written(original, clause.place))
    clause.date, clause.precision = resolve_date(text, published)
    # A figure over days from one to another ("خلال الأسبوع الممتد من 7 حتى 13 كانون الأول") is a
    # period's even though each end is a day.
    # "منذ بدء التصعيد في الـ 30 من نيسان": a day that starts a period is still a period's.
    since = bool(period) and "منذ" in period.group()
    clause.period = (clause.period and (clause.precision != "day" or since)) or bool(
        _DAY_SPAN.search(text) and clause.killed is not None)
    if period and clause.period and not clause.update and _told_after(clause, period) and not (
            _DAY_SPAN.search(text)):
        # "قتل ثلاثة شبان مساء أمس ... في حادثة تضاف إلى سلسلة عمليات القتل منذ مطلع العام":
        # one attack with its day and toll, set against a period
        clause.period = False
    stop = not_happened or feared
    if (stop and clause.skip and _told_after(clause, stop)
            and not c["not_happened"].search(text, 0, clause.kind_at)
            and not c["feared"].search(text, 0, clause.kind_at)
            and not c["not_violence"].search(text) and len(text.split()) >= 5):
        # "اغتيال مختار داعل يوم الأحد ... في عملية أثارت مخاوف الأهالي": the fear follows an
        # attack told with its day and toll; it does not deny it.
        clause.skip = False
    if (general and clause.general and _told_after(clause, general)
            and not _MANY_ATTACKS.search(text)):
        # "قتل ستة ... يوم الأحد بانفجار لغم، في حادثة تضاف إلى حوادث يشهدها الموسم كل عام":
        # background told after one attack with its day and toll.
        clause.general = False
    return clause


def _read_update(clause: Clause, update: re.Match) -> None:
    """"ارتفعت الحصيلة إلى 11": the clause's figure replaces the one told, unless it is a
    running total or a total broken down."""
    text = clause.text
    figure = (_UPDATE_FIGURE.search(text, update.end(), update.end() + 200)
              or _REACHED_FIGURE.match(text, update.end()))
    value = parse_number(figure.group("num")) if figure else None
    if value is None:
        return
    if _SINCE.search(text, update.end(), figure.start()):
        # "ليرتفع عدد ضحايا الحملة منذ الأحد الماضي إلى أكثر من 500": a running total over
        # days, not this attack's toll.
        clause.killed = None if clause.killed == value else clause.killed
        return
    breakdown = _BREAKDOWN.search(text, figure.end())
    if breakdown:
        # "ارتفع إلى 10 عدد ..., وهم 5 مواطنين استشهدوا في معرة النعمان": the total is the
        # day's; the first part named is this attack's
        clause.killed = casualties(text[breakdown.end():])[0]
        return
    clause.update = True
    if re.search(r"جرحي|مصابين|الجرحي|المصابين|اصابات", text[update.start():figure.end()]):
        clause.wounded = value
    else:
        clause.killed = value


# "بعد ثلاثة أيام من قصف", "قبل أيام", "بعد هجوم مماثل ... الأسبوع الماضي": told as another
# day's ("غارات أخرى" alone may be of the same raid).
_APART_IN_TIME = re.compile(r"(?<![\w])(?:بعد|قبل)\s+(?:\S+\s+){0,2}?(?:ايام|ساعات|اسبوع|اسابيع"
                            r"|اشهر|شهر|يومين|يوم|اقل\s+من|مماثل\S*)(?![\w])"
                            r"|(?<![\w])ال(?:اسبوع|شهر)\s+(?:الماضي|الفائت)(?![\w])")


def _set_apart(text: str) -> bool:
    """"بهجوم مماثل", "بعد ثلاثة أيام من قصف": another attack than the one just told."""
    return bool(cues()["another"].search(text) or _ANOTHER.search(text))


def _told_after(clause: Clause, cue: re.Match) -> bool:
    """The cue comes after an attack the clause tells with its day and toll ("قتل ستة يوم الأحد
    بانفجار لغم، في حادثة تضاف إلى حوادث ..."): it is about that attack, not instead of it."""
    return (clause.kind_at is not None and clause.kind_at < cue.start()
            and clause.precision == "day" and (clause.killed, clause.wounded) != (None, None))


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_place(a, b)


def _continues(event: Event, clause: Clause) -> bool:
    """Whether a clause with an attack still tells of the event just opened."""
    if clause.update or clause.same_named:
        return True  # "كما طال القصف ذاته قرية حاس": the attack told, reaching another place
    if clause.another or (clause.kind and not clause.generic
                          and not types_agree(event.type, clause.kind)):
        return False
    if clause.fresh and clause.kind and not clause.generic:
        return False  # "وفي اليوم نفسه، قصفت ...": a new report with its own attack
    if clause.date and event.date and clause.date != event.date:
        return False
    other_governorate = bool(clause.governorate and event.governorate
                             and clause.governorate != event.governorate)
    if other_governorate and clause.kind and not clause.generic:
        return False  # "قضى جراء انفجار لغم في بادية عقيربات بريف حماة": its own attack
    same_place = _same_place(event.place, clause.place)
    if clause.refers_back and (same_place or not (clause.fresh or clause.recalled)):
        return True  # "ما أسفر عن", "الهجوم": still the attack just told (a hospital's town)
    if other_governorate:
        return False
    if not same_place or clause.fresh:
        return False
    new_figures = clause.killed is not None and event.killed is not None
    return not new_figures and clause.place is None and clause.date is None


def _add(event: Event, clause: Clause) -> Event:
    """Fill what the event lacks from a later clause about it; a toll update replaces."""
    killed, wounded = event.killed, event.wounded
    if clause.update:
        killed = clause.killed if clause.killed is not None else killed
        wounded = clause.wounded if clause.wounded is not None else wounded
    else:
        killed = killed if killed is not None else clause.killed
        wounded = wounded if wounded is not None else clause.wounded
    return replace(
        event, place=event.place or clause.place,
        governorate=event.governorate or clause.governorate,
        date=event.date or clause.date, date_precision=event.date_precision or clause.precision,
        killed=killed, wounded=wounded)


def _with_roles(event: Event, clause: Clause, strict: bool = False) -> Event:
    """The actors a clause names, where the event lacks them; `strict` for a later clause,
    which adds only actors it clearly names as attacker or attacked."""
    perpetrator, target = roles(clause.text, event.type, clause.kind_at, strict)
    return replace(event,
                   perpetrator=event.perpetrator if event.perpetrator != "unknown"
                   else perpetrator,
                   target=event.target or target)


def _open(clause: Clause) -> Event:
    event = Event(clause.kind or "armed_attack", "unknown", None, clause.governorate,
                  clause.place, clause.date, clause.precision, clause.killed, clause.wounded,
                  clause.original)
    return _with_roles(event, clause)


def _killers_named(clause: Clause) -> bool:
    return roles(clause.text, "armed_attack", None, strict=True)[0] != "unknown"


def _happened(event: Event, hurt: bool) -> bool:
    """Enough to count: someone hurt, or where and when it struck."""
    return (event.killed is not None or event.wounded is not None or hurt
            or (event.place is not None and event.date is not None))


def _earlier(events: list[Event], current: int | None, clause: Clause) -> int | None:
    """The event a clause with an attack adds to: the one just told, or for a clause that
    names no place or day and points back ("المعارك ألحقت أضراراً"), an earlier one it fits."""
    if current is None:
        return None
    if _continues(events[current], clause):
        return current
    if clause.refers_back and clause.place is None and clause.date is None and not clause.fresh:
        return next((i for i in range(current - 1, -1, -1) if _continues(events[i], clause)
                     and (clause.kind is None or clause.generic
                          or events[i].type == clause.kind)), None)
    return None


def _tally_goes_on(clause: Clause) -> bool:
    """After a tally, a clause with figures but no day or place of its own ("في حين قتل 136
    من عناصر التنظيم") adds to the summary."""
    return (clause.date is None or clause.precision != "day") and clause.place is None


def _tally(clause: Clause, published: date | None, period: str | None = None) -> Tally | None:
    period = (month_period(clause.text, published) or year_period(clause.text, published)
              or period)
    if period is None:
        return None
    perpetrator, target = roles(clause.text, clause.kind or "armed_attack", clause.kind_at)
    return Tally(period, None if perpetrator == "unknown" else perpetrator, target,
                 clause.governorate, clause.killed, clause.wounded, clause.original)


def _article_defaults(title: str | None, clauses: list[Clause], context: str,
                      published: date | None) -> Clause:
    """What the title and the lead say: the main event's governorate and day."""
    lead = [_read(title, context, published)] if title else []
    lead += clauses[:2]
    return Clause("", "", governorate=next((c.governorate for c in lead if c.governorate), None),
                  date=next((c.date for c in lead if c.date), None),
                  precision=next((c.precision for c in lead if c.date), None))


def extract_events(text: str, published: date | None, title: str | None = None) -> Extraction:
    """Events and tallies that an article's clean text reports."""
    context = normalize(" ".join(filter(None, [title, text])))
    clauses = [_read(s, context, published) for s, is_headline in _clauses(text)
               if not is_headline]
    events: list[Event] = []
    hurt: list[bool] = []
    tallies: list[Tally] = []
    current: int | None = None
    tally_period: str | None = None  # the period of the tally just told, which may go on
    shared: int | None = None  # the event whose toll the article shares out place by place
    series: tuple[str, str | None] = ("unknown", None)  # who attacked whom in a series told
    told_by = "unknown"  # who carried out the attacks told so far
    parts = 0
    for before, clause in zip([None, *clauses], clauses, strict=False):
        if before and clause.date is None and _WHEN.match(clause.text):
            # "وكان أبرزها يوم الخميس، حين قتل ...": the day of the clause it depends on
            clause.date, clause.precision = before.date, before.precision
        if current is not None and _in_city_told(clause, events[current]):
            # "على حي الحمدانية ... غرب المدينة": a neighbourhood of the city just told, not a
            # village of the same name elsewhere
            clause.governorate = events[current].governorate
        if current is not None and _DISTRIBUTED.search(clause.text):
            shared, parts = current, 0  # "وتوزعت الحصيلة على النحو التالي: 14 في حمورية، و9 ..."
        part = _PART.search(clause.text) if shared is not None else None
        if part and clause.place and clause.kind is None:
            # each place's part of a toll shared out is that place's attack; the first part
            # takes the place of the total
            piece = replace(events[shared], place=clause.place, killed=parse_number(
                part.group("num")), wounded=None, evidence=clause.original,
                governorate=clause.governorate or events[shared].governorate)
            if parts == 0:
                events[shared] = piece
            else:
                events.append(piece)
                hurt.append(True)
            parts += 1
            continue
        total = events[shared].killed if shared is not None else None
        if shared is not None and parts == 0 and clause.kind and clause.place and (
                clause.killed is not None) and (total is None or total > clause.killed):
            # "وتوزع الشهداء على النحو التالي: 12 شهيداً ... في غارات على بلدة حمورية": the
            # first part, told with its own attack, takes the place of the total (unless the
            # total is itself a part: "ارتفع إلى 10 ..., وهم 5 في معرة النعمان")
            told = events[shared]
            events[shared] = replace(_open(clause), date=clause.date or told.date,
                                     date_precision=clause.precision or told.date_precision)
            hurt[shared], current, parts = True, shared, 1
            continue
        shared = None if clause.kind or clause.date else shared
        if clause.kind is None and (clause.killed, clause.wounded) == (None, None) and (
                current is not None and events[current].target in _PLAIN_TARGETS) and (
                group := affiliation(clause.text)):
            # "وكان القتيل يعمل في صفوف الفرقة الرابعة، ويتهمه ناشطون بالمشاركة في حملات دهم":
            # whose man "a young man" was, whatever else the sentence tells
            events[current] = replace(events[current], target=group)
            continue
        if clause.general and not clause.skip and clause.kind:
            # "شنت خلايا التنظيم سلسلة هجمات متزامنة استهدفت مواقع لقسد": the attacks told
            # next are of the series, by and on whom it names
            named = roles(clause.text, clause.kind, clause.kind_at)
            series = named if _SERIES.search(clause.text) else series
            told_by = named[0] if named[0] != "unknown" else told_by
        if clause.skip or clause.general:
            continue
        figures = clause.killed is not None or clause.wounded is not None
        if figures and (clause.period or (tally_period and _tally_goes_on(clause))):
            tally = _tally(clause, published, tally_period)
            if tally is not None:
                tallies.append(tally)
                tally_period = tally.period
                current = None
                continue
            if clause.period:
                continue  # a summary over a period it does not name: neither event nor tally
        if current is None and cues()["toll_update"].search(clause.text) and _SINCE_WORD.search(
                clause.text):
            continue  # "ارتفعت حصيلة القتلى منذ يوم الخميس إلى 830": a running total, told first
        if clause.period and clause.place is None and (
                clause.precision != "day" or _SINCE_WORD.search(clause.text)):
            # "في حين قتل خلال الفترة ذاتها 23 من عناصر التنظيم بضربات جوية", "ارتفعت حصيلة
            # القتلى منذ يوم الخميس الفائت إلى 830"
            continue
        tally_period = None
        if clause.kind is not None:
            earlier = _earlier(events, current, clause)
            if earlier is not None:
                events[earlier] = _with_roles(_add(events[earlier], clause), clause, strict=True)
                hurt[earlier] = hurt[earlier] or clause.hurt
                current = earlier
            else:
                opened = _of_series(_days_before(_open(clause), clause, events), series)
                if opened.perpetrator == "unknown" and (_SIMILAR.search(clause.text) or (
                        _THESE.search(clause.text) and not _COMES_AFTER.match(clause.text))):
                    # "بهجوم مماثل", "وكان أعنف تلك الهجمات": by whom the others were
                    opened = replace(opened, perpetrator=told_by)
                events.append(_in_town_told(opened, clause, events[current])
                              if current is not None else opened)
                hurt.append(clause.hurt)
                current = len(events) - 1
            if events[current].perpetrator != "unknown":
                told_by = events[current].perpetrator
        elif current is not None and (figures or clause.update) and _same_place(
                events[current].place, clause.place):
            events[current] = _add(events[current], clause)
            hurt[current] = True
        elif current is not None and clause.refers_back and not figures and (
                events[current].perpetrator == "unknown"):
            # "واتهمت الوزارة وحدات حماية الشعب بالوقوف وراء التفجير": who is suspected
            events[current] = _with_roles(events[current], clause, strict=True)
        elif clause.killed is not None and _killers_named(clause):
            # "قتل عناصر من تنظيم الدولة خمسة رعاة": a killing by named attackers, no
            # attack word: an armed attack.
            events.append(_open(replace(clause, kind="armed_attack")))
            hurt.append(True)
            current = len(events) - 1
    kept = [e for e, h in zip(events, hurt, strict=True) if _happened(e, h)]
    if kept:
        lead = _article_defaults(title, clauses, context, published)
        kept = [_fill(event, lead, first=i == 0) for i, event in enumerate(kept)]
    return Extraction(events=_merge(kept), tallies=tallies)


# "بعد ثلاثة أيام من قصف ...": the attack recalled came that many days before the one told.
_DAYS_BEFORE = re.compile(rf"بعد\s+(?:(?P<n>{NUMBER})\s+(?:ايام|يوما|يوم)|(?P<two>يومين)|يوم"
                          rf"|(?P<hours>(?:\S+\s+)?(?:ساعات|ساعه|ساعتين)))"
                          rf"\s+(?:فقط\s+)?من(?![\w])")


# "وبعد ساعات، قصفت مسيرة أخرى ...", "وردّت القوات بعد ساعات بغارات": an attack told as hours
# after the one just told.
_HOURS_LATER = re.compile(r"(?<![\w])بعد\s+(?:\S+\s+)?(?:ساعات|ساعه|ساعتين)(?!\s+من)(?![\w])")


_SERIES = re.compile(r"(?<![\w])(?:سلسله|موجه)\s+هجمات|هجمات\s+متزامنه|عده\s+هجمات")


# "وتأتي هذه العمليات بعد أن نجا رئيس البلدية من محاولة اغتيال": the attack after "بعد" is
# another, not one of "these".
_COMES_AFTER = re.compile(r"^و?(?:تاتي|ياتي)\s")
# "بهجوم مماثل", "وكان أعنف تلك الهجمات": an attack like the ones told, by the same hand.
_SIMILAR = re.compile(r"(?<![\w])[وبل]?(?:هجوم|هجوما|كمين|تفجير|استهداف|اعتداء|قصف)\s+مماثل\S*")
_THESE = re.compile(r"(?<![\w])(?:هذه|تلك)\s+(?:الهجمات|العمليات|الاعتداءات|الكمائن|التفجيرات)")


def _of_series(event: Event, series: tuple[str, str | None]) -> Event:
    """An attack of a series told before it, by and on whom the series names where the
    attack's own clause names no one."""
    perpetrator, target = series
    return replace(event, perpetrator=perpetrator if event.perpetrator == "unknown"
                   else event.perpetrator, target=event.target or target)


# "أطراف البلدة", "داخل المدينة": the town just named, not a new place.
_TOWN_TOLD = re.compile(r"(?<![\w])[وب]?ال(?:بلده|مدينه|قريه)(?![\w])")


def _in_city_told(clause: Clause, told: Event) -> bool:
    """Whether a clause names a neighbourhood ("حي الحمدانية") of "the city" just told."""
    if not (clause.place and clause.governorate and told.governorate
            and clause.governorate != told.governorate and _TOWN_TOLD.search(clause.text)):
        return False
    named = r"(?<![\w])[وبل]?(?:حي|احياء)\s+" + re.escape(normalize(clause.place))
    return bool(re.search(named, clause.text))


def _in_town_told(event: Event, clause: Clause, told: Event) -> Event:
    """An attack that names no place of its own but "the town" ("وعقب ذلك، قصفت المدفعية
    أطراف البلدة") struck where the attack just told did."""
    if clause.place or clause.governorate or not told.place or clause.fresh:
        return event
    if not _TOWN_TOLD.search(clause.text):
        return event
    return replace(event, place=told.place, governorate=told.governorate,
                   date=event.date or told.date,
                   date_precision=event.date_precision or told.date_precision)


def _days_before(event: Event, clause: Clause, told: list[Event]) -> Event:
    """An attack recalled as "بعد ثلاثة أيام من قصف" (or "بعد ساعات من") dated from the one
    just told; one told "hours later" is on its day."""
    found = _DAYS_BEFORE.search(clause.text) or _HOURS_LATER.search(clause.text)
    earlier = next((e for e in reversed(told) if e.date and e.date_precision == "day"), None)
    if event.date is not None or not found or earlier is None:
        return event
    # "بعد ساعات من التفجير": the same day as the attack told
    if found.re is _HOURS_LATER or found.group("hours"):
        days = 0
    else:
        days = 2 if found.group("two") else parse_number(found.group("n") or "") or 1
    return replace(event, date=earlier.date - timedelta(days=days), date_precision="day")


def _fill(event: Event, lead: Clause, *, first: bool) -> Event:
    """The article's governorate for an event that names none; the lead's day for an event
    that gives none, unless it is recalled or set apart from the ones told; the target a
    regional name stands for ("قوى الأمن الداخلي") where the governorate tells."""
    governorate = event.governorate or lead.governorate
    evidence = normalize(event.evidence)
    if event.target is None:
        event = replace(event, target=regional_target(evidence, governorate))
    recalled = cues()["recalled"].search(evidence)  # "وكان ... قد": earlier
    # "كما ألقى الطيران ...", "فيما طالت غارات أخرى": a later attack told without a day is the
    # article's day's, unless it is told as another day's ("بعد ثلاثة أيام من قصف", "بعد هجوم
    # مماثل").
    if (first or not _APART_IN_TIME.search(evidence)) and event.date is None \
            and lead.date is not None and not recalled:
        return replace(event, governorate=governorate, date=lead.date,
                       date_precision=lead.precision)
    return replace(event, governorate=governorate)


def _compatible(a: Event, b: Event) -> bool:
    """Whether two events of one article are one attack told twice."""
    def agree(x, y) -> bool:
        return x is None or y is None or x == y

    one_place = a.place is not None and b.place is not None and same_place(a.place, b.place)
    return (agree(a.governorate, b.governorate) and agree(a.target, b.target)
            and agree(a.date, b.date) and (one_place or (a.type == b.type and (
                a.place is None or b.place is None))))


def _merge(events: list[Event]) -> list[Event]:
    """Fold a later telling of the same attack into its first."""
    merged: list[Event] = []
    for event in events:
        index = next((i for i, m in enumerate(merged) if _compatible(m, event)), None)
        if index is None:
            merged.append(event)
            continue
        first = merged[index]
        merged[index] = replace(
            first,
            perpetrator=event.perpetrator if first.perpetrator == "unknown" else first.perpetrator,
            target=first.target or event.target, governorate=first.governorate or event.governorate,
            place=first.place or event.place, date=first.date or event.date,
            date_precision=first.date_precision or event.date_precision,
            killed=first.killed if first.killed is not None else event.killed,
            wounded=first.wounded if first.wounded is not None else event.wounded)
    return merged
