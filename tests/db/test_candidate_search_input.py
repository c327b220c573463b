"""Search input a careless user or an attacker types (issue 12, item 8): a NUL is refused
in words on SQLite and PostgreSQL (PostgreSQL's own error quoted the SQL and its
parameters), and SQLite matches names case-insensitively beyond ASCII."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db.candidates import CandidateQuery, open_candidate_source
from db.connection import get_engine
from db.errors import StoreError
from demo.seed import seed_candidates
from settings import CandidateTable


@pytest.fixture
def source(database_url):
    seed_candidates(database_url, 5)
    with get_engine(database_url).begin() as conn:
        conn.execute(sa.text("UPDATE candidates SET full_name = 'Émile Ørsted-Çelik' WHERE id = 1"))
        conn.execute(sa.text("UPDATE candidates SET full_name = 'ΣΟΦΙΑ Παπαδοπούλου' WHERE id = 2"))
    return open_candidate_source(database_url, CandidateTable())


@pytest.mark.parametrize("query", [CandidateQuery(text="ann\x00"),
                                   CandidateQuery(filters={"Location": ("Lyon\x00",)})])
def test_a_nul_in_the_search_is_refused_in_words(source, query):
    with pytest.raises(StoreError) as refused:
        source.search(query)
    message = str(refused.value)
    assert "NUL" in message and "SELECT" not in message and "candidates" not in message


@pytest.mark.parametrize("typed, name", [("émile", "Émile Ørsted-Çelik"),
                                         ("ØRSTED-çelik", "Émile Ørsted-Çelik"),
                                         ("σοφια", "ΣΟΦΙΑ Παπαδοπούλου"),
                                         ("παπαδοπουλου", None)])
def test_search_ignores_case_beyond_ascii(source, typed, name):
    names = [c.name for c in source.search(CandidateQuery(text=typed)).rows]
    assert names == ([name] if name else [])  # accents still count: ου is not ού
