"""Experience entries from a section's lines.

The lines are grouped into entries (engine.parse.entry_groups); the header's date range
gives start and end; the rest is cut into fields that the place list and
engine.parse.roles classify into location, title and company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.extract.lines import TextLine
from engine.parse.card_grid import cards_in_order
from engine.parse.contact import is_location, is_work_mode
from engine.parse.dates import Period
from engine.parse.entry_groups import Entry, group_entries
from engine.parse.entry_lines import (
    HEADER_LABEL,
    SENTENCE_END,
    SPACED_DASH,
    header_fields,
    is_bullet,
    is_dated,
    is_duration,
    looks_like_body,
    name_and_place,
    split_dashed_location,
    split_location,
    strip_bullet,
    take_period,
    trim,
)
from engine.parse.role_tables import rows_as_roles
from engine.parse.roles import (
    SPLITTERS,
    classify,
    labelled_value,
    splitter_of,
    has_title,
    labelled_title_and_company,
    style_cut,
    title_and_company,
)
from engine.resume import PRESENT, Bullet, ExperienceEntry


def _lines_after_full_header(header: list[TextLine], per_line: list[list[str]],
                             period: Period | None, names_under: bool) -> list[str]:
    """Lines under a dated first line that already names title and company ("Acme,
    Developer ⇥ 2014 – 2016"), or under the dates set on their own line beneath it
    (elegant: "Developer, Synbioz", "Oct, 2014 - Present", then what the role was;
    classy: "SDE at AWS Marketing" in the text's style), are the role's text, not more
    of its header; unless the section names its companies under the dated line
    (``names_under``, _names_under_dated_lines)."""
    if len(header) < 2 or any(name_and_place(line.text) for line in header[1:]):
        return []  # a company and its place under the first line: more of the header
    first = 1
    if period is not None and not is_dated(header[0].text):
        if len(header) < 3 or not is_dated(header[1].text) or per_line[1]:
            return []
        first = 2  # the dates alone on the second line
    title, company = title_and_company(per_line[0], header[0].bold or header[0].caps)
    if not (title and company) or (first == 1 and names_under and len(per_line[0]) == 1
                                   and _name_under_dated_line(header, per_line)):
        return []
    return [strip_bullet(line.text)
            for line, found in zip(header[first:], per_line[first:]) if found]


def _name_under_dated_line(header: list[TextLine], per_line: list[list[str]]) -> bool:
    """Whether a dated first line has a short name of no title word right under it
    ("Senior Engineer ⇥ 2019 – 2021" over "ING Tech Poland"), or under the role's length
    (lucide: "1 an"), and no more lines: a company, where its section sets every role
    so."""
    if len(header) < 2 or not is_dated(header[0].text):
        return False
    below = [i for i, found in enumerate(per_line[1:], 1) if found]
    if len(below) != 1 or len(per_line[below[0]]) != 1:
        return False  # none, or the lines of a list ("Data pipelines" / "Monitoring" / …)
    at = below[0]
    under = per_line[at][0]
    return (not is_bullet(header[at].text) and not is_dated(header[at].text)
            and len(under.split()) <= 6 and not looks_like_body(under)
            and not has_title(under))


def _names_under_dated_lines(entries: list[Entry], headers: list[_Header]) -> bool:
    """Whether most of a section's dated roles (two at least) set a company's name under
    their dated first line: the layout names the company there, so a first line that
    reads as title and company only by a cut ("IAAS Network - Senior DevOps Engineer",
    "Software Architect, MobileMD") is the title whole."""
    dated = [(e, h) for e, h in zip(entries, headers) if e.header and is_dated(e.header[0].text)]
    named = sum(_name_under_dated_line(e.header, h.per_line) for e, h in dated)
    return named >= 2 and named >= 0.5 * len(dated)


def _plain_lines_after_bold_role(header: list[TextLine], per_line: list[list[str]]
                                 ) -> tuple[list[str], list[str]]:
    """(fields, text) of a header whose bold lines name title and company between them
    (spartan: "Amazon", the dates, "Software Developer Engineer"), the plain lines
    after them being the role's text ("SDE at AWS Marketing"): ([], []) otherwise."""
    bold = 0
    while bold < len(header) and header[bold].bold:
        bold += 1
    rest = header[bold:]
    if bold < 2 or not rest or any(is_dated(line.text) for line in rest):
        return [], []
    named = [f for found in per_line[:bold] for f in found]
    title, company = title_and_company(named, True)
    if not (title and company):
        return [], []
    return named, [strip_bullet(line.text) for line, found in zip(rest, per_line[bold:])
                   if found]


def role_dates(period: Period | None) -> tuple[str | None, str | None]:
    """A role's start and end. A lone date in a role's header is when it began: a
    role still held is dated by its start alone ("Aug 2012" where the end is "Current"),
    while a lone date under a degree (engine.parse.dates.find_period) is its end."""
    if period is None:
        return None, None
    if period.start is None and period.end not in (None, PRESENT):
        return period.end, None
    return period.start, period.end


@dataclass
class _Header:
    period: Period | None
    location: str | None
    fields: list[str]
    per_line: list[list[str]]




def _place_then_title(field: str) -> list[str]:
    """A field cut after the place it names: Google Docs' resume templates print "Acme,
    Remote – Frontend Engineer" and "Acme, Austin, TX — Developer", where the place would
    otherwise take the title with it. Unchanged unless what follows a spaced dash
    reads as a title and what stands before it ends on a place; of two such dashes the
    last, the place itself may hold one ("Edugo.ai, Remote - Shanghai, China – Software
    Engineer Intern"), while a dash inside the title leaves no place before it
    ("Crio.Do, Bangalore, India – Software Engineer - Intern")."""
    cuts = [(field[: cut.start()], field[cut.end():]) for cut in SPACED_DASH.finditer(field)]
    fits = [[before, after] for before, after in cuts
            if "," in before and has_title(after) and _ends_on_place(before)]
    return fits[-1] if fits else [field]


def _ends_on_place(text: str) -> bool:
    place = split_location(text)[1]
    return place is not None and not has_title(place)


def _header_parts(entry: Entry) -> _Header:
    """The date range, place and other fields of an entry's header lines."""
    period: Period | None = None
    location: str | None = None
    fields: list[str] = []
    per_line: list[list[str]] = []
    for line in entry.header:
        found, text = take_period(line.text) if period is None else (None, line.text)
        period = period or found
        per_line.append([])
        for item in (part for field in header_fields(text) for part in _place_then_title(field)):
            if location is None and is_work_mode(item):  # "Remote - Shanghai, China": whole
                location = item.strip(" ()")
                continue
            item, place = split_dashed_location(item)  # before the whole: "ACME- Pune, MH"
            location = location or place
            if location is None and is_location(item):
                location = item.strip(" ()")
                continue
            item, place = split_location(item)
            location = location or place
            if item:
                pieces = style_cut(item, line.runs)
                fields += pieces
                per_line[-1] += pieces
    return _Header(period, location, fields, per_line)


def _role_without_company(header: _Header) -> bool:
    """A dated header naming a title and no company."""
    if header.period is None or not header.fields:
        return False
    title, company = title_and_company(header.fields[:3], False)
    return bool(title) and company is None and len(header.fields) == 1


def _company_over_dated_title(entry: Entry, header: _Header, company: str | None) -> bool:
    """Whether the header sets the company on an undated line of its own over its role's
    dated title, as people list the roles they held at one company: the company once,
    each title with its dates under it."""
    return (company is not None and header.per_line[:1] == [[company]]
            and not is_dated(entry.header[0].text)
            and any(is_dated(line.text) for line in entry.header[1:]))


def _fills_in(job: ExperienceEntry, entry: Entry, fields: list[str],
              location: str | None) -> bool:
    """Whether an undated header of labelled lines only ("Designation: Planner" after
    the company's description) gives the role above the title or company it lacked; if
    so they, and the lines under them, are added to it."""
    if not entry.header or not all(HEADER_LABEL.match(line.text) for line in entry.header):
        return False
    title, company = labelled_title_and_company(fields, False)
    if not ((title and not job.title) or (company and not job.company)):
        return False
    job.title, job.company = job.title or title, job.company or company
    job.location = job.location or location
    job.bullets += [Bullet(id="", text=text) for text in entry.body]
    return True


def _title_under_description(body: list[str]) -> int | None:
    """Where a dated header names the company only, the title may stand under the
    company's description (a theme printing "Acme ⇥ 2020 – 2022", what Acme does, then
    "Backend Engineer"): a short line of title words that is no sentence, right after
    that one paragraph."""
    return 1 if _placed_under_description(body) and has_title(body[1]) else None


def _placed_under_description(body: list[str]) -> bool:
    """Whether the body's second line stands where a title under the company's
    description would: short, no sentence, after a paragraph."""
    if len(body) < 2 or len(body[0].split()) < 6:
        return False
    line = body[1]
    return not (len(line.split()) > 6 or SENTENCE_END.search(line) or "," in line)


def _titles_placed_like_the_sections(jobs: list[ExperienceEntry], placed: list[int],
                                     titled: int) -> None:
    """Where two roles or more of a section found their title under the company's
    description, a role whose line there holds no title word ("Android Application
    Development") is titled by it too (in place): the section's layout says so."""
    if titled < 2:
        return
    for job in (jobs[index] for index in placed):
        if job.title is None and len(job.bullets) > 1:  # none filled in since
            job.title = job.bullets.pop(1).text


def _title_first(job: ExperienceEntry, header: str) -> bool | None:
    """Whether the header names the title before the company (None if not both)."""
    if not (job.title and job.company) or job.title not in header or job.company not in header:
        return None
    return header.index(job.title) < header.index(job.company)


def _same_order(jobs: list[ExperienceEntry], headers: dict[int, str]) -> None:
    """A section repeats one layout: where title words tell neither field (or both)
    apart, the role takes the order its section's clear roles agree on (in place)."""
    orders: list[bool] = []
    unclear: list[ExperienceEntry] = []
    for job in jobs:
        first = _title_first(job, headers.get(id(job), ""))
        if first is None:
            continue
        title, company = classify([job.title, job.company])
        if (title.title > title.org) != (company.title > company.org):
            orders.append(first if title.title > title.org else not first)
        else:
            unclear.append(job)
    if len(orders) < 2 or len(set(orders)) != 1:
        return
    for job in unclear:
        if _title_first(job, headers[id(job)]) != orders[0]:
            job.title, job.company = job.company, job.title


def _main_style_first(entry: Entry, header: _Header, fields: list[str]) -> list[str]:
    """The fields of a header's lines in the style of its first line before the others:
    a theme sets the company and the title large and bold and what the company does, its
    web address, in the text's style between them (kendall), where a title read among
    the first fields would be the description's."""
    if len(entry.header) < 3 or header.period is None:
        return fields  # undated: two roles' headers may have run together
    main = [f for line, found in zip(entry.header, header.per_line)
            if line.style == entry.header[0].style for f in found]
    if len(main) < 2 or len(main) == len(fields):
        return fields
    return main + [f for f in fields if f not in main]


def _section_splitter(headers: list[_Header]) -> int | None:
    """The cut (roles.SPLITTERS) that most of a section's lone-field headers take, when
    three at least take one and most of them the same ("Acme, Developer" throughout), or
    two and no other: a role whose field another cut would also split, or none, is read
    like its neighbours."""
    cuts = [splitter_of(h.fields[0]) for h in headers if len(h.fields) == 1]
    cuts = [c for c in cuts if c is not None]
    if len(cuts) == 2 and cuts[0] == cuts[1]:
        return cuts[0]
    if len(cuts) < 3:
        return None
    best = max(set(cuts), key=cuts.count)
    return best if cuts.count(best) >= 0.6 * len(cuts) else None


def _cut_like_section(fields: list[str], prefer: int | None) -> list[str]:
    """A lone field that its section's cut splits once into two parts of no title word
    ("Ineat Conseil, Developper", misspelt, among "Synbioz, Developer" headers), or of
    title words both ("freelance, Interactive Developer and Animator" among "Ecosia, Web
    Developer"): cut there like its neighbours; which part is the title is then their
    order's to say (_same_order). Two company names ("Acme Corp, Inc.") are not cut."""
    if prefer is None or len(fields) != 1 or splitter_of(fields[0]) is not None:
        return fields
    parts = [trim(p) for p in SPLITTERS[prefer].split(fields[0])]
    if len(parts) != 2 or not all(parts) or any(len(p.split()) > 6 for p in parts):
        return fields
    scored = classify(parts)
    titled = [f.title > f.org for f in scored]
    if (any(f.title for f in scored) and not all(titled)) or all(f.org for f in scored):
        return fields
    return parts


def _take_labelled_rows(job: ExperienceEntry) -> None:
    """A missing title or company taken from a labelled row among the job's lines
    (Europass lists "Main activities and responsibilities" between the occupation and
    "Name and address of employer"), the row then no longer a line of the job."""
    kept = []
    for bullet in job.bullets:
        value, kind = labelled_value(bullet.text)
        if kind == "title" and not job.title and value:
            job.title = value
        elif kind == "company" and not job.company and value:
            job.company, place = split_location(value)
            job.location = job.location or place
        else:
            kept.append(bullet)
    job.bullets = kept


def _stacked_dates_joined(jobs: list[ExperienceEntry]) -> list[ExperienceEntry]:
    """Roles whose two dates stand stacked in a left column, one a line: "Sept. 2000 ⇥
    ACME ⇥ BOSTON, MA" over "April. 2000 ⇥ Executive Producer" is one role from April to
    September 2000, not a company and then a title, each dated once."""
    joined: list[ExperienceEntry] = []
    for job in jobs:
        above = joined[-1] if joined else None
        if (above is not None and not above.bullets and above.company and not above.title
                and job.title and not job.company and not (above.location and job.location)
                and _dated_once(above) and _dated_once(job)):
            first, last = sorted((above.start, job.start))
            joined[-1] = job.model_copy(update={
                "company": above.company, "location": job.location or above.location,
                "start": first, "end": last})
            continue
        joined.append(job)
    return joined


def _dated_once(job: ExperienceEntry) -> bool:
    return job.start is not None and job.end is None


def experience_entries(lines: list[TextLine], pdf: bool) -> list[ExperienceEntry]:
    result: list[ExperienceEntry] = []
    entries = group_entries(rows_as_roles(cards_in_order(lines)), pdf)
    headers = [_header_parts(entry) for entry in entries]
    prefer = _section_splitter(headers)
    names_under = _names_under_dated_lines(entries, headers)
    # A company set apart from its role (a left column with the company, its place and
    # what it does; the dates and title at the right, read after it).
    carried: tuple[str, str | None, list[str]] | None = None
    header_texts: dict[int, str] = {}  # each role's header, by id: the order of its fields
    group: str | None = None  # the company whose roles follow, each with its title only
    titled_under = 0  # roles titled under their company's description
    placed_under: list[int] = []  # roles whose line there holds no title word
    for index, (entry, header) in enumerate(zip(entries, headers)):
        period, location, fields = header.period, header.location, header.fields
        extra = _lines_after_full_header(entry.header, header.per_line, period, names_under)
        if extra:
            fields = header.per_line[0]
            entry.body[:0] = extra
        else:
            named, extra = _plain_lines_after_bold_role(entry.header, header.per_line)
            if extra:
                fields = named
                entry.body[:0] = extra
        following = headers[index + 1] if index + 1 < len(headers) else None
        if (not period and header.per_line and header.per_line[0][:1] == fields[:1]
                and following is not None
                and _role_without_company(following) and not has_title(fields[0])):
            texts = [line.text for line in entry.header[1:]
                     if any(f in line.text for f in fields[1:])]
            carried = (fields[0], location, [*texts, *entry.body])
            continue
        if not period and result and _fills_in(result[-1], entry, fields, location):
            continue
        if not period and result and (not fields or (
            result[-1].start or result[-1].end) and not any(
                f.title > f.org for f in classify(fields))):
            # Not a new role: a sub-heading or an unmarked line inside the previous one.
            texts = [strip_bullet(line.text) for line in entry.header  # web addresses too
                     if any(c.isalnum() for c in line.text)]
            result[-1].bullets += [Bullet(id="", text=t) for t in [*texts, *entry.body]]
            continue
        first_bold = bool(entry.header) and (entry.header[0].bold or entry.header[0].caps)
        if not extra:
            fields = _main_style_first(entry, header, fields)
        fields = _cut_like_section(fields, prefer)
        title, company = labelled_title_and_company(fields, first_bold, prefer)
        body = entry.body
        if company is None and title and carried is not None:
            company, place, texts = carried
            location = location or place
            body = [*texts, *body]
        elif (company is None and title and result and len(fields) == 1
                and is_bullet(entry.header[0].text)):
            company = result[-1].company  # the next role listed under the same company
        elif company is None and title and len(fields) == 1 and group is not None:
            company = group  # the next role under a company heading a group of roles
        elif (any(is_duration(line.text) for line in entry.header)  # LinkedIn's export
              or _company_over_dated_title(entry, header, company)):
            group = company  # a company heading the roles held there, one title each
        else:
            group = None
        carried = None
        if period and company and not title:
            found = _title_under_description(body)
            if found is not None:
                title, body = body[found], body[:found] + body[found + 1:]
                titled_under += 1
            elif _placed_under_description(body):
                placed_under.append(len(result))
        start, end = role_dates(period)
        result.append(
            ExperienceEntry(
                title=title,
                company=company,
                location=location,
                start=start,
                end=end,
                bullets=[Bullet(id="", text=t) for t in body],
            )
        )
        header_texts[id(result[-1])] = " ".join(line.text for line in entry.header)
    _titles_placed_like_the_sections(result, placed_under, titled_under)
    _same_order(result, header_texts)
    result = _stacked_dates_joined(result)
    for job in result:
        if (job.start or job.end) and not (job.title and job.company):
            _take_labelled_rows(job)
    for number, job in enumerate(result):
        for index, bullet in enumerate(job.bullets):
            bullet.id = f"experience.{number}.{index}"
    return [job for job in result if job.title or job.company or job.bullets]



