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
        """4.3.30 Resource pre-check. The seed's table says createReadOnlyNode, its example createReadonlyNode:
        both are accepted (case-insensitive). The result is false when the flavor is sold out or a limit hit."""
        data = json_body()
        action = data.get("action")
        resource = data.get("resource")
        if not isinstance(action, str) or action.lower() not in RESOURCE_CHECK_ACTIONS \
                or not isinstance(resource, dict):
            raise param_error("action must be createInstance, createReadOnlyNode or resizeFlavor, with a resource.")
        action = action.lower()
        region = region_of(project_id)
        if action == "createinstance":
            rules.required(resource, "instance_num", "mode", "availability_zone_mode", "node_num", "flavor_ref",
                           "subnet_id")
            flavor = resource["flavor_ref"]
            if flavor not in FLAVORS:
                raise api_error("DBS.200053")
            zones = [resource["availability_zone"]] if resource.get("availability_zone") \
                else AVAILABILITY_ZONES[region]
            if any(z not in AVAILABILITY_ZONES[region] for z in zones):
                raise api_error("DBS.200025")
            statuses = az_status(flavor, region)
            ok = any(statuses[z] == "normal" for z in zones) \
                and rules.as_int(resource["node_num"], "node_num", 1) <= MAX_NODES
            return {"result": ok}
        rules.required(resource, "instance_id")
        inst = get_instance(project_id, resource["instance_id"])
        if action == "createreadonlynode":
            return {"result": len(inst.nodes) + rules.as_int(resource.get("node_num", 1), "node_num", 1) <= MAX_NODES}
        rules.required(resource, "flavor_ref")
        if resource["flavor_ref"] not in FLAVORS:
            raise api_error("DBS.200053")
        statuses = az_status(resource["flavor_ref"], region)
        return {"result": all(statuses.get(n.az_code) == "normal" for n in inst.nodes.values())}

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
