"""SQL throttling (4.12), logs (4.8), quotas (4.6) and diagnosis (4.14) through the official huaweicloudsdkgaussdb
client, unchanged, against the emulator."""
import datetime
import time
import uuid

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    CreateLtsConfigs, CreateLtsConfigsRequest, DeleteLtsConfigsRequest, DeleteLtsConfigsRequestBody,
    DeleteNodeSqlFilterRule, DeleteNodeSqlFilterRuleInfo, DeleteSqlFilterRuleReq, DeleteSqlFilterRuleRequest,
    InstanceDeleteLtsConfig, InstanceSaveLtsConfig, ListAuditLogDownloadLinkRequest, ListEnterpriseProjectsRequest,
    ListLtsErrorLogDetailsRequest, ListLtsSlowlogDetailsRequest, LtsLogErrorQueryRequest, LtsLogSlowQueryRequest,
    NodeSqlFilterRule, NodeSqlFilterRuleInfo, NodeSqlFilterRulePattern, OperateAuditLogRequestV3Body,
    OperateSqlFilterControlReq, OperateSqlFilterRuleReq, SetAuditLogPolicyRequest, SetAuditLogPolicyRequestBody,
    SetGaussMySqlQuotasRequest, SetQuota, SetQuotasRequestBody, SetSqlFilterRuleRequest, ShowAuditLogPolicyRequest,
    ShowAuditLogRequest, ShowGaussMySqlInstanceInfoUnifyStatusRequest,
    ShowGaussMySqlProjectQuotasRequest, ShowGaussMySqlQuotasRequest,
    ShowIntelligentDiagnosisAbnormalCountOfInstancesRequest, ShowIntelligentDiagnosisInstanceInfosPerMetricRequest,
    ShowLtsConfigsRequest, ShowSlowlogSensitiveStatusRequest, ShowSqlFilterControlRequest, ShowSqlFilterRuleRequest,
    UpdateAuditLogRequest, UpdateGaussMySqlQuotasRequest, UpdateSlowlogSensitiveSwitchRequest,
    UpdateSlowlogSensitiveSwitchRequestBody, UpdateSqlFilterControlRequest)

from conftest import PROJECT_ID, wait_job



def api_time(seconds_ago=0):
    moment = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=seconds_ago)
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


@pytest.fixture()
def instance(emu, sdk):
    """A seeded instance (created an hour ago) with a primary and a read replica: (id, [node ids])."""
    instance_id = emu.seed(gaussdb_instances=1, nodes_per_instance=2)["gaussdb_instances"][0]
    details = sdk.show_gauss_my_sql_instance_info_unify_status(
        ShowGaussMySqlInstanceInfoUnifyStatusRequest(instance_id=instance_id))
    return instance_id, [node.id for node in details.instance.nodes]


def expect_error(call, code, status=400):
    with pytest.raises(ClientRequestException) as caught:
        call()
    assert (caught.value.status_code, caught.value.error_code) == (status, code)
    return caught.value


# -- 4.12 SQL throttling ----------------------------------------------------------------------------------------------
def rules_of(sdk, instance_id, node_id, sql_type=None):
    shown = sdk.show_sql_filter_rule(ShowSqlFilterRuleRequest(instance_id=instance_id, node_id=node_id,
                                                              sql_type=sql_type))
    assert shown.node_id == node_id
    return {(r.sql_type, p.pattern): p.max_concurrency for r in shown.sql_filter_rules for p in r.patterns}


def test_sql_filter_switch_and_rules_round_trip(sdk, instance):
    instance_id, (master, replica) = instance
    assert sdk.show_sql_filter_control(ShowSqlFilterControlRequest(instance_id=instance_id)).switch_status == "OFF"
    switched = sdk.update_sql_filter_control(UpdateSqlFilterControlRequest(
        instance_id=instance_id, body=OperateSqlFilterControlReq(switch_status="ON")))
    assert wait_job(sdk, switched.job_id).status == "Completed"
    assert sdk.show_sql_filter_control(ShowSqlFilterControlRequest(instance_id=instance_id)).switch_status == "ON"

    body = OperateSqlFilterRuleReq(sql_filter_rules=[
        NodeSqlFilterRuleInfo(node_id=master, rules=[
            NodeSqlFilterRule(sql_type="SELECT", patterns=[
                NodeSqlFilterRulePattern(pattern="select~from~t1", max_concurrency=0),
                NodeSqlFilterRulePattern(pattern="select~from~t3~where~id", max_concurrency=10)]),
            NodeSqlFilterRule(sql_type="update", patterns=[
                NodeSqlFilterRulePattern(pattern="update~t3~where~id", max_concurrency=10)])]),
        NodeSqlFilterRuleInfo(node_id=replica, rules=[
            NodeSqlFilterRule(sql_type="DELETE", patterns=[
                NodeSqlFilterRulePattern(pattern="delete~t3~where~id", max_concurrency=3)])])])
    set_rules = sdk.set_sql_filter_rule(SetSqlFilterRuleRequest(instance_id=instance_id, body=body))
    assert wait_job(sdk, set_rules.job_id).status == "Completed"
    assert rules_of(sdk, instance_id, master) == {("SELECT", "select~from~t1"): 0,
                                                  ("SELECT", "select~from~t3~where~id"): 10,
                                                  ("UPDATE", "update~t3~where~id"): 10}
    assert rules_of(sdk, instance_id, master, sql_type="update") == {("UPDATE", "update~t3~where~id"): 10}
    assert rules_of(sdk, instance_id, replica) == {("DELETE", "delete~t3~where~id"): 3}

    # Setting again updates the listed pattern and keeps the others.
    sdk.set_sql_filter_rule(SetSqlFilterRuleRequest(instance_id=instance_id, body=OperateSqlFilterRuleReq(
        sql_filter_rules=[NodeSqlFilterRuleInfo(node_id=master, rules=[NodeSqlFilterRule(
            sql_type="SELECT", patterns=[NodeSqlFilterRulePattern(pattern="select~from~t1", max_concurrency=5)])])])))
    assert rules_of(sdk, instance_id, master)[("SELECT", "select~from~t1")] == 5
    assert len(rules_of(sdk, instance_id, master)) == 3

    removal = DeleteSqlFilterRuleReq(sql_filter_rules=[DeleteNodeSqlFilterRuleInfo(node_id=master, rules=[
        DeleteNodeSqlFilterRule(sql_type="SELECT", patterns=["select~from~t1", "select~from~t3~where~id"])])])
    deleted = sdk.delete_sql_filter_rule(DeleteSqlFilterRuleRequest(instance_id=instance_id, body=removal))
    assert wait_job(sdk, deleted.job_id).status == "Completed"
    assert rules_of(sdk, instance_id, master) == {("UPDATE", "update~t3~where~id"): 10}


@pytest.mark.parametrize("pattern", ["select~", "select~~from", "select,from", "select\\from", "select，from", ""])
def test_sql_filter_patterns_follow_the_documented_rule(sdk, instance, pattern):
    instance_id, (master, unused_replica) = instance
    body = OperateSqlFilterRuleReq(sql_filter_rules=[NodeSqlFilterRuleInfo(node_id=master, rules=[NodeSqlFilterRule(
        sql_type="SELECT", patterns=[NodeSqlFilterRulePattern(pattern=pattern, max_concurrency=1)])])])
    expect_error(lambda: sdk.set_sql_filter_rule(SetSqlFilterRuleRequest(instance_id=instance_id, body=body)),
                 "DBS.280001")


def test_sql_filter_refusals(emu, sdk, instance):
    instance_id, (master, unused_replica) = instance

    def put(rules, node_id=master):
        body = OperateSqlFilterRuleReq(sql_filter_rules=[NodeSqlFilterRuleInfo(node_id=node_id, rules=rules)])
        return sdk.set_sql_filter_rule(SetSqlFilterRuleRequest(instance_id=instance_id, body=body))

    pattern = [NodeSqlFilterRulePattern(pattern="insert~into", max_concurrency=1)]
    expect_error(lambda: put([NodeSqlFilterRule(sql_type="INSERT", patterns=pattern)]), "DBS.280001")
    expect_error(lambda: put([NodeSqlFilterRule(sql_type="SELECT", patterns=[
        NodeSqlFilterRulePattern(pattern="select", max_concurrency=-1)])]), "DBS.280001")
    expect_error(lambda: put([NodeSqlFilterRule(sql_type="SELECT", patterns=pattern),
                              NodeSqlFilterRule(sql_type="select", patterns=pattern)]), "DBS.280001")
    unknown_node = uuid.uuid4().hex + "no07"
    expect_error(lambda: put([NodeSqlFilterRule(sql_type="SELECT", patterns=pattern)], node_id=unknown_node),
                 "DBS.290013", 404)
    expect_error(lambda: put([NodeSqlFilterRule(sql_type="SELECT", patterns=pattern)], node_id="not-a-node"),
                 "DBS.280404")
    expect_error(lambda: sdk.delete_sql_filter_rule(DeleteSqlFilterRuleRequest(
        instance_id=instance_id, body=DeleteSqlFilterRuleReq(sql_filter_rules=[DeleteNodeSqlFilterRuleInfo(
            node_id=master, rules=[DeleteNodeSqlFilterRule(sql_type="SELECT", patterns=["nothing~here"])])]))),
        "DBS.280001")
    expect_error(lambda: sdk.show_sql_filter_rule(ShowSqlFilterRuleRequest(instance_id=uuid.uuid4().hex + "in07",
                                                                           node_id=master)), "DBS.201028", 404)
    # A running instance-level job makes the instance busy.
    emu.config(time_scale=1.0)
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{instance_id}/restart", {})
    assert resp.status_code in (200, 202), resp.text
    expect_error(lambda: sdk.update_sql_filter_control(UpdateSqlFilterControlRequest(
        instance_id=instance_id, body=OperateSqlFilterControlReq(switch_status="ON"))), "DBS.200019", 409)


def test_a_failed_sql_filter_job_undoes_the_change(emu, sdk, instance):
    instance_id, (master, unused_replica) = instance
    emu.config(fail_jobs=[{"name": "GaussDBforMySQLSetSqlFilterRules", "count": 1}])
    body = OperateSqlFilterRuleReq(sql_filter_rules=[NodeSqlFilterRuleInfo(node_id=master, rules=[NodeSqlFilterRule(
        sql_type="SELECT", patterns=[NodeSqlFilterRulePattern(pattern="select~x", max_concurrency=1)])])])
    job = sdk.set_sql_filter_rule(SetSqlFilterRuleRequest(instance_id=instance_id, body=body)).job_id
    assert wait_job(sdk, job).status == "Failed"
    assert rules_of(sdk, instance_id, master) == {}


# -- 4.8 logs ---------------------------------------------------------------------------------------------------------
def slow_logs(sdk, instance_id, node_id, end_time, **query):
    """Lines up to a fixed end: a node writes a slow line every two minutes, so reads compared must share it."""
    query.setdefault("start_time", api_time(7200))
    query["end_time"] = end_time
    query.setdefault("limit", 100)
    body = LtsLogSlowQueryRequest(node_id=node_id, **query)
    return sdk.list_lts_slowlog_details(ListLtsSlowlogDetailsRequest(instance_id=instance_id, body=body)).slow_log_list


def test_slow_logs_are_deterministic_windowed_paged_and_filtered(sdk, instance):
    instance_id, (master, replica) = instance
    now = api_time()
    everything = slow_logs(sdk, instance_id, master, now)
    # An instance created an hour ago has one slow query per node every two minutes since.
    assert 25 <= len(everything) <= 31
    assert everything == slow_logs(sdk, instance_id, master, now)
    assert all(line.node_id == master and line.type in ("SELECT", "INSERT", "UPDATE", "DELETE", "ALTER", "DROP",
                                                         "CREATE") for line in everything)
    line_nums = [int(line.line_num) for line in everything]
    assert line_nums == sorted(line_nums) and all(len(line.line_num) == 13 for line in everything)
    replica_lines = slow_logs(sdk, instance_id, replica, now)
    assert [line.line_num for line in replica_lines] != [line.line_num for line in everything]

    pages, after = [], None
    while True:
        page = slow_logs(sdk, instance_id, master, now, limit=7, line_num=after)
        pages.extend(page)
        if len(page) < 7:
            break
        after = page[-1].line_num
    assert [line.line_num for line in pages] == [line.line_num for line in everything]

    first = everything[0]
    selects = slow_logs(sdk, instance_id, master, now, operate_type="SELECT")
    assert selects and all(line.type == "SELECT" for line in selects)
    in_db = slow_logs(sdk, instance_id, master, now, database=first.database)
    assert first.line_num in [line.line_num for line in in_db]
    assert all(line.database == first.database for line in in_db)
    end = api_time(1)
    recent = slow_logs(sdk, instance_id, master, end, start_time=api_time(600))
    assert recent and recent == slow_logs(sdk, instance_id, master, end)[-len(recent):]


def test_slow_log_masking_switch_masks_literals(sdk, instance):
    instance_id, (master, unused_replica) = instance
    assert sdk.show_slowlog_sensitive_status(ShowSlowlogSensitiveStatusRequest(
        instance_id=instance_id)).open_slow_log_switch is True
    now = api_time()
    masked = slow_logs(sdk, instance_id, master, now)
    assert any("?" in line.query_sample for line in masked)
    sdk.update_slowlog_sensitive_switch(UpdateSlowlogSensitiveSwitchRequest(
        instance_id=instance_id, body=UpdateSlowlogSensitiveSwitchRequestBody(open_slow_log_switch=False)))
    assert sdk.show_slowlog_sensitive_status(ShowSlowlogSensitiveStatusRequest(
        instance_id=instance_id)).open_slow_log_switch is False
    plain = slow_logs(sdk, instance_id, master, now)
    assert [line.line_num for line in plain] == [line.line_num for line in masked]
    assert not any("?" in line.query_sample for line in plain)


def test_error_logs_with_levels_and_paging(sdk, instance):
    instance_id, (master, unused_replica) = instance
    now = api_time()   # fixed, so that the reads compared see the same lines

    def query(**extra):
        body = LtsLogErrorQueryRequest(node_id=master, start_time=api_time(7200), end_time=now,
                                       **dict({"limit": 100}, **extra))
        return sdk.list_lts_error_log_details(ListLtsErrorLogDetailsRequest(instance_id=instance_id,
                                                                            body=body)).error_log_list
    lines = query()
    assert 9 <= len(lines) <= 13
    assert {line.level for line in lines} <= {"NOTE", "WARNING", "ERROR"}
    errors = query(level="ERROR")
    assert [line.line_num for line in errors] == [line.line_num for line in lines if line.level == "ERROR"]
    assert query(limit=3, line_num=lines[2].line_num) == lines[3:6]


def test_log_queries_refuse_bad_windows_and_limits(sdk, instance):
    instance_id, (master, unused_replica) = instance
    for query, code, status in (
            (dict(limit=0), "DBS.280001", 400), (dict(limit=5001), "DBS.280001", 400),
            (dict(start_time=api_time(60), end_time=api_time(120)), "DBS.280001", 400),
            (dict(end_time=api_time(-3600)), "DBS.280001", 400),
            (dict(start_time="2024-01-01 00:00:00"), "DBS.280001", 400),
            (dict(line_num="12"), "DBS.280001", 400), (dict(operate_type="MERGE"), "DBS.280001", 400)):
        query.setdefault("end_time", api_time())
        expect_error(lambda: slow_logs(sdk, instance_id, master, **query), code, status)
    expect_error(lambda: slow_logs(sdk, instance_id, uuid.uuid4().hex + "no07", api_time()), "DBS.290013", 404)


def test_full_sql_switch_and_download_links(emu, sdk, instance):
    instance_id, (master, replica) = instance
    assert sdk.show_audit_log(ShowAuditLogRequest(instance_id=instance_id)).switch_status == "OFF"

    def links(**query):
        query.setdefault("start_time", api_time(1800))
        query.setdefault("end_time", api_time())
        return sdk.list_audit_log_download_link(ListAuditLogDownloadLinkRequest(instance_id=instance_id, **query)).files
    assert links() == []
    result = sdk.update_audit_log(UpdateAuditLogRequest(instance_id=instance_id,
                                                        body=OperateAuditLogRequestV3Body(switch_status="ON")))
    assert result.result == "success"
    assert sdk.show_audit_log(ShowAuditLogRequest(instance_id=instance_id)).switch_status == "ON"
    emu.config(time_scale=0.0005)   # an audit file per node every 1.8 s
    time.sleep(4)
    now = api_time()   # files keep coming: the reads compared share one end
    files = links(end_time=now)
    assert len(files) >= 4 and len(files) % 2 == 0
    assert [f.name for f in files] == sorted(f.name for f in files)
    assert {f.name.split("_")[2] for f in files} == {master, replica}
    assert all(f.name.split("_")[1] == instance_id and "_SQLAudit_" in f.name and f.download_link for f in files)
    only_master = links(node_id=master, limit=1, end_time=now)
    assert len(only_master) == 1 and only_master[0].name.split("_")[2] == master
    after = links(last_file_name=files[1].name, end_time=now)
    assert [f.name for f in after] == [f.name for f in files[2:]][:10]
    expect_error(lambda: links(start_time=api_time(7200 + 60)), "DBS.280001")   # before the instance existed
    expect_error(lambda: links(limit=51), "DBS.280001")


def test_audit_log_policy_of_the_current_reference(sdk, instance):
    instance_id, unused_nodes = instance
    policy = sdk.show_audit_log_policy(ShowAuditLogPolicyRequest(instance_id=instance_id))
    assert policy.keep_days == 0 and policy.audit_types == [] and "SELECT" in policy.all_audit_log_action.split(",")
    done = sdk.set_audit_log_policy(SetAuditLogPolicyRequest(instance_id=instance_id, body=SetAuditLogPolicyRequestBody(
        keep_days=30, audit_types=["INSERT", "DELETE"])))
    assert done.result == "COMPLETED" and wait_job(sdk, done.job_id).status == "Completed"
    policy = sdk.show_audit_log_policy(ShowAuditLogPolicyRequest(instance_id=instance_id))
    assert (policy.keep_days, policy.audit_types) == (30, ["INSERT", "DELETE"])
    expect_error(lambda: sdk.set_audit_log_policy(SetAuditLogPolicyRequest(
        instance_id=instance_id, body=SetAuditLogPolicyRequestBody(keep_days=733))), "DBS.280001")
    expect_error(lambda: sdk.set_audit_log_policy(SetAuditLogPolicyRequest(
        instance_id=instance_id, body=SetAuditLogPolicyRequestBody(keep_days=7, audit_types=["MERGE"]))), "DBS.280001")


def test_lts_configurations(emu, sdk, instance):
    instance_id, unused_nodes = instance
    other = emu.seed(gaussdb_instances=1, nodes_per_instance=1, name_prefix="lts-other")["gaussdb_instances"][0]
    group, error_stream, slow_stream = (str(uuid.uuid4()) for dummy in range(3))

    def listed(**query):
        shown = sdk.show_lts_configs(ShowLtsConfigsRequest(**query))
        return shown.total_count, {c.instance.id: {l.log_type: (l.lts_group_id, l.lts_stream_id, l.enabled)
                                                   for l in c.lts_configs} for c in shown.instance_lts_configs}
    assert listed() == (2, {instance_id: {}, other: {}})
    sdk.create_lts_configs(CreateLtsConfigsRequest(body=CreateLtsConfigs(log_configs=[
        InstanceSaveLtsConfig(instance_id=instance_id, log_type="error_log", lts_group_id=group,
                              lts_stream_id=error_stream),
        InstanceSaveLtsConfig(instance_id=other, log_type="error_log", lts_group_id=group, lts_stream_id=error_stream),
        InstanceSaveLtsConfig(instance_id=instance_id, log_type="slow_log", lts_group_id=group,
                              lts_stream_id=slow_stream)])))
    total, configs = listed(instance_id=instance_id)
    assert total == 1 and configs[instance_id] == {"error_log": (group, error_stream, True),
                                                   "slow_log": (group, slow_stream, True)}
    first_page = sdk.show_lts_configs(ShowLtsConfigsRequest(limit="1", offset="0"))
    assert first_page.total_count == 2 and len(first_page.instance_lts_configs) == 1
    assert first_page.instance_lts_configs[0].instance.enterprise_project_name == "default"

    # one stream serves one log type
    expect_error(lambda: sdk.create_lts_configs(CreateLtsConfigsRequest(body=CreateLtsConfigs(log_configs=[
        InstanceSaveLtsConfig(instance_id=other, log_type="slow_log", lts_group_id=group,
                              lts_stream_id=error_stream)]))), "DBS.280001")
    expect_error(lambda: sdk.create_lts_configs(CreateLtsConfigsRequest(body=CreateLtsConfigs(log_configs=[
        InstanceSaveLtsConfig(instance_id=other, log_type="general_log", lts_group_id=group,
                              lts_stream_id=str(uuid.uuid4()))]))), "DBS.280001")
    sdk.delete_lts_configs(DeleteLtsConfigsRequest(body=DeleteLtsConfigsRequestBody(log_configs=[
        InstanceDeleteLtsConfig(instance_id=instance_id, log_type="error_log"),
        InstanceDeleteLtsConfig(instance_id=other, log_type="audit_log")])))
    # 4.8.7 turns reporting off: the configuration stays listed, disabled (LtsConfig.enabled, table 4-707); a
    # type never configured is still not listed.
    assert listed()[1] == {instance_id: {"error_log": (group, error_stream, False),
                                         "slow_log": (group, slow_stream, True)},
                           other: {"error_log": (group, error_stream, True)}}


def test_a_disabled_lts_configuration_is_listed_until_it_is_created_again(sdk, instance):
    instance_id, unused_nodes = instance
    group, stream, other_stream = (str(uuid.uuid4()) for dummy in range(3))

    def configs():
        shown = sdk.show_lts_configs(ShowLtsConfigsRequest(instance_id=instance_id))
        return [(c.log_type, c.lts_group_id, c.lts_stream_id, c.enabled) for c in shown.instance_lts_configs[0].lts_configs]

    def create(log_type, stream_id):
        sdk.create_lts_configs(CreateLtsConfigsRequest(body=CreateLtsConfigs(log_configs=[
            InstanceSaveLtsConfig(instance_id=instance_id, log_type=log_type, lts_group_id=group,
                                  lts_stream_id=stream_id)])))

    def delete(log_type):
        sdk.delete_lts_configs(DeleteLtsConfigsRequest(body=DeleteLtsConfigsRequestBody(log_configs=[
            InstanceDeleteLtsConfig(instance_id=instance_id, log_type=log_type)])))

    create("slow_log", stream)
    delete("slow_log")
    delete("slow_log")      # already off: a no-op
    assert configs() == [("slow_log", group, stream, False)]
    # A disabled configuration sends nothing: its stream may serve another log type...
    create("error_log", stream)
    assert configs() == [("error_log", group, stream, True), ("slow_log", group, stream, False)]
    # ...and while that one is on, turning the slow log back on to the same stream is refused.
    expect_error(lambda: create("slow_log", stream), "DBS.280001")
    create("slow_log", other_stream)
    assert configs() == [("error_log", group, stream, True), ("slow_log", group, other_stream, True)]


# -- 4.6 quotas -------------------------------------------------------------------------------------------------------
def test_quotas_follow_the_instances_in_the_store(emu, sdk):
    projects = sdk.list_enterprise_projects(ListEnterpriseProjectsRequest()).enterprise_projects
    assert [p.name for p in projects] == ["default", "eps-prod", "eps-test"] and projects[0].id == "0"
    prod = projects[1].id
    assert sdk.show_gauss_my_sql_project_quotas(ShowGaussMySqlProjectQuotasRequest(
        type="instance")).quotas.resources[0].used == 0
    emu.seed(gaussdb_instances=2, nodes_per_instance=2)
    resources = sdk.show_gauss_my_sql_project_quotas(ShowGaussMySqlProjectQuotasRequest()).quotas.resources
    assert (resources[0].type, resources[0].used) == ("instance", 2)

    listed = sdk.show_gauss_my_sql_quotas(ShowGaussMySqlQuotasRequest()).quota_list
    quotas = {q.enterprise_project_id: q for q in listed}
    assert quotas["0"].instance_quota == -1 and quotas["0"].availability_instance_quota == -1
    set_result = sdk.set_gauss_my_sql_quotas(SetGaussMySqlQuotasRequest(body=SetQuotasRequestBody(quota_list=[
        SetQuota(enterprise_project_id="0", instance_quota=5, vcpus_quota=40, ram_quota=100),
        SetQuota(enterprise_project_id=prod, instance_quota=3)])))
    assert {(q.enterprise_project_id, q.instance_quota, q.vcpus_quota) for q in set_result.quota_list} == \
        {("0", 5, 40), (prod, 3, -1)}
    default = sdk.show_gauss_my_sql_quotas(ShowGaussMySqlQuotasRequest(enterprise_project_name="default")).quota_list
    # two instances of 4 vCPUs / 16 GB with two nodes each
    assert len(default) == 1
    assert (default[0].availability_instance_quota, default[0].availability_vcpus_quota,
            default[0].availability_ram_quota) == (3, 24, 36)
    sdk.update_gauss_my_sql_quotas(UpdateGaussMySqlQuotasRequest(body=SetQuotasRequestBody(quota_list=[
        SetQuota(enterprise_project_id=prod, vcpus_quota=8)])))
    updated = sdk.show_gauss_my_sql_quotas(
        ShowGaussMySqlQuotasRequest(enterprise_project_name="eps-prod")).quota_list[0]
    assert (updated.instance_quota, updated.vcpus_quota, updated.ram_quota) == (3, 8, -1)

    for quota, code in ((SetQuota(enterprise_project_id="0", instance_quota=1), "DBS.280001"),
                        (SetQuota(enterprise_project_id="0", instance_quota=100001), "DBS.280001"),
                        (SetQuota(enterprise_project_id="no-such-project", instance_quota=1), "DBS.280001"),
                        (SetQuota(enterprise_project_id="0"), "DBS.280001")):
        expect_error(lambda: sdk.update_gauss_my_sql_quotas(UpdateGaussMySqlQuotasRequest(
            body=SetQuotasRequestBody(quota_list=[quota]))), code)
    expect_error(lambda: sdk.set_gauss_my_sql_quotas(SetGaussMySqlQuotasRequest(body=SetQuotasRequestBody(
        quota_list=[]))), "DBS.05000018")
    paged = sdk.show_gauss_my_sql_quotas(ShowGaussMySqlQuotasRequest(offset="1", limit="1"))
    assert paged.total_count == 3 and [q.enterprise_project_name for q in paged.quota_list] == ["eps-prod"]


# -- 4.14 diagnosis ---------------------------------------------------------------------------------------------------
def test_diagnosis_counts_match_the_instance_lists(emu, sdk):
    emu.seed(gaussdb_instances=40, nodes_per_instance=1)
    counts = sdk.show_intelligent_diagnosis_abnormal_count_of_instances(
        ShowIntelligentDiagnosisAbnormalCountOfInstancesRequest()).diagnosis_info
    assert [c.metric_name for c in counts] == ["high_pressure", "insufficient_capacity", "slow_sql_frequency",
                                               "mem_overrun", "connections_exceed"]
    assert sum(c.count for c in counts) > 0
    for count in counts:
        first = sdk.show_intelligent_diagnosis_instance_infos_per_metric(
            ShowIntelligentDiagnosisInstanceInfosPerMetricRequest(metric_name=count.metric_name, offset=0, limit=2))
        assert first.total_count == count.count and len(first.instance_infos) == min(2, count.count)
        assert all(i.instance_id.endswith("in07") and i.master_node_id.endswith("no07") for i in first.instance_infos)
    expect_error(lambda: sdk.show_intelligent_diagnosis_instance_infos_per_metric(
        ShowIntelligentDiagnosisInstanceInfosPerMetricRequest(metric_name="cpu", offset=0, limit=10)), "DBS.280001")
    expect_error(lambda: sdk.show_intelligent_diagnosis_instance_infos_per_metric(
        ShowIntelligentDiagnosisInstanceInfosPerMetricRequest(metric_name="mem_overrun", offset=0, limit=101)),
        "DBS.280439")
