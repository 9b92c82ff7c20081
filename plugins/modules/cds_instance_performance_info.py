#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_instance_performance_info
short_description: Read the performance metrics of a CDS cloud MySQL instance over a time window
version_added: 1.0.0
description:
  - Returns the monitoring data of an instance, one request per metric
    (C(DescribeDBInstancePerformance), served at C(<endpoint>/paas/monitor) rather than C(/mysql)).
    The metrics are CPU, memory and disk usage, network traffic, open sessions and slow queries.
  - The API picks the granularity from the length of the window and keeps points of each
    granularity for a limited time; see the notes.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  metrics:
    description:
      - The metrics to read. V(cpu_usage), V(mem_usage) and V(space_usage) (data disk) are
        percentages, V(network_traffic) is MB/s in and out, V(sessions) the open connections,
        V(slow_queries) the queries slower than C(long_query_time).
      - They are the API's C(MetricKey) values without the C(mysql_) prefix (V(network_traffic) is
        C(mysql_network_trffice), as the API spells it).
    type: list
    elements: str
    choices: [cpu_usage, mem_usage, space_usage, network_traffic, sessions, slow_queries]
    default: [cpu_usage, mem_usage, space_usage, network_traffic, sessions, slow_queries]
  start_time:
    description:
      - Start of the window, C(YYYY-MM-DD HH:MM:SS) in the service's time (China Standard Time, UTC+8).
      - Default one hour before O(end_time).
    type: str
  end_time:
    description:
      - End of the window, C(YYYY-MM-DD HH:MM:SS) in the service's time. Default now.
      - It must be after O(start_time), at most 30 days later.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
notes:
  - "Granularity (C(period)) by length of the window: up to 4 hours 30 seconds, kept 1 day; up to
    2 days 1 minute, kept 15 days; up to 10 days 5 minutes, kept 31 days; up to 30 days 1 hour, kept
    62 days. Points older than their granularity's retention are not returned; the module warns when
    the window starts before it."
  - Times in the answer are China Standard Time, like the options.
  - O(endpoint_url) is the API's host (the module adds C(/paas/monitor) itself); an endpoint URL
    that ends in C(/mysql) is accepted too.
seealso:
  - module: clouddb.mysql.cds_instance_info
'''

EXAMPLES = r'''
- name: CPU and sessions of the last hour
  clouddb.mysql.cds_instance_performance_info:
    instance_name: shop-db
    metrics: [cpu_usage, sessions]
  register: perf

- name: Peak CPU of the hour
  ansible.builtin.debug:
    msg: "{{ perf.metrics[0].data_points[0]['values'] | map(attribute='value') | max }}"

- name: Disk usage over one day, at one-minute granularity
  clouddb.mysql.cds_instance_performance_info:
    instance_id: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    metrics: [space_usage]
    start_time: "2024-07-04 00:00:00"
    end_time: "2024-07-05 00:00:00"
'''

RETURN = r'''
metrics:
  description: One entry per metric asked for, in the order of O(metrics); the API's C(Data) in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The metric, as named in O(metrics).
      type: str
      sample: cpu_usage
    metric_key:
      description: The API's name of the metric.
      type: str
      sample: mysql_cpu_usage
    instance_uuid:
      description: Uuid of the instance.
      type: str
    product_type:
      description: Edition of the instance, for example C(mysql-replication).
      type: str
    period:
      description: Granularity in seconds the API chose for the window.
      type: int
      sample: 30
    start_time:
      description: Start of the window, China Standard Time.
      type: str
      sample: "2024-07-05 08:00:00"
    end_time:
      description: End of the window, China Standard Time.
      type: str
      sample: "2024-07-05 09:00:00"
    data_points:
      description: The series of the metric (one in the API's examples).
      type: list
      elements: dict
      contains:
        metric_name:
          description: Name of the series, for example C(slow_queries).
          type: str
        metric_type:
          description: V(gauge) or V(counter).
          type: str
        monitor_type:
          description: Category of the metric, for example C(resources) or C(engine).
          type: str
        unit:
          description: Unit as the API writes it (for example a percentage, C(MB/s), a count).
          type: str
        values:
          description: The points, oldest first.
          type: list
          elements: dict
          contains:
            date_time:
              description: Time of the point, China Standard Time.
              type: str
              sample: "2024-07-05 08:00:30"
            value:
              description: Value at that time (a number; the vendor's SDK reads integers).
              type: float
              sample: 37
start_time:
  description: Start of the window that was read, China Standard Time.
  returned: always
  type: str
end_time:
  description: End of the window that was read, China Standard Time.
  returned: always
  type: str
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_monitor import (
    METRIC_NAMES, performance_errors, performance_window, read_metrics, retention_warning,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    now = module.client.clock()
    module.check_input(performance_errors(params, now))
    warning = retention_warning(*performance_window(params, now), now=now)
    if warning:
        module.warn(warning)
    uuid = module.target_instance()['InstanceUuid']
    metrics, start, end = read_metrics(module.client, uuid, params, now)
    module.finish(False, metrics=metrics, start_time=start, end_time=end, instance_id=uuid)


def main():
    spec = dict(
        metrics=dict(type='list', elements='str', choices=list(METRIC_NAMES), default=list(METRIC_NAMES)),
        start_time=dict(type='str'),
        end_time=dict(type='str'),
    )
    CloudModule('cds', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
