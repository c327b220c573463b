import os
import re
import subprocess
import sys
import time
from pathlib import Path

from demo.people import make_person
from demo.vocabulary import SKILL_VARIANTS
from engine.resume import PRESENT, Resume

ROOT = Path(__file__).resolve().parents[2]
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
PEOPLE = [make_person(i) for i in range(300)]


def test_same_index_and_seed_give_the_same_person():
    assert make_person(42) == make_person(42)
    assert make_person(42, seed=3) == make_person(42, seed=3)
    assert make_person(42, seed=3) != make_person(42, seed=4)
    assert make_person(42) != make_person(43)


def test_emails_are_unique_and_derived_from_the_name():
    emails = [p.email for p in PEOPLE]
    assert len(set(emails)) == len(emails)
    for person in PEOPLE:
        local = person.email.split("@")[0]
        assert local.endswith(str(person.index))
        assert re.fullmatch(r"[a-z0-9._]+@[a-z.]+", person.email)


def test_people_vary():
    assert len({p.name for p in PEOPLE}) > 250
    assert {len(p.jobs) for p in PEOPLE} == {1, 2, 3, 4}
    assert {len(p.education) for p in PEOPLE} == {1, 2}
    assert min(len(p.skills) for p in PEOPLE) >= 6
    assert max(len(p.skills) for p in PEOPLE) <= 15
    assert {len(job.bullets) for p in PEOPLE for job in p.jobs} == {2, 3, 4, 5, 6}
    assert any(p.summary is None for p in PEOPLE) and any(p.summary for p in PEOPLE)
    for optional in ("certifications", "projects", "languages", "awards"):
        having = sum(1 for p in PEOPLE if getattr(p, optional))
        assert 0 < having < len(PEOPLE), optional
    phone_shapes = {re.sub(r"\d", "9", p.phone) for p in PEOPLE}
    assert len(phone_shapes) >= 6
    variants = {v for vs in SKILL_VARIANTS.values() for v in vs}
    assert any(skill in variants for p in PEOPLE for skill in p.skills)
    assert any(job.end == PRESENT for p in PEOPLE for job in p.jobs)
    assert any(job.end != PRESENT for p in PEOPLE for job in p.jobs)


def test_bullets_read_like_achievements():
    bullets = [b for p in PEOPLE for job in p.jobs for b in job.bullets]
    assert sum("%" in b for b in bullets) > len(bullets) / 5
    assert sum("$" in b for b in bullets) > len(bullets) / 20
    assert all(b[0].isupper() for b in bullets)


def test_jobs_are_most_recent_first_and_only_the_latest_is_current():
    for person in PEOPLE:
        previous_start = None
        for number, job in enumerate(person.jobs):
            assert MONTH.match(job.start)
            assert job.end == PRESENT and number == 0 or MONTH.match(job.end)
            if job.end != PRESENT:
                assert job.start <= job.end
            if previous_start is not None:
                assert job.end <= previous_start
            previous_start = job.start
        assert len({job.company for job in person.jobs}) == len(person.jobs)


def test_to_resume_is_the_ground_truth_in_the_shared_model():
    person = next(p for p in PEOPLE if p.summary and p.certifications and len(p.jobs) > 1)
    resume = person.to_resume()
    assert Resume.model_validate_json(resume.model_dump_json()) == resume
    assert resume.name == person.name and resume.email == person.email
    assert [e.company for e in resume.experience] == person.companies
    assert resume.experience[1].bullets[0].id == "experience.1.0"
    assert resume.experience[1].bullets[0].text == person.jobs[1].bullets[0]
    certifications = next(s for s in resume.other_sections if s.name == "certifications")
    assert [b.id for b in certifications.bullets][:1] == ["certifications.0.0"]
    assert resume.sections[:3] == ["summary", "experience", "education"]
    assert "certifications" in resume.sections
    assert resume.skills == list(person.skills)
    for entry in resume.education:
        assert re.fullmatch(r"\d{4}(-\d{2})?", entry.end)
    text = resume.to_text()
    assert person.jobs[0].bullets[-1] in text


def test_sections_list_only_what_the_person_has():
    for person in PEOPLE[:50]:
        sections = person.to_resume().sections
        assert ("summary" in sections) == bool(person.summary)
        assert ("awards" in sections) == bool(person.awards)


def test_making_people_is_fast():
    started = time.perf_counter()
    for index in range(5_000):
        make_person(index, seed=11)
    # ~80 us each on one core; the bound is loose for a busy shared machine.
    assert time.perf_counter() - started < 4.0


def test_people_do_not_depend_on_the_process_hash_seed():
    # Seeding in several processes (or re-seeding later) must yield the same people.
    code = (
        "from demo.people import make_person; from demo.render import render_resume;"
        "print(repr([make_person(i) for i in range(30)]));"
        "print([render_resume(make_person(i), 'text') for i in range(30)])"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed}, cwd=ROOT).stdout
        for hash_seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert repr([make_person(i) for i in range(30)]) in outputs.pop()
