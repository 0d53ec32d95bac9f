"""The entry point run inside the test process as a new process would run it: what a run may
change in the process (environment, folder, umask, streams, signal handlers, the garbage
collector, the modules' own state) set as a new process has it and put back afterwards; and
which environments need a real process instead. Used by `run_cli` and `run_on_terminal` in
conftest.py."""

import contextlib
import gc
import io
import os
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

MAIN = Path(__file__).resolve().parent.parent / "bsec_plan" / "__main__.py"  # sys.argv[0]


# What Python reads as it starts (encodings, flags) and what typer reads as it is imported: a
# run asking for other values than this process has needs a process of its own.
_AT_START = ("PYTHON", "LC_", "LANG", "_TYPER_", "TYPER_")
_AT_IMPORT = ("TERMINAL_WIDTH", "GITHUB_ACTIONS", "FORCE_COLOR", "PY_COLORS")


def needs_a_process(env: Mapping[str, str]) -> bool:
    """Whether `env` differs from this process's environment in what Python or typer read as
    they start."""
    names = {*env, *os.environ}
    return any(
        env.get(name) != os.environ.get(name)
        for name in names
        if (name.startswith(_AT_START) and name != "PYTHONPATH") or name in _AT_IMPORT
    )


def pipe() -> io.TextIOWrapper:
    """A stand-in for a pipe: bytes underneath, UTF-8, no terminal, as a process's stdout is."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")


def written(stream: io.TextIOWrapper) -> bytes:
    """The bytes written to a `pipe()`."""
    return stream.buffer.getvalue()  # type: ignore[attr-defined,no-any-return]


def as_text(data: bytes) -> str:
    """What `subprocess.run(text=True)` makes of the bytes: UTF-8, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


@contextlib.contextmanager
def isolated(
    env: Mapping[str, str],
    cwd: Path,
    out: io.TextIOWrapper,
    err: io.TextIOWrapper,
    args: Sequence[str],
    stdin: bytes = b"",
) -> Iterator[None]:
    """Everything a run may change in this process, set as a new process would have it and put
    back afterwards: the environment, the folder, the umask, the standard streams, SIGPIPE's
    handler, the garbage collector (the entry point turns it off) and the modules' own state."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = (sys.stdin, sys.stdout, sys.stderr, sys.argv)
    saved_pipe = signal.getsignal(signal.SIGPIPE)
    saved_umask, collecting = os.umask(0o022), gc.isenabled()
    os.umask(saved_umask)
    reset_modules()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    # stdin: by default empty, as /dev/null is under pytest's capture, which a process inherits
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    sys.argv = [str(MAIN), *args]
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr, sys.argv = saved_streams
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        os.umask(saved_umask)
        signal.signal(signal.SIGPIPE, saved_pipe)
        if collecting:
            gc.enable()
        reset_modules()


def reset_modules() -> None:
    """The state a run leaves in the package's modules, back to what a new process starts with."""
    from bsec_plan import __main__ as entry
    from bsec_plan.loading import cache
    from bsec_plan.writers import terminal

    terminal.color, terminal.paging = "auto", True
    cache._deferred = None
    if not entry._reserve:  # let go when memory ran out
        entry._reserve = bytes(256 * 1024)


def main_on_terminal(args: tuple[str, ...], env: Mapping[str, str]) -> int:
    """In the forked child: the entry point on descriptors 0, 1 and 2 (the terminal), with the
    streams Python makes for a terminal (line-buffered; stderr escapes what it cannot encode)."""
    os.environ.clear()
    os.environ.update(env)
    reset_modules()
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the child
    sys.stdout = open(1, "w", 1, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(  # noqa: SIM115
        2, "w", 1, encoding="utf-8", errors="backslashreplace", closefd=False
    )
    sys.argv = [str(MAIN), *args]
    from bsec_plan import __main__ as entry

    try:
        code = entry.main(list(args))
    except SystemExit as ended:
        code = ended.code if isinstance(ended.code, int) else int(ended.code is not None)
    for channel in (sys.stdout, sys.stderr):
        with contextlib.suppress(ValueError, OSError):
            channel.flush()
    return code
