# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The task center of GaussDB(for MySQL) (seed 002 §4.13.2-4.13.6), for gaussdb_task_info and gaussdb_task.

Immediate tasks (4.13.2) are the jobs that run at once; scheduled tasks (4.13.3) are the changes asked
for the maintenance window (``delay``), ``Pending`` until then. A pending scheduled task can be cancelled
(4.13.4 by job ids, 4.13.6 for one job of an instance); the record of a finished task can be deleted
(4.13.5). Waiting for one job stays with gaussdb_job_info (4.13.1).

Paging: both lists read ``offset`` as the 1-based page number. 4.13.2's table says "默认为1"; 4.13.3's
table says "默认为0" but the official SDK's model says "默认为1", and 4.13.3's own example asks
``offset=1&limit=10`` for the first page. Tasks are also de-duplicated by job id, so a service that read
``offset`` as a record count could repeat tasks across pages but never report one twice.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_int
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    point_in_time_errors, to_api_time, to_epoch_ms,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, range_errors

# 4.13.2: limit 10, 20 or 50. 4.13.3 documents only its default (10): its pages are as large as 4.13.2's largest.
IMMEDIATE_PAGE_SIZES = (10, 20, 50)
SCHEDULED_PAGE_SIZE = 50
# 4.13.2 / 4.13.3: task statuses.
TASK_STATUSES = ('Running', 'Completed', 'Failed', 'Pending')
FINISHED = ('Completed', 'Failed')
MAX_LIMIT = 100000
# The A.3 table's "The job does not exist." (4.13.4-4.13.6 for a task already cancelled or deleted).
JOB_GONE_CODES = frozenset(('DBS.200543',))
# kind -> (operation, list key, status field) of the two lists.
KINDS = dict(immediate=('list_immediate_jobs', 'jobs', 'status'),
             scheduled=('list_scheduled_jobs', 'schedules', 'job_status'))


# -- input --------------------------------------------------------------------------------
def task_filter_errors(params):
    """The rules of gaussdb_task_info's filters: readable times (sent as 4.13.2/4.13.3's
    ``yyyy-mm-ddThh:mm:ss+0000``), in order, and a positive limit."""
    errors = point_in_time_errors('start_time', params['start_time'])
    errors += point_in_time_errors('end_time', params['end_time'])
    window = (params['start_time'], params['end_time'])
    if not errors and None not in window and to_epoch_ms(window[0]) > to_epoch_ms(window[1]):
        errors.append('start_time must not be later than end_time')
    return errors + range_errors('limit', params['limit'], 1, MAX_LIMIT)


# -- reading ------------------------------------------------------------------------------
def normalize_task(item):
    """A task as the API lists it; 4.13.2's table spells the instance status ``instance_statuses`` (its
    example and the SDK ``instance_status``): either is returned as ``instance_status``."""
    task = dict(item)
    if 'instance_statuses' in task:
        task.setdefault('instance_status', task.pop('instance_statuses'))
    return task


def _page_size(kind, limit):
    if kind == 'scheduled':
        return SCHEDULED_PAGE_SIZE
    return next((size for size in IMMEDIATE_PAGE_SIZES if limit and size >= limit), IMMEDIATE_PAGE_SIZES[-1])


def list_tasks(client, kind, params=None, keep=None, limit=None):
    """The tasks of ``kind`` (immediate or scheduled) that match the API filters ``params`` and ``keep(task)``,
    newest first, page after page (``offset`` is the page number) until the last page or ``limit`` tasks."""
    operation, key = KINDS[kind][:2]
    query = dict((k, v) for k, v in (params or {}).items() if v is not None)
    size = _page_size(kind, limit)
    found, seen, page = [], set(), 1
    while True:
        query.update(offset=page, limit=size)
        answer = client.call(operation, params=query)
        batch = answer.get(key) or []
        for item in batch:
            task = normalize_task(item)
            if task.get('job_id') in seen or (keep is not None and not keep(task)):
                continue
            seen.add(task.get('job_id'))
            found.append(task)
            if limit and len(found) >= limit:
                return found
        total = as_int(answer.get('total_count'))
        if len(batch) < size or (isinstance(total, int) and page * size >= total):
            return found
        page += 1


def instance_matcher(instance_id=None, instance_name=None):
    """``keep`` for list_tasks: tasks of the instance with this id or exact name (the lists have no
    instance filter of their own, so the tasks of deleted instances match too)."""
    if instance_id:
        return lambda task: task.get('instance_id') == instance_id
    if instance_name:
        return lambda task: task.get('instance_name') == instance_name
    return None


def task_query(params):
    """The API filters of gaussdb_task_info's options."""
    query = dict(status=params.get('status'), job_name=params.get('job_name'), job_id=params.get('job_id'))
    for name in ('start_time', 'end_time'):
        query[name] = to_api_time(params.get(name))
    return query


# -- cancelling and deleting (gaussdb_task) -----------------------------------------------
def task_selection_errors(params):
    """gaussdb_task's options: the ids, when given, are non-empty; without them the instance selects."""
    ids = params['job_ids']
    if ids is None:
        return []
    if not ids and not (params['instance_id'] or params['instance_name']):
        return ['job_ids must name at least one task (or give the instance whose scheduled tasks to cancel)']
    return ['job_ids must not contain an empty id'] if any(not (i or '').strip() for i in ids) else []


def task_view(task, scheduled):
    """What gaussdb_task shows of a task: from a 4.13.3 entry (``scheduled``) or a 4.13.1 record."""
    if scheduled:
        return dict(job_id=task.get('job_id'), job_name=task.get('job_name'), instance_id=task.get('instance_id'),
                    instance_name=task.get('instance_name'), status=task.get('job_status'), scheduled=True)
    instance = task.get('instance') or {}
    return dict(job_id=task.get('id'), job_name=task.get('name'), instance_id=instance.get('id'),
                instance_name=instance.get('name'), status=task.get('status'), scheduled=False)


def select_tasks(client, params, instance_id):
    """The tasks gaussdb_task acts on, ``{job_id: view}`` in the order given: the pending scheduled tasks
    (one 4.13.3 list) among ``job_ids`` or of the instance, with ``job_name``; for ``state: absent`` also the
    other tasks among ``job_ids`` that still exist (4.13.1, one call per id not pending). A named task of
    another instance than the one given is refused."""
    ids = list(dict.fromkeys(params['job_ids'] or []))
    pending = list_tasks(client, 'scheduled', dict(status='Pending', job_name=params['job_name']))
    pending_ids = dict((t['job_id'], t) for t in pending)
    selected = {}
    for task in pending:
        if (not ids or task['job_id'] in ids) and (not instance_id or task.get('instance_id') == instance_id):
            selected[task['job_id']] = task_view(task, True)
    _refuse_other_instance([task_view(pending_ids[i], True) for i in ids if i in pending_ids], instance_id)
    if params['state'] == 'absent':
        records = [task_view(r, False) for r in (client.job(i) for i in ids if i not in pending_ids) if r]
        records = [r for r in records if not params['job_name'] or r['job_name'] == params['job_name']]
        _refuse_other_instance(records, instance_id)
        selected.update((r['job_id'], r) for r in records)
    order = ids or list(selected)
    return dict((i, selected[i]) for i in order if i in selected)


def _refuse_other_instance(tasks, instance_id):
    others = ['%s (instance %s)' % (t['job_id'], t['instance_id']) for t in tasks
              if instance_id and t['instance_id'] != instance_id]
    if others:
        raise InputError('task %s does not belong to instance %s' % (', '.join(others), instance_id))


def tasks_view(selected):
    """The diff of gaussdb_task: each selected task with its name, instance and status."""
    return dict(tasks=dict((i, dict(job_name=t['job_name'], instance_id=t['instance_id'], status=t['status']))
                           for i, t in selected.items()))


def _removed(job_ids):
    def effect(view):
        for job_id in job_ids:
            view.get('tasks', {}).pop(job_id, None)
    return effect


def _unless_gone(operation, **call):
    """A step that sends ``operation``; "the job does not exist" (already cancelled or deleted, for example
    by a re-sent request whose first answer was lost) counts as done."""
    def apply(module):
        try:
            return module.client.call(operation, **call)
        except ApiError as exc:
            if exc.error_code in JOB_GONE_CODES:
                return {}
            raise
    return apply


def plan_tasks(params, selected, instance_id):
    """``(plan, cancel, delete)``: the steps that cancel the pending scheduled tasks of ``selected`` (4.13.6 one
    by one for an instance given, else one 4.13.4) and, for ``state: absent``, delete the records of the
    finished ones (4.13.5). A running task (or an immediate one not started) cannot be removed."""
    plan = Plan(tasks_view(selected))
    cancel = [i for i, t in selected.items() if t['scheduled'] and t['status'] == 'Pending']
    delete = []
    if params['state'] == 'absent':
        stuck = ['%s (%s, %s)' % (i, t['job_name'], t['status']) for i, t in selected.items()
                 if i not in cancel and t['status'] not in FINISHED]
        if stuck:
            raise InputError('task %s can be neither cancelled nor deleted while it runs; wait for it with '
                             'gaussdb_job_info' % ', '.join(stuck))
        delete = [i for i, t in selected.items() if i not in cancel]
    if cancel and instance_id:
        for job_id in cancel:
            plan.add('cancel %s' % job_id, _removed([job_id]), apply=_unless_gone(
                'delete_instance_scheduled_jobs', body={'job_id': job_id}, instance_id=instance_id))
    elif cancel:
        plan.add('cancel %s' % ', '.join(cancel), _removed(cancel),
                 apply=_unless_gone('cancel_scheduled_jobs', body={'job_ids': cancel}))
    for job_id in delete:
        plan.add('delete the record of %s' % job_id, _removed([job_id]), apply=_unless_gone('delete_job', job_id=job_id))
    return plan, cancel, delete
