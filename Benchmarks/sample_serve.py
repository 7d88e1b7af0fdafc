#!/usr/bin/env python3
"""Samples a running `flightdeck serve` (Benchmarks article, "The controller", live).

sample_serve.py PID SECONDS [INTERVAL_S]

Every INTERVAL_S (default 0.1 s) for SECONDS it reads, from /proc (Linux):
  - the process's CPU time (/proc/PID/stat utime + stime, clock ticks);
  - its resident set (/proc/PID/status VmRSS);
  - the controller loop thread's (comm "fd-controller"; in builds before it had that name, the
    busiest thread of the process when sampling starts) time on a CPU and time waiting for one
    (/proc/PID/task/TID/schedstat: run ns, run-queue wait ns).
A round of the alert rules shows as a burst of the controller thread: consecutive samples in which it
was on a CPU or waiting for one (run + wait) for at least half the interval, merged across gaps
shorter than 0.5 s; bursts shorter than 0.3 s (a tail poll, a rollout tick) are not rounds.
Per burst it reports the wall time (start to end, including waits for a CPU on a loaded machine) and
the CPU time the thread used (run ns). Also the load average at the start and the end.
"""
import os
import statistics
import sys
import time

pid = int(sys.argv[1])
seconds = float(sys.argv[2])
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.1
tck = os.sysconf("SC_CLK_TCK")


def proc_ticks():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)


def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def controller_tid():
    busiest, most = None, -1
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if f.read().strip() == "fd-controller":
                    return tid
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu = int(fields[11]) + int(fields[12])
            if int(tid) != pid and cpu > most:
                busiest, most = tid, cpu
        except OSError:
            pass
    return busiest


def schedstat(tid):
    with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
        run, wait, _ = f.read().split()
    return int(run), int(wait)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


tid = controller_tid()
if tid is None:
    sys.exit("no controller thread in process %d" % pid)
load_start = loadavg()
t_start = time.monotonic()
ticks_start = proc_ticks()
rss = []
samples = []  # (t, run_ns, wait_ns)
last = schedstat(tid)
next_t = t_start
while True:
    next_t += interval
    delay = next_t - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    now = time.monotonic()
    run, wait = schedstat(tid)
    samples.append((now, run - last[0], wait - last[1]))
    last = (run, wait)
    if len(samples) % int(round(1 / interval)) == 0:
        rss.append(rss_kib())
    if now - t_start >= seconds:
        break
ticks = proc_ticks() - ticks_start
elapsed = time.monotonic() - t_start
load_end = loadavg()

# Bursts: busy samples (run + wait >= half the interval), merged over gaps < 0.5 s.
bursts = []  # [start, end, run_ns, wait_ns]
prev_t = t_start
for t, run, wait in samples:
    busy = (run + wait) >= 0.5 * (t - prev_t) * 1e9
    if busy:
        if bursts and prev_t - bursts[-1][1] < 0.5:
            b = bursts[-1]
            b[1] = t
            b[2] += run
            b[3] += wait
        else:
            bursts.append([prev_t, t, run, wait])
    prev_t = t
rounds = [b for b in bursts if b[1] - b[0] >= 0.3]

print(f"sampled {elapsed:.0f} s of pid {pid}; load average {load_start} at the start, {load_end} at the end")
print(f"process CPU: {ticks} ticks in {elapsed:.0f} s = {100 * ticks / tck / elapsed:.1f} % of one core")
if rss:
    print(f"RSS: min {min(rss) / 1024:.0f} MiB, max {max(rss) / 1024:.0f} MiB, last {rss[-1] / 1024:.0f} MiB")
if rounds:
    walls = [b[1] - b[0] for b in rounds]
    cpus = [b[2] / 1e9 for b in rounds]
    waits = [b[3] / 1e9 for b in rounds]
    gaps = [rounds[i + 1][0] - rounds[i][0] for i in range(len(rounds) - 1)]
    print(f"controller rounds (bursts >= 0.3 s): {len(rounds)}, "
          f"start-to-start median {statistics.median(gaps) if gaps else 0:.1f} s")
    print(f"  wall per round: median {statistics.median(walls):.2f} s, min {min(walls):.2f}, max {max(walls):.2f}")
    print(f"  CPU per round:  median {statistics.median(cpus):.2f} s, min {min(cpus):.2f}, max {max(cpus):.2f}")
    print(f"  waiting for a CPU per round: median {statistics.median(waits):.2f} s")
else:
    print("controller rounds: none seen")
