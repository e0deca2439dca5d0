"""Records as corrected now, in the record contract `auditpack records --json` prints."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException

from app.api.auth import current_session
from app.api.deps import get_services
from app.services import Services
from auditpack.records import RecordKind
from auditpack.records.serialize import record_to_json
from review_ui.auth import Session

router = APIRouter(tags=["records"])


@router.get("/records", response_model=list[dict[str, Any]], summary="Current records, of one kind or document")
def records(kind: RecordKind | None = None, document: str | None = None, session: Session = Depends(current_session),
            services: Services = Depends(get_services)) -> list[dict[str, Any]]:
    sha = services.document(document).sha256 if document else None
    return [record_to_json(r) for r in services.store.records(kind, document_sha256=sha)]


@router.get("/records/{record_id}", response_model=dict[str, Any], summary="One record as corrected now")
def record(record_id: str, session: Session = Depends(current_session),
           services: Services = Depends(get_services)) -> dict[str, Any]:
    found = services.store.get_record(record_id)
    if found is None:
        raise HTTPException(404, f"no record with id {record_id!r}")
    return record_to_json(found)
