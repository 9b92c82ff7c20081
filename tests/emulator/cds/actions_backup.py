"""Backups, their files and the backup policy (reference 5.14-5.18, seeds 001 and 003).

Emulator choices: a running backup has Status "doing" (only "finished" is documented), a backup
being deleted "deleting"; the instance shows Status BACKUP while a backup runs (terraform waits
for RUNNING after CreateBackup). Backup files are real: deterministic bytes derived from the
backup id, exactly BackupSize long, served by this emulator at the URLs DownloadBackup returns.
"""
import functools
import hashlib
import hmac
import re
import time
from urllib.parse import quote

from tests.emulator.engine import cds as engine

from .actions_account import DB_RE, SYSTEM_DBS
from .catalog import SPECS
from .errors import envelope, in_use, invalid, not_found, unsupported
from .params import opt_str, req_dict, req_int, req_str
from .registry import action
from .signing import ACCESS_KEY_SECRET
from .store import new_id
from .views import fmt, get_instance, require_running

FILE_PREFIX = "/mysql-backup-files"
URL_LIFETIME = 3600
TIME_SLOT_RE = re.compile(r"^([01]\d|2[0-3]):00-([01]\d|2[0-4]):00$")


def backup_size(backup_id):
    return 65536 + int(hashlib.sha256(backup_id.encode()).hexdigest()[:8], 16) % (960 * 1024)


@functools.lru_cache(maxsize=8)
def backup_bytes(backup_id, size):
    header = ("CDS-EMULATOR-BACKUP %s\n" % backup_id).encode()
    chunks, total, counter = [header], len(header), 0
    while total < size:
        block = hashlib.sha256(("%s:%d" % (backup_id, counter)).encode()).digest()
        chunks.append(block)
        total += len(block)
        counter += 1
    return b"".join(chunks)[:size]


def file_name(backup):
    # With engines every backup is a mariadb-dump file (physical ones too): README "Engines".
    ext = "xb" if backup["BackupType"] == "physical-backup" and not backup.get("_engine") else "sql.gz"
    stamp = backup["StartTime"].replace("-", "").replace(":", "").replace(" ", "")
    return "%s_%s.%s" % (backup["InstanceId"][:8], stamp, ext)


def url_token(backup_id, expires):
    msg = ("%s:%d" % (backup_id, expires)).encode()
    return hmac.new(ACCESS_KEY_SECRET.encode(), msg, hashlib.sha256).hexdigest()[:32]


def download_urls(base_url, backup):
    expires = int(time.time()) + URL_LIFETIME
    tail = "%s/%s?Expires=%d&Token=%s" % (backup["BackupId"], quote(file_name(backup)), expires,
                                          url_token(backup["BackupId"], expires))
    return ("%s%s/public/%s" % (base_url, FILE_PREFIX, tail),
            "%s%s/intranet/%s" % (base_url, FILE_PREFIX, tail))


def check_file_request(store, backup_id, expires, token):
    """For the file route: returns (status, message or (name, bytes))."""
    try:
        expires = int(expires)
    except (TypeError, ValueError):
        return 403, "AccessDenied: missing or bad Expires"
    if not hmac.compare_digest(url_token(backup_id, expires), token or ""):
        return 403, "AccessDenied: bad token"
    if expires < time.time():
        return 403, "AccessDenied: the download URL has expired"
    backup = store.backups.get(backup_id)
    if backup is None or backup["Status"] != "finished":
        return 404, "NoSuchKey: the backup file does not exist"
    real = engine.backup_file(backup_id)
    if real is not None:
        with open(real[0], "rb") as f:
            return 200, (file_name(backup), f.read())
    return 200, (file_name(backup), backup_bytes(backup_id, backup["BackupSize"]))


def public_backup(backup):
    return {k: v for k, v in backup.items() if not k.startswith("_")}


def _ha_instance(store, uuid):
    inst = get_instance(store, uuid)
    if SPECS[inst["_goods_id"]]["arch"] != 1:
        raise unsupported("Backups need the high-availability edition")
    return inst


@action("CreateBackup", "POST", "backup")
def create_backup(ctx):
    p, store = ctx.params, ctx.store
    inst = _ha_instance(store, req_str(p, "InstanceUuid"))
    kind = req_str(p, "BackupType")
    if kind not in ("physical-backup", "logical-backup"):
        raise invalid("BackupType must be physical-backup or logical-backup")
    desc = opt_str(p, "Desc", "")
    db_list = p.get("DBList")
    if db_list not in (None, []):
        if kind != "logical-backup":
            raise invalid("DBList is only for logical backups")
        if not isinstance(db_list, list) or not all(
                isinstance(d, str) and DB_RE.match(d) and d.lower() not in SYSTEM_DBS for d in db_list):
            raise invalid("DBList must be a list of database names")
    require_running(inst)
    now = store.now()
    backup_id = new_id()
    backup = {"BackupId": backup_id, "InstanceId": inst["InstanceUuid"], "Status": "doing",
              "BackupType": kind, "BackupMode": "manual",
              "BackupStrategy": "db" if db_list else "instance", "BackupSize": 0, "Desc": desc,
              "StartTime": fmt(now), "EndTime": "", "BackupFinishTime": "",
              "_db_list": list(db_list or []), "_created": now}
    store.backups[backup_id] = backup
    store.set_status(inst, "BACKUP")
    work = engine.start_backup(inst, backup_id, backup["_db_list"])   # --engine mariadb: mariadb-dump
    if work is not None:
        backup["_engine"] = True

    def done():
        if backup_id in store.backups and backup["Status"] == "doing":
            end = fmt(store.now())
            real = engine.backup_file(backup_id)
            backup.update(Status="finished", BackupSize=real[1] if real else backup_size(backup_id), EndTime=end,
                          BackupFinishTime=end)
        if inst["Status"] == "BACKUP":
            store.set_status(inst, "RUNNING")
    _, task_id = store.schedule("backup", engine.after(work, done), inst["InstanceUuid"])
    return envelope({}, task_id=task_id)


@action("DescribeBackups", "GET", "backup")
def describe_backups(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    rows = [public_backup(b) for b in sorted(ctx.store.backups.values(), key=lambda b: -b["_created"])
            if b["InstanceId"] == inst["InstanceUuid"]]
    return envelope(rows)


def _get_backup(store, inst, backup_id):
    backup = store.backups.get(backup_id)
    if backup is None or backup["InstanceId"] != inst["InstanceUuid"]:
        raise not_found("Backup", backup_id)
    return backup


@action("DeleteBackup", "POST", "backup")
def delete_backup(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    backup = _get_backup(store, inst, req_str(p, "BackupId"))
    if backup["Status"] != "finished":
        raise in_use("Backup %s is %s" % (backup["BackupId"], backup["Status"]))
    backup["Status"] = "deleting"

    def done():
        store.backups.pop(backup["BackupId"], None)
        engine.remove_backup(backup["BackupId"])
    _, task_id = store.schedule("backup_delete", done, backup["BackupId"])
    return envelope({}, task_id=task_id)


@action("DownloadBackup", "GET", "backup")
def download_backup(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    backup = _get_backup(store, inst, req_str(p, "BackupId"))
    if backup["Status"] != "finished":
        raise unsupported("Backup %s is not finished" % backup["BackupId"])
    data = public_backup(backup)
    data["BackupDownloadUrl"], data["BackupIntranetDownloadUrl"] = download_urls(ctx.base_url, backup)
    return envelope(data, task_id="")


@action("ModifyDbBackupPolicy", "POST", "backup")
def modify_db_backup_policy(ctx):
    p, store = ctx.params, ctx.store
    inst = _ha_instance(store, req_str(p, "InstanceUuid"))
    policy = req_dict(p, "DataBackups")
    slot = req_str(policy, "TimeSlot")
    m = TIME_SLOT_RE.match(slot)
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise invalid("DataBackups.TimeSlot must be a one-hour window like 03:00-04:00")
    dates = policy.get("DateList")
    if not isinstance(dates, list) or not dates or not all(d in list("0123456") for d in dates):
        raise invalid('DataBackups.DateList must be a list of weekdays "0" (Sunday) to "6"')
    sign = req_int(policy, "Sign")
    if sign not in (0, 1):
        raise invalid("DataBackups.Sign must be 0 or 1")
    require_running(inst)
    store.backup_policy[inst["InstanceUuid"]] = {"TimeSlot": slot, "DateList": sorted(set(dates)),
                                                 "Sign": sign}
    return {"Code": "Success", "Message": "Success."}
