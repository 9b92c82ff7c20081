"""Instance and read-only instance actions (reference 5.3, 5.4, 5.6, 5.7, 5.20)."""
import re

from tests.emulator.engine import cds as engine

from . import catalog
from .errors import envelope, invalid, unsupported
from .params import opt_int, opt_str, req_int, req_str
from .parameters_data import default_parameters
from .registry import action
from .store import new_id
from .views import fmt, get_any, get_instance, instance_view, require_running

TIME_ZONE_RE = re.compile(r"^[+-](0\d|1[0-3]):(00|30|45)$")


def check_port(port):
    if port is None:
        return 3306
    if not 1024 <= port <= 65535 or port in (9100, 9101):
        raise invalid("ServicePort must be 1024-65535 and not 9100 or 9101")
    return port


def check_name(name, field="InstanceName"):
    if len(name) > 64 or not name.strip():
        raise invalid("%s must be 1-64 characters" % field)
    return name


def new_instance(store, name, region, goods_id, disk_type, disks, port=3306, time_zone="+08:00",
                 vdc_id=None, pipe_id=None, status="CREATING", uuid=None, ip=None):
    """Create a primary instance in the store (CreateDBInstance, seeding, regularization)."""
    spec = catalog.SPECS[goods_id]
    arch = [a for a in catalog.ARCHITECTURES if a[0] == spec["arch"]][0]
    now = store.now()
    inst = {
        "InstanceUuid": uuid or new_id(), "InstanceName": name, "Status": None, "StatusStr": None,
        "CreatedTime": fmt(now), "RegionId": region,
        "DisplayName": [r[3] for r in catalog.REGIONS if r[0] == region][0],
        "VdcId": vdc_id or new_id(), "VdcName": "vdc-%s" % (vdc_id or "default")[:8],
        "IP": ip or store.alloc_ip(), "Port": port, "Cpu": spec["cpu"], "Ram": spec["ram"] * 1024,
        "Disks": disks, "Version": catalog.full_version(spec["version"]),
        "SubProductKey": arch[3], "SubProductName": arch[2], "LinkType": "default_link",
        "LinkTypeStr": "默认链路", "MasterInfo": {}, "RelationService": None,
        "ResourceId": new_id(), "ProjectName": "默认项目", "Tags": [],
        "_goods_id": goods_id, "_disk_type": disk_type, "_disks": disks, "_time_zone": time_zone,
        "_pipe_id": pipe_id, "_created": now,
    }
    store.set_status(inst, status)
    store.instances[inst["InstanceUuid"]] = inst
    store.accounts.setdefault(inst["InstanceUuid"], {})
    store.parameters[inst["InstanceUuid"]] = default_parameters(spec["version"])
    store.param_history.setdefault(inst["InstanceUuid"], [])
    return inst


def finish_create(store, inst):
    def done():
        if inst["InstanceUuid"] in store.instances and inst["Status"] == "CREATING":
            store.set_status(inst, "RUNNING")
    return done


@action("CreateDBInstance", "POST", "instance")
def create_db_instance(ctx):
    p, store = ctx.params, ctx.store
    region = req_str(p, "RegionId")
    catalog.check_region(region)
    vdc_id = req_str(p, "VdcId")
    pipe_id = req_str(p, "BasePipeId")
    name = check_name(req_str(p, "InstanceName"))
    goods_id = req_int(p, "PaasGoodsId")
    spec = catalog.spec_for(goods_id, region)
    disk_type = req_str(p, "DiskType")
    disks = req_int(p, "DiskValue")
    catalog.check_disk(disk_type, disks)
    time_zone = opt_str(p, "TimeZone", "+08:00")
    if not TIME_ZONE_RE.match(time_zone):
        raise invalid("TimeZone must look like +08:00 (-12:00 to +13:00)")
    amount = opt_int(p, "Amount", 1)
    if not 1 <= amount <= 10:
        raise invalid("Amount must be 1-10")
    port = check_port(opt_int(p, "ServicePort"))
    uuids, task_id = [], ""
    for _ in range(amount):
        inst = new_instance(store, name, region, goods_id, disk_type, disks, port, time_zone,
                            vdc_id, pipe_id)
        work = engine.provision(inst)   # --engine mariadb: a MariaDB server on a loopback IP
        _, task_id = store.schedule("instance_create", engine.after(work, finish_create(store, inst),
                                                                    lambda _: store.set_status(inst, "FAILED")),
                                    inst["InstanceUuid"])
        uuids.append(inst["InstanceUuid"])
    del spec
    return envelope({"InstancesUuid": uuids}, task_id=task_id)


@action("DescribeDBInstances", "GET", "instance")
def describe_db_instances(ctx):
    p, store = ctx.params, ctx.store
    uuid, name = opt_str(p, "InstanceUuid"), opt_str(p, "InstanceName")
    ip, tag = opt_str(p, "IP"), opt_str(p, "TagName")
    out = []
    for inst in sorted(store.instances.values(), key=lambda i: i["_created"]):
        # Emulator choice: the name filter matches a substring (the docs do not say), so that
        # clients must match names exactly themselves.
        if uuid and inst["InstanceUuid"] != uuid:
            continue
        if name and name not in inst["InstanceName"]:
            continue
        if ip and inst["IP"] != ip:
            continue
        if tag and tag not in [t["TagName"] for t in inst["Tags"]]:
            continue
        out.append(instance_view(store, inst))
    return envelope(out)


def _apply_spec(store, obj, goods_id, add_disk):
    def done():
        if obj.get("Status") != "CHANGING":
            return
        if goods_id is not None:
            spec = catalog.SPECS[goods_id]
            obj["_goods_id"] = goods_id
            obj["Cpu"], obj["Ram"] = spec["cpu"], spec["ram"] * 1024
        if add_disk:
            obj["_disks"] += add_disk
            if "Disks" in obj:
                obj["Disks"] = obj["_disks"]
        store.set_status(obj, "RUNNING")
    return done


@action("ModifyDBInstanceSpec", "POST", "instance")
def modify_db_instance_spec(ctx):
    p, store = ctx.params, ctx.store
    uuid = req_str(p, "InstanceUuid")
    obj = get_any(store, uuid)
    goods_id = opt_int(p, "PaasGoodsId")
    disk_type = opt_str(p, "DiskType")
    add = opt_int(p, "DiskValue")
    if goods_id is None and add is None:
        raise invalid("Give PaasGoodsId and/or DiskType with DiskValue")
    require_running(obj)
    readonly = uuid in store.readonly
    current = catalog.SPECS[obj["_goods_id"]]
    if goods_id is not None:
        spec = catalog.spec_for(goods_id, current["region"], readonly=readonly)
        if (spec["version"], spec["arch"]) != (current["version"], current["arch"]):
            raise invalid("PaasGoodsId %s is not a spec this instance can change to" % goods_id)
        if goods_id == obj["_goods_id"]:
            raise invalid("The instance already has spec %s" % goods_id)
    if add is not None:
        if disk_type is None:
            raise invalid("DiskType is required with DiskValue")
        if disk_type != obj["_disk_type"]:
            raise invalid("DiskType must stay %s" % obj["_disk_type"])
        if add <= 0:
            raise invalid("DiskValue is the size to add (GB) and must be positive; disks cannot shrink")
        catalog.check_disk(disk_type, obj["_disks"] + add)
    kind = "spec_change" if goods_id is not None else "disk_grow"
    store.set_status(obj, "CHANGING")
    _, task_id = store.schedule(kind, _apply_spec(store, obj, goods_id, add or 0), uuid)
    return envelope({}, task_id=task_id)


def _gone(store, uuid):
    def done():
        inst = store.instances.pop(uuid, None)
        if inst is not None:
            for rid in [r for r, ro in store.readonly.items() if ro["_primary"] == uuid]:
                store.readonly.pop(rid, None)
            for tid in [t for t, tmp in store.temporary.items() if tmp["_primary"] == uuid]:
                store.temporary.pop(tid, None)
            for bid in [b for b, bk in store.backups.items() if bk["InstanceId"] == uuid]:
                store.backups.pop(bid, None)
            for table in (store.accounts, store.parameters, store.param_history, store.backup_policy):
                table.pop(uuid, None)
        store.readonly.pop(uuid, None)
    return done


@action("DeleteDBInstance", "POST", "instance")
def delete_db_instance(ctx):
    store = ctx.store
    uuid = req_str(ctx.params, "InstanceUuid")
    obj = get_any(store, uuid)
    if obj["Status"] == "DELETING":
        # Already being deleted: accepted again, nothing new scheduled (emulator choice).
        return envelope({}, task_id="")
    require_running(obj)
    # Emulator choice: deleting a primary deletes its read-only and temporary instances too.
    store.set_status(obj, "DELETING")
    for ro in store.readonly.values():
        if ro["_primary"] == uuid:
            store.set_status(ro, "DELETING")
    _, task_id = store.schedule("instance_delete", engine.after(engine.remove(store, uuid), _gone(store, uuid)), uuid)
    return envelope({}, task_id="")


def _ro_done(store, ro):
    def done():
        if ro["ServiceId"] in store.readonly and ro["Status"] == "CREATING":
            store.set_status(ro, "RUNNING")
            ro["Ip"] = engine.engine_ip(ro) or store.alloc_ip()
    return done


@action("CreateReadOnlyDBInstance", "POST", "readonly")
def create_readonly_db_instance(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    pspec = catalog.SPECS[inst["_goods_id"]]
    if pspec["arch"] != 1:
        raise unsupported("Read-only instances need the high-availability edition")
    name = check_name(req_str(p, "InstanceName"))
    goods_id = req_int(p, "PaasGoodsId")
    spec = catalog.spec_for(goods_id, inst["RegionId"], readonly=True)
    if spec["version"] != pspec["version"]:
        raise invalid("PaasGoodsId %s is for MySQL %s" % (goods_id, spec["version"]))
    if spec["cpu"] < pspec["cpu"] or spec["ram"] < pspec["ram"]:
        raise invalid("The read-only spec must not be smaller than the primary's")
    disk_type = req_str(p, "DiskType")
    disks = req_int(p, "DiskValue")
    catalog.check_disk(disk_type, disks, minimum=inst["_disks"])
    amount = opt_int(p, "Amount", 1)
    if not 1 <= amount <= 3:
        raise invalid("Amount must be 1-3")
    port = check_port(opt_int(p, "ServicePort"))
    opt_int(p, "TestGroupId")
    require_running(inst)
    task_id = ""
    for _ in range(amount):
        now = store.now()
        ro = {
            "ServiceId": new_id(), "ServiceName": name, "Status": None, "StatusStr": None,
            "Ip": "", "Port": port, "Cpu": spec["cpu"], "Ram": spec["ram"] * 1024,
            "CreateTime": fmt(now), "InpaasId": new_id(), "Locked": 0, "ResourceId": new_id(),
            "SvcType": "mysql-readonly",
            "_primary": inst["InstanceUuid"], "_goods_id": goods_id, "_disk_type": disk_type,
            "_disks": disks, "_created": now, "_started": now,
        }
        store.set_status(ro, "CREATING")
        work = engine.provision_readonly(inst, ro)
        ro["_due"], task_id = store.schedule("readonly_create", engine.after(work, _ro_done(store, ro)), ro["ServiceId"])
        store.readonly[ro["ServiceId"]] = ro
    return envelope({}, task_id=task_id)
