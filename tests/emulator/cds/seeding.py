"""Ready-made resources for /_emulator/seed (``cds_instances``, ``cds_readonly_per_instance``,
``cds_name_prefix``)."""
from tests.emulator.engine import cds as engine
from tests.emulator.engine import work_error

from . import catalog
from .actions_instance import new_instance
from .store import new_id
from .views import fmt

SEED_REGION = "CN_Beijing_A"


def seed(store, instances=0, readonly_per_instance=0, name_prefix="seed-mysql", engines=False):
    """Create ``instances`` RUNNING HA MySQL 8.0 instances (2C4G, 100 GB SSD) named
    ``<name_prefix>-001``... at once, each with ``readonly_per_instance`` RUNNING read-only
    instances (``<name>-ro1``...). With ``engines`` (and --engine mariadb) each gets a MariaDB server.
    Returns the new instance uuids."""
    goods_id = catalog.find_goods_id(SEED_REGION, "8.0", 1, 2, 4)
    ro_goods_id = catalog.find_goods_id(SEED_REGION, "8.0", 1, 2, 4, readonly=True)
    vdc_id, pipe_id = new_id(), new_id()
    created, works = [], []
    with store.lock:
        taken = set(i["InstanceName"] for i in store.instances.values())
        number = 0
        for _ in range(instances):
            number += 1
            while "%s-%03d" % (name_prefix, number) in taken:
                number += 1
            inst = new_instance(store, "%s-%03d" % (name_prefix, number), SEED_REGION, goods_id,
                                "ssd_disk", 100, vdc_id=vdc_id, pipe_id=pipe_id, status="RUNNING")
            inst["Tags"] = [{"TagID": new_id(), "TagName": "seed"}]
            if engines:
                works.append(engine.provision(inst))
            for r in range(readonly_per_instance):
                now = store.now()
                ro = {
                    "ServiceId": new_id(), "ServiceName": "%s-ro%d" % (inst["InstanceName"], r + 1),
                    "Status": None, "StatusStr": None, "Ip": store.alloc_ip(), "Port": 3306,
                    "Cpu": 2, "Ram": 4096, "CreateTime": fmt(now + r), "InpaasId": new_id(),
                    "Locked": 0, "ResourceId": new_id(), "SvcType": "mysql-readonly",
                    "_primary": inst["InstanceUuid"], "_goods_id": ro_goods_id,
                    "_disk_type": "ssd_disk", "_disks": 100, "_created": now, "_started": now,
                    "_due": now,
                }
                store.set_status(ro, "RUNNING")
                if engines:
                    works.append(engine.provision_readonly(inst, ro))
                    ro["Ip"] = engine.engine_ip(ro) or ro["Ip"]
                store.readonly[ro["ServiceId"]] = ro
            created.append(inst["InstanceUuid"])
    errors = [e for e in map(work_error, works) if e]
    if errors:
        raise ValueError("engine: %s" % errors[0])
    return created
