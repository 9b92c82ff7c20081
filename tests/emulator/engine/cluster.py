"""A primary and its read replicas: MariaDB GTID replication over loopback, seeding, switchover, rebuilds.

Used by both families (a GaussDB instance's nodes; a CDS instance and its read-only instances). Every function
runs in an engine worker (see manager.py) and takes ``Server`` objects and plain values only.
"""
import contextlib
import functools
import os
import re
import uuid

from tests.emulator.engine import backups
from tests.emulator.engine.manager import in_parallel
from tests.emulator.engine.mariadb import REPL_USER, EngineError

CATCH_UP_SECONDS = 30
READ_ONLY = {"read_only": "ON"}
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def set_root_password(server, password):
    """root@'%' is the instance's administrator (its password is the instance's); replicated to the replicas."""
    server.query("ALTER USER root@'%%' IDENTIFIED BY %s", (password,))


def start_fresh(server):
    """A new data directory from the template, started."""
    server.create()
    server.start()


def replicate_from(replica, primary, gtid=None):
    """Point ``replica`` at ``primary`` (GTID auto-positioning) and start replicating."""
    statements = ["STOP SLAVE", "RESET SLAVE ALL"]
    args = [(), ()]
    if gtid is not None:
        statements.append("SET GLOBAL gtid_slave_pos = %s")
        args.append((gtid,))
    statements += ["CHANGE MASTER TO MASTER_HOST = %s, MASTER_PORT = %s, MASTER_USER = %s, MASTER_PASSWORD = %s, "
                   "MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1", "SET GLOBAL read_only = ON", "START SLAVE"]
    args += [(primary.addresses[0], primary.port, REPL_USER, replica.ws.secrets["repl"]), (), ()]
    replica.extra.update(READ_ONLY)
    replica.execute(*statements, args_list=args)


def seed_replica(replica, primary):
    """A new replica with the primary's data (a dump and its GTID position), replicating from it.

    The replica's binary log then starts at that position (``gtid_binlog_state``), so that it can serve as a
    primary after a switchover and its binary logs tell which points in time they cover.
    """
    replica.extra.update(READ_ONLY)
    start_fresh(replica)
    path = os.path.join(replica.ws.run_dir, f"seed-{uuid.uuid4().hex}.sql")
    try:
        gtid = backups.dump_to(primary, path, own_accounts=True)["gtid"]
        backups.load_backup(replica, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
    replica.execute("RESET MASTER", "SET GLOBAL gtid_binlog_state = %s", args_list=[(), (gtid,)])
    replicate_from(replica, primary, gtid)


def seed_replicas(primary, replicas):
    in_parallel(*[functools.partial(seed_replica, r, primary) for r in replicas])


def build(primary, replicas, password, restore=None):
    """A new instance: the primary (with a restored backup when ``restore`` says so), then its replicas."""
    primary.extra.pop("read_only", None)
    start_fresh(primary)
    if restore:
        backups.load_backup(primary, restore.get("file"), restore.get("binlog"))
    set_root_password(primary, password)
    seed_replicas(primary, replicas)


def rebuild(primary, replicas, password, restore):
    """Restore into an existing instance: every server gets a new data directory with the restored data.

    The binary log goes on from the GTID state it had, so that a backup taken before the restore can never be
    combined with events written after it.
    """
    state = ""
    if primary.running():
        with contextlib.suppress(EngineError):
            state = primary.variable("gtid_binlog_state") or ""
    in_parallel(*[s.stop for s in [primary] + replicas])
    primary.extra.pop("read_only", None)
    start_fresh(primary)
    backups.load_backup(primary, restore["file"], restore.get("binlog"))
    primary.execute("RESET MASTER", "SET GLOBAL gtid_binlog_state = %s", args_list=[(), (state,)])
    set_root_password(primary, password)
    seed_replicas(primary, replicas)


def switchover(old, new, others, moving_addresses=()):
    """Promote ``new`` (a replica of ``old``): it catches up, becomes writable, the others follow it, and the
    addresses that follow the primary (the write IP) move from ``old`` to ``new`` (both restart)."""
    old.execute("SET GLOBAL read_only = ON")
    position = old.variable("gtid_binlog_pos") or ""
    for replica in [new] + list(others):
        rows = replica.query("SELECT MASTER_GTID_WAIT(%s, %s)", (position, CATCH_UP_SECONDS))
        if rows and rows[0][0] != 0:
            raise EngineError(f"replica {replica.name} did not catch up with the primary")
    new.execute("STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only = OFF")
    new.extra.pop("read_only", None)
    old.extra.update(READ_ONLY)
    for address in moving_addresses:
        if address in old.addresses:
            old.addresses.remove(address)
        if address not in new.addresses:
            new.addresses.append(address)
    old.stop()                   # it lets go of the moving addresses first
    new.restart()
    old.start()
    old.execute("STOP SLAVE", "RESET SLAVE ALL", args_list=[(), ()])
    old.execute("CHANGE MASTER TO MASTER_HOST = %s, MASTER_PORT = %s, MASTER_USER = %s, MASTER_PASSWORD = %s, "
                "MASTER_DEMOTE_TO_SLAVE = 1, MASTER_CONNECT_RETRY = 1", "START SLAVE",
                args_list=[(new.addresses[0], new.port, REPL_USER, old.ws.secrets["repl"]), ()])
    for replica in others:
        replicate_from(replica, new)


def change_port(primary, replicas, port):
    """Every server listens on ``port``; the replicas follow the primary there."""
    for server in [primary] + replicas:
        server.port = port
    in_parallel(*[s.restart for s in [primary] + replicas])
    for replica in replicas:
        replicate_from(replica, primary)


def restart(servers):
    in_parallel(*[s.restart for s in servers])


# Parameters of the APIs never applied to an engine: memory bounds, and what MariaDB has not or has otherwise.
NOT_APPLIED = {"innodb_buffer_pool_size", "performance_schema", "lower_case_table_names", "log-bin", "gtid_mode",
               "enforce_gtid_consistency", "binlog_gtid_simple_recovery", "default_authentication_plugin"}
ALIASES = {"transaction_isolation": "tx_isolation"}   # the API's name -> MariaDB 10.11's


def apply_parameters(servers, values):
    """The instance parameters the engines know (``NOT_APPLIED`` left out), on the running servers."""
    settings = {ALIASES.get(k, k): v for k, v in values.items() if k not in NOT_APPLIED}
    return apply_settings([s for s in servers if s is not None and s.running()], settings)


def apply_settings(servers, settings):
    """Settings (name -> value) on running servers (SET GLOBAL where the variable is dynamic) and in their
    option files (kept across restarts). Returns the names the engine does not know."""
    unknown = set()
    for server in servers:
        known = {r[0].lower() for r in server.query("SHOW GLOBAL VARIABLES")}
        for name, value in settings.items():
            if name.lower() not in known or not _VARIABLE.match(name):
                unknown.add(name)
                continue
            server.extra[name] = value
            with contextlib.suppress(EngineError):     # a static variable: from the next start
                server.query(f"SET GLOBAL {name} = %s", (_typed(value),))
    return unknown


def _typed(value):
    text = str(value)
    if _NUMBER.match(text):
        return int(text) if text.isdigit() else float(text)
    return text
