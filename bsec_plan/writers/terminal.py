"""Where output meets the terminal: the colour choice and the pager, as git does it.

Output longer than the screen goes through $BSEC_PLAN_PAGER, else $PAGER, else `less -FRX`
(which quits at once when the text fits and keeps the colours); never when piped. An empty
value or `cat` means no pager; `--no-pager` turns it off.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from typing import TextIO

color = "auto"  # auto | always | never: set once by the command line
paging = True


def is_terminal(stream: TextIO) -> bool:
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def size(stream: TextIO) -> tuple[int, int]:
    """Columns and lines of the terminal behind `stream`; 80 x 24 when it has none."""
    try:
        found = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return 80, 24
    return found.columns or 80, found.lines or 24


def styled(stream: TextIO) -> bool:
    """Whether to draw with rich: on a terminal, or anywhere with --color always."""
    return color == "always" or is_terminal(stream)


def no_color() -> bool:
    """--color never, or NO_COLOR (https://no-color.org) unless --color always."""
    return color == "never" or (color == "auto" and bool(os.environ.get("NO_COLOR")))


def pager_command() -> list[str] | None:
    for name in ("BSEC_PLAN_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            return shlex.split(value) if value.strip() not in ("", "cat") else None
    return ["less", "-FRX"]


def show(text: str, stream: TextIO) -> None:
    """Write `text`; on a terminal, through the pager when it is longer than the screen."""
    command = pager_command() if paging and is_terminal(stream) else None
    if command is None or text.count("\n") < size(stream)[1]:
        stream.write(text)
        return
    stream.flush()
    try:
        # the pager inherits the terminal; quitting it early is not an error
        subprocess.run(command, input=text.encode("utf-8"), check=False)
    except OSError:  # no such pager: write the text as it is
        stream.write(text)
