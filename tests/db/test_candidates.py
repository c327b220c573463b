"""The candidate adapter on the demo table (SQLite and PostgreSQL) and on a PostgreSQL table
of another shape whose resumes are file paths."""

import pytest
import sqlalchemy as sa

from db.candidates import (CandidateMappingError, CandidateQuery, ResumeUnavailable,
                           open_candidate_source)
from db.connection import get_engine
from demo.people import make_person
from demo.seed import seed_candidates
from settings import CandidateTable

COUNT = 120


@pytest.fixture
def demo_source(database_url):
    seed_candidates(database_url, COUNT)
    return open_candidate_source(database_url, CandidateTable())


def everyone():
    return [make_person(i) for i in range(COUNT)]


def test_first_page_is_sorted_by_name_and_counts_everyone(demo_source):
    page = demo_source.search(CandidateQuery(page_size=25))
    assert page.total == COUNT and len(page.rows) == 25 and page.page_count == 5
    expected = sorted(((p.name, i + 1) for i, p in enumerate(everyone())))[:25]
    assert [(c.name, int(c.id)) for c in page.rows] == expected


def test_pages_partition_the_result_without_overlap(demo_source):
    ids = []
    for number in range(1, 6):
        ids += [c.id for c in demo_source.search(CandidateQuery(page=number, page_size=25)).rows]
    assert len(ids) == len(set(ids)) == COUNT


def test_search_matches_every_term_across_name_email_and_filter_columns(demo_source):
    person = make_person(17)
    first, last = person.name.split()[0], person.name.split()[-1]
    page = demo_source.search(CandidateQuery(text=f"{first.lower()} {last.upper()}"))
    expected = {str(i + 1) for i, p in enumerate(everyone())
                if first.lower() in p.name.lower() and last.lower() in p.name.lower()}
    expected |= {str(i + 1) for i, p in enumerate(everyone())
                 if all(t.lower() in " ".join([p.name, p.email, p.location, p.title]).lower()
                        for t in (first, last))}
    assert {c.id for c in page.rows} == expected and "18" in expected


def test_filters_are_exact_and_combine_with_search(demo_source):
    location = make_person(3).location
    page = demo_source.search(CandidateQuery(filters={"Location": location}, page_size=200))
    assert page.total == sum(p.location == location for p in everyone()) > 0
    assert all(c.extra["Location"] == location for c in page.rows)
    assert location in demo_source.filter_options("Location")


def test_search_text_is_data_not_sql(demo_source):
    for text in ("%", "%%", "' OR 1=1 --", "\\%"):
        assert demo_source.search(CandidateQuery(text=text)).total == 0, text
    underscores = sum("_" in p.email for p in everyone())
    assert demo_source.search(CandidateQuery(text="_")).total == underscores


def test_descending_sort_and_matching_ids(demo_source):
    page = demo_source.search(CandidateQuery(sort="email", descending=True, page_size=5))
    assert [c.email for c in page.rows] == sorted((p.email for p in everyone()), reverse=True)[:5]
    assert len(demo_source.matching_ids(CandidateQuery())) == COUNT


def test_resume_bytes_come_with_their_declared_format(demo_source):
    resume = demo_source.resume_file("1")
    assert resume.declared_format == "pdf" and resume.data.startswith(b"%PDF")
    with pytest.raises(ResumeUnavailable) as missing:
        demo_source.resume_file("99999")
    assert missing.value.code == "candidate_not_found"


@pytest.fixture
def people_table(postgres_url, tmp_path):
    """An existing PostgreSQL table with its own column names and resumes on disk."""
    engine = get_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "CREATE TABLE people (person_id TEXT PRIMARY KEY, display_name TEXT, mail TEXT, "
            "cv_path TEXT, city TEXT, tailored TEXT)"))
        for i in range(30):
            path = tmp_path / f"cv{i}.txt"
            if i != 3:  # person 3's file is missing on disk
                path.write_text(f"Person {i}\nperson{i}@corp.example\nEXPERIENCE\n...")
            conn.execute(sa.text("INSERT INTO people VALUES (:id, :n, :m, :p, :c, NULL)"),
                         {"id": f"P-{i:03d}", "n": f"Person {i}", "m": f"person{i}@corp.example",
                          "p": str(path) if i != 4 else None, "c": ["Lyon", "Oslo"][i % 2]})
    mapping = CandidateTable(table="people", id="person_id", name="display_name", email="mail",
                             resume="cv_path", resume_kind="path", format=None,
                             filters={"City": "city"}, writeback="tailored",
                             resume_root=str(tmp_path))
    return postgres_url, mapping


def test_adapter_reads_a_table_of_another_shape(people_table):
    url, mapping = people_table
    source = open_candidate_source(url, mapping)
    page = source.search(CandidateQuery(text="person 1", filters={"City": "Oslo"}, page_size=100))
    expected = {f"P-{i:03d}" for i in range(30) if "1" in str(i) and i % 2}
    assert {c.id for c in page.rows} == expected and len(expected) == 7
    resume = source.resume_file("P-002")
    assert resume.data.startswith(b"Person 2") and resume.declared_format == "text"


def test_missing_and_empty_resume_paths_are_clear_errors(people_table):
    source = open_candidate_source(*people_table)
    with pytest.raises(ResumeUnavailable) as missing:
        source.resume_file("P-003")
    assert missing.value.code == "resume_file_missing" and "cv3" not in missing.value.message
    with pytest.raises(ResumeUnavailable) as empty:
        source.resume_file("P-004")
    assert empty.value.code == "resume_empty"


def test_write_back_column(people_table):
    source = open_candidate_source(*people_table)
    with source.engine.begin() as conn:
        source.write_back(conn, "P-005", "tailored text")
    with source.engine.connect() as conn:
        value = conn.execute(sa.text("SELECT tailored FROM people WHERE person_id='P-005'")).scalar()
    assert value == "tailored text"


def test_mapping_to_a_missing_table_or_column_is_refused_with_a_clear_message(people_table):
    url, mapping = people_table
    with pytest.raises(CandidateMappingError, match="'persons' does not exist.*people"):
        open_candidate_source(url, mapping.model_copy(update={"table": "persons"}))
    with pytest.raises(CandidateMappingError, match="no column 'cv'.*mapped as resume.*cv_path"):
        open_candidate_source(url, mapping.model_copy(update={"resume": "cv"}))
    with pytest.raises(CandidateMappingError, match="no column 'region'.*filter 'Region'"):
        open_candidate_source(url, mapping.model_copy(update={"filters": {"Region": "region"}}))


def test_empty_blob_is_a_clear_error(sqlite_url):
    engine = get_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE c (id INTEGER PRIMARY KEY, full_name TEXT, email TEXT, resume BLOB)"))
        conn.execute(sa.text("INSERT INTO c VALUES (1, 'A', 'a@x', x'')"))
    source = open_candidate_source(sqlite_url, CandidateTable(table="c", format=None, filters={}))
    with pytest.raises(ResumeUnavailable) as empty:
        source.resume_file("1")
    assert empty.value.code == "resume_empty"
