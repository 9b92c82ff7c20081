"""Nodes of an instance (seed 002 4.3.4, 4.3.5, 4.3.14, 4.3.19, 4.3.37, 4.3.40)."""
from tests.emulator.core import current_ctx
from tests.emulator.engine import gaussdb as engine
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_instances import new_order_id
from tests.emulator.huawei.gaussdb_meta import AVAILABILITY_ZONES, az_status
from tests.emulator.huawei.store import gauss, get_instance, get_node, instance_busy_guard

ADD_NODES_SECONDS = 300
DELETE_NODE_SECONDS = 120
NODE_RESTART_SECONDS = 30
MAX_NODES = 16   # one primary and at most 15 read replicas


class GaussNodesFamily(HuaweiFamily):
    name = "gaussdb-nodes"

    def register(self, app, ctx):
        base = "/v3/{project_id}/instances/{instance_id}"
        ctx.route(self, "POST", base + "/nodes/enlarge", self.add_replicas)
        ctx.route(self, "DELETE", base + "/nodes/{node_id}", self.delete_replica)
        ctx.route(self, "POST", base + "/nodes/{node_id}/restart", self.restart_node)
        ctx.route(self, "PUT", base + "/switchover", self.switchover)
        ctx.route(self, "PUT", base + "/nodes/name", self.rename_nodes)
        ctx.route(self, "PUT", base + "/nodes/{node_id}/priority", self.priority)

    def add_replicas(self, project_id, instance_id):
        """4.3.4 Create read replicas: one per entry of `priorities` (1-16), at most 9 per call.

        Answers 201 {instance_id, node_names, job_id} (or order_id for yearly/monthly instances); the new nodes
        are listed at once with status BUILD and become ACTIVE when the job ends.
        """
        data = json_body()
        priorities = data.get("priorities")
        if not isinstance(priorities, list) or not 1 <= len(priorities) <= 9:
            raise api_error("DBS.05000089", parameter=priorities, detail="priorities must hold 1 to 9 numbers.")
        priorities = [rules.as_int(p, "priorities[]", 1, 16) for p in priorities]
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        if len(inst.nodes) + len(priorities) > MAX_NODES:
            raise api_error("DBS.200056")
        zones = data.get("availability_zones")
        region_zones = AVAILABILITY_ZONES[inst.region]
        if zones is not None:
            if not isinstance(zones, list) or not zones or any(z not in region_zones for z in zones):
                raise api_error("DBS.05000086", parameter=zones)
        else:
            zones = [inst.master_az] if inst.az_mode == "single" else [z for z in region_zones if z != inst.master_az]
        statuses = az_status(inst.flavor_ref, inst.region)
        if any(statuses[z] != "normal" for z in zones):
            raise api_error("DBS.280450")
        now = current_ctx().now()
        store = gauss()
        new_nodes = [store.new_node(inst, "slave", zones[i % len(zones)], p, now) for i, p in enumerate(priorities)]
        order_id = new_order_id() if inst.prepaid else ""
        job = jobs.start("AddGaussDBforMySQLNodes", inst, ADD_NODES_SECONDS, instance_status="MODIFYING",
                         node_status="BUILD", nodes=new_nodes, on_fail=_drop_nodes(new_nodes), order_id=order_id,
                         entities={"node_ids": [n.id for n in new_nodes]}, waits_for=engine.add_nodes(inst, new_nodes))
        body = {"instance_id": inst.id, "node_names": [n.name for n in new_nodes]}
        if order_id:
            body["order_id"] = order_id
        else:
            body["job_id"] = job.id
        return body, 201

    def delete_replica(self, project_id, instance_id, node_id):
        """4.3.5 Delete a read replica; the primary cannot be deleted and one read replica must remain."""
        inst = get_instance(project_id, instance_id)
        node = get_node(inst, node_id)
        if node.type == "master":
            raise api_error("DBS.05000091", parameter="the primary node cannot be deleted")
        instance_busy_guard(inst)
        if len(inst.slaves()) <= 1:
            raise api_error("DBS.05000091", parameter="an instance keeps at least one read replica")
        if inst.az_mode == "multi":
            remaining = {n.az_code for n in inst.nodes.values() if n.id != node_id}
            if len(remaining) < 2:
                raise api_error("DBS.05000091", parameter="a multi-AZ instance must keep nodes in two AZs")
        order_id = new_order_id() if inst.prepaid else ""

        def remove(job, target):
            if target is not None:
                target.nodes.pop(node_id, None)
        job = jobs.start("DeleteGaussDBforMySQLNode", inst, DELETE_NODE_SECONDS, remove, instance_status="MODIFYING",
                         node_status="DELETING", nodes=[node], entities={"node_id": node_id}, order_id=order_id,
                         waits_for=engine.remove_nodes(inst, [node_id]))
        body = {"job_id": job.id}
        if order_id:
            body["order_id"] = order_id
        return body

    def restart_node(self, project_id, instance_id, node_id):
        """4.3.14 Restart one node (delay: in the maintenance window). The task center has no node-reboot job
        name, so the job is named like the instance reboot."""
        delay = rules.as_bool(json_body(required=False).get("delay"), "delay", False)
        inst = get_instance(project_id, instance_id)
        node = get_node(inst, node_id)
        if delay:
            return {"job_id": jobs.schedule("RebootGaussDBforMySQLInstance", inst, {"node_id": node_id}).id}
        instance_busy_guard(inst)
        job = jobs.start("RebootGaussDBforMySQLInstance", inst, NODE_RESTART_SECONDS, node_status="REBOOTING",
                         nodes=[node], entities={"node_id": node_id}, waits_for=engine.restart(inst, [node_id]))
        return {"job_id": job.id}

    def switchover(self, project_id, instance_id):
        """4.3.19 Promote a read replica; only a replica with failover priority 1 (DBS.05000101)."""
        data = json_body()
        rules.required(data, "node_id")
        inst = get_instance(project_id, instance_id)
        node = get_node(inst, data["node_id"])
        if node.type != "slave":
            raise api_error("DBS.05000091", parameter="the node is already the primary")
        if node.priority != 1:
            raise api_error("DBS.05000101")
        instance_busy_guard(inst)
        target_id = node.id

        def promote(job, target):
            if target is None or target_id not in target.nodes:
                return
            old = target.master()
            if old is not None:
                old.type = "slave"
                old.priority = 1
            target.nodes[target_id].type = "master"
            target.master_az = target.nodes[target_id].az_code
        job = jobs.start("SwitchoverGaussDBforMySQLMasterNode", inst, 30, promote, instance_status="SWITCHOVER",
                         waits_for=engine.switchover(inst, target_id))
        return {"job_id": job.id}

    def rename_nodes(self, project_id, instance_id):
        """4.3.37 Rename nodes in batch (node_list of {node_id, name})."""
        data = json_body()
        node_list = data.get("node_list")
        if not isinstance(node_list, list) or not node_list:
            raise param_error("node_list must be a non-empty list.")
        inst = get_instance(project_id, instance_id)
        names = {}
        for item in node_list:
            if not isinstance(item, dict):
                raise param_error("node_list items are {node_id, name} objects.")
            rules.required(item, "node_id", "name")
            get_node(inst, item["node_id"])
            names[item["node_id"]] = rules.check_node_name(item["name"])
        instance_busy_guard(inst)

        def apply(job, target):
            for nid, name in names.items():
                if target is not None and nid in target.nodes:
                    target.nodes[nid].name = name
        return {"job_id": jobs.start("RenameGaussDBforMySQLNode", inst, 10, apply).id}

    def priority(self, project_id, instance_id, node_id):
        """4.3.40 Change a node's failover priority: 1-16, or -1 (never promoted)."""
        data = json_body()
        rules.required(data, "priority")
        value = rules.as_int(data["priority"], "priority", -1, 16)
        if value == 0:
            raise param_error("priority must be 1-16 or -1.")
        inst = get_instance(project_id, instance_id)
        node = get_node(inst, node_id)
        if node.type == "master":
            raise api_error("DBS.05000091", parameter="the primary node has no failover priority")
        if value == -1:
            _check_never_failover(inst, node)
        instance_busy_guard(inst)

        def apply(job, target):
            if target is not None and node_id in target.nodes:
                target.nodes[node_id].priority = value
        return {"job_id": jobs.start("ModifyGaussDBforMySQLNodePriority", inst, 10, apply).id}


def _check_never_failover(inst, node):
    """Table 4-288: -1 "当单可用区实例超过两个只读节点，或者多可用区实例修改后的可用区多于1个时可以设置".
    Our reading of the second case: after the change, the nodes that still take part in a failover (the
    primary and the read-only nodes whose priority is not -1) are in more than one zone. The seed names no
    error code for a refusal: DBS.05000091 (unsupported operation), with the reason."""
    if inst.az_mode == "single":
        readonly = [n for n in inst.nodes.values() if n.type != "master"]
        if len(readonly) <= 2:
            raise api_error("DBS.05000091", parameter=f"priority -1 needs more than two read-only nodes in a "
                                                      f"single-zone instance (it has {len(readonly)})")
        return
    zones = {n.az_code for n in inst.nodes.values()
             if n.id != node.id and (n.type == "master" or n.priority != -1)}
    if len(zones) < 2:
        raise api_error("DBS.05000091", parameter="priority -1 would leave the nodes that take part in a "
                                                  "failover in one availability zone")


def _drop_nodes(nodes):
    def drop(job, inst):
        if inst is not None:
            for node in nodes:
                inst.nodes.pop(node.id, None)
    return drop


FAMILY = GaussNodesFamily
