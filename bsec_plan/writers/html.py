"""The plan as one self-contained HTML page: the page's data (`views/page.py`) through Jinja2 to
HTML, and the page written into a folder by the careful file writer (`writers/files.py`).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

from bsec_plan.domain import addresses
from bsec_plan.domain.model import Plan
from bsec_plan.problems import UsageError
from bsec_plan.safetext import visible
from bsec_plan.views.page import view
from bsec_plan.writers import files

__all__ = ["breakable", "links", "render", "view", "write_report"]


def links(source: str | None) -> list[dict[str, str | None]]:
    """A source as its `; `-separated pieces; a piece becomes a link only when it is a whole
    http(s) address, as `check` reads it (the same parser). Plan text is untrusted:
    `javascript:` and any other scheme stay text."""
    if not source:
        return []
    pieces: list[dict[str, str | None]] = []
    for piece in source.split("; "):
        address = addresses.parse(piece)
        if isinstance(address, addresses.Address):
            # the site names the link; the address itself is in the link (and printed on paper)
            pieces.append({"text": address.host, "href": address.href})
        else:
            pieces.append({"text": piece, "href": None})
    return pieces


def breakable(text: str) -> Any:
    """Text, escaped, that may wrap after each `/` (so an address breaks between its parts,
    not within a word); plain text passes through escaped and otherwise unchanged."""
    from markupsafe import Markup, escape

    return Markup("/<wbr>").join(escape(part) for part in str(text).split("/"))


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bsec_plan", "templates"),
        autoescape=True,  # plan text is untrusted, in HTML and SVG alike
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["slug"] = lambda text: re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-")
    env.filters["links"] = links
    env.filters["breakable"] = breakable
    return env


def render(page: dict[str, Any]) -> str:
    """The page's HTML; the same data gives the same text. Control characters are not allowed in
    HTML; plan text may hold them, so they are shown as \\xNN, as every writer of the tool does."""
    return visible(_environment().get_template("report.html.j2").render(page))


def _directory(output: str) -> Path:
    if not output.strip():
        raise UsageError("--output: give the name of a folder for the report")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--output: {output} is a file, not a folder")
    return folder


def write_report(
    plan: Plan, plan_file: str, as_of: dt.date, output: str, state: str | None = None
) -> Path:
    """Render the page, then write `output/index.html` with `files.write`, creating the folder
    if needed: the page is replaced atomically and keeps its mode, a symlinked page has its
    target updated, and neither Ctrl-C nor a full disk leaves a temporary file behind.
    Returns the page's path; UsageError if it cannot be written."""
    folder = _directory(output)
    data = render(view(plan, plan_file, as_of, state)).encode("utf-8")
    target = folder / "index.html"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files.write(data, str(target), sys.stdout.buffer)
    except OSError as err:
        raise UsageError(f"--output: cannot write {target}: {err.strerror or err}") from None
    return target
