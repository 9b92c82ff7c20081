"""Instance lifecycle and queries (seed 002 4.3.1, 4.3.3, 4.3.31-4.3.33; old 5.3.3, 5.3.5, 5.3.6).

The v3.1 queries show the "unified" status (creating/normal/abnormal/createfail); the old v3 queries show the
workflow status (BUILD, ACTIVE, REBOOTING, MODIFYING...). Both are served: the v3 ones are deprecated in the
seed but still what clients poll to see whether an instance is idle.
"""
import random
import time
import uuid

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.engine import gaussdb as engine
from tests.emulator.engine import work_error
from tests.emulator.huawei import gaussdb_backups, gaussdb_data, gaussdb_params, jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.auth import DEFAULT_PROJECT_ID, region_of
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_quotas import check_instance_quotas
from tests.emulator.huawei.gaussdb_meta import (AVAILABILITY_ZONES, DATASTORE_TYPE, DATASTORES, FLAVORS,
                                                LATEST_KERNEL, az_status, dedicated_pool, max_connections)
from tests.emulator.huawei.store import (Instance, fmt_time, gauss, get_instance, instance_busy_guard,
                                         new_instance_id)

CREATE_SECONDS = 600
DELETE_SECONDS = 60
RECYCLE_DEFAULT_DAYS = 7     # 4.3.35 before any 4.3.34
DAY_SECONDS = 86400
NODE_STATUS_UNIFIED = {"BUILD": "creating", "ACTIVE": "normal", "FAILED": "abnormal"}
MAX_BATCH_IDS = 20


def new_order_id():
    return time.strftime("CS%y%m%d%H%M", time.gmtime()) + "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ", k=5))


# -- views --------------------------------------------------------------------------------------------------------
def _datastore(inst):
    return {"type": inst.datastore["type"], "version": inst.datastore["version"],
            "kernel_version": inst.datastore["kernel_version"]}


def _charge_info(inst):
    info = dict(inst.charge_info)
    if inst.prepaid and info.get("period_num") is not None:
        info["period_num"] = int(info["period_num"])
    return info


def _node_view(inst, node, unified):
    building = node.status == "BUILD"
    status = NODE_STATUS_UNIFIED.get(node.status, node.status.lower()) if unified else node.status
    volume = {"type": "POOL", "used": "0.07"}
    if inst.volume_size is not None:
        volume["size"] = inst.volume_size
    flavor = inst.flavor
    return {"id": node.id, "name": node.name, "type": node.type, "status": status, "port": inst.port,
            "private_read_ips": [] if building else [node.private_ip], "volume": volume,
            "az_code": node.az_code, "region_code": inst.region, "created": fmt_time(node.created),
            "updated": fmt_time(node.updated), "flavor_id": flavor["id"], "flavor_ref": inst.flavor_ref,
            "max_connections": max_connections(inst.flavor_ref), "vcpus": flavor["vcpus"], "ram": flavor["ram"],
            "need_restart": node.need_restart, "priority": node.priority}


def detail_view(inst, unified=True):
    """MysqlInstanceInfoDetailUnifyStatus (4.3.32) or, with unified=False, MysqlInstanceInfoDetail (5.3.5)."""
    charge = {"charge_mode": inst.charge_info["charge_mode"]}
    if inst.prepaid:
        charge["order_id"] = inst.order_id
    view = {
        "id": inst.id, "name": inst.name, "project_id": inst.project_id,
        "status": inst.unified_status() if unified else inst.status, "port": str(inst.port), "alias": inst.alias,
        "type": "Cluster", "charge_info": charge, "node_count": len(inst.nodes), "datastore": _datastore(inst),
        "backup_used_space": inst.ext.get("backup_used_space", 0.0),
        "created": fmt_time(inst.created), "updated": fmt_time(inst.updated),
        "private_write_ips": [] if inst.status == "BUILD" else [inst.private_write_ip],
        "private_dns_names": list(inst.dns_names),
        "public_ips": inst.public_ip["address"] if inst.public_ip else "",
        "db_user_name": "root", "vpc_id": inst.vpc_id, "subnet_id": inst.subnet_id,
        "security_group_id": inst.security_group_id, "configuration_id": inst.configuration_id,
        "backup_strategy": dict(inst.backup_strategy),
        "nodes": [_node_view(inst, n, unified) for n in inst.nodes.values()],
        "enterprise_project_id": inst.enterprise_project_id, "time_zone": inst.time_zone,
        "az_mode": inst.az_mode, "master_az_code": inst.master_az, "maintenance_window": inst.maintenance_window,
        "tags": [{"key": k, "value": v} for k, v in inst.tags.items()],
        "proxies": [{"pool_id": p["pool_id"], "name": p["name"], "address": p["address"]}
                    for p in inst.ext.get("proxies", [])],
    }
    if inst.dedicated_resource_id:
        view["dedicated_resource_id"] = inst.dedicated_resource_id
    if "tde_info" in inst.ext:
        view["tde_info"] = dict(inst.ext["tde_info"])
    return view


def list_view(inst, unified=True):
    """MysqlInstanceListInfoUnifyStatus (4.3.31) or MysqlInstanceListInfo (5.3.3)."""
    built = inst.status != "BUILD"
    flavor = inst.flavor
    view = {
        "id": inst.id, "name": inst.name, "status": inst.unified_status() if unified else inst.status,
        "private_ips": [inst.private_write_ip] if built else [],
        "proxy_ips": [p["address"] for p in inst.ext.get("proxies", [])],
        "readonly_private_ips": [n.private_ip for n in inst.slaves() if n.status != "BUILD"],
        "public_ips": [inst.public_ip["address"]] if inst.public_ip else [],
        "port": str(inst.port), "type": "Cluster", "region": inst.region, "datastore": _datastore(inst),
        "created": fmt_time(inst.created), "updated": fmt_time(inst.updated), "db_user_name": "root",
        "vpc_id": inst.vpc_id, "subnet_id": inst.subnet_id, "security_group_id": inst.security_group_id,
        "flavor_ref": inst.flavor_ref, "flavor_info": {"vcpus": flavor["vcpus"], "ram": flavor["ram"]},
        "volume": {"type": "POOL", "size": str(inst.volume_size) if inst.volume_size is not None else "0.07"},
        "backup_strategy": dict(inst.backup_strategy), "enterprise_project_id": inst.enterprise_project_id,
        "time_zone": inst.time_zone, "charge_info": _charge_info(inst),
        "tags": [{"key": k, "value": v} for k, v in inst.tags.items()],
    }
    if inst.dedicated_resource_id:
        view["dedicated_resource_id"] = inst.dedicated_resource_id
    return view


def _create_view(inst):
    """MysqlInstanceResponse (4.3.1)."""
    view = {"id": inst.id, "name": inst.name, "status": inst.status, "datastore": _datastore(inst),
            "mode": "Cluster", "configuration_id": inst.configuration_id, "port": str(inst.port),
            "backup_strategy": dict(inst.backup_strategy), "enterprise_project_id": inst.enterprise_project_id,
            "region": inst.region, "availability_zone_mode": inst.az_mode,
            "master_availability_zone": inst.master_az, "vpc_id": inst.vpc_id,
            "security_group_id": inst.security_group_id, "subnet_id": inst.subnet_id,
            "flavor_ref": inst.flavor_ref, "charge_info": _charge_info(inst)}
    if inst.volume_size is not None:
        view["volume"] = {"size": inst.volume_size}
    return view


# -- create validation --------------------------------------------------------------------------------------------
def _charge(data):
    info = data.get("charge_info")
    if info is None:
        return {"charge_mode": "postPaid"}
    if not isinstance(info, dict) or info.get("charge_mode") not in ("prePaid", "postPaid"):
        raise rules.param_error("charge_info.charge_mode must be prePaid or postPaid.")
    if info["charge_mode"] == "postPaid":
        return {"charge_mode": "postPaid"}
    period_type = info.get("period_type")
    if period_type not in ("month", "year"):
        raise rules.param_error("charge_info.period_type must be month or year for prePaid.")
    high = 9 if period_type == "month" else 3
    period_num = rules.as_int(info.get("period_num"), "charge_info.period_num", 1, high)
    return {"charge_mode": "prePaid", "period_type": period_type, "period_num": period_num,
            "is_auto_renew": str(rules.as_bool(info.get("is_auto_renew"), "is_auto_renew", False)).lower(),
            "is_auto_pay": str(rules.as_bool(info.get("is_auto_pay"), "is_auto_pay", True)).lower()}


def volume_size(value):
    """MySqlVolume.size: 10-128000 GB, a multiple of 10."""
    size = rules.as_int(value, "volume.size", code="DBS.280311")
    if not 10 <= size <= 128000:
        raise api_error("DBS.200023")
    if size % 10:
        raise api_error("DBS.200027")
    return size


def _datastore_in(data):
    ds = data.get("datastore")
    if not isinstance(ds, dict):
        raise api_error("DBS.280237")
    if str(ds.get("type", "")).lower() != DATASTORE_TYPE:
        raise api_error("DBS.280235", f"Unsupported datastore type {ds.get('type')!r}.")
    if ds.get("version") != "8.0":
        raise api_error("DBS.200041", f"Unsupported version {ds.get('version')!r}; use 8.0.")
    kernel = ds.get("kernel_version") or LATEST_KERNEL
    if kernel not in {d["kernel_version"] for d in DATASTORES}:
        raise api_error("DBS.200504", f"Unknown kernel version {kernel!r}.")
    return {"type": DATASTORE_TYPE, "version": "8.0", "kernel_version": kernel}


def _zones(data, region, flavor_ref, az_mode, slave_count):
    """Master AZ and one AZ per read replica (multi-AZ spreads the replicas over the other AZs)."""
    zones = AVAILABILITY_ZONES[region]
    statuses = az_status(flavor_ref, region)
    master = data.get("master_availability_zone")
    if master is None:
        master = next(az for az in zones if statuses[az] == "normal")
    elif master not in zones:
        raise api_error("DBS.200025", f"Unknown availability zone {master!r}.")
    if statuses[master] != "normal":
        raise api_error("DBS.280450", f"{flavor_ref} is sold out in {master}.")
    others = [az for az in zones if az != master and statuses[az] == "normal"] if az_mode == "multi" else [master]
    return master, [others[i % len(others)] for i in range(slave_count)]


def validate_create(data, project_id):
    rules.required(data, "region", "name", "datastore", "mode", "flavor_ref", "vpc_id", "subnet_id", "password",
                   "availability_zone_mode", "slave_count")
    region = region_of(project_id)
    if data["region"] != region:
        raise api_error("DBS.200024", f"Region {data['region']!r} is not the region of project {project_id}.")
    spec = {"region": region, "name": rules.check_instance_name(data["name"]), "datastore": _datastore_in(data)}
    if data["mode"] != "Cluster":
        raise api_error("DBS.280342", "mode must be Cluster.")
    if data["flavor_ref"] not in FLAVORS:
        raise api_error("DBS.200053", f"Unknown flavor {data['flavor_ref']!r}.")
    spec["flavor_ref"] = data["flavor_ref"]
    for key, code in (("vpc_id", "DBS.200048"), ("subnet_id", "DBS.200049")):
        if not isinstance(data[key], str):
            raise api_error(code)
        spec[key] = data[key]
    spec["password"] = rules.check_password(data["password"])
    if data["availability_zone_mode"] not in ("single", "multi"):
        raise api_error("DBS.280260")
    spec["az_mode"] = data["availability_zone_mode"]
    # "单次接口调用最多支持创建9个只读节点"; a cluster needs at least one read replica (single-node instances
    # cannot be created through the API, seed 1.4).
    slaves = rules.as_int(data["slave_count"], "slave_count", 1, 9, code="DBS.05000089")
    spec["charge_info"] = _charge(data)
    volume = data.get("volume")
    if volume is not None and spec["charge_info"]["charge_mode"] == "postPaid":
        raise api_error("DBS.280325", "volume can only be given for yearly/monthly (prePaid) instances.")
    if spec["charge_info"]["charge_mode"] == "prePaid":
        if volume is not None and not isinstance(volume, dict):
            raise api_error("DBS.280325")
        spec["volume_size"] = volume_size((volume or {}).get("size", 10))
    spec["master_az"], spec["slave_azs"] = _zones(data, region, spec["flavor_ref"], spec["az_mode"], slaves)
    spec["backup_strategy"] = rules.check_backup_strategy(
        data.get("backup_strategy") or {"start_time": "19:00-20:00", "keep_days": 7})
    spec["time_zone"] = rules.check_time_zone(data.get("time_zone", "UTC"))
    spec["tags"] = dict(rules.check_tags(data.get("tags") or [], limit=10))
    lctn = data.get("lower_case_table_names", 1)
    if lctn not in (0, 1) or isinstance(lctn, bool):
        raise rules.param_error("lower_case_table_names must be 0 or 1.")
    spec["lower_case_table_names"] = lctn
    for key in ("security_group_id", "configuration_id"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise rules.param_error(f"{key} must be a string.")
        spec[key] = data.get(key) or ""
    spec["configuration_id"] = gaussdb_params.creation_template(project_id, spec["configuration_id"])
    spec["enterprise_project_id"] = str(data.get("enterprise_project_id", "0"))
    dedicated = data.get("dedicated_resource_id")
    if dedicated and dedicated != dedicated_pool(project_id)["id"]:
        raise api_error("DBS.05000087", parameter=dedicated)
    spec["dedicated_resource_id"] = dedicated or ""
    spec["restore_point"] = _restore_point(data.get("restore_point"), project_id)
    tde = data.get("tde_info")
    if tde is not None:
        if not isinstance(tde, dict) or tde.get("encryption_type") not in ("AES256", "SM4"):
            raise api_error("DBS.05000070")
        spec["tde_info"] = {"enable_tde": rules.as_bool(tde.get("enable_tde"), "tde_info.enable_tde"),
                            "encryption_type": tde["encryption_type"]}
    return spec


def _restore_point(point, project_id):
    if point is None:
        return None
    if not isinstance(point, dict) or not point.get("source_instance_id"):
        raise rules.param_error("restore_point.source_instance_id is required.")
    source = gauss().instances.get(point["source_instance_id"])
    recycled = recycled_instance(project_id, point["source_instance_id"]) if source is None else None
    if (source is None or source.project_id != project_id) and recycled is None:
        raise api_error("DBS.200013")
    kind = point.get("type") or "backup"
    if kind not in ("backup", "timestamp") or (kind == "backup" and not point.get("backup_id")) \
            or (kind == "timestamp" and point.get("restore_time") is None):
        raise rules.param_error("restore_point needs backup_id (type backup) or restore_time (type timestamp).")
    if recycled is not None:
        # An instance in the recycle bin is restored from its recycle backup only (4.3.36 recycle_backup_id).
        if kind != "backup":
            raise api_error("DBS.200013")
        if point["backup_id"] != recycled["recycle_backup_id"]:
            raise api_error("DBS.201010", f"Backup {point['backup_id']}.")
    return dict(point, type=kind)


def _restored(project_id, point):
    """The data of an instance created with restore_point: its recycle backup's for an instance in the recycle
    bin, otherwise section 4.4's backup or point in time; and with --engine mariadb the plan of what its
    engine loads (None without engines)."""
    recycled = recycled_instance(project_id, point["source_instance_id"])
    if recycled is not None:
        return recycled["_data"], engine.backup_plan(recycled["recycle_backup_id"])
    return gaussdb_backups.restore_point_data(project_id, point), gaussdb_backups.restore_point_plan(project_id, point)


# -- the recycle bin (4.3.34-4.3.36; the handlers are in gaussdb_misc) ------------------------------------------
def recycle_bin(project_id):
    """The project's deleted instances still in the recycle bin, newest first. An entry leaves the bin
    retention_period_in_days (4.3.34; a real-world duration, scaled like every other) after its deletion."""
    policy = gauss().project(project_id).get("recycle_policy", {})
    keep_ms = current_ctx().scaled(int(policy.get("retention_period_in_days", RECYCLE_DEFAULT_DAYS)) * DAY_SECONDS) * 1000
    now_ms = current_ctx().now() * 1000
    store = gauss()
    store.recycle[:] = [e for e in store.recycle if e["_project_id"] != project_id or e["deleted_at"] + keep_ms > now_ms]
    return [e for e in reversed(store.recycle) if e["_project_id"] == project_id]


def recycled_instance(project_id, instance_id):
    return next((e for e in recycle_bin(project_id) if e["id"] == instance_id), None)


# -- the family ---------------------------------------------------------------------------------------------------
def new_instance(project_id, spec, now, status="BUILD"):
    """Build an instance (and its nodes) from a validated spec; the caller adds it to the store."""
    store = gauss()
    inst = Instance(
        id=new_instance_id(), project_id=project_id, region=spec["region"], name=spec["name"], status=status,
        flavor_ref=spec["flavor_ref"], datastore=spec["datastore"], vpc_id=spec["vpc_id"],
        subnet_id=spec["subnet_id"], security_group_id=spec.get("security_group_id", ""),
        password=spec["password"], az_mode=spec["az_mode"], master_az=spec["master_az"],
        charge_info=spec["charge_info"], backup_strategy=spec["backup_strategy"], created=now, updated=now,
        private_write_ip=store.next_ip(), configuration_id=spec.get("configuration_id") or gaussdb_params.DEFAULT_TEMPLATE_ID,
        volume_size=spec.get("volume_size"), time_zone=spec.get("time_zone", "UTC"),
        lower_case_table_names=spec.get("lower_case_table_names", 1),
        enterprise_project_id=spec.get("enterprise_project_id", "0"),
        dedicated_resource_id=spec.get("dedicated_resource_id", ""), tags=dict(spec.get("tags", {})),
        ever_active=status != "BUILD")
    store.new_node(inst, "master", spec["master_az"], 1, now, status=status)
    for az in spec["slave_azs"]:
        store.new_node(inst, "slave", az, 1, now, status=status)
    if spec.get("tde_info"):
        inst.ext["tde_info"] = spec["tde_info"]
    return inst


def _created(job, inst):
    if inst is not None:
        inst.ever_active = True


def _create_failed(job, inst):
    if inst is not None:
        inst.status = "FAILED"
        for node in inst.nodes.values():
            node.status = "FAILED"


def _recycled(job, inst_snapshot):
    gauss().recycle.append(inst_snapshot)


class GaussInstancesFamily(HuaweiFamily):
    name = "gaussdb-instances"

    def register(self, app, ctx):
        ctx.route(self, "POST", "/v3/{project_id}/instances", self.create)
        ctx.route(self, "DELETE", "/v3/{project_id}/instances/{instance_id}", self.delete)
        ctx.route(self, "GET", "/v3.1/{project_id}/instances", self.list_unified)
        ctx.route(self, "GET", "/v3.1/{project_id}/instances/details", self.batch_unified)
        ctx.route(self, "GET", "/v3.1/{project_id}/instances/{instance_id}", self.show_unified)
        ctx.route(self, "GET", "/v3/{project_id}/instances", self.list_v3)
        ctx.route(self, "GET", "/v3/{project_id}/instances/details", self.batch_v3)
        ctx.route(self, "GET", "/v3/{project_id}/instances/{instance_id}", self.show_v3)

    def create(self, project_id):
        """4.3.1 Create a DB instance: 201 {instance, job_id} (postPaid) or {instance, order_id} (prePaid)."""
        spec = validate_create(json_body(), project_id)
        check_instance_quotas(project_id, spec["enterprise_project_id"])
        # restore_point: the new instance starts with the backup's or the moment's data (section 4.4).
        restored, plan = _restored(project_id, spec["restore_point"]) if spec["restore_point"] else (None, None)
        now = current_ctx().now()
        inst = new_instance(project_id, spec, now)
        gauss().add(inst)
        work = engine.provision(inst, plan)   # --engine mariadb: a server per node, on loopback addresses
        if restored is not None:
            gaussdb_data.restore_data(inst, restored)
        name = "RestoreGaussDBforMySQLNewInstance" if spec["restore_point"] else "CreateGaussDBforMySQLInstance"
        if inst.prepaid:
            # Yearly/monthly: the order is paid at once (auto-pay or not) and the instance is built from it.
            inst.order_id = new_order_id()
        entities = {"instance": {"endpoint": f"{inst.private_write_ip}:{inst.port}", "type": "Cluster",
                                 "datastore": {"type": DATASTORE_TYPE, "version": "8.0"}},
                    "resource_ids": [f"{inst.id}.vm", f"{inst.id}.volume"]}
        job = jobs.start(name, inst, CREATE_SECONDS, _created, on_fail=_create_failed, entities=entities,
                         instance_status="BUILD", node_status="BUILD", order_id=inst.order_id, waits_for=work)
        body = {"instance": _create_view(inst)}
        if inst.prepaid:
            body["order_id"] = inst.order_id
        else:
            body["job_id"] = job.id
        return body, 201

    def delete(self, project_id, instance_id):
        """4.3.3 Delete/unsubscribe: the instance leaves the lists at once; the job ends the deletion."""
        inst = get_instance(project_id, instance_id)
        if inst.status != "FAILED":
            instance_busy_guard(inst)
        recycle_backup_id = uuid.uuid4().hex + "br07"
        work = engine.remove_instance(inst, recycle_backup_id)   # --engine mariadb: a last dump, then no servers
        gauss().remove(inst)
        now = current_ctx().now()
        snapshot = {"id": inst.id, "name": inst.name, "ha_mode": "Cluster", "engine_name": "taurus",
                    "engine_version": inst.datastore["kernel_version"], "pay_model": "1" if inst.prepaid else "0",
                    "create_at": int(inst.created * 1000), "deleted_at": int(now * 1000), "volume_type": "",
                    "volume_size": str(inst.volume_size or 0), "data_vip": inst.private_write_ip,
                    "data_vip_ipv6": None, "enterprise_project_id": inst.enterprise_project_id,
                    "enterprise_project_name": "default", "backup_level": "2",
                    # The recycle backup: the data at deletion, restorable as a new instance (4.3.1 restore_point).
                    "recycle_backup_id": recycle_backup_id, "_data": gaussdb_data.snapshot_data(inst),
                    "recycle_status": "Active", "_project_id": project_id}
        order_id = new_order_id() if inst.prepaid else ""
        job = jobs.start("DeleteGaussDBforMySQLInstance", inst, DELETE_SECONDS,
                         lambda job, _inst: _recycled(job, snapshot), busy=False, order_id=order_id, waits_for=work)
        body = {"job_id": job.id}
        if order_id:
            body["order_id"] = order_id
        return body

    # -- queries ------------------------------------------------------------------------------------------------
    def _list(self, project_id, unified):
        args = request.args
        offset, limit = rules.paging(args)
        matches = gauss().in_project(project_id)
        if any(key in args for key in LIST_FILTERS):
            matches = [inst for inst in matches if _list_filter(inst, args)]
        return {"instances": [list_view(i, unified) for i in matches[offset:offset + limit]],
                "total_count": len(matches)}

    def list_unified(self, project_id):
        """4.3.31 List instances (v3.1): offset/limit, exact or *fuzzy name/id, and the documented filters."""
        return self._list(project_id, True)

    def list_v3(self, project_id):
        """5.3.3 List instances (old v3, workflow statuses)."""
        return self._list(project_id, False)

    def show_unified(self, project_id, instance_id):
        """4.3.32 Query instance details (v3.1)."""
        return {"instance": detail_view(get_instance(project_id, instance_id), True)}

    def show_v3(self, project_id, instance_id):
        """5.3.5 Query instance details (old v3, workflow statuses)."""
        return {"instance": detail_view(get_instance(project_id, instance_id), False)}

    def _batch(self, project_id, unified):
        raw = request.args.get("instance_ids", "")
        ids = list(dict.fromkeys(i.strip() for i in raw.split(",") if i.strip()))
        if not ids:
            raise param_error("instance_ids is required.")
        if len(ids) > MAX_BATCH_IDS:
            raise param_error(f"At most {MAX_BATCH_IDS} instance ids per call.")
        store = gauss()
        # Unknown ids are left out (our reading: the seed does not say; an error would hide the others).
        found = [store.instances[i] for i in ids if i in store.instances and store.instances[i].project_id == project_id]
        return {"instances": [detail_view(inst, unified) for inst in found]}

    def batch_unified(self, project_id):
        """4.3.33 Batch query instance details (instance_ids, at most 20, comma-separated)."""
        return self._batch(project_id, True)

    def batch_v3(self, project_id):
        """5.3.6 Batch query instance details (old v3)."""
        return self._batch(project_id, False)

    # -- admin seed ---------------------------------------------------------------------------------------------
    def seed(self, spec):
        count = int(spec.get("gaussdb_instances", 0))
        if count <= 0:
            return {}
        nodes = max(1, int(spec.get("nodes_per_instance", 2)))
        project_id = spec.get("project_id", DEFAULT_PROJECT_ID)
        region = region_of(project_id)
        if region is None:
            raise ValueError(f"unknown project {project_id}")
        zones = AVAILABILITY_ZONES[region]
        now = current_ctx().now()
        store = gauss()
        prefix = spec.get("name_prefix", "seed-gaussdb")
        start = len(store.instances)
        ids, works = [], []
        for n in range(count):
            base = {"region": region, "name": f"{prefix}-{start + n + 1:05d}",
                    "datastore": {"type": DATASTORE_TYPE, "version": "8.0", "kernel_version": LATEST_KERNEL},
                    "flavor_ref": "gaussdb.mysql.xlarge.x86.4", "vpc_id": "3cedfc54-b105-4652-a4e0-847b11576b58",
                    "subnet_id": "c1cfa53c-65d3-431e-8552-326bf310c7ad",
                    "security_group_id": "fc577a1a-f202-424a-977f-24faec3fdd55", "password": "",
                    "az_mode": "single", "master_az": zones[n % len(zones)],
                    "slave_azs": [zones[n % len(zones)]] * (nodes - 1), "charge_info": {"charge_mode": "postPaid"},
                    "backup_strategy": {"start_time": "19:00-20:00", "keep_days": "7"},
                    "tags": {"env": "seed"}}
            if spec.get("engine"):
                base["password"] = spec.get("engine_password", engine.SEED_PASSWORD)
            inst = new_instance(project_id, base, now - 3600, status="ACTIVE")
            store.add(inst)
            ids.append(inst.id)
            if spec.get("engine"):   # engines only when the seed asks: large seeds stay records
                works.append(engine.provision(inst))
        errors = [e for e in map(work_error, works) if e]
        if errors:
            raise ValueError(f"engine: {errors[0]}")
        return {"gaussdb_instances": ids}


def _fuzzy(expected, actual):
    """Query rule: a leading "*" means "contains what follows", otherwise exact match; "*" alone is invalid."""
    if expected == "*":
        raise param_error("A filter cannot be only \"*\".")
    if expected.startswith("*"):
        return expected[1:] in actual
    return expected == actual


LIST_FILTERS = ("id", "name", "type", "datastore_type", "vpc_id", "subnet_id", "private_ip", "readonly_private_ip",
                "proxy_ip", "tags")


def _list_filter(inst, args):
    if "id" in args and not _fuzzy(args["id"], inst.id):
        return False
    if "name" in args and not _fuzzy(args["name"], inst.name):
        return False
    simple = {"type": "Cluster", "datastore_type": DATASTORE_TYPE, "vpc_id": inst.vpc_id, "subnet_id": inst.subnet_id}
    if any(key in args and args[key] != value for key, value in simple.items()):
        return False
    if "private_ip" in args and args["private_ip"] != inst.private_write_ip:
        return False
    if "readonly_private_ip" in args and args["readonly_private_ip"] not in [n.private_ip for n in inst.slaves()]:
        return False
    if "proxy_ip" in args and args["proxy_ip"] not in [p["address"] for p in inst.ext.get("proxies", [])]:
        return False
    if "tags" in args:
        for pair in filter(None, args["tags"].split(",")):
            key, equals, value = pair.partition("=")
            if key not in inst.tags or (equals and inst.tags[key] != value):
                return False
    return True


FAMILY = GaussInstancesFamily
