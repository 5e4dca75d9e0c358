"""Event dates from Arabic phrasing, resolved against the article's publication date.

Day words (اليوم، أمس، أول أمس), named weekdays (the latest such day on or before publication;
"الماضي" a week back when it names the publication's own weekday or yesterday), "منذ يومين",
explicit dates with Levantine or Gregorian month names ("15 تشرين الثاني/نوفمبر 2023"), and months
("الشهر الماضي", "في شهر آذار") with month precision. A month-precision date is the month's
first day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline.numbers import parse_number

# Normalized weekday names -> Python weekday (Monday 0).
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4,
            "السبت": 5, "الاحد": 6}
# Levantine and Gregorian month names, normalized -> month number.
MONTHS = {
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "اذار": 3, "مارس": 3,
    "نيسان": 4, "ابريل": 4, "نيسان/ابريل": 4, "ايار": 5, "مايو": 5, "حزيران": 6, "يونيو": 6,
    "تموز": 7, "يوليو": 7, "اب": 8, "اغسطس": 8, "ايلول": 9, "سبتمبر": 9,
    "تشرين الاول": 10, "اكتوبر": 10, "تشرين الثاني": 11, "نوفمبر": 11,
    "كانون الاول": 12, "ديسمبر": 12,
}
# Month names as a regular expression, longest first.
MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY = re.compile(r"(?<![\w])(?:يوم\s+|ليل\s+|ليله\s+|مساء\s+|صباح\s+|فجر\s+|ظهر\s+)?"
                      r"(?:امس\s+)?ال(" + "|".join(w[2:] for w in WEEKDAYS)
                      + r")(?![\w])(\s+الماضي|\s+الفائت|\s+المنصرم)?")
_DAY_BEFORE_YESTERDAY = re.compile(r"اول\s+امس|اول\s+من\s+امس|امس\s+الاول")
_YESTERDAY = re.compile(r"(?<![\w])[بو]?امس(?![\w])|الليله\s+الماضيه|ليله\s+امس")
# not the outlets "حلب اليوم", "سوريا اليوم", nor "ذلك اليوم"
_TODAY = re.compile(r"(?<![\w])(?:صباح|فجر|مساء|ليل|ظهر|عصر|ظهيره)?\s*(?<!حلب )(?<!سوريا )"
                    r"(?<!ذلك )اليوم(?![\w])"  # "فجر ذلك اليوم": a day told before
                    r"(?!\s+(?:التالي|الثاني|الذي|ذاته|نفسه))")
_DAYS_AGO = re.compile(r"(?:منذ|قبل)\s+(يومين|(\S+)\s+ايام)(?![\w])")
# Days of the month as ordinal words ("في الخامس من آذار"), normalized: 1 to 31.
_ORDINAL_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
                  "التاسع"]
ORDINAL_DAYS = {
    **{word: n for n, word in enumerate(_ORDINAL_UNITS, 1)}, "العاشر": 10,
    "الحادي عشر": 11, **{f"{word} عشر": n + 10 for n, word in enumerate(_ORDINAL_UNITS, 1)
                         if n > 1},
    "العشرين": 20, "الثلاثين": 30, "الحادي والعشرين": 21, "الحادي والثلاثين": 31,
    **{f"{word} والعشرين": n + 20 for n, word in enumerate(_ORDINAL_UNITS, 1) if n > 1},
}
_ORDINAL = "|".join(sorted((w.replace(" ", r"\s+") for w in ORDINAL_DAYS), key=len, reverse=True))
# A day as digits or as an ordinal word, not "the second week of the month".
_DAY = (rf"(?:(\d{{1,2}})|(?<!الاسبوع\s)(?<!العام\s)(?<!الربع\s)(?<!النصف\s)(?<!الجزء\s)"
        rf"({_ORDINAL}))")


def _day_of(match: re.Match, group: int = 1) -> int:
    digits, words = match.group(group), match.group(group + 1)
    return int(digits) if digits else ORDINAL_DAYS[re.sub(r"\s+", " ", words)]


# "15 تشرين الثاني/نوفمبر 2023", "في الخامس من آذار/مارس".
# (a month name ends its word: "11 من أبناء القرية" is no day of August)
_EXPLICIT = re.compile(rf"(?<![\w\d]){_DAY}\s+(?:من\s+)?(?:شهر\s+)?({MONTH_NAMES})(?![\w])"
                       rf"(?:\s*/\s*(?:{MONTH_NAMES}))?(?:\s+(?:من\s+)?(?:عام\s+)?(\d{{4}}))?")
# "في الـ 11 من الشهر ذاته", "في العاشر من الشهر الجاري": that day this month.
_DAY_OF_THIS_MONTH = re.compile(rf"(?<![\w])(?:ال\s*)?{_DAY}\s+من\s+(?:الشهر|شهر)\s+"
                                r"(?:ذاته|نفسه|الجاري|الحالي)(?![\w])")
_LAST_MONTH = re.compile(r"الشهر\s+(?:الماضي|الفائت|المنصرم|السابق)")
_THIS_MONTH = re.compile(r"(?:مطلع|بدايه|اوائل|منتصف|اواخر|خلال)\s+الشهر\s+(?:الجاري|الحالي)")
# A month name needs a word before it: "مارس" and "اب" are also a verb and a noun.
_NAMED_MONTH = re.compile(rf"(?<![\w])(?:(?:في|خلال|منذ|مطلع|اواخر|اوائل|منتصف|بدايه|نهايه)"
                          rf"\s+(?:شهر\s+)?|شهر\s+)({MONTH_NAMES})(?![\w])"
                          rf"(?:\s*/\s*(?:{MONTH_NAMES}))?(?:\s+(?:من\s+)?(?:عام\s+)?(\d{{4}}))?")


_UNTIL = re.compile(r"(?<![\w])حتي\s+(?:(?:صباح|ظهر|مساء|فجر|ساعه|ساعات|لحظه)\s+)?"
                    r"(?:اليوم|الان)(?![\w])")
_SINCE = re.compile(r"(?<![\w])منذ\s+(?!يومين|\S+\s+ايام)(?:\S+\s+){0,6}?\S*(?=\s|$)"
                    rf"(?:\s+(?:{MONTH_NAMES}))?")


def _latest(month: int, day: int, published: date, year: str | None) -> date | None:
    """The date with that month and day on or before publication (or in the year given)."""
    try:
        if year:
            return date(int(year), month, day)
        when = date(published.year, month, day)
        return when if when <= published else date(published.year - 1, month, day)
    except ValueError:
        return None


# "من 7 حتى 13 كانون الأول", "بين ١١ و١٧ تشرين الثاني", "من الأول حتى السابع من آذار".
# (the first day's month of its own when the span runs into the next: "بين 27 آب و8 أيلول")
_DAY_SPAN = re.compile(rf"(?<![\w])(?:من|بين)\s+(?:يوم\s+)?{_DAY}\s+"
                       rf"(?:(?:من\s+)?({MONTH_NAMES})(?![\w])(?:\s*/\s*\S+)?\s+|\S+\s+)?"
                       rf"(?:(?:حتي|الي)\s+|و\s*)(?:يوم\s+)?{_DAY}\s+(?:من\s+)?(?:شهر\s+)?"
                       rf"({MONTH_NAMES})(?![\w])(?:\s*/\s*(?:{MONTH_NAMES}))?"
                       rf"(?:\s+(?:من\s+)?(?:عام\s+)?(\d{{4}}))?")


# "منذ الخميس وحتى مساء الجمعة", "بين يومي السبت والاثنين": from one weekday to another
_DAYS = "|".join(w[2:] for w in WEEKDAYS)
_WEEKDAY_SPAN = re.compile(rf"(?<![\w])(?:منذ|من|بين)\s+(?:يوم\s+|يومي\s+|مساء\s+|صباح\s+|ليل\s+)?"
                           rf"ال({_DAYS})\s+(?:و\s?)?(?:حتي\s+|الي\s+)?(?:يوم\s+|مساء\s+|صباح\s+"
                           rf"|ليل\s+|ظهر\s+)?ال({_DAYS})(?![\w])")


def _weekday_span(sentence: str, published: date) -> tuple[date, date] | None:
    """(first day, last day) from one weekday to the next told, the last on or before
    publication."""
    span = _WEEKDAY_SPAN.search(sentence)
    if span is None:
        return None
    last = published - timedelta(days=(published.weekday() - WEEKDAYS["ال" + span.group(2)]) % 7)
    first = last - timedelta(days=(WEEKDAYS["ال" + span.group(2)]
                                   - WEEKDAYS["ال" + span.group(1)]) % 7)
    return (first, last) if first < last else None


def day_span(sentence: str, published: date | None) -> tuple[date, date] | None:
    """(first day, last day) of days from one to another in a month that a normalized
    sentence names (or from one weekday to another), the last on or before publication;
    None when it names none."""
    span = _DAY_SPAN.search(sentence)
    if span is None and published is not None:
        return _weekday_span(sentence, published)
    if span is None or published is None:
        return None
    last = _latest(MONTHS[span.group(6)], _day_of(span, 4), published, span.group(7))
    first = _day_of(span, 1)
    if last is None:
        return None
    if span.group(3) and MONTHS[span.group(3)] != last.month:
        # the span began in the month before ("بين 27 آب و8 أيلول")
        start = _latest(MONTHS[span.group(3)], first, last, None)
        return (start, last) if start is not None and first <= 31 else None
    if not 1 <= first <= last.day:
        return None
    return last.replace(day=first), last


SINCE_WORD = re.compile(r"(?<![\w])و?منذ(?![\w])")  # a day named after it starts a period


# "منذ مطلع العام الجاري", "منذ بداية العام 2023", "منذ مطلع الشهر الجاري": so far this year
# (that year) or this month.
_SINCE_START = re.compile(r"(?<![\w])و?منذ\s+(?:مطلع|بدايه|بدء)\s+(?:(?P<year>(?:ال)?عام|سنه)"
                          r"(?:\s+(?:الجاري|الحالي|(?P<number>\d{4})))?"
                          rf"|(?:ال)?شهر(?!\s+(?:{MONTH_NAMES}))(?:\s+(?:الجاري|الحالي))?)(?![\w])")


# "الحصيلة السنوية الأدنى منذ انطلاق الثورة في آذار 2011", "أعنف تصعيد منذ": a comparison,
# neither a count since that day nor the figure's month
COMPARED_SINCE = re.compile(r"(?<![\w])(?:ال)?(?:ادني|اعلي|اكبر|اكثر|اقل|اعنف|اسوا|اشد|اخطر)"
                            r"(?![\w])(?:\s+\S+){0,3}?\s+منذ\s[^،,.]*")


def since_day(sentence: str, published: date | None) -> date | None:
    """The day a running total counts from ("منذ يوم الخميس الفائت", "منذ بدء التصعيد في
    الـ 30 من نيسان", "منذ مطلع شباط الماضي", "منذ مطلع العام": its first day), or None when
    "منذ" names no day."""
    sentence = COMPARED_SINCE.sub(" ", sentence)
    since = SINCE_WORD.search(sentence)
    if since is None or published is None:
        return None
    start_of = _SINCE_START.search(sentence)
    if start_of and start_of.group("year"):
        year = int(start_of.group("number") or published.year)
        return date(year, 1, 1) if year <= published.year else None
    if start_of:
        return published.replace(day=1)
    start, precision = resolve_date(sentence[since.end():], published)
    if start is None or start > published:
        return None
    if precision == "month":
        return start.replace(day=1)
    return start if precision == "day" else None


def resolve_date(sentence: str, published: date | None) -> tuple[date | None, str | None]:
    """(date, precision) that a normalized sentence gives for its event, or (None, None)."""
    if published is None:
        return None, None
    if _DAY_BEFORE_YESTERDAY.search(sentence):
        return published - timedelta(days=2), "day"
    sentence = _SINCE.sub(" ", sentence)  # "منذ اتفاق آذار": when something else began
    sentence = _UNTIL.sub(" ", sentence)  # "أسفرت الاشتباكات حتى ظهر اليوم": until when
    this_month = _DAY_OF_THIS_MONTH.search(sentence)
    if this_month and 1 <= _day_of(this_month) <= published.day:
        return published.replace(day=_day_of(this_month)), "day"
    explicit = _EXPLICIT.search(sentence)
    if explicit:
        when = _latest(MONTHS[explicit.group(3)], _day_of(explicit), published,
                       explicit.group(4))
        if when:
            return when, "day"
    weekday = _WEEKDAY.search(sentence)
    if weekday and _YESTERDAY.search(sentence, max(0, weekday.start() - 12), weekday.end()):
        # "أمس الخميس": "أمس" decides; not an "أمس" of another clause ("اليوم الاثنين، ضمن
        # عملية أعلنت أنقرة إطلاقها يوم أمس")
        return published - timedelta(days=1), "day"
    if weekday:
        back = (published.weekday() - WEEKDAYS["ال" + weekday.group(1)]) % 7
        if back <= 1 and weekday.group(2):
            # "الأحد الماضي" said on a Sunday, or on a Monday (yesterday is "أمس الأحد"):
            # the Sunday a week before.
            back += 7
        return published - timedelta(days=back), "day"
    if _YESTERDAY.search(sentence):
        return published - timedelta(days=1), "day"
    ago = _DAYS_AGO.search(sentence)
    if ago:
        days = 2 if ago.group(1) == "يومين" else parse_number(ago.group(2) or "")
        if days:
            return published - timedelta(days=days), "day"
    if _TODAY.search(sentence):
        return published, "day"
    last_month = _LAST_MONTH.search(sentence)
    if last_month:
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=_part_of_month(sentence, last_month.start())), "month"
    this_month = _THIS_MONTH.search(sentence)
    if this_month:
        part = _PART_DAY.get(this_month.group().split()[0], 1)  # "اواخر الشهر الجاري"
        return published.replace(day=min(part, published.day)), "month"
    named = _NAMED_MONTH.search(sentence)
    if named:
        when = _latest(MONTHS[named.group(1)], _part_of_month(sentence, named.start(1)),
                       published, named.group(2))
        if when:
            return when, "month"
    return None, None


# The part of a month told: its middle or its end ("أواخر تموز الماضي"); a date of month
# precision falls on that part's day (the 1st, 15th or 25th)
_PART_OF_MONTH = re.compile(r"(?<![\w])(?P<part>منتصف|اواخر|نهايه)\s+(?:شهر\s+|الشهر\s+)?$")
_PART_DAY = {"منتصف": 15, "اواخر": 25, "نهايه": 25}


def _part_of_month(sentence: str, at: int) -> int:
    """The day of the month's part told just before position `at` (1 when none is)."""
    part = _PART_OF_MONTH.search(sentence, max(0, at - 16), at)
    return _PART_DAY[part.group("part")] if part else 1


def month_period(sentence: str, published: date | None) -> str | None:
    """'YYYY-MM' of the latest month named in the sentence on or before publication
    ("الشهر الماضي" included), or None."""
    if published is None:
        return None
    named = _NAMED_MONTH.search(sentence)
    if named:
        when = _latest(MONTHS[named.group(1)], 1, published, named.group(2))
        return f"{when.year:04d}-{when.month:02d}" if when else None
    if _LAST_MONTH.search(sentence):
        last = published.replace(day=1) - timedelta(days=1)
        return f"{last.year:04d}-{last.month:02d}"
    if re.search(r"الشهر\s+(?:الجاري|الحالي)|منذ\s+(?:مطلع|بدايه)\s+الشهر", sentence):
        return f"{published.year:04d}-{published.month:02d}"
    return None


def year_period(sentence: str, published: date | None) -> str | None:
    """'YYYY' of a tally over a year: "خلال عام 2023", "منذ مطلع العام", "العام الماضي"."""
    year = re.search(r"(?:عام|العام|سنه)\s+(\d{4})", sentence)
    if year:
        return year.group(1)
    if published is None:
        return None
    if re.search(r"العام\s+(?:الماضي|الفائت|المنصرم)", sentence):
        return str(published.year - 1)
    if re.search(r"العام\s+(?:الجاري|الحالي)|منذ\s+(?:مطلع|بدايه)\s+العام|خلال\s+العام", sentence):
        return str(published.year)
    return None
