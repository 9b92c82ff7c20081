"""HTAP lightweight edition, ClickHouse (seed 002 §4.16.2-4.16.8): log nodes, slow logs, slow-log masking and
LTS log configurations. The instances themselves are served by gaussdb_htap_clickhouse.py.

State per ClickHouse instance, kept on its GaussDB owner (``inst.ext["htap_logs"] = {htap_id: {...}}``, gone
with the owner; the entries of a deleted ClickHouse instance are never read again): the masking switch and the
LTS configuration per log type.

Slow-log lines are generated, never stored, the way gaussdb_logs.py does it for GaussDB nodes: one slow query
per node in each 120 s slot since the ClickHouse instance was created, at an offset and with a content derived
from a hash of the node id and the slot number; so the same query always answers the same lines.

Readings of the reference, each a choice where it says nothing or contradicts itself:
- ``{instance_id}`` is the ClickHouse instance id (the tables); the examples of 4.16.3/4.16.4 and 4.16.7 put a
  GaussDB id there, accepted when that instance has exactly one ClickHouse instance (htap_lib.resolve).
- 4.16.3 gives no range for ``limit``: 1-5000 as 4.8.3. ``line_num`` (13 digits, epoch milliseconds of a line)
  asks for the lines after that one; lines come oldest first. Times are "yyyy-mm-ddThh:mm:ss" plus an offset
  (+0100, +01:00 or Z); the end must not be in the future and must follow the start. ``operate_type`` is
  ``All`` (the example's spelling, any case) or a statement type of SLOW_TYPES; ``rows_sent`` and
  ``rows_examined`` are integers (the table; the example quotes them), ``time`` reads like "0.000143s".
- 4.16.4/4.16.5: ``open_slow_log_switch`` is a String, "true" or "false" (the example), true = masked; masking
  is on by default, as 4.8.9 is read in gaussdb_logs.py. 4.16.4 answers the new value, as its table says.
- 4.16.6-4.16.8: ``slow_log`` is the only log type ("当前仅支持slow_log"); a configuration of a configured type
  replaces it; removing one that does not exist is a no-op; 4.16.7/4.16.8 answer 200 with no body. The list
  shows every ClickHouse instance of the project with its configured types (``enabled`` true), unconfigured
  types are not listed (4.8.6's reading); ``engine_name`` is "clickhouse" as in the example. Group and stream
  ids are UUIDs. LTS settings are metadata: accepted while a job runs (the masking switch is a change of the
  instance and is refused then).
"""
import datetime
import re

from flask import Response, request

from tests.emulator.huawei import gaussdb_htap_common as htap_lib
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_htap_common import CLICKHOUSE
from tests.emulator.huawei.gaussdb_logs import (
    LINE_LIMIT, SLOW_SLOT, _after_line, checked_log_configs, _ep_name, _hash, _slots, _weighted, _window,
)
from tests.emulator.huawei.store import gauss

LOGS_KEY = "htap_logs"
LTS_LOG_TYPES = ("slow_log",)
SLOW_TYPES = ("SELECT", "INSERT", "ALTER", "CREATE", "DROP", "OPTIMIZE")
# (type, weight, statement); {n} is a number and {s} a string literal, "?" when masked.
SLOW_QUERIES = (
    ("SELECT", 6, "SELECT customer_id, sum(amount) FROM orders WHERE order_date >= today() - {n} GROUP BY customer_id"),
    ("SELECT", 3, "SELECT count() FROM events WHERE event_type = {s} AND user_id = {n}"),
    ("SELECT", 2, "SELECT * FROM order_items FINAL WHERE product_id = {n} ORDER BY created_at DESC LIMIT 100"),
    ("INSERT", 2, "INSERT INTO events_buffer SELECT * FROM events WHERE event_type = {s}"),
    ("ALTER", 1, "ALTER TABLE orders DELETE WHERE order_date < today() - {n}"),
    ("CREATE", 1, "CREATE TABLE report_{n} ENGINE = MergeTree ORDER BY id AS SELECT * FROM orders"),
    ("DROP", 1, "DROP TABLE IF EXISTS tmp_import_{n}"),
    ("OPTIMIZE", 1, "OPTIMIZE TABLE events PARTITION {n} FINAL"),
)
SLOW_DATABASES = ("default", "shop", "analytics")
SLOW_USERS = ("root", "report_user", "etl_user")
STRINGS = ("'click'", "'view'", "'login'", "'purchase'")


def logs_of(inst, htap):
    return inst.ext.setdefault(LOGS_KEY, {}).setdefault(htap.id, {"masked": True, "lts": {}})


def _line_time(ts):
    """The example's start_time: "2023-08-28T08:22:13.591394+08:00" (here UTC)."""
    stamp = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def slow_line(node, k, ts, masked):
    seed = _hash(node["id"], "ch-slow", k)
    sql_type, dummy, template = _weighted(SLOW_QUERIES, seed)
    numbers = iter(str(1 + (seed >> shift) % 500) for shift in range(8, 64, 8))
    strings = iter(STRINGS[(seed >> shift) % len(STRINGS)] for shift in range(10, 64, 8))

    sample = re.sub(r"\{([ns])\}", lambda m: "?" if masked else (next(numbers) if m.group(1) == "n" else next(strings)),
                    template)
    rows = (seed >> 20) % 1000000
    return {"node_id": node["id"], "time": f"{1 + (seed >> 12) % 30000 / 1000.0:.6f}s",
            "lock_time": f"{(seed >> 28) % 100 / 1000000.0:.6f}s",
            "rows_sent": rows % 1000 if sql_type == "SELECT" else 0, "rows_examined": rows,
            "database": SLOW_DATABASES[(seed >> 36) % len(SLOW_DATABASES)],
            "users": SLOW_USERS[(seed >> 40) % len(SLOW_USERS)], "query_sample": sample + ";", "type": sql_type,
            "client_ip": f"192.168.0.{1 + (seed >> 44) % 250}", "start_time": _line_time(ts),
            "line_num": str(int(ts * 1000)), "count": str(1 + (seed >> 4) % 3)}


def _node(htap, node_id):
    for node in htap.nodes:
        if node["id"] == node_id:
            return node
    raise api_error("DBS.290013", f"Node {node_id} does not belong to instance {htap.id}.")


def _switch(value):
    """"true"/"false" (any case); a JSON boolean is not the documented String."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise param_error('open_slow_log_switch must be "true" or "false".')


class ClickHouseLogsFamily(HuaweiFamily):
    name = "gaussdb-htap-clickhouse-logs"

    def register(self, app, ctx):
        base = "/v3/{project_id}/instances/{instance_id}/clickhouse"
        lts = "/v3/{project_id}/clickhouse/instances/logs/lts-configs"
        for method, path, view in (
                ("GET", base + "/nodes", self.nodes), ("POST", base + "/slow-logs", self.slow_logs),
                ("PUT", base + "/slowlog-sensitive", self.set_masking),
                ("GET", base + "/slowlog-sensitive", self.show_masking),
                ("GET", lts, self.list_lts), ("POST", lts, self.create_lts), ("DELETE", lts, self.delete_lts)):
            ctx.route(self, method, path, view)

    # -- 4.16.2 / 4.16.3 ------------------------------------------------------------------------------------------------
    def nodes(self, project_id, instance_id):
        """4.16.2 -> {node_list: [{node_id, node_name, role}]} (role: master / slave)."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        return {"node_list": [{"node_id": n["id"], "node_name": n["name"], "role": n["type"]} for n in htap.nodes]}

    def slow_logs(self, project_id, instance_id):
        """4.16.3 node_id, start_time, end_time, limit, line_num?, operate_type?, database? -> {slow_log_list}."""
        data = json_body()
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        rules.required(data, "node_id", "start_time", "end_time", "limit")
        node = _node(htap, data["node_id"])
        start, end = _window(data["start_time"], data["end_time"])
        limit = rules.as_int(data["limit"], "limit", *LINE_LIMIT)
        after = _after_line(data.get("line_num"))
        operate_type = str(data.get("operate_type") or "ALL").upper()
        if operate_type != "ALL" and operate_type not in SLOW_TYPES:
            raise param_error(f"operate_type must be All or one of {', '.join(SLOW_TYPES)}.")
        database = data.get("database") or None
        masked = logs_of(inst, htap)["masked"]
        lines = []
        for k, ts in _slots(node["id"], SLOW_SLOT, start, end, htap.created, after):
            line = slow_line(node, k, ts, masked)
            if operate_type not in ("ALL", line["type"]) or database not in (None, line["database"]):
                continue
            lines.append(line)
            if len(lines) >= limit:
                break
        return {"slow_log_list": lines}

    # -- 4.16.4 / 4.16.5 ------------------------------------------------------------------------------------------------
    def set_masking(self, project_id, instance_id):
        """4.16.4 {open_slow_log_switch: "true"|"false"} -> {open_slow_log_switch}."""
        masked = _switch(json_body().get("open_slow_log_switch"))
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        logs_of(inst, htap)["masked"] = masked
        return {"open_slow_log_switch": str(masked).lower()}

    def show_masking(self, project_id, instance_id):
        """4.16.5 -> {open_slow_log_switch: "true"|"false"}."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        return {"open_slow_log_switch": str(logs_of(inst, htap)["masked"]).lower()}

    # -- 4.16.6 - 4.16.8 ------------------------------------------------------------------------------------------------
    def list_lts(self, project_id):
        """4.16.6 ?instance_id&enterprise_project_id&instance_name&limit(1-100, 10)&offset."""
        args = request.args
        offset, limit = rules.paging(args, default_limit=10)
        found = []
        for inst in gauss().in_project(project_id):
            for htap in htap_lib.htaps_of(inst).values():
                if htap.engine != CLICKHOUSE:
                    continue
                ep_id = next((t["value"] for t in htap.sys_tags), "0")
                if any(args.get(key) not in (None, "", value) for key, value in (
                        ("enterprise_project_id", ep_id), ("instance_id", htap.id), ("instance_name", htap.name))):
                    continue
                configs = logs_of(inst, htap)["lts"]
                found.append({"lts_configs": [dict(log_type=t, enabled=True, **configs[t])
                                              for t in LTS_LOG_TYPES if t in configs],
                              "instance": {"id": htap.id, "name": htap.name, "mode": htap.ha_mode,
                                           "engine_name": "clickhouse", "engine_version": htap.kernel_version,
                                           "status": htap.status, "enterprise_project_id": ep_id,
                                           "enterprise_project_name": _ep_name(project_id, ep_id)}})
        return {"instance_lts_configs": found[offset:offset + limit], "total_count": len(found)}

    @staticmethod
    def _log_configs(project_id, fields):
        """The checked log_configs of 4.16.7/4.16.8: [(owner, htap, item)]; nothing is applied if one is bad."""
        def resolve(item):
            inst, htap = htap_lib.resolve(project_id, item["instance_id"], CLICKHOUSE)
            return htap.id, (inst, htap)
        return checked_log_configs(fields, LTS_LOG_TYPES, resolve, id_fields=fields[2:],
                                   type_error="log_type must be slow_log (the only type supported).")

    def create_lts(self, project_id):
        """4.16.7 log_configs [{instance_id, log_type, lts_group_id, lts_stream_id}] -> 200, no body."""
        for inst, htap, item in self._log_configs(project_id, ("instance_id", "log_type", "lts_group_id",
                                                               "lts_stream_id")):
            logs_of(inst, htap)["lts"][item["log_type"]] = {"lts_group_id": item["lts_group_id"],
                                                            "lts_stream_id": item["lts_stream_id"]}
        return Response(status=200)

    def delete_lts(self, project_id):
        """4.16.8 log_configs [{instance_id, log_type}] -> 200, no body."""
        for inst, htap, item in self._log_configs(project_id, ("instance_id", "log_type")):
            logs_of(inst, htap)["lts"].pop(item["log_type"], None)
        return Response(status=200)


FAMILY = ClickHouseLogsFamily
