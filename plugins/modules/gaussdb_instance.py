#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_instance
short_description: Create, change, restart and delete Huawei Cloud GaussDB(for MySQL) instances
version_added: 0.1.0
description:
  - Manages a GaussDB(for MySQL) (TaurusDB) instance and its read-only nodes through the v3 API.
  - The instance is identified by O(id), or by its exact O(name); a name shared by several instances fails
    with their ids listed. To rename an instance give its O(id) and the new O(name).
  - Only the options that are set are compared and changed. Values are read from the instance details
    (API 4.3.32), so a run that changes nothing makes one API request when O(id) is given and two when
    the instance is found by O(name) (list by exact name, then details). Settings the details do not
    carry cost one more read each, and only when set (O(public_ip) given as an EIP id,
    O(seconds_level_monitoring)).
  - Creation-only options (for example O(vpc_id), O(time_zone), O(backup_strategy)) that differ from an
    existing instance are reported as warnings and left alone; the automatic backup policy and parameter
    templates have their own modules.
  - The diff shows the instance in the module's option names before and after the run; a password
    being set shows as C(********) on the after side only.
author:
  - clouddb.mysql contributors (@clouddb)
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.wait
  - clouddb.mysql.tags
options:
  name:
    description:
      - Instance name, 4 to 64 characters (at most 64 bytes), starting with a letter; letters, digits, C(-) and C(_).
      - Identifies the instance when O(id) is not given; with O(id), a different name renames the instance.
    type: str
  id:
    description:
      - Instance id (for example C(5eebbb4c0f9f4a99b42ed1b6334569aain07)).
      - An instance given by id must exist unless O(state=absent).
    type: str
    aliases: [instance_id]
  state:
    description:
      - V(present) creates the instance when missing and converges the options set.
      - V(absent) deletes (or unsubscribes) it.
      - V(restarted) converges like V(present), then restarts the instance (API 4.3.2) and waits for the
        restart when O(wait) is true. An instance created by this run is not restarted.
    type: str
    choices: [present, absent, restarted]
    default: present
  flavor:
    description:
      - Spec code, for example C(gaussdb.mysql.xlarge.x86.4) (see M(clouddb.mysql.gaussdb_flavor_info)).
      - Required to create. A different flavor resizes the instance (API 4.3.9).
    type: str
  engine_version:
    description: Major engine version (creation only).
    type: str
    default: '8.0'
  kernel_version:
    description: Full four-part kernel version to create with (creation only; needs a whitelist on the account).
    type: str
  vpc_id:
    description: VPC id. Required to create; creation only.
    type: str
  subnet_id:
    description: Subnet (network) id. Required to create; creation only.
    type: str
  security_group_id:
    description: Security group id. A different one is set through API 4.3.21.
    type: str
  password:
    description:
      - Password of the database administrator (C(root)); 8 to 32 characters with at least three of
        upper-case letters, lower-case letters, digits and C(~!@#$%^*-_=+?,()&).
      - Required to create. It cannot be read back; see O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the instance is created.
      - V(always) resets it (API 4.3.8) on every run, which then always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  availability_zone_mode:
    description: V(single) or V(multi) availability zones; creation only, V(single) when not set.
    type: str
    choices: [single, multi]
  master_availability_zone:
    description: Availability zone of the primary node; creation only.
    type: str
  read_replicas:
    description:
      - Number of read-only nodes, 1 to 15 (the API does not manage single-node instances). When creating, 1 if not set.
      - More nodes than exist are added (API 4.3.4, at most 9 per call); fewer delete the newest
        read-only nodes (API 4.3.5).
    type: int
  configuration_id:
    description: Parameter template to create with; creation only (parameters are managed by C(clouddb.mysql.gaussdb_instance_parameters)).
    type: str
  backup_strategy:
    description: Automatic backup policy to create with; creation only (the policy is managed by C(clouddb.mysql.gaussdb_backup_policy)).
    type: dict
    suboptions:
      start_time:
        description: One-hour window in UTC, C(hh:00-HH:00) with HH one hour after hh, for example C(21:00-22:00).
        type: str
        required: true
      keep_days:
        description: Days to keep automatic backups, 1 to 732.
        type: int
  restore_point:
    description:
      - Create the instance from a backup or a point in time of another instance (API 4.3.1
        C(restore_point)); creation only. The new instance starts with the databases, accounts and
        grants of that backup or moment.
      - To restore into an existing instance use M(clouddb.mysql.gaussdb_restore).
    type: dict
    suboptions:
      source_instance_id:
        description: Id of the instance the backup or the point in time belongs to.
        type: str
        required: true
      backup_id:
        description: Id of the full backup to restore (see M(clouddb.mysql.gaussdb_backup_info)).
        type: str
      restore_time:
        description:
          - Point in time to restore, as UNIX milliseconds or ISO 8601 (V(2024-05-01T10:00:00Z)).
          - Must fall in a range M(clouddb.mysql.gaussdb_backup_info) lists with
            O(clouddb.mysql.gaussdb_backup_info#module:restore_times=true).
        type: raw
  time_zone:
    description: Time zone, for example C(UTC+08:00); creation only, UTC when not set.
    type: str
  lower_case_table_names:
    description: 1 stores table names in lower case (case-insensitive), 0 keeps their case; creation only.
    type: int
    choices: [0, 1]
  charging_mode:
    description:
      - V(postPaid) (pay per use, the default when creating) or V(prePaid) (yearly/monthly); creation only.
      - A V(prePaid) create answers an order, not a job; the module then waits until an instance with
        this O(name) appears (after the order is paid, see O(auto_pay)) and is ready.
    type: str
    choices: [postPaid, prePaid]
  period_unit:
    description: Subscription period unit for V(prePaid).
    type: str
    choices: [month, year]
  period:
    description: Number of periods for V(prePaid), 1-9 months or 1-3 years.
    type: int
  auto_renew:
    description: Renew a V(prePaid) subscription automatically.
    type: bool
  auto_pay:
    description: Pay orders of V(prePaid) instances (creation, resize, storage, nodes) from the account balance.
    type: bool
  volume_size:
    description:
      - Storage in GB of a V(prePaid) instance, a multiple of 10 from 10 to 128000; more storage is bought
        through API 4.3.6. Pay-per-use storage grows by itself and cannot be sized.
    type: int
  enterprise_project_id:
    description: Enterprise project id; creation only.
    type: str
  dedicated_resource_id:
    description: Dedicated resource pool id; creation only.
    type: str
  port:
    description: Database port, 1024 to 65535 except 5342-5345, 12017, 20000, 20201, 20202, 33062 and 33071.
    type: int
  private_ip:
    description: Private (write) IP address of the instance (API 4.3.22).
    type: str
  private_dns_name_prefix:
    description:
      - Prefix of the private domain name, 8 to 63 lower-case letters or digits.
      - An instance without a private domain name gets one first (API 4.3.25), then it is renamed (API 4.3.26).
    type: str
  description:
    description: Remark of the instance (its C(alias)), at most 64 letters, digits, C(.), C(_) or C(-). Empty clears it.
    type: str
  maintenance_window:
    description: Maintenance window in UTC; whole hours, four hours long (API 4.3.20).
    type: dict
    suboptions:
      start_time:
        description: Start, C(HH:MM), for example C(22:00).
        type: str
        required: true
      end_time:
        description: End, C(HH:MM), for example C(02:00).
        type: str
        required: true
  ssl:
    description:
      - Whether SSL is enabled (API 4.3.16).
      - The API reference documents no way to read the switch back; the module compares with the
        C(ssl_option) field of the instance details when the service includes it, and otherwise sets it
        on every run (with a warning).
    type: bool
  public_ip:
    description:
      - EIP to bind, as its address or its id; an empty string unbinds the bound EIP.
      - Given as an address it is compared with the details' C(public_ips); given as an id the bound EIP
        is read through API 4.3.41 (one more request).
      - Binding (API 4.3.17) needs both the address and the id, so set O(public_ip) to the address and
        O(public_ip_id) to the id when the EIP may have to be bound.
    type: str
  public_ip_id:
    description: Id of the EIP whose address is O(public_ip); needed to bind it.
    type: str
  seconds_level_monitoring:
    description:
      - Per-second monitoring of the instance (API 4.3.12), compared with what API 4.3.13 reports (one more
        request, only when this option is set). A change runs as a job.
      - On a new instance it is set once the instance is ready.
    type: dict
    suboptions:
      enabled:
        description: Whether metrics are collected every O(seconds_level_monitoring.period) seconds.
        type: bool
        required: true
      period:
        description:
          - Collection period in seconds, only with O(seconds_level_monitoring.enabled=true).
          - Not set keeps the current period of monitoring that is on, and is 5 when switching it on.
        type: int
        choices: [1, 5]
notes:
  - Changes run one after the other; each asynchronous one returns a job that is waited for when O(wait=true).
    With O(wait=false) a later change still waits for the instance to be idle (the API refuses changes
    on a busy instance) and only the last job is left running.
  - A create whose answer was lost (connection dropped, server error) is never sent again blindly; the
    module looks the instance up by its exact name first.
  - In check mode a create, a flavor change and added read-only nodes are first submitted to the API's
    resource pre-check (4.3.30). Check mode then fails with the API's reason (an instance quota reached, a
    flavor sold out, a vCPU or memory quota) instead of reporting a change the real run could not make. The
    pre-check is a POST that changes nothing; it is one more request, and only in check mode (the real run's
    create, resize or node call answers the same errors itself).
seealso:
  - module: clouddb.mysql.gaussdb_instance_info
  - module: clouddb.mysql.gaussdb_job_info
  - module: clouddb.mysql.gaussdb_flavor_info
  - module: clouddb.mysql.gaussdb_instance_upgrade
  - module: clouddb.mysql.gaussdb_auto_scaling
'''

EXAMPLES = r'''
- name: Create an instance with two read-only nodes
  clouddb.mysql.gaussdb_instance:
    name: orders-db
    flavor: gaussdb.mysql.xlarge.x86.4
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"
    password: "{{ vault_gaussdb_root_password }}"
    read_replicas: 2
    backup_strategy:
      start_time: "21:00-22:00"
      keep_days: 7
    tags:
      team: orders
  register: created

- name: Rename it (identity by id), move the port and set a maintenance window
  clouddb.mysql.gaussdb_instance:
    id: "{{ created.instance.id }}"
    name: orders-db-prod
    port: 8635
    maintenance_window:
      start_time: "22:00"
      end_time: "02:00"

- name: Scale down to one read-only node without waiting for the job
  clouddb.mysql.gaussdb_instance:
    name: orders-db-prod
    read_replicas: 1
    wait: false
  register: scaled

- name: Wait for that job later
  clouddb.mysql.gaussdb_job_info:
    id: "{{ scaled.job_id }}"
    wait: true

- name: A new instance holding orders-db-prod's data as it was at 08:00 UTC
  clouddb.mysql.gaussdb_instance:
    name: orders-db-copy
    flavor: gaussdb.mysql.xlarge.x86.4
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    password: "{{ vault_gaussdb_root_password }}"
    restore_point:
      source_instance_id: "{{ created.instance.id }}"
      restore_time: "2024-05-01T08:00:00Z"

- name: Collect metrics every second
  clouddb.mysql.gaussdb_instance:
    name: orders-db-prod
    seconds_level_monitoring:
      enabled: true
      period: 1

- name: Restart
  clouddb.mysql.gaussdb_instance:
    name: orders-db-prod
    state: restarted

- name: Delete
  clouddb.mysql.gaussdb_instance:
    name: orders-db-prod
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The instance details (API 4.3.32, v3.1) after the changes, with the API's own field names.
    - Empty in check mode when the instance would be created; the deleted instance's last details with O(state=absent).
  returned: always
  type: dict
  sample:
    id: 5eebbb4c0f9f4a99b42ed1b6334569aain07
    name: orders-db
    status: normal
    port: "3306"
    alias: ""
    datastore: {type: gaussdb-mysql, version: "8.0", kernel_version: "2.0.51.240300"}
    private_write_ips: ["192.168.0.12"]
    public_ips: ""
    maintenance_window: "18:00-22:00"
    tags: [{key: team, value: orders}]
    nodes:
      - {id: 799a0f2fa49a4151bf9f7063c1fbba36no07, name: orders-db_node01, type: master, status: normal}
      - {id: 799a0f2fa49a4151bf9f7063c1fbba35no07, name: orders-db_node02, type: slave, status: normal}
job_id:
  description:
    - Id of the job that ran the change, a list when there were several; M(clouddb.mysql.gaussdb_job_info) can wait for them.
  returned: when a change ran as a job
  type: raw
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
order_id:
  description: Order id(s) of yearly/monthly (V(prePaid)) changes, a list when there were several.
  returned: when a change of a prePaid instance made an order
  type: raw
  sample: CS2305230939BMXV8
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_instance import (
    instance_errors, plan_instance, settle_creation,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError


def run(module):
    params = module.params
    module.check_input(instance_errors(params))
    client = module.client
    details = client.resolve_instance(params['id'], params['name'])
    if details is None and params['id'] and params['state'] != 'absent':
        raise InputError('Instance %s does not exist; an instance cannot be created with a given id' % params['id'])
    details = settle_creation(module, details)
    created = {}
    plan = plan_instance(module, details, created)
    plan.apply(module)
    instance = details or {}
    if plan.changed and not module.check_mode and params['state'] != 'absent':
        if details is None:
            instance = created.get('instance') or {}
        elif module.jobs.wait or any(step.what != 'restart' for step in plan.steps):
            instance = client.get_instance(details['id']) or details   # the details after the changes
    module.finish(plan.changed, plan.before, plan.after, instance=instance)


def main():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['instance_id']),
        state=dict(type='str', default='present', choices=['present', 'absent', 'restarted']),
        flavor=dict(type='str'),
        engine_version=dict(type='str', default='8.0'),
        kernel_version=dict(type='str'),
        vpc_id=dict(type='str'),
        subnet_id=dict(type='str'),
        security_group_id=dict(type='str'),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['on_create', 'always'], no_log=False),
        availability_zone_mode=dict(type='str', choices=['single', 'multi']),
        master_availability_zone=dict(type='str'),
        read_replicas=dict(type='int'),
        configuration_id=dict(type='str'),
        backup_strategy=dict(type='dict', options=dict(
            start_time=dict(type='str', required=True),
            keep_days=dict(type='int'),
        )),
        restore_point=dict(type='dict', options=dict(
            source_instance_id=dict(type='str', required=True),
            backup_id=dict(type='str'),
            restore_time=dict(type='raw'),
        ), mutually_exclusive=[('backup_id', 'restore_time')], required_one_of=[('backup_id', 'restore_time')]),
        time_zone=dict(type='str'),
        lower_case_table_names=dict(type='int', choices=[0, 1]),
        charging_mode=dict(type='str', choices=['postPaid', 'prePaid']),
        period_unit=dict(type='str', choices=['month', 'year']),
        period=dict(type='int'),
        auto_renew=dict(type='bool'),
        auto_pay=dict(type='bool'),
        volume_size=dict(type='int'),
        enterprise_project_id=dict(type='str'),
        dedicated_resource_id=dict(type='str'),
        port=dict(type='int'),
        private_ip=dict(type='str'),
        private_dns_name_prefix=dict(type='str'),
        description=dict(type='str'),
        maintenance_window=dict(type='dict', options=dict(
            start_time=dict(type='str', required=True),
            end_time=dict(type='str', required=True),
        )),
        ssl=dict(type='bool'),
        public_ip=dict(type='str'),
        public_ip_id=dict(type='str'),
        seconds_level_monitoring=dict(type='dict', options=dict(
            enabled=dict(type='bool', required=True),
            period=dict(type='int', choices=[1, 5]),
        )),
    )
    CloudModule('gaussdb', spec, wait=True, tags=True, required_one_of=[('name', 'id')]).run(run)


if __name__ == '__main__':
    main()
