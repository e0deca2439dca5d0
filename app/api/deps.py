"""What a route receives: the services and the task queue of the request's operation (FastAPI dependencies).

Both come from `operation_context` (app/api/auth.py), which checks the token's user's membership first: a
route cannot get hold of an operation's store without that check having passed.
"""
from __future__ import annotations

from fastapi import Depends

from app.api.auth import OperationContext, operation_context
from app.queue import TaskQueue
from app.services import Services


def get_services(context: OperationContext = Depends(operation_context)) -> Services:
    return context.scope.services


def get_queue(context: OperationContext = Depends(operation_context)) -> TaskQueue:
    return context.scope.queue
