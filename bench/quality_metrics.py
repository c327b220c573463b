"""The figures ``bench.quality`` reports for one tailored resume, each computed apart from
the code it judges where it can be:

- ``unsupported_skills``: vocabulary skills the tailored resume names (outside employer
  and school names) for which no spelling of the skill — its name or a synonym, as a
  whole word — occurs in the original's text outside those names. A plain regular
  expression over the vocabulary file, not the claim check.
- ``verb_form_breaks``: edited lines whose leading verbs' forms differ from the
  original's (past → -ing, "Operated & Maintaining"), or that dropped a first-person
  pronoun and do not open with a past verb ("I have done" → "Have done")
  (``engine.tailor.rewrite.keeps_verb_forms``, the rule Gemini's edits are held to).
- ``moved_shown_as_deleted``: move edits the review does not show as a move (the old
  text diff is counted alongside, for comparison).
- ``evidence_up_front``: the share of the job's keywords that the original supports and
  that appear in the summary, the skills or the first two bullets of a role.
"""

from __future__ import annotations

import re
from functools import cache

from engine.claim_check import organisation_names, without_names
from engine.parse.skills import find_skills, load_skills
from engine.render.diff import diff_rows, review_rows
from engine.resume import Resume
from engine.tailor.keywords import (
    JobKeywords,
    keywords_in_text,
    resume_lines,
    skill_evidence,
    term_evidenced,
)
from engine.tailor.optimizer import Edit, EditKind
from engine.tailor.rewrite import keeps_verb_forms


@cache
def _spellings() -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, tuple[re.Pattern[str], ...]] = {}
    for skill in load_skills():
        flags = 0 if skill.case_sensitive else re.I
        out[skill.name] = tuple(
            re.compile(rf"(?<![\w+#.]){re.escape(term)}(?![\w+#]|\.\w)", flags)
            for term in (skill.name, *skill.synonyms)
        )
    return out


def _plain_lines(resume: Resume) -> list[str]:
    """Every line the resume says, employer and school names blanked."""
    names = organisation_names(resume)
    return [without_names(line, names) for line in resume_lines(resume)]


def unsupported_skills(original: Resume, tailored: Resume) -> list[str]:
    """Skills named in a line of ``tailored`` that no line of ``original`` spells."""
    support = _plain_lines(original)
    named = dict.fromkeys(s for line in _plain_lines(tailored) for s in find_skills(line))
    return [s for s in named
            if not any(p.search(line) for p in _spellings().get(s, ()) for line in support)]


def verb_form_break(edit: Edit) -> bool:
    """A reword whose opening verbs changed form (``keeps_verb_forms``)."""
    return edit.kind == EditKind.REWORD and not keeps_verb_forms(edit.before, edit.after)


def moves_not_shown(original: Resume, edits: list[Edit]) -> int:
    rows = {r.line_id: r for r in review_rows(original, edits)}
    return sum(
        not rows.get(e.source_id) or not rows[e.source_id].kind.startswith("moved")
        for e in edits if e.kind == EditKind.MOVE
    )


def moves_shown_as_deleted_by_text_diff(original: Resume, tailored: Resume, edits: list[Edit]) -> int:
    """Move edits whose line the old difflib text diff shows deleted or rewritten."""
    rows = diff_rows(original.to_text(), tailored.to_text())
    return sum(
        any(r.kind in ("del", "chg") and "<del>" in r.before and e.before[:40] in _unescaped(r.before)
            for r in rows)
        for e in edits if e.kind == EditKind.MOVE
    )


def _unescaped(markup: str) -> str:
    import html

    return html.unescape(re.sub(r"</?(?:del|ins)>", "", markup))


def _up_front_text(resume: Resume) -> str:
    parts = [resume.summary or "", ", ".join(resume.skills)]
    parts += [b.text for e in resume.experience for b in e.bullets[:2]]
    return "\n".join(parts)


def evidence_up_front(original: Resume, resume: Resume, keywords: JobKeywords) -> float | None:
    """Share of the supported job keywords that ``resume`` shows up front; None when the
    original supports none."""
    stated = skill_evidence(original)
    lines = resume_lines(original)
    supported = [k for k in keywords.skills if k in stated]
    supported += [t for t in keywords.terms if term_evidenced(t, lines)]
    if not supported:
        return None
    front = set(keywords_in_text(_up_front_text(resume), keywords))
    return sum(k in front for k in supported) / len(supported)
