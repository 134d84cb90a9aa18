#!/usr/bin/env bash
# Installs a cadence .deb into a clean Debian 12 chroot made with debootstrap
# and checks it there: the package installs with its dependencies, creates the
# cadence user, enables nothing, and `cadenced --check-config` accepts the
# installed /etc/cadence/cadence.yaml. Needs root and Debian's package archive.
#   scripts/check-package.sh [DEB] [CHROOT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

deb="${1:-$(ls build-pkg/cadence_*.deb | head -1)}"
root="${2:-/var/tmp/cadence-chroot}"
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
cp "$deb" "$root/tmp/cadence.deb"
mount --bind /proc "$root/proc" 2>/dev/null || true
trap 'umount "$root/proc" 2>/dev/null || true' EXIT

chroot "$root" /bin/sh -euc '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq /tmp/cadence.deb >/dev/null
  echo "installed: $(dpkg-query -W -f="\${Package} \${Version}" cadence)"
  getent passwd cadence >/dev/null && echo "user cadence: present"
  test -f /usr/lib/systemd/system/cadence.service && echo "unit: installed"
  test ! -e /etc/systemd/system/multi-user.target.wants/cadence.service && echo "unit: not enabled"
  ls /usr/share/man/man8/cadenced.8* >/dev/null && echo "man pages: installed"
  echo "config: $(stat -c "%U:%G %a" /etc/cadence/cadence.yaml) /etc/cadence/cadence.yaml"
  cadenced --check-config --config /etc/cadence/cadence.yaml && echo "check-config: ok"
  # As the service user: the installed permissions let the daemon read its config.
  runuser -u cadence -- cadenced --check-config --config /etc/cadence/cadence.yaml &&
    echo "check-config as cadence: ok"
  cadencectl check /etc/cadence/cadence.yaml
  cadencectl --db /tmp/t.db calendar to-lunar 2027-02-06
  # The units against the installed files (systemd is not in minbase; added
  # only for this check, after the package went in without it). --man=no:
  # man-db is not installed; the man pages are checked above.
  apt-get install -y -qq --no-install-recommends systemd >/dev/null 2>&1
  systemd-analyze verify --man=no /usr/lib/systemd/system/cadence.service &&
    echo "systemd-analyze verify (system unit): ok"
  systemd-analyze security --offline=yes /usr/lib/systemd/system/cadence.service 2>/dev/null |
    tail -1
  apt-get remove -y -qq cadence >/dev/null && echo "removed: ok"
  test -f /etc/cadence/cadence.yaml && echo "conffile kept after remove"
  test ! -e /usr/sbin/cadenced && echo "binaries gone after remove"
  apt-get purge -y -qq cadence >/dev/null && echo "purged: ok"
  test ! -e /etc/cadence/cadence.yaml && echo "conffile removed by purge"
  getent passwd cadence >/dev/null || echo "user cadence: removed by purge"
'
