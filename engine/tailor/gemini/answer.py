"""Gemini's answer: validated, and turned into edits against the lines that were sent."""

from __future__ import annotations

from typing import Any

from google.genai import types
from pydantic import BaseModel, Field, ValidationError

from engine.errors import TailorError, UnusableAnswer
from engine.parse.skills import canonical_skill
from engine.resume import Resume
from engine.tailor.gemini.prompt import GeminiAnswer
from engine.tailor.optimizer import Edit, EditKind
from engine.tailor.rewrite import keeps_verb_forms

BLOCKED_FINISH_REASONS = frozenset(
    {"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_SAFETY"}
)


class BadAnswer(UnusableAnswer):
    """Gemini answered 200 but the answer is not a valid edit list."""


def answer_from_response(response: types.GenerateContentResponse,
                         max_output_tokens: int) -> GeminiAnswer:
    """The validated edit list in a response, or why there is none.

    ``response.parsed`` is silently None on invalid JSON, so the text is validated here.
    """
    if not response.candidates:
        feedback = response.prompt_feedback
        if feedback and feedback.block_reason:
            raise TailorError("gemini_blocked", "Gemini blocked this resume "
                              f"({_name(feedback.block_reason)}); tailor it by hand.")
        raise BadAnswer("no candidates in the answer")
    finish = _name(response.candidates[0].finish_reason)
    if finish == "MAX_TOKENS":
        raise TailorError("gemini_truncated", "Gemini's answer was cut off at the output "
                          f"limit of {max_output_tokens} tokens.")
    if finish in BLOCKED_FINISH_REASONS:
        raise TailorError("gemini_blocked", f"Gemini blocked its answer ({finish}); "
                          "tailor this resume by hand.")
    text = response.text
    if not text:
        raise BadAnswer(f"empty answer (finish reason {finish})")
    try:
        return GeminiAnswer.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        raise BadAnswer(f"{first['msg']} at {'.'.join(map(str, first['loc'])) or 'top level'}")


def _name(value: Any) -> str:
    return str(getattr(value, "name", value) or "")


def _same_skills(before: str, after: str) -> bool:
    def names(text: str) -> set[str]:
        return {canonical_skill(s).casefold() for s in text.split(",") if s.strip()}

    return names(before) == names(after)


def _kind(line_id: str) -> EditKind:
    return EditKind(line_id) if line_id in ("summary", "skills") else EditKind.REWORD


def edits_from_answer(answer: GeminiAnswer, resume: Resume,
                      allowed_ids: list[str]) -> tuple[list[Edit], list[str]]:
    """Edits to lines that exist and were sent; notes for every edit refused. The skills
    list may only be reordered: an answer that adds or drops a skill is refused; a line
    whose opening verbs change form ("Managed" -> "Managing") is refused too."""
    originals = resume.bullets()
    allowed = set(allowed_ids)
    edits: list[Edit] = []
    notes: list[str] = []
    for item in answer.edits:
        text = " ".join(item.text.split())
        if item.id not in allowed or item.id not in originals:
            notes.append(f"Refused a Gemini edit to [{item.id}]: not an editable line of "
                         "this resume.")
        elif any(e.source_id == item.id for e in edits):
            notes.append(f"Refused a second Gemini edit to [{item.id}].")
        elif not text:
            notes.append(f"Refused a Gemini edit that empties [{item.id}].")
        elif item.id == "skills" and not _same_skills(originals["skills"], text):
            notes.append("Refused a Gemini edit to [skills]: it changed which skills are "
                         "listed, not only their order.")
        elif item.id not in ("summary", "skills") and not keeps_verb_forms(originals[item.id], text):
            notes.append(f"Refused a Gemini edit to [{item.id}]: it changed the form of the "
                         "verbs the line opens with.")
        elif text != originals[item.id]:
            edits.append(Edit(id=f"e{len(edits) + 1}", kind=_kind(item.id), source_id=item.id,
                              before=originals[item.id], after=text,
                              reason=" ".join(item.reason.split())))
    return edits, notes


class CachedAnswer(BaseModel):
    edits: list[Edit]
    notes: list[str] = Field(default_factory=list)
