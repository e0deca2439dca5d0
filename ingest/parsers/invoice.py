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


DANFE_ROW = re.compile(
    r"^\s*(?P<code>\S+)\s+(?P<desc>.+?)\s+(?P<ncm>\d{8})(?:\s+Ex\s?\d+)?\s+(?P<cst>\d{2,4})\s+(?P<cfop>\d{4})\s+"
    r"(?P<un>[A-Za-z]{1,6}\.?)\s+(?P<qty>[\d.]*\d,\d+)\s+(?P<price>[\d.]*\d,\d+)\s+(?P<total>[\d.]*\d,\d+)")
DANFE_UNITS = {"TON": "t", "T": "t", "KG": "kg", "G": "g", "L": "l", "LT": "l", "UN": "each", "UND": "each"}
ORGANIC_WORDS = re.compile(r"\b(organic|org[aâá]nic[oa]s?|biologique|ökologisch|biologisch)\b", re.I)
DANFE_NUMBER = r"\bN[º°o]\.?:?\s*(\d{1,3}(?:\.\d{3})+|\d+)\b"
DANFE_DATE = r"\bEMISS[ÃA]O:\s*(\d{2}/\d{2}/\d{4})"
DANFE_TOTAL = r"\bVALOR TOTAL:\s*R\$\s*([\d.]+,\d{2})"
_TITLE = re.compile(r"\b(commercial invoice|invoice|nota fiscal|danfe|fatura|factura|facture|factuur|rechnung)\b",
                    re.I)


def _is_danfe(document: LoadedDocument) -> bool:
    text = document.text[:20000]
    return "DANFE" in text and ("NF-e" in text or "NOTA FISCAL" in text.upper())


def _danfe_total(document: LoadedDocument) -> F.Found | None:
    """The receipt stub's "VALOR TOTAL: R$ ..." or, in layouts without it, the last value under the
    "VALOR TOTAL DA NOTA" heading that ends the tax-summary row."""
    stub = F.find_regex(document, DANFE_TOTAL, convert=parse_money)
    if stub:
        return stub
    for page in document.pages:
        for i, line in enumerate(page.lines[:-1]):
            if re.search(r"\b(VALOR|V\.)\s*TOTAL DA NOTA\s*$", line.text.upper()):
                amounts = re.findall(r"\d{1,3}(?:\.\d{3})*,\d{2}", page.lines[i + 1].text)
                if amounts:
                    raw = amounts[-1]
                    return F.Found(parse_money(raw), raw, page, page.lines[i + 1].text, 0.85)
    return None


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
        danfe = _is_danfe(document)
        d = lambda s: parse_date(s, b.dayfirst or danfe)  # noqa: E731
        # a Brazilian NF-e (DANFE) states number, issue date and total on its receipt stub, in one layout
        num = (F.find_regex(document, DANFE_NUMBER, convert=lambda v: v.replace(".", "")) if danfe else None) \
            or F.find(document, NUMBER_LABELS, invoice_no) or F.find(document, GENERIC_NUMBER, invoice_no) \
            or F.find_regex(document, r"^\s*#\s*(\S*\d\S*)", convert=invoice_no)
        b.set("invoice_number", num)
        b.id_parts = (num.value if num else "invoice",)
        date = (F.find_regex(document, DANFE_DATE, convert=d) if danfe else None) or F.find(document, DATE_LABELS, d)
        if date is None and num is not None and find_date_text(num.line):
            date = F.Found(d(num.line), num.line, num.page, num.line, 0.85)
        b.set("invoice_date", date or F.find(document, GENERIC_DATE, d))
        danfe_total = _danfe_total(document) if danfe else None
        totals = [danfe_total] if danfe_total else F.find_all(document, TOTAL_LABELS, parse_money, whole_rest=True)
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
        if _is_danfe(document) and self._danfe_lines(document, b):
            return
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


    def _danfe_lines(self, document: LoadedDocument, b: RecordBuilder) -> bool:
        """Product rows of a DANFE: code, description, NCM, CST, CFOP, unit, quantity, unit price, total,
        then tax columns. A description wrapped onto a lower-case next line is joined back."""
        lines: list[InvoiceLine] = []
        for page in document.pages:
            for k, line in enumerate(page.lines):
                m = DANFE_ROW.match(line.text)
                if not m:
                    continue
                desc = re.sub(r"^\(\d+\)\s*", "", m.group("desc")).strip()
                nxt = page.lines[k + 1].text.strip() if k + 1 < len(page.lines) else ""
                if nxt and re.fullmatch(r"[a-zà-ÿ][a-zà-ÿ ]*", nxt):
                    desc = f"{desc} {nxt}"
                unit = DANFE_UNITS.get(m.group("un").strip(".").upper(), clean_unit(m.group("un")))
                i = len(lines)
                lines.append(InvoiceLine(description=desc, quantity=_br(m.group("qty")), unit=unit,
                                         organic=is_organic_text(desc), unit_price=_br(m.group("price")),
                                         amount=_br(m.group("total"))))
                for field, group in (("description", "desc"), ("quantity", "qty"), ("unit", "un"),
                                     ("amount", "total")):
                    b.sources[f"lines[{i}].{field}"] = b.source_for(page, line.text, None,
                                                                    F.bbox_of(line, m.group(group)))
        if lines:
            b.put("lines", lines)
        return bool(lines)


def _br(number: str) -> float:
    """A DANFE writes every number the Brazilian way ("30,000" is thirty, "1.624,00" is 1624), so the
    general guess about separators (three decimals = thousands) does not apply."""
    return float(number.replace(".", "").replace(",", "."))


def is_organic_text(text: str) -> bool:
    """"Organic" in the languages our suppliers write (orgânico on a Brazilian NF-e), unless negated."""
    return bool(ORGANIC_WORDS.search(text)) and not re.search(r"\b(non-?organic|conventional|convencional)\b",
                                                                text, re.I)


PARSER = InvoiceParser()
