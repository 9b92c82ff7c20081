"""SQL throttling ("SQL限流", seed 002 sections 4.12.1-4.12.5).

State: ``inst.ext["sql_filter"] = {"switch": "ON"|"OFF", "rules": {node_id: {sql_type: {pattern: max_concurrency}}}}``.
Rules are node-level (4.12.3 NodeSqlFilterRuleInfo). A change is validated as a whole, applied at once (a client
that reads right after the call sees it) and answered 200 with a job, as the reference shows; a job made to fail
(admin ``fail_jobs``) puts back what the change touched. Job names are ours (4.13.2 lists none for this section):
``GaussDBforMySQLSwitchSqlFilter``, ``GaussDBforMySQLSetSqlFilterRules``, ``GaussDBforMySQLDeleteSqlFilterRules``.

Readings of the reference, each a choice where it says nothing:
- 4.12.3 "设置" adds or updates the listed patterns and keeps the others (4.12.5 exists to delete them).
- sql_type is matched case-insensitively everywhere (4.12.4 says so for its query) and stored upper-case.
- Deleting a pattern that does not exist is refused (400 DBS.280001), so a client cannot believe it removed
  something that was never there.
- Rules can be set while the switch is OFF; they only take effect while it is ON (nothing to emulate there).
- The request examples write ``/instance/`` (singular); the URI lines write ``/instances/``, which we serve.
"""
import copy
import re

from flask import request

from tests.emulator.huawei import jobs
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.store import get_instance, get_node, instance_busy_guard

STATE_KEY = "sql_filter"
SQL_TYPES = ("SELECT", "UPDATE", "DELETE")      # 4.12.3-4.12.5 取值范围
MAX_KEYWORDS = 128                              # 4.12.3: "最多为128个关键字"
JOB_SECONDS = 5
_NODE_ID = re.compile(r"^[0-9a-f]{32}no07$")


def state_of(inst):
    return inst.ext.setdefault(STATE_KEY, {"switch": "OFF", "rules": {}})


def check_pattern(pattern):
    """4.12.3: keywords joined by '~' (at most 128); no '\\', ',' or '，', no '~~', not ending with '~'."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise param_error("pattern must be a non-empty string.")
    if any(c in pattern for c in "\\,，") or "~~" in pattern or pattern.endswith("~"):
        raise param_error(f"Invalid pattern {pattern!r}: no '\\', commas or '~~', and it must not end with '~'.")
    if len(pattern.split("~")) > MAX_KEYWORDS:
        raise param_error(f"Pattern {pattern!r} has more than {MAX_KEYWORDS} keywords.")
    return pattern


def check_sql_type(value):
    if not isinstance(value, str) or value.upper() not in SQL_TYPES:
        raise param_error(f"sql_type must be one of {', '.join(SQL_TYPES)}.")
    return value.upper()


def check_max_concurrency(value):
    """4.12.3: a non-negative integer (JSON number; a bool or a string is not an Integer)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise param_error(f"max_concurrency must be a non-negative integer, got {value!r}.")
    return value


def node_of(inst, node_id):
    if not isinstance(node_id, str) or not _NODE_ID.match(node_id):
        raise api_error("DBS.280404", f"node_id {node_id!r}.")
    return get_node(inst, node_id)


def _node_items(body):
    items = body.get("sql_filter_rules")
    if items is None:
        raise param_error("sql_filter_rules is required.")
    if not isinstance(items, list):
        raise param_error("sql_filter_rules must be a list.")
    if not items:
        raise api_error("DBS.05000018")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("rules"), list) or not item["rules"]:
            raise param_error("Each sql_filter_rules item needs node_id and a non-empty rules list.")
    node_ids = [item.get("node_id") for item in items]
    if len(set(map(str, node_ids))) != len(node_ids):
        raise param_error("A node_id is given more than once.")
    return items


def _unique_types(rules):
    """4.12.3: "集合的sql_type值不能重复"."""
    types = [check_sql_type(rule.get("sql_type")) if isinstance(rule, dict) else None for rule in rules]
    if None in types:
        raise param_error("Each rule must be an object with sql_type and patterns.")
    if len(set(types)) != len(types):
        raise param_error("The sql_type values of one node must be unique.")
    return types


class GaussSqlFilterFamily(HuaweiFamily):
    name = "gaussdb-sql-filter"

    def register(self, app, ctx):
        base = "/v3/{project_id}/instances/{instance_id}/sql-filter"
        ctx.route(self, "POST", base + "/switch", self.set_switch)
        ctx.route(self, "GET", base + "/switch", self.show_switch)
        ctx.route(self, "PUT", base + "/rules", self.set_rules)
        ctx.route(self, "GET", base + "/rules", self.show_rules)
        ctx.route(self, "DELETE", base + "/rules", self.delete_rules)

    @staticmethod
    def _writable(project_id, instance_id):
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        return inst, state_of(inst)

    @staticmethod
    def _job(inst, name, before):
        """Answer 200 {job_id}; a failed job restores the state from before the change."""
        def undo(job, instance):
            if instance is not None:
                instance.ext[STATE_KEY] = before

        job = jobs.start(name, inst, JOB_SECONDS, on_fail=undo, busy=False)
        return {"job_id": job.id}

    def set_switch(self, project_id, instance_id):
        """4.12.1 switch_status ON|OFF -> 200 {job_id}."""
        data = json_body()
        status = data.get("switch_status")
        if status not in ("ON", "OFF"):
            raise param_error("switch_status must be ON or OFF.")
        inst, state = self._writable(project_id, instance_id)
        before = copy.deepcopy(state)
        state["switch"] = status
        return self._job(inst, "GaussDBforMySQLSwitchSqlFilter", before)

    def show_switch(self, project_id, instance_id):
        """4.12.2 -> {switch_status}."""
        return {"switch_status": state_of(get_instance(project_id, instance_id))["switch"]}

    def set_rules(self, project_id, instance_id):
        """4.12.3 sql_filter_rules [{node_id, rules: [{sql_type, patterns: [{pattern, max_concurrency}]}]}]."""
        body = json_body()
        inst, state = self._writable(project_id, instance_id)
        changes = []
        for item in _node_items(body):
            node = node_of(inst, item.get("node_id"))
            for sql_type, rule in zip(_unique_types(item["rules"]), item["rules"]):
                patterns = rule.get("patterns")
                if not isinstance(patterns, list) or not patterns:
                    raise param_error("patterns must be a non-empty list.")
                seen = set()
                for entry in patterns:
                    if not isinstance(entry, dict):
                        raise param_error("Each pattern must be an object with pattern and max_concurrency.")
                    pattern = check_pattern(entry.get("pattern"))
                    if pattern in seen:
                        raise param_error(f"Pattern {pattern!r} is given twice for {sql_type}.")
                    seen.add(pattern)
                    changes.append((node.id, sql_type, pattern, check_max_concurrency(entry.get("max_concurrency"))))
        before = copy.deepcopy(state)
        for node_id, sql_type, pattern, limit in changes:
            state["rules"].setdefault(node_id, {}).setdefault(sql_type, {})[pattern] = limit
        return self._job(inst, "GaussDBforMySQLSetSqlFilterRules", before)

    def show_rules(self, project_id, instance_id):
        """4.12.4 ?node_id (required) &sql_type (optional, case-insensitive) -> {node_id, sql_filter_rules}."""
        inst = get_instance(project_id, instance_id)
        node_id = request.args.get("node_id")
        if not node_id:
            raise param_error("node_id is required.")
        node = node_of(inst, node_id)
        wanted = check_sql_type(request.args["sql_type"]) if request.args.get("sql_type") else None
        by_type = state_of(inst)["rules"].get(node.id, {})
        rules = [{"sql_type": sql_type,
                  "patterns": [{"pattern": p, "max_concurrency": n} for p, n in by_type[sql_type].items()]}
                 for sql_type in SQL_TYPES if by_type.get(sql_type) and wanted in (None, sql_type)]
        return {"node_id": node.id, "sql_filter_rules": rules}

    def delete_rules(self, project_id, instance_id):
        """4.12.5 sql_filter_rules [{node_id, rules: [{sql_type, patterns: [pattern]}]}] -> 200 {job_id}."""
        body = json_body()
        inst, state = self._writable(project_id, instance_id)
        targets = []
        for item in _node_items(body):
            node = node_of(inst, item.get("node_id"))
            for sql_type, rule in zip(_unique_types(item["rules"]), item["rules"]):
                patterns = rule.get("patterns")
                if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
                    raise param_error("patterns must be a non-empty list of strings.")
                have = state["rules"].get(node.id, {}).get(sql_type, {})
                for pattern in patterns:
                    if pattern not in have:
                        raise param_error(f"No {sql_type} rule {pattern!r} on node {node.id}.")
                    targets.append((node.id, sql_type, pattern))
        before = copy.deepcopy(state)
        for node_id, sql_type, pattern in targets:
            by_type = state["rules"][node_id]
            by_type[sql_type].pop(pattern, None)
            if not by_type[sql_type]:
                del by_type[sql_type]
            if not by_type:
                del state["rules"][node_id]
        return self._job(inst, "GaussDBforMySQLDeleteSqlFilterRules", before)


FAMILY = GaussSqlFilterFamily
