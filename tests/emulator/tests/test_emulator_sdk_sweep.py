"""Every GaussDB route of this emulator called through the official SDK: each answer parses into its model."""
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import model as m


def wait(sdk, job_id):
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            job = sdk.show_gauss_my_sql_job_info(m.ShowGaussMySqlJobInfoRequest(id=job_id)).job
            if job.status in ("Completed", "Failed"):
                assert job.status == "Completed", job.fail_reason
                return job
        except ClientRequestException as exc:
            assert exc.error_code == "DBS.200543"
        time.sleep(0.03)
    raise AssertionError("job did not end")


def test_sdk_sweep(sdk, emu):
    iid = emu.seed(gaussdb_instances=1, nodes_per_instance=3)["gaussdb_instances"][0]
    detail = sdk.show_gauss_my_sql_instance_info_unify_status(
        m.ShowGaussMySqlInstanceInfoUnifyStatusRequest(instance_id=iid)).instance
    master = next(n for n in detail.nodes if n.type == "master")
    slaves = [n for n in detail.nodes if n.type == "slave"]

    job_calls = [
        (sdk.restart_gauss_my_sql_instance, m.RestartGaussMySqlInstanceRequest(instance_id=iid, body={"delay": False})),
        (sdk.update_gauss_my_sql_instance_port, m.UpdateGaussMySqlInstancePortRequest(
            instance_id=iid, body={"port": 3307})),
        (sdk.update_gauss_my_sql_instance_security_group, m.UpdateGaussMySqlInstanceSecurityGroupRequest(
            instance_id=iid, body={"security_group_id": "sg-9"})),
        (sdk.update_gauss_my_sql_instance_internal_ip, m.UpdateGaussMySqlInstanceInternalIpRequest(
            instance_id=iid, body={"internal_ip": "192.168.200.1"})),
        (sdk.switch_gauss_my_sql_instance_ssl, m.SwitchGaussMySqlInstanceSslRequest(
            instance_id=iid, body={"ssl_option": True})),
        (sdk.update_gauss_my_sql_instance_eip, m.UpdateGaussMySqlInstanceEipRequest(
            instance_id=iid, body={"public_ip": "10.0.0.9", "public_ip_id": "eip-9"})),
        (sdk.cancel_gauss_my_sql_instance_eip, m.CancelGaussMySqlInstanceEipRequest(instance_id=iid)),
        (sdk.create_gauss_mysql_dns, m.CreateGaussMysqlDnsRequest(instance_id=iid, body={"dns_type": "private"})),
        (sdk.modify_gauss_mysql_dns, m.ModifyGaussMysqlDnsRequest(instance_id=iid, body={"dns_name": "mydbname01"})),
        (sdk.update_instance_monitor, m.UpdateInstanceMonitorRequest(
            instance_id=iid, body={"monitor_switch": True, "period": 1})),
        (sdk.change_gauss_my_sql_instance_specification, m.ChangeGaussMySqlInstanceSpecificationRequest(
            instance_id=iid, body={"resize_flavor": {"spec_code": "gaussdb.mysql.2xlarge.x86.4"}})),
        (sdk.modify_node_priority, m.ModifyNodePriorityRequest(
            instance_id=iid, node_id=slaves[1].id, body={"priority": 2})),
        (sdk.rename_instance_node, m.RenameInstanceNodeRequest(
            instance_id=iid, body={"node_list": [{"node_id": master.id, "name": "primary-node"}]})),
        (sdk.restart_gauss_my_sql_node, m.RestartGaussMySqlNodeRequest(
            instance_id=iid, node_id=slaves[0].id, body={"delay": False})),
        (sdk.invoke_gauss_my_sql_instance_switch_over, m.InvokeGaussMySqlInstanceSwitchOverRequest(
            instance_id=iid, body={"node_id": slaves[0].id})),
        (sdk.delete_gauss_my_sql_readonly_node, m.DeleteGaussMySqlReadonlyNodeRequest(
            instance_id=iid, node_id=slaves[1].id)),
    ]
    for call, request in job_calls:
        wait(sdk, call(request).job_id)

    assert sdk.show_instance_monitor_extend(m.ShowInstanceMonitorExtendRequest(instance_id=iid)).period == 1
    eip = sdk.show_instance_eip(m.ShowInstanceEipRequest(instance_id=iid))
    assert eip.can_enable_public_access is True and eip.public_ip_address is None
    version = sdk.show_instance_database_version(m.ShowInstanceDatabaseVersionRequest(instance_id=iid))
    assert version.upgrade_flag is False and version.datastore.current_kernel_version
    with pytest.raises(ClientRequestException) as err:
        sdk.upgrade_gauss_my_sql_instance_database(m.UpgradeGaussMySqlInstanceDatabaseRequest(
            instance_id=iid, body={"delay": False}))
    assert err.value.error_code == "DBS.05000008"
    sdk.update_gauss_my_sql_instance_alias(m.UpdateGaussMySqlInstanceAliasRequest(instance_id=iid, body={"alias": "a"}))
    sdk.update_gauss_my_sql_instance_ops_window(m.UpdateGaussMySqlInstanceOpsWindowRequest(
        instance_id=iid, body={"start_time": "02:00", "end_time": "06:00"}))
    sdk.reset_gauss_my_sql_password(m.ResetGaussMySqlPasswordRequest(instance_id=iid, body={"password": "Abc_12345"}))
    policy = {"status": "ON", "scaling_strategy": {"flavor_switch": "ON", "read_only_switch": "OFF"},
              "monitor_cycle": 300, "silence_cycle": 300, "enlarge_threshold": 50,
              "max_flavor": "gaussdb.mysql.4xlarge.x86.4", "reduce_enabled": False}
    switch = sdk.update_auto_scaling_policy(m.UpdateAutoScalingPolicyRequest(instance_id=iid, body=policy))
    assert switch.switch_status.scaling_switch == "ON"
    shown = sdk.show_auto_scaling_policy(m.ShowAutoScalingPolicyRequest(instance_id=iid))
    assert shown.monitor_cycle == 300 and shown.scaling_strategy.flavor_switch == "ON"
    assert sdk.show_auto_scaling_history(m.ShowAutoScalingHistoryRequest(instance_id=iid)).records == []

    final = sdk.show_gauss_my_sql_instance_info_unify_status(
        m.ShowGaussMySqlInstanceInfoUnifyStatusRequest(instance_id=iid)).instance
    assert (final.port, final.security_group_id, final.alias, final.maintenance_window) == \
        ("3307", "sg-9", "a", "02:00-06:00")
    assert final.private_write_ips == ["192.168.200.1"] and final.node_count == 2
    assert final.private_dns_names[0].startswith("mydbname01.")
    roles = {n.id: n.type for n in final.nodes}
    assert roles[slaves[0].id] == "master" and roles[master.id] == "slave"

    # Project-level and task-center calls.
    sdk.batch_tag_action(m.BatchTagActionRequest(instance_id=iid, body={
        "action": "create", "tags": [{"key": "owner", "value": "qa"}]}))
    assert sdk.list_instance_tags(m.ListInstanceTagsRequest(instance_id=iid)).total_count == 2
    assert sdk.list_project_tags(m.ListProjectTagsRequest()).tags
    assert sdk.check_resource(m.CheckResourceRequest(body={"action": "resizeFlavor", "resource": {
        "instance_id": iid, "flavor_ref": "gaussdb.mysql.4xlarge.x86.4"}})).result is True
    pools = sdk.list_gauss_my_sql_dedicated_resources(m.ListGaussMySqlDedicatedResourcesRequest())
    pool = sdk.show_dedicated_resource_info(m.ShowDedicatedResourceInfoRequest(
        dedicated_resource_id=pools.resources[0].id))
    assert pool.dedicated_compute_info.vcpus_total > 0
    sdk.set_recycle_policy(m.SetRecyclePolicyRequest(body={"recycle_policy": {"retention_period_in_days": "3"}}))
    assert sdk.show_recycle_policy(m.ShowRecyclePolicyRequest()).recycle_policy.retention_period_in_days == "3"
    delay = sdk.restart_gauss_my_sql_instance(m.RestartGaussMySqlInstanceRequest(instance_id=iid, body={"delay": True}))
    schedules = sdk.list_schedule_jobs(m.ListScheduleJobsRequest())
    assert schedules.schedules[0].job_id == delay.job_id
    sdk.delete_schedule_tas_k(m.DeleteScheduleTasKRequest(instance_id=iid, body={"job_id": delay.job_id}))
    jobs = sdk.list_immediate_jobs(m.ListImmediateJobsRequest(limit="50"))
    assert jobs.total_count == len(job_calls) and jobs.jobs[0].status == "Completed"
    sdk.delete_task_record(m.DeleteTaskRecordRequest(job_id=jobs.jobs[0].job_id))
    wait(sdk, sdk.delete_gauss_my_sql_instance(m.DeleteGaussMySqlInstanceRequest(instance_id=iid)).job_id)
    recycled = sdk.list_recycle_instances(m.ListRecycleInstancesRequest())
    assert recycled.total_count == 1 and recycled.instances[0].id == iid
    assert emu.stats()["by_status"].get("500") is None
