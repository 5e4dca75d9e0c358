"""Event dates from Arabic phrasing, resolved against the article's publication date."""

from __future__ import annotations

import re
from datetime import date, timedelta

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
_WEEKDAY = re.compile(r"(?:يوم\s+)?(?:امس\s+)?(" + "|".join(WEEKDAYS) + r")(?![\w])")
_DAY_BEFORE_YESTERDAY = re.compile(r"اول\s+امس|اول\s+من\s+امس")
_YESTERDAY = re.compile(r"(?<![\w])امس(?![\w])")
_TODAY = re.compile(r"(?<![\w])(?:اليوم|صباح اليوم|فجر اليوم|مساء اليوم|ليل اليوم)(?![\w])")
_MONTH = re.compile(r"(?<![\w])(?:شهر\s+)?(" + "|".join(
    sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")(?![\w])")


def resolve_date(sentence: str, published: date | None) -> tuple[date | None, str | None]:
    """(date, precision) that a normalized sentence gives for its event, or (None, None)."""
    if published is None:
        return None, None
    if _DAY_BEFORE_YESTERDAY.search(sentence):
        return published - timedelta(days=2), "day"
    weekday = _WEEKDAY.search(sentence)
    if weekday:
        back = (published.weekday() - WEEKDAYS[weekday.group(1)]) % 7
        return published - timedelta(days=back), "day"
    if _YESTERDAY.search(sentence):
        return published - timedelta(days=1), "day"
    if _TODAY.search(sentence):
        return published, "day"
    return None, None


def month_period(sentence: str, published: date | None) -> str | None:
    """'YYYY-MM' of the latest month named in the sentence on or before publication."""
    match = _MONTH.search(sentence)
    if not match or published is None:
        return None
    month = MONTHS[match.group(1)]
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"
