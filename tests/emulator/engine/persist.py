"""The emulator's state across restarts (``--engine mariadb``): saved when serve.py stops, loaded when it starts
with the same ``--state-dir``.

At a stop, every running job and timer is brought to its end first (the work the engines do for them included),
so the saved state has no half-done change; then ``ctx.state`` and the engines' list are pickled to
``<state-dir>/emulator-state.pickle``. Callbacks of finished work (closures) are not kept, nor locks (new ones are
made). At a start, the servers are started again from their data directories. A serve.py that is killed
(SIGKILL) saves nothing: its engines stop with it and the next start begins from the last saved state.
"""
import heapq
import os
import pickle
import threading
import types

from tests.emulator.huawei import jobs

STATE_FILE = "emulator-state.pickle"
VERSION = 1
_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


def _none():
    return None


class _Pickler(pickle.Pickler):
    def __init__(self, file, ctx):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.ctx = ctx

    def persistent_id(self, obj):
        return "ctx" if obj is self.ctx else None

    def reducer_override(self, obj):
        if isinstance(obj, _LOCK_TYPES):
            return threading.RLock, ()
        if isinstance(obj, types.FunctionType) and "<locals>" in obj.__qualname__ or getattr(obj, "__name__", "") == "<lambda>":
            return _none, ()
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, ctx):
        super().__init__(file)
        self.ctx = ctx

    def persistent_load(self, pid):
        if pid != "ctx":
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.ctx


def _finish_work(ctx):
    """Every running job and timer to its end, now."""
    jobs.finish_all(ctx)
    store = ctx.state.get("cds")
    if store is not None:
        while store.timers:
            heapq.heappop(store.timers)[2]()


def save(ctx):
    path = os.path.join(ctx.state_dir, STATE_FILE)
    with ctx.lock:
        _finish_work(ctx)
        # Mode 0600: the state holds the instances' root passwords, as the service does.
        with os.fdopen(os.open(path + ".new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
            _Pickler(f, ctx).dump({"version": VERSION, "state": ctx.state, "engines": ctx.engines.state()})
    os.replace(path + ".new", path)


def load(ctx):
    """Load a saved state (if any) and start its engines again; returns whether there was one."""
    path = os.path.join(ctx.state_dir, STATE_FILE)
    if not os.path.exists(path):
        return False
    with open(path, "rb") as f:
        saved = _Unpickler(f, ctx).load()
    if saved.get("version") != VERSION:
        raise ValueError(f"{path} was written by another version of the emulator")
    with ctx.lock:
        ctx.state.clear()
        ctx.state.update(saved["state"])
        store = ctx.state.get("cds")
        if store is not None:            # the family's links to the clock and the configuration
            store.time_scale = lambda: ctx.config["time_scale"]
        ctx.engines.restore(saved["engines"])
    return True
