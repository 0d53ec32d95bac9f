"""The plan as one self-contained HTML page: the page's data (`views/page.py` and beside it) through Jinja2 to
HTML, and the page written into a folder by the careful file writer (`writers/files.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bsec_plan.domain import addresses
from bsec_plan.domain.model import Plan
from bsec_plan.problems import UsageError
from bsec_plan.safetext import visible
from bsec_plan.views import page_plans
from bsec_plan.views.page_split import PER_PAGE, SPLIT, one_page, pages
from bsec_plan.writers import files

__all__ = ["breakable", "links", "render", "write_report", "write_reports"]


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


def whole_dates(text: str) -> Any:
    """Text, escaped, whose dates (2001-06-29) never break across lines."""
    from markupsafe import Markup, escape

    return Markup(
        re.sub(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b", r'<span class="date">\1</span>', str(escape(text)))
    )


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
    env.filters["dates"] = whole_dates
    env.filters["grouped"] = "{:,}".format  # 6,365 days, as the terminal says it
    return env


def compact_css(css: str) -> str:
    """The page's style without comments, indentation and line breaks: the same rules in fewer
    bytes, for the many pages of a split report. Strings in it never span lines."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = ""
    for line in (line.strip() for line in css.splitlines()):
        if line:
            out += line if not out or out[-1] in "{};," else " " + line
    return out


def render(page: dict[str, Any], env: Any = None, template: str = "report.html.j2") -> str:
    """The page's HTML; the same data gives the same text. Control characters are not allowed in
    HTML; plan text may hold them, so they are shown as \\xNN, as every writer of the tool does."""
    if (
        "show" not in page and template == "report.html.j2"
    ):  # the data of `page_data`: the one-page report
        page = one_page(page)
    return visible((env or _environment()).get_template(template).render(page))


def _directory(output: str) -> Path:
    if not output.strip():
        raise UsageError("--output: give the name of a folder for the report")
    folder = Path(output)
    if folder.is_symlink():  # refused before any page is written (files.write_inside)
        raise UsageError(
            f"--output: {output} is a symbolic link; the report is written only into a real folder"
        )
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--output: {output} is a file, not a folder")
    return folder


def _pages(
    folder: Path,
    written: Iterable[tuple[str, dict[str, Any]]],
    env: Any,
    extra: dict[str, Any],
    template: str = "report.html.j2",
    below: str = "",
) -> int:
    """Write each page into `folder` (created if needed), or into its folder `below`, with
    `files.write_inside`: never through a symlink out of `folder`. Each page's data is taken
    when it is written and its text goes into the file in pieces (`_streamed`), never whole.
    Returns how many pages were written."""
    count = 0
    for name, data in written:
        page = f"{below}/{name}" if below else name
        try:
            files.write_inside(_streamed({**data, **extra}, env, template), str(folder), page)
        except OSError as err:
            raise UsageError(
                f"--output: cannot write {folder / page}: {err.strerror or err}"
            ) from None
        count += 1
    return count


PIECES = 4096  # pieces of a page's text (a tag, a value: tens of characters) written at a time


def _streamed(page: dict[str, Any], env: Any, template: str) -> Callable[[BinaryIO], None]:
    """`render`, written into a file as the template makes it (`pieces`)."""

    def write(f: BinaryIO) -> None:
        for text in pieces(page, env, template):
            f.write(text.encode("utf-8"))

    return write


def pieces(page: dict[str, Any], env: Any, template: str) -> Iterator[str]:
    """`render`'s text, PIECES pieces at a time as the template makes them: the same text,
    without the page's whole text (megabytes for a large plan's index or scoreboard) in
    memory. `visible` replaces character by character, so pieces are safe."""
    compiled = env.get_template(template)
    context = compiled.new_context(page)  # as `Template.generate` makes it
    made = compiled.root_render_func(context)
    try:
        while batch := list(islice(made, PIECES)):
            yield visible("".join(batch))
    except Exception:
        env.handle_exception()  # raises, with the template's lines in the traceback
    finally:
        # the template's macros and the context refer to each other, and the collector is
        # off during a run (`__main__`): let go of them, or every page's data would stay
        context.vars.clear()
        context.exported_vars.clear()


def write_page(page: dict[str, Any], stream: TextIO, template: str) -> None:
    """A page to a stream (`scoreboard --format html`), as it is made."""
    for text in pieces(page, _environment(), template):
        stream.write(text)


def _css(env: Any) -> Any:
    from markupsafe import Markup

    style = env.loader.get_source(env, "page.css")[0]
    return Markup(compact_css(style))  # the package's own style sheet


def write_report(
    plan: Plan,
    plan_file: str,
    as_of: dt.date,
    output: str,
    state: str | None = None,
    split: int = SPLIT,
    per_page: int = PER_PAGE,
) -> tuple[Path, int]:
    """Write `output/index.html` (and, for a plan of more than `split` actions, its other pages:
    `views.page_split.pages`, each made and rendered as it is written), and
    `output/scoreboard.html`, the scoreboard to print (`scoreboard_page`), with
    `files.write_inside`, creating the folder if needed: each page is replaced atomically and
    keeps its mode, a symlinked page is replaced by a regular file (its target is never
    written), a symlinked folder is refused, and neither Ctrl-C nor a full disk leaves a
    temporary file behind. Other files in the folder are left alone. Returns the index's path
    and how many pages were written; UsageError if a page cannot be written.
    """
    folder = _directory(output)
    env = _environment()
    # the report's pages, made one at a time, are let go before the scoreboard is made
    written = pages(plan, plan_file, as_of, state, split, per_page).pages()
    count = _pages(folder, written, env, {"css": _css(env)})
    del written
    count += _pages(folder, [scoreboard_page(plan, plan_file, as_of, state)], env, {}, SCOREBOARD)
    return folder / "index.html", count


SCOREBOARD = "scoreboard.html.j2"


def scoreboard_page(
    plan: Plan, plan_file: str, as_of: dt.date, state: str | None
) -> tuple[str, dict[str, Any]]:
    """`scoreboard.html` beside the report's index: the page `scoreboard --format html` prints,
    for the whole plan, to print and table at a meeting."""
    from bsec_plan.queries.scoreboard import scoreboard
    from bsec_plan.views import scoreboard as board
    from bsec_plan.views.common import Asked

    # the file's name alone, as on the index: a published page is the same from any folder
    asked = Asked(plan, Path(plan_file).name, as_of, state)
    lines = scoreboard(plan, as_of, state=state)
    return "scoreboard.html", board.scoreboard_page(asked, lines, board.window_words(None, None))


def write_reports(
    plans: list[tuple[Plan, str]],
    as_of: dt.date,
    output: str,
    state: str | None = None,
    split: int = SPLIT,
    per_page: int = PER_PAGE,
) -> tuple[Path, int]:
    """One plan: `write_report`. Several: each plan's report in its own folder of `output`
    (`views.page_plans.folders`), each page with a link back to `output/index.html`, which
    lists the plans above their shared timeline. Returns the index's path and the pages written."""
    if len(plans) == 1:
        return write_report(*plans[0], as_of, output, state, split, per_page)
    folder = _directory(output)
    env = _environment()
    css = _css(env)
    names = page_plans.folders([file for _, file in plans])
    for name in names:  # every folder refused before any page is written
        _directory(str(folder / name))
    parts, count = [], 0
    for (plan, file), name in zip(plans, names, strict=True):
        report = pages(plan, file, as_of, state, split, per_page)
        parts.append((plan, file, name, report.summary()))
        written = report.pages()
        del report
        home = {"css": css, "plans_home": "../index.html"}
        count += _pages(folder, written, env, home, below=name)
        del written
        board = [scoreboard_page(plan, file, as_of, state)]
        count += _pages(folder, board, env, {}, SCOREBOARD, name)
    index = page_plans.index(parts, as_of, state)
    count += _pages(folder, [("index.html", index)], env, {"css": css}, "plans.html.j2")
    return folder / "index.html", count
