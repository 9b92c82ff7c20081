"""Parameters and monitoring (reference 5.21-5.24)."""
import hashlib
import math

from tests.emulator.engine import cds as engine

from .errors import envelope, invalid
from .params import req_list, req_str
from .parameters_data import DEFINITIONS, normalise
from .registry import action
from .views import fmt, get_instance, parse, require_running


@action("DescribeDBParameter", "GET", "parameters")
def describe_db_parameter(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    values = ctx.store.parameters[inst["InstanceUuid"]]
    rows = []
    for name, default, desc, modify, restart, code in sorted(DEFINITIONS.values()):
        rows.append({"Name": name, "CurrentValue": values[name], "DefaultValue": default,
                     "Description": desc, "IsModify": modify, "IsRestart": restart,
                     "CheckingCode": code})
    return envelope({"Parameters": rows}, task_id="")


def _time_arg(params, name):
    text = req_str(params, name)
    ts = parse(text)
    if ts is None:
        raise invalid("%s must look like 2024-07-05 08:30:00" % name)
    return ts


@action("DescribeDBParameterModifyHistory", "GET", "parameters")
def describe_db_parameter_modify_history(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    start, end = _time_arg(ctx.params, "StartTime"), _time_arg(ctx.params, "EndTime")
    if end < start:
        raise invalid("EndTime is before StartTime")
    rows = [{k: v for k, v in h.items() if not k.startswith("_")}
            for h in ctx.store.param_history[inst["InstanceUuid"]] if start <= h["_ts"] <= end]
    return envelope(rows, task_id="")


@action("ModifyDBParameter", "POST", "parameters")
def modify_db_parameter(ctx):
    store = ctx.store
    inst = get_instance(store, req_str(ctx.params, "InstanceUuid"))
    changes = []
    for item in req_list(ctx.params, "Parameters"):
        if not isinstance(item, dict) or "Name" not in item or "Value" not in item:
            raise invalid("Parameters must be a list of {Name, Value}")
        name = item["Name"]
        if name not in DEFINITIONS:
            raise invalid("Unknown parameter %s" % name)
        if DEFINITIONS[name][3] != "true":
            raise invalid("Parameter %s cannot be modified" % name)
        value = normalise(name, item["Value"])
        if value is None:
            raise invalid("Value %r of %s is outside %s" % (item["Value"], name, DEFINITIONS[name][5]))
        changes.append((name, value))
    require_running(inst)
    uuid = inst["InstanceUuid"]
    restart = any(DEFINITIONS[n][4] == "true" for n, _ in changes)
    now = store.now()
    entries = []
    for name, value in changes:
        entry = {"ParameterName": name, "OldParameterValue": store.parameters[uuid][name],
                 "NewParameterValue": value, "ModifyTime": fmt(now), "ModifyRole": "用户",
                 "IsValid": False, "StatusMessage": "修改中", "_ts": now}
        entries.append(entry)
        store.param_history[uuid].append(entry)
    store.set_status(inst, "RESTARTING" if restart else "CHANGING")
    work = engine.apply_parameters(store, inst, dict(changes), restart)   # --engine mariadb: SET GLOBAL, my.cnf

    def done():
        if uuid not in store.instances:
            return
        for (name, value), entry in zip(changes, entries):
            store.parameters[uuid][name] = value
            entry["IsValid"], entry["StatusMessage"] = True, "已生效"
        store.set_status(inst, "RUNNING")

    _, task_id = store.schedule("param_restart" if restart else "param_change", engine.after(work, done), uuid)
    return envelope({}, message="Parameter configuration is being configured", task_id=task_id)


# Reference 5.21 (MySQL概览.md, "性能参数表"): per metric its category (类别, answered as MonitorType),
# type (类型: gauge for all six in the table; the example's "counter" for slow queries contradicts it
# and the table wins) and unit (单位, written as the table writes it: the example answers units in
# Chinese, "次"). MetricName is the key without "mysql_", as in the example (slow_queries).
METRICS = {
    "mysql_cpu_usage": ("resources", "gauge", "百分比"),
    "mysql_mem_usage": ("resources", "gauge", "百分比"),
    "mysql_space_usage": ("resources", "gauge", "百分比"),
    "mysql_network_trffice": ("resources", "gauge", "MB/s"),
    "mysql_sessions": ("engine", "gauge", "个"),
    "mysql_slow_queries": ("engine", "gauge", "个"),
}
# The adaptive granularity: (longest span, period, how long points of that period are kept), seconds.
GRANULARITY = (
    (4 * 3600, 30, 86400),
    (2 * 86400, 60, 15 * 86400),
    (10 * 86400, 300, 31 * 86400),
    (30 * 86400, 3600, 62 * 86400),
)


def granularity(span):
    """(period, retention) of a time span of ``span`` seconds (0 < span <= 30 days)."""
    return next((period, kept) for longest, period, kept in GRANULARITY if span <= longest)


def metric_points(uuid, metric, start, end, period, now):
    """Synthetic values, one per ``period`` on the epoch grid inside the window, none in the future nor
    older than the period's retention. Integers: the Go SDK's model reads Value as an int (the table
    says float; its example and the SDK write integers)."""
    _, kept = granularity(end - start)
    first = max(start, now - kept)
    last = min(end, now)
    seed = int(hashlib.sha256((uuid + metric).encode()).hexdigest()[:6], 16)
    values, t = [], first + (-first) % period
    while t <= last:
        wave = 30 + 20 * math.sin((t / period + seed) / 10.0)
        values.append({"DateTime": fmt(t), "Value": int(round(wave))})
        t += period
    return values


@action("DescribeDBInstancePerformance", "POST", "monitoring", paths=("/paas/monitor", "/mysql"))
def describe_db_instance_performance(ctx):
    """Reference 5.21: POST at ``/paas/monitor`` (also ``/mysql``, where the Go SDK sends it). The span
    must be in (0, 30 days] (the granularity table's bounds; longer spans are refused: emulator choice)."""
    p = ctx.params
    inst = get_instance(ctx.store, req_str(p, "InstanceUuid"))
    metric = req_str(p, "MetricKey")
    if metric not in METRICS:
        raise invalid("MetricKey must be one of %s" % ", ".join(sorted(METRICS)))
    start, end = _time_arg(p, "StartTime"), _time_arg(p, "EndTime")
    if end <= start or end - start > GRANULARITY[-1][0]:
        raise invalid("EndTime must be after StartTime, at most 30 days later")
    period, _ = granularity(end - start)
    category, kind, unit = METRICS[metric]
    values = metric_points(inst["InstanceUuid"], metric, start, end, period, ctx.store.now())
    return envelope({
        "InstanceUuid": inst["InstanceUuid"], "ProductType": inst["SubProductKey"], "MetricKey": metric,
        "Period": period, "StartTime": fmt(start), "EndTime": fmt(end),
        "DataPoints": [{"MetricName": metric[len("mysql_"):], "MetricType": kind, "MonitorType": category,
                        "Unit": unit, "Values": values}],
    }, message="success", task_id="")
