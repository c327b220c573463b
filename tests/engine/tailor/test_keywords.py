import pytest

from engine.errors import TailorError
from engine.tailor.keywords import detect_language, job_keywords, skill_evidence, suggest_keywords
from engine.resume import Bullet, EducationEntry, ExperienceEntry, JobDescription, Resume

JOB = JobDescription(
    title="Analytics Engineer",
    text="""Lumenfield is hiring an Analytics Engineer. See https://jobs.example.com/lumenfield-42.
- Build dbt models on Snowflake that power revenue dashboards and churn metrics
- Keep data quality high with tests; document every data model
- Partner with Lumenfield finance on revenue metrics and dashboards
- Write SQL and Python; orchestrate pipelines with Airflow
- Improve data quality monitoring and define SaaS metrics such as ARR""",
)


def test_job_keywords_are_vocabulary_skills_and_repeated_terms():
    keywords = job_keywords(JOB)
    assert {"dbt", "Snowflake", "SQL", "Python", "Apache Airflow"} <= set(keywords.skills)
    assert {"data quality", "dashboard", "metric", "revenue"} <= set(keywords.terms)
    assert "arr" in keywords.terms or "saas" in keywords.terms
    # company names, URL parts and stop words are not keywords
    assert not {"lumenfield", "https", "the", "with"} & set(keywords.terms)
    assert set(keywords.weights) >= set(keywords.all)


def test_job_keywords_are_deterministic():
    assert job_keywords(JOB) == job_keywords(JobDescription(title=JOB.title, text=JOB.text))


@pytest.mark.parametrize("text", ["", "   ", "Python developer wanted", "We hire engineers. " * 2])
def test_too_short_job_description_is_a_clear_error(text):
    with pytest.raises(TailorError) as error:
        job_keywords(JobDescription(text=text))
    assert error.value.code == "job_description_too_short"
    assert not error.value.transient


def test_language_detection():
    assert detect_language(JOB.text) == "en"
    spanish = "Buscamos un analista de datos con experiencia en SQL y Power BI para nuestro equipo en Lima."
    assert detect_language(spanish) == "es"
    assert detect_language("") == "en"


def resume_with(skills: list[str], bullets: list[str], summary: str | None = None) -> Resume:
    return Resume(
        summary=summary,
        skills=skills,
        experience=[
            ExperienceEntry(
                title="Data Analyst",
                company="Acme",
                bullets=[Bullet(id=f"experience.0.{i}", text=t) for i, t in enumerate(bullets)],
            )
        ],
    )


def test_skill_evidence_is_what_the_resume_states_not_what_it_implies():
    resume = resume_with(["Postgres"], ["Built reports with pandas on Oracle Database"])
    evidence = skill_evidence(resume)
    assert {"PostgreSQL", "pandas", "Oracle Database", "Data analysis"} <= evidence
    assert not {"SQL", "Python", "Snowflake"} & evidence


def test_employer_and_school_names_are_no_evidence():
    resume = resume_with([], ["Ran brand campaigns for three product lines"])
    resume.experience[0].company = "Redwood Insurance Corp."
    resume.education = [EducationEntry(degree="BA", field="Marketing", institution="Python Valley College")]
    assert not {"Insurance", "Python"} & skill_evidence(resume)


def test_angular_velocity_is_not_angular():
    resume = resume_with([], ["Taught angular velocity measurement with lab sensors"])
    assert "Angular" not in skill_evidence(resume)
    assert "Angular" in skill_evidence(resume_with([], ["Built dashboards in Angular"]))


BENEFITS_JOB = JobDescription(
    title="Brand Manager at Harbor Unity Games",
    text="""# Brand Manager — Harbor Unity Games
**Location:** Denver, Colorado

## About us
Harbor Unity Games is a studio of 40 people making puzzle games for phones.

## What you'll do
- Own the brand plan and the campaign calendar for two product lines
- Run market research and turn it into positioning and messaging
- Report campaign results to the leadership team every month

## Requirements
- 4+ years of brand management or product marketing
- Market research and campaign planning; Excel for reporting

## Benefits
- Life and disability insurance, dental and vision
- 25 days of vacation and a yearly gym allowance

We are an equal opportunity employer and value colleagues of every state and background.
""",
)


def test_keywords_come_from_requirements_not_benefits_company_or_places():
    keywords = job_keywords(BENEFITS_JOB)
    assert {"Excel", "Market research"} <= set(keywords.skills)
    assert "brand" in " ".join(keywords.terms) and "campaign" in " ".join(keywords.terms)
    assert not {"Insurance", "Unity"} & set(keywords.skills)
    words = {w for term in keywords.terms for w in term.split()}
    assert not {"insurance", "harbor", "unity", "game", "denver", "colleague", "state",
                "vacation", "dental"} & words


def test_suggestions_split_evidenced_from_unevidenced():
    resume = resume_with(
        ["Postgres", "Excel"],
        ["Built dbt models behind the revenue dashboards", "Automated checks that raised data quality"],
    )
    suggestions = suggest_keywords(resume, JOB)
    assert {"dbt", "data quality", "dashboard", "revenue"} <= set(suggestions.evidenced)
    # Postgres is no statement of SQL: it is asked for, never surfaced
    assert {"Snowflake", "Apache Airflow", "Python", "SQL"} <= set(suggestions.unevidenced)
    assert not set(suggestions.evidenced) & set(suggestions.unevidenced)


def test_keywords_already_in_summary_or_skills_are_not_suggested():
    resume = resume_with(["dbt", "SQL"], ["Built dbt models"], summary="Analyst focused on data quality.")
    suggestions = suggest_keywords(resume, JOB)
    assert not {"dbt", "SQL", "data quality"} & set(suggestions.evidenced + suggestions.unevidenced)


def test_the_company_pitch_is_no_requirement():
    job = JobDescription(title="Analytics Engineer", text="""Marrowfield is a leading maker of puzzle games loved by millions, including Starlance Legends.
At Marrowfield, we play hard and ship often.

What you'll do
- Build dbt models for product analytics and retention metrics
- Keep data quality high with tests and monitoring on every model
- Partner with product managers on metrics definitions

What you bring
- SQL and Python; experience with dbt and Looker dashboards
""")
    keywords = job_keywords(job)
    words = {w for term in keywords.terms for w in term.split()}
    assert {"dbt", "SQL", "Python", "Looker"} <= set(keywords.skills)
    assert not {"puzzle", "game", "starlance", "legend", "marrowfield", "million"} & words
