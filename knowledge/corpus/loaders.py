"""Read Part 205 from the eCFR (API or saved XML) or from the JSON-lines copy.

Two formats, one result: a list of `CorpusSection` (section number, citation,
heading, text, currency). The eCFR "full" XML nests each section as
``<DIV8 N="205.201" TYPE="SECTION">`` with a ``<HEAD>`` and ``<P>`` paragraphs;
it is parsed with a real XML parser (ElementTree), never with regexes.
"""
from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from auditpack.store import CorpusSection
from knowledge.errors import CorpusError

ECFR_URL = "https://www.ecfr.gov/api/versioner/v1/full/{date}/title-7.xml?part=205"




def currency_state(currency: str) -> str:
    """Map a currency note to current | outdated (the README's verdicts)."""
    c = currency.lower()
    return "outdated" if c.startswith("pre-") or "outdated" in c else "current"


def load_jsonl(path: Path) -> list[CorpusSection]:
    sections = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            src = d.get("source") or {}
            sections.append(CorpusSection(
                section=d["section"], citation=d.get("citation") or f"7 CFR {d['section']}",
                heading=d.get("heading", ""), text=d.get("text", ""), currency=d.get("currency") or "unknown",
                source=src if isinstance(src, str) else json.dumps(src, sort_keys=True),
            ))
        except (ValueError, KeyError) as exc:
            raise CorpusError(f"{path}: line {n} is not a Part 205 section object ({exc})") from exc
    if not sections:
        raise CorpusError(f"{path}: no sections found")
    return sections


def _text(el: ET.Element) -> str:
    """All text inside an element, italics marked like the Markdown copy (*term*)."""
    parts = [el.text or ""]
    for child in el:
        inner = _text(child)
        parts.append(f"*{inner}*" if child.tag in ("I", "E") and inner.strip() else inner)
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def parse_ecfr_xml(data: bytes | str, version_date: str | None = None, source: str = "eCFR") -> list[CorpusSection]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise CorpusError(f"{source}: not well-formed XML ({exc})") from exc
    currency = f"eCFR as of {version_date}" if version_date else "eCFR (date not recorded)"
    sections = []
    for div in root.iter("DIV8"):
        if div.get("TYPE") != "SECTION" or not (num := div.get("N", "").replace("§", "").strip()):
            continue
        head = _text(div.find("HEAD")) if div.find("HEAD") is not None else ""
        heading = re.sub(r"^§+\s*[\d.]+\s*", "", head).strip()
        paragraphs = [_text(p) for p in div if p.tag in ("P", "FP", "NOTE", "EXTRACT")]
        sections.append(CorpusSection(section=num, citation=f"7 CFR {num}", heading=heading,
                                      text="\n\n".join(p for p in paragraphs if p), currency=currency,
                                      version_date=version_date, source=source))
    if not sections:
        raise CorpusError(f"{source}: no <DIV8 TYPE=\"SECTION\"> elements; is this eCFR full XML of Part 205?")
    return sections


def load_file(path: Path) -> list[CorpusSection]:
    if not path.exists():
        raise CorpusError(f"{path}: no such file")
    head = path.read_bytes()[:200].lstrip()
    if head.startswith(b"<"):
        m = re.search(rb'DATE="?(\d{4}-\d{2}-\d{2})', path.read_bytes()[:5000])
        return parse_ecfr_xml(path.read_bytes(), m.group(1).decode() if m else None, source=str(path))
    return load_jsonl(path)


def ecfr_url(on: date) -> str:
    """The versioner API URL for `on`; `AUDITPACK_ECFR_URL` (with `{date}`) points at a mirror or proxy,
    for sites where only an internal copy of the eCFR is reachable."""
    template = os.environ.get("AUDITPACK_ECFR_URL") or ECFR_URL
    if "{date}" not in template:
        raise CorpusError(f"AUDITPACK_ECFR_URL must contain {{date}} (e.g. {ECFR_URL}); got {template!r}")
    return template.format(date=on.isoformat())


def fetch_ecfr(on: date, timeout: float = 8.0) -> list[CorpusSection]:
    """Part 205 as of `on` from the eCFR versioner API; raises CorpusError when offline."""
    url = ecfr_url(on)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - https eCFR or a configured mirror
            data = resp.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise CorpusError(f"eCFR not reachable at {url} ({exc})") from exc
    return parse_ecfr_xml(data, on.isoformat(), source=url)
