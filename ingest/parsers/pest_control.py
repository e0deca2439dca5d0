"""Pest control logs / service reports: one pest_control_entry per row."""
from __future__ import annotations

import re

from auditpack.records import RecordKind
from ingest.models import LoadedDocument, ParseResult
from ingest.normalize import parse_bool, parse_date
from ingest.parsers.base import Parser, result
from ingest.parsers.rows import doc_facility, row_builder, take
from ingest.tables import find_rows

COLUMNS = {
    "date": ["date", "service date", "date of service", "inspection date", "datum", "visit date"],
    "facility": ["facility", "site", "plant"],
    "location": ["location", "area", "station", "room", "trap location", "device", "zone"],
    "level": ["level", "pest level", "205.271 level", "control level", "nop level", "tier", "level (a-d)"],
    "material": ["material", "product", "product used", "material used", "pesticide", "chemical", "bait",
                 "action / material", "product or action", "action/material", "material / action",
                 "treatment", "action"],
    "applicator": ["applicator", "technician", "performed by", "service by", "operator", "tech"],
    "approved": ["certifier approved", "certifier approval", "approved", "approval", "approved by certifier",
                 "certifier ok"],
}


def level(s: str) -> str | None:
    m = re.search(r"\b([ABCD])\b", s.upper())
    return m.group(1) if m else None


class PestControlParser(Parser):
    kind = "pest_control_log"
    record_kind = RecordKind.PEST_CONTROL_ENTRY
    core_fields = ("equipment", "operator", "location", "level", "applicator")
    min_core = 1
    keywords = {"pest control": 1.5, "pest": 0.6, "rodent": 0.5, "trap": 0.4, "bait": 0.4, "insect": 0.3,
                "applicator": 0.6, "pest activity": 1.0, "service log": 0.4, "technician": 0.3,
                "glue board": 0.3, "control level": 0.5, "level (a-d)": 0.6, "certifier approval": 0.4, "fumigation": 0.6, "205.271": 0.8, "exterminat": 0.4, "dedetiza": 0.6}

    def parse(self, document: LoadedDocument) -> ParseResult:
        records = []
        facility = doc_facility(document)
        for i, row in enumerate(find_rows(document, COLUMNS, {"date"})):
            b = row_builder(document, self.record_kind, row, i)
            if take(b, row, "date", convert=lambda s: parse_date(s, b.dayfirst), required=False) is None:
                continue
            if take(b, row, "facility", required=False) is None and facility is not None:
                b.put("facility", facility.value, facility.source(document))
            take(b, row, "location")
            take(b, row, "level", convert=level)
            take(b, row, "material", convert=lambda s: None if s.strip().lower() in {"-", "none", "n/a"} else s,
                 required=False)
            take(b, row, "applicator")
            take(b, row, "approved", "certifier_approved", parse_bool, required=False)
            records.append(b.build())
        return result(records)


PARSER = PestControlParser()
