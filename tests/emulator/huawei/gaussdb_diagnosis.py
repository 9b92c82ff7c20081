"""Intelligent diagnosis (seed 002 sections 4.14.1 and 4.14.2).

The metrics are the five of the 4.14.1 example. Whether an instance is abnormal for a metric is derived from a
hash of its id and the metric, so it is stable for an instance and about one instance in five is abnormal for
``high_pressure`` and one in twelve for each other metric; an instance that is not ACTIVE counts for none.
Readings: 4.14.2 marks ``offset`` and ``limit`` as required yet gives them defaults (0 and 100): the defaults
apply when they are missing; an unknown metric is refused (400 DBS.280001).
"""
import hashlib

from flask import request

from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.store import ACTIVE, gauss

METRICS = {"high_pressure": 5, "insufficient_capacity": 12, "slow_sql_frequency": 12, "mem_overrun": 12,
           "connections_exceed": 12}


def abnormal(inst, metric):
    if inst.status != ACTIVE:
        return False
    digest = hashlib.sha256(f"{inst.id}/{metric}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % METRICS[metric] == 0


class GaussDiagnosisFamily(HuaweiFamily):
    name = "gaussdb-diagnosis"

    def register(self, app, ctx):
        ctx.route(self, "GET", "/v3/{project_id}/instances/diagnosis-instance-count", self.counts)
        ctx.route(self, "GET", "/v3/{project_id}/instances/diagnosis-instance-infos", self.infos)

    def counts(self, project_id):
        """4.14.1 -> {diagnosis_info: [{metric_name, count}]} for every metric."""
        instances = gauss().in_project(project_id)
        return {"diagnosis_info": [{"metric_name": metric, "count": sum(abnormal(i, metric) for i in instances)}
                                   for metric in METRICS]}

    def infos(self, project_id):
        """4.14.2 ?metric_name&offset&limit (1-100) -> {total_count,
        instance_infos: [{instance_id, master_node_id}]}"""
        metric = request.args.get("metric_name")
        if metric not in METRICS:
            raise param_error(f"metric_name must be one of {', '.join(METRICS)}.")
        offset, limit = rules.paging(request.args)
        found = [i for i in gauss().in_project(project_id) if abnormal(i, metric)]
        return {"total_count": len(found),
                "instance_infos": [{"instance_id": i.id, "master_node_id": i.master().id if i.master() else ""}
                                   for i in found[offset:offset + limit]]}


FAMILY = GaussDiagnosisFamily
