"""HTML or a plain-text page dump -> clean article text and metadata (trafilatura + site rules).

General rules live here; what one outlet prints (its share labels, related headings, title
suffix) lives in its site file.
"""

from __future__ import annotations

import re
from datetime import datetime

import htmldate
import lxml.html
import trafilatura
from lxml.cssselect import CSSSelector

from pipeline.errors import RasdError
from pipeline.models import ExtractedArticle
from pipeline.normalize import normalize
from pipeline.sites import Site
from pipeline.timestamps import parse_published

# Headings after which an outlet lists other stories: every line after them is someone else's.
RELATED_HEADINGS = (
    "مقالات ذات صلة", "من الممكن أن يعجبك", "أخبار ذات علاقة", "مواضيع تهمك",
    "أخبار متعلقة", "مواضيع ذات صلة", "قد يعجبك أيضاً", "قد يهمك أيضاً", "الأكثر قراءة",
    "المزيد من الأخبار", "آخر الأخبار", "أخبار ذات صلة", "ذات صلة", "مرتبط", "مواد ذات صلة",
    "تقارير ذات صلة", "أخبار مشابهة", "مقالات مشابهة", "قد يهمك", "قد يعجبك", "اخترنا لك",
    "شاهد أيضاً", "شاهد أيضا", "اقرأ المزيد", "المزيد", "أخبار مرتبطة", "مواضيع مرتبطة",
    "ذو صلة", "أخبار أخرى", "اقرأ أيضاً", "اقرأ أيضا",
)
# A "read also" line inside the text: another story's headline, on the same line after a
# colon or alone on the next one. Dropped, and the article goes on after it.
READ_ALSO = re.compile(r"^(?:اقرأ|إقرأ|اقرا|إقرا)\s+(?:أيضاً|أيضا|ايضا|ايضاً)\s*[:：]?\s*(.*)$")
# Lines that are page furniture wherever they appear.
BOILERPLATE_LINES = (
    "Facebook", "Twitter", "WhatsApp", "Telegram", "شارك", "مشاركة", "طباعة", "شارك الخبر",
    "شارك المقال", "زر الذهاب إلى الأعلى", "العودة إلى الأعلى", "التعليقات مغلقة.",
    "التعليقات مغلقة، ولكن تركبكس وبينغبكس مفتوحة.", "أضف تعليق", "اترك تعليقاً",
    "لا توجد تعليقات", "تصغير الخط", "تكبير الخط", "حجم الخط", "نسخ الرابط", "X", "Email",
    "LinkedIn", "Pinterest", "Messenger", "Print", "Copy link", "فيسبوك", "تويتر", "واتساب",
    "تلغرام", "تيليغرام", "لينكدإن", "البريد الإلكتروني", "انستغرام", "إنستغرام",
)
BOILERPLATE_PATTERNS = (
    r"^(?:تابعونا|تابعوا|انضموا|انضم)\b.{0,60}(?:تلغرام|تيليغرام|تليجرام|فيسبوك|فيس بوك|"
    r"تويتر|واتساب|يوتيوب|إنستغرام|قناتنا|صفحتنا)",
    r"^(?:اشترك|اشتركوا|سجّل|سجل)\b.{0,40}(?:النشرة|نشرتنا|البريدية|القائمة البريدية)",
    r"^(?:عدد\s+)?(?:المشاهدات|المشاهدة|القراءات|مشاهدات)\s*[:：]?\s*[\d٠-٩,٬]+$",
    r"^[\d٠-٩,٬]+\s*(?:مشاهدة|مشاهدات|قراءة|زيارة)$",
    r"^(?:A\+|A-|\+A|-A|A)$",
    r"^(?:بقلم|تحرير|إعداد|اعداد|كتب|كتبت|المصدر|الكاتب|تصوير)\s*[:：]\s*\S+(?:\s+\S+){0,5}$",
    r"^التعليقات مغلقة",
    # comment-section notices ("the views below do not reflect the site's")
    r"^(?:الآراء|التعليقات)\s.{0,60}لا\s+(?:تعبر|تعبّر)\s+عن\s+(?:رأي|وجهة)",
    r"^ترحب\s.{0,40}بالنقاش",
)
MIN_DEDUP_WORDS = 8
# Comments dropped at parse: trafilatura's readability fallback fails on them in a tree.
_PARSER = lxml.html.HTMLParser(remove_comments=True)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN = re.compile(r"[A-Za-z]")
_PUBLISHED_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="pubdate"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    "//time[@datetime]/@datetime",
)


def _key(line: str) -> str:
    return normalize(line).strip(" .:،-–")


def detect_language(text: str) -> str:
    """'ar' when Arabic letters outnumber Latin ones, else 'other' (enough to skip non-Arabic)."""
    arabic, latin = len(_ARABIC.findall(text)), len(_LATIN.findall(text))
    if arabic == 0 and latin == 0:
        return "und"
    return "ar" if arabic >= latin else "other"


def clean_title(title: str | None, site: Site | None) -> str | None:
    """Drop the outlet's suffix from a page title."""
    if not title:
        return None
    title = title.strip()
    for suffix in site.title_suffixes if site else ():
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def clean_lines(lines: list[str], title: str | None, site: Site | None) -> list[str]:
    """Keep the article's own paragraphs: no furniture, no related lists, no repeats."""
    headings = {_key(h) for h in RELATED_HEADINGS + (site.related_headings if site else ())}
    furniture = {_key(b) for b in BOILERPLATE_LINES + (site.boilerplate_lines if site else ())}
    patterns = [re.compile(p) for p in
                BOILERPLATE_PATTERNS + (site.boilerplate_patterns if site else ())]
    seen = {_key(title)} if title else set()
    kept: list[str] = []
    skip_next = False
    for raw in lines:
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        read_also = READ_ALSO.match(line)
        if read_also:
            skip_next = not read_also.group(1)  # the headline follows on its own line
            continue
        if skip_next:
            skip_next = False
            continue
        key = _key(line)
        if key in headings:
            if kept:
                break
            continue
        if key in furniture or key in seen or any(p.search(line) for p in patterns):
            continue
        # A sentence said twice is a duplicated body; short lines (list items, table rows,
        # code) may well repeat in a real article.
        if len(line.split()) >= MIN_DEDUP_WORDS:
            seen.add(key)
        kept.append(line)
    return kept


def _article(title: str | None, lines: list[str], published: datetime | None,
             canonical: str | None) -> ExtractedArticle:
    text = "\n".join(lines)
    if not text:
        raise RasdError("no article text found")
    return ExtractedArticle(
        title=title, published=published, text=text, normalized=normalize(text),
        language=detect_language(text), canonical_url=canonical,
    )


def _page_title(tree) -> str | None:
    """The headline the page declares: og:title, else <title>, else its first h1."""
    for xpath in ('//meta[@property="og:title"]/@content', "//title//text()", "//h1//text()"):
        found = " ".join(" ".join(tree.xpath(xpath)[:1]).split())
        if found:
            return found
    return None


def _htmldate(tree) -> datetime | None:
    """Publication date by htmldate's quick search, for pages without the usual tags."""
    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True,
                                   outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    return parse_published(found) if found else None


def _decode(html: bytes | str, encoding: str | None) -> str:
    if isinstance(html, str):
        return html
    if b"\x00" in html[:4096]:
        raise RasdError("not an HTML page (binary content)")
    for candidate in filter(None, (encoding, "utf-8")):
        try:
            return html.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    # trafilatura's own detection copes with undeclared legacy encodings (windows-1256).
    return trafilatura.utils.decode_file(html)


# UTF-8 Arabic read as windows-1252 (a misconfigured CMS or database): a lead byte of the
# Arabic block (Ø Ù Ú Û) before a continuation byte, as 1252 (or latin-1) shows them.
_CONTINUATIONS = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                         for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile("[\u00d8\u00d9\u00da\u00db][" + re.escape(_CONTINUATIONS) + "]")
_MOJIBAKE_MIN = 20  # pairs; a real page quoting a few such characters is left alone


def _byte_of(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:
        return char.encode("latin-1") if ord(char) < 256 else char.encode("utf-8")


def repair_mojibake(text: str) -> str:
    """The text with UTF-8 Arabic that was read as windows-1252 put right; unchanged when it
    shows no such damage or the repair does not give valid UTF-8."""
    if len(_MOJIBAKE.findall(text, 0, 200_000)) < _MOJIBAKE_MIN:
        return text
    try:
        return b"".join(_byte_of(c) for c in text).decode("utf-8")
    except UnicodeDecodeError:
        return text


_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
           "figcaption", "td"}


def _block_lines(node) -> list[str]:
    """The text of each outermost block element under node, one line each."""
    lines: list[str] = []

    def walk(element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _BLOCKS:
                lines.append(child.text_content())
            else:
                walk(child)

    walk(node)
    return lines or node.text_content().splitlines()


def _by_selectors(tree, site: Site) -> tuple[str | None, list[str]] | None:
    """(title, lines) from the site's own selectors, or None when the page does not match."""
    if not site.content_selector:
        return None
    nodes = CSSSelector(site.content_selector)(tree)
    if not nodes:
        return None
    for xpath in site.prune_xpaths:
        for element in nodes[0].xpath("." + xpath if xpath.startswith("//") else xpath):
            element.drop_tree()
    title = None
    if site.title_selector:
        found = CSSSelector(site.title_selector)(tree)
        title = " ".join(found[0].text_content().split()) if found else None
    return title, _block_lines(nodes[0])


def extract_html(html: bytes | str, url: str | None = None, site: Site | None = None,
                 encoding: str | None = None) -> ExtractedArticle:
    """Extract the article of one HTML page; RasdError when it holds none.

    A site whose file names selectors is read by them (exact, and right on short items where
    trafilatura falls back to page-wide text); any other page goes to trafilatura."""
    markup = repair_mojibake(_decode(html, encoding))
    if "<" not in markup[:2048]:
        raise RasdError("not an HTML page (no markup)")
    try:
        tree = lxml.html.fromstring(markup, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RasdError(f"not an HTML page ({exc})") from exc
    # libxml2 drops whatever lies deeper than 256 elements: the text there is lost.
    if any("Excessive depth" in e.message for e in _PARSER.error_log):
        raise RasdError("markup nested too deeply (over 256 levels)")
    published = None
    for xpath in _PUBLISHED_XPATHS:
        found = tree.xpath(xpath)
        published = parse_published(found[0]) if found else None
        if published:
            break
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    canonical = canonical[0] if canonical else None
    own = _by_selectors(tree, site) if site else None
    if own is not None and own[0]:
        title, lines = clean_title(own[0], site), own[1]
    else:
        # Metadata comes from the page's own tags below: trafilatura's costs a third more time.
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=False, include_tables=True,
            prune_xpath=list(site.prune_xpaths) if site and site.prune_xpaths else None,
        )
        if doc is None or not (doc.text or "").strip():
            raise RasdError("no article text found in the page")
        published = published or _htmldate(tree)
        title, lines = clean_title(_page_title(tree), site), doc.text.splitlines()
    lines = clean_lines(lines, title, site)
    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    if lines and all(line in links for line in lines):  # a menu or a list of headlines
        raise RasdError("no article text found (only links)")
    return _article(title, lines, published, canonical)


def extract_dump(text: str, site: Site | None = None,
                 published: datetime | None = None) -> ExtractedArticle:
    """Extract the article of a plain-text page dump whose first real line is the title."""
    if "\x00" in text:
        raise RasdError("not a text page dump (binary content)")
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    body = clean_lines(lines, None, site)
    if not body:
        raise RasdError("no article text found")
    title = clean_title(body.pop(0), site)
    # Dumps often repeat the title without its suffix on the next line.
    if body and title and title.startswith(body[0]) and len(body[0]) > len(title) / 2:
        title = body.pop(0)
    body = [line for line in body if _key(line) != _key(title)]
    return _article(title, body, published, None)
