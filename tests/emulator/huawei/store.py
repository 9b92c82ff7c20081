"""GaussDB(for MySQL) state: instances and their nodes (seed 002 section 4.3), shared by every GaussDB module.

State lives in ``ctx.state["gaussdb"]`` so that /_emulator/reset clears it. Other sections keep their data
on the instance (``instance.ext[...]``: it disappears with the instance) or per project (``project_data``).
"""
import datetime
import functools
import ipaddress
import uuid
from dataclasses import dataclass, field

from tests.emulator.core import current_ctx
from tests.emulator.huawei.errors import BUSY_CODE, api_error
from tests.emulator.huawei.gaussdb_meta import FLAVORS

ACTIVE = "ACTIVE"
# Old v3 API status (5.3.5) -> "unified" status of the v3.1 API (4.3.31-4.3.33), which documents only
# creating/normal/abnormal/createfail: workflow states (REBOOTING, MODIFYING...) show as "normal" there.
UNIFIED_STATUS = {"BUILD": "creating", "ACTIVE": "normal", "FAILED": "abnormal", "FROZEN": "abnormal",
                  "STORAGE FULL": "abnormal"}


@functools.lru_cache(maxsize=65536)  # lists format thousands of timestamps per request, most of them the same
def fmt_time(ts):
    """Time format of the API ("yyyy-mm-ddThh:mm:ss+0000")."""
    if ts is None:
        return ""
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def new_instance_id():
    return uuid.uuid4().hex + "in07"


def new_node_id():
    return uuid.uuid4().hex + "no07"


@dataclass
class Node:
    id: str
    name: str
    type: str           # "master" or "slave"
    status: str         # BUILD, ACTIVE, REBOOTING, FAILED
    private_ip: str
    az_code: str
    priority: int
    created: float
    updated: float
    need_restart: bool = False


@dataclass
class Instance:
    id: str
    project_id: str
    region: str
    name: str
    status: str
    flavor_ref: str
    datastore: dict
    vpc_id: str
    subnet_id: str
    security_group_id: str
    password: str
    az_mode: str
    master_az: str
    charge_info: dict
    backup_strategy: dict
    created: float
    updated: float
    private_write_ip: str
    configuration_id: str = ""
    port: int = 3306
    volume_size: int = None      # only yearly/monthly instances buy a fixed size
    time_zone: str = "UTC"
    lower_case_table_names: int = 1
    enterprise_project_id: str = "0"
    dedicated_resource_id: str = ""
    tags: dict = field(default_factory=dict)
    alias: str = ""
    maintenance_window: str = "18:00-22:00"
    ssl_option: bool = False
    public_ip: dict = None       # {"address", "id"}
    dns_names: list = field(default_factory=list)
    nodes: dict = field(default_factory=dict)   # id -> Node, in creation order
    busy_job: str = None         # id of the running job that locks the instance
    ever_active: bool = False
    order_id: str = ""
    node_seq: int = 0
    monitor: dict = field(default_factory=lambda: {"monitor_switch": False})
    auto_scaling: dict = None
    ext: dict = field(default_factory=dict)     # data of other sections (databases, accounts, backups...)

    @property
    def flavor(self):
        return FLAVORS[self.flavor_ref]

    @property
    def prepaid(self):
        return self.charge_info.get("charge_mode") == "prePaid"

    def master(self):
        return next((n for n in self.nodes.values() if n.type == "master"), None)

    def slaves(self):
        return [n for n in self.nodes.values() if n.type == "slave"]

    def unified_status(self):
        if self.status == "FAILED" and not self.ever_active:
            return "createfail"
        return UNIFIED_STATUS.get(self.status, "normal")

    def touch(self, now):
        self.updated = now


class GaussStore:
    def __init__(self):
        self.instances = {}      # id -> Instance, creation order (all projects)
        self.recycle = []        # deleted instances (4.3.36)
        self.project_data = {}   # project_id -> {section: data} for project-level resources of other sections
        self._ip_seq = 0

    def next_ip(self):
        self._ip_seq += 1
        # 192.168.0.0/16 minus the first ten addresses; 65k addresses are plenty for a test run.
        return str(ipaddress.IPv4Address(0xC0A80000 + 10 + self._ip_seq % 65000))

    def add(self, inst):
        self.instances[inst.id] = inst

    def remove(self, inst):
        self.instances.pop(inst.id, None)

    def in_project(self, project_id):
        """Instances of a project, newest first (the order of the list APIs)."""
        return [i for i in reversed(self.instances.values()) if i.project_id == project_id]

    def new_node(self, inst, node_type, az_code, priority, now, status="BUILD"):
        inst.node_seq += 1
        node = Node(id=new_node_id(), name=f"{inst.name}_node{inst.node_seq:02d}", type=node_type, status=status,
                    private_ip=self.next_ip(), az_code=az_code, priority=priority, created=now, updated=now)
        inst.nodes[node.id] = node
        return node

    def project(self, project_id):
        return self.project_data.setdefault(project_id, {})


def section_state(key, factory, ctx=None):
    """The object a section keeps in ``ctx.state[key]``, made by ``factory()`` on first use (and again
    after /_emulator/reset, which empties ``ctx.state``)."""
    ctx = ctx or current_ctx()
    value = ctx.state.get(key)
    if value is None:
        value = ctx.state[key] = factory()
    return value


def gauss(ctx=None):
    """The GaussDB store of the running emulator."""
    return section_state("gaussdb", GaussStore, ctx)


def get_instance(project_id, instance_id):
    """The instance, or the documented 404 DBS.201028 (also for another project's instance)."""
    inst = gauss().instances.get(instance_id)
    if inst is None or inst.project_id != project_id:
        raise api_error("DBS.201028")
    return inst


def get_node(inst, node_id):
    node = inst.nodes.get(node_id)
    if node is None:
        raise api_error("DBS.290013", f"Node {node_id} does not belong to instance {inst.id}.")
    return node


def instance_busy_guard(inst):
    """Refuse a change while a job runs on the instance (409 DBS.200019) or when its status forbids it."""
    if inst.busy_job is not None:
        raise api_error(BUSY_CODE)
    if inst.status != ACTIVE:
        raise api_error("DBS.201014", f"Instance status is {inst.status}.")
