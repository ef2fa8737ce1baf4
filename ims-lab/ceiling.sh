#!/usr/bin/env bash
# Kamailio's own ceiling in the IMS lab, the anchor for the gateway's SIP-mode numbers: SIPp UAC -> Kamailio ->
# SIPp UAS (+447700900109, SIPp's built-in UAS), no gateway. For each rate, N calls (INVITE, 180, 200, ACK, BYE,
# 200); prints successful and failed calls and the achieved rate.
#
#   ims-lab/ceiling.sh [RATES (calls/s, default "100 300 600")] [CALLS per rate, default 3000]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RATES="${1:-100 300 600}"
CALLS="${2:-3000}"
RUN="$(mktemp -d "${TMPDIR:-/tmp}/byon-ceiling-XXXXXX")"
LAB_CHILDREN="${LAB_CHILDREN:-2}" "$HERE/lab.sh" start "$RUN/lab" >/dev/null   # two workers, as measured
trap '"$HERE/lab.sh" stop "$RUN/lab" >/dev/null' EXIT
# shellcheck disable=SC1091
source "$RUN/lab/lab.env"
printf '| offered calls/s | calls | successful | failed | achieved calls/s |\n|---|---|---|---|---|\n'
for rate in $RATES; do
  port="$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  start=$(date +%s.%N)
  sipp 127.0.0.1:"$LAB_KAM_PORT" -sn uac -s +447700900109 -i 127.0.0.1 -p "$port" -r "$rate" -m "$CALLS" -d 0 \
    -nostdin -nd -timeout 120 -recv_timeout 5000 -trace_stat -stf "$RUN/stat-$rate.csv" -fd 1 < /dev/null > "$RUN/uac-$rate.log" 2>&1 || true
  end=$(date +%s.%N)
  ok=$(grep -E "Successful call" "$RUN/uac-$rate.log" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  failed=$(grep -E "Failed call" "$RUN/uac-$rate.log" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  achieved=$(python3 -c "print(round(${ok:-0} / ($end - $start), 1))")
  printf '| %s | %s | %s | %s | %s |\n' "$rate" "$CALLS" "${ok:-?}" "${failed:-?}" "$achieved"
done
