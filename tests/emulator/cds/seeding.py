"""Ready-made resources for /_emulator/seed (``cds_instances``, ``cds_readonly_per_instance``)."""
from . import catalog
from .actions_instance import new_instance
from .store import new_id

SEED_REGION = "CN_Beijing_A"


def seed(store, instances=0, readonly_per_instance=0):
    """Create ``instances`` RUNNING HA MySQL 8.0 instances (2C4G, 100 GB SSD) at once, each with
    ``readonly_per_instance`` RUNNING read-only instances. Returns the new instance uuids."""
    goods_id = catalog.find_goods_id(SEED_REGION, "8.0", 1, 2, 4)
    ro_goods_id = catalog.find_goods_id(SEED_REGION, "8.0", 1, 2, 4, readonly=True)
    vdc_id, pipe_id = new_id(), new_id()
    created = []
    with store.lock:
        start = len(store.instances)
        for n in range(instances):
            inst = new_instance(store, "seed-mysql-%03d" % (start + n + 1), SEED_REGION, goods_id,
                                "ssd_disk", 100, vdc_id=vdc_id, pipe_id=pipe_id, status="RUNNING")
            inst["Tags"] = [{"TagID": new_id(), "TagName": "seed"}]
            for r in range(readonly_per_instance):
                now = store.now()
                ro = {
                    "ServiceId": new_id(), "ServiceName": "%s-ro%d" % (inst["InstanceName"], r + 1),
                    "Status": None, "StatusStr": None, "Ip": store.alloc_ip(), "Port": 3306,
                    "Cpu": 2, "Ram": 4096, "CreateTime": inst["CreatedTime"], "InpaasId": new_id(),
                    "Locked": 0, "ResourceId": new_id(), "SvcType": "mysql-readonly",
                    "_primary": inst["InstanceUuid"], "_goods_id": ro_goods_id,
                    "_disk_type": "ssd_disk", "_disks": 100, "_created": now, "_started": now,
                    "_due": now,
                }
                store.set_status(ro, "RUNNING")
                store.readonly[ro["ServiceId"]] = ro
            created.append(inst["InstanceUuid"])
    return created
