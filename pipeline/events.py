"""Article text -> attack events and tallies (the second extractor).

Clauses (pipeline/clauses.py) are read in order: a clause with an attack opens an event, or
adds to the one just told when nothing sets it apart (no other place or day) or when it
points back to it ("الهجوم", "ما أسفر عن"); a clause with figures alone completes the attack
just told; "ارتفعت الحصيلة إلى" replaces its figure. An event takes from the events told
around it what its own clause leaves out: the article's day and governorate, a series' parties,
the town just named. An attack counts as an event when the article says it hurt someone or
says where it struck. The actors live in data/actors.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from pipeline.actors import find_actors, regional_target, side_in, unnamed_attacker
from pipeline.breakdowns import LIST_LINE, parts, parts_of_total
from pipeline.clauses import AT_THE_SAME_TIME_AS, SINCE_WORD, Clause, clauses_of, cues, read_clause
from pipeline.dates import COMPARED_SINCE, day_span, month_period, since_day, year_period
from pipeline.merging import types_agree
from pipeline.models import Event, Extraction, Tally
from pipeline.normalize import normalize, normalize_each
from pipeline.numbers import NUMBER, parse_number
from pipeline.places import as_written, same_place, seat_city
from pipeline.roles import QUOTES, affiliation, roles

EXTRACTOR_VERSION = "events-0.9"

_DISTRIBUTED = re.compile(r"(?<![\w])(?:توزع|توزعت|وتوزع|وتوزعت|تتوزع)\s+(?:\S+\s+){0,10}?"
                          r"(?:النحو\s+التالي|كالتالي|كما\s+يلي)")
_AND_MORE = re.compile(rf"^و\s?(?P<num>{NUMBER})\s+(?:من\s+)?(?:ب|جراء|في|علي\s+يد|برصاص)")
_PART = re.compile(rf"(?:^|:\s*)و?\s?(?P<num>{NUMBER})\s+(?:\S+\s+)?(?:في|ب)\S*\s")
# Targets a later sentence's "whose man he was" may make precise: none, people, a former member.
_PLAIN_TARGETS = (None, "civilians", "other")
_WHEN = re.compile(r"(?:حين|عندما)\s")
# What soldiers hold ("غارات على مواقع", "استهدفت رتلاً"): fire on it names no civilians.
_MILITARY_OBJECT = re.compile(r"(?<![\w])[وبل]?(?:ال)?(?:مواقع|موقع|نقاط|نقطه|رتل|ارتال|مقرات|مقر"
                              r"|معسكر|حاجز|حواجز|قاعده|مطار|ثكنه|مستودعات|مستودع|تحصينات|تجمعات|اليات"
                              r"|اهداف|دبابه|عربه|منصات|جبهات|محور|خطوط)(?![\w])")
_SAME_GROUND = re.compile(r"(?<![\w])(?:ال|بال|علي\s+ال)(?:طريق|بلده|مدينه|قريه|منطقه|محور)\s+"
                          r"(?:ذاته|نفسه|ذاتها|نفسها)(?![\w])")
_AT_THE_SAME_TIME = re.compile(rf"و?{AT_THE_SAME_TIME_AS}(?:تلك|هذه|هذا|ذلك|ال)")
# "بعد ثلاثة أيام من قصف", "قبل أيام", "بعد هجوم مماثل ... الأسبوع الماضي": told as another
# day's ("غارات أخرى" alone may be of the same raid).
_APART_IN_TIME = re.compile(r"(?<![\w])(?:بعد|قبل)\s+(?:\S+\s+){0,2}?(?:ايام|ساعات|اسبوع|اسابيع"
                            r"|اشهر|شهر|يومين|يوم|اقل\s+من|مماثل\S*)(?![\w])"
                            r"|(?<![\w])ال(?:اسبوع|شهر)\s+(?:الماضي|الفائت)(?![\w])")


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_place(a, b)


def _continues(event: Event, clause: Clause) -> bool:
    """Whether a clause with an attack still tells of the event just opened."""
    if clause.same_named:
        return True  # "كما طال القصف ذاته قرية حاس": the attack told, reaching another place
    if clause.update and not (clause.kind and not clause.generic and not types_agree(
            event.type, clause.kind) and not _same_place(event.place, clause.place)):
        return True  # (not "ارتفع عدد ضحايا التفجير ... في حي الزهراء" after a shelling)
    if (event.type in ("clash", "armed_attack") and (clause.kind in ("clash", None)
                                                     or clause.generic)
            and (clause.refers_back or clause.generic) and _OTHER_SIDE.match(clause.text)
            and clause.place is None and clause.date is None):
        # "في حين خسرت الفصائل ستة من مقاتليها خلال المعارك", "فيما استشهد مقاتلان خلال
        # التصدي للهجوم": the other side's losses
        return True
    if (event.type in ("clash", "armed_attack") and clause.kind in ("clash", "armed_attack", None)
            and clause.place is None and clause.date is None
            and _SAME_GROUND.search(clause.text)):
        # "في حين نعت صفحات موالية ثمانية عناصر قضوا خلال التصدي لهجوم على المحور ذاته": the
        # fight just told, on the same ground
        return True
    if clause.another or (clause.kind and not clause.generic
                          and not types_agree(event.type, clause.kind)):
        return False
    if clause.fresh and clause.kind and not clause.generic:
        return False  # "وفي اليوم نفسه، قصفت ...": a new report with its own attack
    if clause.date and event.date and clause.date != event.date:
        return False
    other_governorate = bool(clause.governorate and event.governorate
                             and clause.governorate != event.governorate)
    if other_governorate and clause.kind and (not clause.generic or (
            clause.fresh and clause.place)):
        # (and "وفي ريف دمشق، استهدفت الغارات مقر اللواء 155 في القطيفة": the raid told,
        # striking in another governorate, is an attack there)
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


# "فيما قتل", "بينما أصيب": the figure of the other side
_OTHER_SIDE = re.compile(r"^(?:فيما|بينما|في\s+حين)\s+(?:\S+\s+)?(?:قتل|لقي|قضي|استشهد|اصيب|جرح"
                         r"|خسر|فقد)\S*\s")


def _plus(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


def _add(event: Event, clause: Clause) -> Event:
    """Fill what the event lacks from a later clause about it; a toll update replaces."""
    killed, wounded = event.killed, event.wounded
    if clause.update:
        killed = clause.killed if clause.killed is not None else killed
        wounded = clause.wounded if clause.wounded is not None else wounded
    elif event.type in ("clash", "armed_attack") and _OTHER_SIDE.match(clause.text):
        # "قتل ستة مقاتلين من الجيش الحر، فيما قتل عشرة من عناصر التنظيم": a clash's toll is
        # both sides'
        killed = _plus(killed, clause.killed)
        wounded = _plus(wounded, clause.wounded)
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
    """Enough to count: someone hurt, or where and on what day it struck (a month alone is
    background: "استعادة المناطق التي خسرتها في معركة الساحل في آذار الماضي، ومنها كسب")."""
    return (event.killed is not None or event.wounded is not None or hurt
            or (event.place is not None and event.date is not None
                and event.date_precision == "day"))


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


def _days_counted(text: str, published: date | None) -> str | None:
    """'first/last' of a figure over days: from one to another ("بين 11 و17 تشرين الثاني"),
    or since a day up to publication ("ارتفعت الحصيلة منذ يوم الخميس الفائت إلى 830")."""
    span = day_span(text, published)
    if span is None:
        start = since_day(text, published)
        span = (start, published) if start and published and start < published else None
    return f"{span[0].isoformat()}/{span[1].isoformat()}" if span else None


def _tally(clause: Clause, published: date | None, period: str | None = None) -> Tally | None:
    text = COMPARED_SINCE.sub(" ", clause.text)  # (not "الأدنى منذ آذار 2011")
    period = (_days_counted(text, published) or month_period(text, published)
              or year_period(text, published) or period)
    if period is None:
        return None
    perpetrator, target = roles(clause.text, clause.kind or "armed_attack", clause.kind_at)
    year = published.year if published else None
    return Tally(period, None if perpetrator == "unknown" else side_in(
        perpetrator, clause.governorate, year), side_in(target, clause.governorate, year),
                 clause.governorate, clause.killed, clause.wounded, clause.original)


def _article_defaults(title: str | None, clauses: list[Clause], context: str,
                      published: date | None) -> Clause:
    """What the title and the lead say: the main event's governorate and day."""
    lead = [read_clause(title, context, published)] if title else []
    lead += clauses[:2]
    return Clause("", "", governorate=next((c.governorate for c in lead if c.governorate), None),
                  date=next((c.date for c in lead if c.date), None),
                  precision=next((c.precision for c in lead if c.date), None))


def extract_events(text: str, published: date | None, title: str | None = None) -> Extraction:
    """Events and tallies that an article's clean text reports."""
    # each clause folded once; the article's folded text (for the places it names) is theirs
    pieces = clauses_of(text)
    folded = normalize_each([piece for piece, _ in pieces])
    folded_title = normalize(title) if title else ""
    context = " ".join(filter(None, [folded_title, *folded]))
    clauses = [read_clause(piece, context, published, folded=fold)
               for (piece, is_headline), fold in zip(pieces, folded, strict=True)
               if not is_headline]
    reading = _Reading(published, context)
    for before, clause in zip([None, *clauses], clauses, strict=False):
        reading.read(before, clause)
    kept = [e for e, h in zip(reading.events, reading.hurt, strict=True) if _happened(e, h)]
    if kept:
        lead = _article_defaults(title, clauses, context, published)
        kept = [_fill(event, lead, published, first=i == 0) for i, event in enumerate(kept)]
    return Extraction(events=_merge(kept), tallies=reading.tallies)


@dataclass
class _Reading:
    """An article read clause by clause: the events and tallies told so far, and what later
    clauses point back to."""

    published: date | None
    context: str  # the article's folded text
    events: list[Event] = field(default_factory=list)
    hurt: list[bool] = field(default_factory=list)  # for each event: told as hurting someone
    tallies: list[Tally] = field(default_factory=list)
    current: int | None = None  # the event just told
    tally_period: str | None = None  # the period of the tally just told, which may go on
    shared: int | None = None  # the event whose toll the article shares out place by place
    parts: int = 0  # the parts of that toll told so far
    series: tuple[str, str | None] = ("unknown", None)  # who attacked whom in a series told
    told_by: str = "unknown"  # who carried out the attacks told so far
    untold: Clause | None = None  # the clause read last, if it told a toll no attack took

    def read(self, before: Clause | None, clause: Clause) -> None:
        """Take in the next clause (`before` is the one read last)."""
        untold, self.untold = self.untold, None
        if untold is not None and untold is before and clause.kind and _WHEN.match(clause.text):
            # "قضى طفلان وامرأة وأصيب نحو 15 مدنياً فجر اليوم، حين ألقت مروحية برميلين":
            # the toll told first is the attack's told next
            clause.killed = clause.killed if clause.killed is not None else untold.killed
            clause.wounded = clause.wounded if clause.wounded is not None else untold.wounded
            clause.hurt = True
            clause.original = f"{untold.original}، {clause.original}"  # the sentence whole
        self._from_what_was_told(before, clause)
        if self._part_of_shared_toll(clause):
            return
        self.shared = None if clause.kind or clause.date else self.shared
        if self._whose_man(clause):
            return
        if clause.general and not clause.skip and clause.kind:
            # "شنت خلايا التنظيم سلسلة هجمات متزامنة استهدفت مواقع لقسد": the attacks told
            # next are of the series, by and on whom it names
            named = roles(clause.text, clause.kind, clause.kind_at)
            self.series = named if _SERIES.search(clause.text) else self.series
            self.told_by = named[0] if named[0] != "unknown" else self.told_by
        if clause.skip:
            return
        if clause.running is not None:
            # "ليرتفع عدد ضحايا الحملة منذ الأحد الماضي إلى 500": a tally since that day
            killed, wounded = clause.running
            tally = _tally(replace(clause, killed=killed, wounded=wounded), self.published)
            if tally is not None:
                self._add_tally(tally, clause)
                self.tally_period = tally.period  # (which the clauses after it may go on with)
        if self.tally_period and clause.kind is None and LIST_LINE.match(clause.original):
            # "- 29 من عناصر قوات النظام.": a line of the list of the tally just told
            self._parts(self.tally_period, clause, parts(clause.text)[:1])
            return
        more = _AND_MORE.match(clause.text) if self.tally_period and clause.killed is None else None
        if more and clause.place is None:
            # "ومن بين الضحايا، قتل 1497 مدنياً بغارات روسية، و1116 بقصف قوات النظام": one more
            # part of the total, by another hand
            tally = _tally(replace(clause, killed=parse_number(more.group("num"))),
                           self.published, self.tally_period)
            if tally is not None:
                self.tallies.append(replace(tally, period=self.tally_period))
            return
        if self.tally_period and clause.kind is None and clause.killed is None and (
                _DISTRIBUTED.search(clause.text)):
            # "وتوزعت الحصيلة على النحو التالي: 3473 مدنياً ..., و1591 عنصراً من قوات النظام"
            self._parts(self.tally_period, clause, parts(clause.text))
            return
        figures = clause.killed is not None or clause.wounded is not None
        if figures and (clause.period or (self.tally_period and _tally_goes_on(clause))):
            # (a monthly report's figure too: attacks in general, counted)
            tally = _tally(clause, self.published, self.tally_period)
            if tally is not None:
                self._add_tally(tally, clause)
                self.tally_period = tally.period
                self.current = None
                return
            if clause.period:
                return  # a summary over a period it does not name: neither event nor tally
        if clause.general or _running_total(clause, first=self.current is None):
            if figures and clause.general and clause.precision == "day":
                # "وثق المرصد اليوم مقتل 5 أشخاص بأعمال عنف متفرقة": that day's tally (the
                # day's, though the date names its month: "يوم أمس الجمعة الـ 23 من شهر أيلول")
                tally = _tally(clause, self.published, clause.date.isoformat())
                if tally is not None:
                    self._add_tally(replace(tally, period=clause.date.isoformat()), clause)
            return
        self.tally_period = None
        told = self.events[self.current] if self.current is not None else None
        strike = _A_STRIKE.search(clause.text) if clause.kind is None and told else None
        if strike and told.type in ("airstrike", "drone_strike") and (
                clause.place or not strike.group("the")):
            # "وذكرت المصادر أن ضربة أخرى طالت مقراً ...", "كما طالت الضربات مواقع ... في محيط
            # بلدة العيس": a strike of the kind just told (not "الضربات أسفرت عن": its toll)
            clause.kind, clause.kind_at = told.type, strike.start()
        if clause.kind is not None:
            self._attack(clause)
        else:
            self._no_attack_word(clause, figures)

    def _from_what_was_told(self, before: Clause | None, clause: Clause) -> None:
        """The day and governorate a clause takes from the one before it or the event just
        told; a toll about to be shared out place by place ("وتوزعت الحصيلة") marks that
        event."""
        told = self.events[self.current] if self.current is not None else None
        if before and clause.date is None and _WHEN.match(clause.text):
            # "وكان أبرزها يوم الخميس، حين قتل ...": the day of the clause it depends on
            clause.date, clause.precision = before.date, before.precision
        if before and before.place and clause.place is None and _SAME_GROUND.search(clause.text):
            # "أغلقت قوات النظام طريق أثريا - خناصر ... وكان ستة عناصر قد قُتلوا في الكمين الذي
            # استهدف حافلتهم على الطريق ذاته": the ground just named
            clause.place, clause.governorate = before.place, before.governorate
        if told is not None and clause.date is None and _AT_THE_SAME_TIME.match(clause.text):
            # "بالتزامن مع تلك الغارة، قصفت قوات الأسد ...": the day of the attack just told
            clause.date, clause.precision = told.date, told.date_precision
        if told is not None and _in_city_told(clause, told):
            # "على حي الحمدانية ... غرب المدينة": a neighbourhood of the city just told, not a
            # village of the same name elsewhere
            clause.governorate = told.governorate
        if told is not None and _DISTRIBUTED.search(clause.text):
            # "وتوزعت الحصيلة على النحو التالي: 14 في حمورية، و9 ..."
            self.shared, self.parts = self.current, 0

    def _part_of_shared_toll(self, clause: Clause) -> bool:
        """Each place's part of a toll shared out is that place's attack; the first part takes
        the place of the total. Whether the clause was such a part."""
        if self.shared is None:
            return False
        shared = self.events[self.shared]
        part = _PART.search(clause.text)
        if part and clause.place and clause.kind is None:
            piece = replace(shared, place=clause.place, killed=parse_number(part.group("num")),
                            wounded=None, evidence=clause.original,
                            governorate=clause.governorate or shared.governorate)
            if self.parts == 0:
                self.events[self.shared] = piece
            else:
                self._append(piece, hurt=True)
            self.parts += 1
            return True
        if self.parts == 0 and clause.kind and clause.place and clause.killed is not None and (
                shared.killed is None or shared.killed > clause.killed):
            # "وتوزع الشهداء على النحو التالي: 12 شهيداً ... في غارات على بلدة حمورية": the
            # first part, told with its own attack, takes the place of the total (unless the
            # total is itself a part: "ارتفع إلى 10 ..., وهم 5 في معرة النعمان")
            self.events[self.shared] = replace(
                _open(clause), date=clause.date or shared.date,
                date_precision=clause.precision or shared.date_precision)
            self.hurt[self.shared], self.current, self.parts = True, self.shared, 1
            return True
        return False

    def _whose_man(self, clause: Clause) -> bool:
        """"وكان القتيل يعمل في صفوف الفرقة الرابعة، ويتهمه ناشطون بالمشاركة في حملات دهم":
        whose man "a young man" was, whatever else the sentence tells. Whether it said so."""
        if clause.kind is not None or (clause.killed, clause.wounded) != (None, None) or (
                self.current is None or self.events[self.current].target not in _PLAIN_TARGETS):
            return False
        group = affiliation(clause.text)
        if group:
            self.events[self.current] = replace(self.events[self.current], target=group)
        return bool(group)

    def _attack(self, clause: Clause) -> None:
        """A clause with an attack adds to the event it tells of again, or opens one."""
        earlier = _earlier(self.events, self.current, clause)
        if earlier is not None:
            self.events[earlier] = _with_roles(_add(self.events[earlier], clause), clause,
                                               strict=True)
            self.hurt[earlier] = self.hurt[earlier] or clause.hurt
            self.current = earlier
        else:
            opened = _of_series(_days_before(_open(clause), clause, self.events), self.series)
            if opened.perpetrator == "unknown" and (_SIMILAR.search(clause.text) or (
                    _THESE.search(clause.text) and not _COMES_AFTER.match(clause.text))):
                # "بهجوم مماثل", "وكان أعنف تلك الهجمات": by whom the others were
                opened = replace(opened, perpetrator=self.told_by)
            if opened.perpetrator == "unknown" and _THE_CELLS.search(clause.text):
                # "كشفت التحقيقات مسؤولية الخلية عن تفجير عبوة": the cell the article told of
                opened = replace(opened, perpetrator=_cell_owner(self.context))
            if self.current is not None:
                opened = _in_town_told(opened, clause, self.events[self.current])
                opened = _the_same_hand(opened, clause, self.events[self.current])
                opened = _the_same_raid(opened, clause, self.events[self.current])
            self._append(opened, hurt=clause.hurt or _also_struck_there(clause))
        told = self.events[self.current]
        if told.perpetrator != "unknown" and _happened(told, self.hurt[self.current]):
            # (not a remark with no toll, place nor day: "وقال مصدر عسكري في الفرقة إن
            # المهاجمين استخدموا أسلحة رشاشة وقذائف")
            self.told_by = told.perpetrator

    def _no_attack_word(self, clause: Clause, figures: bool) -> None:
        """A clause without an attack: more on the event just told, or a killing by named
        attackers."""
        told = self.events[self.current] if self.current is not None else None
        if told is not None and (figures or clause.update) and _same_place(
                told.place, clause.place):
            self.events[self.current] = _add(told, clause)
            self.hurt[self.current] = True
        elif told is not None and clause.refers_back and not figures and (
                told.perpetrator == "unknown"):
            # "واتهمت الوزارة وحدات حماية الشعب بالوقوف وراء التفجير": who is suspected
            self.events[self.current] = _with_roles(told, clause, strict=True)
        elif clause.killed is not None and _killers_named(clause):
            # "قتل عناصر من تنظيم الدولة خمسة رعاة": a killing by named attackers, no
            # attack word: an armed attack.
            self._append(_open(replace(clause, kind="armed_attack")), hurt=True)
        elif figures and not clause.update:
            self.untold = clause

    def _add_tally(self, tally: Tally, clause: Clause) -> None:
        """A tally, and each part of it by side that its clause gives (pipeline/breakdowns.py)."""
        self.tallies.append(tally)
        self._parts(tally.period, clause, [(dead, side) for dead, side in parts_of_total(
            clause.text) if dead != tally.killed])

    def _parts(self, period: str, clause: Clause, found: list[tuple[int, str]]) -> None:
        """A tally for each part (dead, side) of a total over `period` (one told already is
        not told again)."""
        year = self.published.year if self.published else None
        told = {(t.period, t.target, t.killed) for t in self.tallies}
        for dead, side in found:
            target = side_in(side, clause.governorate, year)
            if (period, target, dead) not in told:
                self.tallies.append(Tally(period, None, target, clause.governorate, dead, None,
                                          clause.original))

    def _append(self, event: Event, *, hurt: bool) -> None:
        self.events.append(event)
        self.hurt.append(hurt)
        self.current = len(self.events) - 1


# "كما استهدف مبنى تابعاً لمركز البحوث العلمية": the verb's subject left out, the one just told
# (not "كما استهدف مسلحون مجهولون سيارة إسعاف": attackers of its own)
_AS_WELL = r"^[وف]?كما\s+"
_ALSO_STRUCK = re.compile(_AS_WELL + r"(?:استهدف|استهدفت|طال|طالت|اصاب|اصابت)\s+"
                          r"(?!(?:مسلح|مجهول|عناصر|مقاتل|خلي|مجموع)\S*)")


# "وطالت الغارات كذلك مواقع ... في محيط مدينة الكسوة", "ضربة أخرى طالت مقراً": the raid just
# told, reaching one more place
_ALSO = re.compile(r"(?<![\w])(?:كذلك|ايضا)(?![\w])|(?<![\w])(?:ضربه|ضربات|غاره|غارات)\s+"
                   r"(?:اخري|اخر)(?![\w])|(?<![\w])(?:استهدفت|طالت|شملت)\s+(?:ال)?(?:غارات|ضربات)"
                   r"(?![\w])")  # "وفي ريف دمشق، استهدفت الغارات مقر اللواء 155"
# A strike with no weapon named: of the kind just told, if that was from the air
_A_STRIKE = re.compile(r"(?<![\w])[وبل]?(?P<the>ال)?(?:ضربه|ضربات)(?![\w])")


def _also_struck_there(clause: Clause) -> bool:
    """"كما شنت الطائرات الحربية التركية غارتين على محيط جسر قره قوزاق": one more attack of
    the day told, at a place it names, counts though it hurt no one (not a kidnapping by
    "مجهولون" told the same way: no attack word but the gunmen)."""
    return bool(clause.place and clause.kind != "armed_attack" and not clause.recalled
                and not clause.another and re.match(_AS_WELL, clause.text))


def _the_same_raid(opened: Event, clause: Clause, told: Event) -> Event:
    """An attack of the raid just told, at another place: the raid's day and attacker."""
    if (opened.date is not None or clause.recalled or _APART_IN_TIME.search(clause.text)
            or opened.type != told.type
            or not (_ALSO.search(clause.text) or _ALSO_STRUCK.match(clause.text))):
        return opened
    return replace(opened, date=told.date, date_precision=told.date_precision,
                   perpetrator=told.perpetrator if opened.perpetrator == "unknown"
                   else opened.perpetrator)


def _the_same_hand(opened: Event, clause: Clause, told: Event) -> Event:
    """An attack told with no attacker and no weapon of its own, its verb's subject left out
    after "كما": the attack just told struck again, by the same hand and in the same way."""
    if opened.perpetrator != "unknown" or opened.type != "armed_attack" or not (
            _ALSO_STRUCK.match(clause.text)):
        return opened
    return replace(opened, type=told.type, perpetrator=told.perpetrator)


def _running_total(clause: Clause, *, first: bool) -> bool:
    """"ارتفعت حصيلة القتلى منذ يوم الخميس إلى 830" (told first), "في حين قتل خلال الفترة
    ذاتها 23 من عناصر التنظيم بضربات جوية": a total over a time, no attack of its own."""
    update = cues()["toll_update"].search(clause.text)
    if first and update and SINCE_WORD.search(clause.text) and (
            clause.kind_at is None or update.start() < clause.kind_at):
        return True  # (not "قتل ثلاثة بقصف ...، ليرتفع عدد ضحايا الحملة منذ الأحد إلى 50")
    return bool(clause.period and clause.place is None and (
        clause.precision != "day" or SINCE_WORD.search(clause.text)))


# "بعد ثلاثة أيام من قصف ...": the attack recalled came that many days before the one told.
_DAYS_BEFORE = re.compile(rf"بعد\s+(?:(?P<n>{NUMBER})\s+(?:ايام|يوما|يوم)|(?P<two>يومين)|يوم"
                          rf"|(?P<hours>(?:\S+\s+)?(?:ساعات|ساعه|ساعتين)))"
                          rf"\s+(?:فقط\s+)?من(?![\w])")


# "وبعد ساعات، قصفت مسيرة أخرى ...", "وردّت القوات بعد ساعات بغارات": an attack told as hours
# after the one just told.
_HOURS_LATER = re.compile(r"(?<![\w])بعد\s+(?:\S+\s+)?(?:ساعات|ساعه|ساعتين)(?!\s+من)(?![\w])")


# "سلسلة هجمات متزامنة", "عدة هجمات": several attacks told at once, as one series.
_SERIES = re.compile(r"(?<![\w])(?:سلسله|موجه)\s+هجمات|هجمات\s+متزامنه|عده\s+هجمات")


# "وتأتي هذه العمليات بعد أن نجا رئيس البلدية من محاولة اغتيال": the attack after "بعد" is
# another, not one of "these".
_COMES_AFTER = re.compile(r"^و?(?:تاتي|ياتي)\s")
# "بهجوم مماثل", "بغارات مماثلة", "وكان أعنف تلك الهجمات": an attack like the ones told, by the
# same hand.
_SIMILAR = re.compile(r"(?<![\w])[وبل]?(?:هجوم|هجوما|هجمات|كمين|تفجير|استهداف|اعتداء|قصف|غاره"
                      r"|غارات|ضربه|ضربات|اشتباكات|مسيره|طائره\s+مسيره)\s+مماثل\S*")
_THESE = re.compile(r"(?<![\w])(?:هذه|تلك)\s+(?:الهجمات|العمليات|الاعتداءات|الكمائن|التفجيرات)")


# "مسؤولية الخلية عن", "تورط الخلية في": the cell told of before did the attack.
_THE_CELLS = re.compile(r"(?<![\w])(?:مسؤوليه|تورط)\s+(?:افراد\s+|عناصر\s+)?ال(?:خليه|خلايا)"
                        r"(?![\w])")
# "تفكيك خلية تابعة لتنظيم داعش", "خلية لداعش": whose cell it was.
_CELL_OF = re.compile(r"(?<![\w])خليه\s+(?:\S+\s+){0,2}?(?:تابعه\s+)?")


def _cell_owner(context: str) -> str:
    """The perpetrator id of the group the article names as a cell's owner, or "unknown"."""
    for cell in _CELL_OF.finditer(context):
        window = QUOTES.sub("", context[cell.end():cell.end() + 40])
        found = [a for p, a in find_actors(window) if p < 6 and not a.victims]
        if found:
            return found[0].perpetrator
    return "unknown"


def _of_series(event: Event, series: tuple[str, str | None]) -> Event:
    """An attack of a series told before it, by and on whom the series names where the
    attack's own clause names no one."""
    perpetrator, target = series
    return replace(event, perpetrator=perpetrator if event.perpetrator == "unknown"
                   else event.perpetrator, target=event.target or target)


# "أطراف البلدة", "داخل المدينة": the town just named, not a new place.
_TOWN_TOLD = re.compile(r"(?<![\w])[وب]?ال(?:بلده|مدينه|قريه)(?![\w])")
# "وفي مدينة حماة، ... في حي الحميدية، بحسب ناشطين من المدينة": a city the clause names itself
_CITY_NAMED = re.compile(r"(?<![\w])[وبل]?(?:مدينه|بلده)\s+(?!ذاتها|نفسها)\S")


def _in_city_told(clause: Clause, told: Event) -> bool:
    """Whether a clause names a neighbourhood ("حي الحمدانية") of "the city" just told."""
    if not (clause.place and clause.governorate and told.governorate
            and clause.governorate != told.governorate and _TOWN_TOLD.search(clause.text)
            and not _CITY_NAMED.search(clause.text)):
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


def _fill(event: Event, lead: Clause, published: date | None, *, first: bool) -> Event:
    """The article's governorate for an event that names none; the lead's day for an event
    that gives none, unless it is recalled or set apart from the ones told; the target a
    regional name stands for ("قوى الأمن الداخلي") where the governorate tells, civilians for
    fire on a town with no one named; the side a regional id stands for ("فصائل المعارضة"), and
    who unnamed attackers are, where and when the attack was; a governorate's seat named as a
    city for an event with no place."""
    governorate = event.governorate or lead.governorate
    evidence = normalize(event.evidence)
    if event.target is None:
        event = replace(event, target=regional_target(evidence, governorate))
    if event.target is None and event.type in ("shelling", "airstrike") and not (
            _MILITARY_OBJECT.search(evidence)):
        # "قصفت قوات النظام أطراف مدينة دارة عزة": fire on a town falls on its people
        event = replace(event, target="civilians")
    elif event.target == "civilians":
        # "ارتقى عنصران من قوى الأمن الداخلي وأصيب أربعة مدنيين": the force named first
        civilians = [p for p, a in find_actors(evidence) if a.victims]
        event = replace(event, target=regional_target(
            evidence, governorate, civilians[0] if civilians else None) or "civilians")
    when = event.date or lead.date or published
    year = when.year if when else None
    event = replace(event, perpetrator=side_in(event.perpetrator, governorate, year),
                    target=side_in(event.target, governorate, year))
    if event.perpetrator == "unknown":
        # "كمين نصبه مسلحون لدورية للأمن العام قرب جبلة" after 2024: the remnants
        event = replace(event, perpetrator=unnamed_attacker(
            event.type, event.target, governorate, when, evidence) or "unknown")
    seat = seat_city(evidence) if event.place is None else None
    if seat:
        # "على أطراف مدينة السويداء": the governorate's seat is where it happened
        event = replace(event, place=as_written(event.evidence, seat))
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
