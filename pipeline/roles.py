"""Who attacked whom: the perpetrator and the target among the actors a clause names.

Arabic news names the attacker as the owner of the attack noun ("هجوم لخلايا داعش"), the one
who carried it out ("نفذته مجموعات يعتقد أنها تنتمي إلى داعش"), the subject of an attack
verb ("استهدفت مسيرة تركية"), or a weapon's nationality ("غارات روسية"); the attacked as the
object ("استهدف حاجزاً لقوات النظام"), as the ones killed ("مقتل ثلاثة عناصر من قسد"), or
after "على"/"ضد". Each actor mention is scored from the words just before and after it.
"""

from __future__ import annotations

import re

from pipeline.actors import Actor, find_actors
from pipeline.clauses import FIRED_ON
from pipeline.normalize import fold_letters
from pipeline.numbers import NUMBER
from pipeline.places import FIRED_FROM

# Words just before an actor that make it the attacker.
_PERPETRATOR_BEFORE = re.compile(fold_letters(
    r"(?:نفذه|نفذته|نفذها|نفذوه|نفذتها|شنه|شنته|شنها|شنت|شن|تبنى|تبنت|تبناه|تبنته|من\s+قبل"
    r"|تنتمي\s+(?:الى|ل)|ينتمون\s+(?:الى|ل)|ينتمي\s+(?:الى|ل)|انها\s+من|انهم\s+من|انه\s+من"
    r"|يعتقد\s+انها|يعتقد\s+انهم|يرجح\s+انها|يرجح\s+انهم|يتهم|اتهمت|اتهم|متهمه|مسؤوليته"
    r"|يرجح\s+ان|يعتقد\s+ان|وقوف"
    # "نفذت قوات التحالف بمشاركة وحدات خاصة من قسد عملية إنزال": a partner in the attack
    r"|بمشاركه\s+(?:(?:وحدات|قوات|عناصر|مقاتلين)\s+(?:\S+\s+)?من\s+)?"
    r"|مسلحين\s+من|مسلحون\s+من|مسلحو(?=\s)|عناصر\s+من\s+خلايا"
    r"|انتحاري\S*\s+من"  # "انتحاري من التنظيم فجر عربة مفخخة": the bomber's own
    r"|وحدات\s+من|وحده\s+من"  # "واصلت وحدات من جيشنا الباسل عملياتها": the army's units
    r"|(?:برصاص|رصاص|بنيران|نيران|علي\s+يد)\s+(?:عناصر|مسلحين|مسلحي|افراد|مقاتلي|مقاتلين)\s+من"
    r"|علي\s+يد"
    r"|(?:نفذ|نفذت|نفذه|نفذته|نفذها|نفذتها|شن|شنت|شنه|شنته|شنتها|هاجم|هاجمت|فجر|اقدم|اقدمت"
    r"|نصبه|نصبته|نصبها|نصبتها|نصب|نصبت)\s+(?:عنصر|عناصر|انتحاري|مسلح\S*|مقاتل\S*|مجموعه"
    r"|مجموعات|خليه|خلايا)\s+(?:(?:مسلح|ارهابي)\S*\s+)?(?:من|في)"
    r"|هجوم\s+(?:ل|من)|هجوما\s+(?:ل|من)|كمين\s+(?:ل|من)|قصف\s+(?:\S+\s+)?(?:ل|من)"
    r"|محاوله\s+(?:تقدم|تسلل|اقتحام)\s+(?:ل|من)"  # "صد محاولة تقدم لقوات الأسد"
    r"|غارات\s+(?:\S+\s+)?(?:ل|من)|غاره\s+(?:\S+\s+)?(?:ل|من)|طائرات|طائره|مسيره|مسيرات"
    r"|الطيران|طيران|مدفعيه|استهداف\s+(?:\S+\s+)?من|برصاص|رصاص|بنيران|نيران|قناص|قناصه)"
    r"\s*(?:\S+\s+){0,2}?(?:ل|لل|ب)?$"))
# Attack nouns and verbs right after an actor: the actor is their subject or owner.
_ATTACK_AFTER = re.compile(fold_letters(
    r"^\s*(?:\S+\s+)?[بل]?(?:تستهدف|استهدفت|استهدف|يستهدف|تقصف|قصفت|قصف|يقصف|تهاجم|هاجمت|هاجم"
    r"|يهاجم|هاجموا|استهدفوا|قصفوا|شنوا|نفذوا|تشن|شنت|شن|يشن|نفذت|نفذ|ينفذ|تنفذ|نصبت|نصب|ينصب"
    r"|فجرت|فجروا|اغتالت|اغتال|اقتحموا|اقتحمت|اقتحم|تقتحم|يقتحم"
    r"|تغتال|اطلقت|اطلق|تطلق|يطلق|قتلت|قتل|تقتل|يقتل|تبنت|تبنى|اعلنت\s+مسؤوليتها"
    r"|اعلن\s+مسؤوليته|مسؤوليته|مسؤليته|المسؤوليه|زرعته|زرعها|زرعوها|زرعت|زرع|وضعته|وضعها"
    r"|فجرته|فجرها)(?![\w])"))
# Words just before an actor that make it the attacked.
_TARGET_BEFORE = re.compile(fold_letters(
    r"(?:من\s+(?:عناصر|افراد|مقاتلي|جنود|منتسبي|قوات|صفوف)|في\s+صفوف|صفوف|عنصرا|عنصر|عنصرين|عنصران|جنود|جنديا|جنديين|ضابط|ضباط|قيادي|قياديا"
    r"|حاجز|حاجزا|حواجز|نقطه|نقاط|موقع|مواقع|مقر|مقرات|رتل|رتلا|ارتال|دوريه|دوريات|سياره"
    r"|سيارات|اليه|اليات|اليتين|حافله|حافلات|ضد|على|استهدف|استهدفت|استهدفوا|استهداف|يستهدف"
    r"|تستهدف|هاجم|هاجمت|هاجموا|مهاجمه|اغتيال|اغتال|اغتالوا|تصفيه|قتل|مقتل|اصابه|جرح|مسلحين"
    r"|مقاتلي|مقاتلين|افراد|افرادا|منتسبي|مجموعه|مجموعه\s+من|قوه|قوات|معسكر|تجمع|تجمعات"
    r"|مخفر|ثكنه|قاعده|مطار|مستودع|مستودعات|شاحنه|صهريج|مركبه|عربه|عربات|كتيبه|لصالح"
    r"|قتلي|جرحي|عضو|عضوا|منتسب|منتسبا|يعمل|يعملان|يعملون|تجمعا|ارتالا|موقعا|مقرا"
    r"|انضم\S*\s+(?:\S+\s+){0,4}?الي)"
    r"\s+(?:\S+\s+){0,2}?(?:تابع\S*\s+)?(?:ل|لل)?$"
    r"|(?:^|\s)(?:من|و?بين)\s+(?:ميليشيا|مليشيا|قوات|فصيل|فصائل|مجموعه)?\s*(?:ل|لل)?$"))
# Right after an actor: it is the one attacked ("لواء القدس ... تعرضت لهجوم").
_TARGET_AFTER = re.compile(fold_letters(
    r"^\s*(?:\S+\s+){0,3}?(?:تعرضت|تعرض|تتعرض|يتعرض|تكبدت|تكبد|خسرت|فقدت|فقد)(?![\w])"))
# "طائرة مسيرة تابعة للتحالف", "مجموعة تابعة لداعش", "مسيرة، يرجح أنها تابعة للتحالف",
# "طائرة مسيرة قالت وزارة الدفاع إنها تابعة لقسد": the weapon's or the cell's owner attacks.
_OWNER_OF_ATTACKERS = re.compile(fold_letters(
    r"(?:طائره|طائرات|مسيره|مسيرات|مجموعه|مجموعات|خلايا|خليه|مسلحين|مسلحون|عناصر\s+مسلحه"
    r"|قناص|قناصه|سياره\s+مفخخه)\s+(?:(?!علي\s|ضد\s|في\s)\S+\s+){0,5}?(?:تابع\S*|التابع\S*|تتبع"
    r"|يتبع)"
    r"\s+(?:ل|لل)?$"))
_FORMER = re.compile(r"(?<![\w])(?:سابق|سابقا|السابق)\s+(?:في|ب|من)\s+(?:\S+\s+)?(?:ل|لل)?$")
# "بحسب وسائل إعلام النظام": who tells of the attack, not who took part.
_SOURCE_BEFORE = re.compile(fold_letters(
    r"(?<![\w])(?:اعلام|وكاله|معرفات|صفحات|حسابات|باسم)\s+(?:(?:موالي\S*|مقرب\S*|معارض\S*"
    r"|تابع\S*|محسوب\S*)\s+(?:من\s+)?)?(?:ل|لل)?$"))
# "نقلوا إلى المشفى الوطني": where the wounded were taken, not what was attacked.
_TAKEN_TO = re.compile(r"(?:نقل\S*|اسعف\S*|اسعاف\S*)\s+(?:\S+\s+){0,4}?(?:الي\s+|ل)(?:ال)?$")
_CONTROL_BEFORE = re.compile(r"(?<![\w])(?:سيطره|نفوذ|تحت\s+سيطره)\s+(?:ل|لل)?$")
# "على حي الحمدانية الخاضع لسيطرة قوات النظام": who holds the place struck is no party to the
# attack, unless the fire came from there ("قذائف مصدرها معسكر المسطومة الخاضع لسيطرة قوات
# الأسد").
_HELD_BY = re.compile(r"(?<![\w])الخاضع\S*\s+لسيطره\s+$")
# What is struck, not who: people, vehicles, buildings, places ("سيارتهما": ة written ت
# before a pronoun).
_STRUCK = (r"(?:مزارع\S*|مدني\S*|دراج\S*|سياره\S*|سيارت\S*|منزل\S*|منازل|شاب\S*|طفل\S*"
           r"|مواطن\S*|رجل\S*|امراه\S*|حافله\S*|حافلت\S*|راعي\S*|عائله\S*|سوق\S*|جرار\S*"
           r"|نقطه|نقاط|موقع|موقعا|مواقع|حاجز|حاجزا|بلده|قريه|مدينه|حي|احياء|تجمع|تجمعا|مقر"
           r"|مقرا)")
# After "استهداف X": an object (not an actor) and then the weapon: X did the targeting.
_OBJECT_THEN_WEAPON = re.compile(fold_letters(
    r"^\s*(?:(?:امس|اليوم|صباح|مساء|فجر|ظهر|ليل|يوم)\s+)*(?:ال\S+\s+)?"
    rf"{_STRUCK}\s+(?:\S+\s+){{0,3}}?"
    r"ب(?:طائره|مسيره|قذيفه|قذائف|صاروخ|صواريخ|الرصاص|رصاص)"))
# "استهداف قسد بطائرات مسيرة نقطة عسكرية", "استهداف قوات النظام بطائرة مسيرة انتحارية من نوع
# FPV جراراً": a fired weapon, then what it struck.
_WEAPON_THEN_OBJECT = re.compile(fold_letters(
    r"^\s*ب(?:طائرات|طائره|مسيرات|مسيره|قذائف|صواريخ|المدفعيه|راجمات)\s+(?:\S+\s+){0,5}?"
    rf"{_STRUCK}(?![\w])"))
# "صد مقاتلو X هجوماً", "أحبطت قوات X محاولة تسلل": X defended.
_DEFENDER_BEFORE = re.compile(fold_letters(
    r"(?<![\w])[وف]?(?:صد|صدت|صدوا|تصدى|تصدت|تصدوا|احبط|احبطت|احبطوا|افشل|افشلت)\s+"
    r"(?:(?:مقاتلو|مقاتلي|عناصر|قوات|مسلحو)\s+)?$"))
# "قصف مدفعي مصدره مواقع قوات النظام", "القذائف أطلقت من مواقع قسد": where the fire came from
# is who fired.
_FIRED_FROM = re.compile(rf"(?<![\w])(?:{FIRED_FROM})$")
# An attack noun and its adjectives just before a bare nationality ("غارات جوية إسرائيلية").
_WEAPON_BEFORE = re.compile(fold_letters(
    r"(?<![\w])[وبل]?(?:غارات|غاره|ضربات|ضربه|قصف|قصفا|طائره|طائرات|مسيره|مسيرات|صواريخ|صاروخ"
    r"|قذائف|قذيفه|مدفعيه|طيران|عدوان|هجوم|هجوما|هجمات)\s+(?:(?:جوي\S*|مدفعي\S*|صاروخي\S*"
    r"|حربي\S*|مسير\S*|انتحاري\S*|مكثف\S*|عنيف\S*)\s+){0,2}$"))
# "التابعة لروسيا", "المدعومة من تركيا": whose side a group is on, not who took part.
_PATRON_BEFORE = re.compile(fold_letters(
    r"(?:التابع\S*|الموالي\S*|المدعوم\S*|المقرب\S*|مقرب\S*)\s+(?:من\s+)?(?:ل|لل)?$"))
_OF_A_PLACE = re.compile(r"\s+ل(?!ل)\S")
# Quotes and brackets: 'تنظيم "داعش"' and "قوى الأمن الداخلي (الأسايش)" are one name each.
QUOTES = re.compile(r"[\"“”«»„'()]")
# Words that name a kind of group, not one: "ميليشيا قسد" is the SDF.
_GENERIC = {fold_letters(w) for w in ("ميليشيا", "الميليشيا", "ميليشيات", "الميليشيات", "مليشيا",
                                      "المليشيا", "الفصائل", "الهيئة", "التنظيم")}
_AIR_OR_ARTILLERY = {"airstrike", "drone_strike", "shelling"}


# The word just before an actor. An active attack verb right before it makes it the subject
# (Arabic puts the verb first: "قصفت قوات النظام ..."); an attack noun makes it the owner
# ("قصف قوات النظام", "غارات التحالف"); a targeting noun makes it the object ("استهداف قوات
# النظام", "صفوف قسد", "تصدى مقاتلو ...").
_SUBJECT_VERBS = {fold_letters(w) for w in (
    "استهدفت", "استهدف", "قصفت", "قصف", "شنت", "شن", "هاجمت", "هاجم", "نفذت", "نفذ", "فجرت",
    "اغتالت", "اغتال", "نصبت", "نصب", "أطلقت", "أطلق", "ارتكبت", "ارتكب", "قتلت", "أعدمت",
    "اقتحمت", "اقتحم", "اقتحموا", "تقتحم", "يقتحم",
    "تستهدف", "يستهدف", "تقصف", "يقصف", "تشن", "يشن", "تهاجم", "يهاجم", "استهدفته", "قتل",
    "أصاب", "استهدفوا", "هاجموا", "قصفوا", "ردت", "رد", "ردوا",
    "استهدفتها", "استهدفتهم", "تبنت", "تبنى", "شنه", "شنته", "نفذه",
    "نفذته", "نفذها", "أعدته", "أعده", "نصبه", "نصبته", "شنها", "شنوا", "نفذوا", "نفذوها",
    "أطلقتها", "أطلقها", "أطلقوها", "أطلقته", "أطلقه", "ألقت", "ألقى", "ألقوا",
    "توغلت", "توغل", "توغلوا", "اشتبكت", "اشتبك", "اشتبكوا")}
_OWNER_NOUNS = {fold_letters(w) for w in (
    "غارات", "غارة", "هجوم", "هجوما", "هجمات", "كمين", "ضربات", "ضربة", "طائرات", "طائرة", "مسيرة",
    "مسيرات", "طيران", "مدفعية", "قذائف", "صواريخ", "قناص", "قناصة", "رصاص", "نيران",
    "مسلحو", "مسلحي", "خلايا", "مقاتلو", "مروحيات", "مروحية", "مقاتلات", "راجمات", "اعتداء")}
_OBJECT_WORDS = {fold_letters(w) for w in (
    "استهداف", "مهاجمة", "اغتيال", "صفوف", "تصدى", "تصدت", "صد", "ضد", "على", "حاجز",
    "حواجز", "نقطة", "نقاط", "مواقع", "موقع", "رتل", "دورية", "مقر", "مقرات", "جنود", "قاعدة",
    "حاجزا", "موقعا", "رتلا", "مقرا", "نقاطا",
    "سيارة", "سيارات", "آلية", "آليات", "حافلة", "حافلات", "شاحنة",
    "عربة", "مخفر", "منزل", "مبنى", "مستودع", "مستودعات", "قافلة", "تجمع", "معسكر")}
_CLITICS = {"ل", "لل", "ب", "و", "ف", "ال", "وال", "بال", "ول", "وب"}


# Words for a force that stand between a verb and the force's name ("قصفت قوات الاحتلال
# التركي", "شنته فصائل ما يسمى الجيش الوطني", "هاجمت مجموعات مسلحة تنشط تحت مسمى قوات
# العشائر"): the verb is the one that tells the role.
_FORCE_WORDS = {fold_letters(w) for w in (
    "قوات", "قوة", "ميليشيات", "ميليشيا", "مليشيات", "مليشيا", "فصائل", "فصيل", "مرتزقة", "ما",
    "يسمى", "تسمى", "يعرف", "تعرف", "بـ", "ب", "مجموعات", "مجموعة", "مسلحة", "تنشط", "تعمل",
    "تحت", "مسمى", "اسم")}


_ADJECTIVES = {fold_letters(w) for w in (
    "واسعا", "واسع", "عنيفا", "عنيف", "جديدا", "جديد", "مماثلا", "مكثفا", "مكثف", "مباغتا",
    "مفاجئا", "مسلحا", "منسقا", "متزامنا")}


# A weapon between an attack verb and its owner's nationality ("قصفت المدفعية التركية", "شنت
# الطائرات الحربية الروسية"): the verb tells the role.
_WEAPON_WORDS = {fold_letters(w) for w in (
    "المدفعية", "مدفعية", "الطائرات", "طائرات", "الطائرة", "طائرة", "المسيرات", "مسيرات",
    "المسيرة", "مسيرة", "المروحيات", "مروحيات", "الطيران", "طيران", "المقاتلات", "مقاتلات",
    "الراجمات", "راجمات", "الحربية", "الحربي", "المروحي", "المسير")}


def _word_before(sentence: str, position: int) -> str:
    words = sentence[max(0, position - 45):position].split()
    if words and sentence[position - 1:position] != " " and words[-1] in _CLITICS:
        words.pop()  # "سيارة لقوات": the word before "ل"
    while len(words) > 1:
        if words[-1] in _FORCE_WORDS and words[-2] not in _CLITICS:
            words.pop()
        elif len(words) > 2 and words[-1] == "من" and words[-2] in _FORCE_WORDS:
            del words[-2:]  # "اقتحمت مجموعات من عناصر التنظيم": the verb tells
        elif words[-1] in _ADJECTIVES:
            words.pop()  # "هجوماً واسعاً لمرتزقة الاحتلال": the noun, not its adjective
        elif words[-1] in _WEAPON_WORDS and (
                words[-2] in _SUBJECT_VERBS or words[-2] in _WEAPON_WORDS):
            words.pop()
        else:
            break
    word = words[-1] if words else ""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _no_party(before: str) -> bool:
    """"عنصر سابق في فصائل المعارضة", "في مناطق سيطرة قسد", "وسائل إعلام النظام", "نقل إلى
    المشفى": who he once was, who holds the ground, who tells of it, where the wounded went:
    neither attacked nor was attacked."""
    # "قصف مصدره مناطق سيطرة قوات النظام": fire from X's ground is X's.
    return bool(_FORMER.search(before) or _SOURCE_BEFORE.search(before) or _TAKEN_TO.search(before)
                or ((_CONTROL_BEFORE.search(before) or _HELD_BY.search(before))
                    and not _FIRED_FROM.search(before)))


# "قتل عناصر من خلايا التنظيم أحد عشر شخصاً": after the killers, a count of people in the
# accusative ("شخصاً", "مدنياً"): the verb is active, its subject the attacker
_KILLED_WHOM = re.compile(rf"\s*(?:[^\s\d،,.]+\s+){{0,5}}?(?:{NUMBER})\s+[^\s\d]+ا(?![\w])")
_KILL_VERB_BEFORE = re.compile(r"(?<![\w])[و]?(?:قتل|قتلت)\s+(?:(?:عناصر|مسلحون|مسلحين|مقاتلون"
                               r"|مقاتلين)\s+(?:من\s+)?)?(?:خلايا\s+|ميليشيا\s+)?$")


def _killers_before(sentence: str, position: int) -> bool:
    """Whether the killing verb stands just before an actor ("قتل عناصر من خلايا X")."""
    return bool(_KILL_VERB_BEFORE.search(sentence, max(0, position - 40), position))


# A plural verb of attack right after a group's name: its men are the verb's subject (only
# verbs no passive reading shares: not "قتلوا", "استهدفوا")
_THEY_DID = re.compile(r"\s*(?:اقتحموا|هاجموا|شنوا|نفذوا|اغتالوا|نصبوا)(?![\w])")
_THE_ATTACKING = re.compile(r"\s*(?:المهاجمه|المهاجمين|المهاجمون|المهاجم)(?![\w])")


def _score(sentence: str, position: int, actor: Actor, attack_at: int | None) -> int:
    """Positive: the attacker; negative: the attacked; 0: no sign."""
    if actor.victims:
        return -3
    if actor.weapon:
        return 2
    before = sentence[max(0, position - 45):position]
    after = sentence[position + len(actor.alias):position + len(actor.alias) + 60]
    if _OWNER_OF_ATTACKERS.search(before) or _FIRED_FROM.search(before):
        return 2
    if any(m.start() < position < m.start("fire") for m in FIRED_ON.finditer(sentence)):
        return 3  # "أطلقت قوة من جيش الاحتلال النار على رعاة": who fired
    if _OWN_MEN_DID.match(after):
        return 3  # "قالت مصادر في هيئة تحرير الشام إن مقاتليها نفذوا عملية": theirs
    if _OWN_MEN_DEFENDED.match(after):
        return -3  # "أعلن المركز الإعلامي لقسد أن مقاتليه صدّوا هجمات": they were attacked
    if _THE_ATTACKING.match(after):
        return 2  # "مقتل 11 من عناصر الفصائل المهاجمة": the attackers' dead
    if _killers_before(sentence, position) and _KILLED_WHOM.match(after):
        return 3  # "قتل عناصر من خلايا التنظيم أحد عشر شخصاً": the killers, then whom
    if _THEY_DID.match(after):
        return 3  # "عناصر من ميليشيا الشبيحة اقتحموا القرية وقتلوا": the men named did it
    if _CLAIMER_BEFORE.search(before) and _CLAIMED.match(
            sentence, position + len(actor.alias), position + len(actor.alias) + 120):
        return 3  # "أعلنت هيئة تحرير الشام تنفيذ عملية": who claims it
    word = _word_before(sentence, position)
    if word in ("استهداف", "قصف") and (
            _OBJECT_THEN_WEAPON.match(after) or _WEAPON_THEN_OBJECT.match(after)):
        return 3  # "استهداف قوات الأسد دراجتهم بطائرة مسيرة": the targeting was theirs
    if _DEFENDER_BEFORE.search(before):
        return -2  # "صد مقاتلو مجلس منبج العسكري محاولة تسلل": they were attacked
    if not actor.alias.startswith("ال") and _WEAPON_BEFORE.search(before):
        return 3  # "غارات جوية إسرائيلية", "قصف مدفعي تركي": the weapon's nationality
    if _PATRON_BEFORE.search(before):
        return -1  # "لواء القدس التابعة لروسيا": the patron, a target only if none else
    if word in _SUBJECT_VERBS:
        return 3
    if word in _OWNER_NOUNS:
        return 2
    if word in _OBJECT_WORDS:
        return -2
    score = 0
    if _PERPETRATOR_BEFORE.search(before):
        score += 2
    elif _TARGET_BEFORE.search(before):
        score -= 2
    if _ATTACK_AFTER.match(after):
        score += 2
    elif _TARGET_AFTER.match(after):
        score -= 3
    if score == 0 and attack_at is not None and position < attack_at and actor.perpetrator in (
            "isis", "turkey", "russia", "coalition", "israel"):
        score += 1  # named before the attack word, by an actor that mostly attacks here
    return score


# A clash is fought "بين X و Y" or "مع Y": the side named first attacks; the one the dead
# belong to ("قتل عناصر من X في اشتباكات مع Y") is attacked.
_BETWEEN = re.compile(r"(?:اشتباك\S*|معارك|مواجهات|اقتتال)\s+(?:\S+\s+){0,14}?بين\s")
_WITH = re.compile(r"(?:اشتباك\S*|اشتبك\S*|معارك|مواجهات|اقتتال|معركه)\s+(?:\S+\s+){0,2}?مع\s")
# Between a side and its clash, what says the side is the one that lost men.
_WITH_THE_DEAD = re.compile(r"(?<![\w])(?:قتل\S*|مقتل|اصيب|اصابه|جرح|خسر\S*|فقد\S*|تكبد\S*)"
                            r"(?![\w])")


# Where the sides named after "بين" end: what the clash led to, or who stepped in after.
_SIDES_END = re.compile(r"(?<![\w])(?:قبل\s+ان|بعد\s+ان|حتي|اسفرت|اسفر|ما\s+ادي|ادت|علي\s+خلفيه"
                        r"|انتهت|تدخل\S*)(?![\w])")
_TRIED = re.compile(r"\s+(?:التي|الذي|الذين)\s+(?:حاول|حاولت|حاولوا|تحاول|يحاول)\s+(?:ال)?"
                    r"(?:تقدم|اقتحام|تسلل|تمدد|دخول)")
# "بين X، وفي مقدمتها Y، من جهة، وZ من جهة أخرى": the second side comes after "من جهة".
_ONE_SIDE = re.compile(r"من\s+جهه(?!\s+اخري)(?=\s*[،,]|\s+و)")  # (not "من جهة ساحة العباسيين")


def _clash_sides(sentence: str, actors: list) -> tuple[str, str | None] | None:
    between = _BETWEEN.search(sentence)
    if between:
        end = _SIDES_END.search(sentence, between.end())
        end_at = end.start() if end else len(sentence)
        after = [a for p, a in actors if between.end() <= p < end_at and not a.victims]
        one_side = _ONE_SIDE.search(sentence, between.end(), end_at)
        if one_side and after:
            second = next((a for p, a in actors if one_side.end() <= p < end_at
                           and not a.victims and a.perpetrator != after[0].perpetrator), None)
            after = [after[0], second] if second else after[:1]
        second = next((a for a in after[1:] if a.perpetrator != after[0].perpetrator), None)
        if second is not None:
            second_at = next(p for p, a in actors if a is second)
            if any(a.perpetrator == second.perpetrator and p > between.end()
                   and _word_before(sentence, p) in _SUBJECT_VERBS for p, a in actors) or (
                    _TRIED.match(sentence, second_at + len(second.alias))):
                # "اشتباكات بين قوات النظام وعناصر التنظيم ... إثر هجوم شنه التنظيم", "بين
                # مقاتلي الحر وقوات النظام التي حاولت التقدم": the side that launched the attack
                # (or tried to push in) attacked
                return second.perpetrator, after[0].target
            return after[0].perpetrator, second.target
        if after and after[0].perpetrator == "other" and all(
                a.perpetrator == "other" for a in after):
            # "اشتباكات بين أبناء عشيرتين", "بين مجموعات محلية ومسلحين من عشائر البدو"
            return "other", "other"
    with_ = _WITH.search(sentence)
    if with_:
        other = next((a for p, a in actors if p >= with_.end() and not a.victims), None)
        own_at, own = next(((p, a) for p, a in actors if p < with_.start() and not a.victims
                            and other is not None and a.perpetrator != other.perpetrator),
                           (0, None))
        if other is not None and own is not None and not _WITH_THE_DEAD.search(
                sentence, max(0, own_at - 40), with_.start()):
            # "سيطرت فصائل المعارضة على المعبر بعد اشتباكات مع قوات النظام": the side that
            # fought its way in attacked (not "قتل عنصران من قسد في اشتباكات مع التنظيم")
            return own.perpetrator, other.target
        if other is not None:
            return other.perpetrator, own.target if own else None
    return None


# "وكان المسالمة قد انضم ... إلى مجموعة تتبع للأمن العسكري", "وكان القتيل يعمل في صفوف
# الدفاع الوطني": a later sentence tells whose man the victim was.
_JOINED = re.compile(fold_letters(
    r"(?<![\w])(?:و?كان|وهو|و?القتيل|و?المغدور|و?الضحيه|و?الشاب|و?الرجل)\s+(?:\S+\s+){0,4}?"
    r"(?:قد\s+)?و?(?:انضم|ينتمي|يعمل|يقاتل|يخدم|عنصرا|قياديا|منتسبا)\S*\s"))


_BELONGS = re.compile(r"(?<![\w])(?:تتبع|يتبع|التابع\S*|تابع\S*)(?![\w])")


def affiliation(sentence: str) -> str | None:
    """The target id of the group a later sentence says the victim belonged to, or None."""
    joined = _JOINED.search(sentence)
    if joined is None:
        return None
    rest = QUOTES.sub(" ", sentence[joined.start():])
    found = [(p, a) for p, a in find_actors(rest) if p < 120 and not a.victims]
    if not found:
        return None
    (position, actor), *others = found
    # "مجموعة محلية تتبع لفرع الأمن العسكري": the group's owner is whose man he was
    if others and _BELONGS.search(rest, position + len(actor.alias), others[0][0]):
        return others[0][1].target
    return actor.target


# "اتهمت وزارة الدفاع في الحكومة المؤقتة وحدات حماية الشعب بالوقوف وراء التفجير", "حمّلت X Y
# المسؤولية": the subject accuses; the next group named is the accused, who is the suspect.
_ACCUSE = re.compile(r"(?<![\w])[وف]?(?:اتهمت|اتهم|تتهم|يتهم|حملت|حمل|تحمل|يحمل|محملا|محمله)"
                     r"\s+")


_SOURCE_IN = re.compile(r"(?:مصدر|مصادر|مسؤول|مسؤولون|قيادي|قياديون|متحدث|المتحدث)\s+"
                        r"(?:\S+\s+)?(?:في|من|باسم)\s+$")


def _accused(sentence: str, scored: list[tuple]) -> list[tuple]:
    """The scores with an accuser set aside (no party) and the group it accuses made the
    attacker."""
    accusers = {m.end() for m in _ACCUSE.finditer(sentence)}
    if not accusers:
        return scored
    result, accusing = [], None
    for score, position, actor in scored:
        # the accuser: named just after the verb, or as a source in it ("اتهم مصدر في الأمن
        # العام"); not the accused after a verb whose subject is unnamed ("اتهمت خلايا")
        verb = next((end for end in accusers if end == position
                     or _SOURCE_IN.match(sentence, end, position)), None)
        if verb is not None:
            accusers.discard(verb)
            accusing = actor
            continue
        # not the accuser's patron ("الشرطة العسكرية التابعة للجيش الوطني")
        if accusing is not None and actor.perpetrator != accusing.perpetrator \
                and not actor.victims \
                and not _PATRON_BEFORE.search(sentence[max(0, position - 30):position]):
            score, accusing = 3, None
        result.append((score, position, actor))
    return result


# "أعلنت هيئة تحرير الشام عبر معرفاتها تنفيذ عملية", "أعلنت X مقتل ثمانية ... بعملية نفذها
# مقاتلوها": a claim.
_CLAIMER_BEFORE = re.compile(r"(?<![\w])[و]?(?:اعلنت|اعلن|تبنت|تبني)\s+$")
_CLAIMED = re.compile(r"\s*[،,]?\s*(?:\S+\s+){0,4}?(?:عن\s+)?(?:تنفيذ\S*|مسؤوليت\S*|مسؤوليه)"
                      r"(?![\w])|[^.]*?(?:نفذها|نفذه|شنها|شنه)\s+(?:مقاتلو|عناصر)(?:ها|ه)(?![\w])")
# "X ... إن مقاتليها نفذوا": the speaker's own men did it.
_OWN_MEN = r"\s*(?:\S+\s+){0,6}?(?:ان|بان)\s+(?:مقاتلي|عناصر|قوات)(?:ه|ها|هم)\s+"
_OWN_MEN_DID = re.compile(_OWN_MEN + r"(?:نفذوا|شنوا|هاجموا|استهدفوا|قتلوا|اغتالوا|فجروا|دمروا"
                          r"|نصبوا)(?![\w])")
# "X ... إن مقاتليه صدّوا": the speaker's own men were attacked.
_OWN_MEN_DEFENDED = re.compile(_OWN_MEN + r"(?:صدوا|تصدوا|احبطوا|افشلوا)(?![\w])")
# "قالت وزارة الدفاع إنها تابعة لقسد": who says who did it.
_SPEAKER_BEFORE = re.compile(r"(?<![\w])[و]?(?:قالت|قال|ذكرت|ذكر|اكدت|اكد|افادت|افاد|زعمت|زعم"
                             r"|اشارت)\s+$")
_THAT_AFTER = re.compile(r"\s*(?:\S+\s+){0,3}?(?:ان|انه|انها|بان|بانها)(?![\w])")


def _speakers(sentence: str, scored: list[tuple]) -> list[tuple]:
    """The scores with a speaker set aside when it names another as the attacker (not a speaker
    whose own men did it or fought it off)."""
    def speaks(position: int, actor: Actor) -> bool:
        end = position + len(actor.alias)
        return bool(_SPEAKER_BEFORE.search(sentence, max(0, position - 12), position)
                    and _THAT_AFTER.match(sentence, end)
                    and not _OWN_MEN_DID.match(sentence, end)
                    and not _OWN_MEN_DEFENDED.match(sentence, end))

    named = [position for score, position, _ in scored if score >= 2]
    return [(0 if speaks(position, actor) and any(p > position for p in named) else score,
             position, actor) for score, position, actor in scored]


def roles(sentence: str, kind: str, attack_at: int | None = None,
          strict: bool = False) -> tuple[str, str | None]:
    """(perpetrator id, target id or None) of the attack a normalized clause tells of.
    `strict`: only actors the clause clearly names as attacker or attacked, no defaults
    (for a later clause about an attack already told)."""
    sentence = QUOTES.sub("", sentence)
    found = find_actors(sentence)
    actors = [(p, a) for i, (p, a) in enumerate(found)
              if not (a.alias in _GENERIC and i + 1 < len(found)
                      and found[i + 1][0] - (p + len(a.alias)) <= 3)
              and not _no_party(sentence[max(0, p - 45):p])
              # "الجبهة الجنوبية لداريا": a town's front, not the faction of that name
              and not (a.alias.startswith("الجبهه ") and _OF_A_PLACE.match(
                  sentence, p + len(a.alias)))
              # not a short name repeated in brackets ("قوات سوريا الديمقراطية (قسد)")
              and not (i and found[i - 1][1].perpetrator == a.perpetrator
                       and len(a.alias) < len(found[i - 1][1].alias)
                       and p - found[i - 1][0] - len(found[i - 1][1].alias) <= 3)]
    # "القيادي السابق في فصائل المعارضة": a former member, whom no side claims now
    former = None if strict else next(
        ("other" for p, _ in found if _FORMER.search(sentence[max(0, p - 45):p])), None)
    if not actors:
        return "unknown", former
    if kind == "clash":
        sides = _clash_sides(sentence, actors)
        if sides is not None:
            return sides
    scored = [(_score(sentence, position, actor, attack_at), position, actor)
              for position, actor in actors]
    scored = _speakers(sentence, _accused(sentence, scored))
    attackers = sorted((s for s in scored if s[0] >= 2 or (s[0] > 0 and not strict)),
                       key=lambda s: (-s[0], s[1]))
    perpetrator = attackers[0][2].perpetrator if attackers else None
    if perpetrator is None and not strict:
        # No sign: ISIS named in an attack report is its author far more often than not,
        # and an air or artillery attack is the work of the state or army named.
        # (not a side named as attacked: "القتلى في صفوف الجيش التركي ... وزارة الدفاع
        # التركية")
        attacked = {a.perpetrator for s, _, a in scored if s <= -2}
        unsigned = [a for s, _, a in scored
                    if s == 0 and not a.victims and a.perpetrator not in attacked]
        isis = [a for a in unsigned if a.perpetrator == "isis"]
        air = [a for a in unsigned if a.perpetrator in (
            "russia", "government", "turkey", "coalition", "israel")]
        if isis:
            perpetrator = "isis"
        elif kind in _AIR_OR_ARTILLERY and air:
            perpetrator = air[0].perpetrator
    if perpetrator is None and kind == "clash":
        # "قتل تسعة من عناصر الفصائل وخمسة من قسد في اشتباكات": the dead of two sides; one
        # side fought the other
        sides = list({a.perpetrator: a for s, _, a in scored if s < 0 and not a.victims}.values())
        if len(sides) >= 2:
            return sides[1].perpetrator, sides[0].target
    perpetrator = perpetrator or "unknown"
    # The attacked: an armed group the clause names as such, else people (civilians), else
    # a group named only as someone's patron.
    def rank(item: tuple) -> tuple:
        score, position, actor = item
        return (0 if score <= -2 and not actor.victims else 1 if actor.victims else 2, position)

    target = next((a.target for s, _, a in sorted(scored, key=rank)
                   if s < 0 and a.target and (a.perpetrator != perpetrator or a.victims)), None)
    if target is None and not strict:
        target = next((a.target for s, _, a in scored
                       if s == 0 and a.target and a.perpetrator != perpetrator and not a.victims
                       and a.perpetrator != "isis"), former)
    return perpetrator, target
