"""What a record changes, in the words of `diff`, worked out from the one record it adds or
changes rather than by comparing the whole plans: nothing else in the plan can move."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bsec_plan.domain.schedule import occurrences
from bsec_plan.queries import questions as q

if TYPE_CHECKING:
    from bsec_plan.domain.model import LiaisonOfficer, Ratification
    from bsec_plan.queries.recording import Recorded
    from bsec_plan.queries.standing import Standing


Told = tuple[
    list[tuple[str, str, str | None, str | None]],  # changes: kind, subject, before, after
    list[tuple[str, str | None, str | None, str | None]],  # occurrences whose status moves
]


def progress_told(r: Recorded, as_of: dt.date) -> Told:
    """What a progress record changes, in the words of `diff`, worked out for its one action:
    the record added, and the statuses of the action's occurrences that move. A progress record
    changes nothing else, so `diff` of the two plans says the same (the tests compare them)."""
    from bsec_plan.queries import recordtext
    from bsec_plan.safetext import visible

    added = r.new.progress[-1]  # appended: the last of its list
    key = recordtext.progress_key(added)
    same = sum(recordtext.progress_key(p) == key for p in r.new.progress[:-1])
    subject = key if not same else f"{key} #{same + 1}"  # as `diff` tells repeated records apart
    change = (
        "progress record added",
        visible(subject),
        None,
        visible(recordtext.record_text(added)),
    )
    action = r.new.actions[added.action]
    moved = recordtext.transitions(r.old, r.new, as_of, occurrences(action, r.new.start, r.new.end))
    return [change], moved


Shifted = tuple[str, "str | None", "Standing", "Standing"]  # state, instrument, before, after


def registers_told(
    r: Recorded, as_of: dt.date
) -> tuple[Told, list[Shifted], list[Shifted], list[tuple[str, str, bool]]]:
    """What an event or an officer record changes, in the words of `diff`, worked out for its
    one record: the record added or changed; the standings on its instrument (an event) or the
    liaison officers (an officer record); whom the actions on that instrument address. Nothing
    else can move: an occurrence's status rests on progress records, a party's states on the
    chairmanships and EU membership, a state's standing on its own record and, through the
    entry into force computed from the deposits, on the others' records for that instrument
    only; so `diff` of the two plans says the same (the tests compare them)."""
    from bsec_plan.queries import recordtext
    from bsec_plan.safetext import visible

    state, instrument = r.subject
    before: Ratification | LiaisonOfficer | None
    after: Ratification | LiaisonOfficer
    if instrument is None:
        what, subject = "liaison officer", state
        before, after = r.old.liaison_officer_of.get(state), r.new.liaison_officer_of[state]
    else:
        what, subject = "ratification", f"{state} {instrument}"
        pair = (state, instrument)
        before, after = r.old.ratification_of.get(pair), r.new.ratification_of[pair]
    change = (
        f"{what} {'added' if before is None else 'changed'}",
        visible(subject),
        None if before is None else visible(recordtext.record_text(before)),
        visible(recordtext.record_text(after)),
    )
    return ([change], []), *_moved(r, state, instrument, as_of)


def _moved(
    r: Recorded, state: str, instrument: str | None, as_of: dt.date
) -> tuple[list[Shifted], list[Shifted], list[tuple[str, str, bool]]]:
    """The standings that move, in the order `diff` lists them. A liaison officer rests on the
    state's own record; a standing on an instrument on the state's own record and on the dates
    of entry into force computed from every state's deposit: where those dates are the same
    before and after, only the state recorded can move. Whom an action addresses follows the
    standings on the instrument it names."""
    from bsec_plan.domain.stages import entries
    from bsec_plan.queries.recordtext import standing_key

    if instrument is None:
        a, b = q.liaison_officer(r.old, state, as_of), q.liaison_officer(r.new, state, as_of)
        return [], ([] if standing_key(a) == standing_key(b) else [(state, None, a, b)]), []
    known = instrument in r.old.instrument_by_id
    every = not known or entries(r.old, instrument).computed != entries(r.new, instrument).computed
    standings: list[Shifted] = []
    unbound: dict[str, tuple[bool, bool]] = {}  # addressed before, after (not ratified)
    for code in [s.code for s in r.new.states if every or s.code == state]:
        a = q.ratification(r.old, code, instrument, as_of) if known else q.UNKNOWN
        b = q.ratification(r.new, code, instrument, as_of)
        unbound[code] = (a.answer != "ratified", b.answer != "ratified")
        if standing_key(a) != standing_key(b):
            standings.append((code, instrument, a, b))
    addressed: list[tuple[str, str, bool]] = []
    for ident, action in r.new.actions.items():
        if action.addresses is None or action.addresses.not_ratified != instrument:
            continue
        if ident in r.old.actions:
            was = {c for c, (old, _) in unbound.items() if old}
            now = {c for c, (_, new) in unbound.items() if new}
            addressed += [(ident, c, False) for c in sorted(was - now)]
            addressed += [(ident, c, True) for c in sorted(now - was)]
    return standings, [], addressed
