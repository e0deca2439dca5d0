"""Findings and decisions; a decision on a finding that moved since it was read is a 409, as in the UI."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse

from app.api.auth import current_session, require
from app.api.deps import get_services
from app.api.models import Conflict, DecisionRequest
from app.services import Services
from auditpack.errors import StoreError
from auditpack.records import Decision, FindingState, FindingStatus
from review_ui import actions
from review_ui.auth import Session

router = APIRouter(tags=["findings"])


@router.get("/findings", response_model=list[FindingState], summary="Findings with their review state")
def findings(status: FindingStatus | None = None, rule_id: str | None = None, include_resolved: bool = True,
             session: Session = Depends(current_session),
             services: Services = Depends(get_services)) -> list[FindingState]:
    return services.store.findings(status=status, rule_id=rule_id, include_resolved=include_resolved)


def _finding(services: Services, finding_id: str) -> FindingState:
    try:
        return services.store.get_finding(finding_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/findings/{finding_id}", response_model=FindingState, summary="One finding and its review state")
def finding(finding_id: str, session: Session = Depends(current_session),
            services: Services = Depends(get_services)) -> FindingState:
    return _finding(services, finding_id)


@router.get("/findings/{finding_id}/decisions", response_model=list[Decision], summary="Its decisions, in order")
def decisions(finding_id: str, session: Session = Depends(current_session),
              services: Services = Depends(get_services)) -> list[Decision]:
    _finding(services, finding_id)
    return services.store.decisions(finding_id)


@router.post("/findings/{finding_id}/decisions", response_model=FindingState,
             responses={409: {"model": Conflict, "description": "the finding changed since expected_version"},
                        422: {"description": "the decision lacks what it needs (a reason, an action, a due date)"}},
             summary="Decide on a finding (accept, dismiss, assign, comment, reopen)")
def decide(finding_id: str, body: DecisionRequest, session: Session = Depends(current_session),
           services: Services = Depends(get_services)) -> FindingState | JSONResponse:
    require(services, session, "decide", "finding", finding_id)
    _finding(services, finding_id)
    result = actions.decide(services, session, finding_id, body.action.value, body.expected_version,
                            reason=body.reason, corrective_action=body.corrective_action, due_date=body.due_date,
                            assignee=body.assignee, comment=body.comment)
    if result.conflict and result.state is not None:
        return JSONResponse(Conflict(detail=result.message, current=result.state).model_dump(mode="json"), 409)
    if not result.ok or result.state is None:
        raise HTTPException(422, result.message)
    return result.state
