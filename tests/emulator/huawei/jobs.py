"""Asynchronous jobs of the GaussDB API (task center, seed 002 section 4.13).

A job runs for a scaled duration; its effect (``on_done``) is applied lazily, when a request arrives after its
end (the core calls ``tick`` under the lock before every API view), so no background thread is needed.
A job can be queried only ``job_visible_after`` scaled seconds after its creation ("job生成后，通常需要数秒之后才能查询到").
"""
import heapq
import uuid
from dataclasses import dataclass, field

from tests.emulator.core import current_ctx
from tests.emulator.engine import work_error
from tests.emulator.huawei.store import ACTIVE, fmt_time, gauss, section_state


@dataclass
class Job:
    id: str
    name: str
    project_id: str
    instance_id: str
    instance_name: str
    created: float
    ends: float
    visible_at: float
    status: str = "Running"          # Pending, Running, Completed, Failed
    ended: float = None
    entities: dict = field(default_factory=dict)
    fail_reason: str = ""
    order_id: str = ""
    busy: bool = True
    will_fail: bool = False
    target_config: dict = None      # scheduled jobs (4.13.3)
    on_done: object = None
    on_fail: object = None
    node_ids: list = field(default_factory=list)
    waits_for: object = None        # engine work (a Future) that must end before the job does

    def process(self, now):
        if self.status != "Running":
            return ""
        span = max(self.ends - self.created, 1e-6)
        return f"{min(99, max(1, int(100 * (now - self.created) / span)))}%"


class JobEngine:
    def __init__(self):
        self.jobs = {}     # id -> Job, creation order
        self._due = []     # heap of (ends, seq, job id)
        self._seq = 0

    def add(self, job):
        self.jobs[job.id] = job
        if job.status == "Running":
            self._seq += 1
            heapq.heappush(self._due, (job.ends, self._seq, job.id))

    def tick(self, ctx):
        now = ctx.now()
        while self._due and self._due[0][0] <= now:
            job_id = heapq.heappop(self._due)[2]
            job = self.jobs.get(job_id)
            if job is not None and job.status == "Running":
                _finish(ctx, job)

    def visible(self, project_id, job_id, now):
        job = self.jobs.get(job_id)
        if job is None or job.project_id != project_id or job.visible_at > now:
            return None
        return job

    def in_project(self, project_id, now):
        return [j for j in reversed(self.jobs.values()) if j.project_id == project_id and j.visible_at <= now]


def engine(ctx=None):
    return section_state("jobs", JobEngine, ctx)


def tick(ctx):
    if "jobs" in ctx.state:
        ctx.state["jobs"].tick(ctx)


def start(name, instance, seconds, on_done=None, *, on_fail=None, entities=None, instance_status=None,
          node_status=None, nodes=None, busy=True, order_id="", waits_for=None):
    """Start job `name` on `instance`, lasting `seconds` (real-world duration, scaled by time_scale).

    While it runs the instance is busy (if `busy`), its status is `instance_status` and the given `nodes`
    (default: all) have `node_status`. When it ends: instance status back to ACTIVE, those nodes ACTIVE, then
    ``on_done(job, instance)``; or, if a fail_jobs rule matched, status restored and ``on_fail(job, instance)``
    (instance is None when it no longer exists). With ``waits_for`` (the Future of engine work, --engine
    mariadb), the job ends only after that work, and fails with its error.
    """
    ctx = current_ctx()
    now = ctx.now()
    job = Job(id=str(uuid.uuid4()), name=name, project_id=instance.project_id, instance_id=instance.id,
              instance_name=instance.name, created=now, ends=now + ctx.scaled(seconds),
              visible_at=now + ctx.scaled(ctx.config["job_visible_after"]), entities=entities or {},
              order_id=order_id, busy=busy, on_done=on_done, on_fail=on_fail, waits_for=waits_for)
    job.will_fail = ctx.take_rule("fail_jobs", lambda rule: rule["name"] == name)
    if instance_status:
        instance.status = instance_status
    if node_status:
        targets = nodes if nodes is not None else list(instance.nodes.values())
        for node in targets:
            node.status = node_status
            job.node_ids.append(node.id)
    if busy:
        instance.busy_job = job.id
    instance.touch(now)
    engine(ctx).add(job)
    return job


def finish_all(ctx):
    """Bring every running job to its end now (the emulator is stopping and saves its state)."""
    if "jobs" in ctx.state:
        for job in list(ctx.state["jobs"].jobs.values()):
            if job.status == "Running":
                job.ends = min(job.ends, ctx.now())
                _finish(ctx, job)


def schedule(name, instance, target_config=None):
    """A delayed job (``delay: true``): Pending until the maintenance window; it never runs in the emulator."""
    ctx = current_ctx()
    now = ctx.now()
    # Scheduled job ids are 32 hex digits in the seed's example (4.13.3), not UUIDs.
    job = Job(id=uuid.uuid4().hex, name=name, project_id=instance.project_id, instance_id=instance.id,
              instance_name=instance.name, created=now, ends=now, visible_at=now, status="Pending", busy=False,
              target_config=target_config or {})
    engine(ctx).add(job)
    return job


def _finish(ctx, job):
    error, job.waits_for = work_error(job.waits_for), None
    if error:
        job.will_fail, job.fail_reason = True, error
    inst = gauss(ctx).instances.get(job.instance_id)
    job.ended = job.ends
    if inst is not None:
        if inst.busy_job == job.id:
            inst.busy_job = None
        # A job that does not lock the instance (busy=False) must not end another job's status (a reboot).
        if inst.status != "FAILED" and (job.busy or inst.busy_job is None):
            inst.status = ACTIVE
        for node_id in job.node_ids:
            node = inst.nodes.get(node_id)
            if node is not None:
                node.status = ACTIVE
                node.updated = job.ends
        inst.touch(job.ends)
    if job.will_fail:
        job.status = "Failed"
        job.fail_reason = job.fail_reason or f"{job.name} failed (failure injected by the emulator's fail_jobs rule)."
        if job.on_fail:
            job.on_fail(job, inst)
        return
    job.status = "Completed"
    if job.on_done:
        job.on_done(job, inst)


def job_view(job, now):
    """GetJobInfoDetail (4.13.1)."""
    return {"id": job.id, "name": job.name, "status": job.status, "created": fmt_time(job.created),
            "ended": fmt_time(job.ended), "process": job.process(now),
            "instance": {"id": job.instance_id, "name": job.instance_name},
            "entities": job.entities, "fail_reason": job.fail_reason}
