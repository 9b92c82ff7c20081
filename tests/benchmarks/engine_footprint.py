#!/usr/bin/env python3
"""Footprint of the emulator's engines (serve.py --engine mariadb): memory and start time per server.

    python tests/benchmarks/engine_footprint.py [--servers 6] [--rows 2000]

Run it with the Python of the test virtualenv (it needs PyMySQL), e.g.
``.venv/bin/python tests/benchmarks/engine_footprint.py``; MariaDB must be installed (scripts/lib.sh
``ensure_mariadb``). It uses the engine package itself, in a temporary state directory:

  (a) the template data directory (mariadb-install-db and the built-in accounts), made once per state directory;
  (b) each server's start, one after the other: a copy of the template, then mariadbd until it answers;
  (c) the same number of servers started at once (the emulator starts an instance's nodes in parallel);
  (d) memory after a small workload on each (a table of --rows rows written and read): resident set (RSS)
      and proportional set (PSS, shared pages divided among the servers) from /proc.

and prints the figures. It checks the stated bounds (a server starts in at most 2 s and uses at most 120 MB)
and exits 1 when one is exceeded. Timings depend on the machine; run it on a quiet one.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from tests.emulator.engine.manager import EngineManager, in_parallel  # noqa: E402
from tests.emulator.engine.mariadb import proc_kb  # noqa: E402

START_BOUND = 2.0          # seconds
MEMORY_BOUND = 120 * 1024  # kB


def timed(fn):
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def workload(server, rows):
    server.execute("CREATE DATABASE bench", "CREATE TABLE bench.t (id INT PRIMARY KEY, v VARCHAR(64))")
    values = ",".join(f"({n}, REPEAT('x', 60))" for n in range(rows))
    server.execute(f"INSERT INTO bench.t VALUES {values}", "SELECT COUNT(*), SUM(LENGTH(v)) FROM bench.t")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", type=int, default=6)
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()
    state = tempfile.mkdtemp(prefix="clouddb-engine-bench-")
    manager = EngineManager(state)
    failures = []
    try:
        template = timed(manager.ws.ensure_template)
        print(f"template data directory (once per state dir): {template:.2f} s")

        def new(n):
            return manager.new_server(f"bench-{n}", [manager.allocate_address(3306)], 3306)

        one_by_one = [new(n) for n in range(args.servers)]
        starts = []
        for server in one_by_one:
            starts.append(timed(lambda s=server: (s.create(), s.start())))
        print(f"start, one at a time ({args.servers}): median {statistics.median(starts):.2f} s, "
              f"max {max(starts):.2f} s (bound {START_BOUND:.0f} s)")
        at_once = [new(args.servers + n) for n in range(args.servers)]
        wall = timed(lambda: in_parallel(*[lambda s=s: (s.create(), s.start()) for s in at_once]))
        print(f"start, {args.servers} at once: {wall:.2f} s in all")
        servers = one_by_one + at_once
        in_parallel(*[lambda s=s: workload(s, args.rows) for s in servers])
        rss = [s.rss_kb() for s in servers]
        pss = [proc_kb(s.pid, "Pss", "smaps_rollup") for s in servers]
        print(f"memory after {args.rows} rows each ({len(servers)} servers): RSS median {statistics.median(rss) / 1024:.0f} MB, "
              f"max {max(rss) / 1024:.0f} MB (bound {MEMORY_BOUND // 1024} MB)"
              + (f"; PSS median {statistics.median(pss) / 1024:.0f} MB" if all(pss) else ""))
        print(f"disk per server: {_du(one_by_one[0].dir) / 1024 / 1024:.0f} MB")
        if max(starts) > START_BOUND:
            failures.append(f"a server took {max(starts):.2f} s to start")
        if max(rss) > MEMORY_BOUND:
            failures.append(f"a server uses {max(rss) / 1024:.0f} MB")
    finally:
        manager.shutdown()
        shutil.rmtree(state, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


if __name__ == "__main__":
    sys.exit(main())
