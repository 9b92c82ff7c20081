#!/usr/bin/env python
"""Helpers of runme.sh: the emulator's admin API, and checks of ansible-inventory's output.

    inventory_check.py env CONFIG            shell exports of the HW_* credentials (AWX style)
    inventory_check.py admin METHOD PATH [JSON]
    inventory_check.py requests              API requests the emulator counted so far
    inventory_check.py fleet LIST_JSON NORTH EAST NODES REQUESTS
    inventory_check.py graph GRAPH_TEXT
    inventory_check.py same LIST_JSON LIST_JSON
    inventory_check.py hosts LIST_JSON COUNT
"""
from __future__ import absolute_import, division, print_function

import json
import math
import os
import shlex
import ssl
import sys
import urllib.request

import yaml

PREFIX = 'it-gaussdb-inv'
RESERVED = ('tags', 'groups', 'environment', 'name', 'port', 'vars', 'hosts', 'timeout', 'connection')


def load_config():
    with open(os.environ['INTEGRATION_CONFIG']) as handle:
        return yaml.safe_load(handle)


def admin(method, path, body=None):
    config = load_config()
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(config['emulator_url'] + '/_emulator' + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
    context = ssl.create_default_context(cafile=config['emulator_ca'])
    with urllib.request.urlopen(request, context=context, timeout=60) as answer:
        return json.loads(answer.read() or b'{}')


def shell_env():
    """Credentials and endpoints as the HW_* variables an AWX credential type would inject."""
    config = load_config()
    values = {
        'HW_REGION_NAME': config['hw_region'], 'HW_ACCESS_KEY': config['hw_access_key'],
        'HW_SECRET_KEY': config['hw_secret_key'], 'HW_PROJECT_ID': config['hw_project_id'],
        'HW_GAUSSDB_ENDPOINT': config['hw_endpoint_url'], 'HW_AUTH_URL': config['hw_auth_url'],
        'HW_CACERT_FILE': config['emulator_ca'],
    }
    return '\n'.join('export %s=%s' % (k, shlex.quote(str(v))) for k, v in sorted(values.items()))


def fail(message):
    sys.stderr.write('CHECK FAILED: %s\n' % message)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def budget(count):
    """List pages of 100 plus batch reads of 20: 2,000 instances cost 20 + 100 requests."""
    return int(math.ceil(count / 100.0) + math.ceil(count / 20.0)) if count else 1


def check_fleet(path, north, east, nodes, requests):
    with open(path) as handle:
        listing = json.load(handle)
    hostvars = listing['_meta']['hostvars']
    expected = (north + east) * nodes
    expect(len(hostvars) == expected, 'expected %d hosts, got %d' % (expected, len(hostvars)))
    wanted = budget(north) + budget(east)
    expect(requests == wanted, 'expected %d requests (pages + batches per region), got %d' % (wanted, requests))

    def members(group):
        return listing.get(group, {}).get('hosts', [])

    instance_groups = [g for g in listing if g.startswith('gaussdb_instance_')]
    expect(len(instance_groups) == north + east, 'one group per instance: %d' % len(instance_groups))
    expect(all(len(members(g)) == nodes for g in instance_groups), 'each instance group holds its nodes')
    expect(len(members('gaussdb_master')) == north + east, 'one master per instance')
    expect(len(members('gaussdb_readonly')) == (north + east) * (nodes - 1), 'the others are read-only')
    expect(len(members('gaussdb_status_normal')) == expected, 'status group')
    expect(len(members('gaussdb_region_cn_north_4')) == north * nodes, 'region group cn-north-4')
    expect(len(members('gaussdb_region_cn_east_3')) == east * nodes, 'region group cn-east-3')
    zones = [g for g in listing if g.startswith('gaussdb_az_')]
    expect(zones and sum(len(members(g)) for g in zones) == expected, 'zone groups hold every node')
    for host, variables in hostvars.items():
        plain = dict((k, unwrap(v)) for k, v in variables.items())
        expect(plain.get('ansible_host'), '%s has no ansible_host' % host)
        # Ids and addresses cannot hold template syntax: the plugin marks them trusted, so they
        # are printed as plain strings (see template_safe in plugin_utils/inventory.py).
        for key in ('ansible_host', 'node_id', 'instance_id', 'write_ip', 'role'):
            expect(isinstance(variables[key], str), '%s: %s is printed as %r' % (host, key, variables[key]))
        for key in ('instance_id', 'instance_name', 'db_port', 'write_ip', 'read_ips', 'proxy_ips', 'role',
                    'status', 'availability_zone', 'gaussdb_region', 'node_id', 'priority'):
            expect(key in plain, '%s lacks %s' % (host, key))
        expect(not set(plain) & set(RESERVED), '%s uses a reserved name: %s' % (host, set(plain) & set(RESERVED)))
        expect(plain['role'] in ('master', 'readonly'), '%s role %r' % (host, plain['role']))
        if plain['role'] == 'readonly':
            expect(plain['ansible_host'] in [unwrap(ip) for ip in plain['read_ips']],
                   '%s: a read-only node is addressed by its private IP' % host)
    expect(load_config()['hw_secret_key'] not in json.dumps(listing), 'the secret key leaked into the inventory')


def unwrap(value):
    """ansible-inventory prints untrusted values as {"__ansible_unsafe": ...}."""
    if isinstance(value, dict) and set(value) == {'__ansible_unsafe'}:
        return value['__ansible_unsafe']
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def check_graph(path):
    with open(path) as handle:
        text = handle.read()
    for group in ('@gaussdb_master:', '@gaussdb_readonly:', '@gaussdb_status_normal:', '@gaussdb_az_',
                  '@gaussdb_instance_%s' % PREFIX.replace('-', '_'), '@gaussdb_region_cn_north_4:'):
        expect(group in text, 'graph lacks %s' % group)


def check_same(first, second):
    with open(first) as one, open(second) as two:
        expect(json.load(one) == json.load(two), 'the cached inventory differs from the fresh one')


def main(argv):
    command, args = argv[0], argv[1:]
    if command == 'env':
        print(shell_env())
    elif command == 'admin':
        print(json.dumps(admin(args[0], args[1], json.loads(args[2]) if len(args) > 2 else None)))
    elif command == 'requests':
        print(admin('GET', '/stats')['requests_total'])
    elif command == 'fleet':
        check_fleet(args[0], int(args[1]), int(args[2]), int(args[3]), int(args[4]))
    elif command == 'graph':
        check_graph(args[0])
    elif command == 'hosts':
        with open(args[0]) as handle:
            found = len(json.load(handle)['_meta']['hostvars'])
        expect(found == int(args[1]), 'expected %s hosts, got %d' % (args[1], found))
    elif command == 'same':
        check_same(args[0], args[1])
    else:
        fail('unknown command %s' % command)


if __name__ == '__main__':
    main(sys.argv[1:])
