"""bench.parse_scoring's date comparison: labels as people write them against the
parser's ISO months."""

from __future__ import annotations

import pytest

from bench.parse_scoring import same_date, year_month


@pytest.mark.parametrize(("label", "wanted"), [
    ("2022-05-18", "2022-05"), ("2022-05", "2022-05"), ("2022", "2022"),
    ("July, 2021", "2021-07"), ("Sept. 2020", "2020-09"), ("Mar-2022", "2022-03"),
    ("Jun/2022", "2022-06"), ("present", None), (None, None), ("Summer 2019", None)])
def test_a_label_reads_as_its_month(label, wanted):
    assert year_month(label) == wanted


def test_a_month_matches_itself_a_year_shown_alone_and_an_open_end_nothing():
    assert same_date("Mar-2022", "2022-03") and not same_date("Mar-2022", "2022-04")
    assert same_date("2019-06", "2019")
    assert same_date(None, "present") and same_date("", None) and not same_date("", "2020-01")
    assert same_date("2020-01-01", "2019-12")  # a day may print a month off
    assert not same_date("2020-01", "2019-12")
