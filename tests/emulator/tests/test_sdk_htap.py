"""HTAP StarRocks (seed 002 §4.15) and ClickHouse (§4.16) through the official huaweicloudsdkgaussdb client."""

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    ChEnlargeVolumeRequestBody, ClickHouseDatabaseUserInfo, ClickHouseDatabaseUserPSinfo,
    ClickHouseResizeFlavorRequestBody, CreateChDatabaseReplicationRequestBody, CreateChInstanceRequestBody,
    CreateClickHouseDataBaseReplicationRequest, CreateClickHouseDatabaseUserRequest, CreateClickHouseInstanceRequest,
    CreateStarRocksDataReplication, CreateStarRocksDataReplicationRequest, CreateStarRocksDatabaseUserRequest,
    CreateStarrocksInstanceRequest, DeleteClickHouseDataBaseReplicationRequest, DeleteClickHouseDatabaseUserRequest,
    DeleteClickHouseInstanceRequest, DeleteStarRocksDataReplication, DeleteStarRocksDataReplicationRequest,
    DeleteStarRocksDatabaseUserRequest, DeleteStarrocksInstanceRequest, ListClickHouseDataBaseReplicationRequest,
    ListClickHouseInstanceRequest, ListHtapDataStoreRequest, ListHtapFlavorRequest, ListHtapInstanceInfoRequest,
    ListHtapStorageTypeRequest, ListStarRocksDataBasesRequest, ListStarRocksDataReplicationsRequest,
    ListStarrocksInstanceInfoRequest, PauseStarRocksDataReplication, PauseStarRocksDataReplicationRequest,
    RebootClickHouseInstanceRequest, ResizeClickHouseFlavorRequest, ResizeClickHouseInstanceRequest,
    RestartStarrocksInstanceRequest, RestartStarrocksNodeRequest, ResumeStarRocksDataReplicationRequest,
    ShowClickHouseDatabaseUserRequest, ShowStarRocksDatabaseUserRequest,
    StarRocksCreateRequest, StarRocksDatabaseUserInfo, StarRocksDatabaseUserPSinfo, StarRocksDatabaseUserPWinfo,
    UpdateClickHouseDatabaseUserPermissionRequest, UpdateStarRocksDatabaseUserPasswordRequest,
    UpdateStarRocksDatabaseUserPermissionRequest)
from huaweicloudsdkgaussdb.v3 import model as m

from conftest import PROJECT_ID, wait_job

SR_FE = "afef3bfd-ac7c-32e1-ba44-c388acbb196a"
SR_BE = "de565db8-0a96-37ea-9388-61167624712c"
CH_XL = "b44cfde6-d250-313c-8d7a-cd216f071658"
CH_2XL = "6ebc6add-7462-3c27-b92b-3d79ae37a309"
SYS_TAGS = {"sys_tags": [{"key": "_sys_enterprise_project_id", "value": "0"}]}


@pytest.fixture()
def owner(emu):
    return emu.seed(gaussdb_instances=1, nodes_per_instance=2)["gaussdb_instances"][0]


def sr_body(**changes):
    body = {"name": "htap-sr1", "engine": {"type": "star-rocks", "version": "3.1"}, "ha": {"mode": "Single"},
            "fe_flavor_id": SR_FE, "be_flavor_id": SR_BE, "db_root_pwd": "Test@1234x", "fe_count": 1, "be_count": 1,
            "az_mode": "single", "fe_volume": {"io_type": "SSD", "capacity_in_gb": 50},
            "be_volume": {"io_type": "SSD", "capacity_in_gb": 100}, "az_code": "cn-north-4a",
            "time_zone": "UTC+08:00", "tags_info": SYS_TAGS}
    body.update(changes)
    return StarRocksCreateRequest(**body)


def ch_body(**changes):
    body = {"name": "htap-ch1", "engine": {"type": "click-house", "version": "1"}, "ha": {"mode": "Single"},
            "flavor_id": CH_XL, "db_root_pwd": "Test@1234x", "az_mode": "single",
            "volume": {"io_type": "ESSD", "capacity_in_gb": 40}, "az_code": "cn-north-4a", "tags_info": SYS_TAGS}
    body.update(changes)
    return CreateChInstanceRequestBody(**body)


def test_catalogue(sdk):
    stores = sdk.list_htap_data_store(ListHtapDataStoreRequest(engine_name="star-rocks")).datastores
    assert stores[0].name == "3.1" and stores[0].kernel_version == "3.1.6.0"
    flavors = sdk.list_htap_flavor(ListHtapFlavorRequest(engine_name="click-house")).flavors
    assert CH_XL in [f.id for f in flavors]
    one = sdk.list_htap_flavor(ListHtapFlavorRequest(engine_name="star-rocks", spec_code="gaussdb.sr-be.xlarge.x86.4"))
    assert [f.id for f in one.flavors] == [SR_BE]
    types = sdk.list_htap_storage_type(ListHtapStorageTypeRequest(database="star-rocks", version_name="3.1.6.0"))
    assert {t.name for t in types.storage_type} == {"ULTRAHIGH", "ESSD"}
    with pytest.raises(ClientRequestException) as err:
        sdk.list_htap_data_store(ListHtapDataStoreRequest(engine_name="doris"))
    assert err.value.error_code == "DBS.280235"
    with pytest.raises(ClientRequestException) as err:
        sdk.list_htap_flavor(ListHtapFlavorRequest(engine_name="star-rocks", spec_code="nope"))
    assert err.value.error_code == "DBS.280434"


def test_starrocks_lifecycle(emu, sdk, owner):
    with emu.slow_clock(0.01):   # the creation lasts 3 s (0.9 s at the test scale): still running for the two calls below
        created = sdk.create_starrocks_instance(CreateStarrocksInstanceRequest(instance_id=owner, body=sr_body()))
        assert created.instance.id.endswith("in17") and created.instance.status == "creating"
        listed = sdk.list_htap_instance_info(ListHtapInstanceInfoRequest(instance_id=owner))
        assert listed.total == 1 and listed.instances[0].instance_state.instance_status == "creating"
        with pytest.raises(ClientRequestException) as err:   # still creating
            sdk.restart_starrocks_instance(RestartStarrocksInstanceRequest(starrocks_instance_id=created.instance.id))
        assert err.value.status_code == 409
    assert wait_job(sdk, created.job_id).status == "Completed"
    sr_id = created.instance.id
    detail = sdk.list_starrocks_instance_info(ListStarrocksInstanceInfoRequest(instance_id=owner, starrocks_instance_id=sr_id))
    info = detail.instances[0]
    assert info.status == "normal" and [g.group_node_type for g in info.groups] == ["fe", "be"]
    assert info.be_node_volume_size == str(100 * 1000 ** 3)
    # 4.15.4's node region and IaaS flavor: region_code as the table says, iass_flavor_ref as the SDK spells it.
    fe_node = info.groups[0].nodes[0]
    assert (fe_node.region_code, fe_node.iass_flavor_ref) == ("cn-north-4", "c6.xlarge.4")
    node_id = info.groups[1].nodes[0].id
    restarted = sdk.restart_starrocks_node(RestartStarrocksNodeRequest(starrocks_instance_id=sr_id,
                                                                       starrocks_node_id=node_id))
    assert wait_job(sdk, restarted.workflow_id).status == "Completed"
    restarted = sdk.restart_starrocks_instance(RestartStarrocksInstanceRequest(starrocks_instance_id=sr_id))
    assert wait_job(sdk, restarted.workflow_id).status == "Completed"
    deleted = sdk.delete_starrocks_instance(DeleteStarrocksInstanceRequest(instance_id=owner, starrocks_instance_id=sr_id))
    assert deleted.workflow_id
    assert sdk.list_htap_instance_info(ListHtapInstanceInfoRequest(instance_id=owner)).total == 0
    with pytest.raises(ClientRequestException) as err:
        sdk.list_starrocks_instance_info(ListStarrocksInstanceInfoRequest(instance_id=owner, starrocks_instance_id=sr_id))
    # An unknown HTAP instance: A.3's not-found code (DBS.200022 is "name already exists" there).
    assert (err.value.status_code, err.value.error_code) == (404, "DBS.200002")


def test_starrocks_create_rules(sdk, owner):
    for body, code in ((sr_body(name="1bad"), "DBS.200021"), (sr_body(fe_flavor_id=SR_BE), "DBS.280434"),
                       (sr_body(be_count=3), "DBS.280001"), (sr_body(db_root_pwd="short"), "DBS.200052"),
                       (sr_body(fe_volume={"io_type": "SSD", "capacity_in_gb": 55}), "DBS.280001")):
        with pytest.raises(ClientRequestException) as err:
            sdk.create_starrocks_instance(CreateStarrocksInstanceRequest(instance_id=owner, body=body))
        assert err.value.error_code == code


def test_starrocks_accounts_and_sync(emu, sdk):
    owner = emu.seed(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=1)
    gauss_id, sr_id = owner["gaussdb_instances"][0], owner["htap_starrocks_instances"][0]
    emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{gauss_id}/databases",
               {"databases": [{"name": "shop", "character_set": "utf8mb4"}]})
    body = CreateStarRocksDataReplication(source_instance_id=gauss_id, source_database="shop",
                                          target_database="shop_sr", task_name="task_shop")
    job = sdk.create_star_rocks_data_replication(CreateStarRocksDataReplicationRequest(instance_id=sr_id, body=body))
    assert wait_job(sdk, job.job_id).status == "Completed"
    syncs = sdk.list_star_rocks_data_replications(ListStarRocksDataReplicationsRequest(instance_id=sr_id))
    assert [(s.task_name, s.stage) for s in syncs.replications] == [("task_shop", "incremental")]
    dbs = sdk.list_star_rocks_data_bases(ListStarRocksDataBasesRequest(instance_id=sr_id, limit="100", offset="0"))
    assert "shop_sr" in dbs.databases
    sdk.pause_star_rocks_data_replication(PauseStarRocksDataReplicationRequest(
        instance_id=sr_id, body=PauseStarRocksDataReplication(task_name="task_shop")))
    syncs = sdk.list_star_rocks_data_replications(ListStarRocksDataReplicationsRequest(instance_id=sr_id))
    assert syncs.replications[0].stage == "paused"
    sdk.resume_star_rocks_data_replication(ResumeStarRocksDataReplicationRequest(
        instance_id=sr_id, body=PauseStarRocksDataReplication(task_name="task_shop")))

    user = StarRocksDatabaseUserInfo(user_name="reader1", password="Reader_123", databases=["shop_sr"], dml=1, ddl=0)
    assert sdk.create_star_rocks_database_user(CreateStarRocksDatabaseUserRequest(instance_id=sr_id, body=user)).result == "SUCCESS"
    with pytest.raises(ClientRequestException) as err:
        sdk.create_star_rocks_database_user(CreateStarRocksDatabaseUserRequest(instance_id=sr_id, body=user))
    assert err.value.error_code == "DBS.05000097"
    sdk.update_star_rocks_database_user_permission(UpdateStarRocksDatabaseUserPermissionRequest(
        instance_id=sr_id, body=StarRocksDatabaseUserPSinfo(user_name="reader1", databases=["*"], dml=3, ddl=1)))
    sdk.update_star_rocks_database_user_password(UpdateStarRocksDatabaseUserPasswordRequest(
        instance_id=sr_id, body=StarRocksDatabaseUserPWinfo(user_name="reader1", password="Reader_456")))
    users = sdk.show_star_rocks_database_user(ShowStarRocksDatabaseUserRequest(instance_id=sr_id, limit=10, offset=0))
    got = {u.user_name: u for u in users.user_details}
    assert set(got) == {"root", "reader1"} and (got["reader1"].dml, got["reader1"].ddl) == (3, 1)
    # 4.15.20's table (and the SDK) name the granted databases data_bases.
    assert got["reader1"].data_bases == ["*"]
    raw = emu.signed("GET", f"/v3/{PROJECT_ID}/instances/{sr_id}/starrocks/users", params={"limit": 10, "offset": 0}).json()
    assert "data_bases" in raw["user_details"][0] and "databases" not in raw["user_details"][0]
    sdk.delete_star_rocks_database_user(DeleteStarRocksDatabaseUserRequest(instance_id=sr_id, user_name="reader1"))
    job = sdk.delete_star_rocks_data_replication(DeleteStarRocksDataReplicationRequest(
        instance_id=sr_id, body=DeleteStarRocksDataReplication(task_name="task_shop")))
    assert wait_job(sdk, job.job_id).status == "Completed"
    assert sdk.list_star_rocks_data_replications(ListStarRocksDataReplicationsRequest(instance_id=sr_id)).replications == []
    # An unknown task: A.3's generic 404 DBS.290013.
    with pytest.raises(ClientRequestException) as err:
        sdk.pause_star_rocks_data_replication(PauseStarRocksDataReplicationRequest(
            instance_id=sr_id, body=PauseStarRocksDataReplication(task_name="task_shop")))
    assert (err.value.status_code, err.value.error_code) == (404, "DBS.290013")


def test_clickhouse_lifecycle(sdk, owner):
    created = sdk.create_click_house_instance(CreateClickHouseInstanceRequest(instance_id=owner, body=ch_body()))
    ch_id = created.instance.id
    assert ch_id.endswith("in16")
    assert wait_job(sdk, created.job_id).status == "Completed"
    resized = sdk.resize_click_house_instance(ResizeClickHouseInstanceRequest(
        instance_id=ch_id, body=ChEnlargeVolumeRequestBody(size_in_gb=60)))
    assert wait_job(sdk, resized.job_id).status == "Completed"
    flavor = sdk.resize_click_house_flavor(ResizeClickHouseFlavorRequest(
        instance_id=ch_id, body=ClickHouseResizeFlavorRequestBody(flavor_ref=CH_2XL, delay=False)))
    assert wait_job(sdk, flavor.result).status == "Completed"
    reboot = sdk.reboot_click_house_instance(RebootClickHouseInstanceRequest(instance_id=ch_id))
    assert wait_job(sdk, reboot.job_id).status == "Completed"
    info = sdk.list_click_house_instance(ListClickHouseInstanceRequest(instance_id=owner, clickhouse_instance_id=ch_id)).instance
    node = info.groups[0].nodes[0]
    assert (info.status, node.flavor_id, node.volume.size) == ("normal", CH_2XL, str(60 * 1000 ** 3))
    assert (node.region, node.iass_flavor_ref) == ("cn-north-4", "c3.2xlarge.4")   # 4.16.16's table
    with pytest.raises(ClientRequestException) as err:   # scale up only
        sdk.resize_click_house_instance(ResizeClickHouseInstanceRequest(
            instance_id=ch_id, body=ChEnlargeVolumeRequestBody(size_in_gb=50)))
    assert err.value.error_code == "DBS.280001"
    deleted = sdk.delete_click_house_instance(DeleteClickHouseInstanceRequest(instance_id=owner, clickhouse_instance_id=ch_id))
    assert deleted.job_id


def test_clickhouse_accounts_and_sync(emu, sdk):
    seeded = emu.seed(gaussdb_instances=1, nodes_per_instance=1, htap_clickhouse_per_instance=1)
    gauss_id, ch_id = seeded["gaussdb_instances"][0], seeded["htap_clickhouse_instances"][0]
    with pytest.raises(ClientRequestException) as err:   # the source database must exist
        sdk.create_click_house_data_base_replication(CreateClickHouseDataBaseReplicationRequest(
            instance_id=ch_id, body=CreateChDatabaseReplicationRequestBody(source_instance_id=gauss_id,
                                                                           source_database="shop")))
    assert err.value.error_code == "DBS.200823"
    emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{gauss_id}/databases",
               {"databases": [{"name": "shop", "character_set": "utf8mb4"}]})
    job = sdk.create_click_house_data_base_replication(CreateClickHouseDataBaseReplicationRequest(
        instance_id=ch_id, body=CreateChDatabaseReplicationRequestBody(source_instance_id=gauss_id,
                                                                       source_database="shop")))
    assert wait_job(sdk, job.job_id).status == "Completed"
    syncs = sdk.list_click_house_data_base_replication(ListClickHouseDataBaseReplicationRequest(instance_id=ch_id))
    assert [(s.target_database, s.status) for s in syncs.replications] == [("shop", "normal")]
    sdk.create_click_house_database_user(CreateClickHouseDatabaseUserRequest(
        instance_id=ch_id, body=ClickHouseDatabaseUserInfo(user_name="bi_user", password="Bi_user123",
                                                           databases=["shop"], dml=1)))
    sdk.update_click_house_database_user_permission(UpdateClickHouseDatabaseUserPermissionRequest(
        instance_id=ch_id, body=ClickHouseDatabaseUserPSinfo(user_name="bi_user", databases=["*"], dml=2)))
    users = sdk.show_click_house_database_user(ShowClickHouseDatabaseUserRequest(instance_id=ch_id))
    assert {u.user_name: (u.databases, u.dml) for u in users.user_details}["bi_user"] == (["*"], 2)
    sdk.delete_click_house_database_user(DeleteClickHouseDatabaseUserRequest(instance_id=ch_id, user_name="bi_user"))
    job = sdk.delete_click_house_data_base_replication(DeleteClickHouseDataBaseReplicationRequest(
        instance_id=ch_id, database_name="shop"))
    assert wait_job(sdk, job.job_id).status == "Completed"
    with pytest.raises(ClientRequestException) as err:   # gone: A.3's generic 404 DBS.290013
        sdk.delete_click_house_data_base_replication(DeleteClickHouseDataBaseReplicationRequest(
            instance_id=ch_id, database_name="shop"))
    assert (err.value.status_code, err.value.error_code) == (404, "DBS.290013")


# -- pre-checks, configuration reads and the ClickHouse table range (4.15.8, 4.15.16-19, 4.16.9-13, 4.16.26-27) --------
SUBNET = "c1cfa53c-65d3-431e-8552-326bf310c7ad"   # the subnet of seeded GaussDB instances


def sr_resource(**changes):
    resource = {"enterprise_project_id": "0", "instance_num": 1, "mode": "Single", "availability_zone_mode": "single",
                "fe_node_num": 1, "be_node_num": 1, "fe_flavor_ref": "gaussdb.sr-fe.xlarge.x86.4",
                "be_flavor_ref": "gaussdb.sr-be.xlarge.x86.4", "availability_zone": "cn-north-4a", "subnet_id": SUBNET}
    resource.update(changes)
    return m.CheckStarRocksResourceRequest(body=m.ResourceCheck(action="createInstance",
                                                                resource=m.ResourceCheckResource(**resource)))


def test_starrocks_resource_check_answers_from_the_subnets_instances(emu, sdk):
    """4.15.8: false once the GaussDB instances of the subnet have 4.15.12's 10 HTAP instances each."""
    seeded = emu.seed(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=9)
    assert sdk.check_star_rocks_resource(sr_resource()).result is True
    assert sdk.check_star_rocks_resource(sr_resource(instance_num=2)).result is False
    owner = seeded["gaussdb_instances"][0]
    ch = sdk.create_click_house_instance(CreateClickHouseInstanceRequest(instance_id=owner, body=ch_body()))
    assert ch.instance.id   # the tenth HTAP instance (either engine counts)
    assert sdk.check_star_rocks_resource(sr_resource()).result is False
    for resource, code in ((dict(subnet_id="0" * 8 + "-0000-0000-0000-" + "0" * 12), "DBS.200049"),
                           (dict(fe_flavor_ref="gaussdb.sr-be.xlarge.x86.4"), "DBS.280434"),
                           (dict(mode="Cluster"), "DBS.280001"),
                           (dict(availability_zone="nowhere-1a"), "DBS.280001")):
        with pytest.raises(ClientRequestException) as err:
            sdk.check_star_rocks_resource(sr_resource(**resource))
        assert err.value.error_code == code, resource


def test_starrocks_sync_check_and_configuration_reads(emu, sdk):
    seeded = emu.seed(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=1)
    gauss_id, sr_id = seeded["gaussdb_instances"][0], seeded["htap_starrocks_instances"][0]
    emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{gauss_id}/databases",
               {"databases": [{"name": "shop", "character_set": "utf8mb4"}]})

    def check(**body):
        return sdk.check_data_base_config(m.CheckDataBaseConfigRequest(instance_id=sr_id,
                                                                       body=m.DbConfigCheckRequestV3(**body)))
    ok = check(source_instance_id=gauss_id, source_database_name="shop", target_database_name="shop_sr",
               task_name="task_shop", db_configs=[m.DbConfig(param_name="max_sync_commit_rows", value="100")],
               table_repl_config=m.TableReplConfig(repl_type="include_tables", repl_scope="part", tables=["t1"]))
    results = {r.param_name: r.check_result for r in ok.source_db_config_check_results}
    assert results["max_sync_commit_rows"] == "fail" and results["snapshot_with_lock"] == "success"
    assert (ok.source_database_name, ok.target_database_name, ok.task_name) == ("shop", "shop_sr", "task_shop")
    for body, code in ((dict(source_database_name="nope"), "DBS.200823"),
                       (dict(source_database_name="shop", table_repl_config=m.TableReplConfig(
                           repl_type="include_tables", repl_scope="part", tables=["t9"])), "DBS.05000048"),
                       (dict(target_database_name="default"), "DBS.05000079")):
        with pytest.raises(ClientRequestException) as err:
            check(**body)
        assert err.value.error_code == code, body
    job = sdk.create_star_rocks_data_replication(CreateStarRocksDataReplicationRequest(
        instance_id=sr_id, body=CreateStarRocksDataReplication(source_instance_id=gauss_id, source_database="shop",
                                                               target_database="shop_sr", task_name="task_shop")))
    assert wait_job(sdk, job.job_id).status == "Completed"
    with pytest.raises(ClientRequestException) as err:
        check(task_name="task_shop")
    assert err.value.error_code == "DBS.05000079" and "[task_name]" in err.value.error_msg

    config = sdk.list_star_rocks_data_replication_config(m.ListStarRocksDataReplicationConfigRequest(
        instance_id=sr_id, task_name="task_shop"))
    assert config.database_info.database_name == "shop" and config.target_database_name == "shop_sr"
    assert config.table_repl_config.repl_type == "exclude_tables" and config.is_tables_change is False
    params = sdk.list_star_rocks_db_parameters(m.ListStarRocksDbParametersRequest(instance_id=sr_id)).db_parameters
    assert {p.param_name for p in params} >= {"sync_commit_interval_ms", "binlog_expire_logs_seconds"}
    dbs = sdk.list_star_rocks_data_bases(m.ListStarRocksDataBasesRequest(instance_id=sr_id, limit="2", offset="0"))
    assert dbs.total_count == 5 and len(dbs.databases) == 2 and isinstance(dbs.timestamp, int)


def test_clickhouse_checks_configuration_and_table_range(emu, sdk):
    seeded = emu.seed(gaussdb_instances=1, nodes_per_instance=1, htap_clickhouse_per_instance=1)
    gauss_id, ch_id = seeded["gaussdb_instances"][0], seeded["htap_clickhouse_instances"][0]
    emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{gauss_id}/databases",
               {"databases": [{"name": "shop", "character_set": "utf8mb4"}]})

    def db_check(tables=(), repl_type="black_list", database="shop", configs=()):
        return sdk.check_click_house_data_base_config(m.CheckClickHouseDataBaseConfigRequest(
            instance_id=ch_id, body=m.CheckChDatabaseConfigRequestBody(
                source_instance_id=gauss_id, source_database_name=database,
                db_configs=[m.ChDatabaseConfigsInfo(param_name=n, value=v) for n, v in configs],
                table_repl_config=m.ChDatabaseTableReplConfigInfo(repl_type=repl_type, tables=list(tables)))))

    def table_check(tables, configs=()):
        return sdk.check_click_house_table_config(m.CheckClickHouseTableConfigRequest(
            instance_id=ch_id, body=m.CheckChDatabaseTableConfigRequestBody(
                source_instance_id=gauss_id, source_database_name="shop", db_configs=[],
                tables_configs=[m.ChDatabaseTablesConfigsInfo(table_name=n, table_config=c) for n, c in configs],
                table_repl_config=m.ChDatabaseTableReplConfigInfo(repl_type="black_list", tables=list(tables)))))

    ok = db_check(tables=["t1"], configs=[("max_sync_threads", "3")])
    assert ok.database_name == "shop"
    assert {r.param_name: r.check_result for r in ok.db_config_check_results}["max_sync_threads"] == "fail"
    for kwargs, code in ((dict(database="nope"), "DBS.200823"), (dict(tables=["t9"]), "DBS.05000048"),
                         (dict(repl_type="white_list"), "DBS.280001")):
        with pytest.raises(ClientRequestException) as err:
            db_check(**kwargs)
        assert err.value.error_code == code, kwargs
    job = sdk.create_click_house_data_base_replication(CreateClickHouseDataBaseReplicationRequest(
        instance_id=ch_id, body=CreateChDatabaseReplicationRequestBody(source_instance_id=gauss_id,
                                                                       source_database="shop")))
    assert wait_job(sdk, job.job_id).status == "Completed"
    with pytest.raises(ClientRequestException) as err:   # synchronized already
        db_check()
    assert err.value.error_code == "DBS.05000079"

    checked = table_check(["t2"], configs=[("t1", "ORDER BY id"), ("t3", "bad clause")])
    assert [(r.table_name, r.check_result) for r in checked.table_config_check_results] == [
        ("t1", "success"), ("t3", "Check Override Table Failed")]
    with pytest.raises(ClientRequestException) as err:
        table_check(["t2", "t9"])
    assert err.value.error_code == "DBS.05000048" and "t9" in err.value.error_msg

    def config():
        return sdk.list_click_house_data_base_replication_config(m.ListClickHouseDataBaseReplicationConfigRequest(
            instance_id=ch_id, database_name="shop"))

    def modify(value):
        return sdk.update_click_house_data_base_config(m.UpdateClickHouseDataBaseConfigRequest(
            instance_id=ch_id, body=m.UpdateChDatabaseConfigRequestBody(source_instance_id=gauss_id, source_node_id="",
                                                                        database="shop", value=value)))
    before = config()
    assert (before.table_repl_config.repl_type, before.table_repl_config.tables, before.is_tables_change) == \
        ("black_list", [], False)
    with pytest.raises(ClientRequestException) as err:   # the list type cannot change
        modify('[{"white_list": "t1"}]')
    assert err.value.error_code == "DBS.280001"
    assert wait_job(sdk, modify('[{"black_list": "t1,t2"}]').job_id).status == "Completed"
    assert config().table_repl_config.tables == ["t1", "t2"]
    # A table the source database lacks: the change is accepted, its job fails, 4.16.12 tells why.
    failed = modify('{"black_list": "t1,t9"}')
    assert config().is_tables_change is True and config().new_table_repl_config.tables == ["t1", "t9"]
    job = wait_job(sdk, failed.job_id)
    assert job.status == "Failed" and "t9" in job.fail_reason
    after = config()
    assert after.table_repl_config.tables == ["t1", "t2"] and after.is_tables_change is False
    assert "t9" in after.last_error_of_alter_table
    # 4.16.27 drops a change in progress.
    with emu.slow_clock(0.01):
        pending = modify('[{"black_list": "t3"}]')
        assert config().is_tables_change is True
        stop = sdk.delete_click_house_data_base_config(m.DeleteClickHouseDataBaseConfigRequest(
            instance_id=ch_id, database="shop"))
        assert config().is_tables_change is False
    assert wait_job(sdk, stop.job_id).status == "Completed" and wait_job(sdk, pending.job_id).status == "Completed"
    assert config().table_repl_config.tables == ["t1", "t2"]
    params = sdk.list_click_house_data_base_parameter(m.ListClickHouseDataBaseParameterRequest(instance_id=ch_id))
    assert "max_flush_data_time" in [p.param_name for p in params.db_parameters]
    dbs = sdk.list_click_house_data_base(m.ListClickHouseDataBaseRequest(instance_id=ch_id, limit=10, offset=0))
    assert "shop" in dbs.databases and dbs.total_count == 3
