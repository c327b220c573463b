"""Candidate filters: several values per filter, each matched as a part of the column,
ignoring case, in SQL (SQLite and PostgreSQL)."""

import pytest

from db.candidates import CandidateQuery, open_candidate_source
from demo.people import make_person
from demo.seed import seed_candidates
from settings import CandidateTable

COUNT = 120


@pytest.fixture
def demo_source(database_url):
    seed_candidates(database_url, COUNT)
    return open_candidate_source(database_url, CandidateTable())


def ids_where(test) -> set[str]:
    return {str(i + 1) for i in range(COUNT) if test(make_person(i))}


def test_a_filter_value_matches_part_of_the_column_ignoring_case(demo_source):
    word = make_person(5).title.split()[-1]  # e.g. "Engineer" of "Senior Software Engineer"
    page = demo_source.search(CandidateQuery(filters={"Title": (word.lower(),)}, page_size=200))
    assert {c.id for c in page.rows} == ids_where(lambda p: word.lower() in p.title.lower())
    assert any(c.extra["Title"] != word for c in page.rows)  # longer titles are included


def test_several_values_of_one_filter_match_any_and_filters_combine(demo_source):
    a, b = make_person(1).location, make_person(2).location
    title_word = make_person(1).title.split()[0]
    query = CandidateQuery(filters={"Location": (a, b), "Title": (title_word,)}, page_size=200)
    found = {c.id for c in demo_source.search(query).rows}
    assert found == ids_where(lambda p: (a.lower() in p.location.lower()
                                         or b.lower() in p.location.lower())
                              and title_word.lower() in p.title.lower())
    assert "2" in found


def test_filter_values_are_data_not_patterns(demo_source):
    assert demo_source.search(CandidateQuery(filters={"Location": ("%",)})).total == 0
