"""GaussDB(for MySQL) with --engine mariadb: what the API says is true in real MariaDB servers."""
import ipaddress
import time

import pymysql
import pytest

from tests.emulator.engine_tests.conftest import connect, eventually, gaussdb_call, gaussdb_detail, gaussdb_job, sql
from tests.emulator.tests.conftest import PROJECT_ID


def addresses(detail):
    """(write address, [read address of each replica]) and the port."""
    replicas = [n["private_read_ips"][0] for n in detail["nodes"] if n["type"] == "slave"]
    return detail["private_write_ips"][0], replicas, int(detail["port"])


def new_instance(emu, name, replicas=1, **extra):
    instance_id = emu.create_instance(name, slave_count=replicas, **extra)["instance"]["id"]
    return instance_id, gaussdb_detail(emu, instance_id)


def test_every_node_is_a_server_on_its_own_loopback_address(emu):
    instance_id, detail = new_instance(emu, "eng-nodes", replicas=2)
    write, replicas, port = addresses(detail)
    ips = [write] + [n["private_read_ips"][0] for n in detail["nodes"]]
    assert len(set(ips)) == 4 and all(ipaddress.ip_address(ip).is_loopback and ip != "127.0.0.1" for ip in ips)
    primary_ip = [n["private_read_ips"][0] for n in detail["nodes"] if n["type"] == "master"][0]
    assert sql(write, port, "SELECT @@server_id") == sql(primary_ip, port, "SELECT @@server_id")
    with pytest.raises(pymysql.err.OperationalError) as refused:
        sql(write, port, "SELECT 1", password="Wrong_pass123")
    assert refused.value.args[0] == 1045
    sql(write, port, "CREATE DATABASE shop")
    sql(write, port, "CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(20))")
    sql(write, port, "INSERT INTO shop.orders VALUES (1, 'tea')")
    for replica in replicas:
        assert eventually(lambda r=replica: sql(r, port, "SELECT item FROM shop.orders")) == (("tea",),)
        assert sql(replica, port, "SELECT @@read_only") == ((1,),)
    assert sql(write, port, "SELECT @@read_only") == ((0,),)


def test_accounts_databases_and_grants_are_real(emu):
    instance_id, detail = new_instance(emu, "eng-data")
    write, replicas, port = addresses(detail)
    base = f"/instances/{instance_id}"
    gaussdb_job(emu, "POST", base + "/databases", {"databases": [
        {"name": "shop", "character_set": "utf8mb4", "comment": "orders"},
        {"name": "web_log", "character_set": "utf8mb4"}]})
    gaussdb_job(emu, "POST", base + "/db-users", {"users": [
        {"name": "writer", "password": "Writer_pass1", "hosts": ["%"], "databases": [{"name": "shop", "readonly": False}]},
        {"name": "reader", "password": "Reader_pass1", "hosts": ["%"], "databases": [{"name": "shop", "readonly": True}]}]})
    assert sql(write, port, "SELECT SCHEMA_COMMENT FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'shop'") == \
        (("orders",),)
    grants = {u: [g[0] for g in sql(write, port, "SHOW GRANTS", u, p)[1:]]
              for u, p in (("writer", "Writer_pass1"), ("reader", "Reader_pass1"))}
    assert grants == {"writer": ["GRANT ALL PRIVILEGES ON `shop`.* TO `writer`@`%`"],
                      "reader": ["GRANT SELECT ON `shop`.* TO `reader`@`%`"]}
    sql(write, port, "CREATE TABLE shop.t (a INT)", "writer", "Writer_pass1")
    sql(write, port, "INSERT INTO shop.t VALUES (1)", "writer", "Writer_pass1")
    assert sql(write, port, "SELECT a FROM shop.t", "reader", "Reader_pass1") == ((1,),)
    with pytest.raises(pymysql.err.OperationalError) as denied:
        sql(write, port, "INSERT INTO shop.t VALUES (2)", "reader", "Reader_pass1")
    assert denied.value.args[0] == 1142
    with pytest.raises(pymysql.err.OperationalError) as no_access:   # the grant is on shop only, not web_log
        sql(write, port, "CREATE TABLE web_log.t (a INT)", "writer", "Writer_pass1")
    assert no_access.value.args[0] == 1142
    assert eventually(lambda: sql(replicas[0], port, "SELECT a FROM shop.t", "reader", "Reader_pass1")) == ((1,),)

    # Made over SQL: listed by the API as the cloud would.
    sql(write, port, "CREATE DATABASE made_by_sql")
    sql(write, port, "CREATE USER sqluser@'10.0.0.%' IDENTIFIED BY 'Sql_user_pass1'")
    sql(write, port, "GRANT SELECT ON made_by_sql.* TO sqluser@'10.0.0.%'")
    users = {(u["name"], u["host"]): u["databases"] for u in gaussdb_call(emu, "GET", base + "/db-users")["users"]}
    assert users[("sqluser", "10.0.0.%")] == [{"name": "made_by_sql", "readonly": True}]
    assert users[("reader", "%")] == [{"name": "shop", "readonly": True}]
    assert "root" not in {name for name, _ in users}
    databases = {d["name"] for d in gaussdb_call(emu, "GET", base + "/databases")["databases"]}
    assert databases == {"shop", "web_log", "made_by_sql"}
    answer = emu.signed("POST", f"/v3/{PROJECT_ID}{base}/databases",
                        {"databases": [{"name": "made_by_sql", "character_set": "utf8mb4"}]})
    assert answer.status_code == 409 and answer.json()["error_code"] == "DBS.200826"

    # Changes: read-only flip, password, revoke, delete.
    gaussdb_job(emu, "POST", base + "/db-users/privilege", {"users": [
        {"name": "reader", "host": "%", "databases": [{"name": "shop", "readonly": False}]}]})
    assert [g[0] for g in sql(write, port, "SHOW GRANTS FOR reader@'%'")[1:]] == \
        ["GRANT ALL PRIVILEGES ON `shop`.* TO `reader`@`%`"]
    gaussdb_job(emu, "PUT", base + "/db-users/password", {"users": [
        {"name": "reader", "host": "%", "password": "Reader_new_pass2"}]})
    with pytest.raises(pymysql.err.OperationalError):
        sql(write, port, "SELECT 1", "reader", "Reader_pass1")
    assert sql(write, port, "SELECT 1", "reader", "Reader_new_pass2") == ((1,),)
    gaussdb_job(emu, "DELETE", base + "/db-users/privilege", {"users": [
        {"name": "reader", "host": "%", "databases": ["shop"]}]})
    assert len(sql(write, port, "SHOW GRANTS FOR reader@'%'")) == 1
    gaussdb_job(emu, "DELETE", base + "/db-users", {"users": [{"name": "reader", "host": "%"}]})
    with pytest.raises(pymysql.err.OperationalError):
        sql(write, port, "SELECT 1", "reader", "Reader_new_pass2")
    gaussdb_job(emu, "DELETE", base + "/databases", {"databases": ["web_log"]})
    assert sql(write, port, "SHOW DATABASES LIKE 'web_log'") == ()


def test_backup_restore_point_in_time_and_tables(emu):
    instance_id, detail = new_instance(emu, "eng-backup")
    write, replicas, port = addresses(detail)
    sql(write, port, "CREATE DATABASE shop")
    sql(write, port, "CREATE TABLE shop.t (a INT PRIMARY KEY)")
    sql(write, port, "INSERT INTO shop.t VALUES (1)")
    backup = gaussdb_job(emu, "POST", "/backups/create", {"instance_id": instance_id, "name": "before-writes"})["backup"]
    time.sleep(1.1)                      # the binary log counts in seconds
    sql(write, port, "INSERT INTO shop.t VALUES (2)")
    time.sleep(1.1)
    between = int(time.time() * 1000)
    time.sleep(1.1)
    sql(write, port, "INSERT INTO shop.t VALUES (3)")

    # A point in time between the two writes, into a new instance.
    point = {"source_instance_id": instance_id, "type": "timestamp", "restore_time": between}
    _, copy = new_instance(emu, "eng-pitr", restore_point=point)
    copy_write, copy_replicas, copy_port = addresses(copy)
    assert sql(copy_write, copy_port, "SELECT a FROM shop.t ORDER BY a") == ((1,), (2,))
    assert eventually(lambda: sql(copy_replicas[0], copy_port, "SELECT COUNT(*) FROM shop.t") == ((2,),))

    # Tables as they were, under new names, into the instance itself.
    gaussdb_job(emu, "POST", f"/instances/{instance_id}/backups/restore/tables", {
        "restore_time": between, "restore_tables": [{"database": "shop", "tables": [{"old_name": "t", "new_name": "t_then"}]}]})
    assert sql(write, port, "SELECT a FROM shop.t_then ORDER BY a") == ((1,), (2,))
    assert sql(write, port, "SELECT COUNT(*) FROM shop.t") == ((3,),)

    # Dropped, then the backup restored into the instance: every node has the data again.
    sql(write, port, "DROP DATABASE shop")
    restore = {"source_instance_id": instance_id, "target_instance_id": instance_id, "type": "backup",
               "backup_id": backup["id"]}
    gaussdb_job(emu, "POST", "/instances/restore", restore)
    assert sql(write, port, "SELECT a FROM shop.t") == ((1,),)
    assert eventually(lambda: sql(replicas[0], port, "SELECT a FROM shop.t") == ((1,),))
    tables = gaussdb_call(emu, "GET", f"/instances/{instance_id}/backups/restore/tables",
                          params={"restore_time": str(int(time.time() * 1000)), "last_table_info": "true"})
    assert tables["databases"] == [{"name": "shop", "total_tables": 1, "tables": [{"name": "t"}]}]


def test_switchover_nodes_port_password_parameters_restart_write_ip_delete(emu):
    instance_id, detail = new_instance(emu, "eng-ops")
    write, replicas, port = addresses(detail)
    base = f"/instances/{instance_id}"
    sql(write, port, "CREATE DATABASE shop")
    sql(write, port, "CREATE TABLE shop.t (a INT)")
    replica = [n for n in detail["nodes"] if n["type"] == "slave"][0]
    gaussdb_job(emu, "PUT", base + "/switchover", {"node_id": replica["id"]})
    assert sql(write, port, "SELECT @@server_id") == sql(replica["private_read_ips"][0], port, "SELECT @@server_id")
    sql(write, port, "INSERT INTO shop.t VALUES (1)")             # the write address follows the new primary
    old_primary = [n for n in gaussdb_detail(emu, instance_id)["nodes"] if n["type"] == "slave"][0]["private_read_ips"][0]
    assert eventually(lambda: sql(old_primary, port, "SELECT a FROM shop.t") == ((1,),))

    added = gaussdb_job(emu, "POST", base + "/nodes/enlarge", {"priorities": [2]})
    node = [n for n in gaussdb_detail(emu, instance_id)["nodes"] if n["name"] == added["node_names"][0]][0]
    assert sql(node["private_read_ips"][0], port, "SELECT a FROM shop.t") == ((1,),)

    gaussdb_job(emu, "PUT", base + "/port", {"port": 3310})
    assert sql(write, 3310, "SELECT @@port") == ((3310,),)
    with pytest.raises(pymysql.err.OperationalError):
        sql(write, port, "SELECT 1")
    gaussdb_call(emu, "POST", base + "/password", {"password": "Another_pass9"})
    with pytest.raises(pymysql.err.OperationalError):
        sql(write, 3310, "SELECT 1")
    assert eventually(lambda: sql(node["private_read_ips"][0], 3310, "SELECT 1", password="Another_pass9"))

    gaussdb_job(emu, "PUT", base + "/configurations", {"parameter_values": {"wait_timeout": "600"}})
    assert sql(write, 3310, "SELECT @@global.wait_timeout", password="Another_pass9") == ((600,),)
    uptime = int(sql(write, 3310, "SHOW GLOBAL STATUS LIKE 'Uptime'", password="Another_pass9")[0][1])
    time.sleep(max(0, 2 - uptime))
    gaussdb_job(emu, "POST", base + "/restart", {})
    assert int(sql(write, 3310, "SHOW GLOBAL STATUS LIKE 'Uptime'", password="Another_pass9")[0][1]) < 2
    assert sql(write, 3310, "SELECT @@global.wait_timeout", password="Another_pass9") == ((600,),)  # my.cnf kept it

    answer = emu.signed("PUT", f"/v3/{PROJECT_ID}{base}/internal-ip", {"internal_ip": "192.168.7.7"})
    assert answer.status_code == 400                 # the write IP of an engine is a loopback address
    moved = write.rsplit(".", 1)[0] + ".250"
    gaussdb_job(emu, "PUT", base + "/internal-ip", {"internal_ip": moved})
    assert sql(moved, 3310, "SELECT @@read_only", password="Another_pass9") == ((0,),)
    with pytest.raises(pymysql.err.OperationalError):
        sql(write, 3310, "SELECT 1", password="Another_pass9")

    gaussdb_job(emu, "DELETE", base)
    with pytest.raises(pymysql.err.OperationalError) as gone:
        with connect(moved, 3310, password="Another_pass9"):
            pass
    assert gone.value.args[0] == 2003


def test_kernel_upgrade_and_resize_reboot_the_engines_and_keep_replication(emu):
    instance_id, detail = new_instance(emu, "eng-reboot", datastore={
        "type": "gaussdb-mysql", "version": "8.0", "kernel_version": "2.0.28.18"})
    write, replicas, port = addresses(detail)
    sql(write, port, "CREATE DATABASE shop")
    sql(write, port, "CREATE TABLE shop.t (a INT)")
    base = f"/instances/{instance_id}"

    def uptimes():
        return [int(sql(ip, port, "SHOW GLOBAL STATUS LIKE 'Uptime'")[0][1]) for ip in [write] + replicas]

    for row, (method, path, body) in enumerate([("POST", base + "/db-upgrade", {}),
                                                ("POST", base + "/action",
                                                 {"resize_flavor": {"spec_code": "gaussdb.mysql.2xlarge.x86.4"}})]):
        time.sleep(max(0, 3 - min(uptimes())))                  # every server up for 3 s or more ...
        gaussdb_job(emu, method, path, body)
        assert max(uptimes()) < 3, path                          # ... and each came back since
        sql(write, port, f"INSERT INTO shop.t VALUES ({row})")   # and the replicas still follow the primary
        assert eventually(lambda: sql(replicas[0], port, "SELECT COUNT(*) FROM shop.t") == ((row + 1,),))


def test_large_seeds_stay_records_unless_asked(emu):
    seeded = emu.seed(gaussdb_instances=3, nodes_per_instance=2)["gaussdb_instances"]
    detail = gaussdb_detail(emu, seeded[0])
    assert not ipaddress.ip_address(detail["private_write_ips"][0]).is_loopback
    with_engine = emu.seed(gaussdb_instances=1, nodes_per_instance=2, engine=True)["gaussdb_instances"]
    write, replicas, port = addresses(gaussdb_detail(emu, with_engine[0]))
    assert sql(write, port, "SELECT 1", password="Emulator-Passw0rd") == ((1,),)   # the seed's root password
