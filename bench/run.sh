#!/usr/bin/env bash
# The BYON benchmark: one command (see bench/README.md).
#
#   bench/run.sh            full run (about 6-7 minutes on 2 cores, under 10)
#   bench/run.sh --quick    smoke run (about 2-3 minutes, smaller sizes: not comparable to the targets)
#   bench/run.sh --only throughput,callflow,fanout,scale,suite   a subset (results of the others are kept)
#   bench/run.sh --only start  time to ready after launch: the gateway (plain java -jar, and with its fast-start
#                              recipe: extracted jar + the JDK 25 AOT cache, or AppCDS on JDK 17, from a training
#                              run) beside WireMock and Prism
#   bench/run.sh --only soak   the soak and storms (opt-in, BENCH_SOAK_DURATION seconds, default 600): mixed calls,
#                              reconnects with lastSequence, channel expiry, malformed traffic; heap and threads
#
# Builds what is missing, starts every peer on a free 127.0.0.1 port (one at a time), runs the scenarios with the
# Java load driver (bench/src), stops everything it started (trap on EXIT) and writes bench/results/results.md and
# bench/results/results.json. Durations and sizes can be overridden with the BENCH_* variables listed below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
RESULTS="${BENCH_RESULTS:-$BENCH/results}"   # another folder for experiments (e.g. a candidate gateway jar)
RAW="$RESULTS/raw"
TMP="$RESULTS/tmp"            # logs, generated configs, JFR files (git-ignored)
GATEWAY_JAR="${BENCH_GATEWAY_JAR:-$ROOT/server-stub/target/byon-gateway.jar}"   # override: before/after comparisons
SUITE_JAR="$ROOT/conformance-tests/target/byon-conformance.jar"
SUITE_SAMPLE_CONFIG="$ROOT/conformance-tests/config/reference-gateway.yaml"
BENCH_JAR="$BENCH/target/byon-bench.jar"
PRISM="$ROOT/node_modules/.bin/prism"
CONTRACT="$ROOT/openapi/byon.yaml"

MODE=full
ONLY="throughput,callflow,fanout,scale,suite,start"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --only) ONLY="$2"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

# ---------------------------------------------------------------- durations and sizes
if [ "$MODE" = quick ]; then
  D_WARMUP=3; D_DURATION=5; D_FAN_CALLS=100; D_FAN_IDLE=1000; D_SCALE=1000
else
  D_WARMUP=10; D_DURATION=20; D_FAN_CALLS=300; D_FAN_IDLE=10000; D_SCALE=10000
fi
WARMUP="${BENCH_WARMUP:-$D_WARMUP}"             # s, warm-up before every measured phase (JVM peers: >= 10 s in a full run)
DURATION="${BENCH_DURATION:-$D_DURATION}"       # s, measured phase of throughput and call flow
CONCURRENCY="${BENCH_CONCURRENCY:-16}"          # throughput workers (one keep-alive connection each)
PAIRS="${BENCH_PAIRS:-8}"                       # concurrent caller/callee pairs in the call flow
FAN_IDLE="${BENCH_FAN_IDLE:-$D_FAN_IDLE}"       # idle registered endpoints during the fan-out
FAN_FORK="${BENCH_FAN_FORK:-5}"                 # endpoints of the callee (each gets the invitation)
FAN_CALLS="${BENCH_FAN_CALLS:-$D_FAN_CALLS}"    # measured fan-out calls (one at a time)
SCALE_N="${BENCH_SCALE:-$D_SCALE}"              # endpoints (channel + WebSocket + registration) in the scale run
GATEWAY_JVM_OPTS="${BENCH_GATEWAY_JVM_OPTS:-}"  # extra JVM options of every gateway (e.g. -XX:StartFlightRecording)
PEER_JVM_OPTS="${BENCH_PEER_JVM_OPTS:-}"        # JVM options of the gateway and WireMock in the throughput run
DRIVER_JVM_OPTS="${BENCH_DRIVER_JVM_OPTS:--Xmx2g -XX:+UseG1GC}"
PEERS="${BENCH_PEERS:-gateway,prism,wiremock}"  # throughput peers (a subset for gateway-only before/after runs)
peer() { [[ ",$PEERS," == *",$1,"* ]]; }

mkdir -p "$RAW" "$TMP"
log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- process bookkeeping (only what we started)
STARTED=()
stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  local kids; kids="$(ps -o pid= --ppid "$pid" 2>/dev/null || true)"
  kill "$pid" 2>/dev/null || true
  for kid in $kids; do kill "$kid" 2>/dev/null || true; done
  for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  for kid in $kids; do kill -9 "$kid" 2>/dev/null || true; done
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${STARTED[@]+"${STARTED[@]}"}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- limits: 10,000 WebSockets need file descriptors
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
log "mode=$MODE, open-files limit $(ulimit -n), load: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- build what is missing
mvn_build() { # offline first, online once if the local repository lacks something
  (cd "$ROOT" && mvn -o -q "$@") || (cd "$ROOT" && mvn -q "$@")
}
if [ ! -f "$GATEWAY_JAR" ]; then
  log "building the gateway"
  mvn_build -pl server-stub -am -Dbyon.node.skip=true -DskipTests package
fi
if wants suite && [ ! -f "$SUITE_JAR" ] && [ -d "$ROOT/conformance-tests/src/main" ]; then
  log "building the conformance suite"
  mvn_build -pl conformance-tests -am -Dbyon.node.skip=true -DskipTests package || log "suite build failed: reported as missing"
fi
if [ ! -f "$BENCH_JAR" ] || [ -n "$(find "$BENCH/src" "$BENCH/pom.xml" -newer "$BENCH_JAR" -print -quit)" ]; then
  log "building bench"
  mvn_build -f bench/pom.xml -DskipTests package
fi
if [ ! -x "$PRISM" ] && wants throughput; then
  log "installing the pinned Node tools (Prism)"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
fi

# Snapshot the gateway jar: other builds may rewrite server-stub/target while the benchmark runs.
snapshot_jar() { # SRC DEST: copy, and retry (bounded) while the copy is not a complete zip
  local i
  for i in $(seq 1 24); do
    if cp "$1" "$2.part" 2>/dev/null && unzip -tqq "$2.part" >/dev/null 2>&1; then mv "$2.part" "$2"; return 0; fi
    log "$1 is being rewritten; retrying in 5 s"; sleep 5
  done
  return 1
}
snapshot_jar "$GATEWAY_JAR" "$TMP/byon-gateway.jar"
GATEWAY_SHA="$(sha256sum "$TMP/byon-gateway.jar" | cut -c1-12)"
GATEWAY_JAR="$TMP/byon-gateway.jar"

driver() { # shellcheck disable=SC2086
  java $DRIVER_JVM_OPTS -jar "$BENCH_JAR" "$@"
}
free_port() { java -jar "$BENCH_JAR" free-port; }

# wait_http URL PID SECONDS: until any HTTP status answers (bounded), failing if the process died
wait_http() {
  local url="$1" pid="$2" limit="$3" i code
  for i in $(seq 1 $((limit * 4))); do
    if ! kill -0 "$pid" 2>/dev/null; then log "process $pid exited while starting"; return 1; fi
    code="$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)"
    if [ -n "$code" ] && [ "$code" != 000 ]; then return 0; fi
    sleep 0.25
  done
  log "no answer from $url after ${limit}s"; return 1
}

# ---------------------------------------------------------------- peers
GW_CONFIG="$TMP/bench-gateway.properties"
driver gateway-config --out "$GW_CONFIG" --subscribers 400 --max-registrations 1000

GW_PID=""; GW_PORT=""
# start_gateway NAME "JVM OPTIONS" [application arguments...]
#   without application arguments the gateway gets the bench-friendly settings ($GW_CONFIG)
start_gateway() {
  local name="$1" jvm="$2"; shift 2
  local app=("$@")
  if [ ${#app[@]} -eq 0 ]; then app=(--spring.config.additional-location="file:$GW_CONFIG"); fi
  GW_PORT="$(free_port)"
  # shellcheck disable=SC2086
  java $jvm $GATEWAY_JVM_OPTS -jar "$GATEWAY_JAR" --server.port="$GW_PORT" --server.address=127.0.0.1 "${app[@]}" \
    >"$TMP/gateway-$name.log" 2>&1 &
  GW_PID=$!
  STARTED+=("$GW_PID")
  wait_http "http://127.0.0.1:$GW_PORT/.well-known/openid-configuration" "$GW_PID" 90
  log "gateway '$name' up on 127.0.0.1:$GW_PORT (pid $GW_PID)"
}
gw_args() {
  echo --base "http://127.0.0.1:$GW_PORT/byon/v0.2" --token-url "http://127.0.0.1:$GW_PORT/oauth2/token"
}

# run_step NAME COMMAND...: a failed scenario is recorded and the run goes on
run_step() {
  local name="$1"; shift
  if ! "$@"; then
    log "scenario $name failed (see $TMP)"
    printf '{"scenario":"%s","status":"failed","detail":"the driver failed; see bench/results/tmp/*.log"}\n' "$name" \
      >"$RAW/$name.json"
  fi
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
T_START=$(date +%s)

# ---------------------------------------------------------------- 1. throughput, one peer at a time
if wants throughput; then
  TP=(--concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION")

  if peer gateway; then
    rm -f "$RAW/throughput-gateway.json"
    start_gateway throughput "$PEER_JVM_OPTS"
    # shellcheck disable=SC2046
    run_step throughput-gateway driver throughput --name gateway $(gw_args) --client alice:alice-secret \
      --peer-pid "$GW_PID" "${TP[@]}" --out "$RAW/throughput-gateway.json"
    stop_pid "$GW_PID"
  fi

  if peer prism; then
    rm -f "$RAW/throughput-prism.json"
    PORT="$(free_port)"
    "$PRISM" mock -h 127.0.0.1 -p "$PORT" -v warn "$CONTRACT" >"$TMP/prism.log" 2>&1 &
    PID=$!; STARTED+=("$PID")
    wait_http "http://127.0.0.1:$PORT/channels" "$PID" 60
    log "prism up on 127.0.0.1:$PORT (pid $PID)"
    run_step throughput-prism driver throughput --name prism --prism --base "http://127.0.0.1:$PORT" \
      --bearer any-token --peer-pid "$PID" "${TP[@]}" --out "$RAW/throughput-prism.json"
    stop_pid "$PID"
  fi

  if peer wiremock; then
    rm -f "$RAW/throughput-wiremock.json"
    WM_DIR="$TMP/wiremock"; rm -rf "$WM_DIR"
    driver wiremock-stubs --contract "$CONTRACT" --dir "$WM_DIR"
    PORT="$(free_port)"
    # shellcheck disable=SC2086
    java $PEER_JVM_OPTS -cp "$BENCH_JAR" wiremock.Run --port "$PORT" --bind-address 127.0.0.1 --root-dir "$WM_DIR" \
      --no-request-journal --disable-banner >"$TMP/wiremock.log" 2>&1 &
    PID=$!; STARTED+=("$PID")
    wait_http "http://127.0.0.1:$PORT/__admin/health" "$PID" 60
    log "wiremock up on 127.0.0.1:$PORT (pid $PID)"
    run_step throughput-wiremock driver throughput --name wiremock --base "http://127.0.0.1:$PORT/byon/v0.2" \
      --bearer any-token --peer-pid "$PID" "${TP[@]}" --out "$RAW/throughput-wiremock.json"
    stop_pid "$PID"
  fi
fi

# ---------------------------------------------------------------- 2 and 3. call flow, fan-out (one gateway)
if wants callflow || wants fanout; then
  start_gateway calls ""
  if wants callflow; then
    rm -f "$RAW/callflow.json"
    # shellcheck disable=SC2046
    run_step callflow driver callflow $(gw_args) --pairs "$PAIRS" --warmup "$WARMUP" --duration "$DURATION" \
      --out "$RAW/callflow.json"
  fi
  if wants fanout; then
    rm -f "$RAW/fanout.json"
    # shellcheck disable=SC2046
    run_step fanout driver fanout $(gw_args) --idle "$FAN_IDLE" --fork "$FAN_FORK" --warmup "$WARMUP" \
      --calls "$FAN_CALLS" --out "$RAW/fanout.json"
  fi
  stop_pid "$GW_PID"
fi

# ---------------------------------------------------------------- 4. scale: default heap, then -Xmx256m
if wants scale; then
  rm -f "$RAW"/scale-*.json
  start_gateway scale-default ""
  # shellcheck disable=SC2046
  run_step scale-default driver scale $(gw_args) --gateway-pid "$GW_PID" --endpoints "$SCALE_N" \
    --label "default heap" --out "$RAW/scale-default.json"
  stop_pid "$GW_PID"
  # exit on OutOfMemoryError: a gateway that does not fit fails fast and visibly instead of thrashing
  start_gateway scale-xmx256m "-Xmx256m -XX:+ExitOnOutOfMemoryError"
  # shellcheck disable=SC2046
  run_step scale-xmx256m driver scale $(gw_args) --gateway-pid "$GW_PID" --endpoints "$SCALE_N" \
    --label "-Xmx256m" --jvm-options "-Xmx256m -XX:+ExitOnOutOfMemoryError" --out "$RAW/scale-xmx256m.json"
  if grep -q OutOfMemoryError "$TMP/gateway-scale-xmx256m.log"; then log "the -Xmx256m gateway ran out of memory"; fi
  stop_pid "$GW_PID"
fi

# ---------------------------------------------------------------- 5. conformance suite speed
if wants suite; then
  rm -f "$RAW/suite.json"
  if [ -f "$SUITE_JAR" ]; then
    # the gateway settings the suite's sample config documents in its header comment (default limits otherwise,
    # no bench subscribers), e.g. --byon.webhook.allow-insecure-urls=true --byon.voice.ring-timeout=3s
    SUITE_GW_ARGS=()
    if [ -f "$SUITE_SAMPLE_CONFIG" ]; then
      while IFS= read -r arg; do SUITE_GW_ARGS+=("$arg"); done < <(sed -n '/^#/!q;p' "$SUITE_SAMPLE_CONFIG" \
        | grep -o -- '--byon\.[A-Za-z0-9.-]*=[^ \\]*' | sort -u)
    fi
    if [ ${#SUITE_GW_ARGS[@]} -eq 0 ]; then
      SUITE_GW_ARGS=(--byon.webhook.allow-insecure-urls=true --byon.voice.ring-timeout=3s)
    fi
    # the header's trusted webhook certificate (hook.pem) names a file the reader makes with keytool: made here, with
    # the keystore the suite's https receiver serves (BYON_WEBHOOK_KEYSTORE, read by the sample config)
    for i in "${!SUITE_GW_ARGS[@]}"; do
      if [[ ${SUITE_GW_ARGS[$i]} == --byon.webhook.trusted-certificates=* ]]; then
        . "$ROOT/scripts/webhook-cert.sh"
        (cd "$TMP" && make_webhook_cert .)
        export BYON_WEBHOOK_KEYSTORE="$TMP/webhook.p12" BYON_WEBHOOK_KEYSTORE_PASSWORD=byon-conformance
        SUITE_GW_ARGS[$i]="--byon.webhook.trusted-certificates=$TMP/webhook.pem"
      fi
    done
    log "suite gateway settings: ${SUITE_GW_ARGS[*]}"
    start_gateway suite "" "${SUITE_GW_ARGS[@]}" --logging.level.root=WARN
    SUITE_CONFIG="$SUITE_SAMPLE_CONFIG"
    snapshot_jar "$SUITE_JAR" "$TMP/byon-conformance.jar"
    export BYON_API_ROOT="http://127.0.0.1:$GW_PORT/byon/v0.2"
    run_step suite driver suite --jar "$TMP/byon-conformance.jar" --config "$SUITE_CONFIG" --profile full \
      --extra-args="--report-dir=$TMP/suite-report" --log "$TMP/suite.log" --timeout 300 --out "$RAW/suite.json"
    stop_pid "$GW_PID"
  else
    run_step suite driver suite --jar "$SUITE_JAR" --out "$RAW/suite.json"
  fi
fi

# ---------------------------------------------------------------- 7. start: ready after launch, beside the peers
if wants start; then
  rm -f "$RAW/start.json"
  START_DIR="$TMP/start"; rm -rf "$START_DIR"; mkdir -p "$START_DIR"
  GW_APP="--server.address=127.0.0.1 --logging.level.root=WARN"
  # the gateway's fast-start recipe (bench/README.md, "Start"; docs/gateway.md, "Fast start"): the jar extracted and
  # an archive of the classes a training run loaded while serving the same token + API request the measurement waits
  # for. With a JDK 25+ (BENCH_FAST_START_JAVA; default: Temurin 25 where installed) the JDK's AOT cache
  # (-XX:AOTCacheOutput / -XX:AOTCache: classes loaded and linked, method profiles); with JDK 17 a dynamic AppCDS
  # archive (-XX:ArchiveClassesAtExit / -XX:SharedArchiveFile), measured beside it as gateway-cds.
  FAST="$TMP/gateway-fast"; rm -rf "$FAST"
  java -Djarmode=tools -jar "$GATEWAY_JAR" extract --destination "$FAST" >"$START_DIR/extract.log" 2>&1
  FAST_JAR="$FAST/$(basename "$GATEWAY_JAR")"
  FAST_JVM="${BENCH_FAST_START_JVM_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
  AOT_JAVA="${BENCH_FAST_START_JAVA:-}"
  if [ -z "$AOT_JAVA" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then AOT_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; fi
  if [ -n "$AOT_JAVA" ] && ! "$AOT_JAVA" -XX:AOTMode=off -version >/dev/null 2>&1; then
    log "start: $AOT_JAVA has no AOT cache (JDK 25+ needed): the fast start is AppCDS on the default java"; AOT_JAVA=
  fi
  {
    echo "peers=training-cds${AOT_JAVA:+,training-aot}"
    echo "training-cds.label=AppCDS training run (archive written at exit)"
    echo "training-cds.cmd=java -XX:ArchiveClassesAtExit=$FAST/gateway.jsa $FAST_JVM -jar $FAST_JAR --server.port={port} $GW_APP"
    echo "training-cds.base=http://127.0.0.1:{port}/byon/v0.2"
    echo "training-cds.token=http://127.0.0.1:{port}/oauth2/token"
    if [ -n "$AOT_JAVA" ]; then
      # one-step AOT cache (JEP 514): at exit the JVM writes the training configuration, then a child JVM the cache
      echo "training-aot.label=AOT cache training run (cache written at exit)"
      echo "training-aot.cmd=$AOT_JAVA -XX:AOTCacheOutput=$FAST/gateway.aot -jar $FAST_JAR --server.port={port} $GW_APP"
      echo "training-aot.base=http://127.0.0.1:{port}/byon/v0.2"
      echo "training-aot.token=http://127.0.0.1:{port}/oauth2/token"
    fi
  } >"$START_DIR/training.properties"
  log "start: training run(s) of the gateway (AppCDS${AOT_JAVA:+, AOT cache})"
  # the training runs wait longer than the measured ones (BENCH_START_TRAINING_TIMEOUT, default 600 s): an archive
  # written by a run stopped before it served the request lacks the request path's classes
  driver start --peers-file "$START_DIR/training.properties" --runs 1 --timeout "${BENCH_START_TRAINING_TIMEOUT:-600}" \
    --stop-timeout 120 --log-dir "$START_DIR" \
    --out "$START_DIR/training.json" || log "start: the training run failed"
  [ -f "$FAST/gateway.jsa" ] || log "start: no AppCDS archive written (see $START_DIR/start-training-cds-1.log)"
  if [ -n "$AOT_JAVA" ]; then
    for _ in $(seq 1 120); do [ -f "$FAST/gateway.aot" ] && ! [ -f "$FAST/gateway.aot.config" ] && break; sleep 1; done
    [ -f "$FAST/gateway.aot" ] || { log "start: no AOT cache written (see $START_DIR/start-training-aot-1.log)"; AOT_JAVA=; }
  fi
  if [ -n "$AOT_JAVA" ]; then
    FAST_LABEL="extracted jar + JDK 25 AOT cache + $FAST_JVM"
    FAST_CMD="$AOT_JAVA -XX:AOTCache=$FAST/gateway.aot $FAST_JVM -jar $FAST_JAR --server.port={port} $GW_APP"
  else
    FAST_LABEL="extracted jar + AppCDS archive + $FAST_JVM"
    FAST_CMD="java -XX:SharedArchiveFile=$FAST/gateway.jsa $FAST_JVM -jar $FAST_JAR --server.port={port} $GW_APP"
  fi
  WM_DIR="$TMP/wiremock-start"; rm -rf "$WM_DIR"
  driver wiremock-stubs --contract "$CONTRACT" --dir "$WM_DIR"
  cat >"$START_DIR/peers.properties" <<EOF
peers=gateway,gateway-fast${AOT_JAVA:+,gateway-cds},wiremock,prism
gateway.label=java -jar byon-gateway.jar
gateway.cmd=java -jar $GATEWAY_JAR --server.port={port} $GW_APP
gateway.base=http://127.0.0.1:{port}/byon/v0.2
gateway.token=http://127.0.0.1:{port}/oauth2/token
gateway-fast.label=$FAST_LABEL
gateway-fast.cmd=$FAST_CMD
gateway-fast.base=http://127.0.0.1:{port}/byon/v0.2
gateway-fast.token=http://127.0.0.1:{port}/oauth2/token
gateway-cds.label=extracted jar + AppCDS archive (JDK 17) + $FAST_JVM
gateway-cds.cmd=java -XX:SharedArchiveFile=$FAST/gateway.jsa $FAST_JVM -jar $FAST_JAR --server.port={port} $GW_APP
gateway-cds.base=http://127.0.0.1:{port}/byon/v0.2
gateway-cds.token=http://127.0.0.1:{port}/oauth2/token
wiremock.label=WireMock standalone (the bench's stubs)
wiremock.cmd=java -cp $BENCH_JAR wiremock.Run --port {port} --bind-address 127.0.0.1 --root-dir $WM_DIR --no-request-journal --disable-banner
wiremock.base=http://127.0.0.1:{port}/byon/v0.2
prism.label=prism mock openapi/byon.yaml
prism.cmd=$PRISM mock -h 127.0.0.1 -p {port} -v warn $CONTRACT
prism.base=http://127.0.0.1:{port}
EOF
  run_step start driver start --peers-file "$START_DIR/peers.properties" --runs "${BENCH_START_RUNS:-5}" \
    --timeout "${BENCH_START_TIMEOUT:-120}" --log-dir "$START_DIR" --out "$RAW/start.json"
fi

# ---------------------------------------------------------------- 6. soak and storms (opt-in: --only soak)
if wants soak; then
  rm -f "$RAW/soak.json"
  SOAK_KEY="bench-soak-$$"
  start_gateway soak "" --spring.config.additional-location="file:$GW_CONFIG" \
    --byon.simulator.enabled=true --byon.simulator.key="$SOAK_KEY"
  # shellcheck disable=SC2046
  run_step soak driver soak $(gw_args) --peer-pid "$GW_PID" --simulator-key "$SOAK_KEY" \
    --pairs "${BENCH_SOAK_PAIRS:-4}" --duration "${BENCH_SOAK_DURATION:-600}" --out "$RAW/soak.json"
  stop_pid "$GW_PID"
fi

if wants sip; then run_step sip env BENCH_GATEWAY_JAR="$GATEWAY_JAR" BENCH_RESULTS="$RESULTS" "$BENCH/sip.sh"; fi  # --only sip: SIP mode beside simulated (bench/sip.sh)

# ---------------------------------------------------------------- facts and report
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
FACTS="$TMP/facts.properties"
GW_VERSION="$(unzip -p "$GATEWAY_JAR" META-INF/maven/org.byon/byon-gateway/pom.properties 2>/dev/null | sed -n 's/^version=//p' | tr -d '\r')"
{
  echo "date=$STARTED_AT"
  echo "mode=$MODE"
  echo "scenarios_run=$ONLY (raw/*.json of any other scenario come from an earlier run: see their measured_at)"
  echo "wall_time_s=$(( $(date +%s) - T_START ))"
  echo "load_before=$LOAD_BEFORE (1/5/15-min load average)"
  echo "load_after=$LOAD_AFTER"
  echo "git_commit=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "gateway=byon-gateway $GW_VERSION (jar sha256 $GATEWAY_SHA…)"
  echo "gateway_server=Spring Boot $(unzip -p "$GATEWAY_JAR" META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Spring-Boot-Version: *//p' | tr -d '\r'), $(unzip -l "$GATEWAY_JAR" 2>/dev/null | grep -o 'tomcat-embed-core-[0-9.]*' | head -1 | sed 's/\.$//')"
  echo "java_version=$(java -version 2>&1 | head -1)"
  echo "node=$(node --version 2>/dev/null || echo missing)"
  echo "prism=$("$PRISM" --version 2>/dev/null || echo missing)"
  echo "wiremock=$(java -cp "$BENCH_JAR" wiremock.Run --version 2>/dev/null | tail -1 || echo '?') (standalone, --no-request-journal)"
  echo "open_files_limit=$(ulimit -n)"
  echo "peer_jvm_options=${PEER_JVM_OPTS:-(defaults)}; gateway extra: ${GATEWAY_JVM_OPTS:-none}; driver: $DRIVER_JVM_OPTS"
  echo "settings=warm-up ${WARMUP}s, measured ${DURATION}s, ${CONCURRENCY} workers, ${PAIRS} pairs, fan-out ${FAN_IDLE} idle + ${FAN_FORK} forked x ${FAN_CALLS} calls, scale ${SCALE_N}"
  echo "note=The machine was shared with other engineers building and testing (load average above): treat the numbers as noisy; the driver and the peer share the same ${NPROC:-$(nproc)} cores."
} >"$FACTS"
driver report --raw "$RAW" --facts "$FACTS" --out "$RESULTS" >/dev/null
log "done in $(( $(date +%s) - T_START )) s: $RESULTS/results.md"
# every target of issue 16 with its verdict (MET / NOT MET / not run), from the raw results (bench/README.md)
sed -n '/^## Targets/,$p' "$RESULTS/results.md"
