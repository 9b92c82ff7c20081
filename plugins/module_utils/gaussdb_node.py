# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""GaussDB nodes: roles, lookups by id or name, and the per-node changes of gaussdb_node.

Used by the gaussdb_node and gaussdb_node_info modules and the clouddb.mysql.gaussdb
inventory plugin, so that all three agree on what a role is and how a node is found.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import job_ids_of
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

# 4.3.33 table 4-241: node type "master" (primary) or "slave" (read-only). The collection
# speaks of roles master / readonly, as the console does.
ROLE_OF_TYPE = {'master': 'master', 'slave': 'readonly'}
# 4.3.37 table 4-270: Chinese characters, digits, letters, '-' and '_', 4 to 128 characters.
NODE_NAME = re.compile(u'^[\u4e00-\u9fa5A-Za-z0-9_-]{4,128}$')
# 4.3.40 table 4-288: 1 (highest) to 16, or -1 (never chosen as the new primary).
PRIORITY_RANGE = list(range(1, 17)) + [-1]


def node_role(node):
    """``master`` or ``readonly`` (unknown types are passed through lower-cased)."""
    kind = str(node.get('type') or '').lower()
    return ROLE_OF_TYPE.get(kind, kind or None)


def node_private_ip(node):
    ips = node.get('private_read_ips') or []
    return ips[0] if ips else None


def find_node(instance, node_id=None, node_name=None):
    """The node of ``instance`` with id ``node_id``, or else unique name ``node_name``; None if none."""
    nodes = instance.get('nodes') or []
    if node_id:
        return next((node for node in nodes if node.get('id') == node_id), None)
    named = [node for node in nodes if node.get('name') == node_name]
    if len(named) > 1:
        raise ApiError('Node name %r is ambiguous in instance %s: %s; give node_id instead'
                       % (node_name, instance.get('id'), ', '.join(sorted(n['id'] for n in named))))
    return named[0] if named else None


def describe_nodes(instance):
    """``name (id, role)`` of every node, for messages that must help pick the right one."""
    return ', '.join('%s (%s, %s)' % (n.get('name'), n.get('id'), node_role(n)) for n in instance.get('nodes') or [])


def validate_node_options(name=None, priority=None):
    """Error message for values the API documents as invalid, or None (checked before any call)."""
    if name is not None and not NODE_NAME.match(name):
        return ('name must be 4 to 128 characters: letters, digits, Chinese characters, "-" and "_" '
                '(got %r)' % name)
    if priority is not None and priority not in PRIORITY_RANGE:
        return 'priority must be between 1 and 16, or -1 (never fail over to this node); got %s' % priority
    return None


def node_view(node):
    """The managed fields of a node, for diff and for deciding what changes."""
    return dict(name=node.get('name'), priority=_int_or_none(node.get('priority')), role=node_role(node))


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def plan_node_changes(node, name=None, priority=None, promote=False):
    """Ordered ``[(action, argument)]`` taking ``node`` to the wanted state (only what was set).

    Order: rename, priority, then switchover. Priority is set while the node is still
    read-only (4.3.40 concerns failover candidates), before it may become the primary.
    """
    view = node_view(node)
    plan = []
    if name is not None and name != view['name']:
        plan.append(('rename', name))
    if priority is not None and priority != view['priority']:
        plan.append(('priority', priority))
    if promote and view['role'] != 'master':
        plan.append(('promote', True))
    return plan


def plan_error(node, plan):
    """Why ``plan`` cannot work on ``node`` by a documented rule, or None (checked before any write).

    4.3.19 / DBS.05000101: a manual switchover goes only to a node whose failover priority is 1.
    """
    steps = dict(plan)
    if 'promote' in steps:
        priority = steps.get('priority', node_view(node)['priority'])
        if priority != 1:
            return ('Node %s has failover priority %s; the API switches over only to a node with priority 1 '
                    '(DBS.05000101): add priority: 1' % (node.get('id'), priority))
    return None


def apply_node_plan(client, instance_id, node_id, plan, after_each=None):
    """Send each planned change in order; ``after_each(job_ids)`` runs after each (e.g. a wait).

    Returns every job id, in order.
    """
    job_ids = []
    for action, argument in plan:
        if action == 'rename':
            # 4.3.37's URI says PUT (its request example says POST): the URI table wins.
            response = client.call('rename_nodes', instance_id=instance_id,
                                   body={'node_list': [{'node_id': node_id, 'name': argument}]})
        elif action == 'priority':
            # Table 4-288 types priority as String, but its example sends a number; we follow
            # the example.
            response = client.call('set_node_priority', instance_id=instance_id, node_id=node_id,
                                   body={'priority': argument})
        elif action == 'promote':
            response = client.call('switchover', instance_id=instance_id, body={'node_id': node_id})
        else:
            raise ValueError(action)
        ids = job_ids_of(response)
        job_ids.extend(ids)
        if after_each is not None:
            after_each(ids)
    return job_ids


def restart_node(client, instance_id, node_id, delay=False):
    """4.3.14; a POST, so never re-sent after a lost answer (a second restart is not harmless)."""
    response = client.call('restart_node', instance_id=instance_id, node_id=node_id,
                           body={'delay': bool(delay)})
    return job_ids_of(response)


def predicted_node(node, plan):
    """The node as it will look once ``plan`` ran (for check mode and wait=false)."""
    result = dict(node)
    for action, argument in plan:
        if action == 'rename':
            result['name'] = argument
        elif action == 'priority':
            result['priority'] = argument
        elif action == 'promote':
            result['type'] = 'master'
    return result
