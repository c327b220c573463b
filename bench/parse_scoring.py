"""How bench.parse_eval compares a parsed Resume with its labels.

Values are compared normalised: casefolded, punctuation and spacing ignored, a
near-identical spelling accepted; phones by digits; dates by year-month; skills by
canonical name. Content kept is the share of the extracted text's words (as a multiset)
that the parsed Resume's ``to_text()`` still holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from engine.parse.entry_lines import split_location
from engine.parse.lossless import CONNECTIVES
from engine.parse.skill_lists import GENERIC_CATEGORIES
from engine.parse.skills import canonical_skill
from engine.resume import PRESENT, Resume

_WORD = re.compile(r"\w+")


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def squeezed(text: str | None) -> str:
    """Letters and digits only: what survives any spacing a layout gives a value."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text or "").casefold())


def same(a: str | None, b: str | None) -> bool:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9


def same_phone(a: str | None, b: str | None) -> bool:
    da, db = re.sub(r"\D", "", a or ""), re.sub(r"\D", "", b or "")
    if len(da) < 7 or len(db) < 7:
        return False
    # One may carry the country code the other leaves out.
    return da == db or da.endswith(db) or db.endswith(da)


def _one_skill(label: str, parsed: list[str]) -> bool:
    wanted = canonical_skill(label).casefold()
    return any(canonical_skill(p).casefold() == wanted or same(label, p) for p in parsed)


# What separates the skills of a label that lists several ("Python, Bash, Golang",
# "React | Redux", "Git / GitOps"): commas, pipes, slashes and semicolons set apart.
_LABEL_LIST = re.compile(r"\s*[,;|]\s*|\s+/\s+")


def same_skill(label: str, parsed: list[str]) -> bool:
    """A label is found as written, or, when it lists several skills, each of them is:
    the parser names skills one by one, as a recruiter searches them."""
    if _one_skill(label, parsed):
        return True
    parts = [p for p in _LABEL_LIST.split(label) if p.strip()]
    return len(parts) > 1 and all(_one_skill(p, parsed) for p in parts)


def same_institution(label: str | None, parsed: str | None) -> bool:
    """Same name, or the same once a place after it is set aside on either side
    ("McMaster University, Hamilton, ON" and "McMaster University"): where the school
    stands is a location, not part of its name, and resumes print it or not."""
    if same(label, parsed):
        return True
    return same(split_location(label or "")[0], split_location(parsed or "")[0])


def scorable_phone(label: str | None) -> bool:
    """A phone of seven digits at least: a masked one ("518-755-XXX") cannot be matched
    by any parse, so it says nothing about the parser."""
    return len(re.sub(r"\D", "", label or "")) >= 7


_MONTHS = {name[:3]: number for number, name in enumerate(
    "january february march april may june july august september october november "
    "december".split(), start=1)}


def year_month(value: str | None) -> str | None:
    """"2022-05-18" -> "2022-05"; "July, 2021" and "Jul-2021" -> "2021-07"; "2022" stays;
    "present" or None -> None."""
    value = value or ""
    match = re.match(r"(\d{4})(?:-(\d{2}))?", value)
    if match:
        return f"{match[1]}-{match[2]}" if match[2] else match[1]
    match = re.match(r"([A-Za-z]{3})[a-z]*\.?,?[\s/-]*(\d{4})$", value.strip())
    if match and match[1].casefold() in _MONTHS:
        return f"{match[2]}-{_MONTHS[match[1].casefold()]:02d}"
    return None


def _month_number(value: str) -> int:
    return int(value[:4]) * 12 + int(value[5:7])


def same_date(label: str | None, parsed: str | None) -> bool:
    """An open end matches "present" or nothing; a month matches the same month, or the
    same year when the resume shows the year alone. A label with a day may print a month
    off (themes convert it through a time zone)."""
    if not year_month(label):
        return parsed in (None, PRESENT)
    wanted, got = year_month(label), year_month(parsed)
    if not got:
        return False
    if wanted == got or (len(got) == 4 and wanted[:4] == got):
        return True
    has_day = bool(re.match(r"\d{4}-\d{2}-\d{2}", label or ""))
    return (has_day and len(got) == 7 and len(wanted) == 7
            and abs(_month_number(wanted) - _month_number(got)) <= 1)


def words(text: str) -> Counter:
    """The text's words, less the connectives the parser's fields drop by design."""
    return Counter(w for w in _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
                   if w not in CONNECTIVES)


def content_kept(extracted: str, resume: Resume) -> float:
    wanted = words(extracted)
    total = sum(wanted.values())
    if not total:
        return 1.0
    kept = wanted & words(resume.to_text())
    return sum(kept.values()) / total


@dataclass
class Score:
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.total[name] += 1
        self.right[name] += ok
        if not ok:
            self.misses.append(f"{name}: {detail}")

    def accuracy(self, names) -> tuple[int, float]:
        n = sum(self.total[f] for f in names)
        return n, (sum(self.right[f] for f in names) / n if n else 0.0)


def _matching_entry(job: dict, resume: Resume):
    """The parsed entry with the job's company and title, else its company, else its
    title (a person may hold one title at several employers)."""
    for wanted in (("company", "position"), ("company",), ("position",)):
        for entry in resume.experience:
            found = {"company": entry.company, "position": entry.title}
            if all(same(job.get(key), found[key]) for key in wanted):
                return entry
    return None


def score_work(labels: dict, checks: set[str], resume: Resume, score: Score) -> None:
    bullets = [b.text for e in resume.experience for b in e.bullets]
    for index, job in enumerate(labels.get("work", [])):
        wanted = {}
        for key, attribute in (("company", "company"), ("position", "title")):
            if f"work[{index}].{key}" in checks and job.get(key):
                wanted[attribute] = job[key]
                ok = any(same(job[key], getattr(e, attribute)) for e in resume.experience)
                score.add(f"work.{key}", ok, f"{job[key]!r}")
        if wanted:
            ok = any(all(same(v, getattr(e, k)) for k, v in wanted.items())
                     for e in resume.experience)
            score.add("experience_entry", ok, f"{wanted}")
            entry = _matching_entry(job, resume)
            for key, attribute in (("startDate", "start"), ("endDate", "end")):
                if key == "startDate" and not job.get(key):
                    continue
                got = getattr(entry, attribute) if entry else None
                score.add(f"work.{attribute}", entry is not None and same_date(job.get(key), got),
                          f"{job.get(key)!r} got {got!r} ({wanted})")
        for number, highlight in enumerate(job.get("highlights") or []):
            if f"work[{index}].highlights[{number}]" in checks:
                ok = any(same(highlight, b) for b in bullets)
                score.add("work.bullet", ok, f"{highlight[:80]!r}")


def score_education(labels: dict, checks: set[str], text: str, resume: Resume,
                    score: Score) -> None:
    squeezed_text = squeezed(text)
    for index, school in enumerate(labels.get("education", [])):
        if f"education[{index}].institution" in checks and school.get("institution"):
            ok = any(same_institution(school["institution"], e.institution)
                     for e in resume.education)
            score.add("education.institution", ok, f"{school['institution']!r}")
        for key, attribute in (("studyType", "degree"), ("area", "field")):
            value = school.get(key)
            if value and squeezed(value) and squeezed(value) in squeezed_text:
                ok = any(same(value, getattr(e, attribute)) for e in resume.education)
                score.add(f"education.{attribute}", ok, f"{value!r}")


def score_resume(labels: dict, checks: set[str], text: str, resume: Resume,
                 score: Score) -> None:
    """Score the labelled fields in ``checks`` (keys such as ``work[2].company``)."""
    if "name" in checks:
        score.add("name", same(labels["name"], resume.name),
                  f"{labels['name']!r} got {resume.name!r}")
    if "email" in checks:
        ok = normalise(labels["email"]) == normalise(resume.email)
        score.add("email", ok, f"{labels['email']!r} got {resume.email!r}")
    if "phone" in checks and scorable_phone(labels["phone"]):
        ok = same_phone(labels["phone"], resume.phone)
        score.add("phone", ok, f"{labels['phone']!r} got {resume.phone!r}")
    score_work(labels, checks, resume, score)
    score_education(labels, checks, text, resume, score)
    for index, skill in enumerate(labels.get("skills", [])):
        # A JSON Resume group named "Tools" or "Others" names no skill: the parser
        # leaves such names out on purpose (engine.parse.skill_lists.GENERIC_CATEGORIES).
        generic = normalise(skill) in GENERIC_CATEGORIES
        if f"skills[{index}].name" in checks and not generic:
            score.add("skills", same_skill(skill, resume.skills), f"{skill!r}")


def labels_from_json_resume(data: dict) -> dict:
    """labels.json's shape from a JSON Resume (for PDFs rendered from it)."""
    basics = data.get("basics") or {}
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    skills = []
    for group in data.get("skills") or []:
        if isinstance(group, dict):
            skills += [group.get("name") or "", *(group.get("keywords") or [])]
        else:
            skills.append(group)
    return {
        "name": basics.get("name") or "",
        "email": basics.get("email") or "",
        "phone": basics.get("phone") or "",
        "location": ", ".join(v for v in (location.get("city"), location.get("region")) if v),
        "work": [{"company": job.get("name") or job.get("company") or "",
                  "position": job.get("position") or "",
                  "startDate": job.get("startDate"), "endDate": job.get("endDate"),
                  "highlights": [h for h in job.get("highlights") or [] if isinstance(h, str)]}
                 for job in data.get("work") or []],
        "education": [{k: school.get(k) for k in
                       ("institution", "studyType", "area", "startDate", "endDate")}
                      for school in data.get("education") or []],
        "skills": [s for s in skills if isinstance(s, str) and s],
    }


def fields_in_text(labels: dict, text: str) -> set[str]:
    """The label keys whose value the text shows (spacing and punctuation aside)."""
    present = squeezed(text)

    def shown(value) -> bool:
        return isinstance(value, str) and len(squeezed(value)) >= 2 and squeezed(value) in present

    keys = {key for key in ("name", "email") if shown(labels.get(key))}
    digits = re.sub(r"\D", "", labels.get("phone") or "")
    if len(digits) >= 7 and digits[-7:] in re.sub(r"\D", "", text):
        keys.add("phone")
    for i, job in enumerate(labels["work"]):
        keys |= {f"work[{i}].{k}" for k in ("company", "position") if shown(job[k])}
        keys |= {f"work[{i}].highlights[{j}]" for j, h in enumerate(job["highlights"])
                 if shown(h)}
    keys |= {f"education[{i}].institution" for i, school in enumerate(labels["education"])
             if shown(school.get("institution"))}
    keys |= {f"skills[{i}].name" for i, skill in enumerate(labels["skills"]) if shown(skill)}
    return keys
