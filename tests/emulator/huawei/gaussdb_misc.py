"""Project-level instance APIs: dedicated resources (seed 002 4.3.10, 4.3.11), resource pre-check (4.3.30),
recycle bin (4.3.34-4.3.36)."""
from flask import request

from tests.emulator.huawei import gaussdb_instances
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.auth import region_of
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_meta import AVAILABILITY_ZONES, FLAVORS, az_status, dedicated_pool
from tests.emulator.huawei.gaussdb_nodes import MAX_NODES
from tests.emulator.huawei.gaussdb_quotas import check_instance_quotas, quotas_of, usage
from tests.emulator.huawei.store import gauss, get_instance

RESOURCE_CHECK_ACTIONS = {"createinstance", "createreadonlynode", "resizeflavor"}


class GaussMiscFamily(HuaweiFamily):
    name = "gaussdb-misc"

    def register(self, app, ctx):
        ctx.route(self, "GET", "/v3/{project_id}/dedicated-resources", self.list_dedicated)
        ctx.route(self, "GET", "/v3/{project_id}/dedicated-resource/{dedicated_resource_id}", self.show_dedicated)
        ctx.route(self, "POST", "/v3/{project_id}/resource-check", self.resource_check)
        ctx.route(self, "PUT", "/v3/{project_id}/instances/recycle-policy", self.set_recycle_policy)
        ctx.route(self, "GET", "/v3/{project_id}/instances/recycle-policy", self.get_recycle_policy)
        ctx.route(self, "GET", "/v3/{project_id}/instances/recycle-info", self.recycle_info)

    def list_dedicated(self, project_id):
        """4.3.10 List dedicated resource pools (one per project in the emulator)."""
        offset, limit = rules.paging(request.args)
        pools = [dedicated_pool(project_id)]
        return {"resources": pools[offset:offset + limit], "total_count": len(pools)}

    def show_dedicated(self, project_id, dedicated_resource_id):
        """4.3.11 Dedicated resource details, with the vCPUs/RAM its instances use."""
        pool = dedicated_pool(project_id)
        if dedicated_resource_id != pool["id"]:
            raise api_error("DBS.05000087", parameter=dedicated_resource_id)
        used = [i for i in gauss().in_project(project_id) if i.dedicated_resource_id == pool["id"]]
        vcpus = sum(int(i.flavor["vcpus"]) * len(i.nodes) for i in used)
        ram = sum(int(i.flavor["ram"]) * len(i.nodes) for i in used)
        return {"id": pool["id"], "resource_name": pool["resource_name"], "engine_name": "taurus",
                "availability_zone_ids": pool["availability_zone"], "architecture": pool["architecture"],
                "status": pool["status"],
                "dedicated_compute_info": {"vcpus_total": pool["capacity"]["vcpus"], "vcpus_used": vcpus,
                                           "ram_total": pool["capacity"]["ram"], "ram_used": ram,
                                           "spec_code": "gaussdb.mysql.c6.host", "host_num": 4},
                "dedicated_storage_info": {"spec_code": "gaussdb.mysql.dfvpool.30tb.host", "host_num": 1}}

    def resource_check(self, project_id):
        """4.3.30 Resource pre-check, answered from the state of the project; it changes nothing.

        The seed's table says createReadOnlyNode, its example createReadonlyNode: both are accepted
        (case-insensitive). The fields the table marks required for an action are required. Invalid input
        answers the create's own error codes (unknown flavor DBS.200053, AZ DBS.200025, mode DBS.280342,
        AZ mode DBS.05000085, node count DBS.05000089; too many nodes for an instance DBS.200056). The
        instance quotas (the project's, 4.6.1, and the enterprise project's, 4.6.2) answer 413 DBS.200046,
        the error that names the reason. ``result: false`` (the seed documents no reason field) means the
        resources are short: the flavor is sold out where the nodes would go, or the enterprise project's
        vCPU or memory quota would be exceeded.
        """
        data = json_body()
        action = data.get("action")
        resource = data.get("resource")
        if not isinstance(action, str) or action.lower() not in RESOURCE_CHECK_ACTIONS \
                or not isinstance(resource, dict):
            raise param_error("action must be createInstance, createReadOnlyNode or resizeFlavor, with a resource.")
        action = action.lower()
        if action == "createinstance":
            return {"result": _check_create(project_id, resource)}
        required = ("instance_id", "node_num") if action == "createreadonlynode" else ("instance_id", "flavor_ref")
        rules.required(resource, *required)
        inst = get_instance(project_id, resource["instance_id"])
        region = region_of(project_id)
        if action == "createreadonlynode":
            count = rules.as_int(resource["node_num"], "node_num", code="DBS.05000089")
            if count < 1:
                raise api_error("DBS.05000089", parameter=count)
            if len(inst.nodes) + count > MAX_NODES:
                raise api_error("DBS.200056", f"The instance has {len(inst.nodes)} of at most {MAX_NODES} nodes.")
            zones = {n.az_code for n in inst.nodes.values()}
            in_stock = any(az_status(inst.flavor_ref, region).get(z) == "normal" for z in zones)
            enough = _within_ep_quota(inst.project_id, inst.enterprise_project_id, inst.flavor, count)
            return {"result": in_stock and enough}
        flavor = resource["flavor_ref"]
        if flavor not in FLAVORS:
            raise api_error("DBS.200053", f"Unknown flavor {flavor!r}.")
        statuses = az_status(flavor, region)
        in_stock = all(statuses.get(n.az_code) == "normal" for n in inst.nodes.values())
        grows = {k: int(FLAVORS[flavor][k]) - int(inst.flavor[k]) for k in ("vcpus", "ram")}
        enough = _within_ep_quota(inst.project_id, inst.enterprise_project_id, grows, len(inst.nodes))
        return {"result": in_stock and enough}

    def set_recycle_policy(self, project_id):
        """4.3.34 Recycle bin policy: retention_period_in_days 1-7. No response body documented: {}."""
        data = json_body()
        policy = data.get("recycle_policy")
        if not isinstance(policy, dict) or "retention_period_in_days" not in policy:
            raise param_error("recycle_policy.retention_period_in_days is required.")
        days = rules.as_int(policy["retention_period_in_days"], "retention_period_in_days", 1, 7)
        gauss().project(project_id)["recycle_policy"] = {"retention_period_in_days": str(days)}
        return {}

    def get_recycle_policy(self, project_id):
        """4.3.35 Query the recycle bin policy (7 days until set)."""
        default = {"retention_period_in_days": str(gaussdb_instances.RECYCLE_DEFAULT_DAYS)}
        policy = gauss().project(project_id).get("recycle_policy", default)
        return {"recycle_policy": dict(policy)}

    def recycle_info(self, project_id):
        """4.3.36 Deleted instances kept in the recycle bin (limit default 10), each with the id of the backup a
        new instance can be restored from (4.3.1 restore_point). total_count is an integer: the table says
        String, but its example and the SDK's model (int) say Integer."""
        offset, limit = rules.paging(request.args, default_limit=10)
        items = [{k: v for k, v in snap.items() if not k.startswith("_")}
                 for snap in gaussdb_instances.recycle_bin(project_id)]
        return {"total_count": len(items), "instances": items[offset:offset + limit]}


FAMILY = GaussMiscFamily


def _check_create(project_id, resource):
    """createInstance: the documented required fields and values, the instance quotas (errors), then stock
    and the enterprise project's vCPU/memory quotas (the result)."""
    rules.required(resource, "enterprise_project_id", "instance_num", "mode", "availability_zone_mode",
                   "node_num", "flavor_ref", "subnet_id")
    region = region_of(project_id)
    flavor = resource["flavor_ref"]
    if flavor not in FLAVORS:
        raise api_error("DBS.200053", f"Unknown flavor {flavor!r}.")
    if resource["mode"] != "Cluster":
        raise api_error("DBS.280342", "mode must be Cluster.")
    az_mode = resource["availability_zone_mode"]
    if az_mode not in ("single", "multi"):
        raise api_error("DBS.05000085", parameter=az_mode)
    instances = rules.as_int(resource["instance_num"], "instance_num", 1)
    nodes = rules.as_int(resource["node_num"], "node_num", code="DBS.05000089")
    if not 1 <= nodes <= MAX_NODES:
        raise api_error("DBS.05000089", parameter=nodes)
    zones = [resource["availability_zone"]] if resource.get("availability_zone") else AVAILABILITY_ZONES[region]
    if any(z not in AVAILABILITY_ZONES[region] for z in zones):
        raise api_error("DBS.200025", f"Unknown availability zone {zones[0]!r}.")
    ep_id = str(resource["enterprise_project_id"])
    check_instance_quotas(project_id, ep_id, instances)
    statuses = az_status(flavor, region)
    in_stock = [z for z in zones if statuses[z] == "normal"]
    if not in_stock or (az_mode == "multi" and not resource.get("availability_zone") and len(in_stock) < 2):
        return False
    return _within_ep_quota(project_id, ep_id, FLAVORS[flavor], nodes * instances)


def _within_ep_quota(project_id, ep_id, per_node, nodes):
    """Whether ``nodes`` more nodes of ``per_node`` vCPUs and RAM stay within the enterprise project's vCPU
    and memory quotas (4.6.2; -1 is no limit)."""
    quota = quotas_of(project_id).get(ep_id, {})
    used = usage(project_id, ep_id)
    for field, short in (("vcpus_quota", "vcpus"), ("ram_quota", "ram")):
        limit = quota.get(field, -1)
        if limit != -1 and used[short] + int(per_node[short]) * nodes > limit:
            return False
    return True
