"""Dates, numbers and units as paperwork writes them."""
from __future__ import annotations

import datetime as dt

import pytest

from ingest.normalize import dayfirst_for, parse_date, parse_money, parse_number, parse_quantity


@pytest.mark.parametrize("text,dayfirst,expected", [
    ("Invoice Date: August 3 , 2014", False, dt.date(2014, 8, 3)),
    ("Rechnungsdatum 7. Mai 2014", True, dt.date(2014, 5, 7)),
    ("F actuurdatum: 29 maart 2014", True, dt.date(2014, 3, 29)),
    ("du 02 Juillet 2015", True, dt.date(2015, 7, 2)),
    ("Effective Date: 6/4/2024", False, dt.date(2024, 6, 4)),
    ("8-9-2022", True, dt.date(2022, 9, 8)),
    ("2026-03-04T06:30", True, dt.date(2026, 3, 4)),
    ("Date : SEPTEMBER 20TH, 2023", True, dt.date(2023, 9, 20)),  # an exporter's commercial invoice
    ("issued on the 1st of March, 2024", False, dt.date(2024, 3, 1)),
    ("Anniversary date   dun 26, 2027", False, dt.date(2027, 6, 26)),  # OCR read the J of Jun as d
    ("Dee 1, 2026", False, dt.date(2026, 12, 1)),
])
def test_dates(text: str, dayfirst: bool, expected: dt.date) -> None:
    assert parse_date(text, dayfirst) == expected


@pytest.mark.parametrize("text", ["Mav 3, 2026", "Sun 12, 2026", "the 12 items 2026"])
def test_no_guess_when_an_ocr_month_is_ambiguous(text: str) -> None:
    """"Mav" is one letter from May and from Mar; "Sun" is a weekday: no date rather than a guess."""
    assert parse_date(text) is None


def test_day_order_follows_unambiguous_dates_in_the_document() -> None:
    assert dayfirst_for("Factuur 8-9-2022 vervaldatum 22-9-2022") is True
    assert dayfirst_for("Effective 6/4/2024, anniversary 04/19/2025") is False


@pytest.mark.parametrize("text,expected", [
    ("€ 4.904,94", 4904.94), ("$1,234.50", 1234.5), ("Total 1 278.61 40.39 319.00", 319.0),
    ("TOTAL AMOUNT DUE ON August 3 , 2014 $4.11", 4.11), ("Tax 15% on $ 112.90 $ 16.94", 16.94),
])
def test_money(text: str, expected: float) -> None:
    assert parse_money(text) == expected


def test_quantities_keep_their_unit() -> None:
    assert parse_quantity("1,600 lb") == (1600.0, "lb")
    assert parse_quantity("12 cases") == (12.0, "cases")
    assert parse_number("n/a") is None
