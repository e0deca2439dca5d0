"""Upload documents (queued for ingest, one task per document) and read the documents view."""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile

from app.api.auth import current_session, require
from app.api.deps import get_queue, get_services
from app.api.models import JobView
from app.api.uploads import store_upload
from app.queue import TaskQueue
from app.services import Services
from auditpack.errors import StoreError
from auditpack.records import DocumentDetail, DocumentPage, DocumentQuery, Status
from auditpack.records.documents import SortField
from review_ui.auth import Session

router = APIRouter(tags=["documents"])


@router.post("/documents", status_code=202, response_model=JobView,
             summary="Upload documents; each is ingested by its own task (see GET /jobs/{id})")
def upload(files: list[UploadFile] = File(...), session: Session = Depends(current_session),
           services: Services = Depends(get_services), queue: TaskQueue = Depends(get_queue)) -> JobView:
    require(services, session, "upload", "upload")
    limit = int(services.settings.ui.max_upload_mb * 1024 * 1024)
    items = []
    for f in files:
        data = f.file.read(limit + 1)
        if len(data) > limit:
            reason = f"larger than the {services.settings.ui.max_upload_mb:g} MB upload limit (ui.max_upload_mb)"
            services.store.log(session.user, "upload.refused", "upload", f.filename or "upload",
                               after={"reason": reason})
            raise HTTPException(413, f"{f.filename}: {reason}; nothing was stored")
        items.append(store_upload(services.workspace, f.filename or "upload", data))
    return JobView.of(services.queue_ingest(items, session.user, "api", queue))


@router.get("/documents", response_model=DocumentPage, summary="One page of the documents view")
def documents(kind: str | None = None, status: Status | None = None, inbox: bool = False,
              search: str | None = None, issuer: str | None = None, sort: SortField = "ingested_at",
              descending: bool = False, limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
              session: Session = Depends(current_session),
              services: Services = Depends(get_services)) -> DocumentPage:
    return services.documents(DocumentQuery(kind=kind, status=status, inbox=inbox, search=search, issuer=issuer,
                                            sort=sort, descending=descending, limit=limit, offset=offset))


@router.get("/documents/{sha256}", response_model=DocumentDetail,
            summary="One document (a unique start of its sha256): info, records as corrected now, corrections")
def document(sha256: str, session: Session = Depends(current_session),
             services: Services = Depends(get_services)) -> DocumentDetail:
    try:
        return services.document_detail(sha256)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
