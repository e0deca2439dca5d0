"""Cleaning and sanitation logs (sheets, CSV or PDF tables): one cleaning_event per row."""
from __future__ import annotations

import re

from auditpack.records import CleaningAgent, RecordKind
from ingest.models import LoadedDocument, ParseResult
from ingest.normalize import clean_unit, parse_bool, parse_datetime, parse_number
from ingest.parsers.base import Parser, result
from ingest.parsers.rows import doc_facility, row_builder, row_datetime, take
from ingest.tables import Cell, Row


def _merge_wrapped(rows: list[Row]) -> list[Row]:
    """A PDF row whose text wrapped ("Peracetic" / "acid 110 ppm") continues on a line with no date."""
    out: list[Row] = []
    for row in rows:
        if out and not row.get("date") and row.page is out[-1].page:
            prev = out[-1]
            for name, cell in row.cells.items():
                if cell.text.strip():
                    old = prev.cells.get(name)
                    prev.cells[name] = Cell(f"{old.text} {cell.text}".strip() if old else cell.text, cell.page,
                                            old.cell if old else cell.cell, old.bbox if old else cell.bbox)
            prev.line += "\n" + row.line
            continue
        out.append(row)
    return out
from ingest.tables import find_rows

COLUMNS = {
    "date": ["date", "cleaning date", "date performed", "performed", "performed at", "date/time", "datum", "data",
             "date/time cleaned", "date cleaned", "cleaned at", "date & time"],
    "time": ["time", "start time", "time performed", "uhrzeit", "hora"],
    "facility": ["facility", "site", "plant"],
    "equipment": ["equipment", "line", "equipment/line", "machine", "object", "objekt", "asset", "equipment id"],
    "activity": ["activity", "type", "cleaning type", "task"],
    "operator": ["operator", "cleaned by", "performed by", "employee", "done by", "initials"],
    "verified_by": ["verified by", "checked by", "supervisor", "verification", "qa check", "sign-off", "signoff",
                    "verifier"],
    "agent": ["agents", "chemicals", "chemicals & concentration", "chemicals and concentration", "agents used",
              "chemicals used", "cleaning agents"],
    "rinse_ppm": ["final rinse chlorine", "final rinse ppm", "rinse chlorine ppm", "rinse ppm", "final rinse",
                  "final rinse chlorine ppm", "residual chlorine", "chlorine ppm", "rinse cl ppm", "rinse cl",
                  "final rinse free chlorine", "final rinse cl", "rinse chlorine"],
    "rinse_verified": ["rinse verified", "rinse check", "rinse ok", "potable rinse verified"],
    "preceding_run": ["preceding run", "previous run", "prior run", "last run", "prev run", "prev. run"],
    "next_run": ["next run", "following run", "next product run", "upcoming run"],
    "logged_at": ["logged at", "entered at", "recorded at", "entry time", "logged", "entered", "record created",
                  "created"],
    "notes": ["notes", "comments", "remarks", "bemerkung"],
}
_AGENT_NAME = re.compile(r"^(chemical|chem|cleaner|sanitizer|sanitiser|agent|detergent)\s*(\d*)$")
_AGENT_CONC = re.compile(r"^(chemical|chem|cleaner|sanitizer|sanitiser|agent|detergent)\s*(\d*)\s*"
                         r"(strength|conc\.?|concentration|dilution)(\s*\(([^)]*)\))?$")
_AGENT_UNIT = re.compile(r"^(chemical|chem|cleaner|sanitizer|sanitiser|agent|detergent)\s*(\d*)\s*(unit|uom)$")


def column_agents(raw: dict) -> list[CleaningAgent]:
    """Agents spread over columns: "Chemical 1 | Chem 1 Strength | Chem 1 Unit" or "Cleaner | Cleaner Conc."."""
    names, concs, units = {}, {}, {}
    for header, cell in raw.items():
        text = cell.text.strip()
        if m := _AGENT_NAME.match(header):
            names[(m.group(1)[:4], m.group(2))] = text
        elif m := _AGENT_CONC.match(header):
            concs[(m.group(1)[:4], m.group(2))] = (text, m.group(5))
        elif m := _AGENT_UNIT.match(header):
            units[(m.group(1)[:4], m.group(2))] = text
    out = []
    for key, name in names.items():
        if not name or name.lower() in {"-", "n/a", "none"}:
            continue
        conc_text, header_unit = concs.get(key, ("", None))
        m = re.search(r"(\d[\d.,]*)\s*(\S+)?", conc_text or "")
        unit = units.get(key) or (m.group(2) if m else None) or header_unit
        out.append(CleaningAgent(name=name, concentration=parse_number(m.group(1)) if m else None,
                                 concentration_unit=clean_unit(unit) if m else None))
    return out


def run_type(s: str) -> str | None:
    low = s.lower().strip()
    if low in {"y", "yes"}:
        return "organic"
    if low in {"n", "no"}:
        return "conventional"
    if "conv" in low or "non-organic" in low or "nonorganic" in low:
        return "conventional"
    if "organic" in low or low in {"org", "o"}:
        return "organic"
    return None


def agents(s: str) -> list[CleaningAgent]:
    out = []
    for part in re.split(r";|\+|\n|/(?=\s*[A-Za-z])", s):
        part = part.strip()
        if not part or part.lower() in {"none", "n/a", "-"}:
            continue
        m = re.search(r"(\d[\d.,]*)\s*(ppm|%|mg/l|ml/l|oz/gal)", part, re.I)
        name = part[: m.start()].strip(" @:-(") if m else part
        if not name:
            continue
        out.append(CleaningAgent(name=name, concentration=parse_number(m.group(1)) if m else None,
                                 concentration_unit=clean_unit(m.group(2)) if m else None))
    return out


class CleaningLogParser(Parser):
    kind = "cleaning_log"
    record_kind = RecordKind.CLEANING_EVENT
    core_fields = ("equipment", "operator", "location", "level", "applicator")
    min_core = 1
    keywords = {"cleaning log": 1.5, "sanitation log": 1.5, "cleaning record": 1.2, "sanitation": 0.6,
                "sanitizer": 0.5, "cleaned by": 0.7, "verified by": 0.4, "final rinse": 0.8, "changeover": 0.6,
                "pre-op": 0.5, "rinse": 0.4, "cleaning": 0.5, "equipment": 0.3, "reinigung": 0.8,
                "reinigungsplan": 1.0, "quat": 0.3, "ppm": 0.3}

    def parse(self, document: LoadedDocument) -> ParseResult:
        records = []
        rows = _merge_wrapped(find_rows(document, COLUMNS, {"date", "equipment"}))
        facility = doc_facility(document)
        for i, row in enumerate(rows):
            b = row_builder(document, self.record_kind, row, i)
            performed = row_datetime(row, b.dayfirst)
            if performed is None:
                continue  # an empty template row, or a note under the table
            cell = row.cells["date"]
            b.put("performed_at", performed, b.source_for(cell.page, row.line, cell.cell, cell.bbox))
            if take(b, row, "facility", required=False) is None and facility is not None:
                b.put("facility", facility.value, facility.source(document))
            take(b, row, "equipment")
            take(b, row, "operator")
            take(b, row, "verified_by", required=False)
            take(b, row, "logged_at", convert=lambda s: parse_datetime(s, b.dayfirst), required=False)
            if take(b, row, "agent", "agents", agents, required=False) is None and column_agents(row.raw):
                b.put("agents", column_agents(row.raw), b.source_for(row.page, row.line))
            take(b, row, "rinse_ppm", "final_rinse_chlorine_ppm", parse_number, required=False)
            take(b, row, "rinse_verified", convert=parse_bool, required=False)
            take(b, row, "preceding_run", convert=run_type, required=False)
            take(b, row, "next_run", convert=run_type, required=False)
            take(b, row, "notes", required=False)
            records.append(b.build())
        return result(records)


PARSER = CleaningLogParser()
