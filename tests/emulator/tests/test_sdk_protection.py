"""Backups, restores, backup policies and parameter templates (seed 002 4.4, 4.5) through the official
huaweicloudsdkgaussdb client: every request passes the emulator's checks and every answer parses."""
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    ApplyConfigurationRequestBody, BackupEncryptRequest, CopyConfigurationsRequest, CopyConfigurationsRequestBody,
    CopyInstanceConfigurationsRequest, CopyInstanceConfigurationsRequestBody, CreateConfigurationRequestBody,
    CreateGaussMySqlBackupRequest, CreateGaussMySqlConfigurationRequest, CreateRestoreDatabaseTableInfo,
    CreateRestoreTableInfo, CreateRestoreTablesRequest, CreateRestoreTablesRequestBody, DatastoreResult,
    DeleteGaussMySqlBackupRequest, DeleteGaussMySqlConfigurationRequest, DescribeBackupEncryptStatusRequest,
    ListConfigurationsDifferencesRequest, ListConfigurationsDifferencesRequestBody,
    ListConfigurationsInstancesRequest, ListGaussMySqlConfigurationsRequest, ListInstanceConfigurationsRequest,
    ListModifyHistoryRequest, ListParamsTemplateApplyHistoryRequest, ModifyBackupEncryptStatusRequest,
    MysqlBackupPolicy, MysqlCreateBackupRequest, MysqlUpdateBackupPolicyRequest, RestoreOldInstanceRequest,
    RestoreRequest, ShowBackupRestoreTimeRequest, ShowGaussMySqlBackupListRequest, ShowGaussMySqlBackupPolicyRequest,
    ShowGaussMySqlConfigurationRequest, ShowGaussMySqlIncrementalBackupListRequest, ShowRestoreTablesRequest,
    SwitchGaussMySqlConfigurationRequest, UpdateBackupOffsitePolicyInfo, UpdateBackupOffsitePolicyRequest,
    UpdateBackupOffsitePolicyRequestBody, UpdateConfigurationParameterRequestBody,
    UpdateGaussMySqlBackupPolicyRequest, UpdateGaussMySqlConfigurationRequest, UpdateInstanceConfigurationsRequest,
    UpdateInstanceConfigurationsRequestBody)

from conftest import PROJECT_ID
from test_sdk_data import create_db, create_user, databases_of, users_of, wait_job

KMS_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526"
NEW_INSTANCE = {"region": "cn-north-4", "name": "no-such-backup", "mode": "Cluster",
                "datastore": {"type": "gaussdb-mysql", "version": "8.0"}, "flavor_ref": "gaussdb.mysql.xlarge.x86.4",
                "vpc_id": "vpc-1", "subnet_id": "subnet-1", "password": "Test_pass123",
                "availability_zone_mode": "single", "slave_count": 1}


@pytest.fixture()
def instance_id(emu):
    return emu.seed(gaussdb_instances=1, nodes_per_instance=2)["gaussdb_instances"][0]


def error_of(call):
    with pytest.raises(ClientRequestException) as info:
        call()
    return info.value


def backup(sdk, instance_id, name, description=None):
    body = MysqlCreateBackupRequest(instance_id=instance_id, name=name, description=description)
    resp = sdk.create_gauss_my_sql_backup(CreateGaussMySqlBackupRequest(body=body))
    assert resp.backup.status == "BUILDING" and resp.backup.type == "manual"
    assert wait_job(sdk, resp.job_id).status == "Completed"
    return resp.backup.id


def backups(sdk, **query):
    return sdk.show_gauss_my_sql_backup_list(ShowGaussMySqlBackupListRequest(**query)).backups


def now_ms():
    return int(time.time() * 1000)


def test_backup_drop_restore_brings_the_data_back(sdk, instance_id):
    assert wait_job(sdk, create_db(sdk, instance_id, "orders").job_id).status == "Completed"
    assert wait_job(sdk, create_user(sdk, instance_id, "app", databases=None).job_id).status == "Completed"
    backup_id = backup(sdk, instance_id, "before-drop", "taken by the test")
    listed = {b.id: b for b in backups(sdk, instance_id=instance_id)}
    assert listed[backup_id].status == "COMPLETED" and listed[backup_id].description == "taken by the test"
    assert {b.type for b in listed.values()} == {"auto", "manual"}
    assert [b.id for b in backups(sdk, instance_id=instance_id, backup_type="manual")] == [backup_id]

    from huaweicloudsdkgaussdb.v3 import DeleteGaussMySqlDatabaseRequest, DeleteGaussMySqlDatabaseRequestBody
    drop = sdk.delete_gauss_my_sql_database(DeleteGaussMySqlDatabaseRequest(
        instance_id=instance_id, body=DeleteGaussMySqlDatabaseRequestBody(databases=["orders"])))
    wait_job(sdk, drop.job_id)
    assert "orders" not in databases_of(sdk, instance_id)

    body = RestoreRequest(target_instance_id=instance_id, source_instance_id=instance_id, backup_id=backup_id,
                          type="backup")
    job = sdk.restore_old_instance(RestoreOldInstanceRequest(body=body)).job_id
    assert wait_job(sdk, job).status == "Completed"
    assert "orders" in databases_of(sdk, instance_id)
    assert any(name == "app" for name, _ in users_of(sdk, instance_id))


def test_point_in_time_restore_and_ranges(sdk, emu, instance_id):
    backup(sdk, instance_id, "base")
    wait_job(sdk, create_db(sdk, instance_id, "first").job_id)
    time.sleep(0.05)
    moment = now_ms()
    time.sleep(0.05)
    wait_job(sdk, create_db(sdk, instance_id, "second").job_id)
    ranges = sdk.show_backup_restore_time(ShowBackupRestoreTimeRequest(instance_id=instance_id)).restore_times
    assert len(ranges) == 1 and ranges[0].start_time <= moment <= ranges[0].end_time
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert sdk.show_backup_restore_time(ShowBackupRestoreTimeRequest(instance_id=instance_id, date=today)).restore_times
    assert not sdk.show_backup_restore_time(
        ShowBackupRestoreTimeRequest(instance_id=instance_id, date="2001-01-01")).restore_times

    body = RestoreRequest(target_instance_id=instance_id, source_instance_id=instance_id, restore_time=moment,
                          type="timestamp")
    wait_job(sdk, sdk.restore_old_instance(RestoreOldInstanceRequest(body=body)).job_id)
    assert set(databases_of(sdk, instance_id)) == {"first"}

    too_early = RestoreRequest(target_instance_id=instance_id, source_instance_id=instance_id, restore_time=1000,
                               type="timestamp")
    assert error_of(lambda: sdk.restore_old_instance(RestoreOldInstanceRequest(body=too_early))).status_code == 400

    time.sleep(0.01 * 300 * 2.2)   # two incremental backups at --time-scale 0.01
    incr = sdk.show_gauss_my_sql_incremental_backup_list(
        ShowGaussMySqlIncrementalBackupListRequest(instance_id=instance_id, limit="10"))
    assert incr.total_count >= 2 and incr.backups[0].id.endswith("br07")
    assert error_of(lambda: sdk.show_gauss_my_sql_incremental_backup_list(
        ShowGaussMySqlIncrementalBackupListRequest(instance_id=instance_id, limit="15"))).error_code == "DBS.280439"


@pytest.mark.filterwarnings("ignore:Method 'show_restore_tables'")
def test_restore_to_another_instance_and_table_restore(sdk, emu, instance_id):
    other = emu.seed(gaussdb_instances=1, nodes_per_instance=2, name_prefix="target")["gaussdb_instances"][0]
    wait_job(sdk, create_db(sdk, instance_id, "shop").job_id)
    backup_id = backup(sdk, instance_id, "to-copy")
    body = RestoreRequest(target_instance_id=other, source_instance_id=instance_id, backup_id=backup_id, type="backup")
    wait_job(sdk, sdk.restore_old_instance(RestoreOldInstanceRequest(body=body)).job_id)
    assert "shop" in databases_of(sdk, other)

    moment = str(now_ms())
    tables = sdk.show_restore_tables(ShowRestoreTablesRequest(instance_id=instance_id, restore_time=moment,
                                                              last_table_info="false", database_name="sho"))
    assert tables.total_databases == 1 and [t.name for t in tables.databases[0].tables] == ["t1", "t2", "t3"]
    body = CreateRestoreTablesRequestBody(restore_time=moment, last_table_info="false", restore_tables=[
        CreateRestoreDatabaseTableInfo(database="shop", tables=[CreateRestoreTableInfo(old_name="t3", new_name="t3_old")])])
    wait_job(sdk, sdk.create_restore_tables(CreateRestoreTablesRequest(instance_id=instance_id, body=body)).job_id)
    now = sdk.show_restore_tables(ShowRestoreTablesRequest(instance_id=instance_id, restore_time=str(now_ms()),
                                                           last_table_info="true", table_name="t3"))
    assert [t.name for t in now.databases[0].tables] == ["t3", "t3_old"]
    again = error_of(lambda: sdk.create_restore_tables(CreateRestoreTablesRequest(instance_id=instance_id, body=body)))
    assert again.error_code == "DBS.05000046"


def test_backup_rules_and_delete(sdk, emu, instance_id):
    bad = MysqlCreateBackupRequest(instance_id=instance_id, name="1-starts-with-a-digit")
    assert error_of(lambda: sdk.create_gauss_my_sql_backup(CreateGaussMySqlBackupRequest(body=bad))).error_code \
        == "DBS.280277"
    bad = MysqlCreateBackupRequest(instance_id=instance_id, name="good-name", description="a<b")
    assert error_of(lambda: sdk.create_gauss_my_sql_backup(CreateGaussMySqlBackupRequest(body=bad))).error_code \
        == "DBS.280127"
    with emu.slow_clock(0.01):   # the backup lasts 3 s (0.9 s at the test scale): still building for the two calls below
        first = sdk.create_gauss_my_sql_backup(CreateGaussMySqlBackupRequest(
            body=MysqlCreateBackupRequest(instance_id=instance_id, name="first-one")))
        busy = error_of(lambda: sdk.create_gauss_my_sql_backup(CreateGaussMySqlBackupRequest(
            body=MysqlCreateBackupRequest(instance_id=instance_id, name="second-one"))))
        assert busy.status_code == 409 and busy.error_code == "DBS.201205"
        still = error_of(lambda: sdk.delete_gauss_my_sql_backup(DeleteGaussMySqlBackupRequest(backup_id=first.backup.id)))
        assert still.error_code == "DBS.201208"
    wait_job(sdk, first.job_id)
    deleted = sdk.delete_gauss_my_sql_backup(DeleteGaussMySqlBackupRequest(backup_id=first.backup.id))
    assert deleted.backup_name == "first-one"
    gone = error_of(lambda: sdk.delete_gauss_my_sql_backup(DeleteGaussMySqlBackupRequest(backup_id=first.backup.id)))
    assert gone.status_code == 404 and gone.error_code == "DBS.201010"
    auto = backups(sdk, instance_id=instance_id, backup_type="auto")[0]
    assert error_of(lambda: sdk.delete_gauss_my_sql_backup(DeleteGaussMySqlBackupRequest(backup_id=auto.id))).status_code == 400


def test_backup_policy_encryption_and_cross_region(sdk, instance_id):
    policy = sdk.show_gauss_my_sql_backup_policy(ShowGaussMySqlBackupPolicyRequest(instance_id=instance_id)).backup_policy
    assert policy.start_time == "19:00-20:00" and policy.keep_days == 7 and policy.period == "1,2,3,4,5,6,7"
    body = MysqlUpdateBackupPolicyRequest(backup_policy=MysqlBackupPolicy(start_time="01:00-02:00", keep_days=14,
                                                                          period="5,1,2"))
    resp = sdk.update_gauss_my_sql_backup_policy(UpdateGaussMySqlBackupPolicyRequest(instance_id=instance_id, body=body))
    assert resp.status == "COMPLETED" and resp.instance_id == instance_id
    policy = sdk.show_gauss_my_sql_backup_policy(ShowGaussMySqlBackupPolicyRequest(instance_id=instance_id)).backup_policy
    assert (policy.start_time, policy.keep_days, policy.period) == ("01:00-02:00", 14, "1,2,5")
    for window, days, code in (("01:30-02:30", 7, "DBS.280253"), ("01:00-03:00", 7, "DBS.280253"),
                               ("01:00-02:00", 733, "DBS.280250")):
        body = MysqlUpdateBackupPolicyRequest(backup_policy=MysqlBackupPolicy(start_time=window, keep_days=days,
                                                                              period="1"))
        assert error_of(lambda: sdk.update_gauss_my_sql_backup_policy(
            UpdateGaussMySqlBackupPolicyRequest(instance_id=instance_id, body=body))).error_code == code

    def encryption():
        return sdk.describe_backup_encrypt_status(DescribeBackupEncryptStatusRequest(instance_id=instance_id))

    assert encryption().encryption_status == "off"
    on = BackupEncryptRequest(encryption_status="ON", type="kms", kms_key_id=KMS_KEY)
    assert sdk.modify_backup_encrypt_status(ModifyBackupEncryptStatusRequest(instance_id=instance_id, body=on)) \
        .encryption_status == "on"
    offsite = UpdateBackupOffsitePolicyRequestBody(backup_policy=UpdateBackupOffsitePolicyInfo(
        open_auto_backup=True, open_incremental_backup=False, destination_project_id="fd710c89089a448aa2e666ab15817090",
        destination_region="cn-north-7", keep_days=7))
    conflict = error_of(lambda: sdk.update_backup_offsite_policy(
        UpdateBackupOffsitePolicyRequest(instance_id=instance_id, body=offsite)))
    assert conflict.error_code == "DBS.05000029"
    off = BackupEncryptRequest(encryption_status="off")
    sdk.modify_backup_encrypt_status(ModifyBackupEncryptStatusRequest(instance_id=instance_id, body=off))
    assert sdk.update_backup_offsite_policy(UpdateBackupOffsitePolicyRequest(
        instance_id=instance_id, body=offsite)).result == "success"
    assert error_of(lambda: sdk.modify_backup_encrypt_status(ModifyBackupEncryptStatusRequest(
        instance_id=instance_id, body=on))).error_code == "DBS.05000030"


def _set_policy(sdk, instance_id, **fields):
    body = MysqlUpdateBackupPolicyRequest(backup_policy=MysqlBackupPolicy(**fields))
    return sdk.update_gauss_my_sql_backup_policy(UpdateGaussMySqlBackupPolicyRequest(instance_id=instance_id, body=body))


def _show_policy(sdk, instance_id):
    return sdk.show_gauss_my_sql_backup_policy(ShowGaussMySqlBackupPolicyRequest(instance_id=instance_id)).backup_policy


def test_level1_retention_is_required_while_level1_backups_are_on_and_refused_otherwise(sdk, emu, instance_id):
    window = dict(start_time="01:00-02:00", keep_days=7, period="1,2")
    # Off (the default): the policy carries no level-1 retention and refuses one ("反之，不能传").
    assert _show_policy(sdk, instance_id).retention_num_backup_level1 is None
    refused = error_of(lambda: _set_policy(sdk, instance_id, retention_num_backup_level1=1, **window))
    assert refused.status_code == 400 and refused.error_code == "DBS.05000098"
    assert _set_policy(sdk, instance_id, **window).status == "COMPLETED"
    # On: the read carries it (the SDK's name, as the reference's example spells it) and the update needs it.
    assert emu.seed(gaussdb_level1_backups=[instance_id]) == {"gaussdb_level1_backups": [instance_id]}
    assert _show_policy(sdk, instance_id).retention_num_backup_level1 == 0
    missing = error_of(lambda: _set_policy(sdk, instance_id, **window))
    assert missing.status_code == 400 and "retention_num_backup_level1" in missing.error_msg
    out_of_range = error_of(lambda: _set_policy(sdk, instance_id, retention_num_backup_level1=2, **window))
    assert out_of_range.status_code == 400
    assert _set_policy(sdk, instance_id, retention_num_backup_level1=1, **dict(window, keep_days=9)).status == "COMPLETED"
    policy = _show_policy(sdk, instance_id)
    assert (policy.keep_days, policy.retention_num_backup_level1) == (9, 1)


def test_a_failed_policy_change_answers_failed_and_changes_nothing(sdk, emu, instance_id):
    emu.config(fail_jobs=[{"name": "ModifyGaussDBforMySQLBackupPolicy", "count": 1},
                          {"name": "ModifyGaussDBforMySQLOffsiteBackupPolicy", "count": 1}])
    resp = _set_policy(sdk, instance_id, start_time="01:00-02:00", keep_days=14, period="1")
    assert resp.status == "FAILED" and resp.instance_id == instance_id
    policy = _show_policy(sdk, instance_id)
    assert (policy.start_time, policy.keep_days, policy.period) == ("19:00-20:00", 7, "1,2,3,4,5,6,7")
    assert _set_policy(sdk, instance_id, start_time="01:00-02:00", keep_days=14, period="1").status == "COMPLETED"
    offsite = UpdateBackupOffsitePolicyRequestBody(backup_policy=UpdateBackupOffsitePolicyInfo(
        open_auto_backup=True, open_incremental_backup=False, destination_project_id="fd710c89089a448aa2e666ab15817090",
        destination_region="cn-north-7", keep_days=7))
    assert sdk.update_backup_offsite_policy(UpdateBackupOffsitePolicyRequest(
        instance_id=instance_id, body=offsite)).result == "failed"
    assert sdk.update_backup_offsite_policy(UpdateBackupOffsitePolicyRequest(
        instance_id=instance_id, body=offsite)).result == "success"


def test_parameter_templates(sdk, emu, instance_id):
    listed = sdk.list_gauss_my_sql_configurations(ListGaussMySqlConfigurationsRequest()).configurations
    default = next(c for c in listed if not c.user_defined)
    body = CreateConfigurationRequestBody(name="shop-params", description="shop", parameter_values={
        "max_user_connections": "10", "autocommit": "1", "innodb_buffer_pool_size": "1G"},
        datastore=DatastoreResult(type="gaussdb-mysql", version="8.0"))
    created = sdk.create_gauss_my_sql_configuration(CreateGaussMySqlConfigurationRequest(body=body)).configurations
    assert created.id.endswith("pr07") and created.datastore.version == "8.0"
    shown = sdk.show_gauss_my_sql_configuration(ShowGaussMySqlConfigurationRequest(configuration_id=created.id))
    assert shown.parameter_values["autocommit"] == "ON"
    assert shown.parameter_values["innodb_buffer_pool_size"] == str(1024 ** 3)
    dup = error_of(lambda: sdk.create_gauss_my_sql_configuration(CreateGaussMySqlConfigurationRequest(body=body)))
    assert dup.status_code == 400
    bad = CreateConfigurationRequestBody(name="bad", parameter_values={"max_connections": "0"})
    assert error_of(lambda: sdk.create_gauss_my_sql_configuration(
        CreateGaussMySqlConfigurationRequest(body=bad))).error_code == "DBS.200461"
    # 4.5.4's example values, read-only ones included, make a template as long as they keep their values.
    as_shown = {"binlog_rows_query_log_events": "OFF", "mount_vip_when_failover": "ON", "log-bin": "ON",
                "gtid_mode": "ON", "enforce_gtid_consistency": "ON", "innodb_online_alter_log_max_size": "134217728",
                "binlog_gtid_simple_recovery": "ON", "max_user_connections": "10"}
    copied_values = sdk.create_gauss_my_sql_configuration(CreateGaussMySqlConfigurationRequest(
        body=CreateConfigurationRequestBody(name="as-shown", parameter_values=as_shown))).configurations.id
    read_only = CreateConfigurationRequestBody(name="read-only", parameter_values={"log-bin": "OFF"})
    assert error_of(lambda: sdk.create_gauss_my_sql_configuration(
        CreateGaussMySqlConfigurationRequest(body=read_only))).error_code == "DBS.212003"
    sdk.delete_gauss_my_sql_configuration(DeleteGaussMySqlConfigurationRequest(configuration_id=copied_values))

    update = UpdateConfigurationParameterRequestBody(parameter_values={"max_user_connections": "4"})
    job = sdk.update_gauss_my_sql_configuration(UpdateGaussMySqlConfigurationRequest(
        configuration_id=created.id, body=update)).job_id
    assert wait_job(sdk, job).status == "Completed"
    history = sdk.list_modify_history(ListModifyHistoryRequest(configuration_id=created.id)).histories
    assert (history[0].parameter_name, history[0].old_value, history[0].new_value) == ("max_user_connections", "10", "4")
    assert error_of(lambda: sdk.update_gauss_my_sql_configuration(UpdateGaussMySqlConfigurationRequest(
        configuration_id=default.id, body=update))).error_code == "DBS.212003"

    copy = sdk.copy_configurations(CopyConfigurationsRequest(
        configuration_id=created.id, body=CopyConfigurationsRequestBody(name="shop-params-copy"))).configuration_id
    diff = sdk.list_configurations_differences(ListConfigurationsDifferencesRequest(
        body=ListConfigurationsDifferencesRequestBody(source_configuration_id=default.id,
                                                      target_configuration_id=copy))).differences
    assert {d.parameter_name for d in diff} == {"max_user_connections", "innodb_buffer_pool_size"}

    applicable = sdk.list_configurations_instances(ListConfigurationsInstancesRequest(configuration_id=created.id))
    assert instance_id in [i.instance_id for i in applicable.instances]
    apply = sdk.switch_gauss_my_sql_configuration(SwitchGaussMySqlConfigurationRequest(
        configuration_id=created.id, body=ApplyConfigurationRequestBody(instance_ids=[instance_id])))
    assert wait_job(sdk, apply.job_id).status == "Completed"
    applied = sdk.list_params_template_apply_history(ListParamsTemplateApplyHistoryRequest(config_id=created.id))
    assert applied.histories[0].target_id == instance_id and applied.histories[0].apply_result == "SUCCESS"

    values = sdk.list_instance_configurations(ListInstanceConfigurationsRequest(instance_id=instance_id, limit=100))
    by_name = {p.name: p for p in values.parameter_values}
    assert by_name["max_user_connections"].value == "4" and by_name["innodb_buffer_pool_size"].restart_required
    assert values.total_count == len(values.parameter_values)
    change = UpdateInstanceConfigurationsRequestBody(parameter_values={"innodb_purge_threads": "8",
                                                                       "slow_query_log": "off"})
    changed = sdk.update_instance_configurations(UpdateInstanceConfigurationsRequest(instance_id=instance_id,
                                                                                     body=change))
    assert changed.restart_required is True
    wait_job(sdk, changed.job_id)
    bad = UpdateInstanceConfigurationsRequestBody(parameter_values={"no_such_parameter": "1"})
    assert error_of(lambda: sdk.update_instance_configurations(UpdateInstanceConfigurationsRequest(
        instance_id=instance_id, body=bad))).error_code == "DBS.212012"

    copied = sdk.copy_instance_configurations(CopyInstanceConfigurationsRequest(
        instance_id=instance_id, configuration_id=created.id,
        body=CopyInstanceConfigurationsRequestBody(name="from-instance"))).configuration_id
    from_instance = sdk.show_gauss_my_sql_configuration(ShowGaussMySqlConfigurationRequest(configuration_id=copied))
    assert from_instance.parameter_values["slow_query_log"] == "OFF"

    for tid in (copy, copied, created.id):
        sdk.delete_gauss_my_sql_configuration(DeleteGaussMySqlConfigurationRequest(configuration_id=tid))
    gone = error_of(lambda: sdk.show_gauss_my_sql_configuration(ShowGaussMySqlConfigurationRequest(
        configuration_id=created.id)))
    assert gone.status_code == 404 and gone.error_code == "DBS.212001"


def test_restore_to_a_new_instance_and_v31_tables(sdk, emu, instance_id):
    from huaweicloudsdkgaussdb.v3 import ShowRestoreAvailableTablesRequest
    wait_job(sdk, create_db(sdk, instance_id, "legacy").job_id)
    backup_id = backup(sdk, instance_id, "for-new-instance")
    created = emu.create_instance(name="restored-copy", restore_point={
        "source_instance_id": instance_id, "backup_id": backup_id, "type": "backup"})
    assert "legacy" in databases_of(sdk, created["instance"]["id"])
    missing = {"source_instance_id": instance_id, "backup_id": "0" * 32 + "br07", "type": "backup"}
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances", dict(NEW_INSTANCE, restore_point=missing))
    assert resp.status_code == 404 and resp.json()["error_code"] == "DBS.201010"
    tables = sdk.show_restore_available_tables(ShowRestoreAvailableTablesRequest(
        instance_id=instance_id, restore_time=str(now_ms()), last_table_info="true"))
    assert tables.total_tables == 3 and tables.databases[0].name == "legacy"

