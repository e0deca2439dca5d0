"""The operations the token's user may open (with their role in each): the one route above the operations."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from app.api.auth import get_hub, token_user
from app.api.models import OperationView
from app.operations import OperationHub

router = APIRouter(tags=["operations"])


@router.get("/operations", response_model=list[OperationView],
            summary="Operations you are a member of; use /api/v1/operations/{slug}/... to work in one")
def operations(user: str = Depends(token_user), hub: OperationHub = Depends(get_hub)) -> list[OperationView]:
    roles = {m.operation: m.role for m in hub.registry.memberships(user)}
    return [OperationView(slug=op.slug, name=op.name, certifier=op.certifier, role=roles[op.slug])
            for op in hub.operations() if op.slug in roles]
