#!/usr/bin/env python3
"""The generator benchmark: time and peak memory of `transitc check` and `transitc generate` on
synthetic specs of 1,000, 10,000 and 100,000 states (make_spec.py, seeded), and the growth factor
from one size to the next; and, since time on a shared machine also measures its caches and page
faults, the instructions each run executes (valgrind's callgrind), whose growth is the algorithm's
alone. Prints Markdown tables.

usage: run.py TRANSITC [SIZES...]
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WANTED = ["c", "json", "dot", "mermaid"]
RUNS = 3


def emit_kinds(transitc):
    """The wanted output kinds this transitc has (its --help lists them)."""
    text = subprocess.run([transitc, "--help"], capture_output=True, text=True).stdout
    have = set(re.findall(r"^\s{18,22}(\w+)\s", text, re.M))
    return [k for k in WANTED if k in have]


def measure(argv):
    """Median wall seconds and the largest peak RSS (MiB) of RUNS runs of argv."""
    times, peaks = [], []
    for _ in range(RUNS):
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            if os.waitstatus_to_exitcode(status) != 0:
                err.seek(0)
                sys.exit(f"run.py: {' '.join(argv)} failed:\n{err.read().decode()[:2000]}")
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def instructions(argv):
    """Instructions argv executes, as valgrind --tool=callgrind counts them; None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", run.stderr)
    return int(found.group(1)) if run.returncode == 0 and found else None


def main():
    transitc = sys.argv[1]
    sizes = [int(s) for s in sys.argv[2:]] or [1000, 10000, 100000]
    kinds = emit_kinds(transitc)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            spec = os.path.join(tmp, f"synth{n}.transit")
            subprocess.run([sys.executable, os.path.join(HERE, "make_spec.py"), str(n), "1", spec],
                           check=True)
            transitions = 10 * n  # per state: the ring, 8 random, the wildcard (s0 aside, sink -> s0 instead)
            out = os.path.join(tmp, f"out{n}")
            os.mkdir(out)
            check = measure([transitc, "check", spec])
            gen = measure([transitc, "generate", "-o", out, "--emit",
                           ",".join(kinds), spec])
            written = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
            counted = (instructions([transitc, "check", spec]),
                       instructions([transitc, "generate", "-o", out, "--emit", ",".join(kinds), spec]))
            rows.append((n, transitions, os.path.getsize(spec), check, gen, written, counted))
    print(f"transitc generate --emit {','.join(kinds)}; median of {RUNS} runs, peak RSS the largest\n")
    print("| states | transitions | spec | check s | check MiB | generate s | generate MiB "
          "| output | time growth (check, generate) | memory growth |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    for n, tr, size, (ct, cm), (gt, gm), written, _ in rows:
        growth = (f"{ct / prev[3]:.1f}x, {gt / prev[0]:.1f}x / {n / prev[2]:.0f}x" if prev
                  else "-")
        mgrowth = f"{gm / prev[1]:.1f}x" if prev else "-"
        print(f"| {n:,} | {tr:,} | {size / 2**20:.1f} MiB | {ct:.2f} | {cm:.0f} | {gt:.2f} | {gm:.0f} "
              f"| {written / 2**20:.1f} MiB | {growth} | {mgrowth} |")
        prev = (gt, gm, n, ct)
    if all(c is not None for row in rows for c in row[6]):
        print("\nInstructions executed (callgrind), the same on a busy machine:\n")
        print("| states | check | growth | generate | growth |\n|---:|---:|---:|---:|---:|")
        prev = None
        for n, *_, (ci, gi) in rows:
            grow = [f"{x / p:.1f}x / {n / prev[2]:.0f}x" if prev else "-"
                    for x, p in ((ci, prev[0] if prev else 1), (gi, prev[1] if prev else 1))]
            print(f"| {n:,} | {ci / 1e9:.2f} G | {grow[0]} | {gi / 1e9:.2f} G | {grow[1]} |")
            prev = (ci, gi, n)
    diagnostics(transitc)


def diagnostics(transitc):
    """transitc check on machines with 5,000 and 50,000 unreachable states: a warning each."""
    print("\n`transitc check` printing one -Wunreachable warning (with source line, caret and note)"
          " per state:\n")
    print("| warnings | check s | check MiB |\n|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (5000, 50000):
            spec = os.path.join(tmp, f"lonely{n}.transit")
            subprocess.run([sys.executable, os.path.join(HERE, "make_spec.py"), "--unreachable",
                            str(n), "1", spec], check=True)
            t, mem = measure([transitc, "check", spec])
            print(f"| {n:,} | {t:.2f} | {mem:.0f} |")


if __name__ == "__main__":
    main()
