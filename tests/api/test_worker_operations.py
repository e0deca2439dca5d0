"""One Celery worker serves every operation of a server: each message names its operation, the worker runs the
task on that operation's services, and follow-up tasks keep the name. (The broker itself is exercised by
tests/api/test_scale_out.py; here the tasks are called as a worker would call them, with no broker.)"""
from __future__ import annotations

import pytest
from celery import Celery


@pytest.fixture
def server(tmp_workspace):
    from app.services import Services
    from auditpack.store import OperationRegistry, open_store

    store = open_store(tmp_workspace)
    OperationRegistry.of(store).create("acme", "Acme Mills LLC", "CCOF", actor="test")
    yield Services(tmp_workspace, store)
    store.close()


def test_a_task_runs_on_the_services_of_the_operation_its_message_names(server, monkeypatch):
    import app.tasks
    from app.celery_app import operation_services, register_tasks
    from app.operations import OperationNotFound

    ran: list[tuple[str, str, str]] = []
    sent: list[list] = []

    def fake_run_task(services, name, job_id, position, worker, submit):  # noqa: ANN001 - the worker's call
        ran.append((services.workspace.operation, services.settings.operation.name, job_id))
        submit("auditpack.check", job_id, position + 1)  # a follow-up, as the last ingest item sends

    monkeypatch.setattr(app.tasks, "run_task", fake_run_task)
    celery = Celery("test", broker="memory://", set_as_current=False)
    monkeypatch.setattr(celery, "send_task", lambda name, args, queue: sent.append([name, *args]))
    register_tasks(celery, operation_services(server))
    task = celery.tasks[next(iter(app.tasks.TASKS))]

    task.run("job-a", 0, "acme")
    task.run("job-d", 0)  # a message from before operations existed: the default
    assert ran == [("acme", "Acme Mills LLC", "job-a"), ("default", "Test Organics LLC", "job-d")]
    assert sent == [["auditpack.check", "job-a", 1, "acme"], ["auditpack.check", "job-d", 1, "default"]]
    with pytest.raises(OperationNotFound):
        task.run("job-x", 0, "nope")


def test_the_celery_queue_of_an_operation_names_it_in_every_message(server, monkeypatch):
    from app.queue import CeleryQueue

    settings = server.settings.model_copy(update={"queue": server.settings.queue.model_copy(
        update={"kind": "celery", "broker_url": "memory://"})})
    queue = CeleryQueue(settings, "acme")
    sent: list[list] = []
    monkeypatch.setattr(queue.celery, "send_task", lambda name, args, queue: sent.append([name, *args]))
    queue.submit("auditpack.ingest", "job-1", 3)
    assert sent == [["auditpack.ingest", "job-1", 3, "acme"]]
