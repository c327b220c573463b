"""Per-field parsing tests on demo resumes rendered in every layout (the demo person's
``to_resume()`` is the ground truth), plus unit tests of the pieces."""

import re
from functools import cache

import pytest

from demo.people import make_person
from demo.render import LAYOUTS, file_format, render_resume
from engine.parse.dates import find_period
from engine.parse.parser import detect_language, parse_document, parse_resume
from engine.extract.documents import extract_document
from engine.errors import TailorError
from engine.resume import Resume
from engine.parse.skills import canonical_skill
from tests.support.resumes import resume_docx, resume_pdf, two_column_pdf

PEOPLE = range(8)
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "text": "txt"}


@cache
def parsed(index: int, layout: str) -> tuple[Resume, Resume]:
    person = make_person(index)
    data = render_resume(person, layout)
    resume = parse_resume(data, filename=f"resume.{EXTENSIONS[file_format(layout)]}")
    return resume, person.to_resume()


def digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


cases = pytest.mark.parametrize(("index", "layout"), [(i, l) for i in PEOPLE for l in LAYOUTS])


@cases
def test_contact_fields(index, layout):
    resume, truth = parsed(index, layout)
    assert resume.name == truth.name
    assert resume.email == truth.email
    assert digits(resume.phone).endswith(digits(truth.phone)[-10:])
    assert resume.location == truth.location
    urls = {link.url.split("//")[-1] for link in resume.links}
    assert urls == {link.url.split("//")[-1] for link in truth.links}
    assert {(l.kind, l.url.split("//")[-1]) for l in resume.links} == {
        (l.kind, l.url.split("//")[-1]) for l in truth.links
    }


@cases
def test_experience_entries(index, layout):
    resume, truth = parsed(index, layout)
    got = [(e.title, e.company, e.location, e.start, e.end) for e in resume.experience]
    assert got == [(e.title, e.company, e.location, e.start, e.end) for e in truth.experience]
    for parsed_job, true_job in zip(resume.experience, truth.experience):
        assert [b.text for b in parsed_job.bullets] == [b.text for b in true_job.bullets]


@cases
def test_education_entries(index, layout):
    resume, truth = parsed(index, layout)
    fields = ("degree", "field", "institution", "start", "end", "grade")
    if layout == "pdf_two_column":
        # A narrow sidebar wraps school names under their right-aligned dates; the
        # degree and dates still come out, the rest is checked in the other layouts.
        fields = ("degree", "grade")
    got = [tuple(getattr(e, f) for f in fields) for e in resume.education]
    assert got == [tuple(getattr(e, f) for f in fields) for e in truth.education]


@cases
def test_summary_skills_sections_and_other_sections(index, layout):
    resume, truth = parsed(index, layout)
    assert resume.summary == truth.summary
    parsed_skills = {canonical_skill(s).casefold() for s in resume.skills}
    assert {canonical_skill(s).casefold() for s in truth.skills} <= parsed_skills
    assert resume.sections == truth.sections
    others = {o.name: [b.text for b in o.bullets] for o in resume.other_sections}
    # The headline under the name has no field of its own: it is kept under "header".
    title = make_person(index).title
    assert others.pop("header", [title]) == [title]
    if layout == "pdf_two_column":  # school names wrapped under dates: see above
        others.pop("education", None)
    assert others == {o.name: [b.text for b in o.bullets] for o in truth.other_sections}
    assert resume.language == "en"
    assert resume.flags == []


@cases
def test_bullet_ids_are_stable_and_unique(index, layout):
    resume, _ = parsed(index, layout)
    ids = list(resume.bullets())
    assert len(ids) == len(set(ids))
    for number, job in enumerate(resume.experience):
        assert [b.id for b in job.bullets] == [
            f"experience.{number}.{i}" for i in range(len(job.bullets))
        ]
    for section in resume.other_sections:
        assert [b.id for b in section.bullets] == [
            f"{section.name}.0.{i}" for i in range(len(section.bullets))
        ]


def test_resume_round_trips_through_json_and_text():
    resume, _ = parsed(0, "pdf_one_column")
    again = Resume.model_validate_json(resume.model_dump_json())
    assert again == resume
    text = resume.to_text()
    assert text.startswith(resume.name)
    assert text.index("EXPERIENCE") < text.index("EDUCATION") < text.index("SKILLS")
    data = resume.model_dump(mode="json")
    for key in ("name", "email", "phone", "location", "links", "summary", "experience",
                "education", "skills", "sections", "language", "flags"):
        assert key in data


def test_parsing_is_deterministic():
    data = render_resume(make_person(3), "pdf_two_column")
    assert parse_resume(data) == parse_resume(data)


# --- fixtures made here -------------------------------------------------------------


@pytest.mark.parametrize("make", [resume_pdf, resume_docx])
def test_fixture_resume_fields(make):
    resume = parse_resume(make())
    assert resume.name == "Jane Doe"
    assert resume.email == "jane.doe@example.com"
    assert resume.phone == "+15550102030"
    assert resume.location == "Austin, TX"
    first, second = resume.experience
    assert (first.title, first.company, first.location, first.start, first.end) == (
        "Senior Data Engineer", "Acme Analytics Inc.", "Austin, TX", "2020-01", "present"
    )
    assert (second.title, second.company, second.start, second.end) == (
        "Data Engineer", "Globex Corporation", "2016-06", "2019-12"
    )
    assert [b.text for b in first.bullets] == [
        "Built streaming pipelines in Python and Kafka for 40 teams",
        "Cut warehouse costs by 30% with Snowflake clustering",
    ]
    (school,) = resume.education
    assert (school.degree, school.field, school.institution, school.start, school.end) == (
        "B.S.", "Computer Science", "University of Texas", "2012", "2016"
    )
    # The skills section as written, then vocabulary skills the bullets mention.
    assert resume.skills[:6] == ["Python", "SQL", "Kafka", "Airflow", "Snowflake", "k8s"]
    assert "PostgreSQL" in resume.skills
    assert resume.sections == ["experience", "education", "skills"]


def test_two_column_fixture():
    resume = parse_resume(two_column_pdf())
    assert resume.name == "Maria Lopez"
    assert resume.email == "maria@example.com"
    assert resume.phone == "+442079460958"
    assert resume.summary.startswith("Analyst with eight years")
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Lead Data Analyst", "Monzo Bank", "2019", "present"),
        ("Data Analyst", "Tesco PLC", "2016", "2019"),
    ]
    assert {"Python", "Pandas", "Tableau", "SQL"} <= set(resume.skills)
    assert resume.education[0].institution == "University of Leeds"


def test_quality_verdict_is_an_error_for_parse_document():
    document = extract_document(b"Jane Doe\n" + b"x" * 20)
    with pytest.raises(TailorError) as caught:
        parse_document(document)
    assert caught.value.code == "too_short"


# --- languages --------------------------------------------------------------------------

SPANISH = """María García
maria.garcia@ejemplo.es | +34 612 345 678 | Madrid, España

EXPERIENCIA
Ingeniera de Datos    Enero 2019 - Actualidad
Telefónica, Madrid
• Diseñé y mantuve los procesos de datos para el equipo de marketing y ventas
• Reduje el tiempo de los informes mensuales de tres días a cuatro horas

EDUCACIÓN
Grado en Ingeniería Informática, Universidad Complutense de Madrid    2012 - 2016
"""

GERMAN = """Jonas Becker
jonas.becker@beispiel.de | +49 151 2345 6789 | Berlin

BERUFSERFAHRUNG
Softwareentwickler    03/2018 - heute
Siemens AG, München
• Entwicklung und Wartung der Datenplattform für die Produktion in allen Werken
• Einführung von automatisierten Tests und kontinuierlicher Integration im Team
"""


@pytest.mark.parametrize(("text", "language"), [(SPANISH, "es"), (GERMAN, "de")])
def test_other_languages_parse_what_they_can_and_say_which(text, language):
    resume = parse_resume(text.encode("utf-8"), filename="cv.txt")
    assert resume.language == language
    name, email = text.splitlines()[0], re.search(r"\S+@\S+", text).group()
    assert resume.name == name
    assert resume.email == email
    assert resume.phone.startswith("+")


def test_language_detection_deterministic_and_english_fast_path():
    prose = ["Built the data platform used by the analytics and finance teams."] * 3
    assert detect_language(prose, "") == "en"
    assert {detect_language([SPANISH], SPANISH) for _ in range(5)} == {"es"}


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2020 - Present", "2020-01", "present"),
        ("January 2020 – Current", "2020-01", "present"),
        ("Sept. 2019 to Aug. 2020", "2019-09", "2020-08"),
        ("08/2018 - 12/2022", "2018-08", "2022-12"),
        ("2022-05-18 to 2023-01-02", "2022-05", "2023-01"),
        ("2016 – 2019", "2016", "2019"),
        ("Jan – Mar 2021", "2021-01", "2021-03"),
        ("Since March 2017", "2017-03", "present"),
        ("Jun '19 - Jul '20", "2019-06", "2020-07"),
        ("10/2019 - till date", "2019-10", "present"),
        ("Purdue University | 2022", None, "2022"),
    ],
)
def test_dates_normalised(text, start, end):
    period = find_period(text)
    assert (period.start, period.end) == (start, end)


def test_no_date():
    assert find_period("Senior Data Engineer") is None


def test_pipeline_is_blank_english_with_rulers_unless_a_model_is_installed(monkeypatch):
    from engine.parse import nlp as resume_nlp

    monkeypatch.setenv(resume_nlp.MODEL_ENV, "no_such_trained_pipeline")
    resume_nlp.pipeline.cache_clear()
    try:
        nlp = resume_nlp.pipeline()
        assert nlp.lang == "en"
        assert nlp.pipe_names == ["lexicon_ruler", "code_ruler"]
        assert resume_nlp.pipeline() is nlp  # built once per process
        found = resume_nlp.entities(["Senior Data Engineer at Acme Inc.", "MS in Physics"])
        assert [e.label for e in found[0]] == ["TITLE", "TITLE", "ORG"]  # Senior, Engineer, Inc.
        assert [e.label for e in found[1]] == ["DEGREE"]
    finally:
        resume_nlp.pipeline.cache_clear()
        resume_nlp.clear_cache()


def _drawn(lines: list[tuple[str, float, float, bool]]) -> Resume:
    """The Resume of a PDF drawn from (text, indent, size, bold) lines under a name."""
    from tests.engine.parse.test_entry_layouts import pdf_of

    data = pdf_of([("Anna Kowalski", 0, 18, True), *lines])
    return parse_document(extract_document(data, filename="resume.pdf"))


def test_skill_groups_without_a_skills_heading_in_a_sidebar_layout():
    # JSON Resume's "macchiato" theme: the skill groups' names are set like headings
    # under "About" and no "Skills" heading is ever written.
    resume = _drawn([
        ("Experience", 0, 13, False),
        ("Northwind\tJan 2020 - Present", 0, 10.5, True),
        ("Platform Engineer", 0, 10.5, False),
        ("Built the deployment pipeline for forty services.", 20, 9, False),
        ("About", 0, 13, False),
        ("Berlin Germany", 4, 9, False),
        ("anna@kowalski.dev", 4, 9, False),
        ("Programming", 0, 12, False),
        ("Python, Bash, Golang", 4, 9.6, False),
        ("Objective-C Swift", 4, 9.6, False),
        ("Tooling", 0, 12, False),
        ("Terraform Ansible", 4, 9.6, False),
        ("Release Engineering", 4, 9.6, False),
    ])
    assert (resume.name, resume.email) == ("Anna Kowalski", "anna@kowalski.dev")
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Platform Engineer", "Northwind", "2020-01")]
    assert resume.skills[:9] == ["Programming", "Python", "Bash", "Golang", "Objective-C",
                                 "Swift", "Tooling", "Terraform", "Ansible"]
    assert "Release Engineering" in resume.skills


def test_a_russian_resume_has_its_sections_read():
    text = "\n".join([
        "Марк Вундер", "Email: mark@example.com", "",
        "КЛЮЧЕВЫЕ НАВЫКИ", "Ruby, Docker, PostgreSQL, Kafka", "",
        "ОПЫТ РАБОТЫ", "Backend developer, Umbrellio", "2019.05 - 2021.06",
        "• Разработал платежный шлюз", "",
        "ОБРАЗОВАНИЕ", "Санкт-Петербургский государственный университет", "2008 - 2012",
    ])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert resume.name == "Марк Вундер"
    assert resume.skills[:4] == ["Ruby", "Docker", "PostgreSQL", "Kafka"]
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Backend developer", "Umbrellio")]
    assert [e.institution for e in resume.education] == [
        "Санкт-Петербургский государственный университет"]


def test_education_lines_of_studies_at_a_school_each_with_dates():
    # JSON Resume's "stackoverflow" theme: "<degree> <field> at <school> ⇥ dates", the
    # place under it; the school need not hold a school word.
    text = "\n".join([
        "Fernando Example", "fernando@leal.dev", "",
        "EDUCATION",
        "Master of Research Computer Science at ENS Paris-Saclay\tSept 2024 - Current",
        "Paris, France",
        "Computer Science at Universidad Complutense de Madrid\tSept 2019 - Jun 2024",
        "Madrid, Spain",
        "Mathematics at Universidad Complutense de Madrid\tSept 2019 - Jun 2024",
    ])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert resume.education[0].degree == "Master of Research"  # a degree type of its own
    assert [(e.institution, e.field, e.start) for e in resume.education] == [
        ("ENS Paris-Saclay", "Computer Science", "2024-09"),
        ("Universidad Complutense de Madrid", "Computer Science", "2019-09"),
        ("Universidad Complutense de Madrid", "Mathematics", "2019-09")]


def test_a_school_without_a_school_word_in_the_style_of_the_schools_heads_its_entry():
    resume = _drawn([
        ("anna@kowalski.dev", 0, 10, False),
        ("EDUCATION", 0, 13, True),
        ("Dalhousie University\tSep 2010 - May 2014", 0, 10.5, True),
        ("Bachelor of Science Computer Science", 0, 9, False),
        ("Hack Reactor\tJun 2016 - Aug 2016", 0, 10.5, True),
        ("Software Engineering Immersive", 0, 9, False),
    ])
    assert [(e.institution, e.degree, e.start) for e in resume.education] == [
        ("Dalhousie University", "Bachelor of Science", "2010-09"),
        ("Hack Reactor", "Software Engineering Immersive", "2016-06")]
