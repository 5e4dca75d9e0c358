"""The first event extractor against the seeds' gold events and tricky sentences."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.clauses import attack_type
from pipeline.events import extract_events
from pipeline.extract import extract_dump
from pipeline.normalize import normalize
from pipeline.sites import load_sites, merged_text_rules

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT.parent / "shared" / "seeds"
GOLD = {d["doc"]: d for d in json.loads(
    (PROJECT.parent / "shared" / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))}


def _seed_events(doc: str):
    rules = merged_text_rules(load_sites(PROJECT / "spiders" / "sites"))
    article = extract_dump((SEEDS / doc).read_text(encoding="utf-8"), rules)
    return extract_events(article.text, date.fromisoformat(GOLD[doc]["published"]), article.title)


def _accepts(gold, value) -> bool:
    if gold == "*":
        return True
    if isinstance(gold, list):
        return value in gold
    if isinstance(gold, dict):
        return value is not None and gold["min"] <= value <= (gold["max"] or value)
    return gold == value


@pytest.mark.parametrize("doc", ["002_81d095f2c667699f.txt", "003_c327b9d4146b6af4.txt"])
def test_seeds_without_attacks_give_no_event(doc: str) -> None:
    assert _seed_events(doc).events == []


def test_three_separate_attacks_are_kept_apart() -> None:
    doc = "004_b9e175c1fa34ede7.txt"
    found = _seed_events(doc).events
    assert len(found) == len(GOLD[doc]["events"]) == 3
    for event, gold in zip(found, GOLD[doc]["events"], strict=True):
        assert _accepts(gold["type"], event.type)
        assert event.governorate == gold["governorate"]
        assert event.killed == gold["killed"]
        assert _accepts(gold["perpetrator"], event.perpetrator)
        assert _accepts(gold["target"], event.target)


def test_bus_attack_with_two_figures() -> None:
    doc = "001_4d67c2310d9d160a.txt"
    first = _seed_events(doc).events[0]
    gold = GOLD[doc]["events"][0]
    assert _accepts(gold["type"], first.type)
    assert (first.governorate, first.perpetrator, first.target) == (
        "SY-DY", "isis", "government_forces")
    assert _accepts(gold["killed"], first.killed)
    assert _accepts(gold["wounded"], first.wounded)
    assert first.date == date(2020, 12, 30) and first.date_precision == "day"
    assert "الفرقة الرابعة" in first.evidence


def test_monthly_figures_are_tallies_not_events() -> None:
    found = _seed_events("000_46317765e7d7e6f6.txt")
    feb = [t for t in found.tallies if t.period == "2021-02"]
    assert feb and (feb[0].killed, feb[0].wounded) == (37, 15)
    assert all(e.killed != 37 for e in found.events)


@pytest.mark.parametrize("sentence", [
    "نفى مصدر عسكري وقوع هجوم على حاجز في ريف دير الزور أسفر عن مقتل 5 عناصر.",
    "تستعد قوات النظام لشن حملة عسكرية ضد داعش في بادية حمص بعد مقتل 3 عناصر.",
    "خسر المنتخب السوري مباراته رغم هجوم متواصل أسفر عن هدفين في مرمى الخصم.",
    "ارتفعت أسعار المحروقات في دمشق للمرة الثالثة خلال العام.",
    "أطلق الدفاع المدني أمس الأحد حملة لإزالة الذخائر غير المنفجرة ومخلفات الحرب في قرى "
    "جبل الزاوية جنوبي إدلب.",
    "وأضاف المراسل أن حملة الدهم في بلدة الكرامة انتهت صباح اليوم، دون ورود أنباء عن وقوع "
    "اشتباكات.",
    "رصدت الشبكة خلال الأسبوع الممتد من 7 حتى 13 كانون الأول مقتل 9 أشخاص وإصابة 7 آخرين في "
    "ريف دير الزور.",
    # a kidnapping told alone; football; an economy's "battle"; a gas leak
    "عُثر اليوم على جثة شاب في ريف دير الزور.\nبعد يومين من اختطافه على يد مجهولين أثناء عودته "
    "من عمله في حقل العمر النفطي أمس.",
    "وشنّ لاعبو الكرامة هجوماً كاسحاً على ملعب حمص اليوم منذ صافرة البداية، قبل أن يفتتح "
    "المهاجم الشاب التسجيل بقذيفة صاروخية من خارج منطقة الجزاء.",
    "وأطلق البديل رصاصة الرحمة على آمال الضيوف في ملعب حمص اليوم.",
    "ويرى الباحث أن الحكومة تخوض معركة خاسرة مع السوق، وأن رفع الدعم أصاب القدرة الشرائية "
    "في مقتل.",
    "قُتل ثلاثة أشخاص اليوم في مدينة الرستن بانفجار ناجم عن تسرب للغاز من إحدى الأسطوانات، "
    "نافياً ما تناقلته صفحات عن انفجار عبوة ناسفة.",
    # feared attacks; what a convoy carried; a protest's demand; attempts survived
    "أغلقت قوات النظام طريق أثريا - خناصر اليوم أمام حركة السيارات، خشية هجمات خلايا تنظيم "
    "داعش التي قتلت ستة عناصر في البادية.",
    "وقال مصدر إن رتلاً تركياً مؤلفاً من نحو 60 آلية، بينها دبابات وراجمات صواريخ، دخل صباح "
    "اليوم من معبر كفرلوسين باتجاه ريف إدلب.",
    "وخرجت مظاهرات في مدن الباب وأعزاز اليوم تطالب بمحاسبة المتورطين في اغتيال الناشط.",
    "فيما نجا ثلاثة أشخاص من محاولات اغتيالهم في بلدة المزيريب أمس.",
    # shells that fell across the border
    "في الأثناء، سقطت قذائف صاروخية اليوم على مدينة كلس التركية الحدودية، ما أدى لإصابة "
    "مواطنَين تركيَّين اثنين، واتهمت أنقرة الوحدات بإطلاقها من عفرين.",
    # a bomber killed before he blew himself up
    "تمكن عناصر من الأجهزة الأمنية من قتل انتحاري قبل أن يفجر نفسه في حي المشورب بالسويداء.",
    # days as ordinal words: a period too
    "قتل 12 مدنياً من الأول حتى السابع من آذار بقصف في ريف درعا.",
    "قُتل شاب طعناً بسكين على يد شقيقه إثر خلاف عائلي في ريف حماة الغربي أمس.",
    "– 6 أشخاص قضوا في ظروف مختلفة، بينهم 3 بانفجار ألغام في بادية الكسرة والصور.",
    "ويشير المرصد إلى أن عمليات الاغتيال ما تزال تتركز في بلدات ذيبان والشحيل والبصيرة.",
    "نفت الوزارة وقوع الهجوم المزعوم على حاجز في ريف حماة بعد أنباء عن مقتل ثلاثة عناصر.",
    "وشهدت المحافظة خمس عمليات اغتيال خلال الأسبوع، في حين نُفذت عمليتان منها بعبوات ناسفة.",
    # a threat is no attack, even with "مجهولون" in it
    "وزّع مجهولون ليل الأربعاء منشورات ورقية في قرى ريف دير الزور الشرقي تهدد بالقصاص من كل من "
    "يعمل مع المؤسسات الحكومية.",
    "حذرت الإدارة الذاتية من قصف تركي وشيك على قرى ريف عين عيسى.",
    # munitions destroyed, a bomb defused or seized, a claim of the other side
    "نفذت فرق الهندسة مساء أمس عمليات تفجير لكميات من الذخائر غير المنفجرة والقذائف في "
    "مستودعات قرب بانياس.",
    "فككت فرق الهندسة عبوة ناسفة عُثر عليها صباح اليوم قرب دوار الساعة وسط مدينة حمص.",
    "ضبطت الوحدات الأمنية خلال المداهمة في ريف دمشق حزامين ناسفين وعبوات ناسفة محلية الصنع.",
    "زعم الجيش الإسرائيلي أنه قضى على عنصرين كانا يحاولان زرع عبوة ناسفة قرب بلدة جباتا الخشب.",
    "نفذت وحدات من الأمن العام فجر اليوم عملية مداهمة لمنزل في بلدة قطنا كانت الخلية تتخذه "
    "مقراً لتخزين العبوات الناسفة، وألقت القبض على أربعة من أفرادها.",
    "ووثق المرصد يوم أمس الثلاثاء مقتل 5 أشخاص بأعمال عنف متفرقة، ليرتفع إلى 38 عدد من قتلوا "
    "منذ مطلع الشهر.",
    "وقال مصدر طبي إن الضحايا نزحوا من مدينة رأس العين قبل أيام، هرباً من القصف المتواصل على "
    "المدينة.",
    "ارتفعت حصيلة القتلى الذين وثقهم المرصد منذ يوم الخميس الفائت في مناطق الساحل إلى 830 "
    "شخصاً، بينهم 553 مدنياً قتلوا في عمليات تصفية.",
    # people hurt across the border, in a Turkish town
    "وعلى الجانب الآخر من الحدود، أصيب عدد من المواطنين الأتراك في بلدة جيلان بينار التركية جراء "
    "رصاص طائش وشظايا.",
])
def test_not_an_event(sentence: str) -> None:
    assert extract_events(sentence, date(2021, 1, 10)).events == []


@pytest.mark.parametrize(("sentence", "kind"), [
    # a ground attack that began with a car bomb is the ground attack
    ("شن التنظيم هجوماً واسعاً فجر أمس على حي البغيلية، بدأه بتفجير عربة مفخخة على أحد الحواجز",
     "armed_attack"),
    # a killing with a silenced pistol, an execution on the spot
    ("قتلت امرأة بطلقات من مسدس مزود بكاتم للصوت داخل خيمتها", "armed_attack"),
    ("اتهم ناشطون عناصر بإعدام 12 مدنياً ميدانياً داخل مضافة", "armed_attack"),
    ("انفجار عبوة ناسفة بسيارة عسكرية", "ied"),
    ("كمين نصبه مسلحون", "ambush"),
    ("اغتيال قيادي في ريف درعا", "assassination"),
    ("غارات جوية روسية على البادية", "airstrike"),
    ("قصف مدفعي على قرى جبل الزاوية", "shelling"),
    ("هجوم بطائرة مسيرة على موقع عسكري", "drone_strike"),
    ("انفجار لغم أرضي", "landmine"),
    ("هجوم انتحاري بحزام ناسف", "suicide_attack"),
    ("اشتباكات عنيفة بين الطرفين", "clash"),
    ("هجوم مسلح على حاجز", "armed_attack"),
    ("استهدفت طائرات التحالف الدولي مقرات للحرس الثوري", "airstrike"),
    ("استهدفت طائرات يرجح أنها إسرائيلية مواقع قرب دمشق", "airstrike"),
    # weapons of a ground attack named as shells ("قذائف الـ'آر بي جي'") are no shelling
    ('هاجم المسلحون النقطة بالأسلحة الخفيفة وقذائف الـ"آر بي جي"', "armed_attack"),
    ("قتل 14 عسكرياً بتفجير عبوتين ناسفتين استهدفتا حافلة", "ied"),
    # the weapons used in a clash name no shelling; a missile strike is from the air
    ("اندلعت اشتباكات عنيفة استُخدمت فيها الأسلحة الخفيفة والمتوسطة وقذائف الهاون", "clash"),
    ("قتل 3 أشخاص جراء ضربة صاروخية إسرائيلية استهدفت شقة سكنية", "airstrike"),
    ("فجّر مقاتل من هيئة تحرير الشام عربة مفخخة بحاجز لقوات النظام", "suicide_attack"),
    ("استهدفت طائرتان مسيّرتان انتحاريتان القاعدة الأمريكية في حقل العمر", "drone_strike"),
    ("دارت اشتباكات عنيفة على محور حي المنشية، ترافقت مع قصف متبادل، ما أسفر عن مقتل أربعة",
     "clash"),
    ("صدت القوات هجوماً واسعاً على محور أبو قلقل بإسناد من الطائرات المسيرة التركية",
     "armed_attack"),
    # an attack repelled is fought by both sides; the attack told before is no type of its own
    ("قتل مقاتلوها أحد عشر عنصراً من الجيش الوطني خلال صد هجوم على قرية اليابسة", "clash"),
    ("بالتزامن مع تلك الغارة، قصفت قوات الأسد بقذائف المدفعية بلدة كفرزيتا المجاورة",
     "shelling"),
    # aircraft flying or grounded strike nothing
    ("شنّ عناصر التنظيم هجوماً واسعاً على مواقع قسد، مستغلين العاصفة الرملية التي شلّت حركة "
     "طيران التحالف الدولي", "armed_attack"),
    ("اندلعت اشتباكات عنيفة على محور كبانة وسط تحليق مكثف للطيران الحربي الروسي", "clash"),
    # a guided missile names no shelling; two bombings; two shells
    ("استهدفت هيئة تحرير الشام بصاروخ موجه سيارة عسكرية لقوات النظام على محور الحماميات",
     "armed_attack"),
    ("فإن المسيّرة استهدفت السيارة بصاروخ موجّه، ما أدى إلى احتراقها", "drone_strike"),
    ("ارتفع عدد الشهداء جراء التفجيرين الإرهابيين اللذين استهدفا كراج الانطلاق", "ied"),
    ("أقدم العدو الإسرائيلي على استهداف أحد مواقعنا العسكرية بقذيفتي دبابة", "shelling"),
    # a push on a front, and the side that stood up to it, fought each other
    ("قتل 7 عناصر من قوات الأسد خلال محاولة تقدم فاشلة على محور تلة الكبينة", "clash"),
    ("حاولت مجموعات من الفرقة الرابعة التسلل إلى التلة، فتصدت لها فصائل المعارضة", "clash"),
    ("قتل 23 من عناصر الميليشيات جراء الضربات الجوية الأمريكية التي استهدفت مواقعها",
     "airstrike"),
    ("قال المراسل إن طائرتين حربيتين أقلعتا من قاعدة حميميم، استهدفتا السوق بأربعة صواريخ",
     "airstrike"),
    # fire opened; a hand grenade thrown
    ("توغلت قوة في أطراف القرية، وأطلقت النار على راعي أغنام ما أدى إلى إصابته بجروح",
     "armed_attack"),
    ("أُصيب ثلاثة أشخاص بعد أن ألقى مجهول قنبلة يدوية على محل في شارع الثورة", "armed_attack"),
    # fighters who set off a bomb did not blow themselves up
    ("فجّر مقاتلون من الجيش الحر عبوة ناسفة بحافلة مبيت عسكرية لقوات النظام", "ied"),
    ("فجّر مقاتل من التنظيم عربة مفخخة عند مدخل البلدة", "suicide_attack"),
])
def test_attack_type(sentence: str, kind: str) -> None:
    assert attack_type(normalize(sentence)) == kind


def test_relative_dates_resolve_against_publication() -> None:
    text = "قتل ثلاثة عناصر من قوات النظام يوم أمس الجمعة بهجوم لداعش في بادية الميادين."
    (event,) = extract_events(text, date(2020, 12, 5)).events
    assert event.date == date(2020, 12, 4)
    assert (event.governorate, event.killed) == ("SY-DY", 3)


def test_place_is_given_as_written() -> None:
    text = "قتل أربعة عناصر من قوات النظام بكمين لداعش في بادية الرصافة بريف الرقة الغربي."
    (event,) = extract_events(text, date(2023, 4, 10)).events
    assert (event.place, event.governorate) == ("بادية الرصافة", "SY-RA")


PUBLISHED = date(2021, 1, 4)  # a Monday


@pytest.mark.parametrize(("phrase", "day", "precision"), [
    ("ليل السبت - الأحد", date(2021, 1, 2), "day"),
    ("صباح اليوم الاثنين", date(2021, 1, 4), "day"),
    ("يوم الاثنين الماضي", date(2020, 12, 28), "day"),
    ("مساء الأحد الماضي", date(2020, 12, 27), "day"),  # yesterday would be "أمس الأحد"
    ("يوم السبت الماضي", date(2021, 1, 2), "day"),
    ("مساء أمس الأحد", date(2021, 1, 3), "day"),
    ("أول أمس", date(2021, 1, 2), "day"),
    ("منذ يومين", date(2021, 1, 2), "day"),
    ("في 15 تشرين الثاني/نوفمبر", date(2020, 11, 15), "day"),
    # a month's part told falls on its day: the 25th of a month's end, the 15th of its middle
    ("أواخر الشهر الماضي", date(2020, 12, 25), "month"),
    ("أواخر كانون الأول 2019", date(2019, 12, 25), "month"),
    ("منتصف تموز الماضي", date(2020, 7, 15), "month"),
    ("مطلع الشهر الماضي", date(2020, 12, 1), "month"),
    ("في شهر آذار 2019", date(2019, 3, 1), "month"),
    # "أمس" of another clause does not move the weekday told
    ("اليوم الاثنين، ضمن عملية أعلنت أنقرة إطلاقها يوم أمس", date(2021, 1, 4), "day"),
    # days as ordinal words
    ("في الخامس من آذار/مارس الماضي", date(2020, 3, 5), "day"),
    ("فجر الحادي والعشرين من آب 2013", date(2013, 8, 21), "day"),
    ("في الثالث من الشهر الجاري", date(2021, 1, 3), "day"),
])
def test_dates_resolve_against_publication(phrase: str, day: date, precision: str) -> None:
    from pipeline.dates import resolve_date

    assert resolve_date(normalize(f"قتل عنصران {phrase} بهجوم"), PUBLISHED) == (day, precision)


@pytest.mark.parametrize("phrase", ["مقتل أحد عناصر الفرقة", "مارس ضغوطاً على الفصائل",
                                    "منذ اتفاق آذار الماضي", "حتى ظهر اليوم",
                                    "بحسب ما أفاد مراسل حلب اليوم", "فجر ذلك اليوم"])
def test_words_that_only_look_like_dates(phrase: str) -> None:
    from pipeline.dates import resolve_date

    assert resolve_date(normalize(phrase), PUBLISHED) == (None, None)


def _one(text: str, published: date = PUBLISHED):
    (event,) = extract_events(text, published).events
    return event


def test_a_later_clause_completes_the_attack_just_told() -> None:
    event = _one("استهدف مسلحون مجهولون حاجزاً لقوات النظام في بلدة اليادودة بريف درعا الغربي "
                 "فجر اليوم. وأسفر الهجوم عن مقتل عنصرين وإصابة ثالث.")
    assert (event.type, event.target, event.killed, event.wounded) == (
        "armed_attack", "government_forces", 2, 1)
    assert (event.place, event.governorate, event.date) == ("اليادودة", "SY-DR", PUBLISHED)


def test_a_toll_update_replaces_the_first_figure() -> None:
    event = _one("قتل تسعة عناصر من الدفاع الوطني بكمين لخلايا داعش قرب حقل التيم أمس. "
                 "وارتفعت حصيلة القتلى صباح اليوم إلى أحد عشر عنصراً بعد وفاة جريحين.")
    assert (event.type, event.perpetrator, event.target, event.killed) == (
        "ambush", "isis", "pro_government_militia", 11)


def test_barrel_bombs_and_the_toll_told_before_when_they_fell() -> None:
    events = extract_events(
        "قضى طفلان وامرأة وأصيب نحو 15 مدنياً فجر اليوم الجمعة، حين ألقت مروحية تابعة لقوات "
        "النظام برميلين متفجرين على الحي الشمالي في بلدة كفرزيتا.\nوقال مراسل في حماة إن "
        "البرميلين سقطا على مقربة من مدرسة البلدة.\nوأرسلت روسيا مروحيات لنقل الجثث إلى مطار "
        "حماة.", date(2014, 6, 13)).events
    assert [(e.type, e.perpetrator, e.killed, e.wounded) for e in events] == [
        ("airstrike", "government", 3, 15)]
    assert events[0].evidence.startswith("قضى طفلان")


def test_the_attack_told_before_a_claim_is_the_one_not_the_claimed() -> None:
    event = _one("وفجر الأربعاء، قُتل شابان من أبناء بلدة كويا بريف درعا الغربي، إثر استهداف "
                 "مسيّرة إسرائيلية دراجتهما النارية، وزعم الجيش الإسرائيلي أنهما كانا يحاولان "
                 "زرع عبوة ناسفة قرب السياج الحدودي.")
    assert (event.type, event.perpetrator, event.killed) == ("drone_strike", "israel", 2)


def test_a_similar_attack_is_by_the_hand_that_struck_not_by_a_speaker() -> None:
    events = extract_events(
        "قُتل أربعة عناصر من الجيش السوري ليل الأحد بهجوم شنه مسلحون يُعتقد أنهم من خلايا "
        "تنظيم داعش على نقطة عسكرية قرب مدينة السخنة.\nوقال مصدر عسكري في الفرقة المسؤولة عن "
        "قطاع البادية إن المهاجمين استخدموا أسلحة رشاشة وقذائف.\nوكان هجوم مماثل استهدف نقطة "
        "للجيش قرب حقل الشاعر للغاز الشهر الماضي، أسفر عن مقتل وجرح نحو عشرة عناصر، في مؤشر "
        "على عودة نشاط التنظيم في المنطقة.", date(2026, 2, 9)).events
    assert [(e.perpetrator, e.date_precision) for e in events] == [("isis", "day"),
                                                                  ("isis", "month")]


def test_cue_phrases_match_the_longest_whole_or_not_followed() -> None:
    from pipeline.clauses import _pattern

    pattern = _pattern(["هجوم", "هجوم انتحاري", "هجمات", "فجر مقاتل$", "نفي!ذ", "تنفي!ذ"])
    assert pattern.search("وقع هجوم انتحاري امس").group() == "هجوم انتحاري"
    assert pattern.search("بالهجمات الاخيره").group() == "بالهجمات"
    assert pattern.search("فجر مقاتلون عبوه") is None
    assert pattern.search("فجر مقاتل نفسه").group() == "فجر مقاتل"
    assert pattern.search("بعد تنفيذ العمليه") is None
    assert pattern.search("تنفي الوزاره").group() == "تنفي"


def test_carrying_out_an_attack_is_no_denial() -> None:
    event = _one("قتل ثلاثة عناصر من قوات النظام أمس بعد تنفيذ مسلحين هجوماً على حاجز في بلدة طفس.")
    assert (event.type, event.killed) == ("armed_attack", 3)


@pytest.mark.parametrize(("text", "perpetrator"), [
    # a source in a force accuses another
    ("وفي ريف حمص الغربي، قُتل عنصر من إدارة الأمن العام أمس إثر هجوم مسلح على حاجز قرب "
     "تلكلخ.\nواتهم مصدر في الأمن العام فلول النظام البائد بتنفيذ الهجوم.", "other"),
    # an unnamed subject accuses the group named after the verb
    ("انفجرت عبوة ناسفة بسيارة عسكرية تقل عناصر من الفرقة الرابعة قرب بلدة طفس أمس، أودت "
     "بحياة ثلاثة منهم.\nإلا أن مصادر أمنية موالية اتهمت خلايا تابعة لتنظيم داعش بالوقوف "
     "خلف الهجوم.", "isis"),
])
def test_who_is_accused_and_who_accuses(text: str, perpetrator: str) -> None:
    (event,) = extract_events(text, date(2025, 2, 7)).events
    assert event.perpetrator == perpetrator


@pytest.mark.parametrize(("text", "killed"), [
    ("شنت هيئة تحرير الشام هجوماً معاكساً ليل الثلاثاء على مواقع قوات النظام في بلدة "
     "كفرنبودة، قُتل فيه 14 عنصراً من قوات النظام، في حين خسرت الفصائل ستة من مقاتليها خلال "
     "المعارك التي لا تزال مستمرة.", 20),
    ("صدّ مقاتلو وحدات حماية الشعب أمس هجوماً واسعاً لجيش الاحتلال التركي على قرية حمام، "
     "أسفرت الاشتباكات عن مقتل 23 من المهاجمين، فيما استشهد مقاتلان من الوحدات خلال التصدي "
     "للهجوم.", 25),
])
def test_the_other_sides_losses_add_to_the_fight(text: str, killed: int) -> None:
    assert _one(text).killed == killed


def test_a_protest_against_attacks_is_none() -> None:
    assert extract_events("وخرج الآلاف من أهالي مقاطعة الجزيرة اليوم في مظاهرة حاشدة أمام مقر "
                          "الأمم المتحدة في مدينة قامشلو، تنديداً بالهجمات على عفرين.",
                          date(2018, 2, 12)).events == []


def test_another_village_fought_back_and_the_days_total_is_a_tally() -> None:
    extraction = extract_events(
        "وبالتزامن، اقتحمت مجموعات من عناصر التنظيم قرية الشبكي في ريف السويداء الشرقي فجر "
        "أمس، ووثقت شبكة محلية مقتل 45 من أهالي القرية.\nأما في قرية رامي المجاورة، فقد تصدى "
        "مسلحون من أبناء القرية للمهاجمين، ودارت اشتباكات استمرت ساعات، قُتل خلالها 11 من "
        "أبناء القرية وثمانية من عناصر التنظيم.\nوارتفعت الحصيلة الإجمالية لضحايا هجمات يوم "
        "أمس إلى 215 قتيلاً.", date(2018, 7, 26))
    assert [(e.place, e.date, e.killed) for e in extraction.events] == [
        ("الشبكي", date(2018, 7, 25), 45), ("رامي", date(2018, 7, 25), 19)]
    assert [(t.period, t.killed) for t in extraction.tallies] == [("2018-07-25", 215)]


def test_a_raid_with_a_partner_named_in_brackets() -> None:
    events = extract_events(
        'نفذت قوات التحالف الدولي بمشاركة وحدات خاصة من "قوات سوريا الديمقراطية" (قسد) عملية '
        "إنزال جوي فجر اليوم السبت، استهدفت منزلاً في بلدة الصور بريف دير الزور، قُتل خلالها "
        "قيادي في تنظيم داعش بعد اشتباك قصير مع القوة المهاجمة.\nوقال مراسل إن مروحيات التحالف "
        "حلّقت لأكثر من ساعة فوق البلدة.", date(2025, 10, 4)).events
    assert [(e.perpetrator, e.target, e.place, e.killed) for e in events] == [
        ("coalition", "isis", "الصور", 1)]


def test_dead_and_wounded_counted_together_are_neither() -> None:
    event = _one("وردّت الهيئة اليوم بقصف صاروخي على مواقع لقوات النظام في محور كفرنبل، قالت "
                 "معرّفات مقربة منها إنه أوقع ما لا يقل عن عشرة قتلى وجرحى في صفوف عناصر النظام.")
    assert (event.killed, event.wounded) == (None, None)


def test_a_figure_over_a_named_month_is_a_tally() -> None:
    extraction = extract_events("إذ وثّق الدفاع المدني مقتل 19 مدنيًا بغارات جوية خلال حزيران.",
                                date(2023, 7, 2))
    assert extraction.events == []
    assert [(t.period, t.killed) for t in extraction.tallies] == [("2023-06", 19)]


@pytest.mark.parametrize(("text", "published", "period", "killed"), [
    # since a named day; days running into the next month; since a battle began
    ("وأحصت الإدارة الذاتية مقتل 322 مدنياً جراء الهجمات على مناطقها منذ الثامن من كانون الأول "
     "2024 وحتى منتصف الشهر الجاري.", date(2025, 1, 16), "2024-12-08/2025-01-16", 322),
    ("وأشار التقرير إلى أن الاشتباكات التي اندلعت في ريف دير الزور بين 27 آب و8 أيلول أسفرت "
     "عن مقتل 25 مدنياً.", date(2023, 9, 20), "2023-08-27/2023-09-08", 25),
    ("ومنذ انطلاق معركة السيطرة على المدينة في السادس من حزيران الجاري، وثقت مصادر محلية مقتل "
     "173 مدنياً جراء الغارات.", date(2017, 6, 19), "2017-06-06/2017-06-19", 173),
])
def test_a_figure_since_a_day_or_between_two_is_a_tally(text: str, published: date,
                                                        period: str, killed: int) -> None:
    extraction = extract_events(text, published)
    assert extraction.events == []
    assert [(t.period, t.killed) for t in extraction.tallies] == [(period, killed)]


@pytest.mark.parametrize(("text", "published", "period", "killed"), [
    ("وبهذا يرتفع عدد الشهداء المدنيين جراء الهجمات التركية منذ فجر الأحد إلى 15 شهيداً.",
     date(2022, 11, 21), "2022-11-20/2022-11-21", 15),
    # the attacks counted are no toll; the figure after the verb, not a year
    ("وبذلك، يرتفع إلى 14 عدد العمليات التي نفذتها خلايا التنظيم خلال شهر تشرين الأول 2021، "
     "والتي أسفرت عن مقتل 11 شخصاً.", date(2021, 10, 30), "2021-10", 11),
    ("وبذلك، يرتفع إلى 51 عدد عناصر الميليشيات الذين قتلوا جراء الضربات الأمريكية منذ 17 "
     "تشرين الأول 2023.", date(2024, 2, 3), "2023-10-17/2024-02-03", 51),
    # the year so far: its days up to the report's
    ("وبذلك، ترتفع حصيلة القتلى منذ مطلع العام 2024 إلى 1,103 أشخاص.", date(2024, 5, 2),
     "2024-01-01/2024-05-02", 1103),
    ("وبذلك يرتفع عدد المدنيين الذين قتلوا بغارات التحالف في المحافظة منذ مطلع شهر أيار الجاري "
     "إلى 38 مدنياً.", date(2016, 5, 20), "2016-05-01/2016-05-20", 38),
])
def test_a_running_total_rising_to_a_figure(text: str, published: date, period: str,
                                            killed: int) -> None:
    extraction = extract_events(text, published)
    assert extraction.events == []
    assert [(t.period, t.killed) for t in extraction.tallies] == [(period, killed)]


def test_a_days_toll_across_the_governorates_is_that_days_tally() -> None:
    extraction = extract_events("وعلى صعيد الحصيلة اليومية، قالت لجان التنسيق المحلية إن 112 شخصاً "
                                "قتلوا برصاص القوات النظامية في مختلف المحافظات السورية يوم أمس "
                                "الجمعة.", date(2012, 11, 10))
    assert extraction.events == []
    assert [(t.period, t.killed) for t in extraction.tallies] == [("2012-11-09", 112)]


def test_where_the_dead_came_from_and_the_same_road() -> None:
    events = extract_events(
        "وفي حادثة منفصلة، قُتل شابان من ريف حماة إثر انفجار لغم أرضي بسيارتهما في بادية تدمر، "
        "أول أمس الخميس.\nأغلقت قوات النظام طريق السلمية - أثريا بعد الغروب، وكان ستة عناصر "
        "قد قُتلوا في الكمين الذي استهدف حافلتهم على الطريق ذاته أمس.", date(2023, 2, 18)).events
    assert [(e.governorate, e.place) for e in events] == [
        ("SY-HI", "بادية تدمر"), ("SY-HM", "طريق السلمية أثريا")]


def test_a_similar_drone_is_the_same_hand() -> None:
    events = extract_events(
        "قُتل مزارع أمس بطائرة مسيّرة انتحارية تابعة لقوات النظام قرب بلدة آفس.\nوفي ريف إدلب "
        "الشرقي، أصيب مزارع آخر بجروح بليغة أمس إثر استهداف جراره بطائرة مسيّرة مماثلة قرب "
        "مدينة سرمين.", date(2024, 10, 15)).events
    assert [e.perpetrator for e in events] == ["government", "government"]


@pytest.mark.parametrize(("text", "target"), [
    ("قصفت قوات النظام بقذائف المدفعية الثقيلة أمس أطراف مدينة دارة عزة وقرية كفرنوران.",
     "civilians"),
    ("قصفت قوات النظام بقذائف المدفعية الثقيلة أمس مواقع عسكرية في محيط دارة عزة.", None),
    ("قُتل شابان من ريف حماة أمس إثر انفجار لغم أرضي بسيارتهما في بادية تدمر.", "civilians"),
])
def test_fire_on_a_town_falls_on_its_people(text: str, target) -> None:
    assert _one(text).target == target


def test_a_ground_attacks_weapons_and_its_victims_cases() -> None:
    event = _one("هاجمت خلية تابعة للتنظيم ليلة أمس نقطة عسكرية لقوات سوريا الديمقراطية في بلدة "
                 "الشحيل بالأسلحة الرشاشة والقذائف الصاروخية، ما أدى إلى مقتل مقاتلَين اثنين.")
    assert (event.type, event.perpetrator, event.killed) == ("armed_attack", "isis", 2)
    event = _one("أما ليل الأحد، فقد ألقت مروحيات النظام براميل متفجرة محملة بغاز الكلور على حي "
                 "الصاخور في حلب، وسجلت مراكز الدفاع المدني 12 حالة اختناق بينها نساء وأطفال.")
    assert (event.type, event.perpetrator) == ("airstrike", "government")


def test_shells_fired_from_positions_are_theirs() -> None:
    event = _one("انهالت منذ فجر اليوم قذائف الهاون على حي بابا عمرو في حمص من مواقع قوات النظام "
                 "في محيط كلية الهندسة، ما أدى إلى مقتل 23 مدنياً.")
    assert (event.perpetrator, event.governorate) == ("government", "SY-HI")


@pytest.mark.parametrize(("text", "published", "perpetrator"), [
    ("قُتل أربعة عناصر من الأمن العام أمس بكمين نصبه مسلحون لدورية قرب قرية عين الشرقية "
     "بريف جبلة.", date(2025, 1, 26), "other"),
    ("قُتل عنصر من الأمن العام أمس برصاص مسلحين مجهولين استهدفوا حاجزاً قرب مدينة جبلة.",
     date(2025, 1, 26), "unknown"),  # told as unknown
    ("قُتل أربعة عناصر من قوات النظام أمس بكمين نصبه مسلحون لدورية قرب قرية عين الشرقية "
     "بريف جبلة.", date(2019, 1, 26), "unknown"),  # before December 2024
])
def test_gunmen_on_the_coast_after_2024_are_the_remnants(text: str, published: date,
                                                          perpetrator: str) -> None:
    assert _one(text, published).perpetrator == perpetrator


@pytest.mark.parametrize(("text", "published", "perpetrator"), [
    ("قُتل رجل وابنه وأصيب ثلاثة آخرون بقصف استهدف منازل المدنيين في بلدة البارة بريف إدلب "
     "ظهر اليوم.", date(2023, 6, 25), "government"),
    # not in Damascus, where the mortars on its quarters were the rebels'; not after 2024
    ("أصيب أربعة مدنيين بجروح جراء سقوط قذيفتي هاون على حي باب توما في دمشق اليوم.",
     date(2013, 4, 23), "unknown"),
    ("قُتل رجل وابنه بقصف استهدف منازل المدنيين في بلدة البارة بريف إدلب ظهر اليوم.",
     date(2025, 6, 25), "unknown"),
])
def test_unnamed_shells_on_people_in_idlib_before_2024_are_the_governments(
        text: str, published: date, perpetrator: str) -> None:
    assert _one(text, published).perpetrator == perpetrator


def test_an_update_on_another_attack_elsewhere_is_that_attacks() -> None:
    events = extract_events(
        "وفي اعتداء آخر سقطت قذيفة هاون ظهر اليوم على حي القصاع ما تسبب بإصابة ثلاثة مواطنين "
        "بجروح.\nارتفع عدد ضحايا التفجير الإرهابي بسيارة مفخخة في حي الزهراء بمدينة حمص مساء "
        "أمس إلى سبعة شهداء وأكثر من ثلاثين جريحاً.", date(2014, 4, 15)).events
    assert [(e.type, e.governorate, e.killed, e.wounded) for e in events] == [
        ("shelling", "SY-DI", None, 3), ("ied", "SY-HI", 7, 30)]


def test_a_running_total_since_some_day_is_not_the_attacks_toll() -> None:
    event = _one("وفي الغوطة الشرقية، قتل 17 مدنياً وجُرح العشرات، اليوم، بغارات جوية لطيران "
                 "النظام على مدينة دوما، رغم مناقشة مجلس الأمن مشروع قرار لوقف إطلاق النار "
                 "لمدة 30 يوماً، ليرتفع عدد ضحايا الحملة على الغوطة منذ الأحد الماضي إلى أكثر "
                 "من 500 قتيل.")
    assert (event.type, event.place, event.killed) == ("airstrike", "دوما", 17)


def test_the_disengagement_line_is_no_clash() -> None:
    assert extract_events("قُتل شخص باستهداف طائرة مسيّرة إسرائيلية سيارته فجر اليوم قرب بلدة "
                          "حضر. ويتهم القتيل بتجنيد شبان من القرى المحاذية لخط فض الاشتباك.",
                          PUBLISHED).events[1:] == []


def test_another_attack_in_the_next_sentence_is_kept_apart() -> None:
    found = extract_events(
        "قتل مدني بانفجار لغم أرضي في بلدة الطيانة بريف دير الزور الشرقي أمس. "
        "وفي حادثة أخرى، قتل عنصران من قسد بهجوم مسلح في بلدة ذيبان اليوم.", PUBLISHED).events
    assert [(e.type, e.place, e.killed) for e in found] == [
        ("landmine", "الطيانة", 1), ("armed_attack", "ذيبان", 2)]


def test_headlines_and_related_lists_never_make_events() -> None:
    text = ("مقتل راعٍ برصاص مجهولين في بادية الميادين\n"
            "لغم أرضي يقتل طفلاً في بلدة الطيانة\n"
            "ارتفعت أسعار المحروقات في دمشق للمرة الثالثة خلال العام.")
    assert extract_events(text, PUBLISHED).events == []


@pytest.mark.parametrize(("sentence", "perpetrator", "target"), [
    ("قصفت قوات النظام بالمدفعية بلدة البارة في جبل الزاوية أمس ما أدى إلى مقتل امرأة وطفلها.",
     "government", "civilians"),
    ("قتل ثلاثة عناصر من قسد بهجوم نفذته مجموعات يعتقد أنها تنتمي إلى تنظيم داعش في بلدة "
     "الشحيل اليوم.", "isis", "sdf"),
    ("اندلعت اشتباكات بين فصائل الجيش الوطني وقوات سوريا الديمقراطية في قرية عون الدادات "
     "بريف منبج اليوم أسفرت عن مقتل أربعة مقاتلين.", "sna", "sdf"),
    ("تتواصل الاشتباكات العنيفة، منذ مساء يوم الخميس، بين هيئة تحرير الشام وفصائل الفيلق "
     "الثالث في محيط بلدة جنديرس.", "hts", "sna"),
    # a former member is claimed by no side now; workers and refugees are civilians
    ("اغتال مسلحون مجهولون مساء أمس القيادي السابق في فصائل المعارضة محمود الحشيش في مدينة "
     "طفس.", "unknown", "other"),
    ("انفجر لغم أرضي بسيارة تقل عمالاً في محيط حقل العمر النفطي، ما أدى إلى مقتل أحدهم.",
     "unknown", "civilians"),
    ("قُتل لاجئ عراقي برصاص مسلحين مجهولين داخل مخيم الهول أمس.", "unknown", "civilians"),
    # who holds the place struck is no party; where the fire came from is who fired
    ("قضى ثلاثة مواطنين إثر سقوط قذائف أطلقتها الفصائل على حي الحمدانية الخاضع لسيطرة قوات "
     "النظام.", "other", "civilians"),
    ("سقطت قذائف مدفعية مصدرها معسكر المسطومة الخاضع لسيطرة قوات الأسد على مدينة بنش، ما أدى "
     "لإصابة شخصين.", "government", "civilians"),
    # a feud between tribes or local groups: both sides "other"
    ("قُتل أربعة أشخاص مساء أمس في اشتباكات اندلعت بين أبناء عشيرتين في قرية الفرقلس بريف حمص "
     "الشرقي.", "other", "other"),
    ("قُتل أربعة أشخاص في اشتباكات اندلعت بين مجموعات محلية مسلحة من بلدة المزرعة ومسلحين من "
     "عشائر البدو في محيط قرية الدور.", "other", "other"),
    ("استهدفت طائرة مسيرة تركية سيارة لقوات الأسايش قرب القامشلي أمس ما أدى إلى مقتل عنصرين.",
     "turkey", "sdf"),
    ("استهدفت غارات جوية إسرائيلية فجر اليوم مواقع عسكرية قرب مطار التيفور ما أدى إلى مقتل "
     "ثلاثة عناصر من الحرس الثوري الإيراني.", "israel", "iran_backed"),
    ("قُتل رجل بقصف مدفعي مصدره مواقع قوات النظام طال بلدة كنصفرة اليوم.", "government",
     "civilians"),
    ("أصيب عنصران من ميليشيا لواء القدس اليوم جراء انفجار لغم أرضي يرجح أن خلايا التنظيم "
     "زرعته في بادية الطيبة.", "isis", "pro_government_militia"),
    ("نفّذ عنصر من تنظيم داعش فجر اليوم هجوماً انتحارياً بحزام ناسف على نقطة عسكرية لقوات "
     "سوريا الديمقراطية في بلدة الشدادي ما أدى إلى مقتل ثلاثة عناصر.", "isis", "sdf"),
    ("قُتل عنصران من جهاز الأمن العام أمس بكمين نصبه مسلحون من فلول النظام البائد لدورية "
     "أمنية في ريف طرطوس.", "other", "government_forces"),
    ("صدّ مقاتلو مجلس منبج العسكري منتصف ليل الإثنين محاولة تسلل نفذتها فصائل الجيش الوطني "
     "على محور قرية عون الدادات ما أدى إلى مقتل عنصرين.", "sna", "sdf"),
    ("لقي شاب حتفه مساء أمس برصاص مسلحين مجهولين في مدينة جاسم، وهو عنصر سابق في فصائل "
     "المعارضة انضم إلى صفوف الفرقة الرابعة.", "unknown", "government_forces"),
    ("قُتل مدني صباح اليوم جراء استهداف قوات الأسد دراجته النارية بطائرة مسيّرة انتحارية قرب "
     "بلدة آفس.", "government", "civilians"),
    ("وفي مناطق سيطرة قسد، قُتل مدني برصاص مسلحين مجهولين في بلدة الشحيل مساء أمس.", "unknown",
     "civilians"),
    ("قُتل ثلاثة عناصر من ميليشيا الدفاع الوطني أمس بكمين نصبه عناصر من تنظيم داعش لسيارتهم.",
     "isis", "pro_government_militia"),
    ("قُتلت امرأة وطفلها مساء أمس بقصف مصدره مناطق سيطرة قوات النظام على بلدة الصبحة.",
     "government", "civilians"),
    ("قُتل عنصران من الجيش السوري جراء استهداف قسد بطائرات مسيّرة انتحارية نقطة عسكرية على "
     "أطراف بلدة دير حافر اليوم.", "sdf", "government_forces"),
    ("قُتل سبعة مدنيين بغارات جوية لطيران الأسد استهدفت بلدة جسرين اليوم.", "government",
     "civilians"),
    # "للفرقة": "ل" + "الفرقة", the article's alif dropped.
    ("شنت خلايا تنظيم الدولة يوم الثلاثاء هجوماً على حاجز للفرقة الرابعة في ريف الميادين، "
     "أسفر عن مقتل سبعة عناصر.", "isis", "government_forces"),
    ("وردّت الميليشيات الإيرانية صباح اليوم بقصف قاعدة التحالف الدولي في حقل العمر النفطي، "
     "وفق ما أكده المتحدث باسم التحالف.", "iran_backed", "coalition"),
    ("استهدفت ميليشيات أسد بطائرة مسيّرة انتحارية ظهر اليوم سيارة مدنية قرب بلدة آفس، ما أسفر "
     "عن مقتل مدنيين اثنين.", "government", "civilians"),
    ("قُتل عنصران من الأمن العام بكمين نصبته مجموعات من فلول نظام الأسد في ريف طرطوس اليوم.",
     "other", "government_forces"),
    # who tells of it is no party
    ("قُتل ستة عسكريين باستهداف حافلة بطائرات مسيرة في حمص اليوم، بحسب وسائل إعلام النظام.",
     "unknown", "government_forces"),
    # a verb, a word for a force, then its name: the verb tells the role
    ("قصفت قوات الاحتلال التركي بالمدفعية الثقيلة قرية مرعناز اليوم، ما أسفر عن إصابة ثلاثة "
     "مدنيين.", "turkey", "civilians"),
    ("قصفت ميليشيات وحدات حماية الشعب بالقذائف الصاروخية مدينة اعزاز اليوم، ما أدى إلى إصابة "
     "ثلاثة مدنيين.", "sdf", "civilians"),
    ("تصدى مقاتلو مجلس منبج العسكري اليوم لهجوم شنّته فصائل ما يسمى الجيش الوطني السوري على "
     "قرية عون الدادات، ما أدى لمقتل مقاتل.", "sna", "sdf"),
    # "استهداف X" then what was struck and the weapon, or the weapon first: X struck
    ("قُتل شقيقان اليوم جراء استهداف قوات النظام سيارتهما بطائرة مسيّرة انتحارية قرب بلدة "
     "آفس.", "government", "civilians"),
    ("أُصيب ثلاثة مزارعين اليوم إثر استهداف قوات النظام بطائرة مسيّرة انتحارية من نوع FPV "
     "جراراً زراعياً في بلدة البارة.", "government", "civilians"),
    # whose dead, whose member: the attacked
    ("ارتفع إلى ثلاثة عدد قتلى قوات النظام جراء انفجار عبوة ناسفة بسيارة عسكرية قرب بلدة "
     "مزيريب غربي درعا، أمس الأربعاء، بعد وفاة العنصر المصاب في المشفى الوطني بدرعا.",
     "unknown", "government_forces"),
    ("قُتل شاب يعمل في جهاز الأمن العام مساء أمس برصاص مسلحين مجهولين في بلدة طفس بريف درعا.",
     "unknown", "government_forces"),
    # the sides of a clash end where what it led to, or who stepped in, begins; "من جهة"
    ("قُتل شخصان أمس في اشتباك مسلح بين أبناء عائلتين في بلدة الفرقلس، قبل أن تتدخل قوات الأمن "
     "العام وتفض الاشتباك.", "other", "other"),
    ("تتواصل منذ فجر اليوم المعارك بين فصائل المعارضة، وفي مقدمتها هيئة تحرير الشام، من جهة، "
     "وقوات النظام من جهة أخرى في ريف حماة الشمالي، ما أدى لمقتل عشرة عناصر.", "other",
     "government_forces"),
    # warplanes unnamed are the state's; a state named as attacked is not the attacker
    ("استهدف الطيران الحربي بالصواريخ سوق الهال في مدينة الباب اليوم، ما أدى إلى مقتل امرأتين "
     "وطفل.", "government", "civilians"),
    ("ارتفعت حصيلة القتلى في صفوف الجيش التركي جراء الغارة الجوية التي استهدفت نقطة تمركز لهم "
     "قرب بلدة بليون مساء أمس إلى 34 جندياً، بعد أن كانت وزارة الدفاع التركية قد أعلنت مقتل "
     "33.", "unknown", "turkey"),
    # groups with an adjective after the verb; plural verbs after the attackers
    ("قُتل 14 عنصراً من وزارة الداخلية أمس في كمين نصبته مجموعات مسلحة من فلول النظام في ريف "
     "طرطوس.", "other", "government_forces"),
    ("قُتل ستة عشر عنصراً من جهاز الأمن العام أمس في هجمات شنّتها مجموعات مسلحة محلية على "
     "حواجز في مدينة أشرفية صحنايا.", "other", "government_forces"),
    ("قال مراسل إن مقاتلي العشائر هاجموا اليوم مواقع قسد في بلدة ذيبان، حيث قُتل تسعة عناصر.",
     "other", "sdf"),
    # a clash: the dead of two sides, or a side named first and another after it
    ("قُتل تسعة من عناصر الفصائل وخمسة من قسد اليوم في اشتباكات عنيفة قرب سد تشرين جنوب شرقي "
     "منبج.", "sdf", "sna"),
    ("قُتل ستة أشخاص أمس في اشتباكات بين مسلحين من أبناء المنطقة ومجموعة مسلحة محلية تتبع "
     "لفرع الأمن العسكري في بلدة عتيل شمالي السويداء.", "other", "government_forces"),
    # shot by members of a militia: the militia shot; the group he joined was attacked
    ("قُتل شاب برصاص عناصر من ميليشيا الدفاع الوطني على حاجز عند المدخل الشرقي لمدينة السلمية "
     "مساء أمس.", "pro_government_militia", "civilians"),
    ("اغتال مسلحون مجهولون مساء أمس القيادي السابق في فصائل المعارضة محمد الزعبي الذي انضم بعد "
     "اتفاق التسوية إلى الفيلق الخامس المدعوم روسياً، قرب بلدة اليادودة.", "unknown",
     "government_forces"),
    ("استهدفت مسيّرات إسرائيلية اليوم أرتالاً للقوات الحكومية قرب بلدة ولغا، ما أسفر عن مقتل "
     "عدد من العناصر.", "israel", "government_forces"),
    # who fired the shells; the remnants, outlaw groups
    ("سقطت اليوم قذائف أطلقتها الفصائل العاملة في الغوطة الشرقية على حي القصاع بدمشق، ما أسفر "
     "عن إصابة 4 مواطنين.", "other", "civilians"),
    ("نصب مسلحون من الفلول يوم الخميس كميناً لدورية من الأمن العام قرب بلدة بيت عانا بريف "
     "جبلة، قُتل خلاله 16 عنصراً.", "other", "government_forces"),
    ("قُتل ستة من عناصر الجيش اليوم جراء استهدافهم من قبل مجموعات خارجة عن القانون قرب بلدة "
     "المزرعة بريف السويداء.", "other", "government_forces"),
    # the one who says whose drone it was is no party
    ("استهدفت طائرة مسيّرة قالت وزارة الدفاع إنها تابعة لقسد سيارة عسكرية قرب مدينة مسكنة "
     "اليوم، ما أدى إلى مقتل عنصرين من الجيش.", "sdf", "government_forces"),
    # the name a group goes by, after the verb
    ('هاجمت مجموعات مسلحة تنشط تحت مسمى "قوات العشائر"، فجر الخميس، نقاطاً لقوات سوريا '
     "الديمقراطية في بلدة ذيبان، ما أدى إلى مقتل مقاتلين اثنين.", "other", "sdf"),
    # the speaker's own men did it; a claim; the noun before an adjective
    ('قالت مصادر عسكرية في "هيئة تحرير الشام" إن مقاتليها نفذوا مساء الأحد عملية "انغماسية" '
     "على نقطة لقوات النظام على محور الملاجة، ما أسفر عن مقتل خمسة عناصر من قوات النظام.",
     "hts", "government_forces"),
    ('أعلنت "هيئة تحرير الشام" عبر معرفاتها الرسمية تنفيذ عملية "انغماسية" فجر اليوم على '
     "مواقع قوات النظام في محور الملاجة، قالت إنها أسفرت عن مقتل خمسة عناصر.", "hts",
     "government_forces"),
    ("وقال المركز الإعلامي لقوات سوريا الديمقراطية إن مقاتليه صدوا أمس هجوماً واسعاً لمرتزقة "
     "الاحتلال التركي على قرية خربة زمالة، ما أسفر عن مقتل 17 من المهاجمين.", "sna", "sdf"),
    # groups of a force after the verb; a regional force named before the civilians hurt
    ("اقتحمت مجموعات من عناصر التنظيم قرية الشبكي في ريف السويداء الشرقي فجر اليوم، وقتلت "
     "من فيها، ووثقت شبكة محلية مقتل 45 من أهالي القرية.", "isis", "civilians"),
    ("ارتقى عنصران من قوى الأمن الداخلي وأصيب أربعة مدنيين بجروح، مساء أمس، إثر تفجير "
     "انتحاري نفسه بحزام ناسف عند حاجز أمني على مدخل مدينة الكسوة بريف دمشق.", "isis",
     "government_forces"),  # (no one named: the Islamic State's, as suicide bombings since 2014)
    # the state media's "terrorist groups"; local fighters
    ('ذكرت وكالة "سانا" أن طفلة قُتلت وأصيب أربعة مدنيين اليوم جراء سقوط قذائف صاروخية '
     'أطلقتها "المجموعات الإرهابية" على أطراف مدينة القرداحة.', "other", "civilians"),
    ("وردًا على التصعيد، هاجم مقاتلون محليون حواجز لقوات النظام في بلدة اليادودة أمس، "
     "واندلعت اشتباكات قُتل فيها ثلاثة عناصر.", "other", "government_forces"),
    # the side that launched the attack a clash followed
    ("دارت اشتباكات عنيفة بين قوات النظام وعناصر التنظيم على جبهة المطار العسكري، إثر هجوم "
     "شنه التنظيم على النقاط المحيطة بالمطار، وقتل خلالها 20 عنصراً من قوات النظام.", "isis",
     "government_forces"),
    # the side that fought its way in; the dead of the one named before "مع"
    ("سيطرت فصائل المعارضة أمس على بلدة الشيخ مسكين بعد اشتباكات عنيفة مع قوات النظام "
     "قُتل فيها 12 عنصراً.", "other", "government_forces"),
    # a weapon between the verb and its nationality; a strike alongside another side's attack
    ("قصفت المدفعية التركية اليوم مواقع لقوات النظام قرب مدينة سراقب، بالتزامن مع هجوم "
     "أطلقته فصائل المعارضة على بلدة النيرب، ما أدى لمقتل ثلاثة عناصر.", "turkey",
     "government_forces"),
    # barrel bombs are the state's; helicopters of "نظام الأسد"
    ("ألقت المروحيات صباح اليوم عدداً من البراميل المتفجرة على حي الشعار في مدينة حلب، ما "
     "أدى إلى مقتل ثمانية مدنيين.", "government", "civilians"),
    ("استهدفت مروحيات نظام الأسد حي الفردوس بحلب اليوم بالصواريخ، ما أدى لمقتل تسعة مدنيين.",
     "government", "civilians"),
    # the rebels' names; "من جهة" that names a direction, not one side
    ("قتل عشرة عناصر من حزب الله فجر اليوم في كمين نصبه مقاتلو الجبهة الإسلامية قرب بلدة "
     "رأس المعرة.", "other", "iran_backed"),
    ("دارت اشتباكات بين الثوار وقوات النظام في حي جوبر اليوم، إثر محاولة لاقتحام الحي من جهة "
     "ساحة العباسيين، قُتل خلالها ثلاثة مقاتلين.", "other", "government_forces"),
    ("فجّر مقاتلون من الجيش الحر عبوة ناسفة بحافلة مبيت عسكرية لقوات النظام قرب مدينة "
     "السلمية في ريف حماة اليوم، ما أدى إلى مقتل ثمانية عناصر.", "other", "government_forces"),
    ("توغلت قوة إسرائيلية فجر اليوم في بلدة الرفيد، وأطلقت النار باتجاه شبان حاولوا اعتراضها، "
     "ما أدى إلى إصابة شاب.", "israel", "civilians"),
    # remnants of the old army; cells that belong to ISIS; the regular forces; a town's front
    ("قُتل ثلاثة عشر عنصراً من جهاز الأمن العام في كمين نصبته مجموعة مسلحة من بقايا قوات "
     "النظام السابق لدورية قرب جبلة اليوم.", "other", "government_forces"),
    ("هاجمت خلايا تتبع لتنظيم داعش مساء أمس حاجزاً لجهاز الأمن العام عند مدخل بلدة البوليل، ما "
     "أدى لمقتل ثلاثة عناصر.", "isis", "government_forces"),
    ("قال ناشطون إن مقاتلي الجيش السوري الحر سيطروا على معظم أحياء مدينة رأس العين بعد "
     "اشتباكات عنيفة مع القوات النظامية قتل فيها 26 عنصراً.", "other", "government_forces"),
    ("أحبطت وحدات الجيش فجر اليوم محاولة تسلل نفذتها مجموعات إرهابية من تنظيم جبهة النصرة "
     "باتجاه النقاط العسكرية على محور كبانة، ما أدى إلى مقتل ثلاثة عناصر.", "hts",
     "government_forces"),
    ("حاولت مجموعات من الفرقة الرابعة التقدم على الجبهة الجنوبية لداريا، واندلعت اشتباكات مع "
     "لواء شهداء الإسلام قتل خلالها سبعة عناصر.", "government", "other"),
    ("أصيب مزارعان بجروح صباح اليوم جراء استهداف قوات النظام سيارتهما بطائرة مسيّرة قرب "
     "سرمين.", "government", "civilians"),
    ("قال المراسل إن طائرتين حربيتين روسيتين أقلعتا من قاعدة حميميم، استهدفتا السوق في مدينة "
     "معرة النعمان بأربعة صواريخ، ما أدى إلى مقتل 12 مدنياً.", "russia", "civilians"),
    ("أعلن المركز الإعلامي لقوات سوريا الديمقراطية أن مقاتليه صدّوا هجوماً شنته فصائل الجيش "
     "الوطني على قرية الخفسة اليوم، ما أسفر عن مقتل 22 مهاجماً.", "sna", "sdf"),
    # the side that tried to push in; whose push was repelled
    ("دارت اشتباكات عنيفة منذ الظهيرة بين مقاتلي الجيش السوري الحر وقوات النظام التي حاولت "
     "التقدم باتجاه حي جورة الشياح، قتل فيها ثلاثة مقاتلين.", "government", "other"),
    ("تمكن ثوار فيلق الرحمن أمس من صد محاولة تقدم لقوات الأسد على جبهة حي جوبر، وقتلوا 12 "
     "عنصراً.", "government", "other"),
    # unnamed militias in Deir ez-Zor after 2017 are Iran's; the shabiha are the state's
    ("سقطت ثلاثة صواريخ مساء الجمعة في محيط قاعدة حقل كونيكو للغاز شمال دير الزور، أطلقت من "
     "مناطق سيطرة الميليشيات على الضفة الجنوبية لنهر الفرات.", "iran_backed", None),
    ("اقتحم مسلحون من الشبيحة أطراف بلدة تلدو مساء أمس، وأطلقوا النار على منزل، ما أسفر عن مقتل "
     "سبعة أفراد من العائلة.", "pro_government_militia", "civilians"),
    # factions loyal to Turkey are the SNA, not Turkey
    ("أطلق مسلحون من فصائل سورية موالية لتركيا النار على سيارة مدنية قرب تل أبيض اليوم، ما "
     "أدى إلى مقتل مدنيين اثنين.", "sna", "civilians"),
    # the killing verb active: its subject, then whom it killed in the accusative
    ('قتل عناصر من خلايا تنظيم "الدولة الإسلامية" أحد عشر شخصاً من جامعي الكمأة يوم الخميس في '
     "بادية معدان جنوب شرق الرقة.", "isis", "civilians"),
    # SANA's "aggression" of a force is its attack
    ("استشهد مدنيان اثنان جراء اعتداء قوات الاحتلال التركي ومرتزقته بالقذائف على قرية أم الكيف "
     "بريف ناحية تل تمر أمس.", "turkey", "civilians"),
    # men of a militia who stormed a village and killed young men
    ('أفاد ناشطون بأن عناصر من ميليشيا "الشبيحة" اقتحموا يوم السبت الماضي قرية بسيسين وقتلوا '
     "ثلاثة شبان من عائلة واحدة رمياً بالرصاص.", "pro_government_militia", "civilians"),
    # SANA's army: its units' operations against the "dens", its air force's sorties
    ("واصلت وحدات من جيشنا الباسل اليوم عملياتها النوعية ضد أوكار المجموعات الإرهابية المسلحة "
     "في حي جوبر وأوقعت أعداداً كبيرة من الإرهابيين قتلى.", "government", None),
    ("نفذ سلاح الجو في الجيش العربي السوري اليوم طلعات على تجمعات إرهابيي تنظيم داعش في محيط "
     "حقل شاعر بريف حمص الشرقي، وأسفرت الضربات عن القضاء على 35 إرهابياً.", "government", "isis"),
    # the speaker whose fighters fought the attack off; the attackers' dead
    ('قالت وحدات حماية الشعب في بيان إن مقاتليها تصدوا لهجوم شنته فصائل ما يسمى "الجيش '
     'الوطني" المدعومة من تركيا على محور ناحية بلبل شمالي عفرين ليل الأحد، ما أسفر عن مقتل 11 من '
     'عناصر الفصائل المهاجمة.', "sna", "sdf"),
    # the sides of a clash named far from it
    ("وكانت اشتباكات عنيفة قد دارت ليل الأربعاء - الخميس في محيط فرع المخابرات العسكرية وسجن "
     "تدمر بين عناصر التنظيم وقوات النظام، قُتل فيها 17 عنصراً من قوات النظام.", "isis",
     "government_forces"),
    # a bomber of a group; the rebels' battalions of 2012
    ("وكان انتحاري من التنظيم قد فجر عربة مفخخة ليل السبت بمقر لجبهة النصرة على أطراف بلدة "
     "البصيرة، ما أدى إلى مقتل سبعة من عناصر الجبهة.", "isis", "hts"),
    ("دارت اشتباكات عنيفة يوم أمس بين مقاتلين من الكتائب الثائرة والقوات النظامية عند مدخل مدينة "
     "الرستن، أسفرت عن مصرع ستة عناصر من القوات النظامية.", "other", "government_forces"),
    # the General Staff's building, soldiers as SANA counts them
    ("شنت طائرات إسرائيلية ظهر اليوم غارات على مبنى هيئة الأركان في ساحة الأمويين بدمشق، ما "
     "أسفر عن إصابة 18 شخصاً.", "israel", "government_forces"),
    ("شنت طائرات إسرائيلية مساء أمس غارات على مطار حماة، أسفرت عن مقتل أربعة عسكريين.",
     "israel", "government_forces"),
])
def test_who_attacked_whom(sentence: str, perpetrator: str, target: str) -> None:
    event = _one(sentence)
    assert (event.perpetrator, event.target) == (perpetrator, target)


def test_an_arrest_that_came_to_a_fight_with_dead_is_a_clash() -> None:
    event = _one("وأعلنت قيادة الأمن الداخلي في حمص اليوم أن قواتها اشتبكت مع خلية من فلول النظام "
                 "البائد في قرية الزارة، خلال محاولة القبض على أفرادها، ما أسفر عن مقتل ثلاثة من "
                 "عناصر الخلية، وضبط أسلحة وذخائر.", date(2025, 11, 22))
    assert (event.type, event.perpetrator, event.target, event.killed) == (
        "clash", "government", "other", 3)


def test_a_clash_told_with_its_dead_and_then_arms_seized_happened() -> None:
    event = _one("وفي ريف دمشق، اشتبكت الجهات المختصة أمس مع مجموعة إرهابية مسلحة في مدينة حرستا، "
                 "وأوقعت عدداً من أفرادها قتلى ومصابين، وصادرت أسلحة وذخائر.", date(2012, 5, 10))
    assert (event.type, event.perpetrator, event.place) == ("clash", "government", "حرستا")
    # (not an economy's "losing battle" that "struck a fatal spot")
    assert extract_events('ويرى الباحث أن الحكومة "تخوض معركة خاسرة" مع السوق، وأن ضربة رفع الدعم '
                          '"أصابت القدرة الشرائية في مقتل".', date(2023, 8, 14)).events == []


def test_shooters_named_between_the_verb_and_their_fire() -> None:
    event = _one("أطلقت قوة من جيش الاحتلال الإسرائيلي النار على رعاة أغنام في محيط بلدة جباتا "
                 "الخشب صباح اليوم، ما أدى إلى إصابة راعٍ بجروح.")
    assert (event.type, event.perpetrator, event.target) == ("armed_attack", "israel",
                                                            "civilians")


def test_the_dead_mourned_on_the_same_ground_are_the_fights() -> None:
    extraction = extract_events(
        "شنّ عناصر من هيئة تحرير الشام هجوماً مباغتاً فجر اليوم على مواقع قوات النظام في محور "
        "الحماميات بريف حماة، قتل فيه 11 عنصراً من قوات النظام. وأوضحت الهيئة أن مجموعة من "
        "الانغماسيين تسللت إلى نقاط على أطراف التلة، واشتبكت مع العناصر المتمركزين فيها، في حين "
        "نعت صفحات موالية للنظام ثمانية عناصر قالت إنهم قضوا خلال التصدي لهجوم على المحور "
        "ذاته.", PUBLISHED)
    assert [(e.type, e.killed) for e in extraction.events] == [("armed_attack", 11)]


def test_the_drone_quoted_is_the_one_just_told() -> None:
    from pipeline.clauses import read_clause

    text = "وقال شهود عيان لنورث برس إن المسيرة استهدفت سيارتين من القافلة عند مفرق قرية أبو قلقل"
    assert read_clause(text, normalize(text), PUBLISHED).same_named
    other = "وقال شهود عيان إن طائرة مسيرة أخرى استهدفت سيارتين قرب قرية أبو قلقل"
    assert not read_clause(other, normalize(other), PUBLISHED).same_named


def test_also_struck_with_its_subject_left_out_is_the_same_hand() -> None:
    extraction = extract_events(
        "شن طيران الاحتلال الإسرائيلي ليل الأربعاء سلسلة غارات على محيط مطار حماة العسكري، أسفرت "
        "عن إصابة أربعة عسكريين. كما استهدف مبنى تابعاً لمركز البحوث العلمية في حي برزة بدمشق، "
        "ما أدى إلى أضرار مادية كبيرة.", date(2025, 4, 3))
    assert [(e.type, e.perpetrator, e.governorate) for e in extraction.events] == [
        ("airstrike", "israel", "SY-HM"), ("airstrike", "israel", "SY-DI")]
    # (attackers of its own)
    event = extract_events("كما استهدف مسلحون مجهولون سيارة إسعاف على الطريق الدولي بين طرطوس "
                           "وبانياس مساء السبت، ما أدى إلى مقتل مسعف وسائق.",
                           date(2025, 3, 9)).events[0]
    assert (event.type, event.perpetrator) == ("armed_attack", "unknown")


def test_bodies_left_under_the_shelling_are_no_new_attack() -> None:
    extraction = extract_events(
        "لم تهدأ راجمات الصواريخ ومدافع الهاون طوال نهار اليوم على حي بابا عمرو في مدينة حمص، "
        "لليوم السابع على التوالي، فيما بقيت الجثث في الشوارع ساعات طويلة بسبب عجز المسعفين عن "
        "الوصول إليها تحت القصف.\n"
        "وأفادت لجان التنسيق بسقوط ما لا يقل عن 35 شهيداً في الحي.\n"
        "كما سقط عشرات القتلى والجرحى في حي الخالدية جراء القصف ذاته.", PUBLISHED)
    first = extraction.events[0]
    assert (first.place, first.killed) == ("بابا عمرو", 35)


def test_the_place_struck_not_the_one_of_an_attack_alongside() -> None:
    event = _one("قصفت المدفعية التركية اليوم مواقع لقوات النظام قرب مدينة سراقب، بالتزامن مع "
                 "هجوم أطلقته فصائل المعارضة على بلدة النيرب، ما أدى لمقتل ثلاثة عناصر.")
    assert event.place == "سراقب"


def test_joined_counts_and_one_person() -> None:
    event = _one("قصفت قوات النظام بلدة كفرنبودة بريف حماة أمس ما أدى إلى مقتل امرأة وطفلها "
                 "وإصابة شاب.")
    assert (event.killed, event.wounded) == (2, 1)
    event = _one("اغتال مسلحون مجهولون مساء أمس عضواً في لجنة المصالحة بمدينة طفس بريف درعا.")
    assert (event.type, event.killed, event.target) == ("assassination", 1, "civilians")


def test_a_recalled_attack_does_not_take_the_articles_day() -> None:
    text = ("أعلنت قوات النظام صباح اليوم استنفاراً في ريف دير الزور.\n"
            "وكان عشرة عناصر من الفرقة الرابعة قد قتلوا بكمين لخلايا داعش قرب بلدة الشولا.")
    (event,) = extract_events(text, PUBLISHED).events
    assert (event.type, event.killed, event.date) == ("ambush", 10, None)


def test_a_later_attack_without_a_day_is_the_articles_days_unless_set_apart() -> None:
    text = ("قُتل أربعة مدنيين صباح اليوم الإثنين جراء غارات جوية روسية على بلدة كفرنبودة.\n"
            "كما ألقى الطيران المروحي براميل متفجرة على مدينة اللطامنة ما أسفر عن إصابة "
            "ثلاثة أشخاص.\n"
            "ويأتي ذلك بعد ثلاثة أيام من قصف مدفعي طال قرية الأربعين وأسفر عن مقتل رجل.")
    first, second, third = extract_events(text, PUBLISHED).events
    assert first.date == second.date == PUBLISHED
    assert third.date == date(2021, 1, 1)  # three days before the one told


@pytest.mark.parametrize(("sentence", "place", "governorate"), [
    ("في بلدة ذيبان بريف ديرالزور الشرقي", "ذيبان", "SY-DY"),
    ("على طريق أثريا - خناصر في بادية حماة الشرقية", "طريق اثريا خناصر", "SY-HM"),
    ("قرب قرية الهوشرية غربي منبج", "الهوشريه", "SY-HL"),
    ("على حاجز لسلطة دمشق في مدينة الميادين", "الميادين", "SY-DY"),
    ("في بلدتي الشيخ بدر والقدموس في ريف طرطوس", "الشيخ بدر", "SY-TA"),
    # The countryside around a town is not the town; a village beside a city is.
    ("هجوم على حاجز للفرقة الرابعة في ريف الميادين الشرقي", "ريف الميادين الشرقي", "SY-DY"),
    ("على محور قرية عون الدادات شمال مدينة منبج", "عون الدادات", "SY-HL"),
    ("استهدفت مسيرة سيارة لمقاتلين من مجلس تل أبيض العسكري في قرية الشركراك بريف الرقة",
     "الشركراك", "SY-RA"),
    ("اشتباكات بين مسلحين من حركة رجال الكرامة ودورية أمنية في مدينة شهبا بريف السويداء",
     "شهبا", "SY-SU"),
    # A place named as a bearing is a landmark ("شرقي مدينة تدمر").
    ("في هجوم على نقطة عسكرية شرقي مدينة تدمر، قرب حقل آراك", "حقل اراك", "SY-HI"),
    # A road named by the two places it joins.
    ("على الطريق بين بلدتي الشيخ بدر والقدموس في ريف طرطوس", "طريق الشيخ بدر القدموس",
     "SY-TA"),
    ("على الطريق الواصل بين مدينة الباب وبلدة قباسين شرقي حلب", "طريق الباب قباسين", "SY-HL"),
    ("انفجرت عبوة في بلدة ذيبان بريف دير الزور ما أدى لجرح عنصرين نقلا إلى مشفى الكسرة",
     "ذيبان", "SY-DY"),
    ("أطلقوا النار على عنصر في مدينة البوكمال ما أدى لمقتله", "البوكمال", "SY-DY"),
    # a sub-district named as a village is its seat, more specific than a town's countryside
    ("بكمين لدورية أمنية قرب قرية بيت ياشوط في ريف جبلة جنوب شرقي اللاذقية", "بيت ياشوط",
     "SY-LA"),
    # a road's end is below a place named otherwise
    ("لقي راعي مصرعه بانفجار لغم في بادية الشولا، على الطريق الواصل بين دير الزور وتدمر",
     "باديه الشولا", "SY-DY"),
    ("استهدفت حافلة عسكرية قرب جسر الرئيس وسط العاصمة دمشق", "دمشق", "SY-DI"),
    # where the wounded were taken and where the aircraft took off are not where it happened
    ("قتل أربعة عناصر بتفجير في بلدة الشحيل، ونقل المصابون إلى النقطة الطبية في بلدة البصيرة، "
     "ومنها إلى مشافي مدينة الحسكة", "الشحيل", "SY-DY"),
    ("أقلعت الطائرات من قاعدة حميميم وشنت غارات على مدينة سرمين", "سرمين", "SY-ID"),
    ("فيما أصيب عنصر ثالث بجروح نُقل على إثرها إلى مشفى في مدينة الشدادي بريف الحسكة",
     None, None),
    # where the victim came from and his kin ("ذوي الراعي") are not where it happened
    ("قتل عناصر من التنظيم راعي أغنام من أبناء ريف السلمية رمياً بالرصاص في بادية عقيربات "
     "شرقي حماة", "باديه عقيربات", "SY-HM"),
    ("إن ذوي الراعي عثروا على جثته قرب أحد الآبار في بادية عقيربات", "باديه عقيربات", "SY-HM"),
    # a village the list lacks ends at its comma; "الشيخ مقصود" is one name; a region is none
    ("سقطت قذائف على الأطراف الجنوبية لمدينة بنش، مساء أمس السبت", "بنش", None),
    ("قصف مدفعي استهدف حي الشيخ مقصود في مدينة حلب", "الشيخ مقصود", "SY-HL"),
    ("استهدف مسلحون سيارة إسعاف تابعة للهلال الأحمر على الطريق الدولي بين طرطوس وبانياس",
     "طريق طرطوس بانياس", "SY-TA"),
    # where the fire came from is not where it fell
    ("وأشار المصدر إلى أن القذائف مصدرها مناطق سيطرة قوات النظام في محيط مدينة تادف", None,
     None),
    ("بقصف مصدره مناطق سيطرة قوات النظام على بلدة الصبحة شرق دير الزور", "الصبحه", "SY-DY"),
    # "الراعي" is the shepherd unless the text says it is a place
    ("وأفاد المراسل بأن الراعي ينحدر من مدينة الميادين", "الميادين", "SY-DY"),
    ("انفجرت سيارة مفخخة في بلدة الراعي بريف حلب الشمالي", "الراعي", "SY-HL"),
    # "كفرعمة" written as one word; a town named as one over a feature's name
    ("قتل عنصر برصاص قناص على محور كفرعمة بريف حلب الغربي", "كفرعمه", "SY-HL"),
    ("بغارات على معسكر في منطقة جبل الدويلة قرب بلدة كفرتخاريم بريف إدلب", "كفرتخاريم",
     "SY-ID"),
    # the list writes "حماميات"; the news "محور الحماميات"
    ("استهدف الفصيل مدرعة لقوات النظام بصاروخ على محور الحماميات", "حماميات", "SY-HM"),
    # a town abroad is not where it happened
    ("انفجرت سيارة مفخخة في سوق الهال في مدينة تل أبيض شمالي الرقة، وتوفي جريح في أحد مشافي "
     "مدينة أورفا التركية", "تل ابيض", "SY-RA"),
    # a village known only elsewhere, named with a town as its bearing, is near that town;
    # where the victims came from is not where it happened
    ("قتل مقاتلوها أحد عشر عنصراً اليوم خلال صد هجوم على قرية اليابسة غرب تل أبيض.",
     "اليابسه", "SY-RA"),
    ("هاجم مسلحون مجهولون اليوم حافلة تقل مسافرين من أبناء محافظة السويداء قرب بلدة براق، "
     "وقُتل في الهجوم سبعة مسافرين.", "براق", None),
    # where the launchers stood, where the fire came from; the mountain a village is in
    ("قُتل ثلاثة مدنيين فجر اليوم في الغوطة الغربية جراء سقوط صواريخ أطلقتها راجمات قوات الأسد "
     "المتمركزة في مطار المزة العسكري", "الغوطه الغربيه", "SY-RD"),
    ("استهدفت طائرة مسيّرة سيارة مدنية قرب قرية الزيتونة في جبل التركمان", "الزيتونه", "SY-LA"),
    ('وقال الناشط الإعلامي "أبو عمر" إن القذائف انهالت على حي بابا عمرو في حمص', "بابا عمرو",
     "SY-HI"),
    ("صدت الوحدات هجوماً واسعاً شنه التنظيم على قرى تقع جنوب ناحية تل حميس", "ناحيه تل حميس",
     "SY-HA"),
    # a quarter of the city the sentence names; a quarter's name of two words; where fire came
    # from is not where it fell
    ("وفي حمص، استشهد أربعة مواطنين صباح اليوم جراء تفجير سيارة مفخخة في شارع الستين بحي "
     "الزهراء", "الزهراء", "SY-HI"),
    ("سقطت قذائف مدفعية مصدرها مواقع قوات الأسد في حي صلاح الدين على سوق الخضار في حي بستان "
     "القصر", "بستان القصر", None),
    ("شنت طائرات التحالف غارات على تجمعات للتنظيم في سفوح جبل عبد العزيز غرب الحسكة",
     "جبل عبد العزيز", "SY-HA"),
    # what a village or a neighbourhood is, not its name; a region, not the city named for
    # it; where the report was filed from, below the place it names
    ("قصف جيش الاحتلال التركي صباح اليوم قرية قرمتلق التابعة لناحية شيه", "قرمتلق", None),
    ("عفرين – استشهد ستة مدنيين جراء غارة على حي سكني وسط ناحية جنديرس التابعة لمقاطعة "
     "عفرين", "ناحيه جنديرس", "SY-HL"),
    ("سقطت قذيفة قرب مدرسة للتعليم الأساسي في حي القصاع", "القصاع", "SY-DI"),
    ("قُتل خمسة مدنيين جراء غارة استهدفت مبنى قرب دوار البلدية في مدينة الميادين", "الميادين",
     "SY-DY"),
    # where people came from is not where it happened; the valley is a word
    ("استهدفت مسيرة تركية قافلة من المدنيين القادمين من مدن وبلدات الجزيرة وكوباني قرب سد "
     "تشرين", "سد تشرين", "SY-HL"),
    ("قُتل شابان من أبناء بلدة كويا بريف درعا الغربي إثر استهداف مسيّرة دراجتهما قرب الوادي "
     "المحاذي للبلدة", "كويا", "SY-DR"),
    # the city's adjective names its governorate; a part of the town told is no place
    ("دارت اشتباكات بين الثوار وقوات النظام في حي جوبر الدمشقي", "جوبر", "SY-DI"),
    ("أطلق المسلحون النار على العنصر أمام منزله في الحارة الشرقية من البلدة", None, None),
    # held by, around, north and east of: no names; a quarter's two-word name
    ("ردّت قسد بقصف مدفعي على بلدة بقرص الخاضعة لسيطرة النظام", "بقرص", None),
    ("قصفت المدفعية التركية قرى محيطة ببلدة عين عيسى", "عين عيسي", "SY-RA"),
    ("قتل تسعة مدنيين في حي مساكن هنانو بمدينة حلب", "مساكن هنانو", "SY-HL"),
    # a road named for a town, in the middle of the city named
    ("انفجرت سيارة مفخخة قرب دوار الكاوا على طريق راجو وسط مدينة عفرين شمال غربي حلب",
     "عفرين", "SY-HL"),
])
def test_place_and_governorate(sentence: str, place: str, governorate: str) -> None:
    from pipeline.places import resolve_place

    assert resolve_place(normalize(sentence)) == (place, governorate)


def test_villages_in_a_named_sub_district_take_its_governorate() -> None:
    from pipeline.places import resolve_place

    # (the article names Hasakah; the sub-district named is Raqqa's)
    context = normalize("قصف الاحتلال التركي قرى في ريف الحسكة وتل تمر والحسكة")
    assert resolve_place(normalize("وكانت قرى صيدا والمعلك في ريف ناحية عين عيسى قد تعرضت أمس "
                                   "لقصف مماثل"), context) == ("صيدا", "SY-RA")


def test_place_without_its_settlement_word_and_yesterday_decides() -> None:
    # Published on a Thursday: "أمس الخميس" still means yesterday, not a week back.
    event = _one("قتل عنصران من الأمن العام مساء أمس الخميس بهجوم مسلح في مدينة جاسم "
                 "بريف درعا الشمالي.")
    thursday = date(2024, 5, 16)
    event = extract_events(event.evidence, thursday).events[0]
    assert (event.place, event.governorate, event.date) == ("جاسم", "SY-DR",
                                                            date(2024, 5, 15))


def test_an_attack_recalled_some_days_before_is_dated_from_the_one_told() -> None:
    text = ("قصف الجيش التركي صباح اليوم الإثنين قرية أم الكيف ما أسفر عن إصابة مدنيين اثنين.\n"
            "ويأتي هذا القصف بعد ثمانية أيام من قصف مماثل طال القرية وأسفر عن مقتل طفل.")
    today, earlier = extract_events(text, PUBLISHED).events
    assert today.date == PUBLISHED and earlier.date == date(2020, 12, 27)


def test_a_later_sentence_names_the_suspect_and_whose_man_the_victim_was() -> None:
    event = _one("اغتال مسلحون مجهولون مساء أمس القيادي أحمد المسالمة أمام محل تجاري في بلدة "
                 "اليادودة بريف درعا الغربي. وكان المسالمة قد انضم بعد التسوية إلى مجموعة محلية "
                 "تتبع لفرع الأمن العسكري. ورجّحت مصادر محلية وقوف خلايا تنظيم داعش خلف الهجوم.")
    assert (event.perpetrator, event.target) == ("isis", "government_forces")


def test_a_second_victim_in_one_sentence_is_another_attack() -> None:
    first, second = extract_events(
        "في إدلب: مواطنة وطفلاها استشهدوا جراء قصف صاروخي نفذته قوات النظام صباح اليوم على "
        "بلدة كنصفرة في جبل الزاوية، ومقاتل من هيئة تحرير الشام قُتل برصاص قناص قوات النظام "
        "على محور الفطيرة جنوبي إدلب.", PUBLISHED).events
    assert (first.type, first.killed, first.target) == ("shelling", 3, "civilians")
    assert (second.killed, second.target) == (1, "hts")


def test_on_the_other_side_opens_another_report() -> None:
    first, second = extract_events(
        "قُتل خمسة مدنيين أمس بغارة جوية للطيران التركي على قرية ديوا، فيما قالت رئاسة الأركان "
        "التركية إن غاراتها تستهدف مواقع الإرهابيين فقط.\nوفي المقابل، قصفت وحدات حماية الشعب "
        "بالقذائف الصاروخية مدينة اعزاز صباح اليوم، ما أدى إلى إصابة ثلاثة مدنيين.",
        PUBLISHED).events
    assert (first.type, first.perpetrator, first.killed) == ("airstrike", "turkey", 5)
    assert (second.type, second.perpetrator, second.wounded) == ("shelling", "sdf", 3)


def test_a_toll_broken_down_place_by_place_gives_each_place_its_part() -> None:
    events = extract_events(
        "ارتفع إلى 10 عدد المواطنين الذين استشهدوا اليوم جراء القصف على ريف إدلب الجنوبي، وهم "
        "5 مواطنين بينهم طفلان استشهدوا جراء غارات روسية على مدينة معرة النعمان.\n"
        "وتوزع الشهداء على النحو التالي: 12 شهيداً بينهم 4 أطفال استشهدوا في غارات على بلدة "
        "حمورية، و9 شهداء استشهدوا جراء قصف قوات النظام على مدينة دوما، و5 شهداء في سقبا جراء "
        "غارات للطائرات الحربية.\nوبذلك يرتفع إلى 312 عدد المدنيين الذين استشهدوا منذ بدء "
        "التصعيد في الـ 30 من كانون الأول.", PUBLISHED).events
    assert [(e.place, e.killed) for e in events] == [
        ("معرة النعمان", 5), ("حمورية", 12), ("دوما", 9), ("سقبا", 5)]


def test_a_toll_shared_out_by_place_gives_each_place_its_attack() -> None:
    events = extract_events(
        "قُتل 38 مدنياً ليل الأحد جراء قصف جوي ومدفعي من قبل قوات النظام على بلدات الغوطة "
        "الشرقية بريف دمشق.\nوتوزعت الحصيلة بحسب الدفاع المدني على النحو التالي: 14 في مدينة "
        "حمورية، و9 في بلدة سقبا، و7 في مدينة دوما، بينهم أطفال ونساء.", PUBLISHED).events
    assert [(e.place, e.killed, e.perpetrator) for e in events] == [
        ("حمورية", 14, "government"), ("سقبا", 9, "government"), ("دوما", 7, "government")]


def test_hours_after_the_attack_told_is_its_day() -> None:
    text = ("قُتل 14 عسكرياً بتفجير عبوتين ناسفتين قرب جسر الرئيس في دمشق صباح اليوم الاثنين.\n"
            "وبعد ساعات من التفجير، قصفت قوات النظام مدينة أريحا بريف إدلب، ما أدى إلى مقتل "
            "13 مدنياً.")
    blast, shelling = extract_events(text, PUBLISHED).events
    assert (blast.type, shelling.type) == ("ied", "shelling")
    assert blast.date == shelling.date == PUBLISHED


def test_a_clause_opened_by_when_takes_the_day_of_the_one_it_depends_on() -> None:
    event = _one("وكان أبرز هذه الهجمات يوم الخميس، حين قتل أربعة عناصر من قسد بهجوم مسلح على "
                 "نقطة عسكرية في بلدة الصبحة بريف دير الزور الشرقي.", published=date(2024, 3, 23))
    assert (event.date, event.killed) == (date(2024, 3, 21), 4)


def test_a_long_title_with_two_halves_is_a_headline_and_badiya_is_not_a_result_word() -> None:
    from pipeline.clauses import cues, headline

    assert headline("4 قتلى من قوات النظام بهجوم لـ\"داعش\" في بادية السخنة.. وحصيلة آب تبلغ 27 "
                    "قتيلاً من عناصر النظام والمسلحين الموالين لها من جنسيات سورية وغير سورية")
    # a quoted name may end it
    assert headline('الفلتان الأمني يتصاعد في درعا.. اغتيال قيادي سابق في طفس وعبوة ناسفة '
                    'تستهدف "الفرقة الرابعة"')
    assert not headline('وقال القيادي إن "الوضع صعب"')
    # "أدى" is a result word; "ببادية" only starts like it.
    assert not cues()["same_attack"].search(normalize("قتل مسلحون راعيا ببادية السخنة"))
    assert cues()["same_attack"].search(normalize("انفجر لغم ما أدى إلى مقتل راع"))


def test_fear_after_an_attack_with_its_day_and_toll_does_not_deny_it() -> None:
    event = _one("اغتال مسلحون مجهولون مختار بلدة داعل برصاص مباشر يوم الأحد، في عملية أثارت "
                 "مخاوف الأهالي من عودة الاغتيالات.")
    assert (event.type, event.killed, event.place) == ("assassination", 1, "داعل")


def test_background_after_an_attack_with_its_day_and_toll_is_not_attacks_in_general() -> None:
    event = _one("قُتل ستة مدنيين من جامعي الكمأة يوم الأحد، بانفجار لغم أرضي في بادية حماة "
                 "الشرقية، في حادثة جديدة تضاف إلى سلسلة حوادث مماثلة يشهدها موسم الكمأة كل عام.")
    assert (event.type, event.killed, event.target) == ("landmine", 6, "civilians")
    # Without a day of its own the clause is still about attacks in general.
    assert extract_events("تتكرر حوادث انفجار الألغام التي تقتل جامعي الكمأة في كل موسم.",
                          PUBLISHED).events == []


def test_a_warning_after_an_attack_is_its_sequel_and_a_recalled_attack_is_its_own() -> None:
    text = ("استهدفت طائرة مسيّرة تركية فجر اليوم الاثنين سيارة للأسايش على طريق قامشلو – "
            "عامودا، ما أدى إلى مقتل عنصرين.\n"
            "وبعد ساعات، قصفت مسيّرة أخرى محيط محطة السويدية للغاز في ريف ديرك، ما تسبب بأضرار "
            "مادية، بحسب بيان لهيئة الطاقة التي حذرت من انقطاع الغاز المنزلي.\n"
            "وكانت مسيّرة تركية قد استهدفت يوم أمس الأحد دراجة نارية قرب بلدة تل تمر شمال غربي "
            "الحسكة، ما أسفر عن مقتل شاب كان يقودها.\n"
            "وفي مقاطعة الرقة، قصفت المدفعية التركية ليل الأحد – الاثنين قريتي الهوشان وجهبل، ما "
            "أسفر عن إصابة ثلاثة مدنيين.")
    road, station, tell_tamr, raqqa = extract_events(text, PUBLISHED).events
    assert (road.killed, road.date) == (2, PUBLISHED)
    # hours after the attack told: its day; the gas station's warning does not undo it
    assert (station.type, station.place, station.governorate, station.date) == (
        "drone_strike", "محطة السويدية للغاز", "SY-HA", PUBLISHED)
    assert (tell_tamr.place, tell_tamr.killed, tell_tamr.date) == (
        "تل تمر", 1, date(2021, 1, 3))
    assert (raqqa.type, raqqa.governorate, raqqa.wounded) == ("shelling", "SY-RA", 3)


def test_who_accused_whom_and_where_the_wounded_went_are_no_parties() -> None:
    text = ("انفجرت عبوة ناسفة صباح اليوم بسيارة تقل عناصر من فرع الأمن العسكري قرب بلدة "
            "اليادودة بريف درعا الغربي، ما أدى إلى مقتل عنصرين وإصابة ثلاثة آخرين نقلوا إلى "
            "المشفى الوطني في مدينة درعا.\n"
            "واتهمت صفحات موالية للنظام خلايا تابعة لتنظيم داعش بزرع العبوة.")
    event = _one(text)
    assert (event.perpetrator, event.target, event.killed) == ("isis", "government_forces", 2)


def test_a_young_man_killed_whom_a_later_sentence_places_in_a_division() -> None:
    event = _one("وقال المراسل إن شاباً قتل برصاص مسلحين مجهولين مساء أمس على أطراف مدينة الحراك "
                 "بريف درعا الشرقي.\nوبحسب ناشطين، فإن الشاب ينحدر من المدينة، ويعمل منذ عامين في "
                 "صفوف الفرقة الرابعة، ويتهمه ناشطون بالمشاركة في حملات دهم في المنطقة.")
    assert (event.killed, event.target) == (1, "government_forces")


def test_meanwhile_opens_another_report_and_the_town_told_is_where_the_next_struck() -> None:
    text = ("قتل 3 أشخاص جراء ضربة صاروخية إسرائيلية استهدفت صباح اليوم شقة سكنية في حي "
            "كفرسوسة بالعاصمة دمشق، ما أدى لدمار الشقة.\n"
            "وبالتزامن مع ذلك، استهدفت غارات إسرائيلية مواقع عسكرية في محيط بلدة الكسوة بريف "
            "دمشق، ما أدى إلى مقتل عنصرين من قوات النظام.\n"
            "وفي ريف درعا الغربي، أطلق مسلحون من أبناء بلدة كويا ظهر اليوم النار على قوة "
            "إسرائيلية حاولت التوغل في الأراضي الزراعية غربي البلدة.\n"
            "وعقب ذلك، قصفت المدفعية الإسرائيلية أطراف البلدة بعدة قذائف، ما أسفر عن إصابة ثلاثة "
            "مدنيين.")
    city, kiswa, kuwayya, shelling = extract_events(text, PUBLISHED).events
    assert (city.type, city.governorate, city.killed) == ("airstrike", "SY-DI", 3)
    assert (kiswa.type, kiswa.governorate, kiswa.killed) == ("airstrike", "SY-RD", 2)
    assert kuwayya.place == "كويا"
    assert (shelling.place, shelling.governorate, shelling.date, shelling.wounded) == (
        "كويا", "SY-DR", PUBLISHED, 3)


def test_a_daily_round_up_keeps_each_governorates_attack_apart() -> None:
    text = ("طفل ووالدته، قضيا جراء قصف صاروخي نفذته قوات النظام على أطراف بلدة سرجة في جبل "
            "الزاوية بريف إدلب الجنوبي.\nكما أصيب 3 مواطنين آخرين بجروح جراء القصف ذاته.\n"
            "شاب قتل برصاص مسلحين مجهولين في بلدة طفس بريف درعا الغربي.\n"
            "رجل يعمل في رعي الأغنام، قضى جراء انفجار لغم من مخلفات الحرب في بادية عقيربات بريف "
            "حماة الشرقي.\nوكان المرصد قد وثق يوم الخميس مقتل 7 أشخاص في مناطق متفرقة من سوريا.\n"
            "في حين قُتل خلال الفترة ذاتها 23 من عناصر التنظيم بضربات جوية روسية.")
    sarja, tafas, mine = extract_events(text, PUBLISHED).events
    assert (sarja.killed, sarja.wounded) == (2, 3)
    assert (tafas.governorate, tafas.place) == ("SY-DR", "طفس")
    assert (mine.type, mine.governorate, mine.killed) == ("landmine", "SY-HM", 1)


def test_the_first_part_of_a_toll_shared_out_with_its_own_attack_replaces_the_total() -> None:
    events = extract_events(
        "ارتفع عدد الشهداء المدنيين منذ صباح اليوم في الغوطة الشرقية إلى 29 شهيداً.\n"
        "وتوزع الشهداء على النحو التالي: 12 شهيداً استشهدوا في غارات على بلدة حمورية، و9 "
        "شهداء استشهدوا جراء قصف قوات النظام على مدينة دوما، و3 مواطنين استشهدوا في كفربطنا "
        "جراء قصف بالبراميل المتفجرة.", PUBLISHED).events
    assert [(e.place, e.killed) for e in events] == [
        ("حمورية", 12), ("دوما", 9), ("كفربطنا", 3)]


def test_gunmen_attacking_a_checkpoint_of_the_general_security() -> None:
    event = _one("هاجم مسلحون حاجزاً للأمن العام عند مدخل بلدة اليادودة فجر اليوم، ما أدى إلى "
                 "إصابة عنصرين.")
    assert (event.perpetrator, event.target, event.wounded) == ("unknown", "government_forces", 2)


@pytest.mark.parametrize(("place", "target"), [
    ("بلدة المزرعة بريف السويداء الغربي", "government_forces"),
    ("حي الناصرة في مدينة الحسكة", "sdf"),
    ("بلدة ذيبان بريف دير الزور الشرقي", None),  # both forces hold ground there
])
def test_the_internal_security_forces_are_whose_the_region_says(place: str, target) -> None:
    event = _one(f"أصيب عنصران من قوى الأمن الداخلي فجر اليوم جراء قصف بقذائف الهاون استهدف "
                 f"نقطة تمركزهم في {place}.")
    assert (event.wounded, event.target) == (2, target)


def test_the_accused_is_the_suspect_and_a_series_names_its_parties() -> None:
    event = _one("انفجرت سيارة مفخخة مساء أمس في سوق الهال وسط مدينة الباب، ما أدى إلى مقتل خمسة "
                 "مدنيين.\nواتهمت وزارة الدفاع في الحكومة السورية المؤقتة وحدات حماية الشعب "
                 "بالوقوف وراء التفجير.")
    assert (event.perpetrator, event.target) == ("sdf", "civilians")
    events = extract_events(
        "شنت خلايا تابعة لتنظيم داعش ليل الثلاثاء سلسلة هجمات متزامنة استهدفت مواقع لقوات "
        "سوريا الديمقراطية في ريف دير الزور الشرقي.\nوقال المراسل إن مسلحين هاجموا حاجزاً على "
        "مدخل بلدة الشحيل، ما أدى إلى مقتل عنصر.\nكما استهدف مجهولون بالرصاص فجر اليوم نقطة "
        "لقوى الأسايش في بلدة أبو حمام دون وقوع إصابات.", PUBLISHED).events
    assert [(e.place, e.perpetrator, e.target) for e in events] == [
        ("الشحيل", "isis", "sdf"), ("أبو حمام", "isis", "sdf")]


def test_a_body_found_is_a_killing_and_also_opens_another_report() -> None:
    events = extract_events(
        "وفي بلدة الشحيل، عثر الأهالي صباح اليوم على جثة الشاب أحمد الخلف مرمية على أطراف "
        "البلدة، وعليها آثار طلقات نارية في الرأس والصدر، وذلك بعد ساعات من اختطافه على يد "
        "مسلحين مجهولين.\nوفجر اليوم أيضاً، انفجر لغم أرضي بسيارة تقل عمالاً في محيط حقل العمر "
        "النفطي، ما أدى إلى مقتل أحدهم، وإصابة اثنين آخرين.", PUBLISHED).events
    assert [(e.type, e.place, e.killed, e.wounded) for e in events] == [
        ("armed_attack", "الشحيل", 1, None), ("landmine", "حقل العمر النفطي", 1, 2)]


def test_the_same_shelling_reaching_another_village_and_serious_cases_are_one_attack() -> None:
    events = extract_events(
        "قتل 9 مدنيين صباح اليوم بغارات طائرات حربية روسية على مدينة أريحا جنوب إدلب.\n"
        "وتسببت الغارات بإصابة أكثر من 15 آخرين بجراح، بعضهم في حالات خطرة، في حصيلة غير "
        "نهائية.\nوفي سياق متصل، فارقت طفلة الحياة متأثرة بجراح أصيبت بها جراء قصف مدفعي نفذته "
        "قوات النظام مساء أمس على بلدة كفرنبل في ريف إدلب الجنوبي.\nكما طال القصف ذاته قرية حاس "
        "المجاورة، دون ورود معلومات عن خسائر بشرية.", PUBLISHED).events
    assert [(e.type, e.place, e.killed, e.wounded) for e in events] == [
        ("airstrike", "أريحا", 9, 15), ("shelling", "كفرنبل", 1, None)]


def test_the_other_sides_telling_of_an_air_raid_is_the_same_raid() -> None:
    event = _one("استهدفت طائرات حربية إسرائيلية فجر اليوم مبنى سكنياً في حي كفرسوسة بالعاصمة دمشق، "
                 "ما أدى إلى مقتل 7 أشخاص.\nفي المقابل، نقلت وكالة سانا عن مصدر عسكري قوله إن "
                 "العدوان الإسرائيلي أسفر عن استشهاد مدنيين اثنين، وإن الدفاعات الجوية تصدت "
                 "للصواريخ.")
    assert (event.type, event.perpetrator, event.killed) == ("airstrike", "israel", 7)


def test_a_toll_raised_by_a_wounded_man_who_died() -> None:
    event = _one("قُتل تسعة مدنيين اليوم جراء غارات روسية على مدينة اللطامنة في ريف حماة الشمالي.\n"
                 "وأفاد المراسل بأن أحد الجرحى فارق الحياة متأثراً بجراحه، ما يرفع حصيلة الضحايا "
                 "إلى عشرة.")
    assert event.killed == 10


def test_one_killing_set_against_a_series_since_new_year_is_an_event() -> None:
    event = _one("قُتل ثلاثة شبان مساء أمس الثلاثاء برصاص مسلحين مجهولين في حي كرم اللوز بمدينة "
                 "حمص، في حادثة جديدة تضاف إلى سلسلة عمليات القتل التي تشهدها المدينة منذ مطلع "
                 "العام الجاري.")
    assert (event.killed, event.place, event.date) == (3, "كرم اللوز", date(2021, 1, 3))


def test_a_similar_attack_is_by_the_same_hand_but_not_one_told_after_these() -> None:
    ambush, earlier = extract_events(
        "قتل خمسة عناصر من الفرقة الرابعة اليوم بكمين نصبته خلايا تنظيم داعش على طريق دير الزور – "
        "تدمر.\nويأتي هذا الكمين بعد أسبوع من هجوم مماثل تعرضت له حافلة مبيت قرب قرية الشولا، "
        "وأسفر عن مقتل ستة عناصر.", PUBLISHED).events
    assert (ambush.perpetrator, earlier.perpetrator, earlier.killed) == ("isis", "isis", 6)
    events = extract_events(
        "اغتال مسلحون مجهولون اليوم قيادياً سابقاً في بلدة جاسم.\nواتهمت صفحات محلية خلايا "
        "تنظيم داعش بالوقوف وراء الاغتيال.\nوتأتي هذه العمليات بعد أن نجا رئيس بلدية داعل أول "
        "أمس من محاولة اغتيال إثر انفجار عبوة ناسفة بسيارته.", PUBLISHED).events
    assert events[-1].perpetrator == "unknown"


def test_a_daily_toll_by_governorate_keeps_each_part_in_its_own() -> None:
    events = extract_events(
        "محافظة حلب: استشهد 27 مواطناً جراء غارات نفذتها طائرات حربية روسية على حي الشعار في "
        "مدينة حلب.\nكما قضى ثلاثة مواطنين إثر سقوط قذائف على مناطق في حي الحمدانية غرب "
        "المدينة.\nمحافظة الحسكة: لقي سبعة أشخاص حتفهم، وأصيب 19 آخرون، إثر تفجير انتحاري نفسه "
        "بحزام ناسف عند حاجز في حي الوسطى بمدينة القامشلي.", PUBLISHED).events
    assert [(e.type, e.governorate, e.killed) for e in events] == [
        ("airstrike", "SY-HL", 27), ("shelling", "SY-HL", 3), ("suicide_attack", "SY-HA", 7)]


def test_the_other_sides_answer_and_other_raids_of_the_same_wave() -> None:
    events = extract_events(
        "شنت طائرات حربية إسرائيلية فجر اليوم غارات على مواقع في حي كفرسوسة بدمشق، ما أدى إلى "
        "مقتل شخصين.\nفيما طالت غارات أخرى مستودعات في محيط مطار دمشق الدولي بريف دمشق، وأدت "
        "إلى إصابة عسكري.\nوفي شرقي سوريا، استهدفت طائرتان مسيّرتان انتحاريتان، مساء أمس، "
        "القاعدة الأمريكية في حقل العمر النفطي بريف دير الزور الشرقي.\nوردّت القوات الأمريكية "
        "بعد ساعات بغارات جوية على مواقع لميليشيات مدعومة من إيران في مدينة الميادين، ما أسفر "
        "عن مقتل سبعة عناصر.", PUBLISHED).events
    assert [(e.type, e.governorate, e.date, e.killed) for e in events] == [
        ("airstrike", "SY-DI", PUBLISHED, 2), ("airstrike", "SY-RD", PUBLISHED, None),
        ("drone_strike", "SY-DY", date(2021, 1, 3), None),
        ("airstrike", "SY-DY", date(2021, 1, 3), 7)]
    assert (events[3].perpetrator, events[3].target) == ("coalition", "iran_backed")


def test_a_toll_that_reached_more_and_a_medic_and_driver_killed() -> None:
    event = _one("وردّت القوات الأمريكية اليوم بغارات جوية على مواقع في مدينة الميادين، ما أسفر عن "
                 "مقتل سبعة عناصر.\nوقالت مصادر أخرى إن عدد قتلى الغارات الأمريكية بلغ تسعة.")
    assert event.killed == 9
    event = _one("استهدف مسلحون مجهولون سيارة إسعاف على الطريق الدولي بين طرطوس وبانياس مساء أمس، "
                 "ما أدى إلى مقتل مسعف وسائق.")
    assert event.killed == 2


def test_a_clashs_toll_is_both_sides() -> None:
    event = _one("دارت اشتباكات عنيفة اليوم بين الفصائل وقوات النظام على محور حي المنشية في درعا "
                 "البلد، ما أسفر عن مقتل أربعة مقاتلين من الفصائل، فيما قُتل ما لا يقل عن ستة "
                 "عناصر من قوات النظام.")
    assert (event.type, event.killed) == ("clash", 10)
    # not an air raid's: "فيما قتل" there tells of the next strike's dead
    events = extract_events("قتل ثلاثة مدنيين بغارة روسية على بلدة كفرنبل اليوم، فيما قتل "
                            "اثنان بقصف مدفعي على بلدة حاس.", PUBLISHED).events
    assert [e.killed for e in events] == [3, 2]


@pytest.mark.parametrize(("sentence", "published", "perpetrator"), [
    # the opposition's factions: the SNA where it holds ground from 2017, other elsewhere or
    # before
    ("قصفت فصائل المعارضة بالصواريخ مدينة محردة اليوم، ما أدى لمقتل مدنيين اثنين.",
     date(2019, 5, 6), "other"),
    ("قصفت فصائل المعارضة بالمدفعية قرية أم حوش بريف حلب الشمالي اليوم، ما أدى لإصابة طفلة.",
     date(2021, 5, 6), "sna"),
    ("قصفت الفصائل المقاتلة حي الحمدانية في مدينة حلب اليوم، ما أدى لمقتل ثلاثة مدنيين.",
     date(2016, 5, 6), "other"),
])
def test_the_oppositions_factions_by_region_and_year(sentence: str, published: date,
                                                       perpetrator: str) -> None:
    assert _one(sentence, published).perpetrator == perpetrator


def test_an_attack_like_the_ones_told_is_by_the_same_hand() -> None:
    events = extract_events("قتل ستة مدنيين اليوم جراء غارات جوية روسية على بلدة كفرنبل بريف "
                            "إدلب.\nكما قُتل ثلاثة آخرون في بلدة معرشورين بغارات مماثلة.",
                            PUBLISHED).events
    assert [(e.perpetrator, e.killed) for e in events] == [("russia", 6), ("russia", 3)]


def test_at_the_same_time_as_the_attack_told_is_its_day() -> None:
    events = extract_events("قتل خمسة مدنيين بغارة روسية على بلدة اللطامنة بريف حماة يوم السبت."
                            "\nبالتزامن مع تلك الغارة، قصفت قوات الأسد بقذائف المدفعية بلدة "
                            "كفرزيتا المجاورة، ما أسفر عن إصابة أربعة مدنيين.", PUBLISHED).events
    assert [(e.type, e.date) for e in events] == [("airstrike", date(2021, 1, 2)),
                                                  ("shelling", date(2021, 1, 2))]


def test_a_monthly_reports_figures_are_tallies_though_it_names_its_own_day() -> None:
    extraction = extract_events(
        "أصدرت الشبكة السورية لحقوق الإنسان اليوم السبت تقريرها الشهري، ووثّقت فيه مقتل 118 "
        "مدنياً خلال شهر كانون الأول/ديسمبر 2025، بينهم 17 طفلاً.\nوبحسب التقرير، قُتل 52 مدنياً "
        "على يد جهات لم تتمكن الشبكة من تحديدها، في حين قتلت القوات الحكومية 21 مدنياً.",
        date(2026, 1, 3))
    assert extraction.events == []
    assert [(t.period, t.perpetrator, t.killed) for t in extraction.tallies] == [
        ("2025-12", None, 118), ("2025-12", None, 52), ("2025-12", "government", 21)]


def test_attacks_over_a_period_told_before_their_toll_are_a_tally_not_the_last_attacks() -> None:
    extraction = extract_events(
        "وفي ريف حلب الغربي، قصفت قوات النظام بقذائف المدفعية الثقيلة أطراف مدينة دارة عزة، "
        "واقتصرت الأضرار على الماديات.\nوبحسب إحصائية للدفاع المدني، فقد استهدفت قوات النظام "
        "المدنيين بأكثر من 80 طائرة مسيّرة انتحارية خلال العام الماضي، ما أدى إلى مقتل 11 مدنياً "
        "وإصابة 47 آخرين.", date(2024, 1, 8))
    assert [(e.type, e.killed, e.wounded) for e in extraction.events] == [
        ("shelling", None, None)]
    assert [(t.period, t.killed, t.wounded) for t in extraction.tallies] == [("2023", 11, 47)]


@pytest.mark.parametrize(("text", "published", "tally"), [
    # since a day, up to the day it was published
    ("ارتفعت حصيلة القتلى الذين وثقهم المرصد منذ يوم الخميس الفائت في مناطق الساحل إلى 830 "
     "شخصاً.", date(2025, 3, 10), ("2025-03-06/2025-03-10", 830)),
    ("ووثق الدفاع المدني مقتل 229 مدنياً منذ بدء التصعيد الأعنف في الـ 30 من نيسان.",
     date(2019, 5, 22), ("2019-04-30/2019-05-22", 229)),
    # from one day to another
    ("وثقت الشبكة 9 هجمات بين ١١ و١٧ تشرين الثاني، أسفرت عن مقتل خمسة أشخاص.",
     date(2024, 11, 18), ("2024-11-11/2024-11-17", 5)),
    ("رصدت الشبكة خلال الأسبوع الممتد من 7 حتى 13 كانون الأول مقتل 9 أشخاص في ريف دير الزور.",
     date(2019, 12, 15), ("2019-12-07/2019-12-13", 9)),
    # a day's toll of many attacks
    ("ووثق المرصد السوري اليوم مقتل 9 أشخاص بأعمال عنف متفرقة في مناطق سورية عدة.",
     date(2024, 3, 12), ("2024-03-12", 9)),
])
def test_a_toll_over_days_is_a_tally_of_those_days(text: str, published: date,
                                                   tally: tuple[str, int]) -> None:
    extraction = extract_events(text, published)
    assert extraction.events == []
    assert [(t.period, t.killed) for t in extraction.tallies] == [tally]


def test_a_running_total_told_with_an_attack_is_a_tally_beside_it() -> None:
    extraction = extract_events(
        "قُتل ثلاثة مدنيين اليوم بقصف مدفعي لقوات النظام على بلدة كفرنبل، ليرتفع عدد ضحايا "
        "الحملة منذ يوم الأحد الماضي إلى 50 مدنياً.\nومنذ مطلع شباط/فبراير الماضي، لقي ما لا "
        "يقل عن 47 شخصاً من جامعي الكمأة مصرعهم بانفجار ألغام في بوادي حماة وحمص.",
        date(2021, 3, 8))
    assert [(e.type, e.killed) for e in extraction.events] == [("shelling", 3)]
    assert [(t.period, t.killed) for t in extraction.tallies] == [
        ("2021-02-28/2021-03-08", 50), ("2021-02-01/2021-03-08", 47)]


def test_a_monthly_reports_figures_by_perpetrator_are_the_months() -> None:
    extraction = extract_events(
        "وثقت الشبكة السورية لحقوق الإنسان مقتل 103 مدنيين في سوريا خلال شهر آذار الماضي، وذلك "
        "مع دخول اتفاق وقف إطلاق النار في منطقة إدلب حيز التنفيذ.\nوقال التقرير الشهري الذي "
        "أصدرته الشبكة اليوم، الخميس، إن قوات النظام السوري قتلت 23 مدنياً خلال الشهر، فيما "
        "قتلت القوات الروسية 8 مدنيين.\nوارتفعت حصيلة القتلى منذ اندلاع المواجهات يوم الأحد "
        "إلى 203 قتلى.", date(2020, 4, 2))
    assert extraction.events == []
    assert [(t.period, t.killed) for t in extraction.tallies] == [
        ("2020-03", 103), ("2020-03", 23), ("2020-03", 8), ("2020-03-29/2020-04-02", 203)]


def test_one_attack_counted_among_others_over_a_period_is_still_an_event() -> None:
    extraction = extract_events(
        "وقالت مصادر محلية إن الهجوم هو الثاني من نوعه خلال أسبوع، بعد هجوم مماثل استهدف حاجزاً "
        "للفرقة الرابعة قرب بلدة محكان الأسبوع الماضي وأسفر عن مقتل سبعة عناصر.",
        date(2021, 5, 25))
    assert [(e.place, e.killed) for e in extraction.events] == [("محكان", 7)]
    assert extraction.tallies == []


def test_a_toll_since_a_day_is_a_running_total_not_an_attack() -> None:
    extraction = extract_events(
        "ووثّق ناشطون مقتل 39 مدنياً بالغارات الروسية منذ بدء التدخل الروسي في 30 أيلول/سبتمبر "
        "الماضي، معظمهم في ريفي حماة وإدلب.\nوبحسب إحصائية لشبكة محلية، قُتل منذ بدء المواجهات "
        "يوم الأحد الماضي 71 شخصاً في ريف دير الزور.", date(2015, 10, 8))
    assert extraction.events == []


def test_the_cell_an_arrest_story_told_of_did_the_attack_it_recalls() -> None:
    event = _one("أعلنت وزارة الداخلية اليوم تفكيك خلية تابعة لتنظيم \"داعش\" في بلدة ببيلا بريف "
                 "دمشق.\nوأضافت أن التحقيقات الأولية كشفت مسؤولية الخلية عن تفجير عبوة ناسفة "
                 "بسيارة في منطقة السيدة زينب أواخر تموز الماضي، أدى إلى إصابة شخصين بجروح.")
    assert (event.type, event.perpetrator, event.wounded) == ("ied", "isis", 2)


def test_a_denial_after_an_attack_and_its_toll_denies_who_fired_not_the_attack() -> None:
    event = _one("سقطت اليوم قذائف هاون على حي السريان في مدينة حلب، ما أدى إلى إصابة خمسة مدنيين، "
                 "وقالت مصادر أمنية إن القذائف أُطلقت من مواقع قسد في الشيخ مقصود، وهو ما نفته "
                 "الأخيرة.")
    assert (event.type, event.perpetrator, event.target, event.wounded) == (
        "shelling", "sdf", "civilians", 5)
    assert event.place != "الشيخ مقصود"  # where the fire came from


def test_a_report_found_untrue_is_no_attack() -> None:
    assert extract_events("وكانت حسابات على فيسبوك قد نشرت الشهر الماضي أنباء عن انفجار عبوة "
                          "ناسفة بسيارة للأمن العام في مدينة سرمدا، قبل أن يتبين عدم صحتها.",
                          PUBLISHED).events == []


@pytest.mark.parametrize(("text", "place"), [
    ("وشنت طائرات حربية إسرائيلية أمس غارات على أرتال عسكرية على أطراف مدينة السويداء، ما أدى "
     "إلى مقتل ستة عناصر.", "السويداء"),
    ("استهدفت غارة إسرائيلية اليوم محيط مبنى هيئة الأركان العامة في ساحة الأمويين بدمشق، ما "
     "أدى إلى إصابة ثلاثة أشخاص.", "دمشق"),
])
def test_a_governorates_seat_city_is_the_place(text: str, place: str) -> None:
    assert _one(text).place == place


@pytest.mark.parametrize(("a", "b", "same"), [
    ("حي البدو", "البدو", True),
    ("مدينة الرقة", "الرقة", True),
    ("حقل العمر النفطي", "حقل العمر", True),
    ("مخيم الهول", "الهول", False),  # the camp is not the town
    ("حي البدو", "حي الرميلة", False),
])
def test_one_place_by_two_names(a: str, b: str, same: bool) -> None:
    from pipeline.places import same_place

    assert same_place(a, b) is same


def test_the_raid_told_reaching_one_more_place_is_its_day_and_hand() -> None:
    extraction = extract_events(
        "شنت مقاتلات إسرائيلية، فجر اليوم الأحد، غارات صاروخية استهدفت مبنى سكنياً في حي "
        "كفرسوسة بالعاصمة دمشق، ما أدى إلى مقتل خمسة أشخاص.\n"
        "وطالت الغارات كذلك مواقع للدفاع الجوي في محيط مدينة الكسوة بريف دمشق، دون ورود "
        "معلومات عن خسائر بشرية.", date(2023, 2, 19))
    assert [(e.governorate, e.perpetrator, e.date) for e in extraction.events] == [
        ("SY-DI", "israel", date(2023, 2, 19)), ("SY-RD", "israel", date(2023, 2, 19))]


def test_another_strike_and_the_strikes_reaching_a_town_are_the_raids() -> None:
    extraction = extract_events(
        "شنت طائرات حربية أمريكية، فجر اليوم السبت، ضربات جوية استهدفت مستودعاً للأسلحة تابعاً "
        "لميليشيا كتائب حزب الله العراقية في مدينة البوكمال، ما أدى إلى مقتل تسعة عناصر.\n"
        "وذكرت المصادر ذاتها أن ضربة أخرى طالت مقراً للحرس الثوري في حي التمو بمدينة الميادين، "
        "دون أن تتضح الخسائر حتى الآن.", date(2023, 10, 28))
    assert [(e.type, e.perpetrator, e.place, e.date) for e in extraction.events] == [
        ("airstrike", "coalition", "البوكمال", date(2023, 10, 28)),
        ("airstrike", "coalition", "التمو", date(2023, 10, 28))]
    extraction = extract_events(
        "استهدفت طائرات مسيرة تركية، أمس الجمعة، رتلاً لقوات النظام قرب مدينة سراقب بريف إدلب. "
        "كما طالت الضربات مواقع لميليشيا حزب الله في محيط بلدة العيس بريف حلب الجنوبي، ما أدى "
        "إلى مقتل تسعة من عناصر الميليشيا.", date(2020, 2, 29))
    assert [(e.type, e.perpetrator, e.governorate, e.date) for e in extraction.events][1] == (
        "drone_strike", "turkey", "SY-HL", date(2020, 2, 28))


def test_a_tallys_breakdown_by_side_gives_a_tally_for_each_side() -> None:
    inline = extract_events(
        "وثق المرصد السوري خلال شهر شباط الماضي مقتل 33 شخصاً في محافظة درعا، بينهم 14 من عناصر "
        "الأمن العام و19 مدنياً، بينهم أربعة أطفال.", date(2026, 3, 10))
    assert [(t.period, t.killed) for t in inline.tallies] == [
        ("2026-02", 33), ("2026-02", 14), ("2026-02", 19)]
    assert inline.tallies[2].target == "civilians"
    listed = extract_events(
        "وثقت الشبكة خلال الأسبوع الممتد من 10 إلى 16 شباط 2024 مقتل 97 شخصاً، توزعوا على النحو "
        "الآتي:\n- 31 مدنياً، بينهم 6 أطفال و4 سيدات.\n- 29 من عناصر قوات النظام.\n"
        "- 12 من المسلحين الموالين لقوات النظام من جنسيات سورية.\n"
        '- 9 من "قوات سوريا الديمقراطية" والتشكيلات العسكرية التابعة لها.\n'
        '- 16 من عناصر تنظيم "الدولة الإسلامية".', date(2024, 2, 17))
    assert [(t.killed, t.target) for t in listed.tallies][1:] == [
        (31, "civilians"), (29, "government_forces"), (12, "pro_government_militia"),
        (9, "sdf"), (16, "isis")]
    assert listed.events == []
    # Children and women among the civilians are no side; the list ends where the sentence
    # turns to something else.
    other = extract_events(
        "وثّقت الشبكة مقتل 142 مدنياً في سوريا خلال كانون الثاني 2026، بينهم 19 طفلاً و11 سيدة "
        "و31 مواطنة، في ارتفاع ملحوظ مقارنة بالشهر السابق الذي سجّل مقتل 96 مدنياً.",
        date(2026, 2, 2))
    assert [t.killed for t in other.tallies] == [142]


def test_one_more_attack_told_with_its_place_counts_though_it_hurt_no_one() -> None:
    extraction = extract_events(
        "استشهد خمسة مدنيين، أمس الأربعاء، جراء استهداف طائرة مسيّرة تركية قافلة مدنية قرب سد "
        "تشرين.\nكما شنّت الطائرات الحربية التركية غارتين على محيط جسر قره قوزاق، دون ورود "
        "معلومات عن خسائر بشرية.\nكما اختطف مجهولون شاباً من بلدة المسيفرة أثناء عودته من عمله.",
        date(2025, 1, 16))
    assert [(e.type, e.perpetrator, e.place, e.date) for e in extraction.events][1:] == [
        ("airstrike", "turkey", "جسر قره قوزاق", date(2025, 1, 15))]
    # A controlled detonation by engineers is no attack.
    assert extract_events(
        "كما تمكن فريق الهندسة من تفجير قذيفة غير منفجرة من مخلفات الحرب عُثر عليها في أرض "
        "زراعية في ريف الشيخ بدر، دون وقوع أي أضرار.", date(2025, 10, 19)).events == []


def test_the_countrys_toll_of_the_day_and_a_total_since_told_after_its_figure_are_tallies() -> None:
    extraction = extract_events(
        "وفي مدينة الرستن، دارت اشتباكات عنيفة يوم أمس الاثنين بين مقاتلين من الكتائب والقوات "
        "النظامية عند مدخل المدينة، أسفرت عن مصرع ستة عناصر من القوات النظامية.\n"
        "وارتفع عدد الشهداء الذين سقطوا اليوم في سوريا إلى 87 شهيداً، بينهم 61 مدنياً.\n"
        "وارتفع عدد الضحايا المدنيين في الأحياء الشرقية من حمص إلى 212 منذ استئناف الحملة "
        "الجوية يوم الثلاثاء الماضي.", date(2012, 8, 14))
    assert [e.killed for e in extraction.events] == [6]
    assert [(t.period, t.killed) for t in extraction.tallies] == [
        ("2012-08-14", 87), ("2012-08-14", 61), ("2012-08-07/2012-08-14", 212)]
    # the day's toll across the country, on a day whose month is named
    day = extract_events(
        "وثّق المرصد السوري مقتل 96 شخصاً يوم أمس الجمعة الـ 23 من شهر أيلول / سبتمبر من العام "
        "2016، في عموم الأراضي السورية، بينهم 61 مدنياً.", date(2016, 9, 24))
    assert [(t.period, t.killed) for t in day.tallies] == [("2016-09-23", 96), ("2016-09-23", 61)]


def test_sanas_israeli_aggression_is_an_air_strike_unless_a_drones() -> None:
    assert attack_type(normalize("استشهد مواطنان جراء عدوان إسرائيلي استهدف بناء سكنياً")) == (
        "airstrike")
    assert attack_type(normalize("شن العدو الإسرائيلي عدواناً جوياً من اتجاه الأراضي اللبنانية")) == (
        "airstrike")
    assert attack_type(normalize("استهدف العدوان الإسرائيلي بطائرة مسيرة سيارة")) == "drone_strike"
    # "عدوان", a village of Daraa, only where the text says it is a place
    event = extract_events("استشهد عسكريان اثنان بعدوان جوي إسرائيلي استهدف فجر اليوم نقاطاً في "
                           "محيط مطار دمشق الدولي.", date(2023, 4, 3)).events[0]
    assert (event.type, event.governorate) == ("airstrike", "SY-RD")


@pytest.mark.parametrize(("text", "place", "governorate"), [
    ("شنت طائرات حربية إسرائيلية مساء أمس سلسلة غارات على مطار حماة العسكري، ما أدى إلى تدمير "
     "مدرجه.", "مطار حماة العسكري", "SY-HM"),
    ("قتل 89 شخصاً بهجوم بطائرات مسيرة استهدف حفل تخريج في الكلية الحربية بمدينة حمص.",
     "الكلية الحربية", "SY-HI"),
    ("استهدفت مسيرة تركية محيط جسر قره قوزاق فجر اليوم، ما أدى إلى مقتل مدني.", "جسر قره قوزاق",
     "SY-HL"),
    ("قُتل سبعة من حراس سجن غويران بهجوم شنه تنظيم الدولة ليل الخميس بتفجير سيارتين مفخختين "
     "عند بوابة السجن.", "سجن غويران", "SY-HA"),
    # where the shells were fired from is not where they fell
    ("قُتلت طفلتان بقذائف صاروخية سقطت على مدينة السقيلبية مساء الأحد، واتهمت وسائل إعلام "
     "النظام فصائل المعارضة بإطلاقها من ريف إدلب الجنوبي.", "السقيلبية", "SY-HM"),
    # "المزرعة" where the text says it is a place, not "the farm"
    ("استهدفت طائرات مسيّرة إسرائيلية أمس رتلاً لقوات وزارة الدفاع على طريق المزرعة - السويداء، "
     "ما أدى لمقتل ستة عناصر.", "المزرعة", "SY-SU"),
    # the presidential palace is no village "القصر" of Suwayda
    ("شنت طائرات حربية إسرائيلية ظهر اليوم غارات على مبنى هيئة الأركان العامة في ساحة الأمويين "
     "وسط دمشق ومحيط القصر الجمهوري، ما أسفر عن مقتل ثلاثة أشخاص.", "دمشق", "SY-DI"),
])
def test_air_bases_and_landmarks_the_news_names(text: str, place: str, governorate: str) -> None:
    event = extract_events(text, date(2025, 4, 3)).events[0]
    assert (event.place, event.governorate) == (place, governorate)


def test_a_total_rising_to_a_figure_counted_since_a_day_told_after_it() -> None:
    extraction = extract_events(
        "وعلى صعيد متصل، قتل 6 عناصر من قوات النظام في اشتباكات مع جيش الإسلام على محور حوش "
        "الضواهرة في منطقة المرج اليوم.\n"
        "وبذلك يرتفع إلى 346 بينهم 81 طفلاً عدد الشهداء المدنيين الذين وثقهم المرصد منذ ليل الأحد "
        "18 شباط / فبراير الجاري.\n"
        "وبذلك يرتفع إلى 73 عدد عناصر قوات النظام الذين قتلوا منذ بدء الهجوم في الثالث عشر من "
        "شباط الجاري.", date(2018, 2, 22))
    assert [e.killed for e in extraction.events] == [6]
    assert [(t.period, t.killed) for t in extraction.tallies] == [
        ("2018-02-18/2018-02-22", 346), ("2018-02-13/2018-02-22", 73)]


def test_a_quarter_is_of_the_city_the_story_is_from() -> None:
    hasakah = extract_events(
        "تتواصل المواجهات في محيط سجن غويران بمدينة الحسكة لليوم الثالث، وسط حظر تجوال في "
        "أحياء الحسكة الجنوبية.\n"
        "وشنت طائرات التحالف الدولي أمس غارات على مبانٍ في محيط السجن يتحصن فيها عناصر التنظيم، "
        "ما أدى إلى مقتل سبعة منهم.\n"
        "واليوم، تدور اشتباكات متقطعة في حي الزهور المجاور، قتل فيها 17 عنصراً من التنظيم.",
        date(2022, 1, 22))
    assert {e.governorate for e in hasakah.events} == {"SY-HA"}
    assert "السجن" not in {e.place for e in hasakah.events}
    # the capital's quarters stand among its countryside's towns
    ghouta = extract_events(
        "قصفت قوات النظام مدينة دوما في الغوطة الشرقية بريف دمشق اليوم، ما أدى إلى مقتل ثلاثة "
        "مدنيين.\nفي المقابل، سقطت قذائف على حي باب توما، ما أسفر عن إصابة أربعة مدنيين.",
        date(2018, 3, 12))
    assert [e.governorate for e in ghouta.events] == ["SY-RD", "SY-DI"]


def test_a_years_toll_shared_out_by_side_and_by_hand() -> None:
    extraction = extract_events(
        "وثق المرصد السوري مقتل 11215 شخصاً على الأراضي السورية خلال عام 2019، وهي الحصيلة "
        "السنوية الأدنى منذ انطلاق الثورة السورية في آذار / مارس 2011.\n"
        "وتوزعت الحصيلة على النحو التالي: 3473 مدنياً بينهم 1021 طفلاً، و1591 عنصراً من قوات "
        "النظام، و1244 من المسلحين الموالين لها من جنسيات سورية.\n"
        "ومن بين الضحايا المدنيين، قتل 1497 مدنياً بغارات الطائرات الحربية الروسية، و1116 بقصف "
        "قوات النظام وطائراتها، فيما قتل 233 مدنياً بالقصف التركي وهجمات الفصائل الموالية "
        "لأنقرة شمال شرقي البلاد.",
        date(2020, 1, 1))
    assert extraction.events == []
    assert [(t.period, t.killed, t.perpetrator, t.target) for t in extraction.tallies][1:] == [
        ("2019", 3473, None, "civilians"), ("2019", 1591, None, "government_forces"),
        ("2019", 1244, None, "pro_government_militia"), ("2019", 1497, "russia", "civilians"),
        ("2019", 1116, "government", None), ("2019", 233, "sna", "civilians")]


def test_a_fist_fight_among_fans_and_the_other_sides_losses_in_the_confrontations() -> None:
    assert extract_events(
        "وشهدت المدرجات في نهاية اللقاء اشتباكاً بالأيدي بين عدد من مشجعي الفريقين، أسفر عن "
        "إصابة 6 أشخاص بجروح طفيفة.", date(2021, 5, 2)).events == []
    extraction = extract_events(
        "قالت وحدات حماية الشعب في بيان إن مقاتليها تصدوا لهجوم شنته فصائل الجيش الوطني على "
        "محور ناحية بلبل شمالي عفرين، ليل الأحد، ما أسفر عن مقتل 11 من عناصر الفصائل المهاجمة، "
        "بينما فقد مقاتلان اثنان من الوحدات حياتهما خلال المواجهات.", date(2018, 2, 5))
    assert [e.killed for e in extraction.events] == [13]


def test_a_fight_told_alongside_the_attack_is_its_own() -> None:
    extraction = extract_events(
        "شن تنظيم داعش فجر أمس السبت هجوماً واسعاً على بلدة البغيلية شمال غرب مدينة دير الزور، "
        "ما أدى إلى مقتل 85 مدنياً.\n"
        "وبالتوازي، تدور منذ يوم أمس اشتباكات عنيفة بين عناصر التنظيم وقوات النظام في محيط حي "
        "الصناعة، أسفرت عن مقتل تسعة عناصر من قوات النظام.", date(2016, 1, 17))
    assert [(e.type, e.killed) for e in extraction.events] == [
        ("armed_attack", 85), ("clash", 9)]


def test_a_suicide_bombing_with_no_one_named_is_the_islamic_states_from_2014() -> None:
    text = ("قتل ثمانية عناصر من قوات الأمن بتفجير انتحاري استهدف حاجزاً عند مدخل مدينة حمص "
            "صباح اليوم.")
    assert extract_events(text, date(2016, 2, 21)).events[0].perpetrator == "isis"
    assert extract_events(text, date(2012, 12, 23)).events[0].perpetrator == "unknown"


@pytest.mark.parametrize(("text", "place"), [
    ("قتل 26 مدنياً يوم أمس في غارات جوية استهدفت أحياء الشعار والصالحين في حلب المحاصرة.",
     "الشعار"),
    # which quarters, or where the villages lie, is no name
    ("قتل سبعة مدنيين بغارات استهدفت أحياء سكنية في مدينة أريحا اليوم.", "أريحا"),
    ("تصدى مقاتلو قسد منذ فجر اليوم لهجمات شنتها الفصائل على قرى شرقي مدينة تل أبيض، ما أسفر عن "
     "مقتل 14 من عناصر الفصائل.", "تل أبيض"),
])
def test_quarters_named_together_and_words_that_name_none(text: str, place: str) -> None:
    assert extract_events(text, date(2016, 11, 24)).events[0].place == place


def test_a_fight_recalled_by_its_month_alone_hurting_no_one_is_background() -> None:
    assert extract_events(
        "وتحاول قوات الأسد استعادة المناطق التي خسرتها في معركة الساحل التي أطلقتها المعارضة في "
        "آذار الماضي، ومنها بلدة كسب الحدودية.", date(2014, 6, 3)).events == []


def test_a_toll_from_one_weekday_to_another_is_a_tally_of_those_days() -> None:
    extraction = extract_events(
        "واستهدف مسلحون بقذيفة هاون مقر الأمن العام في مدينة جبلة فجر اليوم السبت، دون وقوع "
        "إصابات.\nوبحسب الشبكة السورية لحقوق الإنسان، قُتل 125 مدنياً في محافظتي اللاذقية وطرطوس "
        "منذ الخميس وحتى مساء الجمعة، بينهم نساء وأطفال.", date(2025, 3, 8))
    assert [e.killed for e in extraction.events] == [None]
    assert [(t.period, t.killed) for t in extraction.tallies] == [
        ("2025-03-06/2025-03-07", 125)]


def test_a_toll_reached_since_a_day_and_a_strike_in_damascus_that_hurt_no_one() -> None:
    extraction = extract_events(
        "وفجر اليوم الجمعة، استهدفت غارة إسرائيلية محيط قصر الشعب في دمشق، من دون أن تسفر عن "
        "إصابات.\nوبلغت حصيلة القتلى منذ الثلاثاء 101 قتيل، بينهم 30 من عناصر الأمن العام، وفق "
        "المرصد السوري.", date(2025, 5, 2))
    assert [(e.place, e.killed) for e in extraction.events] == [("دمشق", None)]
    assert [(t.period, t.killed) for t in extraction.tallies] == [
        ("2025-04-29/2025-05-02", 101), ("2025-04-29/2025-05-02", 30)]


def test_the_raids_told_striking_in_another_governorate_are_an_attack_there() -> None:
    extraction = extract_events(
        "شنت طائرات حربية إسرائيلية ليل الإثنين - الثلاثاء سلسلة غارات عنيفة استهدفت مواقع عسكرية "
        "في العاصمة دمشق ومحيطها.\n"
        "وفي ريف دمشق، استهدفت الغارات مقر اللواء 155 في منطقة القطيفة بالقلمون، حيث دُمّرت منصات "
        "صواريخ ومستودعات أسلحة.", date(2024, 12, 10))
    assert [(e.governorate, e.perpetrator, e.date) for e in extraction.events] == [
        ("SY-DI", "israel", date(2024, 12, 9)), ("SY-RD", "israel", date(2024, 12, 9))]


def test_a_quarter_of_a_city_the_clause_names_itself_is_not_the_city_just_told() -> None:
    extraction = extract_events(
        "وفي محافظة إدلب، قُتل ثلاثة عناصر من القوات النظامية أمس، خلال هجوم نفذه منشقون على "
        "حاجز عند المدخل الشمالي لمدينة معرة النعمان.\n"
        "وفي مدينة حماة، استشهد ثلاثة مواطنين برصاص القوات النظامية عند حاجز في حي الحميدية، ليل "
        "الأربعاء - الخميس، بحسب ناشطين من المدينة.", date(2012, 2, 9))
    assert [e.governorate for e in extraction.events] == ["SY-ID", "SY-HM"]


def test_cue_syntax_whole_word_not_followed_by_a_word() -> None:
    from pipeline.clauses import _phrase

    folded, after = _phrase("عملياتها$! النوعية", False)
    pattern = re.compile(folded + after)
    assert pattern.match("عملياتها في الشمال") and not pattern.match("عملياتها النوعيه")
    assert not re.compile(_phrase("عملياته$! النوعية", False)[0]
                          + _phrase("عملياته$! النوعية", False)[1]).match("عملياتها")
