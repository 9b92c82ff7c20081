# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Databases, accounts and grants of a GaussDB(for MySQL) instance (seed 002 §4.10, §4.11).

Shared by gaussdb_database*, gaussdb_account* and gaussdb_account_privilege: the documented input
rules (checked before any API call), the target instance lookup, reading the per-instance lists,
submitting the asynchronous changes, and the privilege diff.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import string

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool, as_lower
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import job_ids_of
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, text_errors

# Every list in a §4.10/§4.11 request body holds at most 50 items.
MAX_ITEMS = 50

# -- documented input rules ---------------------------------------------------------------
# 4.11.2: 1-64 letters, digits, '_' and '-', the '-' adding up to at most 10 characters.
_DB_NAME = re.compile(r'^[A-Za-z0-9_-]{1,64}$')
DB_NAME_MAX_HYPHENS = 10
# 4.10.1: 1-32 letters, digits and '_'.
_USER_NAME = re.compile(r'^[A-Za-z0-9_]{1,32}$')
# 4.10.1 lists ``~!@#$%^*-_=+?,()&``; 4.10.5 repeats it without '-', which reads as a slip of
# the text (a password valid at creation must stay valid for a reset): both use the 4.10.1 set.
PASSWORD_SPECIALS = '~!@#$%^*-_=+?,()&'
PASSWORD_MIN, PASSWORD_MAX = 8, 32
COMMENT_MAX = 512
# 4.11.2 forbids ``!<='>&`` in a database comment, 4.11.3 also '"': the union is refused up front
# so that a comment accepted at creation can also be set again later.
DB_COMMENT_FORBIDDEN = '!<"=\'>&'
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
    if not _USER_NAME.match(name or ''):
        return ['account name %r must be 1 to 32 letters, digits or "_"' % (name,)]
    return []


def comment_errors(comment, forbidden, what):
    """4.10/4.11 comments: at most 512 characters, no line break, none of ``forbidden``."""
    return text_errors('%s comment' % what, comment, COMMENT_MAX, forbidden + '\r\n')


def text_error(what, text, max_length, forbidden):
    """The message when ``text`` is longer than ``max_length`` or holds any of ``forbidden`` (shown
    escaped, so a line break reads \\n), else None. A text not given (None) is not checked."""
    if text is None:
        return None
    if len(text) > max_length:
        return '%s is longer than %d characters' % (what, max_length)
    bad = sorted(set(repr(c)[1:-1] for c in text if c in forbidden))
    if bad:
        return '%s must not contain %s' % (what, ' '.join(bad))
    return None


def password_errors(password, user_name):
    """The 4.10.1 complexity rules; never quotes the password itself."""
    if password is None:
        return []
    errors = []
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        errors.append('password must be %d to %d characters long' % (PASSWORD_MIN, PASSWORD_MAX))
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, PASSWORD_SPECIALS)
    if any(not any(c in chars for chars in classes) for c in password):
        errors.append('password may only contain letters, digits and %s' % PASSWORD_SPECIALS)
    kinds = [any(c in chars for c in password) for chars in classes]
    if sum(kinds) < 3:
        errors.append('password must contain at least three of: upper-case letters, lower-case letters, '
                      'digits, special characters (%s)' % PASSWORD_SPECIALS)
    if user_name and password == user_name:
        errors.append('password must differ from the account name')
    if user_name and password == user_name[::-1]:
        errors.append('password must not be the account name spelled backwards')
    return errors


def host_errors(host):
    parts = (host or '').split('.')
    if host == '%' or (len(parts) == 4 and all(_HOST_PART.match(p) for p in parts)):
        return []
    return ['host %r must be "%%", an IPv4 address, or an address with "%%" wildcards such as 10.10.10.%%'
            % (host,)]


def fail_on(module, errors):
    """Refuse bad input before any API call, naming every problem at once."""
    if errors:
        module.fail_json(msg='Invalid input: ' + '; '.join(errors))


# -- the target instance ------------------------------------------------------------------
INSTANCE_ARGUMENT_SPEC = dict(
    instance_id=dict(type='str'),
    instance_name=dict(type='str'),
)
INSTANCE_MUTUALLY_EXCLUSIVE = [('instance_id', 'instance_name')]
INSTANCE_REQUIRED_ONE_OF = [('instance_id', 'instance_name')]


def instance_kwargs(**extra):
    """AnsibleModule keyword arguments every data module shares (one of instance_id / instance_name)."""
    kwargs = dict(mutually_exclusive=list(INSTANCE_MUTUALLY_EXCLUSIVE),
                  required_one_of=list(INSTANCE_REQUIRED_ONE_OF))
    for key, value in extra.items():
        kwargs[key] = kwargs.get(key, []) + list(value)
    return kwargs


def instance_module(argument_spec, wait=False, **constraints):
    """The CloudModule of a module that works inside one instance: ``argument_spec`` plus
    instance_id / instance_name (exactly one), then the module's own ``constraints``
    (mutually_exclusive=..., required_one_of=...) after the instance's."""
    spec = dict(argument_spec)
    spec.update(INSTANCE_ARGUMENT_SPEC)
    return CloudModule('gaussdb', spec, wait=wait, **instance_kwargs(**constraints))


def target_instance_id(module):
    """The instance id to work on: taken as given (no request), or looked up by exact name."""
    if module.params.get('instance_id'):
        return module.params['instance_id']
    name = module.params['instance_name']
    matches = module.client.find_instances(name)
    if not matches:
        module.fail_json(msg='No GaussDB instance is named %r' % name)
    if len(matches) > 1:
        module.fail_json(msg='Instance name %r is ambiguous: %s; give instance_id instead'
                         % (name, ', '.join(sorted(m['id'] for m in matches))))
    return matches[0]['id']


# -- reading ------------------------------------------------------------------------------
def list_databases(client, instance_id, name=None, charset=None):
    """Every database (4.11.4); ``name`` is matched exactly (the server filter may be looser)."""
    params = dict((k, v) for k, v in (('name', name), ('charset', charset)) if v)
    items = client.paginate('list_databases', 'databases', params=params, instance_id=instance_id)
    return [normalize_database(d) for d in items if name is None or d.get('name') == name]


def find_database(client, instance_id, name):
    found = list_databases(client, instance_id, name=name)
    return found[0] if found else None


def database_errors(params):
    """The 4.11.2/4.11.3 rules of gaussdb_database's options."""
    return database_name_errors(params['name']) + comment_errors(params['comment'], DB_COMMENT_FORBIDDEN, 'database')


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
        offered = client.call('list_charsets', instance_id=instance_id).get('charsets') or []
        if as_lower(charset) not in [as_lower(c) for c in offered]:
            raise InputError('character_set %r is not offered by the instance; choose one of %s'
                             % (charset, ', '.join(offered)))
        item = dict(name=name, character_set=charset)
        if params['comment']:
            item['comment'] = params['comment']
        created = dict(name=name, charset=charset, comment=params['comment'] or '', users=[])
        plan.add('create', replace_with(created), 'create_databases', body={'databases': [item]},
                 instance_id=instance_id,
                 recover=recover_when(lambda: find_database(client, instance_id, name)))
        return plan
    if params['character_set'] and as_lower(params['character_set']) != as_lower(current['charset']):
        raise InputError('Database %r has character set %s; the API cannot change it to %s'
                         % (name, current['charset'], params['character_set']))
    if params['comment'] is not None and params['comment'] != (current.get('comment') or ''):
        plan.add('comment', set_fields(comment=params['comment']), 'set_database_comment',
                 body={'databases': [dict(name=name, comment=params['comment'])]}, instance_id=instance_id)
    return plan


def list_accounts(client, instance_id):
    """Every ``user@host`` entry (4.10.2) with its grants."""
    items = client.paginate('list_db_users', 'users', instance_id=instance_id)
    return [normalize_account(u) for u in items]


def normalize_database(item):
    return dict(name=item.get('name'), charset=item.get('charset'), comment=item.get('comment'),
                users=sorted(({'name': u.get('name'), 'host': u.get('host'), 'readonly': as_bool(u.get('readonly'))}
                              for u in item.get('users') or []), key=lambda u: (u['name'] or '', u['host'] or '')))


def normalize_account(item):
    return dict(name=item.get('name'), host=item.get('host'), comment=item.get('comment'),
                databases=grants_to_list(normalize_grants(item.get('databases'))))


# -- writing ------------------------------------------------------------------------------
def chunked(items, size=MAX_ITEMS):
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items), size)]


class Changes(object):
    """Submits the asynchronous changes of one module run and waits for them together."""

    def __init__(self, module, instance_id):
        self.module = module
        self.instance_id = instance_id
        self.job_ids = []
        self._waited = 0

    def submit(self, operation, key, items, recover=None):
        """Send ``{key: items}`` in requests of at most 50 items; remember the job ids."""
        for part in chunked(items):
            response = self.module.client.call(operation, body={key: part}, instance_id=self.instance_id,
                                               recover=recover)
            self.job_ids.extend(job_ids_of(response))

    def wait(self):
        """Wait for the jobs submitted since the last wait (unless the user set wait=false)."""
        pending = self.job_ids[self._waited:]
        self._waited = len(self.job_ids)
        if pending and self.module.params.get('wait', True):
            self.module.client.wait_jobs(pending, self.module.params.get('wait_timeout') or 1800)

    def result_job_id(self):
        """DESIGN §9: one job id as a string, several as a list, none left out."""
        if not self.job_ids:
            return None
        return self.job_ids[0] if len(self.job_ids) == 1 else list(self.job_ids)


def recover_when(predicate):
    """A ``recover`` for a create whose answer was lost: if the state shows it ran, go on without a job."""
    def recover():
        try:
            return {} if predicate() else None
        except ApiError:
            return None
    return recover


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


def duplicate_grant_errors(items):
    """The same database twice in one list (the API takes each database once)."""
    seen, errors = set(), []
    for item in items or []:
        name = item.get('name') if isinstance(item, dict) else item
        if name in seen:
            errors.append('database %r is listed more than once' % (name,))
        seen.add(name)
    return errors


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


def apply_privilege_changes(current, changes):
    result = dict(current)
    result.update(changes['grant'])
    result.update(changes['update'])
    for db in changes['revoke']:
        result.pop(db, None)
    return result


def privilege_diff(current, changes):
    """Before/after of exactly the grants that change (nothing else), as ``{db: {readonly}}``."""
    touched = set(changes['grant']) | set(changes['update']) | set(changes['revoke'])
    after = apply_privilege_changes(current, changes)
    before = dict((db, dict(readonly=current[db])) for db in sorted(touched) if db in current)
    after = dict((db, dict(readonly=after[db])) for db in sorted(touched) if db in after)
    return before, after
