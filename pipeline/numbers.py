"""Casualty figures from normalized Arabic: digits, number words, duals, vague words.

Counting follows shared/eval/FORMAT.md: a bound is taken as stated, a range gives its lower
figure, "dozens" is 12, "a few" and "others" are no number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.normalize import fold_letters
from pipeline.tries import trie_pattern

# Normalized spellings (teh marbuta folded to heh, alef forms to bare alef).
_UNITS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    # the first word of 11 and 12 ("احد عشر", "احدي عشره", "اثنا عشر", "اثني عشر")
    "احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتين": 200,
             "مائتان": 200, "الف": 1000, "الفا": 1000, "الفان": 2000, "الفين": 2000}
VAGUE_DOZENS = 12  # "عشرات": FORMAT.md's value for dozens

# Each list the longest word first, as a trie (pipeline/tries.py): tried at every position of
# every clause, a flat list of the forty-odd words is the most of a figure's search.
_UNIT_WORD = trie_pattern(_UNITS)
_TENS_WORD = trie_pattern(_TENS)
_HUNDRED_WORD = trie_pattern(w for w in _HUNDREDS if not w.startswith("الف"))
_THOUSAND_WORD = trie_pattern(w for w in _HUNDREDS if w.startswith("الف"))
# One number as written: digits, "ثلاثه عشر", "اربع واربعون", "عشرون", "سبعه".
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+|(?:(?:{_UNIT_WORD})\s+و\s?(?:{_TENS_WORD}))|(?:(?:{_UNIT_WORD})\s+(?:عشر|عشره))"
    # (a thousand starts its word: not the end of "التحالف"; a number word ends its word: not
    # "عشر" of "عشرات")
    rf"|(?:{_TENS_WORD})|(?<![\w])(?:{_THOUSAND_WORD})|(?:{_HUNDRED_WORD})|(?:{_UNIT_WORD})(?![\w]))"
)
_NUMBER_RE = re.compile(rf"^{NUMBER}$")


def parse_number(words: str) -> int | None:
    """The value of one number as matched by NUMBER, or None."""
    words = words.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", words):
        words = words.replace(",", "")  # "1,103": one figure
    if words.isdigit():
        return int(words)
    if not _NUMBER_RE.match(words):
        return None
    parts = re.split(r"\s+و\s?|\s+", words)
    if len(parts) == 2 and parts[1] in ("عشر", "عشره"):
        return _UNITS[parts[0]] + 10
    total = 0
    for part in parts:
        total += _UNITS.get(part) or _TENS.get(part) or _HUNDREDS.get(part) or 0
    return total or None


# A stated figure with its qualifier: "اكثر من 30", "نحو اربعين", "بين 5 و7".
QUALIFIER = fold_letters(r"(?:ما\s+لا\s+يقل\s+عن|ما\s+يزيد\s+عن|ما\s+يزيد\s+على|اكثر\s+من"
                         r"|نحو|حوالي|قرابه|زهاء|اقل\s+من)")
FIGURE = rf"(?:{QUALIFIER}\s+)?(?:بين\s+)?(?P<num>{NUMBER})"
# Duals of nouns whose plural has another form: "عنصرين" is two, while "مدنيين" may be many.
_DUAL_STEMS = ("عنصر", "شخص", "جندي", "طفل", "شاب", "ضابط", "رجل", "راعي", "شقيق", "مدني",
               "مقاتل", "عسكري", "امرات", "سيدت", "فتات", "طالب", "قيادي", "مجند", "صحفي",
               "مزارع", "عامل", "سائق", "اخو", "مسلح", "قتيل", "جريح", "مواطن", "عضو", "طفلت",
               "شقيقت", "ابن", "ابنت")
_PLURAL_TOO = ("مدني", "مقاتل", "عسكري", "قيادي", "مجند", "صحفي", "مزارع", "عامل", "سائق",
               "مسلح", "مواطن")  # their "-ين" form is also the plural: only "-ان" counts as two
_DUAL_NOUNS = fold_letters("(?:" + "|".join(
    [f"{s}ان" for s in _DUAL_STEMS] + [f"{s}ين" for s in _DUAL_STEMS if s not in _PLURAL_TOO]
    # "راعيا أغنام": a dual in construct, its "ن" dropped
    + [r"راعيا\s+(?:ال)?(?:اغنام|ماشيه|غنم)"]) + r")(?![\w])")
# "وطفلاهما", "وشقيقيه": a dual in construct with its owner
_DUAL_OWNED = fold_letters("(?:" + "|".join(_DUAL_STEMS) + r")(?:ا|ي)(?:هما|هم|ها|ه)(?![\w])")
# One person, no number: "مقتل شاب", "اصابه طفل", "اغتيال قيادي", "اصابه اخر".
_ONE_NOUNS = fold_letters(
    r"(?!الاحد(?![\w]))"  # Sunday, not "the one"
    r"(?:ال)?(?:شاب|رجل|امراه|امراة|سيده|طفل|طفله|فتاه|عنصر|جندي|مدني|شخص|مقاتل|ضابط|راعي|مزارع"
    r"|سائق|عامل|قيادي|مسؤول|مختار|مواطن|صياد|عسكري|متطوع|مجند|معلم|طبيب|تاجر|عضو|ناشط|متعاقد"
    r"|شرطي|حارس|قائد|طالب|مسن|عجوز|فلاح|اخر|احد|صحفي|موظف|امام|شيخ|ممرض|مهندس|محام|راع"
    r"|مرافق|ابن|نجل|زوج|زوجه|شقيق|شقيقه|والد|والده|ثالث|رابع|خامس|رضيع|جندي|مسعف"
    # ranks: "قُتل الملازم أول في جهاز الأمن العام"
    r"|ملازم|نقيب|رائد|مقدم|عقيد|عميد|لواء|رقيب|عريف|مساعد|وجيه|مدعو"
    r"|والدت|زوجت|شقيقت|ابنت|طفلت|جدت)"  # "ووالدته": ة written ت before the pronoun
    r"(?:ا)?(?:ه|ها|هما|هم)?(?![\w])")  # accusative "عنصرا", "his": "وطفلها", "مرافقه"

_KILLED_VERB = fold_letters(r"(?:مقتل|قتلت|قتلا|قتل|مصرع|استشهاد|استشهدت|استشهد|لقيت|لقي|لقوا"
                           r"|ارتقاء|ارتقي|ارتقت|ارتقوا|راح\s+ضحيته|راح\s+ضحيتها|راح\s+ضحيتهم"
                           r"|قضت|قضى|قضوا|سقوط|وفاه|توفيت|توفي|اغتيال|اغتالت|اغتالوا|اغتال|تصفيه"
                           r"|اعدام|اعدمت|اعدموا|اعدم)")
_WOUNDED_VERB = fold_letters(r"(?:جرحت|جرح|اصابه|اصيبت|اصيبا|اصيبوا|اصيب|اصابات|جراح)")
# A verb with a clitic and the article's "و"/"ب": "ومقتل", "بمقتل", "وأصيب".
_KILLED_VERB = rf"(?<![\w])[وبفل]?{_KILLED_VERB}"
_WOUNDED_VERB = rf"(?<![\w])[وبفل]?{_WOUNDED_VERB}"
# Words between an active verb and its object that are not another casualty verb ("قتل
# مسلحون مجهولون، ظهر اليوم، راعياً" but not "قتل عدد ... وأصيب طفل").
_NO_HARM_WORD = r"(?:(?![وف]?(?:اصيب|اصابه|جرح|اصابت)\S*\s)\S+\s+)"
# "فقدت قوات النظام عنصرين"; not the particle "فقد" before a verb ("أما في السويداء، فقد أصيب
# عنصران").
_LOST = (r"(?<![\w])[و]?(?:فقدت|فقد|خسرت|خسر)(?!\s+(?:اصيب|قتل|استشهد|لقي|تعرض|شهد|استهدف|اعلن"
         r"|افاد|قال|ذكر|سقط|وقع|نفذ|قام|اكد|اشار|تمكن|ارتفع|بلغ|وثق|نجا|كان|جرح)\S*)")
_FIGHTERS = (r"(?:عناصر|عناصرها|عناصره|مقاتلي|مقاتليها|مقاتليه|افراد|افرادها|جنود|جنودها"
             r"|عنصرا|مقاتلا|عسكريين|اعضائها|اعضائه|منتسبيها)(?![\w])")
_PEOPLE = (r"مدني\S*|شخص\S*|اشخاص|عنصر\S*|عناصر|مقاتل\S*|طفل\S*|اطفال|مواطن\S*|جندي\S*|جنود|شبان"
           r"|نساء|امراه|رجال|رجلا|ضابط\S*|ضباط")
_KILLED = [
    # "قتل في الاشتباكات ستة مقاتلين": where, between the verb and its figure; "قُتل أمس السبت
    # 16 من المرتزقة": when
    re.compile(rf"{_KILLED_VERB}\s+(?:(?:في|خلال)\s+ال\S+\s+|(?:امس|اليوم)\s+ال\S+\s+"
               rf"|\S+\s+)??{FIGURE}"),
    # "وقتلوا عائلة من سبعة أفراد"
    re.compile(rf"(?:{_KILLED_VERB}|(?<![\w])و?قتلوا)\s+(?:\S+\s+)?(?:عائله|اسره)\s+(?:مؤلفه\s+)?"
               rf"من\s+{FIGURE}"),
    re.compile(rf"{FIGURE}\s+(?:[^\s\d]+\s+){{0,3}}?(?:قتلي|قتيلا|قتيل|ضحايا|ضحيه|شهداء|شهيدا"
               rf"|شهيد)(?![\w])"),
    re.compile(rf"{FIGURE}\s+(?:[^\s\d]+\s+){{0,5}}?(?:قتلوا|استشهدوا|لقوا\s+مصرعهم|مصرعهم|حتفهم"
               rf"|لقوا\s+حتفهم|قضوا)"),
    # "أربعة من جامعي الكمأة من أبناء مدينة السخنة قد قتلوا": a partitive runs longer
    re.compile(rf"{FIGURE}\s+من\s+(?:[^\s\d،,]+\s+){{0,7}}?(?:قد\s+)?(?:قتلوا|قضوا|لقوا)"
               rf"(?![\w])"),
    # "فقدت قوات سوريا الديمقراطية ثلاثة من مقاتليها": a force lost its fighters
    re.compile(rf"{_LOST}\s+(?:[^\s\d]+\s+){{0,5}}?{FIGURE}\s+(?:من\s+)?{_FIGHTERS}"),
    re.compile(rf"(?<![\w])(?:اودي|اودت)\s+بحياه\s+{FIGURE}"),  # "أودى بحياة ستة أشخاص"
    # "فقد ثمانية مدنيين حياتهم", "ما أدى إلى فقدان ثلاثة مقاتلين من المجلس حياتهم"
    re.compile(rf"(?<![\w])[وب]?(?:فقد|فقدت|فقدان)\s+{FIGURE}\s+(?:[^\s\d،,.]+\s+){{0,8}}?"
               rf"(?:حياتهم|حياتهن|ارواحهم)(?![\w])"),
    re.compile(rf"(?<![\w])[وب]?ارواح\s+{FIGURE}"),  # "حصد طيران التحالف أرواح 12 مدنياً"
    # "قتلت القوات الحكومية 21 مدنياً": the killers named between the verb and the figure of
    # people (not "مقتل قيادي في الفرقة 17")
    # (not "قُتل منذ بدء المواجهات يوم الأحد 71 شخصاً": a total since a day)
    re.compile(rf"(?<![\w])[و]?(?:قتلت|قتل|قتلوا)\s+(?:(?![وف]?(?:اصيب|اصاب|جرح|جراح|مصاب)\S*\s"
               rf"|منذ\s|خلال\s)[^\s\d،,]+\s+){{0,7}}?{FIGURE}\s+(?:{_PEOPLE})"),
]
# "وأصيب أطفالهما الثلاثة": a family's members, their number after them
_KIN_COUNTED = (r"(?:اطفال|ابناء|ابنائ|اولاد|اشقاء|افراد)\S*\s+ال(?P<num>ثلاثه|اربعه|خمسه|سته"
                r"|سبعه|ثمانيه|تسعه|عشره)(?![\w])")
_KILLED.append(re.compile(rf"{_KILLED_VERB}\s+{_KIN_COUNTED}"))
_WOUNDED = [
    re.compile(rf"{_WOUNDED_VERB}\s+{_KIN_COUNTED}"),
    re.compile(rf"{_WOUNDED_VERB}\s+(?:\S+\s+){{0,1}}?{FIGURE}"),
    re.compile(rf"{FIGURE}\s+(?:[^\s\d]+\s+){{0,3}}?(?:جرحي|جريحا|جريح|مصابين|اصابات)"),
]
# (not "اغتال مسلحان ... عضواً": the two after the active verb did the killing)
_KILLED_DUAL = re.compile(rf"(?![وبفل]?اغتال(?:ت|وا)?\s){_KILLED_VERB}\s+{_NO_HARM_WORD}{{0,2}}?"
                          rf"(?:{_DUAL_NOUNS}|{_DUAL_OWNED})"
                          # "عنصران من قسد، قتلا باستهداف ...": the dual, then its verb
                          rf"|(?<![\w]){_DUAL_NOUNS}\s+(?:[^\s\d]+\s+){{0,4}}?(?:قتلا|قضيا|لقيا"
                          rf"|استشهدا|توفيا)(?![\w])"
                          rf"|{_LOST}\s+(?:[^\s\d]+\s+){{0,5}}?{_DUAL_NOUNS}"
                          rf"|(?<![\w])قتيل(?:ان|ين)(?![\w])"
                          # "ما أدى إلى مقتلهما": the two just named
                          rf"|(?<![\w])[وبل]?(?:مقتلهما|استشهادهما|اغتيالهما|وفاتهما)(?![\w])")
_WOUNDED_DUAL = re.compile(rf"{_WOUNDED_VERB}\s+(?:\S+\s+)?(?:{_DUAL_NOUNS}|{_DUAL_OWNED})"
                           rf"|(?<![\w])جريح(?:ان|ين)(?![\w])")
# One word may stand between the verb and the person ("قتل شاب", "أصيب طفل آخر"), but not
# "عدد" ("أصيب عدد آخر": a few more, no figure).
_NOT_MANY = r"(?:(?!عدد\s)\S+\s+)?"
_KILLED_ONE = re.compile(rf"{_KILLED_VERB}\s+{_NOT_MANY}{_ONE_NOUNS}"
                         rf"|(?:اردوه|ارداه|اردته)\s+قتيلا"
                         rf"|(?<![\w])(?:سقط|سقطت)\s+{_ONE_NOUNS}\s+(?:\S+\s+){{0,8}}?قتيل"
                         rf"|(?<![\w])(?:اغتال|اغتالت|اغتالوا|اغتيال|قتلت|قتلوا|قتل)\s+"
                         # (not "قتلت القوات 21 مدنياً": a noun counted by a figure)
                         rf"{_NO_HARM_WORD}{{0,12}}?(?<![\d٠-٩]\s){_ONE_NOUNS}"
                         rf"|(?<![\w])[وبل]?(?:مقتله|مقتلها|اغتياله|اغتيالها|وفاته|وفاتها)(?![\w])"
                         # "ما أدى إلى مقتله مع مرافقه": one more, joined by "مع"
                         rf"(?:\s+مع\s+(?P<with>{_ONE_NOUNS}))?"
                         rf"|فارق\S*\s+(?:{_ONE_NOUNS}\s+)?الحياه"  # "فارقت طفلة الحياة"
                         rf"|لقي\s+(?:\S+\s+){{0,2}}?(?:حتفه|مصرعه)"
                         # "عثر الأهالي على جثة الشاب ... وعليها آثار طلقات نارية"
                         rf"|(?<![\w])عثر\S*\s+(?:\S+\s+){{0,8}}?علي\s+جثه(?![\w])"
                         rf"|{_LOST}\s+(?:[^\s\d]+\s+){{0,6}}?(?:حياته|حياتها)(?![\w])"
                         rf"|{_LOST}\s+(?:[^\s\d]+\s+){{0,5}}?(?:احد|واحدا\s+من)\s+{_FIGHTERS}"
                         rf"|(?<![\w])(?:اودي|اودت)\s+(?:بحياته|بحياتها|بحياه\s+{_ONE_NOUNS})")
# "رجل قُتل برصاص مجهولين", "مقاتل من الهيئة قتل": a person named first, then the passive
# verb ("مواطنة وطفلاها استشهدوا": with the one or two joined to it). The match ends at the
# noun, so that what is joined to it counts; the words between are no figure and no "إن".
_BETWEEN_SUBJECT = r"(?:(?!(?:ان|انه|بان|\d+)\s)[^\s\d]+\s+)"
_PASSIVE_KILLED = fold_letters(
    r"(?:قتل|قتلت|قتلا|قتلوا|استشهد|استشهدت|استشهدا|استشهدوا|لقي|لقيت|لقيا|لقوا|توفي|توفيت"
    r"|قضي|قضت|قضيا|قضوا|فارق)")
# "رجل قتل", "قال المراسل إن شاباً قتل برصاص ...": a person named before the passive verb.
_SUBJECT_KILLED = re.compile(rf"(?:^|(?<=[-:،,]\s)|(?<=[-:])|(?<=\sان\s)|(?<=\sبان\s))\s*"
                             rf"و?(?P<noun>{_ONE_NOUNS})"
                             # ("- مواطن، قُتل برصاص مسلحين": a list's item)
                             rf"(?=[،,]?\s+{_BETWEEN_SUBJECT}{{0,6}}?[وف]?{_PASSIVE_KILLED}"
                             r"(?![\w]))")
_WOUNDED_ONE = re.compile(rf"{_WOUNDED_VERB}\s+{_NOT_MANY}{_ONE_NOUNS}"
                          rf"|(?<![\w])[وبل]?(?:اصابته|اصابتها)(?![\w])")
_KILLED_DOZENS = re.compile(rf"{_KILLED_VERB}\s+(?:فيها\s+|فيه\s+|خلالها\s+)?(?:ال)?عشرات"
                            rf"|(?:ال)?عشرات\s+(?:من\s+)?القتلي")
_WOUNDED_DOZENS = re.compile(rf"{_WOUNDED_VERB}\s+(?:ال)?عشرات|(?:ال)?عشرات\s+(?:من\s+)?الجرحي")
# "مقتل وجرح نحو 40": one figure for both, which FORMAT.md leaves uncounted.
_ANY_FIGURE = FIGURE.replace("?P<num>", "?:")
_MIXED = [re.compile(rf"(?:مقتل|قتل|استشهاد)\s+و\s?(?:جرح|اصابه)\s+(?:{FIGURE}|(?:ال)?عشرات)"),
          re.compile(rf"{_ANY_FIGURE}\s+(?:\S+\s+)?(?:بين\s+)?(?:قتيل\S*|قتلي)\s+و\s?(?:جريح"
                     rf"|جرحي)")]
# Where a figure may begin: a pattern that starts with one is tried only there (one scan of
# the clause for all of them, not one each: the figure's many words make each scan costly).
_FIGURE_AT = re.compile(rf"(?={_ANY_FIGURE})")


def _matches(pattern: re.Pattern, sentence: str, figures: list[int]) -> Iterator[re.Match]:
    """pattern.finditer(sentence), tried only where a figure begins when the pattern starts
    with one."""
    if not pattern.pattern.startswith((FIGURE, _ANY_FIGURE)):
        yield from pattern.finditer(sentence)
        return
    end = 0
    for start in figures:
        if start >= end and (match := pattern.match(sentence, start)):
            yield match
            end = match.end()


_ANY_HARM = re.compile(fold_letters(
    r"قتل|مقتل|مصرع|استشهاد|استشهد|لقي|لقوا|لقيت|قضى|قضت|قضوا|سقوط|سقط|وفاه|توفي|اغتيال|اغتال"
    r"|تصفيه|جرح|اصاب|اصيب|جراح|قتيل|جريح|ضحايا|ضحيه|حتف|اردو|ارداه|اردته|فارق|فقد|خسر|اودي"
    r"|اودت|ارتقاء|ارتقي|ارتقت|ارتقوا|ضحيت|شهيد|شهداء|جثه|ارواح|اعدام|اعدم"))
# A word between a count and the next one joined to it ("تسعة من عناصر الفصائل وخمسة من
# قسد"): no figure, no comma, no other casualty verb, not "بينهم" (what follows is a part).
_LINK_WORD = (r"(?:(?![وفب]?(?:اصيب|اصاب|جرح|جراح|مصاب|قتل|مقتل|بينهم|بينهن|منهم|منهن|بينها)\S*\s)"
              r"[^\s\d،,.:]+\s+)")
# "وخمسة من قسد", "وثلاثة عناصر", "وزوجته", "وطفلاهما": one more count joined to the first,
# unless it is of the other harm ("قتل 3 و5 جرحى", "وآخر بجروح"; "أصيب 4 وقتيلان").
def _joined_pattern(other_harm: str) -> re.Pattern:
    return re.compile(
        # not "واحدة", "مدني واحد،": "one", where folded it looks like "and one" ("وأحد
        # مرافقيه")
        rf"\s+{_LINK_WORD}{{0,5}}?و\s?(?:ال)?(?!{other_harm}|احده|احد(?:\s*[،,.:]|\s*$))"
        rf"(?:(?P<num>{NUMBER})(?![\w])|(?P<two>{_DUAL_NOUNS}|{_DUAL_OWNED})"
        # (a harm word qualifies the count, "و5 جرحى"; "وطفل وإصابة آخرين" is a new phrase)
        rf"|(?P<one>{_ONE_NOUNS}))(?!\s+(?:(?!و)\S+\s+){{0,2}}?(?:{other_harm}))")


_JOINED_KILLED = _joined_pattern(r"جريح|جرحي|مصاب|بجروح|اصيب|بجراح|اصابه")
_JOINED_WOUNDED = _joined_pattern(r"قتيل|قتلي|قتل|شهيد|شهداء|مقتل|لقي|استشهد|فارق|قضي")


def _joined(sentence: str, end: int, joined: re.Pattern) -> int:
    """The people counted after a figure ending at `end`, joined to it by "و"."""
    total = 0
    while match := joined.match(sentence, end):
        total += (parse_number(match.group("num")) or 0) if match.group("num") else (
            2 if match.group("two") else 1)
        end = match.end()
    return total


# "خمسة مدنيين من عائلة واحدة، بينهم ثلاثة أطفال، قتلوا": the figure after "بينهم" is a part
# of the one before it, which the verb counts.
_SUBSET = re.compile(r"(?:من\s+)?(?:بينهم|بينهن|منهم|منهن)\s+$")
_HEAD = re.compile(rf"(?<![\w])(?P<num>{NUMBER})\s+(?:[^\s\d]+\s+){{1,5}}?[،,]?\s*$")


def _whole(sentence: str, start: int, value: int | None) -> int | None:
    """The whole a subset figure ("بينهم ثلاثة أطفال") belongs to, where the clause gives it."""
    if not _SUBSET.search(sentence, max(0, start - 15), start):
        return value
    before = sentence[max(0, start - 90):start]
    cut = before.rfind("بين") if "بين" in before else before.rfind("من")
    head = _HEAD.search(before, 0, cut) if cut > 0 else None
    return parse_number(head.group("num")) if head else value


# "لمدة 30 يوما": a figure of time, not of people (not "أطفالهما الثلاثة يوم الثلاثاء").
_DURATION = re.compile(r"\s+(?:يوما|يوم(?!\s+(?:ال|امس))|ايام|ساعه|ساعات|اسبوعا|اسابيع|شهرا"
                       r"|اشهر|عاما|اعوام|سنه|سنوات|دقيقه|دقائق)(?![\w])")


# "بين 5 و7": a range, whose second figure is no more people
_RANGE_OPENS = re.compile(r"بين\s+$")


def _count(sentence: str, figures: list[int], patterns: list[re.Pattern], dual: re.Pattern,
           dozens: re.Pattern, one: re.Pattern, joined: re.Pattern,
           subject: re.Pattern | None = None) -> int | None:
    # The figure stated first wins (a later one is usually another event or a subgroup), with
    # the people joined to it by "و". Of each pattern only its first match that gives a figure
    # can win (its later ones start later): none is searched further.
    found = [first for p in patterns if (first := _first_figure(sentence, figures, p))]
    if subject is not None and (match := subject.search(sentence)):
        found.append((match.start("noun"), 1, match.end("noun")))
    if match := dual.search(sentence):
        found.append((match.start(), 2, match.end()))
    if _DOZENS in sentence and (match := dozens.search(sentence)):
        found.append((match.start(), VAGUE_DOZENS, None))
    if match := one.search(sentence):
        found.append((match.start(), 1, match.end()))
    if not found:
        return None
    _, value, end = min(found, key=lambda f: f[0])  # (of two at one place, the one found first)
    value += _joined(sentence, end, joined) if end is not None else 0
    # "اغتال مجهولون قيادياً ..., ما أدى إلى مقتله مع مرافقه": the one, and one more with him
    escort = value == 1 and " مع " in sentence and any(
        m.groupdict().get("with") for m in one.finditer(sentence))
    return value + 1 if escort else value


_DOZENS = "عشرات"  # in every match of _KILLED_DOZENS and _WOUNDED_DOZENS


def _first_figure(sentence: str, figures: list[int], pattern: re.Pattern
                  ) -> tuple[int, int, int | None] | None:
    """(start, people, end of the figure unless it opens a range) of a pattern's first match
    that gives a figure: not a duration, and a number."""
    for match in _matches(pattern, sentence, figures):
        if _DURATION.match(sentence, match.end("num")):
            continue
        value = _whole(sentence, match.start("num"), parse_number(match.group("num")))
        if value is not None:
            opens = _RANGE_OPENS.search(sentence, max(0, match.start("num") - 6),
                                        match.start("num"))
            return match.start(), value, None if opens else match.end("num")
    return None


# Every pattern of the wounded holds one of these (a verb of wounding, "جرحى", "جريحان",
# "مصابين"): most clauses that tell of the dead tell of no wounded, and need no search for them.
_ANY_WOUNDED = re.compile(r"جرح|جراح|جريح|اصاب|اصيب|مصاب")


def casualties(sentence: str) -> tuple[int | None, int | None]:
    """(killed, wounded) stated in one normalized sentence, None where it gives no figure."""
    if not _ANY_HARM.search(sentence):
        return None, None  # most sentences: no casualty word at all
    figures = [m.start() for m in _FIGURE_AT.finditer(sentence)]
    if any(next(_matches(p, sentence, figures), None) for p in _MIXED):
        return None, None
    killed = _count(sentence, figures, _KILLED, _KILLED_DUAL, _KILLED_DOZENS, _KILLED_ONE,
                    _JOINED_KILLED, _SUBJECT_KILLED)
    wounded = _count(sentence, figures, _WOUNDED, _WOUNDED_DUAL, _WOUNDED_DOZENS, _WOUNDED_ONE,
                     _JOINED_WOUNDED) if _ANY_WOUNDED.search(sentence) else None
    return killed, wounded
