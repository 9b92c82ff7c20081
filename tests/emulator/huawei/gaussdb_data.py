"""Databases and database accounts of an instance (seed 002 sections 4.10 and 4.11).

State: ``inst.ext["data"] = {"databases": {name: {...}}, "users": {"name@host": {...}}}``; grants live on
the user record (``grants: {db: readonly}``). A change is validated as a whole, applied at once (so that a
client that reads right after the call sees it) and answered with an asynchronous job; if the job is made to
fail (admin ``fail_jobs``), the change is undone. Every change is also recorded in a short history so that
backups and point-in-time restores (section 4.4, another module) can read the data of a moment:
``snapshot_data``, ``restore_data`` and ``data_at`` are that module's interface (README "Instance data").
"""
import copy
import hashlib
import re

from flask import request

from tests.emulator.core import current_ctx
from tests.emulator.engine import gaussdb as engine
from tests.emulator.engine.sql import native_hash
from tests.emulator.huawei import jobs
from tests.emulator.huawei import gaussdb_rules as rules
from tests.emulator.huawei.errors import api_error, json_body, param_error
from tests.emulator.huawei.family import HuaweiFamily
from tests.emulator.huawei.store import get_instance, instance_busy_guard

DATA_KEY = "data"
HISTORY_KEY = "data_history"
HISTORY_MAX = 500
JOB_SECONDS = 3          # these jobs take a few seconds on the real service
MAX_ITEMS = 50           # every list of 4.10/4.11 request bodies: "列表最大长度为50"
# 4.11.1 documents the call, not the list; its example answers ["utf8mb4", "gbk"]. We offer those two plus
# the other character sets MySQL 8.0 users commonly pick, so that a client cannot assume only the example.
CHARSETS = ["utf8mb4", "utf8", "gbk", "latin1", "gb18030"]
# 409 DBS.200828 "You are not allowed to create a database built-in account": the seed names no list; these
# are the accounts the service itself uses (root is the instance's administrator).
BUILTIN_USERS = {"root", "rdsadmin", "rdsbackup", "rdsrepl", "rdsmetric", "rdsproxy", "mysql"}

_DB_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_USER_NAME = re.compile(r"^[A-Za-z0-9_]{1,32}$")
_HOST_PART = re.compile(r"^(%|25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$")
# 4.11.2 and 4.10.1/4.10.4 forbid !<='>& in comments; 4.11.3 (database comment change) adds '"'.
COMMENT_FORBIDDEN = "!<='>&"
DB_COMMENT_CHANGE_FORBIDDEN = COMMENT_FORBIDDEN + '"'


# -- the interface for backups / restore -----------------------------------------------------------------------------
def data_of(inst):
    return inst.ext.setdefault(DATA_KEY, {"databases": {}, "users": {}})


def refresh_data(inst):
    """The instance's data; with --engine mariadb read back from its engine first (users and databases created
    over SQL included)."""
    data = data_of(inst)
    return engine.sync_data(inst, data) if engine.backed(inst) else data


def snapshot_data(inst):
    """A deep copy of the instance's databases, accounts and grants (JSON-serialisable)."""
    return copy.deepcopy(data_of(inst))


def restore_data(inst, snapshot):
    """Replace the instance's databases, accounts and grants by `snapshot` (from snapshot_data or data_at)."""
    inst.ext[DATA_KEY] = copy.deepcopy(snapshot or {"databases": {}, "users": {}})
    _record(inst)


def data_at(inst, timestamp):
    """The data as it was at `timestamp` (epoch seconds): the last change recorded at or before it.

    An instance that had no change yet at that time had no database and no account. The history keeps the
    last HISTORY_MAX changes; older moments answer the oldest state kept.
    """
    history = inst.ext.get(HISTORY_KEY) or []
    best = None
    for when, snap in history:
        if when <= timestamp:
            best = snap
        else:
            break
    if best is None:
        best = {"databases": {}, "users": {}} if len(history) < HISTORY_MAX else history[0][1]
    return copy.deepcopy(best)


def _record(inst):
    history = inst.ext.setdefault(HISTORY_KEY, [])
    history.append((current_ctx().now(), snapshot_data(inst)))
    del history[:-HISTORY_MAX]


# -- input rules ------------------------------------------------------------------------------------------------------
def _items(body, key, limit=MAX_ITEMS):
    items = body.get(key)
    if items is None:
        raise param_error(f"{key} is required.")
    if not isinstance(items, list):
        raise param_error(f"{key} must be a list.")
    if not items:
        raise api_error("DBS.05000018")
    if len(items) > limit:
        raise param_error(f"{key} holds at most {limit} items.")
    return items


def _obj(item, what):
    if not isinstance(item, dict):
        raise param_error(f"Each {what} must be an object.")
    return item


def _str(item, field, what, required=True):
    value = item.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and value == ""):
        raise param_error(f"{what}.{field} must be a non-empty string.")
    return value


def _bool(item, field, what):
    value = item.get(field)
    if not isinstance(value, bool):
        raise param_error(f"{what}.{field} must be true or false.")
    return value


def check_db_name(name):
    """4.11.2: 1-64 letters, digits, '_' and '-'; the '-' add up to at most 10 characters."""
    if not isinstance(name, str) or not _DB_NAME.match(name) or name.count("-") > 10:
        raise param_error(f"Invalid database name {name!r}.")
    return name


def check_user_name(name):
    """4.10.1: 1-32 letters, digits and '_'; built-in accounts are refused."""
    if not isinstance(name, str) or not _USER_NAME.match(name):
        raise param_error(f"Invalid database user name {name!r}.")
    if name.lower() in BUILTIN_USERS:
        raise api_error("DBS.200828")
    return name


def check_comment(comment, forbidden=COMMENT_FORBIDDEN, required=False):
    """At most 512 characters, no line break, none of `forbidden`."""
    if comment is None and not required:
        return None
    if not isinstance(comment, str) or len(comment) > 512 or any(c in forbidden or c in "\r\n" for c in comment):
        raise param_error(f"Invalid comment: at most 512 characters, no line break and none of {forbidden}.")
    return comment


def check_user_password(password, name):
    """4.10.1/4.10.5: 8-32 characters, three kinds of ~!@#$%^*-_=+?,()&, letters and digits, not the name.

    4.10.5 lists the special characters without '-': we read that as a slip and accept the 4.10.1 set.
    """
    if not isinstance(password, str) or not password:
        raise param_error("password is required.")
    if password == name:
        raise api_error("DBS.05000006")
    if password == name[::-1]:
        raise api_error("DBS.05000007")
    try:
        rules.check_password(password)
    except Exception as exc:  # the instance rule answers with the root-password code; accounts use 400 params
        if getattr(exc, "code", None) == "DBS.280203":
            raise
        raise param_error("The password must have 8 to 32 characters with at least three of upper-case letters, "
                          f"lower-case letters, digits and {rules.PASSWORD_SPECIALS}.") from exc
    return password


def check_host(host):
    """'%', an IPv4 address, or one with '%' wildcards like 10.10.10.%."""
    parts = host.split(".") if isinstance(host, str) else []
    if host != "%" and not (len(parts) == 4 and all(_HOST_PART.match(p) for p in parts)):
        raise param_error(f"Invalid host {host!r}.")
    return host


def split_hosts(hosts):
    """4.10.1 `hosts`: default ["%"]; an element may list several addresses "separated by commas without spaces"."""
    if hosts is None or hosts == []:
        return ["%"]
    if not isinstance(hosts, list):
        raise param_error("hosts must be a list of strings.")
    result = []
    for entry in hosts:
        if not isinstance(entry, str) or entry != entry.strip() or ", " in entry or " ," in entry:
            raise param_error(f"Invalid host {entry!r}: no spaces around commas.")
        for host in entry.split(","):
            if check_host(host) not in result:
                result.append(host)
    if len(result) > MAX_ITEMS:
        raise param_error(f"At most {MAX_ITEMS} hosts per user.")
    return result


def _unique(names, what):
    if len(set(names)) != len(names):
        raise param_error(f"The same {what} is given more than once.")


def user_key(name, host):
    return f"{name}@{host}"


def password_fields(password):
    """How an account keeps its password: digests only (mysql_native_password's is what an engine gets)."""
    return {"password_sha256": hashlib.sha256(password.encode()).hexdigest(), "password_native": native_hash(password)}


# -- views --------------------------------------------------------------------------------------------------------------
def database_view(data, db):
    users = [{"name": u["name"], "host": u["host"], "readonly": u["grants"][db["name"]]}
             for u in data["users"].values() if db["name"] in u["grants"]]
    return {"name": db["name"], "charset": db["charset"], "comment": db["comment"], "users": users}


def user_view(user):
    return {"name": user["name"], "host": user["host"], "comment": user["comment"],
            "databases": [{"name": db, "readonly": ro} for db, ro in user["grants"].items()]}


class GaussDataFamily(HuaweiFamily):
    name = "gaussdb-data"

    def register(self, app, ctx):
        base = "/v3/{project_id}/instances/{instance_id}"
        for method, path, view in (
                ("POST", "/db-users", self.create_users), ("GET", "/db-users", self.list_users),
                ("DELETE", "/db-users", self.delete_users), ("PUT", "/db-users/comment", self.user_comments),
                ("PUT", "/db-users/password", self.user_passwords), ("POST", "/db-users/privilege", self.grant),
                ("DELETE", "/db-users/privilege", self.revoke), ("GET", "/databases/charsets", self.charsets),
                ("POST", "/databases", self.create_databases), ("PUT", "/databases/comment", self.db_comments),
                ("GET", "/databases", self.list_databases), ("DELETE", "/databases", self.delete_databases)):
            ctx.route(self, method, base + path, view)

    # -- helpers ----------------------------------------------------------------------------------------------------
    @staticmethod
    def _writable(project_id, instance_id):
        inst = get_instance(project_id, instance_id)
        instance_busy_guard(inst)
        return inst, refresh_data(inst)

    @staticmethod
    def _job(inst, name, before, status=202):
        """Record the applied change and answer with its job; a failed job puts back what the change touched."""
        after = snapshot_data(inst)
        try:
            engine.mirror(inst, before, after)   # --engine mariadb: the same change in the engine, as SQL
        except Exception:
            inst.ext[DATA_KEY] = copy.deepcopy(before)
            raise
        _record(inst)

        def undo(job, instance):
            if instance is None:
                return
            try:
                engine.mirror(instance, after, before)
            except Exception:  # the record is put back all the same; the engine is read again on the next call
                pass
            data = data_of(instance)
            for section in ("databases", "users"):
                for key in set(before[section]) | set(after[section]):
                    if before[section].get(key) != after[section].get(key):
                        if key in before[section]:
                            data[section][key] = copy.deepcopy(before[section][key])
                        else:
                            data[section].pop(key, None)
            _record(instance)

        job = jobs.start(name, inst, JOB_SECONDS, on_fail=undo, busy=False)
        return {"job_id": job.id}, status

    @staticmethod
    def _user(data, name, host):
        user = data["users"].get(user_key(name, host))
        if user is None:
            raise api_error("DBS.200824", f"{name}@{host}")
        return user

    @staticmethod
    def _database(data, name):
        if name not in data["databases"]:
            raise api_error("DBS.200823", name)
        return data["databases"][name]

    @staticmethod
    def _grants(data, items, what):
        """[{name, readonly}] -> {db: readonly}; every database must exist."""
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise param_error(f"{what} must be a list of at most {MAX_ITEMS} items.")
        grants = {}
        for item in items:
            _obj(item, what)
            name = _str(item, "name", what)
            GaussDataFamily._database(data, name)
            grants[name] = _bool(item, "readonly", what)
        _unique([i["name"] for i in items], "database")
        return grants

    # -- 4.10 database users ----------------------------------------------------------------------------------------
    def create_users(self, project_id, instance_id):
        """4.10.1: users [{name, password, comment?, hosts?, databases?}] -> 201 job_id."""
        inst, data = self._writable(project_id, instance_id)
        before = snapshot_data(inst)
        new = {}
        for item in _items(json_body(), "users"):
            _obj(item, "user")
            name = check_user_name(_str(item, "name", "user"))
            password = check_user_password(item.get("password"), name)
            comment = check_comment(item.get("comment"))
            grants = self._grants(data, item.get("databases") or [], "databases")
            for host in split_hosts(item.get("hosts")):
                key = user_key(name, host)
                if key in data["users"] or key in new:
                    raise api_error("DBS.05000097", key)
                new[key] = dict({"name": name, "host": host, "comment": comment or "", "grants": dict(grants)},
                                **password_fields(password))
        data["users"].update(new)
        return self._job(inst, "CreateGaussDBforMySQLDatabaseUser", before, 201)

    def list_users(self, project_id, instance_id):
        """4.10.2: offset/limit -> {users, total_count}."""
        inst = get_instance(project_id, instance_id)
        offset, limit = rules.paging(request.args)
        users = list(refresh_data(inst)["users"].values())
        return {"users": [user_view(u) for u in users[offset:offset + limit]], "total_count": len(users)}

    @staticmethod
    def _each_user(body, what):
        """Items {name, host, ...} of `body`, validated, with their user records."""
        result = []
        for item in _items(body, "users"):
            _obj(item, what)
            name, host = _str(item, "name", what), _str(item, "host", what)
            result.append((item, name, host))
        _unique([user_key(n, h) for _, n, h in result], "user")
        return result

    def _user_change(self, project_id, instance_id):
        """The start of a change of the listed users: instance, data, snapshot (for the job) and the
        request's (item, name, host) entries."""
        inst, data = self._writable(project_id, instance_id)
        before = snapshot_data(inst)
        return inst, data, before, self._each_user(json_body(), "user")

    def _set_user_field(self, project_id, instance_id, job_name, check, apply):
        """Every listed user must exist and pass ``check(item, name)`` before ``apply(user, item)`` changes any."""
        inst, data, before, targets = self._user_change(project_id, instance_id)
        for item, name, host in targets:
            self._user(data, name, host)
            check(item, name)
        for item, name, host in targets:
            apply(self._user(data, name, host), item)
        return self._job(inst, job_name, before)

    def delete_users(self, project_id, instance_id):
        """4.10.3: users [{name, host}] -> 202 job_id."""
        inst, data, before, targets = self._user_change(project_id, instance_id)
        for _, name, host in targets:
            self._user(data, name, host)
        for _, name, host in targets:
            del data["users"][user_key(name, host)]
        return self._job(inst, "DeleteGaussDBforMySQLDatabaseUser", before)

    def user_comments(self, project_id, instance_id):
        """4.10.4: users [{name, host, comment}] -> 202 job_id."""
        return self._set_user_field(
            project_id, instance_id, "UpdateGaussDBforMySQLDatabaseUserComment",
            check=lambda item, name: check_comment(item.get("comment"), required=True),
            apply=lambda user, item: user.update(comment=item["comment"]))

    def user_passwords(self, project_id, instance_id):
        """4.10.5: users [{name, host, password}] -> 202 job_id."""
        return self._set_user_field(
            project_id, instance_id, "ResetGaussDBforMySQLDatabaseUserPassword",
            check=lambda item, name: check_user_password(item.get("password"), name),
            apply=lambda user, item: user.update(password_fields(item["password"])))

    def grant(self, project_id, instance_id):
        """4.10.6: users [{name, host, databases [{name, readonly}]}] -> 201 job_id.

        The seed does not say what granting an already granted database does; we read the grant as "this
        database with this access", so it replaces the read-only flag of an existing grant (no error).
        """
        inst, data, before, targets = self._user_change(project_id, instance_id)
        changes = []
        for item, name, host in targets:
            user = self._user(data, name, host)
            databases = _items(item, "databases")
            changes.append((user, self._grants(data, databases, "databases")))
        for user, grants in changes:
            user["grants"].update(grants)
        return self._job(inst, "GrantGaussDBforMySQLDatabasePermission", before, 201)

    def revoke(self, project_id, instance_id):
        """4.10.7: users [{name, host, databases [names]}] -> 202 job_id (a database not granted is an error)."""
        inst, data, before, targets = self._user_change(project_id, instance_id)
        changes = []
        for item, name, host in targets:
            user = self._user(data, name, host)
            names = _items(item, "databases")
            if not all(isinstance(n, str) and n for n in names):
                raise param_error("databases must be a list of database names.")
            _unique(names, "database")
            for db in names:
                self._database(data, db)
                if db not in user["grants"]:
                    raise param_error(f"Database {db} is not granted to {name}@{host}.")
            changes.append((user, names))
        for user, names in changes:
            for db in names:
                del user["grants"][db]
        return self._job(inst, "RevokeGaussDBforMySQLDatabasePermission", before)

    # -- 4.11 databases ----------------------------------------------------------------------------------------------
    def charsets(self, project_id, instance_id):
        """4.11.1 -> {charsets}."""
        return {"charsets": engine.charsets(get_instance(project_id, instance_id), list(CHARSETS))}

    def create_databases(self, project_id, instance_id):
        """4.11.2: databases [{name, character_set, comment?, users?}] -> 201 job_id."""
        inst, data = self._writable(project_id, instance_id)
        before = snapshot_data(inst)
        new = {}
        for item in _items(json_body(), "databases"):
            _obj(item, "database")
            name = check_db_name(_str(item, "name", "database"))
            charset = _str(item, "character_set", "database")
            offered = engine.charsets(inst, CHARSETS)
            if charset.lower() not in offered:
                raise api_error("DBS.05000037", charsets=", ".join(offered))
            comment = check_comment(item.get("comment"))
            users = item.get("users") or []
            if not isinstance(users, list) or len(users) > MAX_ITEMS:
                raise param_error(f"users must be a list of at most {MAX_ITEMS} items.")
            grants = []
            for user in users:
                _obj(user, "users")
                record = self._user(data, _str(user, "name", "users"), _str(user, "host", "users"))
                grants.append((record, _bool(user, "readonly", "users")))
            if name in data["databases"] or name in new:
                raise api_error("DBS.200826", name)
            new[name] = ({"name": name, "charset": charset.lower(), "comment": comment or ""}, grants)
        for name, (record, grants) in new.items():
            data["databases"][name] = record
            for user, readonly in grants:
                user["grants"][name] = readonly
        return self._job(inst, "CreateGaussDBforMySQLDatabase", before, 201)

    def db_comments(self, project_id, instance_id):
        """4.11.3: databases [{name, comment}] -> 202 job_id."""
        inst, data = self._writable(project_id, instance_id)
        before = snapshot_data(inst)
        items = _items(json_body(), "databases")
        for item in items:
            _obj(item, "database")
            self._database(data, _str(item, "name", "database"))
            check_comment(item.get("comment"), DB_COMMENT_CHANGE_FORBIDDEN, required=True)
        _unique([i["name"] for i in items], "database")
        for item in items:
            data["databases"][item["name"]]["comment"] = item["comment"]
        return self._job(inst, "UpdateGaussDBforMySQLDatabaseComment", before)

    def list_databases(self, project_id, instance_id):
        """4.11.4: offset/limit, name, charset -> {databases, total_count}."""
        inst = get_instance(project_id, instance_id)
        offset, limit = rules.paging(request.args)
        data = refresh_data(inst)
        name, charset = request.args.get("name"), request.args.get("charset")
        found = [db for db in data["databases"].values()
                 if (not name or db["name"] == name) and (not charset or db["charset"] == charset.lower())]
        return {"databases": [database_view(data, db) for db in found[offset:offset + limit]],
                "total_count": len(found)}

    def delete_databases(self, project_id, instance_id):
        """4.11.5: databases [names] -> 202 job_id. Grants on a dropped database go with it."""
        inst, data = self._writable(project_id, instance_id)
        before = snapshot_data(inst)
        names = _items(json_body(), "databases")
        if not all(isinstance(n, str) and n for n in names):
            raise param_error("databases must be a list of database names.")
        _unique(names, "database")
        for name in names:
            self._database(data, name)
        for name in names:
            del data["databases"][name]
            for user in data["users"].values():
                user["grants"].pop(name, None)
        return self._job(inst, "DeleteGaussDBforMySQLDatabase", before)


FAMILY = GaussDataFamily
