#!/usr/bin/env python3
"""Writes a synthetic .transit spec for the generator benchmark: STATES states, 300 triggers and
10 transitions out of each state (a ring that reaches every state, 8 random ones and a wildcard
into a reset state), with assertions over the whole graph. Seeded: the same arguments give the
same spec, byte for byte.

With --unreachable, a machine whose STATES states nothing leads to instead: one warning and
its note each, for the cost of diagnostics.

usage: make_spec.py [--unreachable] STATES SEED OUT.transit
"""
import random
import sys

TRIGGERS = 300
INITIATORS = ["user", "auto", "self", "user, auto", "auto, self", "user, self", "user, auto, self"]


def unreachable(states, path):
    out = [f"machine lonely{states} {{", "    initial start", "    trigger go", "    state start",
           "    state next", "    start -> next on go by user", "    next -> start on go by auto"]
    out += [f"    state s{s}" for s in range(states)]
    out.append("}")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    if sys.argv[1] == "--unreachable":
        unreachable(int(sys.argv[2]), sys.argv[4])
        return
    states, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    out = [f"# Synthetic: {states} states, {TRIGGERS} triggers, seed {seed}. Written by make_spec.py.",
           f"machine synth{states} \"A generated machine for the generator benchmark.\" {{",
           "    initial s0", ""]
    out += [f"    trigger t{t}" for t in range(TRIGGERS)]
    out.append("    trigger reset \"Back to the start, from anywhere.\"")
    out.append("")
    out += [f"    state s{s}" for s in range(states)]
    out.append("    state sink \"Where a reset leads; left only for s0.\"")
    out.append("")
    for s in range(states):
        out.append(f"    s{s} -> s{(s + 1) % states} on t0 by {rng.choice(INITIATORS)}")
        for t in rng.sample(range(1, TRIGGERS), 8):
            out.append(f"    s{s} -> s{rng.randrange(states)} on t{t} by {rng.choice(INITIATORS)}")
    out.append("    * except s0 -> sink on reset by user \"Every state but s0 can be reset.\"")
    out.append("    sink -> s0 on t0 by auto")
    out.append("")
    out += ["    assert reachable *", "    assert no deadlock", "    assert reachable s0 from *",
            "    assert only user -> sink", "    assert sink -> only s0",
            "    assert reachable sink from s1 by user", "}"]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
