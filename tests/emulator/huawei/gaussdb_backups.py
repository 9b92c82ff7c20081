"""Backups and restores of GaussDB(for MySQL) (seed 002 section 4.4), and restore_point of 4.3.1.

A backup keeps a copy of the instance's databases, accounts and grants taken when the backup was requested
(``gaussdb_data.snapshot_data``); a point-in-time restore reads the data of that moment from the change
history gaussdb_data records on every change (``gaussdb_data.data_at``). Restores write through
``gaussdb_data.restore_data``, so the restored state is itself part of the history.

State: backups are per project (``project_data[pid]["backups"]``: manual backups outlive their instance, as on
the real service); policy, encryption and cross-region settings are on the instance (``inst.ext``).

Choices where the seed is silent (README "Backups"):
- Every instance gets one automated full backup the first time this section sees it active (the service takes
  one right after creation); its end is where the restorable time ranges start.
- Incremental (binlog) backups are cut every INCREMENTAL_SECONDS (scaled) after the first full backup.
- Tables: no API creates tables, so a database without a recorded table list holds DEFAULT_TABLES (named
  like the reference's table-restore example); tables restored by 4.4.12 are added to the database record.
- Job names not listed in 4.13.2 are ours: CreateGaussDBforMySQLBackup, RestoreGaussDBforMySQLInstance,
  RestoreGaussDBforMySQLTables.
"""
import datetime
import hashlib
import re
import uuid

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.engine import gaussdb as engine
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_data import data_at, refresh_data, restore_data, snapshot_data
from tests.emulator.huawei.store import ACTIVE, fmt_time, gauss, get_instance, instance_busy_guard

BACKUP_SECONDS = 300
RESTORE_SECONDS = 600
TABLE_RESTORE_SECONDS = 120
INCREMENTAL_SECONDS = 300
INCREMENTAL_MAX = 1000          # newest incremental backups kept in the list
DEFAULT_TABLES = ("t1", "t2", "t3")
DEFAULT_PERIOD = "1,2,3,4,5,6,7"
_CJK = "\u4e00-\u9fa5"
_BACKUP_NAME = re.compile(rf"^[A-Za-z{_CJK}][A-Za-z0-9{_CJK}_-]{{3,63}}$")
_DESCRIPTION_FORBIDDEN = '>!<"&='
_PROJECT_ID = re.compile(r"^[A-Za-z0-9]{32}$")
# Names of the policy changes for the admin ``fail_jobs`` rule (they are not jobs: 4.4.1 answers a status,
# 4.4.11 a result; both names are ours).
POLICY_CHANGE = "ModifyGaussDBforMySQLBackupPolicy"
OFFSITE_POLICY_CHANGE = "ModifyGaussDBforMySQLOffsiteBackupPolicy"


# -- state ----------------------------------------------------------------------------------------------------------
def backups_of(project_id):
    return gauss().project(project_id).setdefault("backups", {})


def _ms(ts):
    return int(round(ts * 1000))


def _ensure_auto_backup(inst):
    """The automated full backup the service takes once an instance is ready (see module docstring)."""
    if inst.ext.get("auto_backup_id") or inst.status != ACTIVE:
        return
    record = _auto_backup(inst, current_ctx().now())
    engine.start_backup(inst, record["id"], wait=True)   # --engine mariadb: a real dump, at once
    inst.ext["auto_backup_id"] = record["id"]


def _auto_backup(inst, now, backup_id=None):
    """A completed automated full backup record, named as the service names them."""
    stamp = datetime.datetime.fromtimestamp(now, datetime.timezone.utc).strftime("%Y%m%d%H%M%S%f")[:17]
    record = _new_backup(inst, f"GaussDBforMySQL-{inst.name}-{stamp}", "", "auto", now, backup_id)
    record.update(status="COMPLETED", end=now)
    return record


def _new_backup(inst, name, description, kind, now, backup_id=None):
    snapshot = snapshot_data(inst)
    record = {"id": backup_id or uuid.uuid4().hex + "br07", "name": name, "description": description, "type": kind,
              "status": "BUILDING", "begin": now, "end": None, "instance_id": inst.id, "instance_name": inst.name,
              "version": inst.datastore.get("version", "8.0"), "data": snapshot,
              "size": 2 + 3 * len(snapshot["databases"]) + len(snapshot["users"]),
              "encrypted": inst.ext.get("backup_encryption", {}).get("status") == "on"}
    backups_of(inst.project_id)[record["id"]] = record
    return record


def backup_view(record):
    take_up = 0 if record["end"] is None else max(0, int((record["end"] - record["begin"]) // 60))
    return {"id": record["id"], "name": record["name"], "description": record["description"],
            "begin_time": fmt_time(record["begin"]), "end_time": fmt_time(record["end"]),
            "status": record["status"], "take_up_time": take_up, "type": record["type"],
            "size": record["size"], "datastore": {"type": "gaussdb-mysql", "version": record["version"]},
            "instance_id": record["instance_id"], "instance_name": record["instance_name"]}


def _instance_backups(inst):
    return [b for b in backups_of(inst.project_id).values() if b["instance_id"] == inst.id]


def restorable_range(inst):
    """(start, end) in epoch seconds: from the end of the first completed full backup to now; None before."""
    _ensure_auto_backup(inst)
    ends = [b["end"] for b in _instance_backups(inst) if b["status"] == "COMPLETED" and b["end"] is not None]
    if not ends:
        return None
    return min(ends), current_ctx().now()


def _point_in_time(inst, value, what="restore_time"):
    """A restore time (UNIX ms, number or digits) inside the restorable range -> epoch seconds."""
    millis = rules.as_int(value, what, 0)
    window = restorable_range(inst)
    seconds = millis / 1000.0
    if window is None or not window[0] <= seconds <= window[1] + 1:
        raise param_error(f"{what} {millis} is outside the restorable time ranges of instance {inst.id}.")
    return seconds


def _backup(project_id, backup_id):
    record = backups_of(project_id).get(backup_id) if isinstance(backup_id, str) else None
    if record is None:
        raise api_error("DBS.201010", f"Backup {backup_id}.")
    return record


def source_data(project_id, source, kind, backup_id=None, restore_time=None):
    """The data a restore brings back: the backup's copy, or the source instance's data at restore_time."""
    if kind == "backup":
        record = _backup(project_id, backup_id)
        if record["instance_id"] != source.id:
            raise param_error(f"Backup {backup_id} is not a backup of instance {source.id}.")
        if record["status"] != "COMPLETED":
            raise api_error("DBS.201208", f"Backup status is {record['status']}.")
        return record["data"]
    return data_at(source, _point_in_time(source, restore_time))


def restore_point_data(project_id, point):
    """4.3.1 restore_point (already shape-checked by the instance family) -> the data of the new instance."""
    source = get_instance(project_id, point["source_instance_id"])
    return source_data(project_id, source, point["type"], point.get("backup_id"), point.get("restore_time"))


def engine_plan(project_id, source, kind, backup_id=None, restore_time=None):
    """--engine mariadb: the backup file (and binary log span) a restore of ``source`` loads; None without engines."""
    if not engine.backed(source):
        return None
    if kind == "backup":
        return engine.restore_plan(source, (), backup_id=backup_id)
    return engine.restore_plan(source, list(backups_of(project_id).values()),
                               restore_time=_point_in_time(source, restore_time))


def restore_point_plan(project_id, point):
    source = get_instance(project_id, point["source_instance_id"])
    return engine_plan(project_id, source, point["type"], point.get("backup_id"), point.get("restore_time"))


def tables_of(database):
    return list(database["tables"] if "tables" in database else DEFAULT_TABLES)


# -- input rules ------------------------------------------------------------------------------------------------
def check_backup_name(name):
    if not isinstance(name, str) or len(name.encode("utf-8")) > 64 or not _BACKUP_NAME.match(name):
        raise api_error("DBS.280277", f"Invalid name {name!r}.")
    return name


def check_backup_description(description):
    if description is None:
        return ""
    if not rules.text_fits(description, 256, _DESCRIPTION_FORBIDDEN):
        raise api_error("DBS.280127")
    return description


def parse_api_time(value, what):
    """Query times "yyyy-mm-ddThh:mm:ssZ" where Z is an offset like +0800 -> epoch seconds."""
    text = value.replace(" ", "+")  # an unencoded '+' in a query string arrives as a blank
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError as exc:
        raise param_error(f"{what} {value!r} is not yyyy-mm-ddThh:mm:ss+hhmm.") from exc


def _time_filter(args):
    begin = parse_api_time(args["begin_time"], "begin_time") if args.get("begin_time") else None
    end = parse_api_time(args["end_time"], "end_time") if args.get("end_time") else None
    if begin is not None and end is not None and end <= begin:
        raise param_error("end_time must be later than begin_time.")
    return begin, end


def check_policy(policy, level1=False):
    """4.4.1 MysqlBackupPolicy: start_time hh:00-HH:00 (HH = hh + 1), keep_days 1-732, period of days 1-7, and
    retention_num_backup_level1 (0 or 1): "当一级备份开关开启时，该参数必传。反之，不能传" - required while the
    instance's level-1 backups are on (``level1``), refused while they are off."""
    if not isinstance(policy, dict):
        raise param_error("backup_policy must be an object.")
    rules.required(policy, "start_time", "keep_days", "period")
    checked = rules.check_backup_strategy({"start_time": policy["start_time"], "keep_days": policy["keep_days"]})
    period = policy["period"]
    days = str(period).split(",") if isinstance(period, (str, int)) and not isinstance(period, bool) else None
    if not days or any(not d.strip().isdigit() or not 1 <= int(d) <= 7 for d in days) \
            or len(set(int(d) for d in days)) != len(days):
        raise api_error("DBS.280251", f"Invalid period {period!r}.")
    checked["period"] = ",".join(str(d) for d in sorted(int(d) for d in days))
    retention = policy.get("retention_num_backup_level1")
    if not level1:
        if retention is not None:
            # Level-1 backups are off for this instance (the emulated kernel's default): "反之，不能传".
            raise api_error("DBS.05000098")
        return checked
    if retention is None:
        raise param_error("retention_num_backup_level1 is required while level-1 backups are on.")
    checked["retention_num_backup_level1"] = rules.as_int(retention, "retention_num_backup_level1", 0, 1)
    return checked


# -- the family ---------------------------------------------------------------------------------------------------
class GaussBackupsFamily(HuaweiFamily):
    name = "gaussdb-backups"

    def register(self, app, ctx):
        inst = "/v3/{project_id}/instances/{instance_id}"
        for method, path, view in (
                ("PUT", inst + "/backups/policy/update", self.set_policy),
                ("POST", "/v3/{project_id}/backups/create", self.create),
                ("GET", "/v3/{project_id}/backups", self.list),
                ("GET", inst + "/backups/policy", self.show_policy),
                ("DELETE", "/v3/{project_id}/backups/{backup_id}", self.delete),
                ("POST", "/v3/{project_id}/instances/restore", self.restore),
                ("GET", inst + "/restore-time", self.restore_times),
                ("POST", inst + "/backups/encryption", self.set_encryption),
                ("GET", inst + "/backups/encryption", self.show_encryption),
                ("GET", inst + "/incremental-backups", self.incremental),
                ("PUT", inst + "/backups/offsite-policy", self.set_offsite),
                ("POST", inst + "/backups/restore/tables", self.restore_tables),
                ("GET", inst + "/backups/restore/tables", self.restorable_tables)):
            ctx.route(self, method, path, view)
        # Not in seed 002: the current SDK's show_restore_available_tables calls this v3.1 twin of 4.4.13
        # (its show_restore_tables, the v3 call, is deprecated there). Same query, total_tables instead.
        ctx.route(self, "GET", "/v3.1/{project_id}/instances/{instance_id}/backups/restore/tables",
                  self.restorable_tables_v31)

    def seed(self, spec):
        """Admin seed ``gaussdb_level1_backups: [instance ids]``: switch those instances' level-1 backups on (no
        API of seed 002 does; the service offers them per kernel). Their policy then carries the level-1
        retention, 0 until 4.4.1 sets it."""
        ids = spec.get("gaussdb_level1_backups") or []
        for instance_id in ids:
            inst = gauss().instances.get(instance_id)
            if inst is None:
                raise ValueError(f"unknown instance {instance_id}")
            inst.ext["backup_level1"] = True
            inst.ext.setdefault("retention_num_backup_level1", 0)
        return {"gaussdb_level1_backups": list(ids)} if ids else {}

    # -- policies -------------------------------------------------------------------------------------------
    def set_policy(self, project_id, instance_id):
        """4.4.1: 200 {status, instance_id, instance_name}; takes effect at once (COMPLETED). A ``fail_jobs`` rule
        named POLICY_CHANGE answers FAILED and leaves the policy as it was (the reference's third status)."""
        inst = get_instance(project_id, instance_id)
        level1 = inst.ext.get("backup_level1", False)
        policy = check_policy(json_body().get("backup_policy"), level1)
        answer = {"instance_id": inst.id, "instance_name": inst.name}
        if current_ctx().take_rule("fail_jobs", lambda rule: rule["name"] == POLICY_CHANGE):
            return dict(answer, status="FAILED")
        inst.backup_strategy = {"start_time": policy["start_time"], "keep_days": policy["keep_days"]}
        inst.ext["backup_period"] = policy["period"]
        if level1:
            inst.ext["retention_num_backup_level1"] = policy["retention_num_backup_level1"]
        inst.touch(current_ctx().now())
        return dict(answer, status="COMPLETED")

    def show_policy(self, project_id, instance_id):
        """4.4.4. keep_days is an Integer in table 4-322 (the example quotes it; the SDK wants int). The level-1
        retention comes only while level-1 backups are on, as retention_num_backup_level1: table 4-322 spells it
        retention_number_backup_level1, its example and the SDK's BackupPolicy model retention_num_backup_level1."""
        inst = get_instance(project_id, instance_id)
        policy = {"keep_days": int(inst.backup_strategy.get("keep_days", 7)),
                  "start_time": inst.backup_strategy.get("start_time", "19:00-20:00"),
                  "period": inst.ext.get("backup_period", DEFAULT_PERIOD)}
        if inst.ext.get("backup_level1"):
            policy["retention_num_backup_level1"] = inst.ext.get("retention_num_backup_level1", 0)
        return {"backup_policy": policy}

    def set_encryption(self, project_id, instance_id):
        """4.4.8: on needs type kms and kms_key_id; off takes neither. Excludes cross-region copies."""
        inst = get_instance(project_id, instance_id)
        data = json_body()
        status = data.get("encryption_status")
        if not isinstance(status, str) or status.lower() not in ("on", "off"):
            raise param_error("encryption_status must be on or off.")
        status = status.lower()
        if status == "on":
            if not isinstance(data.get("type"), str) or data["type"].lower() != "kms":
                raise param_error("type must be kms when encryption is turned on.")
            # The reference only says the key id comes from KMS (a UUID there); any id is taken as one.
            if not isinstance(data.get("kms_key_id"), str) or not 0 < len(data["kms_key_id"]) <= 128:
                raise param_error("kms_key_id must be the id of a KMS key.")
            if (inst.ext.get("backup_offsite") or {}).get("open_auto_backup"):
                raise api_error("DBS.05000030")
        elif data.get("type") is not None or data.get("kms_key_id") is not None:
            raise param_error("type and kms_key_id are not given when encryption is turned off.")
        inst.ext["backup_encryption"] = {"status": status, "kms_key_id": data.get("kms_key_id")}
        return {"encryption_status": status}

    def show_encryption(self, project_id, instance_id):
        inst = get_instance(project_id, instance_id)
        return {"encryption_status": inst.ext.get("backup_encryption", {}).get("status", "off")}

    def set_offsite(self, project_id, instance_id):
        """4.4.11: every field required; incremental copies only with full copies; keep_days 1-1825."""
        inst = get_instance(project_id, instance_id)
        policy = json_body().get("backup_policy")
        if not isinstance(policy, dict):
            raise param_error("backup_policy must be an object.")
        for key in ("open_auto_backup", "open_incremental_backup"):
            if not isinstance(policy.get(key), bool):
                raise param_error(f"backup_policy.{key} must be true or false.")
        rules.required(policy, "destination_project_id", "destination_region", "keep_days")
        if not isinstance(policy["destination_project_id"], str) or not _PROJECT_ID.match(policy["destination_project_id"]):
            raise param_error("destination_project_id must be a project id (32 letters and digits).")
        if not isinstance(policy["destination_region"], str) or policy["destination_region"] == inst.region:
            raise param_error("destination_region must be another region than the instance's.")
        keep = rules.as_int(policy["keep_days"], "keep_days", 1, 1825, code="DBS.280250")
        if policy["open_incremental_backup"] and not policy["open_auto_backup"]:
            raise param_error("open_incremental_backup needs open_auto_backup.")
        if policy["open_auto_backup"] and inst.ext.get("backup_encryption", {}).get("status") == "on":
            raise api_error("DBS.05000029")
        if current_ctx().take_rule("fail_jobs", lambda rule: rule["name"] == OFFSITE_POLICY_CHANGE):
            return {"result": "failed"}
        inst.ext["backup_offsite"] = dict(policy, keep_days=keep)
        return {"result": "success"}

    # -- backups ----------------------------------------------------------------------------------------------
    def create(self, project_id):
        """4.4.2: 201 {backup, job_id}; the backup is BUILDING until its job ends, the instance BACKING UP."""
        data = json_body()
        rules.required(data, "instance_id", "name")
        inst = get_instance(project_id, data["instance_id"])
        name = check_backup_name(data["name"])
        description = check_backup_description(data.get("description"))
        _ensure_auto_backup(inst)
        if any(b["status"] == "BUILDING" for b in _instance_backups(inst)):
            raise api_error("DBS.201205")
        instance_busy_guard(inst)
        now = current_ctx().now()
        record = _new_backup(inst, name, description, "manual", now)

        def done(job, _inst):
            record.update(status="COMPLETED", end=job.ends)

        def failed(job, _inst):
            record.update(status="FAILED", end=job.ends)

        # Not busy: the service keeps serving changes while it backs up; only a second backup waits (DBS.201205).
        job = jobs.start("CreateGaussDBforMySQLBackup", inst, BACKUP_SECONDS, done, on_fail=failed, busy=False,
                         entities={"backup_id": record["id"]}, waits_for=engine.start_backup(inst, record["id"]))
        view = {k: v for k, v in backup_view(record).items()
                if k in ("id", "name", "description", "begin_time", "status", "type", "instance_id")}
        return {"backup": view, "job_id": job.id}, 201

    def list(self, project_id):
        """4.4.3: filters instance_id, backup_id, backup_type, name, instance_name, begin/end time; newest first."""
        args = request.args
        offset, limit = rules.paging(args)
        kind = args.get("backup_type")
        if kind is not None and kind not in ("auto", "manual"):
            raise param_error("backup_type must be auto or manual.")
        begin, end = _time_filter(args)
        for inst in gauss().in_project(project_id):
            _ensure_auto_backup(inst)
        live = gauss().instances
        found = []
        for record in sorted(backups_of(project_id).values(), key=lambda b: b["begin"], reverse=True):
            if record["type"] == "auto" and record["instance_id"] not in live:
                continue  # automated backups go with their instance
            checks = (("instance_id", record["instance_id"]), ("backup_id", record["id"]), ("backup_type", record["type"]),
                      ("name", record["name"]), ("instance_name", record["instance_name"]))
            if any(args.get(key) not in (None, value) for key, value in checks):
                continue
            if (begin is not None and record["begin"] < begin) or (end is not None and record["begin"] > end):
                continue
            found.append(record)
        return {"backups": [backup_view(b) for b in found[offset:offset + limit]], "total_count": len(found)}

    def delete(self, project_id, backup_id):
        """4.4.5: only completed (or failed) manual backups; 200 {backup_id, backup_name}."""
        record = _backup(project_id, backup_id)
        if record["type"] != "manual":
            raise api_error("DBS.212003", "Automated backups expire with the backup policy.")
        if record["status"] == "BUILDING":
            raise api_error("DBS.201208", "The backup is being built.")
        del backups_of(project_id)[backup_id]
        engine.remove_backup(backup_id)
        return {"backup_id": record["id"], "backup_name": record["name"]}

    def incremental(self, project_id, instance_id):
        """4.4.10: binlog backups since the first full backup; limit 10, 20 or 50 (default 10)."""
        inst = get_instance(project_id, instance_id)
        args = request.args
        offset = rules.as_int(args.get("offset", 0), "offset", 0)
        limit = rules.as_int(args.get("limit", 10), "limit", code="DBS.280439")
        if limit not in (10, 20, 50):
            raise api_error("DBS.280439", "limit must be 10, 20 or 50.")
        if bool(args.get("begin_time")) != bool(args.get("end_time")):
            raise param_error("begin_time and end_time go together.")
        begin, end = _time_filter(args)
        items = []
        window = restorable_range(inst)
        if window is not None:
            step = max(current_ctx().scaled(INCREMENTAL_SECONDS), 0.001)
            count = int((window[1] - window[0]) // step)
            for n in range(count, max(0, count - INCREMENTAL_MAX), -1):
                start, stop = window[0] + (n - 1) * step, window[0] + n * step
                if (begin is not None and start < begin) or (end is not None and start > end):
                    continue
                digest = hashlib.md5(f"{inst.id}/{n}".encode()).hexdigest()
                stamp = datetime.datetime.fromtimestamp(stop, datetime.timezone.utc).strftime("%Y%m%d%H%M%S%f")[:17]
                items.append({"id": digest + "br07", "name": f"GaussDBforMySQL-{stamp}",
                              "begin_time": fmt_time(start), "end_time": fmt_time(stop),
                              "size": round(0.1 + (n % 7) * 0.05, 6), "instance_id": inst.id})
        return {"backups": items[offset:offset + limit], "total_count": len(items)}

    def restore_times(self, project_id, instance_id):
        """4.4.7: restorable ranges in UNIX ms; ``date`` (yyyy-mm-dd, UTC) narrows them to that day."""
        inst = get_instance(project_id, instance_id)
        window = restorable_range(inst)
        date = request.args.get("date")
        if date is not None:
            try:
                day = datetime.datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc).timestamp()
            except ValueError as exc:
                raise param_error(f"date {date!r} is not yyyy-mm-dd.") from exc
            if window is not None:
                window = (max(window[0], day), min(window[1], day + 86400 - 0.001))
        if window is None or window[0] > window[1]:
            return {"restore_times": []}
        return {"restore_times": [{"start_time": _ms(window[0]), "end_time": _ms(window[1])}]}

    # -- restores --------------------------------------------------------------------------------------------
    def restore(self, project_id):
        """4.4.6: a backup or a point in time of the source, into the source itself or another existing instance."""
        data = json_body()
        rules.required(data, "target_instance_id", "source_instance_id", "type")
        source = gauss().instances.get(data["source_instance_id"])
        if source is None or source.project_id != project_id:
            raise api_error("DBS.200013")
        target = get_instance(project_id, data["target_instance_id"])
        kind = data["type"]
        if kind not in ("backup", "timestamp"):
            raise param_error("type must be backup or timestamp.")
        if kind == "backup" and not data.get("backup_id"):
            raise param_error("backup_id is required when type is backup.")
        if kind == "timestamp" and data.get("restore_time") is None:
            raise param_error("restore_time is required when type is timestamp.")
        if target.id != source.id:
            # "目标实例引擎类型、版本号、表名大小写敏感要求与原实例相同"
            if target.datastore.get("version") != source.datastore.get("version"):
                raise api_error("DBS.201207", "The target instance runs another engine version.")
            if target.lower_case_table_names != source.lower_case_table_names:
                raise param_error("The target's table name case sensitivity differs from the source's.")
        snapshot = source_data(project_id, source, kind, data.get("backup_id"), data.get("restore_time"))
        plan = engine_plan(project_id, source, kind, data.get("backup_id"), data.get("restore_time"))
        instance_busy_guard(target)
        after_id = uuid.uuid4().hex + "br07"    # --engine mariadb: the full backup taken after the restore

        def done(job, inst):
            if inst is not None:
                restore_data(inst, snapshot)
                if plan is not None:
                    _auto_backup(inst, job.ends, after_id)
        job = jobs.start("RestoreGaussDBforMySQLInstance", target, RESTORE_SECONDS, done, instance_status="RESTORING",
                         waits_for=engine.restore_into(target, plan, after_id))
        return {"job_id": job.id}

    def restorable_tables(self, project_id, instance_id):
        """4.4.13: databases and tables at restore_time (or now, last_table_info=true); names match loosely."""
        inst = get_instance(project_id, instance_id)
        args = request.args
        rules.required(args, "restore_time", "last_table_info")
        latest = _table_info_flag(args["last_table_info"])
        seconds = _point_in_time(inst, args["restore_time"])
        data = _tables_now(inst) if latest else _tables_then(inst, seconds, args["restore_time"])
        db_filter, table_filter = args.get("database_name", ""), args.get("table_name", "")
        databases = []
        for name in sorted(data["databases"]):
            if db_filter not in name:
                continue
            tables = [t for t in tables_of(data["databases"][name]) if table_filter in t]
            databases.append({"name": name, "total_tables": len(tables), "tables": [{"name": t} for t in tables]})
        return {"total_databases": len(databases), "databases": databases}

    def restorable_tables_v31(self, project_id, instance_id):
        listed = self.restorable_tables(project_id, instance_id)
        return {"total_tables": sum(d["total_tables"] for d in listed["databases"]), "databases": listed["databases"]}

    def restore_tables(self, project_id, instance_id):
        """4.4.12: copies of tables as they were at restore_time, under new names, in the current databases."""
        inst = get_instance(project_id, instance_id)
        body = json_body()
        rules.required(body, "restore_time", "restore_tables")
        latest = _table_info_flag(body.get("last_table_info", False))
        seconds = _point_in_time(inst, body["restore_time"])
        then = _tables_then(inst, seconds, body["restore_time"])
        current = _tables_now(inst)
        listed = current if latest else then
        items = body["restore_tables"]
        if not isinstance(items, list) or not items:
            raise api_error("DBS.05000042")
        plan = _table_plan(items, listed, current)
        instance_busy_guard(inst)
        renames = {item["database"]: [(t["old_name"], t["new_name"]) for t in item["tables"]] for item in items}
        work = engine.restore_tables(inst, engine_plan(project_id, inst, "timestamp", restore_time=body["restore_time"]),
                                     renames)

        def done(job, target):
            if target is None:
                return
            current = snapshot_data(target)
            for db, names in plan.items():
                if db in current["databases"]:
                    record = current["databases"][db]
                    record["tables"] = tables_of(record) + [n for n in names if n not in tables_of(record)]
            restore_data(target, current)

        job = jobs.start("RestoreGaussDBforMySQLTables", inst, TABLE_RESTORE_SECONDS, done, waits_for=work)
        return {"job_id": job.id}


def _tables_now(inst):
    """The databases and tables now (read from the engine with --engine mariadb)."""
    refresh_data(inst)
    return snapshot_data(inst)


def _tables_then(inst, seconds, restore_time):
    """The databases and tables at a moment: the recorded history, or with engines the tables of the backup the
    restore starts from together with today's (the binary log may have created some since)."""
    if not engine.backed(inst):
        return data_at(inst, seconds)
    data = _tables_now(inst)
    for db, tables in engine.tables_then(engine_plan(inst.project_id, inst, "timestamp", restore_time=restore_time)).items():
        record = data["databases"].setdefault(db, {"name": db, "charset": "utf8mb4", "comment": "", "tables": []})
        record["tables"] = sorted(set(record.get("tables", [])) | set(tables))
    return data


def _table_info_flag(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise api_error("DBS.05000043")


def _table_plan(items, listed, current):
    """{database: [new table names]} after the 4.4.12 checks (DBS.05000042/45/46/47/48)."""
    plan = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("database"), str) \
                or not isinstance(item.get("tables"), list) or not item["tables"]:
            raise api_error("DBS.05000042")
        db = item["database"]
        if db in plan:
            raise api_error("DBS.05000045")
        if db not in listed["databases"] or db not in current["databases"]:
            raise api_error("DBS.05000047", db)
        existing = set(tables_of(listed["databases"][db]))
        present = set(tables_of(current["databases"][db]))
        olds, news = [], []
        for table in item["tables"]:
            if not isinstance(table, dict) or not all(isinstance(table.get(k), str) and table[k]
                                                      for k in ("old_name", "new_name")):
                raise api_error("DBS.05000042", "Each table needs old_name and new_name.")
            olds.append(table["old_name"])
            news.append(table["new_name"])
            if table["old_name"] not in existing:
                raise api_error("DBS.05000048", f"{db}.{table['old_name']}")
        if len(set(olds)) != len(olds) or len(set(news)) != len(news) or present & set(news):
            raise api_error("DBS.05000046")
        plan[db] = news
    return plan


FAMILY = GaussBackupsFamily
