#!/usr/bin/env bash
# Heap per registration in SIP mode: the gateway (server-stub/target/byon-gateway.jar) with the IMS lab as its
# network, one subscriber (alice) registering N web endpoints (REGISTER + digest each) on one WebSocket channel;
# heap used after a full GC (jcmd GC.run, GC.heap_info) before and after, divided by N.
#
#   ims-lab/heap.sh [N, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000}"
RUN="$(mktemp -d "${TMPDIR:-/tmp}/byon-heap-XXXXXX")"
LAB_RING_MS=3000 ims-lab/lab.sh start "$RUN/lab" >/dev/null
# shellcheck disable=SC1091
source "$RUN/lab/lab.env"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar server-stub/target/byon-gateway.jar --server.port="$port" --server.address=127.0.0.1 \
  --logging.level.root=WARN --byon.racm.max-registrations-per-subscriber=$((N + 10)) \
  --byon.limits.subscriber-requests-per-second=0 --byon.network.mode=sip \
  --byon.sip.outbound-proxy="127.0.0.1:$LAB_KAM_PORT" --byon.sip.credentials.alice.password=alice-sip \
  > "$RUN/gateway.log" 2>&1 &
gw=$!
trap 'kill "$gw" 2>/dev/null; wait "$gw" 2>/dev/null || true; ims-lab/lab.sh stop "$RUN/lab" >/dev/null' EXIT
trap 'exit 143' INT TERM
for _ in $(seq 1 240); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/.well-known/openid-configuration" 2>/dev/null && break
  sleep 0.5
done
base="http://127.0.0.1:$port/byon/v1"
token=$(curl -fsS -u alice:alice-secret -d grant_type=client_credentials "http://127.0.0.1:$port/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
channel=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"channelType":"WebSocket"}' "$base/channels" | python3 -c 'import json,sys; print(json.load(sys.stdin)["channelId"])')
heap() { jcmd "$gw" GC.run >/dev/null; sleep 1; jcmd "$gw" GC.heap_info | python3 -c '
import re, sys
t = sys.stdin.read()
m = re.search(r"used (\d+)K", t)
print(int(m.group(1)) if m else -1)'; }
before=$(heap)
start=$SECONDS
ok=0
for i in $(seq 1 "$N"); do
  uuid=$(cat /proc/sys/kernel/random/uuid)
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"deviceId\":\"$uuid\",\"channelId\":\"$channel\"}" "$base/racm/sessions")
  [[ $code == 201 ]] && ok=$((ok + 1))
done
took=$((SECONDS - start))
after=$(heap)
contacts=$(kamcmd -s "unix:$RUN/lab/kamailio_ctl" ul.lookup location "+447700900001@$LAB_DOMAIN" 2>/dev/null | grep -c 'Address:' || true)
echo "registrations: $ok of $N in ${took} s; Kamailio contacts for alice: $contacts"
echo "heap used after full GC: before ${before} KiB, after ${after} KiB, per registration $(( (after - before) * 1024 / (ok > 0 ? ok : 1) )) bytes"
