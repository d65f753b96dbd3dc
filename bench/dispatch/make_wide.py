#!/usr/bin/env python3
"""Writes the dispatch benchmark's wide machine (issue 18): specs/wide.transit, 100 states and 50
triggers (committed; its hand switch, wide_hand.c, is written from it at build time by
wide_hand.awk). Seeded: the output is the same on every run. Usage: make_wide.py [DIR] (default:
beside this script)."""
import os
import random
import sys

STATES, TRIGGERS = 100, 50
USER, AUTO, SELF = 1, 2, 4
NAMES = {USER: "user", AUTO: "auto", SELF: "self"}


def machine():
    """{state: {trigger: [(initiator bits, target)]}} with disjoint initiator sets per cell."""
    rng = random.Random(18)
    cells = {}
    for s in range(STATES):
        row = {0: [(USER | AUTO, (s + 1) % STATES)]}  # a ring on t0 reaches every state
        for t in rng.sample(range(1, TRIGGERS), 16):
            roll = rng.random()
            if roll < 0.2:  # the target depends on the initiator
                a, b = rng.sample([USER, AUTO, SELF], 2)
                row[t] = [(a, rng.randrange(STATES)), (b, rng.randrange(STATES))]
            elif roll < 0.3:  # a self-loop
                row[t] = [(rng.choice([USER, AUTO, SELF, USER | SELF]), s)]
            else:
                bits = rng.choice([USER, AUTO, SELF, USER | AUTO, AUTO | SELF, USER | AUTO | SELF])
                row[t] = [(bits, rng.randrange(STATES))]
        cells[s] = row
    return cells


def spec(cells):
    out = ["# Written by make_wide.py (seeded): the dispatch benchmark's wide machine, 100 states",
           "# and 50 triggers, 16 or 17 transitions out of each state; a fifth of them choose the",
           "# target by initiator, a tenth are self-loops, a ring on t0 reaches every state.",
           "machine wide {", "    initial s0"]
    out += ["    trigger t%d" % t for t in range(TRIGGERS)]
    out += ["    state s%d" % s for s in range(STATES)]
    for s in range(STATES):
        for t in sorted(cells[s]):
            for bits, to in cells[s][t]:
                by = ", ".join(NAMES[b] for b in (USER, AUTO, SELF) if bits & b)
                out.append("    s%d -> s%d on t%d by %s" % (s, to, t, by))
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    cells = machine()
    with open(os.path.join(here, "specs", "wide.transit"), "w") as f:
        f.write(spec(cells))


if __name__ == "__main__":
    main()
