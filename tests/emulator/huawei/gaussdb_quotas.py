"""Quotas and enterprise projects (seed 002 sections 4.6.1-4.6.5).

Usage is computed from the instances in the store at every call: per project the number of instances (4.6.1),
per enterprise project the instances, vCPUs and RAM (GB) of their nodes (4.6.2). Quotas are per project:
``gauss().project(pid)["ep_quotas"] = {ep_id: {"instance_quota", "vcpus_quota", "ram_quota"}}``; a quota never
set is -1 ("无限制").

Enterprise projects cannot be created through this API; every project has ``0`` (``default``) and two more
(``eps-prod``, ``eps-test``, ids derived from the project id), plus any id an instance was created with.

Readings of the reference, each a choice where it says nothing:
- 4.6.3 (POST, set) and 4.6.4 (PUT, modify) both create or replace the quotas they are given and keep the
  fields they are not given; the reference tells them apart only by name.
- "如果已经存在实例，应该大于已经存在的实例个数": a quota below the current usage is refused (400 DBS.280001);
  equal to it is accepted (a quota that allows no further instance is a legitimate setting).
- 4.6.2 lists every enterprise project of the project, with -1 for quotas never set; the "availability_*"
  fields are quota - usage, never below 0, and -1 where the quota is -1.
- The project's instance quota (4.6.1) is 1000 unless the admin API's project data says otherwise.
"""
import uuid

from flask import request

from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.store import gauss

PROJECT_INSTANCE_QUOTA = 1000
MAX_SET = 10                                     # 4.6.3/4.6.4: "一次最多设置10个"
QUOTA_FIELDS = {"instance_quota": 100000, "vcpus_quota": 2147483646, "ram_quota": 2147483646}
USAGE_OF = {"instance_quota": "instances", "vcpus_quota": "vcpus", "ram_quota": "ram"}
EXTRA_PROJECTS = (("eps-prod", "2023-03-16T01:38:13+0000"), ("eps-test", "2023-06-12T02:14:28+0000"))


def enterprise_projects(project_id):
    """[(id, name, created)]: default first, then the fixed ones, then ids only instances know."""
    items = [("0", "default", None)]
    items += [(str(uuid.uuid5(uuid.NAMESPACE_URL, f"{project_id}/{name}")), name, created)
              for name, created in EXTRA_PROJECTS]
    known = {item[0] for item in items}
    for inst in reversed(gauss().in_project(project_id)):
        if inst.enterprise_project_id not in known:
            known.add(inst.enterprise_project_id)
            items.append((inst.enterprise_project_id, f"ep-{inst.enterprise_project_id[:8]}", None))
    return items


def enterprise_project_name(project_id, ep_id):
    return next((name for eid, name, _ in enterprise_projects(project_id) if eid == ep_id), ep_id)


def usage(project_id, ep_id):
    used = {"instances": 0, "vcpus": 0, "ram": 0}
    for inst in gauss().in_project(project_id):
        if inst.enterprise_project_id == ep_id:
            used["instances"] += 1
            used["vcpus"] += int(inst.flavor["vcpus"]) * len(inst.nodes)
            used["ram"] += int(inst.flavor["ram"]) * len(inst.nodes)
    return used


def check_instance_quotas(project_id, ep_id, count=1):
    """``count`` more instances stay within the project's instance quota (4.6.1) and the enterprise
    project's (4.6.2, -1 no limit), or 413 DBS.200046 ("实例数量达到配额", appendix A): the create (4.3.1)
    and the resource pre-check (4.3.30) answer the same."""
    project_quota = gauss().project(project_id).get("project_instance_quota", PROJECT_INSTANCE_QUOTA)
    used = len(gauss().in_project(project_id))
    if used + count > project_quota:
        raise api_error("DBS.200046", f"The project has {used} of {project_quota} instances.")
    ep_quota = quotas_of(project_id).get(ep_id, {}).get("instance_quota", -1)
    ep_used = usage(project_id, ep_id)["instances"]
    if ep_quota != -1 and ep_used + count > ep_quota:
        raise api_error("DBS.200046", f"Enterprise project {ep_id} has {ep_used} of {ep_quota} instances.")


def quotas_of(project_id):
    return gauss().project(project_id).setdefault("ep_quotas", {})


def quota_view(project_id, ep_id, name):
    quota = quotas_of(project_id).get(ep_id, {})
    used = usage(project_id, ep_id)
    view = {"enterprise_project_id": ep_id, "enterprise_project_name": name}
    for field, short in (("instance", "instances"), ("vcpus", "vcpus"), ("ram", "ram")):
        value = quota.get(f"{field}_quota", -1)
        view[f"{field}_quota"] = value
        view[f"availability_{field}_quota"] = -1 if value == -1 else max(0, value - used[short])
    return view


class GaussQuotasFamily(HuaweiFamily):
    name = "gaussdb-quotas"

    def register(self, app, ctx):
        ctx.route(self, "GET", "/v3/{project_id}/project-quotas", self.project_quotas)
        ctx.route(self, "GET", "/v3/{project_id}/quotas", self.list_quotas)
        ctx.route(self, "POST", "/v3/{project_id}/quotas", self.set_quotas)
        ctx.route(self, "PUT", "/v3/{project_id}/quotas", self.set_quotas)
        ctx.route(self, "GET", "/v3/{project_id}/enterprise-projects", self.list_enterprise_projects)

    def project_quotas(self, project_id):
        """4.6.1 ?type=instance (the only type) -> {quotas: {resources: [{type, used, quota}]}}."""
        kind = request.args.get("type", "instance")
        if kind != "instance":
            raise param_error("type must be instance.")
        quota = gauss().project(project_id).get("project_instance_quota", PROJECT_INSTANCE_QUOTA)
        used = len(gauss().in_project(project_id))
        return {"quotas": {"resources": [{"type": "instance", "used": used, "quota": quota}]}}

    def list_quotas(self, project_id):
        """4.6.2 ?offset (0-10000) &limit (1-100, default 10) &enterprise_project_name -> {quota_list, total_count}."""
        offset, limit = rules.paging(request.args, default_limit=10)
        if offset > 10000:
            raise param_error("offset must be between 0 and 10000.")
        wanted = request.args.get("enterprise_project_name")
        items = [quota_view(project_id, eid, name) for eid, name, _ in enterprise_projects(project_id)
                 if wanted in (None, "", name)]
        return {"quota_list": items[offset:offset + limit], "total_count": len(items)}

    def set_quotas(self, project_id):
        """4.6.3 (POST) / 4.6.4 (PUT) quota_list [{enterprise_project_id, instance_quota?, vcpus_quota?,
        ram_quota?}] (1-10 items) -> {quota_list}: the quotas now set."""
        items = json_body().get("quota_list")
        if not isinstance(items, list):
            raise param_error("quota_list must be a list.")
        if not items:
            raise api_error("DBS.05000018")
        if len(items) > MAX_SET:
            raise param_error(f"quota_list holds at most {MAX_SET} items.")
        known = {eid for eid, _, _ in enterprise_projects(project_id)}
        changes = {}
        for item in items:
            if not isinstance(item, dict):
                raise param_error("Each quota_list item must be an object.")
            rules.required(item, "enterprise_project_id")
            ep_id = str(item["enterprise_project_id"])
            if ep_id not in known:
                raise param_error(f"Enterprise project {ep_id} does not exist.")
            if ep_id in changes:
                raise param_error(f"Enterprise project {ep_id} is given twice.")
            given = {field: item[field] for field in QUOTA_FIELDS if item.get(field) is not None}
            if not given:
                raise param_error("Give at least one of instance_quota, vcpus_quota and ram_quota.")
            used = usage(project_id, ep_id)
            for field, value in given.items():
                if isinstance(value, bool):
                    raise param_error(f"{field} must be an integer.")
                given[field] = rules.as_int(value, field, 0, QUOTA_FIELDS[field])
                if given[field] < used[USAGE_OF[field]]:
                    raise param_error(f"{field} {given[field]} is below what enterprise project {ep_id} already uses "
                                      f"({used[USAGE_OF[field]]}).")
            changes[ep_id] = given
        quotas = quotas_of(project_id)
        for ep_id, given in changes.items():
            quotas.setdefault(ep_id, {}).update(given)
        return {"quota_list": [{"enterprise_project_id": ep_id,
                                **{field: quotas[ep_id].get(field, -1) for field in QUOTA_FIELDS}}
                               for ep_id in changes]}

    def list_enterprise_projects(self, project_id):
        """4.6.5 ?offset&limit (1-100, default 100) -> {enterprise_projects, total_count}."""
        offset, limit = rules.paging(request.args, default_limit=100)
        items = [{"id": eid, "name": name, "description": None, "status": "1", "created": created,
                  "updated": created} for eid, name, created in enterprise_projects(project_id)]
        return {"enterprise_projects": items[offset:offset + limit], "total_count": len(items)}


FAMILY = GaussQuotasFamily
