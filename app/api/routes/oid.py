"""Import an Organic Integrity Database export (CSV or XLSX) for supplier status."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile

from app.api.auth import current_session, require
from app.api.deps import get_services
from app.api.models import OidImport
from app.services import Services
from auditpack.errors import AuditPackError
from review_ui.actions import safe_filename
from review_ui.auth import Session

router = APIRouter(tags=["oid"])


@router.post("/oid", response_model=OidImport, summary="Import an OID export (supplier certification status)")
def import_oid(file: UploadFile = File(...), session: Session = Depends(current_session),
               services: Services = Depends(get_services)) -> OidImport:
    require(services, session, "upload", "oid")  # importing a data file is an upload; the issue leaves it open
    name = safe_filename(file.filename or "oid.csv")
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise HTTPException(422, f"{name}: an OID export is a .csv or .xlsx file")
    ws = services.workspace
    ws.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ws.cache_dir) as tmp:
        path = Path(tmp) / f"oid{suffix}"
        path.write_bytes(file.file.read(int(services.settings.ui.max_upload_mb * 1024 * 1024)))
        try:
            n = services.stage("knowledge").import_oid(ws, services.store, path)
        except AuditPackError as exc:
            raise HTTPException(422, f"{name}: {exc}") from exc
    services.store.log(session.user, "api.oid_import", "oid", name, after={"operations": n})
    return OidImport(filename=name, operations=n)
