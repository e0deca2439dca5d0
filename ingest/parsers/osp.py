"""Organic System Plans: header fields, narrative sections by heading, and the plan's tables."""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from auditpack.records import OSP_SECTIONS, OspFacility, OspSections, OspSubstance, OspSupplier, RecordKind
from ingest import fields as F
from ingest.models import LoadedDocument, ParseResult
from ingest.normalize import parse_date
from ingest.parsers.base import Parser, RecordBuilder, result
from ingest.tables import find_rows

HEADINGS = {
    "practices": ["practices and procedures", "practices", "handling practices", "production practices",
                  "processing practices", "organic handling practices"],
    "substances": ["substances", "substances used", "materials", "inputs and substances", "substances and materials"],
    "monitoring": ["monitoring", "monitoring practices", "monitoring and verification"],
    "recordkeeping": ["recordkeeping", "record keeping", "records", "recordkeeping system"],
    "commingling_prevention": ["commingling prevention", "prevention of commingling and contamination",
                               "commingling and contamination prevention", "contamination prevention",
                               "commingling"],
    "pest_management": ["pest management", "pest control", "facility pest management"],
    "supplier_verification": ["supplier verification", "supplier certificate verification",
                              "verification of suppliers", "organic supplier verification"],
    "fraud_prevention": ["fraud prevention", "organic fraud prevention", "fraud prevention plan",
                         "organic fraud prevention plan"],
}
_USES = {"cleaner": "cleaner", "cleaning": "cleaner", "sanitizer": "sanitizer", "sanitation": "sanitizer",
         "processing aid": "processing_aid", "processing_aid": "processing_aid", "pest": "pest_control"}


def _heading(text: str) -> str | None:
    t = re.sub(r"^\s*(section\s+)?[\dIVX]+[.)]?\s*[:.\-]?\s*", "", text.strip(), flags=re.I).strip(" :").lower()
    if not t or len(t) > 70:
        return None
    best, best_s = None, 0.0
    for field, names in HEADINGS.items():
        for n in names:
            s = fuzz.ratio(t, n)
            if s > best_s:
                best, best_s = field, s
    return best if best_s >= 88 else None


_QUESTION = re.compile(r"^\s*(?:[A-Z]?\d{1,2}[.)]|Q\d+[.:)]?|\(?[a-z]\)|section\s+\w+[.:])\s+\S", re.I)
_TOPICS = [  # first match wins: a question about commingling may also mention "substances"
    ("commingling_prevention", r"comming|contamination"),
    ("fraud_prevention", r"fraud"),
    ("supplier_verification", r"supplier|certificate of each|verify .* certified"),
    ("recordkeeping", r"record\s*keeping|records"),
    ("monitoring", r"monitor"),
    ("substances", r"substance|materials? used"),
    ("pest_management", r"\bpest"),
    ("practices", r"practices|procedures"),
]


def _question_topic(text: str) -> str | None:
    """A numbered question ("E4. Describe the recordkeeping system...") names the section it asks for."""
    t = text.strip()
    if not _QUESTION.match(t) or len(t) > 300 or " | " in t:
        return None
    low = t.lower()
    return next((field for field, rx in _TOPICS if re.search(rx, low)), None)


def use_of(s: str | None) -> str:
    low = (s or "").lower()
    return next((v for k, v in _USES.items() if k in low), "other")


class OspParser(Parser):
    kind = "organic_system_plan"
    record_kind = RecordKind.ORGANIC_SYSTEM_PLAN
    core_fields = ("operation_name", "certifier", "updated_on", "products", "suppliers", "substances", "facilities")
    min_core = 3
    keywords = {"organic system plan": 2.0, "organic plan": 1.2, "osp": 0.6, "commingling": 1.0,
                "fraud prevention": 0.6, "recordkeeping": 0.6, "supplier verification": 0.5,
                "pest management": 0.6, "205.201": 0.6, "organic products handled": 0.8, "plan last updated": 0.8,
                "suppliers of organic ingredients": 0.8, "substances used": 0.6, "monitoring practices": 0.8,
                "physical barriers": 0.6}

    def parse(self, document: LoadedDocument) -> ParseResult:
        b = RecordBuilder(document, self.record_kind)
        b.set("operation_name", F.find(document, ["operation name", "operation", "name of operation",
                                                  "company name", "legal name"], below=False, anchored=True))
        b.set("certifier", F.find(document, ["certifier", "certifying agent", "certification body"], below=False,
                                  anchored=True))
        b.set("updated_on", F.find(document, ["updated on", "last updated", "revision date", "date updated",
                                              "revised", "date"], lambda s: parse_date(s, b.dayfirst)))
        sections: dict[str, list[str]] = {}
        current = None
        for page in document.pages:
            for line in page.lines:
                h = _heading(line.text) or _question_topic(line.text)
                if h:
                    current = h
                    sections.setdefault(h, [])
                    b.sources.setdefault(f"sections.{h}", b.source_for(page, line.text))
                elif re.match(r"^\s*(section\s+\w+[.:]|signed\b|signature\b)", line.text, re.I):
                    current = None  # another part of the plan (a table section, the signature)
                elif current and line.text.strip() and " | " not in line.text:
                    sections[current].append(line.text.strip())
        b.put("sections", OspSections(**{k: " ".join(v).strip() or None for k, v in sections.items()}))
        b.missing += [f"sections.{s}" for s in OSP_SECTIONS if not sections.get(s)]
        fac = find_rows(document, {"name": ["facility", "facility name", "site"], "address": ["address"],
                                   "equipment": ["equipment", "lines", "equipment/lines", "processing lines / equipment",
                                                 "lines / equipment", "processing lines", "equipment / lines"]},
                        {"name"})
        b.put("facilities", [OspFacility(name=r.get("name"), address=r.get("address"),
                                         equipment=[e.strip() for e in re.split(r"[;,]", r.get("equipment") or "")
                                                    if e.strip()]) for r in fac if r.get("name")])
        sup = find_rows(document, {"name": ["supplier", "supplier name", "vendor"],
                                   "ingredient": ["ingredient", "product", "material", "input"]}, {"name"})
        b.put("suppliers", [OspSupplier(name=r.get("name"), ingredient=r.get("ingredient")) for r in sup
                            if r.get("name")])
        sub = find_rows(document, {"name": ["substance", "material", "product name", "substance name"],
                                   "use": ["use", "purpose", "type", "used as"]}, {"name", "use"})
        b.put("substances", [OspSubstance(name=r.get("name"), use=use_of(r.get("use"))) for r in sub if r.get("name")])
        prod = find_rows(document, {"name": ["product", "products", "product name", "organic products"],
                                    "category": ["label category", "category"], "index": ["#", "no", "no."]},
                         {"name"})
        b.put("products", [r.get("name") for r in prod if r.get("name")])
        return result([b.build()])


PARSER = OspParser()
