#!/usr/bin/env python3
"""Benchmark of the clouddb.mysql.gaussdb inventory plugin against the emulator.

    python tests/benchmarks/inventory_gaussdb.py [--instances 2000] [--nodes 3] [--latency-ms 20]
                                                 [--repeat 5] [--max-concurrency N]
                                                 [--emulator-url URL --ca FILE]

Run it with the Python of the test virtualenv (it needs ansible-core, requests and the
emulator's requirements), e.g. ``.venv/bin/python tests/benchmarks/inventory_gaussdb.py``.

Seeds the emulator (one it starts itself over TLS, or the one given), sets the emulated
latency, then in one run times:

  (a) the plugin: a whole ``ansible-inventory --list`` process, no cache configured;
  (b) a naive loop over the same emulator: list the instances, then read each one's details
      with one request per instance (the shared client, in this process: no start-up cost);
  (c) the plugin again, served from a cache: a run with the cache enabled fills it first
      (timed and reported as well), then the measured run reads it.

and prints the API requests each made (from /_emulator/stats), the wall times and the ratios.
A plugin run is timed from the start to the end of the ansible-inventory process (parsing its
output here comes after); for reference, the same command on a one-host inventory shows what
Ansible's start-up alone costs. It checks what it measures (every node is a host; the cache hit
made no request) and exits 1 when a check fails. Not part of the test command's pass/fail:
timings depend on the machine (run it on a quiet one). The plugin's time is CPU-bound (most of
it is ansible-inventory's own work on 6,000 hosts) while the naive loop's is mostly emulated
latency, so a busy CPU lowers the ratio; the start-up line (one-host inventory) shows how fast
the machine is at the time.
"""
import argparse
import json
import math
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDENTIALS = {
    'HW_REGION_NAME': 'cn-north-4', 'HW_ACCESS_KEY': 'EMULATORAK0000000001', 'HW_SECRET_KEY': 'emulator-secret-key',
    'HW_PROJECT_ID': '0123456789abcdef0123456789abcdef',
}


class Emulator(object):
    """The admin API of a running emulator (started here unless a URL is given)."""

    def __init__(self, url=None, ca=None, workdir=None):
        self.process = None
        if url is None:
            state = os.path.join(workdir, 'emulator')
            self.process = subprocess.Popen(
                [sys.executable, os.path.join(ROOT, 'tests', 'emulator', 'serve.py'), '--tls', '--state-dir', state,
                 '--time-scale', '0.01'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            line = self.process.stdout.readline()
            if not line.startswith('EMULATOR_URL='):
                raise SystemExit('the emulator did not start')
            url, ca = line.strip().split('=', 1)[1], os.path.join(state, 'ca.pem')
        self.url, self.ca = url, ca
        self.tls = ssl.create_default_context(cafile=ca) if ca else None

    def admin(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + '/_emulator' + path, data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, context=self.tls, timeout=120) as answer:
            return json.loads(answer.read() or b'{}')

    def requests_total(self):
        return self.admin('GET', '/stats')['requests_total']

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)


def collection_path(workdir):
    """A path ending in ansible_collections/clouddb/mysql that points at this checkout."""
    base = os.path.join(workdir, 'collections')
    link = os.path.join(base, 'ansible_collections', 'clouddb', 'mysql')
    os.makedirs(os.path.dirname(link))
    os.symlink(ROOT, link)
    return base


class Timed(object):
    """What an action that times itself returns: its result and the seconds that count."""

    def __init__(self, result, seconds):
        self.result, self.seconds = result, seconds


def measured(emulator, action):
    before = emulator.requests_total()
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    if isinstance(result, Timed):
        result, seconds = result.result, result.seconds
    return result, seconds, emulator.requests_total() - before


def run_plugin(env, inventory_file, flush, export=False, launcher=None):
    """The ansible-inventory process, timed alone; its JSON output is parsed afterwards.

    ``launcher``: the command that stands for ``ansible-inventory`` (default: the one next to this
    Python, a virtualenv's, else the one on PATH). The Timed also has the process's ``stderr`` and
    the ``time.perf_counter()`` at which it ``ended``.
    """
    if launcher is None:
        sibling = os.path.join(os.path.dirname(sys.executable), 'ansible-inventory')
        launcher = [sibling if os.path.exists(sibling) else 'ansible-inventory']
    command = list(launcher) + ['-i', inventory_file, '--list']
    if flush:
        command.append('--flush-cache')
    if export:
        command.append('--export')
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ended = time.perf_counter()
    if done.returncode:
        raise SystemExit('ansible-inventory failed:\n' + done.stderr.decode('utf-8', 'replace')[-3000:])
    timed = Timed(json.loads(done.stdout), ended - started)
    timed.stderr, timed.ended = done.stderr.decode('utf-8', 'replace'), ended
    return timed


def naive_loop(emulator, collections):
    sys.path.insert(0, collections)
    from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import GaussDBClient
    config = dict(region=CREDENTIALS['HW_REGION_NAME'], access_key=CREDENTIALS['HW_ACCESS_KEY'],
                  secret_key=CREDENTIALS['HW_SECRET_KEY'], project_id=CREDENTIALS['HW_PROJECT_ID'],
                  endpoint_url=emulator.url, ca_bundle=emulator.ca, validate_certs=True, timeout=30)
    client = GaussDBClient(config)
    nodes = 0
    for listed in client.list_instances():
        nodes += len(client.get_instance(listed['id'])['nodes'])
    return nodes


def arguments(doc, repeat, repeat_help):
    """A parser of the options every GaussDB inventory benchmark takes; a benchmark adds its own."""
    parser = argparse.ArgumentParser(description=doc.split('\n\n')[0])
    parser.add_argument('--instances', type=int, default=2000)
    parser.add_argument('--nodes', type=int, default=3)
    parser.add_argument('--latency-ms', type=float, default=20)
    parser.add_argument('--repeat', type=int, default=repeat, help=repeat_help)
    parser.add_argument('--emulator-url')
    parser.add_argument('--ca')
    return parser


def run_bench(args, bench, prefix):
    """``bench(args, emulator, workdir)`` against the emulator given (or one started for it); its exit status."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    emulator = Emulator(args.emulator_url, args.ca, workdir)
    try:
        return bench(args, emulator, workdir)
    finally:
        emulator.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = arguments(__doc__, 5, 'runs of (a) and (c), taking turns; the median counts')
    parser.add_argument('--max-concurrency', type=int, help="the plugin's max_concurrency (default: its own)")
    return run_bench(parser.parse_args(), bench, 'clouddb-bench-')


def seed(emulator, instances, nodes, latency_ms):
    """A fresh emulator with ``instances`` x ``nodes``, answering after ``latency_ms``; the seconds it took."""
    emulator.admin('POST', '/reset')
    started = time.perf_counter()
    emulator.admin('POST', '/seed', {'gaussdb_instances': instances, 'nodes_per_instance': nodes})
    seeded = time.perf_counter() - started
    emulator.admin('PUT', '/config', {'latency_ms': latency_ms, 'fault_rate': 0.0})
    return seeded


def plugin_env(emulator, collections):
    """The environment of an ansible-inventory run against ``emulator``: credentials as HW_* variables."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, HW_GAUSSDB_ENDPOINT=emulator.url,
               HW_AUTH_URL=emulator.url + '/v3', HW_CACERT_FILE=emulator.ca or '', **CREDENTIALS)
    for name in ('ANSIBLE_INVENTORY_CACHE', 'ANSIBLE_CACHE_PLUGIN', 'ANSIBLE_INVENTORY_CACHE_PLUGIN'):
        env.pop(name, None)
    return env


def bench(args, emulator, workdir):
    seeded = seed(emulator, args.instances, args.nodes, args.latency_ms)

    plain_file = os.path.join(workdir, 'bench.gaussdb.yml')
    one_host_file = os.path.join(workdir, 'one_host.ini')
    with open(one_host_file, 'w') as handle:
        handle.write('localhost ansible_connection=local\n')
    cached_file = os.path.join(workdir, 'cached.gaussdb.yml')
    options = {'plugin': 'clouddb.mysql.gaussdb'}
    if args.max_concurrency:
        options['max_concurrency'] = args.max_concurrency
    with open(plain_file, 'w') as handle:
        json.dump(options, handle)
    with open(cached_file, 'w') as handle:
        json.dump(dict(options, cache=True, cache_plugin='ansible.builtin.jsonfile',
                       cache_connection=os.path.join(workdir, 'cache')), handle)
    collections = collection_path(workdir)
    env = plugin_env(emulator, collections)

    # The plugin runs are short and share two CPUs with the emulator: each is timed --repeat times
    # and the median counts (every sample is printed). The repetitions of the different runs take
    # turns, so that a burst of load from elsewhere does not fall on all the samples of one of
    # them. The naive loop, a minute long, runs once.
    filled, time_fill, requests_fill = measured(emulator, lambda: run_plugin(env, cached_file, flush=True))
    times_s, times_a, times_x, times_c, requests_a, requests_x, requests_c = [], [], [], [], 0, 0, 0
    for dummy in range(max(1, args.repeat)):
        times_s.append(measured(emulator, lambda: run_plugin(env, one_host_file, flush=False))[1])
        listing, seconds, requests = measured(emulator, lambda: run_plugin(env, plain_file, flush=False))
        times_a.append(seconds)
        requests_a = max(requests_a, requests)
        exported, seconds, requests = measured(emulator, lambda: run_plugin(env, plain_file, flush=False, export=True))
        times_x.append(seconds)
        requests_x = max(requests_x, requests)
        cached, seconds, requests = measured(emulator, lambda: run_plugin(env, cached_file, flush=False))
        times_c.append(seconds)
        requests_c = max(requests_c, requests)
    nodes_b, time_b, requests_b = measured(emulator, lambda: naive_loop(emulator, collections))
    time_a, time_c, time_x = statistics.median(times_a), statistics.median(times_c), statistics.median(times_x)
    time_s = statistics.median(times_s)

    expected_hosts = args.instances * args.nodes
    budget = math.ceil(args.instances / 100.0) + math.ceil(args.instances / 20.0)
    checks = [
        ('every node is a host (plugin)', len(listing['_meta']['hostvars']) == expected_hosts),
        ('every node is a host (--export)', len(exported['_meta']['hostvars']) == expected_hosts),
        ('every node is a host (cache hit)', len(cached['_meta']['hostvars']) == expected_hosts),
        ('the cache hit gives the same inventory', cached == filled == listing),
        ('every node seen by the naive loop', nodes_b == expected_hosts),
        ('plugin requests <= %d (list pages + batch reads) in every run' % budget, max(requests_a, requests_x) <= budget),
        ('cache hits made no request', requests_c == 0),
    ]
    print('emulator: %s, seeded %d instances x %d nodes in %.2f s, latency %g ms'
          % (emulator.url, args.instances, args.nodes, seeded, args.latency_ms))
    print('%-44s %10s %10s' % ('', 'requests', 'seconds'))
    print('%-44s %10s %10.2f   (runs: %s)' % ('ansible-inventory start-up (one-host .ini)', '', time_s,
                                              ', '.join('%.2f' % t for t in times_s)))
    print('%-44s %10d %10.2f   (runs: %s)' % ('(a) plugin, ansible-inventory --list', requests_a, time_a,
                                              ', '.join('%.2f' % t for t in times_a)))
    print('%-44s %10d %10.2f   (runs: %s)' % ('    the same with --export (as AWX runs it)', requests_x, time_x,
                                              ', '.join('%.2f' % t for t in times_x)))
    print('%-44s %10d %10.2f' % ('(b) naive loop (list, then one read each)', requests_b, time_b))
    print('%-44s %10d %10.2f' % ('    plugin run that fills the cache', requests_fill, time_fill))
    print('%-44s %10d %10.2f   (runs: %s)' % ('(c) plugin, served from the cache', requests_c, time_c,
                                              ', '.join('%.2f' % t for t in times_c)))
    print('ratio a/b: %.3f (the plugin takes %.1f%% of the naive time, %.1fx faster)'
          % (time_a / time_b, 100.0 * time_a / time_b, time_b / time_a))
    print('ratio c/b: %.3f (%.1fx faster); with --export a/b: %.3f (%.1fx faster)'
          % (time_c / time_b, time_b / time_c, time_x / time_b, time_b / time_x))
    for label, ok in checks:
        print('%-6s %s' % ('ok' if ok else 'FAILED', label))
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
