"""Parser accuracy on labelled real resumes.

    python -m bench.parse_eval --corpus ../shared/corpus [--verbose]

Reads every ``labels.json`` under ``<corpus>/labelled`` (or under ``--corpus`` itself),
parses each PDF listed in its ``_pdfs`` and scores only the fields that label file marks
as verified in that PDF's text. Values are compared normalised (casefolded, punctuation
and spacing ignored, a near-identical spelling accepted; phones by digits; skills by
canonical name). A labelled job counts as found when some parsed entry has its company
or title; an experience entry is right when one parsed entry has all its verified fields.

When the corpus also has ``ner_text/`` (resume texts with inline entity labels, some
wrong), those are parsed as plain text and scored too, on lines of their own (``ner.*``):
the name and email, and whether any labelled designation, company or college is among
the parsed titles, companies or institutions (a label may hold more than the field, as
"Mechanical Eng ITM University": containment counts).

Prints one line per field and a total (over the labelled PDFs; ner_text has its own):
    parse_eval <field>: n=… accuracy=…
    parse_eval total: files=… field_accuracy=… errors=…
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from xml.etree import ElementTree

from engine.errors import TailorError
from engine.parse.parser import parse_resume
from engine.resume import Resume
from engine.parse.skills import canonical_skill

FIELDS = ("name", "email", "phone", "work.company", "work.position", "experience_entry",
          "education.institution", "skills")
CONTACT = ("name", "email", "phone")


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def same(a: str | None, b: str | None) -> bool:
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.9


def same_phone(a: str | None, b: str | None) -> bool:
    da, db = re.sub(r"\D", "", a or ""), re.sub(r"\D", "", b or "")
    if len(da) < 7 or len(db) < 7:
        return False
    # One may carry the country code the other leaves out.
    return da == db or da.endswith(db) or db.endswith(da)


def same_skill(label: str, parsed: list[str]) -> bool:
    wanted = canonical_skill(label).casefold()
    return any(canonical_skill(p).casefold() == wanted or same(label, p) for p in parsed)


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


def score_file(labels: dict, verified: dict[str, bool], resume: Resume, score: Score) -> None:
    checks = {key for key, ok in verified.items() if ok}
    if "name" in checks:
        ok = same(labels["name"], resume.name)
        score.add("name", ok, f"{labels['name']!r} got {resume.name!r}")
    if "email" in checks:
        ok = normalise(labels["email"]) == normalise(resume.email)
        score.add("email", ok, f"{labels['email']!r} got {resume.email!r}")
    if "phone" in checks:
        ok = same_phone(labels["phone"], resume.phone)
        score.add("phone", ok, f"{labels['phone']!r} got {resume.phone!r}")
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
    for index, school in enumerate(labels.get("education", [])):
        if f"education[{index}].institution" in checks and school.get("institution"):
            ok = any(same(school["institution"], e.institution) for e in resume.education)
            score.add("education.institution", ok, f"{school['institution']!r}")
    names = resume.skills
    for index, skill in enumerate(labels.get("skills", [])):
        if f"skills[{index}].name" in checks:
            score.add("skills", same_skill(skill, names), f"{skill!r}")


NER_FIELDS = ("ner.name", "ner.email", "ner.designation", "ner.company", "ner.college")


def overlaps(label: str, parsed: str | None) -> bool:
    a, b = normalise(label), normalise(parsed)
    return bool(a and b) and (same(a, b) or (len(b) >= 4 and b in a) or (len(a) >= 4 and a in b))


def score_ner_file(path: Path, score: Score) -> bool:
    """Parse one ner_text resume and score it; False when the parser refused it."""
    root = ElementTree.parse(path).getroot()
    labels: dict[str, list[str]] = defaultdict(list)
    for element in root.iter("label"):
        labels[element.get("type", "")].append(" ".join("".join(element.itertext()).split()))
    try:
        resume = parse_resume("".join(root.itertext()).encode("utf-8"), filename="resume.txt")
    except TailorError:
        return False
    if labels["Name"]:
        score.add("ner.name", same(labels["Name"][0], resume.name), f"{labels['Name'][0]!r}")
    if labels["Email Address"]:
        ok = normalise(labels["Email Address"][0]) == normalise(resume.email)
        score.add("ner.email", ok, f"{labels['Email Address'][0]!r}")
    for field, label, attribute, entries in (
        ("ner.designation", "Designation", "title", resume.experience),
        ("ner.company", "Companies worked at", "company", resume.experience),
        ("ner.college", "College Name", "institution", resume.education),
    ):
        if labels[label]:
            ok = any(overlaps(t, getattr(e, attribute)) for t in labels[label] for e in entries)
            score.add(field, ok, f"{labels[label][:2]}")
    return True


def labelled_files(corpus: Path) -> list[tuple[Path, dict]]:
    root = corpus / "labelled" if (corpus / "labelled").is_dir() else corpus
    found = []
    for label_path in sorted(root.rglob("labels.json")):
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        for pdf in sorted(labels.get("_pdfs", {})):
            if (label_path.parent / pdf).is_file():
                found.append((label_path.parent / pdf, labels))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    files = labelled_files(args.corpus)
    score = Score()
    errors = 0
    for path, labels in files:
        verified = labels["_pdfs"][path.name].get("field_verified_in_pdf_text", {})
        try:
            resume = parse_resume(path.read_bytes(), filename=path.name)
        except TailorError as error:
            errors += 1
            print(f"parse_eval error: {path}: {error.code}", file=sys.stderr)
            continue
        before = len(score.misses)
        score_file(labels, verified, resume, score)
        if args.verbose:
            for miss in score.misses[before:]:
                print(f"  miss {path.parent.name}/{path.name}: {miss}", file=sys.stderr)
    for name in FIELDS:
        n = score.total[name]
        accuracy = score.right[name] / n if n else 0.0
        print(f"parse_eval {name}: n={n} accuracy={accuracy:.3f}")
    contact_n = sum(score.total[f] for f in CONTACT)
    contact_right = sum(score.right[f] for f in CONTACT)
    print(f"parse_eval contact: n={contact_n} "
          f"accuracy={contact_right / contact_n if contact_n else 0.0:.3f}")
    scored = [f for f in FIELDS if f != "experience_entry"]
    total = sum(score.total[f] for f in scored)
    right = sum(score.right[f] for f in scored)
    ner_files = sorted((args.corpus / "ner_text").glob("*.xml"))
    if ner_files:
        ner_errors = sum(not score_ner_file(path, score) for path in ner_files)
        for name in NER_FIELDS:
            n = score.total[name]
            print(f"parse_eval {name}: n={n} accuracy={score.right[name] / n if n else 0.0:.3f}")
        ner_total = sum(score.total[f] for f in NER_FIELDS)
        ner_right = sum(score.right[f] for f in NER_FIELDS)
        print(f"parse_eval ner_total: files={len(ner_files)} "
              f"field_accuracy={ner_right / ner_total if ner_total else 0.0:.3f} "
              f"errors={ner_errors}")
    print(f"parse_eval total: files={len(files)} "
          f"field_accuracy={right / total if total else 0.0:.3f} errors={errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
