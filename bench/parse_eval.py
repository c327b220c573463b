"""Parser accuracy on labelled real resumes, on a tuning part and a reporting part.

    python -m bench.parse_eval --corpus ../shared/corpus [--part tune|report|both]
        [--cache var/jsonresume] [--verbose]

The corpus is split once and for all (bench.corpus_split): rules are tuned on TUNE,
accuracy is reported on REPORT; every line names its part. Sources:

- ``labelled/``: each PDF listed in a ``labels.json``, scored only on the fields that
  file marks as verified in that PDF's text;
- the cache of PDFs bench.jsonresume_render made from the JSON-only people with JSON
  Resume themes (``rendered``), labelled from their resume.json, scored on the fields
  whose value shows in the PDF's text;
- ``ner_text/``: resume texts with inline entity labels (some wrong), parsed as plain
  text and scored on lines of their own (``ner.*``): the name and email, and whether any
  labelled designation, company or college is among the parsed titles, companies or
  institutions (containment counts: a label may hold more than the field);
- ``files/``: unlabelled real CVs, for content kept only.

Fields (scoring in bench.parse_scoring): name, email, phone; work.company,
work.position (a labelled job counts as found when some parsed entry has it),
experience_entry (one parsed entry has all its verified fields), work.start/work.end
(of the entry found), work.bullet (each labelled highlight found as one bullet),
education.institution/degree/field, skills. ``content_kept`` is the word recall of the
parsed resume's ``to_text()`` against the extracted text, over labelled/ and files/.
The total is the micro-average over name, email, phone, employers, titles,
institutions and skills of the labelled and rendered PDFs.

    parse_eval <field>: n=… accuracy=… part=…
    parse_eval content_kept: files=… mean=… p10=… part=…
    parse_eval confidence: files=… flagged=… accuracy_flagged=… accuracy_rest=… part=…
    parse_eval source=own|rendered: files=… total=… company=… position=… bullet=…
        skills=… part=…
    parse_eval total: files=… field_accuracy=… errors=… part=…

The ``source=`` lines split the labelled PDFs' figures by where they come from: the
people's own PDFs (``own``: layouts of their own, a new one each) and those rendered with
the six themes (``rendered``); they say where the total is lost without naming a miss.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from bench.corpus_split import Part, key_of, part_of
from bench.jsonresume_render import DEFAULT_CACHE
from bench.parse_scoring import (
    Score,
    content_kept,
    fields_in_text,
    labels_from_json_resume,
    normalise,
    same,
    score_resume,
)
from engine.errors import TailorError
from engine.parse.confidence import MISREAD_BELOW
from engine.extract.documents import extract_document
from engine.parse.parser import parse_document

FIELDS = ("name", "email", "phone", "work.company", "work.position", "experience_entry",
          "work.start", "work.end", "work.bullet", "education.institution",
          "education.degree", "education.field", "skills")
TOTAL_FIELDS = ("name", "email", "phone", "work.company", "work.position",
                "education.institution", "skills")
CONTACT = ("name", "email", "phone")
NER_FIELDS = ("ner.name", "ner.email", "ner.designation", "ner.company", "ner.college")


@dataclass
class PartResult:
    score: Score = field(default_factory=Score)
    files: int = 0
    errors: int = 0
    kept: list[float] = field(default_factory=list)
    # (parse confidence, right, total over TOTAL_FIELDS) per labelled PDF
    confidence: list[tuple[float, int, int]] = field(default_factory=list)
    kept_rendered: list[float] = field(default_factory=list)
    # the labelled PDFs' scores again, by source: "own" PDFs and "rendered" ones
    by_source: dict[str, Score] = field(default_factory=lambda: {"own": Score(),
                                                                  "rendered": Score()})
    files_by_source: dict[str, int] = field(default_factory=lambda: {"own": 0, "rendered": 0})
    ner_files: int = 0
    ner_errors: int = 0


def parsed(path: Path):
    """(extracted text, Resume) of a file, or TailorError."""
    document = extract_document(path.read_bytes(), filename=path.name)
    return document.text, parse_document(document)


def labelled_files(corpus: Path) -> list[tuple[Path, dict, set[str] | None]]:
    """(pdf, labels, verified keys) of each PDF of labelled/ that exists."""
    root = corpus / "labelled" if (corpus / "labelled").is_dir() else corpus
    found = []
    for label_path in sorted(root.rglob("labels.json")):
        labels = json.loads(label_path.read_text(encoding="utf-8"))
        for pdf, about in sorted(labels.get("_pdfs", {}).items()):
            if (label_path.parent / pdf).is_file():
                verified = about.get("field_verified_in_pdf_text", {})
                found.append((label_path.parent / pdf, labels,
                              {k for k, ok in verified.items() if ok}))
    return found


def rendered_files(corpus: Path, cache: Path) -> list[tuple[Path, dict, None]]:
    found = []
    for pdf in sorted(cache.glob("*/*.pdf")):
        source = corpus / "labelled" / pdf.parent.name / "resume.json"
        if source.is_file():
            data = json.loads(source.read_text(encoding="utf-8"))
            found.append((pdf, labels_from_json_resume(data), None))
    return found


def overlaps(label: str, parsed_value: str | None) -> bool:
    a, b = normalise(label), normalise(parsed_value)
    return bool(a and b) and (same(a, b) or (len(b) >= 4 and b in a) or (len(a) >= 4 and a in b))


def score_ner_file(path: Path, score: Score) -> bool:
    """Parse one ner_text resume and score it; False when the parser refused it."""
    root = ElementTree.parse(path).getroot()
    labels: dict[str, list[str]] = defaultdict(list)
    for element in root.iter("label"):
        labels[element.get("type", "")].append(" ".join("".join(element.itertext()).split()))
    try:
        document = extract_document("".join(root.itertext()).encode("utf-8"),
                                    filename="resume.txt")
        resume = parse_document(document)
    except TailorError:
        return False
    if labels["Name"]:
        score.add("ner.name", same(labels["Name"][0], resume.name), f"{labels['Name'][0]!r}")
    if labels["Email Address"]:
        ok = normalise(labels["Email Address"][0]) == normalise(resume.email)
        score.add("ner.email", ok, f"{labels['Email Address'][0]!r}")
    for name, label, attribute, entries in (
        ("ner.designation", "Designation", "title", resume.experience),
        ("ner.company", "Companies worked at", "company", resume.experience),
        ("ner.college", "College Name", "institution", resume.education),
    ):
        if labels[label]:
            ok = any(overlaps(t, getattr(e, attribute)) for t in labels[label] for e in entries)
            score.add(name, ok, f"{labels[label][:2]} got "
                      f"{[getattr(e, attribute) for e in entries][:4]}")
    return True


def _counts(score: Score) -> tuple[int, int]:
    return (sum(score.right[f] for f in TOTAL_FIELDS), sum(score.total[f] for f in TOTAL_FIELDS))


def confidence_line(result: PartResult, part: Part) -> str:
    """How the files flagged "may have been misread" score against the rest."""
    flagged = [(r, t) for c, r, t in result.confidence if c < MISREAD_BELOW]
    rest = [(r, t) for c, r, t in result.confidence if c >= MISREAD_BELOW]

    def accuracy(rows) -> float:
        total = sum(t for _, t in rows)
        return sum(r for r, _ in rows) / total if total else 0.0

    return (f"parse_eval confidence: files={len(result.confidence)} "
            f"flagged={len(flagged)} (below {MISREAD_BELOW}) "
            f"accuracy_flagged={accuracy(flagged):.3f} accuracy_rest={accuracy(rest):.3f} "
            f"part={part.value}")


def evaluate(corpus: Path, cache: Path, verbose: bool, parts: set[Part]) -> dict[Part, PartResult]:
    results = {part: PartResult() for part in Part}

    def wanted(path: Path, key: str | None = None) -> PartResult | None:
        part = part_of(key or key_of(path, corpus))
        return results[part] if part in parts else None

    scored = labelled_files(corpus) + rendered_files(corpus, cache)
    for path, labels, checks in scored:
        result = wanted(path, path.parent.name)
        if result is None:
            continue
        result.files += 1
        try:
            text, resume = parsed(path)
        except TailorError as error:
            result.errors += 1
            print(f"parse_eval error: {path}: {error.code}", file=sys.stderr)
            continue
        source = "rendered" if checks is None else "own"
        if checks is None:
            checks = fields_in_text(labels, text)
            result.kept_rendered.append(content_kept(text, resume))
        else:
            result.kept.append(content_kept(text, resume))
        before = len(result.score.misses)
        right_before, total_before = _counts(result.score)
        score_resume(labels, checks, text, resume, result.score)
        score_resume(labels, checks, text, resume, result.by_source[source])
        result.files_by_source[source] += 1
        right, total = _counts(result.score)
        result.confidence.append((resume.parse_confidence or 0.0, right - right_before,
                                  total - total_before))
        if verbose:
            for miss in result.score.misses[before:]:
                print(f"  miss {path.parent.name}/{path.name}: {miss}", file=sys.stderr)
    for path in sorted((corpus / "files").glob("*")):
        result = wanted(path)
        if result is None or path.suffix.lower() not in (".pdf", ".docx"):
            continue
        try:
            text, resume = parsed(path)
        except TailorError:
            continue
        result.kept.append(content_kept(text, resume))
    for path in sorted((corpus / "ner_text").glob("*.xml")):
        result = wanted(path)
        if result is None:
            continue
        result.ner_files += 1
        before = len(result.score.misses)
        result.ner_errors += not score_ner_file(path, result.score)
        if verbose:
            for miss in result.score.misses[before:]:
                print(f"  miss {path.name}: {miss}", file=sys.stderr)
    return results


def kept_line(name: str, values: list[float], part: Part) -> str:
    ordered = sorted(values)
    mean = statistics.fmean(ordered) if ordered else 0.0
    p10 = ordered[int(0.1 * len(ordered))] if ordered else 0.0
    return (f"parse_eval {name}: files={len(ordered)} mean={mean:.3f} p10={p10:.3f} "
            f"part={part.value}")


def source_line(source: str, score: Score, files: int, part: Part) -> str:
    figures = " ".join(f"{label}={score.accuracy(fields)[1]:.3f}" for label, fields in (
        ("total", TOTAL_FIELDS), ("company", ["work.company"]),
        ("position", ["work.position"]), ("bullet", ["work.bullet"]), ("skills", ["skills"])))
    return f"parse_eval source={source}: files={files} {figures} part={part.value}"


def report(part: Part, result: PartResult) -> None:
    score = result.score
    for name in (*FIELDS, *NER_FIELDS):
        n, accuracy = score.accuracy([name])
        print(f"parse_eval {name}: n={n} accuracy={accuracy:.3f} part={part.value}")
    n, accuracy = score.accuracy(CONTACT)
    print(f"parse_eval contact: n={n} accuracy={accuracy:.3f} part={part.value}")
    print(kept_line("content_kept", result.kept, part))
    print(kept_line("content_kept.rendered", result.kept_rendered, part))
    print(confidence_line(result, part))
    _, accuracy = score.accuracy(NER_FIELDS)
    print(f"parse_eval ner_total: files={result.ner_files} field_accuracy={accuracy:.3f} "
          f"errors={result.ner_errors} part={part.value}")
    for source, by_source in result.by_source.items():
        print(source_line(source, by_source, result.files_by_source[source], part))
    _, accuracy = score.accuracy(TOTAL_FIELDS)
    print(f"parse_eval total: files={result.files} field_accuracy={accuracy:.3f} "
          f"errors={result.errors} part={part.value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="PDFs from bench.jsonresume_render (skipped when empty)")
    parser.add_argument("--part", choices=("tune", "report", "both"), default="both")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    parts = set(Part) if args.part == "both" else {Part(args.part)}
    results = evaluate(args.corpus, args.cache, args.verbose, parts)
    for part in Part:
        if part in parts:
            report(part, results[part])
    return 0


if __name__ == "__main__":
    sys.exit(main())
