"""First-page thumbnails of the Documents list: named by the list, rendered on first request, kept in the
workspace, served only behind the sign-in gate (the same routes and middleware the served app gets)."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from review_ui import document_views as view
from review_ui import thumbnails
from tests.ui.test_documents_browser import slip_pdf


@pytest.fixture
def docs(services) -> dict[str, str]:
    """A PDF, a scanned page (PNG) and a CSV, stored by the real ingest stage."""
    ingest = services.stage("ingest")
    scan = io.BytesIO()
    Image.new("RGB", (600, 800), (250, 250, 245)).save(scan, "PNG")
    files = {"pdf": ("slip.pdf", slip_pdf("QG-1", "17.03.2026", "1.00")), "png": ("scan.png", scan.getvalue()),
             "csv": ("log.csv", b"a,b\n1,2\n")}
    return {k: ingest.ingest_bytes(services.workspace, services.store, name, data, "sam").sha256
            for k, (name, data) in files.items()}


@pytest.fixture
def client(services):
    """A client of the review app's own routes and sign-in gate (as `ReviewUI.launch` passes them to Gradio)."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from review_ui.app import ReviewUI

    kwargs = ReviewUI(services)._sign_in()["app_kwargs"]
    with TestClient(Starlette(routes=kwargs["routes"], middleware=kwargs["middleware"])) as c:
        yield c


def _sign_in(client) -> None:
    from tests.ui.conftest import PASSWORD

    r = client.post("/login", data={"username": "ivan", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303  # an inspector may see documents, so may see their pictures


def test_listing_names_each_documents_picture_and_renders_none(services, docs) -> None:
    from auditpack.records import DocumentQuery

    frame = view.list_frame(services.documents(DocumentQuery(limit=50)))
    assert set(frame["Page"]) == {thumbnails.cell(sha) for sha in docs.values()}
    assert all(f'src="thumbnails/{sha}.png"' in thumbnails.cell(sha) for sha in docs.values())
    assert not (services.workspace.root / thumbnails.FOLDER).exists()  # nothing drawn until a browser asks


def test_no_picture_without_signing_in(client, services, docs) -> None:
    r = client.get(f"/thumbnails/{docs['pdf']}.png")
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/json")
    assert not thumbnails.cached_path(services.workspace.root, docs["pdf"]).exists()


def test_the_first_request_renders_and_keeps_the_picture_later_ones_read_it(client, services, docs) -> None:
    _sign_in(client)
    kept = thumbnails.cached_path(services.workspace.root, docs["pdf"])
    r = client.get(f"/thumbnails/{docs['pdf']}.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    img = Image.open(io.BytesIO(r.content))
    assert img.width == thumbnails.WIDTH and img.height > img.width  # a portrait A4 page
    assert kept.read_bytes() == r.content
    assert "max-age" in r.headers["cache-control"] and "private" in r.headers["cache-control"]
    marker = io.BytesIO()
    Image.new("RGB", (7, 7), (255, 0, 0)).save(marker, "PNG")
    kept.write_bytes(marker.getvalue())  # a later request is the kept file, not a new rendering
    assert client.get(f"/thumbnails/{docs['pdf']}.png").content == marker.getvalue()


def test_an_image_is_scaled_down_and_a_sheet_gets_a_neutral_icon(client, docs) -> None:
    _sign_in(client)
    scan = Image.open(io.BytesIO(client.get(f"/thumbnails/{docs['png']}.png").content))
    assert scan.size == (thumbnails.WIDTH, thumbnails.WIDTH * 800 // 600)
    sheet = Image.open(io.BytesIO(client.get(f"/thumbnails/{docs['csv']}.png").content))
    assert sheet.size == thumbnails.icon("csv").size and sheet.getpixel((2, 2)) == (255, 255, 255)


@pytest.mark.parametrize("name", ["0" * 64 + ".png", "..%2F..%2Fauditpack.toml", "abc.png", "x" * 64 + ".png"])
def test_only_a_stored_documents_hash_names_a_picture(client, docs, name: str) -> None:
    _sign_in(client)
    assert client.get(f"/thumbnails/{name}").status_code == 404
