import pytest

from engine.errors import TailorError
from engine.resume import Bullet, EducationEntry, ExperienceEntry, JobDescription, Resume
from engine.score import score_match

JOB = JobDescription(
    title="Data Engineer",
    text="""We are hiring a Data Engineer.
- Build data pipelines with Python, SQL and Apache Airflow on Snowflake
- Own data quality checks and data quality monitoring
- Model data for dashboards in Tableau; work with Docker and AWS""",
)


def make_resume(bullets: list[str], skills: list[str], **extra) -> Resume:
    fields = dict(
        name="Ann Lee",
        email="ann@example.com",
        summary="Engineer.",
        education=[EducationEntry(degree="BSc", institution="University of Leeds")],
        skills=skills,
        experience=[
            ExperienceEntry(
                title="Data Engineer",
                company="Acme",
                bullets=[Bullet(id=f"experience.0.{i}", text=t) for i, t in enumerate(bullets)],
            )
        ],
    )
    fields.update(extra)
    return Resume(**fields)


STRONG = make_resume(
    [
        "Built Python and SQL data pipelines in Apache Airflow loading 40 sources into Snowflake",
        "Automated data quality checks that cut failed loads by 60%",
        "Designed Tableau dashboards for 200 analysts",
    ],
    ["Python", "SQL", "Airflow", "Snowflake", "Tableau", "Docker", "AWS"],
)
WEAK = make_resume(
    ["Responsible for various reports", "Helped the sales team with spreadsheets"],
    ["Excel"],
)


def test_five_named_categories_that_add_up():
    score = score_match(STRONG, JOB)
    assert [c.name for c in score.categories] == [
        "Keyword coverage",
        "Skills match",
        "Experience relevance",
        "Impact evidence",
        "Completeness and format",
    ]
    assert sum(c.max_points for c in score.categories) == 100
    assert score.total == pytest.approx(sum(c.points for c in score.categories), abs=0.11)
    for category in score.categories:
        assert 0 <= category.points <= category.max_points
        assert category.reasons


def test_better_matching_resume_scores_higher():
    assert score_match(STRONG, JOB).total > score_match(WEAK, JOB).total + 30


def test_matched_and_missing_keywords_are_reported():
    skills = score_match(WEAK, JOB).category("Skills match")
    assert "Python" in skills.missing and "Snowflake" in skills.missing
    coverage = score_match(STRONG, JOB).category("Keyword coverage")
    assert {"Python", "Snowflake", "data quality"} <= set(coverage.matched)


def test_skills_shown_only_in_experience_earn_half_credit():
    listed = make_resume(["Built pipelines in Python"], ["Python"])
    shown = make_resume(["Built pipelines in Python"], ["Excel"])
    listed_points = score_match(listed, JOB).category("Skills match").points
    shown_points = score_match(shown, JOB).category("Skills match").points
    assert 0 < shown_points < listed_points


def test_relevant_bullets_first_raise_experience_relevance():
    relevant, other = "Built Snowflake pipelines in Python", "Organised the office party"
    first = score_match(make_resume([relevant, other, other], []), JOB)
    last = score_match(make_resume([other, other, relevant], []), JOB)
    assert first.category("Experience relevance").points > last.category("Experience relevance").points


def test_impact_counts_numbers_and_action_verbs():
    impact = score_match(STRONG, JOB).category("Impact evidence")
    assert impact.points == impact.max_points
    assert score_match(WEAK, JOB).category("Impact evidence").points == 0


def test_empty_and_sparse_resumes_score_without_error():
    empty = score_match(Resume(), JOB)
    assert empty.total == 0
    no_experience = score_match(Resume(skills=["Python", "SQL"], summary="Python developer"), JOB)
    assert no_experience.category("Experience relevance").points == 0
    assert no_experience.category("Skills match").points > 0


def test_short_job_description_is_a_clear_error():
    with pytest.raises(TailorError) as error:
        score_match(STRONG, JobDescription(text="Data engineer"))
    assert error.value.code == "job_description_too_short"
