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


def test_word_filter_runs_in_the_store_and_keeps_the_count_honest(services, seeded):
    _log(services, seeded)
    plant_b = rv.load_page(services.store, "cleaning_event", "plant b", "", 0)
    assert plant_b.total == 60 and set(plant_b.frame["Facility"]) == {"Plant B"}
