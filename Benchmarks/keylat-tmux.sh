#!/bin/bash
# keylat-tmux.sh BINARY LABEL FILE KEY...
# Starts `BINARY dashboard FILE` in a tmux session of 200x50 cells on a socket of its own
# (`tmux -L keylat`, or `tmux -L $SOCKET`), waits LOAD seconds (default 45) for the file to be read, prints the load
# average, the dashboard's idle CPU over IDLE seconds (default 30; utime+stime from /proc/PID/stat,
# in ticks of 1/CLK_TCK s), then sends each KEY (tmux key names: j, Enter, Escape, BTab, BSpace, …)
# and prints the milliseconds until the pane's text changes (capture-pane polled every 5 ms).
# A key that changes nothing on screen is reported after 5 s.
# Example (Benchmarks.md, "Typing a filter at 100 000 artefacts"):
#   Benchmarks/keylat-tmux.sh .build/release/flightdeck after /tmp/c200k.jsonl j k Enter Escape / s v c BSpace Enter Escape
B=$1; L=$2; F=$3; shift 3; S=kl$L; T="tmux -L ${SOCKET:-keylat}"; IDLE=${IDLE:-30}; LOAD=${LOAD:-45}
$T kill-session -t "$S" 2>/dev/null
$T new-session -d -s "$S" -x 200 -y 50 "$B dashboard $F"
sleep "$LOAD"
PID=$($T list-panes -t "$S" -F '#{pane_pid}')
echo "$L load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$IDLE" -gt 0 ]; then
  a=$(awk '{print $14+$15}' /proc/$PID/stat); sleep "$IDLE"; b=$(awk '{print $14+$15}' /proc/$PID/stat)
  echo "$L idle: $(( b - a )) ticks of 1/$(getconf CLK_TCK) s in $IDLE s; $(grep VmRSS /proc/$PID/status)"
fi
for k in "$@"; do
  before=$($T capture-pane -p -t "$S" | md5sum)
  s=$(date +%s%N)
  $T send-keys -t "$S" "$k"
  while :; do
    now=$($T capture-pane -p -t "$S" | md5sum); e=$(date +%s%N)
    [ "$now" != "$before" ] && break
    [ $(( (e - s) / 1000000 )) -gt 5000 ] && { echo "$L $k: no change in 5 s"; continue 2; }
    sleep 0.005
  done
  printf '%s %-7s %5d ms\n' "$L" "$k" $(( (e - s) / 1000000 ))
  sleep 0.4
done
echo "$L load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
$T send-keys -t "$S" q; sleep 1; $T kill-session -t "$S" 2>/dev/null
