#!/usr/bin/env bash
# Every test of the collection; CI (.ci/run) runs exactly this.
#   bash scripts/test.sh           unit, emulator, integration, engine, sanity, lint, release, docs and awx
#   bash scripts/test.sh unit|emulator|engine|sanity|lint|release|docs|awx|integration [ansible-test targets...]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# Nothing the tests run may write to the user's home: a throwaway one under the work directory
# (ansible's ~/.ansible, ansible-test's caches and pip bootstrap stand-in, pip's cache, ansible-lint's
# and galaxy-importer's temporary files). The user's pip configuration (index, CA bundle) is kept.
use_throwaway_home() {
  local real=$HOME
  export HOME="$WORK/home"
  mkdir -p "$HOME"
  if [ -f "$real/.config/pip/pip.conf" ] && [ ! -f "$HOME/.config/pip/pip.conf" ]; then
    mkdir -p "$HOME/.config/pip" && cp "$real/.config/pip/pip.conf" "$HOME/.config/pip/pip.conf"
  fi
  [ -f "$real/.gitconfig" ] && [ ! -f "$HOME/.gitconfig" ] && cp "$real/.gitconfig" "$HOME/.gitconfig"
  unset XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME
  # Modules run on localhost put their files in the remote user's ~ from the password database, not $HOME.
  export ANSIBLE_REMOTE_TMP="$HOME/.ansible/tmp"
  return 0
}
use_throwaway_home
ensure_venv "$ROOT/tests/requirements.txt"

# Install ShellCheck from Debian when missing (CI is root on Debian): without it, ansible-test
# sanity skips its shellcheck test silently.
ensure_shellcheck() {
  command -v shellcheck >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing shellcheck (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q shellcheck >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q shellcheck >/dev/null; }
  fi
  command -v shellcheck >/dev/null || { echo "shellcheck is needed: apt-get install shellcheck" >&2; return 1; }
}

# ansible-test wants en_US.UTF-8 and warns on every run without it (minimal Debian images have only
# C.UTF-8): generate it when we may (root, the Debian package locales); elsewhere the warning stays.
ensure_test_locale() {
  locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$' && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 0
  if [ ! -f /usr/share/i18n/locales/en_US ] || ! command -v localedef >/dev/null; then
    log "installing the en_US.UTF-8 locale for ansible-test (Debian package locales)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q locales >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q locales >/dev/null; } \
      || return 0
  fi
  localedef -i en_US -f UTF-8 en_US.UTF-8 2>/dev/null || true
}
ensure_test_locale

awx_collection() { bundled_collection awx/awx "$1"; }

# flake8 with galaxy-importer's settings (what Automation Hub reports), over the collection's code.
flake8_collection() {
  flake8 --isolated --extend-ignore E402 --select E,F,W --max-line-length 160 \
    plugins tests/awx scripts/extract_examples.py scripts/gen_docsite.py
}

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

# The emulator with real engines (serve.py --engine mariadb): its own tests, then the engine_* integration
# targets, which check in the engines with an independent client (community.mysql over PyMySQL).
ENGINE_TARGETS=$(cd "$ROOT/tests/integration/targets" && ls -d engine_* 2>/dev/null | tr '\n' ' ')
run_engine() {
  log "engine tests (serve.py --engine mariadb: MariaDB servers behind the instances)"
  ensure_mariadb
  python -m pytest -q -p no:cacheprovider tests/emulator/engine_tests
  # shellcheck disable=SC2086  # one word per target
  CLOUDDB_TIME_SCALE=${CLOUDDB_TIME_SCALE:-0.005} run_integration $ENGINE_TARGETS
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
  cache="$HOME/.ansible/test/cache/get_pip_${version}.py"   # $HOME: the throwaway home
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
  ensure_shellcheck   # otherwise ansible-test skips its shellcheck test without a word
  pip_bootstrap_standin
  stage_collection
  # The emulator, benchmarks, AWX stand-ins and dev scripts are test tools, not part of the built collection.
  local excludes=() dir
  for dir in tests/emulator/ tests/benchmarks/ tests/awx/ scripts/; do
    [ -d "$STAGE/$dir" ] && excludes+=(--exclude "$dir")
  done
  (cd "$STAGE" && ansible-test sanity --color no --python 3.11 --requirements "${excludes[@]}")
}

run_lint() {
  log "ansible-lint (production profile) over the whole repository, plugin EXAMPLES included"
  stage_collection
  awx_collection "$WORK/lint-collections"   # the AWX installer playbook uses awx.awx
  bundled_collection community/mysql "$WORK/lint-collections"   # the quick start and the engine targets
  # Every plugin's EXAMPLES, as the files a user would copy: task lists of modules as a play,
  # inventory files as <name>.<plugin>.yml (ansible-lint knows neither inside a Python string).
  python "$ROOT/scripts/extract_examples.py" "$STAGE" "$STAGE/plugin_examples" || return 1
  (cd "$STAGE" && ANSIBLE_COLLECTIONS_PATH="$STAGE_ROOT:$WORK/lint-collections" ansible-lint --offline --strict) \
    2>&1 | tee "$WORK/ansible-lint.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || return 1
  # A merge key overridden in the same mapping is a duplicate key that YAML silently resolves: refuse it.
  if grep -q "duplicate mapping key" "$WORK/ansible-lint.log"; then
    echo "duplicate mapping keys (a '<<: *anchor' overridden in place): write the options out instead" >&2
    return 1
  fi
  log "flake8 (galaxy-importer's settings) and shellcheck"
  (cd "$STAGE" && flake8_collection .) || return 1
  ensure_shellcheck
  (cd "$ROOT" && shellcheck -x --severity=warning scripts/*.sh .ci/run) || return 1
  log "antsibull-changelog lint"
  (cd "$STAGE" && antsibull-changelog lint)
}

# Automation Hub's import of the built tarball (galaxy-importer with the certified-content settings:
# version >= 1.0.0, a required tag, changelog, ansible-doc, ansible-lint and flake8 on; ansible-test
# off, it needs a container engine). Any warning or error fails.
run_release() {
  log "galaxy-importer on the built tarball (Automation Hub certified settings)"
  local dir="$WORK/release" tarball var
  # Only tests/galaxy-importer.cfg decides: no GALAXY_IMPORTER_* override from the caller's environment.
  for var in $(compgen -e); do case $var in GALAXY_IMPORTER_*) unset "$var" ;; esac; done
  rm -rf "$dir" && mkdir -p "$dir/dist" "$dir/tmp"
  ansible-galaxy collection build --force --output-path "$dir/dist" "$ROOT" >/dev/null
  tarball=$(ls "$dir"/dist/clouddb-mysql-*.tar.gz)
  for member in LICENSE CHANGELOG.rst README.md meta/runtime.yml execution-environment.yml \
      extensions/awx/credential_types/huawei_cloud.yml extensions/awx/credential_types/capital_online.yml \
      playbooks/awx_credential_types.yml docs/docsite/extra-docs.yml docs/docsite/links.yml; do
    tar -tzf "$tarball" "$member" >/dev/null 2>&1 || { echo "$member is missing from $tarball" >&2; return 1; }
  done
  sed "s|@TMP@|$dir/tmp|g" "$ROOT/tests/galaxy-importer.cfg" >"$dir/galaxy-importer.cfg"
  (cd "$dir" && GALAXY_IMPORTER_CONFIG="$dir/galaxy-importer.cfg" python -m galaxy_importer.main "$tarball") \
    >"$dir/import.log" 2>&1 || { cat "$dir/import.log" >&2; return 1; }
  if grep -E '^(WARNING|ERROR)' "$dir/import.log"; then
    echo "galaxy-importer reported the problems above (full log: $dir/import.log)" >&2
    return 1
  fi
  log "ansible-builder create (execution-environment.yml): the build context, no container engine"
  (cd "$dir" && ansible-builder create -f "$ROOT/execution-environment.yml" -c "$dir/ee-context" >/dev/null) || return 1
  grep -q 'name: clouddb.mysql' "$dir/ee-context/_build/requirements.yml" || { echo "EE context lacks clouddb.mysql" >&2; return 1; }
  python - "$dir/importer_result.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
docs = sorted(f['name'] for f in result['docs_blob']['documentation_files'])
print('importer: %s %s, %d contents, docs: %s' % (result['metadata']['name'], result['metadata']['version'],
                                                 len(result['contents']), ', '.join(docs)))
missing = {'awx.md', 'inventory.md', 'quickstart.md', 'emulator.md', 'modules.md'} - set(docs)
assert not missing, 'guides missing from the docs tab: %s' % sorted(missing)
PY
}

# The collection's HTML docsite as docs.ansible.com builds it (antsibull-docs + sphinx), and its lint.
run_docs() {
  log "docs: generated guides current, antsibull-docs lint-collection-docs, HTML docsite build"
  python scripts/gen_docsite.py --check || return 1
  stage_collection
  (cd "$STAGE" && antsibull-docs lint-collection-docs --plugin-docs .) || return 1
  local dir="$WORK/docsite"
  rm -rf "$dir" && mkdir -p "$dir"
  antsibull-docs sphinx-init --use-current --lenient --fail-on-error --dest-dir "$dir" clouddb.mysql >/dev/null
  # build.sh as sphinx-init writes it, offline: no intersphinx inventories (no network here), so the
  # references into docs.ansible.com (ansible-core's pages, other collections, ansible-core's
  # environment variables) stay unresolved, and only those warnings are tolerated.
  echo 'intersphinx_mapping = {}' >>"$dir/conf.py"
  # No colours (CI may force them): the log is filtered line by line below.
  (cd "$dir" && NO_COLOR=1 ANSIBLE_COLLECTIONS_PATH="$STAGE_ROOT" bash build.sh >"$dir/build.log" 2>&1) \
    || { tail -40 "$dir/build.log" >&2; return 1; }
  sed -i 's/\x1b\[[0-9;]*m//g' "$dir/build.log"
  if grep -iE 'warning|error' "$dir/build.log" | grep -vE \
      "undefined label: '(common_return_values|ansible_configuration_settings|ansible_collections\.(ansible|community)\.[a-z_.-]+)'|'envvar' reference target not found: ANSIBLE_|^build succeeded"; then
    echo "the docsite build reported the lines above (full log: $dir/build.log)" >&2; return 1
  fi
  test -f "$dir/build/html/collections/clouddb/mysql/docsite/guide_awx.html"
  log "docsite: $dir/build/html/index.html"
}

# AWX / Automation Controller as it runs the collection (tests/awx/awx_job.py): credential types
# installed from the collection by its playbook through awx.awx (a stand-in controller API), an
# inventory update and a job template per cloud through ansible-runner, over TLS with a private CA.
run_awx() {
  log "AWX-style run: credential types, inventory updates and jobs (ansible-runner), both clouds"
  local dir="$WORK/awx" controller_out url
  rm -rf "$dir" && mkdir -p "$dir/dist" "$dir/collections"
  ansible-galaxy collection build --force --output-path "$dir/dist" "$ROOT" >/dev/null
  ANSIBLE_COLLECTIONS_PATH="$dir/collections" \
    ansible-galaxy collection install --force -p "$dir/collections" "$dir"/dist/clouddb-mysql-*.tar.gz >/dev/null
  awx_collection "$dir/collections"
  start_emulator
  python - <<'PY'
import json, os, ssl, urllib.request
request = urllib.request.Request(os.environ['EMULATOR_URL'] + '/_emulator/seed', method='POST', data=json.dumps(
    {'gaussdb_instances': 2, 'nodes_per_instance': 3, 'cds_instances': 2, 'cds_readonly_per_instance': 1}).encode(),
    headers={'Content-Type': 'application/json'})
urllib.request.urlopen(request, context=ssl.create_default_context(cafile=os.environ['EMULATOR_CA'])).read()
PY
  controller_out="$dir/controller.out"
  python tests/awx/fake_controller.py "$dir/credential_types.json" awx-test-token >"$controller_out" 2>"$dir/controller.err" &
  CONTROLLER_PID=$!
  trap 'kill $EMULATOR_PID $CONTROLLER_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    url=$(sed -n 's/^CONTROLLER_URL=//p' "$controller_out"); [ -n "$url" ] && break; sleep 0.2
  done
  [ -n "$url" ] || { cat "$dir/controller.err" >&2; return 1; }
  local run
  for run in 1 2; do
    ANSIBLE_COLLECTIONS_PATH="$dir/collections" CONTROLLER_HOST="$url" CONTROLLER_OAUTH_TOKEN=awx-test-token \
      ansible-playbook -i localhost, -c local -e 'ansible_python_interpreter={{ ansible_playbook_python }}' \
      clouddb.mysql.awx_credential_types >"$dir/install-$run.log" 2>&1 \
      || { cat "$dir/install-$run.log" >&2; return 1; }
    if grep -q '\[WARNING\]' "$dir/install-$run.log"; then cat "$dir/install-$run.log" >&2; return 1; fi
  done
  grep -q 'changed=1 ' "$dir/install-1.log" && grep -q 'changed=0 ' "$dir/install-2.log" \
    || { echo "the installer playbook must change once, then nothing" >&2; cat "$dir"/install-*.log >&2; return 1; }
  python tests/awx/awx_job.py --types "$dir/credential_types.json" --collections "$dir/collections" --work "$dir"
}

# The engine_* targets need the emulator with engines (and community.mysql): named, they get it; the
# whole run leaves them to the engine step.
run_integration() {
  local target
  export CLOUDDB_ENGINE=none
  case " $* " in *" engine_"*) CLOUDDB_ENGINE=mariadb; ensure_mariadb ;; esac
  log "integration tests (ansible-test targets against the emulator over TLS, engine $CLOUDDB_ENGINE)"
  stage_collection
  if [ "$CLOUDDB_ENGINE" = mariadb ]; then
    bundled_collection community/mysql "$STAGE_ROOT"
  elif [ $# -eq 0 ]; then
    for target in $ENGINE_TARGETS; do set -- "$@" --exclude "$target"; done
  fi
  start_emulator
  cat >"$STAGE/tests/integration/integration_config.yml" <<CFG
emulator_url: "$EMULATOR_URL"
emulator_engine: "$CLOUDDB_ENGINE"
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
ansible_remote_tmp: "$HOME/.ansible/tmp"
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
    step unit; step emulator; step integration; step engine; step sanity; step lint; step release; step docs; step awx ;;
  unit|emulator|engine|sanity|lint|release|docs|awx|integration) step "$what" "$@" ;;
  *) echo "usage: $0 [all|unit|emulator|engine|sanity|lint|release|docs|awx|integration [targets...]]" >&2; exit 2 ;;
esac

if [ ${#failed[@]} -gt 0 ]; then
  log "failed: ${failed[*]}"
  exit 1
fi
log "all requested test suites passed"
