"""Accounts and per-database privileges (reference 5.8-5.12).

Emulator choices where the vendor documents nothing: account names are 2-16 characters of
lower-case letters, digits and underscores starting with a letter, some names are reserved;
passwords are 8-32 characters with letters and digits; databases cannot be created through the
OpenAPI, so any valid non-system database name is accepted in privilege calls.
"""
import re

from tests.emulator.engine import cds as engine

from .actions_catalog import PRIVILEGES
from .errors import CdsError, envelope, in_use, invalid, not_found, unsupported
from .params import opt_str, req_dict, req_list, req_str
from .registry import action
from .views import get_instance, require_running

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,15}$")
DB_RE = re.compile(r"^[A-Za-z0-9_$-]{1,64}$")
RESERVED = {"root", "mysql", "admin", "sys", "replicator", "monitor"}
SYSTEM_DBS = {"mysql", "sys", "information_schema", "performance_schema"}
PRIV_TYPES = ("ReadWrite", "DMLOnly", "ReadOnly", "DDLOnly")


def _get_account(store, uuid, name):
    account = engine.sync_accounts(store.instances[uuid], store.accounts[uuid], PRIVILEGES).get(name)
    if account is None:
        raise not_found("Account", name)
    return account


def _check_password(password):
    if not 8 <= len(password) <= 32 or not re.search(r"[A-Za-z]", password) \
            or not re.search(r"\d", password):
        raise invalid("Password must be 8-32 characters with letters and digits")


@action("CreatePrivilegedAccount", "POST", "account")
def create_privileged_account(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    name = req_str(p, "AccountName")
    password = req_str(p, "Password")
    kind = req_str(p, "AccountType")
    description = opt_str(p, "Description", "")
    if not NAME_RE.match(name) or name in RESERVED:
        raise invalid("AccountName must be 2-16 characters [a-z0-9_], start with a letter, "
                      "and not be reserved")
    _check_password(password)
    if kind not in ("Super", "Normal"):
        raise invalid("AccountType must be Super or Normal")
    require_running(inst)
    accounts = engine.sync_accounts(inst, store.accounts[inst["InstanceUuid"]], PRIVILEGES)
    if name in accounts:
        raise CdsError(400, "InvalidParameter", "Account %s already exists" % name)
    if kind == "Super" and any(a["AccountType"] == "Super" for a in accounts.values()):
        raise unsupported("An instance has at most one Super account")
    engine.create_account(inst, name, password, kind)   # --engine mariadb: CREATE USER (and GRANT for Super)
    account = {"AccountName": name, "AccountType": kind, "AccountStatus": "processing",
               "AccountDescription": description, "ServiceId": inst["InstanceUuid"],
               "_privileges": {}, "_all_create": "false", "_password": password}
    accounts[name] = account

    def done():
        if accounts.get(name) is account:
            account["AccountStatus"] = "available"
    store.schedule("account_create", done, inst["InstanceUuid"])
    return envelope({}, task_id="")


def account_view(account):
    privileges = [{"DBName": db, "TableName": "*", "AccountPrivilegeType": kind,
                   "AccountPrivilegeDetail": PRIVILEGES[kind]}
                  for db, kind in sorted(account["_privileges"].items())]
    out = {k: v for k, v in account.items() if not k.startswith("_")}
    out["DatabasePrivileges"] = privileges or None
    out["ExtraPrivilege"] = {"AllCreate": account["_all_create"]} if account["AccountType"] == "Normal" else None
    return out


@action("DescribeDBAccount", "GET", "account")
def describe_db_account(ctx):
    inst = get_instance(ctx.store, req_str(ctx.params, "InstanceUuid"))
    accounts = engine.sync_accounts(inst, ctx.store.accounts[inst["InstanceUuid"]], PRIVILEGES)
    return envelope([account_view(a) for _, a in sorted(accounts.items())], task_id="")


@action("DeleteDBAccount", "POST", "account")
def delete_db_account(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    name = req_str(p, "AccountName")
    account = _get_account(store, inst["InstanceUuid"], name)
    if account["AccountStatus"] == "processing":
        raise in_use("Account %s is being processed" % name)
    require_running(inst)
    engine.delete_account(inst, name)
    del store.accounts[inst["InstanceUuid"]][name]
    return envelope({}, task_id="")


def _normal_account(ctx):
    p, store = ctx.params, ctx.store
    inst = get_instance(store, req_str(p, "InstanceUuid"))
    account = _get_account(store, inst["InstanceUuid"], req_str(p, "AccountName"))
    if account["AccountType"] != "Normal":
        raise unsupported("Database privileges apply to Normal accounts only")
    if account["AccountStatus"] != "available":
        raise in_use("Account %s is %s" % (account["AccountName"], account["AccountStatus"]))
    return inst, account


def _check_db(name):
    if not isinstance(name, str) or not DB_RE.match(name) or name.lower() in SYSTEM_DBS:
        raise invalid("Invalid database name %r" % (name,))
    return name


@action("ModifyDbPrivilege", "POST", "account")
def modify_db_privilege(ctx):
    inst, account = _normal_account(ctx)
    ops = []
    for op in req_list(ctx.params, "Operations"):
        if not isinstance(op, dict) or not op.get("DBName") or not op.get("Privilege"):
            raise invalid("Operations must be a list of {DBName, Privilege}")
        if op["Privilege"] not in PRIV_TYPES:
            raise invalid("Privilege must be one of %s" % ", ".join(PRIV_TYPES))
        ops.append((_check_db(op["DBName"]), op["Privilege"]))
    # Reference 5.11: ExtraPrivilege {AllCreate} is optional, AllCreate "true" or "false", default
    # "false": a call without it sets the global CREATE privilege to "false".
    all_create = "false"
    if ctx.params.get("ExtraPrivilege") is not None:
        all_create = req_dict(ctx.params, "ExtraPrivilege").get("AllCreate", "false")
        if all_create not in ("true", "false"):
            raise invalid('ExtraPrivilege.AllCreate must be the string "true" or "false"')
    require_running(inst)
    engine.set_privileges(inst, account, ops, all_create, PRIVILEGES)
    for db, kind in ops:
        account["_privileges"][db] = kind
    account["_all_create"] = all_create
    return {"Code": "Success", "Message": "Success."}


@action("DeleteDbPrivilege", "POST", "account")
def delete_db_privilege(ctx):
    inst, account = _normal_account(ctx)
    names = [_check_db(n) for n in req_list(ctx.params, "DBNames")]
    unknown = [n for n in names if n not in account["_privileges"]]
    if unknown:
        raise invalid("Account %s has no privilege on %s" % (account["AccountName"], ", ".join(unknown)))
    require_running(inst)
    engine.revoke_privileges(inst, account, names)
    for name in names:
        del account["_privileges"][name]
    return {"Code": "Success", "Message": "Success."}
