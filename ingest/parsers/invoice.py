"""Invoices and receipts, in any language we have labels for (en, nl, fr, de, pt, es)."""
from __future__ import annotations

import re

from auditpack.records import InvoiceLine, RecordKind
from ingest import fields as F
from ingest.models import LoadedDocument, Page, ParseResult
from ingest.normalize import clean_unit, find_date_text, parse_bool, parse_date, parse_money, parse_number, parse_quantity
from ingest.parsers.base import Parser, RecordBuilder, result
from ingest.tables import find_rows

NUMBER_LABELS = ["invoice number", "invoice no", "invoice #", "invoice nr", "factuurnummer", "facture n°",
                 "facture no", "numéro de facture", "rechnungsnummer", "rechnungsnr", "rechnung nr", "bill no",
                 "receipt no", "receipt number", "número da nota", "nota fiscal nº", "booking id", "document no"]
GENERIC_NUMBER = ["invoice", "factuur", "facture", "rechnung", "fatura"]
DATE_LABELS = ["invoice date", "date of invoice", "factuurdatum", "factuur datum", "date de facture",
               "rechnungsdatum", "data de emissão", "data da emissão", "data emissão", "fecha de factura",
               "issue date", "date issued", "billing date"]
GENERIC_DATE = ["date", "datum", "data", "fecha"]
TOTAL_LABELS = ["total amount due", "amount due", "grand total", "total for this invoice", "invoice total",
                "total due", "factuur totaal", "totaalbedrag", "total ttc", "bedrag inclusief btw", "totaal",
                "somme à payer", "total facture", "rechnungsbetrag", "gesamtbetrag", "endbetrag",
                "valor total da nota", "valor total", "balance due", "total"]
LINE_COLUMNS = {
    "description": ["description", "item", "product", "product title", "article", "artikel", "omschrijving",
                    "désignation", "beschreibung", "produto", "descrição", "ingredient", "item description",
                    "description of goods", "goods description"],
    "quantity": ["qty", "quantity", "aantal", "menge", "nombre", "hoeveelheid", "quantidade", "qtd", "qty."],
    "unit": ["unit", "uom", "unit of measure", "eenheid", "unidade", "un"],
    "lot_number": ["lot", "lot number", "lot no", "lot #", "lot no.", "batch", "lote", "lot/batch"],
    "unit_price": ["unit price", "price", "rate", "prijs", "p.u. ht", "vk-preis", "price per unit",
                   "prijs per stuk", "preço unitário", "valor unitário", "unit cost"],
    "amount": ["amount", "line total", "bedrag", "montant ht", "zeilenbetrag", "extended", "ext. price", "extension",
               "valor total", "total", "total value", "total value us$", "total (usd)"],
    "organic": ["organic", "organic?", "certified organic", "organic status", "org", "org."],
}


def invoice_no(s: str) -> str | None:
    tok = s.strip().lstrip("#:. ").split()
    if not tok:
        return None
    v = re.sub(r"^(n°|nº|no\.?|nr\.?)(?=\d)", "", tok[0].strip(",;"), flags=re.I)
    if len(tok) > 1 and v.lower() in {"#", "n°", "no", "nr", "nº"}:
        v = tok[1]
    if not any(ch.isdigit() for ch in v) or len(v) > 40 or find_date_text(v) and find_date_text(v).group(0) == v:
        return None
    return v


ORGANIC_WORDS = re.compile(r"\b(organic|org[aâá]nic[oa]s?|biologique|ökologisch|biologisch)\b", re.I)
_TITLE = re.compile(r"\b(commercial invoice|invoice|nota fiscal|danfe|fatura|factura|facture|factuur|rechnung)\b",
                    re.I)


def _titled_invoice(document: LoadedDocument) -> bool:
    """An invoice word among the first lines of the first page: the document's own title."""
    first = document.pages[0].lines[:8] if document.pages else []
    return any(_TITLE.search(line.text) for line in first)


_NOT_PARTY = {"ship to", "bill to", "sold to", "customer", "deliver to", "shipping address", "billing address"}


def _party(s: str) -> str | None:
    v = F.text_value(s)
    return None if v is None or v.lower().strip(" :") in _NOT_PARTY else v


class InvoiceParser(Parser):
    kind = "invoice"
    record_kind = RecordKind.INVOICE
    core_fields = ("invoice_number", "invoice_date", "total", "lines")
    min_core = 3
    keywords = {"invoice": 1.2, "factuur": 1.2, "facture": 1.2, "rechnung": 1.2, "nota fiscal": 1.0, "danfe": 1.2,
                "fatura": 1.0, "receipt": 0.6, "bill to": 0.6, "sold to": 0.5, "ship to": 0.4, "total": 0.4,
                "totaal": 0.4, "amount due": 0.6, "qty": 0.3, "quantity": 0.3, "unit price": 0.4,
                "subtotal": 0.4, "due date": 0.4, "po number": 0.5, "payment terms": 0.4, "btw": 0.3,
                "tva": 0.3, "mwst": 0.3, "vat": 0.3, "remit to": 0.5, "grand total": 0.5}

    def split_key(self, page: Page) -> str | None:
        one = LoadedDocument(sha256="", filename="", media_type="", pages=[page])
        f = F.find(one, NUMBER_LABELS, invoice_no, below=False)
        return f.value if f else None

    def plausible(self, record, document: LoadedDocument | None = None) -> bool:  # noqa: ANN001
        """A document titled as an invoice ("Commercial Invoice", "DANFE") stays an invoice with
        one core field missing (a small exporter's invoice without a number), flagged as missing
        rather than dropped: an inspector would still ask for it."""
        if super().plausible(record, document):
            return True
        found = sum(1 for f in self.core_fields if getattr(record, f, None) not in (None, [], ""))
        return found >= self.min_core - 1 and document is not None and _titled_invoice(document)

    def parse(self, document: LoadedDocument) -> ParseResult:
        b = RecordBuilder(document, self.record_kind)
        d = lambda s: parse_date(s, b.dayfirst)  # noqa: E731
        # one publisher's layout (the Brazilian NF-e) is a layout profile: ingest/profiles/builtin/
        num = F.find(document, NUMBER_LABELS, invoice_no) or F.find(document, GENERIC_NUMBER, invoice_no) \
            or F.find_regex(document, r"^\s*#\s*(\S*\d\S*)", convert=invoice_no)
        b.set("invoice_number", num)
        b.id_parts = (num.value if num else "invoice",)
        date = F.find(document, DATE_LABELS, d)
        if date is None and num is not None and find_date_text(num.line):
            date = F.Found(d(num.line), num.line, num.page, num.line, 0.85)
        b.set("invoice_date", date or F.find(document, GENERIC_DATE, d))
        totals = F.find_all(document, TOTAL_LABELS, parse_money, whole_rest=True)
        if not totals:  # "Invoice total" with its amount on the line below, in the same column
            below = F.find(document, ["invoice total", "grand total", "total amount", "amount due", "total due"],
                           parse_money, below=True)
            totals = [below] if below else []
        b.set("total", max(totals, key=lambda f: f.value) if totals else None)
        supplier = F.find(document, ["supplier", "vendor", "seller", "sold by", "issuer", "emitente",
                                     "leverancier", "lieferant"], below=False, anchored=True)
        if supplier is None and document.pages and document.pages[0].lines:
            first = document.pages[0].lines[0]
            name = re.split(r"\s{3,}|\s\|\s", first.text)[0]
            name = re.sub(r"\b(invoice|factuur|facture|rechnung)\b.*$", "", name, flags=re.I).strip(" :-")
            if name and any(c.isalpha() for c in name):
                supplier = F.Found(name, name, document.pages[0], first.text, 0.6)
        b.set("supplier_name", supplier)
        b.set("buyer_name", F.find(document, ["bill to", "sold to", "buyer", "customer", "invoice to",
                                              "factuuradres", "destinatário"], _party, below=True, anchored=True),
              required=False)
        b.set("po_number", F.find(document, ["po number", "p.o. number", "po #", "po no", "purchase order",
                                             "customer po", "cust po", "cust. po", "your order", "your po", "p.o."], invoice_no,
                                  below=False), required=False)
        self._lines(document, b)
        return result([b.build()])

    def _lines(self, document: LoadedDocument, b: RecordBuilder) -> None:
        lines: list[InvoiceLine] = []
        for row in find_rows(document, LINE_COLUMNS, {"description"}):
            desc = row.get("description")
            nums = [row.get(k) for k in ("quantity", "unit_price", "amount")]
            if not desc or sum(ch.isalpha() for ch in desc) < 2 or not any(
                    n and parse_number(n) is not None for n in nums):
                continue  # a wrapped description or a section header, not a line
            qty, unit = parse_quantity(row.get("quantity"))
            unit = clean_unit(row.get("unit")) or unit
            organic = parse_bool(row.get("organic")) if row.get("organic") else None
            if organic is None:
                organic = is_organic_text(desc)
            i = len(lines)
            lines.append(InvoiceLine(description=desc, quantity=qty, unit=unit, lot_number=row.get("lot_number"),
                                     organic=organic, unit_price=parse_money(row.get("unit_price")),
                                     amount=parse_money(row.get("amount"))))
            for name, cell in row.cells.items():
                if cell.text.strip():
                    b.sources[f"lines[{i}].{name}"] = b.source_for(cell.page, row.line, cell.cell, cell.bbox)
        b.put("lines", lines)
        if not lines:
            b.missing.append("lines")


def is_organic_text(text: str) -> bool:
    """"Organic" in the languages our suppliers write (orgânico on a Brazilian NF-e), unless negated."""
    return bool(ORGANIC_WORDS.search(text)) and not re.search(r"\b(non-?organic|conventional|convencional)\b",
                                                                text, re.I)


PARSER = InvoiceParser()
