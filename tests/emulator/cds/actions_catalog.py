"""Catalog actions: DescribeRegions, DescribeAvailableDBConfig, DescribeModifiableDBSpec,
DescribeAvailableReadOnlyConfig, DescribeDbPrivileges (reference 5.1, 5.2, 5.5, 5.13, 5.19)."""
from . import catalog
from .errors import envelope, invalid, unsupported
from .params import req_str
from .registry import action
from .views import get_any, get_instance

PRIVILEGES = {
    "ReadOnly": "SELECT,LOCK TABLES,SHOW VIEW",
    "DMLOnly": "SELECT,INSERT,UPDATE,DELETE,CREATE TEMPORARY TABLES,LOCK TABLES,EXECUTE,SHOW VIEW,"
               "EVENT,TRIGGER",
    "DDLOnly": "CREATE,DROP,INDEX,ALTER,CREATE TEMPORARY TABLES,LOCK TABLES,CREATE VIEW,SHOW VIEW,"
               "CREATE ROUTINE,ALTER ROUTINE",
    "ReadWrite": "SELECT,INSERT,UPDATE,DELETE,CREATE,DROP,INDEX,ALTER,CREATE TEMPORARY TABLES,"
                 "LOCK TABLES,EXECUTE,CREATE VIEW,SHOW VIEW,CREATE ROUTINE,ALTER ROUTINE,EVENT,TRIGGER",
}


@action("DescribeRegions", "GET", "catalog")
def describe_regions(ctx):
    return envelope(catalog.regions_data())


@action("DescribeAvailableDBConfig", "GET", "catalog")
def describe_available_db_config(ctx):
    region = req_str(ctx.params, "RegionId")
    if region not in catalog.REGION_IDS:
        raise invalid("Unknown RegionId %s" % region)
    return envelope(catalog.available_config(region), task_id="")


@action("DescribeModifiableDBSpec", "GET", "catalog")
def describe_modifiable_db_spec(ctx):
    obj = get_any(ctx.store, req_str(ctx.params, "InstanceUuid"))
    spec = catalog.SPECS[obj["_goods_id"]]
    disk = dict(catalog.DISK_TYPES[obj["_disk_type"]])
    disk["DiskMin"] = obj["_disks"]
    return envelope({
        "ProductName": "mysql", "RegionId": spec["region"],
        "CpuRam": [r for r in catalog.cpu_ram_rows(spec["region"], spec["version"], spec["arch"],
                                                     readonly=spec["readonly"])],
        "AttachDisk": [disk],
    }, task_id="")


@action("DescribeAvailableReadOnlyConfig", "GET", "catalog")
def describe_available_readonly_config(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    spec = catalog.SPECS[inst["_goods_id"]]
    if spec["arch"] != 1:
        raise unsupported("Read-only instances need the high-availability edition")
    return envelope({
        "ArchitectureName": "主从版", "SubProductName": "MySQL 只读实例", "Version": spec["version"],
        "ComputeRoles": [{"ComputeName": "通用型", "ComputeType": 0, "Standards": {
            "CpuRam": catalog.cpu_ram_rows(spec["region"], spec["version"], 1, readonly=True),
            "AttachDisk": [dict(d) for d in catalog.DISKS]}}],
    }, message="获取只读规格列表成功。", task_id="")


@action("DescribeDbPrivileges", "GET", "catalog")
def describe_db_privileges(ctx):
    return envelope(dict(PRIVILEGES), task_id="")
