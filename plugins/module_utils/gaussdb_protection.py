# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Backups, backup policies and restores of GaussDB(for MySQL) (seed 002 section 4.4).

Input rules the API reference states are checked here, before any request, so a module can
refuse bad input without touching the cloud. Readers and finders keep the API's field names.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import datetime
import re
import time

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import text_error
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

# 4.4.2: 4-64 characters and at most 64 bytes, starting with a letter or a Chinese character;
# letters, digits, Chinese characters, '-' and '_'.
_BACKUP_NAME = re.compile(u'^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]{3,63}$')
_BACKUP_DESCRIPTION_FORBIDDEN = '>!<"&='
BACKUP_DESCRIPTION_MAX = 256
# 4.4.1: "hh:mm-HH:MM", HH = hh + 1 and mm = MM = 00 (UTC).
_WINDOW = re.compile(r'^(\d{2}):(\d{2})-(\d{2}):(\d{2})$')
KEEP_DAYS_RANGE = (1, 732)           # 4.4.1 (3660 only on request to support: left to the API)
KEEP_DAYS_SUPPORT_MAX = 3660
OFFSITE_KEEP_DAYS_RANGE = (1, 1825)  # 4.4.11
INCREMENTAL_PAGE_SIZE = 50           # 4.4.10 accepts only 10, 20 or 50
_API_TIME = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$')
_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
INSTANCE_NOT_FOUND_CODES = frozenset(('DBS.200002', 'DBS.200045', 'DBS.200408', 'DBS.200602', 'DBS.201028',
                                      'DBS.290005', 'DBS.290011'))


# -- validation (each returns an error message or None) -----------------------------------
def backup_name_error(name):
    if name is None:
        return None
    if len(name.encode('utf-8')) > 64 or not _BACKUP_NAME.match(name):
        return ('backup name %r is invalid: 4 to 64 characters (at most 64 bytes), starting with a letter '
                'or a Chinese character, then letters, digits, Chinese characters, "-" or "_"' % name)
    return None


def backup_description_error(description):
    return text_error('backup description', description, BACKUP_DESCRIPTION_MAX, _BACKUP_DESCRIPTION_FORBIDDEN)


def backup_window_error(window):
    """4.4.1 start_time. Reading chosen: "HH must be hh + 1" wraps at midnight, so 23:00-00:00
    is accepted (the console offers that window); any other pair must be one hour apart."""
    if window is None:
        return None
    match = _WINDOW.match(str(window))
    if not match:
        return 'backup window %r must look like HH:00-HH:00 (UTC), for example 01:00-02:00' % window
    start_h, start_m, end_h, end_m = (int(x) for x in match.groups())
    if start_h > 23 or end_h > 23:
        return 'backup window %r has an hour out of 00-23' % window
    if start_m != 0 or end_m != 0:
        return 'backup window %r must start and end on the hour (minutes 00)' % window
    if (start_h + 1) % 24 != end_h:
        return 'backup window %r must be exactly one hour long, for example 01:00-02:00' % window
    return None


def normalize_period(period):
    """'1,2,3' / [3, 1, 2] / '3, 2 ,1' -> [1, 2, 3]; raises ValueError on anything but 1-7."""
    if period is None:
        return None
    items = period.split(',') if isinstance(period, str) else list(period)
    days = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if not text.isdigit() or not 1 <= int(text) <= 7:
            raise ValueError('backup period day %r is not a number from 1 to 7' % (item,))
        days.add(int(text))
    if not days:
        raise ValueError('backup period must name at least one day (1-7)')
    return sorted(days)


def period_text(days):
    return ','.join(str(d) for d in days)


def range_error(what, value, bounds):
    if value is None:
        return None
    low, high = bounds
    if not low <= int(value) <= high:
        return '%s must be between %d and %d, got %s' % (what, low, high, value)
    return None


# -- times ---------------------------------------------------------------------------------
def to_epoch_ms(value):
    """A point in time as the restore APIs want it (UNIX milliseconds, UTC).

    Accepts milliseconds (int or digits), or ISO 8601 text such as ``2024-05-01T10:00:00Z``,
    ``2024-05-01T18:00:00+08:00`` or ``2024-05-01 10:00`` (UTC when no offset is given).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError('a point in time cannot be a boolean')
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    match = _API_TIME.match(text)
    if not match:
        raise ValueError('%r is neither UNIX milliseconds nor an ISO 8601 time like 2024-05-01T10:00:00Z' % value)
    year, month, day, hour, minute, second, zone = match.groups()
    fields = (int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    try:
        datetime.datetime(*fields)  # refuses 2024-02-30, 25:00...
    except ValueError:
        raise ValueError('%r is not a valid date and time' % value)
    seconds = calendar.timegm(fields + (0, 0, 0))
    return (seconds - _offset_seconds(zone)) * 1000


def _offset_seconds(zone):
    if not zone or zone == 'Z':
        return 0
    sign = -1 if zone[0] == '-' else 1
    digits = zone[1:].replace(':', '')
    return sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)


def to_api_time(value):
    """Any accepted point in time -> the list APIs' ``yyyy-mm-ddThh:mm:ss+0000`` form (4.4.3, 4.4.10)."""
    if value is None:
        return None
    millis = to_epoch_ms(value)
    return time.strftime('%Y-%m-%dT%H:%M:%S+0000', time.gmtime(millis // 1000))


def date_error(value):
    if value is None or _DATE.match(str(value)):
        return None
    return 'date %r must look like yyyy-mm-dd' % value


def iso_from_ms(millis):
    if millis is None:
        return None
    try:
        return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(int(millis) // 1000))
    except (TypeError, ValueError):
        return None


# -- instances --------------------------------------------------------------------------
def instance_id_of(client, instance_id=None, instance_name=None):
    """The id of the instance given by id (no request) or by exact, unique name (one list request)."""
    if instance_id:
        return instance_id
    matches = client.find_instances(instance_name)
    if not matches:
        raise ApiError('Instance named %r does not exist' % instance_name, status=404)
    if len(matches) > 1:
        raise ApiError('Instance name %r is ambiguous: %s; give its id instead'
                       % (instance_name, ', '.join(sorted(m['id'] for m in matches))))
    return matches[0]['id']


def instance_details(client, instance_id=None, instance_name=None):
    """Full details of the instance (fails when it does not exist)."""
    details = client.resolve_instance(instance_id=instance_id, name=instance_name)
    if details is None:
        raise ApiError('Instance %s does not exist' % (instance_id or repr(instance_name)), status=404)
    return details


# -- backups ----------------------------------------------------------------------------
def list_backups(client, **filters):
    """Full backups (4.4.3), every page; ``filters`` are the API's query fields (None dropped)."""
    params = dict((k, v) for k, v in filters.items() if v is not None)
    return client.paginate('list_backups', 'backups', params=params)


def find_backups(client, instance_id, name):
    """Backups of the instance named exactly ``name`` (the API filter may match loosely)."""
    return [b for b in list_backups(client, instance_id=instance_id, name=name) if b.get('name') == name]


def find_backup(client, instance_id, name):
    """The one backup of that name, None when absent; several fail with their ids."""
    matches = find_backups(client, instance_id, name)
    if len(matches) > 1:
        raise ApiError('Backup name %r is ambiguous on instance %s: %s; give backup_id instead'
                       % (name, instance_id, ', '.join(sorted(b['id'] for b in matches))))
    return matches[0] if matches else None


def get_backup(client, backup_id, instance_id=None):
    found = [b for b in list_backups(client, backup_id=backup_id, instance_id=instance_id) if b.get('id') == backup_id]
    return found[0] if found else None


def wait_backup(client, backup_id, instance_id, timeout):
    """Poll the backup until it is no longer BUILDING; a FAILED backup raises."""
    def probe():
        backup = get_backup(client, backup_id, instance_id)
        if backup is None:
            raise ApiError('Backup %s disappeared while waiting for it' % backup_id, status=404)
        status = str(backup.get('status', '')).upper()
        if status == 'FAILED':
            raise ApiError('Backup %s (%s) failed' % (backup_id, backup.get('name')), error_code='BackupFailed')
        return status != 'BUILDING', backup
    return client.poller.wait(probe, timeout, 'backup %s to complete' % backup_id)


def list_incremental_backups(client, instance_id, begin_time=None, end_time=None):
    params = {}
    if begin_time and end_time:  # 4.4.10: each requires the other
        params.update(begin_time=begin_time, end_time=end_time)
    return client.paginate('list_incremental_backups', 'backups', params=params,
                           page_size=INCREMENTAL_PAGE_SIZE, instance_id=instance_id)


def restore_times(client, instance_id, date=None):
    params = {'date': date} if date else None
    return client.call('list_restore_times', params=params, instance_id=instance_id).get('restore_times') or []


# -- backup policy --------------------------------------------------------------------------
def desired_policy(current, wanted):
    """The full 4.4.1 policy: the user's fields over the current ones (the API wants all three)."""
    current = current or {}
    policy = dict(start_time=current.get('start_time'), keep_days=current.get('keep_days'),
                  period=current.get('period'))
    for key in ('start_time', 'keep_days', 'period', 'retention_num_backup_level1'):
        if wanted.get(key) is not None:
            policy[key] = wanted[key]
    if policy.get('period') is not None:
        policy['period'] = period_text(normalize_period(policy['period']))
    if policy.get('keep_days') is not None:
        policy['keep_days'] = int(policy['keep_days'])
    return policy


def policy_changes(current, wanted):
    """``{field: (current, wanted)}`` of the same-region policy fields the user set."""
    current = current or {}
    result = {}
    for key, value in wanted.items():
        if value is None:
            continue
        have = current.get(key)
        if key == 'retention_num_backup_level1' and have is None:
            # 4.4.4 table 4-322 spells it retention_number_backup_level1; its example and the
            # SDK use retention_num_backup_level1: accept both.
            have = current.get('retention_number_backup_level1')
        if key == 'period':
            same = have is not None and normalize_period(have) == normalize_period(value)
        elif key in ('keep_days', 'retention_num_backup_level1'):
            same = have is not None and int(have) == int(value)
        else:
            same = str(have) == str(value)
        if not same:
            result[key] = (have, value)
    return result


def encryption_is_on(status):
    return str(status or '').strip().lower() == 'on'


# -- restores ---------------------------------------------------------------------------
def table_restore_body(restore_time_ms, databases, last_table_info):
    """4.4.12 body; a table without new_name gets ``<old_name>_<restore_time>`` (the reference's own example)."""
    restore_tables = []
    for entry in databases:
        tables = []
        for table in entry['tables']:
            old = table['old_name']
            tables.append(dict(old_name=old, new_name=table.get('new_name') or '%s_%s' % (old, restore_time_ms)))
        restore_tables.append(dict(database=entry['database'], tables=tables))
    # 4.4.12 types restore_time as a String holding a timestamp and last_table_info as a String
    # "true"/"false"; the request example sends numbers and booleans. Reading chosen: send the
    # documented types (strings), which the example's server also reads.
    return dict(restore_time=str(restore_time_ms), last_table_info='true' if last_table_info else 'false',
                restore_tables=restore_tables)


def table_restore_errors(databases):
    errors = []
    seen_db = set()
    for entry in databases or []:
        db = entry.get('database')
        if db in seen_db:
            errors.append('database %r is listed twice' % db)
        seen_db.add(db)
        if not entry.get('tables'):
            errors.append('database %r lists no tables' % db)
            continue
        seen = set()
        for table in entry['tables']:
            if table.get('old_name') in seen:
                errors.append('table %r of database %r is listed twice' % (table.get('old_name'), db))
            seen.add(table.get('old_name'))
            if table.get('new_name') and table.get('new_name') == table.get('old_name'):
                errors.append('table %r of database %r: new_name must differ from old_name' % (table['old_name'], db))
    return errors


# -- restore to a new instance (gaussdb_instance's restore_point, 4.3.1 MysqlRestorePoint) --------
def restore_point_body(point):
    """The 4.3.1 ``restore_point``; its type follows from which of backup_id / restore_time is set."""
    body = dict(source_instance_id=point['source_instance_id'])
    if point.get('backup_id'):
        body.update(type='backup', backup_id=point['backup_id'])
    else:
        body.update(type='timestamp', restore_time=to_epoch_ms(point['restore_time']))
    return body


def restore_point_errors(point):
    if not point:
        return []
    try:
        to_epoch_ms(point.get('restore_time'))
    except ValueError as exc:
        return ['restore_point.restore_time: %s' % exc]
    return []
