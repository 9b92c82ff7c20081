"""Parameter templates and instance parameters of GaussDB(for MySQL) (seed 002 section 4.5).

State: templates per project (``project_data[pid]["configurations"]``: id -> record, the service's default
template included); an instance's own values in ``inst.ext["parameters"]``, started from the template the
instance was created with (``inst.configuration_id``, the default one when empty). Changes apply at once and
are answered with a job (4.5.5, 4.5.6, 4.5.12); a change of a parameter that needs a restart sets the nodes'
``need_restart`` (4.3.32), which a later restart of the instance or node clears.

Choices where the seed is silent (README "Parameters"):
- Error codes: unknown parameter DBS.212012, bad value DBS.200461, read-only parameter or default template
  DBS.212003, template not found 404 DBS.212001, name taken DBS.212017, template quota DBS.212002.
- 4.5.10 (modify history) of a template id lists the template's own changes and the instance parameter
  changes of the instances that use it (the reference takes the id from the instance details).
- Job names are ours: ModifyGaussDBforMySQLParameterTemplate, ApplyGaussDBforMySQLParameterTemplate,
  ModifyGaussDBforMySQLParameters.
"""
import re
import uuid

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.engine import gaussdb as engine
from tests.emulator.huawei import gaussdb_params_catalog as catalog
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei import jobs
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.store import fmt_time, gauss, get_instance, instance_busy_guard

DEFAULT_TEMPLATE_ID = "3bc1e9cc0d34404b9225ed7a58fb284epr07"   # the default template of 4.5.1's example
DEFAULT_TEMPLATE_NAME = "Default-GaussDBforMySQL"
DATASTORE_NAME = "GaussDB(for MySQL)"
TEMPLATE_QUOTA = 100
CHANGE_SECONDS = 10
REBOOT_JOB = "RebootGaussDBforMySQLInstance"
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_DESCRIPTION_FORBIDDEN = "!<\"='>&\r\n"


# -- state ----------------------------------------------------------------------------------------------------------
def templates(project_id):
    store = gauss().project(project_id).setdefault("configurations", {})
    if DEFAULT_TEMPLATE_ID not in store:
        store[DEFAULT_TEMPLATE_ID] = _record(DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_NAME,
                                             "Default parameter template for GaussDBforMySQL", "8.0",
                                             catalog.defaults(), user_defined=False,
                                             now=1558928331.0)  # 4.5.1 example: 2019-05-27T03:38:51
    return store


def _record(tid, name, description, version, values, user_defined=True, now=None):
    now = current_ctx().now() if now is None else now
    return {"id": tid, "name": name, "description": description, "version": version, "values": dict(values),
            "user_defined": user_defined, "created": now, "updated": now, "history": [], "applied": []}


def template(project_id, tid):
    record = templates(project_id).get(tid)
    if record is None:
        raise api_error("DBS.212001", f"Parameter template {tid}.")
    return record


def creation_template(project_id, configuration_id):
    """4.3.1 configuration_id: a template of the project (404 DBS.212001), the default one when not given."""
    if not configuration_id:
        return DEFAULT_TEMPLATE_ID
    template(project_id, configuration_id)
    return configuration_id


def instance_values(inst):
    """The instance's parameters, started from its creation template on first use."""
    state = inst.ext.get("parameters")
    if state is None:
        store = templates(inst.project_id)
        if not inst.configuration_id:
            inst.configuration_id = DEFAULT_TEMPLATE_ID
        values = catalog.defaults()
        if inst.configuration_id in store:
            values.update(store[inst.configuration_id]["values"])
        values["lower_case_table_names"] = str(inst.lower_case_table_names)
        state = inst.ext["parameters"] = {"values": values, "created": inst.created, "updated": inst.created,
                                          "history": []}
    return state


def _history(old, new, now, applied):
    return [{"parameter_name": name, "old_value": old.get(name, ""), "new_value": value, "update_result": "SUCCESS",
             "is_applied": applied, "updated": fmt_time(now), "applied": fmt_time(now) if applied else ""}
            for name, value in new.items() if old.get(name) != value]


def set_instance_values(inst, values, now):
    """Apply ``values`` to the instance; returns whether a changed parameter needs a restart."""
    state = instance_values(inst)
    changed = {k: v for k, v in values.items() if state["values"].get(k) != v}
    state["history"][:0] = _history(state["values"], changed, now, True)
    state["values"].update(changed)
    state["updated"] = now
    engine.apply_parameters(inst, changed)   # --engine mariadb: SET GLOBAL and my.cnf on every node
    needs = any(catalog.PARAMETERS[k]["restart_required"] for k in changed)
    if needs:
        for node in inst.nodes.values():
            node.need_restart = True
        inst.ext["restart_pending_since"] = now
    return needs


def clear_restarted(ctx):
    """Ticker: a completed restart after a restart-requiring change clears the nodes' need_restart."""
    store = ctx.state.get("gaussdb")
    engine = ctx.state.get("jobs")
    if store is None or engine is None:
        return
    for inst in store.instances.values():
        since = inst.ext.get("restart_pending_since")
        if since is None:
            continue
        for job in engine.jobs.values():
            if job.instance_id == inst.id and job.name == REBOOT_JOB and job.status == "Completed" \
                    and job.created >= since:
                for node_id in job.node_ids:
                    if node_id in inst.nodes:
                        inst.nodes[node_id].need_restart = False
        if not any(n.need_restart for n in inst.nodes.values()):
            inst.ext.pop("restart_pending_since", None)


def _project_job(name, project_id, seconds):
    """A job of no instance (template changes), visible and ending like any other."""
    ctx = current_ctx()
    now = ctx.now()
    job = jobs.Job(id=str(uuid.uuid4()), name=name, project_id=project_id, instance_id="", instance_name="",
                   created=now, ends=now + ctx.scaled(seconds),
                   visible_at=now + ctx.scaled(ctx.config["job_visible_after"]), busy=False)
    jobs.engine(ctx).add(job)
    return job


# -- input rules ------------------------------------------------------------------------------------------------
def check_name(project_id, name, exclude=None):
    if not isinstance(name, str) or not _NAME.match(name):
        raise param_error(f"Invalid parameter template name {name!r}: 1-64 letters, digits, '-', '_' or '.'.")
    if any(t["name"] == name and t["id"] != exclude for t in templates(project_id).values()):
        raise api_error("DBS.212017", f"A parameter template named {name!r} already exists.")
    return name


def check_description(description):
    if description is None:
        return ""
    if not rules.text_fits(description, 256, _DESCRIPTION_FORBIDDEN):
        raise param_error("Invalid description: at most 256 characters, no line break and none of !<\"='>&.")
    return description


def _new_template(project_id, name, description, version, values):
    store = templates(project_id)
    if sum(1 for t in store.values() if t["user_defined"]) >= TEMPLATE_QUOTA:
        raise api_error("DBS.212002")
    record = _record(uuid.uuid4().hex + "pr07", name, description, version, values)
    store[record["id"]] = record
    return record


def _summary(record):
    """ConfigurationSummary (4.5.1)."""
    return {"id": record["id"], "name": record["name"], "description": record["description"],
            "datastore_version_name": record["version"], "datastore_name": DATASTORE_NAME,
            "created": fmt_time(record["created"]), "updated": fmt_time(record["updated"]),
            "user_defined": record["user_defined"]}


def _summary2(record):
    """ConfigurationSummary2 (4.5.2, 4.5.4)."""
    return {"id": record["id"], "name": record["name"], "description": record["description"],
            "datastore": {"type": "gaussdb-mysql", "version": record["version"]},
            "created": fmt_time(record["created"]), "updated": fmt_time(record["updated"])}


def _page(items, key, default_limit=100):
    offset, limit = rules.paging(request.args, default_limit=default_limit)
    return {key: items[offset:offset + limit], "total_count": len(items)}


# -- the family ---------------------------------------------------------------------------------------------------
class GaussParamsFamily(HuaweiFamily):
    name = "gaussdb-params"

    def register(self, app, ctx):
        base = "/v3/{project_id}/configurations"
        inst = "/v3/{project_id}/instances/{instance_id}/configurations"
        for method, path, view in (
                ("GET", base, self.list), ("POST", base, self.create),
                ("DELETE", base + "/{configuration_id}", self.delete),
                ("GET", base + "/{configuration_id}", self.show),
                ("PUT", base + "/{configuration_id}", self.update),
                ("PUT", base + "/{configuration_id}/apply", self.apply),
                ("POST", base + "/{configuration_id}/copy", self.copy),
                ("POST", base + "/comparison", self.compare),
                ("GET", base + "/{configuration_id}/applicable-instances", self.applicable),
                ("GET", base + "/{configuration_id}/modify-history", self.modify_history),
                ("GET", inst, self.instance_list), ("PUT", inst, self.instance_update),
                ("POST", inst + "/{configuration_id}/copy", self.instance_copy),
                ("GET", base + "/{config_id}/apply-history", self.apply_history)):
            ctx.route(self, method, path, view)
        ctx.add_ticker(clear_restarted)

    # -- templates ------------------------------------------------------------------------------------------
    def list(self, project_id):
        """4.5.1: default and user templates."""
        records = sorted(templates(project_id).values(), key=lambda t: (t["user_defined"], t["created"]))
        return _page([_summary(t) for t in records], "configurations")

    def create(self, project_id):
        """4.5.2: 200 {configurations}; values must be valid parameters of the version."""
        data = json_body()
        rules.required(data, "name")
        name = check_name(project_id, data["name"])
        description = check_description(data.get("description"))
        datastore = data.get("datastore") or {"type": "gaussdb-mysql", "version": "8.0"}
        if not isinstance(datastore, dict) or str(datastore.get("type", "")).lower() != "gaussdb-mysql":
            raise api_error("DBS.212008")
        if datastore.get("version") != "8.0":
            raise api_error("DBS.212007", f"Version {datastore.get('version')!r}.")
        values = catalog.defaults()
        values.update(catalog.check_values(data.get("parameter_values") or {}))
        record = _new_template(project_id, name, description, "8.0", values)
        return {"configurations": _summary2(record)}

    def delete(self, project_id, configuration_id):
        """4.5.3: user templates only."""
        record = template(project_id, configuration_id)
        if not record["user_defined"]:
            raise api_error("DBS.212003", "The default parameter template cannot be deleted.")
        del templates(project_id)[configuration_id]
        return {"configuration_id": record["id"], "configuration_name": record["name"]}

    def show(self, project_id, configuration_id):
        """4.5.4: the template with every parameter value."""
        record = template(project_id, configuration_id)
        return {"configurations": _summary2(record), "parameter_values": dict(record["values"])}

    def update(self, project_id, configuration_id):
        """4.5.5: name, description and/or values (not all empty); 200 {job_id}."""
        record = template(project_id, configuration_id)
        data = json_body()
        if all(data.get(k) in (None, "", {}) for k in ("name", "description", "parameter_values")):
            raise api_error("DBS.05000018")
        if not record["user_defined"]:
            raise api_error("DBS.212003", "The default parameter template cannot be changed.")
        name = check_name(project_id, data["name"], exclude=record["id"]) if data.get("name") else None
        description = check_description(data.get("description")) if data.get("description") is not None else None
        values = catalog.check_values(data.get("parameter_values") or {}, record["values"])
        now = current_ctx().now()
        record["history"][:0] = _history(record["values"], values, now, False)
        record["values"].update(values)
        if name:
            record["name"] = name
        if description is not None:
            record["description"] = description
        record["updated"] = now
        return {"job_id": _project_job("ModifyGaussDBforMySQLParameterTemplate", project_id, CHANGE_SECONDS).id}

    def apply(self, project_id, configuration_id):
        """4.5.6: instance_ids (at most 10). The reference's example sends one id as a string: accepted too."""
        record = template(project_id, configuration_id)
        ids = json_body().get("instance_ids")
        ids = [ids] if isinstance(ids, str) else ids
        if not isinstance(ids, list) or not ids or len(ids) > 10 or not all(isinstance(i, str) for i in ids):
            raise param_error("instance_ids must list 1 to 10 instance ids.")
        targets = [get_instance(project_id, i) for i in dict.fromkeys(ids)]
        for inst in targets:
            instance_busy_guard(inst)
            if inst.datastore.get("version") != record["version"]:
                raise api_error("DBS.212008", f"Instance {inst.id} runs another version.")
        now = current_ctx().now()
        first = None
        for inst in targets:
            values = {k: v for k, v in record["values"].items() if not catalog.PARAMETERS[k]["readonly"]}
            set_instance_values(inst, values, now)
            inst.configuration_id = record["id"]
            record["applied"].insert(0, {"target_id": inst.id, "target_name": inst.name, "apply_result": "SUCCESS",
                                         "applied_at": int(now * 1000)})
            job = jobs.start("ApplyGaussDBforMySQLParameterTemplate", inst, CHANGE_SECONDS)
            first = first or job
        return {"job_id": first.id}

    def copy(self, project_id, configuration_id):
        """4.5.7: 200 {configuration_id}."""
        source = template(project_id, configuration_id)
        data = json_body()
        rules.required(data, "name")
        record = _new_template(project_id, check_name(project_id, data["name"]),
                               check_description(data.get("description")), source["version"], source["values"])
        return {"configuration_id": record["id"]}

    def compare(self, project_id):
        """4.5.8: the parameters whose values differ."""
        data = json_body()
        rules.required(data, "source_configuration_id", "target_configuration_id")
        source = template(project_id, data["source_configuration_id"])
        target = template(project_id, data["target_configuration_id"])
        names = sorted(set(source["values"]) | set(target["values"]))
        return {"differences": [{"parameter_name": n, "source_value": source["values"].get(n, ""),
                                 "target_value": target["values"].get(n, "")}
                                for n in names if source["values"].get(n) != target["values"].get(n)]}

    def applicable(self, project_id, configuration_id):
        """4.5.9: ready instances of the template's engine version."""
        record = template(project_id, configuration_id)
        found = [{"instance_id": i.id, "instance_name": i.name} for i in gauss().in_project(project_id)
                 if i.datastore.get("version") == record["version"] and i.status not in ("BUILD", "FAILED")]
        return _page(found, "instances")

    def modify_history(self, project_id, configuration_id):
        """4.5.10: the template's changes and those of the instances using it, newest first."""
        record = template(project_id, configuration_id)
        entries = list(record["history"])
        for inst in gauss().in_project(project_id):
            if inst.configuration_id == configuration_id and "parameters" in inst.ext:
                entries.extend(inst.ext["parameters"]["history"])
        entries.sort(key=lambda h: h["updated"], reverse=True)
        return _page(entries, "histories")

    def apply_history(self, project_id, config_id):
        """4.5.14 (total_count is typed String in the table; a number as in the example and the SDK)."""
        return _page(list(template(project_id, config_id)["applied"]), "histories", default_limit=10)

    # -- instance parameters ---------------------------------------------------------------------------------
    def instance_list(self, project_id, instance_id):
        """4.5.11. The configurations object reports datastore taurus 2.0, as the reference's table says."""
        inst = get_instance(project_id, instance_id)
        state = instance_values(inst)
        items = [catalog.item_view(n, v) for n, v in sorted(state["values"].items())]
        page = _page(items, "parameter_values")
        page["configurations"] = {"datastore_version_name": "2.0", "datastore_name": "taurus",
                                  "created": fmt_time(state["created"]), "updated": fmt_time(state["updated"])}
        return page

    def instance_update(self, project_id, instance_id):
        """4.5.12: 200 {job_id, restart_required}."""
        inst = get_instance(project_id, instance_id)
        values = json_body().get("parameter_values")
        if values in (None, {}):
            raise api_error("DBS.05000018")
        values = catalog.check_values(values, instance_values(inst)["values"])
        instance_busy_guard(inst)
        restart = set_instance_values(inst, values, current_ctx().now())
        job = jobs.start("ModifyGaussDBforMySQLParameters", inst, CHANGE_SECONDS)
        return {"job_id": job.id, "restart_required": restart}

    def instance_copy(self, project_id, instance_id, configuration_id):
        """4.5.13: a template holding the instance's current values; configuration_id is the instance's own."""
        inst = get_instance(project_id, instance_id)
        state = instance_values(inst)
        if configuration_id != inst.configuration_id:
            raise api_error("DBS.212005", f"Instance {inst.id} uses parameter group {inst.configuration_id}.")
        data = json_body()
        rules.required(data, "name")
        record = _new_template(project_id, check_name(project_id, data["name"]),
                               check_description(data.get("description")), inst.datastore.get("version", "8.0"),
                               state["values"])
        return {"configuration_id": record["id"]}


FAMILY = GaussParamsFamily
