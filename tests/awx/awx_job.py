"""Run the collection the way AWX / Automation Controller runs it, against the emulator, for both clouds.

    python tests/awx/awx_job.py --types TYPES.json --collections DIR --work DIR

What AWX does, reproduced with nothing but the installed collection's files:

1. The credential types are the ones the installer playbook stored in the (fake) controller, TYPES.json.
   Each credential's environment is rendered as AWX renders injectors (awx_plugins' inject_credential):
   Jinja2 sandbox over the credential's non-empty inputs (booleans default to false), every ``file``
   injector written to a file under ``<private data dir>/env/`` first, its path as ``{{ tower.filename }}``
   or ``{{ tower.filename.<name> }}``; the result goes to ``env/envvars`` of an ansible-runner private
   data directory.
2. An inventory update per source: ``ansible-inventory -i <project file> --list --export`` through
   ansible-runner, with ``ANSIBLE_INVENTORY_UNPARSED_FAILED=true`` and ``INVENTORY_UPDATE_ID`` set.
3. A job: the exported inventories merged into one (AWX's database), served by an inventory script in
   ``inventory/``, both credentials attached, the project's playbook run by ansible-runner; then run
   again, which must change nothing.

The emulator runs over TLS with its own CA, given to the credentials as their CA certificate input, and
the environment of this process carries no HW_* / CDS_* variable, so only the injectors can make it work.
"""
import argparse
import json
import os
import shutil
import stat
import sys
import tempfile
from types import SimpleNamespace

import ansible_runner
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

# Variables AWX never injects from a credential type (awx_plugins ENV_BLOCKLIST).
ENV_BLOCKLIST = frozenset((
    'VIRTUAL_ENV', 'PATH', 'PYTHONPATH', 'JOB_ID', 'INVENTORY_ID', 'INVENTORY_SOURCE_ID', 'INVENTORY_UPDATE_ID',
    'AD_HOC_COMMAND_ID', 'REST_API_URL', 'REST_API_TOKEN', 'MAX_EVENT_RES', 'CALLBACK_QUEUE',
    'CALLBACK_CONNECTION', 'CACHE', 'JOB_CALLBACK_DEBUG', 'INVENTORY_HOSTVARS', 'AWX_HOST', 'PROJECT_REVISION',
    'SUPERVISOR_CONFIG_PATH',
))
HUAWEI_TYPE = 'Huawei Cloud (clouddb.mysql)'
CDS_TYPE = 'Capital Online CDS (clouddb.mysql)'


def inject(cred_type, inputs, env, private_data_dir):
    """AWX's custom credential injection: render ``cred_type['injectors']`` for ``inputs`` into ``env``."""
    namespace = {'tower': SimpleNamespace()}
    for name, value in inputs.items():
        if isinstance(value, bool) or value:
            namespace[name] = value
    for field in cred_type['inputs'].get('fields', []):
        if field.get('type') == 'boolean' and field['id'] not in inputs:
            namespace[field['id']] = False
    sandbox = ImmutableSandboxedEnvironment()
    single, files = None, {}
    for label, template in (cred_type['injectors'].get('file') or {}).items():
        data = sandbox.from_string(template).render(**namespace)
        handle, path = tempfile.mkstemp(dir=os.path.join(private_data_dir, 'env'))
        with os.fdopen(handle, 'w') as out:
            out.write(data)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
        if '.' in label:
            files[label.split('.', 1)[1]] = path
        else:
            single = path
    namespace['tower'].filename = single or SimpleNamespace(**files)
    for name, template in (cred_type['injectors'].get('env') or {}).items():
        assert not name.startswith('ANSIBLE_'), '%s: AWX refuses ANSIBLE_* variables' % name
        if name not in ENV_BLOCKLIST:
            env[name] = sandbox.from_string(template).render(**namespace)


def private_data_dir(work, name, credentials, types, extra_env):
    """A fresh ansible-runner private data dir with env/envvars rendered from ``credentials``."""
    path = os.path.join(work, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.join(path, 'env'))
    env = dict(extra_env)
    for type_name, inputs in credentials:
        inject(types[type_name], inputs, env, path)
    with open(os.path.join(path, 'env', 'envvars'), 'w') as out:
        yaml.safe_dump(env, out)
    return path, env


def check(condition, message):
    if not condition:
        sys.exit('AWX-style run FAILED: %s' % message)


def secrets_absent(text, secrets, where):
    for secret in secrets:
        check(secret not in text, '%s shows a secret' % where)


def inventory_update(work, name, source_file, credential, types, base_env, secrets, fails_with=None):
    """Step 2: one inventory source's update; returns the exported inventory.

    With ``fails_with``, the update must fail and its output contain every one of those strings."""
    pdd, dummy = private_data_dir(work, 'inventory_update_%s' % name, [credential], types, dict(
        base_env, ANSIBLE_INVENTORY_UNPARSED_FAILED='true', INVENTORY_UPDATE_ID='1'))
    project = os.path.join(pdd, 'project')
    os.makedirs(os.path.join(project, 'inventories'))
    target = os.path.join(project, 'inventories', os.path.basename(source_file))
    shutil.copy(source_file, target)
    output = os.path.join(pdd, 'artifacts', 'inventory.json')
    os.makedirs(os.path.dirname(output))
    out, err, rc = ansible_runner.run_command(
        executable_cmd='ansible-inventory',
        cmdline_args=['-i', target, '--playbook-dir', os.path.dirname(target), '--list', '--export',
                      '--output', output],
        private_data_dir=pdd, quiet=True)
    text = (out or '') + (err or '')
    secrets_absent(text, secrets, 'the %s inventory update' % name)
    if fails_with:
        check(rc != 0, 'inventory update %s should have failed' % name)
        missing = [f for f in fails_with if f not in text]
        check(not missing, 'inventory update %s: %s not in its error: %s' % (name, missing, text[-2000:]))
        print('inventory update %s failed as it should: %s' % (name, [f for f in fails_with]))
        return None
    check(rc == 0, 'inventory update %s failed (rc %s): %s' % (name, rc, text[-2000:]))
    check('[WARNING]' not in text, 'inventory update %s warned: %s' % (name, text[-2000:]))
    with open(output) as handle:
        data = json.load(handle)
    hosts = data.get('_meta', {}).get('hostvars', {})
    check(hosts, 'inventory update %s found no host' % name)
    print('inventory update %s: %d hosts, groups %s' % (
        name, len(hosts), ', '.join(sorted(g for g in data if g not in ('_meta', 'all', 'ungrouped')))))
    return data


def merge(inventories):
    """What AWX keeps of several sources in one inventory: groups, their members and host variables."""
    merged = {'_meta': {'hostvars': {}}, 'all': {'children': []}}
    for data in inventories:
        for group, body in data.items():
            if group == '_meta':
                merged['_meta']['hostvars'].update(body.get('hostvars', {}))
                continue
            target = merged.setdefault(group, {})
            for key in ('hosts', 'children'):
                if body.get(key):
                    target[key] = sorted(set(target.get(key, [])) | set(body[key]))
            if body.get('vars'):
                target.setdefault('vars', {}).update(body['vars'])
    return merged


def job(work, name, playbook, inventory, credentials, types, base_env, secrets):
    """Step 3: a job template run; returns the runner's stats."""
    pdd, dummy = private_data_dir(work, name, credentials, types, base_env)
    os.makedirs(os.path.join(pdd, 'project'))
    shutil.copy(playbook, os.path.join(pdd, 'project', os.path.basename(playbook)))
    os.makedirs(os.path.join(pdd, 'inventory'))
    script = os.path.join(pdd, 'inventory', 'hosts')
    with open(script, 'w') as out:
        out.write('#!%s\nimport json, sys\nDATA = %s\n'
                  'print(json.dumps(DATA if "--list" in sys.argv else {}))\n' % (sys.executable, json.dumps(inventory)))
    os.chmod(script, 0o755)
    result = ansible_runner.run(private_data_dir=pdd, playbook=os.path.basename(playbook), quiet=True)
    text = result.stdout.read()
    secrets_absent(text, secrets, 'job %s' % name)
    check(result.status == 'successful', 'job %s: %s\n%s' % (name, result.status, text[-4000:]))
    check('[WARNING]' not in text, 'job %s warned:\n%s' % (name, text[-4000:]))
    stats = result.stats
    print('job %s: ok %s, changed %s, hosts %d'
          % (name, sum(stats['ok'].values()), sum(stats['changed'].values()), len(stats['ok'])))
    return stats


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--types', required=True, help='credential types as the controller stored them (JSON)')
    parser.add_argument('--collections', required=True, help='collections path of the "execution environment"')
    parser.add_argument('--work', required=True)
    args = parser.parse_args()
    emulator_url, ca_file = os.environ['EMULATOR_URL'], os.environ['EMULATOR_CA']
    for name in list(os.environ):
        if name.startswith(('HW_', 'CDS_', 'ANSIBLE_')):
            del os.environ[name]   # only the credentials' injectors may configure the runs
    with open(args.types) as handle:
        types = dict((t['name'], t) for t in json.load(handle))
    check(set(types) == {HUAWEI_TYPE, CDS_TYPE}, 'credential types installed: %s' % sorted(types))
    with open(ca_file) as handle:
        ca_pem = handle.read()
    huawei = (HUAWEI_TYPE, dict(
        region='cn-north-4', access_key='EMULATORAK0000000001', secret_key='emulator-secret-key',
        project_id='', auth_url=emulator_url + '/v3', gaussdb_endpoint=emulator_url, roma_endpoint=emulator_url,
        ca_certificate=ca_pem))
    huawei_iam = (HUAWEI_TYPE, dict(
        region='cn-north-4', user_name='emulator', user_password='Emulator-Passw0rd', domain_name='emulator',
        auth_url=emulator_url + '/v3', gaussdb_endpoint=emulator_url, ca_certificate=ca_pem))
    cds = (CDS_TYPE, dict(access_key_id='EMULATORCDSID', access_key_secret='emulator-cds-secret',
                          region='CN_Beijing_A', endpoint_url=emulator_url, ca_certificate=ca_pem))
    secrets = ['emulator-secret-key', 'Emulator-Passw0rd', 'emulator-cds-secret']
    # The execution environment: the collection installed from its tarball, nothing else configured.
    # Temporary files in the work directory, as an EE keeps them in its own home.
    base_env = dict(ANSIBLE_COLLECTIONS_PATH=args.collections, ANSIBLE_FORCE_COLOR='0',
                    ANSIBLE_LOCAL_TEMP=os.path.join(args.work, 'ansible-tmp'),
                    ANSIBLE_REMOTE_TMP=os.path.join(args.work, 'ansible-remote-tmp'))
    examples = os.path.join(args.collections, 'ansible_collections', 'clouddb', 'mysql', 'examples')

    # Without the CA certificate the private endpoint cannot be trusted: the update fails (AWX sets
    # ANSIBLE_INVENTORY_UNPARSED_FAILED), saying why and what to set.
    for name, credential, variable in (('gaussdb_no_ca', huawei, 'HW_CACERT_FILE'), ('cds_no_ca', cds, 'CDS_CACERT_FILE')):
        no_ca = (credential[0], dict(credential[1], ca_certificate=''))
        source = 'inventory.gaussdb.yml' if name.startswith('gaussdb') else 'inventory.cds.yml'
        inventory_update(args.work, name, os.path.join(examples, source), no_ca, types, base_env, secrets,
                         fails_with=['certificate verify failed', variable])

    gaussdb = inventory_update(args.work, 'gaussdb', os.path.join(examples, 'inventory.gaussdb.yml'), huawei_iam,
                               types, base_env, secrets)
    cds_inventory = inventory_update(args.work, 'cds', os.path.join(examples, 'inventory.cds.yml'), cds,
                                     types, base_env, secrets)
    for group in ('gaussdb_master', 'gaussdb_readonly', 'cds_master', 'cds_readonly'):
        check(gaussdb.get(group, {}).get('hosts') or cds_inventory.get(group, {}).get('hosts'),
              'no host in group %s' % group)
    inventory = merge([gaussdb, cds_inventory])
    playbook = os.path.join(examples, 'inventory_hosts.yml')
    first = job(args.work, 'job_1', playbook, inventory, [huawei, cds], types, base_env, secrets)
    check(sum(first['changed'].values()) == len(gaussdb['gaussdb_master']['hosts']),
          'the first job should create one database per GaussDB instance: %s' % first['changed'])
    check(not first.get('failures') and not first.get('dark'), 'failed hosts: %s' % first)
    second = job(args.work, 'job_2', playbook, inventory, [huawei, cds], types, base_env, secrets)
    check(sum(second['changed'].values()) == 0, 'the second job changed something: %s' % second['changed'])
    print('AWX-style run: credential types, inventory updates and jobs passed for both clouds')


if __name__ == '__main__':
    main()
