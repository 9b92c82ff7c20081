"""Changes to a whole instance (seed 002 4.3.2, 4.3.6-4.3.9, 4.3.12, 4.3.13, 4.3.15-4.3.29, 4.3.38, 4.3.39, 4.3.41).

Most changes are "start a job on an idle instance, apply the change when the job ends"; the table-like
``_job_change`` helper does that. Job names are those of the task center (4.13.2) where it lists one.
"""
import datetime
import uuid

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.engine import gaussdb as engine
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_instances import new_order_id, volume_size
from tests.emulator.huawei.gaussdb_meta import DATASTORES, FLAVORS, LATEST_KERNEL
from tests.emulator.huawei.store import gauss, get_instance, instance_busy_guard

# Real-world durations in seconds (scaled by time_scale).
RESTART_SECONDS = 60
RESIZE_SECONDS = 300
UPGRADE_SECONDS = 300
SMALL_CHANGE_SECONDS = 15


def _unsupported(what):
    return api_error("DBS.05000091", parameter=what)


def _job_change(project_id, instance_id, job_name, apply, seconds=SMALL_CHANGE_SECONDS, instance_status=None,
                node_status=None, entities=None, order_id="", engine_work=None):
    """Guard the instance, start the job, apply(inst) when it completes; answer {"job_id"}. ``engine_work(inst)``
    starts what the change does to the instance's engines (--engine mariadb); the job waits for it."""
    inst = get_instance(project_id, instance_id)
    instance_busy_guard(inst)
    job = jobs.start(job_name, inst, seconds, lambda job, target: target and apply(target),
                     instance_status=instance_status, node_status=node_status, entities=entities, order_id=order_id,
                     waits_for=engine_work(inst) if engine_work else None)
    return {"job_id": job.id}


class GaussInstanceOpsFamily(HuaweiFamily):
    name = "gaussdb-instance-ops"

    def register(self, app, ctx):
        base = "/v3/{project_id}/instances/{instance_id}"
        for method, path, view in (
                ("POST", "/restart", self.restart),
                ("POST", "/volume/extend", self.extend_volume),
                ("PUT", "/name", self.rename),
                ("POST", "/password", self.reset_password),
                ("POST", "/action", self.resize),
                ("PUT", "/monitor-policy", self.set_monitor),
                ("GET", "/monitor-policy", self.get_monitor),
                ("POST", "/db-upgrade", self.upgrade),
                ("PUT", "/ssl-option", self.ssl),
                ("PUT", "/public-ips/bind", self.bind_eip),
                ("PUT", "/public-ips/unbind", self.unbind_eip),
                ("GET", "/eip", self.show_eip),
                ("PUT", "/ops-window", self.ops_window),
                ("PUT", "/security-group", self.security_group),
                ("PUT", "/internal-ip", self.internal_ip),
                ("PUT", "/port", self.port),
                ("PUT", "/alias", self.alias),
                ("POST", "/dns", self.apply_dns),
                ("PUT", "/dns", self.modify_dns),
                ("GET", "/database-version", self.database_version),
                ("PUT", "/auto-scaling/policy", self.set_auto_scaling),
                ("GET", "/auto-scaling/policy", self.get_auto_scaling),
                ("GET", "/auto-scaling/history", self.auto_scaling_history),
                ("PUT", "/serverless/policy", self.serverless_policy)):
            ctx.route(self, method, base + path, view)

    def restart(self, project_id, instance_id):
        """4.3.2 Restart; "delay": true schedules it in the maintenance window (a Pending scheduled job)."""
        delay = rules.as_bool(json_body(required=False).get("delay"), "delay", False)
        if delay:
            return {"job_id": jobs.schedule("RebootGaussDBforMySQLInstance", get_instance(project_id, instance_id)).id}
        return _job_change(project_id, instance_id, "RebootGaussDBforMySQLInstance", lambda inst: None,
                           RESTART_SECONDS, instance_status="REBOOTING", node_status="REBOOTING", engine_work=engine.restart)

    def extend_volume(self, project_id, instance_id):
        """4.3.6 Change the storage of a yearly/monthly instance: 201 {size, order_id}."""
        data = json_body()
        rules.required(data, "size")
        size = volume_size(data["size"])
        inst = get_instance(project_id, instance_id)
        if not inst.prepaid:
            raise _unsupported("storage of a pay-per-use instance grows by itself")
        if size == inst.volume_size:
            raise api_error("DBS.200306", "The new size equals the current size.")
        if size > inst.volume_size and size < 20:
            raise api_error("DBS.200306")
        order_id = new_order_id()

        def apply(target):
            target.volume_size = size
        _job_change(project_id, instance_id, "ResizeGaussDBforMySQLVolume", apply, SMALL_CHANGE_SECONDS * 4,
                    instance_status="MODIFYING", order_id=order_id)
        return {"size": size, "order_id": order_id}, 201

    def rename(self, project_id, instance_id):
        """4.3.7 Change the instance name (and, unless is_modify_node_name is false, the node names)."""
        data = json_body()
        rules.required(data, "name")
        name = rules.check_instance_name(data["name"])
        nodes_too = rules.as_bool(data.get("is_modify_node_name"), "is_modify_node_name", True)

        def apply(inst):
            old = inst.name
            inst.name = name
            if nodes_too:
                for node in inst.nodes.values():
                    if node.name.startswith(old + "_"):
                        node.name = name + node.name[len(old):]
        return _job_change(project_id, instance_id, "RenameGaussDBforMySQLInstance", apply, 10)

    def reset_password(self, project_id, instance_id):
        """4.3.8 Reset the root password: synchronous, no body documented (we answer {})."""
        data = json_body()
        rules.required(data, "password")
        password = rules.check_password(data["password"])
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        engine.set_root_password(inst, password)
        inst.password = password
        inst.touch(current_ctx().now())
        return {}

    def resize(self, project_id, instance_id):
        """4.3.9 Change the flavor: {job_id} (pay-per-use) or {order_id} (yearly/monthly)."""
        data = json_body()
        spec = (data.get("resize_flavor") or {}).get("spec_code") if isinstance(data.get("resize_flavor"), dict) \
            else None
        if not spec:
            raise param_error("resize_flavor.spec_code is required.")
        if spec not in FLAVORS:
            raise api_error("DBS.200053", f"Unknown flavor {spec!r}.")
        inst = get_instance(project_id, instance_id)
        if spec == inst.flavor_ref:
            raise api_error("DBS.200054", "The new flavor is the current flavor.")
        if FLAVORS[spec]["type"] != inst.flavor["type"]:
            if "generalX86" in (FLAVORS[spec]["type"], inst.flavor["type"]):
                raise api_error("DBS.05000014")
            raise api_error("DBS.200054", "The CPU architecture cannot change.")
        order_id = new_order_id() if inst.prepaid else ""

        def apply(target):
            target.flavor_ref = spec
        # The nodes reboot into the new flavor (node_status REBOOTING): so do their engines.
        body = _job_change(project_id, instance_id, "ResizeGaussDBforMySQLFlavor", apply, RESIZE_SECONDS,
                           instance_status="MODIFYING", node_status="REBOOTING", order_id=order_id,
                           engine_work=engine.restart)
        return {"order_id": order_id} if order_id else body

    def set_monitor(self, project_id, instance_id):
        """4.3.12 Per-second monitoring: monitor_switch, period 1 or 5 (default 5) when switched on. The seed
        says period is not sent when monitor_switch is false ("monitor_switch为false时，不传该参数"): refused."""
        data = json_body()
        if "monitor_switch" not in data:
            raise param_error("monitor_switch is required.")
        switch = rules.as_bool(data["monitor_switch"], "monitor_switch")
        policy = {"monitor_switch": switch}
        if switch:
            period = rules.as_int(data.get("period", 5), "period")
            if period not in (1, 5):
                raise param_error("period must be 1 or 5.")
            policy["period"] = period
        elif data.get("period") is not None:
            raise param_error("period is only given when monitor_switch is true.")

        def apply(inst):
            inst.monitor = policy
        return _job_change(project_id, instance_id, "GaussDBforMySQLModifyInstanceMetricExtend", apply, 10)

    def get_monitor(self, project_id, instance_id):
        """4.3.13 Query per-second monitoring."""
        return dict(get_instance(project_id, instance_id).monitor)

    def upgrade(self, project_id, instance_id):
        """4.3.15 Upgrade the kernel to the latest version (delay: in the maintenance window)."""
        delay = rules.as_bool(json_body(required=False).get("delay"), "delay", False)
        inst = get_instance(project_id, instance_id)
        if inst.datastore["kernel_version"] == LATEST_KERNEL:
            raise api_error("DBS.05000008")
        if delay:
            return {"job_id": jobs.schedule("UpgradeGaussDBforMySQLDatabaseVersion", inst).id}

        def apply(target):
            target.datastore["kernel_version"] = LATEST_KERNEL
        # The instance reboots into the new kernel: its engines restart (their MariaDB version stays).
        return _job_change(project_id, instance_id, "UpgradeGaussDBforMySQLDatabaseVersion", apply, UPGRADE_SECONDS,
                           instance_status="REBOOTING", node_status="REBOOTING", engine_work=engine.restart)

    def ssl(self, project_id, instance_id):
        """4.3.16 Switch SSL (the details APIs have no SSL field; the state is kept for the next call)."""
        data = json_body()
        if "ssl_option" not in data:
            raise param_error("ssl_option is required.")
        option = rules.as_bool(data["ssl_option"], "ssl_option")

        def apply(inst):
            inst.ssl_option = option
        return _job_change(project_id, instance_id, "GaussDBforMySQLSwitchSSL", apply, 20,
                           instance_status="REBOOTING")

    def bind_eip(self, project_id, instance_id):
        """4.3.17 Bind an EIP (public_ip and public_ip_id)."""
        data = json_body()
        rules.required(data, "public_ip", "public_ip_id")
        address = rules.check_ipv4(data["public_ip"], "public_ip")
        inst = get_instance(project_id, instance_id)
        if inst.public_ip:
            raise _unsupported("the instance already has an EIP")
        eip = {"address": address, "id": str(data["public_ip_id"])}

        def apply(target):
            target.public_ip = eip
        return _job_change(project_id, instance_id, "GaussDBforMySQLBindEIP", apply,
                           entities={"public_ip": address})

    def unbind_eip(self, project_id, instance_id):
        """4.3.18 Unbind the EIP."""
        inst = get_instance(project_id, instance_id)
        if not inst.public_ip:
            raise _unsupported("the instance has no EIP")

        def apply(target):
            target.public_ip = None
        return _job_change(project_id, instance_id, "GaussDBforMySQLUnbindEIP", apply,
                           entities={"public_ip": inst.public_ip["address"]})

    def show_eip(self, project_id, instance_id):
        """4.3.41 Query the EIP (only can_enable_public_access when none is bound)."""
        inst = get_instance(project_id, instance_id)
        if not inst.public_ip:
            return {"can_enable_public_access": True}
        return {"can_enable_public_access": True, "id": inst.public_ip["id"], "type": "5_bgp",
                "port_id": inst.id[:8] + "-0000-4000-8000-" + inst.id[8:20],
                "public_ip_address": inst.public_ip["address"], "private_ip_address": inst.private_write_ip,
                "status": "ACTIVE", "tenant_id": project_id, "create_time": "", "bandwidth_id": "",
                "bandwidth_name": "", "bandwidth_size": "1", "bandwidth_share_type": "PER", "profile": {}}

    def ops_window(self, project_id, instance_id):
        """4.3.20 Maintenance window: whole hours, four hours apart (UTC). Synchronous, answers {}."""
        data = json_body()
        rules.required(data, "start_time", "end_time")
        hours = []
        for key in ("start_time", "end_time"):
            value = data[key]
            if not isinstance(value, str) or len(value) != 5 or value[2] != ":" or value[3:] != "00" \
                    or not value[:2].isdigit() or int(value[:2]) > 23:
                raise param_error(f"{key} must be a whole hour HH:00.")
            hours.append(int(value[:2]))
        if (hours[1] - hours[0]) % 24 != 4:
            raise param_error("The maintenance window must last four hours.")
        inst = get_instance(project_id, instance_id)
        inst.maintenance_window = f"{data['start_time']}-{data['end_time']}"
        inst.touch(current_ctx().now())
        return {}

    def security_group(self, project_id, instance_id):
        """4.3.21 Change the security group."""
        data = json_body()
        rules.required(data, "security_group_id")
        group = str(data["security_group_id"])

        def apply(inst):
            inst.security_group_id = group
        return _job_change(project_id, instance_id, "ModifyGaussDBforMySQLSecurityGroup", apply)

    def internal_ip(self, project_id, instance_id):
        """4.3.22 Change the private (write) IP address; refused when another instance of the subnet has it."""
        data = json_body()
        rules.required(data, "internal_ip")
        address = rules.check_ipv4(data["internal_ip"], "internal_ip")
        inst = get_instance(project_id, instance_id)
        if any(i.private_write_ip == address and i.subnet_id == inst.subnet_id and i.id != inst.id
               for i in gauss().instances.values()):
            raise param_error(f"{address} is already used in the subnet.")
        engine.check_write_ip(inst, address)

        def apply(target):
            target.private_write_ip = address
        return _job_change(project_id, instance_id, "GaussDBforMySQLModifyInstanceDataVip", apply, 20,
                           engine_work=lambda inst: engine.move_write_ip(inst, address))

    def port(self, project_id, instance_id):
        """4.3.23 Change the database port."""
        data = json_body()
        rules.required(data, "port")
        port = rules.check_port(data["port"])

        def apply(inst):
            inst.port = port
        return _job_change(project_id, instance_id, "ModifyGaussDBforMySQLPort", apply, 30,
                           instance_status="MODIFYING DATABASE PORT", engine_work=lambda inst: engine.change_port(inst, port))

    def alias(self, project_id, instance_id):
        """4.3.24 Change the description (alias): synchronous, answers {}."""
        data = json_body()
        if "alias" not in data:
            raise param_error("alias is required.")
        alias = rules.check_alias(data["alias"])
        inst = get_instance(project_id, instance_id)
        inst.alias = alias
        inst.touch(current_ctx().now())
        return {}

    def apply_dns(self, project_id, instance_id):
        """4.3.25 Apply for a private domain name (dns_type "private")."""
        data = json_body()
        if data.get("dns_type") != "private":
            raise param_error("dns_type must be private.")
        inst = get_instance(project_id, instance_id)
        if inst.dns_names:
            raise api_error("DBS.05000021")

        def apply(target):
            target.dns_names = [_dns_name(target.id, target.region)]
        return _job_change(project_id, instance_id, "GaussDBforMySQLCreateDns", apply)

    def modify_dns(self, project_id, instance_id):
        """4.3.26 Change the private domain name prefix (8-63 lower-case letters and digits)."""
        data = json_body()
        rules.required(data, "dns_name")
        prefix = rules.check_dns_prefix(data["dns_name"])
        inst = get_instance(project_id, instance_id)
        if not inst.dns_names:
            raise _unsupported("the instance has no private domain name; apply for one first")
        wanted = _dns_name(prefix, inst.region)
        if any(wanted in i.dns_names for i in gauss().instances.values() if i.id != inst.id):
            raise api_error("DBS.05000021")

        def apply(target):
            target.dns_names = [wanted]
        return _job_change(project_id, instance_id, "GaussDBforMySQLModifyDns", apply)

    def database_version(self, project_id, instance_id):
        """4.3.27 Query the kernel version and whether an upgrade exists. ``upgrade_flag`` is false when the
        instance already runs the latest kernel, and also while it is abnormal (FAILED): 4.3.15 refuses then."""
        inst = get_instance(project_id, instance_id)
        latest = DATASTORES[-1]
        kernel = inst.datastore["kernel_version"]
        current = next((d for d in DATASTORES if d["kernel_version"] == kernel), latest)
        return {"datastore": {"current_version": current["version"], "current_kernel_version": kernel,
                              "latest_version": latest["version"], "latest_kernel_version": latest["kernel_version"]},
                "upgrade_flag": kernel != latest["kernel_version"] and inst.status != "FAILED"}

    def set_auto_scaling(self, project_id, instance_id):
        """4.3.28 Set the auto-scaling policy (synchronous). Rules of the request table (4-187/4-188): status and
        both strategy switches ON/OFF; with status ON, monitor_cycle (300/600/900/1800), silence_cycle (300 ...
        604800), enlarge_threshold (50-100) and reduce_enabled are required; flavor_switch ON needs max_flavor,
        read_only_switch ON needs max_read_only_count and read_only_weight and exactly one database proxy.
        Ranges the request table leaves out come from 4.3.29's table: read_only_weight 0-1000,
        max_read_only_count "2<=当前备节点数<设定值<=15", read as: 2 to 15 and more than the read-only nodes
        the instance has. status OFF forgets the policy: 4.3.29 then answers its "switched off" example."""
        data = json_body()
        rules.required(data, "status", "scaling_strategy")
        status = data["status"]
        strategy = data["scaling_strategy"]
        if status not in ("ON", "OFF") or not isinstance(strategy, dict) \
                or any(strategy.get(k) not in ("ON", "OFF") for k in ("flavor_switch", "read_only_switch")):
            raise param_error("status and scaling_strategy switches must be ON or OFF.")
        inst = get_instance(project_id, instance_id)
        policy = None
        if status == "ON":
            policy = _auto_scaling_policy(inst, data, strategy)
        instance_busy_guard(inst)
        inst.auto_scaling = policy
        return {"instance_id": inst.id, "instance_name": inst.name,
                "switch_status": {"scaling_switch": status, **{k: strategy[k] for k in STRATEGY_SWITCHES}}}

    def get_auto_scaling(self, project_id, instance_id):
        """4.3.29 Query the auto-scaling policy (nulls and empty switches when it is off, as the seed shows)."""
        inst = get_instance(project_id, instance_id)
        policy = inst.auto_scaling or {"status": "OFF", "scaling_strategy": {k: "" for k in STRATEGY_SWITCHES}}
        on = policy["status"] == "ON"
        smallest = "gaussdb.mysql.medium.x86.4" if inst.flavor["type"] != "arm" else "gaussdb.mysql.large.arm.4"
        read_only = on and policy["scaling_strategy"]["read_only_switch"] == "ON"
        return {"id": policy.get("id"), "instance_id": inst.id, "instance_name": inst.name,
                "status": policy["status"], "monitor_cycle": policy.get("monitor_cycle"),
                "silence_cycle": policy.get("silence_cycle"), "enlarge_threshold": policy.get("enlarge_threshold"),
                "max_flavor": policy.get("max_flavor"), "reduce_enabled": policy.get("reduce_enabled"),
                "min_flavor": smallest if on else None, "silence_start_at": policy.get("silence_start_at", ""),
                "scaling_strategy": dict(policy["scaling_strategy"]),
                "max_read_only_count": policy.get("max_read_only_count"),
                "min_read_only_count": 1 if read_only else None, "read_only_weight": policy.get("read_only_weight")}

    def auto_scaling_history(self, project_id, instance_id):
        """4.3.38 Auto-scaling history, newest first; limit (default 20) and offset. Nothing scales by itself
        in the emulator: records come from the admin seed ``gaussdb_auto_scaling_history``. total_count is
        an integer (the SDK's model; the seed's table says String, its example a number)."""
        inst = get_instance(project_id, instance_id)
        offset, limit = rules.paging(request.args, default_limit=20)
        records = list(reversed(inst.ext.get("auto_scaling_history", [])))
        return {"total_count": len(records), "records": [dict(r) for r in records[offset:offset + limit]]}

    def serverless_policy(self, project_id, instance_id):
        """4.3.39 Serverless policy: min_vcpus <= max_vcpus, each one of the vCPU counts of the flavors (4.2.1,
        "取值范围可根据查询数据库规格接口获取"); synchronous, no response body documented (we answer {})."""
        data = json_body()
        rules.required(data, "min_vcpus", "max_vcpus")
        offered = sorted({int(f["vcpus"]) for f in FLAVORS.values()})
        low = rules.as_int(data["min_vcpus"], "min_vcpus", offered[0], offered[-1])
        high = rules.as_int(data["max_vcpus"], "max_vcpus", offered[0], offered[-1])
        if low > high:
            raise param_error("min_vcpus must not exceed max_vcpus.")
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        inst.ext["serverless"] = {"min_vcpus": low, "max_vcpus": high}
        return {}

    def seed(self, spec):
        """Admin seed ``{"gaussdb_auto_scaling_history": {"instance_id": id, "count": n}}``: n past automatic
        flavor changes of the instance (4.3.38 has no other source in the emulator)."""
        wanted = spec.get("gaussdb_auto_scaling_history")
        if not wanted:
            return {}
        inst = gauss().instances.get(wanted.get("instance_id"))
        if inst is None:
            raise ValueError(f"unknown instance {wanted.get('instance_id')}")
        history = inst.ext.setdefault("auto_scaling_history", [])
        now = current_ctx().now()
        codes = [code for code, f in FLAVORS.items() if f["type"] == inst.flavor["type"]
                 and code.endswith("." + inst.flavor_ref.rsplit(".", 1)[1])]
        codes.sort(key=lambda code: int(FLAVORS[code]["vcpus"]))
        if len(codes) < 2:
            codes = [inst.flavor_ref, inst.flavor_ref]
        ids = []
        count = int(wanted.get("count", 1))
        for n in range(count):
            moment = now - 3600 * (count - n)
            low, high = codes[n % (len(codes) - 1)], codes[n % (len(codes) - 1) + 1]
            record = {"id": str(uuid.uuid4()), "instance_id": inst.id, "instance_name": inst.name,
                      "scaling_type": "ENLARGE_FLAVOR", "original_value": low, "target_value": high,
                      "result": "SUCCESSFUL",
                      "create_at": datetime.datetime.fromtimestamp(moment, datetime.timezone.utc)
                      .strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (n % 1000)}
            history.append(record)
            ids.append(record["id"])
        return {"gaussdb_auto_scaling_history": ids}


STRATEGY_SWITCHES = ("flavor_switch", "read_only_switch")
MONITOR_CYCLES = (300, 600, 900, 1800)                                      # 4.3.28 monitor_cycle
SILENCE_CYCLES = (300, 600, 1800, 3600, 7200, 10800, 86400, 604800)         # 4.3.28 silence_cycle
MAX_READ_ONLY = 15                                                          # 4.3.29 max_read_only_count


def _auto_scaling_policy(inst, data, strategy):
    """The stored policy of a 4.3.28 request with status ON, every rule checked."""
    rules.required(data, "monitor_cycle", "silence_cycle", "enlarge_threshold", "reduce_enabled")
    policy = {"status": "ON", "scaling_strategy": {k: strategy[k] for k in STRATEGY_SWITCHES},
              "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "auto-scaling-" + inst.id)),
              "monitor_cycle": rules.as_int(data["monitor_cycle"], "monitor_cycle"),
              "silence_cycle": rules.as_int(data["silence_cycle"], "silence_cycle"),
              "enlarge_threshold": rules.as_int(data["enlarge_threshold"], "enlarge_threshold", 50, 100),
              "reduce_enabled": rules.as_bool(data["reduce_enabled"], "reduce_enabled")}
    if policy["monitor_cycle"] not in MONITOR_CYCLES:
        raise api_error("DBS.200461", "monitor_cycle must be 300, 600, 900 or 1800.")
    if policy["silence_cycle"] not in SILENCE_CYCLES:
        raise api_error("DBS.200461", "silence_cycle must be one of " + ", ".join(map(str, SILENCE_CYCLES)) + ".")
    if strategy["flavor_switch"] == "ON":
        rules.required(data, "max_flavor")
    if data.get("max_flavor") not in (None, ""):
        if data["max_flavor"] not in FLAVORS:
            raise api_error("DBS.200053", f"Unknown max_flavor {data['max_flavor']!r}.")
        if FLAVORS[data["max_flavor"]]["type"] != inst.flavor["type"]:
            raise api_error("DBS.200054", "max_flavor must have the CPU architecture of the instance's flavor.")
        policy["max_flavor"] = data["max_flavor"]
    if strategy["read_only_switch"] == "ON":
        rules.required(data, "max_read_only_count", "read_only_weight")
        if len(inst.ext.get("proxies", [])) != 1:
            raise api_error("DBS.05000091", parameter="adding and deleting read-only nodes automatically needs "
                                                      "exactly one database proxy")
    if data.get("max_read_only_count") is not None:
        count = rules.as_int(data["max_read_only_count"], "max_read_only_count", 2, MAX_READ_ONLY)
        if count <= len(inst.slaves()):
            raise api_error("DBS.200461", f"max_read_only_count must exceed the {len(inst.slaves())} read-only "
                                          "nodes of the instance.")
        policy["max_read_only_count"] = count
    if data.get("read_only_weight") is not None:
        policy["read_only_weight"] = rules.as_int(data["read_only_weight"], "read_only_weight", 0, 1000)
    return policy


def _dns_name(prefix, region):
    return f"{prefix}.internal.{region}.gaussdbformysql.myhuaweicloud.com"


FAMILY = GaussInstanceOpsFamily
