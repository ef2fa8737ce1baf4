#!/usr/bin/env bash
# The gateway in SIP mode beside simulated mode, same driver (bench/src), same run, with Kamailio's own ceiling
# as the anchor (issue 11 item 5). Prints a table with the ratios and writes bench/results/raw/sip-*.json.
#
#   bench/sip.sh                 call flow (complete A->B calls/s, POST -> session-invitation latency) in both modes,
#                                Kamailio's ceiling (ims-lab/ceiling.sh), heap per registration at 1,000 registrations
#   bench/run.sh --only sip      the same, from the bench's one command
#
# SIP mode: the IMS lab (ims-lab/lab.sh: Kamailio registrar + forking proxy, digest on REGISTER and on the
# subscribers' INVITEs) on 127.0.0.1 with free ports; A's INVITE goes gateway -> Kamailio -> the gateway's own
# binding of B, so every call is two SIP legs through the core. Everything it starts is stopped by PID.
# Settings: BENCH_SIP_PAIRS (8), BENCH_SIP_WARMUP (10 s), BENCH_SIP_DURATION (20 s), BENCH_SIP_REGISTRATIONS (1000),
# BENCH_SIP_PER_SUBSCRIBER (5), BENCH_SIP_CEILING_RATES ("100 300 600"), BENCH_SIP_CEILING_CALLS (3000),
# BENCH_SIP_ROUNDS (2: call-flow rounds per mode, alternated; each mode's best round is compared).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
RESULTS="${BENCH_RESULTS:-$BENCH/results}"
RAW="$RESULTS/sip"          # its own folder: the bench report (raw/*.json) is not mixed with SIP-mode figures
TMP="$RESULTS/tmp/sip"
GATEWAY_JAR="${BENCH_GATEWAY_JAR:-$ROOT/server-stub/target/byon-gateway.jar}"
BENCH_JAR="$BENCH/target/byon-bench.jar"
PAIRS="${BENCH_SIP_PAIRS:-8}"
WARMUP="${BENCH_SIP_WARMUP:-10}"
DURATION="${BENCH_SIP_DURATION:-20}"
REGS="${BENCH_SIP_REGISTRATIONS:-1000}"
PER_SUB="${BENCH_SIP_PER_SUBSCRIBER:-5}"   # contacts per identity: every 200 to a REGISTER lists them all (UDP)
CEILING_RATES="${BENCH_SIP_CEILING_RATES:-100 300 600}"
CEILING_CALLS="${BENCH_SIP_CEILING_CALLS:-3000}"
ROUNDS="${BENCH_SIP_ROUNDS:-2}"             # call-flow rounds per mode, alternated
DOMAIN=ims.example.org
mkdir -p "$RAW" "$TMP"
log() { printf '[bench-sip %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

STARTED=()
stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
LAB_RUN="$TMP/lab"
cleanup() {
  local pid
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do stop_pid "$pid"; done
  "$ROOT/ims-lab/lab.sh" stop "$LAB_RUN" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v kamailio >/dev/null && command -v sipp >/dev/null || { log "kamailio and sipp are needed (apt-get install kamailio sip-tester)"; exit 2; }
if [ ! -f "$GATEWAY_JAR" ]; then
  log "building the gateway"; (cd "$ROOT" && mvn -o -q -pl server-stub -am -Dbyon.node.skip=true -DskipTests package)
fi
if [ ! -f "$BENCH_JAR" ]; then
  log "building bench"; (cd "$ROOT" && mvn -o -q -f bench/pom.xml -DskipTests package)
fi
cp "$GATEWAY_JAR" "$TMP/byon-gateway.jar"
GATEWAY_JAR="$TMP/byon-gateway.jar"
driver() { java -Xmx1g -XX:+UseG1GC -jar "$BENCH_JAR" "$@"; }
free_port() { java -jar "$BENCH_JAR" free-port; }

# the bench subscribers (org.byon.bench.Subscribers: call flow 0.., scale 200..) with SIP credentials in both the
# gateway and the lab
SCALE_SUBS=$(( (REGS + PER_SUB - 1) / PER_SUB ))
COUNT=$(( 200 + SCALE_SUBS ))
driver gateway-config --out "$TMP/gateway.properties" --subscribers "$COUNT" --max-registrations 1000
{
  echo "byon.sip.domain=$DOMAIN"
  for i in $(seq 0 $(( 2 * PAIRS - 1 ))) $(seq 200 $(( COUNT - 1 ))); do
    printf 'byon.sip.credentials.bench%05d.password=sip-%05d\n' "$i" "$i"
  done
} > "$TMP/sip.properties"
CREDS="$(for i in $(seq 0 $(( 2 * PAIRS - 1 ))) $(seq 200 $(( COUNT - 1 ))); do printf '+4477010%05d:sip-%05d,' "$i" "$i"; done)"

GW_PID=""; GW_PORT=""
start_gateway() { # NAME CONFIG-FILES [application arguments...]
  local name="$1" configs="$2"; shift 2
  GW_PORT="$(free_port)"
  java -jar "$GATEWAY_JAR" --server.port="$GW_PORT" --server.address=127.0.0.1 \
    --spring.config.additional-location="$configs" "$@" > "$TMP/gateway-$name.log" 2>&1 &
  GW_PID=$!; STARTED+=("$GW_PID")
  local i
  for i in $(seq 1 360); do
    kill -0 "$GW_PID" 2>/dev/null || { log "gateway $name exited (see $TMP/gateway-$name.log)"; return 1; }
    curl -s -o /dev/null -m 2 "http://127.0.0.1:$GW_PORT/.well-known/openid-configuration" && break
    sleep 0.25
  done
  log "gateway '$name' up on 127.0.0.1:$GW_PORT (pid $GW_PID)"
}
gw_args() { echo --base "http://127.0.0.1:$GW_PORT/byon/v0.2" --token-url "http://127.0.0.1:$GW_PORT/oauth2/token"; }
run() { # NAME COMMAND...: a failed step is reported and the run goes on
  local name="$1"; shift
  "$@" || { log "$name failed (see $TMP)"; printf '{"scenario":"%s","status":"failed"}\n' "$name" > "$RAW/$name.json"; }
}
CF=(--pairs "$PAIRS" --warmup "$WARMUP" --duration "$DURATION")
SC=(--endpoints "$REGS" --per-subscriber "$PER_SUB")
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. both gateways up at once (the lab for the SIP one), call flows alternated ROUNDS times: a burst of other load on
# the machine hits both modes alike; each mode's best round is compared
LAB_CREDENTIALS="${CREDS%,}" LAB_DOMAIN="$DOMAIN" LAB_MAX_EXPIRES=7200 "$ROOT/ims-lab/lab.sh" start "$LAB_RUN" >/dev/null
# shellcheck disable=SC1091
source "$LAB_RUN/lab.env"
start_gateway simulated "file:$TMP/gateway.properties"
SIM_PID="$GW_PID"; SIM_PORT="$GW_PORT"
start_gateway sip "file:$TMP/gateway.properties,file:$TMP/sip.properties" --byon.network.mode=sip \
  --byon.sip.outbound-proxy="127.0.0.1:$LAB_KAM_PORT"
SIP_PID="$GW_PID"; SIP_PORT="$GW_PORT"
rm -f "$RAW"/sip-callflow-*.json
for round in $(seq 1 "$ROUNDS"); do
  for mode in simulated sip; do
    if [ "$mode" = sip ]; then GW_PORT="$SIP_PORT"; else GW_PORT="$SIM_PORT"; fi
    # shellcheck disable=SC2046
    run "sip-callflow-$mode-$round" driver callflow $(gw_args) "${CF[@]}" --out "$RAW/sip-callflow-$mode-$round.json"
  done
done
# 2. heap per registration, one gateway at a time (the other one stopped)
stop_pid "$SIP_PID"
GW_PORT="$SIM_PORT"
# shellcheck disable=SC2046
run sip-scale-simulated driver scale $(gw_args) --gateway-pid "$SIM_PID" "${SC[@]}" --label simulated \
  --out "$RAW/sip-scale-simulated.json"
stop_pid "$SIM_PID"
start_gateway sip-scale "file:$TMP/gateway.properties,file:$TMP/sip.properties" --byon.network.mode=sip \
  --byon.sip.outbound-proxy="127.0.0.1:$LAB_KAM_PORT"
# shellcheck disable=SC2046
run sip-scale-sip driver scale $(gw_args) --gateway-pid "$GW_PID" "${SC[@]}" --label sip --out "$RAW/sip-scale-sip.json"
stop_pid "$GW_PID"
"$ROOT/ims-lab/lab.sh" stop "$LAB_RUN" >/dev/null

# 3. the anchor: Kamailio alone (SIPp UAC -> Kamailio -> SIPp UAS), same machine, same run
"$ROOT/ims-lab/ceiling.sh" "$CEILING_RATES" "$CEILING_CALLS" | tee "$TMP/ceiling.md"

python3 - "$RAW" "$TMP/ceiling.md" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$PAIRS" <<'PY' | tee "$RAW/sip.md"
import json, sys, os
raw, ceiling_md, load0, load1, pairs = sys.argv[1:]
def j(name):
    try:
        return json.load(open(os.path.join(raw, name + ".json")))
    except Exception:
        return {}
import glob
def rounds(mode):
    out = []
    for f in sorted(glob.glob(os.path.join(raw, f"sip-callflow-{mode}-*.json"))):
        try:
            out.append(json.load(open(f)))
        except Exception:
            pass
    return out
rs = {m: rounds(m) for m in ("simulated", "sip")}
for m, lst in rs.items():
    print(f"{m} rounds: " + ", ".join(f"{r.get('calls_per_s')} calls/s ({r.get('errors')} errors, load at end "
                                      f"{r.get('load_average_at_end')})" for r in lst))
best = lambda lst: max(lst, key=lambda r: r.get("calls_per_s") or 0) if lst else {}
sim, sip = best(rs["simulated"]), best(rs["sip"])
ssim, ssip = j("sip-scale-simulated"), j("sip-scale-sip")
ceil = 0.0
for line in open(ceiling_md):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 5 and cells[0].isdigit():
        try:
            if cells[3] == "0":
                ceil = max(ceil, float(cells[4]))
        except ValueError:
            pass
def g(d, *path):
    for p in path:
        d = d.get(p) if isinstance(d, dict) else None
    return d
def ratio(a, b):
    return f"{a / b:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "n/a"
rows = [
    ("complete calls/s", g(sim, "calls_per_s"), g(sip, "calls_per_s")),
    ("errors", g(sim, "errors"), g(sip, "errors")),
    ("POST -> session-invitation p50 ms", g(sim, "post_to_invitation", "p50_ms"), g(sip, "post_to_invitation", "p50_ms")),
    ("POST -> session-invitation p99 ms", g(sim, "post_to_invitation", "p99_ms"), g(sip, "post_to_invitation", "p99_ms")),
    ("call cycle p50 ms", g(sim, "call_cycle", "p50_ms"), g(sip, "call_cycle", "p50_ms")),
    ("registrations established", g(ssim, "endpoints_established"), g(ssip, "endpoints_established")),
    ("registrations/s", g(ssim, "establish_per_s"), g(ssip, "establish_per_s")),
    ("heap per registration KiB (endpoint: channel + WebSocket + RACM)", g(ssim, "heap_per_endpoint_kib"), g(ssip, "heap_per_endpoint_kib")),
]
print(f"\n| measure ({pairs} pairs; call flow: each mode's best round) | simulated | SIP (lab) | SIP / simulated |\n|---|---|---|---|")
for name, a, b in rows:
    print(f"| {name} | {a} | {b} | {ratio(b, a)} |")
sip_cps = g(sip, "calls_per_s")
print(f"\nKamailio's ceiling in this run (highest rate with 0 failed calls): {ceil} calls/s")
if isinstance(sip_cps, (int, float)) and ceil:
    # every gateway call crosses Kamailio twice (A's INVITE in, the fork to B's binding out): two proxied calls
    print(f"SIP-mode gateway calls/s / Kamailio ceiling: {sip_cps / ceil:.3f} "
          f"(each gateway call is 2 proxied calls through Kamailio: {2 * sip_cps / ceil:.3f} of its ceiling used)")
print(f"load before {load0}, after {load1}")
json.dump({"scenario": "sip", "simulated": sim, "sip": sip, "rounds": rs, "scale_simulated": ssim, "scale_sip": ssip,
           "kamailio_ceiling_calls_per_s": ceil, "load_before": load0, "load_after": load1},
          open(os.path.join(raw, "sip.json"), "w"), indent=2)
PY
