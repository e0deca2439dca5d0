"""The Dashboard model: each count leads to a queue that shows exactly the findings counted.

A link is followed the way the Triage tab follows it on page load: its query parameters become the queue's
filters (`triage_view.filters_from_params`), the queue is filtered (`presenters.filter_findings`) and, for a
month, narrowed (`finding_months.in_month`). No browser here (tests/ui/test_dashboard_browser.py clicks one).
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from auditpack.records import Decision, DecisionAction, Evidence, Finding, Invoice, Subject, \
    SupplierCertificate, finding_id, record_id
from review_ui import dashboard, finding_months, triage_view
from review_ui.dashboard_html import render
from review_ui.presenters import filter_findings

TODAY = date.today()  # the queue's overdue filter compares with today


def _finding(rule: str, key: str, severity: str, facility: str | None, subject_id: str | None, src) -> Finding:
    return Finding(id=finding_id(rule, key), rule_id=rule, severity=severity, citations=["7 CFR 205.103"],
                   message=f"{rule} on {key}", subject=Subject(kind="invoice", id=subject_id, key=key),
                   facility=facility, evidence=[Evidence(document_sha256=src.document_sha256,
                                                         filename=src.filename, page=1)])


@pytest.fixture
def world(services, seeded):
    """The seeded workspace plus a February invoice, a second facility (with a hostile name), a finding about no
    record, three accepted findings (overdue, due in 3 days, due in 40) and supplier certificates."""
    store, src = services.store, seeded["invoice"].source
    feb = Invoice(id=record_id("invoice", src.document_sha256, 2), source=src, supplier_name="Hill Farm",
                  invoice_number="INV-0900", invoice_date=date(2026, 2, 11))
    certs = [SupplierCertificate(id=f"cert-{n}", source=src, operation_name=n, certifier="Agro Cert",
                                 status="certified", anniversary_date=TODAY + timedelta(days=d))
             for n, d in (("Soon Co", 30), ("Later Co", 200))]
    store.add_records([feb, *certs], actor="test")
    extra = [_finding("INV-NO-LOT", f"INV-0900|line {i}", "major", "<b>Barn & Co</b>", feb.id, src) for i in range(3)]
    extra += [_finding("OSP-MISSING", "plan", "critical", None, None, src)]
    extra += [_finding("PEST-NO-RECORD", f"pest {i}", "minor", "Plant A", seeded["invoice"].id, src) for i in range(3)]
    store.sync_findings(list(seeded["findings"]) + extra, actor="seed")
    for f, days in zip(extra[-3:], (-5, 3, 40)):
        store.decide(Decision(finding_id=f.id, action=DecisionAction.ACCEPT, actor="rita",
                              corrective_action=f"Fix {f.subject.key}", due_date=TODAY + timedelta(days=days)))
    return dashboard.compute(store, late_entry_hours=24, today=TODAY)


def follow(services, href: str) -> list[str]:
    """The finding ids the Triage queue shows when opened at `href`."""
    q = dict(parse_qsl(urlsplit(href).query))
    assert q["tab"] == "triage"
    flt = triage_view.filters_from_params(q)
    sev, rule, fac, sup, status, assignee, text, sort = flt
    shown = filter_findings(services.store.findings(), severity=sev, rule=rule, facility=fac, supplier=sup,
                            status=status, assignee=assignee, text=text, sort=sort)
    return finding_months.in_month(services.store, [s.finding.id for s in shown], q.get("month"))


def _open(services) -> list:
    return services.store.findings(status="open")


def test_open_findings_by_rule_most_first_each_link_shows_exactly_those(services, world):
    rules = world.findings.by_rule
    assert list(rules.open) == sorted(rules.open, reverse=True)
    assert rules.label.iloc[0] == "INV-NO-LOT" and rules.open.iloc[0] == 6  # 3 seeded + 3 in February
    for label, n, href in zip(rules.label, rules.open, rules.href):
        shown = follow(services, href)
        assert len(shown) == n and all(i.startswith(label + ":") for i in shown)


def test_severity_and_facility_counts_lead_to_their_queue(services, world):
    open_states = {s.finding.id: s for s in _open(services)}
    for frame, attr in ((world.findings.by_severity, "severity"), (world.findings.by_facility, "facility")):
        for label, n, href in zip(frame.label, frame.open, frame.href):
            if not href:
                assert label == dashboard.df.NO_FACILITY  # the queue cannot filter on "no facility"
                continue
            shown = follow(services, href)
            assert len(shown) == n and {getattr(open_states[i].finding, attr) for i in shown} == {label}
    assert sum(world.findings.by_severity.open) == len(open_states) == world.findings.total


def test_open_findings_per_month_of_the_record_they_are_about(services, world):
    months = dict(zip(world.findings.by_month.label, zip(world.findings.by_month.open, world.findings.by_month.href)))
    assert months["Feb 2026"][0] == 3 and months["Mar 2026"][0] == 6 and months["(no date)"][0] == 1
    assert list(months)[-1] == "(no date)" and list(months)[:2] == ["Feb 2026", "Mar 2026"]
    feb = follow(services, months["Feb 2026"][1])
    assert len(feb) == 3 and all(services.store.get_finding(i).finding.subject.key.startswith("INV-0900") for i in feb)
    assert [services.store.get_finding(i).finding.rule_id for i in follow(services, months["(no date)"][1])] == \
        ["OSP-MISSING"]


def test_corrective_actions_overdue_and_due_within_14_days_link_to_their_finding(services, world):
    a = world.actions
    assert [x.days_left for x in a.overdue] == [-5] and [x.days_left for x in a.due_soon] == [3] and a.later == 1
    for item in a.overdue + a.due_soon:
        q = dict(parse_qsl(urlsplit(item.href).query))
        assert q["finding"] == item.finding_id and item.finding_id in follow(services, item.href)
        assert item.action.startswith("Fix pest")
    assert "1 corrective actions overdue" in world.headline and "1 due within 14 days" in world.headline
    assert follow(services, a.overdue_href) == [x.finding_id for x in a.overdue]
    assert follow(services, a.due_soon_href)[:2] == [x.finding_id for x in a.overdue + a.due_soon]


def test_certificate_timeline_rows_open_their_record(services, world):
    certs = world.certificates.set_index("supplier")
    assert certs.loc["Soon Co", "status"] == "expiring" and certs.loc["Soon Co", "days to anniversary"] == 30
    assert certs.loc["Later Co", "status"] == "current" and certs.loc["Soon Co", "issuer"] == "Agro Cert"
    assert certs.loc["Soon Co", "href"] == "?tab=records&record=cert-Soon+Co"
    assert services.store.get_record("cert-Soon Co") is not None
    counts = dict(zip(world.cert_counts.label, world.cert_counts.open))
    assert counts["current"] == 1 and counts["expiring ≤60 days"] == 1 and counts["expired"] == 1  # Valley Grain


def test_rendered_dashboard_links_every_count_and_escapes_names(services, world):
    page = render(world)
    assert "<b>Barn & Co</b>" not in page and "&lt;b&gt;Barn &amp; Co&lt;/b&gt;" in page
    for label, n, href in zip(world.findings.by_rule.label, world.findings.by_rule.open, world.findings.by_rule.href):
        link = re.escape(href.replace("&", "&amp;"))
        assert re.search(rf'<a href="{link}"[^>]*>{n}</a>', page), label
    for item in world.actions.overdue + world.actions.due_soon:
        assert item.href.replace("&", "&amp;") in page
    assert 'id="ap-dash-cert-expiring"' in page and f"Soon Co ({TODAY + timedelta(days=30)})" in page


def test_a_month_link_narrows_the_triage_queue_and_says_so(services, world):
    """What `first_queue` does with `?tab=triage&month=2026-02`: the queue's table, ids and versions narrowed."""
    q = triage_view.load_queue(services.store, [], *triage_view.filters_from_params({"status": "open"}))
    frame, ids, versions, count = finding_months.narrow_queue(services.store, q.frame, q.ids, q.versions, "2026-02")
    assert len(ids) == 3 and len(frame) == 3 and set(versions) == set(ids)
    assert set(frame.iloc[:, -1]) == set(ids) and all("INV-0900" in subject for subject in frame["Subject"])
    assert count.startswith("**3** of") and "Feb 2026" in count
