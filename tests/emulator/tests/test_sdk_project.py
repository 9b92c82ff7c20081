"""Task center (4.13.2-4.13.6), tags (4.9.1/4.9.2), dedicated resource pools (4.3.10/4.3.11) and the recycle bin
(4.3.34-4.3.36, with a restore through 4.3.1) through the official huaweicloudsdkgaussdb client, unchanged."""
import datetime
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    CancelScheduleTask, CancelScheduleTaskRequest, DeleteScheduleTasKRequest, DeleteScheduleTasKRequestBody,
    DeleteTaskRecordRequest, ListGaussMySqlDedicatedResourcesRequest, ListImmediateJobsRequest,
    ListInstanceTagsRequest, ListProjectTagsRequest, ListRecycleInstancesRequest, ListScheduleJobsRequest,
    SetRecyclePolicyRequest, ShowDedicatedResourceInfoRequest, ShowRecyclePolicyRequest)

from conftest import PROJECT_ID, wait_job

BASE = f"/v3/{PROJECT_ID}/instances"


def api_time(seconds_from_now=0):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def error_of(call):
    with pytest.raises(ClientRequestException) as caught:
        call()
    return caught.value.status_code, caught.value.error_code


def delayed_restart(emu, instance_id):
    resp = emu.signed("POST", f"{BASE}/{instance_id}/restart", {"delay": True})
    assert resp.status_code == 200, resp.text
    return resp.json()["job_id"]


def test_scheduled_jobs_page_by_page_number_and_filter(emu, sdk):
    first, second = emu.seed(gaussdb_instances=2)["gaussdb_instances"]
    ids = [delayed_restart(emu, first), delayed_restart(emu, first), delayed_restart(emu, second)]
    page1 = sdk.list_schedule_jobs(ListScheduleJobsRequest(offset="1", limit="2"))
    page2 = sdk.list_schedule_jobs(ListScheduleJobsRequest(offset="2", limit="2"))
    assert page1.total_count == page2.total_count == 3
    assert [s.job_id for s in page1.schedules + page2.schedules] == ids[::-1]   # newest first, no overlap
    page0 = sdk.list_schedule_jobs(ListScheduleJobsRequest(offset="0", limit="2"))
    assert [s.job_id for s in page0.schedules] == [s.job_id for s in page1.schedules]
    one = sdk.list_schedule_jobs(ListScheduleJobsRequest(job_id=ids[1])).schedules
    expected = [(ids[1], first, "Pending", "RebootGaussDBforMySQLInstance")]
    assert [(s.job_id, s.instance_id, s.job_status, s.job_name) for s in one] == expected
    assert one[0].instance_status == "normal" and one[0].datastore_type == "gaussdb-mysql"
    assert sdk.list_schedule_jobs(ListScheduleJobsRequest(status="Completed")).total_count == 0
    upgrades = sdk.list_schedule_jobs(ListScheduleJobsRequest(job_name="UpgradeGaussDBforMySQLDatabaseVersion"))
    assert upgrades.total_count == 0
    # The time window bounds the creation time.
    window = sdk.list_schedule_jobs(ListScheduleJobsRequest(start_time=api_time(-60), end_time=api_time(60)))
    assert window.total_count == 3
    assert sdk.list_schedule_jobs(ListScheduleJobsRequest(start_time=api_time(60))).total_count == 0
    assert sdk.list_schedule_jobs(ListScheduleJobsRequest(end_time=api_time(-60))).total_count == 0
    assert error_of(lambda: sdk.list_schedule_jobs(ListScheduleJobsRequest(start_time="yesterday")))[0] == 400


def test_immediate_jobs_filters_and_pages(emu, sdk):
    iid = emu.seed(gaussdb_instances=1)["gaussdb_instances"][0]
    started = []
    while len(started) < 3:
        job_id = emu.signed("POST", f"{BASE}/{iid}/restart", {}).json()["job_id"]
        wait_job(sdk, job_id)
        started.append(job_id)
    listed = sdk.list_immediate_jobs(ListImmediateJobsRequest(limit="10", offset="1"))
    assert [j.job_id for j in listed.jobs] == started[::-1] and listed.total_count == 3
    assert listed.jobs[0].instance_status == "normal" and listed.jobs[0].status == "Completed"
    assert sdk.list_immediate_jobs(ListImmediateJobsRequest(limit="10", offset="2")).jobs == []
    assert sdk.list_immediate_jobs(ListImmediateJobsRequest(job_id=started[0])).jobs[0].job_id == started[0]
    assert sdk.list_immediate_jobs(ListImmediateJobsRequest(status="Failed")).total_count == 0
    assert sdk.list_immediate_jobs(ListImmediateJobsRequest(start_time=api_time(60))).total_count == 0
    assert sdk.list_immediate_jobs(ListImmediateJobsRequest(
        job_name="RebootGaussDBforMySQLInstance", start_time=api_time(-60), end_time=api_time(60))).total_count == 3
    assert error_of(lambda: sdk.list_immediate_jobs(ListImmediateJobsRequest(limit="15"))) == (400, "DBS.05000036")


def test_cancel_and_delete_scheduled_jobs_and_records(emu, sdk):
    first, second = emu.seed(gaussdb_instances=2)["gaussdb_instances"]
    a, b, c = delayed_restart(emu, first), delayed_restart(emu, first), delayed_restart(emu, second)
    cancelled = sdk.cancel_schedule_task(CancelScheduleTaskRequest(body=CancelScheduleTask(job_ids=[a, "unknown"])))
    assert cancelled.job_ids == [a]
    assert error_of(lambda: sdk.cancel_schedule_task(CancelScheduleTaskRequest(
        body=CancelScheduleTask(job_ids=[a])))) == (400, "DBS.200543")
    # 4.13.6: the job must be one of the instance's.
    assert error_of(lambda: sdk.delete_schedule_tas_k(DeleteScheduleTasKRequest(
        instance_id=first, body=DeleteScheduleTasKRequestBody(job_id=c)))) == (400, "DBS.200543")
    assert sdk.delete_schedule_tas_k(DeleteScheduleTasKRequest(
        instance_id=second, body=DeleteScheduleTasKRequestBody(job_id=c))).result is True
    assert [s.job_id for s in sdk.list_schedule_jobs(ListScheduleJobsRequest()).schedules] == [b]
    # 4.13.5: finished records go, running ones stay.
    with emu.slow_clock(0.05):   # the restart lasts 3 s, and is queryable after 0.1 s (job_visible_after)
        running = emu.signed("POST", f"{BASE}/{first}/restart", {}).json()["job_id"]
        time.sleep(0.3)
        refused = error_of(lambda: sdk.delete_task_record(DeleteTaskRecordRequest(job_id=running)))
        assert refused == (400, "DBS.212003")
    wait_job(sdk, running)
    sdk.delete_task_record(DeleteTaskRecordRequest(job_id=running))
    assert sdk.list_immediate_jobs(ListImmediateJobsRequest(job_id=running)).total_count == 0
    assert error_of(lambda: sdk.delete_task_record(DeleteTaskRecordRequest(job_id=running))) == (400, "DBS.200543")


def test_tags_of_an_instance_and_of_the_project(emu, sdk):
    first, second = emu.seed(gaussdb_instances=2)["gaussdb_instances"]
    for iid, tags in ((first, [{"key": "owner", "value": "qa"}, {"key": "tier", "value": "gold"}]),
                      (second, [{"key": "owner", "value": "ops"}])):
        assert emu.signed("POST", f"{BASE}/{iid}/tags/action", {"action": "create", "tags": tags}).status_code == 200
    page = sdk.list_instance_tags(ListInstanceTagsRequest(instance_id=first, offset=1, limit=2))
    assert page.total_count == 3 and len(page.tags) == 2
    project = sdk.list_project_tags(ListProjectTagsRequest())
    expected = {"env": ["seed"], "owner": ["ops", "qa"], "tier": ["gold"]}
    assert {t.key: sorted(t.values) for t in project.tags} == expected
    assert error_of(lambda: sdk.list_project_tags(ListProjectTagsRequest(limit=101))) == (400, "DBS.280439")


def test_dedicated_resource_pools(emu, sdk):
    pools = sdk.list_gauss_my_sql_dedicated_resources(ListGaussMySqlDedicatedResourcesRequest(offset=0, limit=10))
    assert pools.total_count == 1 and pools.resources[0].status == "NORMAL"
    assert pools.resources[0].capacity.vcpus > 0
    detail = sdk.show_dedicated_resource_info(ShowDedicatedResourceInfoRequest(
        dedicated_resource_id=pools.resources[0].id))
    assert detail.resource_name == pools.resources[0].resource_name
    assert detail.dedicated_compute_info.vcpus_used == 0
    assert error_of(lambda: sdk.show_dedicated_resource_info(ShowDedicatedResourceInfoRequest(
        dedicated_resource_id="nope"))) == (400, "DBS.05000087")


def test_recycle_bin_keeps_a_backup_to_restore_as_a_new_instance(emu, sdk):
    created = emu.create_instance(name="doomed")
    iid = created["instance"]["id"]
    resp = emu.signed("POST", f"{BASE}/{iid}/databases",
                      {"databases": [{"name": "orders", "character_set": "utf8mb4"}]})
    wait_job(sdk, resp.json()["job_id"])
    wait_job(sdk, emu.signed("DELETE", f"{BASE}/{iid}").json()["job_id"])
    recycled = sdk.list_recycle_instances(ListRecycleInstancesRequest(offset=0, limit=10))
    assert recycled.total_count == 1
    entry = recycled.instances[0]
    assert (entry.id, entry.name, entry.recycle_status) == (iid, "doomed", "Active")
    assert entry.recycle_backup_id.endswith("br07") and len(entry.recycle_backup_id) == 36
    # The raw answer: total_count is a number.
    assert emu.signed("GET", f"/v3/{PROJECT_ID}/instances/recycle-info").json()["total_count"] == 1

    point = {"source_instance_id": iid, "type": "backup", "backup_id": entry.recycle_backup_id}
    restored = emu.create_instance(name="reborn", restore_point=point)
    new_id = restored["instance"]["id"]
    databases = emu.signed("GET", f"{BASE}/{new_id}/databases").json()["databases"]
    assert [d["name"] for d in databases] == ["orders"]
    jobs = sdk.list_immediate_jobs(ListImmediateJobsRequest(job_id=restored["job_id"])).jobs
    assert jobs[0].job_name == "RestoreGaussDBforMySQLNewInstance"

    body = dict(created_body(), restore_point=dict(point, backup_id="0" * 32 + "br07"))
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances", body)
    assert (resp.status_code, resp.json()["error_code"]) == (404, "DBS.201010")
    body["restore_point"] = {"source_instance_id": iid, "type": "timestamp", "restore_time": int(time.time() * 1000)}
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances", body)
    assert (resp.status_code, resp.json()["error_code"]) == (404, "DBS.200013")


def test_recycle_policy_bounds_how_long_instances_stay(emu, sdk):
    assert sdk.show_recycle_policy(ShowRecyclePolicyRequest()).recycle_policy.retention_period_in_days == "7"
    iid = emu.seed(gaussdb_instances=1)["gaussdb_instances"][0]
    wait_job(sdk, emu.signed("DELETE", f"{BASE}/{iid}").json()["job_id"])
    assert sdk.list_recycle_instances(ListRecycleInstancesRequest()).total_count == 1
    # The seed's example sends a number, its table a String: both are taken; the String is answered.
    resp = emu.signed("PUT", f"/v3/{PROJECT_ID}/instances/recycle-policy", {"recycle_policy": {"retention_period_in_days": 1}})
    assert resp.status_code == 200
    assert sdk.show_recycle_policy(ShowRecyclePolicyRequest()).recycle_policy.retention_period_in_days == "1"
    for bad in ("0", "8", "x"):
        resp = emu.signed("PUT", f"/v3/{PROJECT_ID}/instances/recycle-policy",
                          {"recycle_policy": {"retention_period_in_days": bad}})
        assert resp.status_code == 400
    sdk.set_recycle_policy(SetRecyclePolicyRequest(body={"recycle_policy": {"retention_period_in_days": "1"}}))
    # One day, scaled: 86.4 ms at this time_scale, then the entry has left the bin.
    emu.config(time_scale=0.000001)
    time.sleep(0.2)
    assert sdk.list_recycle_instances(ListRecycleInstancesRequest()).total_count == 0


def created_body():
    return {"region": "cn-north-4", "name": "again", "datastore": {"type": "gaussdb-mysql", "version": "8.0"},
            "mode": "Cluster", "flavor_ref": "gaussdb.mysql.xlarge.x86.4", "vpc_id": "vpc-1",
            "subnet_id": "subnet-1", "password": "Test_pass123", "availability_zone_mode": "single", "slave_count": 1}
