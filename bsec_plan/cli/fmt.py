"""`fmt`: plan and registers files in one layout, so that a review shows facts, not layout."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from bsec_plan.cli.options import Command, app, examples
from bsec_plan.problems import UsageError


@app.command(
    cls=Command,
    epilog=examples(
        "bsec-plan fmt --check",
        "bsec-plan fmt data/plan.yaml data/registers.yaml",
        "bsec-plan fmt --check data/registers.yaml",
    ),
)
def fmt(
    files: list[str] | None = typer.Argument(
        None,
        metavar="[FILE]...",
        help="Plan or registers files (default: the plan the queries read and its registers).",
    ),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 and name each file that would change."
    ),
) -> int:
    """Lay plan and registers files out in the one canonical layout (keys in the schema's order,
    one quoting rule, prose folded at 100 columns), comments kept."""
    from bsec_plan.loading import discovery, layout
    from bsec_plan.writers import files as outfile

    targets = [(Path(f), f) for f in files or []] or _default(discovery.located(None))
    changed = 0
    for path, name in targets:
        before, after = layout.layout_of(path, name)
        if before == after:
            continue
        changed += 1
        print(name)
        if check:
            continue
        if name.startswith("bundled "):
            raise UsageError("the bundled plan is part of the installed package; name a file")
        try:
            outfile.write(after, str(path), sys.stdout.buffer)
        except OSError as err:
            raise UsageError(f"cannot write {name}: {err.strerror or err}") from None
    kept = len(targets) - changed
    if check and changed:
        print(
            f"{_files(changed)} not in the layout; `bsec-plan fmt` lays "
            f"{'it' if changed == 1 else 'them'} out",
            file=sys.stderr,
        )
        return 1
    # the names above are for scripts; this says what became of them
    done = [
        f"{_files(changed)} laid out" if changed else "",
        f"{_files(kept)} already in the layout" if kept else "",
    ]
    print("; ".join(filter(None, done)), file=sys.stderr)
    return 0


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def _default(found: tuple[Path, str]) -> list[tuple[Path, str]]:
    """The plan and, when it names one, its registers file."""
    from bsec_plan.loading import planfile

    path, name = found
    targets = [found]
    plan = planfile.load(path)
    if plan.registers is not None:
        relative = plan.registers
        targets.append((path.parent / relative, str(Path(name).parent / relative)))
    return targets
