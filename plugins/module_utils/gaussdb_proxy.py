# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Database proxies of a GaussDB(for MySQL) instance (seed 002 section 4.7).

Shared by gaussdb_proxy and gaussdb_proxy_info: the documented input rules (checked before any
request), reading proxies with their nodes, access control, kernel versions, parameters and
flavors, and the plan of a gaussdb_proxy run (plan.Plan, one step per API call). The steps run in
the order of ``plan_update``; ``plan.apply`` waits for each job before the next call, because a
proxy job keeps the instance busy.

The *record* a plan starts from is the proxy as the module returns it: the 4.7.3 entry flattened
(``normalize_proxy``) plus ``access_control`` (4.7.17), ``configurations`` (4.7.20) and ``version``
(4.7.18) when the options that manage them are set; ``managed_view`` reduces it to the fields
compared and shown in diff.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import ipaddress
import re

from ansible.module_utils.six import text_type

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    normalize_param, param_value_error,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find, recover_if_found
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import (
    InputError, pattern_errors, range_errors,
)

# -- documented input rules ---------------------------------------------------------------
# 4.7.1 proxy_name: 4-64 characters (at most 64 bytes), a letter or Chinese character first, then
# letters, digits, Chinese characters, '-' and '_'. 4.7.16 gives no rule for a new name; the
# creation rule is applied to it too.
PROXY_NAME = re.compile(u'^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]{3,63}$')
PROXY_NAME_RULE = ('4 to 64 characters (at most 64 bytes), starting with a letter or Chinese character, '
                   'then letters, digits, Chinese characters, "-" or "_"')
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
NOT_FOUND = 'DBS.270024'   # A.3: "Proxy instance does not exist."
# 4.7.18 answers the proxy's current kernel version, the latest one and whether it can be upgraded: the
# only versions the reference lists for a proxy, so the only targets of an upgrade (4.7.15). 4.7.15 has no
# timing option (it starts at once) and answers workflow ids, not job ids.
LATEST = 'latest'
KERNEL_VERSION = re.compile(r'^\d+(\.\d+)+$')
# Options that 4.7.1 can set when it enables the proxy; the others are changed right after.
CREATE_OPTIONS = ('name', 'flavor', 'node_num', 'route_mode', 'master_weight', 'readonly_nodes',
                  'new_node_auto_add', 'new_node_weight')
UPDATE_OPTIONS = ('kernel_version', 'name', 'node_num', 'port', 'route_mode', 'master_weight', 'readonly_nodes', 'session_consistence',
                  'consistence_mode', 'connection_pool_type', 'transaction_split', 'new_node_auto_add',
                  'new_node_weight', 'ssl', 'access_control', 'parameters')


def name_errors(name, what='name'):
    return pattern_errors(what, name, PROXY_NAME, PROXY_NAME_RULE, max_bytes=64)


def port_errors(port):
    if port is not None and (not 1025 <= port <= 65534 or port in FORBIDDEN_PORTS):
        return ['port %s is not allowed: 1025 to 65534 except %s'
                % (port, ', '.join(str(p) for p in sorted(FORBIDDEN_PORTS)))]
    return []


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


def kernel_version_errors(value):
    if value is None or value == LATEST:
        return []
    return pattern_errors('kernel_version', value, KERNEL_VERSION, '"latest" or a version such as 2.24.03.000')


def proxy_errors(params):
    """Every documented rule of gaussdb_proxy's options that needs no request (empty: fine)."""
    errors = name_errors(params.get('name')) + port_errors(params.get('port'))
    errors += kernel_version_errors(params.get('kernel_version'))
    errors += range_errors('node_num', params.get('node_num'), CREATE_NODES[0], MAX_NODES)
    route_mode = params.get('route_mode')
    readonly = [(item.get('id') or item.get('name'), item['weight']) for item in params.get('readonly_nodes') or []]
    errors += weight_errors(route_mode, params.get('master_weight'), readonly, params.get('proxy_mode'))
    if params.get('proxy_mode') == 'readonly' and route_mode == 2:
        errors.append('a read-only proxy cannot use route_mode 2, which routes reads to the primary (DBS.05000093)')
    new_weight = params.get('new_node_weight')
    if new_weight is not None:
        if not params.get('new_node_auto_add'):
            errors.append('new_node_weight needs new_node_auto_add=true')
        else:
            errors += range_errors('new_node_weight', new_weight, 0, WEIGHT_MAX)
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
    """The proxy by id or unique name (lookup.find); with neither, the instance's only proxy. None
    when there is none; a name that several proxies carry, or several proxies and neither, fail."""
    if proxy_id or name:
        return find(proxies, 'Proxy', proxy_id, name, 'pool_id', 'name', hint='proxy_id')
    if len(proxies) > 1:
        raise ApiError('The instance has several proxies: %s; give proxy_id or name'
                       % ', '.join('%s (%s)' % (p.get('pool_id'), p.get('name')) for p in proxies),
                       error_code='AmbiguousName')
    return proxies[0] if proxies else None


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


def proxy_record(client, instance_id, proxy, params):
    """The proxy as gaussdb_proxy returns it (``{}`` for none): the listed proxy, with its access
    control when O(access_control) is set, its parameters when O(parameters) is and its kernel
    versions when O(kernel_version) is."""
    if not proxy:
        return {}
    record = dict(proxy)
    if params['kernel_version']:
        record['version'] = read_version(client, instance_id, proxy['pool_id'])
    if params['access_control'] is not None:
        record['access_control'] = read_access_control(client, instance_id, proxy['pool_id'])
    if params['parameters']:
        record['configurations'] = read_configurations(client, instance_id, proxy['pool_id'])
    return record


def current_proxy(client, instance_id, params, proxies):
    """The record of the proxy the options name among ``proxies`` ({} for none); disabling it needs
    neither its access control nor its parameters."""
    found = find_proxy(proxies, params['proxy_id'], params['name'])
    if params['state'] == 'absent':
        return dict(found or {})
    return proxy_record(client, instance_id, found, params)


def read_proxy(client, instance_id, proxy_id, params):
    """The record of the proxy ``proxy_id`` read again (after a change), or None when it is gone."""
    found = find_proxy(list_proxies(client, instance_id), proxy_id=proxy_id)
    return proxy_record(client, instance_id, found, params) if found else None


def info_proxies(client, instance_id, params):
    """gaussdb_proxy_info's list: the proxies (by O(proxy_id) / O(name) when given) with their details."""
    proxies = [p for p in list_proxies(client, instance_id)
               if all((not params['proxy_id'] or p.get('pool_id') == params['proxy_id'],
                       not params['name'] or p.get('name') == params['name']))]
    for proxy in proxies:
        if params['details']:
            proxy['access_control'] = read_access_control(client, instance_id, proxy['pool_id'])
            proxy['version'] = read_version(client, instance_id, proxy['pool_id'])
        if params['parameters']:
            proxy['configurations'] = read_configurations(client, instance_id, proxy['pool_id'])
    return proxies


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


def wanted_flavor(client, instance_id, ref, current=None):
    """The 4.7.4 item of the flavor ``ref`` (read only when it may differ from ``current``'s), or None."""
    if not ref or (current is not None and ref == current.get('flavor_ref')):
        return None
    flavors = list_flavors(client, instance_id)
    found = resolve_flavor(flavors, ref)
    if found is None:
        raise InputError('flavor %r is not offered for proxies of instance %s; choose one of %s'
                         % (ref, instance_id, describe_flavors(flavors)))
    return found


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


def refuse(errors):
    """Rules that needed the current state: fail before anything is sent."""
    if errors:
        raise InputError('; '.join(errors))


def wanted(params, proxy, keys):
    """The options ``keys`` as plan_update takes them: ``readonly_nodes`` resolved to node ids."""
    want = dict((k, params[k]) for k in keys)
    if 'readonly_nodes' in keys and params['readonly_nodes']:
        weights, errors = resolve_weights(params['readonly_nodes'], database_nodes(proxy=proxy))
        refuse(errors)
        want['readonly_weights'] = weights
    return want


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def managed_view(proxy, parameter_names=()):
    """The fields gaussdb_proxy manages (of a proxy record), compared and shown in diff."""
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
    access = proxy.get('access_control')
    if access is not None:
        view['access_control'] = dict(enabled=access['enable_ip_group'], type=access.get('type'),
                                      rules=sorted_rules(access['ip_group']['ip_list']))
    configurations = proxy.get('configurations')
    if configurations is not None:
        values = dict((c.get('name'), c.get('value')) for c in configurations)
        view['parameters'] = dict((name, values.get(name)) for name in sorted(parameter_names))
    version = proxy.get('version')
    if version is not None:
        view['kernel_version'] = version.get('current_version')
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


def _set_weights(route_mode, master_weight, readonly):
    """Weights after 4.7.8 (route_mode None) or 4.7.9: in the load-balancing modes the weights not
    given follow the mode (the primary fixed, replicas 1 if they served reads)."""
    def effect(proxy):
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


def plan_update(instance_id, proxy, want, flavor=None):
    """The plan that takes the proxy record ``proxy`` to ``want`` (only the keys set): one step per call.

    ``want`` holds the module options with ``readonly_weights`` resolved to node ids (``wanted``);
    ``flavor`` is the 4.7.4 item of the wanted flavor. Documented rules that need the current state
    (the route mode of an existing proxy, the parameters it has) raise InputError: nothing is sent.
    """
    pid = proxy['pool_id']
    view = managed_view(proxy)
    plan = Plan(proxy)
    errors = []

    def add(what, effect, operation, body=None, **call):
        call.setdefault('proxy_id', pid)
        plan.add(what, effect, operation, body=body, instance_id=instance_id, **call)

    # The kernel first: its version decides what the proxy supports (4.7.3's balance_route_mode_enabled,
    # switch_connection_pool_type_enabled).
    upgrade = kernel_upgrade(pid, proxy.get('version'), want.get('kernel_version'))
    if upgrade is not None:
        source, target = upgrade
        plan.add('kernel upgrade', _set_version(target), apply=_upgrade(plan, instance_id, pid, source, target))
    if want.get('name') is not None and want['name'] != view['name']:
        add('rename', set_fields(name=want['name']), 'rename_proxy', dict(alias=want['name']))
    if flavor is not None and flavor.get('spec_code') != view['flavor_ref']:
        add('flavor', set_fields(flavor_ref=flavor['spec_code'], vcpus=flavor.get('vcpus'), ram=flavor.get('ram')),
            'resize_proxy_flavor', dict(flavor_ref=flavor['spec_code']))
    target, count = want.get('node_num'), view['node_num'] or 0
    while target is not None and count < target:
        size = min(ENLARGE_STEP, target - count)
        count += size
        # 4.7.5 names the proxy in the body (its path has none).
        plan.add('scale out', set_fields(node_num=count), 'enlarge_proxy', body=dict(node_num=size, proxy_id=pid),
                 instance_id=instance_id)
    while target is not None and count > target:
        size = min(REDUCE_STEP, count - target)
        count -= size
        add('scale in', set_fields(node_num=count), 'reduce_proxy', dict(node_num=size))

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
        add('route mode', _set_weights(want['route_mode'], want.get('master_weight'), wanted_readonly),
            'set_proxy_route_mode', body)
    elif master_changes or readonly:
        body = {}
        if master_changes:
            body['master_weight'] = want['master_weight']
        if readonly:
            body['readonly_nodes'] = [dict(id=k, weight=w) for k, w in sorted(readonly.items())]
        add('weights', _set_weights(None, body.get('master_weight'), readonly), 'set_proxy_weight', body)

    auto_add = want.get('new_node_auto_add')
    if auto_add is not None:
        weight = want.get('new_node_weight')
        if auto_add and weight is None and mode == 0 and view['new_node_auto_add'] is not True:
            errors.append('new_node_auto_add=true in route_mode 0 needs new_node_weight (DBS.05000078)')
        if auto_add != view['new_node_auto_add'] or (auto_add and weight is not None and weight != view['new_node_weight']):
            body = dict(switch_status='ON' if auto_add else 'OFF')
            if auto_add and weight is not None:
                body['weight'] = weight
            add('new node auto add', set_fields(new_node_auto_add_status=body['switch_status'],
                                                new_node_weight=weight if auto_add and weight is not None
                                                else proxy.get('new_node_weight')),
                'set_proxy_new_node_auto_add', body, idempotent=True)

    consistence = _consistence_change(view['consistence_mode'], want.get('session_consistence'),
                                      want.get('consistence_mode'))
    if consistence is not None:
        body, shown = consistence
        add('session consistency', set_fields(consistence_mode=shown), 'set_proxy_session_consistence', body)
    pool = want.get('connection_pool_type')
    if pool is not None and pool != (view['connection_pool_type'] or '').upper():
        add('connection pool', set_fields(connection_pool_type=pool), 'set_proxy_connection_pool_type',
            dict(connection_pool_type=pool))
    split = want.get('transaction_split')
    if split is not None and split != view['transaction_split']:
        plan.add('transaction split', set_fields(transaction_split='true' if split else 'false'),
                 'set_proxy_transaction_split', body=dict(transaction_split='ON' if split else 'OFF', proxy_id_list=[pid]),
                 instance_id=instance_id, idempotent=True)
    if want.get('port') is not None and want['port'] != view['port']:
        add('port', set_fields(port=want['port']), 'set_proxy_port', dict(port=want['port']))
    if want.get('ssl') is not None and want['ssl'] != view['ssl']:
        add('ssl', set_fields(ssl_option='true' if want['ssl'] else 'false'), 'set_proxy_ssl',
            dict(ssl_option=want['ssl']))

    if want.get('access_control') is not None:
        for what, effect, operation, body in _access_steps(proxy['access_control'], want['access_control']):
            add(what, effect, operation, body, idempotent=True)
    if want.get('parameters'):
        items, param_errors = parameter_changes(proxy.get('configurations') or [], want['parameters'])
        errors += param_errors
        if items:
            add('parameters', _set_parameters(items), 'update_proxy_configuration', dict(configurations=items))
    refuse(errors)
    return plan


def kernel_upgrade(proxy_id, version, wanted):
    """``(source, target)`` of the 4.7.15 upgrade that takes the proxy to O(kernel_version) ``wanted``
    (``latest`` or a version), or None when it runs that version already (or ``wanted`` is None).

    ``version`` is the proxy's 4.7.18 answer: the current and the latest version are the only ones the
    reference lists for a proxy, so any other version, or an upgrade that 4.7.18 says cannot be made now,
    raises InputError (nothing has been sent).
    """
    if wanted is None or version is None:
        return None
    current, latest = version.get('current_version'), version.get('latest_version')
    target = (latest or current) if wanted == LATEST else wanted
    if target == current:
        return None
    if target != latest:
        raise InputError('kernel_version %s is not a version proxy %s can move to: it runs %s, and the latest '
                         'version (4.7.18) is %s' % (wanted, proxy_id, current, latest))
    if version.get('can_upgrade') is False:
        raise InputError('proxy %s cannot be upgraded from %s to %s: 4.7.18 answers can_upgrade=false'
                         % (proxy_id, current, target))
    return current, target


def _set_version(target):
    def effect(proxy):
        version = proxy.setdefault('version', {})
        version['current_version'] = target
        version['can_upgrade'] = target != version.get('latest_version')
    return effect


def _upgrade(plan, instance_id, proxy_id, source, target):
    """``apply`` of 4.7.15. The answer carries workflow ids, not job ids: they are returned as ``job_id``
    (``module.jobs.scheduled``) and the proxy is polled instead (``wait_proxy_version``), when the user
    waits or another step of ``plan`` follows (the upgrade keeps the instance busy). An entry the API
    answers ``REJECT`` fails with its ``error_message``. A lost answer is recovered when the proxy already
    runs ``target``; otherwise the upgrade is sent again."""
    def apply(module):
        client = module.client

        def upgraded():
            return read_version(client, instance_id, proxy_id).get('current_version') == target
        answer = client.call('upgrade_proxy_version', body=dict(source_version=source, target_version=target),
                             instance_id=instance_id, proxy_id=proxy_id, recover=recover_if_found(upgraded))
        results = (answer or {}).get('update_result') or []
        rejected = [r for r in results if str(r.get('state') or '').upper() == 'REJECT']
        accepted = [r.get('workflow_id') for r in results if r not in rejected and r.get('workflow_id')]
        module.jobs.scheduled(dict(job_id=accepted))
        if rejected:
            raise ApiError('The upgrade of proxy %s from %s to %s was rejected: %s'
                           % (proxy_id, source, target, '; '.join(r.get('error_message') or 'no reason given'
                                                                  for r in rejected)), error_code='UpgradeRejected')
        if module.jobs.wait or plan.steps[-1].apply is not apply:
            wait_proxy_version(client, instance_id, proxy_id, target, accepted, module.jobs.remaining())
        return None
    return apply


def wait_proxy_version(client, instance_id, proxy_id, target, workflow_ids, timeout):
    """Poll until the proxy runs ``target`` (4.7.18) and is ACTIVE again (4.7.3); the proxy's status is the
    sign of the end, since 4.7.15 answers workflow ids. Those are looked up in the task center too (4.13.1)
    where it knows them, so that a Failed upgrade ends the wait with its reason."""
    def probe():
        if read_version(client, instance_id, proxy_id).get('current_version') == target:
            found = find_proxy(list_proxies(client, instance_id), proxy_id=proxy_id)
            if found is None:
                raise ApiError('Proxy %s disappeared while waiting' % proxy_id, status=404)
            status = str(found.get('status')).upper()
            if status in ('FAILED', 'ABNORMAL'):
                raise ApiError('Proxy %s is %s after its kernel upgrade' % (proxy_id, status), error_code='JobFailed')
            return status == IDLE_STATUS, found
        for workflow_id in workflow_ids:
            record = task_of(client, workflow_id)
            if record and record.get('status') == 'Failed':
                raise ApiError('The kernel upgrade of proxy %s (%s) failed: %s'
                               % (proxy_id, workflow_id, record.get('fail_reason') or 'no reason given'),
                               error_code='JobFailed')
        return False, None
    return client.poller.wait(probe, timeout, 'proxy %s to run kernel %s' % (proxy_id, target))


def task_of(client, workflow_id):
    """The task-center record of ``workflow_id`` (4.13.1), or None where the task center does not know it."""
    try:
        return client.job(workflow_id)
    except ApiError:
        return None


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
    """4.7.21 / 4.7.22 steps (what, effect, operation, body): rules before switching on, switch off before the rules."""
    current_rules = sorted_rules(access['ip_group']['ip_list'])
    rules = sorted_rules(want['rules']) if want.get('rules') is not None else current_rules
    kind = want.get('type') or access.get('type') or 'white'
    steps = []
    if rules != current_rules or kind != access.get('type'):
        steps.append(('access control rules', _set_access(type=kind, rules=rules), 'set_proxy_access_control',
                      dict(type=kind, ip_list=[dict(r) for r in rules])))
    enabled = want.get('enabled')
    if enabled is not None and enabled != access['enable_ip_group']:
        switch = ('access control', _set_access(enabled=enabled), 'set_proxy_access_control_switch',
                  dict(open_access_control=enabled))
        steps.insert(len(steps) if enabled else 0, switch)
    return steps


def _set_access(**fields):
    def effect(proxy):
        access = proxy.get('access_control')
        if access is None:
            return
        if 'enabled' in fields:
            access['enable_ip_group'] = fields['enabled']
        if 'type' in fields:
            access['type'] = fields['type']
            access['ip_group']['ip_list'] = [dict(r) for r in fields['rules']]
    return effect


def _set_parameters(items):
    def effect(proxy):
        for config in proxy.get('configurations') or []:
            for item in items:
                if config.get('name') == item['name']:
                    config['value'] = item['value']
    return effect


# -- the plan of a gaussdb_proxy run ----------------------------------------------------------------
def plan_proxy(client, instance_id, params, proxies, current):
    """The plan from the proxy record ``current`` ({} for none) among ``proxies`` (the instance's, as
    listed): disable it, enable it (then set what 4.7.1 cannot), or change it (and restart it)."""
    if params['state'] == 'absent':
        plan = Plan(current)
        if current:
            plan.add('disable', replace_with({}), apply=_disable(instance_id, current['pool_id']))
        return plan
    if not current:
        if params['proxy_id']:
            raise ApiError('Instance %s has no proxy %s; its proxies: %s'
                           % (instance_id, params['proxy_id'],
                              ', '.join('%s (%s)' % (p['pool_id'], p.get('name')) for p in proxies) or 'none'),
                           status=404, error_code='ResourceNotFound')
        return plan_enable(client, instance_id, params, proxies)
    flavor = wanted_flavor(client, instance_id, params['flavor'], current)
    plan = plan_update(instance_id, current, wanted(params, current, UPDATE_OPTIONS), flavor)
    if params['state'] == 'restarted':
        plan.add('restart', None, 'restart_proxy', instance_id=instance_id, proxy_id=current['pool_id'])
    return plan


def _disable(instance_id, proxy_id):
    def apply(module):
        try:
            return module.client.call('delete_proxy', body=dict(proxy_ids=[proxy_id]), instance_id=instance_id)
        except ApiError as exc:
            # A DELETE re-sent after a lost answer finds the proxy gone: it was disabled.
            if exc.error_code != NOT_FOUND:
                raise
        return None
    return apply


def creation_weights(client, instance_id, params):
    """4.7.1 nodes_read_weight from master_weight and readonly_nodes (node names need the instance)."""
    if params['master_weight'] is None and not params['readonly_nodes']:
        return []
    nodes = database_nodes(instance=client.get_instance(instance_id) or {})
    weights, errors = resolve_weights(params['readonly_nodes'], nodes)
    errors += weight_errors(params['route_mode'] or 0, params['master_weight'], list(weights.items()))
    refuse(errors)
    items = [dict(id=node_id, weight=w) for node_id, w in sorted(weights.items())]
    if params['master_weight'] is not None:
        master = next(n[0] for n in nodes if n[2] == 'master')
        items.insert(0, dict(id=master, weight=params['master_weight']))
    return items


def plan_enable(client, instance_id, params, proxies):
    """Enable a proxy (4.7.1), then, as a second step, set the options 4.7.1 cannot (``plan_update``).

    The new proxy's id is only known once it is listed, so both steps are ``apply`` functions that
    share ``state``: the enable puts the listed proxy there, the second step its configured record.
    Their effects show those once known (the result of a run without ``wait``), the prediction before
    (check mode).
    """
    if not params['flavor']:
        raise InputError('flavor is required to enable a proxy')
    node_num = params['node_num'] if params['node_num'] is not None else CREATE_NODES[0]
    if not CREATE_NODES[0] <= node_num <= CREATE_NODES[1]:
        raise InputError('a new proxy has %d to %d nodes, got node_num=%s' % (CREATE_NODES + (node_num,)))
    if params['new_node_auto_add'] and params['new_node_weight'] is None and not params['route_mode']:
        raise InputError('new_node_auto_add=true in route_mode 0 needs new_node_weight (DBS.05000078)')
    flavor = wanted_flavor(client, instance_id, params['flavor'])
    body = dict(flavor_ref=flavor['spec_code'], node_num=node_num)
    for option, field in (('name', 'proxy_name'), ('proxy_mode', 'proxy_mode'), ('route_mode', 'route_mode'),
                          ('subnet_id', 'subnet_id')):
        if params[option] is not None:
            body[field] = params[option]
    weights = creation_weights(client, instance_id, params)
    if weights:
        body['nodes_read_weight'] = weights
    if params['new_node_auto_add'] is not None:
        body['new_node_auto_add_status'] = 'ON' if params['new_node_auto_add'] else 'OFF'
        if params['new_node_auto_add'] and params['new_node_weight'] is not None:
            body['new_node_weight'] = params['new_node_weight']
    predicted = dict(name=params['name'], flavor_ref=flavor['spec_code'], vcpus=flavor.get('vcpus'),
                     ram=flavor.get('ram'), node_num=node_num, route_mode=params['route_mode'] or 0,
                     status='ENABLING PROXY', master_node={}, readonly_nodes=[])
    rest = tuple(k for k in UPDATE_OPTIONS if k not in CREATE_OPTIONS and params[k] is not None)
    state = {}
    plan = Plan({})
    plan.add('enable', _known_or(state, 'proxy', predicted),
             apply=_enable(instance_id, body, params['name'], set(p['pool_id'] for p in proxies), state, bool(rest)))
    if rest:
        shown = dict((k, params[k]) for k in ('port', 'connection_pool_type', 'consistence_mode') if params[k] is not None)
        if params['kernel_version']:
            shown['version'] = dict(current_version=params['kernel_version'])
        plan.add('configure', _known_or(state, 'configured', shown, replace=False),
                 apply=_configure(instance_id, params, rest, state))
    return plan


def _known_or(state, key, predicted, replace=True):
    """The effect of an enable step: the record the step produced (``state[key]``) once it ran, else
    ``predicted`` (replacing the view, or with ``replace=False`` set on it)."""
    def effect(view):
        known = state.get(key)
        if known is not None or replace:
            view.clear()
        view.update(copy.deepcopy(known if known is not None else predicted))
    return effect


def _enable(instance_id, body, name, known_ids, state, more):
    """4.7.1, re-listing to find the new proxy (a lost answer is recovered the same way, not re-sent).
    When the answer was lost there is no job to wait for: the proxy's status is polled instead, if the
    run waits or ``more`` changes follow."""
    def apply(module):
        client = module.client

        def new_proxy():
            fresh = [p for p in list_proxies(client, instance_id) if p['pool_id'] not in known_ids]
            return next((p for p in fresh if not name or p.get('name') == name), None)
        answer = client.call('create_proxy', body=body, instance_id=instance_id, recover=recover_if_found(new_proxy))
        created = new_proxy()
        if created is None:
            raise ApiError('The proxy was enabled (job %s) but is not listed'
                           % (', '.join(client.job_ids(answer)) or 'unknown'))
        if not client.job_ids(answer) and (module.jobs.wait or more):
            created = wait_proxy_active(client, instance_id, created['pool_id'], module.jobs.remaining())
        state['proxy'] = created
        return answer
    return apply


def _configure(instance_id, params, keys, state):
    """The options of ``keys`` on the proxy just enabled (plan.apply waited for its job)."""
    def apply(module):
        client = module.client
        created = state['proxy']
        proxy = find_proxy(list_proxies(client, instance_id), proxy_id=created['pool_id']) or created
        record = proxy_record(client, instance_id, proxy, params)
        plan = plan_update(instance_id, record, wanted(params, record, keys))
        plan.apply(module)
        state['configured'] = plan.after
        return None
    return apply


def wait_proxy_active(client, instance_id, proxy_id, timeout):
    """Poll the proxy list until the proxy is ACTIVE (used when a lost answer left no job id)."""
    def probe():
        found = find_proxy(list_proxies(client, instance_id), proxy_id=proxy_id)
        if found is None:
            raise ApiError('Proxy %s disappeared while waiting' % proxy_id, status=404)
        if str(found.get('status')).upper() == 'FAILED':
            raise ApiError('Proxy %s failed' % proxy_id, error_code='JobFailed')
        return str(found.get('status')).upper() == IDLE_STATUS, found
    return client.poller.wait(probe, timeout, 'proxy %s to be active' % proxy_id)
