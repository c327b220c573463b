"""The candidates a recruiter picked, kept in the session across pages, searches and
filters (ids in the order picked, with names when known)."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from db.candidates import CandidateSource

KEY = "selected_candidates"


def merged_selection(selected: list[str], page_ids: list[str], ticked: list[str]) -> list[str]:
    """``selected`` with this page's rows as ticked now: rows of other pages untouched,
    unticked rows of this page dropped, newly ticked ones appended in page order."""
    on_page, ticked_set = set(page_ids), set(ticked)
    kept = [i for i in selected if i not in on_page or i in ticked_set]
    known = set(kept)
    return kept + [i for i in page_ids if i in ticked_set and i not in known]


class Selection:
    """The session's selection. ``version`` changes when ids leave it from outside the
    table (tray, clear) or arrive in bulk, so tables redraw with fresh ticks."""

    def __init__(self, state: dict) -> None:
        self._state = state

    @classmethod
    def of_session(cls) -> Selection:
        st.session_state.setdefault(KEY, {"ids": {}, "version": 0})
        return cls(st.session_state[KEY])

    @property
    def ids(self) -> list[str]:
        return list(self._state["ids"])

    @property
    def version(self) -> int:
        return self._state["version"]

    def __len__(self) -> int:
        return len(self._state["ids"])

    def __contains__(self, candidate_id: object) -> bool:
        return candidate_id in self._state["ids"]

    def replace(self, ids: list[str], names: dict[str, str | None]) -> None:
        old = self._state["ids"]
        self._state["ids"] = {i: names.get(i, old.get(i)) for i in ids}

    def add(self, ids: Iterable[str]) -> None:
        for candidate_id in ids:
            self._state["ids"].setdefault(candidate_id, None)
        self._state["version"] += 1

    def remove(self, ids: set[str]) -> None:
        self._state["ids"] = {i: n for i, n in self._state["ids"].items() if i not in ids}
        self._state["version"] += 1

    def clear(self) -> None:
        self.remove(set(self._state["ids"]))

    def labels(self, source: CandidateSource, ids: list[str]) -> dict[str, str]:
        """"Name (id)" for ``ids``; names not known yet are read from the candidate table."""
        names = self._state["ids"]
        missing = [i for i in ids if names.get(i) is None]
        for candidate in source.get_many(missing):
            names[candidate.id] = candidate.name
        return {i: f"{names.get(i) or 'no name'} ({i})" for i in ids}
