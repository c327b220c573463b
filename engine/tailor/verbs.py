"""Action verbs for resume bullets: which openings are strong, and the verb forms the
offline optimizer needs to turn "Responsible for managing…" into "Managed…".

A fixed table rather than a tagger: spaCy here has no trained models, and resume
bullets open with a small, well-known set of verbs.
"""

from __future__ import annotations

from functools import cache

# Base forms of strong resume verbs.
STRONG_VERBS = """
accelerate achieve acquire adapt administer advise align analyze analyse architect
arrange assess audit automate balance benchmark boost budget build calculate
champion clarify coach code collaborate compile complete compose conceive conduct
configure consolidate construct consult contribute control convert coordinate
create cultivate curate customize cut debug decrease define deliver deploy design
detect determine develop devise diagnose digitize direct discover document draft
drive edit educate eliminate enable engineer enhance establish evaluate examine
execute expand expedite facilitate forecast formulate found generate govern grow
guide identify implement improve increase influence initiate innovate inspect
install instruct integrate interview introduce investigate launch lead lower
maintain manage map market maximize measure mentor merge migrate minimize model
modernize monitor motivate negotiate onboard operate optimize orchestrate organize
originate outperform overhaul oversee partner pilot pioneer plan prepare present
prioritize produce program propose prototype provision publish automate raise
recommend reconcile recruit redesign reduce refactor refine reengineer rebuild
release remediate reorganize replace report research resolve restructure
revamp review revitalize rewrite run save scale schedule secure sell ship
simplify solve source spearhead stabilize standardize steer streamline
strengthen structure supervise support surpass teach test train transform
translate triage troubleshoot unify upgrade validate win write
""".split()

# Everyday verbs that open bullets too: known forms, so their grammar is read right.
COMMON_VERBS = """use help work handle perform provide assist participate serve act
attend visit handle prepare follow check collect give take hold keep join learn
""".split()

# Openings that describe presence rather than action.
WEAK_OPENERS = frozenset(
    """helped help helping assisted assist assisting worked work working participated
    participate involved responsible duties responsibilities tasked handled handle
    did do made make was were am is are used use utilized utilize i we my our
    performed perform provided provide took""".split()
)

_IRREGULAR_PAST = {
    "build": "built", "rebuild": "rebuilt", "lead": "led", "run": "ran", "write": "wrote",
    "rewrite": "rewrote", "drive": "drove", "win": "won", "teach": "taught",
    "grow": "grew", "sell": "sold", "cut": "cut", "oversee": "oversaw", "make": "made",
    "do": "did", "take": "took", "give": "gave", "set": "set", "bring": "brought",
    "hold": "held", "begin": "began", "speak": "spoke", "think": "thought",
    "undertake": "undertook", "steer": "steered", "found": "founded", "program": "programmed",
}  # fmt: skip

# Verbs whose final consonant doubles before -ed/-ing.
_DOUBLING = frozenset("plan ship scrap drop commit control step stop map cut run win begin program".split())

# "Development of" -> develop: nominalised openings that hide the verb.
NOUN_TO_VERB = {
    "development": "develop", "implementation": "implement", "design": "design",
    "creation": "create", "migration": "migrate", "management": "manage",
    "maintenance": "maintain", "analysis": "analyze", "automation": "automate",
    "optimization": "optimize", "optimisation": "optimize", "integration": "integrate",
    "deployment": "deploy", "coordination": "coordinate", "preparation": "prepare",
    "execution": "execute", "administration": "administer", "configuration": "configure",
    "installation": "install", "evaluation": "evaluate", "supervision": "supervise",
    "delivery": "deliver", "documentation": "document", "redesign": "redesign",
    "construction": "construct", "organization": "organize", "planning": "plan",
    "testing": "test", "monitoring": "monitor", "training": "train",
    "establishment": "establish", "introduction": "introduce", "review": "review",
}  # fmt: skip


def past_tense(verb: str) -> str:
    verb = verb.lower()
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        return verb[:-1] + "ied"
    if verb in _DOUBLING:
        return verb + verb[-1] + "ed"
    return verb + "ed"


def gerund(verb: str) -> str:
    verb = verb.lower()
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if verb in _DOUBLING:
        return verb + verb[-1] + "ing"
    return verb + "ing"


def third_person(verb: str) -> str:
    verb = verb.lower()
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        return verb[:-1] + "ies"
    return verb + "s"


@cache
def verb_forms() -> dict[str, str]:
    """Every form (base, past, gerund, third person) of the strong verbs -> base form."""
    forms: dict[str, str] = {}
    for verb in [*STRONG_VERBS, *COMMON_VERBS]:
        for form in (verb, past_tense(verb), gerund(verb), third_person(verb)):
            forms.setdefault(form, verb)
    return forms


def base_form(word: str) -> str | None:
    """The strong verb ``word`` is a form of ("managing" -> "manage"), else None."""
    return verb_forms().get(word.lower())


def opens_with_strong_verb(text: str) -> bool:
    """Whether a bullet's first word is an action verb: one of the strong verbs, or
    another past-tense verb ("Instituted", "Devised") that is not a weak opener."""
    words = text.strip().lstrip("•-–*· ").split(maxsplit=1)
    if not words:
        return False
    first = words[0].strip(",.:;").lower()
    if first in WEAK_OPENERS:
        return False
    if base_form(first):
        return not first.endswith("ing")
    return len(first) > 4 and first.endswith("ed") and first.isalpha()


# The forms a bullet's opening verb takes: "Managed", "Managing", "Manage", "Manages".
PAST, GERUND, BASE, THIRD = "past", "ing", "base", "third"
_CONNECTORS = frozenset({"and", "&", "/", ",", "or"})


def inflect(base: str, form: str) -> str:
    """``base`` in ``form`` (past, ing, base or third)."""
    return {PAST: past_tense, GERUND: gerund, THIRD: third_person}.get(form, str.lower)(base)


def verb_form(word: str) -> str | None:
    """The form of ``word`` if it reads as a verb: a strong verb's form, or a past
    participle / gerund by its ending ("Instituted", "Liaising"); None otherwise."""
    word = word.lower().strip(",.;:")
    base = base_form(word)
    if base:
        for form in (BASE, PAST, GERUND, THIRD):
            if inflect(base, form) == word:
                return form
    if len(word) > 4 and word.isalpha():
        if word.endswith("ed"):
            return PAST
        if word.endswith("ing"):
            return GERUND
    return None


def possible_forms(word: str) -> set[str]:
    """Every form ``word`` can be ("cut" is base and past; "led" is past)."""
    word = word.lower().strip(",.;:")
    base = base_form(word)
    if base:
        return {form for form in (BASE, PAST, GERUND, THIRD) if inflect(base, form) == word}
    form = verb_form(word)
    return {form} if form else set()


def leading_verbs(text: str) -> list[tuple[int, str, str | None]]:
    """The coordinated verbs a line opens with, as (word index, form, base form):
    "Operated and maintained pumps" -> two past verbs; "Supervised staff" -> one."""
    words = text.split()
    found: list[tuple[int, str, str | None]] = []
    i = 0
    while i < len(words):
        word = words[i].rstrip(",")
        form = verb_form(word)
        if form is None:
            break
        found.append((i, form, base_form(word.lower().strip(",.;:"))))
        nxt = i + 1
        if words[i].endswith(",") or (nxt < len(words) and words[nxt].lower() in _CONNECTORS):
            nxt += 0 if words[i].endswith(",") else 1
            if nxt < len(words) and words[nxt].lower() in _CONNECTORS:
                nxt += 1  # ", and"
            i = nxt
            continue
        break
    return found
