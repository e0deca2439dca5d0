"""What a route receives: the services and the task queue the app was built with (FastAPI dependencies)."""
from __future__ import annotations

from fastapi import Request

from app.queue import TaskQueue
from app.services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_queue(request: Request) -> TaskQueue:
    return request.app.state.queue
