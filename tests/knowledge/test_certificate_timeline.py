"""The supplier certificate timeline: days to anniversary and expiry, what is due in the next 60 days."""
from __future__ import annotations

from datetime import date, timedelta

from knowledge.api import certificate_timeline, expiring_soon
from tests.knowledge.factory import certificate

TODAY = date(2026, 3, 1)


def _by_supplier(entries):
    return {e.supplier: e for e in entries if e.newest}


def test_days_to_anniversary_and_expiry_and_the_earlier_one_is_due():
    soon = certificate("Soon Grain", anniversary=TODAY + timedelta(days=20))
    euro = certificate("Euro Oats", anniversary=TODAY + timedelta(days=200))
    euro = euro.model_copy(update={"expiration_date": TODAY + timedelta(days=45), "certifier": "Agro Cert"})
    late = certificate("Late Mill", anniversary=TODAY - timedelta(days=10))
    far = certificate("Far Farm", anniversary=TODAY + timedelta(days=61))
    e = _by_supplier(certificate_timeline([far, late, euro, soon], TODAY))

    assert e["Soon Grain"].days_to_anniversary == 20 and e["Soon Grain"].status == "expiring"
    assert e["Euro Oats"].days_to_expiry == 45 and e["Euro Oats"].days_to_anniversary == 200
    assert e["Euro Oats"].due_date == TODAY + timedelta(days=45) and e["Euro Oats"].issuer == "Agro Cert"
    assert "expires in 45 days" in e["Euro Oats"].why
    assert e["Late Mill"].status == "expired" and e["Late Mill"].days_left == -10
    assert e["Far Farm"].status == "current"  # 61 days: outside the 60-day window
    assert [x.supplier for x in expiring_soon(certificate_timeline([far, late, euro, soon], TODAY))] == \
        ["Soon Grain", "Euro Oats"]  # soonest first


def test_timeline_is_sorted_by_due_date_undated_last():
    certs = [certificate("B", anniversary=None), certificate("C", anniversary=TODAY + timedelta(days=300)),
             certificate("A", anniversary=TODAY - timedelta(days=3))]
    entries = certificate_timeline(certs, TODAY)
    assert [x.supplier for x in entries] == ["A", "C", "B"]
    assert entries[-1].status == "unknown" and entries[-1].days_left is None


def test_only_the_newest_certificate_of_a_supplier_counts():
    old = certificate("Valley Grain Co", effective=date(2024, 1, 1), anniversary=TODAY - timedelta(days=300))
    new = certificate("Valley Grain Co.", effective=date(2025, 6, 1), anniversary=TODAY + timedelta(days=10))
    new = new.model_copy(update={"id": "newer"})
    entries = certificate_timeline([new, old], TODAY)
    newest = [x for x in entries if x.newest]
    assert len(newest) == 1 and newest[0].record_id == "newer" and newest[0].status == "expiring"
    replaced = [x for x in entries if not x.newest]
    assert replaced[0].status == "replaced" and "newer certificate" in replaced[0].why


def test_revoked_counts_as_expired_whatever_its_dates():
    gone = certificate("Gone Co", status="revoked", anniversary=TODAY + timedelta(days=200))
    (entry,) = certificate_timeline([gone], TODAY)
    assert entry.status == "expired" and "revoked" in entry.why and entry.days_to_anniversary == 200
