#!/usr/bin/env bash
# The units in systemd/: `systemd-analyze verify` on every one (any complaint fails, not only an exit
# code: verify exits 0 on an unknown key), a deliberately broken unit that must fail the same check, and
# `systemd-analyze security --offline=true` on every service, which must rate it "OK" or better (an
# exposure below 5.0: 0.0 PERFECT, 0.1-0.9 SAFE, 1.0-4.9 OK, 5.0-7.4 MEDIUM, then EXPOSED, UNSAFE).
#
# usage: systemd_units_test.sh SYSTEMD_DIR
set -euo pipefail
src=${1:?usage: systemd_units_test.sh SYSTEMD_DIR}
command -v systemd-analyze >/dev/null || { echo "FAIL: systemd-analyze is missing (apt-get install systemd)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# The units name binaries this machine need not have (/usr/bin/cage, /opt/wijkkiosk/current/bin/...,
# /usr/bin/wijkqueue): in a copy, each Exec*= program becomes /bin/true, the arguments stay.
stand_in() {  # DIR: rewrite the Exec lines of the units in DIR
  sed -i -E 's#^(Exec[A-Za-z]*=[-@:+!]*)/[^ ]*#\1/bin/true#' "$1"/*
}
verify() {  # DIR: 0 when systemd-analyze verify says nothing and exits 0 on every unit in DIR
  local out rc=0
  out=$(cd "$1" && systemd-analyze verify --man=no ./* 2>&1) || rc=$?
  if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
    echo "$out"
    return 1
  fi
}

units=("$src"/*.service "$src"/*.timer)
echo "units: ${units[*]##*/}"
mkdir "$tmp/units"
cp "${units[@]}" "$tmp/units/"
stand_in "$tmp/units"
if verify "$tmp/units"; then echo "ok: systemd-analyze verify, ${#units[@]} units"; else echo "FAIL: systemd-analyze verify"; fail=1; fi

# Every timer has its service.
for t in "$src"/*.timer; do
  [ -f "${t%.timer}.service" ] || { echo "FAIL: ${t##*/} has no ${t##*/%.timer}.service"; fail=1; }
done

# The check catches real mistakes: each broken copy of a unit must fail it.
broken() {  # NAME SED_EXPRESSION
  rm -rf "$tmp/broken" && mkdir "$tmp/broken"
  cp "$src/wijkqueue.service" "$tmp/broken/"
  sed -i -E "$2" "$tmp/broken/wijkqueue.service"
  stand_in "$tmp/broken"
  if verify "$tmp/broken" >/dev/null; then echo "FAIL: a unit with $1 passed the check"; fail=1;
  else echo "ok: a unit with $1 fails the check"; fi
}
broken "an unknown directive" 's/^NoNewPrivileges=yes/NoNewPrivilege=yes/'
broken "a bad value" 's/^Restart=on-failure/Restart=sometimes/'
broken "a relative ExecStart" 's#^ExecStart=/usr/bin/wijkqueue#ExecStart=wijkqueue-nowhere#'
broken "a directive in the wrong section" 's/^\[Install\]/[Install]\nUser=nobody/'

# What issue 14 asks of the services, by name.
need() {  # UNIT LINE...
  local u=$1; shift
  for l in "$@"; do
    grep -qxF -- "$l" "$src/$u" || { echo "FAIL: $u lacks '$l'"; fail=1; }
  done
}
hardening=(NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes UMask=0077)
for u in wijkkiosk.service wijkkiosk-display.service; do
  need "$u" Type=notify NotifyAccess=all Restart=always PAMName=login TTYPath=/dev/tty1 User=wijkkiosk \
    StateDirectory=wijkkiosk ConfigurationDirectory=wijkkiosk CapabilityBoundingSet= "${hardening[@]}"
  grep -q '^WatchdogSec=' "$src/$u" || { echo "FAIL: $u has no WatchdogSec"; fail=1; }
  grep -q '^StartLimitBurst=' "$src/$u" || { echo "FAIL: $u has no start limit"; fail=1; }
  # The trial of a new release: a try per start, and the updater at once when systemd gives up.
  grep -qE '^ExecStartPre=\+/usr/bin/wijkkiosk-update on-start ' "$src/$u" || { echo "FAIL: $u does not count a trial's tries"; fail=1; }
  need "$u" OnFailure=wijkkiosk-update.service
  grep -qE '^ExecStart=(/usr/bin/env [^ ]+ )?/usr/bin/cage .*-- /opt/wijkkiosk/current/bin/wijkkiosk ' "$src/$u" || { echo "FAIL: $u does not start the app under cage"; fail=1; }
done
need wijkqueue.service User=wijkqueue StateDirectory=wijkqueue CapabilityBoundingSet= \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "${hardening[@]}"
need wijkqueue-purge.service User=wijkqueue CapabilityBoundingSet= PrivateNetwork=yes "${hardening[@]}"
need wijkkiosk-update.service Type=oneshot NoNewPrivileges=yes ProtectSystem=strict
need wijkkiosk-update.timer OnUnitActiveSec=15min Persistent=true
grep -q '^OnBootSec=' "$src/wijkkiosk-update.timer" && grep -q '^RandomizedDelaySec=' "$src/wijkkiosk-update.timer" \
  || { echo "FAIL: wijkkiosk-update.timer lacks OnBootSec or RandomizedDelaySec"; fail=1; }

# Exposure, from the real units (the security review does not run the binaries).
for u in "$src"/*.service; do
  line=$(systemd-analyze security --offline=true --no-pager "$u" 2>&1 | grep 'Overall exposure level' || true)
  score=$(sed -E 's/.*: ([0-9]+\.[0-9]) ([A-Z]+).*/\1/' <<<"$line")
  band=$(sed -E 's/.*: ([0-9]+\.[0-9]) ([A-Z]+).*/\2/' <<<"$line")
  printf 'security: %-28s %s %s\n' "${u##*/}" "$score" "$band"
  case "$band" in
    PERFECT|SAFE|OK) awk -v s="$score" 'BEGIN { exit !(s < 5.0) }' || { echo "FAIL: ${u##*/} exposure $score"; fail=1; } ;;
    *) echo "FAIL: ${u##*/} is rated '${band:-?}' ($line), not OK or better"; fail=1 ;;
  esac
done

[ "$fail" -eq 0 ] && echo "PASS" || { echo "FAILED"; exit 1; }
