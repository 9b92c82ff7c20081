"""GaussDB behaviour: validation, busy instances, jobs, filters, tags, nodes."""
import time

import pytest

from conftest import PROJECT_ID

BASE = f"/v3/{PROJECT_ID}/instances"
LIST = f"/v3.1/{PROJECT_ID}/instances"
GOOD = {"region": "cn-north-4", "name": "valid-name", "datastore": {"type": "gaussdb-mysql", "version": "8.0"},
        "mode": "Cluster", "flavor_ref": "gaussdb.mysql.xlarge.x86.4", "vpc_id": "vpc-1", "subnet_id": "subnet-1",
        "password": "Test_pass123", "availability_zone_mode": "single", "slave_count": 1}


def error_of(resp):
    return resp.status_code, resp.json()["error_code"]


@pytest.mark.parametrize("change, expected", [
    ({"name": "1starts-with-digit"}, (400, "DBS.200021")),
    ({"name": "abc"}, (400, "DBS.200021")),
    ({"password": "onlylowercase"}, (400, "DBS.200052")),
    ({"password": "Admin@123"}, (400, "DBS.280203")),
    ({"slave_count": 10}, (400, "DBS.05000089")),
    ({"flavor_ref": "gaussdb.mysql.huge.x86.4"}, (400, "DBS.200053")),
    ({"mode": "Single"}, (400, "DBS.280342")),
    ({"region": "cn-east-3"}, (400, "DBS.200024")),
    ({"availability_zone_mode": "triple"}, (400, "DBS.280260")),
    ({"backup_strategy": {"start_time": "08:00-10:00"}}, (400, "DBS.280253")),
    ({"backup_strategy": {"start_time": "08:00-09:00", "keep_days": 800}}, (400, "DBS.280250")),
    ({"volume": {"size": 40}}, (400, "DBS.280325")),
    ({"charge_info": {"charge_mode": "prePaid", "period_type": "month", "period_num": 1}, "volume": {"size": 45}},
     (400, "DBS.200027")),
    ({"charge_info": {"charge_mode": "prePaid", "period_type": "year", "period_num": 4}}, (400, "DBS.280001")),
    ({"tags": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}, (400, "DBS.280272")),
    ({"lower_case_table_names": 2}, (400, "DBS.280001")),
    ({"datastore": {"type": "mysql", "version": "8.0"}}, (400, "DBS.280235")),
    ({"master_availability_zone": "cn-north-4z"}, (400, "DBS.200025")),
    ({"vpc_id": None}, (400, "DBS.280001")),
])
def test_create_validation(emu, change, expected):
    body = dict(GOOD, **change)
    body = {k: v for k, v in body.items() if v is not None}
    assert error_of(emu.signed("POST", BASE, body)) == expected


def test_bad_json_and_unknown_instance(emu):
    resp = emu.http.request("POST", emu.url + BASE, verify=emu.ca)
    assert resp.status_code == 401  # unsigned: refused before anything else
    assert error_of(emu.signed("PUT", f"{BASE}/0123{'0' * 28}in07/name", {"name": "abcd"})) == (404, "DBS.201028")


def test_busy_instance_and_invisible_job(emu):
    # Margins of seconds, not tenths: the creation lasts 6 s and its job cannot be queried for the first 2 s.
    emu.config(time_scale=0.01, job_visible_after=200)
    created = emu.create_instance(name="busy-one", wait=False)
    iid, job_id = created["instance"]["id"], created["job_id"]
    assert error_of(emu.signed("GET", f"/v3/{PROJECT_ID}/jobs", params={"id": job_id})) == (400, "DBS.200543")
    assert error_of(emu.signed("PUT", f"{BASE}/{iid}/name", {"name": "renamed"})) == (409, "DBS.200019")
    assert error_of(emu.signed("POST", f"{BASE}/{iid}/restart", {})) == (409, "DBS.200019")
    old = emu.signed("GET", f"{BASE}/{iid}").json()["instance"]
    assert old["status"] == "BUILD" and old["private_write_ips"] == []
    time.sleep(2.1)
    assert emu.signed("GET", f"/v3/{PROJECT_ID}/jobs", params={"id": job_id}).json()["job"]["status"] == "Running"
    assert emu.wait_job(job_id)["status"] == "Completed"
    emu.config(time_scale=1.0)   # a 60 s reboot: still running when it is read below
    restart = emu.signed("POST", f"{BASE}/{iid}/restart", {})
    assert restart.status_code == 200
    assert emu.signed("GET", f"{BASE}/{iid}").json()["instance"]["status"] == "REBOOTING"
    assert emu.signed("GET", f"{LIST}/{iid}").json()["instance"]["status"] == "normal"


def test_failed_job(emu):
    emu.config(fail_jobs=[{"name": "CreateGaussDBforMySQLInstance"}], time_scale=0.001)
    created = emu.create_instance(name="doomed", wait=False)
    job = emu.wait_job(created["job_id"])
    assert job["status"] == "Failed" and job["fail_reason"]
    iid = created["instance"]["id"]
    assert emu.signed("GET", f"{LIST}/{iid}").json()["instance"]["status"] == "createfail"
    assert emu.signed("GET", f"{BASE}/{iid}").json()["instance"]["status"] == "FAILED"
    assert emu.signed("DELETE", f"{BASE}/{iid}").status_code == 200


def test_list_filters_and_paging(emu):
    ids = emu.seed(gaussdb_instances=5, nodes_per_instance=2, name_prefix="flt")["gaussdb_instances"]
    emu.signed("POST", f"{BASE}/{ids[0]}/tags/action", {"action": "create", "tags": [{"key": "team", "value": "a"}]})
    names = [i["name"] for i in emu.signed("GET", LIST).json()["instances"]]
    assert names == sorted(names, reverse=True)  # newest first
    assert emu.signed("GET", LIST, params={"name": "flt-00001"}).json()["total_count"] == 1
    assert emu.signed("GET", LIST, params={"name": "flt-0000"}).json()["total_count"] == 0
    assert emu.signed("GET", LIST, params={"name": "*flt-0000"}).json()["total_count"] == 5
    assert emu.signed("GET", LIST, params={"tags": "team=a"}).json()["instances"][0]["id"] == ids[0]
    assert emu.signed("GET", LIST, params={"tags": "team=b"}).json()["total_count"] == 0
    page = emu.signed("GET", LIST, params={"offset": 4, "limit": 2}).json()
    assert page["total_count"] == 5 and len(page["instances"]) == 1
    assert error_of(emu.signed("GET", LIST, params={"limit": 101})) == (400, "DBS.280439")
    assert error_of(emu.signed("GET", LIST, params={"name": "*"})) == (400, "DBS.280001")
    too_many = ",".join(ids * 5)
    assert emu.signed("GET", f"{LIST}/details", params={"instance_ids": too_many}).json()["instances"][0]["id"] == ids[0]
    many = ",".join(f"{n:032x}in07" for n in range(21))
    assert error_of(emu.signed("GET", f"{LIST}/details", params={"instance_ids": many})) == (400, "DBS.280001")


def test_tags(emu):
    iid = emu.seed(gaussdb_instances=1)["gaussdb_instances"][0]
    action = f"{BASE}/{iid}/tags/action"
    assert emu.signed("POST", action, {"action": "create", "tags": [{"key": "k1", "value": "v1"},
                                                                    {"key": "k2", "value": "v2"}]}).status_code == 200
    emu.signed("POST", action, {"action": "delete", "tags": [{"key": "k2", "value": "other"}, {"key": "env"}]})
    tags = emu.signed("GET", f"{BASE}/{iid}/tags").json()
    assert tags == {"total_count": 2, "tags": [{"key": "k1", "value": "v1"}, {"key": "k2", "value": "v2"}]}
    project = emu.signed("GET", f"/v3/{PROJECT_ID}/tags").json()
    assert {"key": "k1", "values": ["v1"]} in project["tags"]
    bad = emu.signed("POST", action, {"action": "create", "tags": [{"key": f"t{n}", "value": "x"} for n in range(19)]})
    assert error_of(bad) == (400, "DBS.200087")


def test_never_failover_priority_follows_table_4_288(emu):
    """-1 only with more than two read-only nodes (single zone), or with the failover nodes left in more
    than one zone (multi zone)."""
    def set_priority(iid, node_id, value):
        return emu.signed("PUT", f"{BASE}/{iid}/nodes/{node_id}/priority", {"priority": value})

    def replicas(iid):
        return [n for n in emu.signed("GET", f"{LIST}/{iid}").json()["instance"]["nodes"] if n["type"] == "slave"]

    small, roomy = emu.seed(gaussdb_instances=2, nodes_per_instance=3)["gaussdb_instances"][0], \
        emu.seed(gaussdb_instances=1, nodes_per_instance=4)["gaussdb_instances"][0]
    assert error_of(set_priority(small, replicas(small)[0]["id"], -1)) == (400, "DBS.05000091")
    assert set_priority(small, replicas(small)[0]["id"], 2).status_code == 200
    emu.wait_job(set_priority(roomy, replicas(roomy)[0]["id"], -1).json()["job_id"])
    multi = emu.create_instance(name="multi-zone", slave_count=2, availability_zone_mode="multi")["instance"]["id"]
    first, second = replicas(multi)
    assert first["az_code"] != second["az_code"]
    emu.wait_job(set_priority(multi, first["id"], -1).json()["job_id"])
    # The primary alone would be left to fail over to: one zone.
    assert error_of(set_priority(multi, second["id"], -1)) == (400, "DBS.05000091")


def test_node_operations(emu):
    iid = emu.seed(gaussdb_instances=1, nodes_per_instance=3)["gaussdb_instances"][0]
    nodes = emu.signed("GET", f"{LIST}/{iid}").json()["instance"]["nodes"]
    master = next(n for n in nodes if n["type"] == "master")
    slave_a, slave_b = [n for n in nodes if n["type"] == "slave"]
    assert error_of(emu.signed("DELETE", f"{BASE}/{iid}/nodes/{master['id']}")) == (400, "DBS.05000091")
    job = emu.signed("PUT", f"{BASE}/{iid}/nodes/{slave_b['id']}/priority", {"priority": 3}).json()["job_id"]
    emu.wait_job(job)
    assert error_of(emu.signed("PUT", f"{BASE}/{iid}/switchover", {"node_id": slave_b["id"]})) == (400, "DBS.05000101")
    job = emu.signed("PUT", f"{BASE}/{iid}/switchover", {"node_id": slave_a["id"]}).json()["job_id"]
    emu.wait_job(job)
    types = {n["id"]: n["type"] for n in emu.signed("GET", f"{LIST}/{iid}").json()["instance"]["nodes"]}
    assert types[slave_a["id"]] == "master" and types[master["id"]] == "slave"
    with emu.slow_clock(0.1):   # the node restart lasts 3 s (0.09 s at the test scale): long enough to be seen
        job = emu.signed("POST", f"{BASE}/{iid}/nodes/{master['id']}/restart", {}).json()["job_id"]
        node = next(n for n in emu.signed("GET", f"{BASE}/{iid}").json()["instance"]["nodes"] if n["id"] == master["id"])
        assert node["status"] == "REBOOTING"
    emu.wait_job(job)
    job = emu.signed("DELETE", f"{BASE}/{iid}/nodes/{slave_b['id']}").json()["job_id"]
    emu.wait_job(job)
    left = emu.signed("GET", f"{LIST}/{iid}").json()["instance"]
    assert left["node_count"] == 2
    assert error_of(emu.signed("DELETE", f"{BASE}/{iid}/nodes/{master['id']}")) == (400, "DBS.05000091")
    job = emu.signed("PUT", f"{BASE}/{iid}/nodes/name",
                     {"node_list": [{"node_id": master["id"], "name": "renamed-node"}]}).json()["job_id"]
    emu.wait_job(job)
    names = {n["id"]: n["name"] for n in emu.signed("GET", f"{LIST}/{iid}").json()["instance"]["nodes"]}
    assert names[master["id"]] == "renamed-node"


def test_instance_changes(emu):
    iid = emu.seed(gaussdb_instances=1)["gaussdb_instances"][0]
    for path, body in (("/port", {"port": 8836}), ("/security-group", {"security_group_id": "sg-2"}),
                       ("/public-ips/bind", {"public_ip": "10.1.2.3", "public_ip_id": "eip-1"}),
                       ("/action", {"resize_flavor": {"spec_code": "gaussdb.mysql.2xlarge.x86.4"}}),
                       ("/dns", {"dns_type": "private"})):
        method = "POST" if path in ("/action", "/dns") else "PUT"
        resp = emu.signed(method, BASE + f"/{iid}" + path, body)
        assert resp.status_code == 200, (path, resp.text)
        assert emu.wait_job(resp.json()["job_id"])["status"] == "Completed"
    assert error_of(emu.signed("PUT", f"{BASE}/{iid}/port", {"port": 33062})) == (400, "DBS.280364")
    assert emu.signed("PUT", f"{BASE}/{iid}/alias", {"alias": "my.alias"}).json() == {}
    assert emu.signed("PUT", f"{BASE}/{iid}/ops-window", {"start_time": "22:00", "end_time": "02:00"}).json() == {}
    assert error_of(emu.signed("PUT", f"{BASE}/{iid}/ops-window", {"start_time": "22:00", "end_time": "01:00"})) \
        == (400, "DBS.280001")
    assert emu.signed("POST", f"{BASE}/{iid}/password", {"password": "New_pass123"}).status_code == 200
    detail = emu.signed("GET", f"{LIST}/{iid}").json()["instance"]
    assert (detail["port"], detail["security_group_id"], detail["public_ips"]) == ("8836", "sg-2", "10.1.2.3")
    assert detail["nodes"][0]["flavor_ref"] == "gaussdb.mysql.2xlarge.x86.4" and detail["nodes"][0]["vcpus"] == "8"
    assert (detail["alias"], detail["maintenance_window"]) == ("my.alias", "22:00-02:00")
    assert detail["private_dns_names"][0].startswith(iid)
    eip = emu.signed("GET", f"{BASE}/{iid}/eip").json()
    assert eip["public_ip_address"] == "10.1.2.3"


def test_scheduled_jobs(emu):
    iid = emu.seed(gaussdb_instances=1)["gaussdb_instances"][0]
    job_id = emu.signed("POST", f"{BASE}/{iid}/restart", {"delay": True}).json()["job_id"]
    schedules = emu.signed("GET", f"/v3/{PROJECT_ID}/scheduled-jobs").json()
    assert schedules["schedules"][0]["job_id"] == job_id and schedules["schedules"][0]["job_status"] == "Pending"
    assert emu.signed("GET", f"/v3/{PROJECT_ID}/jobs", params={"id": job_id}).json()["job"]["status"] == "Pending"
    cancelled = emu.signed("DELETE", f"/v3/{PROJECT_ID}/scheduled-jobs", {"job_ids": [job_id]}).json()
    assert cancelled == {"job_ids": [job_id]}
    assert emu.signed("GET", f"/v3/{PROJECT_ID}/scheduled-jobs").json()["total_count"] == 0
    assert error_of(emu.signed("GET", f"/v3/{PROJECT_ID}/immediate-jobs", params={"limit": 15})) == \
        (400, "DBS.05000036")
