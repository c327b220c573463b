"""Resume files to the structured ``Resume``: the parser.

``parse_resume(bytes)`` = ``extract_document`` (engine.extract.documents) + ``parse_document``.
The document's lines are cut into sections (engine.parse.sections); the name and contact
fields come from the top and from contact sections (engine.parse.contact); experience
and education entries from their sections (engine.parse.experience, or
engine.parse.sentence_roles for roles written as sentences, and engine.parse.education,
with the spaCy entity ruler of engine.parse.nlp); skills from the skills section plus
every vocabulary skill mentioned elsewhere (engine.parse.skills);
every other section becomes bullets with stable ids; the language is engine.language's.
"""

from __future__ import annotations

import re

from engine.parse.contact import (
    EMAIL,
    contact_segments,
    find_email,
    find_links,
    find_location,
    find_name,
    find_phone,
    is_location,
)
from engine.extract.documents import Document, ExtractLimits, extract_document
from engine.parse.education import education_entries
from engine.parse.entry_lines import (
    is_bullet,
    items_set_apart,
    join_wrapped,
    paragraph_items,
    strip_bullet,
    wrap_spacing,
)
from engine.parse.sentence_roles import section_roles
from engine.errors import TailorError
from engine.parse.confidence import parse_confidence
from engine.parse.dates import find_period
from engine.language import language_of
from engine.parse.lossless import is_page_label, keep_lost_lines
from engine.resume import SECTION_ORDER, Bullet, OtherSection, Resume
from engine.parse.sections import Section, split_sections
from engine.parse.skill_lists import (
    justified_gaps_closed,
    skills_listed,
    split_list,
    table_rows,
    wrapped_rows_apart,
    wraps_joined,
)
from engine.extract.lines import FIELD_BREAK, TextLine

CONTACT_SECTIONS = ("contact", "personal")
_SENTENCE_END = re.compile(r"[.!?]$")


def clear_caches() -> None:
    """Forget what the parser memoised about texts seen before (entities of headings,
    dates, heading forms): benchmarks start each round cold."""
    from engine.parse.dates import find_period
    from engine.parse.nlp import clear_cache
    from engine.parse.sections import heading_section, normalise_heading
    from engine.parse.skill_lists import list_items

    clear_cache()
    list_items.cache_clear()
    find_period.cache_clear()
    normalise_heading.cache_clear()
    heading_section.cache_clear()


def parse_resume(
    data: bytes,
    *,
    filename: str | None = None,
    declared_format: str | None = None,
    limits: ExtractLimits = ExtractLimits(),
) -> Resume:
    """Bytes of a resume file to a Resume; TailorError for unreadable input."""
    document = extract_document(
        data, filename=filename, declared_format=declared_format, limits=limits
    )
    return parse_document(document)


def parse_document(document: Document) -> Resume:
    """A Resume from extracted text; TailorError (code = the quality verdict) when the
    text is not usable: no text layer, garbled, too short."""
    if document.quality != "ok":
        flag = next((f for f in document.flags if f.code == document.quality), None)
        raise TailorError(document.quality, flag.message if flag else document.quality)
    split = split_sections([line for line in document.lines if not is_page_label(line.text)])
    sections = split.sections
    pdf = document.format == "pdf"

    summary_lines, about_contact = _summary_lines(split.preamble, sections)
    contact = [*split.preamble, *about_contact]
    contact += [line for s in sections if s.key in CONTACT_SECTIONS for line in s.lines]
    contact_texts = [line.text for line in contact]
    all_texts = [line.text for line in document.lines]

    experience = [
        job for s in sections if s.key == "experience" for job in section_roles(s.lines, pdf)
    ]
    _renumber(experience)  # several experience sections ("Internships") count on
    education = [
        e for s in sections if s.key == "education" for e in education_entries(s.lines, pdf)
    ]
    summary = _join_paragraphs(summary_lines) or None
    others = _other_sections(sections, pdf)

    prose = [summary or ""]
    prose += [b.text for job in experience for b in job.bullets]
    prose += [b.text for o in others for b in o.bullets]
    skill_lines = _without_contact_footer([line for s in sections if s.key == "skills"
                                           for line in s.lines])
    # A table's rows as drawn first, then a list's own wraps: a tail after a separator
    # goes on in the last cell.
    if pdf:
        spacing = wrap_spacing(document.lines)
        rows = table_rows(justified_gaps_closed(skill_lines))
        skill_lines = join_wrapped(wrapped_rows_apart(
            items_set_apart(wraps_joined(rows), spacing)))
    skills = skills_listed(skill_lines, prose)

    found = {s.key for s in sections if s.key not in CONTACT_SECTIONS}
    if summary:
        found.add("summary")
    resume = Resume(
        name=find_name(split.preamble, document.lines),
        email=find_email(contact_texts) or find_email(all_texts),
        phone=find_phone(contact_texts) or find_phone(all_texts),
        location=find_location(contact_texts[:20]),
        links=find_links(contact_texts, all_texts, document.urls),
        summary=summary,
        experience=experience,
        education=education,
        skills=skills,
        other_sections=others,
        sections=sorted(found, key=_conventional_order),
        language=detect_language(prose, document.text),
        flags=list(document.flags),
    )
    coverage = keep_lost_lines(resume, split.preamble, sections)
    date_ranges = sum(_holds_range(line.text) for line in document.lines)
    resume.parse_confidence = parse_confidence(coverage.share, resume.experience,
                                               resume.education, date_ranges)
    return resume


def _holds_range(text: str) -> bool:
    # find_period, not has_period: the entry parsers asked it about most dated lines
    # already, and it remembers.
    period = find_period(text)
    return period is not None and period.start is not None


def _conventional_order(name: str) -> tuple[int, str]:
    """Sections in the order Resume.to_text writes them, any others after by name."""
    return (SECTION_ORDER.index(name) if name in SECTION_ORDER else len(SECTION_ORDER), name)


def _renumber(experience) -> None:
    for number, job in enumerate(experience):
        for index, bullet in enumerate(job.bullets):
            bullet.id = f"experience.{number}.{index}"


_HANDLE = re.compile(r"^[\w.\-/]*[\d\-_/.][\w.\-/]*$|^[a-z0-9]+$")


def _is_contact_line(text: str) -> bool:
    """Email, phone, place or handles ("marco-acea", "github.com/x") only."""
    if EMAIL.search(text) or find_phone([text]):
        return True
    segments = contact_segments(text)
    return all(is_location(s) or (" " not in s and len(s) < 40 and _HANDLE.match(s)
                                  and not s.endswith(".")) for s in segments)


# A cell that is a phone number and nothing else ("+34684147813", "(310) 839-8722").
_PHONE_CELL = re.compile(r"^\+?\(?\d[\d\s().-]{6,}\d$")


def _holds_contact(text: str) -> bool:
    """An email, or a cell that is only a phone number (versions run together,
    "2003/2008/2011", read as a phone's digits inside a sentence, are no phone)."""
    return bool(EMAIL.search(text)) or any(
        _PHONE_CELL.match(cell.strip()) and find_phone([cell]) for cell in text.split(FIELD_BREAK))


def _without_contact_footer(lines: list[TextLine]) -> list[TextLine]:
    """Lines without the contact details they end on: the last paragraphs that hold an
    email or a phone number, their place and handles too ("Katowice, Silesian ⇥
    urbanek@gmail.com" / "518-755-XXX ⇥ devnet.blog"), a footer some themes print after
    the skills."""
    end = len(lines)
    while end:
        start = max((i for i in range(end) if lines[i].new_block), default=0)
        paragraph = lines[start:end]
        if not any(_holds_contact(line.text) for line in paragraph):
            break
        rest = [line for line in paragraph
                if not (_holds_contact(line.text) or _is_contact_line(line.text))]
        if rest:
            return [*lines[:start], *rest]
        end = start
    return lines[:end]


def _summary_lines(
    preamble: list[TextLine], sections: list[Section]
) -> tuple[list[TextLine], list[TextLine]]:
    """(summary lines, contact lines found in an "About" section). Without a summary
    section, prose in the lines above the first heading is the summary."""
    summary: list[TextLine] = []
    contact: list[TextLine] = []
    for section in sections:
        if section.key == "summary":
            for line in section.lines:
                (contact if _is_contact_line(line.text) else summary).append(line)
    if not summary:
        prose = [line for line in preamble
                 if len(line.text.split()) >= 12 and not _is_contact_line(line.text)]
        if prose:
            start = preamble.index(prose[0])
            summary = [line for line in preamble[start:] if not _is_contact_line(line.text)]
    return summary, contact


def _join_paragraphs(lines: list[TextLine]) -> str:
    """Lines as paragraphs: wrapped lines joined by spaces, paragraphs and bullets by
    newlines."""
    return "\n".join(_items(lines))


def _items(lines: list[TextLine]) -> list[str]:
    """Bullets and paragraphs: a glyph or a new block starts an item; a line after an
    ended sentence that starts a new block too."""
    items: list[str] = []
    for line in lines:
        text = line.text.replace(FIELD_BREAK, " ")
        starts = (
            not items
            or is_bullet(text)
            or (line.new_block and (_SENTENCE_END.search(items[-1]) or not text[:1].islower()))
        )
        if starts:
            items.append(strip_bullet(text))
        else:
            items[-1] += " " + text
    return [item for item in items if item]


def _other_sections(sections: list[Section], pdf: bool) -> list[OtherSection]:
    by_name: dict[str, list[str]] = {}
    for section in sections:
        if section.key in ("summary", "experience", "education", "skills", *CONTACT_SECTIONS):
            continue
        items = paragraph_items(section.lines, pdf)
        if section.key == "languages":
            items = [p for item in items for p in split_list(item)]
        by_name.setdefault(_section_name(section), []).extend(items)
    return [
        OtherSection(
            name=name,
            bullets=[Bullet(id=f"{name}.0.{i}", text=text) for i, text in enumerate(items)],
        )
        for name, items in sorted(by_name.items(), key=lambda item: _conventional_order(item[0]))
        if items
    ]


def _section_name(section: Section) -> str:
    """An unclassified section keeps its own heading as its name."""
    if section.key != "other":
        return section.key
    return " ".join(section.heading.split()).strip(" :-–|•").casefold() or "other"


def detect_language(prose: list[str], text: str) -> str | None:
    """ISO 639-1 code of the resume's language, told by its prose (bullets, summary) or,
    where it has little, by its first 3000 characters."""
    sample = " ".join(p for p in prose if p)[:2000]
    if len(sample) < 400 and len(text) > len(sample):
        sample = text[:3000]
    return language_of(sample)
