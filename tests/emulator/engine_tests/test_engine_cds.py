"""Capital Online (CDS) MySQL with --engine mariadb: accounts, privileges, read-only and temporary instances,
backups and their files, rollback, in real MariaDB servers."""
import gzip
import re
import time

import pymysql
import pytest
import requests

from tests.emulator.cds.views import fmt
from tests.emulator.engine_tests.conftest import cds, eventually, sql
from tests.emulator.tests.test_emulator_cds import create, status_of

BOSS = ("boss", "Boss12345678")


def running_instance(emu, name):
    uuid = create(emu, name)
    assert eventually(lambda: status_of(emu, uuid) == "RUNNING")
    inst = cds(emu, "GET", "DescribeDBInstances", InstanceUuid=uuid)["Data"][0]
    return uuid, inst["IP"], inst["Port"]


def account(emu, uuid, name, password, kind):
    body = {"InstanceUuid": uuid, "AccountName": name, "Password": password, "AccountType": kind}
    cds(emu, "POST", "CreatePrivilegedAccount", body=body)
    assert eventually(lambda: all(a["AccountStatus"] == "available"
                                  for a in cds(emu, "GET", "DescribeDBAccount", InstanceUuid=uuid)["Data"]))


def test_accounts_and_privileges_are_real(emu):
    uuid, ip, port = running_instance(emu, "cds-accounts")
    account(emu, uuid, *BOSS, "Super")
    assert sql(ip, port, "SHOW GRANTS", *BOSS)[0][0].startswith("GRANT ALL PRIVILEGES ON *.* TO `boss`@`%`")
    sql(ip, port, "CREATE DATABASE shop", *BOSS)
    sql(ip, port, "CREATE TABLE shop.t (a INT)", *BOSS)
    account(emu, uuid, "reader", "Read12345678", "Normal")
    account(emu, uuid, "writer", "Write12345678", "Normal")
    for name, kind in (("reader", "ReadOnly"), ("writer", "ReadWrite")):
        cds(emu, "POST", "ModifyDbPrivilege", body={"InstanceUuid": uuid, "AccountName": name,
                                                    "Operations": [{"DBName": "shop", "Privilege": kind}]})
    assert [g[0] for g in sql(ip, port, "SHOW GRANTS", "reader", "Read12345678")[1:]] == \
        ["GRANT SELECT, LOCK TABLES, SHOW VIEW ON `shop`.* TO `reader`@`%`"]
    sql(ip, port, "INSERT INTO shop.t VALUES (1)", "writer", "Write12345678")
    with pytest.raises(pymysql.err.OperationalError) as denied:
        sql(ip, port, "INSERT INTO shop.t VALUES (2)", "reader", "Read12345678")
    assert denied.value.args[0] == 1142
    with pytest.raises(pymysql.err.OperationalError) as refused:
        sql(ip, port, "SELECT 1", "reader", "Wrong12345678")
    assert refused.value.args[0] == 1045

    sql(ip, port, "CREATE USER sqlmade@'%' IDENTIFIED BY 'Sql12345678'", *BOSS)
    sql(ip, port, "GRANT SELECT, LOCK TABLES, SHOW VIEW ON shop.* TO sqlmade@'%'", *BOSS)
    listed = {a["AccountName"]: a for a in cds(emu, "GET", "DescribeDBAccount", InstanceUuid=uuid)["Data"]}
    assert listed["boss"]["AccountType"] == "Super"
    assert [(p["DBName"], p["AccountPrivilegeType"]) for p in listed["sqlmade"]["DatabasePrivileges"]] == [("shop", "ReadOnly")]
    assert [(p["DBName"], p["AccountPrivilegeType"]) for p in listed["writer"]["DatabasePrivileges"]] == [("shop", "ReadWrite")]

    cds(emu, "POST", "DeleteDbPrivilege", body={"InstanceUuid": uuid, "AccountName": "writer", "DBNames": ["shop"]})
    with pytest.raises(pymysql.err.OperationalError):
        sql(ip, port, "INSERT INTO shop.t VALUES (3)", "writer", "Write12345678")
    cds(emu, "POST", "DeleteDBAccount", body={"InstanceUuid": uuid, "AccountName": "writer"})
    with pytest.raises(pymysql.err.OperationalError):
        sql(ip, port, "SELECT 1", "writer", "Write12345678")


def test_readonly_backup_download_rollback_and_temporary_instance(emu):
    uuid, ip, port = running_instance(emu, "cds-backups")
    account(emu, uuid, *BOSS, "Super")
    sql(ip, port, "CREATE DATABASE shop", *BOSS)
    sql(ip, port, "CREATE TABLE shop.t (a INT PRIMARY KEY)", *BOSS)
    sql(ip, port, "INSERT INTO shop.t VALUES (1)", *BOSS)

    goods = cds(emu, "GET", "DescribeAvailableReadOnlyConfig", InstanceUuid=uuid)["Data"]
    goods_id = goods["ComputeRoles"][0]["Standards"]["CpuRam"][1]["PaasGoodsId"]
    body = {"InstanceUuid": uuid, "InstanceName": "ro", "PaasGoodsId": goods_id, "DiskType": "ssd_disk", "DiskValue": 100}
    cds(emu, "POST", "CreateReadOnlyDBInstance", body=body)
    ro = eventually(lambda: [r for r in cds(emu, "GET", "DescribeDBInstances", InstanceUuid=uuid)["Data"][0]["RoGroups"]
                             if r["Status"] == "RUNNING"])[0]
    assert sql(ro["Ip"], ro["Port"], "SELECT a FROM shop.t", *BOSS) == ((1,),)

    cds(emu, "POST", "CreateBackup", body={"InstanceUuid": uuid, "BackupType": "logical-backup"})
    backup = eventually(lambda: [b for b in cds(emu, "GET", "DescribeBackups", InstanceUuid=uuid)["Data"]
                                 if b["Status"] == "finished"])[0]
    urls = cds(emu, "GET", "DownloadBackup", InstanceUuid=uuid, BackupId=backup["BackupId"])["Data"]
    resp = requests.get(urls["BackupDownloadUrl"], verify=emu.ca, timeout=30)
    assert resp.status_code == 200 and len(resp.content) == backup["BackupSize"]
    dump = gzip.decompress(resp.content).decode()
    assert "CREATE TABLE `t`" in dump and re.search(r"INSERT IGNORE INTO `t` VALUES\s*\(1\);", dump)
    assert "CREATE USER IF NOT EXISTS `boss`@`%`" in dump

    time.sleep(1.1)                      # the binary log counts in seconds
    sql(ip, port, "INSERT INTO shop.t VALUES (2)", *BOSS)
    time.sleep(1.1)
    between = fmt(time.time())
    time.sleep(1.1)
    sql(ip, port, "INSERT INTO shop.t VALUES (3)", *BOSS)
    assert eventually(lambda: sql(ro["Ip"], ro["Port"], "SELECT COUNT(*) FROM shop.t", *BOSS) == ((3,),))

    body = {"InstanceUuid": uuid, "SelectTime": between, "TemporaryInstanceName": "tmp"}
    cds(emu, "POST", "StartBatchRollbackToTemporaryDBInstance", body=body)
    tmp = eventually(lambda: [t for t in cds(emu, "GET", "DescribeTemporaryDBInstances", InstanceUuid=uuid)["Data"]
                              if t["Status"] == "RUNNING"])[0]
    assert sql(tmp["Ip"], tmp["Port"], "SELECT a FROM shop.t ORDER BY a", *BOSS) == ((1,), (2,))

    sql(ip, port, "DROP TABLE shop.t", *BOSS)
    cds(emu, "POST", "StartBatchRollback", body={"InstanceUuid": uuid, "BackupId": backup["BackupId"]})
    assert eventually(lambda: status_of(emu, uuid) == "RUNNING")
    assert sql(ip, port, "SELECT a FROM shop.t", *BOSS) == ((1,),)
    assert eventually(lambda: sql(ro["Ip"], ro["Port"], "SELECT a FROM shop.t", *BOSS) == ((1,),))

    cds(emu, "POST", "DeleteDBInstance", body={"InstanceUuid": uuid})
    assert eventually(lambda: status_of(emu, uuid) is None)
    for host, at in ((ip, port), (ro["Ip"], ro["Port"]), (tmp["Ip"], tmp["Port"])):
        with pytest.raises(pymysql.err.OperationalError) as gone:
            sql(host, at, "SELECT 1", *BOSS)
        assert gone.value.args[0] == 2003
