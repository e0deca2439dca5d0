"""Ruled tables of a PDF page: the page's drawn lines read through pdfium, cells found by pdfplumber.

pdfplumber finds a table from the page's edges (ruled lines and the sides of rectangles), but to get
those edges it interprets the whole page with pdfminer, which is what makes it slow. Here pdfium
lists the path objects (in C), every straight axis-aligned segment becomes an edge in pdfplumber's
coordinates, and pdfplumber's own table geometry (snap and join edges, intersections, cells, tables)
does the rest with its default settings, so the cells are the ones `page.find_tables()` gives.
"""
from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass

from ingest.loaders.pdfium_text import PageFrame, unchecked

MAX_DEPTH = 8       # form XObjects nested deeper than this are not searched for rulings
MAX_SEGMENTS = 200_000  # a page drawn with more path segments than this is a drawing, not a table


@dataclass(frozen=True)
class FoundTable:
    """One ruled table: its box and, per row, the box of each cell (None where a cell spans)."""

    bbox: tuple[float, float, float, float]
    rows: list[tuple[tuple[float, float, float, float], list[tuple[float, float, float, float] | None]]]


Matrix = tuple[float, float, float, float, float, float]


def _compose(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


@functools.cache
def _path_calls() -> tuple:
    import pypdfium2.raw as raw

    return tuple(unchecked(getattr(raw, name)) for name in (
        "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix", "FPDFPath_CountSegments", "FPDFPath_GetPathSegment",
        "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose"))


def _matrix(obj) -> Matrix:
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    if not _path_calls()[1](obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _subpaths(obj, m: Matrix) -> list[list[tuple[float, float]]]:
    """The path's points, page space, one list per subpath (a closed one ends at its start again)."""
    import pypdfium2.raw as raw

    _, _, count, segment, get_point, get_type, get_close = _path_calls()
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    moveto = raw.FPDF_SEGMENT_MOVETO
    a, b, c, d, e, f = m
    out: list[list[tuple[float, float]]] = []
    for k in range(count(obj)):
        seg = segment(obj, k)
        if not get_point(seg, x_ref, y_ref):
            continue
        px, py = x.value, y.value
        pt = (px * a + py * c + e, px * b + py * d + f)
        if get_type(seg) == moveto or not out:
            out.append([pt])
        else:
            out[-1].append(pt)
        if get_close(seg) and out[-1]:
            out[-1].append(out[-1][0])
    return out


def _ruling(points: list[tuple[float, float]]) -> bool:
    """A line (two points) or an axis-aligned rectangle, which pdfminer reports as lines and rects
    (a page with only curves is not searched for tables, as before)."""
    if len(points) == 2:
        return True
    if 4 <= len(points) <= 6:  # "re", or four lines, closed or not
        xs, ys = {round(p[0], 1) for p in points}, {round(p[1], 1) for p in points}
        return len(xs) <= 2 and len(ys) <= 2
    return False


def page_edges(page) -> tuple[list[dict], bool]:
    """The page's horizontal and vertical segments as pdfplumber edges, and whether any path is a
    line or a rectangle."""
    import pypdfium2.raw as raw

    frame = PageFrame(page)
    get_kind = _path_calls()[0]
    get_object = unchecked(raw.FPDFPage_GetObject)
    edges: list[dict] = []
    ruled = False
    stack = [(get_object(page.raw, i), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
             for i in range(raw.FPDFPage_CountObjects(page.raw))]
    segments = 0
    while stack:
        obj, parent, depth = stack.pop()
        kind = get_kind(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            m = _compose(_matrix(obj), parent)
            stack += [(raw.FPDFFormObj_GetObject(obj, j), m, depth + 1) for j in range(raw.FPDFFormObj_CountObjects(obj))]
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            for points in _subpaths(obj, _compose(_matrix(obj), parent)):
                segments += len(points)
                if segments > MAX_SEGMENTS:
                    return edges, ruled
                ruled = ruled or _ruling(points)
                _add_edges(edges, [frame.point(px, py) for px, py in points])
    return edges, ruled


def _add_edges(edges: list[dict], shown: list[tuple[float, float]]) -> None:
    """The horizontal and vertical segments between consecutive points of a subpath, as displayed.

    `frame.box` of a segment's corners is the min and max of its two points as displayed (each of a
    displayed point's coordinates depends on one coordinate of the stored point), so every point is
    mapped once, not twice per segment: same values."""
    for (ax, at), (bx, bt) in zip(shown, shown[1:]):
        x0, x1 = (bx, ax) if bx < ax else (ax, bx)
        top, bottom = (bt, at) if bt < at else (at, bt)
        if abs(top - bottom) < 0.01 and x1 - x0 >= 1:
            edges.append({"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0,
                          "height": 0.0, "orientation": "h", "object_type": "line"})
        elif abs(x1 - x0) < 0.01 and bottom - top >= 1:
            edges.append({"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0,
                          "height": bottom - top, "orientation": "v", "object_type": "line"})


def find_tables(page) -> list[FoundTable]:
    """Ruled tables as pdfplumber's `find_tables()` (default "lines" settings) would find them."""
    from pdfplumber import table as t
    from pdfplumber.utils import filter_edges

    edges, ruled = page_edges(page)
    if not ruled or not edges:
        return []
    if not any(e["orientation"] == "v" for e in edges) or not any(e["orientation"] == "h" for e in edges):
        return []  # a cell needs both: without one of them there is no intersection (underlines only)
    s = t.TableSettings()
    edges = t.merge_edges(edges, snap_x_tolerance=s.snap_x_tolerance, snap_y_tolerance=s.snap_y_tolerance,
                          join_x_tolerance=s.join_x_tolerance, join_y_tolerance=s.join_y_tolerance)
    edges = filter_edges(edges, min_length=s.edge_min_length)
    points = t.edges_to_intersections(edges, s.intersection_x_tolerance, s.intersection_y_tolerance)
    found = []
    for cells in t.cells_to_tables(t.intersections_to_cells(points)):
        table = t.Table(None, cells)  # type: ignore[arg-type]  # geometry only: rows need no page
        found.append(FoundTable(bbox=table.bbox, rows=[(row.bbox, list(row.cells)) for row in table.rows]))
    return found
