#!/usr/bin/env bash
# Quick start: installs the collection in a virtualenv, starts the bundled emulator (no cloud
# account needed) and runs examples/quickstart.yml, a real playbook, against it.
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

CLOUDDB_TIME_SCALE=${CLOUDDB_TIME_SCALE:-0.02} start_emulator
export_emulator_credentials
log "running examples/quickstart.yml (credentials from HW_* environment variables)"
ansible-playbook -i localhost, examples/quickstart.yml "$@"
