"""Engine versions (seed 002 4.1.1) and flavors (4.2.1), plus the static catalog the other modules use."""
import uuid

from flask import request

from tests.emulator.huawei.auth import region_of
from tests.emulator.huawei.errors import api_error
from tests.emulator.huawei.family import HuaweiFamily

DATASTORE_TYPE = "gaussdb-mysql"
# Oldest first; the last one is what new instances get and what 4.3.27 reports as latest.
DATASTORES = [
    {"id": "87620726-6802-46c0-9028-a8785e1f1921", "name": "8.0", "version": "8.0.22", "kernel_version": "2.0.28.18"},
    {"id": "b5c0d7a1-47ba-4c5e-9d0c-5f2a8f0c1e01", "name": "8.0", "version": "8.0.22", "kernel_version": "2.0.51.240300"},
]
LATEST_KERNEL = DATASTORES[-1]["kernel_version"]

AVAILABILITY_ZONES = {
    "cn-north-4": ["cn-north-4a", "cn-north-4b", "cn-north-4c", "cn-north-4g"],
    "cn-east-3": ["cn-east-3a", "cn-east-3b", "cn-east-3c", "cn-east-3d"],
}

_SIZES = [("medium", 1), ("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32),
          ("16xlarge", 64)]


def _flavors():
    flavors = {}
    for arch, ratios in (("x86", (4, 8)), ("arm", (4, 8))):
        for size, vcpus in _SIZES:
            if size == "medium" and arch == "arm":
                continue
            for ratio in ratios:
                code = f"gaussdb.mysql.{size}.{arch}.{ratio}"
                flavors[code] = {"vcpus": str(vcpus), "ram": str(vcpus * ratio), "spec_code": code,
                                 "type": "generalX86" if size == "medium" else arch,
                                 "id": str(uuid.uuid5(uuid.NAMESPACE_URL, code))}
    return flavors


FLAVORS = _flavors()
# A little realism: the biggest x86 flavor is sold out in one AZ of each region.
SOLD_OUT = {("gaussdb.mysql.16xlarge.x86.8", "cn-north-4b"), ("gaussdb.mysql.16xlarge.x86.8", "cn-east-3b")}


# One dedicated resource pool per project (4.3.10/4.3.11), usable as dedicated_resource_id.
def dedicated_pool(project_id):
    pool_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "dedicated-pool-" + project_id))
    region = region_of(project_id)
    return {"id": pool_id, "resource_name": "emulator-dcc", "engine_name": DATASTORE_TYPE, "architecture": "x86",
            "status": "NORMAL", "capacity": {"ram": 1024, "volume": 10000000, "vcpus": 256},
            "availability_zone": AVAILABILITY_ZONES.get(region, [])[:2]}


def az_status(spec_code, region):
    return {az: "sellout" if (spec_code, az) in SOLD_OUT else "normal" for az in AVAILABILITY_ZONES.get(region, [])}


def max_connections(spec_code):
    return str(min(100000, int(FLAVORS[spec_code]["ram"]) * 1000 // 2 + 500))


class GaussMetaFamily(HuaweiFamily):
    name = "gaussdb-meta"

    def register(self, app, ctx):
        ctx.route(self, "GET", "/v3/{project_id}/datastores/{database_name}", self.datastores)
        ctx.route(self, "GET", "/v3/{project_id}/flavors/{database_name}", self.flavors)

    def datastores(self, project_id, database_name):
        """4.1.1 Query database engine versions (the engine name is case-insensitive)."""
        if database_name.lower() != DATASTORE_TYPE:
            raise api_error("DBS.200040", f"Unsupported engine {database_name}.")
        return {"datastores": [dict(d) for d in DATASTORES]}

    def flavors(self, project_id, database_name):
        """4.2.1 Query database flavors. The seed documents status 202 for this read; we answer 202."""
        if database_name.lower() != DATASTORE_TYPE:
            raise api_error("DBS.200040", f"Unsupported engine {database_name}.")
        mode = request.args.get("availability_zone_mode")
        if mode not in ("single", "multi"):
            raise api_error("DBS.280260", "availability_zone_mode must be single or multi.")
        version = request.args.get("version_name", "8.0")
        if version != "8.0":
            raise api_error("DBS.200041", "Only version 8.0 is supported.")
        spec = request.args.get("spec_code")
        region = region_of(project_id)
        flavors = [dict(f, version_name=version, instance_mode="Cluster", az_status=az_status(code, region))
                   for code, f in FLAVORS.items() if spec is None or code == spec]
        return {"flavors": flavors}, 202


FAMILY = GaussMetaFamily
