# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Day-2 changes of a whole GaussDB(for MySQL) instance (seed 002): the kernel minor-version upgrade
(4.3.15, read through 4.3.27), the auto-scaling policy and its history (4.3.28, 4.3.29, 4.3.38) and the
Serverless policy (4.3.39).

Shared by gaussdb_instance_upgrade, gaussdb_auto_scaling, gaussdb_auto_scaling_info and
gaussdb_serverless_policy: the documented input rules (checked before any API call), the readers and their
views, and the plan builders (``plan_upgrade``, ``plan_auto_scaling``, ``plan_serverless``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool, as_int, as_lower
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import instance_is_idle
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import recover_if_found
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, pattern_errors, range_errors

# -- kernel upgrade (4.3.15, 4.3.27) -------------------------------------------------------------
LATEST = 'latest'
# Kernel versions as 4.3.27 writes them: 2.0.28.15, 2.0.42.230600.
KERNEL_VERSION_RE = re.compile(r'^(latest|\d+(\.\d+){1,4})$')
UPGRADE_JOB = 'UpgradeGaussDBforMySQLDatabaseVersion'   # 4.13.3 job_name of a (scheduled) kernel upgrade


def upgrade_errors(params):
    """gaussdb_instance_upgrade's options: ``latest`` or a dotted kernel version."""
    return pattern_errors('kernel_version', params['kernel_version'], KERNEL_VERSION_RE,
                          'latest or a kernel version such as 2.0.51.240300')


def read_kernel_version(client, instance_id):
    """The 4.3.27 answer: ``datastore`` (current_version, current_kernel_version, latest_version,
    latest_kernel_version) and ``upgrade_flag``."""
    answer = client.call('show_kernel_version', instance_id=instance_id)
    return dict(datastore=dict(answer.get('datastore') or {}), upgrade_flag=as_bool(answer.get('upgrade_flag')))


def current_kernel(version):
    return version['datastore'].get('current_kernel_version')


def upgrade_target(params, version):
    """The kernel version the run should end on; refuses what 4.3.15 cannot reach (nothing sent yet)."""
    datastore = version['datastore']
    current, latest = datastore.get('current_kernel_version'), datastore.get('latest_kernel_version')
    wanted = params['kernel_version']
    if wanted in (LATEST, latest) or wanted == current:
        return latest if wanted == LATEST else wanted
    raise InputError('kernel_version %s cannot be reached: the upgrade (4.3.15) only moves to the latest kernel '
                     'version, %s; the instance runs %s' % (wanted, latest, current))


def pending_upgrade(client, instance_id):
    """The scheduled (``delay: true``) kernel upgrade of the instance still waiting for the maintenance window
    (4.13.3), or None. 4.13.3 filters by job name and status, not by instance."""
    schedules = client.paginate('list_scheduled_jobs', 'schedules',
                                params={'job_name': UPGRADE_JOB, 'status': 'Pending'})
    return next((s for s in schedules if s.get('instance_id') == instance_id), None)


def plan_upgrade(client, instance_id, params, version, found):
    """The upgrade step that takes the instance from its current kernel to ``kernel_version``, if any. A
    delayed upgrade already waiting for the maintenance window counts as done: its 4.13.3 record is put in
    ``found['scheduled']``."""
    current = current_kernel(version)
    target = upgrade_target(params, version)
    plan = Plan({'kernel_version': current})
    if target == current:
        return plan
    if not version['upgrade_flag']:
        raise InputError('Instance %s runs kernel %s and %s is the latest, but the API reports that it cannot be '
                         'upgraded now (upgrade_flag false in 4.3.27; an abnormal instance cannot be upgraded)'
                         % (instance_id, current, target))
    delay = params['delay']
    if delay:
        found['scheduled'] = pending_upgrade(client, instance_id)
        if not found['scheduled']:
            plan.add('upgrade in the maintenance window', set_fields(kernel_version=target),
                     apply=_schedule_upgrade(instance_id))
        return plan
    body = {'delay': False}
    plan.add('upgrade', set_fields(kernel_version=target), 'upgrade_kernel', instance_id=instance_id, body=body,
             recover=_upgraded_or_busy(client, instance_id, target))
    return plan


def _schedule_upgrade(instance_id):
    """A delayed upgrade runs in the maintenance window: its job id is returned, never waited for. A lost
    answer is recovered from the scheduled task it left (4.13.3)."""
    def apply(module):
        client = module.client
        recover = recover_if_found(lambda: pending_upgrade(client, instance_id), lambda task: {'job_id': task['job_id']})
        module.jobs.scheduled(client.call('upgrade_kernel', instance_id=instance_id, body={'delay': True},
                                          recover=recover))
    return apply


def _upgraded_or_busy(client, instance_id, target):
    """A ``recover`` for an upgrade whose answer was lost: it ran when the kernel is already ``target`` or the
    instance is busy (the upgrade's job); re-sending would answer "already the latest" (DBS.05000008)."""
    def recover():
        if current_kernel(read_kernel_version(client, instance_id)) == target:
            return {}
        details = client.get_instance(instance_id) or {}
        return {} if details and not instance_is_idle(details) else None
    return recover


# -- auto-scaling (4.3.28, 4.3.29, 4.3.38) ----------------------------------------------------------
MONITOR_CYCLES = (300, 600, 900, 1800)                                 # 4.3.28 monitor_cycle, seconds
SILENCE_CYCLES = (300, 600, 1800, 3600, 7200, 10800, 86400, 604800)    # 4.3.28 silence_cycle, seconds
ENLARGE_THRESHOLD = (50, 100)                                          # 4.3.28 enlarge_threshold, % CPU
MAX_READ_ONLY_COUNT = (2, 15)                                          # 4.3.29 "2<=...<设定值<=15"
READ_ONLY_WEIGHT = (0, 1000)                                           # 4.3.29 read_only_weight
POLICY_FIELDS = ('flavor_switch', 'read_only_switch', 'monitor_cycle', 'silence_cycle', 'enlarge_threshold',
                 'max_flavor', 'reduce_enabled', 'max_read_only_count', 'read_only_weight')
# 4.3.28: required with status ON, and with each strategy switch ON.
REQUIRED_WHEN_ON = ('monitor_cycle', 'silence_cycle', 'enlarge_threshold', 'reduce_enabled')
REQUIRED_WITH = dict(flavor_switch=('max_flavor',), read_only_switch=('max_read_only_count', 'read_only_weight'))
POLICY_NORMALIZERS = dict(monitor_cycle=as_int, silence_cycle=as_int, enlarge_threshold=as_int, max_flavor=as_lower,
                          max_read_only_count=as_int, read_only_weight=as_int)


def auto_scaling_errors(params):
    """gaussdb_auto_scaling's options: the ranges of 4.3.28/4.3.29 (the cycles are choices of the
    argument spec), and no policy setting with ``enabled: false`` (switching off clears the policy)."""
    errors = range_errors('enlarge_threshold', params['enlarge_threshold'], *ENLARGE_THRESHOLD)
    errors += range_errors('max_read_only_count', params['max_read_only_count'], *MAX_READ_ONLY_COUNT)
    errors += range_errors('read_only_weight', params['read_only_weight'], *READ_ONLY_WEIGHT)
    given = [k for k in POLICY_FIELDS if params[k] is not None]
    if params['enabled'] is False and given:
        errors.append('%s only apply with enabled=true: switching auto-scaling off clears the policy (4.3.29 then '
                      'reports no values)' % ', '.join(given))
    return errors


def read_auto_scaling(client, instance_id):
    """The 4.3.29 answer (the policy, with the instance's id and name)."""
    return client.call('show_auto_scaling_policy', instance_id=instance_id)


def _switch(value):
    """'ON'/'OFF' -> True/False; '' or None (no policy) -> None."""
    return None if value in (None, '') else as_bool(value)


def auto_scaling_view(policy):
    """What gaussdb_auto_scaling manages of a 4.3.29 answer, in its option names; a policy that is off is
    ``{'enabled': False}`` (4.3.29 then reports no values)."""
    if not policy or str(policy.get('status')).upper() != 'ON':
        return {'enabled': False}
    strategy = policy.get('scaling_strategy') or {}
    view = dict(enabled=True, flavor_switch=_switch(strategy.get('flavor_switch')),
                read_only_switch=_switch(strategy.get('read_only_switch')),
                reduce_enabled=as_bool(policy.get('reduce_enabled')), max_flavor=policy.get('max_flavor'))
    for field in ('monitor_cycle', 'silence_cycle', 'enlarge_threshold', 'max_read_only_count', 'read_only_weight'):
        view[field] = as_int(policy.get(field))
    return dict((k, v) for k, v in view.items() if v is not None)


def plan_auto_scaling(instance_id, params, policy):
    """The step that takes the policy ``policy`` (a 4.3.29 answer) to what ``params`` ask for. Only the
    options set are compared; the others keep their current values (4.3.28 takes the whole policy)."""
    have = auto_scaling_view(policy)
    plan = Plan(have)
    enabled = have['enabled'] if params['enabled'] is None else params['enabled']
    if not enabled:
        if have['enabled']:
            body = dict(status='OFF', scaling_strategy=dict(flavor_switch='OFF', read_only_switch='OFF'))
            plan.add('switch off', replace_with({'enabled': False}), 'set_auto_scaling_policy',
                     instance_id=instance_id, body=body)
        elif any(params[k] is not None for k in POLICY_FIELDS):
            raise InputError('Auto-scaling of instance %s is off: set enabled=true to set its policy' % instance_id)
        return plan
    want = dict((k, v) for k, v in have.items() if k != 'enabled')
    want.update((k, params[k]) for k in POLICY_FIELDS if params[k] is not None)
    for switch in REQUIRED_WITH:
        want.setdefault(switch, False)
    needed = [k for k in REQUIRED_WHEN_ON if want.get(k) is None]
    for switch, fields in REQUIRED_WITH.items():
        needed += [k for k in fields if want[switch] and want.get(k) is None]
    if needed:
        raise InputError('Auto-scaling of instance %s needs %s (4.3.28: required with status ON and the strategy '
                         'switches set)' % (instance_id, ', '.join(needed)))
    want['enabled'] = True
    if all(POLICY_NORMALIZERS.get(k, _same)(have.get(k)) == POLICY_NORMALIZERS.get(k, _same)(v)
           for k, v in want.items()):
        return plan
    plan.add('set the policy', replace_with(want), 'set_auto_scaling_policy', instance_id=instance_id,
             body=auto_scaling_body(want))
    return plan


def _same(value):
    return value


def _on_off(value):
    return 'ON' if value else 'OFF'


def auto_scaling_body(want):
    """The 4.3.28 body of a policy that is on (``want``: the view of the desired policy)."""
    body = dict(status='ON', scaling_strategy=dict(flavor_switch=_on_off(want['flavor_switch']),
                                                   read_only_switch=_on_off(want['read_only_switch'])))
    for field in POLICY_FIELDS[2:]:
        if want.get(field) is not None:
            body[field] = want[field]
    return body


def auto_scaling_history(client, instance_id):
    """Every record of 4.3.38 (newest first, as the API lists them)."""
    return client.paginate('list_auto_scaling_history', 'records', instance_id=instance_id)


# -- Serverless (4.3.39) ---------------------------------------------------------------------------
SERVERLESS_UNREADABLE = ('the API reference documents no way to read the Serverless policy back (4.3.39 is the '
                         'only call; neither the instance details nor the flavors carry it), so it is set on every run')


def serverless_errors(params):
    """At least 1 vCPU, and the lower limit not above the upper one (the exact range is the flavors' vCPU
    counts, 4.2.1: the API checks it)."""
    errors = ['%s must be at least 1, got %d' % (k, params[k]) for k in ('min_vcpus', 'max_vcpus') if params[k] < 1]
    if params['min_vcpus'] > params['max_vcpus']:
        errors.append('min_vcpus (%d) must not exceed max_vcpus (%d)' % (params['min_vcpus'], params['max_vcpus']))
    return errors


def serverless_view(params):
    return dict(min_vcpus=params['min_vcpus'], max_vcpus=params['max_vcpus'])


def plan_serverless(instance_id, params):
    """One step, always: the current policy cannot be read, so ``before`` is empty."""
    want = serverless_view(params)
    return Plan().add('set the Serverless policy', set_fields(**want), 'set_serverless_policy',
                      instance_id=instance_id, body=dict(want))
