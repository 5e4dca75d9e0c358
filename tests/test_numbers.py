"""Casualty figures under FORMAT.md's counting rules."""

import pytest

from pipeline.normalize import normalize
from pipeline.numbers import casualties, parse_number

SENTENCES = [
    ("مقتل 7 عناصر", (7, None)),
    ("مقتل ٧ عناصر", (7, None)),
    ("مقتل سبعة أفراد", (7, None)),
    ("مقتل أكثر من 30 عنصراً وجرح العشرات", (30, 12)),
    ("مقتل ما لا يقل عن 30 مدنياً", (30, None)),
    ("مقتل نحو 40 عنصراً إضافة لجرح أكثر من 10 عناصر", (40, 10)),
    ("مقتل بين 5 و7 عناصر", (5, None)),
    ("مقتل وجرح نحو 40 عنصراً", (None, None)),
    ("مقتل عنصرين وإصابة ثلاثة آخرين", (2, 3)),
    ("مقتل ثمانية عشر عنصراً", (18, None)),
    ("مقتل اربع واربعون مدنيا", (44, None)),
    ("قتل عدد من الأفراد وأصيب آخرون", (None, None)),
    ("لقي 13 عنصراً مصرعهم", (13, None)),
    ("37 عنصراً قُتلوا وجرح 15 آخرين", (37, 15)),
    ("سقوط 3 قتلى و5 جرحى", (3, 5)),
    ("ارتفعت الحصيلة إلى أحد عشر عنصراً", (None, None)),
    ("مقتل أحد عشر عنصراً", (11, None)),
    ("مقتل اثني عشر مدنياً وإصابة إحدى عشرة امرأة", (12, 11)),
    ("مقتل شاب وإصابة طفل", (1, 1)),
    ("اغتيال قيادي في الجيش الوطني", (1, None)),
    ("أطلقوا النار عليه فأردوه قتيلاً", (1, None)),
    ("مقتل مدنيين اثنين", (2, None)),
    ("مقتل مدنيين في القصف", (None, None)),
    ("مقتل مدنيان", (2, None)),
    ("ومقتل عنصرين وجرح شخصين", (2, 2)),
    ("سقط 40 بين قتيل وجريح", (None, None)),
    ("قتيلان وثلاثة جرحى", (2, 3)),
    ("لقي ثلاثة عناصر حتفهم", (3, None)),
    ("مقتل أحد عناصر قسد", (1, None)),
    ("مقتل ٢٣ عنصراً", (23, None)),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_casualties(sentence: str, expected: tuple) -> None:
    assert casualties(normalize(sentence)) == expected


@pytest.mark.parametrize(("words", "value"), [
    ("3", 3), ("ثلاثه", 3), ("عشرون", 20), ("ثلاثه عشر", 13), ("خمس وعشرين", 25),
    ("مئه", 100), ("كثير", None),
])
def test_parse_number(words: str, value) -> None:
    assert parse_number(words) == value
