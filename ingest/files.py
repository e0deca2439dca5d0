"""Which files a batch reads, and the names it shows for them.

File names are the user's, not ours: they may hold bytes that are not UTF-8 (a Latin-1 `été.csv`
copied from an old file server, `\\xff\\xfe...`), control characters, or be 255 bytes long. Python
hands such names over with lone surrogates, which the store, JSON and the terminal refuse; so the
file is read by its real path and shown, stored and reported by its `display_name`. Nothing in the
workspace is named after the file (originals are stored by content hash).

Hidden files and folders (names starting with `.`) and entries that are not regular files (pipes,
sockets, devices, broken links) are skipped, and the batch says which.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path


def display_name(name: str) -> str:
    """A printable, valid-UTF-8 form of a file name (or path) as the operating system gave it."""
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # a str with lone surrogates that did not come from the file system
        raw = name.encode("utf-8", "replace")
    for encoding in ("utf-8", "cp1252"):  # old Windows exports name files in cp1252
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in text)


def safe_text(text: str) -> str:
    """Any text (an exception's words) as valid UTF-8: lone surrogates become U+FFFD."""
    return text.encode("utf-8", "replace").decode("utf-8") if text else text


@dataclass
class Expansion:
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # display forms, "name (why)"


def _kind(path: Path) -> str | None:
    """Why `path` is not read as a file, or None when it is a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "broken link" if path.is_symlink() else None  # a missing path is reported as "no such file"
    return None if stat.S_ISREG(mode) else "not a regular file"


def expand(paths: list[Path]) -> Expansion:
    """Files as given, folders recursively (sorted, links to folders not followed); hidden entries and
    non-files are listed in `skipped`, never silently dropped."""
    out = Expansion()
    for p in map(Path, paths):
        if not p.is_dir():
            why = _kind(p)
            if why and p.exists():
                out.skipped.append(f"{display_name(str(p))} ({why})")
            else:
                out.files.append(p)
            continue
        found: list[Path] = []
        for root, dirs, names in os.walk(p):
            for d in sorted(d for d in dirs if d.startswith(".")):
                out.skipped.append(f"{display_name(os.path.join(root, d))}{os.sep} (hidden folder)")
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                f = Path(root) / name
                if name.startswith("."):
                    out.skipped.append(f"{display_name(str(f))} (hidden file)")
                elif why := _kind(f):
                    out.skipped.append(f"{display_name(str(f))} ({why})")
                else:
                    found.append(f)
        out.files.extend(sorted(found))
    return out
