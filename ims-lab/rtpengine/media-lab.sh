#!/usr/bin/env bash
# The IMS lab with media: rtpengine (userspace) as the access media gateway driven by Kamailio, and baresip as
# real SIP phones, on top of ims-lab/lab.sh. Everything on 127.0.0.1 with free ports, stopped by PID.
#
#   ims-lab/rtpengine/media-lab.sh start RUN_DIR   rtpengine, then lab.sh start (Kamailio with WITH_RTPENGINE,
#                                                  SIPp far ends), then the baresip phones; writes RUN_DIR/lab.env
#   ims-lab/rtpengine/media-lab.sh stop RUN_DIR    stops the phones, rtpengine and the lab by PID
#
# Settings (environment):
#   MEDIA_WEBRTC_GW_PORT (required)  the UDP port the WebRTC gateway sends SIP from (byon.sip.local-port):
#                                    bindings it registers are WebRTC endpoints (Kamailio branch flag)
#   MEDIA_PHONE_NUMBER (+447700900150) the baresip phone's external number (auto-answers)
#   MEDIA_SMARTPHONE (+447700900001:alice-sip) the identity:password the baresip "smartphone" registers as
#                                    (a further contact of that subscriber; rings, never answers by itself)
#   MEDIA_PHONE_TONE_HZ (440)        the sine the phones play (sox-generated RUN_DIR/phone-play.wav)
#   LAB_* as for lab.sh (LAB_CREDENTIALS gets the phone's number added)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
LAB="$(cd "$HERE/.." && pwd)"
CMD="${1:-}"
RUN="${2:?usage: $0 start|stop RUN_DIR}"
PHONE_NUMBER="${MEDIA_PHONE_NUMBER:-+447700900150}"
PHONE_PASSWORD="phone-sip"
SMARTPHONE="${MEDIA_SMARTPHONE:-+447700900001:alice-sip}"
TONE_HZ="${MEDIA_PHONE_TONE_HZ:-440}"

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# a port P free for UDP and TCP with P+1 free for TCP too: baresip listens on P (UDP, TCP) and P+1 (TLS)
free_sip_port() {
  python3 - <<'PY'
import socket
for _ in range(200):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
    held = [s]
    try:
        for port, kind in ((p, socket.SOCK_STREAM), (p + 1, socket.SOCK_STREAM), (p + 1, socket.SOCK_DGRAM)):
            t = socket.socket(socket.AF_INET, kind); held.append(t); t.bind(("127.0.0.1", port))
        print(p); break
    except OSError:
        pass
    finally:
        for h in held: h.close()
PY
}
# a free block of COUNT UDP ports (even start), for RTP
free_range() {
  python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 59000, 2)
    socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", p)); socks.append(s)
        print(base, base + n - 1); break
    except OSError:
        pass
    finally:
        for s in socks: s.close()
PY
}

ng_ping() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)
s.sendto(b"ping1 d7:command4:pinge", ("127.0.0.1", int(sys.argv[1])))
sys.exit(0 if b"pong" in s.recv(200) else 1)
PY
}

render() { # template out key=value...
  local tmpl=$1 out=$2; shift 2
  python3 - "$tmpl" "$out" "$@" <<'PY'
import sys
s = open(sys.argv[1]).read()
for kv in sys.argv[3:]:
    k, v = kv.split("=", 1)
    s = s.replace("@" + k + "@", v)
open(sys.argv[2], "w").write(s)
PY
}

start_phone() { # name number password answermode
  local name=$1 number=$2 password=$3 mode=$4 dir="$RUN/baresip-$1" sip ctrl rtp_min rtp_max
  mkdir -p "$dir"
  sip="$(free_sip_port)"
  ctrl="$(free_port)"
  while [ "$ctrl" = "$((sip + 1))" ] || [ "$ctrl" = "$sip" ]; do ctrl="$(free_port)"; done
  read -r rtp_min rtp_max < <(free_range 20)
  render "$LAB/baresip/config.tmpl" "$dir/config" SIP_PORT="$sip" CTRL_PORT="$ctrl" PLAY_WAV="$RUN/phone-play.wav" \
    DIR="$dir" RTP_MIN="$rtp_min" RTP_MAX="$rtp_max"
  render "$LAB/baresip/accounts.tmpl" "$dir/accounts" NUMBER="$number" DOMAIN="$LAB_DOMAIN" PASSWORD="$password" \
    KAM_PORT="$LAB_KAM_PORT" ANSWERMODE="$mode"
  : > "$dir/contacts"
  # stdin from a FIFO kept open by nobody: baresip reads no keys (it is driven over ctrl_tcp)
  baresip -f "$dir" < /dev/null > "$dir/baresip.log" 2>&1 &
  echo "$! baresip-$name" >> "$RUN/media.pids"
  {
    echo "MEDIA_${name^^}_NUMBER=$number"
    echo "MEDIA_${name^^}_SIP_PORT=$sip"
    echo "MEDIA_${name^^}_CTRL_PORT=$ctrl"
    echo "MEDIA_${name^^}_DIR=$dir"
  } >> "$RUN/lab.env"
}

wait_registered() { # name
  local log="$RUN/baresip-$1/baresip.log"
  for _ in $(seq 1 50); do
    grep -q '200 OK' "$log" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "baresip $1 did not register; see $log" >&2
  return 1
}

start() {
  for c in rtpengine baresip sox; do
    command -v "$c" >/dev/null || { echo "$c not installed (apt-get install rtpengine-daemon baresip sox)" >&2; exit 2; }
  done
  [ -n "${MEDIA_WEBRTC_GW_PORT:-}" ] || { echo "MEDIA_WEBRTC_GW_PORT (the gateway's SIP port) is required" >&2; exit 2; }
  mkdir -p "$RUN"
  [ -s "$RUN/media.pids" ] && { echo "media lab already running in $RUN (stop it first)" >&2; exit 1; }
  : > "$RUN/media.pids"
  sox -n -r 8000 -c 1 -b 16 "$RUN/phone-play.wav" synth 300 sine "$TONE_HZ" gain -6
  local ng rtp_min rtp_max
  ng="$(free_port)"
  read -r rtp_min rtp_max < <(free_range 200)
  rtpengine --foreground --table=-1 --interface=127.0.0.1 --listen-ng="127.0.0.1:$ng" \
    --port-min="$rtp_min" --port-max="$rtp_max" --log-stderr --log-level=6 --timeout=60 --delete-delay=0 \
    --pidfile="$RUN/rtpengine.pid" < /dev/null > "$RUN/rtpengine.log" 2>&1 &
  echo "$! rtpengine" >> "$RUN/media.pids"
  local up=
  for _ in $(seq 1 50); do
    if ng_ping "$ng" 2>/dev/null; then up=1; break; fi
    sleep 0.2
  done
  [ -n "$up" ] || { echo "rtpengine did not answer ng ping; see $RUN/rtpengine.log" >&2; stop; exit 1; }
  cp "$HERE/kamailio-media.cfg" "$RUN/kamailio-media.cfg"
  export LAB_CREDENTIALS="${LAB_CREDENTIALS:-+447700900001:alice-sip,+447700900002:bob-sip,+447700900003:carol-sip},$PHONE_NUMBER:$PHONE_PASSWORD"
  export LAB_KAM_ARGS="-A WITH_RTPENGINE -A RTPENGINE_SOCK=\"udp:127.0.0.1:$ng\" -A WEBRTC_GW_PORT=$MEDIA_WEBRTC_GW_PORT"
  "$LAB/lab.sh" start "$RUN" || { stop; exit 1; }
  # shellcheck disable=SC1091
  source "$RUN/lab.env"
  {
    echo "MEDIA_RTPENGINE_NG_PORT=$ng"
    echo "MEDIA_RTPENGINE_RTP_MIN=$rtp_min"
    echo "MEDIA_RTPENGINE_RTP_MAX=$rtp_max"
  } >> "$RUN/lab.env"
  echo "MEDIA_PHONE_PLAY_WAV=$RUN/phone-play.wav" >> "$RUN/lab.env"
  start_phone phone "$PHONE_NUMBER" "$PHONE_PASSWORD" auto
  start_phone smartphone "${SMARTPHONE%%:*}" "${SMARTPHONE#*:}" manual
  wait_registered phone && wait_registered smartphone || { stop; exit 1; }
  echo "media lab up: rtpengine ng 127.0.0.1:$ng (RTP $rtp_min-$rtp_max), baresip phone $PHONE_NUMBER and smartphone ${SMARTPHONE%%:*}"
}

stop() {
  if [ -f "$RUN/media.pids" ]; then
    while read -r pid name; do kill -TERM "$pid" 2>/dev/null || true; done < "$RUN/media.pids"
    for _ in $(seq 1 25); do
      local alive=0
      while read -r pid name; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$RUN/media.pids"
      [ "$alive" = 0 ] && break
      sleep 0.2
    done
    while read -r pid name; do kill -KILL "$pid" 2>/dev/null || true; done < "$RUN/media.pids"
    rm -f "$RUN/media.pids"
  fi
  "$LAB/lab.sh" stop "$RUN"
}

case "$CMD" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop RUN_DIR" >&2; exit 2 ;;
esac
