#!/usr/bin/env bash
# `make fresh-check`: prove that the README's two commands set up a brand-new Debian 12 by themselves.
#
# 1. Build a minimal Debian 12 root with debootstrap (python3, python3-venv, python3-pip, make, git,
#    ca-certificates and curl; nothing else), cached as a tarball after the first build.
# 2. Unpack a new copy, clone this repository's committed HEAD into it, copy in the host's CA bundle
#    (this network may inspect TLS) and nothing else: no pip cache, no wheels, no apt lists.
# 3. Run `make test` there, then `make demo` until the home page answers; print how long each took.
# 4. Stop every process that runs inside the root, unmount, remove the copy (the cache stays).
#
# The root shares this machine's network, so the demo and the test database use their own ports
# (FRESH_PORT, FRESH_PG_PORT) to stay clear of a demo or test run on the host itself.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${FRESH_CACHE:-var/fresh}
port=${FRESH_PORT:-8765}
pg_port=${FRESH_PG_PORT:-54339}
demo_timeout=${FRESH_DEMO_TIMEOUT:-900}
packages=python3,python3-venv,python3-pip,make,git,ca-certificates,curl

[ "$(id -u)" -eq 0 ] || { echo "make fresh-check builds a chroot: run it as root." >&2; exit 1; }
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
tarball=$cache/debian12-minbase.tar

# The Debian mirror this machine's apt already uses (deb822 or one-line format), so the check needs
# no address of its own.
apt_uris() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | sed -nE 's/^URIs:[[:space:]]*//p; s/^deb (\[[^]]*\] )?([^ ]+).*/\2/p' | awk '{print $1}' || true
}
mirror=$(apt_uris | grep -v security | head -n 1 || true)
security=$(apt_uris | grep security | head -n 1 || true)
[ -n "$mirror" ] || { echo "No Debian mirror found in /etc/apt: cannot build the root." >&2; exit 1; }

if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  build=$(mktemp -d "$cache/build.XXXX")
  chmod 755 "$build"
  echo "Building a minimal Debian 12 root (once; cached in $tarball)"
  start=$SECONDS
  debootstrap --variant=minbase --include="$packages" bookworm "$build" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log"; rm -rf "$build"; exit 1; }
  {
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -n "$security" ] && echo "deb $security bookworm-security main"
  } >"$build/etc/apt/sources.list"
  rm -rf "$build"/var/cache/apt/archives/*.deb "$build"/var/lib/apt/lists/*
  tar -C "$build" -cf "$tarball" .
  rm -rf "$build"
  echo "Root built in $((SECONDS - start)) s"
fi

root=$(mktemp -d "$cache/root.XXXX")
chmod 755 "$root"  # mktemp makes it 0700: the postgres user must reach /usr inside it
mounted=()
stop_everything() {
  # Every process whose root directory is the fresh root: the demo, its worker, PostgreSQL, leftovers.
  for _ in 1 2 3; do
    pids=()
    for proc in /proc/[0-9]*; do
      [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && pids+=("${proc#/proc/}")
    done
    [ ${#pids[@]} -eq 0 ] && break
    kill -TERM "${pids[@]}" 2>/dev/null || true
    sleep 3
    kill -KILL "${pids[@]}" 2>/dev/null || true
  done
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  rm -rf "$root"
}
trap stop_everything EXIT

tar -C "$root" -xf "$tarball"
chmod 755 "$root"
for fs in proc sys dev dev/pts dev/shm; do
  mkdir -p "$root/$fs"
  case $fs in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sysfs "$root/sys" ;;
    dev) mount --bind /dev "$root/dev" ;;
    dev/pts) mount -t devpts devpts "$root/dev/pts" -o newinstance,ptmxmode=0666 || mount --bind /dev/pts "$root/dev/pts" ;;
    dev/shm) mount -t tmpfs tmpfs "$root/dev/shm" ;;
  esac
  mounted+=("$root/$fs")
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
# The host's CA bundle, under its own name so that Debian's ca-certificates never rewrites it.
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/host-ca-bundle.crt"
git clone --quiet --no-local "$(pwd)" "$root/root/digibank"

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb \
    SSL_CERT_FILE=/etc/ssl/host-ca-bundle.crt PIP_CERT=/etc/ssl/host-ca-bundle.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/host-ca-bundle.crt CURL_CA_BUNDLE=/etc/ssl/host-ca-bundle.crt \
    GIT_SSL_CAINFO=/etc/ssl/host-ca-bundle.crt \
    /bin/bash -c "cd /root/digibank && $1"
}

echo "== make test in a fresh Debian 12 root (log: $cache/make-test.log)"
start=$SECONDS
if ! in_root "make test PG_PORT=$pg_port" >"$cache/make-test.log" 2>&1; then
  tail -n 40 "$cache/make-test.log"
  echo "make test FAILED in the fresh root after $((SECONDS - start)) s"
  exit 1
fi
test_seconds=$((SECONDS - start))
# pytest's closing line of each database run (SQLite first, then PostgreSQL).
grep -E '^[0-9]+ (passed|failed)|[0-9]+ passed' "$cache/make-test.log" | tail -n 2
echo "make test passed in $test_seconds s"

echo "== make demo in the same root until the home page answers (log: $cache/make-demo.log)"
start=$SECONDS
in_root "make demo PORT=$port" >"$cache/make-demo.log" 2>&1 &
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
  if ((SECONDS - start > demo_timeout)); then
    tail -n 30 "$cache/make-demo.log"
    echo "make demo did not answer within $demo_timeout s"
    exit 1
  fi
  sleep 2
done
demo_seconds=$((SECONDS - start))
echo "make demo served the home page after $demo_seconds s"
echo "fresh-check passed: make test $test_seconds s, make demo $demo_seconds s until the home page answered"
