"""One clause of an article, read: what attack it tells, its figures, place and day, and the cues
that tie it to the clauses around it or rule it out.

Text is cut into clauses (sentences, split where a second incident begins: "فيما", "وفي سياق
متصل"). Each clause is read for an attack type (overrides first, then the most specific type),
casualty figures, a place, a date, and cues that it is no event (denied, planned, feared,
sports, money, attacks in general), a tally ("خلال شهر شباط"), a toll update ("ارتفعت الحصيلة
إلى"), or tied to the attack told before it ("الهجوم", "ما أسفر عن", "القصف ذاته") or set
apart from it ("بهجوم مماثل", "وفي سياق متصل"). pipeline/events.py puts the clauses together.
The phrasing lives in data/event_cues.yaml.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from pipeline.dates import MONTH_NAMES, SINCE_WORD, day_span, resolve_date, since_day
from pipeline.normalize import normalize
from pipeline.numbers import FIGURE, NUMBER, casualties, parse_number
from pipeline.places import as_written, resolve_place
from pipeline.tries import trie_pattern

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


def _phrase(raw: object, whole_short: bool) -> tuple[str, str]:
    """(folded phrase, what must follow it): "X$" ends its word, "X!Y" is not followed by Y
    ("نفي!ذ": denies, not "تنفيذ", carrying out; "X! Y": not by the word Y)."""
    text, _, not_before = str(raw).partition("!")
    folded = normalize(text.removesuffix("$"))
    whole = r"(?![\w])" if text.endswith("$") or (whole_short and len(folded) <= 3) else ""
    space = " " if not_before.startswith(" ") else ""  # "X! Y": not followed by the word Y
    return folded, whole + (f"(?!{re.escape(space + normalize(not_before))})" if not_before
                            else "")


def _alternation(node: dict) -> str:
    """A trie of phrases as one regular expression: a shared start is tried once (the engine
    tries each alternative of a flat list in turn), a phrase that goes on before its prefix."""
    branches = [atom + _alternation(child) for atom, child in node.items() if atom]
    ends = node.get("", set())
    if ends:
        branches.append("" if "" in ends else "|".join(sorted(ends)))
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class _Gated:
    """A pattern searched only in a text that holds one of the words every match holds
    (`gate`). The gate is plain letters: the engine skips ahead to where one may start, while
    a pattern that opens with a lookbehind (and a clitic) is tried at every character; most
    texts hold none of them."""

    pattern: re.Pattern
    gate: re.Pattern

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        """pattern.search(text, pos, endpos)."""
        if self.gate.search(text, pos, endpos) is None:
            return None  # (every match holds a gate word, from pos on, before endpos)
        return self.pattern.search(text, pos, endpos)

    def sub(self, replace: Callable[[re.Match], str], text: str) -> str:
        """pattern.sub(replace, text)."""
        return text if self.gate.search(text) is None else self.pattern.sub(replace, text)


def _pattern(phrases: list, whole_short: bool = False) -> _Gated:
    """Phrases at the start of a word, after a clitic or the article, the longest that
    matches; see _phrase for "$" and "!". `whole_short`: a phrase of three letters or fewer
    must end its word ("أدى" is not the start of "ببادية")."""
    trie: dict = {}
    first_words = set()
    for folded, after in (_phrase(p, whole_short) for p in phrases):
        node = trie
        for char in folded:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node.setdefault("", set()).add(after)
        first_words.add(folded.split(" ")[0])
    # (the gate: the first word of each phrase)
    return _Gated(re.compile(r"(?<![\w])(?:[وبلف]|ال|وال|بال|فال|لل)??" + _alternation(trie)),
                  re.compile(trie_pattern(first_words)))


FIRED_ON = re.compile(r"(?<![\w])[وف]?(?:اطلق|اطلقت|اطلقوا|اطلقا)\s+(?:[^\s،,.]+\s+){0,6}?"
                       r"(?P<fire>النار)\s+(?:علي|باتجاه|صوب)(?![\w])")


@cache
def cues() -> dict:
    """The cue phrases of data/event_cues.yaml, compiled."""
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    compiled = {name: _pattern(data[name], whole_short=name == "same_attack") for name in (
        "not_happened", "feared", "not_violence", "general", "period", "toll_update", "same_attack",
        "casualty_words", "recalled", "another")}
    compiled["overrides"] = [(kind, _pattern(words)) for kind, words in data["overrides"].items()]
    compiled["types"] = [(kind, _pattern(words)) for kind, words in data["types"].items()]
    # "أطلق مسلحان مجهولان يستقلان دراجة نارية النار على شقيقين": the shooters between the
    # verb and its fire
    compiled["types"].append(("armed_attack", FIRED_ON))
    return compiled


def split_sentences(text: str) -> list[str]:
    """Clauses of clean text, in order: sentences, split where a second incident starts."""
    return [clause for clause, _ in clauses_of(text)]


def headline(line: str) -> bool:
    """A headline, not a paragraph: short and not ended like a sentence ("خمسة قتلى بغارات
    روسية على ريف جسر الشغور", "... بكمين في البادية.."). Titles, related headlines and section
    headings tell of attacks the body tells (or another article does): never an event."""
    line = line.strip()
    # A title's ".." between its two halves ("4 قتلى بهجوم في بادية السخنة.. وحصيلة آب تبلغ
    # 27 قتيلاً") lets it run longer.
    # A quoted name may end it ('... وعبوة ناسفة تستهدف "الفرقة الرابعة"').
    titled = bool(re.search(r"[^.]\.\.\s", line))
    ends = (".", "!", "؟", ":") if titled else (".", "!", "؟", ":", "»", '"', "”")
    return len(line.split()) < (40 if titled else 20) and (
        not line.endswith(ends) or line.endswith(".."))


def clauses_of(text: str) -> list[tuple[str, bool]]:
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
_RESULT_VERBS = ("اسفر", "اسفرت", "ادي", "ادت", "نتج", "خلف", "اوقع", "حصد")
_RESULT = _Gated(re.compile(r"(?<![\w])(?:ما\s+)?[وف]?(?:" + "|".join(_RESULT_VERBS)
                            + r")(?![\w])"), re.compile(trie_pattern(_RESULT_VERBS)))
_SEQUEL = re.compile(r"(?<![\w])ما\s+(?:اسفر|ادي|نتج|خلف|تسبب)\S*")
_AFTER = re.compile(r"(?<![\w])(?:بعد|عقب|اثر)\s")
# "الهجوم هو الثاني من نوعه خلال أسبوع": one attack, counted among others over a period.
_NTH = re.compile(r"(?<![\w])(?:من\s+نوع(?:ه|ها)|(?:الثاني|الثالث|الرابع|الخامس)(?:ه|ة)?)\s+$")


# "بالتزامن مع تلك الغارة": at the time of something told, up to what it names.
AT_THE_SAME_TIME_AS = r"(?:بالتزامن|تزامنا|تزامن\S*)\s+مع\s+"
_ALONGSIDE = re.compile(rf"(?<![\w])(?:وذلك\s+)?{AT_THE_SAME_TIME_AS}")
# Words that name no attack of their own: weapons of a ground attack that name shells or
# rockets ("قذائف الـ'آر بي جي'": no shelling), a ceasefire ("وقف إطلاق النار"), the
# disengagement line ("خط فض الاشتباك"), the weapons "used in" a clash ("اشتباكات استخدمت فيها
# الأسلحة الخفيفة وقذائف الهاون": a clash, no shelling), the air cover of a ground attack
# ("هجوماً واسعاً بإسناد من الطائرات المسيرة": an attack, no drone strike), shelling that went
# with a clash ("اشتباكات ... ترافقت مع قصف متبادل": a clash), the attack told just before
# ("بالتزامن مع تلك الغارة، قصفت قوات الأسد ...": shelling), aircraft flying or grounded
# ("وسط تحليق للطيران الحربي", "العاصفة التي شلت حركة طيران التحالف": no air strike).
_NO_ATTACK = re.compile(r"(?:قذائف|قذيفه|قاذف\S*)\s+(?:ال)?[\"“«']?(?:ال)?(?:ار\s*بي\s*جي"
                        r"|اربي\s*جي|rpg|RPG)|(?:وقف|لوقف|بوقف)\s+(?:ل)?اطلاق\s+النار"
                        r"|(?:فض|فك)\s+(?:ال)?اشتباك"
                        r"|(?:استخدمت|استخدم|استخدموا|استعملت|استعمل)\s+(?:فيها|فيه)\s+[^،.]*"
                        r"|(?:باسناد|بدعم|بمسانده|بتغطيه|وسط\s+تغطيه)\s+(?:\S+\s+)?(?:من\s+)?"
                        r"(?:ال)?(?:طائرات|طيران|مسيرات|مدفعيه|الطيران)[^،.]*"
                        r"|(?:ترافقت|ترافق|رافقها|رافقه|تخللها|تخلله)\s+(?:مع\s+)?قصف\S*"
                        r"(?:\s+(?:متبادل|مدفعي|صاروخي)\S*)?"
                        rf"|{AT_THE_SAME_TIME_AS}(?:(?:تلك|هذه|هذا|ذلك)\s+)?ال\S+"
                        # "استهدفت الهيئة بصاروخ موجه سيارة عسكرية": a guided missile names no
                        # shelling (the attack is whoever fired it: fighters, or a drone)
                        r"|صاروخ\S*\s+(?:موجه\S*|مضاد\S*\s+للدروع|حراري\S*|تاو)"
                        # "هاجمت نقطة بالأسلحة الرشاشة والقذائف الصاروخية": a ground attack's
                        # weapons
                        r"|(?:بالاسلحه|باسلحه)\s+(?:\S+\s+){0,2}?و\s?(?:ال)?(?:قذائف|صواريخ)\S*"
                        r"(?:\s+(?:ال)?(?:صاروخيه|هاون|الهاون)\S*)?"
                        # "رتل تركي مؤلف من 60 آلية، بينها دبابات وراجمات صواريخ": what a
                        # convoy carried
                        r"|(?:رتل|ارتال)\S*\s+[^،.]*?(?:بينها|تضم|يضم)\s+[^.]*?(?:راجمات|صواريخ)"
                        # "بعد يومين من اختطافه على يد مجهولين" told alone: a kidnapping,
                        # no attack (not "عثر على جثته بعد اختطافه على يد مجهولين")
                        r"|^بعد\s+(?:\S+\s+){0,2}?من\s+(?:اختطاف|خطف)\S*\s+(?:\S+\s+){0,3}?علي"
                        r"\s+يد\s+(?:مسلحين\s+)?مجهول\S*"
                        # "مظاهرة تنديداً بالهجمات على عفرين": what is denounced
                        r"|(?:تنديدا|احتجاجا|استنكارا)\s+ب\S+(?:\s+(?:علي|في)\s+\S+)?"
                        # "أرسلت مروحيات لنقل الجثث": aircraft carrying, not striking
                        r"|(?:ارسلت|ارسل|ارسال)\s+(?:\S+\s+)?(?:مروحي|طائر|طيران)\S*"
                        r"|(?:مروحي|طائر)\S*\s+(?:\S+\s+)?(?:لنقل|لاخلاء|لاسعاف)"
                        r"|(?:مروحي|طائر|طيران|مسير)\S*\s+(?:\S+\s+){0,2}?(?:حلقت|حلق|تحلق"
                        r"|يحلق)(?![\w])"  # "مروحيات التحالف حلّقت فوق البلدة"
                        # "بقيت الجثث في الشوارع ... تحت القصف": the shelling told, as the
                        # ground people lived on, not one more attack
                        r"|تحت\s+(?:وطاه\s+)?(?:القصف|الغارات|النيران)(?![\w])"
                        r"|(?:حركه|تحليق|غياب)\s+(?:مكثف\s+)?(?:لل|ال)?(?:طيران|طائرات|مسيرات)"
                        r"(?:\s+(?:ال)?(?:حربي|مسير|المسير|التحالف|الروسي|الحربيه)\S*)*"
                        # "هجوماً واسعاً بدأه بتفجير عربة مفخخة": how a ground attack began,
                        # not the attack's kind
                        r"|(?:بداه|بداته|بدا|بدات|استهله|استهلته)\s+بتفجير\s+(?:\S+\s+){0,2}?"
                        r"مفخخ\S*")


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
                    r"|اما\s+في\s"  # "أما في قرية رامي المجاورة، فقد تصدى ...": another place's
                    r"|و?في\s+وقت\s+لاحق|و?علي\s+الضفه|و?في\s+الاثناء|و?في\s+غضون"
                    r"|الي\s+ذلك|من\s+جهه\s+اخري|و?علي\s+صعيد|و?في\s+ريف|و?في\s+مدينه"
                    r"|و?في\s+بلده|و?في\s+باديه|و?في\s+(?:محافظه|مقاطعه)|و?في\s+المقابل|و?بالمقابل"
                    r"|و?بالتزامن|و?تزامنا|و?بالتوازي|و?في\s+الوقت\s+(?:نفسه|ذاته)"
                    r"|و?(?:\S+\s+){1,2}ايضا(?![\w])"  # "وفجر اليوم أيضاً، انفجر لغم"
                    # "وردّت القوات الأمريكية بعد ساعات بغارات": the other side's answer
                    r"|و?(?:ردت|رد)\s+(?:\S+\s+){0,4}?ب(?:غار|قصف|استهداف|ضرب|هجوم)\S*)")
# "بهجوم مماثل", "بعد ثمانية أيام من قصف": another attack than the one just told.
_ANOTHER = re.compile(r"(?<![\w])[وبل]?(?:هجوم|هجوما|قصف|قصفا|غاره|غارات|انفجار|تفجير|كمين|استهداف"
                      r"|اغتيال|اعتداء|حادث\S*|مسيره|عبوه|لغم)\s+(?:\S+\s+)?(?:اخر|اخري|مماثل\S*|منفصل\S*"
                      r"|مشابه\S*|ثان\S*)(?![\w])|بعد\s+(?:\S+\s+){0,2}?(?:ايام|ساعات|اسبوع"
                      r"|اسابيع|اشهر|شهر|يومين|يوم)\s+(?:فقط\s+)?من(?![\w])")
_SETTLEMENT_WORD = re.compile(r"^(?:مدينة|مدينه|بلدة|بلده|قرية|قريه|ناحية|ناحيه|منطقة|منطقه|حي)\s+")
_NOT_REPORTED = re.compile(r"(?<![\w])(?:دون|لم|عدم|بلا)\s+(?:\S+\s+){0,4}?(?:وقوع|تسجيل|حدوث)"
                           r"\s+(?:\S+\s+)?$")
_DENIED = re.compile(r"(?<![\w])(?:لم|دون|لا|عدم|بلا|اي)(?![\w])")
_GENERIC_ATTACK = re.compile(r"(?:[وبلف]?ال(?:هجوم|هجمات|استهداف|اعتداء)|لل(?:هجوم|هجمات|استهداف"
                             r"|اعتداء)|هذا\s+الهجوم|الهجوم)")
_OTHER_WORD = re.compile(r"(?<![\w])(?:اخر|اخري|مماثل\S*|منفصل\S*)(?![\w])")
_DEMONSTRATIVE = re.compile(r"(?<![\w])(?:هذه|هذا|تلك|ذلك)\s+$")
# "القصف ذاته" (not "فجّر انتحاري نفسه": himself)
# "القصف ذاته"; a definite dual ("إن البرميلين سقطا قرب دوار الحيدرية") names the two told
_SAME = re.compile(r"[وبل]?ال\S+\s+(?:ذاته|نفسه|ذاتها|نفسها)(?![\w])|[وبل]?ال(?:برميلين|قذيفتين"
                   r"|صاروخين|غارتين|عبوتين|مسيرتين|طائرتين|مروحيتين)(?![\w])"
                   # "وقال مصدر إن المسيّرة أطلقت صاروخين": the drone just told, quoted
                   r"|(?<=ان\s)ال(?:مسيره|طائره|غاره|عبوه|قذيفه)(?![\w])")
# "إن عدد قتلى الغارات الأمريكية بلغ تسعة": the toll told again, higher
_COUNT_REACHED = re.compile(r"(?<![\w])عدد\s+(?:\S+\s+){1,4}?(?:بلغ|وصل)(?![\w])")
_REACHED_FIGURE = re.compile(rf"\s+{FIGURE}")  # "بلغ تسعة"
_UPDATE_FIGURE = re.compile(rf"(?<![\w])(?:الي|ل)\s+{FIGURE}")
# "وبلغت حصيلة القتلى منذ الثلاثاء 101 قتيل": the figure after the day it counts from
_SINCE_THEN_FIGURE = re.compile(rf"\s+(?:\S+\s+){{0,3}}?منذ\s+(?:\S+\s+){{1,3}}?"
                                rf"(?!(?:19|20)\d\d(?!\d)){FIGURE}")  # (not the year "2026")
_THE_DEAD = re.compile(r"(?<![\w])(?:قتلي|مقتل|جرحي|مصابين)(?![\w])")
# Attacks counted, not people: "إلى 164 عملية", "يرتفع عدد الهجمات ... إلى".
_ATTACK_NOUNS = r"(?:هجوما|هجمات|عمليه|عمليات|استهدافا|استهدافات|اعتداء|اعتداءات|غاره|غارات)"
_COUNTED_ATTACKS = re.compile(rf"\s*(?:عدد\s+(?:ال)?)?{_ATTACK_NOUNS}(?![\w])")
_ATTACKS_COUNTED = re.compile(rf"(?<![\w])عدد\s+(?:ال)?{_ATTACK_NOUNS}(?![\w])")
_BREAKDOWN = re.compile(rf"(?<![\w])(?:وهم|وهي|منهم)\s+(?={NUMBER}\s)")
_RECALLED = re.compile(r"^و?كان(?:ت)?\s+(?:\S+\s+){0,4}?قد\s")
_SINCE_NAMED_DAY = re.compile(rf"(?<![\w])و?منذ\s+(?:يوم\s+)?(?:\d{{1,2}}|ال\S+)\s+(?:من\s+)?"
                              rf"(?:شهر\s+)?(?:{MONTH_NAMES})(?![\w])")
_IN_NAMED_MONTH = re.compile(rf"(?:خلال|طيله|علي\s+مدار)\s+(?:شهر\s+)?(?:{MONTH_NAMES})(?![\w])")
_SINCE = re.compile(r"(?<![\w])(?:منذ|خلال)(?![\w])")
# "ارتفع عدد الضحايا إلى 212 منذ استئناف الحملة": the time counted told after the figure
# (or a day it counts from, further on: "يرتفع إلى 346 ... عدد الشهداء ... منذ ليل الأحد 18 شباط")
_SINCE_AFTER = re.compile(r"\s+(?:\S+\s+){0,2}?(?:منذ|خلال)(?![\w])")
# Where an attack struck across the border ("على بلدة أقجة قلعة التركية المقابلة لتل أبيض").
_STRUCK_ABROAD = re.compile(r"(?<![\w])(?:علي|في)\s+(?:(?:مدينه|بلده|قريه|ولايه|بلدات|قري)\s+)?"
                            r"\S+(?:\s+\S+)?\s+(?:التركيه|العراقيه|اللبنانيه|الاردنيه)(?![\w])")
# "نفذ مسلحون 11 عملية اغتيال", "40 هجوما": a count of attacks, not one attack.
_TWO_ATTACKS = ("عمليتان", "عمليتين", "هجومان", "هجومين", "هجمتان", "هجمتين")
# (not "12 حالة اختناق": cases of harm, not of attacks)
_ATTACKS_NUMBERED = ("عمليه", "عمليات", "هجمات", "هجوما", "اعتداءات", "اعتداء", "حوادث",
                     "حالات", "حاله")
_MANY_ATTACKS = _Gated(re.compile(
    r"(?<![\w])(?:" + "|".join(_TWO_ATTACKS) + r")(?![\w])|"
    rf"(?<![\w]){NUMBER}\s+(?:" + "|".join(_ATTACKS_NUMBERED) + r")(?![\w])"
    r"(?!\s+(?:اختناق|تسمم|اصابه|وفاه|ولاده))"), re.compile(trie_pattern(
        _TWO_ATTACKS + _ATTACKS_NUMBERED)))


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
    running: tuple[int | None, int | None] | None = None  # (dead, wounded) since a day


def read_clause(original: str, context: str, published: date | None,
                folded: str | None = None) -> Clause:
    """What one clause tells; `context` is the whole article normalized (for the places it
    names), `published` the day relative dates count from, `folded` the clause normalized
    when the caller has it already."""
    text = normalize(original) if folded is None else folded
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
    # من أعنف الهجمات منذ بداية العام") or has its day; attacks over a period told before what
    # they led to ("استهدفت ... المدنيين بأكثر من 80 مسيرة خلال العام الماضي، ما أدى إلى مقتل
    # 11") are counted over it.
    period = (c["period"].search(text) or _IN_NAMED_MONTH.search(text)  # "خلال حزيران"
              or _SINCE_NAMED_DAY.search(text))  # "منذ الثامن من كانون الأول"
    result = _RESULT.search(text)
    clause.period = bool(period) and not (result and result.start() < period.start()) and not (
        _NTH.search(text, 0, period.start()))
    attack = _attack(text)
    if attack and not_happened and attack[1] > not_happened.start():
        # "قتل شابان إثر استهداف مسيّرة دراجتهما، وزعم الجيش أنهما كانا يحاولان زرع عبوة":
        # the attack is the one told before the claim, not the one claimed
        attack = _attack(text[:not_happened.start()]) or attack
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
    if (clause.skip and clause.kind == "clash" and (
            clause.killed or clause.wounded or _THE_DEAD.search(text))
            and len(text.split()) >= 5 and not text.endswith("؟") and not feared
            and all(m is None or m.start() > clause.kind_at for m in (
                not_happened, c["not_violence"].search(text)))):
        # "اشتبكت قواتها مع خلية ... خلال محاولة القبض على أفرادها، ما أسفر عن مقتل ثلاثة،
        # وضبط أسلحة": an arrest that came to a fight with dead is a clash
        clause.skip = False
    update = c["toll_update"].search(text) or _COUNT_REACHED.search(text)
    if update:
        _read_update(clause, update, published)
    clause.refers_back = bool(c["same_attack"].search(text)) or (
        text.startswith("وذلك") and not clause.another)
    clause.recalled = bool(clause.kind and not clause.generic and _RECALLED.match(text))
    clause.place, clause.governorate = resolve_place(text, context)
    alongside = _ALONGSIDE.search(text, clause.kind_at) if clause.kind else None
    if alongside and clause.place:
        # "قصفت المدفعية التركية مواقع في محيط سراقب، بالتزامن مع هجوم على بلدة النيرب": the
        # place of the attack told, not of the one alongside it
        own = resolve_place(text[:alongside.start()], context)
        clause.place, clause.governorate = own if own[0] else (clause.place, clause.governorate)
    abroad = _STRUCK_ABROAD.search(text, max(0, (clause.kind_at or 0) - 60)) if (
        clause.kind) else None
    if abroad and abroad.start() - clause.kind_at < 40:
        # "سقطت قذائف على مدينة كلس التركية", "أصيب مواطنون أتراك في بلدة جيلان بينار التركية
        # جراء رصاص طائش": not in Syria
        clause.skip = True
    if clause.place:
        # "مدينة جاسم" is the place "جاسم": the settlement word is not its name.
        clause.place = _SETTLEMENT_WORD.sub("", as_written(original, clause.place))
    clause.date, clause.precision = resolve_date(text, published)
    # A figure over days from one to another ("خلال الأسبوع الممتد من 7 حتى 13 كانون الأول") is a
    # period's even though each end is a day.
    # "منذ بدء التصعيد في الـ 30 من نيسان": a day that starts a period is still a period's.
    # "ووثقت اليوم مقتل 118 مدنياً خلال شهر كانون الأول": a named month is the figure's,
    # the day the report's.
    # A report's figure "خلال الشهر" is the month's though the report names its own day.
    since = bool(period) and bool(SINCE_WORD.search(text) or _IN_NAMED_MONTH.search(text)
                                  or clause.general)
    span = day_span(text, published)
    clause.period = (clause.period and (clause.precision != "day" or since)) or bool(
        span and clause.killed is not None)
    if period and clause.period and not clause.update and _told_after(clause, period) and not (
            span) and resolve_date(text[:period.start()], published)[0]:
        # "قتل ثلاثة شبان مساء أمس ... في حادثة تضاف إلى سلسلة عمليات القتل منذ مطلع العام":
        # one attack with its day and toll, set against a period (not "مقتل 39 بالغارات الروسية
        # منذ بدء التدخل في 30 أيلول": the day starts the period)
        clause.period = False
    stop = not_happened or feared
    if (stop and clause.skip and (_told_after(clause, stop) or _result_before(clause, stop))
            and not c["not_happened"].search(text, 0, clause.kind_at)
            and not c["feared"].search(text, 0, clause.kind_at)
            and not c["not_violence"].search(text) and len(text.split()) >= 5):
        # "اغتيال مختار داعل يوم الأحد ... في عملية أثارت مخاوف الأهالي": the fear follows an
        # attack told with its day and toll; "سقطت قذائف ... ما أدى إلى إصابة خمسة، وقالت مصادر
        # إنها أطلقت من مواقع قسد، وهو ما نفته الأخيرة": the denial follows an attack told with
        # its result. Neither denies it.
        clause.skip = False
    if (general and clause.general and not _MANY_ATTACKS.search(text) and (
            _told_after(clause, general) or (
                # "ودارت اشتباكات استمرت ساعات، قُتل خلالها 11": during the attack just named
                general.group().endswith("خلالها") and clause.kind_at is not None
                and _attack(text[:general.start()]) is not None) or (
                clause.kind_at is not None and clause.kind_at < general.start()
                and clause.hurt and clause.date is not None and _RESULT.search(
                    text, clause.kind_at, general.start())))):
        # "قتل ستة ... يوم الأحد بانفجار لغم، في حادثة تضاف إلى حوادث يشهدها الموسم كل عام":
        # background told after one attack with its day and toll (or its day, month and
        # result: "هجوم ... الشهر الماضي، أسفر عن مقتل وجرح نحو عشرة، في مؤشر على عودة نشاط
        # التنظيم").
        clause.general = False
    return clause


def _read_update(clause: Clause, update: re.Match, published: date | None) -> None:
    """"ارتفعت الحصيلة إلى 11": the clause's figure replaces the one told, unless it is a
    running total or a total broken down."""
    text = clause.text
    figure = (_REACHED_FIGURE.match(text, update.end())
              or _UPDATE_FIGURE.search(text, update.end(), update.end() + 200)
              or _SINCE_THEN_FIGURE.match(text, update.end()))
    value = parse_number(figure.group("num")) if figure else None
    if value is None or _COUNTED_ATTACKS.match(text, figure.end()) or _ATTACKS_COUNTED.search(
            text, update.start(), figure.start()):
        return  # "يرتفع عدد الهجمات ... إلى 164 عملية": attacks counted, not people
    wounded = bool(re.search(r"جرحي|مصابين|الجرحي|المصابين|اصابات",
                             text[update.start():figure.end()]))
    if (_SINCE.search(text, update.end(), figure.start("num"))
            or _SINCE_AFTER.match(text, figure.end())
            or since_day(text[figure.end():], published)):
        # "ليرتفع عدد ضحايا الحملة منذ الأحد الماضي إلى أكثر من 500": a running total over
        # days (a tally), not this attack's toll; the clause's own figure is one told before it
        # ("مقتل 5 أشخاص ..., ليرتفع إلى 38"), not "عدد العناصر الذين قتلوا" counted in it.
        clause.killed = casualties(text[:update.start()])[0]
        clause.running = (None, value) if wounded else (value, None)
        if clause.kind_at is not None and clause.kind_at > update.start():
            # "وارتفعت حصيلة القتلى منذ اندلاع المواجهات إلى 203": the fighting named is the
            # total's, not an attack told here
            clause.kind, clause.kind_at = None, None
        return
    breakdown = _BREAKDOWN.search(text, figure.end())
    if breakdown:
        # "ارتفع إلى 10 عدد ..., وهم 5 مواطنين استشهدوا في معرة النعمان": the total is the
        # day's; the first part named is this attack's
        clause.killed = casualties(text[breakdown.end():])[0]
        return
    clause.update = True
    if wounded:
        clause.wounded = value
    else:
        clause.killed = value


def _set_apart(text: str) -> bool:
    """"بهجوم مماثل", "بعد ثلاثة أيام من قصف": another attack than the one just told."""
    return bool(cues()["another"].search(text) or _ANOTHER.search(text))


def _result_before(clause: Clause, cue: re.Match) -> bool:
    """An attack, then its toll ("ما أدى إلى إصابة خمسة"), then the cue."""
    return (clause.kind_at is not None and (clause.killed, clause.wounded) != (None, None)
            and bool(_SEQUEL.search(clause.text, clause.kind_at, cue.start())))


def _told_after(clause: Clause, cue: re.Match) -> bool:
    """The cue comes after an attack the clause tells with its day and toll ("قتل ستة يوم الأحد
    بانفجار لغم، في حادثة تضاف إلى حوادث ..."): it is about that attack, not instead of it."""
    return (clause.kind_at is not None and clause.kind_at < cue.start()
            and clause.precision == "day" and (clause.killed, clause.wounded) != (None, None))
