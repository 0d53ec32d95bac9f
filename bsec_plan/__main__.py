"""The `bsec-plan` entry point. `--version` is answered before the CLI and typer are imported,
and a help text already printed once is printed again from the cache without them."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
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
