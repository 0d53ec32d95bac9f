"""Shell completion from the plan: Member State codes, action ids and instruments.

Each function is called by the shell while the user types, so it loads the plan through the
cache and answers nothing, rather than an error, when the plan cannot be read.

Plan text is untrusted (it arrives in pull requests), and completion hands it to a shell, so
nothing the program answers is ever read as code:

- the scripts (`bsec-plan completion bash|zsh|fish`) read the answer as data, one candidate a
  line, and never `eval` it;
- a candidate's value is offered only if it is made of `[A-Za-z0-9._-]` (ids, codes, commands,
  option names), otherwise it is left out;
- a candidate's help keeps letters, digits, spaces and plain punctuation, nothing else, and is
  dropped when no letter or digit is left; it is never parsed as markup.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from typer import Context  # typer reads these annotations at run time; it is loaded already

from bsec_plan.problems import UsageError

if TYPE_CHECKING:
    from types import ModuleType

    from bsec_plan.domain.model import Plan

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_BSEC_PLAN_COMPLETE"
_VALUE = r"[A-Za-z0-9._-]+"  # compiled where first used: only completion needs it
# besides letters and digits: what a title needs, and nothing a shell or markup gives meaning to
_PUNCTUATION = frozenset(" .,:-/'")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc"), "'")
HELP_WIDTH = 60


def _plan(ctx: Context) -> Plan | None:
    from bsec_plan.loading import discovery, planfile

    try:
        given = ctx.params.get("plan") or [None]  # several plans: the first one's words
        plan: Plan = planfile.load(discovery.resolve(given[0]))
    except Exception:  # a shell completing a word must never see a traceback
        return None
    return plan


def _as_typed(ident: str, incomplete: str) -> str:
    """Ids and codes are accepted in any case; offer them in the case the user is typing."""
    return ident.lower() if incomplete and incomplete.islower() else ident


def states(ctx: Context, incomplete: str) -> list[tuple[str, str]]:
    plan = _plan(ctx)
    wanted = incomplete.upper()
    return (
        [
            (_as_typed(s.code, incomplete), safe_help(s.name))
            for s in plan.states
            if s.code.startswith(wanted)
        ]
        if plan
        else []
    )


def actions(ctx: Context, incomplete: str) -> list[tuple[str, str]]:
    plan = _plan(ctx)
    if plan is None:
        return []
    wanted = incomplete.upper()
    return [
        (_as_typed(a.id, incomplete), safe_help(a.short or a.text)[:HELP_WIDTH].rstrip())
        for a in plan.actions.values()
        if a.id.startswith(wanted)
    ]


def instruments(ctx: Context, incomplete: str) -> list[tuple[str, str]]:
    plan = _plan(ctx)
    if plan is None:
        return []
    return [
        (i.id, safe_help(i.short))
        for i in plan.instruments
        if i.ratifiable and i.id.startswith(incomplete)
    ]


def shells(incomplete: str) -> list[str]:
    return [s for s in SHELLS if s.startswith(incomplete.lower())]


# --- what goes out to the shell ---------------------------------------------------------------


def safe_value(value: str) -> str | None:
    """The candidate itself, when it is an id, a code, a command or an option name; else None."""
    return value if re.fullmatch(_VALUE, value) else None


def _kept(char: str) -> bool:
    import unicodedata  # here: a run that completes nothing never loads its tables

    return char in _PUNCTUATION or unicodedata.category(char) in ("Lu", "Ll", "Lt", "Lo", "Nd")


def safe_help(text: str) -> str:
    """A candidate's help: letters, digits, spaces and plain punctuation only, on one line;
    empty when no letter or digit is left."""
    text = text.translate(_DASHES).translate(_QUOTES)
    kept = "".join(c if _kept(c) else " " if c.isspace() else "" for c in text)
    kept = " ".join(kept.split())
    return kept if any(c.isalnum() for c in kept) else ""


def own_help(text: str) -> str:
    """This program's own help for a candidate, whole, on one line: only what a shell's menu
    could mistake for more than text (control characters, backslashes, backquotes) goes."""
    kept = "".join(c for c in text if (c.isprintable() and c not in "\\`") or c.isspace())
    return " ".join(kept.split())


def _shell_completion() -> ModuleType:
    """click's completion module: typer carries its own copy from 0.28, earlier ones use click."""
    try:
        return importlib.import_module("typer._click.shell_completion")
    except ImportError:  # pragma: no cover - typer before 0.28
        return importlib.import_module("click.shell_completion")


def _candidates(cli: Any, args: list[str], incomplete: str) -> list[tuple[str, str]]:
    """(value, help) for each candidate, both made safe; unsafe values are left out."""
    sc = _shell_completion()
    ctx = sc._resolve_context(cli, {}, "bsec-plan", args)
    obj, incomplete = sc._resolve_incomplete(ctx, args, incomplete)
    found = []
    for item in obj.shell_complete(ctx, incomplete):
        value = safe_value(str(item.value))
        if value is not None:
            # plan text was made plain words by the callbacks above; the rest is this
            # program's own help, kept whole ($BSEC_PLAN_PAGER, NO_COLOR, ×)
            found.append((value, own_help(str(item.help or ""))))
    return found


def _typed_line(line: str) -> tuple[list[str], str]:
    """The words before the cursor and the word being typed, from the line up to the cursor."""
    words = _shell_completion().split_arg_string(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def answer(cli: Any, instruction: str) -> int:
    """Answer a completion script's request (`$_BSEC_PLAN_COMPLETE`): candidates on stdout, one
    a line. bash gets values; fish `VALUE<TAB>HELP`; zsh `VALUE:HELP`, for `_describe`.

    `complete_zsh` is what scripts installed by earlier releases (typer's) ask; they `eval` the
    answer, so they get none: `bsec-plan completion zsh` gives the script that reads it as data.
    """
    env = os.environ
    if instruction == "complete_bash":
        words = _shell_completion().split_arg_string(env.get("COMP_WORDS", ""))
        cword = int(env.get("COMP_CWORD", "0") or 0)
        incomplete = words[cword] if 0 <= cword < len(words) else ""
        lines = [v for v, _ in _candidates(cli, words[1:cword], incomplete)]
    elif instruction == "describe_zsh":
        args, incomplete = _typed_line(env.get("_TYPER_COMPLETE_ARGS", ""))
        lines = [f"{v}:{h}" if h else v for v, h in _candidates(cli, args, incomplete)]
    elif instruction == "complete_fish":
        args, incomplete = _typed_line(env.get("_TYPER_COMPLETE_ARGS", ""))
        lines = [f"{v}\t{h}" if h else v for v, h in _candidates(cli, args, incomplete)]
        if env.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
            return 0 if lines else 1
    elif instruction == "complete_zsh":
        lines = []
    else:
        shown = safe_value(instruction) or "?"
        raise UsageError(f"unknown completion request {shown!r} in {COMPLETE_VAR}")
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 0


_BASH = r"""# bsec-plan completion for bash: the program's answer is read as data, never evaluated.
_bsec_plan_completion() {
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        [[ -n "$line" ]] && COMPREPLY+=("$line")
    done < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \
                 _BSEC_PLAN_COMPLETE=complete_bash "$1" 2>/dev/null)
    return 0
}
complete -o default -F _bsec_plan_completion bsec-plan
"""

_ZSH = r"""#compdef bsec-plan
# bsec-plan completion for zsh: the program's answer is read as data, never evaluated.
_bsec_plan() {
  local -a candidates
  candidates=("${(@f)$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \
                       _BSEC_PLAN_COMPLETE=describe_zsh bsec-plan 2>/dev/null)}")
  candidates=("${(@)candidates:#}")
  if (( ${#candidates} )); then
    _describe -t values 'bsec-plan' candidates
  else
    _files
  fi
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  _bsec_plan "$@"
else
  compdef _bsec_plan bsec-plan
fi
"""

_FISH = r"""# bsec-plan completion for fish: the program's answer is read as data, never evaluated.
function __bsec_plan_complete
    env _BSEC_PLAN_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=$argv[1] \
        _TYPER_COMPLETE_ARGS=(commandline -cp | string collect) bsec-plan 2>/dev/null
end
complete --command bsec-plan --no-files --arguments '(__bsec_plan_complete get-args)' \
    --condition '__bsec_plan_complete is-args'
"""

_SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def script(shell: str) -> str:
    """The completion script for `shell`, whatever shell this runs in."""
    found = _SCRIPTS.get(shell.lower())
    if found is None:
        raise UsageError(f"no completion for {safe_help(shell)!r}: choose bash, zsh or fish")
    return found
