"""Databases, accounts and privileges in a MariaDB engine: the SQL the APIs send, and reading them back.

Mapping (README "Engines"):
- a database is ``CREATE DATABASE `name` CHARACTER SET cs COMMENT '...'`` (MariaDB keeps database comments);
- an account (name, host) is ``CREATE USER `name`@`host` IDENTIFIED BY PASSWORD '<mysql_native_password hash>'``,
  so the emulator never keeps a plain-text password;
- a grant is on ``db.*`` with the database name's ``_`` and ``%`` escaped (so it means that database only); the
  privileges per API are in the callers (GaussDB: read-only = SELECT, read-write = ALL PRIVILEGES; CDS: the
  documented privilege lists of DescribeAvailablePrivileges).
Accounts the service keeps for itself (``mariadb.BUILTIN_ACCOUNTS``) and system databases are never listed.
"""
import hashlib
import re

from tests.emulator.engine.mariadb import BUILTIN_ACCOUNTS, SYSTEM_DATABASES

CHARSETS = {"utf8": "utf8mb3"}          # the API's name -> MariaDB's
CHARSETS_BACK = {"utf8mb3": "utf8"}


def q(name):
    """An identifier in backquotes, ready for Server.execute (which formats every statement: % is written %%)."""
    return "`" + str(name).replace("`", "``").replace("%", "%%") + "`"


def account(name, host):
    return f"{q(name)}@{q(host)}"


def db_grant_target(database):
    """``db``.* with the wildcards of GRANT escaped: the grant is on that one database."""
    escaped = database.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")
    return q(escaped) + ".*"


def unescape_db(pattern):
    return re.sub(r"\\(.)", r"\1", pattern)


def native_hash(password):
    """mysql_native_password's hash: '*' + upper-case hex of SHA1(SHA1(password))."""
    return "*" + hashlib.sha1(hashlib.sha1(password.encode("utf-8")).digest()).hexdigest().upper()


# -- reading back ------------------------------------------------------------------------------------------------------
def users(server):
    """[(name, host, password hash)] of the accounts that are not the service's own, in creation order."""
    rows = server.query("SELECT User, Host, JSON_VALUE(Priv, '$.authentication_string') FROM mysql.global_priv "
                        "WHERE JSON_VALUE(Priv, '$.is_role') IS NULL OR JSON_VALUE(Priv, '$.is_role') = 0")
    return [(u, h, auth or "") for u, h, auth in rows if u not in BUILTIN_ACCOUNTS]


def db_privileges(server):
    """{(user, host): {database: set of privilege column names without _priv, e.g. "Select"}}."""
    columns = _db_columns(server)
    result = {}
    for row in server.query("SELECT * FROM mysql.db"):
        record = dict(zip(columns, row))
        privileges = {c[:-5] for c in columns if c.endswith("_priv") and record[c] == "Y"}
        if privileges and record["User"] not in BUILTIN_ACCOUNTS:
            result.setdefault((record["User"], record["Host"]), {})[unescape_db(record["Db"])] = privileges
    return result


def _db_columns(server):
    return [r[0] for r in server.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                                       "'mysql' AND TABLE_NAME = 'db' ORDER BY ORDINAL_POSITION")]


def databases(server):
    """[(name, API charset, comment, [tables])] of the databases that are not system ones."""
    rows = server.query("SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, SCHEMA_COMMENT FROM information_schema.SCHEMATA "
                        "ORDER BY SCHEMA_NAME")
    tables = {}
    for schema, table in server.query("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE "
                                      "IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_SCHEMA, TABLE_NAME"):
        tables.setdefault(schema, []).append(table)
    return [(name, CHARSETS_BACK.get(charset, charset), comment or "", tables.get(name, []))
            for name, charset, comment in rows if name not in SYSTEM_DATABASES]


def charsets(server):
    return {r[0] for r in server.query("SELECT CHARACTER_SET_NAME FROM information_schema.CHARACTER_SETS")}


# -- statements --------------------------------------------------------------------------------------------------------
def create_database(name, charset, comment=""):
    return (f"CREATE DATABASE {q(name)} CHARACTER SET {q(CHARSETS.get(charset, charset))} COMMENT %s", (comment or "",))


def create_user(name, host, password_hash):
    return (f"CREATE USER {account(name, host)} IDENTIFIED BY PASSWORD %s", (password_hash,))


def set_password(name, host, password_hash):
    return (f"ALTER USER {account(name, host)} IDENTIFIED BY PASSWORD %s", (password_hash,))


def grant(privileges, database, name, host):
    return (f"GRANT {privileges} ON {db_grant_target(database)} TO {account(name, host)}", ())


def revoke_all(database, name, host):
    return (f"REVOKE ALL PRIVILEGES ON {db_grant_target(database)} FROM {account(name, host)}", ())


def run(server, statements):
    """Run (sql, args) pairs in one session."""
    if statements:
        server.execute(*[s for s, _ in statements], args_list=[a for _, a in statements])
