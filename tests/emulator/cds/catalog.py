"""Sales catalog: regions, specs (PaasGoodsId) and disk types (reference 5.1, 5.2, 5.5, 5.19)."""
import uuid

from .errors import invalid

# (RegionId, RegionName, CityName, SiteName, IsSaling)
REGIONS = [
    ("CN_Beijing_A", "中国大陆", "北京", "北京1", 1),
    ("CN_Beijing_B", "中国大陆", "北京", "北京2", 1),
    ("CN_Beijing_C", "中国大陆", "北京", "北京3", 1),
    ("CN_Beijing_E", "中国大陆", "北京", "北京5", 1),
    ("CN_Beijing_H", "中国大陆", "北京", "北京8", 1),
    ("CN_Shanghai_A", "中国大陆", "上海", "上海1", 1),
    ("CN_Guangzhou_A", "中国大陆", "广州", "广州1", 1),
    ("CN_Wuxi_A", "中国大陆", "无锡", "无锡1", 1),
    ("CN_Hongkong_A", "亚太地区", "香港", "香港1", 1),
    ("CN_Taipei_A", "亚太地区", "台北", "台北1", 0),
    ("APAC_Tokyo_A", "亚太地区", "东京", "东京1", 1),
    ("APAC_Seoul_A", "亚太地区", "首尔", "首尔1", 1),
    ("APAC_Singapore_A", "亚太地区", "新加坡", "新加坡1", 1),
    ("US_LosAngeles_A", "欧美地区", "洛杉矶", "洛杉矶1", 1),
    ("US_NewYork_A", "欧美地区", "纽约", "纽约1", 1),
    ("US_Dallas_A", "欧美地区", "达拉斯", "达拉斯1", 1),
    ("EUR_Germany_A", "欧美地区", "法兰克福", "法兰克福1", 1),
    ("EUR_Netherlands_A", "欧美地区", "阿姆斯特丹", "阿姆斯特丹1", 1),
]
REGION_IDS = [r[0] for r in REGIONS]

VERSIONS = [("5.7", "5.7.24"), ("8.0", "8.0.22")]
ARCHITECTURES = [
    # (ArchitectureType, ArchitectureName, SubProductName, SubProductKey)
    (0, "基础版", "MySQL基础版", "mysql-basic"),
    (1, "主从版", "MySQL高可用版", "mysql-replication"),
]
CPU_RAM = [(1, 2), (2, 4), (2, 8), (4, 8), (4, 16), (8, 16), (8, 32), (16, 32), (16, 64), (32, 64)]
DISKS = [
    {"DiskValue": "ssd_disk", "DiskName": "SSD", "DiskMin": 100, "DiskMax": 2000,
     "DiskMaxExpand": 2000, "DiskStep": 100, "DiskUnit": "G", "BasicIops": 6000},
    {"DiskValue": "high_disk", "DiskName": "性能型", "DiskMin": 100, "DiskMax": 4000,
     "DiskMaxExpand": 4000, "DiskStep": 100, "DiskUnit": "G", "BasicIops": 3000},
]
DISK_TYPES = {d["DiskValue"]: d for d in DISKS}


def _goods_id(region_idx, version_idx, arch, spec_idx, readonly=False):
    if readonly:
        return 500000 + region_idx * 1000 + version_idx * 100 + spec_idx
    return 100000 + region_idx * 1000 + version_idx * 200 + arch * 100 + spec_idx


def _build_specs():
    specs = {}
    for r_idx, region in enumerate(REGION_IDS):
        for v_idx, (version, _) in enumerate(VERSIONS):
            for arch, _, _, _ in ARCHITECTURES:
                for s_idx, (cpu, ram) in enumerate(CPU_RAM):
                    gid = _goods_id(r_idx, v_idx, arch, s_idx)
                    specs[gid] = {"region": region, "version": version, "arch": arch, "cpu": cpu,
                                  "ram": ram, "readonly": False}
            for s_idx, (cpu, ram) in enumerate(CPU_RAM):
                gid = _goods_id(r_idx, v_idx, 1, s_idx, readonly=True)
                specs[gid] = {"region": region, "version": version, "arch": 1, "cpu": cpu,
                              "ram": ram, "readonly": True}
    return specs


SPECS = _build_specs()


def cpu_ram_rows(region, version, arch, readonly=False, name_key="Name"):
    rows = []
    for gid, s in sorted(SPECS.items()):
        if (s["region"], s["version"], s["arch"], s["readonly"]) == (region, version, arch, readonly):
            rows.append({"CPU": s["cpu"], "RAM": s["ram"], name_key: "%dC%dG" % (s["cpu"], s["ram"]),
                         "PaasGoodsId": gid})
    return rows


def spec_for(goods_id, region, readonly=False):
    spec = SPECS.get(goods_id)
    if spec is None or spec["region"] != region or spec["readonly"] != readonly:
        raise invalid("PaasGoodsId %s is not sold in %s" % (goods_id, region))
    return spec


def find_goods_id(region, version, arch, cpu, ram, readonly=False):
    for gid, s in SPECS.items():
        if (s["region"], s["version"], s["arch"], s["cpu"], s["ram"], s["readonly"]) == (
                region, version, arch, cpu, ram, readonly):
            return gid
    return None


def full_version(version):
    return dict(VERSIONS)[version]


def check_disk(disk_type, value, minimum=None):
    disk = DISK_TYPES.get(disk_type)
    if disk is None:
        raise invalid("DiskType must be one of %s" % ", ".join(sorted(DISK_TYPES)))
    low = disk["DiskMin"] if minimum is None else max(minimum, disk["DiskMin"])
    if value < low or value > disk["DiskMax"] or value % disk["DiskStep"]:
        raise invalid("DiskValue must be %d-%d GB in steps of %d" % (low, disk["DiskMax"], disk["DiskStep"]))


def check_region(region):
    for rid, _, _, _, saling in REGIONS:
        if rid == region:
            if not saling:
                raise invalid("Region %s is not on sale" % region)
            return
    raise invalid("Unknown RegionId %s" % region)


def regions_data():
    return [{"RegionId": rid, "RegionName": area, "CityId": str(uuid.uuid5(uuid.NAMESPACE_URL, city)),
             "CityName": city, "SiteName": site, "IsSaling": saling}
            for rid, area, city, site, saling in REGIONS]


def available_config(region):
    products = []
    for version, _ in VERSIONS:
        archs = []
        for arch, arch_name, sub_name, _ in ARCHITECTURES:
            archs.append({
                "ArchitectureName": arch_name, "ArchitectureType": arch, "SubProductName": sub_name,
                "EnginesType": ["InnoDB"],
                "NetworkLinks": [{"LinkType": "default_link", "Name": "默认链路", "DescDetail": ""}],
                "ComputeRoles": [{"ComputeName": "通用型", "ComputeType": 0, "Standards": {
                    "CpuRam": cpu_ram_rows(region, version, arch),
                    "AttachDisk": [dict(d) for d in DISKS]}}],
            })
        products.append({"Version": version, "Architectures": archs})
    return {"ProductName": "mysql", "RegionId": region, "Products": products}
