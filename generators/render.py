"""Render a .docx template with docxtpl inside a sandboxed Jinja environment.

Templates are trusted files, but a sandbox costs nothing and keeps a typo'd
or hostile template from reaching Python internals. Undefined names are
errors (StrictUndefined): a placeholder naming a field the context lacks must
fail loudly rather than print an empty cell in a document sent to a certifier.

Errors name the template file and the "line": docxtpl hands Jinja one long XML
string, so Jinja's own line numbers are useless to a template author. We
rebuild the template source one paragraph per line (the lines a person sees
in Word, table cells included) and parse that, so line N is the Nth
paragraph of the document.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment

from generators.errors import TemplateError

_TAG_PREFIX = re.compile(r"\{%\s*(tr|tc|p|r)\s")


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def _paragraphs(container) -> list[str]:
    lines: list[str] = []
    for block in container.element.body.iter() if hasattr(container, "element") else []:
        if block.tag.endswith("}p"):
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
    return lines


def template_lines(path: Path) -> list[str]:
    """The template's text, one paragraph per line: body, then headers and footers."""
    doc = Document(str(path))
    lines = _paragraphs(doc)
    for sec in doc.sections:
        for part in (sec.header, sec.footer):
            lines.extend(p.text for p in part.paragraphs)
    return lines


def template_source(path: Path) -> str:
    return "\n".join(_TAG_PREFIX.sub("{% ", line) for line in template_lines(path))


def check_template(path: Path) -> set[str]:
    """Parse a template; return the top-level names it uses. Raises TemplateError."""
    env = environment()
    source = template_source(path)
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        lines = source.splitlines()
        text = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else None
        raise TemplateError(path, exc.lineno, exc.message or "syntax error", text) from exc
    return meta.find_undeclared_variables(ast)


def _line_naming(path: Path, name: str) -> tuple[int | None, str | None]:
    for i, line in enumerate(template_source(path).splitlines(), start=1):
        if re.search(rf"\b{re.escape(name)}\b", line):
            return i, line
    return None, None


def render_docx(template: Path, context: dict[str, Any], out: Path) -> None:
    """Render `template` with `context` to `out` (bytes normalized later by the packager)."""
    from docxtpl import DocxTemplate

    names = check_template(template)
    missing = sorted(n for n in names if n not in context)
    if missing:
        line, text = _line_naming(template, missing[0])
        raise TemplateError(template, line, f"unknown field {missing[0]!r}; the section provides: "
                            f"{', '.join(sorted(context))}", text)
    tpl = DocxTemplate(str(template))
    try:
        tpl.render(context, jinja_env=environment())
    except TemplateSyntaxError as exc:  # pragma: no cover - check_template catches these first
        raise TemplateError(template, None, exc.message or "syntax error") from exc
    except UndefinedError as exc:
        m = re.search(r"attribute '([^']+)'|'([^']+)' is undefined", str(exc))
        name = next((g for g in (m.groups() if m else ()) if g), "")
        line, text = _line_naming(template, name) if name else (None, None)
        raise TemplateError(template, line, f"{exc}", text) from exc
    buf = io.BytesIO()
    tpl.save(buf)
    out.write_bytes(buf.getvalue())
