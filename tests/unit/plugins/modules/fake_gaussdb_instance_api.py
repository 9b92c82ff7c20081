"""A small in-memory stand-in for the GaussDB instance API, for unit tests of the instance modules.

Only ``GaussDBClient.call`` is replaced: resolve, pagination, batch details and job waits run the
real client code. Every change takes effect at once and its job is Completed when first read.
The response shapes follow seed 002 (4.3.31-4.3.33, 4.13.1); the emulator is the faithful one.
"""
import copy
import itertools
import uuid

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules import harness

AUTH = harness.GAUSSDB_AUTH
Exit, FakeClock = harness.Exit, harness.FakeClock   # still importable from here, as before
WRITES = frozenset(('create_instance', 'delete_instance', 'rename_instance', 'resize_flavor', 'extend_volume',
                    'add_readonly_nodes', 'delete_readonly_node', 'set_port', 'set_security_group', 'set_private_ip',
                    'create_dns_name', 'set_dns_name', 'set_alias', 'set_ops_window', 'set_ssl', 'bind_eip',
                    'unbind_eip', 'batch_tag_action', 'reset_password', 'restart_instance'))


class FakeApi(object):
    def __init__(self):
        self.instances = {}
        self.jobs = {}
        self.calls = []
        self.passwords = {}
        self.ssl_in_details = True
        self.eips = {}
        self._seq = itertools.count(1)
        self.job_visible_after = 0      # reads of a job before it shows (4.13.1 "a few seconds")
        self.job_status = 'Completed'

    # -- test data -----------------------------------------------------------------------
    def add(self, name, replicas=1, **fields):
        instance_id = uuid.uuid4().hex + 'in07'
        details = dict(
            id=instance_id, name=name, status='normal', port='3306', alias='', type='Cluster',
            charge_info={'charge_mode': 'postPaid'}, datastore={'type': 'gaussdb-mysql', 'version': '8.0',
                                                                'kernel_version': '2.0.51.240300'},
            private_write_ips=['192.168.0.%d' % next(self._seq)], private_dns_names=[], public_ips='',
            db_user_name='root', vpc_id='vpc-1', subnet_id='subnet-1', security_group_id='sg-1',
            configuration_id='cfg-1', backup_strategy={'start_time': '19:00-20:00', 'keep_days': '7'},
            enterprise_project_id='0', time_zone='UTC', az_mode='single', master_az_code='cn-north-4a',
            maintenance_window='18:00-22:00', tags=[], dedicated_resource_id='', ssl_option=False, nodes=[],
            created='2024-01-01T00:00:00+0000')
        details.update(fields)
        self.instances[instance_id] = details
        self._node(details, 'master')
        for dummy in range(replicas):
            self._node(details, 'slave')
        return details

    def _node(self, details, node_type):
        seq = next(self._seq)
        details['nodes'].append(dict(
            id=uuid.uuid4().hex + 'no07', name='%s_node%02d' % (details['name'], seq), type=node_type,
            status='normal', port=3306, private_read_ips=['192.168.1.%d' % seq], az_code='cn-north-4a',
            flavor_ref=details.get('flavor_ref', 'gaussdb.mysql.xlarge.x86.4'), volume={'type': 'POOL', 'used': '1'},
            created='2024-01-01T00:%02d:00+0000' % seq, priority=1))

    def writes(self):
        return [c for c in self.calls if c[0] in WRITES]

    def ops(self):
        return [c[0] for c in self.calls]

    # -- the API -------------------------------------------------------------------------
    def _get(self, path):
        details = self.instances.get(path.get('instance_id'))
        if details is None:
            raise ApiError('DBS.201028: not found', status=404, error_code='DBS.201028')
        return details

    def _job(self, name, instance_id=None):
        job_id = str(uuid.uuid4())
        self.jobs[job_id] = dict(id=job_id, name=name, status=self.job_status, process='', reads=0,
                                 instance={'id': instance_id}, entities={}, fail_reason='')
        return {'job_id': job_id}

    def handle(self, op, params, body, path):
        handler = getattr(self, 'op_' + op)
        return handler(params or {}, copy.deepcopy(body), path)

    def op_list_instances(self, params, body, path):
        items = list(self.instances.values())
        name = params.get('name')
        if name:
            items = [i for i in items if (name[1:] in i['name'] if name.startswith('*') else i['name'] == name)]
        if params.get('id'):
            items = [i for i in items if i['id'] == params['id']]
        offset, limit = int(params.get('offset', 0)), int(params.get('limit', 100))
        page = [dict((k, copy.deepcopy(v)) for k, v in i.items() if k not in ('nodes', 'ssl_option'))
                for i in items[offset:offset + limit]]
        for entry in page:
            entry['readonly_private_ips'] = ['10.0.0.1']
        return dict(instances=page, total_count=len(items))

    def _view(self, details):
        view = copy.deepcopy(details)
        if not self.ssl_in_details:
            view.pop('ssl_option', None)
        return view

    def op_show_instance(self, params, body, path):
        return {'instance': self._view(self._get(path))}

    def op_batch_show_instances(self, params, body, path):
        ids = params['instance_ids'].split(',')
        assert len(ids) <= 20, 'batch details takes at most 20 ids'
        return {'instances': [self._view(self.instances[i]) for i in ids if i in self.instances]}

    def op_create_instance(self, params, body, path):
        assert body['password'], 'create needs a password'
        details = self.add(body['name'], replicas=body['slave_count'], vpc_id=body['vpc_id'],
                           subnet_id=body['subnet_id'], flavor_ref=body['flavor_ref'],
                           tags=body.get('tags', []), security_group_id=body.get('security_group_id', 'sg-1'))
        self.passwords[details['id']] = body['password']
        for node in details['nodes']:
            node['flavor_ref'] = body['flavor_ref']
        answer = {'instance': {'id': details['id'], 'name': details['name'], 'status': 'BUILD'}}
        if body['charge_info']['charge_mode'] == 'prePaid':
            answer['order_id'] = 'CS%d' % next(self._seq)
            for node in details['nodes']:
                node['volume']['size'] = int(body['volume']['size'])
            details['charge_info'] = {'charge_mode': 'prePaid'}
            return answer
        answer.update(self._job('CreateGaussDBforMySQLInstance', details['id']))
        return answer

    def op_delete_instance(self, params, body, path):
        details = self.instances.pop(self._get(path)['id'])
        return self._job('DeleteGaussDBforMySQLInstance', details['id'])

    def op_rename_instance(self, params, body, path):
        self._get(path)['name'] = body['name']
        return self._job('RenameGaussDBforMySQLInstance', path['instance_id'])

    def op_resize_flavor(self, params, body, path):
        for node in self._get(path)['nodes']:
            node['flavor_ref'] = body['resize_flavor']['spec_code']
        return self._job('ResizeGaussDBforMySQLFlavor', path['instance_id'])

    def op_extend_volume(self, params, body, path):
        for node in self._get(path)['nodes']:
            node['volume']['size'] = body['size']
        return {'size': body['size'], 'order_id': 'CS-extend'}

    def op_add_readonly_nodes(self, params, body, path):
        details = self._get(path)
        for dummy in body['priorities']:
            self._node(details, 'slave')
        return dict(self._job('AddGaussDBforMySQLNodes', details['id']), instance_id=details['id'])

    def op_delete_readonly_node(self, params, body, path):
        details = self._get(path)
        details['nodes'] = [n for n in details['nodes'] if n['id'] != path['node_id']]
        return self._job('DeleteGaussDBforMySQLNode', details['id'])

    def op_set_port(self, params, body, path):
        self._get(path)['port'] = str(body['port'])
        return self._job('ModifyGaussDBforMySQLPort', path['instance_id'])

    def op_set_security_group(self, params, body, path):
        self._get(path)['security_group_id'] = body['security_group_id']
        return self._job('ModifyGaussDBforMySQLSecurityGroup', path['instance_id'])

    def op_set_private_ip(self, params, body, path):
        self._get(path)['private_write_ips'] = [body['internal_ip']]
        return self._job('GaussDBforMySQLModifyInstanceDataVip', path['instance_id'])

    def op_create_dns_name(self, params, body, path):
        details = self._get(path)
        details['private_dns_names'] = ['%s.internal.cn-north-4.gaussdb.myhuaweicloud.com' % details['id']]
        return self._job('CreateDns', path['instance_id'])

    def op_set_dns_name(self, params, body, path):
        details = self._get(path)
        details['private_dns_names'] = ['%s.internal.cn-north-4.gaussdb.myhuaweicloud.com' % body['dns_name']]
        return self._job('ModifyDns', path['instance_id'])

    def op_set_alias(self, params, body, path):
        self._get(path)['alias'] = body['alias']
        return {}

    def op_set_ops_window(self, params, body, path):
        self._get(path)['maintenance_window'] = '%s-%s' % (body['start_time'], body['end_time'])
        return {}

    def op_set_ssl(self, params, body, path):
        self._get(path)['ssl_option'] = body['ssl_option']
        return self._job('GaussDBforMySQLSwitchSSL', path['instance_id'])

    def op_bind_eip(self, params, body, path):
        details = self._get(path)
        details['public_ips'] = body['public_ip']
        self.eips[details['id']] = dict(id=body['public_ip_id'], public_ip_address=body['public_ip'])
        return self._job('GaussDBforMySQLBindEIP', path['instance_id'])

    def op_unbind_eip(self, params, body, path):
        details = self._get(path)
        details['public_ips'] = ''
        self.eips.pop(details['id'], None)
        return self._job('GaussDBforMySQLUnbindEIP', path['instance_id'])

    def op_show_eip(self, params, body, path):
        return dict(self.eips.get(self._get(path)['id'], {}))

    def op_batch_tag_action(self, params, body, path):
        details = self._get(path)
        tags = dict((t['key'], t['value']) for t in details['tags'])
        for tag in body['tags']:
            if body['action'] == 'delete':
                tags.pop(tag['key'], None)
            else:
                tags[tag['key']] = tag['value']
        details['tags'] = [{'key': k, 'value': v} for k, v in sorted(tags.items())]
        return {}

    def op_reset_password(self, params, body, path):
        self.passwords[self._get(path)['id']] = body['password']
        return {}

    def op_restart_instance(self, params, body, path):
        self._get(path)
        return self._job('RebootGaussDBforMySQLInstance', path['instance_id'])

    def op_show_job(self, params, body, path):
        job = self.jobs.get(params['id'])
        if job is None:
            raise ApiError('DBS.200543: The job does not exist.', status=400, error_code='DBS.200543')
        job['reads'] += 1
        if job['reads'] <= self.job_visible_after:
            raise ApiError('DBS.200543: The job does not exist.', status=400, error_code='DBS.200543')
        return {'job': dict((k, v) for k, v in job.items() if k != 'reads')}

    def op_list_datastores(self, params, body, path):
        return {'datastores': [{'id': 'd1', 'name': '8.0', 'version': '8.0.22', 'kernel_version': '2.0.51.240300'}]}

    def op_list_flavors(self, params, body, path):
        flavors = [{'spec_code': code, 'vcpus': '4', 'ram': '16', 'type': 'x86', 'version_name': '8.0',
                    'instance_mode': 'Cluster', 'az_status': {'cn-north-4a': 'normal'}}
                   for code in ('gaussdb.mysql.xlarge.x86.4', 'gaussdb.mysql.xlarge.x86.8')]
        if params.get('spec_code'):
            flavors = [f for f in flavors if f['spec_code'] == params['spec_code']]
        return {'flavors': flavors}


class FakeClient(harness.FakeGaussDBClient):
    """The real GaussDBClient over FakeApi; ``api.calls`` also keeps each call's ``recover``."""

    @staticmethod
    def record(operation, path, params, body, recover):
        return (operation, dict(path), copy.deepcopy(params), copy.deepcopy(body), recover)


def run_module(module, args, api, check_mode=False, diff=False):
    """Run a module's main() with ``args`` against ``api``; return the Exit (result, failed)."""
    return harness.run_module(module.main, AUTH, args, FakeClient(api), check_mode=check_mode, diff=diff)
