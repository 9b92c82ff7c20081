# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Databases, accounts and grants of a GaussDB(for MySQL) instance (seed 002 §4.10, §4.11).

Shared by gaussdb_database*, gaussdb_account* and gaussdb_account_privilege: the documented input
rules (checked before any API call), the readers of the per-instance lists and their views, the
plan builders (``plan_database``, ``plan_account``, ``plan_privileges``), and the privilege diff
``privilege_changes`` that feeds the grant plan.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool, as_lower
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import recover_if_found
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import (
    GAUSSDB_PASSWORD, InputError, password_errors, pattern_errors, text_errors,
)

# Every list in a §4.10/§4.11 request body holds at most 50 items.
MAX_ITEMS = 50

# -- documented input rules ---------------------------------------------------------------
# 4.11.2: 1-64 letters, digits, '_' and '-', the '-' adding up to at most 10 characters.
_DB_NAME = re.compile(r'^[A-Za-z0-9_-]{1,64}$')
DB_NAME_MAX_HYPHENS = 10
# 4.10.1: 1-32 letters, digits and '_'.
_USER_NAME = re.compile(r'^[A-Za-z0-9_]{1,32}$')
# 4.10.1 account passwords: validation.GAUSSDB_PASSWORD (8-32 characters, three of four classes,
# specials ``~!@#$%^*-_=+?,()&``, neither the name nor the name spelled backwards).
COMMENT_MAX = 512
# 4.11.2 forbids ``!<='>&`` in a database comment, 4.11.3 also '"': the union is refused up front
# so that a comment accepted at creation can also be set again later.
DB_COMMENT_FORBIDDEN = '!<"=\'>&'
# 4.10.1 / 4.10.4: account comments.
USER_COMMENT_FORBIDDEN = '!<=\'>&'
# 4.10.1: '%' (any host), an address, or an address with '%' wildcards (``10.10.10.%``).
_HOST_PART = re.compile(r'^(%|25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$')


def database_name_errors(name):
    if not _DB_NAME.match(name or ''):
        return ['database name %r must be 1 to 64 letters, digits, "_" or "-"' % (name,)]
    if name.count('-') > DB_NAME_MAX_HYPHENS:
        return ['database name %r has more than %d "-"' % (name, DB_NAME_MAX_HYPHENS)]
    return []


def user_name_errors(name):
    return pattern_errors('account name', name or '', _USER_NAME, '1 to 32 letters, digits or "_"')


def comment_errors(comment, forbidden, what):
    """4.10/4.11 comments: at most 512 characters, no line break, none of ``forbidden``."""
    return text_errors('%s comment' % what, comment, COMMENT_MAX, forbidden + '\r\n')


def host_errors(host):
    parts = (host or '').split('.')
    if host == '%' or (len(parts) == 4 and all(_HOST_PART.match(p) for p in parts)):
        return []
    return ['host %r must be "%%", an IPv4 address, or an address with "%%" wildcards such as 10.10.10.%%'
            % (host,)]


def database_errors(params):
    """The 4.11.2/4.11.3 rules of gaussdb_database's options."""
    return database_name_errors(params['name']) + comment_errors(params['comment'], DB_COMMENT_FORBIDDEN, 'database')


def account_errors(params):
    """The 4.10.1/4.10.4/4.10.5 rules of gaussdb_account's options."""
    errors = user_name_errors(params['name'])
    for host in params['hosts'] or []:
        errors += host_errors(host)
    errors += password_errors(params['password'], GAUSSDB_PASSWORD, params['name'])
    return errors + comment_errors(params['comment'], USER_COMMENT_FORBIDDEN, 'account')


def privilege_errors(params):
    """The 4.10.6/4.10.7 rules of gaussdb_account_privilege's options."""
    errors = user_name_errors(params['user']) + host_errors(params['host'])
    for item in params['databases']:
        errors += database_name_errors(item['name'])
    errors += duplicate_grant_errors(params['databases'])
    if params['exact'] and params['state'] == 'absent':
        errors.append('exact=true only applies to state=present')
    return errors


def duplicate_grant_errors(items):
    """The same database twice in one list (the API takes each database once)."""
    seen, errors = set(), []
    for item in items or []:
        name = item.get('name') if isinstance(item, dict) else item
        if name in seen:
            errors.append('database %r is listed more than once' % (name,))
        seen.add(name)
    return errors


# -- reading ------------------------------------------------------------------------------
def list_databases(client, instance_id, name=None, charset=None):
    """Every database (4.11.4); ``name`` is matched exactly (the server filter may be looser)."""
    params = dict((k, v) for k, v in (('name', name), ('charset', charset)) if v)
    items = client.paginate('list_databases', 'databases', params=params, instance_id=instance_id)
    return sorted((normalize_database(d) for d in items if name is None or d.get('name') == name),
                  key=lambda d: d['name'] or '')


def find_database(client, instance_id, name):
    found = list_databases(client, instance_id, name=name)
    return found[0] if found else None


def list_charsets(client, instance_id):
    """The character sets a new database can use (4.11.1)."""
    return client.call('list_charsets', instance_id=instance_id).get('charsets') or []


def list_accounts(client, instance_id, name=None, host=None):
    """Every ``user@host`` entry (4.10.2) with its grants, sorted; ``name`` and ``host`` match exactly."""
    items = client.paginate('list_db_users', 'users', instance_id=instance_id)
    found = [normalize_account(u) for u in items
             if (name is None or u.get('name') == name) and (host is None or u.get('host') == host)]
    return sorted(found, key=lambda a: (a['name'] or '', a['host'] or ''))


def account_entries(client, instance_id, name):
    """``{host: entry}`` of the account ``name``."""
    return dict((a['host'], a) for a in list_accounts(client, instance_id, name=name))


def find_account(client, instance_id, name, host):
    """The entry ``name@host``, or None."""
    found = list_accounts(client, instance_id, name=name, host=host)
    return found[0] if found else None


def normalize_database(item):
    return dict(name=item.get('name'), charset=item.get('charset'), comment=item.get('comment'),
                users=sorted(({'name': u.get('name'), 'host': u.get('host'), 'readonly': as_bool(u.get('readonly'))}
                              for u in item.get('users') or []), key=lambda u: (u['name'] or '', u['host'] or '')))


def normalize_account(item):
    return dict(name=item.get('name'), host=item.get('host'), comment=item.get('comment'),
                databases=grants_to_list(normalize_grants(item.get('databases'))))


def chunked(items, size=MAX_ITEMS):
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


# -- databases ----------------------------------------------------------------------------
def database_view(database):
    """What gaussdb_database manages of a database (its diff)."""
    return dict((k, database.get(k)) for k in ('name', 'charset', 'comment')) if database else {}


def plan_database(client, instance_id, params, current):
    """The steps that take the database ``current`` (None: absent) to what ``params`` ask for."""
    name = params['name']
    plan = Plan(current)
    if params['state'] == 'absent':
        if current:
            plan.add('delete', replace_with({}), 'delete_databases', body={'databases': [name]},
                     instance_id=instance_id)
        return plan
    if current is None:
        charset = params['character_set']
        if not charset:
            raise InputError('character_set is required to create database %r' % name)
        offered = list_charsets(client, instance_id)
        if as_lower(charset) not in [as_lower(c) for c in offered]:
            raise InputError('character_set %r is not offered by the instance; choose one of %s'
                             % (charset, ', '.join(offered)))
        item = dict(name=name, character_set=charset)
        if params['comment']:
            item['comment'] = params['comment']
        created = dict(name=name, charset=charset, comment=params['comment'] or '', users=[])
        plan.add('create', replace_with(created), 'create_databases', body={'databases': [item]},
                 instance_id=instance_id,
                 recover=recover_if_found(lambda: find_database(client, instance_id, name)))
        return plan
    if params['character_set'] and as_lower(params['character_set']) != as_lower(current['charset']):
        raise InputError('Database %r has character set %s; the API cannot change it to %s'
                         % (name, current['charset'], params['character_set']))
    if params['comment'] is not None and params['comment'] != (current.get('comment') or ''):
        plan.add('comment', set_fields(comment=params['comment']), 'set_database_comment',
                 body={'databases': [dict(name=name, comment=params['comment'])]}, instance_id=instance_id)
    return plan


# -- accounts -----------------------------------------------------------------------------
def account_host_changes(params, existing):
    """``(create, comment, password, delete)``: the hosts of each kind of change that takes the
    account's entries ``existing`` (``{host: entry}``) to what ``params`` ask for."""
    wanted = list(dict.fromkeys(params['hosts'])) if params['hosts'] else None
    if params['state'] == 'absent':
        targets = wanted if wanted is not None else sorted(existing)
        return [], [], [], [h for h in targets if h in existing]
    targets = wanted if wanted is not None else (sorted(existing) or ['%'])
    create = [h for h in targets if h not in existing]
    kept = [h for h in targets if h in existing]
    comment = [h for h in kept if params['comment'] is not None and params['comment'] != (existing[h].get('comment') or '')]
    password = kept if params['password'] and params['update_password'] == 'always' else []
    delete = sorted(h for h in existing if h not in targets) if wanted is not None and params['purge_hosts'] else []
    return create, comment, password, delete


def account_view(name, entries):
    """The ``account`` result: the entries ``{host: entry}`` of one name together."""
    if not entries:
        return {}
    comments = set(e.get('comment') or '' for e in entries.values())
    return dict(name=name, hosts=sorted(entries), comment=comments.pop() if len(comments) == 1 else None,
                entries=[entries[h] for h in sorted(entries)])


def account_diff_view(view):
    """What gaussdb_account's diff shows of a plan view: each host with its comment, and the password
    when the plan sets one (module.finish masks it)."""
    result = dict(hosts=dict((h, dict(comment=e.get('comment') or '')) for h, e in sorted((view.get('hosts') or {}).items())))
    if 'password' in view:
        result['password'] = view['password']
    return result


def _created(entries, password):
    """The effect of a step that creates host entries of the account with a password."""
    def effect(view):
        view.setdefault('hosts', {}).update(copy.deepcopy(entries))
        view['password'] = password
    return effect


def _commented(hosts, comment):
    def effect(view):
        for host in hosts:
            view['hosts'][host]['comment'] = comment
    return effect


def _deleted(hosts):
    def effect(view):
        for host in hosts:
            view['hosts'].pop(host, None)
    return effect


def _hosts_check(client, instance_id, name, hosts):
    """Whether the account ``name`` has an entry at every one of ``hosts`` (a lost create answer is then
    no failure)."""
    def check():
        return set(hosts) <= set(account_entries(client, instance_id, name))
    return check


def plan_account(client, instance_id, params, entries):
    """The steps that take the account's ``entries`` (``{host: entry}``) to what ``params`` ask for.

    The view is ``{'hosts': {host: entry}}``, plus ``password`` once a step sets one (created entries,
    and kept ones with ``update_password=always``: a password cannot be read back to compare).
    Requests carry at most 50 items (of at most 50 hosts each for a creation).
    """
    name, comment, password = params['name'], params['comment'], params['password']
    create, commented, passwords, delete = account_host_changes(params, entries)
    if create and not password:
        raise InputError('password is required to create account %s at %s' % (name, ', '.join(create)))
    plan = Plan(dict(hosts=entries) if entries else None)
    for part in chunked(chunked(create)):
        users = [dict(name=name, password=password, hosts=hosts) for hosts in part]
        for user in users:
            if comment:
                user['comment'] = comment
        hosts = [host for group in part for host in group]
        new = dict((h, dict(name=name, host=h, comment=comment or '', databases=[])) for h in hosts)
        plan.add('create', _created(new, password), 'create_db_users', body={'users': users},
                 instance_id=instance_id, recover=recover_if_found(_hosts_check(client, instance_id, name, hosts)))
    for part in chunked(commented):
        plan.add('comment', _commented(part, comment), 'set_db_user_comment',
                 body={'users': [dict(name=name, host=h, comment=comment) for h in part]}, instance_id=instance_id)
    for part in chunked(passwords):
        plan.add('password', set_fields(password=password), 'set_db_user_password',
                 body={'users': [dict(name=name, host=h, password=password) for h in part]}, instance_id=instance_id)
    for part in chunked(delete):
        plan.add('delete', _deleted(part), 'delete_db_users',
                 body={'users': [dict(name=name, host=h) for h in part]}, instance_id=instance_id)
    return plan


# -- privileges ---------------------------------------------------------------------------
def normalize_grants(items):
    """``[{name, readonly}]`` (API or user spelling, or bare database names = read-write) -> ``{db: readonly}``.

    ``readonly`` may come as a bool or any of the spellings diff.as_bool understands.
    """
    result = {}
    for item in items or []:
        if isinstance(item, dict):
            name, readonly = item.get('name'), item.get('readonly')
        else:
            name, readonly = item, False
        readonly = as_bool(readonly) if readonly is not None else False
        if not isinstance(readonly, bool):
            raise ValueError('readonly of database %r must be a boolean, got %r' % (name, readonly))
        result[str(name)] = readonly
    return result


def grants_to_list(grants):
    return [dict(name=name, readonly=grants[name]) for name in sorted(grants)]


def privilege_changes(current, desired, state='present', exact=False):
    """What to do to turn the grants ``current`` into ``desired`` (both ``{db: readonly}``).

    Modeled on community.mysql's mysql_user ``priv`` / ``append_privs``:
    - ``state=present, exact=False`` (``append_privs: true``): add or adjust the listed grants,
      leave the others alone;
    - ``state=present, exact=True`` (``append_privs: false``): the listed grants become the
      complete set; every other database is revoked;
    - ``state=absent``: revoke the listed databases (their ``readonly`` does not matter).

    Returns ``{'grant': {db: ro}, 'update': {db: ro}, 'revoke': [db]}``: new grants, grants whose
    read-only flag changes (changed in place, never revoked first), and revocations.
    """
    grant, update, revoke = {}, {}, []
    if state == 'absent':
        revoke = sorted(db for db in desired if db in current)
    else:
        for db, readonly in desired.items():
            if db not in current:
                grant[db] = readonly
            elif current[db] != readonly:
                update[db] = readonly
        if exact:
            revoke = sorted(db for db in current if db not in desired)
    return dict(grant=grant, update=update, revoke=revoke)


def has_changes(changes):
    return bool(changes['grant'] or changes['update'] or changes['revoke'])


def granted(changes):
    """The grants sent: new ones and those whose read-only flag changes."""
    result = dict(changes['grant'])
    result.update(changes['update'])
    return result


def apply_privilege_changes(current, changes):
    result = dict(current)
    result.update(granted(changes))
    for db in changes['revoke']:
        result.pop(db, None)
    return result


def grant_diff(before, after):
    """Before/after (``{db: {readonly}}``) of exactly the grants that differ between two ``{db: readonly}``."""
    touched = sorted(db for db in set(before) | set(after) if before.get(db) != after.get(db))
    return (dict((db, dict(readonly=before[db])) for db in touched if db in before),
            dict((db, dict(readonly=after[db])) for db in touched if db in after))


def privilege_diff(current, changes):
    """Before/after of exactly the grants that ``changes`` change (nothing else), as ``{db: {readonly}}``."""
    return grant_diff(current, apply_privilege_changes(current, changes))


def account_grants(client, instance_id, user, host):
    """``{db: readonly}`` of the entry ``user@host`` ({} when it does not exist)."""
    entry = find_account(client, instance_id, user, host)
    return normalize_grants(entry['databases']) if entry else {}


def _revoked(databases):
    def effect(view):
        for db in databases:
            view.pop(db, None)
    return effect


def _granted_check(client, instance_id, user, host, sent):
    """Whether the grants ``sent`` are in place (a lost grant answer is then no failure)."""
    def check():
        now = account_grants(client, instance_id, user, host)
        return all(now.get(db) == ro for db, ro in sent.items())
    return check


def add_grant_steps(plan, client, instance_id, user, host, grants=None, revoke=()):
    """Add to ``plan`` the requests that grant ``grants`` (``{db: readonly}``) to ``user@host``, then
    revoke ``revoke``: 50 databases per item, 50 items per request (the API limits)."""
    grants = grants or {}
    for part in chunked(chunked(sorted(grants.items()))):
        sent = dict(pair for group in part for pair in group)
        plan.add('grant', set_fields(**sent), 'grant_db_privileges',
                 body={'users': [dict(name=user, host=host, databases=grants_to_list(dict(g))) for g in part]},
                 instance_id=instance_id, recover=recover_if_found(_granted_check(client, instance_id, user, host, sent)))
    for part in chunked(chunked(sorted(revoke))):
        plan.add('revoke', _revoked([db for group in part for db in group]), 'revoke_db_privileges',
                 body={'users': [dict(name=user, host=host, databases=group) for group in part]},
                 instance_id=instance_id)
    return plan


def fix_kept_flags(instance_id, updates):
    """A step (``apply``) after the grants: if granting again did not change a read-only flag (the seed
    does not say that a grant replaces one), revoke and grant that database only."""
    def apply(module):
        params = module.params
        now = account_grants(module.client, instance_id, params['user'], params['host'])
        stuck = dict((db, ro) for db, ro in updates.items() if now.get(db) != ro)
        if stuck:
            fix = add_grant_steps(Plan(), module.client, instance_id, params['user'], params['host'], revoke=stuck)
            add_grant_steps(fix, module.client, instance_id, params['user'], params['host'], grants=stuck)
            fix.apply(module)
    return apply


def missing_in_check_mode(module, msg):
    """Refuse, except in check mode: an earlier task of the same check-mode run may only have pretended
    to create the account or database, and the real run would then succeed."""
    if not module.check_mode:
        raise InputError(msg)
    module.warn(msg + ' (check mode goes on as if it did)')


def plan_privileges(module, instance_id, entry, changes):
    """The steps that apply ``changes`` (privilege_changes) to the grants of ``entry`` (None: the account
    entry does not exist); the view is ``{db: readonly}``. Granting to an entry or a database that does
    not exist is refused before any change (a warning in check mode, see missing_in_check_mode)."""
    params, client = module.params, module.client
    user, host = params['user'], params['host']
    if entry is None and params['state'] == 'present':
        missing_in_check_mode(module, 'Account %s@%s does not exist on instance %s; create it with '
                              'clouddb.mysql.gaussdb_account' % (user, host, instance_id))
    if changes['grant']:
        existing = set(d['name'] for d in list_databases(client, instance_id))
        missing = sorted(db for db in changes['grant'] if db not in existing)
        if missing:
            missing_in_check_mode(module, 'Database(s) %s do not exist on instance %s' % (', '.join(missing), instance_id))
    plan = Plan(normalize_grants(entry['databases']) if entry else None)
    add_grant_steps(plan, client, instance_id, user, host, granted(changes), changes['revoke'])
    if changes['update'] and params['wait']:
        plan.add('check read-only flags', apply=fix_kept_flags(instance_id, changes['update']))
    return plan
