# Shared by scripts/test.sh and scripts/quickstart.sh: a virtualenv, a staged collection and the emulator.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${CLOUDDB_WORK:-$ROOT/.tmp}
VENV=${CLOUDDB_VENV:-$ROOT/.venv}
mkdir -p "$WORK"

log() { printf '\n=== %s\n' "$*" >&2; }

# ensure_venv REQUIREMENTS_FILE: create $VENV and install the file (again only when it changed).
ensure_venv() {
  local reqs=$1 stamp
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating virtualenv $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
  fi
  stamp="$VENV/.installed-$(basename "$reqs")-$(sha256sum "$reqs" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    log "installing $reqs"
    "$VENV/bin/python" -m pip install -q -r "$reqs" >&2
    touch "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

# stage_collection: copy the checkout (tracked and new, non-ignored files) to a path ending in
# ansible_collections/clouddb/mysql, tracked by git there (ansible-test lists files through git).
stage_collection() {
  STAGE_ROOT="$WORK/stage"
  STAGE="$STAGE_ROOT/ansible_collections/clouddb/mysql"
  rm -rf "$STAGE_ROOT"
  mkdir -p "$STAGE"
  (cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 -I{} cp --parents -P {} "$STAGE/" 2>/dev/null || true)
  (cd "$STAGE" && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -q -m stage --no-verify)
  export ANSIBLE_COLLECTIONS_PATH="$STAGE_ROOT"
}

# start_emulator: run tests/emulator/serve.py over TLS in the background; sets EMULATOR_URL, EMULATOR_CA.
# CLOUDDB_ENGINE=mariadb: with real engines (ensure_mariadb first), in a state directory of its own.
start_emulator() {
  local engine=${CLOUDDB_ENGINE:-none} state="$WORK/emulator" out
  [ "$engine" = none ] || state="$WORK/emulator-$engine"
  rm -rf "$state"; mkdir -p "$state"
  out="$state/serve.out"
  python "$ROOT/tests/emulator/serve.py" --tls --state-dir "$state" --engine "$engine" \
    --time-scale "${CLOUDDB_TIME_SCALE:-0.01}" >"$out" 2>"$state/serve.err" &
  EMULATOR_PID=$!
  trap 'kill $EMULATOR_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    EMULATOR_URL=$(sed -n 's/^EMULATOR_URL=//p' "$out" | head -1)
    [ -n "$EMULATOR_URL" ] && break
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$state/serve.err" >&2; return 1; }
    sleep 0.2
  done
  [ -n "$EMULATOR_URL" ] || { echo "emulator did not start" >&2; cat "$state/serve.err" >&2; return 1; }
  EMULATOR_CA="$state/ca.pem"
  export EMULATOR_URL EMULATOR_CA
  log "emulator at $EMULATOR_URL"
}

# ensure_mariadb: the MariaDB server, client and backup tools behind `serve.py --engine mariadb`, from the
# distribution's packages. As root on Debian/Ubuntu (CI) they are installed with apt-get when missing, with
# a policy-rc.d that keeps the distribution's own server from starting (the emulator runs its own, one per
# instance node, on loopback addresses only); elsewhere the message says what to install.
MARIADB_PACKAGES="mariadb-server mariadb-client mariadb-backup"
mariadb_present() {
  local tool
  for tool in mariadbd mariadb-install-db mariadb mariadb-dump mariadb-binlog mariabackup; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || return 1
  done
}
ensure_mariadb() {
  mariadb_present && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing MariaDB for the emulator's engines (Debian packages: $MARIADB_PACKAGES)"
    local policy=/usr/sbin/policy-rc.d ours=
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\n# written by clouddb.mysql scripts/lib.sh while installing MariaDB: no service starts\nexit 101\n' >"$policy"
      chmod 755 "$policy"
      ours=1
    fi
    # shellcheck disable=SC2086  # the package list is split on purpose
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $MARIADB_PACKAGES >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $MARIADB_PACKAGES >/dev/null; } \
      || { [ -n "$ours" ] && rm -f "$policy"; return 1; }
    [ -n "$ours" ] && rm -f "$policy"
  fi
  mariadb_present || {
    echo "The emulator's --engine mariadb needs MariaDB 10.6 or later (mariadbd, mariadb-install-db, mariadb," >&2
    echo "mariadb-dump, mariadb-binlog, mariabackup): on Debian/Ubuntu apt-get install $MARIADB_PACKAGES;" >&2
    echo "on Fedora/RHEL dnf install mariadb-server mariadb-backup; on macOS brew install mariadb." >&2
    return 1
  }
}

# bundled_collection NAMESPACE/NAME DIR: that collection under DIR/ansible_collections, taken out of the
# PyPI package "ansible" (Galaxy is unreachable here): awx.awx for the AWX installer playbook,
# community.mysql for the engine targets' independent checks. Never dependencies of clouddb.mysql itself.
FROM_ANSIBLE=12.3.0   # the PyPI "ansible" release whose collections are used (awx.awx 24.6.1)
bundled_collection() {
  local name=$1 dest=$2 wheels="$WORK/wheels"
  [ -f "$dest/ansible_collections/$name/MANIFEST.json" ] && return 0
  mkdir -p "$wheels" "$dest"
  ls "$wheels"/ansible-"$FROM_ANSIBLE"-*.whl >/dev/null 2>&1 \
    || python -m pip download -q --no-deps --only-binary=:all: -d "$wheels" "ansible==$FROM_ANSIBLE" >&2
  python - "$wheels"/ansible-"$FROM_ANSIBLE"-*.whl "$dest" "$name" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    members = [m for m in wheel.namelist() if m.startswith('ansible_collections/%s/' % sys.argv[3])]
    wheel.extractall(sys.argv[2], members)
PY
}

# The emulator's fixed test credentials (DESIGN §6), as the collection's environment variables.
export_emulator_credentials() {
  export HW_REGION_NAME=cn-north-4 HW_ACCESS_KEY=EMULATORAK0000000001 HW_SECRET_KEY=emulator-secret-key
  export HW_PROJECT_ID=0123456789abcdef0123456789abcdef
  export HW_GAUSSDB_ENDPOINT="$EMULATOR_URL" HW_ROMA_ENDPOINT="$EMULATOR_URL" HW_AUTH_URL="$EMULATOR_URL/v3"
  export HW_CACERT_FILE="$EMULATOR_CA"
  export CDS_SECRET_ID=EMULATORCDSID CDS_SECRET_KEY=emulator-cds-secret CDS_ENDPOINT="$EMULATOR_URL"
  export CDS_CACERT_FILE="$EMULATOR_CA" CDS_REGION=CN_Beijing_A
}
