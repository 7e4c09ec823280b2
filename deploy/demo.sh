#!/usr/bin/env bash
# make demo: one walk-in point on this machine. wijkqueue on https://localhost:8443 with a local CA, a
# kiosk (and later a counter and a display) connected to it. State lives in var/demo; delete it to start over.
set -euo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/$BUILD/bin"
DEMO="$ROOT/var/demo"
PORT=${DEMO_PORT:-8443}
mkdir -p "$DEMO"
cd "$ROOT"

if [ ! -f "$DEMO/service/wijkqueue.db" ]; then
  echo "demo: creating a demo location in var/demo"
  rm -rf "$DEMO/service"
  "$BIN/wijkqueue" init --dir "$DEMO/service" > "$DEMO/admin.token" 2>/dev/null
  "$BIN/wijkqueue" location add --dir "$DEMO/service" --id demo --name "Wijkcentrum De Ringvaart"
  "$BIN/wijkqueue" location set-config --dir "$DEMO/service" --id demo --file assets/locations/demo.toml
  ( umask 077
    "$BIN/wijkqueue" device add --dir "$DEMO/service" --role kiosk --location demo --name demo-kiosk > "$DEMO/kiosk.token"
    "$BIN/wijkqueue" device add --dir "$DEMO/service" --role display --location demo --name demo-display > "$DEMO/display.token" )
  printf 'demo-wachtwoord\n' > "$DEMO/staff.password"
  "$BIN/wijkqueue" staff add --dir "$DEMO/service" --location demo --user balie --password-file "$DEMO/staff.password"
  cp "$DEMO/service/ca.pem" "$DEMO/ca.pem"
  for role in counter display; do
    cat > "$DEMO/$role.toml" <<TOML
role = "$role"
location = "demo"
data_dir = "$role-data"
location_config = "../../assets/locations/demo.toml"
[service]
url = "https://localhost:$PORT"
ca_file = "ca.pem"
token_file = "display.token"
[counter]
desk = 2
[display]
speak = true
TOML
  done
  cat > "$DEMO/kiosk.toml" <<TOML
# The demo kiosk: slot 1 of 2 (the curl lines below play kiosk 2, so their codes never collide).
role = "kiosk"
location = "demo"
data_dir = "kiosk-data"
location_config = "../../assets/locations/demo.toml"
[service]
url = "https://localhost:$PORT"
ca_file = "ca.pem"
token_file = "kiosk.token"
[kiosk]
slot = 1
slots = 2
staff_pin_hash = "$("$BIN/wijkkiosk" pin-hash <<< 1234)"
# A file stands in for the receipt printer: the ESC/POS bytes of every ticket are appended to it.
[printer]
uri = "file://$DEMO/printer.bin"
model = "epson-tm-t20"
paper_mm = 80
TOML
  chmod 600 "$DEMO"/*.token
fi
# The port may differ from the run that made the configs (DEMO_PORT): the apps follow the service.
sed -i "s|^url = \"https://localhost:[0-9]*\"|url = \"https://localhost:$PORT\"|" "$DEMO"/kiosk.toml "$DEMO"/counter.toml "$DEMO"/display.toml

# A fresh ticket body for the curl lines, numbered as kiosk 2 of 2 would.
n=$(( $(cat "$DEMO/curl-count" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$DEMO/curl-count"
cat > "$DEMO/ticket.json" <<JSON
{"id": "$(cat /proc/sys/kernel/random/uuid)", "code": "A-$(printf %03d $((2 * n)))", "topic": "anders",
 "language": "nl", "created_at": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "public_token": "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"}
JSON

if curl -s -o /dev/null --max-time 1 "https://localhost:$PORT/healthz" -k 2>/dev/null; then
  echo "demo: port $PORT is taken (another demo still running?); stop it first" >&2
  exit 1
fi
"$BIN/wijkqueue" serve --dir "$DEMO/service" --port "$PORT" 2> "$DEMO/wijkqueue.log" &
SERVICE=$!
cleanup() { kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for _ in $(seq 50); do
  curl -s --cacert "$DEMO/ca.pem" "https://localhost:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

cat <<TXT

wijkqueue runs on https://localhost:$PORT (log: var/demo/wijkqueue.log). Try, from $(pwd):

  curl --cacert var/demo/ca.pem -H "Authorization: Bearer \$(cat var/demo/kiosk.token)" -H "Content-Type: application/json" -d @var/demo/ticket.json https://localhost:$PORT/v1/tickets
      -> 201 and the stored ticket; the same line again -> 200 (a retry, not a second ticket)
  curl --cacert var/demo/ca.pem -H "Authorization: Bearer \$(cat var/demo/kiosk.token)" https://localhost:$PORT/v1/config
  curl --cacert var/demo/ca.pem https://localhost:$PORT/v1/public/tickets/$(sed -n 's/.*"public_token": "\([^"]*\)".*/\1/p' "$DEMO/ticket.json")
  curl --cacert var/demo/ca.pem -H "Authorization: Bearer \$(cat var/demo/admin.token)" https://localhost:$PORT/metrics
  $BUILD/bin/wijkkiosk issue --config var/demo/kiosk.toml --topic schulden    (a ticket as the kiosk makes it, offline-first)
  $BUILD/bin/wijkkiosk outbox --config var/demo/kiosk.toml
  curl --cacert var/demo/ca.pem -H "Authorization: Bearer \$(cat var/demo/admin.token)" https://localhost:$PORT/v1/fleet

The kiosk's printer is a file: var/demo/printer.bin receives the ESC/POS bytes of each printed ticket.
The staff panel: hold the top-left corner of the kiosk for 5 seconds, PIN 1234.

One ticket's life: tap a language and a topic on the kiosk; at the counter log in as balie / demo-wachtwoord
and press F1 (call next): the display shows the code and "balie 2" with a chime, and the ticket's page
(the QR code's address) says "Ga naar balie 2". F3 marks it served; F5 prints the ticket again on the kiosk (var/demo/printer.bin).

The web counter: https://localhost:$PORT/staff/ (location demo, balie / demo-wachtwoord; the browser must
trust var/demo/ca.pem, or accept the warning once). Its "Rapportages" tab shows the location's report;
on the command line: $BUILD/bin/wijkqueue report --dir var/demo/service --location demo --period month

TXT
if [ -x "$ROOT/deploy/demo-gui.sh" ] && [ "${DEMO_HEADLESS:-0}" != 1 ]; then
  bash "$ROOT/deploy/demo-gui.sh" "$BUILD"
else
  echo "Press Ctrl-C to stop."
  wait "$SERVICE"
fi
