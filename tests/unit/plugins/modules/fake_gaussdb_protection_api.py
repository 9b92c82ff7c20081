"""An in-memory stand-in for the GaussDB backup and parameter APIs (seed 002 4.4, 4.5), for module unit tests.

Only ``GaussDBClient.call`` is replaced: pagination, instance lookups and job waits run the real client code
with a fake clock. Changes take effect at once; jobs are Completed when read. The emulator is the faithful one.
"""
import copy
import itertools

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules import harness

AUTH = harness.GAUSSDB_AUTH
READS = frozenset(('list_instances', 'show_instance', 'list_backups', 'show_backup_policy', 'show_backup_encryption',
                   'list_incremental_backups', 'list_restore_times', 'list_restorable_tables', 'list_configurations',
                   'show_configuration', 'compare_configurations', 'list_applicable_instances',
                   'list_configuration_history', 'show_instance_configuration', 'list_configuration_apply_history',
                   'show_job'))
DEFAULT_ID = '3bc1e9cc0d34404b9225ed7a58fb284epr07'
PARAMS = {
    'max_connections': ('integer', '1-100000', '3000', False),
    'autocommit': ('boolean', 'ON|OFF', 'ON', False),
    'innodb_buffer_pool_size': ('integer', '5242880-1099511627776', '8589934592', True),
    'transaction_isolation': ('list', 'READ-UNCOMMITTED|READ-COMMITTED|REPEATABLE-READ|SERIALIZABLE',
                              'REPEATABLE-READ', False),
    'long_query_time': ('float', '0.03-3600', '1', False),
}


# Still importable from here, as before.
Exit, FakeClock, FakeClient = harness.Exit, harness.FakeClock, harness.FakeGaussDBClient


class FakeApi(object):
    def __init__(self):
        self.seq = itertools.count(1)
        self.calls = []
        self.instances = {}
        self.backups = []
        self.policy = dict(keep_days=7, start_time='19:00-20:00', period='1,2,3,4,5,6,7')
        self.encryption = 'off'
        self.templates = {DEFAULT_ID: dict(id=DEFAULT_ID, name='Default-GaussDBforMySQL', description='default',
                                           user_defined=False, values=dict((k, v[2]) for k, v in PARAMS.items()))}
        self.values = {}

    # -- test data ---------------------------------------------------------------------------------
    def add_instance(self, name='db-1', need_restart=False, configuration_id=DEFAULT_ID):
        iid = '%032x' % next(self.seq) + 'in07'
        self.instances[iid] = dict(id=iid, name=name, status='normal', configuration_id=configuration_id,
                                   nodes=[dict(id='n1no07', status='normal', need_restart=need_restart)])
        self.values[iid] = dict((k, v[2]) for k, v in PARAMS.items())
        return iid

    def add_backup(self, instance_id, name, kind='manual', status='COMPLETED', description=''):
        backup = dict(id='%032x' % next(self.seq) + 'br07', name=name, type=kind, status=status,
                      description=description, instance_id=instance_id)
        self.backups.append(backup)
        return backup

    def add_template(self, name, **values):
        tid = '%032x' % next(self.seq) + 'pr07'
        merged = dict((k, v[2]) for k, v in PARAMS.items())
        merged.update(values)
        self.templates[tid] = dict(id=tid, name=name, description='', user_defined=True, values=merged)
        return tid

    def writes(self):
        return [c[0] for c in self.calls if c[0] not in READS]

    # -- dispatch ------------------------------------------------------------------------------------
    def handle(self, op, params, body, path):
        return getattr(self, 'op_' + op)(params or {}, body, path)

    def _job(self):
        return {'job_id': 'job-%d' % next(self.seq)}

    def op_show_job(self, params, body, path):
        return {'job': {'id': params['id'], 'status': 'Completed'}}

    def op_list_instances(self, params, body, path):
        found = [dict(id=i['id'], name=i['name']) for i in self.instances.values()
                 if params.get('name') in (None, i['name'])]
        return {'instances': found, 'total_count': len(found)}

    def op_show_instance(self, params, body, path):
        if path['instance_id'] not in self.instances:
            raise ApiError('not found', status=404, error_code='DBS.201028')
        return {'instance': copy.deepcopy(self.instances[path['instance_id']])}

    # 4.4 -----------------------------------------------------------------------------------------------
    def op_list_backups(self, params, body, path):
        keys = (('instance_id', 'instance_id'), ('backup_id', 'id'), ('name', 'name'), ('backup_type', 'type'))
        found = [b for b in self.backups if all(params.get(q) in (None, b[f]) for q, f in keys)]
        return {'backups': copy.deepcopy(found), 'total_count': len(found)}

    def op_create_backup(self, params, body, path):
        backup = self.add_backup(body['instance_id'], body['name'], description=body.get('description', ''))
        return dict(self._job(), backup=dict(backup, status='BUILDING'))

    def op_delete_backup(self, params, body, path):
        self.backups = [b for b in self.backups if b['id'] != path['backup_id']]
        return {}

    def op_show_backup_policy(self, params, body, path):
        return {'backup_policy': dict(self.policy)}

    def op_set_backup_policy(self, params, body, path):
        self.policy = dict(body['backup_policy'])
        return {'status': 'COMPLETED'}

    def op_show_backup_encryption(self, params, body, path):
        return {'encryption_status': self.encryption}

    def op_set_backup_encryption(self, params, body, path):
        self.encryption = body['encryption_status']
        return {'encryption_status': self.encryption}

    def op_set_offsite_backup_policy(self, params, body, path):
        return {'result': 'success'}

    def op_restore_instance(self, params, body, path):
        return self._job()

    def op_restore_tables(self, params, body, path):
        return self._job()

    def op_list_restore_times(self, params, body, path):
        return {'restore_times': [{'start_time': 1714521600000, 'end_time': 1714557600000}]}

    def op_list_incremental_backups(self, params, body, path):
        return {'backups': [], 'total_count': 0}

    def op_list_restorable_tables(self, params, body, path):
        return {'total_databases': 1, 'databases': [{'name': 'shop', 'total_tables': 1, 'tables': [{'name': 't1'}]}]}

    # 4.5 -----------------------------------------------------------------------------------------------
    def _template(self, tid):
        if tid not in self.templates:
            raise ApiError('no such template', status=404, error_code='DBS.212001')
        return self.templates[tid]

    def op_list_configurations(self, params, body, path):
        found = [dict(id=t['id'], name=t['name'], description=t['description'], user_defined=t['user_defined'])
                 for t in self.templates.values()]
        return {'configurations': found, 'total_count': len(found)}

    def op_show_configuration(self, params, body, path):
        record = self._template(path['configuration_id'])
        return {'configurations': dict(id=record['id'], name=record['name'], description=record['description']),
                'parameter_values': dict(record['values'])}

    def _canonical(self, values):
        result = {}
        for name, value in values.items():
            if PARAMS[name][0] == 'boolean':
                value = 'ON' if str(value).lower() in ('on', '1', 'true') else 'OFF'
            result[name] = str(value)
        return result

    def op_create_configuration(self, params, body, path):
        tid = self.add_template(body['name'], **self._canonical(body.get('parameter_values') or {}))
        self.templates[tid]['description'] = body.get('description', '')
        return {'configurations': dict(id=tid, name=body['name'])}

    def op_copy_configuration(self, params, body, path):
        source = self._template(path['configuration_id'])
        tid = self.add_template(body['name'], **source['values'])
        return {'configuration_id': tid}

    def op_copy_instance_configuration(self, params, body, path):
        tid = self.add_template(body['name'], **self.values[path['instance_id']])
        return {'configuration_id': tid}

    def op_update_configuration(self, params, body, path):
        record = self._template(path['configuration_id'])
        record['values'].update(self._canonical(body.get('parameter_values') or {}))
        for key in ('name', 'description'):
            if key in body:
                record[key] = body[key]
        return self._job()

    def op_delete_configuration(self, params, body, path):
        del self.templates[path['configuration_id']]
        return {}

    def op_compare_configurations(self, params, body, path):
        source = self._template(body['source_configuration_id'])['values']
        target = self._template(body['target_configuration_id'])['values']
        return {'differences': [dict(parameter_name=k, source_value=source[k], target_value=target[k])
                                for k in sorted(source) if source[k] != target[k]]}

    def op_list_applicable_instances(self, params, body, path):
        found = [dict(instance_id=i['id'], instance_name=i['name']) for i in self.instances.values()]
        return {'instances': found, 'total_count': len(found)}

    def op_list_configuration_history(self, params, body, path):
        return {'histories': [dict(parameter_name='max_connections', old_value='1', new_value='2')], 'total_count': 1}

    def op_list_configuration_apply_history(self, params, body, path):
        return {'histories': [], 'total_count': 0}

    def op_show_instance_configuration(self, params, body, path):
        items = [dict(name=k, value=v, type=PARAMS[k][0], value_range=PARAMS[k][1], restart_required=PARAMS[k][3],
                      readonly=False) for k, v in sorted(self.values[path['instance_id']].items())]
        items.append(dict(name='lower_case_table_names', value='1', type='integer', value_range='0-1',
                          restart_required=True, readonly=True))
        return {'configurations': {'datastore_name': 'taurus'}, 'parameter_values': items, 'total_count': len(items)}

    def _set_values(self, instance_id, values):
        values = self._canonical(values)
        restart = any(PARAMS[k][3] and self.values[instance_id][k] != v for k, v in values.items())
        self.values[instance_id].update(values)
        if restart:
            for node in self.instances[instance_id]['nodes']:
                node['need_restart'] = True
        return restart

    def op_update_instance_configuration(self, params, body, path):
        restart = self._set_values(path['instance_id'], body['parameter_values'])
        return dict(self._job(), restart_required=restart)

    def op_apply_configuration(self, params, body, path):
        record = self._template(path['configuration_id'])
        for iid in body['instance_ids']:
            self._set_values(iid, record['values'])
            self.instances[iid]['configuration_id'] = record['id']
        return self._job()

    def op_restart_instance(self, params, body, path):
        for node in self.instances[path['instance_id']]['nodes']:
            node['need_restart'] = False
        return self._job()


def run_module(module, args, api, check_mode=False, diff=False):
    """Run ``module.run()`` with ``args`` against ``api``; return the Exit (``.result``, ``.failed``)."""
    return harness.run_module(module.run, AUTH, args, FakeClient(api), check_mode=check_mode, diff=diff)
