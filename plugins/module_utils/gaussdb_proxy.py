# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Database proxies of a GaussDB(for MySQL) instance (seed 002 section 4.7).

Shared by gaussdb_proxy and gaussdb_proxy_info: the documented input rules (checked before any
request), reading proxies with their nodes, access control, kernel versions, parameters and
flavors, the desired-state plan (an ordered list of steps, each one API call) and its
execution, which waits for each job before the next call because a proxy job keeps the
instance busy.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import ipaddress
import re
import time

from ansible.module_utils.six import text_type

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import job_ids_of
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    normalize_param, param_value_error,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

# -- documented input rules ---------------------------------------------------------------
# 4.7.1 proxy_name: 4-64 characters (at most 64 bytes), a letter or Chinese character first, then
# letters, digits, Chinese characters, '-' and '_'. 4.7.16 gives no rule for a new name; the
# creation rule is applied to it too.
PROXY_NAME = re.compile(u'^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]{3,63}$')
CREATE_NODES = (2, 16)     # 4.7.1 node_num
MAX_NODES = 32             # 4.7.5: at most 32 proxy nodes
ENLARGE_STEP = 30          # 4.7.5: 1-30 nodes per call
REDUCE_STEP = 14           # 4.7.6: 1-14 nodes per call, at least 2 remain
# 4.7.14: 1025-65534 except these.
FORBIDDEN_PORTS = frozenset((1033, 5342, 5343, 5344, 5345, 12017, 20000, 20201, 20202, 33062, 33071))
WEIGHT_MAX = 1000
MAX_ACCESS_RULES = 300     # 4.7.22
RULE_DESCRIPTION_MAX = 50
ENGINE_NAME = 'taurusproxy'   # 4.7.18's example path segment
CONSISTENCE_MODES = ('session', 'global', 'eventual')
# A proxy that is not ACTIVE is still being changed (ENABLING PROXY, ADDING PROXY NODE, ...).
IDLE_STATUS = 'ACTIVE'


def name_error(name, what='name'):
    if name is not None and (not PROXY_NAME.match(name) or len(name.encode('utf-8')) > 64):
        return ('%s %r is invalid: 4 to 64 characters, starting with a letter or Chinese character, '
                'then letters, digits, Chinese characters, "-" or "_"' % (what, name))
    return None


def port_error(port):
    if port is not None and (not 1025 <= port <= 65534 or port in FORBIDDEN_PORTS):
        return ('port %s is not allowed: 1025 to 65534 except %s'
                % (port, ', '.join(str(p) for p in sorted(FORBIDDEN_PORTS))))
    return None


def allowed_weights(route_mode, role):
    """NodesWeight (4.7.1) and 4.7.9: mode 0 weights 0-1000; mode 1 primary 0 and replicas 0 or 1;
    mode 2 primary 1 and replicas 0 or 1."""
    if route_mode == 1:
        return (0,) if role == 'master' else (0, 1)
    if route_mode == 2:
        return (1,) if role == 'master' else (0, 1)
    return None


def weight_errors(route_mode, master_weight, readonly_weights, proxy_mode=None):
    """Errors of the weights for ``route_mode`` (None: only the 0-1000 range is known)."""
    errors = []
    checks = [('master_weight', 'master', master_weight)]
    checks += [('weight of read-only node %s' % key, 'readonly', w) for key, w in readonly_weights]
    for what, role, weight in checks:
        if weight is None:
            continue
        if not 0 <= weight <= WEIGHT_MAX:
            errors.append('%s must be between 0 and %d, got %s' % (what, WEIGHT_MAX, weight))
            continue
        allowed = allowed_weights(route_mode, role) if route_mode is not None else None
        if allowed is not None and weight not in allowed:
            errors.append('%s must be %s in route_mode %s, got %s'
                          % (what, ' or '.join(str(a) for a in allowed), route_mode, weight))
    if proxy_mode == 'readonly' and master_weight:
        errors.append('a read-only proxy (proxy_mode=readonly) sends no reads to the primary: master_weight must be 0')
    return errors


def rule_errors(rules):
    errors = []
    if len(rules) > MAX_ACCESS_RULES:
        errors.append('access_control.rules holds at most %d addresses or networks' % MAX_ACCESS_RULES)
    for rule in rules:
        try:
            ipaddress.ip_network(text_type(rule['ip']).strip(), strict=False)
        except ValueError:
            errors.append('access_control rule %r is not an IP address or network' % (rule['ip'],))
        description = rule.get('description') or ''
        if len(description) > RULE_DESCRIPTION_MAX or '<' in description or '>' in description:
            errors.append('the description of access_control rule %s must be at most %d characters without < or >'
                          % (rule['ip'], RULE_DESCRIPTION_MAX))
    return errors


def validate(params):
    """Every documented rule that needs no request; a list of messages (empty: fine)."""
    errors = [e for e in (name_error(params.get('name')), port_error(params.get('port'))) if e]
    node_num = params.get('node_num')
    if node_num is not None and not CREATE_NODES[0] <= node_num <= MAX_NODES:
        errors.append('node_num must be between %d and %d, got %s' % (CREATE_NODES[0], MAX_NODES, node_num))
    route_mode = params.get('route_mode')
    readonly = [(item.get('id') or item.get('name'), item['weight']) for item in params.get('readonly_nodes') or []]
    errors += weight_errors(route_mode, params.get('master_weight'), readonly, params.get('proxy_mode'))
    if params.get('proxy_mode') == 'readonly' and route_mode == 2:
        errors.append('a read-only proxy cannot use route_mode 2, which routes reads to the primary (DBS.05000093)')
    new_weight = params.get('new_node_weight')
    if new_weight is not None:
        if not params.get('new_node_auto_add'):
            errors.append('new_node_weight needs new_node_auto_add=true')
        elif not 0 <= new_weight <= WEIGHT_MAX:
            errors.append('new_node_weight must be between 0 and %d, got %s' % (WEIGHT_MAX, new_weight))
    mode = params.get('consistence_mode')
    session = params.get('session_consistence')
    if mode is not None and session is not None and (mode == 'session') != session:
        errors.append('consistence_mode=session goes with session_consistence=true, global and eventual with false')
    access = params.get('access_control')
    if access and access.get('rules') is not None:
        errors += rule_errors(access['rules'])
    for name in params.get('parameters') or {}:
        if not name:
            errors.append('parameters: a parameter name must not be empty')
    return errors


# -- reading --------------------------------------------------------------------------------
def normalize_proxy(item):
    """One 4.7.3 entry flattened: the ``proxy`` fields plus ``master_node`` and ``readonly_nodes``."""
    proxy = dict(item.get('proxy') or {})
    # Table 4-532 spells the field transaction_splitt; the SDK and every other place transaction_split.
    if 'transaction_split' not in proxy and 'transaction_splitt' in proxy:
        proxy['transaction_split'] = proxy.pop('transaction_splitt')
    proxy['master_node'] = item.get('master_node') or {}
    readonly = item.get('readonly_nodes') or []
    # The reference's example prints a single object where the table says array.
    proxy['readonly_nodes'] = [readonly] if isinstance(readonly, dict) else list(readonly)
    return proxy


def list_proxies(client, instance_id):
    items = client.paginate('list_proxies', 'proxy_list', instance_id=instance_id)
    return [normalize_proxy(item) for item in items]


def find_proxy(proxies, proxy_id=None, name=None):
    """The proxy by id, else by exact name, else the only one; None when there is none.

    A name (or the absence of both) that several proxies match raises with their ids.
    """
    if proxy_id:
        return next((p for p in proxies if p.get('pool_id') == proxy_id), None)
    matches = [p for p in proxies if p.get('name') == name] if name else list(proxies)
    if len(matches) > 1:
        raise ApiError('%s: %s; give proxy_id'
                       % ('Proxy name %r is ambiguous' % name if name else 'The instance has several proxies',
                          ', '.join('%s (%s)' % (p.get('pool_id'), p.get('name')) for p in matches)))
    return matches[0] if matches else None


def read_access_control(client, instance_id, proxy_id):
    """4.7.17 with ``ip_group`` as an object (the table; the example prints a list of one)."""
    data = client.call('show_proxy_ipgroup', instance_id=instance_id, proxy_id=proxy_id)
    group = data.get('ip_group') or {}
    if isinstance(group, list):
        group = group[0] if group else {}
    return dict(enable_ip_group=as_bool(data.get('enable_ip_group')) is True, type=data.get('type'),
                ip_group=dict(group, ip_list=[dict(ip=r.get('ip'), description=r.get('description') or '')
                                              for r in group.get('ip_list') or []]))


def read_version(client, instance_id, proxy_id):
    data = client.call('list_proxy_versions', instance_id=instance_id, proxy_id=proxy_id, engine_name=ENGINE_NAME)
    return dict((k, data.get(k)) for k in ('current_version', 'latest_version', 'can_upgrade'))


def read_configurations(client, instance_id, proxy_id):
    return client.paginate('show_proxy_configuration', 'configurations', instance_id=instance_id, proxy_id=proxy_id)


def list_flavors(client, instance_id):
    """4.7.4 flattened: one item per flavor with its ``group_type``."""
    groups = client.call('list_proxy_flavors', instance_id=instance_id).get('proxy_flavor_groups') or []
    if isinstance(groups, dict):   # the example prints one object where the table says array
        groups = [groups]
    result = []
    for group in groups:
        flavors = group.get('proxy_flavors') or []
        for flavor in [flavors] if isinstance(flavors, dict) else flavors:
            result.append(dict(flavor, group_type=group.get('group_type')))
    return result


def resolve_flavor(flavors, ref):
    """The flavor whose spec code or id is ``ref`` (4.7.1 wants the code, 4.7.7 says id), or None."""
    return next((f for f in flavors if ref in (f.get('spec_code'), f.get('id'))), None)


def describe_flavors(flavors):
    return ', '.join(sorted(set(f.get('spec_code') for f in flavors if f.get('spec_code'))))


# -- desired state ------------------------------------------------------------------------------
def database_nodes(proxy=None, instance=None):
    """[(id, name, role)] of the database nodes: from a proxy's master/readonly nodes or an instance."""
    if proxy is not None:
        master = proxy.get('master_node') or {}
        nodes = [(master.get('id'), master.get('name'), 'master')] if master.get('id') else []
        return nodes + [(n.get('id'), n.get('name'), 'readonly') for n in proxy.get('readonly_nodes') or []]
    return [(n.get('id'), n.get('name'), 'master' if n.get('type') == 'master' else 'readonly')
            for n in (instance or {}).get('nodes') or []]


def resolve_weights(items, nodes):
    """``readonly_nodes`` option -> ({node id: weight}, errors); nodes are found by id or unique name."""
    weights, errors = {}, []
    for item in items or []:
        key = item.get('id') or item.get('name')
        found = [n for n in nodes if (item.get('id') and n[0] == item['id']) or (not item.get('id') and n[1] == key)]
        if len(found) != 1:
            errors.append('read-only node %r is %s; the database nodes are: %s'
                          % (key, 'ambiguous' if found else 'not a node of the instance',
                             ', '.join('%s (%s, %s)' % n for n in nodes)))
        elif found[0][2] == 'master':
            errors.append('node %r is the primary node: set its weight with master_weight' % key)
        else:
            weights[found[0][0]] = item['weight']
    return weights, errors


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def managed_view(proxy, access=None, configurations=None, parameter_names=()):
    """The fields gaussdb_proxy manages, compared and shown in diff."""
    if not proxy:
        return {}
    master = proxy.get('master_node') or {}
    view = dict(
        name=proxy.get('name'), flavor_ref=proxy.get('flavor_ref'), node_num=_int(proxy.get('node_num')),
        port=_int(proxy.get('port')), route_mode=_int(proxy.get('route_mode')),
        master_weight=_int(master.get('weight')),
        readonly_weights=dict((n.get('id'), _int(n.get('weight'))) for n in proxy.get('readonly_nodes') or []),
        consistence_mode=proxy.get('consistence_mode') or None,
        connection_pool_type=proxy.get('connection_pool_type'),
        transaction_split=as_bool(proxy.get('transaction_split')),
        new_node_auto_add=as_bool(proxy.get('new_node_auto_add_status')),
        new_node_weight=_int(proxy.get('new_node_weight')),
        ssl=as_bool(proxy.get('ssl_option')),
    )
    if access is not None:
        view['access_control'] = dict(enabled=access['enable_ip_group'], type=access.get('type'),
                                      rules=sorted_rules(access['ip_group']['ip_list']))
    if configurations is not None:
        values = dict((c.get('name'), c.get('value')) for c in configurations)
        view['parameters'] = dict((name, values.get(name)) for name in sorted(parameter_names))
    return view


def sorted_rules(rules):
    return sorted((dict(ip=text_type(r['ip']).strip(), description=r.get('description') or '') for r in rules),
                  key=lambda r: (r['ip'], r['description']))


def parameter_text(value, info):
    """4.7.19 values are strings; booleans in the spelling of the parameter's value range."""
    flag = as_bool(value)
    if str(info.get('data_type')).lower() == 'boolean' and isinstance(flag, bool):
        choices = str(info.get('value_range') or '').split('|')
        if 'true' in [c.lower() for c in choices]:
            return 'true' if flag else 'false'
        return 'ON' if flag else 'OFF'
    return str(value)


def parameter_changes(configurations, desired):
    """(items for 4.7.19, errors): the desired parameters whose value differs by meaning.

    Values compare with gaussdb_parameters.normalize_param by the parameter's ``data_type``
    (4.7.20), so ``1000`` and ``'1000'``, ``true`` and ``'ON'``, ``loose`` and ``Loose`` are equal.
    """
    known = dict((c.get('name'), c) for c in configurations)
    items, errors = [], []
    for name in sorted(desired):
        info = known.get(name)
        if info is None:
            errors.append('proxy parameter %r does not exist; known: %s' % (name, ', '.join(sorted(known))))
            continue
        kind = info.get('data_type')
        text = parameter_text(desired[name], info)
        error = param_value_error(name, text, dict(type=kind, value_range=info.get('value_range')))
        if error:
            errors.append(error)
        elif normalize_param(text, kind) != normalize_param(info.get('value'), kind):
            items.append(dict(name=name, value=text, elem_type=info.get('elem_type')))
    return items, errors


class Step(object):
    """One API call of a plan; ``effect(state)`` applies its result to the predicted state."""

    def __init__(self, what, operation, body=None, effect=None, job=True, idempotent=None, **path):
        self.what = what
        self.operation = operation
        self.body = body
        self.effect = effect
        self.job = job
        self.idempotent = idempotent
        self.path = path


def _set(**fields):
    def effect(state):
        state['proxy'].update(fields)
    return effect


def _set_weights(route_mode, master_weight, readonly):
    """Weights after 4.7.8 (route_mode None) or 4.7.9: in the load-balancing modes the weights not
    given follow the mode (the primary fixed, replicas 1 if they served reads)."""
    def effect(state):
        proxy = state['proxy']
        master = proxy.setdefault('master_node', {})
        if route_mode is not None:
            proxy['route_mode'] = route_mode
            if route_mode:
                master['weight'] = 0 if route_mode == 1 else 1
                for node in proxy.get('readonly_nodes') or []:
                    node['weight'] = 1 if _int(node.get('weight')) else 0
        if master_weight is not None:
            master['weight'] = master_weight
        for node in proxy.get('readonly_nodes') or []:
            if node.get('id') in readonly:
                node['weight'] = readonly[node['id']]
    return effect


def plan_update(proxy, want, access=None, configurations=None, flavor=None):
    """Ordered steps that take ``proxy`` (normalized) to ``want`` (only the keys set), and errors.

    ``want`` holds the module options with the flavor resolved (``flavor``: a 4.7.4 item) and
    ``readonly_weights`` resolved to node ids. Errors are documented rules that need the current
    state (the route mode of an existing proxy); nothing is sent when there are any.
    """
    pid = proxy['pool_id']
    view = managed_view(proxy)
    steps, errors = [], []

    def add(what, operation, body=None, effect=None, job=True, idempotent=None, **path):
        path.setdefault('proxy_id', pid)
        steps.append(Step(what, operation, body, effect, job, idempotent, **path))

    if want.get('name') is not None and want['name'] != view['name']:
        add('rename', 'rename_proxy', dict(alias=want['name']), _set(name=want['name']), job=False)
    if flavor is not None and flavor.get('spec_code') != view['flavor_ref']:
        add('flavor', 'resize_proxy_flavor', dict(flavor_ref=flavor['spec_code']),
            _set(flavor_ref=flavor['spec_code'], vcpus=flavor.get('vcpus'), ram=flavor.get('ram')))
    target, count = want.get('node_num'), view['node_num'] or 0
    while target is not None and count < target:
        size = min(ENLARGE_STEP, target - count)
        count += size
        # 4.7.5 names the proxy in the body (its path has none).
        steps.append(Step('scale out', 'enlarge_proxy', dict(node_num=size, proxy_id=pid), _set(node_num=count)))
    while target is not None and count > target:
        size = min(REDUCE_STEP, count - target)
        count -= size
        add('scale in', 'reduce_proxy', dict(node_num=size), _set(node_num=count))

    mode = want.get('route_mode') if want.get('route_mode') is not None else view['route_mode']
    errors += weight_errors(mode, want.get('master_weight'), list((want.get('readonly_weights') or {}).items()))
    readonly = dict((k, w) for k, w in (want.get('readonly_weights') or {}).items()
                    if view['readonly_weights'].get(k) != w)
    master_changes = want.get('master_weight') is not None and want['master_weight'] != view['master_weight']
    if want.get('route_mode') is not None and want['route_mode'] != view['route_mode']:
        body = dict(route_mode=want['route_mode'])
        if want.get('master_weight') is not None:
            body['master_weight'] = want['master_weight']
        wanted_readonly = want.get('readonly_weights') or {}
        if wanted_readonly:
            body['readonly_nodes'] = [dict(id=k, weight=w) for k, w in sorted(wanted_readonly.items())]
        add('route mode', 'set_proxy_route_mode', body,
            _set_weights(want['route_mode'], want.get('master_weight'), wanted_readonly))
    elif master_changes or readonly:
        body = {}
        if master_changes:
            body['master_weight'] = want['master_weight']
        if readonly:
            body['readonly_nodes'] = [dict(id=k, weight=w) for k, w in sorted(readonly.items())]
        add('weights', 'set_proxy_weight', body, _set_weights(None, body.get('master_weight'), readonly))

    auto_add = want.get('new_node_auto_add')
    if auto_add is not None:
        weight = want.get('new_node_weight')
        if auto_add and weight is None and mode == 0 and view['new_node_auto_add'] is not True:
            errors.append('new_node_auto_add=true in route_mode 0 needs new_node_weight (DBS.05000078)')
        if auto_add != view['new_node_auto_add'] or (auto_add and weight is not None and weight != view['new_node_weight']):
            body = dict(switch_status='ON' if auto_add else 'OFF')
            if auto_add and weight is not None:
                body['weight'] = weight
            add('new node auto add', 'set_proxy_new_node_auto_add', body,
                _set(new_node_auto_add_status=body['switch_status'],
                     new_node_weight=weight if auto_add and weight is not None else view['new_node_weight']),
                job=False, idempotent=True)

    consistence = _consistence_change(view['consistence_mode'], want.get('session_consistence'),
                                      want.get('consistence_mode'))
    if consistence is not None:
        body, shown = consistence
        add('session consistency', 'set_proxy_session_consistence', body, _set(consistence_mode=shown))
    pool = want.get('connection_pool_type')
    if pool is not None and pool != (view['connection_pool_type'] or '').upper():
        add('connection pool', 'set_proxy_connection_pool_type', dict(connection_pool_type=pool),
            _set(connection_pool_type=pool))
    split = want.get('transaction_split')
    if split is not None and split != view['transaction_split']:
        steps.append(Step('transaction split', 'set_proxy_transaction_split',
                          dict(transaction_split='ON' if split else 'OFF', proxy_id_list=[pid]),
                          _set(transaction_split='true' if split else 'false'), idempotent=True))
    if want.get('port') is not None and want['port'] != view['port']:
        add('port', 'set_proxy_port', dict(port=want['port']), _set(port=want['port']))
    if want.get('ssl') is not None and want['ssl'] != view['ssl']:
        add('ssl', 'set_proxy_ssl', dict(ssl_option=want['ssl']), _set(ssl_option='true' if want['ssl'] else 'false'))

    if want.get('access_control') is not None:
        for step in _access_steps(access, want['access_control']):
            add(*step, job=False, idempotent=True)
    if want.get('parameters'):
        items, param_errors = parameter_changes(configurations or [], want['parameters'])
        errors += param_errors
        if items:
            add('parameters', 'update_proxy_configuration', dict(configurations=items), _set_parameters(items))
    return steps, errors


def _consistence_change(current, session, mode):
    """(4.7.12 body, consistence_mode shown afterwards) or None when nothing changes.

    4.7.3 returns only ``consistence_mode``: ``session`` means session consistency is on. An
    empty mode (the reference's default, meaning "as session_consistence says") cannot be
    compared, so a set option is then always sent.
    """
    if session is None and mode is None:
        return None
    wanted_session = session if session is not None else mode == 'session'
    if mode is not None:
        if current == mode:
            return None
    elif current and (current == 'session') == wanted_session:
        return None
    body = dict(session_consistence='true' if wanted_session else 'false')
    if mode is not None:
        body['consistence_mode'] = mode
    return body, mode or ('session' if wanted_session else 'eventual')


def _access_steps(access, want):
    """4.7.21 / 4.7.22 steps: rules before switching on, switch off before the rules."""
    current_rules = sorted_rules(access['ip_group']['ip_list'])
    rules = sorted_rules(want['rules']) if want.get('rules') is not None else current_rules
    kind = want.get('type') or access.get('type') or 'white'
    steps = []
    if rules != current_rules or kind != access.get('type'):
        steps.append(('access control rules', 'set_proxy_access_control',
                      dict(type=kind, ip_list=[dict(r) for r in rules]), _set_access(type=kind, rules=rules)))
    enabled = want.get('enabled')
    if enabled is not None and enabled != access['enable_ip_group']:
        switch = ('access control', 'set_proxy_access_control_switch', dict(open_access_control=enabled),
                  _set_access(enabled=enabled))
        steps.insert(len(steps) if enabled else 0, switch)
    return steps


def _set_access(**fields):
    def effect(state):
        access = state.get('access')
        if access is None:
            return
        if 'enabled' in fields:
            access['enable_ip_group'] = fields['enabled']
        if 'type' in fields:
            access['type'] = fields['type']
            access['ip_group']['ip_list'] = [dict(r) for r in fields['rules']]
    return effect


def _set_parameters(items):
    def effect(state):
        for config in state.get('configurations') or []:
            for item in items:
                if config.get('name') == item['name']:
                    config['value'] = item['value']
    return effect


def predict(state, steps):
    """The state once ``steps`` ran (for check mode, diff and wait=false)."""
    result = copy.deepcopy(state)
    for step in steps:
        if step.effect is not None:
            step.effect(result)
    return result


class Runner(object):
    """Runs steps in order. A proxy job keeps the instance busy, so each job is waited for before
    the next call; the last one only when the user wants to wait."""

    def __init__(self, client, instance_id, wait, wait_timeout, clock=time.monotonic):
        self.client = client
        self.instance_id = instance_id
        self.wait = wait
        self.clock = clock
        self.deadline = clock() + wait_timeout
        self.job_ids = []
        self._pending = []

    def remaining(self):
        return max(1, self.deadline - self.clock())

    def settle(self):
        """Wait for the jobs of the previous call."""
        if self._pending:
            pending, self._pending = self._pending, []
            self.client.wait_jobs(pending, timeout=self.remaining())

    def run(self, step, recover=None):
        self.settle()
        response = self.client.call(step.operation, body=step.body, instance_id=self.instance_id,
                                    idempotent=step.idempotent, recover=recover, **step.path)
        ids = job_ids_of(response)
        self.job_ids.extend(ids)
        self._pending = list(ids)
        return response

    def finish(self):
        if self.wait:
            self.settle()

    def result_job_id(self):
        """DESIGN §9: one job id as a string, several as a list."""
        if not self.job_ids:
            return None
        return self.job_ids[0] if len(self.job_ids) == 1 else list(self.job_ids)


def wait_proxy_active(client, instance_id, proxy_id, timeout, poller):
    """Poll the proxy list until the proxy is ACTIVE (used when a lost answer left no job id)."""
    def probe():
        found = find_proxy(list_proxies(client, instance_id), proxy_id=proxy_id)
        if found is None:
            raise ApiError('Proxy %s disappeared while waiting' % proxy_id, status=404)
        if str(found.get('status')).upper() == 'FAILED':
            raise ApiError('Proxy %s failed' % proxy_id, error_code='JobFailed')
        return str(found.get('status')).upper() == IDLE_STATUS, found
    return poller.wait(probe, timeout, 'proxy %s to be active' % proxy_id)
