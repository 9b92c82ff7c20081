# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Temporary (restored) CDS instances (cds_temporary_instance, cds_temporary_instance_info): readers,
the restore with lost-answer recovery, the restore time and its window, promotion into a normal
instance, deletion, and the waits after them (reference 5.25-5.30)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import (
    RUNNING, format_time, instance_result, parse_time, with_progress,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import get_backup
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import require_ha, wait_running
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find, unique
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError

TIME_RULE = 'must look like 2024-07-05 09:00:00'


# -- reading and waiting ---------------------------------------------------------------------
def list_temporary(client, uuid):
    return client.data('DescribeTemporaryDBInstances', {'InstanceUuid': uuid}) or []


def get_temporary(client, uuid, temporary_id):
    return find(list_temporary(client, uuid), 'Temporary instance', temporary_id, id_key='TemporaryInstanceUuid')


def wait_temporary(client, uuid, temporary_id, timeout, gone=False):
    return client.wait_entry(lambda: get_temporary(client, uuid, temporary_id), temporary_id, timeout,
                             'temporary instance', RUNNING, gone)


def filter_temporary(items, params):
    """cds_temporary_instance_info's filters: id, name."""
    if params['id']:
        items = [t for t in items if t.get('TemporaryInstanceUuid') == params['id']]
    if params['name'] is not None:
        items = [t for t in items if t.get('TemporaryInstanceName') == params['name']]
    return items


def restore_window(client, uuid):
    return client.data('DescribeRollbackRangeTime', {'InstanceUuid': uuid}) or {}


def create_temporary(client, uuid, name, select_time, existing_ids):
    """StartBatchRollbackToTemporaryDBInstance answers no id: the new entry is found by listing.
    Returns (its id, the TaskId)."""
    def lookup():
        return [t['TemporaryInstanceUuid'] for t in list_temporary(client, uuid)
                if t.get('TemporaryInstanceUuid') not in existing_ids and t.get('TemporaryInstanceName') == name]

    params = {'InstanceUuid': uuid, 'SelectTime': select_time, 'TemporaryInstanceName': name}
    return client.create_listed('StartBatchRollbackToTemporaryDBInstance', params, uuid, lookup, 'temporary instance')


def current_temporary(module, uuid):
    """The temporary instance with O(id), else the only one named O(name); one still being created is
    waited for (wait=true) unless it is to be deleted."""
    params = module.params
    found = find(list_temporary(module.client, uuid), 'Temporary instance', params['id'], params['name'],
                 'TemporaryInstanceUuid', 'TemporaryInstanceName')
    if found and params['state'] != 'absent' and module.jobs.wait and found.get('Status') == 'CREATING':
        found = wait_temporary(module.client, uuid, found['TemporaryInstanceUuid'], module.jobs.remaining())
    return found


def promoted_instance(client, primary_uuid, params):
    """The instance an earlier run promoted (same uuid, or same name), or None."""
    if params['id']:
        return client.get_instance(params['id'])
    found = [i for i in client.list_instances(name=params['name']) if i['InstanceUuid'] != primary_uuid]
    return unique(found, 'Instance', params['name'], 'InstanceUuid', 'the temporary instance id')


# -- views -----------------------------------------------------------------------------------
def temporary_view(state):
    """The managed fields (diff) of ``{temporary, instance}``: the temporary instance, or once promoted
    the instance it became."""
    tmp, instance = state.get('temporary'), state.get('instance')
    if tmp:
        return dict(name=tmp.get('TemporaryInstanceName'), status=tmp.get('Status'),
                    restore_time=tmp.get('SelectRecoveryTime'))
    if instance:
        return dict(name=instance.get('InstanceName'), status='regularized')
    return {}


def temporary_result(state):
    """The result keys: ``temporary_instance``, and ``instance`` once promoted."""
    result = dict(temporary_instance=with_progress(state['temporary']))
    if state['instance']:
        result['instance'] = instance_result(state['instance'])
    return result


# -- plan ------------------------------------------------------------------------------------
def temporary_errors(params):
    """cds_temporary_instance's rules that need no request."""
    text = params['restore_time']
    if text is not None and parse_time(text.strip()) is None:
        return ['restore_time %s, not %r' % (TIME_RULE, text)]
    return []


def select_time(client, params, uuid):
    """SelectTime of the restore, checked against the restore window before anything is created."""
    if params['backup_id']:
        backup = get_backup(client, uuid, params['backup_id'])
        if backup is None or backup.get('Status') != 'finished':
            raise InputError('Backup %s of instance %s does not exist or is not finished' % (params['backup_id'], uuid))
        # Reading of "restore a backup into a temporary instance": the API restores only to a point
        # in time, so a backup stands for the moment it ended (EndTime), the state it captured.
        text = backup.get('EndTime') or backup.get('BackupFinishTime')
    elif params['restore_time']:
        text = params['restore_time'].strip()
    else:
        raise InputError('restore_time or backup_id is required to restore into temporary instance %s' % params['name'])
    wanted = parse_time(text)
    if wanted is None:
        raise InputError('restore_time %s, not %r' % (TIME_RULE, text))
    window = restore_window(client, uuid)
    left, right = parse_time(window.get('LeftBorderTime')), parse_time(window.get('RightBorderTime'))
    if left is not None and right is not None and not left <= wanted <= right:
        raise InputError('The restore time %s is outside the restore window %s - %s'
                         % (text, window.get('LeftBorderTime'), window.get('RightBorderTime')))
    return format_time(wanted)


def _set_temporary(tmp):
    def effect(state):
        state['temporary'] = dict(tmp)
    return effect


def _restore_step(client, params, primary):
    """(the predicted temporary instance, the restore's apply function)."""
    uuid = primary['InstanceUuid']
    if not params['name']:
        raise InputError('name is required to restore into a temporary instance')
    if params['id']:
        raise InputError('Temporary instance %s does not exist; give name (not id) to restore one' % params['id'])
    require_ha(primary, 'Restores')
    when = select_time(client, params, uuid)
    created = dict(TemporaryInstanceName=params['name'], Status='CREATING', Progress=0, SelectRecoveryTime=when)

    def restore(module):
        # The answer names no id: the predicted temporary instance gets the one the listing finds.
        wait_running(module, primary)
        existing = set(t.get('TemporaryInstanceUuid') for t in list_temporary(module.client, uuid))
        created['TemporaryInstanceUuid'], task = create_temporary(module.client, uuid, params['name'], when, existing)
        return {'TaskId': task}
    return created, restore


def _regularize_step(uuid, tmp):
    """(the effect, the apply function) of promoting ``tmp`` (filled in by a restore of the same run)."""
    def effect(state):
        state['instance'] = dict(InstanceName=tmp.get('TemporaryInstanceName'), Status=RUNNING,
                                 InstanceUuid=tmp.get('TemporaryInstanceUuid'))
        state['temporary'] = {}

    def regularize(module):
        client, tid = module.client, tmp['TemporaryInstanceUuid']
        if tmp.get('Status') != RUNNING:
            if not module.jobs.wait:
                raise InputError('Temporary instance %s is %s; it can be promoted once RUNNING (use wait)'
                                 % (tid, tmp.get('Status')))
            wait_temporary(client, uuid, tid, module.jobs.remaining())
        return client.call('RegularizeTemporaryDBInstances', {'InstanceUuid': uuid, 'TemporaryInstanceUuid': tid},
                           instance_id=uuid, recover=client.recover_when(lambda: get_temporary(client, uuid, tid) is None))
    return effect, regularize


def _delete_step(uuid, tmp):
    tid = tmp['TemporaryInstanceUuid']

    def delete(module):
        client = module.client
        if tmp.get('Status') == 'CREATING' and module.jobs.wait:
            # A restore still running cannot be deleted (ResourceInUse): let it finish first.
            wait_temporary(client, uuid, tid, module.jobs.remaining())

        def deleting():
            return (get_temporary(client, uuid, tid) or {'Status': 'DELETING'}).get('Status') == 'DELETING'
        return client.call('DeleteTemporaryDBInstances', {'InstanceUuid': uuid, 'TemporaryInstanceUuid': tid},
                           instance_id=uuid, recover=client.recover_when(deleting))
    return delete


def plan_temporary(client, params, primary, tmp, promoted):
    """The steps from the temporary instance ``tmp`` (None: absent) or the instance an earlier run
    ``promoted`` to what ``params`` ask for. The plan's state is ``{temporary, instance}``."""
    uuid = primary['InstanceUuid']
    plan = Plan(dict(temporary=tmp or {}, instance=promoted or {}))
    if params['state'] == 'absent':
        if tmp and tmp.get('Status') != 'DELETING':
            plan.add('delete', _set_temporary({}), apply=_delete_step(uuid, tmp))
        return plan
    if promoted:
        # Once promoted, a temporary instance is gone from the list; an instance with its name means
        # the work of an earlier run is done (present and regularized alike), not "restore again".
        return plan
    if tmp is None:
        tmp, restore = _restore_step(client, params, primary)
        plan.add('restore', _set_temporary(tmp), apply=restore)
    if params['state'] == 'regularized':
        effect, regularize = _regularize_step(uuid, tmp)
        plan.add('promote', effect, apply=regularize)
    return plan


def settle_temporary(module, uuid, plan):
    """``{temporary, instance}`` once the plan has run: the restore waited for (wait=true) or read back,
    the promoted instance read back (and waited for until listed); ``temporary`` {} once deleted."""
    client, params = module.client, module.params
    state = plan.after
    wait = module.jobs.wait and not module.check_mode
    if params['state'] == 'absent':
        tmp = plan.before['temporary']
        if tmp and wait:
            wait_temporary(client, uuid, tmp['TemporaryInstanceUuid'], module.jobs.remaining(), gone=True)
        return dict(state, temporary={})
    if not plan.changed or module.check_mode:
        return state
    if params['state'] == 'present':
        tmp = state['temporary']
        tid = tmp['TemporaryInstanceUuid']
        if wait:
            state['temporary'] = wait_temporary(client, uuid, tid, module.jobs.remaining())
        else:
            state['temporary'] = get_temporary(client, uuid, tid) or tmp
        return state
    tid = state['instance']['InstanceUuid']
    instance = client.get_instance(tid)
    if instance is None and wait:
        instance = client.wait_instance(tid, module.jobs.remaining())
    state['instance'] = instance or state['instance']
    return state
