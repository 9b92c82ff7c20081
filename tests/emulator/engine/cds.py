"""The Capital Online (CDS) MySQL family on real engines (reference 5.3-5.30).

One server per instance (listening on its ``IP`` and ``Port``), per read-only instance (replicating from its
instance) and per temporary instance (a point in time of its instance). Every hook does nothing for an object
without engines (``--engine none``, or a large admin seed).

Accounts: ``CreatePrivilegedAccount`` is ``CREATE USER name@'%'``; a Super account gets ``ALL PRIVILEGES ON *.*
WITH GRANT OPTION``; ``ModifyDbPrivilege`` grants on ``db.*`` the documented list of its privilege type
(``DescribeDbPrivileges``: ReadOnly, DMLOnly, DDLOnly, ReadWrite), ``AllCreate`` is ``CREATE ON *.*``.
``DescribeDBAccount`` reads the accounts back from the engine (one created over SQL shows as a Normal account;
its database privileges are named by the documented list they equal, or the smallest that holds them).
Backups are mariadb-dump files (gzip, also for physical backups), and ``DownloadBackup``'s URL serves them.
"""
import functools
import os
import secrets
import sys
import time

from tests.emulator.engine import backups, cluster, engines, sql, work_error
from tests.emulator.engine.manager import in_parallel
from tests.emulator.engine.mariadb import EngineError, translated

SUPER = "ALL PRIVILEGES"


def backed(obj):
    return engines() is not None and obj.get("_engine") is not None


def _error(exc):
    from tests.emulator.cds.errors import CdsError
    return CdsError(500, "InternalError", f"engine: {exc}")


def after(work, done, failed=None):
    """A timer function that waits for the engine work first; ``failed(error)`` instead of ``done()`` if it failed."""
    if work is None:
        return done

    def run():
        error = work_error(work)
        if error is None:
            return done()
        print(f"emulator: engine work failed: {error}", file=sys.stderr, flush=True)
        return failed(error) if failed else done()
    return run


def _settings():
    return {"lower_case_table_names": "1"}


def _server(obj_id):
    return engines().get(obj_id)


# -- instances, read-only and temporary instances -------------------------------------------------------------------
def provision(inst):
    """CreateDBInstance (and seeds that ask for engines): a server on a loopback IP, root with a password of the
    emulator's own (the API has none)."""
    m = engines()
    if m is None:
        return None
    inst["_engine"] = {"root": secrets.token_urlsafe(18)}
    inst["IP"] = m.allocate_address(inst["Port"])
    server = m.new_server(inst["InstanceUuid"], [inst["IP"]], inst["Port"], _settings())
    return m.submit(inst["InstanceUuid"], cluster.build, server, [], inst["_engine"]["root"])


def provision_readonly(inst, ro):
    """CreateReadOnlyDBInstance: a replica of the instance, seeded from it; its address shows once RUNNING."""
    if not backed(inst):
        return None
    m = engines()
    ro["_engine"] = {"ip": m.allocate_address(ro["Port"])}
    server = m.new_server(ro["ServiceId"], [ro["_engine"]["ip"]], ro["Port"], _settings())
    return m.submit(inst["InstanceUuid"], cluster.seed_replicas, _server(inst["InstanceUuid"]), [server])


def engine_ip(obj):
    """The loopback address of a read-only or temporary instance's server (shown once it is RUNNING)."""
    return (obj.get("_engine") or {}).get("ip")


def readonly_of(store, uuid):
    return [ro for ro in store.readonly.values() if ro["_primary"] == uuid]


def remove(store, uuid):
    """DeleteDBInstance: the servers of the instance (or read-only instance) and of its read-only and temporary
    instances stop and their data goes."""
    m = engines()
    if m is None:
        return None
    keys = [uuid] + [ro["ServiceId"] for ro in readonly_of(store, uuid)] + \
        [t["TemporaryInstanceUuid"] for t in store.temporary.values() if t["_primary"] == uuid]
    group = store.readonly[uuid]["_primary"] if uuid in store.readonly else uuid
    return m.submit(group, lambda: in_parallel(*[functools.partial(m.forget, k) for k in keys]))


def remove_one(key, group):
    m = engines()
    return None if m is None else m.submit(group, m.forget, key)


def temporary(store, inst, tmp, select_time):
    """StartBatchRollbackToTemporaryDBInstance: a new server with the instance's data at ``select_time``."""
    if not backed(inst):
        return None
    m = engines()
    plan = restore_plan(store, inst, restore_time=select_time)
    tmp["_engine"] = {"ip": m.allocate_address(inst["Port"]), "root": inst["_engine"]["root"]}
    server = m.new_server(tmp["TemporaryInstanceUuid"], [tmp["_engine"]["ip"]], inst["Port"], _settings())

    def work(password):
        cluster.build(server, [], password, backups.prepare(plan))
    return m.submit(inst["InstanceUuid"], work, inst["_engine"]["root"])


def regularized(tmp, inst):
    """RegularizeTemporaryDBInstances: the temporary instance's server now serves the instance (same uuid)."""
    if tmp.get("_engine"):
        inst["_engine"] = {"root": tmp["_engine"]["root"], "restored": True}


def rollback(store, inst, backup_id):
    """StartBatchRollback: the instance (and its read-only instances) get the backup's data."""
    if not backed(inst):
        return None
    plan = restore_plan(store, inst, backup_id=backup_id)
    primary = _server(inst["InstanceUuid"])
    replicas = [s for s in (_server(ro["ServiceId"]) for ro in readonly_of(store, inst["InstanceUuid"])) if s]
    return engines().submit(inst["InstanceUuid"], cluster.rebuild, primary, replicas, inst["_engine"]["root"], plan)


def restore_plan(store, inst, backup_id=None, restore_time=None):
    """The backup file (and binary log span) of a restore; a point in time starts from the newest whole-instance
    backup at or before it, or from the instance's creation while its binary log still holds everything."""
    ws = engines().ws
    if backup_id is not None:
        meta = backups.read_meta(ws, backup_id)
        if meta is None:
            raise _error(f"backup {backup_id} has no file")
        return {"file": meta["file"]}
    # From its creation only while its binary log holds everything: not for an instance made from a restore.
    base = {"file": None, "gtid": "", "time": -1 if inst["_engine"].get("restored") else inst["_created"],
            "tables": {}}
    for backup in store.backups.values():
        meta = backups.read_meta(ws, backup["BackupId"]) if backup["InstanceId"] == inst["InstanceUuid"] \
            and backup["Status"] == "finished" and not backup["_db_list"] else None
        if meta and meta["time"] <= restore_time and meta["time"] >= base["time"]:
            base = meta
    if base["time"] < 0:
        raise _error("no backup of the instance was taken before that point in time")
    sources = [_server(inst["InstanceUuid"])] + [_server(ro["ServiceId"]) for ro in readonly_of(store, inst["InstanceUuid"])]
    return dict(base, stop=restore_time, sources=sources, workdir=ws.run_dir)


# -- accounts and privileges ---------------------------------------------------------------------------------------
def _run(inst, statements):
    server = _server(inst["InstanceUuid"]) if backed(inst) else None
    if server is not None:
        with translated(_error):
            sql.run(server, statements)


def create_account(inst, name, password, kind):
    statements = [sql.create_user(name, "%", sql.native_hash(password))]
    if kind == "Super":
        statements.append((f"GRANT {SUPER} ON *.* TO {sql.account(name, '%')} WITH GRANT OPTION", ()))
    _run(inst, statements)


def delete_account(inst, name):
    _run(inst, [(f"DROP USER IF EXISTS {sql.account(name, '%')}", ())])


def set_privileges(inst, account, changes, all_create, privileges):
    """ModifyDbPrivilege: ``changes`` [(db, kind)]; ``privileges`` the documented kind -> "A,B,C" lists."""
    statements = []
    name = account["AccountName"]
    for db, kind in changes:
        if db in account["_privileges"]:
            statements.append(sql.revoke_all(db, name, "%"))
        statements.append(sql.grant(privileges[kind].replace(",", ", "), db, name, "%"))
    if all_create is not None and all_create != account["_all_create"]:
        verb = "GRANT CREATE ON *.* TO" if all_create == "true" else "REVOKE CREATE ON *.* FROM"
        statements.append((f"{verb} {sql.account(name, '%')}", ()))
    _run(inst, statements)


def revoke_privileges(inst, account, databases):
    _run(inst, [sql.revoke_all(db, account["AccountName"], "%") for db in databases])


def _columns(privilege_list):
    return {"Create_tmp_table" if p == "CREATE TEMPORARY TABLES" else p.strip().capitalize().replace(" ", "_")
            for p in privilege_list.split(",")}


def _kind(granted, privileges):
    kinds = sorted(privileges, key=lambda k: len(privileges[k]))
    exact = [k for k in kinds if _columns(privileges[k]) == granted]
    holding = [k for k in kinds if granted <= _columns(privileges[k])]
    return (exact or holding or ["ReadWrite"])[0]


def sync_accounts(inst, accounts, privileges):
    """Refresh the instance's account records from its engine (accounts made over SQL included)."""
    server = _server(inst["InstanceUuid"]) if backed(inst) else None
    if server is None or not server.running() or not engines().idle(inst["InstanceUuid"]):
        return accounts
    try:
        users = {u for u, h, _ in sql.users(server) if h == "%"}
        supers = {r[0] for r in server.query("SELECT User FROM mysql.user WHERE Host = '%%' AND Super_priv = 'Y'")}
        creators = {r[0] for r in server.query("SELECT User FROM mysql.user WHERE Host = '%%' AND Create_priv = 'Y'")}
        grants = sql.db_privileges(server)
    except EngineError:
        return accounts
    for name in list(accounts):
        if name not in users and accounts[name]["AccountStatus"] == "available":
            del accounts[name]
    for name in sorted(users):
        account = accounts.setdefault(name, {
            "AccountName": name, "AccountType": "Normal", "AccountStatus": "available", "AccountDescription": "",
            "ServiceId": inst["InstanceUuid"], "_privileges": {}, "_all_create": "false"})
        account["AccountType"] = "Super" if name in supers else "Normal"
        account["_privileges"] = {db: _kind(p, privileges) for db, p in grants.get((name, "%"), {}).items()}
        account["_all_create"] = "true" if name in creators and name not in supers else "false"
    return accounts


# -- backups and parameters ----------------------------------------------------------------------------------------
def start_backup(inst, backup_id, databases):
    if not backed(inst):
        return None
    return engines().submit(inst["InstanceUuid"], backups.dump, _server(inst["InstanceUuid"]), backup_id,
                            databases or None, True, time.time())


def backup_file(backup_id):
    """(path, size) of a backup's file with engines, else None."""
    m = engines()
    meta = backups.read_meta(m.ws, backup_id) if m is not None else None
    return (meta["file"], os.path.getsize(meta["file"])) if meta else None


def remove_backup(backup_id):
    if engines() is not None:
        backups.remove(engines().ws, backup_id)


def apply_parameters(store, inst, values, restart):
    """ModifyDBParameter: the parameters MariaDB knows, on the instance and its read-only instances; a restart
    when one of them needs it (returns the work, or None)."""
    if not backed(inst):
        return None
    servers = [s for s in [_server(inst["InstanceUuid"])] +
               [_server(ro["ServiceId"]) for ro in readonly_of(store, inst["InstanceUuid"])] if s is not None]
    with translated(_error):
        cluster.apply_parameters(servers, values)
    return engines().submit(inst["InstanceUuid"], cluster.restart, servers) if restart else None
