"""Records at scale (issue 15): a page at a time with a count, and dates typed as documents print them."""
from __future__ import annotations

from datetime import datetime, timedelta

from auditpack.records import CleaningEvent, SourceRef, record_id
from review_ui import records_view as rv
from tests.ui.seed import seed


def _log(services, seeded, n: int = 120) -> list[CleaningEvent]:
    doc = seeded["document"]
    start = datetime(2026, 6, 1, 6, 0)
    events = [CleaningEvent(id=record_id("cleaning_event", doc.sha256, 100 + i),
                            source=SourceRef(document_sha256=doc.sha256, filename=doc.filename, page=1,
                                             cell=f"Log!A{i + 2}"),
                            facility="Plant B" if i % 2 else "Plant A", equipment=f"Mixer {i % 3}",
                            performed_at=start + timedelta(hours=8 * i), logged_at=start + timedelta(hours=8 * i + 1))
              for i in range(n)]
    services.store.add_records(events, actor="test")
    return events


def test_pages_of_fifty_with_a_count(services, seeded):
    _log(services, seeded)  # 120 + the seed's one cleaning event
    first = rv.load_page(services.store, "cleaning_event", "", "", 0)
    assert first.count == "1–50 of 121" and len(first.frame) == 50
    last = rv.load_page(services.store, "cleaning_event", "", "", 100)
    assert last.count == "101–121 of 121" and len(last.frame) == 21
    newest = rv.load_page(services.store, "cleaning_event", "", "", 0, sort="date (newest first)")
    assert newest.frame.iloc[0]["Performed at"] > first.frame.iloc[0]["Performed at"]


def test_dates_as_printed_on_a_log_find_the_same_day(services, seeded):
    _log(services, seeded)
    read = services.stage("ingest").read_date
    shown = {text: rv.load_page(services.store, "cleaning_event", "", text, 0, read=read)
             for text in ("06/19/2026", "19.06.2026", "2026-06-19")}
    counts = {text: p.total for text, p in shown.items()}
    assert set(counts.values()) == {3}, counts  # three cleanings a day, whichever way the day is written
    assert all(v.startswith("2026-06-19") for v in shown["06/19/2026"].frame["Performed at"])
    week = rv.load_page(services.store, "cleaning_event", "", "06/19/2026 to 06/25/2026", 0, read=read)
    assert week.total == 21
    bad = rv.load_page(services.store, "cleaning_event", "", "next tuesday-ish", 0, read=read)
    assert "does not read as a date" in bad.note and bad.total == 121


def test_a_date_written_with_its_month_name_or_without_its_year_finds_the_day(services, seeded):
    """"June 19" is how the issue's reviewer names the day: month names, and no year (the records' year)."""
    _log(services, seeded)
    read = services.stage("ingest").read_date
    for text in ("June 19", "19 June", "Jun 19 2026", "06/19", "19.06"):
        p = rv.load_page(services.store, "cleaning_event", "", text, 0, read=read)
        assert p.total == 3 and not p.note, (text, p.note)
        assert all(v.startswith("2026-06-19") for v in p.frame["Performed at"]), text
    yearless = rv.load_page(services.store, "cleaning_event", "", "June 19", 0, read=read)
    assert yearless.read_as == "“June 19” read as 2026-06-19 (the year of the newest records)"
    week = rv.load_page(services.store, "cleaning_event", "", "June 19 to June 25", 0, read=read)
    assert week.total == 21 and "2026-06-19 to 2026-06-25" in week.read_as
    assert rv.load_page(services.store, "cleaning_event", "", "June", 0, read=read).note  # a month is no day


def test_a_yearless_date_takes_the_newest_year_and_names_the_others(services, seeded):
    events = _log(services, seeded, n=3)  # 2026-06-01
    old = events[0].model_copy(update={"id": events[0].id + "-old", "performed_at": events[0].performed_at.replace(
        year=2025, day=19), "logged_at": events[0].logged_at.replace(year=2025, day=19)})
    services.store.add_records([old], actor="test")
    read = services.stage("ingest").read_date
    p = rv.load_page(services.store, "cleaning_event", "", "June 1", 0, read=read)
    assert p.total >= 1 and all(v.startswith("2026-06-01") for v in p.frame["Performed at"])
    assert "the records span 2025–2026, type the year for another" in p.read_as
    assert rv.load_page(services.store, "cleaning_event", "", "June 19 2025", 0, read=read).total == 1


def test_word_filter_runs_in_the_store_and_keeps_the_count_honest(services, seeded):
    _log(services, seeded)
    plant_b = rv.load_page(services.store, "cleaning_event", "plant b", "", 0)
    assert plant_b.total == 60 and set(plant_b.frame["Facility"]) == {"Plant B"}


def test_a_word_in_one_column_and_a_sort_on_any_column(services, seeded):
    """Filter per field (the word only in the picked column) and sort by any summary column, in the store."""
    _log(services, seeded)
    store = services.store
    assert "Facility" in " ".join(rv.sort_choices("cleaning_event")) and "lines" not in rv.filter_fields("invoice")
    in_facility = rv.load_page(store, "cleaning_event", "plant b", "", 0, field="facility")
    assert in_facility.total == 60 and set(in_facility.frame["Facility"]) == {"Plant B"}
    assert rv.load_page(store, "cleaning_event", "mixer", "", 0, field="facility").total == 0  # equipment only
    assert rv.load_page(store, "cleaning_event", "mixer", "", 0).total == 121  # anywhere
    by_equipment = rv.load_page(store, "cleaning_event", "", "", 0, sort="Equipment (Z→A)")
    assert list(by_equipment.frame["Equipment"][:3]) == ["Mixer 2"] * 3
    assert by_equipment.frame["Equipment"].iloc[-1] == "Mixer 1"  # page 1 of 3: still the 2s and the 1s
    inv = seeded["invoice"]
    store.add_records([inv.model_copy(update={"id": f"{inv.id}-{t}", "total": t, "invoice_number": f"N-{t}"})
                       for t in (9, 100, 25)], actor="test")
    totals = rv.load_page(store, "invoice", "", "", 0, sort="Total (largest first)").frame["Total"]
    assert list(totals) == ["120.5", "100.0", "25.0", "9.0"]  # as numbers, not as text ("9" > "25")
    rows = rv.matching_records(store, "invoice", "n-", "", "Total (smallest first)", field="invoice_number")
    assert [r.total for r in rows] == [9, 25, 100]
