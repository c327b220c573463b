import io

import docx
import pymupdf
import pytest

from demo.people import make_person
from engine.render.documents import resume_docx, resume_html, resume_pdf
from engine.resume import Bullet, Link, Resume

SCRIPT = "<script>alert('x')</script><b>bold?</b> & co"


def rich_resume() -> Resume:
    """A demo resume with every section, plus hostile content in a bullet and a link."""
    person = next(p for p in map(make_person, range(200))
                  if p.summary and len(p.jobs) >= 3 and p.certifications and p.languages)
    resume = person.to_resume()
    resume.experience[0].bullets.append(Bullet(id="experience.0.99", text=SCRIPT))
    resume.links.append(Link(kind="github", url="github.com/demo-person"))
    resume.links.append(Link(kind="other", url="javascript:alert(1)"))
    resume.summary += ' <img src="file:///etc/passwd"> \x00\x0b'
    return resume


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def resume() -> Resume:
    return rich_resume()


@pytest.fixture(scope="module")
def pdf(resume: Resume) -> pymupdf.Document:
    with pymupdf.open(stream=resume_pdf(resume), filetype="pdf") as doc:
        yield doc


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_pdf_holds_the_whole_resume(pdf, resume):
    assert pdf.page_count >= 1
    text = flat("\n".join(page.get_text() for page in pdf))
    assert resume.name in text and resume.email in text
    for entry in resume.experience:
        assert entry.title in text and entry.company in text
        for bullet in entry.bullets:
            assert flat(bullet.text) in text
    for entry in resume.education:
        assert entry.institution in text
    for skill in resume.skills:
        assert skill in text
    for section in resume.other_sections:
        for bullet in section.bullets:
            assert flat(bullet.text) in text


def test_pdf_shows_markup_as_text_and_links_only_to_the_web(pdf):
    text = flat("\n".join(page.get_text() for page in pdf))
    assert SCRIPT in text
    assert '<imgsrc="file:///etc/passwd">' in text.replace(" ", "")  # may wrap after a "/"
    uris = [link["uri"] for page in pdf for link in page.get_links() if "uri" in link]
    assert "https://github.com/demo-person" in uris
    assert all(uri.startswith("https://") for uri in uris)


def test_html_escapes_every_value(resume):
    html = resume_html(resume)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="https://github.com/demo-person"' in html
    assert 'href="javascript' not in html


def test_sections_come_in_the_conventional_order(pdf, resume):
    text = flat("\n".join(page.get_text() for page in pdf)).upper()
    order = ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "CERTIFICATIONS", "LANGUAGES"]
    positions = [text.index(header) for header in order]
    assert positions == sorted(positions)
    assert text.index(resume.experience[0].company.upper()) < text.index(
        resume.experience[1].company.upper())


def test_docx_holds_the_whole_resume_with_markup_as_text(resume):
    data = resume_docx(resume)
    document = docx.Document(io.BytesIO(data))
    text = docx_text(data)
    assert resume.name in text and resume.email in text
    for entry in resume.experience:
        assert entry.title in text and entry.company in text
        for bullet in entry.bullets:
            assert bullet.text in text
    assert SCRIPT in text  # stored as text: python-docx escapes it in the XML
    assert "\x00" not in text and "\x0b" not in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["Summary", "Experience", "Education", "Skills"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert resume.experience[0].bullets[0].text in bullets
    assert "Present" in text or any(e.end != "present" for e in resume.experience)


def test_dates_are_written_the_way_people_read_them():
    resume = Resume(name="A B", experience=[{"title": "Dev", "company": "X", "start": "2020-01",
                                             "end": "present", "bullets": []}])
    assert "Jan 2020 – Present" in docx_text(resume_docx(resume))
    assert "Jan 2020 – Present" in resume_html(resume)


def test_an_empty_resume_still_exports():
    assert docx.Document(io.BytesIO(resume_docx(Resume()))) is not None
    with pymupdf.open(stream=resume_pdf(Resume()), filetype="pdf") as doc:
        assert doc.page_count == 1
