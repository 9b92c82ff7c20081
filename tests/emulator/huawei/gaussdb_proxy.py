"""Database proxies of GaussDB(for MySQL) (seed 002 section 4.7, 4.7.1-4.7.24).

State: ``inst.ext["proxies"]``, a list of proxy records (dicts) in creation order; gaussdb_instances reads
``pool_id``, ``name`` and ``address`` of each for the instance details (``proxies``, ``proxy_ips``). Fields
of 4.7.3's MysqlProxyV3 are kept under their API names; the rest (weights, proxy mode, access control,
kernel version, parameters) under ``_``-prefixed keys that the views never show.

Behaviour:
- Proxy ids are ``<32 hex>po01`` and proxy node ids ``<32 hex>pn01``, as in the seed's examples.
- Every change but the synchronous ones (4.7.11, 4.7.16, 4.7.21, 4.7.22) is a job that locks the instance
  (409 DBS.200019 meanwhile, like every instance change); its effect is applied when the job ends, and a
  ``fail_jobs`` rule leaves the proxy as it was (a failed enable leaves it ``FAILED``). Synchronous changes
  also need an idle instance.
- Job names from 4.13.2 where it lists one: OpenGaussDBforMySQLProxy, CloseGaussDBforMySQLProxy,
  EnlargeGaussDBforMySQLProxy, ScaleGaussDBforMySQLProxy, GaussDBforMySQLModifyProxyWeight,
  GaussDBforMySQLModifyProxyConsist. Ours: ReduceGaussDBforMySQLProxy, GaussDBforMySQLModifyProxyRouteMode,
  GaussDBforMySQLModifyProxyTransactionSplit, GaussDBforMySQLModifyProxyConnectionPoolType,
  GaussDBforMySQLModifyProxyPort, GaussDBforMySQLUpgradeProxyVersion, GaussDBforMySQLModifyProxyConfigurations,
  GaussDBforMySQLSwitchProxySSL, RebootGaussDBforMySQLProxy.
- Read weights belong to database nodes (by id), so they follow a switchover. A node the proxy has not seen
  yet (a read replica added later) joins with ``new_node_weight`` when ``new_node_auto_add_status`` is ON
  when the proxy is next read or changed, else it is listed with weight 0 (not serving reads).

Readings of the seed (each also noted where it matters):
- 4.7.1 calls flavor_ref a spec code, 4.7.7 a flavor "ID" but sends a spec code in its example: both accept
  the spec code or the 4.7.4 ``id``; an unknown one is 400 DBS.280288 ("Invalid FlavorRef.").
- 4.7.3's table names the transaction split field ``transaction_splitt``; the SDK model and every other
  place say ``transaction_split``, which is what is returned (the doubled t reads as a typo).
- 4.7.3 types ``readonly_nodes`` as an array and 4.7.4 ``proxy_flavor_groups``/``proxy_flavors`` as arrays
  (the examples show single objects); 4.7.17 types ``ip_group`` as an object (the example shows a list):
  the tables win. ``vcpus``/``ram`` are strings as the tables say (the examples print numbers).
- 4.7.12's table calls the field ``session_consistency``, its example and the URI ``session_consistence``:
  both are accepted. 4.7.3 returns no session consistency field, only ``consistence_mode``: it shows the
  mode given, else ``session`` (session consistency on) or ``eventual`` (off, the initial state).
- 4.7.6 limits a scale-in to 1-14 nodes and says the proxy keeps 2 to 16 nodes, while 4.7.5 lets it grow to
  32: read as "at least 2 remain" (a 32-node proxy can shrink).
- 4.7.20's total_count is a String in the table but a number in the example and the SDK: a number.
- 4.7.3's table (and the SDK's MysqlProxyV3) has ``new_node_weight``, its example not: it is always listed,
  0 while auto-add is OFF.
- The number of proxies per instance is not in 4.7; four, as the console allows (DBS.05000091 beyond).
"""
import ipaddress
import re
import uuid

from flask import request

from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei import jobs
from tests.emulator.huawei.errors import ApiError, api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_meta import AVAILABILITY_ZONES
from tests.emulator.huawei.store import gauss, get_instance, instance_busy_guard

BASE = "/v3/{project_id}/instances/{instance_id}"
PROXY = BASE + "/proxy/{proxy_id}"
MAX_PROXIES = 4
ENGINE_NAME = "taurusproxy"                    # 4.7.18's example path segment
VERSIONS = ["2.23.12.000", "2.24.03.000"]      # 4.7.15 / 4.7.18 examples: new proxies start on the older
ROUTE_MODES = (0, 1, 2)
# 4.7.14: 1025-65534 without these.
FORBIDDEN_PORTS = {1033, 5342, 5343, 5344, 5345, 12017, 20000, 20201, 20202, 33062, 33071}
_CJK = "\u4e00-\u9fa5"
_PROXY_NAME = re.compile(rf"^[A-Za-z{_CJK}][A-Za-z0-9{_CJK}_-]*$")
MAX_ACCESS_RULES = 300
SECONDS = {"open": 300, "close": 60, "enlarge": 300, "reduce": 120, "scale": 300, "upgrade": 300, "restart": 60,
           "weight": 30, "port": 30, "ssl": 30, "small": 10}


# -- catalogues ------------------------------------------------------------------------------------------------------
def _flavors():
    """gaussdb.proxy.<size>.<arch>.<ratio>: 4.7.4's example large.x86.2 is 2 vCPUs with 4 GB (ram = vcpus x ratio)."""
    flavors = {}
    for arch in ("x86", "arm"):
        for size, vcpus in (("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32)):
            for ratio in (2, 4):
                code = f"gaussdb.proxy.{size}.{arch}.{ratio}"
                flavors[code] = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, code)), "spec_code": code,
                                 "vcpus": str(vcpus), "ram": str(vcpus * ratio), "db_type": "Proxy",
                                 "group_type": arch}
    return flavors


FLAVORS = _flavors()
_FLAVOR_BY_ID = {f["id"]: code for code, f in FLAVORS.items()}

# 4.7.20 documents the shape only; slowLogQueryTime comes from its example, multiStatementType from 4.7.19's.
# name: (data_type, elem_type, value_range, default, description)
PARAMETERS = {
    "slowLogQueryTime": ("integer", "system", "200-50000", "500", "Slow query threshold of the proxy, in ms."),
    "multiStatementType": ("list", "system", "Strict|Loose|Parse", "Strict",
                           "How multi-statement requests are routed."),
    "connectionIdleTimeout": ("integer", "system", "60-86400", "28800",
                              "Seconds before an idle client connection is closed."),
    "sqlAuditEnabled": ("boolean", "system", "true|false", "false", "Record the SQL statements the proxy routes."),
}


def flavor_of(ref):
    code = ref if ref in FLAVORS else _FLAVOR_BY_ID.get(ref)
    if code is None:
        raise api_error("DBS.280288", f"Unknown proxy flavor {ref!r}.")
    return FLAVORS[code]


def parameter_value(name, value):
    """A 4.7.19 value in the spelling the proxy shows, or 400 DBS.200461."""
    data_type, dummy_elem, value_range, dummy_default, dummy_description = PARAMETERS[name]
    text = str(value).strip()
    if data_type == "integer":
        low, high = (int(x) for x in value_range.split("-"))
        if not re.match(r"^-?\d+$", text) or not low <= int(text) <= high:
            raise api_error("DBS.200461", f"{name} must be an integer in {value_range}.")
        return str(int(text))
    choices = value_range.split("|")
    match = next((c for c in choices if c.lower() == text.lower()), None)
    if match is None:
        raise api_error("DBS.200461", f"{name} must be one of {value_range}.")
    return match


# -- state -----------------------------------------------------------------------------------------------------------
def proxies_of(inst):
    return inst.ext.setdefault("proxies", [])


def find_proxy(inst, proxy_id):
    return next((p for p in inst.ext.get("proxies", []) if p["pool_id"] == proxy_id), None) if inst else None


def get_proxy(inst, proxy_id):
    """The instance's proxy; another instance's proxy is DBS.05000022, an unknown one DBS.270024."""
    proxy = find_proxy(inst, proxy_id)
    if proxy is not None:
        return proxy
    if any(find_proxy(other, proxy_id) for other in gauss().in_project(inst.project_id)):
        raise api_error("DBS.05000022", f"Proxy {proxy_id} belongs to another instance.")
    raise api_error("DBS.270024", f"Proxy {proxy_id}.")


def pick_proxy(inst, proxy_id):
    """4.7.2 / 4.7.5: the proxy may be omitted when the instance has exactly one (DBS.270027 otherwise)."""
    if proxy_id:
        return get_proxy(inst, proxy_id)
    proxies = proxies_of(inst)
    if not proxies:
        raise api_error("DBS.270024", "The instance has no proxy.")
    if len(proxies) > 1:
        raise api_error("DBS.270027", "The instance has several proxies: give proxy_id.")
    return proxies[0]


def ready_guard(inst, proxy):
    """A change needs an idle instance and a proxy that works (a FAILED one can only be disabled)."""
    instance_busy_guard(inst)
    if proxy["status"] != "ACTIVE":
        raise api_error("DBS.05000091", parameter=f"the proxy status is {proxy['status']}")


def sync_nodes(inst, proxy):
    """Weights of the database nodes: drop deleted nodes, let new ones join by the auto-add setting."""
    weights = proxy["_weights"]
    for node_id in [n for n in weights if n not in inst.nodes]:
        del weights[node_id]
    for node in inst.nodes.values():
        if node.id not in weights:
            joins = proxy["new_node_auto_add_status"] == "ON" and node.type == "slave"
            weights[node.id] = (proxy.get("new_node_weight") or 0) if joins else 0


def _new_proxy_nodes(proxy, count, zone):
    start = len(proxy["nodes"])
    return [{"id": uuid.uuid4().hex + "pn01", "name": f"PROXY-{proxy['pool_id']}_{start + i}",
             "role": "master" if start + i == 0 else "slave", "az_code": zone, "status": "ACTIVE",
             "frozen_flag": 0} for i in range(count)]


# -- views -----------------------------------------------------------------------------------------------------------
PUBLIC_FIELDS = ("pool_id", "status", "address", "port", "pool_status", "delay_threshold_in_seconds", "elb_vip",
                 "eip", "vcpus", "ram", "mode", "flavor_ref", "name", "transaction_split", "connection_pool_type",
                 "switch_connection_pool_type_enabled", "route_mode", "balance_route_mode_enabled",
                 "consistence_mode", "subnet_id", "ssl_option", "new_node_auto_add_status", "new_node_weight")


def _db_node_view(inst, node, proxy):
    return {"id": node.id, "instance_id": inst.id, "status": "FAILED" if node.status == "FAILED" else "ACTIVE",
            "name": node.name, "weight": proxy["_weights"].get(node.id, 0),
            "availability_zone": [{"code": node.az_code, "description": node.az_code}]}


def proxy_view(inst, proxy):
    """MysqlShowProxyResponseV3 (4.7.3)."""
    sync_nodes(inst, proxy)
    body = {k: proxy[k] for k in PUBLIC_FIELDS if proxy.get(k) is not None}
    # 4.7.3's table lists new_node_weight without a condition (the example leaves it out): always an Integer,
    # 0 while new nodes do not join (auto-add OFF, where 4.7.1 and 4.7.11 let the weight be left out).
    body["new_node_weight"] = proxy.get("new_node_weight") or 0
    body["node_num"] = len(proxy["nodes"])
    body["nodes"] = [dict(n) for n in proxy["nodes"]]
    master = inst.master()
    return {"proxy": body, "master_node": _db_node_view(inst, master, proxy) if master else None,
            "readonly_nodes": [_db_node_view(inst, n, proxy) for n in inst.slaves()]}


# -- validation ------------------------------------------------------------------------------------------------------
def _int(value, what, low, high, code="DBS.280001", **params):
    """An integer in [low, high], else the error `code` (its ${parameter} placeholder gets the value)."""
    try:
        number = rules.as_int(value, what)
    except ApiError:
        raise api_error(code, f"{what} must be an integer.", parameter=value) from None
    if not low <= number <= high:
        raise api_error(code, f"{what} must be between {low} and {high}.", parameter=value, **params)
    return number


def check_proxy_name(name, what="proxy_name"):
    """4.7.1: 4-64 characters and at most 64 bytes, a letter or CJK first, then letters, digits, CJK, - and _.
    4.7.16 states no rule for the new name (alias); the creation rule applies."""
    if not isinstance(name, str) or not 4 <= len(name) <= 64 or len(name.encode("utf-8")) > 64 \
            or not _PROXY_NAME.match(name):
        raise api_error("DBS.05000076", f"Invalid {what} {name!r}.")
    return name


def check_weight(route_mode, role, weight, what):
    """NodesWeight (4.7.1) / 4.7.9: mode 0 weights 0-1000; mode 1 primary 0, replicas 0|1; mode 2 primary 1,
    replicas 0|1. 400 DBS.270025 otherwise."""
    number = _int(weight, what, 0, 1000, code="DBS.270025")
    if route_mode == 1:
        allowed = (0,) if role == "master" else (0, 1)
    elif route_mode == 2:
        allowed = (1,) if role == "master" else (0, 1)
    else:
        return number
    if number not in allowed:
        raise api_error("DBS.270025", f"{what} must be {' or '.join(map(str, allowed))} in route mode {route_mode}.")
    return number


def check_route_mode(value):
    mode = _int(value, "route_mode", 0, 2)
    if mode not in ROUTE_MODES:
        raise param_error("route_mode must be 0, 1 or 2.")
    return mode


def check_switch(value, what):
    if value not in ("ON", "OFF"):
        raise param_error(f"{what} must be ON or OFF.")
    return value


def check_new_node_weight(route_mode, status, weight):
    """4.7.1/4.7.9/4.7.11: with auto-add ON in route mode 0 the weight (0-1000) is required (DBS.05000078)."""
    if status != "ON":
        return None
    if weight is None:
        if route_mode == 0:
            raise api_error("DBS.05000078")
        return 1
    return _int(weight, "new_node_weight", 0, 1000, code="DBS.270025")


def node_weights(inst, items, route_mode, readonly_only, what):
    """[{id, weight}] -> {node id: weight}; ids are database nodes of the instance (404 DBS.290013)."""
    if not isinstance(items, list):
        raise param_error(f"{what} must be a list of {{id, weight}}.")
    result = {}
    for item in items:
        if not isinstance(item, dict) or item.get("id") in (None, "") or item.get("weight") is None:
            raise param_error(f"Each {what} item needs id and weight.")
        node = inst.nodes.get(item["id"])
        if node is None:
            raise api_error("DBS.290013", f"Node {item['id']} does not belong to instance {inst.id}.")
        if readonly_only and node.type == "master":
            raise api_error("DBS.270025", f"{item['id']} is the primary node; only read replicas take a weight here.")
        result[node.id] = check_weight(route_mode, node.type, item["weight"], f"weight of {node.id}")
    return result


def check_ip_rule(rule):
    """AccessControlRule (4.7.22): an IP address or network; a description of 0-50 characters without < or >."""
    if not isinstance(rule, dict) or not isinstance(rule.get("ip"), str):
        raise param_error("Each ip_list item needs ip.")
    try:
        ipaddress.ip_network(rule["ip"], strict=False)
    except ValueError:
        raise param_error(f"{rule['ip']!r} is not an IP address or network.") from None
    description = rule.get("description") or ""
    if not isinstance(description, str) or len(description) > 50 or any(c in description for c in "<>"):
        raise param_error("A rule description has at most 50 characters and no < or >.")
    return {"ip": rule["ip"], "description": description}


class GaussProxyFamily(HuaweiFamily):
    name = "gaussdb-proxy"

    def register(self, app, ctx):
        for method, template, view in (
                ("POST", BASE + "/proxy", self.enable),
                ("DELETE", BASE + "/proxy", self.disable),
                ("GET", BASE + "/proxies", self.list_proxies),
                ("GET", BASE + "/proxy/flavors", self.flavors),
                ("POST", BASE + "/proxy/enlarge", self.enlarge),
                ("PUT", PROXY + "/reduce", self.reduce),
                ("PUT", PROXY + "/flavor", self.change_flavor),
                ("PUT", PROXY + "/weight", self.set_weight),
                ("PUT", PROXY + "/route-mode", self.set_route_mode),
                ("POST", BASE + "/proxy/transaction-split", self.transaction_split),
                ("POST", PROXY + "/new-node-auto-add", self.new_node_auto_add),
                ("PUT", PROXY + "/session-consistence", self.session_consistence),
                ("PUT", PROXY + "/connection-pool-type", self.connection_pool_type),
                ("PUT", PROXY + "/port", self.port),
                ("POST", PROXY + "/upgrade-version", self.upgrade_version),
                ("PUT", PROXY + "/rename", self.rename),
                ("GET", PROXY + "/ipgroup", self.ipgroup),
                ("GET", PROXY + "/{engine_name}/proxy-version", self.version),
                ("PUT", PROXY + "/configurations", self.set_configurations),
                ("GET", PROXY + "/configurations", self.configurations),
                ("POST", PROXY + "/access-control-switch", self.access_control_switch),
                ("POST", PROXY + "/access-control", self.access_control),
                ("PUT", PROXY + "/ssl", self.ssl),
                ("POST", PROXY + "/restart", self.restart)):
            ctx.route(self, method, template, view)

    # -- helpers ---------------------------------------------------------------------------------------------------
    @staticmethod
    def _job(name, inst, proxy, seconds, apply=None, status=None):
        """A change of one proxy as a job: `apply(proxy, inst)` runs when it completes; a failure changes nothing."""
        pool_id = proxy["pool_id"]
        if status:
            proxy["status"] = status

        def done(job, target):
            found = find_proxy(target, pool_id)
            if found is not None:
                found["status"] = "ACTIVE"
                if apply:
                    apply(found, target)

        def failed(job, target):
            found = find_proxy(target, pool_id)
            if found is not None:
                found["status"] = "ACTIVE"
        return jobs.start(name, inst, seconds, done, on_fail=failed, entities={"proxy_id": pool_id})

    @staticmethod
    def _target(project_id, instance_id, proxy_id):
        inst = get_instance(project_id, instance_id)
        return inst, get_proxy(inst, proxy_id)

    # -- 4.7.1 - 4.7.4 ---------------------------------------------------------------------------------------------
    def enable(self, project_id, instance_id):
        """4.7.1 Enable a proxy (ELB mode): 201 {job_id}; listed at once as ENABLING PROXY."""
        inst = get_instance(project_id, instance_id)
        data = json_body()
        rules.required(data, "flavor_ref", "node_num")
        flavor = flavor_of(data["flavor_ref"])
        node_num = _int(data["node_num"], "node_num", 2, 16, code="DBS.05000089")
        name = data.get("proxy_name")
        if name is not None:
            check_proxy_name(name)
        mode = data.get("proxy_mode", "readwrite")
        if mode not in ("readwrite", "readonly"):
            raise api_error("DBS.270026", f"proxy_mode {mode!r}.")
        route_mode = check_route_mode(data.get("route_mode", 0))
        if mode == "readonly" and route_mode == 2:
            raise api_error("DBS.05000093")
        weights = node_weights(inst, data.get("nodes_read_weight") or [], route_mode, mode == "readonly",
                               "nodes_read_weight")
        auto_add = check_switch(data.get("new_node_auto_add_status", "OFF"), "new_node_auto_add_status")
        new_weight = check_new_node_weight(route_mode, auto_add, data.get("new_node_weight"))
        if (inst.auto_scaling or {}).get("status") == "ON" and \
                inst.auto_scaling["scaling_strategy"].get("read_only_switch") == "ON":
            raise api_error("DBS.05000027")
        instance_busy_guard(inst)
        if len(proxies_of(inst)) >= MAX_PROXIES:
            raise api_error("DBS.05000091", parameter=f"an instance has at most {MAX_PROXIES} proxies")
        pool_id = uuid.uuid4().hex + "po01"
        store = gauss()
        # Defaults as 4.7.3's example shows them: the primary takes no reads (weight 0), replicas 100; in the
        # load-balancing modes the primary is fixed (0 or 1) and replicas serve (1).
        defaults = {0: (0, 100), 1: (0, 1), 2: (1, 1)}[route_mode]
        all_weights = {n.id: (0 if mode == "readonly" and n.type == "master" else
                              defaults[0] if n.type == "master" else defaults[1]) for n in inst.nodes.values()}
        all_weights.update(weights)
        proxy = {
            "pool_id": pool_id, "name": name or f"proxy-{pool_id[:8]}", "status": "ENABLING PROXY",
            # pool_status: 4.7.3 lists ACTIVE, ABNORMAL, FAILED and DELETED; while building, BUILD as the older
            # table of the same object (5-139) says.
            "pool_status": "BUILD", "address": store.next_ip(), "port": 3306, "delay_threshold_in_seconds": 30,
            "elb_vip": store.next_ip(), "eip": "", "vcpus": flavor["vcpus"], "ram": flavor["ram"],
            "mode": "Cluster", "nodes": [], "flavor_ref": flavor["spec_code"], "transaction_split": "false",
            "connection_pool_type": "CLOSED", "switch_connection_pool_type_enabled": True, "route_mode": route_mode,
            "balance_route_mode_enabled": True, "consistence_mode": "eventual",
            "subnet_id": data.get("subnet_id") or inst.subnet_id, "ssl_option": "false",
            "new_node_auto_add_status": auto_add, "new_node_weight": new_weight,
            "_mode": mode, "_weights": all_weights, "_version": VERSIONS[0],
            "_access": {"enabled": False, "type": "black", "ip_list": [], "id": str(uuid.uuid4())},
            "_parameters": {k: v[3] for k, v in PARAMETERS.items()},
        }
        proxy["nodes"] = _new_proxy_nodes(proxy, node_num, inst.master_az)
        proxies_of(inst).append(proxy)

        def done(job, target):
            found = find_proxy(target, pool_id)
            if found is not None:
                found["status"] = found["pool_status"] = "ACTIVE"

        def failed(job, target):
            found = find_proxy(target, pool_id)
            if found is not None:
                found["status"] = found["pool_status"] = "FAILED"
        job = jobs.start("OpenGaussDBforMySQLProxy", inst, SECONDS["open"], done, on_fail=failed,
                         entities={"proxy_id": pool_id})
        return {"job_id": job.id}, 201

    def disable(self, project_id, instance_id):
        """4.7.2 Disable proxies (proxy_ids may be left out when there is only one); they leave when the job ends."""
        inst = get_instance(project_id, instance_id)
        data = json_body(required=False)
        ids = data.get("proxy_ids")
        if ids is None:
            targets = [pick_proxy(inst, None)]
        else:
            if not isinstance(ids, list) or not ids:
                raise api_error("DBS.270027", "proxy_ids must list at least one proxy.")
            targets = [get_proxy(inst, pid) for pid in dict.fromkeys(ids)]
        if (inst.auto_scaling or {}).get("status") == "ON" and \
                inst.auto_scaling["scaling_strategy"].get("read_only_switch") == "ON":
            raise api_error("DBS.05000027")
        instance_busy_guard(inst)
        before = {p["pool_id"]: p["status"] for p in targets}
        for proxy in targets:
            proxy["status"] = "DISABLING PROXY"

        def done(job, target):
            if target is not None:
                target.ext["proxies"] = [p for p in proxies_of(target) if p["pool_id"] not in before]

        def failed(job, target):
            for pool_id, status in before.items():
                found = find_proxy(target, pool_id)
                if found is not None:
                    found["status"] = status
        job = jobs.start("CloseGaussDBforMySQLProxy", inst, SECONDS["close"], done, on_fail=failed,
                         entities={"proxy_ids": list(before)})
        return {"job_id": job.id}

    def list_proxies(self, project_id, instance_id):
        """4.7.3 List the proxies of an instance (offset/limit)."""
        offset, limit = rules.paging(request.args)
        inst = get_instance(project_id, instance_id)
        return {"proxy_list": [proxy_view(inst, p) for p in proxies_of(inst)[offset:offset + limit]]}

    def flavors(self, project_id, instance_id):
        """4.7.4 Proxy flavors, grouped by architecture, with their status in each AZ of the region."""
        inst = get_instance(project_id, instance_id)
        zones = AVAILABILITY_ZONES.get(inst.region, [])
        groups = []
        for arch in ("x86", "arm"):
            items = [{k: f[k] for k in ("id", "spec_code", "vcpus", "ram", "db_type")} for f in FLAVORS.values()
                     if f["group_type"] == arch]
            for item in items:
                item["az_status"] = {zone: "normal" for zone in zones}
            groups.append({"group_type": arch, "proxy_flavors": items})
        return {"proxy_flavor_groups": groups}

    # -- 4.7.5 - 4.7.9: size, flavor, routing ----------------------------------------------------------------------
    def enlarge(self, project_id, instance_id):
        """4.7.5 Add 1-30 proxy nodes (the proxy ends with at most 32): 201 {job_id}."""
        inst = get_instance(project_id, instance_id)
        data = json_body()
        rules.required(data, "node_num")
        count = _int(data["node_num"], "node_num", 1, 30, code="DBS.05000089")
        proxy = pick_proxy(inst, data.get("proxy_id"))
        if len(proxy["nodes"]) + count > 32:
            raise api_error("DBS.05000089", "A proxy has at most 32 nodes.", parameter=count)
        ready_guard(inst, proxy)

        def apply(found, target):
            found["nodes"].extend(_new_proxy_nodes(found, count, target.master_az))
        job = self._job("EnlargeGaussDBforMySQLProxy", inst, proxy, SECONDS["enlarge"], apply,
                        status="ADDING PROXY NODE")
        return {"job_id": job.id}, 201

    def reduce(self, project_id, instance_id, proxy_id):
        """4.7.6 Remove 1-14 proxy nodes, keeping at least 2: 201 {job_id}."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "node_num")
        count = _int(data["node_num"], "node_num", 1, 14, code="DBS.05000089")
        if len(proxy["nodes"]) - count < 2:
            raise api_error("DBS.05000089", "A proxy keeps at least 2 nodes.", parameter=count)
        ready_guard(inst, proxy)

        def apply(found, target):
            del found["nodes"][len(found["nodes"]) - count:]
        job = self._job("ReduceGaussDBforMySQLProxy", inst, proxy, SECONDS["reduce"], apply)
        return {"job_id": job.id}, 201

    def change_flavor(self, project_id, instance_id, proxy_id):
        """4.7.7 Change the proxy flavor (spec code or flavor id, see the module docstring)."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "flavor_ref")
        flavor = flavor_of(data["flavor_ref"])
        if flavor["spec_code"] == proxy["flavor_ref"]:
            raise api_error("DBS.05000091", parameter=f"the proxy already has flavor {flavor['spec_code']}")
        ready_guard(inst, proxy)

        def apply(found, target):
            found.update(flavor_ref=flavor["spec_code"], vcpus=flavor["vcpus"], ram=flavor["ram"])
        return {"job_id": self._job("ScaleGaussDBforMySQLProxy", inst, proxy, SECONDS["scale"], apply).id}

    def set_weight(self, project_id, instance_id, proxy_id):
        """4.7.8 Set read weights of the primary and/or read replicas, within the proxy's route mode."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        master_weight, items = data.get("master_weight"), data.get("readonly_nodes")
        if master_weight is None and not items:
            raise api_error("DBS.05000018")
        mode = proxy["route_mode"]
        wanted = node_weights(inst, items or [], mode, True, "readonly_nodes")
        master = inst.master()
        if master_weight is not None:
            if proxy["_mode"] == "readonly" and master_weight not in (0, "0"):
                raise api_error("DBS.270025", "A read-only proxy sends nothing to the primary node.")
            wanted[master.id] = check_weight(mode, "master", master_weight, "master_weight")
        ready_guard(inst, proxy)

        def apply(found, target):
            found["_weights"].update(wanted)
        return {"job_id": self._job("GaussDBforMySQLModifyProxyWeight", inst, proxy, SECONDS["weight"], apply,
                                    status="CHANGING WEIGHTS").id}

    def set_route_mode(self, project_id, instance_id, proxy_id):
        """4.7.9 Set the route mode (0 weights, 1/2 load balancing without/with the primary) and weights.

        Weights not given follow the mode: the primary 0 (mode 1) or 1 (mode 2), replicas 1 if they served
        reads, else 0; back in mode 0 they are kept.
        """
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "route_mode")
        mode = check_route_mode(data["route_mode"])
        if proxy["_mode"] == "readonly" and mode == 2:
            raise api_error("DBS.05000093")
        wanted = node_weights(inst, data.get("readonly_nodes") or [], mode, True, "readonly_nodes")
        master = inst.master()
        if data.get("master_weight") is not None:
            if proxy["_mode"] == "readonly" and data["master_weight"] not in (0, "0"):
                raise api_error("DBS.270025", "A read-only proxy sends nothing to the primary node.")
            wanted[master.id] = check_weight(mode, "master", data["master_weight"], "master_weight")
        auto_add = data.get("new_node_auto_add_status")
        new_weight = None
        if auto_add is not None:
            check_switch(auto_add, "new_node_auto_add_status")
            new_weight = check_new_node_weight(mode, auto_add, data.get("new_node_weight"))
        ready_guard(inst, proxy)

        def apply(found, target):
            sync_nodes(target, found)
            weights = found["_weights"]
            if mode:
                for node_id, weight in weights.items():
                    node = target.nodes.get(node_id)
                    if node is not None and node.type == "master":
                        weights[node_id] = 0 if mode == 1 or found["_mode"] == "readonly" else 1
                    else:
                        weights[node_id] = 1 if weight else 0
            weights.update(w for w in wanted.items() if w[0] in target.nodes)
            found["route_mode"] = mode
            if auto_add is not None:
                found["new_node_auto_add_status"], found["new_node_weight"] = auto_add, new_weight
        return {"job_id": self._job("GaussDBforMySQLModifyProxyRouteMode", inst, proxy, SECONDS["weight"], apply,
                                    status="CHANGING WEIGHTS").id}

    # -- 4.7.10 - 4.7.16: switches, port, version, name -----------------------------------------------------------
    def transaction_split(self, project_id, instance_id):
        """4.7.10 Switch transaction splitting of the listed proxies (one job for all)."""
        inst = get_instance(project_id, instance_id)
        data = json_body()
        rules.required(data, "transaction_split")
        value = check_switch(data["transaction_split"], "transaction_split")
        ids = data.get("proxy_id_list")
        if not isinstance(ids, list) or not ids:
            raise api_error("DBS.270027", "proxy_id_list must list at least one proxy.")
        targets = [get_proxy(inst, pid) for pid in dict.fromkeys(ids)]
        for proxy in targets:
            ready_guard(inst, proxy)
        pool_ids = [p["pool_id"] for p in targets]

        def done(job, target):
            for pool_id in pool_ids:
                found = find_proxy(target, pool_id)
                if found is not None:
                    found["transaction_split"] = "true" if value == "ON" else "false"
        job = jobs.start("GaussDBforMySQLModifyProxyTransactionSplit", inst, SECONDS["small"], done,
                         entities={"proxy_ids": pool_ids})
        return {"job_id": job.id}

    def new_node_auto_add(self, project_id, instance_id, proxy_id):
        """4.7.11 Whether new read replicas join the proxy, and their weight (synchronous: {result})."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "switch_status")
        status = check_switch(data["switch_status"], "switch_status")
        weight = check_new_node_weight(proxy["route_mode"], status, data.get("weight"))
        ready_guard(inst, proxy)
        sync_nodes(inst, proxy)   # nodes added before the switch keep their state
        proxy["new_node_auto_add_status"], proxy["new_node_weight"] = status, weight
        return {"result": "success"}

    def session_consistence(self, project_id, instance_id, proxy_id):
        """4.7.12 Session consistency (true/false) and optionally the consistency mode."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        raw = data.get("session_consistence", data.get("session_consistency"))
        if raw is None:
            raise param_error("Missing required parameter(s): session_consistence.")
        enabled = rules.as_bool(raw, "session_consistence")
        mode = data.get("consistence_mode") or None
        if mode is not None and mode not in ("session", "global", "eventual"):
            raise param_error("consistence_mode must be session, global or eventual.")
        if mode is not None and (mode == "session") != enabled:
            raise param_error("consistence_mode session goes with session_consistence true, global and eventual "
                              "with false.")
        ready_guard(inst, proxy)

        def apply(found, target):
            found["consistence_mode"] = mode or ("session" if enabled else "eventual")
        return {"job_id": self._job("GaussDBforMySQLModifyProxyConsist", inst, proxy, SECONDS["small"], apply).id}

    def connection_pool_type(self, project_id, instance_id, proxy_id):
        """4.7.13 Connection pool: CLOSED or SESSION."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "connection_pool_type")
        value = data["connection_pool_type"]
        if value not in ("CLOSED", "SESSION"):
            raise param_error("connection_pool_type must be CLOSED or SESSION.")
        ready_guard(inst, proxy)

        def apply(found, target):
            found["connection_pool_type"] = value
        return {"job_id": self._job("GaussDBforMySQLModifyProxyConnectionPoolType", inst, proxy, SECONDS["small"],
                                    apply).id}

    def port(self, project_id, instance_id, proxy_id):
        """4.7.14 Proxy port: 1025-65534 except 1033, 5342-5345, 12017, 20000, 20201, 20202, 33062, 33071."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "port")
        number = _int(data["port"], "port", 1025, 65534, code="DBS.05000032")
        if number in FORBIDDEN_PORTS:
            raise api_error("DBS.05000032", f"Port {number} is reserved.")
        ready_guard(inst, proxy)

        def apply(found, target):
            found["port"] = number
        return {"job_id": self._job("GaussDBforMySQLModifyProxyPort", inst, proxy, SECONDS["port"], apply).id}

    def upgrade_version(self, project_id, instance_id, proxy_id):
        """4.7.15 Upgrade the proxy kernel: {update_result: [{instance_id, workflow_id, state, error_message}]};
        the workflow id is a job of the task center."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "source_version", "target_version")
        if data["source_version"] != proxy["_version"]:
            raise param_error(f"source_version is {proxy['_version']}.")
        if data["target_version"] == proxy["_version"]:
            raise api_error("DBS.05000008")
        if data["target_version"] not in VERSIONS or \
                VERSIONS.index(data["target_version"]) < VERSIONS.index(proxy["_version"]):
            raise param_error(f"target_version must be a later version: {', '.join(VERSIONS)}.")
        ready_guard(inst, proxy)
        target_version = data["target_version"]

        def apply(found, target):
            found["_version"] = target_version
        job = self._job("GaussDBforMySQLUpgradeProxyVersion", inst, proxy, SECONDS["upgrade"], apply)
        return {"update_result": [{"instance_id": inst.id, "workflow_id": job.id, "state": "ACCEPT",
                                   "error_message": None}]}

    def rename(self, project_id, instance_id, proxy_id):
        """4.7.16 Rename the proxy (synchronous: {result})."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "alias")
        name = check_proxy_name(data["alias"], "alias")
        ready_guard(inst, proxy)
        proxy["name"] = name
        return {"result": "success"}

    # -- 4.7.17 - 4.7.24: access control, versions, parameters, SSL, restart ---------------------------------------
    def ipgroup(self, project_id, instance_id, proxy_id):
        """4.7.17 Access control of the proxy."""
        dummy_inst, proxy = self._target(project_id, instance_id, proxy_id)
        access = proxy["_access"]
        return {"enable_ip_group": access["enabled"], "type": access["type"],
                "ip_group": {"id": access["id"], "name": f"PROXY-{proxy['pool_id']}_elbIpGroup",
                             "ip_list": [dict(r) for r in access["ip_list"]]}}

    def version(self, project_id, instance_id, proxy_id, engine_name):
        """4.7.18 Current and latest proxy kernel version (engine_name as in the example: taurusproxy)."""
        dummy_inst, proxy = self._target(project_id, instance_id, proxy_id)
        if engine_name.lower() != ENGINE_NAME:
            raise api_error("DBS.200040", f"Unknown proxy engine {engine_name}.")
        return {"current_version": proxy["_version"], "latest_version": VERSIONS[-1],
                "can_upgrade": proxy["_version"] != VERSIONS[-1]}

    def set_configurations(self, project_id, instance_id, proxy_id):
        """4.7.19 Change proxy kernel parameters (all or none): {job_id}."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        items = json_body().get("configurations")
        if not isinstance(items, list) or not items:
            raise api_error("DBS.05000018")
        values = {}
        for item in items:
            if not isinstance(item, dict):
                raise param_error("configurations items are {name, value, elem_type} objects.")
            rules.required(item, "name", "value", "elem_type")
            if item["name"] not in PARAMETERS:
                raise api_error("DBS.212012", f"Unknown proxy parameter {item['name']}.")
            if item["elem_type"] != PARAMETERS[item["name"]][1]:
                raise param_error(f"elem_type of {item['name']} is {PARAMETERS[item['name']][1]}.")
            values[item["name"]] = parameter_value(item["name"], item["value"])
        ready_guard(inst, proxy)

        def apply(found, target):
            found["_parameters"].update(values)
        return {"job_id": self._job("GaussDBforMySQLModifyProxyConfigurations", inst, proxy, SECONDS["small"],
                                    apply).id}

    def configurations(self, project_id, instance_id, proxy_id):
        """4.7.20 Proxy kernel parameters (limit 1-100, default 10; name filters exactly)."""
        offset, limit = rules.paging(request.args, default_limit=10)
        dummy_inst, proxy = self._target(project_id, instance_id, proxy_id)
        name = request.args.get("name")
        items = [{"name": key, "data_type": spec[0], "elem_type": spec[1], "value_range": spec[2],
                  "value": proxy["_parameters"][key], "description": spec[4]}
                 for key, spec in PARAMETERS.items() if not name or key == name]
        return {"total_count": len(items), "configurations": items[offset:offset + limit]}

    def access_control_switch(self, project_id, instance_id, proxy_id):
        """4.7.21 Switch access control on or off (synchronous)."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "open_access_control")
        enabled = rules.as_bool(data["open_access_control"], "open_access_control")
        ready_guard(inst, proxy)
        proxy["_access"]["enabled"] = enabled
        return {"open_access_control": enabled}

    def access_control(self, project_id, instance_id, proxy_id):
        """4.7.22 Set the access control rules: a white or black list of up to 300 addresses or networks
        (replaces the list; synchronous). Answers whether access control is on."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "type")
        if data["type"] not in ("white", "black"):
            raise param_error("type must be white or black.")
        ip_list = data.get("ip_list")
        if not isinstance(ip_list, list):
            raise param_error("ip_list must be a list.")
        if len(ip_list) > MAX_ACCESS_RULES:
            raise param_error(f"At most {MAX_ACCESS_RULES} addresses or networks.")
        checked = [check_ip_rule(rule) for rule in ip_list]
        ready_guard(inst, proxy)
        proxy["_access"].update(type=data["type"], ip_list=checked)
        return {"open_access_control": proxy["_access"]["enabled"]}

    def ssl(self, project_id, instance_id, proxy_id):
        """4.7.23 Switch SSL of the proxy."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        data = json_body()
        rules.required(data, "ssl_option")
        enabled = rules.as_bool(data["ssl_option"], "ssl_option")
        ready_guard(inst, proxy)

        def apply(found, target):
            found["ssl_option"] = "true" if enabled else "false"
        return {"job_id": self._job("GaussDBforMySQLSwitchProxySSL", inst, proxy, SECONDS["ssl"], apply).id}

    def restart(self, project_id, instance_id, proxy_id):
        """4.7.24 Restart the proxy."""
        inst, proxy = self._target(project_id, instance_id, proxy_id)
        json_body(required=False)
        ready_guard(inst, proxy)
        return {"job_id": self._job("RebootGaussDBforMySQLProxy", inst, proxy, SECONDS["restart"]).id}


FAMILY = GaussProxyFamily
