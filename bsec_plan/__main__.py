"""The `bsec-plan` entry point. `--version` is answered before the CLI and typer are imported,
and a help text already printed once is printed again from the cache without them."""

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    # A run is short and makes few reference cycles, while the cyclic collector would walk the
    # whole plan again and again as objects pile up: seconds on a plan of 100,000 actions.
    gc.disable()
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:  # Ctrl-C at any moment, even while modules load: quiet, 130
        return 130


def _main(args: list[str]) -> int:
    if args == ["--version"]:
        from bsec_plan import __version__

        print(f"bsec-plan {__version__}")
        return 0
    if "--help" in args:
        return _help(args)
    from bsec_plan.cli import run

    return run(args)


def _help(args: list[str]) -> int:
    import contextlib
    import io

    from bsec_plan import cache

    key = cache.help_key(args)
    text = cache.get(key)
    if text is None:
        from bsec_plan.cli import run

        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            code = run(args)
        text = captured.getvalue()
        if code != 0:
            sys.stdout.write(text)
            return code
        cache.put(key, text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
