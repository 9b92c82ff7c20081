"""The CDS MySQL family of the emulator, through the real serve.py (HTTPS): signature check, envelope,
routes and stats per action, async statuses on the scaled clock, backup files, faults, seeding."""
import json
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

import pytest
import requests

from tests.emulator.cds.api import ACTIONS
from tests.emulator.cds.signing import sign_params

SECRET = "emulator-cds-secret"


def call(emu, method, action, body=None, path="/mysql/", secret=SECRET, query_extra=None, **params):
    query = dict(params, Action=action, **(query_extra or {}))
    signed = sign_params(method, query, secret=secret)
    data = json.dumps(body).encode() if body is not None else None
    resp = emu.http.request(method, "%s%s?%s" % (emu.url, path, urlencode(signed)), data=data,
                            headers={"Content-Type": "application/json"}, timeout=30, verify=emu.ca)
    return resp.status_code, resp.json()


def wait_for(fn, timeout=20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not reached")


def create(emu, name="db", arch=1):
    _, cfg = call(emu, "GET", "DescribeAvailableDBConfig", RegionId="CN_Beijing_A")
    spec = [a for a in cfg["Data"]["Products"][1]["Architectures"] if a["ArchitectureType"] == arch][0]
    goods = spec["ComputeRoles"][0]["Standards"]["CpuRam"][1]["PaasGoodsId"]
    status, body = call(emu, "POST", "CreateDBInstance", body=dict(
        RegionId="CN_Beijing_A", VdcId="vdc", BasePipeId="pipe", InstanceName=name, PaasGoodsId=goods,
        DiskType="ssd_disk", DiskValue=100))
    assert status == 200 and body["Code"] == "Success", body
    return body["Data"]["InstancesUuid"][0]


def status_of(emu, uuid):
    data = call(emu, "GET", "DescribeDBInstances", InstanceUuid=uuid)[1]["Data"]
    return data[0]["Status"] if data else None


# -- authentication ---------------------------------------------------------------------------
def test_signed_request_is_answered_with_the_envelope(emu):
    status, body = call(emu, "GET", "DescribeRegions")
    assert status == 200 and body["Code"] == "Success" and body["Data"][0]["RegionId"]


@pytest.mark.parametrize("kwargs, status, code", [
    (dict(secret="wrong-secret"), 401, "SignatureDoesNotMatch"),
    (dict(query_extra={"AccessKeyId": "SOMEONEELSE"}), 401, "InvalidAccessKeyId"),
    (dict(query_extra={"Timestamp": "2001-01-01T00:00:00Z"}), 401, "RequestExpired"),
])
def test_bad_credentials_are_refused(emu, kwargs, status, code):
    got, body = call(emu, "GET", "DescribeRegions", **kwargs)
    assert (got, body["Code"]) == (status, code)
    assert set(body) == {"Code", "Message", "Data", "TaskId"}


def test_a_replayed_url_is_refused(emu):
    url = "%s/mysql/?%s" % (emu.url, urlencode(sign_params("GET", {"Action": "DescribeRegions"})))
    assert emu.http.get(url, verify=emu.ca).status_code == 200
    again = emu.http.get(url, verify=emu.ca)
    assert again.status_code == 401 and again.json()["Code"] == "SignatureNonceUsed"


def test_form_encoded_plus_is_a_space_like_the_reference_helper(emu):
    # Example C: the helper writes the value with form encoding; the server decodes before re-signing.
    status, body = call(emu, "GET", "DescribeDBInstances", InstanceName="my db*~/测试+1")
    assert status == 200 and body["Data"] == []


def test_post_business_parameters_may_also_be_signed_in_the_query(emu):
    uuid = create(emu)
    wait_for(lambda: status_of(emu, uuid) == "RUNNING")
    # The Python SDK style: parameters in the signed query and in the body; the body wins.
    status, body = call(emu, "POST", "CreatePrivilegedAccount",
                        body=dict(InstanceUuid=uuid, AccountName="app", Password="Passw0rd1", AccountType="Normal"),
                        InstanceUuid=uuid, AccountName="ignored")
    assert status == 200, body
    accounts = call(emu, "GET", "DescribeDBAccount", InstanceUuid=uuid)[1]["Data"]
    assert [a["AccountName"] for a in accounts] == ["app"]


def test_unknown_action_wrong_method_and_missing_parameter(emu):
    assert call(emu, "GET", "NoSuchAction")[1]["Code"] == "UnsupportedAction"
    assert call(emu, "POST", "DescribeRegions")[1]["Code"] == "UnsupportedHTTPMethod"
    status, body = call(emu, "GET", "DescribeBackups")
    assert (status, body["Code"]) == (400, "ArgMissing")
    status, body = call(emu, "GET", "DescribeBackups", InstanceUuid="nope")
    assert (status, body["Code"]) == (404, "ResourceNotFound")


# -- routes and stats ---------------------------------------------------------------------------
def test_every_action_is_listed_and_counted_by_its_template(emu):
    routes = emu.admin("GET", "/routes")["routes"]
    listed = {(r["method"], r["path"]) for r in routes if r.get("family") == "cds"}
    mysql = {name for name, act in ACTIONS.items() if "/mysql" in act.paths}
    assert len(mysql) == 30 and {p.split("=")[1] for _, p in listed if p.startswith("/mysql?")} == mysql
    assert ("POST", "/paas/monitor?Action=DescribeDBInstancePerformance") in listed
    call(emu, "GET", "DescribeRegions")
    call(emu, "GET", "DescribeRegions")
    stats = emu.stats()
    assert stats["by_route"]["GET /mysql?Action=DescribeRegions"] == 2


# -- asynchronous work ---------------------------------------------------------------------------
def test_creation_takes_time_scaled_then_runs(emu):
    emu.config(time_scale=0.005)   # 600 s -> 3 s
    uuid = create(emu)
    assert status_of(emu, uuid) == "CREATING"
    assert call(emu, "POST", "CreateBackup", body=dict(InstanceUuid=uuid, BackupType="physical-backup"))[1]["Code"] \
        == "ResourceInUse"
    wait_for(lambda: status_of(emu, uuid) == "RUNNING", timeout=10)


def test_seed_makes_running_instances_at_once(emu):
    ids = emu.seed(cds_instances=5, cds_readonly_per_instance=1)["cds_instance_ids"]
    data = call(emu, "GET", "DescribeDBInstances")[1]["Data"]
    assert len(ids) == 5 and {i["Status"] for i in data} == {"RUNNING"}
    assert all(len(i["RoGroups"]) == 1 and i["RoGroups"][0]["Status"] == "RUNNING" for i in data)


def test_spec_change_takes_an_increment_and_goes_through_a_busy_status(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    emu.config(time_scale=0.025)   # the disk grows for 3 s (0.36 s at the test scale): still changing when read below
    status, body = call(emu, "POST", "ModifyDBInstanceSpec",
                        body=dict(InstanceUuid=uuid, DiskType="ssd_disk", DiskValue=100))
    assert status == 200 and status_of(emu, uuid) == "CHANGING"
    wait_for(lambda: status_of(emu, uuid) == "RUNNING")
    assert call(emu, "GET", "DescribeDBInstances", InstanceUuid=uuid)[1]["Data"][0]["Disks"] == 200


# -- accounts ------------------------------------------------------------------------------------
def test_modify_privilege_without_extra_privilege_applies_its_documented_default(emu):
    """Reference 5.11: ExtraPrivilege.AllCreate defaults to "false"; a grant without it revokes global CREATE."""
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    call(emu, "POST", "CreatePrivilegedAccount", body=dict(InstanceUuid=uuid, AccountName="app", Password="Passw0rd-1",
                                                           AccountType="Normal"))

    def account():
        data = call(emu, "GET", "DescribeDBAccount", InstanceUuid=uuid)[1]["Data"]
        return [a for a in data if a["AccountStatus"] == "available"]
    wait_for(account)
    grant = dict(InstanceUuid=uuid, AccountName="app", Operations=[dict(DBName="shop", Privilege="ReadOnly")])
    status, body = call(emu, "POST", "ModifyDbPrivilege", body=dict(grant, ExtraPrivilege={"AllCreate": "true"}))
    assert status == 200 and body["Code"] == "Success", body
    assert account()[0]["ExtraPrivilege"] == {"AllCreate": "true"}
    assert call(emu, "POST", "ModifyDbPrivilege", body=grant)[1]["Code"] == "Success"
    assert account()[0]["ExtraPrivilege"] == {"AllCreate": "false"}


# -- backups and files -------------------------------------------------------------------------
def test_backup_files_are_real_and_served_on_the_same_base_url(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    call(emu, "POST", "CreateBackup", body=dict(InstanceUuid=uuid, BackupType="physical-backup", Desc="x"))
    backup = wait_for(lambda: [b for b in call(emu, "GET", "DescribeBackups", InstanceUuid=uuid)[1]["Data"]
                               if b["Status"] == "finished"])[0]
    data = call(emu, "GET", "DownloadBackup", InstanceUuid=uuid, BackupId=backup["BackupId"])[1]["Data"]
    assert data["BackupDownloadUrl"].startswith(emu.url + "/")
    assert data["BackupIntranetDownloadUrl"].startswith(emu.url + "/")
    first = requests.get(data["BackupDownloadUrl"], verify=emu.ca, timeout=30)
    second = requests.get(data["BackupIntranetDownloadUrl"], verify=emu.ca, timeout=30)
    assert first.status_code == 200 and len(first.content) == backup["BackupSize"] == data["BackupSize"]
    assert first.content == second.content
    partial = requests.get(data["BackupDownloadUrl"], headers={"Range": "bytes=0-9"}, verify=emu.ca, timeout=30)
    assert partial.status_code == 206 and partial.content == first.content[:10]
    tampered = data["BackupDownloadUrl"].replace("Token=", "Token=0")
    assert requests.get(tampered, verify=emu.ca, timeout=30).status_code == 403


# -- faults ---------------------------------------------------------------------------------------
def test_faults_use_the_cds_envelope(emu):
    emu.config(fault_rate=1.0, fault_kinds=["throttle"])
    status, body = call(emu, "GET", "DescribeRegions")
    assert (status, body["Code"]) == (429, "Throttling")
    emu.config(fault_kinds=["busy"])
    status, body = call(emu, "POST", "DeleteDBInstance", body={"InstanceUuid": "x"})
    assert (status, body["Code"]) == (409, "ResourceInUse")
    emu.config(fault_rate=0.0)


def test_dropped_create_answer_still_creates(emu):
    emu.config(drop_responses=[{"method": "POST", "path": "/mysql?Action=CreateDBInstance", "count": 1}])
    with pytest.raises(requests.exceptions.ConnectionError):
        create(emu, name="dropped")
    data = call(emu, "GET", "DescribeDBInstances", InstanceName="dropped")[1]["Data"]
    assert len(data) == 1


# -- monitoring (reference 5.21) ---------------------------------------------------------------
CST = timezone(timedelta(hours=8))


def cst(seconds_from_now):
    return datetime.fromtimestamp(time.time() + seconds_from_now, CST).strftime("%Y-%m-%d %H:%M:%S")


def performance(emu, uuid, metric="mysql_cpu_usage", start=-3600, end=0, path="/paas/monitor/", method="POST"):
    body = dict(InstanceUuid=uuid, MetricKey=metric, StartTime=cst(start), EndTime=cst(end))
    return call(emu, method, "DescribeDBInstancePerformance", body=body, path=path)


def test_performance_is_served_at_paas_monitor_with_the_documented_shape(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    before = time.time()
    status, body = performance(emu, uuid, metric="mysql_slow_queries")
    assert status == 200 and set(body) == {"Code", "Message", "Data", "TaskId"}, body
    assert (body["Code"], body["TaskId"]) == ("Success", "")
    data = body["Data"]
    assert set(data) == {"InstanceUuid", "ProductType", "MetricKey", "Period", "StartTime", "EndTime", "DataPoints"}
    assert (data["InstanceUuid"], data["ProductType"], data["MetricKey"], data["Period"]) == (
        uuid, "mysql-replication", "mysql_slow_queries", 30)
    [point] = data["DataPoints"]
    assert {k: point[k] for k in ("MetricName", "MetricType", "MonitorType", "Unit")} == dict(
        MetricName="slow_queries", MetricType="gauge", MonitorType="engine", Unit="个")
    values = point["Values"]
    # One point per 30 s of the last hour (119 or 120 by where the grid falls), integers, inside the window.
    assert 119 <= len(values) <= 121 and all(set(v) == {"DateTime", "Value"} for v in values)
    assert all(type(v["Value"]) is int for v in values)
    stamps = [datetime.strptime(v["DateTime"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=CST).timestamp() for v in values]
    assert stamps == sorted(stamps) and all(b - a == 30 for a, b in zip(stamps, stamps[1:]))
    assert before - 3601 <= stamps[0] and stamps[-1] <= time.time()


@pytest.mark.parametrize("metric, category, unit", [
    ("mysql_cpu_usage", "resources", "百分比"), ("mysql_network_trffice", "resources", "MB/s"),
    ("mysql_sessions", "engine", "个"),
])
def test_performance_metrics_carry_the_table_category_and_unit(emu, metric, category, unit):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    point = performance(emu, uuid, metric=metric)[1]["Data"]["DataPoints"][0]
    assert (point["MonitorType"], point["Unit"], point["MetricType"]) == (category, unit, "gauge")


@pytest.mark.parametrize("span, period", [(4 * 3600, 30), (5 * 3600, 60), (2 * 86400, 60), (3 * 86400, 300),
                                          (20 * 86400, 3600), (30 * 86400, 3600)])
def test_performance_granularity_adapts_to_the_span(emu, span, period):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    status, body = performance(emu, uuid, start=-span)
    assert status == 200 and body["Data"]["Period"] == period, body


def test_performance_keeps_no_point_older_than_the_retention_nor_in_the_future(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    old = performance(emu, uuid, start=-2 * 86400 - 3600, end=-2 * 86400)[1]["Data"]   # 30 s points: kept 1 day
    assert old["Period"] == 30 and old["DataPoints"][0]["Values"] == []
    future = performance(emu, uuid, start=600, end=1200)[1]["Data"]
    assert future["DataPoints"][0]["Values"] == []


def test_performance_is_also_answered_on_mysql_like_the_go_sdk_sends_it(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    status, body = performance(emu, uuid, path="/mysql/")
    assert status == 200 and body["Data"]["MetricKey"] == "mysql_cpu_usage"
    stats = emu.stats()["by_route"]
    assert stats["POST /mysql?Action=DescribeDBInstancePerformance"] == 1
    performance(emu, uuid)
    assert emu.stats()["by_route"]["POST /paas/monitor?Action=DescribeDBInstancePerformance"] == 1


def test_performance_refusals(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    cases = [
        (performance(emu, uuid, metric="mysql_network_traffic"), 400, "InvalidParameter"),
        (performance(emu, uuid, start=0, end=0), 400, "InvalidParameter"),
        (performance(emu, uuid, start=-31 * 86400), 400, "InvalidParameter"),
        (performance(emu, "no-such-instance"), 404, "ResourceNotFound"),
        (performance(emu, uuid, method="GET"), 400, "UnsupportedHTTPMethod"),
        (call(emu, "POST", "DescribeDBInstancePerformance", body=dict(InstanceUuid=uuid), path="/paas/monitor/"),
         400, "ArgMissing"),
        (call(emu, "GET", "DescribeDBInstances", path="/paas/monitor/"), 400, "UnsupportedAction"),
    ]
    for (status, body), want_status, code in cases:
        assert (status, body["Code"]) == (want_status, code), body
        assert set(body) == {"Code", "Message", "Data", "TaskId"}


# -- overwrite restore (reference 5.26, withdrawn) ------------------------------------------------
def finished_backup(emu, uuid):
    call(emu, "POST", "CreateBackup", body=dict(InstanceUuid=uuid, BackupType="physical-backup", Desc="rb"))
    return wait_for(lambda: [b for b in call(emu, "GET", "DescribeBackups", InstanceUuid=uuid)[1]["Data"]
                             if b["Status"] == "finished"])[0]["BackupId"]


def test_batch_rollback_answers_a_task_and_keeps_the_instance_busy_until_done(emu):
    uuid = emu.seed(cds_instances=1)["cds_instance_ids"][0]
    backup_id = finished_backup(emu, uuid)
    wait_for(lambda: status_of(emu, uuid) == "RUNNING")
    with emu.slow_clock(0.01):   # 300 s -> 3 s
        status, body = call(emu, "POST", "StartBatchRollback", body=dict(InstanceUuid=uuid, BackupId=backup_id))
        assert status == 200 and (body["Code"], body["Data"]) == ("Success", {}) and body["TaskId"], body
        assert status_of(emu, uuid) == "RESTORING"
        again = call(emu, "POST", "StartBatchRollback", body=dict(InstanceUuid=uuid, BackupId=backup_id))
        assert (again[0], again[1]["Code"]) == (409, "ResourceInUse")
        wait_for(lambda: status_of(emu, uuid) == "RUNNING", timeout=10)


def test_batch_rollback_refuses_a_backup_of_another_instance_and_missing_arguments(emu):
    first, second = emu.seed(cds_instances=2)["cds_instance_ids"]
    backup_id = finished_backup(emu, first)
    status, body = call(emu, "POST", "StartBatchRollback", body=dict(InstanceUuid=second, BackupId=backup_id))
    assert (status, body["Code"]) == (404, "ResourceNotFound")
    status, body = call(emu, "POST", "StartBatchRollback", body=dict(InstanceUuid=first))
    assert (status, body["Code"]) == (400, "ArgMissing")
