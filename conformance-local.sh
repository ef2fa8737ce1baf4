#!/usr/bin/env bash
# Runs the conformance suite (full profile) against the embedded reference gateway and prints the report.
#
#   ./conformance-local.sh                 build what is missing, start the gateway, run, stop it
#   REBUILD=1 ./conformance-local.sh       rebuild the gateway and suite jars first
#   ./conformance-local.sh --include CALL-IN   extra arguments go to `byon-conformance run`
#   ./conformance-local.sh --sip           the gateway in SIP mode with the IMS lab (ims-lab/: Kamailio +
#                                          SIPp) as its network, config reference-gateway-sip.yaml
#
# Reports (JUnit XML, JSON, HTML) land in target/conformance-report/ (with --sip: target/conformance-report-sip/). Exit code: the suite's
# (0 conformant, 1 not conformant, 2 bad configuration, 3 environment failure).
set -euo pipefail
cd "$(dirname "$0")"

gateway_jar=server-stub/target/byon-gateway.jar
suite_jar=conformance-tests/target/byon-conformance.jar
report_dir=target/conformance-report

if [[ -n "${REBUILD:-}" || ! -f $gateway_jar || ! -f $suite_jar ]]; then
  echo "== building the gateway and the suite (mvn -DskipTests install)"
  mvn -B -q -ntp -DskipTests -Dbyon.node.skip=true -pl server-stub,conformance-tests -am install
fi

config=conformance-tests/config/reference-gateway.yaml
network_args=()
if [[ ${1:-} == --sip ]]; then
  shift
  config=conformance-tests/config/reference-gateway-sip.yaml
  report_dir=target/conformance-report-sip
  lab_dir="$PWD/$report_dir/ims-lab"
  rm -rf "$lab_dir"
  echo "== starting the IMS lab (Kamailio + SIPp; $lab_dir)"
  LAB_RING_MS=3000 ims-lab/lab.sh start "$lab_dir"
  # shellcheck disable=SC1091
  source "$lab_dir/lab.env"
  network_args=(--byon.network.mode=sip --byon.sip.outbound-proxy="127.0.0.1:$LAB_KAM_PORT"
    --byon.sip.domain="$LAB_DOMAIN" --byon.sip.credentials.alice.password=alice-sip
    --byon.sip.credentials.bob.password=bob-sip --byon.sip.credentials.carol.password=carol-sip)
fi

port=${BYON_PORT:-18080}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
api_root="http://127.0.0.1:$port/byon/v0.2"
mkdir -p "$report_dir"
gateway_log="$report_dir/gateway.log"
. scripts/webhook-cert.sh
make_webhook_cert "$report_dir"

echo "== starting the reference gateway on port $port (log: $gateway_log)"
# the simulator (expired tokens, push outbox) is off in the jar: switched on here with its own key, which the
# sample config sends (BYON_SIMULATOR_KEY, default the reference's demo key)
export BYON_SIMULATOR_KEY=${BYON_SIMULATOR_KEY:-reference-simulator-key}
java -jar "$gateway_jar" --server.port="$port" --server.address=127.0.0.1 \
  --byon.webhook.allow-insecure-urls=true --byon.voice.ring-timeout=3s --byon.racm.min-expiry=2s --byon.racm.disconnect-grace=4s \
  --byon.simulator.enabled=true --byon.simulator.key="$BYON_SIMULATOR_KEY" \
  --byon.limits.subscriber-requests-per-second=100 --byon.limits.subscriber-burst=300 \
  --byon.webhook.trusted-certificates="$report_dir/webhook.pem" "${network_args[@]}" >"$gateway_log" 2>&1 &
gateway_pid=$!
trap 'kill "$gateway_pid" 2>/dev/null; wait "$gateway_pid" 2>/dev/null || true; [[ -n ${lab_dir:-} ]] && ims-lab/lab.sh stop "$lab_dir"' EXIT

ready=
for _ in $(seq 1 360); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/.well-known/openid-configuration" 2>/dev/null; then ready=1; break; fi
  if ! kill -0 "$gateway_pid" 2>/dev/null; then echo "gateway exited; see $gateway_log" >&2; exit 3; fi
  sleep 0.5
done
[[ -n $ready ]] || { echo "the gateway did not come up within 180 s" >&2; exit 3; }

set +e
suite_start=$(date +%s%N)
java -jar "$suite_jar" run --config "$config" \
  --api-root "$api_root" --profile full --report-dir "$report_dir" "$@"
status=$?
set -e
echo "== the suite ran $(( ($(date +%s%N) - suite_start) / 1000000 )) ms (JVM start included; the gateway was already up)"
echo "== reports: $report_dir (console above; junit, json, html files)"
exit $status
