#!/usr/bin/env bash
# Runs the conformance suite (full profile) against the embedded reference gateway and prints the report.
#
#   ./conformance-local.sh                 build what is missing, start the gateway, run, stop it
#   REBUILD=1 ./conformance-local.sh       rebuild the gateway and suite jars first
#   ./conformance-local.sh --include CALL-IN   extra arguments go to `byon-conformance run`
#
# Reports (JUnit XML, JSON, HTML) land in target/conformance-report/. Exit code: the suite's
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

port=${BYON_PORT:-18080}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
api_root="http://127.0.0.1:$port/byon/v0.2"
mkdir -p "$report_dir"
gateway_log="$report_dir/gateway.log"

echo "== starting the reference gateway on port $port (log: $gateway_log)"
java -jar "$gateway_jar" --server.port="$port" --server.address=127.0.0.1 \
  --byon.webhook.allow-insecure-urls=true --byon.voice.ring-timeout=3s --byon.racm.min-expiry=2s >"$gateway_log" 2>&1 &
gateway_pid=$!
trap 'kill "$gateway_pid" 2>/dev/null; wait "$gateway_pid" 2>/dev/null || true' EXIT

ready=
for _ in $(seq 1 360); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/.well-known/openid-configuration" 2>/dev/null; then ready=1; break; fi
  if ! kill -0 "$gateway_pid" 2>/dev/null; then echo "gateway exited; see $gateway_log" >&2; exit 3; fi
  sleep 0.5
done
[[ -n $ready ]] || { echo "the gateway did not come up within 180 s" >&2; exit 3; }

set +e
java -jar "$suite_jar" run --config conformance-tests/config/reference-gateway.yaml \
  --api-root "$api_root" --profile full --report-dir "$report_dir" "$@"
status=$?
set -e
echo "== reports: $report_dir (console above; junit, json, html files)"
exit $status
