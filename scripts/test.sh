#!/usr/bin/env bash
# Every test of the collection; CI (.ci/run) runs exactly this.
#   bash scripts/test.sh                     sanity, lint, unit, emulator and integration tests
#   bash scripts/test.sh unit|emulator|sanity|lint|integration [ansible-test targets...]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_venv "$ROOT/tests/requirements.txt"
what=${1:-all}
shift || true
failed=()

run_unit() {
  log "unit tests"
  # Called from an `if` (step), where set -e does not apply: every command must return on failure.
  python scripts/update_runtime.py --check || return 1
  python scripts/gen_module_index.py --check || return 1
  python -m pytest -q -p no:cacheprovider tests/unit
}

run_emulator() {
  log "emulator tests (official huaweicloudsdkgaussdb against the emulator)"
  python -m pytest -q -p no:cacheprovider tests/emulator/tests
}

# ansible-test bootstraps pip in its virtualenvs with a script it downloads from a host this
# network cannot reach; it does not verify the cached file, so a stand-in that uses ensurepip
# and the machine's pip configuration works (see ../shared/ENVIRONMENT.md).
pip_bootstrap_standin() {
  local version cache
  version=$(python - <<'PY'
import re, ansible_test, os
src = open(os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')).read()
print(re.search(r"pip='([^']+)'", src).group(1).replace('.', '_'))
PY
)
  cache="$HOME/.ansible/test/cache/get_pip_${version}.py"
  [ -f "$cache" ] && return 0
  mkdir -p "$(dirname "$cache")"
  cat >"$cache" <<'PY'
# Stand-in for get-pip.py, written by clouddb.mysql's scripts/test.sh (no access to the download host).
import subprocess, sys
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade'])  # child process: keeps pip config
args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'pip', 'install'] + args)
PY
}

run_sanity() {
  log "ansible-test sanity (no ignore file)"
  test ! -e tests/sanity || { ls tests/sanity; echo "tests/sanity must not hold ignore files" >&2; return 1; }
  pip_bootstrap_standin
  stage_collection
  # The emulator, benchmarks and dev scripts are test tools, not part of the built collection.
  local excludes=() dir
  for dir in tests/emulator/ tests/benchmarks/ scripts/; do
    [ -d "$STAGE/$dir" ] && excludes+=(--exclude "$dir")
  done
  (cd "$STAGE" && ansible-test sanity --color no --python 3.11 --requirements "${excludes[@]}")
}

run_lint() {
  log "ansible-lint (production profile)"
  stage_collection
  local paths=() dir
  for dir in examples roles tests/integration/targets; do
    [ -d "$STAGE/$dir" ] && paths+=("$dir")
  done
  (cd "$STAGE" && ansible-lint --offline "${paths[@]}") || return 1
  log "antsibull-changelog lint"
  (cd "$STAGE" && antsibull-changelog lint)
}

run_integration() {
  log "integration tests (ansible-test targets against the emulator over TLS)"
  stage_collection
  start_emulator
  cat >"$STAGE/tests/integration/integration_config.yml" <<CFG
emulator_url: "$EMULATOR_URL"
emulator_ca: "$EMULATOR_CA"
hw_region: cn-north-4
hw_access_key: EMULATORAK0000000001
hw_secret_key: emulator-secret-key
hw_project_id: 0123456789abcdef0123456789abcdef
hw_endpoint_url: "$EMULATOR_URL"
hw_auth_url: "$EMULATOR_URL/v3"
hw_user_name: emulator
hw_user_password: Emulator-Passw0rd
hw_domain_name: emulator
cds_endpoint_url: "$EMULATOR_URL"
cds_access_key_id: EMULATORCDSID
cds_access_key_secret: emulator-cds-secret
cds_region: CN_Beijing_A
CFG
  (cd "$STAGE" && ansible-test integration --color no --python 3.11 "$@")
}

# Each suite runs in a subshell with errexit in force: a suite called from an `if` would run
# with errexit ignored, and only its last command would decide the result.
step() {
  local name=$1 rc; shift
  set +e
  (set -e; "run_$name" "$@")
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then log "$name: ok"; else log "$name: FAILED"; failed+=("$name"); fi
}

case "$what" in
  all)
    step unit; step emulator; step integration; step sanity; step lint ;;
  unit|emulator|sanity|lint|integration) step "$what" "$@" ;;
  *) echo "usage: $0 [all|unit|emulator|sanity|lint|integration [targets...]]" >&2; exit 2 ;;
esac

if [ ${#failed[@]} -gt 0 ]; then
  log "failed: ${failed[*]}"
  exit 1
fi
log "all requested test suites passed"
