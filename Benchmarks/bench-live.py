#!/usr/bin/env python3
"""Live updates benchmark: the time from a pointer move committed by one client
to its appearance on another client's dashboard.

A real `flightdeck dashboard` runs in tmux (socket `-L live`, 80x24); this
script moves the `staging` pointer of a fresh artefact N times with
`flightdeck promote` (a second client, its own process) and, after each
command returns (the move is committed), reads the dashboard's screen
(`tmux capture-pane`) every ~2 ms until the status line announces the move
("… moved ART staging v003 → v004"). The latency is the time from the
command's return to the first capture showing the move, so it includes the
dashboard's reload, its frame and the terminal output, and up to one capture
(~2-5 ms) of polling. Between moves it waits a random 0.2-0.8 s, so a polling
dashboard is caught at every phase of its 500 ms poll.

Usage:
  FLIGHTDECK=.build/release/flightdeck python3 Benchmarks/bench-live.py [--store URL] [--moves N]
Without --store the store is a workspace's SQLite file (polling, 500 ms); with
--store postgres://… the dashboard follows LISTEN/NOTIFY.
Prints each latency and p50/p95/max (ms) and the load average.
"""
import argparse
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SOCKET = "live"


def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=check, capture_output=True, text=True)


def screen():
    return tmux("capture-pane", "-p", "-t", "bench").stdout


def percentile(values, p):
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", help="postgres://… (default: the workspace's SQLite file)")
    parser.add_argument("--moves", type=int, default=50)
    args = parser.parse_args()
    fd = os.environ.get("FLIGHTDECK")
    if not fd:
        sys.exit("set FLIGHTDECK to a flightdeck binary")
    fd = os.path.abspath(fd)
    work = tempfile.mkdtemp(prefix="fd-bench-live.")
    ws = os.path.join(work, "ws")
    telemetry = os.path.join(work, "t.jsonl")
    open(telemetry, "w").close()
    env = dict(os.environ, FLIGHTDECK_USER="bob")
    store = ["--store", args.store] if args.store else []

    def cli(*a):
        return subprocess.run([fd, *a, "--workspace", ws, *store], env=env, check=True, capture_output=True,
                              text=True)

    art = "live%04d" % random.randrange(10000)
    try:
        cli("init")
        cli("registry", "register", art, "--kind", "model", "--tier", "low")
        labels = ["v%03d" % i for i in range(args.moves + 1)]
        for label in labels:
            cli("registry", "register", art, label)
        cli("promote", art, labels[0], "--to", "staging", "--reason", "start")
        tmux("kill-server", check=False)
        command = shlex.join([fd, "dashboard", "--workspace", ws, *store, telemetry])
        tmux("new-session", "-d", "-s", "bench", "-x", "80", "-y", "24",
             "env FLIGHTDECK_USER=alice TERM=xterm-256color " + command + "; sleep 60")
        deadline = time.time() + 30
        while art not in screen():
            if time.time() > deadline:
                sys.exit("the dashboard did not show %s within 30 s:\n%s" % (art, screen()))
            time.sleep(0.05)
        time.sleep(1)
        latencies = []
        for i in range(1, args.moves + 1):
            time.sleep(random.uniform(0.2, 0.8))
            want = "→ %s" % labels[i]
            cli("promote", art, labels[i], "--to", "staging", "--reason", "move %d" % i)
            committed = time.monotonic()
            while want not in screen():
                if time.monotonic() - committed > 10:
                    sys.exit("move %d not on screen after 10 s:\n%s" % (i, screen()))
                time.sleep(0.002)
            latencies.append((time.monotonic() - committed) * 1000)
            print("move %d: %.1f ms" % (i, latencies[-1]), flush=True)
        load = os.getloadavg()
        print("store: %s; %d moves: p50 %.0f ms, p95 %.0f ms, max %.0f ms, mean %.0f ms; load average %.2f %.2f %.2f"
              % (args.store.split("@")[-1].split("?")[0] if args.store else "sqlite (workspace file)",
                 len(latencies), percentile(latencies, 50), percentile(latencies, 95), max(latencies),
                 statistics.mean(latencies), *load))
    finally:
        tmux("kill-server", check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
