#!/usr/bin/env bash
# The IMS lab: Kamailio (registrar + location + forking proxy, digest auth) and SIPp far ends, all on
# 127.0.0.1 with free ports, every process stopped by its PID.
#
#   ims-lab/lab.sh start [RUN_DIR]   renders kamailio.cfg, starts Kamailio and the SIPp far ends,
#                                    writes RUN_DIR/lab.env (ports) and RUN_DIR/pids
#   ims-lab/lab.sh stop  [RUN_DIR]   stops every process listed in RUN_DIR/pids (TERM, then KILL)
#   ims-lab/lab.sh core stop|start|restart [RUN_DIR]
#                                    stops / starts Kamailio alone, on the same port and config (a core
#                                    outage or restart in the middle of calls; its location store is lost)
#
# Settings (environment): LAB_DOMAIN (ims.example.org), LAB_RING_MS (Kamailio's INVITE timer, 8000),
# LAB_MAX_EXPIRES (3600), LAB_CREDENTIALS ("user:password,..."; the demo subscribers' numbers by default),
# LAB_KAM_ARGS (extra Kamailio arguments; rtpengine/media-lab.sh adds the media gateway with them),
# LAB_INVITE_AUTH (1: the subscribers' INVITEs are challenged with 407, as REGISTERs are with 401; 0: not).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
CMD="${1:-}"
RUN="${2:-${TMPDIR:-/tmp}/byon-ims-lab}"
DOMAIN="${LAB_DOMAIN:-ims.example.org}"
RING_MS="${LAB_RING_MS:-8000}"
MAX_EXPIRES="${LAB_MAX_EXPIRES:-3600}"
CREDENTIALS="${LAB_CREDENTIALS:-+447700900001:alice-sip,+447700900002:bob-sip,+447700900003:carol-sip}"
# external test numbers and the SIPp far end that plays each
EXTERNALS="+447700900100:uas_answer +447700900101:uas_busy +447700900102:uas_noanswer +447700900103:uas_decline
+447700900104:uas_unavailable +447700900105:uas_bye +447700900106:uas_hold +447700900107:uas_error +447700900108:uas_queued
+447700900109:uas_bench +447700900110:uas_late2xx +447700900111:uas_dup +447700900112:uas_early"

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start() {
  command -v kamailio >/dev/null || { echo "kamailio not installed (apt-get install kamailio)" >&2; exit 2; }
  command -v sipp >/dev/null || { echo "sipp not installed (apt-get install sip-tester)" >&2; exit 2; }
  mkdir -p "$RUN"
  [ -s "$RUN/pids" ] && { echo "lab already running in $RUN (stop it first)" >&2; exit 1; }
  : > "$RUN/pids"
  KAM_PORT="${LAB_KAM_PORT:-$(free_port)}"
  {
    echo "LAB_RUN_DIR=$RUN"
    echo "LAB_DOMAIN=$DOMAIN"
    echo "LAB_KAM_PORT=$KAM_PORT"
  } > "$RUN/lab.env"
  local creds="" subs=""
  IFS=',' read -ra pairs <<< "$CREDENTIALS"
  for p in "${pairs[@]}"; do
    local u="${p%%:*}" pw="${p#*:}"
    creds+="    if (\$au == \"$u\") { \$var(pw) = \"$pw\"; }"$'\n'
    subs+="${subs:+|}^\\\\${u}\$"
  done
  local ext=""
  for e in $EXTERNALS; do
    local num="${e%%:*}" scen="${e#*:}" port
    port="$(free_port)"
    ext+="    if (\$rU == \"$num\") { \$du = \"sip:127.0.0.1:$port\"; route(RELAY); }"$'\n'
    sipp -sf "$HERE/scenarios/$scen.xml" -i 127.0.0.1 -p "$port" -nostdin -nd -trace_err \
      -error_file "$RUN/$scen.errors.log" -trace_stat -stf "$RUN/$scen.stat.csv" -fd 1 < /dev/null > "$RUN/$scen.log" 2>&1 &
    echo "$! sipp-$scen" >> "$RUN/pids"
    echo "LAB_PORT_${scen^^}=$port" >> "$RUN/lab.env"
  done
  printf '%s' "$creds" > "$RUN/creds.inc"
  printf '%s' "$ext" > "$RUN/ext.inc"
  python3 - "$HERE/kamailio.cfg.tmpl" "$RUN/kamailio.cfg" <<PY
import sys
s = open(sys.argv[1]).read()
for k, v in {"@KAM_PORT@": "$KAM_PORT", "@DOMAIN@": "$DOMAIN", "@RUN_DIR@": "$RUN", "@RING_MS@": "$RING_MS",
             "@MAX_EXPIRES@": "$MAX_EXPIRES", "@CHILDREN@": "${LAB_CHILDREN:-1}", "@INVITE_AUTH@": "${LAB_INVITE_AUTH:-1}",
             "@SUBSCRIBERS_RE@": r"""$subs"""}.items():
    s = s.replace(k, v)
s = s.replace("@CREDENTIALS@\n", open("$RUN/creds.inc").read()).replace("@EXTERNALS@\n", open("$RUN/ext.inc").read())
open(sys.argv[2], "w").write(s)
PY
  # LAB_KAM_ARGS: extra Kamailio arguments, e.g. the -A defines of rtpengine/media-lab.sh (WITH_RTPENGINE);
  # kept in RUN so that `core start|restart` starts the same Kamailio
  printf '%s' "${LAB_KAM_ARGS:-}" > "$RUN/kamailio.args"
  : > "$RUN/kamailio.log"
  if core_start; then
    echo "IMS lab up: Kamailio 127.0.0.1:$KAM_PORT (domain $DOMAIN); $RUN/lab.env"
    return 0
  fi
  echo "Kamailio did not come up; see $RUN/kamailio.log" >&2
  stop
  exit 1
}

# Starts Kamailio on the rendered config and waits until it answers OPTIONS.
core_start() {
  KAM_PORT="$(sed -n 's/^LAB_KAM_PORT=//p' "$RUN/lab.env")"
  local args
  args="$(cat "$RUN/kamailio.args" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  kamailio -DD -E $args -f "$RUN/kamailio.cfg" -P "$RUN/kamailio.pid" -Y "$RUN" < /dev/null >> "$RUN/kamailio.log" 2>&1 &
  echo "$! kamailio" >> "$RUN/pids"
  # ready when Kamailio answers OPTIONS (bounded: 50 x 0.2 s)
  for _ in $(seq 1 50); do
    if sipp 127.0.0.1:"$KAM_PORT" -m 1 -timeout 1 -timeout_error -nostdin -i 127.0.0.1 -p "$(free_port)" \
         -sf "$HERE/scenarios/options.xml" < /dev/null > /dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# Stops Kamailio alone (its PID from RUN/pids; TERM, then KILL) and drops it from the list.
core_stop() {
  local pid
  pid="$(awk '$2 == "kamailio" { print $1 }' "$RUN/pids")"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  awk '$2 != "kamailio"' "$RUN/pids" > "$RUN/pids.tmp" && mv "$RUN/pids.tmp" "$RUN/pids"
}

stop() {
  [ -f "$RUN/pids" ] || return 0
  while read -r pid name; do
    kill -TERM "$pid" 2>/dev/null || true
  done < "$RUN/pids"
  for _ in $(seq 1 25); do
    local alive=0
    while read -r pid name; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$RUN/pids"
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  while read -r pid name; do kill -KILL "$pid" 2>/dev/null || true; done < "$RUN/pids"
  rm -f "$RUN/pids"
  echo "IMS lab stopped ($RUN)"
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  core)
    RUN="${3:-${TMPDIR:-/tmp}/byon-ims-lab}"
    [ -s "$RUN/pids" ] || { echo "no lab running in $RUN" >&2; exit 1; }
    case "${2:-}" in
      stop) core_stop ;;
      start) core_start || { echo "Kamailio did not come up; see $RUN/kamailio.log" >&2; exit 1; } ;;
      restart) core_stop; core_start || { echo "Kamailio did not come up; see $RUN/kamailio.log" >&2; exit 1; } ;;
      *) echo "usage: $0 core stop|start|restart [RUN_DIR]" >&2; exit 2 ;;
    esac ;;
  *) echo "usage: $0 start|stop|core [RUN_DIR]" >&2; exit 2 ;;
esac
