"""An experience section's lines grouped into entries: header lines and body items.

Lines are headers (short, or holding a date range), bullets (a glyph) or body text
(long sentences, "Stack: a, b" lists, items listed under a label or indented right of
the header); a wrapped line joins the item it continues. A run of header lines starts
an entry; a run holding several date ranges is several entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from engine.extract.lines import BULLET, FIELD_BREAK, TextLine, runs_on
from engine.parse.contact import is_location, is_place
from engine.parse.dates import find_period, is_open_end, only_dates
from engine.parse.entry_lines import (
    COMPANY_LABELS,
    CONNECTOR_END,
    EDGE,
    HEADER_LABEL,
    LABEL_ONLY,
    SENTENCE_END,
    TITLE_LABELS,
    URL_LIKE,
    continues,
    dates_cell_first,
    ends_on_dates,
    header_fields,
    is_bullet,
    is_dated,
    join_wrapped_ranges,
    line_spaced,
    lone_wrapped_tail,
    looks_like_body,
    merge_cells,
    name_and_place,
    strip_bullet,
    take_period,
    typical_width,
    wraps_into,
)
from engine.parse.nlp import read_lexicon
from engine.parse.roles import (
    has_title,
    header_label,
    labelled_value,
    names_title_and_company,
    title_and_company,
)


@dataclass
class Entry:
    header: list[TextLine] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # bullets and paragraphs, joined


def _dates_to_their_header(lines: list[TextLine]) -> list[TextLine]:
    """A role's dates set right of its first sentence or bullet ("Acme, Developer" over
    "Leading a team of 5 ... ⇥ 2023-01 – 2025-07", the heading line being full; RenderCV
    sets them beside the first bullet) go to the heading above, which had none; the
    sentence is then the entry's text."""
    moved = list(lines)
    for index in range(1, len(moved)):
        head, tab, tail = moved[index].text.rpartition(FIELD_BREAK)
        period = find_period(tail) if tab else None
        above = moved[index - 1]
        if (period is None or period.begin > 0 or tail[period.finish:].strip(EDGE)
                or is_dated(above.text) or is_bullet(above.text)
                or looks_like_body(above.text) or _bolder(moved[index], above)):
            continue
        if is_bullet(head):  # a sentence, not a role of its own ("• Lead ⇥ 2019 – 2020")
            if not looks_like_body(strip_bullet(head)):
                continue
        elif not (looks_like_body(head) or (
                not has_title(head) and names_title_and_company(above.text))):
            continue
        moved[index - 1] = replace(above, text=f"{above.text}{FIELD_BREAK}{tail}")
        moved[index] = replace(moved[index], text=head)
    return moved


def _bolder(line: TextLine, above: TextLine) -> bool:
    """Set in bold under a plain line: a heading of its own (pumpkin's "State Auto ⇥
    May 2017 – Aug 2017" under the role above's last line, "SDE at AWS Marketing"; a long
    "Developer at Microsoft iGTSC ⇥ Aug 2013 - Nov 2017" under an item's wrapped end),
    whose dates are its own."""
    return line.bold and not above.bold


_NAMED_DESCRIPTION = re.compile(r"^(?P<name>[^·]{2,60}?) · (?P<what>\S.*)$")


def _descriptions_after_dates(lines: list[TextLine]) -> list[TextLine]:
    """"Acme · Acme builds payment systems for ..." over the role's dates (and place):
    the company's name and what it does set on one line before the dates (the even
    theme). The name joins the header; the description is moved under the dates and
    place, where the role's text begins."""
    result = list(lines)
    index = 0
    while index < len(result):
        match = _NAMED_DESCRIPTION.match(result[index].text)
        dated = _dated_below(result, index) if match else None
        if (match is None or dated is None or len(match["name"].split()) > 6
                or len(match["what"].split()) < 4 or is_dated(result[index].text)):
            index += 1
            continue
        line = result[index]
        end = dated + 1
        if end < len(result) and is_location(result[end].text):
            end += 1
        description = [replace(line, text=match["what"]), *result[index + 1: dated]]
        result[index:end] = [replace(line, text=match["name"].strip()),
                             *result[dated:end], *description]
        index = end
    return result


_DATES_APART = 100  # pt: dates this much further right than the line above stand apart


def _over_bare_dates(lines: list[TextLine], index: int) -> bool:
    """Whether a line that reads like a list (commas) or a long sentence stands over a
    line of nothing but dates, opening its block: a role's heading, as Google Docs'
    templates set it ("KAYAK Software Corporation, Concord, MA — DevOps Engineer, Senior
    Network Engineer" over "2015 – 2021", in its block and plain), or with the dates flush
    right in a block of their own, or beside the role's web address. A sentence's last
    line (its full stop) or an item is none, nor a line over dates that open a heading of
    their own (spartan's bold "June 2015 - March 2017" over the next title)."""
    line = lines[index]
    if index + 1 >= len(lines) or not line.new_block or is_bullet(line.text):
        return False
    dates = lines[index + 1]
    # Dates in a block of their own stand flush right, right under it (spartacus: "Orion
    # Technology, a Division of Rolta Canada Limited Senior GIS Developer", no tab stop).
    flush_right = (dates.indent >= line.indent + _DATES_APART
                   and dates.space_before <= 0.5 * max(dates.size, 1.0))
    if (dates.new_block and not flush_right) or dates.bold:
        return False
    return ((only_dates(dates.text) or _address_then_dates(dates.text)) and len(line.text) < 120
            and not SENTENCE_END.search(line.text))


def _address_then_dates(text: str) -> bool:
    """A web address with dates beside it: onepage sets a role's address under its header
    and floats the dates onto that line when the header leaves them no room."""
    address, tab, dates = text.partition(FIELD_BREAK)
    return bool(tab) and URL_LIKE.fullmatch(address.strip()) is not None and only_dates(dates)


def _role_under_bare_dates(line: TextLine, header: list[TextLine]) -> bool:
    """A line naming a title and a company under a header of nothing but dates ("Oct
    2019 – Present" over "DevOps Engineer for automated driving at Bosch"): the role,
    however much it reads like a sentence."""
    return (bool(header) and all(only_dates(h.text) for h in header)
            and not is_bullet(line.text) and not SENTENCE_END.search(line.text)
            and names_title_and_company(line.text))


def _dated_below(lines: list[TextLine], index: int) -> int | None:
    """The index of the short dated line within four plain lines under ``index``."""
    for below in range(index + 1, min(index + 5, len(lines))):
        line = lines[below]
        if is_dated(line.text) and len(line.text.split()) <= 6:
            return below
        if line.bold or is_bullet(line.text):
            return None
    return None


def group_entries(lines: list[TextLine], pdf: bool) -> list[Entry]:
    lines = _descriptions_after_dates(_dates_to_their_header(join_wrapped_ranges(lines)))
    full_width = typical_width(lines)
    entries: list[Entry] = []
    previous: TextLine | None = None
    previous_kind = ""
    item_start: TextLine | None = None  # the first line of the bullet or paragraph
    after_item = False  # whether that item follows another one
    # A PDF whose blocks hold a paragraph's wrapped lines starts each item in a block of
    # its own, however close: spacing tells items apart only where every line is a block.
    line_blocks = pdf and all(line.new_block for line in lines)
    listing: TextLine | None = None  # the label an indented list hangs under
    wrap_gap: float | None = None  # the gap over the last line that went on an item
    for index, line in enumerate(lines):
        if _listed_employer(line.text):
            line = replace(line, text=strip_bullet(line.text))
        text = line.text
        if listing is not None and not (pdf and _indented_under(line, listing)) or (
                listing is not None and line.page != listing.page and line.bold):
            listing = None
        label_only = (LABEL_ONLY.match(text) and len(text.split()) <= 4 and not is_dated(text)
                      or _list_label(text))
        if text == BULLET or label_only or (entries and _sublabel(lines, index, pdf) and (
                previous_kind in ("bullet", "body") or _names_role(entries[-1].header)
                or len(entries[-1].header) >= 2)
                and not (previous_kind == "header" and (
                    _title_under_dates(line, previous)
                    or _title_under_dated_name(line, entries[-1].header)
                    or _name_under_dates(line, entries[-1].header)
                    or _wrapped_cells(entries[-1].header[-1], line)))):
            # A lone glyph, "Responsibilities:", "Highlights" over an indented list: the
            # lines indented under a label are items of the entry, not its header.
            listing = line if text != BULLET else listing
            if text != BULLET:
                # What follows a label starts an item of its own, however it is indented.
                previous, previous_kind, item_start = line, "label", None
            continue
        if previous_kind == "header" and _wrapped_at_dash(line, entries[-1].header[-1]):
            header = entries[-1].header
            header[-1] = replace(header[-1], text=f"{header[-1].text} – {strip_bullet(text)}")
            previous = line
            continue
        if previous is not None and previous_kind in ("bullet", "body") and not _larger(
                line, previous) and not _spaced_past_wraps(line, wrap_gap) and (
                    continues(line, item_start or previous, previous, pdf, full_width)
                    or _spaced_on(line, previous, item_start, after_item, line_blocks)
                    or _in_items_block(line, previous, item_start, after_item, pdf)):
            entries[-1].body[-1] += " " + text
            wrap_gap = line.space_before if pdf else None
            previous = line
            continue
        inside_paragraph = (  # a PDF line in the same block as the sentences above it
            pdf and previous_kind in ("bullet", "body") and not line.new_block
            and not line.bold and not is_dated(text) and not _larger(line, previous)
        )
        inside_paragraph = inside_paragraph or (
            pdf and previous_kind in ("bullet", "body") and _in_indented_list(line, previous,
                                                                          entries[-1].header)
        ) or (pdf and previous_kind in ("header", "body")
              and _indented_past_header(line, entries[-1].header)
              ) or (pdf and previous_kind in ("bullet", "body")
                    and _list_line(line, previous, lines[index + 1: index + 2])
                    ) or (pdf and previous_kind == "body" and _indented_under_text(line, previous))
        role = _role_bullet(lines, index) or _listed_role(lines, index)
        inside_paragraph = inside_paragraph or (
            pdf and previous_kind == "header" and (
                _items_under_dated_header(lines, index, entries[-1].header)
                or _text_before_header_alike(lines, index, entries[-1].header))
        ) or (
            pdf and bool(entries) and _text_of_set_apart_role(
                lines, index, entries[-1].header, previous_kind in ("bullet", "body")))
        if not role and (inside_paragraph or listing is not None or (
                looks_like_body(text) and not _bold_heading(line, previous)
                and not _over_bare_dates(lines, index)
                and not (previous_kind == "header"
                         and _role_under_bare_dates(line, entries[-1].header)))):
            if not entries:
                entries.append(Entry())
            entries[-1].body.append(strip_bullet(text))
            after_item = previous_kind in ("bullet", "body")
            previous_kind = "bullet" if is_bullet(text) else "body"
            item_start = line
        else:
            if (not entries or entries[-1].body or previous_kind in ("bullet", "body")
                    or _next_undated_role(entries[-1].header, lines, index)):
                entries.append(Entry())
            elif _plain_run_before_heading(entries, lines, index):
                entries[-2].body += [h.text for h in entries[-1].header]
                entries[-1].header = []
            header = entries[-1].header
            if header and _cut_at_joining_word(header[-1], line):
                header[-1] = _wrapped_into_cells(header[-1], text)
            elif (header and (text[0] in "(&/" or runs_on(header[-1].text) or (
                    text[0].islower() and not _restyled(line, header[-1])
                    and not _name_under_range(header[-1].text, text))
                    or _wrapped_past_dates(header[-1].text, text))
                    and not line.new_block and not is_dated(text)
                    and not _bracketed_place(text)):
                if not is_open_end(text) and _dates_cell_last(header[-1].text):
                    # The dates' cell does not wrap: the text before it does.
                    header[-1] = _wrapped_into_cells(header[-1], text)
                else:
                    joiner = " – " if is_open_end(text) else " "  # "Mar 2014" / "current"
                    header[-1] = replace(header[-1], text=f"{header[-1].text}{joiner}{text}")
            elif header and _wrapped_cells(header[-1], line):
                header[-1] = _wrapped_into_cells(header[-1], text)
            else:
                header.append(line)
            previous_kind = "header"
            item_start = None
        previous = line
    return _split_double_headers(entries)


def _wrapped_at_dash(line: TextLine, above: TextLine) -> bool:
    """A bold heading wrapped before a dash ("Solutions Architect, Audacious Inquiry" over
    "- A PointClickCare Company", which reads as a list item): in the heading's block,
    weight and size, the rest of it."""
    return (is_bullet(line.text) and line.bold and above.bold and not line.new_block
            and abs(line.size - above.size) < 0.3 and not is_bullet(above.text))


def _listed_employer(text: str) -> bool:
    """A role's labelled employer set as a list item ("• Company Name : Acme Ltd" over
    "Job Designation : Clerk"): it heads the role's labelled fields, not an item."""
    return is_bullet(text) and labelled_value(strip_bullet(text))[1] == "company"


def _name_under_range(above: str, text: str) -> bool:
    """Whether ``text`` holds no date and ``above`` ends on its closed dates in its own
    text ("Web Developer, Nov 2016 – May 2018" over "tracdelight"): a name in lower case
    there opens a line of its own. "to June 2009" under "… from May 2007" ends the line
    above, and "and Herzegovina" under "…, Bosnia ⇥ Sep 2017 – Nov 2019" the cell the
    dates stand beside."""
    return (FIELD_BREAK not in above and ends_on_dates(above)
            and find_period(text) is None and not is_open_end(text))


# A lower-case joining word opening a line: the rest of a name cut before it.
_JOINING_OPEN = re.compile(r"(?:of|and|for|the|de|du|der)\s")


def _wrapped_past_dates(above: str, text: str) -> bool:
    """Whether ``text`` goes on with the words before the dates ending ``above``, set
    right after them with no cell between (a narrow column): those words end on a
    joining word ("Team lead at Feb 2020 – Aug 2023" over "Tacta"), or ``text`` opens
    with one ("… at Ministry Sep 2017 – Nov 2019" over "of programming")."""
    if FIELD_BREAK in above or not ends_on_dates(above) or find_period(text) is not None:
        return False
    words = above[: find_period(above).begin].rstrip(" ,(|–-")
    return bool(CONNECTOR_END.search(words) or _JOINING_OPEN.match(text))


def _next_undated_role(header: list[TextLine], lines: list[TextLine], index: int) -> bool:
    """Whether the line names a title and a company under a header line that does too,
    no date on either nor under it: roles listed one per line with nothing between
    ("Senior Developer at Northwind" over "Backend Engineer at Contoso"), each a role of
    its own. Labelled rows ("Organization: …") and lines with figures (a reference's
    phone) are no such list."""
    line = lines[index]
    if len(header) != 1 or is_bullet(line.text) or any(c.isdigit() for c in line.text):
        return False
    below = lines[index + 1].text if index + 1 < len(lines) else ""
    texts = [header[0].text, line.text]
    return (not any(is_dated(t) or header_label(t) for t in texts) and not is_dated(below)
            and all(names_title_and_company(t) for t in texts))


def _restyled(line: TextLine, above: TextLine) -> bool:
    """Set in another weight or size than the line above: a field of its own, however
    it begins ("iOS Software Engineer" under LinkedIn's bold, larger "Lanit-Tercom"),
    not that line's wrapped end."""
    return line.bold != above.bold or abs(line.size - above.size) > 0.5


def _text_of_set_apart_role(lines: list[TextLine], index: int, header: list[TextLine],
                            after_text: bool) -> bool:
    """A plain line under a role whose heading is set apart (a bold first line larger
    than the text, naming title and company over the role's dates, or over its text
    where it has none), in a smaller size, no date under it before the next bold line:
    the role's text, however short (LinkedIn's profile PDF sets each of a role's points
    as a short paragraph without a glyph: "Development", "Performance benchmarking"),
    not the next role's header. A place under the dates is the header's; a line over
    dates is a title (the next role under the same company)."""
    line = lines[index]
    if not header or line.bold or is_dated(line.text) or FIELD_BREAK in line.text:
        return False
    first = header[0]
    if not first.bold or line.size > first.size - 1 or is_dated(first.text):
        return False
    if not after_text and is_location(line.text):
        return False
    return not _dated_ahead(lines, index) and _names_role(header, dated=not after_text)


def _items_under_dated_header(lines: list[TextLine], index: int, header: list[TextLine],
                              ) -> bool:
    """A plain line under a header that named a title and a company and closed on its
    dates, in the dates' size, set apart by twice their gap at least, no date under it
    before a larger or bold line: the first of the role's items (compact sets them as
    plain short lines: "Data pipelines", "Monitoring"), not the next role's header, which
    opens larger or over its dates, nor the title under a company and its dates."""
    line = lines[index]
    if not (is_dated(header[-1].text) and line.new_block and _names_role(header[:-1], False)):
        return False
    dates = header[-1]
    if (line.bold or is_dated(line.text) or abs(line.size - dates.size) > 0.3
            or line.space_before <= max(2 * dates.space_before, 0.3 * line.size)):
        return False
    for below in lines[index + 1: index + 4]:
        if below.bold or below.size > line.size + 0.3:
            return True
        if is_dated(below.text):
            return False
    return True


def _text_before_header_alike(lines: list[TextLine], index: int, header: list[TextLine],
                              ) -> bool:
    """A plain line under a header that closed on its dates, the next line set as that
    header's first: the role's one line of text, then the next role's header. Alike means
    in as many cells, in the same size and weight (spartacus: "Amazon ⇥ Software Developer
    Engineer" over its dates, then "SDE at AWS Marketing"), or opening with a bold name
    in the same size (Google Docs' "**Amazon** — *Software Developer Engineer*"); under
    such a header, a plain line over a list item is the role's text too."""
    line = lines[index]
    if (len(header) < 2 or not only_dates(header[-1].text) or index + 1 >= len(lines)
            or FIELD_BREAK in line.text or is_dated(line.text)):
        return False
    first, following = header[0], lines[index + 1]
    if is_dated(following.text):
        return False
    if FIELD_BREAK in first.text:
        return (following.text.count(FIELD_BREAK) == first.text.count(FIELD_BREAK)
                and following.style == first.style)
    alike = _bold_name_first(following) and abs(following.size - first.size) < 0.5
    return (_bold_name_first(first) and not (line.bold or any(line.runs_bold))
            and (alike or is_bullet(following.text)))


def _bold_name_first(line: TextLine) -> bool:
    """Whether a line opens with a bold run and goes on in other runs not bold."""
    return len(line.runs_bold) >= 2 and line.runs_bold[0] and not any(line.runs_bold[1:])


def _dated_ahead(lines: list[TextLine], index: int) -> bool:
    """Whether a dated line follows within three lines, before any bold one."""
    for below in lines[index + 1: index + 4]:
        if below.bold:
            return False
        if is_dated(below.text):
            return True
    return False


def _plain_run_before_heading(entries: list[Entry], lines: list[TextLine], index: int) -> bool:
    """Whether the header run so far is plain short lines under the entry above's text,
    and the line at ``index`` opens a heading in the weight and size of that entry's
    first line: the lines are the text's end (elegant lists a role's keywords, "iOS
    Development", under its description, then the next bold "Title, Company"), not the
    next header."""
    line = lines[index]
    if len(entries) < 2 or not line.bold:
        return False
    run, above = entries[-1].header, entries[-2]
    return (bool(run) and bool(above.header) and bool(above.body)
            and above.header[0].bold and above.header[0].style == line.style
            and not any(h.bold or is_dated(h.text) or is_bullet(h.text) for h in run)
            and not _opened_so_before(entries[:-1], run, lines[index: index + 2]))


def _opened_so_before(entries: list[Entry], run: list[TextLine], ahead: list[TextLine]
                      ) -> bool:
    """Whether an earlier header opened as ``run`` then the line ahead do, line for line
    in the same styles, and both go on to their dates in that line or the next: a company
    set over its roles' titles ("GLC KODEX" over a bold "Node.js Developer ⇥ dates", then
    a bold title alone for the next role there), not the end of a text."""
    styles = [*(h.style for h in run), ahead[0].style]
    return _dated_in(ahead) and any(
        [h.style for h in entry.header[:len(styles)]] == styles
        and _dated_in(entry.header[len(run): len(run) + 2]) for entry in entries)


def _dated_in(lines: list[TextLine]) -> bool:
    return any(is_dated(line.text) for line in lines)


def _bracketed_place(text: str) -> bool:
    """A line that is only a place in brackets ("(Saint-Petersburg, Russia)"): the
    entry's location, a header field of its own, not the end of the line above."""
    return text.startswith("(") and text.rstrip().endswith(")") and is_location(text)


def _in_indented_list(line: TextLine, previous: TextLine | None,
                      header: list[TextLine]) -> bool:
    """A line at the indent of the item above, which sits right of the entry's header:
    the next item of the entry's list (items without glyphs)."""
    return (previous is not None and bool(header) and not line.bold and not is_dated(line.text)
            and line.page == previous.page and abs(line.indent - previous.indent) <= 1
            and previous.indent >= header[0].indent + _LIST_INDENT)


def _indented_under_text(line: TextLine, previous: TextLine) -> bool:
    """A plain line indented a list's step past the entry's text above it, in its size:
    an item of a list under that text, however short ("Development", "Vice Lead" under
    paper-plus-plus's "Retail management system for a wine distributor."), not the next
    role's header, which starts further left."""
    return (not line.bold and not previous.bold and line.page == previous.page
            and abs(line.size - previous.size) <= 0.3 and not is_dated(line.text)
            and line.indent >= previous.indent + _LIST_INDENT)


def _list_line(line: TextLine, previous: TextLine, following: list[TextLine]) -> bool:
    """A plain line in the style and at the indent of the item above, as close under it
    as a list's lines stand, with no date under it: the list's next item, however short
    ("First time developing in React" under "Created unit and integration tests"), not
    the next role's header."""
    return (not line.bold and not previous.bold and abs(line.size - previous.size) <= 0.3
            and abs(line.indent - previous.indent) <= 1 and line.page == previous.page
            and 0 < line.space_before <= 0.6 * line.size and not is_dated(line.text)
            and not (following and is_dated(following[0].text)))


# How much two sizes differ (a share) to be two sizes: a line this much larger than its
# header's is none of its items.
_SIZE_STEP = 0.05


def _indented_past_header(line: TextLine, header: list[TextLine]) -> bool:
    """A plain line right of all the lines of a dated header: an item of the entry,
    right under the header or under a description set at the header's indent. A header
    begun at the foot of the page before is judged by its lines on the item's page
    (indents are measured from each page's own left edge)."""
    if not line.text.strip() or not URL_LIKE.sub("", line.text).strip():
        return False  # the company's web address, a part of the header
    if any(dates_cell_first(h.text) for h in header):
        return False  # the header's text starts right of its dates (Europass): unknown
    if name_and_place(line.text) or any(_smaller_under_dates_and_title(line, h)
                                        for h in header):
        return False  # the company under a title set right of its dates (lucide)
    here = [h for h in header if h.page == line.page]
    indented = (not line.bold and not is_dated(line.text)
                and any(is_dated(h.text) for h in header)
                and bool(here) and all(h.page >= line.page - 1 for h in header)
                and all(line.indent >= h.indent + _LIST_INDENT for h in here))
    # Unless it is the role's title set under its company and dates, in larger type
    # (minyma) or read by its words: asked last, as reading words costs most.
    return indented and not (all(line.size > (1 + _SIZE_STEP) * h.size for h in header)
                             or _title_under_dated_name(line, header))


def _smaller_under_dates_and_title(line: TextLine, header: TextLine) -> bool:
    """A line in clearly smaller type under a header line that opens with its dates and
    goes on, without a tab stop, with a title set larger (lucide's "Févr. 2019 -
    Aujourd'hui Software Developer Engineer", the gap too narrow for one): the company
    under the title, right of the dates' column, not an item."""
    text = header.text
    if FIELD_BREAK in text or not line.size or line.size > header.size - 2:
        return False
    period = find_period(text)
    return (period is not None and period.begin == 0 and is_dated(text)
            and bool(text[period.finish:].strip(EDGE)))


def _spaced_on(line: TextLine, last: TextLine, start: TextLine | None, after_item: bool,
               line_blocks: bool) -> bool:
    """A line set at its item's line spacing, its item set apart from the one before by
    a wider gap: the item's next sentence, though the line above ends one (kendall's
    highlights). Only for an item after another, whose opening gap is the list's own:
    the first item's is a heading's, wider whatever the list's spacing. A line above that
    stops short without ending a sentence ends its item, however close the next line
    (spartan sets a role's highlights at line spacing under a wider-spaced paragraph)."""
    return (line_blocks and after_item and start is not None and not line.bold
            and SENTENCE_END.search(last.text) is not None
            and not is_bullet(line.text) and not is_dated(line.text)
            and line_spaced(line, start))


def _in_items_block(line: TextLine, last: TextLine, start: TextLine | None, after_item: bool,
                    pdf: bool) -> bool:
    """A line in the block of its item's first line, at the item's line spacing, that
    item set apart from the one before by a wider gap: the item's next sentence, though
    the line above ends one (LinkedIn's profile PDF sets each highlight as a paragraph of
    its own: "... against ground truth." / "Automated report generation ..."). Only for
    an item after another, whose opening gap is the list's own (the first item's is a
    heading's, wider whatever the list's spacing). A line above that stopped short of the
    column's edge ends its item (compact sets each highlight on a line of its own, at
    the spacing of a paragraph's lines)."""
    return (pdf and after_item and start is not None and not line.new_block
            and not line.bold and line.page == last.page and abs(line.size - last.size) <= 0.3
            and not is_bullet(line.text) and not is_dated(line.text)
            and line_spaced(line, start) and (not last.fill or wraps_into(last, line)))


def _spaced_past_wraps(line: TextLine, wrap_gap: float | None) -> bool:
    """Whether a line opening with a capital, in the block of the line above, stands a
    little below it where the section's items' wrapped lines stand right under theirs:
    the next item, unmarked, of a list whose items are paragraphs a little apart ("…
    снижение количества серверов на 20%" over "Разработал портал …"), however full the
    line above. Browsers' PDFs, whose every line is a block at its own small gap, are
    left to line_spaced."""
    return (wrap_gap == 0.0 and not line.new_block and line.space_before >= _ITEM_GAP
            and line.text[:1].isupper())


_ITEM_GAP = 0.25  # pt: a paragraph's spacing, past a baseline's rounding


def _larger(line: TextLine, previous: TextLine) -> bool:
    """Set in a clearly larger size than the line above: a heading (AltaCV's titles,
    set close under the last bullet of the role before), not the paragraph's next line."""
    return previous.size > 0 and line.size >= 1.2 * previous.size  # text files: no size


def _bold_heading(line: TextLine, previous: TextLine | None) -> bool:
    """A short bold line opening a block or the section, or after plain text, no
    sentence: a role's heading even when most of its words are lowercase ("Commis aux
    fruits et légumes chez Provigo")."""
    text = line.text
    opens = line.new_block or previous is None or not previous.bold
    # Larger than the text above, a heading runs longer ("Software developer / Team lead,
    # Java & Angular, Tacta - The art of", wrapped).
    most = 16 if previous is not None and line.size >= previous.size + 1 else 10
    return (line.bold and opens and len(text.split()) <= most and not is_bullet(text)
            and not SENTENCE_END.search(text) and ":" not in text)


_LIST_INDENT = 6  # pt: how much further right a list's items sit than its label


def _indented_under(line: TextLine, label: TextLine) -> bool:
    return line.indent >= label.indent + _LIST_INDENT and not is_dated(line.text)


def _sublabel(lines: list[TextLine], index: int, pdf: bool) -> bool:
    """A short undated line that an indented list hangs under ("Highlights", "Key
    achievements" with the items further right): a label, not an entry's header (the
    caller asks only after an entry's text or a header naming the role whole). A line
    naming a title and a company ("Engineering Lead, Ennovar") heads the next role, dated
    or not."""
    line = lines[index]
    if not pdf or index + 1 >= len(lines) or len(line.text.split()) > 3 or is_dated(line.text):
        return False
    if not line.text[0].isupper() or SENTENCE_END.search(line.text):
        return False  # the end of a sentence ("back to scientists.") over indented items
    if is_location(line.text):
        return False  # a role's place (or a city's wrapped rest) over its items: no label
    below = lines[index + 1]
    if not URL_LIKE.sub("", below.text).strip(" -•"):
        return False  # a company's web address under the title, no list
    return (FIELD_BREAK not in line.text and _indented_under(below, line)
            and not all(_role_of([line])))


def _title_under_dates(line: TextLine, above: TextLine | None) -> bool:
    """A short line of title words right under a header line with dates ("DEGIRO ⇥
    05/2021 – 02/2022" over "SENIOR FRONTEND DEVELOPER", the role's text indented under
    it): the role's title, not a label its items hang under, though the role above
    (without text of its own) ran the header on."""
    return above is not None and is_dated(above.text) and has_title(line.text)


def _title_under_dated_name(line: TextLine, header: list[TextLine]) -> bool:
    """A short line of title words under a dated header that names a company and no
    title ("Aug 2020 – Dec 2023" over "ING Tech Poland", or "Acme ⇥ 2020 – 2023", over
    "Senior DevOps Engineer", the role's items indented under it): the role's title, not
    a label or an item. A header that ran on from a role with no items of its own is
    read from its last dates."""
    dated = [i for i, h in enumerate(header) if is_dated(h.text)]
    if not dated or is_bullet(line.text) or len(line.text.split()) > 6:
        return False
    if dated[-1] == len(header) - 1 and abs(line.size - header[-1].size) < _SIZE_STEP * line.size:
        return False  # under "Name ⇥ dates" in its size: a title's wrapped rest, or an item
    title, company = _role_of(header[dated[-1]:])
    if title is not None or company is None or len(company.split()) > 8 or (
            SENTENCE_END.search(company) and len(company.split()) > 4):
        return False  # a role named whole, or a description read as its company
    return has_title(line.text) and not SENTENCE_END.search(line.text)


# Words of the labels a role's items hang under ("Highlights", "Key achievements").
_LIST_LABEL_WORDS = frozenset(
    "highlights achievements accomplishments responsibilities duties tasks projects tools "
    "technologies environment contributions results impact overview description summary "
    "activities".split())


# What a label of the role's items names, and the words around it ("Job Profile",
# "Roles and Responsibilities", "Key Duty", "Present Job Profile").
_LABEL_HEADS = _LIST_LABEL_WORDS | frozenset("profile responsibility duty task role".split())
_LABEL_WORDS = _LABEL_HEADS | frozenset(
    "job key main major my role roles present current and & of".split())


def _list_label(text: str) -> bool:
    """A line of label words only, naming a list of the role's items ("Job Profile",
    "Roles & Responsibilities", "Key Duties", "Key Role"): in a DOCX or a PDF, indented or
    not, no role's title or company is written so. A header field's label labels that
    field ("Role" over ": Lead Data Analyst")."""
    words = text.casefold().strip(" :;-–").split()
    return (1 <= len(words) <= 4 and all(w in _LABEL_WORDS for w in words)
            and not _LABEL_HEADS.isdisjoint(words)
            and " ".join(words) not in TITLE_LABELS | COMPANY_LABELS)


def _name_under_dates(line: TextLine, header: list[TextLine]) -> bool:
    """A plain name right under a role's dated line, the role's text indented under it:
    the company, not a label its items hang under. So under one bold dated line
    ("Squad Network Stack - DevOps Engineer ⇥ May 2018 – Jan 2021" over "ING Tech
    Poland"), and under any dated line that names a title and no company ("Backend
    Engineer ⇥ Feb 2024 – May 2025" over "Daylight")."""
    above = header[-1] if header else None
    if (above is None or not is_dated(above.text) or has_title(line.text)
            or _LIST_LABEL_WORDS & set(line.text.casefold().split())):
        return False
    if len(header) == 1 and above.bold and not line.bold:
        return True
    title, company = _role_of([above])
    return bool(title) and company is None


def _role_bullet(lines: list[TextLine], index: int) -> bool:
    """A bulleted title over a line holding only its dates ("• Frontend Tech Lead" /
    "Mar 2020 – Apr 2021"): one of several roles listed under a company, not a bullet.
    So is a bulleted name in bold, larger than the line under it, over its dates ("•
    Spirii" over "July, 2025 - October, 2025 3 months") or closed by them ("• Empresa de
    Electricidade da Madeira 2015-03-01 - present", too long for a tab stop): a theme's
    role heading."""
    text = lines[index].text
    if not is_bullet(text) or index + 1 >= len(lines):
        return False
    title = strip_bullet(text)
    line, below = lines[index], lines[index + 1]
    if (line.bold and line.size > below.size + 0.5 and ends_on_dates(title)
            and _named_before_dates(title)):
        return True
    heading = line.bold and _larger(line, below)
    if len(title.split()) > 6 or SENTENCE_END.search(title) or "," in title or not (
            has_title(title) or heading):
        return False  # a short item before a timeline's next date is no role
    period = find_period(below.text)
    return (period is not None and period.begin == 0 and is_dated(below.text)
            and only_dates(below.text))


def _role_item(text: str) -> bool:
    """A list item naming a role around its dates and nothing else ("• M/S Mapro Food Pvt.
    Ltd April 2010 to May 2012 Manager")."""
    if not is_bullet(text) or not is_dated(text):
        return False
    period, rest = take_period(strip_bullet(text))
    fields = header_fields(rest)
    return (period is not None and len(fields) == 2 and len(rest.split()) <= 14
            and not SENTENCE_END.search(rest) and all(title_and_company(fields, False)))


def _listed_role(lines: list[TextLine], index: int) -> bool:
    """One of two or more list items in a row, each a role with its company, dates and
    title: Word CVs list the jobs so, one line each, under their heading."""
    if not _role_item(lines[index].text):
        return False
    return any(0 <= at < len(lines) and _role_item(lines[at].text)
               for at in (index - 1, index + 1))


def _named_before_dates(text: str) -> bool:
    """Whether a line's dates, which end it, follow a short name and nothing else."""
    period = find_period(text)
    name = text[:period.begin].strip(EDGE) if period is not None else ""
    return 1 <= len(name.split()) <= 8 and not SENTENCE_END.search(name) and "," not in name


def _names_role(header: list[TextLine], dated: bool = True) -> bool:
    """Whether header lines give a date (where ``dated``), a title and a company already."""
    if dated and not any(is_dated(line.text) for line in header):
        return False
    title, company = _role_of(header)
    return bool(title and company)


def _role_of(header: list[TextLine]) -> tuple[str | None, str | None]:
    """Title and company that header lines name, their dates left out."""
    fields = [item for line in header for item in header_fields(take_period(line.text)[1])]
    return title_and_company(fields[:3], bool(header) and header[0].bold)


def _wrapped_cells(previous: TextLine, line: TextLine) -> bool:
    """Whether ``line`` holds the wrapped tails of ``previous``'s table cells ("Mobile
    Application ⇥ 2014 – 2015" over "Developer"): same paragraph, no date of its own,
    and tab-separated like the line above, or a single word under its first cell, or
    any line under a first cell cut after a joining word ("Engineer at")."""
    if line.new_block or FIELD_BREAK not in previous.text or is_dated(line.text):
        return False
    first_cell = previous.text.split(FIELD_BREAK)[0]
    if _cut_at_joining_word(previous, line):
        return True
    if FIELD_BREAK not in line.text and (
            (_company_form(line.text) and names_title_and_company(first_cell))
            or _city_cut(first_cell, line.text)):
        # "Engineer at Shopify ⇥ 2022 – 2023" over "Ltd", in the company's weight; "Acme –
        # San ⇥ 2023 – now" over "Francisco, CA"
        return True
    ends_bold = _cell_ends_bold(previous, first_cell)
    if line.bold != ends_bold:
        return False  # a name in another weight: the plain company under a bold title
    if HEADER_LABEL.match(line.text.split(FIELD_BREAK)[0] + ":"):
        return False  # a labelled row of its own: "Designation ⇥ Analyst"
    cells = line.text.count(FIELD_BREAK) + 1
    if FIELD_BREAK in line.text:
        return cells <= previous.text.count(FIELD_BREAK) + 1
    if ends_bold != previous.bold:
        # The cell changed weight for its company ("Engineer at **Bending** ⇥ dates"):
        # a few words in that weight under it, no title, are the company's rest; words
        # in lower case go on with whatever it ends on ("**Tacta** Software" over
        # "developer / Team lead").
        return (len(line.text.split()) <= 3 and not has_title(line.text)) or (
            line.text[0].islower())
    # A name of no title word under a whole title is the company ("Frontend Engineer ⇥
    # 2025 – now" over "Injective"); a title's wrapped end is more of it ("Mobile
    # Application ⇥ 2014 – 2015" over "Developer"), and a word under a title and its
    # company, no place, the company's ("… at Tacta - The art of complexity ⇥ dates"
    # over "Taming").
    if not lone_wrapped_tail(first_cell, line.text):
        return False
    if names_title_and_company(first_cell):
        return not is_location(line.text)
    return not (has_title(first_cell) and not has_title(line.text))


def _dates_cell_last(text: str) -> bool:
    """Whether a header line's last cell, after another, is its dates and nothing else."""
    head, tab, last = text.rpartition(FIELD_BREAK)
    return bool(tab and head.strip()) and only_dates(last)


def _cut_at_joining_word(previous: TextLine, line: TextLine) -> bool:
    """Whether ``line`` goes on with the first cell of ``previous``, cut at a joining
    word ("Backend Engineer at ⇥ 2024 – 2025" over "Daylight", "… at Ministry of ⇥ Sep
    2017 – Nov 2019" over "programming", "… The art ⇥ dates" over "of complexity"), in
    a narrow column: in its own weight or not. An open range ("2015 – ⇥ Scholar") ends
    in a dash but goes on nowhere."""
    first_cell, tab, _ = previous.text.partition(FIELD_BREAK)
    return (bool(tab) and not line.new_block and FIELD_BREAK not in line.text
            and not is_dated(line.text) and find_period(first_cell) is None
            and bool(CONNECTOR_END.search(first_cell) or _JOINING_OPEN.match(line.text)))


def _cell_ends_bold(line: TextLine, cell: str) -> bool:
    """Whether the last word of ``cell``, the line's first cell, is set in bold: the
    weight of its last run there (TextLine.runs), the line's own in one weight."""
    run = _last_run_of(line, cell)
    return line.bold if run is None else line.runs_bold[run]


def _last_run_of(line: TextLine, cell: str) -> int | None:
    """The index of the run (TextLine.runs) ``cell``, the line's first cell, ends in;
    None for a line in one style."""
    words, seen = len(cell.split()), 0
    for index, text in enumerate(line.runs):
        seen += len(text.split())
        if seen >= words:
            return index
    return None


def _wrapped_into_cells(header: TextLine, text: str) -> TextLine:
    """``header`` with ``text``, its cells' wrapped ends, joined to its cells; one cell's
    end also to the run the first cell ends in, so the runs still tell title from
    company ("**Tacta**" then "Team lead, Java &" over "Angular")."""
    joined = replace(header, text=merge_cells(header.text, text))
    run = None if FIELD_BREAK in text else _last_run_of(header, header.text.split(FIELD_BREAK)[0])
    if run is None:
        return joined
    runs = list(header.runs)
    runs[run] = f"{runs[run]} {text}"
    return replace(joined, runs=tuple(runs))


def _city_cut(first_cell: str, text: str) -> bool:
    """Whether a place under a cell is the rest of a city whose first word or two end
    the cell ("San" over "Francisco, CA"): whole, the city is one a list knows, its rest
    alone is not."""
    city = text.split(",")[0].strip()
    words = first_cell.split()
    return "," in text and is_location(text) and not is_place(city) and any(
        is_place(" ".join([*words[-size:], city])) for size in (1, 2) if len(words) > size)


@cache
def _company_forms() -> frozenset[str]:
    return frozenset(word.casefold() for word in read_lexicon("org_suffixes.txt"))


def _company_form(text: str) -> bool:
    """A company's form alone ("Ltd", "Inc.", "GmbH"): the end of a name, never a line's
    whole meaning."""
    return text.strip(" ,").casefold() in _company_forms()


def _split_double_headers(entries: list[Entry]) -> list[Entry]:
    """A header run with several dated lines is several entries without bullets (or the
    last one with them): cut it so each piece keeps one date, in the run's own pattern
    (date on the first line of each piece, or on its last)."""
    result: list[Entry] = []
    for entry in entries:
        entry.header = _company_form_joined(_join_split_range(entry.header))
        dated = [i for i, line in enumerate(entry.header) if is_dated(line.text)]
        if len(dated) < 2:
            result.append(entry)
            continue
        lines = entry.header
        size = len(lines) // len(dated)
        if len(lines) % len(dated) == 0 and all(
            (i - dated[0]) % size == 0 for i in dated
        ) and dated[0] < size:
            pieces = [lines[k: k + size] for k in range(0, len(lines), size)]
        elif dated[0] == 0:
            cuts = dated + [len(lines)]
            pieces = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
        elif _date_at_same_offset(lines, dated):
            cuts = [i - dated[0] for i in dated] + [len(lines)]
            pieces = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
        else:
            cuts = [0] + [i + 1 for i in dated[:-1]] + [len(lines)]
            pieces = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
        for piece in pieces[:-1]:
            result.append(Entry(header=piece))
        result.append(Entry(header=pieces[-1], body=entry.body))
    return result


def _date_at_same_offset(lines: list[TextLine], dated: list[int]) -> bool:
    """Whether each piece of a header run has its date on its k-th line, pieces of
    different lengths ("Company" / dates / "Title" / "what it does" then "Company" /
    dates / "Title"): lines follow the last date, and each piece opens in the style of
    the first."""
    offset = dated[0]
    starts = [i - offset for i in dated]
    first = lines[0]
    return ((dated[-1] < len(lines) - 1 or _opens_apart(lines, starts[1:]))
            and all(b - a > offset for a, b in zip(starts, starts[1:]))
            and all((lines[i].bold, lines[i].caps) == (first.bold, first.caps) for i in starts))


def _opens_apart(lines: list[TextLine], starts: list[int]) -> bool:
    """Whether each later piece opens in the first line's weight and size under a line
    in another: the next role's heading under a short line of the role above (classy's
    "SDE at AWS Marketing" under its dates), however the last piece ends."""
    style = lines[0].style
    return all(lines[i].style == style and lines[i - 1].style != style for i in starts)


_OPEN_RANGE = re.compile(r"\s*[–-]\s*$")


def _company_form_joined(header: list[TextLine]) -> list[TextLine]:
    """A company's form or kind wrapped alone onto the next line of its name, in its
    paragraph and look ("Australian Charities and Not-for-profits" / "Commission"), made
    one line again: the end of the name, not a field of its own."""
    joined: list[TextLine] = []
    for line in header:
        above = joined[-1] if joined else None
        if (above is not None and not line.new_block and _company_form(line.text)
                and line.bold == above.bold and abs(line.size - above.size) < 0.5
                and FIELD_BREAK not in above.text and not is_dated(above.text)):
            joined[-1] = replace(above, text=f"{above.text} {line.text.strip()}",
                                 fill=line.fill)
            continue
        joined.append(line)
    return joined


def _join_split_range(header: list[TextLine]) -> list[TextLine]:
    """A range broken over two lines ("May 2016 –" ... "Aug 2016", "June 2010" ...
    "Present") made whole on the first line: one date."""
    for index, line in enumerate(header[:-1]):
        first = line.text.split(FIELD_BREAK)[0]
        if _OPEN_RANGE.search(first) and find_period(first) is not None:
            following = header[index + 1]
            period = find_period(following.text)
            if period is not None and period.begin == 0:
                rest = following.text[period.finish:].strip(EDGE)
                joined = first + " " + following.text[: period.finish]
                tail = line.text[len(first):]
                header = list(header)
                header[index] = replace(line, text=joined + tail)
                header[index + 1] = replace(following, text=rest)
                return [h for h in header if h.text]
        following = header[index + 1]
        period = find_period(first)
        if (period is not None and period.start is None and is_open_end(following.text)
                and not first[period.finish:].strip(EDGE + "()")):
            # "June 2010" over "Present": one range, still held.
            header = list(header)
            header[index] = replace(line, text=f"{first} – {following.text.strip(' ()[]–-')}"
                                    + line.text[len(first):])
            del header[index + 1]
            return header
    return header

