"""Write a valid synthetic plan of N actions for benchmarks.

    python benchmarks/make_plan.py --actions 10000 -o /tmp/plan-10k.yaml

Every deadline kind, progress records, responsible parties of every kind, many states and
instruments; `bsec-plan check` accepts the result.
"""

from __future__ import annotations

import argparse
import itertools
import string

KINDS = ["each-semester", "each-february-after-year", "fixed", "permanent", None]


def state_codes(n: int) -> list[str]:
    pairs = ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2))
    return list(itertools.islice(pairs, n))


def plan_text(actions: int, states: int = 120, instruments: int = 40) -> str:
    codes = state_codes(states)
    out = [
        "title: A synthetic plan of action",
        "period: {start: 2009-05, end: 2011-06}",
        "purpose: {text: Synthetic purpose., instrument: inst-0}",
        "directions:",
    ]
    per_direction = -(-actions // 26)
    progress = []
    made = 0
    for letter in string.ascii_uppercase:
        if made >= actions:
            break
        out += [
            f"  - id: {letter}",
            f"    title: Direction {letter}",
            "    implements: inst-0",
            "    actions:",
        ]
        for i in range(1, min(per_direction, actions - made) + 1):
            ident = f"{letter}.{i}"
            kind = KINDS[made % len(KINDS)]
            out += [
                f"      - id: {ident}",
                f"        text: Synthetic action {ident}, in the plan's own words.",
            ]
            if made % 7 == 0:
                out.append(f"        addresses: {{not_ratified: inst-{made % instruments}}}")
            parties = [
                "coordinator",
                "chair",
                "all",
                "eu",
                f"agency-{codes[made % states].lower()}",
                codes[(made * 7) % states],
            ]
            out += [
                "        responsible:",
                "          wording: Synthetic responsible parties",
                f"          parties: [{parties[made % 6]}, {parties[(made + 1) % 6]}]",
            ]
            if kind:
                out += [
                    "        deadline:",
                    f"          wording: Synthetic deadline {kind}",
                    f"          kind: {kind}",
                ]
                if kind == "fixed":
                    out.append(f'          due: "{2009 + made % 3}-{1 + made % 12:02d}"')
            if kind == "each-semester" and made % 2 == 0:
                progress.append(
                    f'  - {{action: {ident}, occurrence: 2009-H2, date: 2009-12-{1 + made % 28:02d}, status: done, summary: Met., source: "https://reports.example/2009/{made}"}}'
                )
            if kind == "each-february-after-year" and made % 3 == 0:
                progress.append(
                    f'  - {{action: {ident}, occurrence: "2009", date: 2010-03-{1 + made % 28:02d}, status: done, summary: Late., source: https://reports.example/2010/{made}}}'
                )
            out.append("        notes: [A note.]" if made % 5 == 0 else "")
            made += 1
    out = [line for line in out if line]
    out.append("states:")
    out += [
        f'  - {{code: {c}, name: State {c}, member_since: 1992-06-25, source: "https://register.example/bsec/{c}"}}'
        for c in codes
    ]
    out.append("instruments:")
    out += [
        f'  - {{id: inst-{i}, kind: {"protocol" if i % 4 else "agreement"}, title: Instrument {i}, short: I{i}, done_on: 2000-01-01, source: "https://treaties.example/{i}"}}'
        for i in range(instruments)
    ]
    out += [
        "parties:",
        "  - {id: coordinator, kind: role, name: Country-Coordinator}",
        "  - {id: chair, kind: chairmanship, name: Chairmanship-in-Office}",
        "  - {id: all, kind: all-member-states, name: All Member States}",
        "  - {id: eu, kind: eu-member-states, name: EU Member States}",
    ]
    out += [
        f"  - {{id: agency-{c.lower()}, kind: agency, state: {c}, name: Agency of {c}}}"
        for c in codes
    ]
    out.append("ratifications:")
    for n, c in enumerate(codes):
        for i in range(instruments):
            if (n + i) % 3 == 0:
                out.append(
                    f'  - {{state: {c}, instrument: inst-{i}, events: [{{event: ratification, date: 200{(n + i) % 10}-06-01, source: "https://gazette.example/{n}/{i}"}}]}}'
                )
            elif (n + i) % 3 == 1:
                out.append(
                    f'  - {{state: {c}, instrument: inst-{i}, events: [{{event: publication, source: "https://gazette.example/{n}/{i}"}}]}}'
                )
    out.append("liaison_officers:")
    out += [
        f'  - {{state: {c}, status: {"appointed" if n % 4 else "not-appointed"}, source: "https://notes.example/{c}"}}'
        for n, c in enumerate(codes)
    ]
    out.append("eu_membership:")
    out += [
        f'  - {{state: {c}, since: 2007-01-01, source: "https://europa.eu/european-union/about-eu/countries_en"}}'
        for c in codes[::5]
    ]
    out.append("chairmanships:")
    months = [(2009 + m // 12, 1 + m % 12) for m in range(0, 36, 6)]
    out += [
        f'  - {{state: {codes[n % states]}, start: {y}-{m:02d}, end: {y}-{m + 5:02d}, source: "https://press.example/{y}/{m}"}}'
        for n, (y, m) in enumerate(months)
    ]
    out.append("progress:")
    out += progress or ["  []"]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Write a valid synthetic plan of N actions.")
    parser.add_argument("--actions", type=int, required=True)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(plan_text(args.actions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
