#!/usr/bin/env bash
# The clouddb.mysql.gaussdb inventory plugin against the emulator: hosts, groups, the request
# budget (list pages of 100 + batch reads of 20), the cache, injected faults and a failing region.
# Credentials come from HW_* environment variables only (as an AWX credential injects them): the
# inventory files below hold none.
set -eu

# The connection settings scripts/test.sh writes: ansible-test copies them next to the targets
# (it passes -v and, for cloud targets only, "-e @file" to this script: the latter wins if given).
INTEGRATION_CONFIG="$(cd ../.. && pwd)/integration_config.yml"
for arg in "$@"; do
  case "$arg" in @*) INTEGRATION_CONFIG="${arg#@}" ;; esac
done
[ -f "$INTEGRATION_CONFIG" ] || { echo "no integration config at $INTEGRATION_CONFIG" >&2; exit 1; }
export INTEGRATION_CONFIG
PY="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python}"
check() { "$PY" inventory_check.py "$@"; }
work=$(mktemp -d)
restore() {
  check admin PUT /config '{"fault_rate": 0.0, "random_seed": 0}' >/dev/null || true
  rm -rf "$work"
}
trap restore EXIT
eval "$(check env)"

north=230   # 3 list pages and 12 batch reads
east=7      # 1 list page and 1 batch read
nodes=3
east_project=fedcba9876543210fedcba9876543210
check admin POST /seed "{\"gaussdb_instances\": $north, \"nodes_per_instance\": $nodes, \"name_prefix\": \"it-gaussdb-inv\"}" >/dev/null
check admin POST /seed "{\"gaussdb_instances\": $east, \"nodes_per_instance\": $nodes, \"name_prefix\": \"it-gaussdb-inv\",
                         \"project_id\": \"$east_project\"}" >/dev/null

# Only this target's instances (the list API's fuzzy name filter), in two regions.
write_inventory() {
  local file=$1; shift
  {
    echo "plugin: clouddb.mysql.gaussdb"
    echo "filters: {name: '*it-gaussdb-inv'}"
    printf '%s\n' "$@"
  } >"$work/$file"
}
write_inventory fleet.gaussdb.yml "regions: [cn-north-4, {name: cn-east-3, project_id: $east_project}]"

echo "== --list: every node is a host, grouped, within the request budget"
before=$(check requests)
ansible-inventory -i "$work/fleet.gaussdb.yml" --list >"$work/list.json"
after=$(check requests)
check fleet "$work/list.json" "$north" "$east" "$nodes" "$((after - before))"

echo "== --graph: instance, role, status, zone and region groups"
ansible-inventory -i "$work/fleet.gaussdb.yml" --graph >"$work/graph.txt"
check graph "$work/graph.txt"

echo "== cache: a hit makes no request and gives the same inventory"
write_inventory cached.gaussdb.yml "regions: [cn-north-4, {name: cn-east-3, project_id: $east_project}]" \
  "cache: true" "cache_plugin: ansible.builtin.jsonfile" "cache_connection: $work/cache"
before=$(check requests)
ansible-inventory -i "$work/cached.gaussdb.yml" --list --flush-cache >"$work/fresh.json"
middle=$(check requests)
ansible-inventory -i "$work/cached.gaussdb.yml" --list >"$work/cached.json"
after=$(check requests)
[ "$((middle - before))" -gt 0 ] || { echo "the first run made no request" >&2; exit 1; }
[ "$((after - middle))" -eq 0 ] || { echo "the cache hit made $((after - middle)) requests" >&2; exit 1; }
check same "$work/fresh.json" "$work/cached.json"

echo "== 10 % injected faults (throttling, 5xx, dropped connections): still complete"
faults_before=$(check admin GET /stats | "$PY" -c 'import json,sys; print(sum(json.load(sys.stdin)["faults"].values()))')
check admin PUT /config '{"fault_rate": 0.1, "fault_kinds": ["throttle", "server_error", "reset"], "random_seed": 7}' >/dev/null
ansible-inventory -i "$work/fleet.gaussdb.yml" --list >"$work/faulty.json"
ansible-inventory -i "$work/fleet.gaussdb.yml" --list >"$work/faulty2.json"
faults_after=$(check admin GET /stats | "$PY" -c 'import json,sys; print(sum(json.load(sys.stdin)["faults"].values()))')
check admin PUT /config '{"fault_rate": 0.0, "random_seed": 0}' >/dev/null
echo "faults injected: $((faults_after - faults_before))"
[ "$((faults_after - faults_before))" -gt 0 ] || { echo "no fault was injected" >&2; exit 1; }
check same "$work/list.json" "$work/faulty.json"
check same "$work/list.json" "$work/faulty2.json"

echo "== a region that always fails (no project in IAM) fails the inventory, naming it"
write_inventory broken.gaussdb.yml "regions: [cn-north-4, ap-southeast-1]"
if ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i "$work/broken.gaussdb.yml" --list \
    >"$work/broken.json" 2>"$work/broken.err"; then
  echo "the inventory did not fail" >&2; exit 1
fi
grep -q "region ap-southeast-1" "$work/broken.err" || { cat "$work/broken.err" >&2; exit 1; }
grep -q "fail_on_errors: false" "$work/broken.err" || { cat "$work/broken.err" >&2; exit 1; }

echo "== with fail_on_errors: false it warns, naming the region, and keeps the rest"
write_inventory lenient.gaussdb.yml "regions: [cn-north-4, ap-southeast-1]" "fail_on_errors: false"
ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i "$work/lenient.gaussdb.yml" --list \
  >"$work/lenient.json" 2>"$work/lenient.err"
grep -q "WARNING.*incomplete, missing region ap-southeast-1" "$work/lenient.err" || { cat "$work/lenient.err" >&2; exit 1; }
check hosts "$work/lenient.json" "$((north * nodes))"

echo "== ansible-doc documents the plugin"
ansible-doc -t inventory clouddb.mysql.gaussdb >"$work/doc.txt"
for option in regions filters include_filters exclude_filters include_nodes include_instances hostnames \
              hostvars_prefix group_prefix detailed_hostvars max_concurrency fail_on_errors compose groups \
              keyed_groups strict cache access_key secret_key HW_ACCESS_KEY; do
  grep -q "$option" "$work/doc.txt" || { echo "ansible-doc lacks $option" >&2; exit 1; }
done
echo "inventory_gaussdb: all checks passed"
