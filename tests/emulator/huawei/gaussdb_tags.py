"""Tags (seed 002 4.9.1-4.9.3). Tags change at once (no job); they are metadata, so no busy check."""
from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.store import gauss, get_instance


class GaussTagsFamily(HuaweiFamily):
    name = "gaussdb-tags"

    def register(self, app, ctx):
        ctx.route(self, "GET", "/v3/{project_id}/instances/{instance_id}/tags", self.instance_tags)
        ctx.route(self, "GET", "/v3/{project_id}/tags", self.project_tags)
        ctx.route(self, "POST", "/v3/{project_id}/instances/{instance_id}/tags/action", self.tag_action)

    def instance_tags(self, project_id, instance_id):
        """4.9.1 Tags of an instance (offset/limit)."""
        offset, limit = rules.paging(request.args)
        tags = [{"key": k, "value": v} for k, v in get_instance(project_id, instance_id).tags.items()]
        return {"total_count": len(tags), "tags": tags[offset:offset + limit]}

    def project_tags(self, project_id):
        """4.9.2 All tag keys of the project's instances with their values."""
        offset, limit = rules.paging(request.args)
        keys = {}
        for inst in gauss().in_project(project_id):
            for key, value in inst.tags.items():
                values = keys.setdefault(key, [])
                if value not in values:
                    values.append(value)
        tags = [{"key": k, "values": v} for k, v in sorted(keys.items())]
        return {"total_count": len(tags), "tags": tags[offset:offset + limit]}

    def tag_action(self, project_id, instance_id):
        """4.9.3 Batch add (create: an existing key gets the new value) or delete (by key, or key+value).

        No response body is documented; we answer 200 {}.
        """
        data = json_body()
        action = data.get("action")
        if action not in ("create", "delete"):
            raise param_error("action must be create or delete.")
        if not isinstance(data.get("tags"), list) or not data["tags"]:
            raise param_error("tags must be a non-empty list.")
        pairs = rules.check_tags(data["tags"], require_value=(action == "create"), limit=rules.TAG_QUOTA)
        inst = get_instance(project_id, instance_id)
        if action == "create":
            new_keys = {pair[0] for pair in pairs if pair[0] not in inst.tags}
            if len(inst.tags) + len(new_keys) > rules.TAG_QUOTA:
                raise api_error("DBS.200087")
            inst.tags.update(pairs)
        else:
            for key, value in pairs:
                if key in inst.tags and (value is None or inst.tags[key] == value):
                    del inst.tags[key]
        inst.touch(current_ctx().now())
        return {}


FAMILY = GaussTagsFamily
