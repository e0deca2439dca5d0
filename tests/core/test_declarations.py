"""Template rot for the kind declarations (STYLE practices 7 and 15), without any document.

Every YAML loads; the declared fields are exactly the record contract's fields; each field
says what it means and how suppliers label it; enum words map onto values the model accepts;
and a plugin's file extends the built-ins instead of replacing them.
"""
from __future__ import annotations

import re
import types
import typing
import unicodedata
from datetime import date, datetime

import pytest
from pydantic import BaseModel

from auditpack.declarations import (
    KINDS_DIR,
    LANGUAGES,
    DeclarationError,
    KindDeclaration,
    load_declarations,
    normalise_label,
    vocabulary,
)
from auditpack.records import MODEL_BY_KIND, RecordKind

try:  # a broken built-in fails one test below, naming its file, rather than the whole module's collection
    DECLS, LOAD_ERROR = load_declarations(), None
except DeclarationError as exc:
    DECLS, LOAD_ERROR = {}, exc
KINDS = [k.value for k in RecordKind] if DECLS else []
NOT_DECLARED = {"id", "kind", "source", "field_sources", "missing_fields"}  # bookkeeping, not printed on paper

# What suppliers print: document numbers, dates, totals, lots, quantities, units, organic marks,
# certifier, operation, validity, supplier, product, equipment, operator... in all seven languages.
SUPPLIER_PRINTED = {
    "supplier_certificate": ["operation_name", "certifier", "certificate_number", "oid_operation_id", "status",
                             "effective_date", "anniversary_date", "expiration_date", "scopes", "products", "address"],
    "invoice": ["supplier_name", "invoice_number", "invoice_date", "buyer_name", "po_number", "total", "lines",
                "lines.description", "lines.quantity", "lines.unit", "lines.lot_number", "lines.organic",
                "lines.unit_price", "lines.amount"],
    "cleaning_event": ["facility", "equipment", "performed_at", "operator", "verified_by", "agents", "agents.name",
                       "agents.concentration", "final_rinse_chlorine_ppm", "preceding_run", "next_run"],
    "organic_system_plan": ["operation_name", "certifier", "updated_on", "products", "suppliers.name",
                            "suppliers.ingredient", "substances.name", "substances.use"],
    "product_profile": ["product_name", "label_category", "ingredients.name", "ingredients.amount",
                        "ingredients.unit", "ingredients.organic", "ingredients.supplier", "ingredients.certifier",
                        "processing_aids.name", "processing_aids.organic"],
    "batch_record": ["batch_lot", "product_name", "facility", "equipment", "produced_at", "run_type",
                     "inputs.ingredient", "inputs.lot_number", "inputs.quantity", "inputs.unit", "output_quantity",
                     "output_unit"],
    "pest_control_entry": ["date", "facility", "location", "material", "applicator", "certifier_approved"],
}

# which declared types can describe a model annotation (after `X | None` is unwrapped)
TYPES_FOR = {date: {"date"}, datetime: {"datetime"}, float: {"number", "money", "quantity", "percent"},
             bool: {"bool"}, str: {"text", "identifier", "name", "address", "unit", "narrative", "time"}}


def _unwrap(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(rest[0]) if len(rest) == 1 else annotation
    return annotation


def _item(annotation):
    """`list[X]` -> X, anything else unchanged."""
    a = _unwrap(annotation)
    return typing.get_args(a)[0] if typing.get_origin(a) is list else a


def _is_model(annotation) -> bool:
    a = _item(annotation)
    return isinstance(a, type) and issubclass(a, BaseModel)


def model_fields(model: type[BaseModel], prefix: str = "") -> dict:
    """Dotted path -> FieldInfo for every field of a record model, nested parts included."""
    out = {}
    for name, info in model.model_fields.items():
        if not prefix and name in NOT_DECLARED:
            continue
        out[prefix + name] = info
        if _is_model(info.annotation):
            out.update(model_fields(_item(info.annotation), f"{prefix}{name}."))
    return out


def _all_fields():
    for kind in KINDS:
        for path in DECLS[kind].field_paths():
            yield kind, path


@pytest.fixture(autouse=True)
def _builtins_loaded(request):
    if LOAD_ERROR is not None and request.node.name != "test_every_builtin_file_loads":
        pytest.skip("the built-in declarations do not load: see test_every_builtin_file_loads")


def test_every_builtin_file_loads():
    assert LOAD_ERROR is None, str(LOAD_ERROR)
    assert load_declarations([KINDS_DIR]) == DECLS  # merging a file into itself changes nothing


def test_one_builtin_file_per_record_kind():
    stems = sorted(p.stem for p in KINDS_DIR.glob("*.yaml"))
    assert stems == sorted(k.value for k in RecordKind)
    assert sorted(DECLS) == sorted(KINDS)
    assert all(DECLS[k].kind == k for k in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_declared_fields_are_exactly_the_record_fields(kind):
    declared = set(DECLS[kind].field_paths())
    contract = set(model_fields(MODEL_BY_KIND[RecordKind(kind)]))
    assert not contract - declared, f"{kind}: record fields without a declaration"
    assert not declared - contract, f"{kind}: declared fields the record model does not have"


@pytest.mark.parametrize("kind", KINDS)
def test_declared_types_fit_the_model_annotations(kind):
    decl = DECLS[kind]
    for path, info in model_fields(MODEL_BY_KIND[RecordKind(kind)]).items():
        declared = decl.field(path).type
        a = _unwrap(info.annotation)
        if typing.get_origin(a) is list:
            allowed = {"table"} if _is_model(a) else {"list"}
        elif _is_model(a):
            allowed = {"narrative", "table"}
        elif typing.get_origin(a) is typing.Literal:
            allowed = {"enum"}
        else:
            allowed = TYPES_FOR[a]
        assert declared in allowed, f"{kind}.{path}: declared {declared}, model says {info.annotation}"


@pytest.mark.parametrize("kind", KINDS)
def test_fields_the_model_requires_are_declared_required(kind):
    decl = DECLS[kind]
    for path, info in model_fields(MODEL_BY_KIND[RecordKind(kind)]).items():
        if info.is_required():
            assert decl.field(path).required, f"{kind}.{path} has no default in the model"


@pytest.mark.parametrize("kind,path", list(_all_fields()))
def test_every_field_has_a_one_sentence_meaning_and_english_labels(kind, path):
    f = DECLS[kind].field(path)
    assert f.meaning[0].isupper() and f.meaning.endswith("."), f.meaning
    assert not re.search(r"\.\s+[A-Z]", f.meaning[:-1]), f"{kind}.{path}: meaning is more than one sentence"
    assert f.labels.get("en"), f"{kind}.{path} has no English label"


@pytest.mark.parametrize("kind", KINDS)
def test_meanings_tell_fields_apart(kind):
    decl = DECLS[kind]
    meanings = [decl.field(p).meaning for p in decl.field_paths()] + [decl.meaning]
    assert len(set(meanings)) == len(meanings), "an embedding model could not tell two fields apart"


@pytest.mark.parametrize("kind,path", [(k, p) for k in KINDS for p in SUPPLIER_PRINTED[k]])
def test_supplier_printed_fields_have_labels_in_seven_languages(kind, path):
    labels = DECLS[kind].field(path).labels
    assert [lang for lang in LANGUAGES if not labels.get(lang)] == []


@pytest.mark.parametrize("kind", KINDS)
def test_kind_is_named_in_seven_languages(kind):
    names = DECLS[kind].names
    assert [lang for lang in LANGUAGES if not names.get(lang)] == []


@pytest.mark.parametrize("kind", KINDS)
def test_core_and_key_fields_are_declared(kind):
    decl = DECLS[kind]
    paths = set(decl.field_paths())
    assert set(decl.core_fields) <= paths and set(decl.key_fields) <= paths
    assert 1 <= decl.min_core <= len(decl.core_fields)


def _repeats(words: list[str]) -> list[str]:
    seen: set[str] = set()
    return [w for w in words if normalise_label(w) in seen or seen.add(normalise_label(w))]


@pytest.mark.parametrize("kind,path", list(_all_fields()))
def test_no_label_or_value_word_repeats_within_a_field(kind, path):
    """Within one language (a word like "Lote" is Spanish and Portuguese both, so it may appear twice)."""
    f = DECLS[kind].field(path)
    for lang, words in f.labels.items():
        assert _repeats(words) == [], f"{kind}.{path} [{lang}]"
    owners: dict[str, str] = {}
    for value, words in f.values.items():
        for w in words:
            assert owners.setdefault(normalise_label(w), value) == value, f"{w!r} means two values of {path}"


@pytest.mark.parametrize("kind", KINDS)
def test_names_and_context_do_not_repeat(kind):
    decl = DECLS[kind]
    for group in (decl.names, decl.context):
        for lang, words in group.items():
            assert _repeats(words) == [], f"{kind} [{lang}]"
    names = {normalise_label(w) for ws in decl.names.values() for w in ws}
    context = {normalise_label(w) for ws in decl.context.values() for w in ws}
    assert not names & context, "a word is either a name of the kind or context, not both"


def test_no_phrase_names_two_kinds():
    owner: dict[str, str] = {}
    clashes = []
    for kind in KINDS:
        for word in {normalise_label(w) for ws in DECLS[kind].names.values() for w in ws}:
            if owner.setdefault(word, kind) != kind:
                clashes.append((word, owner[word], kind))
    assert clashes == []


@pytest.mark.parametrize("kind,path", [(k, p) for k, p in _all_fields() if DECLS[k].field(p).values])
def test_value_words_map_onto_values_the_model_accepts(kind, path):
    f = DECLS[kind].field(path)
    annotation = _item(model_fields(MODEL_BY_KIND[RecordKind(kind)])[path].annotation)
    if annotation is bool:
        accepted = {"true", "false"}
    else:
        assert typing.get_origin(annotation) is typing.Literal, f"{kind}.{path}: values on a non-enum field"
        accepted = {str(v) for v in typing.get_args(annotation)}
    assert set(f.values) <= accepted
    assert accepted - {"unknown"} <= set(f.values), f"{kind}.{path}: values without words"
    assert all(f.values.values())


def test_patterns_match_what_they_are_for():
    cert = DECLS["supplier_certificate"]
    assert any(re.search(p, "NOP ID: 8150001234") for p in cert.field("oid_operation_id").patterns)
    assert not any(re.search(p, "Tel. 555-0100") for p in cert.field("oid_operation_id").patterns)
    for number in ("NL-BIO-01.528-0002341.2023.001", "DE-ÖKO-006.276-0000123.2024.001"):
        assert any(re.search(p, number) for p in cert.field("certificate_number").patterns), number
    assert any(re.search(p, "DE-ÖKO-006") for p in cert.field("certifier").patterns)
    level = DECLS["pest_control_entry"].field("level").patterns
    assert any(re.search(p, " C ") for p in level) and not any(re.search(p, "E") for p in level)


def test_all_labels_spans_every_language_once():
    inv = DECLS["invoice"]
    labels = inv.all_labels("lines.quantity")
    assert {"Qty", "Quantité", "Menge", "Cantidad", "Quantidade", "Aantal", "Quantità"} <= set(labels)
    assert len({normalise_label(w) for w in labels}) == len(labels)
    assert inv.all_labels("lines[3].quantity") == labels
    assert "Rechnungs-Nr." in inv.all_labels("invoice_number")
    with pytest.raises(KeyError):
        inv.all_labels("lines.vendor")


def test_normalise_label():
    assert normalise_label("  Rechnungs-Nr.: ") == "rechnungs-nr"
    assert normalise_label("(Invoice  #)") == "invoice"
    assert normalise_label("Fecha de Emisión*") == "fecha de emisión"  # accents kept
    assert normalise_label("Fecha de emisión") != normalise_label("Fecha de emision")
    assert normalise_label(unicodedata.normalize("NFD", "Émission")) == normalise_label("Émission")
    assert normalise_label("N° Facture") == "n° facture"


def test_vocabulary_holds_labels_names_context_and_values():
    vocab = vocabulary()
    for word in ("rechnungsnummer", "certificate of inspection", "sanitation record", "suspendu", "lotto",
                 "commingling", "made with organic"):
        assert word in vocab, word
    assert "" not in vocab and all(normalise_label(w) == w for w in vocab)
    assert len(vocab) > 2000


INVOICE_EXTRA = """
kind: invoice
names:
  fr: [note de débit]
  sv: [faktura]
fields:
  invoice_number:
    labels:
      fr: [N° de pièce comptable]
      sv: [Fakturanummer]
"""


def test_extra_dir_merges_synonyms_into_the_builtins(tmp_path):
    (tmp_path / "invoice.yaml").write_text(INVOICE_EXTRA, encoding="utf-8")
    merged = load_declarations([tmp_path])["invoice"]
    builtin = DECLS["invoice"]
    number = merged.field("invoice_number")
    assert "N° de pièce comptable" in number.labels["fr"] and number.labels["sv"] == ["Fakturanummer"]
    assert set(builtin.field("invoice_number").labels["fr"]) < set(number.labels["fr"])  # kept, not replaced
    assert "note de débit" in merged.names["fr"] and "facture" in merged.names["fr"]
    assert merged.field("lines.quantity") == builtin.field("lines.quantity")
    # the cached built-ins are not changed by a workspace's additions
    assert "N° de pièce comptable" not in load_declarations()["invoice"].field("invoice_number").labels["fr"]


def test_extra_dir_may_declare_a_new_kind(tmp_path):
    text = (KINDS_DIR / "pest_control_entry.yaml").read_text(encoding="utf-8")
    (tmp_path / "receiving_log.yaml").write_text(text.replace("kind: pest_control_entry", "kind: receiving_log"),
                                                 encoding="utf-8")
    decls = load_declarations([tmp_path])
    assert isinstance(decls["receiving_log"], KindDeclaration)
    assert decls["receiving_log"].fields == DECLS["pest_control_entry"].fields
    assert decls["pest_control_entry"] is DECLS["pest_control_entry"]


@pytest.mark.parametrize("text,where", [
    ("kind: invoice\nfields: [unclosed\n", "cannot be read as YAML"),
    ("- just\n- a list\n", "expected a mapping"),
    ("kind: cleaning_event\nfields:\n  equipment:\n    type: colour\n", "fields.equipment.type"),
    ("kind: cleaning_event\nfields:\n  equipment:\n    patterns: ['(unclosed']\n", "not a regular expression"),
    ("kind: cleaning_event\ncore_fields: [broom]\n", "undeclared fields"),
    ("kind: cleaning_event\nnames:\n  english: [wash list]\n", "ISO 639-1"),
])
def test_invalid_file_raises_declaration_error_naming_it(tmp_path, text, where):
    bad = tmp_path / "broken.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DeclarationError) as info:
        load_declarations([tmp_path])
    assert info.value.path == bad
    assert "broken.yaml" in str(info.value) and where in str(info.value)


def test_missing_extra_dir_is_a_declaration_error(tmp_path):
    with pytest.raises(DeclarationError):
        load_declarations([tmp_path / "nowhere"])


# --- language.yaml: the words of each language that are not labels (months, yes/no, packaging...) ----------
# Every entry is read: each one is put through the reader that uses it, so a word nobody reads (or a
# reader that stopped reading the file) fails here, naming the word.

from auditpack.declarations.language import BUILTIN, LanguageWords, load_language  # noqa: E402

LANG = load_language()


def test_language_file_loads_with_every_group_filled():
    assert isinstance(LANG, LanguageWords)
    empty = [name for name in LanguageWords.model_fields if not getattr(LANG, name)]
    assert not empty, f"{BUILTIN.name}: groups with no words: {empty}"
    assert set(LANG.months) >= set(LANGUAGES) and all(len(m) == 12 for m in LANG.months.values())


@pytest.mark.parametrize("lang", sorted(LANG.months))
def test_every_month_name_is_read_as_its_month(lang):
    from ingest.normalize import parse_date

    wrong = [(name, n) for n, names in LANG.months[lang].items() for name in names
             for text in (f"5 {name} 2026", f"5 {name.title()}. 2026")
             if parse_date(text, dayfirst=True) != date(2026, n, 5)]
    assert not wrong


def test_every_date_connector_and_ordinal_is_read():
    from ingest.normalize import parse_date

    for lang, words in LANG.date_connectors.items():
        march = LANG.months[lang][3][0]
        for w in words:
            assert parse_date(f"5 {w} {march} {w} 2026", dayfirst=True) == date(2026, 3, 5), (lang, w)
    for lang, words in LANG.ordinals.items():
        for w in words:
            assert parse_date(f"1{w} March 2026") == date(2026, 3, 1), (lang, w)


def test_every_weekday_is_kept_apart_from_a_damaged_month():
    from ingest.normalize import fix_ocr_month

    for w in LANG.words(LANG.weekdays):
        assert fix_ocr_month(f"{w.title()} 26, 2027") == f"{w.title()} 26, 2027"
    assert fix_ocr_month("dun 26, 2027") == "Jun 26, 2027"  # one letter from exactly one month: repaired


def test_every_yes_and_no_word_is_read():
    from ingest.normalize import parse_bool

    for canonical, groups in LANG.booleans.items():
        for lang, words in groups.items():
            for w in words:
                assert parse_bool(w.upper() if w.isalpha() else w) is (canonical == "true"), (lang, w)


def test_every_packaging_word_is_a_unit():
    from ingest.resolve.values import DocFormat, read_value

    unit = load_declarations()["invoice"].field("lines.unit")
    refused = [w for w in LANG.words(LANG.packaging) if read_value(w, unit, DocFormat(False, False)) is None]
    assert not refused


def test_every_number_word_and_mark_reads_as_number():
    from ingest.resolve.labels import tokens

    for w in LANG.words(LANG.number_words) + [m.casefold() for m in LANG.number_marks]:
        assert tokens(f"Invoice {w}") == ("invoice", "#"), w


def test_every_conjunction_joins_two_things_in_a_header():
    from ingest.resolve.labels import label_words

    for w in LANG.words(LANG.conjunctions):
        assert label_words().joins.split(f"Produit {w} dosage") == ["Produit", "dosage"], w


def test_function_words_decide_day_and_month_order_without_a_date():
    from ingest.normalize import dayfirst_for

    for lang, words in LANG.function_words.items():
        assert dayfirst_for(" ".join(words)) is (lang not in LANG.month_first), lang


def test_a_folder_language_file_extends_the_words_and_is_not_a_kind(tmp_path, monkeypatch):
    (tmp_path / "language.yaml").write_text(
        "months:\n  sv:\n    5: [maj]\n    10: [oktober]\n"
        "booleans:\n  'true':\n    sv: [ja]\n  'false':\n    sv: [nej]\n"
        "packaging:\n  sv: [säck]\n", encoding="utf-8")
    extended = load_language([tmp_path])
    assert extended.months["sv"][5] == ["maj"] and extended.months["en"] == LANG.months["en"]  # added, kept
    assert load_declarations([tmp_path]).keys() == load_declarations().keys()  # language.yaml is not a kind

    import ingest.normalize as normalize
    import ingest.resolve.values as values
    from ingest.normalize import parse_bool, parse_date

    monkeypatch.setattr(normalize, "language", lambda: extended)
    monkeypatch.setattr(values, "language", lambda: extended)
    assert parse_date("5 maj 2026", dayfirst=True) == date(2026, 5, 5)
    assert parse_bool("nej") is False
    unit = load_declarations()["invoice"].field("lines.unit")
    assert values.read_value("säck", unit, values.DocFormat(False, False)) == "säck"


def test_invalid_language_file_names_the_file(tmp_path):
    (tmp_path / "language.yaml").write_text("months:\n  sv:\n    13: [smarch]\n", encoding="utf-8")
    with pytest.raises(DeclarationError) as info:
        load_language([tmp_path])
    assert info.value.path == tmp_path / "language.yaml" and "1 to 12" in str(info.value)
