"""HTAP standard edition, StarRocks (seed 002 §4.15, 24 operations), and the engine-neutral HTAP queries
(4.15.9 versions, 4.15.10 storage types, 4.15.11 flavors, 4.15.12 list of both engines).

A StarRocks instance has FE nodes (one "fe-leader", the rest "fe-follower") and BE nodes ("be"), each
group with its own flavor and volume (4.15.4). Creation takes 300 s (scaled), a restart 60 s, a node
restart 30 s; the HTAP instance is locked meanwhile (409 DBS.200019), its GaussDB owner is not.
Data synchronization tasks (4.15.13-18) copy a database of the owner (it must exist: §4.11 data) into a
target database of the StarRocks instance, which then shows in 4.15.19 and can be granted to accounts.
"""
import uuid

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.huawei import gaussdb_htap_common as htap_lib
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_meta import AVAILABILITY_ZONES
from tests.emulator.huawei.auth import region_of
from tests.emulator.huawei.store import gauss, instance_busy_guard
from tests.emulator.huawei.gaussdb_htap_common import STARROCKS, Htap

# 4.15.19's example: what a new StarRocks instance holds.
SYSTEM_DATABASES = ["INFORMATION_SCHEMA", "default", "information_schema", "system"]
# 4.15.18's example.
DB_PARAMETERS = [
    {"param_name": "enable_chunk_level_dump", "data_type": "String", "default_value": "false", "value_range": "true|false",
     "description": "是否启用分片复制"},
    {"param_name": "snapshot_with_lock", "data_type": "String", "default_value": "true", "value_range": "true|false",
     "description": "获取全量快照时是否加锁，默认加锁"},
    {"param_name": "sync_commit_interval_ms", "data_type": "Integer", "default_value": "5000",
     "value_range": "1000-60000", "description": "批量提交超时时间，超时或buffer满就会提交数据"},
    {"param_name": "max_sync_commit_rows", "data_type": "Integer", "default_value": "500000",
     "value_range": "500000-2000000", "description": "每次提交最大行数"},
    {"param_name": "max_sync_commit_bytes", "data_type": "Integer", "default_value": "268435456",
     "value_range": "10485760-1610612736", "description": "每次提交最大字节数"},
    {"param_name": "max_full_sync_task_threads_num", "data_type": "Integer", "default_value": "1",
     "value_range": "1-2", "description": "全量同步线程数"},
    {"param_name": "max_rows_per_chunk", "data_type": "Integer", "default_value": "0", "value_range": "0-1000000",
     "description": "每个分片的最大行数"},
    {"param_name": "max_bytes_per_chunk", "data_type": "Integer", "default_value": "268435456",
     "value_range": "33554432-1073741824", "description": "每个分片最大字节数"},
    {"param_name": "binlog_expire_logs_seconds", "data_type": "Integer", "default_value": "86400",
     "value_range": "0-604800", "description": "binlog保留时间，0表示不做限制，且该值要小于等于MySQL保留时间。"},
]
CREATE_SECONDS, RESTART_SECONDS, NODE_RESTART_SECONDS, SYNC_SECONDS, SMALL_SECONDS = 300, 60, 30, 10, 5


class StarRocksFamily(HuaweiFamily):
    name = "gaussdb-htap-starrocks"

    def register(self, app, ctx):
        pid = "/v3/{project_id}"
        base = pid + "/instances/{instance_id}/starrocks"
        repl = base + "/databases/replication"
        for method, path, view in (
                ("GET", pid + "/htap/datastores/{engine_name}", self.datastores),
                ("GET", pid + "/htap/storage-type/{database}", self.storage_types),
                ("GET", pid + "/htap/flavors/{engine_name}", self.flavors),
                ("GET", pid + "/instances/{instance_id}/htap", self.list_htap),
                ("POST", pid + "/starrocks/resource-check", self.resource_check),
                ("POST", base, self.create), ("GET", base + "/{starrocks_instance_id}", self.show),
                ("DELETE", base + "/{starrocks_instance_id}", self.delete),
                ("PUT", pid + "/instances/{starrocks_instance_id}/starrocks/restart", self.restart),
                ("PUT", pid + "/instances/{starrocks_instance_id}/starrocks/{starrocks_node_id}/restart", self.restart_node),
                ("POST", repl, self.create_sync), ("GET", repl, self.list_syncs), ("DELETE", repl, self.delete_sync),
                ("POST", repl + "/pause", self.pause_sync), ("POST", repl + "/resume", self.resume_sync),
                ("POST", repl + "/database-config-check", self.config_check),
                ("GET", repl + "/configuration", self.sync_config),
                ("GET", repl + "/database-parameters", self.db_parameters),
                ("GET", base + "/databases", self.databases),
                ("GET", base + "/users", self.list_users), ("POST", base + "/users", self.create_user),
                ("DELETE", base + "/users", self.delete_user), ("PUT", base + "/users/password", self.password),
                ("PUT", base + "/users/permission", self.permission)):
            ctx.route(self, method, path, view)

    def seed(self, spec):
        """Admin seed ``htap_starrocks_per_instance: N``: ready StarRocks instances on the GaussDB instances
        this same seed call created (the last ``gaussdb_instances`` of the store)."""
        return seed_htap(spec, "htap_starrocks_per_instance", STARROCKS, build_ready)

    # -- engine catalogue (4.15.9-4.15.11) and list (4.15.12) --------------------------------------------------------
    def datastores(self, project_id, engine_name):
        """4.15.9: versions of an HTAP engine."""
        return {"datastores": htap_lib.DATASTORES[htap_lib.engine_name(engine_name)]}

    def storage_types(self, project_id, database):
        """4.15.10: storage types; version_name (required) is the major or the kernel version."""
        engine = htap_lib.engine_name(database)
        version = request.args.get("version_name")
        if not version:
            raise param_error("version_name is required.")
        htap_lib.check_version(engine, version)
        zones = AVAILABILITY_ZONES.get(region_of(project_id), [])
        return {"storage_type": [{"name": name, "az_status": {z: "normal" for z in zones}, "min_volume_size": size}
                                 for name, size in htap_lib.STORAGE_TYPES]}

    def flavors(self, project_id, engine_name):
        """4.15.11: flavors, optionally one spec_code (unknown: DBS.280434)."""
        engine = htap_lib.engine_name(engine_name)
        mode = request.args.get("availability_zone_mode", "single")
        if mode != "single":
            raise param_error("availability_zone_mode supports only single.")
        version = request.args.get("version_name") or htap_lib.DATASTORES[engine][0]["kernel_version"]
        version = htap_lib.check_version(engine, version)
        kernel = next(d["kernel_version"] for d in htap_lib.DATASTORES[engine] if d["name"] == version)
        code = request.args.get("spec_code")
        zones = AVAILABILITY_ZONES.get(region_of(project_id), [])
        items = [f for f in htap_lib.FLAVORS[engine] if not code or f["spec_code"] == code]
        if code and not items:
            raise api_error("DBS.280434")
        # 4.15.11's example shows instance_mode "Cluster"; 4.15.3's Single example uses the same ids: a flavor
        # serves both modes.
        return {"flavors": [{"type": f["type"], "vcpus": f["vcpus"], "ram": f["ram"], "id": f["id"],
                             "spec_code": f["spec_code"], "version_name": kernel, "instance_mode": "Cluster",
                             "az_status": {z: "normal" for z in zones}} for f in items]}

    def list_htap(self, project_id, instance_id):
        """4.15.12: the HTAP instances (both engines) of a GaussDB instance, newest first."""
        inst = htap_lib.owner(project_id, instance_id)
        items = sorted(htap_lib.htaps_of(inst).values(), key=lambda h: h.created, reverse=True)
        return {"total": len(items), "instances": [htap_lib.summary_view(inst, h) for h in items],
                "max_htap_instance_num_of_taurus": htap_lib.MAX_PER_OWNER}

    def resource_check(self, project_id):
        """4.15.8: could the project create ``instance_num`` StarRocks instances of this shape in this subnet?

        The body is checked like a creation (mode and node counts, FE and BE flavor codes, zone); the subnet must
        be that of a GaussDB instance of the project (an HTAP instance lives in its GaussDB instance's subnet,
        400 DBS.200049 "Invalid subnet ID." otherwise). The answer is ``{"result": false}`` when no GaussDB
        instance of that subnet has room for ``instance_num`` more HTAP instances (4.15.12's
        max_htap_instance_num_of_taurus, 10 each), ``{"result": true}`` otherwise. The body names no GaussDB
        instance: with several in the subnet, room on any of them passes.
        """
        body = json_body()
        if body.get("action") != "createInstance":
            raise param_error("action must be createInstance.")
        res = body.get("resource")
        if not isinstance(res, dict):
            raise param_error("resource is required.")
        rules.required(res, "enterprise_project_id", "instance_num", "mode", "availability_zone_mode", "fe_node_num",
                       "be_node_num", "fe_flavor_ref", "be_flavor_ref", "subnet_id")
        if res["mode"] not in ("Cluster", "Single"):
            raise param_error("mode must be Cluster or Single.")
        if res["availability_zone_mode"] != "single":
            raise param_error("availability_zone_mode supports only single.")
        low, high = (1, 1) if res["mode"] == "Single" else (3, 10)
        for group in ("fe", "be"):
            rules.as_int(res[f"{group}_node_num"], f"{group}_node_num", low, high)
            code = res[f"{group}_flavor_ref"]
            if not any(f["spec_code"] == code and f["role"] == group for f in htap_lib.FLAVORS[STARROCKS]):
                raise api_error("DBS.280434", f"{code!r} is not a StarRocks {group} flavor.")
        wanted = rules.as_int(res["instance_num"], "instance_num", 1)
        if res.get("availability_zone"):
            htap_lib.check_az(project_id, res["availability_zone"])
        owners = [i for i in gauss().in_project(project_id) if i.subnet_id == res["subnet_id"]]
        if not owners:
            raise api_error("DBS.200049", f"No GaussDB(for MySQL) instance uses subnet {res['subnet_id']}.")
        return {"result": max(htap_lib.room_for(o) for o in owners) >= wanted}

    # -- instances (4.15.3-4.15.7) -----------------------------------------------------------------------------------
    def create(self, project_id, instance_id):
        """4.15.3: 201 {instance, job_id}."""
        inst = htap_lib.owner(project_id, instance_id)
        instance_busy_guard(inst)
        body = json_body()
        rules.required(body, "name", "engine", "ha", "fe_flavor_id", "be_flavor_id", "db_root_pwd", "fe_count",
                       "be_count", "az_mode", "fe_volume", "be_volume", "az_code", "tags_info")
        spec = check_create(project_id, body)
        htap_lib.check_quota(inst)
        htap = build(inst, spec, current_ctx().now())
        done, failed = htap_lib.create_done(htap)
        job = htap_lib.start_job("CreateStarRocksInstance", inst, htap, CREATE_SECONDS, done, failed)
        view = {"id": htap.id, "az_code": htap.az_code, "az_mode": htap.az_mode, "name": htap.name,
                "engine": {"type": STARROCKS, "version": htap.version}, "vpc_id": inst.vpc_id,
                "security_group_id": inst.security_group_id, "sub_net_id": inst.subnet_id, "db_user": "root",
                "port": 3306, "ha_mode": htap.ha_mode,
                "pay_info": {"pay_model": "0", "order_id": None, "period": None, "period_type": None,
                             "is_auto_renew": None},
                "enable_ssl": False, "status": "creating", "region": region_of(project_id),
                "tags_info": {"tags": [], "sys_tags": htap.sys_tags},
                # The table puts job_id beside "instance", the example inside it: both are given.
                "job_id": job.id}
        return {"instance": view, "job_id": job.id}, 201

    def show(self, project_id, instance_id, starrocks_instance_id):
        """4.15.4: {"instances": [one]}."""
        inst = htap_lib.owner(project_id, instance_id)
        htap = htap_lib.in_owner(inst, starrocks_instance_id, STARROCKS)
        return {"instances": [detail_view(inst, htap)]}

    def delete(self, project_id, instance_id, starrocks_instance_id):
        """4.15.5: {"workflow_id"}."""
        inst = htap_lib.owner(project_id, instance_id)
        htap = htap_lib.in_owner(inst, starrocks_instance_id, STARROCKS)
        job = htap_lib.remove(inst, htap, "DeleteStarRocksInstance")
        return {"workflow_id": job.id}

    def restart(self, project_id, starrocks_instance_id):
        """4.15.6: the path holds the StarRocks instance id only."""
        inst, htap = htap_lib.resolve(project_id, starrocks_instance_id, STARROCKS)
        htap_lib.guard(htap)
        job = htap_lib.start_job("RestartStarRocksInstance", inst, htap, RESTART_SECONDS, status="rebooting")
        return {"workflow_id": job.id}

    def restart_node(self, project_id, starrocks_instance_id, starrocks_node_id):
        """4.15.7: one node reboots; the instance is locked meanwhile."""
        inst, htap = htap_lib.resolve(project_id, starrocks_instance_id, STARROCKS)
        htap_lib.guard(htap)
        node = next((n for n in htap.nodes if n["id"] == starrocks_node_id), None)
        if node is None:
            raise api_error("DBS.290013", f"Node {starrocks_node_id} does not belong to {htap.id}.")
        node["status"] = "rebooting"

        def done(job, parent):
            node["status"] = "normal"
        job = htap_lib.start_job("RestartStarRocksNode", inst, htap, NODE_RESTART_SECONDS, done, done)
        return {"workflow_id": job.id}

    # -- data synchronization (4.15.1, 4.15.2, 4.15.13-4.15.18) -------------------------------------------------------
    def _ready(self, project_id, instance_id):
        inst, htap = htap_lib.resolve(project_id, instance_id, STARROCKS)
        htap_lib.guard(htap)
        return inst, htap

    def _task(self, htap, name):
        htap_lib.check_task_name(name)
        if name not in htap.syncs:
            raise htap_lib.sync_not_found("synchronization task")
        return htap.syncs[name]

    def create_sync(self, project_id, instance_id):
        """4.15.13: {"job_id"}; the task starts in stage "wait", then runs a full copy, then incremental."""
        inst, htap = self._ready(project_id, instance_id)
        body = json_body()
        rules.required(body, "source_instance_id", "source_database", "target_database", "task_name")
        task = htap_lib.check_task_name(body["task_name"])
        source_db = body["source_database"]
        if not isinstance(source_db, str) or not 3 <= len(source_db) <= 1024:
            raise param_error("source_database must have 3 to 1024 characters.")
        target = htap_lib.check_task_name(body["target_database"], "target_database")
        htap_lib.source_database(project_id, body["source_instance_id"], body.get("source_node_id"), source_db, inst)
        if task in htap.syncs:
            raise param_error(f"The synchronization task {task} already exists.")
        if target in htap.databases:
            raise param_error(f"The target database {target} already exists.")
        sync = {"source_instance_id": body["source_instance_id"], "source_node_id": body.get("source_node_id") or "",
                "source_database": source_db, "target_database": target, "task_name": task, "status": "Yes",
                "stage": "wait", "percentage": "0", "catchup_stage": None, "catchup_percentage": "0",
                "table_repl_config": {"repl_type": "exclude_tables", "repl_scope": "all", "tables": []}}
        job = htap_lib.start_sync("CreateStarRocksDataReplication", inst, htap, task, target, sync, SYNC_SECONDS)
        return {"job_id": job.id}

    def list_syncs(self, project_id, instance_id):
        """4.15.15: offset/limit paging."""
        inst, htap = htap_lib.resolve(project_id, instance_id, STARROCKS)
        offset, limit = rules.paging(request.args, default_limit=10)
        items = list(htap.syncs.values())
        keys = ("source_database", "target_database", "task_name", "status", "stage", "percentage", "catchup_stage",
                "catchup_percentage")
        return {"total_count": str(len(items)), "replications": [{k: s[k] for k in keys}
                                                                 for s in items[offset:offset + limit]],
                "ext_text": None}

    def delete_sync(self, project_id, instance_id):
        """4.15.14: task_name in the body (the table says optional; without it nothing says which task: 400)."""
        inst, htap = self._ready(project_id, instance_id)
        body = json_body()
        sync = self._task(htap, body.get("task_name"))
        htap.syncs.pop(sync["task_name"])
        job = htap_lib.start_job("DeleteStarRocksDataReplication", inst, htap, SMALL_SECONDS, lock=False)
        return {"job_id": job.id}

    def pause_sync(self, project_id, instance_id):
        """4.15.2."""
        return self._pause_resume(project_id, instance_id, pause=True)

    def resume_sync(self, project_id, instance_id):
        """4.15.1."""
        return self._pause_resume(project_id, instance_id, pause=False)

    def _pause_resume(self, project_id, instance_id, pause):
        inst, htap = self._ready(project_id, instance_id)
        sync = self._task(htap, json_body().get("task_name"))
        if pause == (sync["stage"] == "paused"):
            raise api_error("DBS.201014", f"The task is {'already' if pause else 'not'} paused.")
        sync["stage"] = "paused" if pause else "incremental"
        if not pause:
            sync["percentage"] = "100"
        name = "PauseStarRocksDataReplication" if pause else "ResumeStarRocksDataReplication"
        job = htap_lib.start_job(name, inst, htap, SMALL_SECONDS, lock=False)
        return {"job_id": job.id}

    def config_check(self, project_id, instance_id):
        """4.15.16: what a creation (4.15.13) of this task would meet, answered from the current state.

        Every body field is optional (table 4-1047); those given are checked: the source instance (the owner,
        DBS.280001 otherwise), node (DBS.290013) and database (DBS.200823) as a creation checks them, a task name
        or target database that exists already (400 DBS.05000079 "... Please check: [task_name]"), a table range
        naming tables the source database lacks (DBS.05000048); the db_configs come back checked against 4.15.18's
        ranges (``check_result`` success or fail), the parameters not given with their defaults. The target side
        has no parameters of its own: ``target_db_config_check_results`` is empty.
        """
        inst, htap = htap_lib.resolve(project_id, instance_id, STARROCKS)
        body = json_body()
        configs = body.get("db_configs") or []
        if not isinstance(configs, list):
            raise param_error("db_configs must be a list.")
        source_db = body.get("source_database_name")
        source = None
        if source_db is not None:
            if not isinstance(source_db, str) or not 3 <= len(source_db) <= 1024:
                raise param_error("source_database_name must have 3 to 1024 characters.")
            source = htap_lib.source_of(project_id, body.get("source_instance_id") or inst.id,
                                        body.get("source_node_id"), source_db, inst)
        task = body.get("task_name")
        if task is not None and htap_lib.check_task_name(task) in htap.syncs:
            raise htap_lib.check_failed("task_name", f"The synchronization task {task} already exists.")
        target = body.get("target_database_name")
        if target is not None and htap_lib.check_task_name(target, "target_database_name") in htap.databases:
            raise htap_lib.check_failed("target_database_name", f"The database {target} already exists in StarRocks.")
        config = body.get("table_repl_config", body.get("table_replconfig"))   # the example's spelling too
        if config is not None:
            tables = _table_range(config)
            if source is not None:
                htap_lib.check_tables(source, source_db, tables)
        return {"source_database_name": source_db or "",
                "source_db_config_check_results": htap_lib.db_parameter_check(DB_PARAMETERS, configs),
                "target_database_name": target or "",
                "target_db_config_check_results": [], "task_name": task or ""}

    def sync_config(self, project_id, instance_id):
        """4.15.17: the configuration of one task."""
        inst, htap = htap_lib.resolve(project_id, instance_id, STARROCKS)
        sync = self._task(htap, request.args.get("task_name"))
        return {"source_instance_id": sync["source_instance_id"], "source_node_id": sync["source_node_id"],
                "database_info": {"database_name": sync["source_database"],
                                  "db_config_check_results": htap_lib.db_parameter_check(DB_PARAMETERS, [])},
                "table_infos": [], "table_repl_config": sync["table_repl_config"], "new_table_repl_config": {},
                "target_database_name": sync["target_database"], "is_tables_change": False,
                "last_error_of_alter_table": ""}

    def db_parameters(self, project_id, instance_id):
        """4.15.18 (the table's "db_parameter_s" is read as the example's "db_parameters")."""
        htap_lib.resolve(project_id, instance_id, STARROCKS)
        return {"db_parameters": DB_PARAMETERS}

    def databases(self, project_id, instance_id):
        """4.15.19: database_name is a fuzzy (substring) filter."""
        inst, htap = htap_lib.resolve(project_id, instance_id, STARROCKS)
        offset, limit = rules.paging(request.args, default_limit=10)
        wanted = request.args.get("database_name") or ""
        names = [d for d in htap.databases if wanted in d]
        return {"databases": names[offset:offset + limit], "total_count": len(names),
                "timestamp": int(current_ctx().now())}

    # -- accounts (4.15.20-4.15.24): answered at once with {"result": "SUCCESS"} -------------------------------------
    def list_users(self, project_id, instance_id):
        """4.15.20."""
        inst, htap = htap_lib.resolve(project_id, instance_id, STARROCKS)
        return htap_lib.list_users(htap, request.args, limit_required=True, databases_key="data_bases")

    def create_user(self, project_id, instance_id):
        """4.15.21: dml 0-3 (default 2), ddl 0-1 (default 0)."""
        inst, htap = self._ready(project_id, instance_id)
        body = json_body()
        name = htap_lib.account_name(htap_lib.body_field(body, "user_name", "userName"))
        if name in htap.users:
            raise api_error("DBS.05000097", f"Account {name} exists.")
        sha = htap_lib.account_password(htap_lib.body_field(body, "password", "passWord"), name)
        databases = htap_lib.account_databases(htap, htap_lib.body_field(body, "databases", "dataBases"))
        dml = rules.as_int(body.get("dml", 2), "dml", 0, 3)
        ddl = rules.as_int(body.get("ddl", 0), "ddl", 0, 1)
        htap.users[name] = {"databases": databases, "dml": dml, "ddl": ddl, "password_sha256": sha}
        return {"result": "SUCCESS"}

    def delete_user(self, project_id, instance_id):
        """4.15.22: ?user_name=; root cannot be deleted."""
        inst, htap = self._ready(project_id, instance_id)
        name = request.args.get("user_name")
        htap_lib.user_of(htap, name)
        if name == "root":
            raise api_error("DBS.200828", "root cannot be deleted.")
        del htap.users[name]
        return {"result": "SUCCESS"}

    def password(self, project_id, instance_id):
        """4.15.23."""
        inst, htap = self._ready(project_id, instance_id)
        body = json_body()
        name = htap_lib.body_field(body, "user_name", "userName")
        user = htap_lib.user_of(htap, name)
        user["password_sha256"] = htap_lib.account_password(htap_lib.body_field(body, "password", "passWord"), name)
        return {"result": "SUCCESS"}

    def permission(self, project_id, instance_id):
        """4.15.24: databases, dml and ddl are each optional; those given replace the current ones."""
        inst, htap = self._ready(project_id, instance_id)
        body = json_body()
        user = htap_lib.user_of(htap, htap_lib.body_field(body, "user_name", "userName"))
        databases = htap_lib.account_databases(htap, htap_lib.body_field(body, "databases", "dataBases"), required=False)
        changes = {}
        if databases is not None:
            changes["databases"] = databases
        if body.get("dml") is not None:
            changes["dml"] = rules.as_int(body["dml"], "dml", 0, 3)
        if body.get("ddl") is not None:
            changes["ddl"] = rules.as_int(body["ddl"], "ddl", 0, 1)
        user.update(changes)
        return {"result": "SUCCESS"}


# -- building ---------------------------------------------------------------------------------------------------------
def _table_range(config):
    """4.15.16's TableReplConfig (table 4-1049): repl_type include_tables|exclude_tables, repl_scope all|part,
    tables; an include list needs tables. Returns the tables."""
    if not isinstance(config, dict):
        raise param_error("table_repl_config must be an object.")
    if config.get("repl_type", "exclude_tables") not in ("include_tables", "exclude_tables"):
        raise param_error("repl_type must be include_tables or exclude_tables.")
    if config.get("repl_scope", "all") not in ("all", "part"):
        raise param_error("repl_scope must be all or part.")
    tables = config.get("tables") or []
    if not isinstance(tables, list) or not all(isinstance(t, str) and t for t in tables):
        raise param_error("tables must be a list of table names.")
    if config.get("repl_type") == "include_tables" and config.get("repl_scope") == "part" and not tables:
        raise param_error("An include list of part of the tables needs tables.")
    return tables


def check_create(project_id, body):
    engine = body["engine"] if isinstance(body["engine"], dict) else {}
    if engine.get("type") != STARROCKS:
        raise api_error("DBS.280235", "engine.type must be star-rocks.")
    mode = (body["ha"] or {}).get("mode") if isinstance(body["ha"], dict) else None
    if mode not in ("Single", "Cluster"):
        raise param_error("ha.mode must be Single or Cluster.")
    counts = {}
    for group in ("fe", "be"):
        low, high = (1, 1) if mode == "Single" else (3, 10)
        counts[group] = rules.as_int(body[f"{group}_count"], f"{group}_count", low, high)
    if body["az_mode"] != "single":
        raise param_error("az_mode supports only single.")
    rules.check_password(body["db_root_pwd"])
    return {"name": htap_lib.check_name(body["name"]), "version": htap_lib.check_version(STARROCKS, engine.get("version")),
            "mode": mode, "counts": counts, "az": htap_lib.check_az(project_id, body["az_code"]),
            "flavors": {g: htap_lib.check_flavor(STARROCKS, body[f"{g}_flavor_id"], g)["id"] for g in ("fe", "be")},
            "volumes": {g: htap_lib.check_volume(body[f"{g}_volume"], g, step=10) for g in ("fe", "be")},
            "time_zone": body.get("time_zone") or "UTC+08:00", "sys_tags": htap_lib.check_sys_tags(body["tags_info"])}


def build(inst, spec, now):
    htap = Htap(id=htap_lib.new_htap_id(STARROCKS), engine=STARROCKS, owner_id=inst.id, project_id=inst.project_id,
                name=spec["name"], version=spec["version"], ha_mode=spec["mode"], az_mode="single",
                az_code=spec["az"][0], time_zone=spec["time_zone"], created=now, updated=now,
                volumes=spec["volumes"], sys_tags=spec["sys_tags"], users=htap_lib.default_users(),
                databases=list(SYSTEM_DATABASES))
    htap_lib.add_nodes(htap, "fe", lambda n: "fe-leader" if n == 0 else "fe-follower", spec["counts"]["fe"],
                       spec["flavors"]["fe"], spec["az"], "fe_shard01")
    htap_lib.add_nodes(htap, "be", lambda n: "be", spec["counts"]["be"], spec["flavors"]["be"], spec["az"],
                       "be_shard01")
    htap.group_ids = {g: uuid.uuid4().hex + "gr" + htap_lib.SUFFIX[STARROCKS] for g in ("fe", "be")}
    htap_lib.htaps_of(inst)[htap.id] = htap
    return htap


def build_ready(inst, n, now):
    zones = AVAILABILITY_ZONES.get(region_of(inst.project_id), ["az"])
    spec = {"name": f"htap-sr-{n + 1:03d}", "version": "3.1", "mode": "Single", "counts": {"fe": 1, "be": 1},
            "az": [zones[0]], "flavors": {"fe": htap_lib._FLAVOR_IDS["gaussdb.sr-fe.xlarge.x86.4"],
                                          "be": htap_lib._FLAVOR_IDS["gaussdb.sr-be.xlarge.x86.4"]},
            "volumes": {"fe": {"type": "SSD", "size_gb": 50}, "be": {"type": "SSD", "size_gb": 100}},
            "time_zone": "UTC+08:00", "sys_tags": [{"key": "_sys_enterprise_project_id", "value": "0"}]}
    htap = build(inst, spec, now)
    htap.status = "normal"
    for node in htap.nodes:
        node["status"] = "normal"
    return htap


def seed_htap(spec, key, engine, builder):
    per = int(spec.get(key, 0) or 0)
    count = int(spec.get("gaussdb_instances", 0) or 0)
    if per <= 0 or count <= 0:
        return {}
    now = current_ctx().now()
    owners = list(gauss().instances.values())[-count:]
    return {key.replace("_per_instance", "_instances"): [builder(inst, n, now).id for inst in owners for n in range(per)]}


def detail_view(inst, htap):
    """4.15.4's instance."""
    datastore = next(d for d in htap_lib.DATASTORES[STARROCKS] if d["name"] == htap.version)
    groups = []
    for group in ("fe", "be"):
        groups.append({"id": htap.group_ids[group], "name": f"{htap.name}_{group}_shard01",
                       "nodes": [htap_lib.node_view(htap, n) for n in htap.group_nodes(group)],
                       "group_type_name": "starrocks", "group_node_type": group})
    fe, be = htap.volumes["fe"], htap.volumes["be"]
    return {"id": htap.id, "name": htap.name, "project_id": htap.project_id, "public_ip": "",
            "data_vip": ",".join(n["ip"] for n in htap.group_nodes("fe")), "can_enable_public_access": False,
            "current_backup_node_id": None, "cluster_mode": htap.ha_mode, "status": htap.status, "is_frozen": 0,
            "frozen_time": None, "db_user": "root", "bak_period": None, "bak_keep_day": None,
            "bak_expected_start_time": None, "data_store_version_id": datastore["id"],
            "data_store_version": datastore["kernel_version"], "data_store_type": STARROCKS,
            "create_at": htap_lib.ms(htap.created), "update_at": htap_lib.ms(htap.updated), "delete_at": None,
            "db_port": "3306", "param_group": None, "actions": [], "create_fail_err_code": None, "groups": groups,
            "ops_window": {"period": None, "start_time": "18:00", "end_time": "22:00"},
            "tags_info": {"tags": [], "sys_tags": htap.sys_tags}, "time_zone": htap.time_zone,
            "backup_used_space": None, "az_mode": htap.az_mode,
            "enterprise_project_id": next((t["value"] for t in htap.sys_tags), "0"),
            "port_info": {"mysql_port": inst.port}, "fe_node_volume_code": fe["type"],
            "be_node_volume_code": be["type"], "fe_node_volume_size": str(fe["size_gb"] * htap_lib.GB),
            "be_node_volume_size": str(be["size_gb"] * htap_lib.GB), "support_data_replication": True,
            "new_version_available": False, "ssl_option": False, "dedicated_resource_id": None, "pay_model": "0"}


FAMILY = StarRocksFamily
