import pytest

from engine.claim_check import check_claims
from engine.resume import Bullet, EducationEntry, ExperienceEntry, Resume


@pytest.fixture
def original() -> Resume:
    return Resume(
        name="Ann Lee",
        email="ann@example.com",
        summary="Data engineer who builds reliable pipelines.",
        experience=[
            ExperienceEntry(
                title="Data Engineer",
                company="Acme Corp",
                start="2019-01",
                end="present",
                bullets=[
                    Bullet(id="experience.0.0", text="Built Postgres pipelines that saved $5M (40%) for 12 teams"),
                    Bullet(id="experience.0.1", text="Led the billing migration in Jan 2020 with five engineers"),
                    Bullet(id="experience.0.2", text="Wrote reports in Excel for 1,234 users"),
                ],
            ),
            ExperienceEntry(
                title="Analyst",
                company="Beta LLC",
                start="2016-03",
                end="2018-12",
                bullets=[Bullet(id="experience.1.0", text="Analyzed sales data with pandas")],
            ),
        ],
        education=[
            EducationEntry(degree="BSc", field="Statistics", institution="University of Leeds", end="2016")
        ],
        skills=["Python", "Postgres", "Excel"],
    )


def rewrite(resume: Resume, **texts: str) -> Resume:
    """A copy of ``resume`` with the texts of the given ids replaced ("experience_0_1")."""
    out = resume.model_copy(deep=True)
    for key, text in texts.items():
        source_id = key.replace("_", ".")
        if source_id == "summary":
            out.summary = text
        elif source_id == "skills":
            out.skills = [s.strip() for s in text.split(",")]
        else:
            bullet = next(b for e in out.experience for b in e.bullets if b.id == source_id)
            bullet.text = text
    return out


def kinds(findings) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in findings}


def test_unchanged_resume_has_no_findings(original):
    assert check_claims(original, original.model_copy(deep=True)) == []


@pytest.mark.parametrize(
    ("text", "kind", "offending"),
    [
        ("Built Postgres pipelines that saved $7M (40%) for 12 teams", "money", "$7M"),
        ("Built Postgres pipelines that saved $5M (45%) for 12 teams", "percent", "45%"),
        ("Built Postgres pipelines that saved $5M (40%) for 30 teams", "number", "30"),
        ("Built Postgres pipelines that saved $5M (40%) for 12 teams since March 2017", "date", "March 2017"),
        ("Built Postgres pipelines that saved $5M (40%) for 12 teams at Google", "employer", "Google"),
        ("Built Postgres pipelines that saved $5M (40%) for 12 teams on Kubernetes", "skill", "Kubernetes"),
    ],
)
def test_invented_facts_in_a_bullet_are_flagged(original, text, kind, offending):
    findings = check_claims(original, rewrite(original, experience_0_0=text))
    assert (kind, offending) in kinds(findings)
    finding = next(f for f in findings if f.text == offending)
    assert finding.source_id == "experience.0.0"
    assert finding.message


def test_invented_title_degree_institution_in_summary(original):
    summary = "Senior Data Engineer with an MBA from Harvard University."
    found = kinds(check_claims(original, rewrite(original, summary=summary)))
    assert ("title", "Senior Data Engineer") in found
    assert ("degree", "mba") in found
    assert ("institution", "Harvard University") in found
    # one span, one finding: the university is not also reported as an employer
    assert ("employer", "Harvard University") not in found


def test_invented_year_and_role_name(original):
    found = kinds(check_claims(original, rewrite(original, summary="Data Scientist since 2012.")))
    assert ("title", "Data Scientist") in found
    assert ("date", "2012") in found


def test_invented_skills_in_the_skills_list(original):
    found = kinds(check_claims(original, rewrite(original, skills="Python, Postgres, Excel, Tableau, Basket weaving, `")))
    assert ("skill", "Tableau") in found
    assert ("skill", "Basket weaving") in found
    assert not {t for k, t in found if t in ("Python", "Postgres", "Excel")}
    assert ("skill", "`") not in found  # a stray symbol claims nothing


def test_changed_identity_fields_are_flagged(original):
    optimized = original.model_copy(deep=True)
    optimized.experience[0].company = "Google"
    optimized.experience[0].title = "Principal Engineer"
    optimized.experience[1].start = "2015-01"
    optimized.education[0].degree = "PhD"
    findings = check_claims(original, optimized)
    found = {(f.kind, f.source_id) for f in findings}
    assert ("employer", "experience.0.company") in found
    assert ("title", "experience.0.title") in found
    assert ("date", "experience.1.start") in found
    assert ("degree", "education.0.degree") in found
    assert ("dropped_role", "experience.0") in found


@pytest.mark.parametrize(
    "text",
    [
        "Saved $5,000,000 (40 percent) for twelve teams by building PostgreSQL pipelines",
        "Built postgres   pipelines saving 5 million dollars, 40 %, across 12 teams",
        "Saved USD 5M (40%) for 12 teams through new Postgres pipelines",
    ],
)
def test_harmless_rewordings_of_numbers_and_skills_are_not_flagged(original, text):
    assert check_claims(original, rewrite(original, experience_0_0=text)) == []


@pytest.mark.parametrize("date", ["01/2020", "January 2020", "2020-01", "Jan. 2020", "2020"])
def test_date_spellings_are_one_date(original, date):
    text = f"Led the billing migration in {date} with 5 engineers"
    assert check_claims(original, rewrite(original, experience_0_1=text)) == []


def test_supported_summary_is_not_flagged(original):
    summary = (
        "Data Engineer at Acme Corp with 6+ years of experience since 2016; previously "
        "Analyst at Beta LLC. BSc in Statistics from the University of Leeds. Hands-on "
        "with Python and PostgreSQL."
    )
    assert check_claims(original, rewrite(original, summary=summary)) == []


def test_years_of_experience_beyond_the_dates_are_flagged(original):
    found = kinds(check_claims(original, rewrite(original, summary="Data engineer with 25 years of experience.")))
    assert ("number", "25") in found


def test_rounding_down_is_not_invention_but_rounding_up_is(original):
    down = rewrite(original, experience_0_2="Wrote Excel reports for 1,200+ users")
    up = rewrite(original, experience_0_2="Wrote Excel reports for 1,300+ users")
    assert check_claims(original, down) == []
    assert ("number", "1,300+") in kinds(check_claims(original, up))


def test_dropped_metric_is_reported_with_its_source(original):
    findings = check_claims(original, rewrite(original, experience_0_0="Built Postgres pipelines for 12 teams"))
    dropped = [f for f in findings if f.kind == "dropped_metric"]
    assert {f.text for f in dropped} == {"$5M", "40%"}
    assert {f.source_id for f in dropped} == {"experience.0.0"}


def test_a_metric_moved_to_another_line_is_not_dropped(original):
    optimized = rewrite(
        original,
        experience_0_0="Built Postgres pipelines for 12 teams",
        summary="Data engineer whose pipelines saved $5M (40%).",
    )
    assert check_claims(original, optimized) == []


def test_dropped_role(original):
    optimized = original.model_copy(deep=True)
    optimized.experience.pop()
    assert [(f.kind, f.text) for f in check_claims(original, optimized)] == [
        ("dropped_role", "Analyst at Beta LLC")
    ]


def test_rewording_next_to_a_capitalised_phrase_is_not_an_organisation():
    original = Resume(
        experience=[
            ExperienceEntry(
                title="Accountant",
                bullets=[
                    Bullet(id="experience.0.0", text="Preparation of Group Management Accounts"),
                    Bullet(id="experience.0.1", text="Admin at Primrose Schools, on a block with G+7 floors"),
                ],
            )
        ]
    )
    optimized = rewrite(
        original,
        experience_0_0="Prepared Group Management Accounts",
        experience_0_1="Admin at Primrose Schools on a block with G+7 floors",
    )
    assert check_claims(original, optimized) == []


def test_a_skill_inside_an_employer_name_is_no_claim_but_a_listed_one_is():
    from engine.resume import Bullet, ExperienceEntry, Resume

    original = Resume(experience=[ExperienceEntry(
        title="Brand Manager", company="Redwood Insurance Corp.",
        bullets=[Bullet(id="experience.0.0", text="Ran the brand calendar for three product lines")])],
        skills=["Branding"])
    rewritten = original.model_copy(deep=True)
    rewritten.experience[0].bullets[0].text = (
        "Ran the brand calendar at Redwood Insurance Corp. for three product lines")
    assert check_claims(original, rewritten) == []
    rewritten.skills = ["Branding", "Insurance"]
    assert [(f.kind, f.text, f.source_id) for f in check_claims(original, rewritten)] == [
        ("skill", "Insurance", "skills")]
