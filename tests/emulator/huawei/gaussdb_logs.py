"""Log management (seed 002 sections 4.8.1-4.8.10), plus the SQL audit policy of the current reference.

State per instance (``inst.ext["logs"]``): the full-SQL switch with the periods it was on, the slow-log masking
switch and the audit policy; LTS configurations per instance (``inst.ext["lts"]``, gone with the instance).

Log contents are generated, never stored: every node has one slow query in each 120 s slot and one error-log line
in each 300 s slot since the instance was created, at an offset and with a content derived from a hash of the
node id and the slot number. The same query always answers the same lines, a window answers the lines inside
it, and read replicas have their own. Full-SQL (audit) files exist for the periods the switch was on: one file
per node for each hour (scaled by ``time_scale``) of such a period.

Readings of the reference, each a choice where it says nothing or contradicts itself:
- 4.8.3/4.8.4 paging: lines come oldest first; ``line_num`` (the 13-digit epoch milliseconds of a line) asks for
  the lines after that one. Both take ``limit`` 1-5000 (4.8.4 gives no range; 4.8.3's is used).
- Times are "yyyy-mm-ddThh:mm:ss" plus an offset (+0800; "Z" and +08:00 are accepted too). The end must not lie
  in the future and must follow the start.
- 4.8.9/4.8.10: the seed titles the switch "慢日志脱敏状态" (slow-log masking), so ``open_slow_log_switch: true``
  means masked; masking is on by default (the user guide: statements are masked unless plain text is turned
  on). Masked slow logs show ``?`` for literals. The body table names the field ``open_slow_logging_switch``
  while its example and the SDK send ``open_slow_log_switch``: both are accepted.
- 4.8.6-4.8.8: log types ``error_log``, ``slow_log`` and ``audit_log`` (the three the user guide lists); a
  configuration of an already configured type replaces it; deleting one that does not exist is a no-op; one
  log stream serves one log type only (user guide: "错误日志、慢日志和LTS审计日志不能使用同一个日志流");
  group and stream ids are UUIDs. 4.8.7/4.8.8/4.8.10 document no response body: they answer 200 with none.
  LTS settings are metadata: they are accepted while a job runs.
- 4.8.6 lists each configuration with ``enabled`` ("是否开启", table 4-707), so a listed configuration can be
  off: 4.8.7 turns reporting off and the configuration stays listed with ``enabled: false`` and its group and
  stream; 4.8.8 turns it on again (with the ids it is given). A type never configured is not listed. A
  disabled configuration sends nothing, so its stream is free for another log type.
- The SQL audit policy (``/v3/{project_id}/instances/{instance_id}/audit-log-policy``, GET and PUT) is not in
  seed 002; it follows the current TaurusDB reference (SetAuditLogPolicy / ShowAuditLogPolicy): keep_days
  0-732 (0 = off), audit_types a subset of ``all_audit_log_action`` (empty = every type). It is independent of
  the full-SQL switch of 4.8.1.
"""
import datetime
import hashlib
import re
import uuid

from flask import Response, request

from tests.emulator.core import current_ctx
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_sql_filter import node_of
from tests.emulator.huawei.store import gauss, get_instance, instance_busy_guard

LOGS_KEY = "logs"
LTS_KEY = "lts"
SLOW_SLOT = 120          # seconds between two slow queries of a node
ERROR_SLOT = 300         # seconds between two error-log lines of a node
AUDIT_FILE_SECONDS = 3600
LINE_LIMIT = (1, 5000)
LINK_LIMIT = (1, 50)
LINK_DAYS = 7            # the 4.8.5 example's links expire a week after they are made
SLOW_TYPES = ("INSERT", "UPDATE", "SELECT", "DELETE", "ALTER", "DROP", "CREATE")
ERROR_LEVELS = ("ALL", "INFO", "LOG", "WARNING", "ERROR", "FATAL", "PANIC", "NOTE")
LTS_LOG_TYPES = ("error_log", "slow_log", "audit_log")
AUDIT_ACTIONS = ("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "RENAME",
                 "TRUNCATE", "GRANT", "REVOKE", "CREATE_USER", "DROP_USER", "RENAME_USER", "SET_PASSWORD", "BEGIN",
                 "COMMIT", "ROLLBACK", "CALL_PROCEDURE", "LOGIN", "LOGOUT")
POLICY_JOB_SECONDS = 5
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

# (type, weight, plain statement); {n} is a number and {s} a string literal, "?" when masked.
SLOW_QUERIES = (
    ("SELECT", 5, "SELECT * FROM orders WHERE customer_id = {n} ORDER BY created_at DESC"),
    ("SELECT", 3, "SELECT COUNT(*) FROM order_items i JOIN products p ON p.id = i.product_id WHERE p.sku = {s}"),
    ("SELECT", 2, "SELECT SLEEP({n}) FROM dual"),
    ("UPDATE", 2, "UPDATE stock SET quantity = quantity - {n} WHERE product_id = {n}"),
    ("INSERT", 2, "INSERT INTO audit_trail (user_name, action) VALUES ({s}, {s})"),
    ("DELETE", 1, "DELETE FROM sessions WHERE last_seen < NOW() - INTERVAL {n} DAY"),
    ("ALTER", 1, "ALTER TABLE orders ADD INDEX idx_status_{n} (status)"),
    ("CREATE", 1, "CREATE TABLE report_{n} AS SELECT * FROM orders WHERE amount > {n}"),
    ("DROP", 1, "DROP TABLE IF EXISTS tmp_import_{n}"),
)
SLOW_DATABASES = ("orders_db", "report_db", "mysql")
SLOW_USERS = ("root", "app_user", "report_user")
ERROR_LINES = (
    ("NOTE", 4, "[MY-010914] [Server] Aborted connection {n} to db: 'orders_db' user: 'app_user' host: "
                "'192.168.0.{h}' (Got an error reading communication packets)."),
    ("NOTE", 2, "[MY-013360] [Server] Plugin sha256_password reported: 'sha256_password' is deprecated."),
    ("WARNING", 3, "[MY-010055] [Server] IP address '192.168.0.{h}' could not be resolved: Name or service not "
                   "known"),
    ("WARNING", 1, "[MY-013712] [Server] No suitable 'keyring_component_configuration_file' found."),
    ("ERROR", 2, "[MY-010584] [Repl] Slave SQL for channel '': Error executing row event: 'Table "
                 "'orders_db.tmp_{n}' doesn't exist', Error_code: MY-001146"),
    ("ERROR", 1, "[MY-013508] [Repl] do failed: {n}"),
)


# -- helpers -----------------------------------------------------------------------------------------------------------
def _hash(*parts):
    return int.from_bytes(hashlib.sha256("/".join(map(str, parts)).encode()).digest()[:8], "big")


def checked_log_configs(fields, log_types, resolve, type_error=None, id_fields=()):
    """The checked ``log_configs`` body of the LTS calls (4.8.7/4.8.8, 4.16.7/4.16.8).

    Returns ``[(*target, item)]`` where ``resolve(item) -> (owner_id, target_tuple)``; one bad item
    refuses the whole request, so nothing is applied. ``id_fields`` must be LTS group/stream UUIDs.
    """
    items = json_body().get("log_configs")
    if not isinstance(items, list):
        raise param_error("log_configs must be a list.")
    if not items:
        raise api_error("DBS.05000018")
    result, seen = [], set()
    for item in items:
        if not isinstance(item, dict):
            raise param_error("Each log_configs item must be an object.")
        rules.required(item, *fields)
        if item["log_type"] not in log_types:
            raise param_error(type_error or f"log_type must be one of {', '.join(log_types)}.")
        for field in id_fields:
            if not isinstance(item[field], str) or not _UUID.match(item[field]):
                raise param_error(f"{field} {item[field]!r} is not a log group/stream id.")
        owner_id, target = resolve(item)
        if (owner_id, item["log_type"]) in seen:
            raise param_error(f"{item['log_type']} of instance {owner_id} is given twice.")
        seen.add((owner_id, item["log_type"]))
        result.append(target + (item,))
    return result


def _weighted(table, value):
    total = sum(row[1] for row in table)
    value %= total
    for row in table:
        if value < row[1]:
            return row
        value -= row[1]
    return table[-1]


def parse_time(value, what):
    """'yyyy-mm-ddThh:mm:ss' + offset (+0800, +08:00 or Z) -> epoch seconds."""
    if not isinstance(value, str):
        raise param_error(f"{what} is required, as yyyy-mm-ddThh:mm:ss+hhmm.")
    try:
        parsed = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError as exc:
        raise param_error(f"Invalid {what} {value!r}: use yyyy-mm-ddThh:mm:ss+hhmm.") from exc
    return parsed.timestamp()


def _window(start_value, end_value, floor=None):
    start, end = parse_time(start_value, "start_time"), parse_time(end_value, "end_time")
    now = current_ctx().now()
    if end > now:
        raise param_error("end_time must not be later than the current time.")
    if start >= end:
        raise param_error("start_time must be earlier than end_time.")
    if floor is not None and start < floor:
        raise param_error("start_time must not be earlier than the creation of the instance.")
    return start, end


def _line_time(ts):
    """The line times of the examples: "2022-11-25T10:55:16.000" (UTC)."""
    stamp = datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ts * 1000) % 1000:03d}"


def _iso(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _limit(value, bounds, default=None):
    if value is None and default is not None:
        return default
    return rules.as_int(value, "limit", *bounds)


def _after_line(value):
    """line_num: digits, 13 characters (4.8.3); the examples send it as a number, which we accept too."""
    if value in (None, ""):
        return None
    text = str(value)
    if not text.isdigit() or len(text) != 13:
        raise param_error(f"Invalid line_num {value!r}: 13 digits.")
    return int(text)


def logs_of(inst):
    return inst.ext.setdefault(LOGS_KEY, {"full_sql": "OFF", "full_sql_periods": [], "masked": True,
                                          "policy": {"keep_days": 0, "audit_types": []}})


def _slots(node_seed, slot, start, end, floor, after):
    """Epoch seconds (ms precision) of the lines of one node within [start, end], oldest first, after `after`."""
    first = int(max(start, floor) // slot)
    last = int(end // slot)
    for k in range(first, last + 1):
        ts = k * slot + (_hash(node_seed, slot, k) % (slot * 1000)) / 1000.0
        if ts < start or ts > end or ts < floor:
            continue
        if after is not None and int(ts * 1000) <= after:
            continue
        yield k, ts


def slow_line(node, k, ts, masked):
    seed = _hash(node.id, "slow", k)
    sql_type, _, template = _weighted(SLOW_QUERIES, seed)
    numbers = iter(str(1 + (seed >> shift) % 5000) for shift in range(8, 64, 8))
    strings = iter(f"'{word}'" for word in ("SKU-1042", "alice", "login", "bob", "export", "carol"))
    sample = re.sub(r"\{([ns])\}", lambda m: "?" if masked else (next(numbers) if m.group(1) == "n" else next(strings)),
                    template)
    duration = 1 + (seed >> 12) % 40000 / 1000.0
    rows = (seed >> 20) % 100000
    return {"node_id": node.id, "count": str(1 + (seed >> 4) % 3), "time": f"{duration:.5f} s",
            "lock_time": f"{(seed >> 28) % 100 / 100000.0:.5f} s",
            "rows_sent": str(rows % 500 if sql_type == "SELECT" else 0), "rows_examined": str(rows),
            "database": SLOW_DATABASES[(seed >> 36) % len(SLOW_DATABASES)],
            "users": SLOW_USERS[(seed >> 40) % len(SLOW_USERS)], "query_sample": sample + ";", "type": sql_type,
            "start_time": _line_time(ts), "client_ip": f"192.*.*.{1 + (seed >> 44) % 250}",
            "line_num": str(int(ts * 1000))}


def error_line(node, k, ts):
    seed = _hash(node.id, "error", k)
    level, _, template = _weighted(ERROR_LINES, seed)
    content = template.replace("{n}", str(1 + (seed >> 8) % 90000)).replace("{h}", str(1 + (seed >> 24) % 250))
    return {"node_id": node.id, "time": _line_time(ts), "level": level, "content": content,
            "line_num": str(int(ts * 1000))}


def audit_files(inst, nodes, start, end):
    """Full-SQL files of the given nodes overlapping [start, end], sorted by name."""
    ctx = current_ctx()
    now = ctx.now()
    span = max(ctx.scaled(AUDIT_FILE_SECONDS), 1.0)
    files = []
    for begin, stop in logs_of(inst)["full_sql_periods"]:
        stop = now if stop is None else stop
        cut = begin
        while cut < stop:
            file_end = min(cut + span, stop)
            if cut <= end and file_end >= start:
                for node in nodes:
                    stamp = datetime.datetime.fromtimestamp(cut, datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
                    name = f"{stamp}_{inst.id}_{node.id}_SQLAudit_{uuid.uuid5(uuid.NAMESPACE_OID, node.id + stamp)}"
                    files.append((name, node, cut, file_end))
            cut += span
    files.sort(key=lambda item: item[0])
    return files


def _lts_of(inst):
    return inst.ext.setdefault(LTS_KEY, {})


class GaussLogsFamily(HuaweiFamily):
    name = "gaussdb-logs"

    def register(self, app, ctx):
        for method, path, view in (
                ("POST", "/v3/{project_id}/instance/{instance_id}/audit-log/switch", self.set_full_sql),
                ("GET", "/v3/{project_id}/instance/{instance_id}/audit-log/switch-status", self.show_full_sql),
                ("POST", "/v3.1/{project_id}/instances/{instance_id}/slow-logs", self.slow_logs),
                ("POST", "/v3.1/{project_id}/instances/{instance_id}/error-logs", self.error_logs),
                ("GET", "/v3/{project_id}/instance/{instance_id}/auditlog/download-link", self.download_links),
                ("GET", "/v3/{project_id}/logs/lts-configs", self.list_lts),
                ("DELETE", "/v3/{project_id}/logs/lts-configs", self.delete_lts),
                ("POST", "/v3/{project_id}/logs/lts-configs", self.create_lts),
                ("GET", "/v3/{project_id}/instances/{instance_id}/slowlog/query", self.show_masking),
                ("POST", "/v3/{project_id}/instances/{instance_id}/slowlog/modify", self.set_masking),
                ("GET", "/v3/{project_id}/instances/{instance_id}/audit-log-policy", self.show_policy),
                ("PUT", "/v3/{project_id}/instances/{instance_id}/audit-log-policy", self.set_policy)):
            ctx.route(self, method, path, view)

    # -- 4.8.1 / 4.8.2 full SQL --------------------------------------------------------------------------------------
    def set_full_sql(self, project_id, instance_id):
        """4.8.1 switch_status ON|OFF -> {"result": "success"}; applied at once (no job documented)."""
        status = json_body().get("switch_status")
        if status not in ("ON", "OFF"):
            raise param_error("switch_status must be ON or OFF.")
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        state = logs_of(inst)
        now = current_ctx().now()
        if status != state["full_sql"]:
            if status == "ON":
                state["full_sql_periods"].append([now, None])
            else:
                state["full_sql_periods"][-1][1] = now
            state["full_sql"] = status
        return {"result": "success"}

    def show_full_sql(self, project_id, instance_id):
        """4.8.2 -> {switch_status}."""
        return {"switch_status": logs_of(get_instance(project_id, instance_id))["full_sql"]}

    # -- 4.8.3 / 4.8.4 slow and error logs --------------------------------------------------------------------------
    @staticmethod
    def _line_query(project_id, instance_id):
        data = json_body()
        inst = get_instance(project_id, instance_id)
        rules.required(data, "node_id", "start_time", "end_time", "limit")
        node = node_of(inst, data["node_id"])
        start, end = _window(data["start_time"], data["end_time"])
        limit = _limit(data["limit"], LINE_LIMIT)
        return data, inst, node, start, end, limit, _after_line(data.get("line_num"))

    def slow_logs(self, project_id, instance_id):
        """4.8.3 node_id, start_time, end_time, limit, line_num?, operate_type?, database? -> {slow_log_list}."""
        data, inst, node, start, end, limit, after = self._line_query(project_id, instance_id)
        operate_type = data.get("operate_type") or "ALL"
        if operate_type != "ALL" and operate_type not in SLOW_TYPES:
            raise param_error(f"operate_type must be ALL or one of {', '.join(SLOW_TYPES)}.")
        database = data.get("database") or None
        masked = logs_of(inst)["masked"]
        lines = []
        for k, ts in _slots(node.id, SLOW_SLOT, start, end, inst.created, after):
            line = slow_line(node, k, ts, masked)
            if operate_type not in ("ALL", line["type"]) or database not in (None, line["database"]):
                continue
            lines.append(line)
            if len(lines) >= limit:
                break
        return {"slow_log_list": lines}

    def error_logs(self, project_id, instance_id):
        """4.8.4 node_id, start_time, end_time, limit, line_num?, level? -> {error_log_list}."""
        data, inst, node, start, end, limit, after = self._line_query(project_id, instance_id)
        level = data.get("level") or "ALL"
        if level not in ERROR_LEVELS:
            raise param_error(f"level must be one of {', '.join(ERROR_LEVELS)}.")
        lines = []
        for k, ts in _slots(node.id, ERROR_SLOT, start, end, inst.created, after):
            line = error_line(node, k, ts)
            if level not in ("ALL", line["level"]):
                continue
            lines.append(line)
            if len(lines) >= limit:
                break
        return {"error_log_list": lines}

    # -- 4.8.5 full-SQL download links ----------------------------------------------------------------------------
    def download_links(self, project_id, instance_id):
        """4.8.5 ?start_time&end_time (required), node_id?, last_file_name?, limit? (1-50, default 10) -> {files}."""
        inst = get_instance(project_id, instance_id)
        args = request.args
        start, end = _window(args.get("start_time"), args.get("end_time"), floor=inst.created)
        limit = _limit(args.get("limit"), LINK_LIMIT, default=10)
        nodes = [node_of(inst, args["node_id"])] if args.get("node_id") else list(inst.nodes.values())
        after = args.get("last_file_name") or ""
        now = current_ctx().now()
        files = []
        for name, node, begin, stop in audit_files(inst, nodes, start, end):
            if name <= after:
                continue
            size = 64 + _hash(name) % 4096 * max(1, int(stop - begin) // 60)
            files.append({"name": name, "size": size, "updated_time": _iso(stop),
                          "download_link": f"https://obs.{inst.region}.myhuaweicloud.com/gaussdb-sqlaudit-"
                                           f"{project_id[:8]}/{inst.id}/{name}?Expires={int(now) + LINK_DAYS * 86400}",
                          "link_expired_time": _iso(now + LINK_DAYS * 86400)})
            if len(files) >= limit:
                break
        return {"files": files}

    # -- 4.8.6 - 4.8.8 LTS configurations -------------------------------------------------------------------------
    def list_lts(self, project_id):
        """4.8.6 ?enterprise_project_id&instance_id&instance_name&limit(1-100, 10)&offset -> every instance with its
        configured log types (``enabled`` false once 4.8.7 turned one off; types never configured are not listed)."""
        args = request.args
        offset, limit = rules.paging(args, default_limit=10)
        found = []
        for inst in gauss().in_project(project_id):
            if any(args.get(key) not in (None, "", value) for key, value in (
                    ("enterprise_project_id", inst.enterprise_project_id), ("instance_id", inst.id),
                    ("instance_name", inst.name))):
                continue
            configs = _lts_of(inst)
            found.append({"lts_configs": [dict(log_type=t, lts_group_id=configs[t]["lts_group_id"],
                                               lts_stream_id=configs[t]["lts_stream_id"],
                                               enabled=configs[t]["enabled"])
                                          for t in LTS_LOG_TYPES if t in configs],
                          "instance": {"id": inst.id, "name": inst.name, "mode": "Cluster",
                                       "engine_name": "gaussdb-mysql", "engine_version": inst.datastore["version"],
                                       "status": inst.unified_status(),
                                       "enterprise_project_id": inst.enterprise_project_id,
                                       "enterprise_project_name": _ep_name(project_id, inst.enterprise_project_id)}})
        return {"instance_lts_configs": found[offset:offset + limit], "total_count": len(found)}

    @staticmethod
    def _log_configs(project_id, fields):
        def resolve(item):
            inst = get_instance(project_id, item["instance_id"])
            return inst.id, (inst,)
        return checked_log_configs(fields, LTS_LOG_TYPES, resolve)

    def create_lts(self, project_id):
        """4.8.8 log_configs [{instance_id, log_type, lts_group_id, lts_stream_id}] -> 200, no body."""
        items = self._log_configs(project_id, ("instance_id", "log_type", "lts_group_id", "lts_stream_id"))
        streams = {}
        for inst in gauss().in_project(project_id):
            for log_type, config in _lts_of(inst).items():
                if config["enabled"]:
                    streams.setdefault(config["lts_stream_id"], set()).add((inst.id, log_type))
        for inst, item in items:
            for field in ("lts_group_id", "lts_stream_id"):
                if not isinstance(item[field], str) or not _UUID.match(item[field]):
                    raise param_error(f"{field} {item[field]!r} is not a log group/stream id.")
            users = streams.setdefault(item["lts_stream_id"], set())
            users.discard((inst.id, item["log_type"]))
            other_types = {log_type for _, log_type in users} - {item["log_type"]}
            if other_types:
                raise param_error(f"Log stream {item['lts_stream_id']} already receives "
                                  f"{', '.join(sorted(other_types))}; one stream serves one log type.")
            users.add((inst.id, item["log_type"]))
        for inst, item in items:
            _lts_of(inst)[item["log_type"]] = {"lts_group_id": item["lts_group_id"],
                                               "lts_stream_id": item["lts_stream_id"], "enabled": True}
        return Response(status=200)

    def delete_lts(self, project_id):
        """4.8.7 log_configs [{instance_id, log_type}] -> 200, no body; the configuration stays listed, disabled."""
        for inst, item in self._log_configs(project_id, ("instance_id", "log_type")):
            config = _lts_of(inst).get(item["log_type"])
            if config is not None:
                config["enabled"] = False
        return Response(status=200)

    # -- 4.8.9 / 4.8.10 slow-log masking ----------------------------------------------------------------------------
    def show_masking(self, project_id, instance_id):
        """4.8.9 -> {open_slow_log_switch} (true = statements masked)."""
        return {"open_slow_log_switch": logs_of(get_instance(project_id, instance_id))["masked"]}

    def set_masking(self, project_id, instance_id):
        """4.8.10 {open_slow_log_switch: bool} -> 200, no body."""
        data = json_body()
        key = "open_slow_log_switch" if "open_slow_log_switch" in data else "open_slow_logging_switch"
        if not isinstance(data.get(key), bool):
            raise param_error("open_slow_log_switch must be true or false.")
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        logs_of(inst)["masked"] = data[key]
        return Response(status=200)

    # -- SQL audit policy (current reference, not in seed 002) --------------------------------------------------
    def show_policy(self, project_id, instance_id):
        """ShowAuditLogPolicy -> {keep_days, audit_types, all_audit_log_action}."""
        policy = logs_of(get_instance(project_id, instance_id))["policy"]
        return {"keep_days": policy["keep_days"], "audit_types": list(policy["audit_types"]),
                "all_audit_log_action": ",".join(AUDIT_ACTIONS)}

    def set_policy(self, project_id, instance_id):
        """SetAuditLogPolicy keep_days (0-732, 0 = off), reserve_audit_logs?, audit_types? -> {result, job_id}."""
        data = json_body()
        rules.required(data, "keep_days")
        keep_days = rules.as_int(data["keep_days"], "keep_days", 0, 732)
        if "reserve_audit_logs" in data:
            rules.as_bool(data["reserve_audit_logs"], "reserve_audit_logs")
        types = data.get("audit_types")
        if types is not None:
            if not isinstance(types, list) or any(t not in AUDIT_ACTIONS for t in types):
                raise param_error(f"audit_types must be a list of {', '.join(AUDIT_ACTIONS)}.")
            if len(set(types)) != len(types):
                raise param_error("audit_types lists a type twice.")
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        policy = logs_of(inst)["policy"]
        before = dict(policy)
        policy["keep_days"] = keep_days
        if types is not None:
            policy["audit_types"] = list(types)

        def undo(job, instance):
            if instance is not None:
                logs_of(instance)["policy"] = before

        job = jobs.start("GaussDBforMySQLSetAuditLogPolicy", inst, POLICY_JOB_SECONDS, on_fail=undo, busy=False)
        return {"result": "COMPLETED", "job_id": job.id}


def _ep_name(project_id, ep_id):
    # Imported here: gaussdb_quotas owns the enterprise projects and imports nothing from this module.
    from tests.emulator.huawei.gaussdb_quotas import enterprise_project_name
    return enterprise_project_name(project_id, ep_id)


FAMILY = GaussLogsFamily
