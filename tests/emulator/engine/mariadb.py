"""One MariaDB server process (``mariadbd``) per emulated database node, and the tools around it.

A server has its own directory under ``<state-dir>/engines/`` (``data/`` and ``my.cnf``), listens on its own
loopback addresses (never outside 127.0.0.0/8) on the instance's port, and is administered by the emulator
over its Unix socket as ``rdsadmin`` (a built-in account of the service), whose password, like the
replication account's, lives only in ``<state-dir>/engines/secrets.json`` (mode 0600) and in option files
passed to the MariaDB tools (never on a command line).

Processes: every server starts in its own session (Ctrl-C in a terminal reaches the emulator only, which
stops them), from one long-lived thread with ``PR_SET_PDEATHSIG`` (SIGTERM) on Linux, so a server never
outlives the emulator, even when the emulator is killed.
"""
import contextlib
import ctypes
import ctypes.util
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future

import pymysql

ADMIN_USER = "rdsadmin"          # the emulator's own account (Unix socket only)
REPL_USER = "rdsrepl"            # replication between the nodes of an instance (loopback)
BUILTIN_ACCOUNTS = {"root", ADMIN_USER, REPL_USER, "mariadb.sys", "mysql", "PUBLIC", ""}
SYSTEM_DATABASES = {"mysql", "sys", "information_schema", "performance_schema"}
START_TIMEOUT = 30.0             # seconds (the bound is ~2 s; a loaded CI machine gets slack)
STOP_TIMEOUT = 30.0
TOOL_TIMEOUT = 300.0
SEARCH_PATH = ("/usr/sbin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin", "/opt/homebrew/bin")
TOOLS = {"server": ("mariadbd", "mysqld"), "install_db": ("mariadb-install-db", "mysql_install_db"),
         "client": ("mariadb", "mysql"), "dump": ("mariadb-dump", "mysqldump"),
         "binlog": ("mariadb-binlog", "mysqlbinlog"), "backup": ("mariadb-backup", "mariabackup"),
         "mbstream": ("mbstream",)}
INSTALL_HINT = ("the emulator's --engine mariadb needs MariaDB 10.11 or later: on Debian/Ubuntu "
                "apt-get install mariadb-server mariadb-client mariadb-backup (scripts/test.sh and "
                "scripts/quickstart.sh do it when run as root)")

# Small and quick: the whole point is many of them on a laptop or a 2-core CI machine (README "Engines").
BASE_SETTINGS = {
    "skip-name-resolve": None, "performance_schema": "OFF", "innodb_buffer_pool_size": "16M",
    "innodb_log_file_size": "4M", "innodb_log_buffer_size": "1M", "key_buffer_size": "1M",
    "aria_pagecache_buffer_size": "1M", "max_connections": "60", "table_open_cache": "200",
    "table_definition_cache": "400", "thread_cache_size": "4", "query_cache_size": "0", "tmp_table_size": "4M",
    "max_heap_table_size": "4M", "innodb_stats_persistent": "OFF", "character_set_server": "utf8mb4",
    "collation_server": "utf8mb4_general_ci", "log_bin": "binlog", "binlog_format": "ROW",
    "log_slave_updates": "ON", "relay_log": "relay", "expire_logs_days": "0",
    "max_binlog_size": "64M", "innodb_flush_log_at_trx_commit": "2", "sync_binlog": "0",
    "innodb_doublewrite": "0", "lower_case_table_names": "1",
}
ERROR_LOG = "error.log"


class EngineError(Exception):
    """A MariaDB error or a failed tool; ``code`` is MariaDB's error number when there is one."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


@contextlib.contextmanager
def translated(convert):
    """An EngineError raised inside is raised as ``convert(error)`` (an API's documented error)."""
    try:
        yield
    except EngineError as exc:
        raise convert(exc) from None


def find_tool(kind):
    path = os.pathsep.join([os.environ.get("PATH", "")] + list(SEARCH_PATH))
    for name in TOOLS[kind]:
        found = shutil.which(name, path=path)
        if found:
            return found
    raise EngineError(f"{TOOLS[kind][0]} not found; {INSTALL_HINT}")


def check_tools():
    """Every tool the engine uses, or EngineError saying what to install."""
    return {kind: find_tool(kind) for kind in TOOLS}


# -- processes ------------------------------------------------------------------------------------------------------
_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """In the child, before exec: its own session, and SIGTERM when the spawning thread's process dies."""
    os.setsid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:       # the emulator died between fork and prctl
            os._exit(1)


class _Spawner(threading.Thread):
    """Starts every long-lived child from one thread that lives as long as the emulator.

    PR_SET_PDEATHSIG fires when the *thread* that forked the child ends: request and worker threads come and
    go, so servers are never started from them.
    """

    def __init__(self):
        super().__init__(name="engine-spawner", daemon=True)
        self.requests = queue.Queue()

    def run(self):
        while True:
            args, kwargs, future = self.requests.get()
            try:
                future.set_result(subprocess.Popen(args, preexec_fn=_die_with_parent, **kwargs))  # noqa: PLW1509
            except Exception as exc:  # reported to the caller through the future
                future.set_exception(exc)

    def popen(self, args, **kwargs):
        future = Future()
        self.requests.put((args, kwargs, future))
        return future.result(timeout=60)


_spawner = None
_spawner_lock = threading.Lock()


def spawn(args, **kwargs):
    global _spawner
    with _spawner_lock:
        if _spawner is None:
            _spawner = _Spawner()
            _spawner.start()
    return _spawner.popen(args, **kwargs)


def run_tool(args, stdin=None, stdout=None, timeout=TOOL_TIMEOUT, env=None):
    """Run a MariaDB tool to its end (a short-lived child: plain subprocess); EngineError on failure."""
    try:
        proc = subprocess.run(args, stdin=stdin, stdout=stdout if stdout is not None else subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise EngineError(f"{os.path.basename(args[0])} took more than {timeout:.0f} s") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EngineError(f"{os.path.basename(args[0])} failed: {' / '.join(detail[-3:]) or proc.returncode}")
    return proc


def proc_kb(pid, key, name="status"):
    """A figure in kB of a process from /proc/<pid>/<name> (Linux): ``VmRSS`` of status, ``Pss`` of smaps_rollup."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, TypeError, ValueError):
        pass
    return None


# -- the shared pieces: secrets, option files, the template data directory -----------------------------------------
class Workspace:
    """``<state-dir>/engines``: secrets, the admin option file, the template and one directory per server."""

    def __init__(self, state_dir):
        self.root = os.path.join(os.path.abspath(state_dir), "engines")
        os.makedirs(self.root, exist_ok=True)
        # Unix socket paths are limited to ~100 bytes: sockets live in a short runtime directory.
        self.run_dir = tempfile.mkdtemp(prefix="cdbe-")
        self.tools = check_tools()
        self.secrets = self._secrets()
        self.admin_cnf = self._option_file("admin.cnf", ADMIN_USER, self.secrets["admin"])
        self.as_root = os.geteuid() == 0
        self._template_lock = threading.Lock()

    def _secrets(self):
        path = os.path.join(self.root, "secrets.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        values = {"admin": secrets.token_urlsafe(18), "repl": secrets.token_urlsafe(18)}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(values, f)
        return values

    def _option_file(self, name, user, password):
        path = os.path.join(self.root, name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"[client]\nuser={user}\npassword=\"{password}\"\n")
        return path

    @property
    def template(self):
        return os.path.join(self.root, "template")

    def ensure_template(self):
        """Initialise one data directory (mariadb-install-db) with the built-in accounts, once; servers copy it."""
        with self._template_lock:
            if os.path.exists(os.path.join(self.template, "ready")):
                return self.template
            work = self.template + ".new"
            shutil.rmtree(work, ignore_errors=True)
            args = [self.tools["install_db"], "--no-defaults", f"--datadir={work}/data", "--skip-test-db",
                    "--auth-root-authentication-method=normal", "--skip-name-resolve",
                    f"--innodb-log-file-size={BASE_SETTINGS['innodb_log_file_size']}",
                    f"--innodb-buffer-pool-size={BASE_SETTINGS['innodb_buffer_pool_size']}"]
            if self.as_root:
                args.append("--user=root")
            run_tool(args)
            server = Server(self, "template", os.path.basename(work), ["127.0.0.1"], 0, server_id=1,
                            extra={"skip-networking": None, "log_bin": False, "log_slave_updates": False})
            server.start(admin="root-nopassword")
            repl = self.secrets["repl"]
            server.execute(
                "DELETE FROM mysql.global_priv WHERE User NOT IN ('root', 'mariadb.sys') OR Host <> 'localhost'",
                "FLUSH PRIVILEGES",
                f"CREATE USER {ADMIN_USER}@localhost IDENTIFIED BY %s",
                f"GRANT ALL PRIVILEGES ON *.* TO {ADMIN_USER}@localhost WITH GRANT OPTION",
                f"CREATE USER {REPL_USER}@'127.%%' IDENTIFIED BY %s",
                f"GRANT REPLICATION SLAVE, REPLICATION CLIENT, SLAVE MONITOR ON *.* TO {REPL_USER}@'127.%%'",
                # root@'%': the instance's administrator; the password is set per server (set_root_password).
                "CREATE USER root@'%%' IDENTIFIED BY %s",
                "GRANT ALL PRIVILEGES ON *.* TO root@'%%' WITH GRANT OPTION",
                "DROP USER root@localhost",
                args_list=[(), (), (self.secrets["admin"],), (), (repl,), (), (secrets.token_urlsafe(18),), (), ()],
                admin="root-nopassword")
            server.stop()
            os.remove(server.cnf)
            shutil.rmtree(self.template, ignore_errors=True)
            os.rename(work, self.template)
            with open(os.path.join(self.template, "ready"), "w", encoding="utf-8") as f:
                f.write("template data directory of the emulator's engines\n")
            return self.template

    def cleanup(self):
        shutil.rmtree(self.run_dir, ignore_errors=True)


class Server:
    """A mariadbd process: its directory, option file, addresses and port; started, stopped, queried."""

    def __init__(self, workspace, key, name, addresses, port, server_id, extra=None):
        self.ws = workspace
        self.key = key                    # the node or instance id it serves
        self.name = name                  # directory name under <state-dir>/engines
        self.addresses = list(addresses)  # loopback addresses it listens on (the node's IP, the write IP)
        self.port = port
        self.server_id = server_id
        self.extra = dict(extra or {})    # settings from the API (parameters), written to my.cnf
        self.proc = None
        self.lock = threading.RLock()

    # -- paths ------------------------------------------------------------------------------------------------------
    @property
    def dir(self):
        return os.path.join(self.ws.root, self.name)

    @property
    def datadir(self):
        return os.path.join(self.dir, "data")

    @property
    def cnf(self):
        return os.path.join(self.dir, "my.cnf")

    @property
    def socket(self):
        return os.path.join(self.ws.run_dir, f"{self.name}.sock")

    @property
    def pid(self):
        return self.proc.pid if self.proc is not None else None

    def state(self):
        """What a restart of the emulator needs to bring the server back (JSON-serialisable)."""
        return {"key": self.key, "name": self.name, "addresses": self.addresses, "port": self.port,
                "server_id": self.server_id, "extra": self.extra}

    # -- lifecycle ----------------------------------------------------------------------------------------------------
    def create(self):
        """A fresh data directory, copied from the template."""
        template = self.ws.ensure_template()
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        shutil.copytree(os.path.join(template, "data"), self.datadir, symlinks=True)

    def write_cnf(self):
        settings = dict(BASE_SETTINGS)
        settings.update({"datadir": self.datadir, "socket": self.socket, "pid-file": os.path.join(self.dir, "pid"),
                         "log_error": os.path.join(self.dir, ERROR_LOG), "port": str(self.port),
                         "bind-address": ",".join(self.addresses), "server_id": str(self.server_id),
                         "report_host": self.addresses[0], "tmpdir": self.ws.run_dir})
        if self.ws.as_root:
            settings["user"] = "root"
        settings.update(self.extra)
        lines = ["# written by the clouddb.mysql emulator (settings from the API come last)", "[mariadbd]"]
        # None: an option without a value; False: an option of BASE_SETTINGS left out.
        lines += [key if value is None else f"{key}={value}" for key, value in settings.items() if value is not False]
        with open(self.cnf, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self, admin=None):
        with self.lock:
            if self.running():
                return
            self.write_cnf()
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.socket)
            log = open(os.path.join(self.dir, "console.log"), "ab")  # noqa: SIM115 (the child keeps it)
            try:
                self.proc = spawn([self.ws.tools["server"], f"--defaults-file={self.cnf}"], stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=log, close_fds=True)
            finally:
                log.close()
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if self.proc.poll() is not None:
                    raise EngineError(f"mariadbd {self.name} exited at start: {self.error_tail()}")
                try:
                    self.connect(admin=admin, timeout=2).close()
                    return
                except pymysql.MySQLError:
                    if time.monotonic() > deadline:
                        self.kill()
                        raise EngineError(f"mariadbd {self.name} did not start in {START_TIMEOUT:.0f} s: "
                                          f"{self.error_tail()}") from None
                    time.sleep(0.03)

    def stop(self, timeout=STOP_TIMEOUT):
        with self.lock:
            proc, self.proc = self.proc, None
            if proc is None or proc.poll() is not None:
                return
            proc.terminate()           # a clean shutdown
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)

    def kill(self):
        with self.lock:
            if self.proc is not None and self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(10)
            self.proc = None

    def restart(self):
        with self.lock:
            self.stop()
            self.start()

    def destroy(self):
        with self.lock:
            self.stop()
            shutil.rmtree(self.dir, ignore_errors=True)

    def error_tail(self, lines=3):
        try:
            with open(os.path.join(self.dir, ERROR_LOG), encoding="utf-8", errors="replace") as f:
                tail = [line.strip() for line in f.readlines()[-lines:]]
        except OSError:
            return "no error log"
        return " / ".join(tail)

    def rss_kb(self):
        """Resident memory of the process, for the benchmark."""
        return proc_kb(self.pid, "VmRSS")

    # -- SQL ----------------------------------------------------------------------------------------------------------
    def connect(self, admin=None, timeout=10, database=None):
        if admin == "root-nopassword":   # only while the template is made
            user, password = "root", ""
        else:
            user, password = ADMIN_USER, self.ws.secrets["admin"]
        return pymysql.connect(unix_socket=self.socket, user=user, password=password, database=database,
                               connect_timeout=timeout, read_timeout=120, write_timeout=120, autocommit=True,
                               charset="utf8mb4")

    def execute(self, *statements, args_list=None, admin=None):
        """Run statements in one session; returns the rows of the last one."""
        try:
            with contextlib.closing(self.connect(admin=admin)) as conn, conn.cursor() as cur:
                rows = ()
                for n, statement in enumerate(statements):
                    # Always formatted (a literal % is written %%), so a value can never be read as SQL.
                    cur.execute(statement, args_list[n] if args_list else ())
                    rows = cur.fetchall()
                return rows
        except pymysql.MySQLError as exc:
            code = exc.args[0] if exc.args and isinstance(exc.args[0], int) else None
            message = exc.args[1] if len(exc.args) > 1 else str(exc)
            raise EngineError(f"{message}", code) from None

    def query(self, statement, args=None):
        return self.execute(statement, args_list=[args or ()])

    def variable(self, name):
        rows = self.query("SELECT @@GLOBAL." + name)
        return rows[0][0] if rows else None

    def client_args(self, *extra):
        return [self.ws.tools["client"], f"--defaults-extra-file={self.ws.admin_cnf}", f"--socket={self.socket}",
                "--batch", *extra]

    def load(self, path, binlog=True, database=None):
        """Run an SQL file (a dump, replayed binary log events) with the mariadb client."""
        extra = [] if binlog else ["--init-command=SET SESSION sql_log_bin=0"]
        if database:
            extra.append(f"--database={database}")
        with open(path, "rb") as f:
            run_tool(self.client_args(*extra), stdin=f)
