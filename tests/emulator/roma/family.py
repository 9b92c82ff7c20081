"""ROMA Connect instances and their creation progress (seed 004: GET /v2/{projectId}/instances/{instanceId}/process).

The seed documents only the progress query. Instances come from the admin seed
(`{"roma_instances": N, "roma_state": "creating" | "running" | "failed"}`); a creating instance
advances with the emulator's clock (600 s x time_scale in all, its sub-services one after the other).
Readings chosen where seed 004 is silent:
- the outer `status` is the lower-case form of the instance status (`creating`, `running`,
  `create_failed`); the seed's only example shows `creating`;
- the error body is the Huawei `{"error_code", "error_msg"}` shape; seed 004 refers to an error-code
  page it does not include, so the codes below (`ROMA.00110002` unknown instance) are our own.
"""
import uuid

from tests.emulator.core import HttpError, current_ctx
from tests.emulator.huawei import auth
from tests.emulator.huawei.family import HuaweiFamily

CREATION_SECONDS = 600.0
SERVICES = ("mqs", "lvs", "apic", "fdi")
DEFAULT_PROJECT_ID = "0123456789abcdef0123456789abcdef"


def _ms(seconds):
    return int(seconds * 1000)


class RomaFamily(HuaweiFamily):
    name = "roma"
    prefixes = ("/v2/",)

    def register(self, app, ctx):
        ctx.route(self, "GET", "/v2/{projectId}/instances/{instanceId}/process", self.process)

    def authenticate(self, view_args):
        return auth.authenticate(view_args.get("projectId"))

    def _instances(self):
        return self.ctx.state.setdefault("roma_instances", {})

    def seed(self, spec):
        count = int(spec.get("roma_instances", 0))
        state = spec.get("roma_state", "running")
        if state not in ("creating", "running", "failed"):
            raise ValueError("roma_state must be creating, running or failed")
        now = self.ctx.now()
        ids = []
        for n in range(count):
            instance_id = str(uuid.uuid4())
            started = now if state == "creating" else now - 3600
            self._instances()[instance_id] = {
                "id": instance_id, "name": spec.get("name_prefix", "roma") + "-%04d" % (n + 1),
                "project_id": spec.get("project_id", DEFAULT_PROJECT_ID), "started": started,
                "fails": state == "failed", "spec_code": "roma.basic.001"}
            ids.append(instance_id)
        return {"roma_instances": ids} if ids else {}

    def process(self, projectId, instanceId):  # noqa: N803 - names as in the reference
        """Seed 004: creation progress of one instance, overall and per sub-service."""
        inst = self._instances().get(instanceId)
        if inst is None or inst["project_id"] != projectId:
            raise HttpError(404, {"error_code": "ROMA.00110002",
                                  "error_msg": "The instance %s does not exist." % instanceId})
        ctx = current_ctx()
        now = ctx.now()
        total = max(ctx.scaled(CREATION_SECONDS), 0.001)
        elapsed = now - inst["started"]
        share = total / len(SERVICES)
        items = []
        for index, service in enumerate(SERVICES):
            begin = inst["started"] + index * share
            done = min(1.0, max(0.0, (now - begin) / share))
            failed = inst["fails"] and index == len(SERVICES) - 1 and done >= 1.0
            items.append({
                "name": service, "start_time": _ms(begin) if now >= begin else 0,
                "end_time": _ms(begin + share) if done >= 1.0 else 0,
                "status": "failed" if failed else ("success" if done >= 1.0 else "creating"),
                "taken_time": int(max(0.0, min(now, begin + share) - begin)) if now >= begin else 0,
                "progress": int(done * 100),
                "error_msg": "resource allocation failed" if failed else "",
                "error_code": "ROMA.00110500" if failed else ""})
        finished = elapsed >= total
        status = ("CREATE_FAILED" if inst["fails"] else "RUNNING") if finished else "CREATING"
        progress = 100 if finished and not inst["fails"] else min(99, int(elapsed / total * 100))
        instance = {
            "instanceId": inst["id"], "name": inst["name"], "status": status,
            "connectAddress": "192.168.0.10" if status == "RUNNING" else None, "type": "basic",
            "productId": "00300-30101-0--0", "specCode": inst["spec_code"], "chargingMode": 1,
            "errorCode": "ROMA.00110500" if status == "CREATE_FAILED" else None,
            "errorMessage": "resource allocation failed" if status == "CREATE_FAILED" else None,
            "tenantId": inst["project_id"], "createdAt": _ms(inst["started"]), "updatedAt": _ms(now),
            "availableZones": '["az0.dc0"]', "maintainBegin": "22:00:00", "maintainEnd": "02:00:00",
            "publicipBounded": False, "ipv6Enable": False, "scope": "center", "cpuArch": "x86_64",
            "demondPay": True, "prePay": False, "epId": "0", "epIdOrDefault": "0"}
        return {"instance": instance, "currentTime": _ms(now), "instance_id": inst["id"], "name": inst["name"],
                "start_time": _ms(inst["started"]), "taken_time": int(min(elapsed, total)),
                "end_time": _ms(inst["started"] + total) if finished else 0, "progress": progress,
                "status": status.lower(), "item": items}


FAMILY = RomaFamily
