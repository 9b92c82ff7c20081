"""The GaussDB(for MySQL) family on real engines: one server per node (seed 002 4.3, 4.4, 4.5, 4.10, 4.11).

The handlers call these hooks; each does nothing for an instance without engines (``backed(inst)`` false:
``--engine none``, or an instance of a large admin seed). The primary's server listens on the node's IP and on
the instance's write IP (``private_write_ips``); each read replica on its own IP, replicating from the primary.

Data (4.10/4.11): the engine is the truth. ``sync_data`` reads databases, accounts, hosts and grants back from
the primary into the record the handlers validate against (comments of accounts, which MariaDB has not, stay
in the record), and ``mirror`` turns the record's change into SQL (read-only = ``SELECT`` on ``db.*``,
read-write = ``ALL PRIVILEGES``). Engine errors answer the documented codes (``api_error_for``).
"""
import copy
import ipaddress
import re
import time

from tests.emulator.engine import backups, cluster, engines, sql
from tests.emulator.engine.mariadb import EngineError, translated
from tests.emulator.huawei.errors import api_error, param_error

SEED_PASSWORD = "Emulator-Passw0rd"   # root's password of seeded instances with engines ("engine_password")
READ_ONLY_PRIVILEGES = "SELECT"
READ_WRITE_PRIVILEGES = "ALL PRIVILEGES"
_READ_ONLY_SET = {"Select", "Show_view"}
_ERRORS = {1007: "DBS.200826", 1049: "DBS.200823", 1008: "DBS.200823", 1115: "DBS.05000037", 1396: "DBS.05000097"}
_TIME_ZONE = re.compile(r"^UTC([+-]\d{2}:\d{2})?$")


def backed(inst):
    return engines() is not None and "engine" in inst.ext


def _servers(inst):
    m = engines()
    master = inst.master()
    primary = m.get(master.id) if master is not None else None
    return primary, [m.get(n.id) for n in inst.slaves() if m.get(n.id) is not None]


def primary_server(inst):
    return _servers(inst)[0] if backed(inst) else None


def api_error_for(exc):
    """An engine error as the API's documented error (1396: an account that exists, or does not)."""
    code = _ERRORS.get(exc.code)
    if code is None:
        return api_error("DBS.05000000", f"engine: {exc}")
    return api_error(code, str(exc))


def _settings(inst):
    """my.cnf settings from the instance's creation options."""
    settings = {"lower_case_table_names": str(inst.lower_case_table_names)}
    zone = _TIME_ZONE.match(inst.time_zone or "")
    if zone:
        settings["default_time_zone"] = f"'{zone.group(1) or '+00:00'}'"
    return settings


# -- instance lifecycle (4.3) ------------------------------------------------------------------------------------------
def provision(inst, restore=None):
    """A new instance (4.3.1, or an admin seed that asks for engines): addresses, servers, and the work that
    starts them (returned for the creation job to wait for). ``restore``: see ``restore_plan``."""
    m = engines()
    if m is None:
        return None
    inst.ext["engine"] = {}
    inst.private_write_ip = m.allocate_address(inst.port)
    for node in inst.nodes.values():
        node.private_ip = m.allocate_address(inst.port)
    master = inst.master()
    primary = m.new_server(master.id, [master.private_ip, inst.private_write_ip], inst.port, _settings(inst))
    replicas = [m.new_server(n.id, [n.private_ip], inst.port, _settings(inst)) for n in inst.slaves()]

    def work(password):
        plan = backups.prepare(restore)
        cluster.build(primary, replicas, password, plan)
    return m.submit(inst.id, work, inst.password)


def add_nodes(inst, nodes):
    """4.3.4: new read replicas, seeded from the primary."""
    if not backed(inst):
        return None
    m = engines()
    primary, _ = _servers(inst)
    new = []
    for node in nodes:
        node.private_ip = m.allocate_address(inst.port)
        new.append(m.new_server(node.id, [node.private_ip], inst.port, _settings(inst)))
    return m.submit(inst.id, cluster.seed_replicas, primary, new)


def remove_nodes(inst, node_ids):
    """4.3.5 (one replica) and 4.3.3 (every node): stop the servers and remove their data."""
    if not backed(inst):
        return None
    m = engines()

    def work():
        for node_id in node_ids:
            m.forget(node_id)
    return m.submit(inst.id, work)


def remove_instance(inst, recycle_backup_id):
    """4.3.3: the primary's data is dumped as the recycle backup (4.3.34-4.3.36), then every server goes."""
    if not backed(inst):
        return None
    primary = primary_server(inst)
    dumped = engines().submit(inst.id, backups.dump, primary, recycle_backup_id, None, False, time.time())
    removed = remove_nodes(inst, list(inst.nodes))
    return engines().pool.submit(lambda: (dumped.result(), removed.result()))


def restart(inst, node_ids=None):
    """4.3.2 / 4.3.14: restart the servers of the nodes (all by default)."""
    if not backed(inst):
        return None
    m = engines()
    servers = [m.get(n) for n in (node_ids or list(inst.nodes)) if m.get(n) is not None]
    return m.submit(inst.id, cluster.restart, servers)


def switchover(inst, node_id):
    """4.3.19: the node becomes the primary, the write IP moves to it, the others replicate from it."""
    if not backed(inst):
        return None
    m = engines()
    old = m.get(inst.master().id)
    new = m.get(node_id)
    others = [m.get(n.id) for n in inst.slaves() if n.id != node_id and m.get(n.id) is not None]
    return m.submit(inst.id, cluster.switchover, old, new, others, [inst.private_write_ip])


def change_port(inst, port):
    """4.3.23: every server of the instance listens on the new port."""
    if not backed(inst):
        return None
    primary, replicas = _servers(inst)
    return engines().submit(inst.id, cluster.change_port, primary, replicas, port)


def check_write_ip(inst, address):
    """4.3.22 with engines: the write IP is where the primary's server listens, so a loopback address."""
    if backed(inst) and not (ipaddress.ip_address(address).is_loopback and address != "127.0.0.1"):
        raise param_error(f"With the emulator's engines the write IP is a loopback address (127.0.0.0/8 but "
                          f"127.0.0.1), not {address}.")


def move_write_ip(inst, address):
    """4.3.22: the primary's server listens on the new write IP instead of the old one."""
    if not backed(inst):
        return None
    primary = primary_server(inst)
    old = inst.private_write_ip

    def work():
        primary.addresses = [a for a in primary.addresses if a != old] + [address]
        primary.restart()
    return engines().submit(inst.id, work)


def set_root_password(inst, password):
    """4.3.8: root's password (synchronous, like the API)."""
    primary = primary_server(inst)
    if primary is not None:
        with translated(api_error_for):
            cluster.set_root_password(primary, password)


def apply_parameters(inst, values):
    """4.5.12 / template application: the parameters MariaDB knows, on every node (SET GLOBAL and my.cnf)."""
    if backed(inst):
        primary, replicas = _servers(inst)
        with translated(api_error_for):
            cluster.apply_parameters([primary] + replicas, values)


# -- databases and accounts (4.10, 4.11) -----------------------------------------------------------------------------
def _readonly(privileges):
    return bool(privileges) and privileges <= _READ_ONLY_SET


def sync_data(inst, data):
    """Refresh ``data`` (gaussdb_data's record) from the primary's engine when it can answer."""
    primary = primary_server(inst)
    if primary is None or not primary.running() or not engines().idle(inst.id):
        return data
    try:
        databases, users, privileges = sql.databases(primary), sql.users(primary), sql.db_privileges(primary)
    except EngineError:
        return data
    new_dbs = {}
    for name, charset, comment, tables in databases:
        record = dict(data["databases"].get(name) or {})
        record.update(name=name, charset=charset, comment=comment, tables=tables)
        new_dbs[name] = record
    new_users = {}
    for name, host, password_hash in users:
        record = dict(data["users"].get(f"{name}@{host}") or {"comment": "", "password_sha256": ""})
        grants = {db: _readonly(p) for db, p in privileges.get((name, host), {}).items()}
        record.update(name=name, host=host, grants=grants, password_native=password_hash)
        new_users[f"{name}@{host}"] = record
    for section, new in (("databases", new_dbs), ("users", new_users)):
        ordered = {k: new[k] for k in data[section] if k in new}
        ordered.update(new)
        data[section].clear()
        data[section].update(ordered)
    return data


def mirror(inst, before, after):
    """The SQL of a change of the record (``before`` -> ``after`` snapshots), run on the primary."""
    primary = primary_server(inst)
    if primary is None:
        return
    statements = []
    old_dbs, new_dbs = before["databases"], after["databases"]
    for name in new_dbs.keys() - old_dbs.keys():
        statements.append(sql.create_database(name, new_dbs[name]["charset"], new_dbs[name].get("comment")))
    for name in new_dbs.keys() & old_dbs.keys():
        if new_dbs[name].get("comment") != old_dbs[name].get("comment"):
            statements.append((f"ALTER DATABASE {sql.q(name)} COMMENT %s", (new_dbs[name].get("comment") or "",)))
    old_users, new_users = before["users"], after["users"]
    for key, user in new_users.items():
        old = old_users.get(key)
        if old is None:
            statements.append(sql.create_user(user["name"], user["host"], user["password_native"]))
        elif old.get("password_native") != user.get("password_native"):
            statements.append(sql.set_password(user["name"], user["host"], user["password_native"]))
        old_grants = (old or {}).get("grants", {})
        for db in sorted(old_grants.keys() | user["grants"].keys()):
            if old_grants.get(db) == user["grants"].get(db):
                continue
            if db in old_grants:
                statements.append(sql.revoke_all(db, user["name"], user["host"]))
            if db in user["grants"]:
                privileges = READ_ONLY_PRIVILEGES if user["grants"][db] else READ_WRITE_PRIVILEGES
                statements.append(sql.grant(privileges, db, user["name"], user["host"]))
    for key in old_users.keys() - new_users.keys():
        statements.append((f"DROP USER {sql.account(old_users[key]['name'], old_users[key]['host'])}", ()))
    for name in old_dbs.keys() - new_dbs.keys():
        statements.append((f"DROP DATABASE {sql.q(name)}", ()))
    with translated(api_error_for):
        sql.run(primary, statements)


def charsets(inst, offered):
    """4.11.1: the offered character sets the engine has."""
    primary = primary_server(inst)
    if primary is None:
        return offered
    try:
        have = sql.charsets(primary)
    except EngineError:
        return offered
    return [c for c in offered if sql.CHARSETS.get(c, c) in have]


# -- backups and restores (4.4) --------------------------------------------------------------------------------------
def start_backup(inst, backup_id, wait=False):
    """A full backup of the instance (a dump of its primary) for backup record ``backup_id``."""
    primary = primary_server(inst)
    if primary is None:
        return None
    future = engines().submit(inst.id, backups.dump, primary, backup_id, None, False, time.time())
    if wait:
        error = future.exception(600)
        if error is not None:
            raise api_error_for(error) if isinstance(error, EngineError) else error
    return future


def remove_backup(backup_id):
    m = engines()
    if m is not None:
        backups.remove(m.ws, backup_id)


def backup_plan(backup_id):
    """The plan of a restore from one backup file (None without engines, or when the backup has no file)."""
    meta = backups.read_meta(engines().ws, backup_id) if engines() is not None else None
    return {"file": meta["file"]} if meta else None


def restore_plan(source, records, backup_id=None, restore_time=None):
    """What a restore of ``source`` brings back: {"file", "gtid", "stop", "sources"} from the backup, or from
    the newest backup at or before ``restore_time`` (epoch seconds) plus the binary log up to it. None when the
    source has no engines."""
    if not backed(source):
        return None
    ws = engines().ws
    if backup_id is not None:
        plan = backup_plan(backup_id)
        if plan is None:
            raise api_error("DBS.201010", f"Backup {backup_id} has no backup file.")
        return plan
    candidates = []
    for record in records:
        meta = backups.read_meta(ws, record["id"]) if record["instance_id"] == source.id else None
        if meta is not None and meta.get("time") is not None and meta["time"] <= restore_time:
            candidates.append(meta)
    if not candidates:
        raise param_error(f"No backup of instance {source.id} was taken before that point in time.")
    base = max(candidates, key=lambda meta: meta["time"])
    primary, replicas = _servers(source)
    return {"file": base["file"], "gtid": base["gtid"], "stop": restore_time, "sources": [primary] + replicas,
            "tables": base["tables"], "workdir": ws.run_dir}


def restore_into(target, plan, backup_id):
    """4.4.6 into an existing instance: every node gets the restored data, then a full backup ``backup_id`` is
    taken (as the service does), where later points in time start from (the work the job waits for)."""
    if plan is None or not backed(target):
        return None
    primary, replicas = _servers(target)

    def work(password):
        cluster.rebuild(primary, replicas, password, backups.prepare(plan))
        backups.dump(primary, backup_id, None, False, time.time())
    return engines().submit(target.id, work, target.password)


def restore_tables(inst, plan, renames):
    """4.4.12: the tables as they were (``plan``), renamed (``renames`` {db: [(old, new)]}), into the primary."""
    primary = primary_server(inst)
    if primary is None or plan is None:
        return None

    def work():
        prepared = backups.prepare(plan)
        scratch = backups.scratch_server(primary.ws)
        try:
            scratch.create()
            scratch.start()
            backups.load_backup(scratch, prepared["file"], prepared.get("binlog"))
            backups.copy_tables(scratch, primary, renames)
        finally:
            scratch.destroy()
    return engines().submit(inst.id, work)


def tables_then(plan):
    """{database: [tables]} of the backup a point-in-time plan starts from."""
    return copy.deepcopy((plan or {}).get("tables") or {})
