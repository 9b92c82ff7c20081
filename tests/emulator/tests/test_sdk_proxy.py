"""Database proxies (seed 002 section 4.7) through the official huaweicloudsdkgaussdb client: every call's
answer must parse into the SDK's models, and the documented rules and error codes must hold."""

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    AccessControlRule, ChangeGaussMySqlProxySpecificationRequest, CloseMysqlProxyRequestBody,
    CreateAccessControlRequest, CreateAccessControlRequestBody, CreateGaussMySqlProxyRequest,
    DeleteGaussMySqlProxyRequest, EnlargeProxyRequest, ExpandGaussMySqlProxyRequest,
    ModifyGaussMySqlProxyRouteModeRequest, ModifyGaussMySqlProxyRouteModeRequestBody, ModifyProxyConsistRequest,
    ModifyProxyRouteWeightReadonlyNode, ModifyProxyWeightReadonlyNode, NodesWeight, OpenMysqlProxyRequestBody,
    ProxyTransactionSplitRequest, ProxyUpdateProxyConnectionPoolTypeRequest, ProxyUpdateProxyNameRequest,
    ProxyUpgradeProxyVersionRequest, RestartProxyInstanceRequest, SetGaussMySqlProxyWeightRequest,
    ShowGaussMySqlProxyFlavorsRequest, ShowGaussMySqlProxyListRequest,
    ShowProxyConfigurationsRequest, ShowProxyIpgroupRequest, ShowProxyVersionRequest,
    ShrinkGaussMySqlProxyRequest, ShrinkGaussMySqlProxyRequestBody, SwitchAccessControlRequest,
    SwitchAccessControlRequestBody, SwitchGaussMySqlProxySslRequest, SwitchProxySSLRequest, TaurusModifyProxyWeightRequest,
    TaurusProxyScaleRequest, UpdateNewNodeAutoAddSwitchRequest, UpdateNewNodeAutoAddSwitchRequestBody,
    UpdateProxyConfigurationItem, UpdateProxyConnectionPoolTypeRequest, UpdateProxyNameRequest,
    UpdateProxyNewConfigurationsRequest, UpdateProxyNewConfigRequestBody, UpdateProxyPortRequest,
    UpdateProxyPortRequestBody, UpdateProxySessionConsistenceRequest, UpdateTransactionSplitStatusRequest,
    UpgradeProxyVersionRequest)

from conftest import PROJECT_ID, wait_job


def error_of(call):
    with pytest.raises(ClientRequestException) as info:
        call()
    return info.value.status_code, info.value.error_code


@pytest.fixture()
def instance_id(emu):
    return emu.seed(gaussdb_instances=1, nodes_per_instance=3)["gaussdb_instances"][0]


def proxies(sdk, instance_id):
    return sdk.show_gauss_my_sql_proxy_list(ShowGaussMySqlProxyListRequest(instance_id=instance_id)).proxy_list


def enable(sdk, instance_id, **body):
    body.setdefault("flavor_ref", "gaussdb.proxy.large.x86.2")
    body.setdefault("node_num", 2)
    answer = sdk.create_gauss_my_sql_proxy(CreateGaussMySqlProxyRequest(
        instance_id=instance_id, body=OpenMysqlProxyRequestBody(**body)))
    assert answer.status_code == 201
    assert wait_job(sdk, answer.job_id).status == "Completed"
    return answer


def done(sdk, answer):
    assert wait_job(sdk, answer.job_id).status == "Completed"
    return answer


def test_proxy_lifecycle_parses_into_sdk_models(sdk, emu, instance_id):
    flavors = sdk.show_gauss_my_sql_proxy_flavors(ShowGaussMySqlProxyFlavorsRequest(instance_id=instance_id))
    groups = {g.group_type: g.proxy_flavors for g in flavors.proxy_flavor_groups}
    assert set(groups) == {"x86", "arm"}
    large = next(f for f in groups["x86"] if f.spec_code == "gaussdb.proxy.large.x86.2")
    assert (large.vcpus, large.ram, large.db_type) == ("2", "4", "Proxy") and large.az_status

    enable(sdk, instance_id, proxy_name="gaussdb-proxy", route_mode=0)
    [item] = proxies(sdk, instance_id)
    proxy = item.proxy
    assert proxy.pool_id.endswith("po01") and len(proxy.pool_id) == 36
    assert (proxy.status, proxy.name, proxy.node_num, proxy.port, proxy.mode) == \
        ("ACTIVE", "gaussdb-proxy", 2, 3306, "Cluster")
    assert proxy.flavor_ref == "gaussdb.proxy.large.x86.2" and (proxy.vcpus, proxy.ram) == ("2", "4")
    assert all(n.id.endswith("pn01") for n in proxy.nodes) and [n.role for n in proxy.nodes] == ["master", "slave"]
    assert (proxy.route_mode, proxy.connection_pool_type, proxy.ssl_option, proxy.transaction_split) == \
        (0, "CLOSED", "false", "false")
    assert item.master_node.weight == 0 and [n.weight for n in item.readonly_nodes] == [100, 100]
    assert item.master_node.instance_id == instance_id and item.master_node.availability_zone[0].code
    pid = proxy.pool_id
    replica = item.readonly_nodes[0].id

    # The instance details list the proxy (4.3.32 proxies, 4.3.31 proxy_ips).
    details = emu.signed("GET", f"/v3/{PROJECT_ID}/instances/{instance_id}").json()["instance"]
    assert details["proxies"] == [{"pool_id": pid, "name": "gaussdb-proxy", "address": proxy.address}]

    grown = sdk.expand_gauss_my_sql_proxy(ExpandGaussMySqlProxyRequest(
        instance_id=instance_id, body=EnlargeProxyRequest(node_num=2, proxy_id=pid)))
    assert grown.status_code == 201 and done(sdk, grown)
    assert proxies(sdk, instance_id)[0].proxy.node_num == 4
    shrunk = sdk.shrink_gauss_my_sql_proxy(ShrinkGaussMySqlProxyRequest(
        instance_id=instance_id, proxy_id=pid, body=ShrinkGaussMySqlProxyRequestBody(node_num=1)))
    assert shrunk.status_code == 201 and done(sdk, shrunk)
    assert proxies(sdk, instance_id)[0].proxy.node_num == 3

    done(sdk, sdk.change_gauss_my_sql_proxy_specification(ChangeGaussMySqlProxySpecificationRequest(
        instance_id=instance_id, proxy_id=pid, body=TaurusProxyScaleRequest(flavor_ref="gaussdb.proxy.xlarge.arm.2"))))
    proxy = proxies(sdk, instance_id)[0].proxy
    assert (proxy.flavor_ref, proxy.vcpus, proxy.ram) == ("gaussdb.proxy.xlarge.arm.2", "4", "8")

    done(sdk, sdk.set_gauss_my_sql_proxy_weight(SetGaussMySqlProxyWeightRequest(
        instance_id=instance_id, proxy_id=pid, body=TaurusModifyProxyWeightRequest(
            master_weight=100, readonly_nodes=[ModifyProxyWeightReadonlyNode(id=replica, weight=300)]))))
    item = proxies(sdk, instance_id)[0]
    assert item.master_node.weight == 100
    assert {n.id: n.weight for n in item.readonly_nodes}[replica] == 300

    done(sdk, sdk.modify_gauss_my_sql_proxy_route_mode(ModifyGaussMySqlProxyRouteModeRequest(
        instance_id=instance_id, proxy_id=pid, body=ModifyGaussMySqlProxyRouteModeRequestBody(
            route_mode=2, master_weight=1, readonly_nodes=[ModifyProxyRouteWeightReadonlyNode(id=replica, weight=0)]))))
    item = proxies(sdk, instance_id)[0]
    assert item.proxy.route_mode == 2 and item.master_node.weight == 1
    assert sorted(n.weight for n in item.readonly_nodes) == [0, 1]

    done(sdk, sdk.update_proxy_port(UpdateProxyPortRequest(
        instance_id=instance_id, proxy_id=pid, body=UpdateProxyPortRequestBody(port=3308))))
    renamed = sdk.update_proxy_name(UpdateProxyNameRequest(
        instance_id=instance_id, proxy_id=pid, body=ProxyUpdateProxyNameRequest(alias="newName")))
    assert renamed.result == "success"
    done(sdk, sdk.switch_gauss_my_sql_proxy_ssl(SwitchGaussMySqlProxySslRequest(
        instance_id=instance_id, proxy_id=pid, body=SwitchProxySSLRequest(ssl_option=True))))
    proxy = proxies(sdk, instance_id)[0].proxy
    assert (proxy.port, proxy.name, proxy.ssl_option) == (3308, "newName", "true")

    restarted = sdk.restart_proxy_instance(RestartProxyInstanceRequest(instance_id=instance_id, proxy_id=pid))
    assert wait_job(sdk, restarted.job_id).name == "RebootGaussDBforMySQLProxy"

    emu.config(time_scale=0.05)   # closing lasts 3 s (0.18 s at the test scale): still running when listed below
    closed = sdk.delete_gauss_my_sql_proxy(DeleteGaussMySqlProxyRequest(
        instance_id=instance_id, body=CloseMysqlProxyRequestBody(proxy_ids=[pid])))
    assert proxies(sdk, instance_id)[0].proxy.status == "DISABLING PROXY"
    assert wait_job(sdk, closed.job_id).name == "CloseGaussDBforMySQLProxy"
    assert proxies(sdk, instance_id) == []


def test_switches_access_control_versions_and_parameters(sdk, instance_id):
    enable(sdk, instance_id)
    pid = proxies(sdk, instance_id)[0].proxy.pool_id
    ids = dict(instance_id=instance_id, proxy_id=pid)
    # 4.7.3's table lists new_node_weight unconditionally: 0 while auto-add is OFF.
    fresh = proxies(sdk, instance_id)[0].proxy
    assert (fresh.new_node_auto_add_status, fresh.new_node_weight) == ("OFF", 0)

    done(sdk, sdk.update_transaction_split_status(UpdateTransactionSplitStatusRequest(
        instance_id=instance_id, body=ProxyTransactionSplitRequest(transaction_split="ON", proxy_id_list=[pid]))))
    job = done(sdk, sdk.update_proxy_session_consistence(UpdateProxySessionConsistenceRequest(
        **ids, body=ModifyProxyConsistRequest(session_consistence="true"))))
    assert wait_job(sdk, job.job_id).name == "GaussDBforMySQLModifyProxyConsist"
    done(sdk, sdk.update_proxy_connection_pool_type(UpdateProxyConnectionPoolTypeRequest(
        **ids, body=ProxyUpdateProxyConnectionPoolTypeRequest(connection_pool_type="SESSION"))))
    added = sdk.update_new_node_auto_add_switch(UpdateNewNodeAutoAddSwitchRequest(
        **ids, body=UpdateNewNodeAutoAddSwitchRequestBody(switch_status="ON", weight=20)))
    assert added.result == "success"
    proxy = proxies(sdk, instance_id)[0].proxy
    assert (proxy.transaction_split, proxy.consistence_mode, proxy.connection_pool_type) == ("true", "session", "SESSION")
    assert (proxy.new_node_auto_add_status, proxy.new_node_weight) == ("ON", 20)
    sdk.update_new_node_auto_add_switch(UpdateNewNodeAutoAddSwitchRequest(
        **ids, body=UpdateNewNodeAutoAddSwitchRequestBody(switch_status="OFF")))
    proxy = proxies(sdk, instance_id)[0].proxy
    assert (proxy.new_node_auto_add_status, proxy.new_node_weight) == ("OFF", 0)
    sdk.update_new_node_auto_add_switch(UpdateNewNodeAutoAddSwitchRequest(
        **ids, body=UpdateNewNodeAutoAddSwitchRequestBody(switch_status="ON", weight=20)))

    access = sdk.show_proxy_ipgroup(ShowProxyIpgroupRequest(**ids))
    assert (access.enable_ip_group, access.type, access.ip_group.ip_list) == (False, "black", [])
    switched = sdk.switch_access_control(SwitchAccessControlRequest(
        **ids, body=SwitchAccessControlRequestBody(open_access_control=True)))
    assert switched.open_access_control is True
    rules = sdk.create_access_control(CreateAccessControlRequest(**ids, body=CreateAccessControlRequestBody(
        type="white", ip_list=[AccessControlRule(ip="192.107.0.1", description="black01"),
                               AccessControlRule(ip="10.0.0.0/24")])))
    assert rules.open_access_control is True
    access = sdk.show_proxy_ipgroup(ShowProxyIpgroupRequest(**ids))
    assert access.enable_ip_group is True and access.type == "white"
    assert [(r.ip, r.description) for r in access.ip_group.ip_list] == [("192.107.0.1", "black01"), ("10.0.0.0/24", "")]
    assert access.ip_group.name == f"PROXY-{pid}_elbIpGroup"

    version = sdk.show_proxy_version(ShowProxyVersionRequest(**ids, engine_name="taurusproxy"))
    assert (version.current_version, version.latest_version, version.can_upgrade) == \
        ("2.23.12.000", "2.24.03.000", True)
    upgrade = sdk.upgrade_proxy_version(UpgradeProxyVersionRequest(**ids, body=ProxyUpgradeProxyVersionRequest(
        source_version="2.23.12.000", target_version="2.24.03.000")))
    [accepted] = upgrade.update_result
    assert accepted.state == "ACCEPT" and wait_job(sdk, accepted.workflow_id).status == "Completed"
    assert sdk.show_proxy_version(ShowProxyVersionRequest(**ids, engine_name="taurusproxy")).can_upgrade is False

    params = sdk.show_proxy_configurations(ShowProxyConfigurationsRequest(**ids, limit=100))
    assert params.total_count >= 2
    by_name = {p.name: p for p in params.configurations}
    assert by_name["slowLogQueryTime"].value == "500" and by_name["slowLogQueryTime"].elem_type == "system"
    done(sdk, sdk.update_proxy_new_configurations(UpdateProxyNewConfigurationsRequest(
        **ids, body=UpdateProxyNewConfigRequestBody(configurations=[
            UpdateProxyConfigurationItem(name="multiStatementType", value="loose", elem_type="system"),
            UpdateProxyConfigurationItem(name="slowLogQueryTime", value="1000", elem_type="system")]))))
    one = sdk.show_proxy_configurations(ShowProxyConfigurationsRequest(**ids, name="multiStatementType"))
    assert one.total_count == 1 and one.configurations[0].value == "Loose"


def test_documented_rules_and_error_codes(sdk, emu, instance_id):
    nodes = emu.signed("GET", f"/v3/{PROJECT_ID}/instances/{instance_id}").json()["instance"]["nodes"]
    master = next(n["id"] for n in nodes if n["type"] == "master")
    bad = [
        (dict(flavor_ref="gaussdb.proxy.huge.x86.2"), "DBS.280288"),
        (dict(node_num=1), "DBS.05000089"),
        (dict(node_num=17), "DBS.05000089"),
        (dict(proxy_name="ab"), "DBS.05000076"),
        (dict(proxy_mode="writeonly"), "DBS.270026"),
        (dict(proxy_mode="readonly", route_mode=2), "DBS.05000093"),
        (dict(route_mode=1, nodes_read_weight=[NodesWeight(id=master, weight=1)]), "DBS.270025"),
        (dict(route_mode=0, nodes_read_weight=[NodesWeight(id=master, weight=1001)]), "DBS.270025"),
        (dict(new_node_auto_add_status="ON"), "DBS.05000078"),
    ]
    for body, code in bad:
        body = dict(dict(flavor_ref="gaussdb.proxy.large.x86.2", node_num=2), **body)
        status, error = error_of(lambda: sdk.create_gauss_my_sql_proxy(CreateGaussMySqlProxyRequest(
            instance_id=instance_id, body=OpenMysqlProxyRequestBody(**body))))
        assert (status, error) == (400, code), body
    assert proxies(sdk, instance_id) == []

    with emu.slow_clock(0.01):   # enabling lasts 3 s (0.9 s at the test scale): still running for the two calls below
        first = sdk.create_gauss_my_sql_proxy(CreateGaussMySqlProxyRequest(instance_id=instance_id, body=OpenMysqlProxyRequestBody(
            flavor_ref="gaussdb.proxy.large.x86.2", node_num=2, proxy_name="first-proxy")))
        assert proxies(sdk, instance_id)[0].proxy.status == "ENABLING PROXY"
        # The instance is busy while the proxy is being enabled.
        status, error = error_of(lambda: sdk.create_gauss_my_sql_proxy(CreateGaussMySqlProxyRequest(
            instance_id=instance_id, body=OpenMysqlProxyRequestBody(flavor_ref="gaussdb.proxy.large.x86.2", node_num=2))))
        assert (status, error) == (409, "DBS.200019")
    done(sdk, first)
    enable(sdk, instance_id, proxy_name="second-proxy")
    pid = proxies(sdk, instance_id)[0].proxy.pool_id
    ids = dict(instance_id=instance_id, proxy_id=pid)

    # Several proxies: the optional proxy id becomes required (DBS.270027).
    assert error_of(lambda: sdk.expand_gauss_my_sql_proxy(ExpandGaussMySqlProxyRequest(
        instance_id=instance_id, body=EnlargeProxyRequest(node_num=1)))) == (400, "DBS.270027")
    assert error_of(lambda: sdk.delete_gauss_my_sql_proxy(DeleteGaussMySqlProxyRequest(
        instance_id=instance_id, body=CloseMysqlProxyRequestBody()))) == (400, "DBS.270027")
    assert error_of(lambda: sdk.shrink_gauss_my_sql_proxy(ShrinkGaussMySqlProxyRequest(
        **ids, body=ShrinkGaussMySqlProxyRequestBody(node_num=1)))) == (400, "DBS.05000089")
    for port in (1024, 1033, 5343, 33071, 65535):
        assert error_of(lambda: sdk.update_proxy_port(UpdateProxyPortRequest(
            **ids, body=UpdateProxyPortRequestBody(port=port)))) == (400, "DBS.05000032"), port
    assert error_of(lambda: sdk.set_gauss_my_sql_proxy_weight(SetGaussMySqlProxyWeightRequest(
        **ids, body=TaurusModifyProxyWeightRequest(master_weight=1001)))) == (400, "DBS.270025")
    assert error_of(lambda: sdk.update_proxy_name(UpdateProxyNameRequest(
        **ids, body=ProxyUpdateProxyNameRequest(alias="1abc")))) == (400, "DBS.05000076")
    assert error_of(lambda: sdk.change_gauss_my_sql_proxy_specification(ChangeGaussMySqlProxySpecificationRequest(
        **ids, body=TaurusProxyScaleRequest(flavor_ref="gaussdb.proxy.large.x86.2")))) == (400, "DBS.05000091")
    assert error_of(lambda: sdk.create_access_control(CreateAccessControlRequest(**ids, body=CreateAccessControlRequestBody(
        type="white", ip_list=[AccessControlRule(ip="300.1.1.1")])))) == (400, "DBS.280001")
    assert error_of(lambda: sdk.update_proxy_new_configurations(UpdateProxyNewConfigurationsRequest(
        **ids, body=UpdateProxyNewConfigRequestBody(configurations=[
            UpdateProxyConfigurationItem(name="slowLogQueryTime", value="10", elem_type="system")])))) == \
        (400, "DBS.200461")
    assert error_of(lambda: sdk.update_proxy_new_configurations(UpdateProxyNewConfigurationsRequest(
        **ids, body=UpdateProxyNewConfigRequestBody(configurations=[
            UpdateProxyConfigurationItem(name="noSuchParameter", value="1", elem_type="system")])))) == \
        (400, "DBS.212012")
    assert error_of(lambda: sdk.show_proxy_ipgroup(ShowProxyIpgroupRequest(
        instance_id=instance_id, proxy_id="0" * 32 + "po01"))) == (400, "DBS.270024")

    # A proxy of another instance: DBS.05000022.
    other = emu.seed(gaussdb_instances=1, nodes_per_instance=2)["gaussdb_instances"][0]
    assert error_of(lambda: sdk.show_proxy_ipgroup(ShowProxyIpgroupRequest(instance_id=other, proxy_id=pid))) == \
        (400, "DBS.05000022")


def test_new_read_replicas_join_by_the_auto_add_setting(sdk, emu, instance_id):
    enable(sdk, instance_id, new_node_auto_add_status="ON", new_node_weight=70)
    added = emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{instance_id}/nodes/enlarge", {"priorities": [2]})
    assert added.status_code == 201
    assert wait_job(sdk, added.json()["job_id"]).status == "Completed"
    weights = sorted(n.weight for n in proxies(sdk, instance_id)[0].readonly_nodes)
    assert weights == [70, 100, 100]


def test_failed_jobs_change_nothing(sdk, emu, instance_id):
    emu.config(fail_jobs=[{"name": "OpenGaussDBforMySQLProxy", "count": 1},
                          {"name": "GaussDBforMySQLModifyProxyPort", "count": 1}])
    answer = sdk.create_gauss_my_sql_proxy(CreateGaussMySqlProxyRequest(instance_id=instance_id, body=OpenMysqlProxyRequestBody(
        flavor_ref="gaussdb.proxy.large.x86.2", node_num=2)))
    assert wait_job(sdk, answer.job_id).status == "Failed"
    failed = proxies(sdk, instance_id)[0].proxy
    assert failed.status == "FAILED"
    assert error_of(lambda: sdk.update_proxy_port(UpdateProxyPortRequest(
        instance_id=instance_id, proxy_id=failed.pool_id, body=UpdateProxyPortRequestBody(port=3308)))) == \
        (400, "DBS.05000091")
    done(sdk, sdk.delete_gauss_my_sql_proxy(DeleteGaussMySqlProxyRequest(instance_id=instance_id)))
    enable(sdk, instance_id)
    pid = proxies(sdk, instance_id)[0].proxy.pool_id
    answer = sdk.update_proxy_port(UpdateProxyPortRequest(
        instance_id=instance_id, proxy_id=pid, body=UpdateProxyPortRequestBody(port=3308)))
    assert wait_job(sdk, answer.job_id).status == "Failed"
    assert proxies(sdk, instance_id)[0].proxy.port == 3306


def test_kernel_upgrade_rules_busy_instance_and_failure(sdk, emu, instance_id):
    """4.7.15 upgrades from the current version (4.7.18) to a later one; the workflow locks the instance and a
    failed one leaves the version as it was."""
    enable(sdk, instance_id)
    pid = proxies(sdk, instance_id)[0].proxy.pool_id
    ids = dict(instance_id=instance_id, proxy_id=pid)

    def upgrade(source, target):
        return sdk.upgrade_proxy_version(UpgradeProxyVersionRequest(**ids, body=ProxyUpgradeProxyVersionRequest(
            source_version=source, target_version=target)))

    assert error_of(lambda: upgrade("2.24.03.000", "2.24.03.000"))[1] == "DBS.280001"   # not the current version
    assert error_of(lambda: upgrade("2.23.12.000", "2.23.12.000")) == (400, "DBS.05000008")
    assert error_of(lambda: upgrade("2.23.12.000", "2.99.01.000"))[1] == "DBS.280001"   # not offered
    emu.config(fail_jobs=[{"name": "GaussDBforMySQLUpgradeProxyVersion", "count": 1}])
    [failed] = upgrade("2.23.12.000", "2.24.03.000").update_result
    assert failed.instance_id == instance_id
    assert wait_job(sdk, failed.workflow_id).status == "Failed"
    assert sdk.show_proxy_version(ShowProxyVersionRequest(**ids, engine_name="taurusproxy")).current_version == "2.23.12.000"
    with emu.slow_clock(0.01):   # the upgrade lasts 3 s (0.9 s at the test scale): still running for the calls below
        [accepted] = upgrade("2.23.12.000", "2.24.03.000").update_result
        # The upgrade keeps the instance busy; the proxy stays ACTIVE (4.7.3 has no upgrading status).
        assert error_of(lambda: upgrade("2.23.12.000", "2.24.03.000")) == (409, "DBS.200019")
        assert proxies(sdk, instance_id)[0].proxy.status == "ACTIVE"
    assert wait_job(sdk, accepted.workflow_id).status == "Completed"
    assert sdk.show_proxy_version(ShowProxyVersionRequest(**ids, engine_name="taurusproxy")).current_version == "2.24.03.000"
