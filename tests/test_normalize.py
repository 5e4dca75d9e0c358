"""Arabic normalization: folding, digits, and words broken on purpose joined again."""

import pytest

from pipeline.normalize import normalize, rejoin_broken_words

CASES = [
    # words broken to dodge filters (the seeds' own among them)
    ("دا.عــش", "داعش"),
    ("د|عـ.ـش", "داعش"),
    ("هجمـ.ـاته", "هجماته"),
    ("تأمـ.ـين", "تامين"),
    ("مقـ.ـتل", "مقتل"),
    ("خـ.ـلايا", "خلايا"),
    ("معـ.ـاقله", "معاقله"),
    ("يُصـ.ـعّد", "يصعد"),
    ("داعـ-ـش", "داعش"),
    ("داعـ_ـش", "داعش"),
    ("تنظيم \"دا.عــش\"", "تنظيم \"داعش\""),
    # folding
    ("أحمد", "احمد"),
    ("إدلب", "ادلب"),
    ("آذار", "اذار"),
    ("مستشفى", "مستشفي"),
    ("الرقة", "الرقه"),
    ("مُقْتَلُ", "مقتل"),
    ("عنصراً", "عنصرا"),
    ("الهجـــوم", "الهجوم"),
    # digits
    ("٣٧ عنصراً", "37 عنصرا"),
    ("۱۲", "12"),
    # things that must survive untouched
    ("دير الزور – تدمر", "دير الزور – تدمر"),
    ("حمص-دير الزور", "حمص-دير الزور"),
    ("25.5", "25.5"),
    ("2017", "2017"),
    ("آذار/مارس", "اذار/مارس"),
    ("الفرقة 25 مهام خاصة", "الفرقه 25 مهام خاصه"),
    ("بين 1500 و2000 دولار", "بين 1500 و2000 دولار"),
    ("الساعات الـ24 الفائتة", "الساعات ال24 الفائته"),
    ("انتهى الهجوم. وقال", "انتهي الهجوم. وقال"),
    ("SY24 -خاص", "SY24 -خاص"),
    ("  مسافات   كثيرة  ", "مسافات كثيره"),
    ("\u200fنص\u200e", "نص"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_rejoin_keeps_display_letters() -> None:
    # The display form only loses the breaks, not the letters' own shapes.
    assert rejoin_broken_words("دا.عــش") == "داعــش"
