# The checks both kill loops run after their operations (sourced, not run):
#   1. `flightdeck audit verify` exits 0, and the exported chain is one linear
#      chain (sequences 1…N, each entry's previousHash the hash before it);
#   2. every operation that reported success (exit 0) is in the audit log:
#      each request it created (request.create by its requester), each
#      approval (request.approve of REQ-N by the approver), each rollback;
#   3. nothing is in the log that no operation could have done: per action,
#      successes <= entries in the log <= successes + killed attempts;
#   4. the store agrees with the log: every request and decision listed by
#      `requests --all --json` and every pointer move of `history --json` has
#      its audit entry (request.create / request.approve / pointer.move or rollback).
# The caller defines: fd USER ARGS… (runs flightdeck as USER on the store under
# test), DIR (a scratch folder), LOG (TSV: i, op, user, subject, rc, output) and
# ARTEFACTS (the artefacts' names). Sets fail=0 (all passed) or 1.
fail=0
if fd alice audit verify; then :; else echo "FAIL: audit verify exit $?"; fail=1; fi
fd alice audit export --format jsonl >"$DIR/audit.jsonl" || { echo "FAIL: export"; exit 1; }
fd alice requests --all --limit 100000 --json >"$DIR/requests.json" || exit 1
: >"$DIR/moves.jsonl"
for a in "${ARTEFACTS[@]}"; do fd alice history "$a" --json | jq -c '.moves[]' >>"$DIR/moves.jsonl"; done

# One linear chain: sequences 1…N, each entry's previousHash the hash before it.
jq -s -e '[.[].sequence] == [range(1; length + 1)] and ([.[1:][].previousHash] == [.[:-1][].hash])' \
  "$DIR/audit.jsonl" >/dev/null || { echo "FAIL: the exported chain is not one linear chain"; fail=1; }

missing=0
while IFS=$'\t' read -r i op user subject rc out; do
  [ "$rc" = 0 ] || continue
  case $op in
    promote) q='select(.action=="request.create" and .subject==$s and .actor==$u)' ;;
    approve) q='select(.action=="request.approve" and .subject==$s and .actor==$u)' ;;
    rollback) q='select(.action=="rollback" and (.subject|startswith($s+":")) and .actor==$u and .reason==$r)' ;;
  esac
  n=$(jq -c --arg s "$subject" --arg u "$user" --arg r "loop $i" "$q" "$DIR/audit.jsonl" | wc -l)
  if [ "$n" -lt 1 ]; then echo "MISSING: op $i $op $user $subject: $out"; missing=$((missing + 1)); fi
done <"$LOG"
[ "$missing" = 0 ] || fail=1

for pair in promote:request.create approve:request.approve rollback:rollback; do
  op=${pair%%:*} action=${pair##*:}
  ok=$(awk -F'\t' -v o="$op" '$2==o && $5==0' "$LOG" | wc -l)
  k=$(awk -F'\t' -v o="$op" '$2==o && $5==137' "$LOG" | wc -l)
  n=$(jq -c --arg a "$action" 'select(.action==$a and (.reason|startswith("loop ")))' "$DIR/audit.jsonl" | wc -l)
  printf '%-8s succeeded %4d  killed %4d  in log %4d\n' "$op" "$ok" "$k" "$n"
  if [ "$n" -lt "$ok" ] || [ "$n" -gt $((ok + k)) ]; then echo "FAIL: $op count $n outside [$ok, $((ok + k))]"; fail=1; fi
done

n_req=$(jq '[.requests[]] | length' "$DIR/requests.json")
n_req_log=$(jq -c 'select(.action=="request.create")' "$DIR/audit.jsonl" | wc -l)
n_dec=$(jq '[.requests[].decisions[] | select(.verdict=="approve")] | length' "$DIR/requests.json")
n_dec_log=$(jq -c 'select(.action=="request.approve")' "$DIR/audit.jsonl" | wc -l)
n_mov=$(wc -l <"$DIR/moves.jsonl")
n_mov_log=$(jq -c 'select(.action=="pointer.move" or .action=="rollback")' "$DIR/audit.jsonl" | wc -l)
echo "store vs log: requests $n_req/$n_req_log  approvals $n_dec/$n_dec_log  pointer moves $n_mov/$n_mov_log"
if [ "$n_req" != "$n_req_log" ] || [ "$n_dec" != "$n_dec_log" ] || [ "$n_mov" != "$n_mov_log" ]; then
  echo "FAIL: store and audit log disagree"; fail=1
fi
echo "audit entries: $(wc -l <"$DIR/audit.jsonl")"
