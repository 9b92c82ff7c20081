"""Databases, accounts and grants (seed 002 4.10, 4.11) through the official huaweicloudsdkgaussdb client."""
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    AddDatabasePermissionRequest, CreateDatabaseList, CreateDatabaseUserList, CreateDatabaseUserRequest,
    CreateGaussMySqlDatabase, CreateGaussMySqlDatabaseRequest, CreateGaussMySqlDatabaseRequestBody,
    CreateGaussMySqlDatabaseUserRequest, DatabasePermission, DeleteDatabasePermission, DeleteDatabasePermissionRequest,
    DeleteDatabasePermissionRequestBody, DeleteGaussMySqlDatabaseRequest, DeleteGaussMySqlDatabaseRequestBody,
    DeleteGaussMySqlDatabaseUserRequest, DeleteDatabaseUserRequest, GaussMySqlDatabaseUser, GrantDatabasePermission,
    GrantDatabasePermissionRequestBody, ListDeleteDatabaseUserRequest, ListGaussMySqlDatabaseCharsetsRequest,
    ListGaussMySqlDatabaseRequest, ListGaussMySqlDatabaseUserRequest, ResetDatabasePassword,
    ResetDatabasePasswordRequest, ResetGaussMySqlDatabasePasswordRequest,
    UpdateDatabaseComment, UpdateDatabaseCommentRequest, UpdateDatabaseUserComment, UpdateDatabaseUserCommentRequest,
    UpdateGaussMySqlDatabaseCommentRequest, UpdateGaussMySqlDatabaseUserCommentRequest)

from conftest import PROJECT_ID, wait_job


@pytest.fixture()
def instance_id(emu):
    return emu.seed(gaussdb_instances=1, nodes_per_instance=1)["gaussdb_instances"][0]


def create_db(sdk, instance_id, name, charset="utf8mb4", comment=None, users=None):
    body = CreateGaussMySqlDatabaseRequestBody(databases=[CreateGaussMySqlDatabase(
        name=name, character_set=charset, comment=comment, users=users)])
    return sdk.create_gauss_my_sql_database(CreateGaussMySqlDatabaseRequest(instance_id=instance_id, body=body))


def create_user(sdk, instance_id, name, password="Rds_1234", hosts=None, comment=None, databases=None):
    body = CreateDatabaseUserRequest(users=[CreateDatabaseUserList(
        name=name, password=password, hosts=hosts, comment=comment, databases=databases)])
    return sdk.create_gauss_my_sql_database_user(CreateGaussMySqlDatabaseUserRequest(instance_id=instance_id, body=body))


def users_of(sdk, instance_id):
    listed = sdk.list_gauss_my_sql_database_user(ListGaussMySqlDatabaseUserRequest(instance_id=instance_id))
    return {(u.name, u.host): u for u in listed.users}


def databases_of(sdk, instance_id, **query):
    listed = sdk.list_gauss_my_sql_database(ListGaussMySqlDatabaseRequest(instance_id=instance_id, **query))
    return {d.name: d for d in listed.databases}


def test_databases_users_and_grants_round_trip(sdk, instance_id):
    charsets = sdk.list_gauss_my_sql_database_charsets(ListGaussMySqlDatabaseCharsetsRequest(instance_id=instance_id))
    assert {"utf8mb4", "gbk"} <= set(charsets.charsets)

    created = create_db(sdk, instance_id, "test", comment="database_comment")
    assert created.status_code == 201 and wait_job(sdk, created.job_id).status == "Completed"
    create_db(sdk, instance_id, "other-db", charset="gbk")

    user = create_user(sdk, instance_id, "gaussdb_mysql_user1", hosts=["127.0.0.1", "10.10.10.%"],
                       comment="database_user_comment", databases=[CreateDatabaseList(name="test", readonly=False)])
    assert user.status_code == 201 and wait_job(sdk, user.job_id).status == "Completed"
    users = users_of(sdk, instance_id)
    assert set(users) == {("gaussdb_mysql_user1", "127.0.0.1"), ("gaussdb_mysql_user1", "10.10.10.%")}
    first = users[("gaussdb_mysql_user1", "127.0.0.1")]
    assert first.comment == "database_user_comment"
    assert [(d.name, d.readonly) for d in first.databases] == [("test", False)]

    grant = sdk.add_database_permission(AddDatabasePermissionRequest(
        instance_id=instance_id, body=GrantDatabasePermissionRequestBody(users=[GrantDatabasePermission(
            name="gaussdb_mysql_user1", host="127.0.0.1",
            databases=[DatabasePermission(name="other-db", readonly=True), DatabasePermission(name="test",
                                                                                              readonly=True)])])))
    assert grant.status_code == 201 and wait_job(sdk, grant.job_id).status == "Completed"
    first = users_of(sdk, instance_id)[("gaussdb_mysql_user1", "127.0.0.1")]
    assert sorted((d.name, d.readonly) for d in first.databases) == [("other-db", True), ("test", True)]

    dbs = databases_of(sdk, instance_id)
    assert (dbs["test"].charset, dbs["test"].comment) == ("utf8mb4", "database_comment")
    assert sorted((u.name, u.host, u.readonly) for u in dbs["test"].users) == [
        ("gaussdb_mysql_user1", "10.10.10.%", False), ("gaussdb_mysql_user1", "127.0.0.1", True)]
    assert set(databases_of(sdk, instance_id, charset="gbk")) == {"other-db"}
    assert set(databases_of(sdk, instance_id, name="test")) == {"test"}

    revoke = sdk.delete_database_permission(DeleteDatabasePermissionRequest(
        instance_id=instance_id, body=DeleteDatabasePermissionRequestBody(users=[DeleteDatabasePermission(
            name="gaussdb_mysql_user1", host="127.0.0.1", databases=["test"])])))
    assert revoke.status_code == 202 and wait_job(sdk, revoke.job_id).status == "Completed"
    first = users_of(sdk, instance_id)[("gaussdb_mysql_user1", "127.0.0.1")]
    assert [(d.name, d.readonly) for d in first.databases] == [("other-db", True)]


def test_comments_password_and_deletes(sdk, instance_id):
    create_db(sdk, instance_id, "test")
    create_user(sdk, instance_id, "app", hosts=["%"], databases=[CreateDatabaseList(name="test", readonly=True)])

    changed = sdk.update_gauss_my_sql_database_comment(UpdateGaussMySqlDatabaseCommentRequest(
        instance_id=instance_id, body=UpdateDatabaseCommentRequest(
            databases=[UpdateDatabaseComment(name="test", comment="first_database")])))
    assert changed.status_code == 202 and wait_job(sdk, changed.job_id).status == "Completed"
    assert databases_of(sdk, instance_id)["test"].comment == "first_database"

    changed = sdk.update_gauss_my_sql_database_user_comment(UpdateGaussMySqlDatabaseUserCommentRequest(
        instance_id=instance_id, body=UpdateDatabaseUserCommentRequest(
            users=[UpdateDatabaseUserComment(name="app", host="%", comment="first_database_user")])))
    assert changed.status_code == 202
    assert users_of(sdk, instance_id)[("app", "%")].comment == "first_database_user"

    reset = sdk.reset_gauss_my_sql_database_password(ResetGaussMySqlDatabasePasswordRequest(
        instance_id=instance_id, body=ResetDatabasePasswordRequest(
            users=[ResetDatabasePassword(name="app", host="%", password="New_pass123")])))
    assert reset.status_code == 202 and wait_job(sdk, reset.job_id).status == "Completed"

    deleted = sdk.delete_gauss_my_sql_database(DeleteGaussMySqlDatabaseRequest(
        instance_id=instance_id, body=DeleteGaussMySqlDatabaseRequestBody(databases=["test"])))
    assert deleted.status_code == 202 and wait_job(sdk, deleted.job_id).status == "Completed"
    assert databases_of(sdk, instance_id) == {}
    assert users_of(sdk, instance_id)[("app", "%")].databases == []  # the grant went with the database

    deleted = sdk.delete_gauss_my_sql_database_user(DeleteGaussMySqlDatabaseUserRequest(
        instance_id=instance_id, body=DeleteDatabaseUserRequest(users=[ListDeleteDatabaseUserRequest(
            name="app", host="%")])))
    assert deleted.status_code == 202 and wait_job(sdk, deleted.job_id).status == "Completed"
    assert users_of(sdk, instance_id) == {}


def test_creating_a_database_with_its_grants(sdk, instance_id):
    create_user(sdk, instance_id, "reader", hosts=["10.0.0.%"])
    create_db(sdk, instance_id, "granted", users=[GaussMySqlDatabaseUser(name="reader", host="10.0.0.%",
                                                                        readonly=True)])
    reader = users_of(sdk, instance_id)[("reader", "10.0.0.%")]
    assert [(d.name, d.readonly) for d in reader.databases] == [("granted", True)]


def expect_error(call, status, code):
    with pytest.raises(ClientRequestException) as caught:
        call()
    assert (caught.value.status_code, caught.value.error_code) == (status, code), caught.value.error_msg
    return caught.value


def test_documented_errors(sdk, instance_id):
    create_db(sdk, instance_id, "test")
    create_user(sdk, instance_id, "app", hosts=["%"])
    expect_error(lambda: create_db(sdk, instance_id, "test"), 409, "DBS.200826")
    expect_error(lambda: create_db(sdk, instance_id, "x", charset="koi8r"), 400, "DBS.05000037")
    expect_error(lambda: create_db(sdk, instance_id, "bad.name"), 400, "DBS.280001")
    expect_error(lambda: create_db(sdk, instance_id, "a-b-c-d-e-f-g-h-i-j-k-l"), 400, "DBS.280001")
    expect_error(lambda: create_db(sdk, instance_id, "c", comment="a<b"), 400, "DBS.280001")
    expect_error(lambda: create_user(sdk, instance_id, "app", hosts=["%"]), 409, "DBS.05000097")
    expect_error(lambda: create_user(sdk, instance_id, "root"), 409, "DBS.200828")
    expect_error(lambda: create_user(sdk, instance_id, "u2", password="u2"), 400, "DBS.05000006")
    expect_error(lambda: create_user(sdk, instance_id, "Abc_12345", password="54321_cbA"), 400, "DBS.05000007")
    expect_error(lambda: create_user(sdk, instance_id, "u3", password="abcdefgh"), 400, "DBS.280001")
    expect_error(lambda: create_user(sdk, instance_id, "u4", hosts=["10.0.0.1, 10.0.0.2"]), 400, "DBS.280001")
    expect_error(lambda: create_user(sdk, instance_id, "u5", databases=[CreateDatabaseList(name="nope",
                                                                                           readonly=True)]),
                 400, "DBS.200823")
    grant_missing_user = AddDatabasePermissionRequest(instance_id=instance_id, body=GrantDatabasePermissionRequestBody(
        users=[GrantDatabasePermission(name="ghost", host="%", databases=[DatabasePermission(name="test",
                                                                                              readonly=True)])]))
    expect_error(lambda: sdk.add_database_permission(grant_missing_user), 400, "DBS.200824")
    delete_missing = DeleteGaussMySqlDatabaseRequest(instance_id=instance_id,
                                                     body=DeleteGaussMySqlDatabaseRequestBody(databases=["nope"]))
    expect_error(lambda: sdk.delete_gauss_my_sql_database(delete_missing), 400, "DBS.200823")
    empty = DeleteGaussMySqlDatabaseRequest(instance_id=instance_id,
                                            body=DeleteGaussMySqlDatabaseRequestBody(databases=[]))
    expect_error(lambda: sdk.delete_gauss_my_sql_database(empty), 400, "DBS.05000018")
    too_many = CreateGaussMySqlDatabaseRequestBody(databases=[CreateGaussMySqlDatabase(
        name=f"db{i}", character_set="utf8mb4") for i in range(51)])
    expect_error(lambda: sdk.create_gauss_my_sql_database(CreateGaussMySqlDatabaseRequest(
        instance_id=instance_id, body=too_many)), 400, "DBS.280001")
    expect_error(lambda: sdk.list_gauss_my_sql_database(ListGaussMySqlDatabaseRequest(
        instance_id="0" * 32 + "in07")), 404, "DBS.201028")
    # Nothing of the refused requests was applied.
    assert set(databases_of(sdk, instance_id)) == {"test"}
    assert set(users_of(sdk, instance_id)) == {("app", "%")}


def test_paging_and_busy_instance(emu, sdk, instance_id):
    for i in range(3):
        create_db(sdk, instance_id, f"db{i}")
    page = sdk.list_gauss_my_sql_database(ListGaussMySqlDatabaseRequest(instance_id=instance_id, offset=1, limit=1))
    assert page.total_count == 3 and [d.name for d in page.databases] == ["db1"]
    expect_error(lambda: sdk.list_gauss_my_sql_database(ListGaussMySqlDatabaseRequest(
        instance_id=instance_id, limit=101)), 400, "DBS.280439")
    # A reboot makes the instance busy: changes are refused with the documented 409 until it is over.
    emu.config(time_scale=0.05)   # a 3 s reboot (0.18 s at the test scale): the create below must meet it
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{instance_id}/restart", {})
    assert resp.status_code in (200, 201, 202), resp.text
    expect_error(lambda: create_db(sdk, instance_id, "during-reboot"), 409, "DBS.200019")
    emu.wait_job(resp.json()["job_id"])
    assert create_db(sdk, instance_id, "after-reboot").status_code == 201


def test_a_failed_job_undoes_the_change(emu, sdk, instance_id):
    create_db(sdk, instance_id, "kept")
    emu.config(fail_jobs=[{"name": "CreateGaussDBforMySQLDatabase", "count": 1}])
    job = create_db(sdk, instance_id, "doomed").job_id
    assert wait_job(sdk, job).status == "Failed"
    assert set(databases_of(sdk, instance_id)) == {"kept"}


def test_a_data_job_ending_during_a_reboot_leaves_the_instance_rebooting(emu, sdk, instance_id):
    # Data jobs do not lock the instance; when one ends it must not end someone else's reboot.
    emu.config(time_scale=0.05)  # data job 0.15 s, reboot 3 s: the read below comes after the one, during the other
    create_db(sdk, instance_id, "quick")
    resp = emu.signed("POST", f"/v3/{PROJECT_ID}/instances/{instance_id}/restart", {})
    time.sleep(0.3)
    shown = emu.signed("GET", f"/v3/{PROJECT_ID}/instances/{instance_id}").json()["instance"]
    assert shown["status"] == "REBOOTING"
    emu.wait_job(resp.json()["job_id"])
