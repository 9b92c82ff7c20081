"""Task center (seed 002 4.13.1-4.13.6). An unknown job, or one created too recently to be queryable, is the
documented "The job does not exist." (DBS.200543, which the A.3 table gives as HTTP 400)."""
import datetime

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei import jobs
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_meta import DATASTORE_TYPE
from tests.emulator.huawei.store import fmt_time, gauss, get_instance

IMMEDIATE_LIMITS = (10, 20, 50)


def _no_job(job_id):
    return api_error("DBS.200543", f"Job {job_id} was not found.")


def _parse_time(value, what):
    try:
        # An unencoded '+' of the offset arrives as a blank.
        return datetime.datetime.strptime(value.replace(" ", "+"), "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except (TypeError, ValueError) as exc:
        raise param_error(f"{what} must look like 2024-09-11T08:00:00+0800.") from exc


def _instance_status(job):
    inst = gauss().instances.get(job.instance_id)
    return inst.unified_status() if inst is not None else "deleted"


class GaussJobsFamily(HuaweiFamily):
    name = "gaussdb-jobs"

    def register(self, app, ctx):
        ctx.add_ticker(jobs.tick)
        ctx.route(self, "GET", "/v3/{project_id}/jobs", self.show_job)
        ctx.route(self, "GET", "/v3/{project_id}/immediate-jobs", self.immediate_jobs)
        ctx.route(self, "GET", "/v3/{project_id}/scheduled-jobs", self.scheduled_jobs)
        ctx.route(self, "DELETE", "/v3/{project_id}/scheduled-jobs", self.cancel_scheduled)
        ctx.route(self, "DELETE", "/v3/{project_id}/jobs/{job_id}", self.delete_record)
        ctx.route(self, "DELETE", "/v3/{project_id}/instance/{instance_id}/scheduled-jobs", self.delete_scheduled)

    def show_job(self, project_id):
        """4.13.1 Get a job by id (?id=): Pending/Running/Completed/Failed, process "NN%" while Running."""
        job_id = request.args.get("id")
        if not job_id:
            raise param_error("The query parameter id is required.")
        now = current_ctx().now()
        job = jobs.engine().visible(project_id, job_id, now)
        if job is None:
            raise _no_job(job_id)
        return {"job": jobs.job_view(job, now)}

    def immediate_jobs(self, project_id):
        """4.13.2 List immediate jobs. offset is a 1-based page number here: the seed says "默认为1" for it,
        which only makes sense as a page; 0 is read as the first page too. limit is 10, 20 or 50."""
        args = request.args
        page = _page(args)
        limit = rules.as_int(args.get("limit", 10), "limit", code="DBS.05000036")
        if limit not in IMMEDIATE_LIMITS:
            raise api_error("DBS.05000036", "limit must be 10, 20 or 50.")
        found = [job for job in _matching(project_id, args) if job.target_config is None]  # scheduled: 4.13.3
        now = current_ctx().now()
        page_jobs = found[(page - 1) * limit:page * limit]
        return {"jobs": [{"instance_id": j.instance_id, "instance_name": j.instance_name,
                          "instance_status": _instance_status(j), "job_id": j.id, "order_id": j.order_id,
                          "job_name": j.name, "status": j.status, "process": j.process(now),
                          "created_time": fmt_time(j.created), "ended_time": fmt_time(j.ended),
                          "fail_reason": j.fail_reason} for j in page_jobs],
                "total_count": len(found)}

    def scheduled_jobs(self, project_id):
        """4.13.3 List scheduled jobs (restarts/upgrades asked with delay: true; they stay Pending).

        offset is read as in 4.13.2, a 1-based page number (0 is the first page too): the parameter table
        says "默认为0" but the SDK's model says "默认为1", and the seed's own example asks offset=1&limit=10
        for the first page. limit: at least 1 (the seed gives only the default, 10). start_time/end_time
        bound the creation time, as in 4.13.2."""
        args = request.args
        page = _page(args)
        limit = rules.as_int(args.get("limit", 10), "limit", 1, code="DBS.05000036")
        found = [job for job in _matching(project_id, args) if job.target_config is not None]
        return {"schedules": [{"job_id": j.id, "instance_id": j.instance_id, "instance_name": j.instance_name,
                               "instance_status": _instance_status(j), "project_id": project_id,
                               "job_name": j.name, "create_time": fmt_time(j.created), "start_time": "",
                               "end_time": "", "job_status": j.status, "datastore_type": DATASTORE_TYPE,
                               "target_config": dict(j.target_config)}
                              for j in found[(page - 1) * limit:page * limit]],
                "total_count": len(found)}

    def cancel_scheduled(self, project_id):
        """4.13.4 Cancel scheduled jobs ({"job_ids": [...]}); answers the ids that were cancelled."""
        data = json_body()
        ids = data.get("job_ids")
        if not isinstance(ids, list) or not ids:
            raise param_error("job_ids must be a non-empty list.")
        eng = jobs.engine()
        cancelled = [i for i in ids if _pending_scheduled(eng.jobs.get(i), project_id)]
        if not cancelled:
            raise _no_job(",".join(map(str, ids)))
        for job_id in cancelled:
            del eng.jobs[job_id]
        return {"job_ids": cancelled}

    def delete_record(self, project_id, job_id):
        """4.13.5 Delete a job record (a finished one); answers {}."""
        eng = jobs.engine()
        job = eng.visible(project_id, job_id, current_ctx().now())
        if job is None:
            raise _no_job(job_id)
        if job.status == "Running":
            raise api_error("DBS.212003", "A running job cannot be deleted.")
        del eng.jobs[job_id]
        return {}

    def delete_scheduled(self, project_id, instance_id):
        """4.13.6 Delete a scheduled job of an instance ({"job_id"}): {"result": true}."""
        data = json_body()
        rules.required(data, "job_id")
        get_instance(project_id, instance_id)
        eng = jobs.engine()
        job = eng.jobs.get(data["job_id"])
        if not _pending_scheduled(job, project_id) or job.instance_id != instance_id:
            raise _no_job(data["job_id"])
        del eng.jobs[job.id]
        return {"result": True}


def _page(args):
    """The 1-based page of 4.13.2/4.13.3 (``offset``); 0 reads as the first page."""
    return max(1, rules.as_int(args.get("offset", 1), "offset", 0))


def _matching(project_id, args):
    """The project's visible jobs (newest first) that pass the filters shared by 4.13.2 and 4.13.3: status,
    job_name, job_id, and start_time/end_time on the creation time."""
    start = _parse_time(args["start_time"], "start_time") if "start_time" in args else None
    end = _parse_time(args["end_time"], "end_time") if "end_time" in args else None
    return [job for job in jobs.engine().in_project(project_id, current_ctx().now())
            if all(("status" not in args or job.status == args["status"],
                    "job_name" not in args or job.name == args["job_name"],
                    "job_id" not in args or job.id == args["job_id"],
                    start is None or job.created >= start, end is None or job.created <= end))]


def _pending_scheduled(job, project_id):
    return job is not None and all((job.project_id == project_id, job.target_config is not None,
                                    job.status == "Pending"))


FAMILY = GaussJobsFamily
