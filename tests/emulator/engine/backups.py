"""Real backups and restores: mariadb-dump files, binary-log replay up to a moment, tables copied back.

A backup is one SQL file under ``<state-dir>/engines/backups/`` written by ``mariadb-dump --single-transaction
--gtid --master-data=2 --system=users --databases <every user database> --routines --events --triggers``
(the service's own accounts left out), plus ``<id>.json``: the GTID position and time of the dump and the
tables it holds. A point in time is the newest backup at or before it plus the binary log events after the
backup's GTID position up to that second (``mariadb-binlog --start-position=<gtid> --stop-datetime``): the
binary log has one-second resolution, so a moment means "every event of that second and before".
"""
import contextlib
import datetime
import gzip
import json
import os
import re
import shutil
import subprocess
import uuid

from tests.emulator.engine import sql
from tests.emulator.engine.mariadb import EngineError, Server, run_tool

_GTID_POS = re.compile(r"SET GLOBAL gtid_slave_pos='([^']*)'")
_OWN_ACCOUNTS = re.compile(r"`(rdsadmin|rdsrepl|mariadb\.sys|root)`@`|mariadb_dump_import_role")


def backup_dir(ws):
    path = os.path.join(ws.root, "backups")
    os.makedirs(path, exist_ok=True)
    return path


def paths(ws, backup_id, compressed=False):
    base = os.path.join(backup_dir(ws), backup_id)
    return (base + (".sql.gz" if compressed else ".sql")), base + ".json"


def read_meta(ws, backup_id):
    """The backup's {"gtid", "time", "tables", "file"}, or None when it has no file (an engine-less backup)."""
    for compressed in (False, True):
        data, meta = paths(ws, backup_id, compressed)
        if os.path.exists(meta) and os.path.exists(data):
            with open(meta, encoding="utf-8") as f:
                return dict(json.load(f), file=data)
    return None


def dump(server, backup_id, databases=None, compressed=False, when=None):
    """Write backup ``backup_id`` of ``server`` (all user databases, or the listed ones) and its metadata."""
    data_path, meta_path = paths(server.ws, backup_id, compressed)
    meta = dump_to(server, data_path, databases, when)
    with open(meta_path, "w", encoding="utf-8") as f:
        json.dump(meta, f)
    return dict(meta, file=data_path)


def dump_to(server, data_path, databases=None, when=None, own_accounts=False):
    """mariadb-dump into ``data_path`` (gzip when it ends with .gz); returns {"gtid", "time", "tables"}.
    ``own_accounts``: keep root and the service's accounts (a copy for a replica of the same instance)."""
    ws = server.ws
    compressed = data_path.endswith(".gz")
    present = sql.databases(server)
    names = [d[0] for d in present] if databases is None else list(databases)
    args = [ws.tools["dump"], f"--defaults-extra-file={ws.admin_cnf}", f"--socket={server.socket}",
            "--single-transaction", "--routines", "--events", "--triggers", "--hex-blob", "--insert-ignore",
            "--skip-dump-date", "--system=users", "--gtid", "--master-data=2"]
    if names:
        args += ["--databases", *names]
    gtid = ""
    opener = gzip.open if compressed else open
    tmp = data_path + ".part"
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc, opener(tmp, "wb") as out:
        for line in proc.stdout:
            if not own_accounts and _OWN_ACCOUNTS.search(line.decode("utf-8", "replace")):
                continue                  # the service's own accounts: every engine has them already
            match = _GTID_POS.search(line.decode("utf-8", "replace"))
            if match:
                gtid = match.group(1)
            out.write(line)
        errors = proc.stderr.read().decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        os.remove(tmp)
        raise EngineError(f"mariadb-dump failed: {errors[-300:]}")
    os.replace(tmp, data_path)
    return {"gtid": gtid, "time": when, "tables": {d[0]: d[3] for d in present if d[0] in names}}


def remove(ws, backup_id):
    for compressed in (False, True):
        for path in paths(ws, backup_id, compressed):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)


# -- binary log ----------------------------------------------------------------------------------------------------------
def _positions(text):
    """'0-1-5,1-2-3' -> {0: 5, 1: 3}."""
    result = {}
    for part in filter(None, (p.strip() for p in (text or "").strip("[]").split(","))):
        domain, _server, seq = part.split("-")
        result[int(domain)] = int(seq)
    return result


def covers(server, gtid):
    """Whether the server's binary logs hold every event after ``gtid`` (they start at or before it)."""
    logs = server.query("SHOW BINARY LOGS")
    if not logs:
        return False
    start = {}
    for row in server.query(f"SHOW BINLOG EVENTS IN '{logs[0][0]}' LIMIT 5"):   # a name the server made
        if row[2] == "Gtid_list":
            start = _positions(row[5])
    wanted = _positions(gtid)
    return all(seq <= wanted.get(domain, 0) for domain, seq in start.items())


def binlog_sql(servers, gtid, stop_time, out_path):
    """Events after ``gtid`` up to ``stop_time`` (epoch seconds, that whole second included) into a file."""
    for server in servers:
        if server is None or not server.running():
            continue
        try:
            if not covers(server, gtid):
                continue
            files = [os.path.join(server.datadir, row[0]) for row in server.query("SHOW BINARY LOGS")]
        except EngineError:
            continue
        stop = datetime.datetime.fromtimestamp(int(stop_time) + 1, datetime.timezone.utc)
        args = [server.ws.tools["binlog"], f"--stop-datetime={stop:%Y-%m-%d %H:%M:%S}"]
        if gtid:
            args.append(f"--start-position={gtid}")
        with open(out_path, "wb") as out:
            run_tool(args + files, stdout=out, env=dict(os.environ, TZ="UTC"))
        return out_path
    raise EngineError("no node keeps the binary logs since the backup the point in time starts from")


def prepare(plan):
    """In a worker: a restore plan ({"file", and for a point in time "gtid", "stop", "sources", "workdir"}) with
    the binary log events it replays written to a file ("binlog")."""
    if not plan or plan.get("stop") is None:
        return plan
    path = os.path.join(plan["workdir"], f"binlog-{uuid.uuid4().hex}.sql")
    return dict(plan, binlog=binlog_sql(plan["sources"], plan["gtid"], plan["stop"], path))


# -- restores -----------------------------------------------------------------------------------------------------------
def load_backup(server, backup_file, binlog_file=None):
    """Load a backup (and replayed events) into a server, outside its binary log."""
    if backup_file is None:
        pass
    elif backup_file.endswith(".gz"):
        plain = os.path.join(server.ws.run_dir, f"{uuid.uuid4().hex}.sql")
        with gzip.open(backup_file, "rb") as src, open(plain, "wb") as dst:
            shutil.copyfileobj(src, dst)
        try:
            server.load(plain, binlog=False)
        finally:
            os.remove(plain)
    else:
        server.load(backup_file, binlog=False)
    if binlog_file:
        server.load(binlog_file, binlog=False)
    server.execute("FLUSH PRIVILEGES")


def scratch_server(ws):
    """A server of no instance (no network, no binary log) for table restores; destroy() it after use."""
    return Server(ws, "scratch", f"scratch-{uuid.uuid4().hex[:12]}", ["127.0.0.1"], 0, 1,
                  extra={"skip-networking": None, "log_bin": False, "log_slave_updates": False})


def copy_tables(scratch, target, plan):
    """plan {database: [(old, new)]}: rename the tables in ``scratch`` and load them into ``target``'s database."""
    for database, renames in plan.items():
        statements = [f"RENAME TABLE {sql.q(database)}.{sql.q(old)} TO {sql.q(database)}.{sql.q(new)}"
                      for old, new in renames if old != new]
        if statements:
            scratch.execute(*statements)
        dump_path = os.path.join(scratch.ws.run_dir, f"{uuid.uuid4().hex}.sql")
        args = [scratch.ws.tools["dump"], f"--defaults-extra-file={scratch.ws.admin_cnf}", f"--socket={scratch.socket}",
                "--single-transaction", "--skip-dump-date", "--hex-blob", "--skip-add-drop-table", database,
                *[new for _, new in renames]]
        try:
            with open(dump_path, "wb") as out:
                run_tool(args, stdout=out)
            target.load(dump_path, database=database)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(dump_path)
