"""The command line: the program's own options, and a run from arguments to an exit code; each
command lives in the module COMMANDS names, which registers it when imported."""

from __future__ import annotations

import builtins
import copy
import importlib
import os
import sys
from enum import Enum
from typing import Any

import typer

from bsec_plan import __version__
from bsec_plan.cli import completion
from bsec_plan.cli.options import app as _app
from bsec_plan.problems import PlanError, UsageError
from bsec_plan.safetext import one_line

# Each command, in the order `bsec-plan --help` lists them, and the module (in bsec_plan.cli)
# that registers it when imported. A run imports only the module of the command it names:
# the other modules and typer's work on their commands cost every run about 7 M instructions.
# Help, completion and a name that is no command import them all and list every command.
COMMANDS = {
    "check": "validate",
    "schema": "validate",
    "status": "queries",
    "overdue": "queries",
    "states": "queries",
    "sources": "queries",
    "show": "queries",
    "calendar": "queries",
    "diff": "review",
    "report": "review",
    "completion": "review",
    "scoreboard": "scoreboard",
    "fmt": "fmt",
    "record": "record",
}

__all__ = ["COMMANDS", "every_command", "run", "usage_message"]


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


@_app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", is_eager=True
    ),
    color: Color = typer.Option(
        "auto",
        "--color",
        help="Colour: on a terminal unless NO_COLOR is set (auto), always, never.",
    ),
    no_pager: bool = typer.Option(
        False, "--no-pager", help="Never page long output ($BSEC_PLAN_PAGER, $PAGER, less -FRX)."
    ),
) -> None:
    if version:
        print(f"bsec-plan {__version__}")
        raise typer.Exit(0)
    from bsec_plan.writers import terminal

    terminal.color, terminal.paging = color.value, not no_pager


NO_DAY = ("sources", "check", "schema")  # the commands whose answer is not about a day


def usage_message(message: str, ctx: Any) -> str:
    """Click's message on one line, with where to look: the command's help, or for an option
    of the program's that goes before the command, where it goes."""
    from bsec_plan.safetext import visible

    message = visible(" ".join(message.split())).rstrip(".")
    path = getattr(ctx, "command_path", None) or "bsec-plan"
    if message == "No such option: --version":
        return f"{message}; it goes before the command: bsec-plan --version"
    if message.startswith("No such option: --as-of") and path.endswith(NO_DAY):
        return f"{message}; {path.split()[-1]} answers for every date, so it takes no --as-of"
    return f"{message}; see '{path} -h'"


def run(args: list[str]) -> int:
    """Run the CLI; the exit code follows the README: 0 ran, 1 findings, 2 could not run, 130 interrupted."""
    try:
        request = os.environ.get(completion.COMPLETE_VAR)
        if request:  # a completion script asks for candidates
            return completion.answer(typer.main.get_command(_evaluated(every_command())), request)
        result = _evaluated(_for(args))(args=args, prog_name="bsec-plan", standalone_mode=False)
    except UsageError as err:
        print(f"bsec-plan: error: {err}", file=sys.stderr)
        return 2
    except PlanError as err:
        if err.head:
            print(f"bsec-plan: error: {one_line(err.head)}", file=sys.stderr)
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 2
    except (KeyboardInterrupt, typer.Abort):
        return 130
    except Exception as err:
        # bad usage found by click (no such option, bad value); its class moved between typer
        # releases, so it is recognised by what it can do
        show, code = getattr(err, "show", None), getattr(err, "exit_code", None)
        if not (callable(show) and isinstance(code, int)):
            raise
        message = getattr(err, "format_message", None)
        if type(err).__name__ == "NoArgsIsHelpError" or not callable(message):
            show()  # the help itself
            return code
        print(
            f"bsec-plan: error: {usage_message(message(), getattr(err, 'ctx', None))}",
            file=sys.stderr,
        )
        return code
    return result if isinstance(result, int) else 0


def _for(args: list[str]) -> typer.Typer:
    """The app with only the command the arguments name, where they name one: its module alone
    is imported, and typer builds every command it holds from the function's signature at each
    start (about 10 ms for all of them), while a run needs one. Anything else (no command, a
    misspelt one, the program's help asked before it) gets every command, which lists and
    suggests them all; a group among them is listed by its own name and summary, so its
    subcommands are left unbuilt."""
    name = _command_named(args)
    if name not in COMMANDS:
        return _listing()
    importlib.import_module(f"bsec_plan.cli.{COMMANDS[name]}")
    one = copy.copy(_app)  # shallow: the app itself is left as it is for the next run
    one.registered_commands = [c for c in _app.registered_commands if _name(c) == name]
    one.registered_groups = [
        _with_one(group, args) for group in _app.registered_groups if group.name == name
    ]
    return one if one.registered_commands or one.registered_groups else _listing()


def _listing() -> typer.Typer:
    """Every command as the program's help lists it and a misspelt name is told among others:
    by its name and summary. Typer is given each command without its options, which it would
    otherwise build from the function's signature (most of the work of the program's help),
    and a group without its subcommands."""
    listed = every_command()
    listed.registered_commands = [_unbuilt(c) for c in listed.registered_commands]
    listed.registered_groups = [_with_one(group, []) for group in listed.registered_groups]
    return listed


def _unbuilt(command: Any) -> Any:
    import inspect

    bare = copy.copy(command)
    bare.name = _name(command)
    bare.help = command.help if command.help is not None else inspect.getdoc(command.callback)
    bare.callback = _listed_only
    return bare


def _listed_only() -> None:
    """What a listed command would run: nothing ever does, as `_listing` names no command."""
    raise RuntimeError("a command was run from the list of commands")


def every_command() -> typer.Typer:
    """The app with every command registered, in COMMANDS' order: the order in which their
    modules were imported (one run's command, then the others) is not the one help lists."""
    for module in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(f"bsec_plan.cli.{module}")
    whole = copy.copy(_app)
    place = {name: i for i, name in enumerate(COMMANDS)}
    whole.registered_commands = sorted(
        _app.registered_commands, key=lambda c: place.get(_name(c) or "", len(place))
    )
    return whole


def _name(command: Any) -> str | None:
    callback = command.callback
    return (
        None if callback is None else typer.main.get_command_name(command.name or callback.__name__)
    )


def __getattr__(name: str) -> typer.Typer:
    """`app`, as other code imports it (`from bsec_plan.cli.app import app`): every command."""
    if name == "app":
        return every_command()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _evaluated(app: typer.Typer, seen: dict[tuple[str, int], Any] | None = None) -> typer.Typer:
    """The app, its functions' annotations evaluated: typer reads those of each command and of
    its options' callbacks three times or more as it builds the command, and each time compiles
    and evaluates every one that is a string (as `from __future__ import annotations` leaves
    them), about a third of its work. Here each string is evaluated once in its module (the
    same few strings recur in every command) and replaced by what it names, as
    `inspect.get_annotations(eval_str=True)` gives it and typer would."""
    seen = {} if seen is None else seen
    functions: list[Any] = [app.registered_callback.callback if app.registered_callback else None]
    infos: list[Any] = [*app.registered_commands, *app.registered_groups]
    for info in infos:
        functions.append(info.callback)
        for default in getattr(info.callback, "__defaults__", None) or ():
            functions += [
                getattr(default, "callback", None),
                getattr(default, "autocompletion", None),
            ]
        if isinstance(info, typer.models.TyperInfo) and info.typer_instance:
            _evaluated(info.typer_instance, seen)
    for function in functions:
        annotations = getattr(function, "__annotations__", {})
        if not any(isinstance(value, str) for value in annotations.values()):
            continue
        scope = function.__globals__
        for name, value in annotations.items():
            if isinstance(value, str):
                key = (value, id(scope))
                if key not in seen:  # a plain name is looked up, not compiled
                    named = value.isidentifier() and scope.get(value, vars(builtins).get(value))
                    seen[key] = named if named else eval(value, scope)
                annotations[name] = seen[key]
    return app


def _with_one(group: Any, args: list[str]) -> Any:
    """A group (`record`) with only the subcommand the argument after its name names, where
    that is one of them; with none where no argument follows it (`_listing`); else the group
    whole, which lists and suggests them all."""
    after = args[args.index(group.name) + 1 :] if args else []
    sub = group.typer_instance
    chosen = [c for c in sub.registered_commands if after and c.name == after[0]]
    if args and not chosen:
        return group
    one, trimmed = copy.copy(group), copy.copy(sub)
    trimmed.registered_commands = chosen
    one.typer_instance = trimmed
    return one


def _command_named(args: list[str]) -> str | None:
    """The command name as click finds it: the first argument that is neither one of the
    program's options nor its value; None where the program's help comes first."""
    rest = iter(args)
    for arg in rest:
        if arg in ("-h", "--help"):
            return None
        if arg == "--color":
            next(rest, None)
        elif arg == "--":
            return next(rest, None)
        elif not arg.startswith("-"):
            return arg
    return None
