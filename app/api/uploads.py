"""Keep an uploaded file as an original (by content hash) before its ingest task is queued.

The task then finds the same bytes on any machine that shares the workspace
folder, and a task run twice reads the same original. The path is the one
ingest itself uses (`Workspace.original_path` with the name's extension), so
ingest sees the original already stored and leaves it as it is.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from auditpack.store import JobItemSpec
from auditpack.workspace import Workspace
from review_ui.actions import safe_filename


def _suffix(filename: str) -> str:
    """The extension ingest keeps (same rule as ingest/api.py): short, lowercase letters and digits."""
    suffix = Path(filename).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""


def store_upload(ws: Workspace, filename: str, data: bytes) -> JobItemSpec:
    """Write the original read-only under originals/ (atomically; kept if already there)."""
    name = safe_filename(filename)
    sha = hashlib.sha256(data).hexdigest()
    dest = ws.original_path(sha, _suffix(name))
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
        dest.chmod(0o444)
    return JobItemSpec(filename=name, sha256=sha, stored_path=str(dest.relative_to(ws.root)))
