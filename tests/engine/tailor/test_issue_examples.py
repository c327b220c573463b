"""The cases a recruiter found in tailored resumes (issue 11), each written small: nothing
the resume does not state is added, job keywords are requirements, edits read well."""

from __future__ import annotations

from engine.claim_check import check_claims
from engine.resume import Bullet, ExperienceEntry, JobDescription, Resume
from engine.tailor.keywords import job_keywords
from engine.tailor.offline import optimize_offline
from tests.engine.tailor.test_keywords import BENEFITS_JOB

INSURANCE_JOB = JobDescription(
    title="Brand Manager",
    text="""# Brand Manager — Larkspur Mutual

## Responsibilities
- Own the brand plan and campaign calendar; brief agencies and review creative
- Run market research with the insights team and turn it into positioning
- Report campaign results and brand health to marketing leadership

## Requirements
- 4+ years of brand management; market research; Excel
- Insurance or financial services experience is a plus

## Benefits
- Life and disability insurance, dental and vision cover
""",
)


def brand_manager() -> Resume:
    return Resume(
        summary=None,
        experience=[ExperienceEntry(
            title="Brand Manager", company="Redwood Insurance Corp.", start="2018-03", end="present",
            bullets=[Bullet(id="experience.0.0", text="Planned the brand calendar for three product lines"),
                     Bullet(id="experience.0.1", text="Ran market research with two agencies"),
                     Bullet(id="experience.0.2", text="Wrote the quarterly campaign report in Excel")])],
        skills=["Branding", "Excel"],
    )


def test_insurance_is_not_taken_from_the_employer_or_the_benefits():
    resume = brand_manager()
    result = optimize_offline(resume, INSURANCE_JOB)
    assert "Insurance" not in result.resume.skills
    assert "Insurance" not in (result.resume.summary or "").replace("Redwood Insurance Corp.", "")
    assert "Market research" in result.resume.skills  # stated in a bullet: may be listed
    assert check_claims(resume, result.resume) == []
    # and if some optimizer lists it anyway, the claim check says so
    listed = result.resume.model_copy(deep=True)
    listed.skills.append("Insurance")
    assert [(f.kind, f.text) for f in check_claims(resume, listed)] == [("skill", "Insurance")]


def test_benefits_insurance_is_no_job_keyword_but_the_requirement_is():
    assert "Insurance" not in job_keywords(BENEFITS_JOB).skills
    assert "Insurance" in job_keywords(INSURANCE_JOB).skills  # "insurance experience is a plus"


def test_angular_velocity_does_not_make_a_science_teacher_an_angular_developer():
    teacher = Resume(
        experience=[ExperienceEntry(title="Science Teacher", company="Northgate High", bullets=[
            Bullet(id="experience.0.0", text="Taught angular velocity measurement with rotating-platform labs"),
            Bullet(id="experience.0.1", text="Built lesson quizzes in Excel for 120 pupils")])],
        skills=["Physics", "Excel"],
    )
    job = JobDescription(title="Frontend Developer", text=(
        "## Requirements\n- Build Angular and TypeScript single-page apps\n- Write unit tests "
        "for every Angular component\n- Work with designers on accessible interfaces\n"))
    result = optimize_offline(teacher, job)
    assert "Angular" not in result.resume.skills and "Angular" not in (result.resume.summary or "")
    assert check_claims(teacher, result.resume) == []


def test_oracle_database_is_not_sql():
    dba = Resume(
        experience=[ExperienceEntry(title="Database Administrator", company="Kettle Foods", bullets=[
            Bullet(id="experience.0.0", text="Patched and tuned Oracle Database 19c for the order system")])],
        skills=["Oracle Database", "Linux"],
    )
    job = JobDescription(title="Data Analyst", text=(
        "## Requirements\n- Strong SQL for reporting queries\n- Build SQL views for finance\n"
        "- Work with Oracle Database and Linux servers\n- Present findings clearly\n"))
    result = optimize_offline(dba, job)
    assert "SQL" not in result.resume.skills
    assert not any("SQL" in e.reason for e in result.edits)
    assert any("SQL" in note for note in result.notes)  # asked for, not added
    added = dba.model_copy(deep=True)
    added.skills.append("SQL")
    assert [(f.kind, f.text) for f in check_claims(dba, added)] == [("skill", "SQL")]
