"""Supplier organic certificates (USDA/OID layout and look-alikes), incl. the operation profile page."""
from __future__ import annotations

import re

from auditpack.records import RecordKind
from ingest import fields as F
from ingest.models import LoadedDocument, Page, ParseResult
from ingest.normalize import parse_date
from ingest.parsers.base import Parser, RecordBuilder, result
from ingest.tables import find_rows

_STATUS = {"certified": "certified", "surrendered": "surrendered", "suspended": "suspended",
           "revoked": "revoked", "certificado": "certified", "zertifiziert": "certified"}
_SCOPES = {"wild crops": "wild_crops", "wild crop": "wild_crops", "crops": "crops", "crop": "crops",
           "livestock": "livestock", "handling": "handling"}
_NOP_ID = re.compile(r"\b(\d{10})\b")


def _status(text: str) -> str | None:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return _STATUS.get(words[0]) if words else None


def scopes_in(text: str) -> list[str]:
    low = text.lower()
    found: list[str] = []
    for word, scope in _SCOPES.items():
        if re.search(rf"\b{word}\b", low) and scope not in found:
            if scope == "crops" and re.search(r"\bwild crops?\b", low) and not re.search(r"(?<!wild )\bcrops?\b", low):
                continue
            found.append(scope)
    return found


# list bullets as printed, and as OCR reads a hyphen bullet ("~", "–", "»", "·")
BULLET = re.compile(r"^\s*[-•*~–—»·]\s+")


def split_products(text: str) -> list[str]:
    """OID lists are ";"-separated and keep their category ("Fruit - Berries: Acai Berries (Açaí)"),
    as the Integrity database writes them; bullet lists give one product per line."""
    out = []
    for part in re.split(r";|\n", text):
        part = BULLET.sub("", part).strip(" .")
        if part and part.lower() not in {"n/a", "none", "--", "-"}:
            out.append(re.sub(r"\s+", " ", part))
    return out


def _bullets(document: LoadedDocument, labels: list[str]) -> F.Found | None:
    """A label followed by a bulleted list ("Certified products:" / "- Cocoa Powder" ...)."""
    for page in document.pages:
        for i, line in enumerate(page.lines):
            low = line.text.lower().strip(" :")
            if any(low == lb for lb in labels):
                items = []
                for nxt in page.lines[i + 1:]:
                    if not BULLET.match(nxt.text):
                        break
                    items.append(nxt.text)
                if items:
                    return F.Found(items, "\n".join(items), page, line.text + "\n" + "\n".join(items), 1.0)
    return None


def _first_line(document: LoadedDocument) -> F.Found | None:
    """The letterhead: first line of the page that says it certifies (the certifier's name)."""
    for page in document.pages:
        if re.search(r"certif(y|ies) that|organic certificate", page.text, re.I) and page.lines:
            text = re.split(r"\s{3,}", page.lines[0].text.strip())[0]
            if F.text_value(text):
                return F.Found(text, text, page, page.lines[0].text, 0.8)
    return None


class CertificateParser(Parser):
    kind = "supplier_certificate"
    record_kind = RecordKind.SUPPLIER_CERTIFICATE
    core_fields = ("operation_name", "certifier", "oid_operation_id", "certificate_number", "effective_date", "anniversary_date", "expiration_date", "status", "scopes", "products")
    min_core = 5
    keywords = {"organic certificate": 1.0, "certificate of": 0.6, "certifies that": 0.8, "7 cfr part 205": 0.8,
                "anniversary date": 1.0, "nop operation id": 1.0, "nop id": 0.6, "operation profile": 0.7,
                "certified products": 0.6, "certifier": 0.5, "certificate number": 0.6, "certified operation": 0.6,
                "certifying agent": 0.6, "usda organic": 0.4, "scope": 0.3, "is certified": 0.5}

    def split_key(self, page: Page) -> str | None:
        m = re.search(r"(?:nop (?:operation )?id|operation id)\W*(\d{6,})", page.text, re.I)
        return m.group(1) if m else None

    def parse(self, document: LoadedDocument) -> ParseResult:
        b = RecordBuilder(document, self.record_kind)
        name = F.find(document, ["operation name", "certified operation", "name of operation"], below=False) \
            or F.find(document, ["certifies that", "this is to certify that", "certify that"], block=1)
        b.set("operation_name", name)
        cert = F.find(document, ["certifier", "certifying agent", "certification body", "certified by"],
                      below=False, anchored=True) or _first_line(document)
        if cert:
            b.set("certifier", cert, re.sub(r"^\[[^\]]*\]\s*", "", cert.text).strip())
        else:
            b.missing.append("certifier")
        b.set("certificate_number", F.find(document, ["certificate number(s)", "certificate number", "certificate no",
                                                      "certificate #", "certificate id"], below=False), required=False)
        b.set("oid_operation_id", F.find(document, ["nop operation id", "nop id", "operation id"],
                                         lambda s: (m := _NOP_ID.search(s)) and m.group(1)))
        status = F.find(document, ["operation status", "certification status", "status"],
                        _status, below=False)
        if status:
            b.set("status", status)
        elif st := F.find_regex(document, r"\bis (certified) to\b", convert=lambda s: "certified"):
            st.score = 0.8
            b.set("status", st)
        else:
            b.missing.append("status")
        d = lambda s: parse_date(s, b.dayfirst)  # noqa: E731
        b.set("effective_date", F.find(document, ["effective date", "date of certification", "certified since"], d))
        b.set("anniversary_date", F.find(document, ["anniversary date", "nop anniversary date"], d))
        b.set("expiration_date", F.find(document, ["expiration date", "expiry date", "expires", "valid until"], d),
              required=False)
        self._scopes_products(document, b)
        addr = F.find(document, ["physical address", "site address"], block=2) or \
            F.find(document, ["address"], below=False)
        if addr is None and name is not None and "\n" in name.line:
            # letterhead layout: the address line sits right under the operation's name
            lines = [ln.text for ln in name.page.lines]
            k = next((i for i, t in enumerate(lines) if t.strip() == name.text), None)
            if k is not None and k + 1 < len(lines) and re.search(r"\d", lines[k + 1]) and \
                    not re.search(r"\b(has been|is certified)\b", lines[k + 1]):
                addr = F.Found(lines[k + 1].strip(), lines[k + 1].strip(), name.page, lines[k + 1], 0.8)
        b.set("address", addr, required=False)
        return result([b.build()])

    def _scopes_products(self, document: LoadedDocument, b: RecordBuilder) -> None:
        rows = find_rows(document, {"scope": ["scope", "scopes"], "status": ["status"],
                                    "products": ["certified products", "products"]}, {"scope", "products"})
        scopes: list[str] = []
        products_text: list[str] = []
        first = None
        for row in rows:
            sc = row.get("scope")
            if sc and not scopes_in(sc):
                break  # prose under the table
            if sc:
                scopes += [s for s in scopes_in(sc) if s not in scopes]
            if row.get("products") and row.get("products").strip() not in {"--", "-", "n/a"}:
                products_text.append(row.get("products"))
                first = first or row
        if not scopes:
            cat = F.find(document, ["for the categories of", "scope(s)", "scopes", "scope of certification",
                                    "scope", "categories"], lambda s: scopes_in(s) or None, block=0) or \
                F.find(document, ["for the categories of"], lambda s: scopes_in(s) or None, block=1)
            if cat:
                scopes = cat.value
                b.sources["scopes"] = cat.source(document)
        elif rows:
            b.sources["scopes"] = b.source_for(rows[0].page, rows[0].line)
        if not products_text:
            p = _bullets(document, ["certified products", "products certified", "products"]) or \
                F.find(document, ["certified products", "products certified", "products"], below=False)
            if p:
                products_text = [p.text]
                b.sources["products"] = p.source(document)
        elif first:
            b.sources["products"] = b.source_for(first.page, " ".join(products_text))
        # a product cell wrapped onto the next line: "Cacao" + "(Cocoa)"
        joined = re.sub(r"\s+(?=\()", " ", " ".join(products_text))
        products = split_products(joined)
        b.put("scopes", scopes)
        b.put("products", products)
        if not scopes:
            b.missing.append("scopes")
        if not products:
            b.missing.append("products")


PARSER = CertificateParser()
