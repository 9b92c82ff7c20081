"""HTAP lightweight edition, ClickHouse (seed 002 §4.16): instances, accounts, databases, data synchronization.

A ClickHouse instance is one node ("Single") or a master and a slave ("Ha", az_mode "double", two AZs) of
one flavor and volume (4.16.16). Creation 300 s (scaled), restart 60 s, volume or flavor change 300 s; the
HTAP instance is locked meanwhile. A data synchronization copies a database of the owning GaussDB instance
(it must exist) into a ClickHouse database of the same name (4.16.24 lists source and target alike).

Paths: the URI lines of 4.16.9/10/12/23/24/25 read ``.../clickhousereplication...`` while 4.16.9's example
and 4.16.13 write ``.../clickhouse/replication...`` (and so does the official SDK): a lost "/" in the text,
so both spellings are served. 4.16.2-4.16.8 (log nodes, slow logs, masking, LTS log configurations) are
served by gaussdb_htap_clickhouse_logs.py.
"""
import json
import uuid

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.huawei import gaussdb_htap_common as htap_lib
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.auth import region_of
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.gaussdb_htap_common import CLICKHOUSE, Htap
from tests.emulator.huawei.gaussdb_htap_starrocks import seed_htap
from tests.emulator.huawei.gaussdb_meta import AVAILABILITY_ZONES
from tests.emulator.huawei.store import gauss, instance_busy_guard

SYSTEM_DATABASES = ["default", "system"]
# 4.16.13's example.
DB_PARAMETERS = [
    {"param_name": "default_isolation_level", "data_type": "String", "default_value": "QUERY_SNAPSHOT",
     "value_range": "READ_COMMITTED|READ_UNCOMMITTED|QUERY_RAW|QUERY_SNAPSHOT", "description": "默认隔离级别"},
    {"param_name": "enable_snapshots", "data_type": "String", "default_value": "true", "value_range": "true|false",
     "description": "创建快照以支持mvcc_isolation_level='query_snapshot'"},
    {"param_name": "enable_chunk_level", "data_type": "String", "default_value": "true", "value_range": "true|false",
     "description": "支持chunk级别的并行复制，复制会更快"},
    {"param_name": "max_sync_threads", "data_type": "Integer", "default_value": "1", "value_range": "1-2",
     "description": "全量复制最大线程数"},
    {"param_name": "treat_numeric_string_as_integer", "data_type": "String", "default_value": "false",
     "value_range": "true|false", "description": "允许在全量同步期间块级任务生成中将数字字符串视为整数"},
    {"param_name": "min_binlog_expire_logs_seconds", "data_type": "Integer", "default_value": "86400",
     "value_range": "0-2592000", "description": "允许binlog保存的最小时长"},
    {"param_name": "max_rows_in_buffer", "data_type": "Integer", "default_value": "2000000",
     "value_range": "1-10000000", "description": "内存中允许缓存数据的最大行数（单表）"},
    {"param_name": "max_rows_in_buffers", "data_type": "Integer", "default_value": "6000000",
     "value_range": "1-10000000", "description": "内存中允许缓存的最大行数（数据库）"},
    {"param_name": "max_bytes_in_buffer", "data_type": "Integer", "default_value": "200000000",
     "value_range": "1-1000000000", "description": "数据在内存中允许缓存的最大字节数（单表）"},
    {"param_name": "max_bytes_in_buffers", "data_type": "Integer", "default_value": "600000000",
     "value_range": "1-1000000000", "description": "数据在内存中允许缓存的最大字节数（数据库）"},
    {"param_name": "max_flush_data_time", "data_type": "Integer", "default_value": "5000", "value_range": "1-10000",
     "description": "允许数据缓存在内存中的最大时长(毫秒)"},
]
REPL_TYPES = ("white_list", "black_list")
CREATE_SECONDS, RESTART_SECONDS, RESIZE_SECONDS, SYNC_SECONDS, SMALL_SECONDS = 300, 60, 300, 10, 5


class ClickHouseFamily(HuaweiFamily):
    name = "gaussdb-htap-clickhouse"

    def register(self, app, ctx):
        inst = "/v3/{project_id}/instances/{instance_id}"
        base = inst + "/clickhouse"
        routes = [
            ("POST", base, self.create), ("GET", base + "/{clickhouse_instance_id}", self.show),
            ("DELETE", base + "/{clickhouse_instance_id}", self.delete), ("PUT", base + "/resize", self.resize),
            ("PUT", base + "/restart", self.restart), ("POST", base + "/resize-flavor", self.resize_flavor),
            ("GET", base + "/databases", self.databases),
            ("GET", base + "/users", self.list_users), ("POST", base + "/users", self.create_user),
            ("DELETE", base + "/users/{user_name}", self.delete_user), ("PUT", base + "/users/password", self.password),
            ("PUT", base + "/users/permission", self.permission),
            ("GET", base + "/replication/database-parameter", self.db_parameters),
            ("PUT", base + "/databases/replication/config", self.modify_sync),
            ("DELETE", base + "/databases/replication/config", self.stop_modify_sync)]
        for repl in (inst + "/clickhousereplication", base + "/replication"):
            routes += [("POST", repl, self.create_sync), ("GET", repl, self.list_syncs),
                       ("DELETE", repl + "/{database_name}", self.delete_sync),
                       ("GET", repl + "/config", self.sync_config),
                       ("POST", repl + "/database-check", self.database_check),
                       ("POST", repl + "/table-check", self.table_check)]
        for method, path, view in routes:
            ctx.route(self, method, path, view)

    def seed(self, spec):
        """Admin seed ``htap_clickhouse_per_instance: N`` (see the StarRocks family)."""
        return seed_htap(spec, "htap_clickhouse_per_instance", CLICKHOUSE, build_ready)

    # -- instances (4.16.14-4.16.18, 4.16.28) --------------------------------------------------------------------------
    def create(self, project_id, instance_id):
        """4.16.14: 202 {instance, job_id}."""
        inst = htap_lib.owner(project_id, instance_id)
        instance_busy_guard(inst)
        body = json_body()
        rules.required(body, "name", "engine", "ha", "flavor_id", "db_root_pwd", "az_mode", "volume", "az_code",
                       "tags_info")
        spec = check_create(project_id, body, inst)
        htap_lib.check_quota(inst)
        htap = build(inst, spec, current_ctx().now())
        done, failed = htap_lib.create_done(htap)
        job = htap_lib.start_job("CreateClickHouseInstance", inst, htap, CREATE_SECONDS, done, failed)
        view = {"id": htap.id, "az_code": body["az_code"], "az_mode": htap.az_mode, "name": htap.name,
                "engine": {"type": CLICKHOUSE, "version": htap.version}, "vpc_id": inst.vpc_id,
                "security_group_id": inst.security_group_id, "subnet_id": inst.subnet_id, "db_user": "root",
                "port": None, "ha_mode": htap.ha_mode,
                "pay_info": {"pay_model": "0", "order_id": None, "period": None, "period_type": None,
                             "is_auto_renew": None},
                "ssl_option": False, "status": "creating", "region": region_of(project_id),
                "tags_info": {"tags": [], "sys_tags": htap.sys_tags}}
        return {"instance": view, "job_id": job.id}, 202

    def show(self, project_id, instance_id, clickhouse_instance_id):
        """4.16.16: {"instance": ...}."""
        inst = htap_lib.owner(project_id, instance_id)
        return {"instance": detail_view(inst, htap_lib.in_owner(inst, clickhouse_instance_id, CLICKHOUSE))}

    def delete(self, project_id, instance_id, clickhouse_instance_id):
        """4.16.15: {"job_id"}."""
        inst = htap_lib.owner(project_id, instance_id)
        htap = htap_lib.in_owner(inst, clickhouse_instance_id, CLICKHOUSE)
        return {"job_id": htap_lib.remove(inst, htap, "DeleteClickHouseInstance").id}

    def resize(self, project_id, instance_id):
        """4.16.17: scale the volume up only (50-32000 GB)."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        size = rules.as_int(json_body().get("size_in_gb"), "size_in_gb", 50, 32000)
        volume = htap.volumes["ch"]
        if size <= volume["size_gb"]:
            raise param_error(f"size_in_gb must be larger than the current {volume['size_gb']} GB.")

        def done(job, parent):
            volume["size_gb"] = size
        job = htap_lib.start_job("ResizeClickHouseVolume", inst, htap, RESIZE_SECONDS, done, status="resizing")
        return {"job_id": job.id}

    def restart(self, project_id, instance_id):
        """4.16.18."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        return {"job_id": htap_lib.start_job("RestartClickHouseInstance", inst, htap, RESTART_SECONDS,
                                             status="rebooting").id}

    def resize_flavor(self, project_id, instance_id):
        """4.16.28: {"result": <job id>} (the example's result is a job id); delay true only schedules it."""
        body = json_body()
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE, hint=body.get("instance_id"))
        htap_lib.guard(htap)
        rules.required(body, "flavor_ref")
        delay = rules.as_bool(body.get("delay", False), "delay")
        flavor = htap_lib.check_flavor(CLICKHOUSE, body["flavor_ref"], "ch")
        if all(n["flavor_id"] == flavor["id"] for n in htap.nodes):
            raise param_error("The instance already has this flavor.")
        if delay:
            return {"result": jobs.schedule("ResizeClickHouseFlavor", inst, {"flavor_ref": flavor["id"]}).id}

        def done(job, parent):
            for node in htap.nodes:
                node["flavor_id"] = flavor["id"]
        job = htap_lib.start_job("ResizeClickHouseFlavor", inst, htap, RESIZE_SECONDS, done, status="resizing")
        return {"result": job.id}

    # -- databases and accounts (4.16.1, 4.16.11, 4.16.19-4.16.22) ----------------------------------------------------
    def databases(self, project_id, instance_id):
        """4.16.11."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        offset, limit = rules.paging(request.args, default_limit=10)
        wanted = request.args.get("database_name") or ""
        names = [d for d in htap.databases if wanted in d]
        return {"databases": names[offset:offset + limit], "total_count": len(names)}

    def list_users(self, project_id, instance_id):
        """4.16.20."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        return htap_lib.list_users(htap, request.args, limit_required=False)

    def create_user(self, project_id, instance_id):
        """4.16.19: dml 1 (read-only) or 2 (default); no ddl in the body (listed as 0)."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        body = json_body()
        name = htap_lib.account_name(body.get("user_name"))
        if name in htap.users:
            raise api_error("DBS.05000097", f"Account {name} exists.")
        sha = htap_lib.account_password(body.get("password"), name)
        databases = htap_lib.account_databases(htap, body.get("databases"))
        dml = rules.as_int(body.get("dml", 2), "dml", 1, 2)
        htap.users[name] = {"databases": databases, "dml": dml, "ddl": 0, "password_sha256": sha}
        return {"result": "SUCCESS"}

    def delete_user(self, project_id, instance_id, user_name):
        """4.16.1."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        htap_lib.user_of(htap, user_name)
        if user_name == "root":
            raise api_error("DBS.200828", "root cannot be deleted.")
        del htap.users[user_name]
        return {"result": "SUCCESS"}

    def password(self, project_id, instance_id):
        """4.16.21."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        body = json_body()
        user = htap_lib.user_of(htap, body.get("user_name"))
        user["password_sha256"] = htap_lib.account_password(body.get("password"), body["user_name"])
        return {"result": "SUCCESS"}

    def permission(self, project_id, instance_id):
        """4.16.22: user_name, databases and dml are all required."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        body = json_body()
        rules.required(body, "user_name", "databases", "dml")
        user = htap_lib.user_of(htap, body["user_name"])
        databases = htap_lib.account_databases(htap, body["databases"])
        user.update(databases=databases, dml=rules.as_int(body["dml"], "dml", 1, 2))
        return {"result": "SUCCESS"}

    # -- data synchronization (4.16.9, 4.16.10, 4.16.12, 4.16.13, 4.16.23-4.16.27) -------------------------------------
    def _sync(self, htap, database):
        if database not in htap.syncs:
            raise htap_lib.sync_not_found("data synchronization")
        return htap.syncs[database]

    def create_sync(self, project_id, instance_id):
        """4.16.23: {"job_id"}; the new ClickHouse database has the source's name."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        body = json_body()
        rules.required(body, "source_instance_id", "source_database")
        database = body["source_database"]
        htap_lib.source_database(project_id, body["source_instance_id"], body.get("source_node_id"), database, inst)
        if database in htap.syncs or database in htap.databases:
            raise param_error(f"The database {database} is already synchronized.")
        sync = {"source_instance_id": body["source_instance_id"], "source_node_id": body.get("source_node_id") or "",
                "source_database": database, "target_database": database, "status": "normal", "stage": "wait",
                "percentage": "0", "catchup_stage": None,
                # 4.16.12's example: a sync without a table list is a black list of no table (all tables).
                "table_repl_config": {"repl_type": "black_list", "tables": []},
                "new_table_repl_config": {"repl_type": None, "tables": None}}
        job = htap_lib.start_sync("CreateClickHouseDataReplication", inst, htap, database, database, sync, SYNC_SECONDS)
        return {"job_id": job.id}

    def list_syncs(self, project_id, instance_id):
        """4.16.24."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        offset, limit = rules.paging(request.args, default_limit=10)
        items = list(htap.syncs.values())
        keys = ("source_database", "target_database", "status", "stage", "percentage", "catchup_stage")
        return {"total_count": len(items), "replications": [{k: s[k] for k in keys} for s in items[offset:offset + limit]],
                "ext_text": None}

    def delete_sync(self, project_id, instance_id, database_name):
        """4.16.25: the synchronized ClickHouse database goes too."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        self._sync(htap, database_name)
        del htap.syncs[database_name]
        if database_name in htap.databases:
            htap.databases.remove(database_name)
        for user in htap.users.values():
            if database_name in user["databases"] and len(user["databases"]) > 1:
                user["databases"].remove(database_name)
        return {"job_id": htap_lib.start_job("DeleteClickHouseDataReplication", inst, htap, SMALL_SECONDS,
                                             lock=False).id}

    def sync_config(self, project_id, instance_id):
        """4.16.12: ?database_name=. A change of the table range in progress (4.16.26) shows as is_tables_change
        with its new_table_repl_config; the reason of the last one that failed as last_error_of_alter_table."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        sync = self._sync(htap, request.args.get("database_name"))
        return {"source_instance_id": sync["source_instance_id"], "source_node_id": sync["source_node_id"],
                "database_info": {"database_name": sync["source_database"],
                                  "db_config_check_results": htap_lib.db_parameter_check(DB_PARAMETERS, [])},
                "table_infos": [], "table_repl_config": sync["table_repl_config"],
                "is_tables_change": sync["new_table_repl_config"]["repl_type"] is not None,
                "new_table_repl_config": sync["new_table_repl_config"],
                "last_error_of_alter_table": sync.get("last_error_of_alter_table")}

    def db_parameters(self, project_id, instance_id):
        """4.16.13."""
        htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        return {"db_parameters": DB_PARAMETERS}

    def database_check(self, project_id, instance_id):
        """4.16.9: what a creation (4.16.23) of this synchronization would meet, answered from the current state:
        the source instance, node and database as a creation checks them (DBS.280001, DBS.290013, DBS.200823), a
        database that is synchronized already (400 DBS.05000079 "... Please check: [source_database_name]"), a
        table range naming tables the source database lacks (DBS.05000048); every db_config is checked against
        4.16.13's ranges (``check_result`` success or fail), the parameters not given with their defaults."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        body = json_body()
        rules.required(body, "source_instance_id", "source_database_name", "db_configs")
        config = _repl_config(body)
        database = body["source_database_name"]
        source = htap_lib.source_of(project_id, body["source_instance_id"], body.get("source_node_id"), database, inst)
        if database in htap.syncs or database in htap.databases:
            raise htap_lib.check_failed("source_database_name", f"The database {database} is already synchronized.")
        htap_lib.check_tables(source, database, config.get("tables") or [])
        return {"database_name": database,
                "db_config_check_results": htap_lib.db_parameter_check(DB_PARAMETERS, _configs(body))}

    def table_check(self, project_id, instance_id):
        """4.16.10: the tables of the range (table_repl_config) and of tables_configs must exist in the source
        database (DBS.05000048); each table_config is one of the allowed clauses (PARTITION BY, COLUMNS, ORDER
        BY, SAMPLE BY, PRIMARY KEY, TTL), else its check_result is "Check Override Table Failed" (the
        example's value; table 4-1173 leaves check_result free text)."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        body = json_body()
        rules.required(body, "source_instance_id", "source_database_name", "db_configs", "tables_configs")
        config = _repl_config(body)
        database = body["source_database_name"]
        source = htap_lib.source_of(project_id, body["source_instance_id"], body.get("source_node_id"), database, inst)
        _configs(body)
        items = body["tables_configs"]
        if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("table_name") for i in items):
            raise param_error("tables_configs must be a list of {table_name, table_config}.")
        htap_lib.check_tables(source, database, list(config.get("tables") or []) + [i["table_name"] for i in items])
        clauses = ("PARTITION BY", "COLUMNS", "ORDER BY", "SAMPLE BY", "PRIMARY KEY", "TTL")
        results = []
        for item in items:
            config_text = str(item.get("table_config", ""))
            ok = config_text.upper().startswith(clauses)
            results.append({"table_name": item["table_name"], "table_config": config_text,
                            "check_result": "success" if ok else "Check Override Table Failed"})
        return {"source_database_name": database, "table_config_check_results": results}

    def modify_sync(self, project_id, instance_id):
        """4.16.26: value '[{"white_list": "t1,t2"}]' (the table's form) or '{"white_list": "t1,t2"}' (the
        example's) changes the table range, never the list type. The change runs as a job: the new range shows
        as new_table_repl_config (is_tables_change) until it ends; a range naming a table the source database
        lacks fails the job, whose reason 4.16.12 then shows as last_error_of_alter_table (the range stays)."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        htap_lib.guard(htap)
        body = json_body()
        rules.required(body, "source_instance_id", "database", "value")
        sync = self._sync(htap, body["database"])
        if body["source_instance_id"] != sync["source_instance_id"]:
            raise param_error("source_instance_id is not the source of this synchronization.")
        try:
            value = json.loads(body["value"]) if isinstance(body["value"], str) else body["value"]
        except ValueError as exc:
            raise param_error("value must be a JSON object.") from exc
        if isinstance(value, list) and len(value) == 1:
            value = value[0]   # 4.16.26's table writes it as a one-object list
        if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in REPL_TYPES:
            raise param_error('value must be like {"white_list": "t1,t2"}.')
        repl_type, tables = next(iter(value.items()))
        if repl_type != sync["table_repl_config"]["repl_type"]:
            raise param_error("The list type of a synchronization cannot be changed.")
        new = {"repl_type": repl_type, "tables": [t.strip() for t in str(tables).split(",") if t.strip()]}
        if repl_type == "white_list" and not new["tables"]:
            raise param_error("A white list needs tables.")
        source = gauss().instances.get(sync["source_instance_id"])
        missing = htap_lib.missing_tables(source, sync["source_database"], new["tables"]) if source else []
        sync["new_table_repl_config"] = new

        def done(job, parent):
            if sync["new_table_repl_config"] == new:
                sync["table_repl_config"] = new
                sync["new_table_repl_config"] = {"repl_type": None, "tables": None}
                sync["last_error_of_alter_table"] = None

        def failed(job, parent):
            if missing:
                job.fail_reason = f"Some tables name are not exists: {', '.join(missing)}."
            if sync["new_table_repl_config"] == new:
                sync["new_table_repl_config"] = {"repl_type": None, "tables": None}
                sync["last_error_of_alter_table"] = job.fail_reason
        job = htap_lib.start_job("ModifyClickHouseDataReplication", inst, htap, SYNC_SECONDS, done, failed, lock=False)
        job.will_fail = job.will_fail or bool(missing)
        return {"job_id": job.id}

    def stop_modify_sync(self, project_id, instance_id):
        """4.16.27: ?database= drops a pending table-range change (its job then leaves the range as it was)."""
        inst, htap = htap_lib.resolve(project_id, instance_id, CLICKHOUSE)
        sync = self._sync(htap, request.args.get("database"))
        sync["new_table_repl_config"] = {"repl_type": None, "tables": None}
        return {"job_id": htap_lib.start_job("StopModifyClickHouseDataReplication", inst, htap, SMALL_SECONDS,
                                             lock=False).id}


def _repl_config(body):
    """ChDatabaseTableReplConfigInfo (tables 4-1161, 4-1171): required, repl_type white_list (tables must not be
    empty) or black_list (empty = every table)."""
    config = body.get("table_repl_config", body.get("table_replconfig"))  # the 4.16.9 example's spelling
    if not isinstance(config, dict) or config.get("repl_type") not in REPL_TYPES:
        raise param_error("table_repl_config.repl_type must be white_list or black_list.")
    tables = config.get("tables")
    if tables is not None and (not isinstance(tables, list) or not all(isinstance(t, str) and t for t in tables)):
        raise param_error("table_repl_config.tables must be a list of table names.")
    if config["repl_type"] == "white_list" and not tables:
        raise param_error("A white list needs tables.")
    return config


def _configs(body):
    """ChDatabaseConfigsInfo items (tables 4-1160, 4-1169): param_name and value, both required."""
    configs = body.get("db_configs")
    if not isinstance(configs, list) or not all(isinstance(c, dict) and c.get("param_name") and "value" in c
                                                for c in configs):
        raise param_error("db_configs must be a list of {param_name, value}.")
    return configs


def check_create(project_id, body, inst):
    engine = body["engine"] if isinstance(body["engine"], dict) else {}
    if engine.get("type") != CLICKHOUSE:
        raise api_error("DBS.280235", "engine.type must be click-house.")
    mode = body["ha"].get("mode") if isinstance(body["ha"], dict) else None
    if mode not in ("Single", "Ha"):
        raise param_error("ha.mode must be Single or Ha.")
    az_mode = body["az_mode"]
    if az_mode not in ("single", "double"):
        raise param_error("az_mode must be single or double.")
    # 4.16.14: for Ha, az_code lists the AZs separated by ","; single-AZ Ha puts both nodes in one AZ.
    azs = htap_lib.check_az(project_id, body["az_code"], 2 if mode == "Ha" and az_mode == "double" else 1)
    rules.check_password(body["db_root_pwd"])
    pay = body.get("pay_info") or {}
    if str(pay.get("pay_model", "0")) != "0":
        raise param_error("Only pay-per-use (pay_model 0) is supported.")
    return {"name": htap_lib.check_name(body["name"]), "version": htap_lib.check_version(CLICKHOUSE, engine.get("version")),
            "mode": mode, "az_mode": az_mode, "az": azs,
            "flavor": htap_lib.check_flavor(CLICKHOUSE, body["flavor_id"], "ch")["id"],
            "volume": htap_lib.check_volume(body["volume"], "ch"),
            "time_zone": body.get("time_zone") or inst.time_zone, "sys_tags": htap_lib.check_sys_tags(body["tags_info"])}


def build(inst, spec, now):
    htap = Htap(id=htap_lib.new_htap_id(CLICKHOUSE), engine=CLICKHOUSE, owner_id=inst.id, project_id=inst.project_id,
                name=spec["name"], version=spec["version"], ha_mode=spec["mode"], az_mode=spec["az_mode"],
                az_code=",".join(spec["az"]), time_zone=spec["time_zone"], created=now, updated=now,
                volumes={"ch": spec["volume"]}, sys_tags=spec["sys_tags"], users=htap_lib.default_users(),
                databases=list(SYSTEM_DATABASES))
    htap_lib.add_nodes(htap, "ch", lambda n: "master" if n == 0 else "slave", 2 if spec["mode"] == "Ha" else 1,
                       spec["flavor"], spec["az"], "shard01")
    htap.group_ids = {"ch": uuid.uuid4().hex + "gr" + htap_lib.SUFFIX[CLICKHOUSE]}
    htap_lib.htaps_of(inst)[htap.id] = htap
    return htap


def build_ready(inst, n, now):
    zones = AVAILABILITY_ZONES.get(region_of(inst.project_id), ["az"])
    spec = {"name": f"htap-ch-{n + 1:03d}", "version": "1", "mode": "Single", "az_mode": "single", "az": [zones[0]],
            "flavor": htap_lib._FLAVOR_IDS["gaussdb.ch.xlarge.x86.4"], "volume": {"type": "SSD", "size_gb": 100},
            "time_zone": inst.time_zone, "sys_tags": [{"key": "_sys_enterprise_project_id", "value": "0"}]}
    # A seeded instance is as old as its seeded owner (an hour), so that it already has slow logs (4.16.3).
    htap = build(inst, spec, min(now, inst.created))
    htap.status = "normal"
    for node in htap.nodes:
        node["status"] = "normal"
    return htap


def detail_view(inst, htap):
    """4.16.16's instance."""
    datastore = next(d for d in htap_lib.DATASTORES[CLICKHOUSE] if d["name"] == htap.version)
    nodes = [htap_lib.node_view(htap, node) for node in htap.nodes]   # with region and iass_flavor_ref (4.16.16)
    return {"id": htap.id, "name": htap.name, "project_id": htap.project_id, "public_ip": "",
            "can_enable_public_access": False, "current_backup_node_id": None, "cluster_mode": htap.ha_mode,
            "status": htap.status, "is_frozen": 0, "frozen_time": None, "db_user": "root", "bak_period": None,
            "bak_keep_day": None, "bak_expected_start_time": None, "datastore_version_id": datastore["id"],
            "datastore_version": datastore["kernel_version"], "datastore_type": CLICKHOUSE,
            "create_at": htap_lib.ms(htap.created), "update_at": htap_lib.ms(htap.updated), "delete_at": None,
            "db_port": "3306", "param_group": {"id": "1661d4eddd4444dd8447992e74fa3b3epr16", "name": "Default-clickhouse"},
            "actions": [], "create_fail_err_code": "",
            "groups": [{"id": htap.group_ids["ch"], "name": f"{htap.name}_shard01", "group_type_name": "clickhouse",
                        "nodes": nodes}],
            "ops_window": {"period": None, "start_time": "18:00", "end_time": "22:00"},
            "tags_info": {"tags": [], "sys_tags": htap.sys_tags}, "time_zone": htap.time_zone,
            "backup_used_space": None, "az_mode": htap.az_mode, "master_az_code": htap.nodes[0]["az"],
            "enterprise_project_id": next((t["value"] for t in htap.sys_tags), "0"),
            "port_info": {"tep_port": 9000, "http_port": 8123, "mysql_port": 3306, "https_port": 8443,
                          "tep_secure_port": 9440},
            "volume_code": "gaussdb.ch.evs.ultrahighio" if htap.volumes["ch"]["type"] != "ESSD" else "gaussdb.ch.evs.essd",
            "support_data_replication": True, "new_version_available": False, "ssl_option": True,
            "dedicated_resource_id": None, "pay_model": "0"}


FAMILY = ClickHouseFamily
