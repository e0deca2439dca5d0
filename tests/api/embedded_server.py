"""A server process's queue side, for the restart test: `start` queues an upload and works until killed;
`resume` is the next server start (make_queue, exactly what `auditpack serve` calls) and exits when no job is
left unfinished.

    python -m tests.api.embedded_server WORKSPACE start FILE...   (prints the job id, then works)
    python -m tests.api.embedded_server WORKSPACE resume          (prints the resumed job ids, waits, exits)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from app.plugins import install
    from app.queue import make_queue
    from app.services import Services
    from auditpack.store import open_store
    from auditpack.workspace import open_workspace

    install()
    ws = open_workspace(Path(argv[0]))
    store = open_store(ws)
    services = Services(ws, store)
    if argv[1] == "start":
        made = services.submit_upload([(Path(p).name, Path(p)) for p in argv[2:]], "ann")
        print(made.job.id if made.job else "", flush=True)
        while True:  # the test kills this process mid-job
            time.sleep(1)
    queue = make_queue(services)
    print(" ".join(j.id for j in store.list_jobs(limit=100, unfinished=True)), flush=True)
    end = time.monotonic() + 300
    while time.monotonic() < end:
        jobs = store.list_jobs(limit=100)
        if all(j.done == j.total for j in jobs) and all(j.followup_job is None or store.has_job(j.followup_job)
                                                        for j in jobs):
            queue.close()
            store.close()
            return 0
        time.sleep(0.2)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
