#!/usr/bin/env bash
# The Debian packages: builds wijkkiosk and wijkqueue with CPack from this build tree (into a temp dir,
# as `make package` does into BUILD/packages), then checks with dpkg-deb their files, Depends (computed
# by dpkg-shlibdeps) and maintainer scripts, and runs lintian: no E: (errors); warnings are listed.
#
# usage: packages_test.sh BUILD_DIR VERSION
set -euo pipefail
build=${1:?usage: packages_test.sh BUILD_DIR VERSION}
version=${2:?usage: packages_test.sh BUILD_DIR VERSION}
for t in cpack dpkg-deb dpkg-shlibdeps lintian; do
  command -v "$t" >/dev/null || { echo "FAIL: $t is missing (deploy/install-deps.sh installs it)"; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

(cd "$build" && cpack -G DEB -B "$tmp/out") >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; echo "FAIL: cpack"; exit 1; }
arch=$(dpkg --print-architecture)
kiosk="$tmp/out/wijkkiosk_${version}-1_${arch}.deb"
queue="$tmp/out/wijkqueue_${version}-1_${arch}.deb"
for d in "$kiosk" "$queue"; do [ -f "$d" ] || { ls "$tmp/out"; echo "FAIL: no ${d##*/}"; exit 1; }; done
echo "ok: built ${kiosk##*/} ($(du -k "$kiosk" | cut -f1) KiB), ${queue##*/} ($(du -k "$queue" | cut -f1) KiB)"

has() {  # DEB PATH...: each path is in the package's file list
  local deb=$1; shift
  local list; list=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
  for p in "$@"; do grep -qxF -- "./$p" <<<"$list" || bad "${deb##*/} lacks /$p"; done
}
lacks() {  # DEB REGEX: no path in the package matches
  dpkg-deb -c "$1" | awk '{ print $6 }' | grep -E -- "$2" && bad "${1##*/} holds what matches $2" || true
}
rel="opt/wijkkiosk/releases/$version"
has "$kiosk" "$rel/bin/wijkkiosk" "$rel/share/wijkkiosk/assets/i18n/nl.po" "$rel/share/wijkkiosk/assets/i18n/en.po" \
  "$rel/share/wijkkiosk/assets/locations/demo.toml" "$rel/share/wijkkiosk/assets/pictograms/png/jeugd.png" \
  lib/systemd/system/wijkkiosk.service lib/systemd/system/wijkkiosk-display.service \
  lib/systemd/system/wijkkiosk-update.service lib/systemd/system/wijkkiosk-update.timer \
  usr/share/doc/wijkkiosk/copyright usr/share/doc/wijkkiosk/changelog.Debian.gz usr/share/doc/wijkkiosk/README.md \
  usr/bin/wijkkiosk-update
svgs=$(find "$(dirname "$0")/../../assets/pictograms" -name '*.svg' | wc -l)
pngs=$(dpkg-deb -c "$kiosk" | grep -c "/pictograms/png/.*\.png$" || true)
[ "$pngs" -eq "$svgs" ] && echo "ok: $pngs pictograms" || bad "$pngs pictogram PNGs for $svgs SVGs"
# current is postinst's (the updater swaps it), never dpkg's; the app is in no PATH directory, only the
# updater is (outside the releases it swaps).
lacks "$kiosk" '^\./opt/wijkkiosk/current|^\./usr/bin/wijkkiosk$|^\./etc/|^\./var/'
has "$queue" usr/bin/wijkqueue lib/systemd/system/wijkqueue.service lib/systemd/system/wijkqueue-purge.service \
  lib/systemd/system/wijkqueue-purge.timer usr/share/doc/wijkqueue/copyright usr/share/doc/wijkqueue/changelog.Debian.gz
lacks "$queue" '^\./opt/|^\./etc/|^\./var/'

# Depends: Debian's libraries as dpkg-shlibdeps found them, and what the scripts and units use.
field() { dpkg-deb -f "$1" "$2"; }
kdeps=$(field "$kiosk" Depends); qdeps=$(field "$queue" Depends)
echo "wijkkiosk Depends: $kdeps"
echo "wijkqueue Depends: $qdeps"
for d in 'libc6 (>=' libstdc++6 adduser cage tzdata fonts-dejavu-core fonts-noto-core libsqlite3-0 libcurl4 libsodium23 libsdl2; do
  grep -qF -- "$d" <<<"$kdeps" || bad "wijkkiosk does not depend on $d"
done
for d in 'libc6 (>=' libstdc++6 adduser libsqlite3-0 libsodium23 libmicrohttpd12; do
  grep -qF -- "$d" <<<"$qdeps" || bad "wijkqueue does not depend on $d"
done
[ "$(field "$kiosk" Package)" = wijkkiosk ] && [ "$(field "$queue" Package)" = wijkqueue ] || bad "package names"

# Maintainer scripts: present, executable, valid sh, and each never fails for want of systemd.
for deb in "$kiosk" "$queue"; do
  mkdir -p "$tmp/ctl/${deb##*/}"
  dpkg-deb -e "$deb" "$tmp/ctl/${deb##*/}"
  for s in postinst prerm postrm md5sums; do
    f="$tmp/ctl/${deb##*/}/$s"
    [ -f "$f" ] || { bad "${deb##*/} has no $s"; continue; }
    [ "$s" = md5sums ] && continue
    [ -x "$f" ] || bad "${deb##*/} $s is not executable"
    sh -n "$f" || bad "${deb##*/} $s is not valid sh"
    grep -q '^set -e' "$f" || bad "${deb##*/} $s lacks set -e"
    grep -q '@[A-Z_]*@' "$f" && bad "${deb##*/} $s has an unfilled @VARIABLE@"
    # Every systemctl call is behind the running-systemd test and may fail.
    grep -n 'systemctl ' "$f" | grep -v '|| true' && bad "${deb##*/} $s calls systemctl without || true"
  done
done
grep -q 'adduser --system' "$tmp/ctl/${kiosk##*/}/postinst" && grep -q 'adduser --system' "$tmp/ctl/${queue##*/}/postinst" \
  || bad "a postinst does not create its system user"
grep -q "/opt/wijkkiosk/releases/$version" "$tmp/ctl/${kiosk##*/}/postinst" || bad "wijkkiosk postinst does not name its release"
grep -q "enable wijkkiosk-update.timer" "$tmp/ctl/${kiosk##*/}/postinst" || bad "wijkkiosk postinst does not enable the updater's timer"
grep -q "1775 /var/lib/wijkkiosk/update" "$tmp/ctl/${kiosk##*/}/postinst" || bad "wijkkiosk postinst does not make the updater's folder"
echo "ok: maintainer scripts"

# lintian: errors fail; warnings are listed (and allowed).
for deb in "$kiosk" "$queue"; do
  lintian --no-cfg --tag-display-limit 0 "$deb" >"$tmp/lintian.log" 2>&1 || true
  grep '^W: ' "$tmp/lintian.log" | sed 's/^/lintian warning: /' || true
  if grep -q '^E: ' "$tmp/lintian.log"; then grep '^E: ' "$tmp/lintian.log"; bad "lintian errors in ${deb##*/}";
  else echo "ok: lintian, no errors in ${deb##*/}"; fi
done

[ "$fail" -eq 0 ] && echo "PASS" || { echo "FAILED"; exit 1; }
