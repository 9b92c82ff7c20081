"""Instance day-2 operations through the official huaweicloudsdkgaussdb client: per-second monitoring
(4.3.12/4.3.13), kernel upgrade and version (4.3.15/4.3.27), auto-scaling (4.3.28/4.3.29/4.3.38), serverless
(4.3.39) and the resource pre-check (4.3.30). Every answer must parse into the SDK's models; the documented
rules and error codes must hold."""
import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import model as m

from conftest import PROJECT_ID, instance_body, wait_job

OLD_KERNEL = "2.0.28.18"
LATEST_KERNEL = "2.0.51.240300"
CHECK_ROUTE = "POST /v3/{project_id}/resource-check"


def error_of(call):
    with pytest.raises(ClientRequestException) as info:
        call()
    return info.value.status_code, info.value.error_code


@pytest.fixture()
def instance_id(emu):
    return emu.seed(gaussdb_instances=1, nodes_per_instance=2)["gaussdb_instances"][0]


# -- 4.3.12 / 4.3.13 per-second monitoring -----------------------------------------------------------------------
def monitor(sdk, instance_id):
    return sdk.show_instance_monitor_extend(m.ShowInstanceMonitorExtendRequest(instance_id=instance_id))


def set_monitor(sdk, instance_id, **body):
    return sdk.update_instance_monitor(m.UpdateInstanceMonitorRequest(
        instance_id=instance_id, body=m.TaurusModifyInstanceMonitorRequestBody(**body)))


def test_monitoring_is_a_job_and_reads_back(sdk, instance_id):
    off = monitor(sdk, instance_id)
    assert off.monitor_switch is False and off.period is None
    assert wait_job(sdk, set_monitor(sdk, instance_id, monitor_switch=True, period=1).job_id).status == "Completed"
    shown = monitor(sdk, instance_id)
    assert (shown.monitor_switch, shown.period) == (True, 1)
    # Switched on without a period: 5 s, the documented default.
    assert wait_job(sdk, set_monitor(sdk, instance_id, monitor_switch=True).job_id).status == "Completed"
    assert monitor(sdk, instance_id).period == 5
    assert wait_job(sdk, set_monitor(sdk, instance_id, monitor_switch=False).job_id).status == "Completed"
    assert monitor(sdk, instance_id).period is None


def test_monitoring_rules(sdk, instance_id):
    assert error_of(lambda: set_monitor(sdk, instance_id, monitor_switch=True, period=2)) == (400, "DBS.280001")
    # "monitor_switch为false时，不传该参数"
    assert error_of(lambda: set_monitor(sdk, instance_id, monitor_switch=False, period=5)) == (400, "DBS.280001")
    assert monitor(sdk, instance_id).monitor_switch is False


# -- 4.3.15 / 4.3.27 kernel version --------------------------------------------------------------------------------
def version(sdk, instance_id):
    return sdk.show_instance_database_version(m.ShowInstanceDatabaseVersionRequest(instance_id=instance_id))


def upgrade(sdk, instance_id, delay):
    return sdk.upgrade_gauss_my_sql_instance_database(m.UpgradeGaussMySqlInstanceDatabaseRequest(
        instance_id=instance_id, body=m.UpgradeDatabaseRequest(delay=delay)))


def test_upgrade_moves_an_old_kernel_to_the_latest(emu, sdk):
    instance_id = emu.create_instance(name="old-kernel", datastore={
        "type": "gaussdb-mysql", "version": "8.0", "kernel_version": OLD_KERNEL})["instance"]["id"]
    before = version(sdk, instance_id)
    assert before.upgrade_flag is True
    assert (before.datastore.current_kernel_version, before.datastore.latest_kernel_version) == \
        (OLD_KERNEL, LATEST_KERNEL)
    assert before.datastore.current_version == before.datastore.latest_version == "8.0.22"

    delayed = upgrade(sdk, instance_id, True)
    scheduled = sdk.list_schedule_jobs(m.ListScheduleJobsRequest(
        job_name="UpgradeGaussDBforMySQLDatabaseVersion", status="Pending")).schedules
    assert [(s.job_id, s.instance_id) for s in scheduled] == [(delayed.job_id, instance_id)]
    assert version(sdk, instance_id).datastore.current_kernel_version == OLD_KERNEL

    assert wait_job(sdk, upgrade(sdk, instance_id, False).job_id).status == "Completed"
    after = version(sdk, instance_id)
    assert after.datastore.current_kernel_version == LATEST_KERNEL and after.upgrade_flag is False
    assert error_of(lambda: upgrade(sdk, instance_id, False)) == (400, "DBS.05000008")


# -- 4.3.28 / 4.3.29 / 4.3.38 auto-scaling ---------------------------------------------------------------------------
FLAVOR_POLICY = dict(status="ON", monitor_cycle=600, silence_cycle=1800, enlarge_threshold=70,
                     max_flavor="gaussdb.mysql.4xlarge.x86.4", reduce_enabled=True,
                     scaling_strategy=dict(flavor_switch="ON", read_only_switch="OFF"))


def set_policy(sdk, instance_id, **body):
    strategy = m.ScalingStrategyReqInfo(**body.pop("scaling_strategy"))
    return sdk.update_auto_scaling_policy(m.UpdateAutoScalingPolicyRequest(
        instance_id=instance_id, body=m.UpdateAutoScalingPolicyRequestBody(scaling_strategy=strategy, **body)))


def policy(sdk, instance_id):
    return sdk.show_auto_scaling_policy(m.ShowAutoScalingPolicyRequest(instance_id=instance_id))


def test_auto_scaling_round_trip_and_off_forgets(sdk, instance_id):
    off = policy(sdk, instance_id)
    assert off.status == "OFF" and off.id is None and off.monitor_cycle is None
    assert (off.scaling_strategy.flavor_switch, off.scaling_strategy.read_only_switch) == ("", "")

    answer = set_policy(sdk, instance_id, **FLAVOR_POLICY)
    assert answer.instance_id == instance_id
    assert (answer.switch_status.scaling_switch, answer.switch_status.flavor_switch,
            answer.switch_status.read_only_switch) == ("ON", "ON", "OFF")
    shown = policy(sdk, instance_id)
    assert shown.id and shown.status == "ON"
    assert (shown.monitor_cycle, shown.silence_cycle, shown.enlarge_threshold, shown.max_flavor,
            shown.reduce_enabled) == (600, 1800, 70, "gaussdb.mysql.4xlarge.x86.4", True)
    assert shown.min_flavor and shown.max_read_only_count is None

    set_policy(sdk, instance_id, status="OFF", scaling_strategy=dict(flavor_switch="OFF", read_only_switch="OFF"))
    forgotten = policy(sdk, instance_id)
    assert forgotten.status == "OFF" and forgotten.max_flavor is None and forgotten.id is None


@pytest.mark.parametrize("change, error", [
    (dict(monitor_cycle=None), (400, "DBS.280001")),          # required when ON
    (dict(reduce_enabled=None), (400, "DBS.280001")),
    (dict(monitor_cycle=700), (400, "DBS.200461")),
    (dict(silence_cycle=900), (400, "DBS.200461")),
    (dict(enlarge_threshold=49), (400, "DBS.280001")),
    (dict(max_flavor=None), (400, "DBS.280001")),             # required with flavor_switch ON
    (dict(max_flavor="gaussdb.mysql.huge.x86.4"), (400, "DBS.200053")),
    (dict(max_flavor="gaussdb.mysql.4xlarge.arm.4"), (400, "DBS.200054")),
])
def test_auto_scaling_rules(sdk, instance_id, change, error):
    body = dict(FLAVOR_POLICY, **change)
    assert error_of(lambda: set_policy(sdk, instance_id, **body)) == error
    assert policy(sdk, instance_id).status == "OFF"


def test_read_only_scaling_needs_one_proxy_and_its_counts(emu, sdk, instance_id):
    body = dict(FLAVOR_POLICY, scaling_strategy=dict(flavor_switch="OFF", read_only_switch="ON"),
                max_read_only_count=3, read_only_weight=10)
    assert error_of(lambda: set_policy(sdk, instance_id, **body)) == (400, "DBS.05000091")
    proxy_body = m.OpenMysqlProxyRequestBody(flavor_ref="gaussdb.proxy.large.x86.2", node_num=2)
    proxy = sdk.create_gauss_my_sql_proxy(m.CreateGaussMySqlProxyRequest(instance_id=instance_id, body=proxy_body))
    assert wait_job(sdk, proxy.job_id).status == "Completed"
    without_weight = dict(body, read_only_weight=None)
    assert error_of(lambda: set_policy(sdk, instance_id, **without_weight)) == (400, "DBS.280001")
    # The instance has one read-only node: the upper limit must be more (and at least 2).
    assert error_of(lambda: set_policy(sdk, instance_id, **dict(body, max_read_only_count=1))) == (400, "DBS.280001")
    assert error_of(lambda: set_policy(sdk, instance_id, **dict(body, max_read_only_count=16))) == (400, "DBS.280001")
    assert error_of(lambda: set_policy(sdk, instance_id, **dict(body, read_only_weight=1001))) == (400, "DBS.280001")
    set_policy(sdk, instance_id, **body)
    shown = policy(sdk, instance_id)
    assert (shown.max_read_only_count, shown.min_read_only_count, shown.read_only_weight) == (3, 1, 10)


def test_auto_scaling_history_pages(emu, sdk, instance_id):
    empty = sdk.show_auto_scaling_history(m.ShowAutoScalingHistoryRequest(instance_id=instance_id))
    assert (empty.total_count, empty.records) == (0, [])
    ids = emu.seed(gaussdb_auto_scaling_history={"instance_id": instance_id, "count": 25})
    ids = ids["gaussdb_auto_scaling_history"]
    first = sdk.show_auto_scaling_history(m.ShowAutoScalingHistoryRequest(instance_id=instance_id))
    assert first.total_count == 25 and len(first.records) == 20     # limit defaults to 20
    rest = sdk.show_auto_scaling_history(m.ShowAutoScalingHistoryRequest(
        instance_id=instance_id, offset="20", limit="20"))
    listed = [r.id for r in first.records + rest.records]
    assert listed == list(reversed(ids))                                # newest first
    record = first.records[0]
    assert record.instance_id == instance_id and record.scaling_type == "ENLARGE_FLAVOR"
    assert record.result == "SUCCESSFUL" and len(record.create_at) == len("2023-04-30 16:47:40.877")
    raw = emu.signed("GET", f"/v3/{PROJECT_ID}/instances/{instance_id}/auto-scaling/history")
    assert isinstance(raw.json()["total_count"], int)


# -- 4.3.39 serverless ----------------------------------------------------------------------------------------------
def test_serverless_policy(sdk, instance_id):
    def set_serverless(low, high):
        return sdk.update_serverless_policy(m.UpdateServerlessPolicyRequest(
            instance_id=instance_id, body=m.UpdateServerlessPolicy(min_vcpus=low, max_vcpus=high)))

    assert set_serverless(1, 4).status_code == 200
    assert error_of(lambda: set_serverless(4, 2)) == (400, "DBS.280001")
    assert error_of(lambda: set_serverless(0, 2)) == (400, "DBS.280001")
    assert error_of(lambda: set_serverless(1, 128)) == (400, "DBS.280001")


# -- 4.3.30 resource pre-check ---------------------------------------------------------------------------------------
def check(sdk, action, **resource):
    return sdk.check_resource(m.CheckResourceRequest(body=m.CheckResourceRequestBody(
        action=action, resource=m.CheckResourceInfo(**resource)))).result


CREATE = dict(enterprise_project_id="0", instance_num=1, mode="Cluster", availability_zone_mode="single",
              node_num=2, flavor_ref="gaussdb.mysql.xlarge.x86.4", subnet_id="c1cfa53c-65d3-431e-8552-326bf310c7ad")


def set_quota(sdk, **quota):
    sdk.set_gauss_my_sql_quotas(m.SetGaussMySqlQuotasRequest(body=m.SetQuotasRequestBody(
        quota_list=[m.SetQuota(**quota)])))


def test_create_check_reads_quotas_and_stock(emu, sdk, instance_id):
    assert check(sdk, "createInstance", **CREATE) is True
    biggest = dict(CREATE, flavor_ref="gaussdb.mysql.16xlarge.x86.8")
    assert check(sdk, "createInstance", **dict(biggest, availability_zone="cn-north-4b")) is False   # sold out
    assert check(sdk, "createInstance", **dict(biggest, availability_zone="cn-north-4a")) is True
    # The default enterprise project holds the seeded instance: a quota of 1 leaves no room.
    set_quota(sdk, enterprise_project_id="0", instance_quota=1)
    assert error_of(lambda: check(sdk, "createInstance", **CREATE)) == (413, "DBS.200046")
    # vCPUs: the seeded instance uses 2 x 4; 8 more do not fit in 12.
    set_quota(sdk, enterprise_project_id="0", instance_quota=5, vcpus_quota=12)
    assert check(sdk, "createInstance", **CREATE) is False
    assert check(sdk, "createInstance", **dict(CREATE, node_num=1)) is True


def test_the_create_itself_keeps_the_instance_quotas(emu, sdk, instance_id):
    """4.3.1 answers the quota error the pre-check names (appendix A: 413 DBS.200046), and creates nothing."""
    set_quota(sdk, enterprise_project_id="0", instance_quota=1)
    listed = len(emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances").json()["instances"])
    over = emu.signed("POST", f"/v3/{PROJECT_ID}/instances", instance_body("over-quota"))
    assert (over.status_code, over.json()["error_code"]) == (413, "DBS.200046")
    assert len(emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances").json()["instances"]) == listed
    # Another enterprise project has no quota set (-1): the same create goes through there.
    emu.create_instance("elsewhere", wait=False, enterprise_project_id="eps-x")


@pytest.mark.parametrize("change, error", [
    (dict(flavor_ref="gaussdb.mysql.huge.x86.4"), (400, "DBS.200053")),
    (dict(mode="Single"), (400, "DBS.280342")),
    (dict(availability_zone_mode="triple"), (400, "DBS.05000085")),
    (dict(node_num=17), (400, "DBS.05000089")),
    (dict(availability_zone="cn-east-3a"), (400, "DBS.200025")),
    (dict(enterprise_project_id=None), (400, "DBS.280001")),
    (dict(subnet_id=None), (400, "DBS.280001")),
])
def test_create_check_input_errors(sdk, change, error):
    assert error_of(lambda: check(sdk, "createInstance", **dict(CREATE, **change))) == error


def test_node_and_flavor_checks(emu, sdk, instance_id):
    assert check(sdk, "createReadOnlyNode", instance_id=instance_id, node_num=14) is True
    assert error_of(lambda: check(sdk, "createReadonlyNode", instance_id=instance_id, node_num=15)) == \
        (400, "DBS.200056")
    assert error_of(lambda: check(sdk, "createReadOnlyNode", instance_id=instance_id)) == (400, "DBS.280001")
    assert check(sdk, "resizeFlavor", instance_id=instance_id, flavor_ref="gaussdb.mysql.2xlarge.x86.4") is True
    assert error_of(lambda: check(sdk, "resizeFlavor", instance_id=instance_id,
                                  flavor_ref="gaussdb.mysql.huge.x86.4")) == (400, "DBS.200053")
    # 2 nodes x 4 vCPUs used; 2xlarge would make them 2 x 8 > 12, one more xlarge node 12 <= 12.
    set_quota(sdk, enterprise_project_id="0", vcpus_quota=12)
    assert check(sdk, "resizeFlavor", instance_id=instance_id, flavor_ref="gaussdb.mysql.2xlarge.x86.4") is False
    assert check(sdk, "createReadOnlyNode", instance_id=instance_id, node_num=1) is True
    assert check(sdk, "createReadOnlyNode", instance_id=instance_id, node_num=2) is False


def test_the_check_changes_nothing_and_counts_as_its_post_route(emu, sdk, instance_id):
    before = emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances").json()
    stats = emu.stats()["by_route"]
    check(sdk, "createInstance", **CREATE)
    check(sdk, "resizeFlavor", instance_id=instance_id, flavor_ref="gaussdb.mysql.2xlarge.x86.4")
    after_stats = emu.stats()["by_route"]
    assert after_stats[CHECK_ROUTE] - stats.get(CHECK_ROUTE, 0) == 2
    assert emu.signed("GET", f"/v3.1/{PROJECT_ID}/instances").json() == before
