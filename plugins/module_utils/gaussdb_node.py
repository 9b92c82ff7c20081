# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""GaussDB nodes: roles, the documented rules of gaussdb_node, its node lookup and its plan.

Used by the gaussdb_node and gaussdb_node_info modules and the clouddb.mysql.gaussdb
inventory plugin, so that all three agree on what a role is and how a node is found.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find, required
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, pattern_errors

# 4.3.33 table 4-241: node type "master" (primary) or "slave" (read-only). The collection
# speaks of roles master / readonly, as the console does.
ROLE_OF_TYPE = {'master': 'master', 'slave': 'readonly'}
# 4.3.37 table 4-270: Chinese characters, digits, letters, '-' and '_', 4 to 128 characters.
NODE_NAME = re.compile(u'^[\u4e00-\u9fa5A-Za-z0-9_-]{4,128}$')
# 4.3.40 table 4-288: 1 (highest) to 16, or -1 (never chosen as the new primary).
PRIORITY_RANGE = list(range(1, 17)) + [-1]
NEVER_FAILOVER = -1
# 4.3.40 table 4-288: -1 is accepted when a single-zone instance has more than two read-only nodes.
SINGLE_ZONE_MIN_READONLY = 3


def node_role(node):
    """``master`` or ``readonly`` (unknown types are passed through lower-cased)."""
    kind = str(node.get('type') or '').lower()
    return ROLE_OF_TYPE.get(kind, kind or None)


def node_private_ip(node):
    ips = node.get('private_read_ips') or []
    return ips[0] if ips else None


def with_role(node):
    """The node as the modules return it: the API's fields plus ``role``."""
    return dict(node, role=node_role(node))


def select_nodes(instance, node_id=None, node_name=None, role=None):
    """The nodes of ``instance`` (with their role and ``instance_id``) that match every filter given."""
    nodes = [dict(with_role(n), instance_id=instance.get('id')) for n in instance.get('nodes') or []]
    return [n for n in nodes if all((not node_id or n.get('id') == node_id, not node_name or n.get('name') == node_name,
                                     not role or n['role'] == role))]


def describe_nodes(instance):
    """``name (id, role)`` of every node, for messages that must help pick the right one."""
    return ', '.join('%s (%s, %s)' % (n.get('name'), n.get('id'), node_role(n)) for n in instance.get('nodes') or [])


def target_node(instance, node_id=None, node_name=None):
    """The node of ``instance`` with id ``node_id``, or else the one named ``node_name``. An ambiguous
    name fails with the candidates' ids; an unknown node fails listing the instance's nodes."""
    node = find(instance.get('nodes') or [], 'Node', node_id, node_name, hint='node_id')
    ref = node_id or repr(node_name)
    return required(node, 'Node', '%s of instance %s (its nodes: %s)' % (ref, instance.get('id'), describe_nodes(instance)))


def node_errors(params):
    """The documented rules of gaussdb_node's options that need no current state."""
    errors = pattern_errors('name', params.get('name'), NODE_NAME,
                            '4 to 128 characters: letters, digits, Chinese characters, "-" and "_"')
    priority = params.get('priority')
    if priority is not None and priority not in PRIORITY_RANGE:
        errors.append('priority must be between 1 and 16, or -1 (never fail over to this node); got %s' % priority)
    return errors


def never_failover_error(instance, node):
    """Why ``node`` may not get priority -1 (4.3.40 table 4-288), or None.

    The reference accepts -1 "when a single-zone instance has more than two read-only nodes, or when a
    multi-zone instance is in more than one availability zone after the change". We read the second
    case as: the nodes that still take part in a failover (the primary and the read-only nodes whose
    priority is not -1, this one no longer counted) are in more than one zone. An instance whose
    ``az_mode`` is not reported is left to the API.
    """
    nodes = instance.get('nodes') or []
    mode = str(instance.get('az_mode') or '').lower()
    if mode == 'single':
        readonly = [n for n in nodes if node_role(n) == 'readonly']
        if len(readonly) < SINGLE_ZONE_MIN_READONLY:
            return ('priority -1 needs more than two read-only nodes in a single-zone instance; instance %s has %d '
                    '(4.3.40)' % (instance.get('id'), len(readonly)))
    elif mode == 'multi':
        zones = sorted(set(str(n.get('az_code')) for n in nodes if n.get('id') != node.get('id') and (
            node_role(n) == 'master' or _int_or_none(n.get('priority')) != NEVER_FAILOVER)))
        if len(zones) < 2:
            return ('priority -1 on node %s would leave the nodes that take part in a failover in %s; a multi-zone '
                    'instance must keep them in more than one availability zone (4.3.40)'
                    % (node.get('id'), ', '.join(zones) or 'no availability zone'))
    return None


def node_view(node):
    """The managed fields of a node, for diff and for deciding what changes."""
    return dict(name=node.get('name'), priority=_int_or_none(node.get('priority')), role=node_role(node))


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def plan_node(instance, node, params):
    """The steps that take ``node`` (of ``instance``) to what ``params`` ask for; the view is the node
    with its role (with_role).

    Order: rename, priority, switchover, restart. Priority is set while the node is still read-only
    (4.3.40 concerns failover candidates), before it may become the primary. Documented rules that need
    the instance (priority -1, switchover to priority 1 only) raise InputError before any change.
    """
    instance_id, node_id = instance['id'], node['id']
    view = node_view(node)
    plan = Plan(with_role(node))
    name, priority = params.get('name'), params.get('priority')
    if name is not None and name != view['name']:
        # 4.3.37's URI says PUT (its request example says POST): the URI table wins.
        plan.add('rename', set_fields(name=name), 'rename_nodes', instance_id=instance_id,
                 body={'node_list': [{'node_id': node_id, 'name': name}]})
    if priority is not None and priority != view['priority']:
        error = never_failover_error(instance, node) if priority == NEVER_FAILOVER else None
        if error:
            raise InputError(error)
        # Table 4-288 types priority as String, but its example sends a number; we follow the example.
        plan.add('priority', set_fields(priority=priority), 'set_node_priority', instance_id=instance_id,
                 node_id=node_id, body={'priority': priority})
    if params.get('promote') and view['role'] != 'master':
        # 4.3.19 / DBS.05000101: a manual switchover goes only to a node whose failover priority is 1.
        wanted = priority if priority is not None else view['priority']
        if wanted != 1:
            raise InputError('Node %s has failover priority %s; the API switches over only to a node with priority 1 '
                             '(DBS.05000101): add priority: 1' % (node_id, wanted))
        plan.add('promote', set_fields(type='master', role='master'), 'switchover', instance_id=instance_id,
                 body={'node_id': node_id})
    if params.get('state') == 'restarted':
        # 4.3.14; a POST, so never re-sent after a lost answer (a second restart is not harmless).
        body = {'delay': bool(params.get('restart_delay'))}
        if body['delay']:
            plan.add('restart in the maintenance window', apply=_delayed_restart(instance_id, node_id, body))
        else:
            plan.add('restart', None, 'restart_node', instance_id=instance_id, node_id=node_id, body=body)
    return plan


def _delayed_restart(instance_id, node_id, body):
    """A restart scheduled for the maintenance window: its job is returned, never waited for."""
    def apply(module):
        module.jobs.scheduled(module.client.call('restart_node', instance_id=instance_id, node_id=node_id, body=body))
    return apply
