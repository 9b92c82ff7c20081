"""What the two HTAP sections share (seed 002 §4.15 StarRocks "standard edition", §4.16 ClickHouse
"lightweight edition"): the HTAP instance record, the engine catalogue (versions, flavors, storage types),
input rules, lookups, jobs and the database accounts, whose API is the same for both engines but for a
few fields. Not a family itself: gaussdb_htap_starrocks.py and gaussdb_htap_clickhouse.py serve the routes.

State: an HTAP instance belongs to a GaussDB(for MySQL) instance, ``inst.ext["htap"] = {htap_id: Htap}``
(gone with its owner). Readings of the reference where it is ambiguous are noted where they are applied.
"""
import hashlib
import re
import uuid
from dataclasses import dataclass, field

from tests.emulator.core import current_ctx
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.auth import region_of
from tests.emulator.huawei.errors import api_error, param_error
from tests.emulator.huawei.gaussdb_backups import tables_of
from tests.emulator.huawei.gaussdb_data import data_of
from tests.emulator.huawei.gaussdb_meta import AVAILABILITY_ZONES
from tests.emulator.huawei.store import gauss, get_instance, instance_busy_guard

HTAP_KEY = "htap"
STARROCKS, CLICKHOUSE = "star-rocks", "click-house"
ENGINES = (STARROCKS, CLICKHOUSE)
# 4.15.12's example: "max_htap_instance_num_of_taurus": 10.
MAX_PER_OWNER = 10
# Ids: 4.15.x examples end StarRocks ids in "in17" (nodes "no17", groups "gr17"), 4.16.x ClickHouse ids in "in16".
SUFFIX = {STARROCKS: "17", CLICKHOUSE: "16"}
GB = 1000 ** 3   # 4.15.4/4.16.16 show volume sizes in bytes: "500000000000" for 500 GB

DATASTORES = {
    # 4.15.9's example (name = major version, kernel_version = four digits).
    STARROCKS: [{"id": "38197973-8895-36ed-b853-52daeebf6d3a", "name": "3.1", "kernel_version": "3.1.6.0"}],
    # 4.16.14: ClickHouse's version is "一位数的大版本号" ("1" in the example); 4.16.16 shows 1.23.3.24.
    CLICKHOUSE: [{"id": "6a9e233f-e7da-3e81-b12f-7a41a8689250", "name": "1", "kernel_version": "1.23.3.24"}],
}

# 4.15.10's example: storage type names and their smallest volume. The create bodies name io_type "SSD"
# (4.15.3 example, 4.16.14 "SSD: 超高IO") or "ESSD": SSD is read as the ULTRAHIGH type.
STORAGE_TYPES = [("ULTRAHIGH", 50), ("ESSD", 40)]
IO_TYPES = {"SSD": 50, "ULTRAHIGH": 50, "ESSD": 40}
VOLUME_MAX = {"fe": 1000, "be": 32000, "ch": 32000}   # 4.15.3 fe_volume / be_volume, 4.16.14 volume

_SIZES = [("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32), ("16xlarge", 64)]
# Flavor ids of 4.15.11's example (the fe xlarge id is the response's; 4.15.3's request drops one letter).
_FLAVOR_IDS = {
    "gaussdb.sr-be.xlarge.x86.4": "de565db8-0a96-37ea-9388-61167624712c",
    "gaussdb.sr-fe.xlarge.x86.4": "afef3bfd-ac7c-32e1-ba44-c388acbb196a",
    "gaussdb.sr-be.2xlarge.x86.4": "c50e8e15-f2fc-3b40-aca6-c98f07ce2ce0",
    "gaussdb.sr-fe.2xlarge.x86.4": "24059750-4280-3ee5-a44b-488b924633b4",
    "gaussdb.sr-be.4xlarge.x86.4": "a48c63dc-5563-3813-9e13-39d3301e56f4",
    "gaussdb.sr-fe.4xlarge.x86.4": "0ef44c01-f7a1-30f5-9f05-9e47094e8c1f",
    "gaussdb.sr-fe.8xlarge.x86.4": "2bf6aa50-50da-3f27-91af-a8c873070537",
    "gaussdb.sr-be.8xlarge.x86.4": "9f52a065-aa93-371a-9975-959fedf6e24f",
    "gaussdb.sr-fe.16xlarge.x86.4": "709822e4-567f-3e85-b4af-cb099206c8e2",
    "gaussdb.sr-be.16xlarge.x86.4": "4e56e208-0226-34bb-b84d-035ab0497824",
    # 4.16.14/4.16.16 name b44cfde6... gaussdb.ch.xlarge.x86.4; 4.16.28 resizes to 6ebc6add... (size ours).
    "gaussdb.ch.xlarge.x86.4": "b44cfde6-d250-313c-8d7a-cd216f071658",
    "gaussdb.ch.2xlarge.x86.4": "6ebc6add-7462-3c27-b92b-3d79ae37a309",
}


# The IaaS (ECS) flavor family under the nodes of each engine: 4.15.4's example shows "c6.xlarge.4" under
# gaussdb.sr-fe.xlarge.x86.4, 4.16.16's "c3.xlarge.4" under a ClickHouse node.
_IAAS_FAMILY = {STARROCKS: "c6", CLICKHOUSE: "c3"}


def _flavor_catalogue():
    out = {STARROCKS: [], CLICKHOUSE: []}
    for engine, kinds in ((STARROCKS, ("sr-fe", "sr-be")), (CLICKHOUSE, ("ch",))):
        for kind in kinds:
            for size, vcpus in _SIZES:
                code = f"gaussdb.{kind}.{size}.x86.4"
                # Codes without an id in the seed get a stable made-up one.
                fid = _FLAVOR_IDS.get(code) or str(uuid.uuid5(uuid.NAMESPACE_URL, code))
                out[engine].append({"type": "x86", "vcpus": str(vcpus), "ram": str(vcpus * 4), "id": fid,
                                    "spec_code": code, "role": kind.split("-")[-1],
                                    "iaas_ref": f"{_IAAS_FAMILY[engine]}.{size}.4"})
    return out


FLAVORS = _flavor_catalogue()
FLAVOR_BY_ID = {f["id"]: dict(f, engine=e) for e, items in FLAVORS.items() for f in items}

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{3,63}$")
_ACCOUNT = re.compile(r"^[a-z](?:[a-z0-9_]{0,30}[a-z0-9])$")
_TASK = re.compile(r"^[A-Za-z0-9_]{3,128}$")
ACCOUNT_SPECIALS = "~!@#%^*-_=+?,"   # 4.15.21 / 4.16.19 (no "$" here, unlike db_root_pwd)


# -- the record -------------------------------------------------------------------------------------------------------
@dataclass
class Htap:
    id: str
    engine: str
    owner_id: str
    project_id: str
    name: str
    version: str          # major ("3.1", "1")
    ha_mode: str          # StarRocks Single|Cluster, ClickHouse Single|Ha
    az_mode: str
    az_code: str
    time_zone: str
    created: float
    updated: float
    status: str = "creating"
    nodes: list = field(default_factory=list)     # {id, name, type, group, flavor_id, status, ip, az}
    volumes: dict = field(default_factory=dict)   # group -> {"type", "size_gb"}
    users: dict = field(default_factory=dict)     # name -> {databases, dml, ddl, password_sha256}
    databases: list = field(default_factory=list)
    syncs: dict = field(default_factory=dict)     # StarRocks: task_name -> sync, ClickHouse: database -> sync
    job_id: str = None                            # running job that locks the instance
    sys_tags: list = field(default_factory=list)
    group_ids: dict = field(default_factory=dict)

    @property
    def kernel_version(self):
        return next(d["kernel_version"] for d in DATASTORES[self.engine] if d["name"] == self.version)

    def group_nodes(self, group):
        return [n for n in self.nodes if n["group"] == group]

    def new_node_id(self):
        return uuid.uuid4().hex + "no" + SUFFIX[self.engine]


def htaps_of(inst):
    return inst.ext.setdefault(HTAP_KEY, {})


def new_htap_id(engine):
    return uuid.uuid4().hex + "in" + SUFFIX[engine]


def not_found():
    """An unknown HTAP instance: 404 DBS.200002 "The DB instance does not exist." (A.3, "实例不存在。").

    The HTAP examples answer 400 {"error_code": "DBS.200022", "error_msg": "实例不存在"}, but A.3 defines
    DBS.200022 as 409 "The DB instance name already exists."; A.3's DBS.200002 carries the examples' very
    message, so the table of codes is followed."""
    return api_error("DBS.200002")


def sync_not_found(what):
    """An unknown synchronization task (StarRocks) or database synchronization (ClickHouse): A.3 has no code
    of its own for it; its generic 404 DBS.290013 "Resource not found." is answered."""
    return api_error("DBS.290013", f"The {what} does not exist.")


def owner(project_id, instance_id):
    """The GaussDB(for MySQL) instance (404 DBS.201028)."""
    return get_instance(project_id, instance_id)


def find(project_id, htap_id, engine):
    """(owner, htap) for an HTAP instance id, searched over the project's GaussDB instances."""
    for inst in gauss().in_project(project_id):
        htap = htaps_of(inst).get(htap_id)
        if htap is not None and htap.engine == engine:
            return inst, htap
    return None, None


def resolve(project_id, some_id, engine, hint=None):
    """The HTAP instance of a path whose {instance_id} the tables call the HTAP instance's id.

    Several examples (4.15.24, 4.16.17, 4.16.18, 4.16.28) put the GaussDB instance id there instead: that is
    accepted too when the GaussDB instance has exactly one HTAP instance of the engine (or `hint`, an HTAP id
    from the body, names one of them).
    """
    inst, htap = find(project_id, some_id, engine)
    if htap is not None:
        return inst, htap
    parent = gauss().instances.get(some_id)
    if parent is not None and parent.project_id == project_id:
        mine = [h for h in htaps_of(parent).values() if h.engine == engine]
        if hint:
            mine = [h for h in mine if h.id == hint]
        if len(mine) == 1:
            return parent, mine[0]
    raise not_found()


def in_owner(inst, htap_id, engine):
    htap = htaps_of(inst).get(htap_id)
    if htap is None or htap.engine != engine:
        raise not_found()
    return htap


def running(htap):
    if not htap.job_id:
        return False
    job = jobs.engine().jobs.get(htap.job_id)
    return job is not None and job.status == "Running"


def guard(htap):
    """Refuse a change while a job runs on the HTAP instance (409 DBS.200019) or when it is not normal."""
    if running(htap):
        raise api_error("DBS.200019")
    if htap.status != "normal":
        raise api_error("DBS.201014", f"Instance status is {htap.status}.")


def start_job(name, inst, htap, seconds, on_done=None, on_fail=None, status=None, lock=True, nodes=None):
    """A job in the task center (4.13.1 can query it) that does not lock the owner, only the HTAP instance."""
    now = current_ctx().now()
    before = htap.status
    touched = nodes if nodes is not None else htap.nodes
    if status:
        htap.status = status
        for node in touched:
            node["status"] = status

    def done(job, parent):
        if lock and htap.job_id == job.id:
            htap.job_id = None
        if status:
            htap.status = "normal" if before == "normal" else htap.status
            for node in touched:
                node["status"] = "normal"
        htap.updated = job.ends
        if on_done:
            on_done(job, parent)

    def failed(job, parent):
        if lock and htap.job_id == job.id:
            htap.job_id = None
        if status:
            htap.status = before
            for node in touched:
                node["status"] = before
        if on_fail:
            on_fail(job, parent)

    job = jobs.start(name, inst, seconds, done, on_fail=failed, busy=False,
                     entities={"instance": {"id": htap.id, "name": htap.name, "engine": htap.engine}})
    if lock:
        htap.job_id = job.id
    htap.updated = now
    return job


# -- input rules ------------------------------------------------------------------------------------------------------
def engine_name(name):
    if name not in ENGINES:
        raise api_error("DBS.280235")
    return name


def check_name(name):
    """4.15.3 / 4.16.14: 4-64 characters, a letter first, then letters, digits, '-' and '_' (no CJK)."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise api_error("DBS.200021", f"Invalid name {name!r}.")
    return name


def check_version(engine, version):
    if not any(version in (d["name"], d["kernel_version"]) for d in DATASTORES[engine]):
        raise api_error("DBS.280238")
    return next(d["name"] for d in DATASTORES[engine] if version in (d["name"], d["kernel_version"]))


def check_flavor(engine, flavor_id, role):
    flavor = FLAVOR_BY_ID.get(flavor_id)
    if flavor is None or flavor["engine"] != engine or flavor["role"] != role:
        raise api_error("DBS.280434", f"{flavor_id!r} is not a {engine} {role} flavor.")
    return flavor


def check_volume(volume, group, step=None):
    """{io_type, capacity_in_gb}: a known type, at least its smallest size (4.15.10), at most the table's."""
    if not isinstance(volume, dict):
        raise param_error("The volume must be an object.")
    io_type = volume.get("io_type")
    if io_type not in IO_TYPES:
        raise param_error(f"Invalid io_type {io_type!r}: one of {', '.join(IO_TYPES)}.")
    # The tables say 50 GB at least; 4.16.14's example creates 40 GB of ESSD, the min_volume_size of ESSD in
    # 4.15.10: the storage type's own minimum is applied.
    size = rules.as_int(volume.get("capacity_in_gb"), "capacity_in_gb", IO_TYPES[io_type], VOLUME_MAX[group])
    if step and size % step:
        raise param_error(f"capacity_in_gb must be a multiple of {step}.")
    return {"type": io_type, "size_gb": size}


def check_az(project_id, az_code, count=1):
    zones = AVAILABILITY_ZONES.get(region_of(project_id), [])
    codes = az_code.split(",") if isinstance(az_code, str) else []
    if len(codes) != count or any(c not in zones for c in codes):
        raise param_error(f"Invalid az_code {az_code!r}: {count} of {', '.join(zones)}.")
    return codes


def check_sys_tags(tags_info):
    tags = (tags_info or {}).get("sys_tags") if isinstance(tags_info, dict) else None
    if not isinstance(tags, list) or not tags:
        raise param_error("tags_info.sys_tags is required.")
    for tag in tags:
        if not isinstance(tag, dict) or tag.get("key") != "_sys_enterprise_project_id" or not isinstance(tag.get("value"), str):
            raise param_error("sys_tags: only _sys_enterprise_project_id is supported.")
    return [{"key": t["key"], "value": t["value"]} for t in tags]


def check_quota(inst):
    if room_for(inst) <= 0:
        raise param_error(f"A GaussDB instance has at most {MAX_PER_OWNER} HTAP instances.")


# -- views shared by both engines ---------------------------------------------------------------------------------------
def ms(ts):
    return int(ts * 1000) if ts is not None else None


def node_view(htap, node):
    flavor = FLAVOR_BY_ID[node["flavor_id"]]
    volume = htap.volumes[node["group"]]
    datastore = next(d for d in DATASTORES[htap.engine] if d["name"] == htap.version)
    view = {"id": node["id"], "name": node["name"], "type": node["type"], "status": node["status"],
            "period": "null", "volume": {"type": volume["type"], "size": str(volume["size_gb"] * GB),
                                         "used": None, "iops": None},
            "cpu": flavor["vcpus"], "mem": flavor["ram"],
            "datastore": {"id": datastore["id"], "type": htap.engine, "version": datastore["kernel_version"]},
            "actions": [], "priority": 1, "frozen_flag": 0, "db_port": 3306, "pay_model": "0", "order_id": None,
            "traffic_ip": node["ip"], "traffic_ipv6": "", "traffic_vip": "", "traffic_vipv6": "",
            "az_code": node["az"], "az_description": node["az"], "az_type": "Center",
            "create_at": ms(htap.created), "update_at": ms(htap.updated), "flavor_id": flavor["id"],
            "flavor_ref": flavor["spec_code"], "max_connections": "0", "vpc_id": "", "subnet_id": "",
            "need_restart": False, "sg_id": "", "param_group": None}
    # The node's region and IaaS flavor code. 4.15.4 (StarRocks) writes region_code and, for the flavor,
    # iaas_flavor_rf in its table, iaas_flavor_ref in its example; 4.16.16 (ClickHouse) writes region and
    # iass_flavor_ref. The official SDK's models (StarRocksInstanceInfoNodes, ClickHouseNodeInfo) spell the
    # flavor iass_flavor_ref for both engines, which overrules 4.15.4's two spellings; the regions follow
    # the tables (and the SDK).
    view["region_code" if htap.engine == STARROCKS else "region"] = region_of(htap.project_id)
    view["iass_flavor_ref"] = flavor["iaas_ref"]
    return view


def summary_view(inst, htap):
    """One item of 4.15.12 (the list covers both engines)."""
    state = {"instance_status": htap.status, "create_fail_error_code": None, "fail_message": None,
             "wait_restart_for_params": False}
    first = htap.nodes[0] if htap.nodes else {}
    group = next(iter(htap.volumes.values()), {})
    return {"id": htap.id, "name": htap.name, "engine_name": htap.engine, "engine_version": htap.kernel_version,
            "project_id": htap.project_id, "instance_state": state, "create_at": ms(htap.created),
            "is_frozen": False, "ha_mode": htap.ha_mode, "pay_model": "0", "order_id": None, "alter_order_id": "",
            "data_vip": first.get("ip", ""), "readable_node_infos": [
                {"data_ip": n["ip"], "node_id": n["id"], "node_name": n["name"]} for n in htap.nodes],
            "proxy_ips": [], "data_vip_v6": None, "port": 3306,
            "available_zones": [{"code": az, "description": az, "az_type": "Center"}
                                for az in dict.fromkeys(n["az"] for n in htap.nodes)],
            "current_actions": [], "volume_type": group.get("type", ""), "server_type": "KVM",
            "enterprise_project_id": next((t["value"] for t in htap.sys_tags), "0"), "dedicated_resource_id": "",
            "network": {"vpc_id": inst.vpc_id, "sub_net_id": inst.subnet_id, "security_group_id": inst.security_group_id},
            "ch_master_node_id": first.get("id") if htap.engine == CLICKHOUSE else None, "node_num": len(htap.nodes)}


def add_nodes(htap, group, node_type, count, flavor_id, azs, prefix):
    store = gauss()
    for n in range(count):
        htap.nodes.append({"id": htap.new_node_id(), "name": f"{htap.name}_{prefix}_node{n + 1:02d}",
                           "type": node_type(n), "group": group, "flavor_id": flavor_id, "status": "creating",
                           "ip": store.next_ip(), "az": azs[n % len(azs)]})


def create_done(htap):
    def done(job, parent):
        htap.status = "normal"
        for node in htap.nodes:
            node["status"] = "normal"

    def failed(job, parent):
        htap.status = "createfail" if htap.engine == STARROCKS else "createfailed"
        for node in htap.nodes:
            node["status"] = "createfail"
    return done, failed


def remove(inst, htap, name):
    """Delete: the instance leaves the lists at once (like GaussDB instances); the job ends later."""
    guard_delete(htap)
    htaps_of(inst).pop(htap.id, None)
    return jobs.start(name, inst, 60, busy=False, entities={"instance": {"id": htap.id, "name": htap.name}})


def guard_delete(htap):
    if running(htap) and htap.status != "creating":
        raise api_error("DBS.200019")


# -- database accounts (4.15.20-24, 4.16.1, 4.16.19-22) ------------------------------------------------------------------
def default_users():
    # Both list examples start with root, granted every database ("*"), dml 2, ddl 0.
    return {"root": {"databases": ["*"], "dml": 2, "ddl": 0, "password_sha256": ""}}


def account_name(name):
    """2-32 characters: a lower-case letter first, lower-case letter or digit last, lower-case, digits, '_'."""
    if not isinstance(name, str) or not _ACCOUNT.match(name):
        raise param_error(f"Invalid account name {name!r}.")
    return name


def account_password(password, name):
    if not isinstance(password, str) or not 8 <= len(password) <= 32:
        raise param_error("The password must have 8 to 32 characters.")
    if any(not (c.isascii() and c.isalnum()) and c not in ACCOUNT_SPECIALS for c in password):
        raise param_error(f"The password may only hold letters, digits and {ACCOUNT_SPECIALS}.")
    kinds = sum((any(c.isupper() for c in password), any(c.islower() for c in password),
                 any(c.isdigit() for c in password), any(c in ACCOUNT_SPECIALS for c in password)))
    if kinds < 3:
        raise param_error("The password needs three kinds of characters.")
    if password == name:
        raise api_error("DBS.05000006")
    if password == name[::-1]:
        raise api_error("DBS.05000007")
    return hashlib.sha256(password.encode()).hexdigest()


def account_databases(htap, databases, required=True):
    if databases is None and not required:
        return None
    if not isinstance(databases, list) or not databases or not all(isinstance(d, str) for d in databases):
        raise param_error("databases must be a non-empty list of names.")
    for name in databases:
        if name != "*" and name not in htap.databases:
            raise api_error("DBS.200823", name)
    return list(dict.fromkeys(databases))


def body_field(body, snake, camel):
    # 4.15.21 / 4.15.24's examples write userName, passWord, dataBases while their tables say user_name,
    # password, databases: the tables are followed, the examples' spelling accepted too.
    return body.get(snake, body.get(camel))


def list_users(htap, args, limit_required, databases_key="databases"):
    """4.15.20 / 4.16.20. The granted databases are ``data_bases`` in 4.15.20's table and the SDK's
    ShowStarRocksDatabaseUsersUserDetails (its example prints ``databases``), ``databases`` in 4.16.20's table,
    example and SDK model: the caller names the key."""
    if limit_required and ("limit" not in args or "offset" not in args):
        # 4.15.20 marks limit and offset as required; the example omits offset: offset defaults to 0.
        if "limit" not in args:
            raise param_error("limit is required.")
    offset, limit = rules.paging(args, default_limit=10)
    wanted = args.get("user_name")
    names = [n for n in htap.users if not wanted or n == wanted]
    page = names[offset:offset + limit]
    return {"user_details": [{"user_name": n, databases_key: htap.users[n]["databases"], "dml": htap.users[n]["dml"],
                              "ddl": htap.users[n]["ddl"]} for n in page], "total_count": len(names)}


def user_of(htap, name):
    if name not in htap.users:
        raise api_error("DBS.200824", name)
    return htap.users[name]


def source_of(project_id, source_instance_id, source_node_id, database, inst):
    """The GaussDB(for MySQL) side of a sync, as a creation and the configuration checks see it: the owner
    instance, one of its nodes, an existing database (the same errors for both)."""
    source = get_instance(project_id, source_instance_id)
    if source.id != inst.id:
        raise param_error("source_instance_id must be the GaussDB instance the HTAP instance belongs to.")
    if source_node_id and source_node_id not in source.nodes:
        raise api_error("DBS.290013", f"Node {source_node_id} does not belong to instance {source.id}.")
    if database not in data_of(source)["databases"]:
        raise api_error("DBS.200823", database)
    return source


def source_database(project_id, source_instance_id, source_node_id, database, inst):
    """``source_of`` for a creation, which also needs the owner idle."""
    source = source_of(project_id, source_instance_id, source_node_id, database, inst)
    instance_busy_guard(source)
    return source


def missing_tables(source, database, tables):
    """The tables of ``tables`` that the source database does not have (gaussdb_backups.tables_of: the tables of
    a database are those a table restore gave it, else the default t1, t2, t3), in the order given."""
    have = set(tables_of(data_of(source)["databases"][database]))
    return [t for t in dict.fromkeys(tables) if t not in have]


def check_tables(source, database, tables):
    """A table range or table configuration naming a table the source database lacks: 400 DBS.05000048
    ("Some tables name are not exists.", A.3), naming them."""
    missing = missing_tables(source, database, tables)
    if missing:
        raise api_error("DBS.05000048", f"{database}: {', '.join(missing)}.")


def check_failed(field, detail):
    """A configuration check (4.15.16, 4.16.9) that a creation would fail on: 400 DBS.05000079 "Failed to verify
    the database synchronization configuration. Please check: [<field>]." (A.3)."""
    return api_error("DBS.05000079", detail, parameter=field)


def room_for(owner):
    """How many more HTAP instances the GaussDB instance ``owner`` can have (4.15.12's limit)."""
    return MAX_PER_OWNER - len(htaps_of(owner))


def check_task_name(name, what="task_name"):
    if not isinstance(name, str) or not _TASK.match(name):
        raise param_error(f"{what} must be 3 to 128 letters, digits or '_'.")
    return name


def db_parameter_check(catalogue, configs):
    """[{param_name, value}] -> check results against the catalogue's ranges (4.15.16, 4.16.9)."""
    results = []
    given = {c.get("param_name"): c.get("value") for c in configs or [] if isinstance(c, dict)}
    for param in catalogue:
        value = str(given.get(param["param_name"], param["default_value"]))
        results.append({"param_name": param["param_name"], "value": value,
                        "check_result": "success" if in_range(param, value) else "fail"})
    return results


def in_range(param, value):
    allowed = param["value_range"]
    if param["data_type"] == "Integer":
        low, high = (int(x) for x in allowed.split("-"))
        return value.isdigit() and low <= int(value) <= high
    return value.lower() in [v.lower() for v in allowed.split("|")]


def start_sync(job_name, inst, htap, key, target_database, sync, seconds):
    """Record a data-synchronization task and run its job (4.15.13, 4.16.23).

    The target database shows at once; the job moves the task to the incremental stage, and a
    failed job removes the task and its target database again.
    """
    htap.syncs[key] = sync
    htap.databases.append(target_database)

    def done(job, parent):
        if sync["stage"] == "wait":
            sync.update(stage="incremental", percentage="100")

    def failed(job, parent):
        htap.syncs.pop(key, None)
        if target_database in htap.databases:
            htap.databases.remove(target_database)
    return start_job(job_name, inst, htap, seconds, done, failed, lock=False)
