"""Side-by-side review diff: lines aligned, changed words marked, text escaped."""

from __future__ import annotations

import re

from engine.render.diff import diff_rows, side_by_side_html


def test_rows_align_unchanged_changed_removed_and_added_lines():
    before = "Ann Lee\nBuilt APIs in Python\nOld line\nSKILLS"
    after = "Ann Lee\nBuilt REST APIs in Python\nSKILLS\nNew line"
    rows = diff_rows(before, after)
    assert [r.kind for r in rows] == ["same", "chg", "del", "same", "add"]
    changed = rows[1]
    assert [w.strip() for w in re.findall(r"<ins>(.*?)</ins>", changed.after)] == ["REST"]
    assert "<del>" not in changed.after
    assert rows[2].before == "<del>Old line</del>" and rows[2].after == ""
    assert changed.before == "Built APIs in Python"
    assert any(r.kind == "add" and "New line" in r.after for r in rows)


def test_html_escapes_resume_text():
    html = side_by_side_html("<script>x</script>", "<b>y</b>")
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html and "<th>Original</th>" in html


# ---------------------------------------------------------------- review of edits

from engine.render.diff import review_html, review_rows  # noqa: E402
from engine.resume import Bullet, ExperienceEntry, Resume  # noqa: E402
from engine.tailor.optimizer import Edit, EditKind, apply_edits, apply_review  # noqa: E402

BULLETS = [
    "Planned the spring field trip for 60 pupils",
    "Responsible for managing the school's attendance spreadsheet",
    "Built a gradebook in Excel with weekly reports",
]


def teacher() -> Resume:
    return Resume(
        summary=None,
        experience=[ExperienceEntry(title="Teacher", company="Hillside School", bullets=[
            Bullet(id=f"experience.0.{i}", text=t) for i, t in enumerate(BULLETS)])],
        skills=["Teaching", "Excel"],
    )


EDITS = [
    Edit(id="e1", kind=EditKind.REWORD, source_id="experience.0.1", before=BULLETS[1],
         after="Managed the school's attendance spreadsheet", reason="opens with a verb"),
    Edit(id="e2", kind=EditKind.MOVE, source_id="experience.0.2", before=BULLETS[2],
         after=BULLETS[2], reason="moved up", position=0),
    Edit(id="e3", kind=EditKind.MOVE, source_id="experience.0.1", before=BULLETS[1],
         after=BULLETS[1], reason="moved up", position=1),
    Edit(id="e4", kind=EditKind.SUMMARY, source_id="summary", before="",
         after="Teacher with 6+ years of experience.", reason="summary added"),
    Edit(id="e5", kind=EditKind.SKILLS, source_id="skills", before="Teaching, Excel",
         after="Excel, Teaching", reason="ordered"),
]


def test_moved_bullets_show_as_moved_never_as_deleted_and_added():
    rows = {r.line_id: r for r in review_rows(teacher(), EDITS)}
    moved = rows["experience.0.2"]
    assert moved.kind == "moved" and moved.note == "moved to place 1" and moved.edit_ids == ("e2",)
    assert "<del>" not in moved.before and moved.before == moved.after
    both = rows["experience.0.1"]
    assert both.kind == "moved and reworded" and set(both.edit_ids) == {"e1", "e3"}
    assert "<del>Responsible for managing</del>" in both.before and "<ins>Managed</ins>" in both.after
    assert rows["experience.0.0"].kind == "same"  # shifted down by the moves, not moved itself
    assert rows["summary"].kind == "added" and rows["summary"].before == ""
    assert rows["skills"].kind == "skills"
    order = [r.line_id for r in review_rows(teacher(), EDITS) if r.line_id.startswith("experience")]
    assert order == ["experience.0.2", "experience.0.1", "experience.0.0"]


def test_the_old_text_diff_shows_the_same_move_as_a_deletion():
    old = teacher().to_text()
    new = apply_edits(teacher(), EDITS).to_text()
    kinds = [r.kind for r in diff_rows(old, new)]
    assert "del" in kinds or "add" in kinds  # why review_rows exists


def test_review_html_lists_each_edit_and_escapes_text():
    resume = teacher()
    resume.experience[0].bullets[0].text = "<script>x</script> planned trips"
    page = review_html(resume, EDITS)
    assert "<script>x" not in page and "&lt;script&gt;" in page
    for edit_id in ("e1", "e2", "e3", "e4", "e5"):
        assert edit_id in page


def test_apply_review_builds_exactly_what_was_accepted_and_edited():
    resume = teacher()
    approved = apply_review(resume, EDITS, accepted={"e2", "e4"},
                            overrides={"experience.0.0": "Planned the spring trip for 60 pupils"})
    texts = [b.text for b in approved.experience[0].bullets]
    assert texts == [BULLETS[2], "Planned the spring trip for 60 pupils", BULLETS[1]]
    assert approved.summary == "Teacher with 6+ years of experience."
    assert approved.skills == ["Teaching", "Excel"]  # e5 rejected
    everything = apply_review(resume, EDITS, accepted={e.id for e in EDITS})
    assert everything == apply_edits(resume, EDITS)
    assert apply_review(resume, EDITS, accepted=set()) == resume
