"""The `bsec-plan` entry point: every way a run can end maps to an exit code, never a traceback.

0, 1 and 2 come from the CLI; here: a closed pipe ends quietly as SIGPIPE does (141), a full
device or another failure to write the output is exit 2, Ctrl-C is 130, and anything else is a
bug: one line naming it, exit 3 (`BSEC_PLAN_DEBUG=1` shows the traceback).

`bsec-plan [COMMAND] --help` (or `-h`), and nothing else, is answered from the user's cache once
printed: it is the one command line whose output is help alone, and typer takes half the
start-up budget merely to import. `bsec-plan --version` alone is answered here, before anything
else is imported; with other arguments it goes through the command line as they do.
"""

import contextlib
import errno
import gc
import os
import signal
import sys

# Set aside at start and let go when memory runs out, so that the one-line message can be made.
_reserve = bytes(256 * 1024)

INTERRUPTED = 130
CLOSED_PIPE = 128 + 13  # what a shell reports for a process ended by SIGPIPE
CANNOT_WRITE = 2
BUG = 3
# errors that mean "the output cannot be written", not "the program is wrong"
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}
_COMPLETE_VAR = "_BSEC_PLAN_COMPLETE"  # as cli.completion names it: a shell asks for candidates


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except Exception:  # a handler failed too (memory ran out again): the code says it
        with contextlib.suppress(Exception):
            os.write(2, b"bsec-plan: internal error (a bug): the run failed while ending\n")
        return BUG


def _main(argv: list[str] | None) -> int:
    # A run is short and makes few reference cycles, while the cyclic collector would walk the
    # whole plan again and again as objects pile up (5-20% of a run at 10,000 actions).
    gc.disable()
    try:
        _prepare()
        if os.environ.get("BSEC_PLAN_SIGNAL_READY"):  # lets a test interrupt at a known moment
            print("bsec-plan: ready", file=sys.stderr, flush=True)
        args = sys.argv[1:] if argv is None else argv
        if args == ["--version"] and _COMPLETE_VAR not in os.environ:
            code = _version()
        else:
            code = _help(args) if _asks_help_only(args) else _run(args)
        sys.stdout.flush()  # here, where a failure can still be reported, not at exit
        _write_cache()
        if argv is None:  # the process's own run, which ends with it
            _leave_to_the_exit()
        return code
    except KeyboardInterrupt:  # Ctrl-C at any moment, even while modules load
        return INTERRUPTED
    except BrokenPipeError:
        _discard_stdout()
        return CLOSED_PIPE
    except OSError as err:
        if err.errno not in _WRITE_ERRORS:
            return _bug(err)
        _discard_stdout()
        _say(f"bsec-plan: error: cannot write the output: {err.strerror or err}")
        return CANNOT_WRITE
    except MemoryError as err:
        return _out_of_memory(err)
    except Exception as err:  # RecursionError among them
        return _bug(err)


def _leave_to_the_exit() -> None:
    """The interpreter's last collection at exit walks every object still alive, the plan's
    included, for cycles to free: about 8% of a warm run on the bundled plan, more on a large
    plan. The process frees them as it ends, and every file, temporary file and child process
    of the run is closed or waited for before this point, so they are moved out of that
    collection's way (`gc.freeze`); the teardown itself still runs (atexit, flushing, modules
    cleared). Only for the process's own run: a caller of `main(argv)` keeps its collector."""
    gc.freeze()


def _out_of_memory(err: MemoryError) -> int:
    """Let go of what the failed run still holds (its frames, through the traceback), then say
    so in one line."""
    global _reserve
    _reserve = b""
    tb, err.__traceback__ = err.__traceback__, None
    while tb is not None:  # as traceback.clear_frames, without importing it
        with contextlib.suppress(RuntimeError):  # a frame still running
            tb.tb_frame.clear()
        tb = tb.tb_next
    gc.collect()  # the collector is off during a run; what the run left in cycles goes now
    _say("bsec-plan: internal error: out of memory (MemoryError); the plan is too large to process")
    return BUG


def _version() -> int:
    """`bsec-plan --version` alone, answered as the command line answers it, without loading it."""
    from bsec_plan import __version__

    print(f"bsec-plan {__version__}")
    return 0


def _run(args: list[str]) -> int:
    from bsec_plan.cli.app import run
    from bsec_plan.loading import cache

    if _on_terminal():  # the answer is shown first, the plan's cache entry written after it
        cache.defer()
    return run(args)


def _on_terminal() -> bool:
    """Output to a terminal. Into a pipe or a file the cache entry is written before the answer
    as before: a reader that stops early (`| head -1`) ends the run as soon as it has enough."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _write_cache() -> None:
    """Write the plan cache entry that this run held back until its answer was shown, with
    every safeguard of cache.py (a Ctrl-C waits for the few milliseconds of the write)."""
    cache = sys.modules.get("bsec_plan.loading.cache")
    if cache is not None and cache.deferred():
        cache.write_deferred()


def _asks_help_only(args: list[str]) -> bool:
    """`-h`, `--help`, `COMMAND -h` or `COMMAND --help`: no other option, no other value."""
    if not args or args[-1] not in ("-h", "--help") or len(args) > 2:
        return False
    return len(args) == 1 or (args[0].isalpha() and args[0].islower())


def _help(args: list[str]) -> int:
    import contextlib
    import io

    from bsec_plan.loading import cache

    key = _help_key(args)
    text = cache.get_text(key)
    if text is None:
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            code = _run(args)
        text = captured.getvalue()
        if code != 0:  # no such command: the message is not help, and is not kept
            sys.stdout.write(text)
            return code
        cache.put_text(key, text)
    sys.stdout.write(text)
    return 0


def _help_key(args: list[str]) -> bytes:
    """What a help text depends on besides the code: the arguments, the width click wraps to
    (COLUMNS, else the terminal's), and the installed typer."""
    try:
        width = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
    except (OSError, ValueError):
        width = 0
    typer_stat = 0
    for folder in sys.path:  # where `import typer` would find it, without importing it
        with contextlib.suppress(OSError):
            typer_stat = os.stat(os.path.join(folder or ".", "typer", "__init__.py")).st_mtime_ns
            break
    parts = ["help", *args, str(width), os.environ.get("COLUMNS", ""), str(typer_stat)]
    return "\0".join(parts).encode()


def _prepare() -> None:
    # `bsec-plan overdue | head -1` ends quietly, as other tools do
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:  # started with the descriptor closed: write into nothing
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 - lives as long as the run
        elif hasattr(stream, "reconfigure"):
            # any terminal encoding: what it cannot show is written as \N escapes, as print does
            stream.reconfigure(errors="backslashreplace")


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def _say(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr is gone too: the code says it
        print(line, file=sys.stderr, flush=True)


def _bug(err: BaseException) -> int:
    from bsec_plan.safetext import visible

    if os.environ.get("BSEC_PLAN_DEBUG") == "1":
        import traceback

        traceback.print_exception(type(err), err, err.__traceback__)
    message = visible(str(err)).replace("\n", " ")
    _say(f"bsec-plan: internal error (a bug): {type(err).__name__}: {message}")
    return BUG


if __name__ == "__main__":
    raise SystemExit(main())
