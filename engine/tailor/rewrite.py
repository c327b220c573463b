"""Bullet wording for the offline optimizer: open with an action verb, drop filler —
and read as well as the original did.

- A verb keeps the original's form: a past bullet stays past, an "-ing" bullet stays
  "-ing"; only a line that opens without a verb ("Responsible for managing…") gets one,
  in the form its role's other bullets use.
- Coordinated verbs change together ("Operated and maintained"), or not at all; a verb
  used as a noun ("Operating & Maintaining of equipment") is left alone.
- First person ("I managed…") is dropped only when every first-person bullet of the
  resume can lose it and still open with a past verb; otherwise it is kept everywhere.
- When a rule is not sure, the line stays as written (filler aside).
"""

from __future__ import annotations

import re
from collections import Counter

from engine.resume import PRESENT, ExperienceEntry
from engine.tailor.verbs import (
    GERUND,
    NOUN_TO_VERB,
    PAST,
    inflect,
    leading_verbs,
    possible_forms,
    verb_form,
)

_BULLET_MARK = re.compile(r"^[\s•\-–*·▪●◦]+")
_PRONOUN = re.compile(r"^(?:i|we)\s+", re.I)
_DUTY = re.compile(
    r"^(?:(?:was|were|am|is|are)\s+)?(?:responsible for|in charge of|tasked with|charged with|"
    r"accountable for|had responsibility for|(?:duties|responsibilities)(?:\s+included?)?)"
    r"\s*:?\s+",
    re.I,
)
_CONTRIBUTION = re.compile(
    r"^(?:(?P<aux>was|were)\s+)?(?:(?P<verb>worked|working)\s+on|"
    r"(?P<verb2>involved|participated|participating|took part|taking part)\s+in)\s+",
    re.I,
)
_NOMINAL = re.compile(
    r"^(?:the\s+)?(?P<first>[a-z]+)(?:\s+(?:and|&)\s+(?P<second>[a-z]+))?\s+of\s+", re.I
)
_FILLER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), replacement)
    for pattern, replacement in (
        (r"\bin order to\b", "to"),
        (r"\bdue to the fact that\b", "because"),
        (r"\bfor the purpose of\b", "for"),
        (r"\bwith the help of\b", "with"),
        (r"\bon a (daily|weekly|monthly) basis\b", r"\1"),
        (r"\bon a regular basis\b", "regularly"),
        (r"\ba (?:wide )?variety of\b", "various"),
        (r"\bvarious different\b", "various"),
        (r"\b(?:successfully|effectively|actively|really|very|basically)\s+(?=[a-z])", ""),
        (r"\butilized\b", "used"),
        (r"\butilizing\b", "using"),
        (r"\butilizes\b", "uses"),
        (r"\butilize\b", "use"),
        (r"\butilization of\b", "use of"),
        (r"(?<=\S) {2,}(?=\S)", " "),
        (r"(?<=[\w)]) +([,.;:])(?=\s|$)", r"\1"),
    )
)
_LAYOUT = re.compile(r"[\W_]+")


def _same_case(match: re.Match[str], replacement: str) -> str:
    """``replacement`` capitalised like the words it replaces ("Utilize" -> "Use")."""
    text = match.expand(replacement)
    return text[:1].upper() + text[1:] if match.group()[:1].isupper() else text


def tighten(text: str) -> str:
    """``text`` without filler phrases; meaning and every fact kept."""
    for pattern, replacement in _FILLER:
        text = pattern.sub(lambda m, r=replacement: _same_case(m, r), text)
    return text.strip()


def only_layout_differs(before: str, after: str) -> bool:
    """Whether two lines differ only in spacing, punctuation marks or case: no edit worth
    a reviewer's time."""
    return _LAYOUT.sub("", before).casefold() == _LAYOUT.sub("", after).casefold()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _body(text: str) -> str:
    mark = _BULLET_MARK.match(text)
    return text[mark.end() if mark else 0 :].strip()


def opening_form(text: str) -> str | None:
    """The form of the verb a bullet opens with (after a first-person pronoun)."""
    body = _PRONOUN.sub("", _body(text))
    verbs = leading_verbs(body)
    return verbs[0][1] if verbs else None


def role_form(entry: ExperienceEntry) -> str:
    """The verb form a role's bullets use most; past when they show none (or the role
    ended and they are split)."""
    forms = Counter(f for b in entry.bullets if (f := opening_form(b.text)))
    if not forms:
        return PAST
    (top, count), *rest = forms.most_common()
    if rest and rest[0][1] == count and entry.end not in (PRESENT, None):
        return PAST
    return top


def drops_first_person(texts: list[str]) -> bool:
    """Whether every first-person line ("I managed…") still opens with a past verb
    without its pronoun, so that first person can be dropped across the resume."""
    pronoun_lines = [tighten(_PRONOUN.sub("", _body(t))) for t in texts if _PRONOUN.match(_body(t))]
    return bool(pronoun_lines) and all(
        line and opening_form(line) == PAST and verb_form(line.split()[0]) == PAST
        for line in pronoun_lines
    )


def _inflected_run(words: list[str], form: str) -> list[str] | None:
    """The verbs a line opens with, all put in ``form``, connectors kept ("&" as "and");
    None when one is not a known verb or the run is used as a noun ("Operating of")."""
    verbs = leading_verbs(" ".join(words))
    if not verbs or any(base is None for _, _, base in verbs):
        return None
    end = verbs[-1][0] + 1
    if end < len(words) and words[end].lower() == "of":
        return None
    out = list(words)
    for index, _, base in verbs:
        comma = "," if words[index].endswith(",") else ""
        out[index] = inflect(base or "", form) + comma
    for i in range(verbs[0][0], end):
        if out[i] == "&":
            out[i] = "and"
    return out


def _lead_with_verb(rest: str, form: str) -> str | None:
    """``rest`` rephrased to open with verbs in ``form``, when it opens with gerunds
    ("managing and training the team") or a nominalisation ("development of the API")."""
    words = rest.split()
    if words and verb_form(words[0]) == GERUND:
        run = _inflected_run(words, form)
        return " ".join(run) if run else None
    nominal = _NOMINAL.match(rest)
    if nominal:
        verbs = [NOUN_TO_VERB.get((nominal[k] or "").lower()) for k in ("first", "second")]
        if verbs[0] and (nominal["second"] is None or verbs[1]):
            lead = " and ".join(inflect(v, form) for v in verbs if v)
            return f"{lead} {rest[nominal.end():]}".strip()
    return None


def strengthen(text: str, form: str = PAST, drop_pronoun: bool = False) -> str:
    """A bullet rewritten to open with an action verb and without filler; its verbs keep
    their form (``form`` is used only for a line that opens without one)."""
    body = _body(text)
    if _PRONOUN.match(body):
        if not drop_pronoun:
            return _capitalise(tighten(body))
        body = _PRONOUN.sub("", body)
    if duty := _DUTY.match(body):
        rest = body[duty.end() :]
        lead = _lead_with_verb(rest, form)
        if lead:
            body = lead
        elif form == PAST and verb_form(rest.split(" ", 1)[0]) is None:
            body = f"Owned {rest}"  # "for the API" -> "Owned the API"
    elif contribution := _CONTRIBUTION.match(body):
        said_word = (contribution["verb"] or contribution["verb2"]).split()[0]
        said = verb_form(said_word) or PAST
        if contribution["aux"] or said_word.lower() == "involved":
            said = PAST
        rest = body[contribution.end():]
        if verb_form(rest.split(" ", 1)[0]) != "base":  # "Involved in enhance…": leave it
            body = f"{inflect('contribute', said)} to {rest}"
    elif verb_form(body.split(" ", 1)[0]) is None:
        body = _lead_with_verb(body, form) or body
    return _capitalise(tighten(body))


def keeps_verb_forms(before: str, after: str) -> bool:
    """Whether a rewrite keeps the form of the verbs the line opens with (past stays
    past, "-ing" stays "-ing", coordinated verbs agree) and drops a first-person pronoun
    only before a past verb. For rewrites this module did not make (Gemini's)."""
    def forms(text: str) -> list[set[str]]:
        words = _PRONOUN.sub("", _body(text)).split()
        return [possible_forms(words[i].rstrip(",")) for i, _, _ in leading_verbs(" ".join(words))]

    old, new = forms(before), forms(after)
    if new and not set.intersection(*new) and (not old or set.intersection(*old)):
        return False  # coordinated verbs that no longer agree: "Operated & Maintaining"
    if any(not (o & n) for o, n in zip(old, new)):
        return False
    dropped = _PRONOUN.match(_body(before)) and not _PRONOUN.match(_body(after))
    return not (dropped and (not new or PAST not in new[0]))
