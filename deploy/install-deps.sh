#!/usr/bin/env bash
# Installs the Debian 12 packages wijkkiosk builds, runs and tests with. Idempotent: when every package is
# already there it only asks dpkg (well under a second) and installs nothing.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config
  # libraries
  libcurl4-openssl-dev nlohmann-json3-dev libmicrohttpd-dev zlib1g-dev libsqlite3-dev libsodium-dev libssl-dev
  libtomlplusplus-dev libimgui-dev libstb-dev libsdl2-dev libx11-dev libqrencode-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # `make bench`: taps without a process per tap (XTest), the status page under load (wrk), a city's year
  # of tickets seeded quickly (eatmydata), the peer page's server (python3), profiling a miss
  libxtst-dev wrk eatmydata python3 linux-perf strace
  # the fuzz targets (tests/fuzz): clang 14 with libFuzzer and its sanitizers
  clang libclang-rt-14-dev
  # tools used at build, test and demo time
  openssl curl ca-certificates librsvg2-bin xvfb xauth xdotool zbar-tools imagemagick procps
  # the deploy tests: systemd-analyze verify|security, the .deb files (dpkg-shlibdeps, file, lintian)
  systemd dpkg-dev file lintian
  # a wall clock set to a given date for a whole process tree (the faked-date runs of the suite)
  faketime
  # promtool, which checks that /metrics is valid Prometheus text
  prometheus
  # xmllint, which checks that the report page and its SVG charts parse
  libxml2-utils
  # the display's spoken call; the browser the status-page tests drive
  libespeak-ng-dev espeak-ng chromium
  # Arabic ordered (FriBidi) and shaped (HarfBuzz) for ImGui; hb-shape, which the shaping test compares with
  libfribidi-dev libharfbuzz-dev libharfbuzz-bin
  # fonts the kiosk loads by path
  fonts-dejavu-core fonts-noto-core
  # a throwaway PostgreSQL server per test (initdb, pg_ctl, psql) and libpq, which the tests talk to it with
  postgresql libpq-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js and npm (for playwright-core in the browser tests): any install will do, Debian's when there is none.
command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install as root: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
