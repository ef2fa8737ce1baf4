#!/usr/bin/env bash
# An independent judge of the conformance suite: runs the full profile against the reference
# gateway THROUGH `prism proxy` (Stoplight Prism validates every response against byon.yaml on
# its own, with a validator that shares no code with ours) and fails if Prism reports any
# response violation, or if too little traffic went through it to mean anything.
#
# Request validation is off in the proxy on purpose: the suite's negative matrix sends
# invalid requests by design, and the gateway's answers to them are what is judged. The
# body-framing tests (malformed JSON among them) are excluded: Prism's proxy cannot forward a
# body it cannot parse and times out instead. The edge-limit tests are excluded too (ERR-007 431,
# ERR-008 413, ERR-009 429): they probe the limits of whatever answers the socket, and here that is
# Prism's proxy (its own header and body handling, one connection pool for every subscriber), not
# the gateway; the main command runs them against the gateway directly. The webhook tests run: the suite's receiver serves
# https with a certificate made below, which the gateway trusts (byon.webhook.trusted-certificates),
# so the echoed notificationUrl matches byon.yaml's https-only pattern.
#
#   scripts/prism-judge.sh                      judge the reference gateway as built
#   JUDGE_GATEWAY_ARGS=--byon.faults=schema-break-racm scripts/prism-judge.sh   (must fail)
set -euo pipefail
cd "$(dirname "$0")/.."

gateway_jar=server-stub/target/byon-gateway.jar
suite_jar=conformance-tests/target/byon-conformance.jar
work=target/prism-judge
mkdir -p "$work"
for jar in "$gateway_jar" "$suite_jar"; do
  [[ -f $jar ]] || { echo "missing $jar: build first (mvn -DskipTests install)" >&2; exit 2; }
done

free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
. scripts/webhook-cert.sh
make_webhook_cert "$work"
gw_port=$(free_port 18180)
export BYON_SIMULATOR_KEY=${BYON_SIMULATOR_KEY:-reference-simulator-key}
java -jar "$gateway_jar" --server.port="$gw_port" --server.address=127.0.0.1 \
  --byon.webhook.allow-insecure-urls=true --byon.voice.ring-timeout=3s --byon.racm.min-expiry=2s --byon.racm.disconnect-grace=4s \
  --byon.simulator.enabled=true --byon.simulator.key="$BYON_SIMULATOR_KEY" \
  --byon.webhook.trusted-certificates="$work/webhook.pem" ${JUDGE_GATEWAY_ARGS:-} \
  >"$work/gateway.log" 2>&1 &
gw_pid=$!
prism_port=$(free_port $((gw_port + 1)))
node_modules/.bin/prism proxy --host 127.0.0.1 --port "$prism_port" --validate-request=false \
  openapi/byon.yaml "http://127.0.0.1:$gw_port/byon/v0.2" >"$work/prism.log" 2>&1 &
prism_pid=$!
trap 'kill "$gw_pid" "$prism_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT

ready=
for _ in $(seq 1 360); do
  if curl -fsS -o /dev/null 2>/dev/null "http://127.0.0.1:$gw_port/.well-known/openid-configuration" \
     && grep -q "Prism is listening" "$work/prism.log"; then ready=1; break; fi
  sleep 0.5
done
[[ -n $ready ]] || { echo "the gateway did not come up within 180 s" >&2; exit 3; }

# The suite talks to the API through Prism; tokens come straight from the gateway (--auth-origin).
set +e
java -jar "$suite_jar" run --config conformance-tests/config/reference-gateway.yaml \
  --api-root "http://127.0.0.1:$prism_port" --auth-origin "http://127.0.0.1:$gw_port" \
  --profile full --report-dir "$work/report" \
  --exclude BYON-ERR-024 --exclude BYON-ERR-029 --exclude BYON-ERR-034 \
  --exclude BYON-ERR-039 --exclude BYON-ERR-044 --exclude BYON-ERR-049 \
  --exclude BYON-ERR-007 --exclude BYON-ERR-008 --exclude BYON-ERR-009 >"$work/suite.log" 2>&1
suite_status=$?
set -e
tail -3 "$work/suite.log"

requests=$(grep -c "Request received" "$work/prism.log" || true)
violations=$(grep -E "Violation: response|Route not resolved|No route" "$work/prism.log" || true)
echo "prism proxy: $requests requests judged, $(printf '%s' "$violations" | grep -c . || true) response violations"
if [[ -n $violations ]]; then
  echo "$violations" | sed -E 's/^\[[^]]*\] *//' | sort | uniq -c | sort -rn | head -30
  exit 1
fi
if (( requests < 100 )); then
  echo "prism judged only $requests requests: the suite did not run through the proxy" >&2
  exit 1
fi
echo "suite exit code through the proxy: $suite_status"
exit "$suite_status"
