"""In-memory state of the CDS MySQL emulator and its clock.

Asynchronous work is modelled as timers: a mutating action changes a status at once (e.g.
``CREATING``) and schedules the follow-up (``RUNNING``) after a duration that is multiplied by the
emulator's time scale. Timers fire lazily, on the next request that touches the store, so the
emulator needs no background thread.
"""
import heapq
import itertools
import threading
import time
import uuid

from .signing import NonceCache

# Durations in seconds at time scale 1.0 (reference: creation takes minutes; these are
# emulator choices where the vendor documents nothing).
DURATIONS = {
    "instance_create": 600.0,
    "readonly_create": 480.0,
    "temporary_create": 600.0,
    "spec_change": 300.0,
    "disk_grow": 120.0,
    "instance_delete": 60.0,
    "backup": 120.0,
    "backup_delete": 10.0,
    "account_create": 10.0,
    "param_change": 30.0,
    "param_restart": 120.0,
    "temporary_delete": 30.0,
}

STATUS_TEXT = {
    "RUNNING": "运行中",
    "CREATING": "创建中",
    "CHANGING": "变更中",
    "BACKUP": "备份中",
    "RESTARTING": "重启中",
    "DELETING": "删除中",
}


def new_id():
    return str(uuid.uuid4())


class Store:
    def __init__(self, time_scale=lambda: 1.0, clock=time.time):
        self.lock = threading.RLock()
        self.time_scale = time_scale
        self.clock = clock
        self.nonces = NonceCache()
        self._seq = itertools.count()
        self.reset()

    def reset(self):
        with self.lock:
            self.instances = {}        # InstanceUuid -> primary instance (dict, internal shape)
            self.readonly = {}         # ServiceId -> read-only instance, "primary" = its primary
            self.temporary = {}        # TemporaryInstanceUuid -> temporary instance
            self.accounts = {}         # InstanceUuid -> {AccountName: account}
            self.backups = {}          # BackupId -> backup
            self.parameters = {}       # InstanceUuid -> {Name: current value}
            self.param_history = {}    # InstanceUuid -> [history entries]
            self.backup_policy = {}    # InstanceUuid -> DataBackups object (write-only via API)
            self.tasks = {}            # TaskId -> {"due": ts, "resource": id, "type": str}
            self.timers = []
            self.ip_counter = 0
            self.nonces.clear()

    def alloc_ip(self):
        self.ip_counter += 1
        n = self.ip_counter
        return "10.240.%d.%d" % (n // 250, n % 250 + 2)

    # -- time -------------------------------------------------------------------------------
    def now(self):
        return self.clock()

    def duration(self, kind):
        return DURATIONS[kind] * max(float(self.time_scale()), 0.0)

    def schedule(self, kind, fn, resource=None):
        """Run ``fn()`` after the scaled duration of ``kind``; returns (due time, task id)."""
        due = self.now() + self.duration(kind)
        heapq.heappush(self.timers, (due, next(self._seq), fn))
        task_id = new_id()
        self.tasks[task_id] = {"due": due, "resource": resource, "type": kind}
        return due, task_id

    def advance(self):
        now = self.now()
        while self.timers and self.timers[0][0] <= now:
            _, _, fn = heapq.heappop(self.timers)
            fn()

    # -- lookups ----------------------------------------------------------------------------
    def set_status(self, obj, status):
        obj["Status"] = status
        obj["StatusStr"] = STATUS_TEXT.get(status, status)
