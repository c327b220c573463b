"""A long resume built in code: many jobs with many multi-line bullets, so every template
runs over several pages and each page-break rule gets exercised."""

from __future__ import annotations

from engine.resume import Bullet, EducationEntry, ExperienceEntry, Link, OtherSection, Resume

NAME = "Marguerite Okonkwo-Lindqvist"
EMAIL = "marguerite.ol@example.org"
PHONE = "+1 (303) 555-0147"

_VERBS = ("Led", "Built", "Designed", "Cut", "Migrated", "Automated", "Mentored", "Shipped")


def long_resume(jobs: int = 9, bullets: int = 7) -> Resume:
    experience = [
        ExperienceEntry(
            title=f"Senior Platform Engineer {j + 1}", company=f"Company {chr(65 + j)} Systems",
            location="Denver, CO", start=f"{2023 - 2 * j}-0{1 + j % 9}",
            end="present" if j == 0 else f"{2024 - 2 * j}-1{j % 3}",
            bullets=[Bullet(id=f"experience.{j}.{b}", text=(
                f"{_VERBS[(j + b) % len(_VERBS)]} the job {j + 1} service {b + 1} in Python "
                "and Go on Kubernetes, with PostgreSQL and Redis behind it, for forty teams "
                "across three regions, reducing incidents and on-call load while keeping "
                "every release reviewed, tested and documented for the people after us"
                + (" (as Marguerite's team lead)" if b == 2 else "")))
                for b in range(bullets)],
        )
        for j in range(jobs)
    ]
    return Resume(
        name=NAME, email=EMAIL, phone=PHONE, location="1200 Larimer St, Denver, CO 80202",
        links=[Link(kind="linkedin", url="linkedin.com/in/marguerite-ol")],
        summary=(f"{NAME} is a platform engineer with fifteen years of Python, Go and "
                 f"Kubernetes. Reach her at {EMAIL} or {PHONE}."),
        experience=experience,
        education=[EducationEntry(degree="MSc", field="Computer Science",
                                  institution="University of Colorado", start="2006", end="2008")],
        skills=["Python", "Go", "Kubernetes", "PostgreSQL", "Redis", "Terraform", "AWS"],
        other_sections=[
            OtherSection(name="languages", bullets=[Bullet(id="languages.0.0", text="English, Swedish")]),
            OtherSection(name="projects", bullets=[
                Bullet(id=f"projects.0.{i}", text=f"Open-source project {i}: a queue dashboard "
                       "used by a few hundred teams, written in Python") for i in range(4)]),
        ],
    )
