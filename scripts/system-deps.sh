#!/usr/bin/env bash
# Install the Debian packages that `make demo` or `make test` need, and only those that are missing.
#
# Each need is checked by what it does, not by a file being present: the Playwright driver is
# started, Chromium opens a blank page, msgfmt and pg_ctl answer. What fails is installed (after
# `apt-get update`, with sudo only when not root) and checked again; a need still failing then stops
# the command with the reason, instead of letting hundreds of tests fail later.
#
#   scripts/system-deps.sh demo           gettext and the PDF fonts
#   scripts/system-deps.sh test PYTHON    the same, plus Chromium, Playwright's driver, PostgreSQL
set -uo pipefail
what=${1:?demo or test}
python=${2:-.venv/bin/python}

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Not root and no sudo: install the Debian packages listed below as root, then run again." >&2
  sudo=(false)
fi

# Each check: a name, the Debian packages that provide it, and a command that succeeds when it works.
names=() packages=() checks=()
need() { names+=("$1"); packages+=("$2"); checks+=("$3"); }

need "gettext (msgfmt, xgettext)" "gettext" "msgfmt --version && xgettext --version"
# The PDFs (agreements, certificates, labels) print names in any script with DejaVu Sans.
need "DejaVu fonts for the PDFs" "fonts-dejavu-core" \
  "test -s /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf -a -s /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
if [ "$what" = test ]; then
  need "Chromium (opens a page headless)" "chromium" \
    "timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir=\$(mktemp -d) --dump-dom about:blank | grep -q '<body'"
  # Playwright's bundled Node driver needs libatomic1, which a minimal Debian 12 does not have.
  need "Playwright's driver" "libatomic1" "$python -m playwright --version"
  # scripts/postgres.sh runs initdb and pg_ctl of the newest installed major version as `postgres`.
  need "PostgreSQL server (initdb, pg_ctl)" "postgresql" \
    "bin=\$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1) && \$bin/initdb --version && \$bin/pg_ctl --version && id postgres && command -v runuser"
fi

failing() {
  local i
  for i in "${!checks[@]}"; do
    bash -c "${checks[$i]}" >/dev/null 2>&1 || echo "$i"
  done
}

missing=$(failing)
[ -z "$missing" ] && exit 0

install=()
for i in $missing; do
  echo "Missing: ${names[$i]} → installing ${packages[$i]}"
  install+=("${packages[$i]}")
done
"${sudo[@]}" apt-get update -qq || exit 1
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  "${install[@]}" >/dev/null || exit 1

still=$(failing)
if [ -n "$still" ]; then
  for i in $still; do
    echo "Still not working after installing ${packages[$i]}: ${names[$i]}. The check was:" >&2
    echo "  ${checks[$i]}" >&2
    bash -c "${checks[$i]}" 2>&1 | tail -n 5 >&2
  done
  exit 1
fi
