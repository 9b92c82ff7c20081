#!/usr/bin/env bash
# Quick start: installs the collection in a virtualenv, starts the bundled emulator (no cloud
# account needed) with real MariaDB engines behind its instances, and runs examples/quickstart.yml,
# a real playbook, against it: it creates an instance, then connects to it with community.mysql.
# Without MariaDB (not root on Debian/Ubuntu, or CLOUDDB_ENGINE=none) the SQL steps are skipped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_venv "$ROOT/scripts/quickstart-requirements.txt"

log "building and installing the collection"
rm -rf "$WORK/quickstart" && mkdir -p "$WORK/quickstart/dist"
# Set before the install: ansible-galaxy warns when it installs outside the configured collections path.
export ANSIBLE_COLLECTIONS_PATH="$WORK/quickstart/collections"
ansible-galaxy collection build --force --output-path "$WORK/quickstart/dist" "$ROOT" >/dev/null
ansible-galaxy collection install --force -p "$WORK/quickstart/collections" "$WORK"/quickstart/dist/clouddb-mysql-*.tar.gz >/dev/null

export CLOUDDB_ENGINE=${CLOUDDB_ENGINE:-mariadb}
if [ "$CLOUDDB_ENGINE" = mariadb ] && ! ensure_mariadb; then
  log "no MariaDB: the emulator runs without engines and the playbook skips its SQL steps"
  CLOUDDB_ENGINE=none
fi
if [ "$CLOUDDB_ENGINE" = mariadb ]; then
  log "community.mysql (from the PyPI package ansible) for the playbook's SQL steps"
  bundled_collection community/mysql "$WORK/quickstart/collections"
fi
CLOUDDB_TIME_SCALE=${CLOUDDB_TIME_SCALE:-0.02} start_emulator
export_emulator_credentials
log "running examples/quickstart.yml (credentials from HW_* environment variables)"
ansible-playbook -i localhost, examples/quickstart.yml -e "connect_to_instance=$([ "$CLOUDDB_ENGINE" = mariadb ] && echo true || echo false)" "$@"
