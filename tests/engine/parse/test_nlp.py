"""The entity rulers' matches read directly give what spaCy's pipeline sets as ents."""

from engine.parse.nlp import _padded, _spans, pipeline

HEADINGS = [
    "Senior Software Engineer at Acme Technologies Pvt. Ltd.",
    "B.E. in Computer Science, Anna University",
    "MS (Data Science) | Stanford University",
    "BE Mechanical - PSG College of Technology",
    "Project Manager/Scrum Master, Globex Corporation Inc",
    "Bachelor of Technology (B.Tech), IIT Bombay, 2014 - 2018",
    "AG Consulting GmbH ⇥ Associate Consultant",
    "Team Lead - Data Engineering (Contract)",
    "be the first, ms word, as usual",
]


def test_rulers_read_directly_match_the_pipeline() -> None:
    nlp = pipeline()
    padded = [_padded(text) for text in HEADINGS]
    through_spacy = [
        [(e.label_, e.start_char, e.end_char) for e in nlp(text).ents] for text, _ in padded
    ]
    assert list(_spans(nlp, padded)) == through_spacy
    assert sum(len(found) for found in through_spacy) >= len(HEADINGS)  # the rulers did match
