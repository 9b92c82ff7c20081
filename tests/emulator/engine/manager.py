"""The engines of one emulator: loopback addresses, servers by key, background work, shutdown.

Work that takes more than a few milliseconds (starting servers, dumps, restores) runs on a small thread pool;
the work of one *group* (an instance) runs in submission order. Work functions receive plain values and
``Server`` objects only: they never touch the emulator's state (``ctx.state``), which the API views change
under the core's lock, so the lock is never needed by a worker and never waits for one, except where a job's
end waits for its work (``jobs`` ``waits_for``).
"""
import ipaddress
import os
import random
import shutil
import socket
import threading
from concurrent.futures import ThreadPoolExecutor, wait

from tests.emulator.engine.mariadb import EngineError, Server, Workspace

WORKERS = 4
WORK_TIMEOUT = 600.0
ADDRESS_TRIES = 256


def _port_free(address, port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as mariadbd: TIME_WAIT is no obstacle
        try:
            sock.bind((address, port))
        except OSError:
            return False
    return True


def in_parallel(*calls):
    """Run the calls (functions without arguments) in threads of their own; raise the first error."""
    errors = []

    def run(call):
        try:
            call()
        except Exception as exc:  # reported below, after every call ended
            errors.append(exc)
    threads = [threading.Thread(target=run, args=(call,), daemon=True) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WORK_TIMEOUT)
    if errors:
        raise errors[0]


class EngineManager:
    def __init__(self, state_dir):
        self.ws = Workspace(state_dir)
        self.servers = {}            # key (node id, CDS instance uuid) -> Server
        self.pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="engine")
        self._tails = {}             # group -> last future of the group
        self._lock = threading.Lock()
        # Addresses 127.B.C.D with B picked at random, so that emulators running side by side (other test runs,
        # other users of the machine) rarely meet; an address whose port is taken is skipped.
        self.network = f"127.{random.randint(16, 250)}"
        self.next_address = 0
        self.next_name = 0
        self.next_server_id = 0
        self.pool.submit(self.ws.ensure_template)   # ready before the first instance needs it

    # -- addresses and servers ------------------------------------------------------------------------------------
    def allocate_address(self, port):
        with self._lock:
            for _ in range(ADDRESS_TRIES):
                self.next_address += 1
                n = self.next_address % 64516          # 254 * 254 addresses per /16
                address = f"{self.network}.{n // 254 + 1}.{n % 254 + 1}"
                if _port_free(address, port):
                    return address
        raise EngineError(f"port {port} is taken on every loopback address tried (a server listening on "
                          f"0.0.0.0:{port}? stop it, or give the instance another port)")

    def new_server(self, key, addresses, port, extra=None):
        for address in addresses:
            if not ipaddress.ip_address(address).is_loopback:
                raise EngineError(f"engines listen on loopback addresses only, not {address}")
        with self._lock:
            self.next_name += 1
            self.next_server_id += 1
            server = Server(self.ws, key, f"e{self.next_name}", addresses, port, self.next_server_id, extra)
            self.servers[key] = server
        return server

    def get(self, key):
        return self.servers.get(key)

    def forget(self, key):
        """Stop the server of ``key`` and remove its data (call from a worker)."""
        server = self.servers.pop(key, None)
        if server is not None:
            server.destroy()

    # -- background work ------------------------------------------------------------------------------------------
    def submit(self, group, fn, *args):
        """Run fn(*args) after the earlier work of ``group``; returns its Future."""
        with self._lock:
            previous = self._tails.get(group)

            def run():
                if previous is not None:
                    wait([previous], WORK_TIMEOUT)
                return fn(*args)
            future = self.pool.submit(run)
            self._tails[group] = future
        return future

    def idle(self, group):
        with self._lock:
            tail = self._tails.get(group)
        return tail is None or tail.done()

    # -- persistence, reset and shutdown --------------------------------------------------------------------------
    def state(self):
        return {"network": self.network, "next_address": self.next_address, "next_name": self.next_name,
                "next_server_id": self.next_server_id, "servers": [s.state() for s in self.servers.values()]}

    def restore(self, state):
        """Bring back the servers of a saved state (their data directories are on disk) and start them."""
        for key in ("network", "next_address", "next_name", "next_server_id"):
            setattr(self, key, state[key])
        for saved in state["servers"]:
            if os.path.isdir(os.path.join(self.ws.root, saved["name"], "data")):
                self.servers[saved["key"]] = Server(self.ws, saved["key"], saved["name"], saved["addresses"],
                                                    saved["port"], saved["server_id"], saved["extra"])
        in_parallel(*[server.start for server in self.servers.values()])

    def stop_all(self):
        in_parallel(*[server.stop for server in list(self.servers.values())])

    def reset(self):
        """/_emulator/reset: every server stopped and its data removed."""
        wait([f for f in list(self._tails.values())], WORK_TIMEOUT)
        servers = list(self.servers.values())
        self.servers.clear()
        self._tails.clear()
        in_parallel(*[server.destroy for server in servers])
        shutil.rmtree(os.path.join(self.ws.root, "backups"), ignore_errors=True)

    def shutdown(self):
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.stop_all()
        self.ws.cleanup()
