"""The language a text is written in, as an ISO 639-1 code: one detector for the parser
(a resume's language) and the tailoring (a job description's).

Function words ("the", "und", "para") decide when they plainly belong to one common
language, which is most texts and costs next to nothing; anything else goes to
langdetect, seeded so that a text always gets the same answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

__all__ = ["language_of", "load_profiles"]

# Function words that tell common resume languages apart (none shared between them).
_FUNCTION_WORDS = {
    "en": "the and of to for with on as by from that this is was were are have has an at our "
          "their which be been into across over using including through within while",
    "es": "el los las del y con para por una que como sus desde entre durante también",
    "fr": "le les des et avec pour une dans sur aux est sont du au ainsi chez lors",
    "de": "der die das und mit für von den dem ein eine im zur zum bei auf ist sind",
    "pt": "os das dos com para uma em não na no pelo pela como foi são",
    "it": "il gli della delle degli con per una nel nella sono alla dei anche",
    "nl": "het een van voor met op aan bij zijn werd ook naar door",
}
_WORD_LANGUAGE = {w: lang for lang, words in _FUNCTION_WORDS.items() for w in words.split()}
_WORDS = re.compile(r"[^\W\d_]+")


def load_profiles() -> None:
    """Load langdetect's language profiles now (most of a second): a worker does before
    it forks its work horses, which then never load them per job."""
    _langdetect()


@cache
def _langdetect() -> Callable[[str], list]:
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0  # langdetect samples at random: fix it so results repeat
    detector_factory.init_factory()
    factory = detector_factory._factory  # the profiles, loaded once

    def detect_langs(text: str) -> list:
        detector = factory.create()
        detector.n_trial = 3  # of 7 by default: a resume's or posting's prose is clear enough
        detector.append(text)
        return detector.get_probabilities()

    return detect_langs


def language_of(text: str, *, langdetect_chars: int = 1500) -> str | None:
    """ISO 639-1 code of ``text``'s language; None when it holds no word or langdetect
    cannot tell. langdetect reads the first ``langdetect_chars`` characters: some hundreds
    decide a language, and its cost grows with more."""
    text = text.casefold()  # langdetect's profiles are lowercase: capitals mislead it
    words = _WORDS.findall(text)
    if not words:
        return None
    votes = Counter(_WORD_LANGUAGE[w] for w in words if w in _WORD_LANGUAGE)
    if votes:
        (first, count), *rest = votes.most_common(2)
        # A clear majority of function words decides; mixed or scarce ones go to langdetect.
        if count >= 5 and count >= 0.05 * len(words) and (not rest or count >= 4 * rest[0][1]):
            return first
    from langdetect.lang_detect_exception import LangDetectException

    try:
        guesses = _langdetect()(text[:langdetect_chars])
    except LangDetectException:
        return None
    return guesses[0].lang if guesses else None
