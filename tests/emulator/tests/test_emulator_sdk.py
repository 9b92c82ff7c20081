"""The official huaweicloudsdkgaussdb client, unchanged, against the emulator over verified TLS."""
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkgaussdb.v3 import (
    CreateGaussMySqlInstanceRequest, CreateGaussMySqlReadonlyNodeRequest, DeleteGaussMySqlInstanceRequest,
    GaussDBClient, ListGaussMySqlInstanceDetailInfoRequest, ListGaussMySqlInstanceDetailInfoUnifyStatusRequest,
    ListGaussMySqlInstancesUnifyStatusRequest, ListImmediateJobsRequest, MysqlBackupStrategy,
    MysqlChargeInfo, MysqlCreateReadonlyNodeRequest, MysqlDatastoreInReq, MysqlInstanceRequest, MysqlTags,
    MysqlUpdateInstanceNameRequest, ShowGaussMySqlEngineVersionRequest, ShowGaussMySqlFlavorsRequest,
    ShowGaussMySqlInstanceInfoRequest, ShowGaussMySqlInstanceInfoUnifyStatusRequest, UpdateGaussMySqlInstanceNameRequest)

from conftest import AK, PROJECT_ID, wait_job

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the old v3 calls are deprecated


def create_body(name, **extra):
    body = MysqlInstanceRequest(
        region="cn-north-4", name=name, datastore=MysqlDatastoreInReq(type="gaussdb-mysql", version="8.0"),
        mode="Cluster", flavor_ref="gaussdb.mysql.xlarge.x86.4", vpc_id="3cedfc54-b105-4652-a4e0-847b11576b58",
        subnet_id="c1cfa53c-65d3-431e-8552-326bf310c7ad", password="Test_pass123", availability_zone_mode="single",
        slave_count=1, backup_strategy=MysqlBackupStrategy(start_time="08:00-09:00", keep_days="7"),
        tags=[MysqlTags(key="env", value="test")])
    for key, value in extra.items():
        setattr(body, key, value)
    return CreateGaussMySqlInstanceRequest(body=body)


def test_versions_and_flavors(sdk):
    versions = sdk.show_gauss_my_sql_engine_version(ShowGaussMySqlEngineVersionRequest(database_name="gaussdb-mysql"))
    assert versions.datastores[0].name == "8.0" and versions.datastores[-1].kernel_version
    flavors = sdk.show_gauss_my_sql_flavors(ShowGaussMySqlFlavorsRequest(
        database_name="gaussdb-mysql", availability_zone_mode="single"))
    codes = {f.spec_code: f for f in flavors.flavors}
    for code in ("gaussdb.mysql.xlarge.x86.4", "gaussdb.mysql.2xlarge.x86.4", "gaussdb.mysql.large.x86.4"):
        assert code in codes
    xlarge = codes["gaussdb.mysql.xlarge.x86.4"]
    assert (xlarge.vcpus, xlarge.ram, xlarge.type, xlarge.instance_mode) == ("4", "16", "x86", "Cluster")
    assert xlarge.az_status["cn-north-4a"] == "normal"


def test_instance_lifecycle(sdk, emu):
    created = sdk.create_gauss_my_sql_instance(create_body("sdk-lifecycle"))
    assert created.instance.status == "BUILD" and created.instance.id.endswith("in07")
    assert created.job_id and created.order_id is None
    iid = created.instance.id
    show = sdk.show_gauss_my_sql_instance_info_unify_status(ShowGaussMySqlInstanceInfoUnifyStatusRequest(instance_id=iid))
    assert show.instance.status == "creating"
    job = wait_job(sdk, created.job_id)
    assert job.status == "Completed" and job.name == "CreateGaussDBforMySQLInstance"
    assert job.instance.id == iid

    show = sdk.show_gauss_my_sql_instance_info_unify_status(
        ShowGaussMySqlInstanceInfoUnifyStatusRequest(instance_id=iid)).instance
    assert show.status == "normal" and show.node_count == 2 and show.port == "3306"
    assert {n.type for n in show.nodes} == {"master", "slave"}
    assert all(n.id.endswith("no07") and n.private_read_ips for n in show.nodes)
    assert show.tags[0].key == "env" and show.backup_strategy.start_time == "08:00-09:00"
    old = sdk.show_gauss_my_sql_instance_info(ShowGaussMySqlInstanceInfoRequest(instance_id=iid)).instance
    assert old.status == "ACTIVE"

    listed = sdk.list_gauss_my_sql_instances_unify_status(ListGaussMySqlInstancesUnifyStatusRequest(name="sdk-lifecycle"))
    assert listed.total_count == 1 and listed.instances[0].flavor_info.vcpus == "4"

    added = sdk.create_gauss_my_sql_readonly_node(CreateGaussMySqlReadonlyNodeRequest(
        instance_id=iid, body=MysqlCreateReadonlyNodeRequest(priorities=[1, 2])))
    assert added.instance_id == iid and len(added.node_names) == 2
    assert wait_job(sdk, added.job_id).status == "Completed"

    renamed = sdk.update_gauss_my_sql_instance_name(UpdateGaussMySqlInstanceNameRequest(
        instance_id=iid, body=MysqlUpdateInstanceNameRequest(name="sdk-renamed")))
    assert wait_job(sdk, renamed.job_id).status == "Completed"

    batch = sdk.list_gauss_my_sql_instance_detail_info_unify_status(
        ListGaussMySqlInstanceDetailInfoUnifyStatusRequest(instance_ids=iid))
    detail = batch.instances[0]
    assert detail.name == "sdk-renamed" and detail.node_count == 4
    assert all(n.name.startswith("sdk-renamed_node") for n in detail.nodes)
    old_batch = sdk.list_gauss_my_sql_instance_detail_info(ListGaussMySqlInstanceDetailInfoRequest(instance_ids=iid))
    assert old_batch.instances[0].status == "ACTIVE"

    deleted = sdk.delete_gauss_my_sql_instance(DeleteGaussMySqlInstanceRequest(instance_id=iid))
    assert wait_job(sdk, deleted.job_id).status == "Completed"
    with pytest.raises(ClientRequestException) as err:
        sdk.show_gauss_my_sql_instance_info_unify_status(ShowGaussMySqlInstanceInfoUnifyStatusRequest(instance_id=iid))
    assert err.value.status_code == 404 and err.value.error_code == "DBS.201028"
    assert err.value.request_id  # from the X-Request-Id header

    jobs = sdk.list_immediate_jobs(ListImmediateJobsRequest(limit="50"))
    names = {j.job_name for j in jobs.jobs}
    assert {"CreateGaussDBforMySQLInstance", "AddGaussDBforMySQLNodes", "RenameGaussDBforMySQLInstance",
            "DeleteGaussDBforMySQLInstance"} <= names
    stats = emu.stats()
    assert stats["by_route"]["POST /v3/{project_id}/instances"] == 1
    assert stats["by_route"]["GET /v3/{project_id}/jobs"] >= 4


def test_prepaid_create_answers_an_order(sdk):
    created = sdk.create_gauss_my_sql_instance(create_body(
        "sdk-prepaid", charge_info=MysqlChargeInfo(charge_mode="prePaid", period_type="month", period_num=1,
                                                   is_auto_pay="true"),
        volume={"size": "40"}))
    assert created.order_id and created.job_id is None
    assert created.instance.volume.size == 40


def test_wrong_secret_key_is_refused(emu):
    config = HttpConfig.get_default_config()
    config.ssl_ca_cert = emu.ca
    client = GaussDBClient.new_builder().with_http_config(config) \
        .with_credentials(BasicCredentials(AK, "not-the-secret", PROJECT_ID)).with_endpoints([emu.url]).build()
    with pytest.raises(ClientRequestException) as err:
        client.list_gauss_my_sql_instances_unify_status(ListGaussMySqlInstancesUnifyStatusRequest())
    assert err.value.status_code == 401 and err.value.error_code == "APIGW.0301"
    assert "verify aksk signature fail" in err.value.error_msg
