"""Point-in-time restore and temporary instances (reference 5.25-5.30, seed 000), plus the
cloud-server DescribeTask (5.31).

These actions were withdrawn from the vendor docs in 2021; the emulator implements them as the
seed and the Go SDK describe them. Emulator choices: the restore window is the last 7 days (not
before the instance's creation); a temporary instance copies its primary's spec, accounts and
parameters; regularizing turns it into a normal instance at once, keeping its uuid
(TemporaryInstanceUuid becomes InstanceUuid). StartBatchRollback (a cluster-edition overwrite
restore) is accepted for the editions the emulator has, with status RESTORING while it runs.
"""
import copy

from tests.emulator.engine import cds as engine

from .actions_instance import check_name, new_instance
from .errors import CdsError, envelope, invalid, not_found, unsupported
from .params import req_str
from .registry import action
from .store import new_id
from .views import fmt, get_instance, parse, progress, require_running
from .catalog import SPECS

WINDOW = 7 * 86400


def _range(store, inst):
    now = store.now()
    return max(inst["_created"], now - WINDOW), now


def _ha(inst):
    if SPECS[inst["_goods_id"]]["arch"] != 1:
        raise unsupported("Restore needs the high-availability edition")


@action("DescribeRollbackRangeTime", "GET", "restore")
def describe_rollback_range_time(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    _ha(inst)
    left, right = _range(ctx.store, inst)
    return envelope({"LeftBorderTime": fmt(left), "RightBorderTime": fmt(right)}, task_id="")


@action("StartBatchRollback", "POST", "restore")
def start_batch_rollback(ctx):
    store = ctx.store
    inst = get_instance(store, req_str(ctx.params, "InstanceUuid"))
    backup_id = req_str(ctx.params, "BackupId")
    backup = store.backups.get(backup_id)
    if backup is None or backup["InstanceId"] != inst["InstanceUuid"]:
        raise not_found("Backup", backup_id)
    if backup["Status"] != "finished":
        raise invalid("Backup %s is not finished" % backup_id)
    require_running(inst)
    store.set_status(inst, "RESTORING")
    work = engine.rollback(store, inst, backup_id)   # --engine mariadb: the backup's data, really

    def done():
        if inst["Status"] == "RESTORING":
            store.set_status(inst, "RUNNING")
    _, task_id = store.schedule("spec_change", engine.after(work, done), inst["InstanceUuid"])
    return envelope({}, task_id=task_id)


@action("StartBatchRollbackToTemporaryDBInstance", "POST", "restore")
def start_batch_rollback_to_temporary(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    _ha(inst)
    select_text = req_str(p, "SelectTime")
    name = check_name(req_str(p, "TemporaryInstanceName"), "TemporaryInstanceName")
    select = parse(select_text)
    if select is None:
        raise invalid("SelectTime must look like 2024-07-05 08:30:00")
    left, right = _range(store, inst)
    if not left - 1 <= select <= right + 1:
        raise invalid("SelectTime must be between %s and %s" % (fmt(left), fmt(right)))
    require_running(inst)
    now = store.now()
    tmp = {
        "TemporaryInstanceUuid": new_id(), "TemporaryInstanceName": name, "Status": None,
        "StatusStr": None, "Progress": "0", "SelectRecoveryTime": fmt(select), "CreateTime": fmt(now),
        "Ip": "", "Port": "",
        "_primary": inst["InstanceUuid"], "_created": now, "_started": now,
    }
    store.set_status(tmp, "CREATING")
    work = engine.temporary(store, inst, tmp, select)   # --engine mariadb: the data at SelectTime

    def done():
        if tmp["TemporaryInstanceUuid"] in store.temporary and tmp["Status"] == "CREATING":
            store.set_status(tmp, "RUNNING")
            tmp["Ip"], tmp["Port"] = engine.engine_ip(tmp) or store.alloc_ip(), str(inst["Port"])
    tmp["_due"], task_id = store.schedule("temporary_create", engine.after(work, done), tmp["TemporaryInstanceUuid"])
    store.temporary[tmp["TemporaryInstanceUuid"]] = tmp
    return envelope({}, message="任务已下发,请等待执行", task_id=task_id)


@action("DescribeTemporaryDBInstances", "GET", "restore")
def describe_temporary_db_instances(ctx):
    store = ctx.store
    inst = get_instance(store, req_str(ctx.params, "InstanceUuid"))
    now = store.now()
    rows = []
    for tmp in sorted(store.temporary.values(), key=lambda t: t["_created"]):
        if tmp["_primary"] != inst["InstanceUuid"]:
            continue
        row = {k: v for k, v in tmp.items() if not k.startswith("_")}
        # The seed types Progress as a string.
        row["Progress"] = str(progress(tmp, now))
        rows.append(row)
    return envelope(rows, message="success")


def _get_temporary(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    tid = req_str(ctx.params, "TemporaryInstanceUuid")
    tmp = ctx.store.temporary.get(tid)
    if tmp is None or tmp["_primary"] != inst["InstanceUuid"]:
        raise not_found("Temporary instance", tid)
    return inst, tmp


@action("RegularizeTemporaryDBInstances", "POST", "restore")
def regularize_temporary_db_instances(ctx):
    store = ctx.store
    inst, tmp = _get_temporary(ctx)
    if tmp["Status"] != "RUNNING":
        raise CdsError(409, "ResourceInUse", "The temporary instance is %s" % tmp["Status"])
    uuid = tmp["TemporaryInstanceUuid"]
    new = new_instance(store, tmp["TemporaryInstanceName"], inst["RegionId"], inst["_goods_id"],
                       inst["_disk_type"], inst["_disks"], inst["Port"], inst["_time_zone"],
                       inst["VdcId"], inst["_pipe_id"], status="RUNNING", uuid=uuid, ip=tmp["Ip"])
    new["VdcName"] = inst["VdcName"]
    engine.regularized(tmp, new)
    store.accounts[uuid] = {
        name: dict(copy.deepcopy(a), ServiceId=uuid, AccountStatus="available")
        for name, a in store.accounts.get(inst["InstanceUuid"], {}).items()}
    store.parameters[uuid] = dict(store.parameters[inst["InstanceUuid"]])
    del store.temporary[uuid]
    return {"Code": "Success", "Message": "临时实例转正操作成功", "Data": None, "TaskId": ""}


@action("DeleteTemporaryDBInstances", "POST", "restore")
def delete_temporary_db_instances(ctx):
    store = ctx.store
    _, tmp = _get_temporary(ctx)
    if tmp["Status"] == "DELETING":
        return envelope({}, message="delete task issued", task_id="")
    if tmp["Status"] != "RUNNING":
        raise CdsError(409, "ResourceInUse", "The temporary instance is %s" % tmp["Status"])
    store.set_status(tmp, "DELETING")
    work = engine.remove_one(tmp["TemporaryInstanceUuid"], tmp["_primary"])

    def done():
        store.temporary.pop(tmp["TemporaryInstanceUuid"], None)
    _, task_id = store.schedule("temporary_delete", engine.after(work, done), tmp["TemporaryInstanceUuid"])
    return envelope({}, message="delete task issued", task_id=task_id)


@action("DescribeTask", "GET", "task", paths=("/ccs",))
def describe_task(ctx):
    task_id = req_str(ctx.params, "TaskId")
    task = ctx.store.tasks.get(task_id)
    if task is None:
        raise CdsError(400, "InvalidTaskID.Malformed", "The TaskId is not valid")
    status = "FINISH" if ctx.store.now() >= task["due"] else "DOING"
    return envelope({"Status": status, "ResourceId": task["resource"], "TaskType": task["type"]},
                    task_id=task_id)
