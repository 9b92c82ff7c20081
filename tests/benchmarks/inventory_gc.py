#!/usr/bin/env python3
"""What the inventory base's garbage-collector trick buys, measured with and without it in one run.

    python tests/benchmarks/inventory_gc.py [--instances 2000] [--nodes 3] [--latency-ms 20] [--repeat 7]
                                            [--halves] [--emulator-url URL --ca FILE]

Run it with the Python of the test virtualenv, e.g. ``.venv/bin/python tests/benchmarks/inventory_gc.py``.

The trick (``plugins/plugin_utils/inventory.py``, ``_BulkAllocation``): no cyclic garbage collection
while the inventory is built, then ``gc.freeze()`` of what was built, so that the collections of the
rest of the process (ansible-inventory's own passes over the hosts) do not walk it again.

Seeds the emulator (2,000 instances x 3 nodes by default, as ``inventory_gaussdb.py``) and times whole
``ansible-inventory --list`` processes, the user's wall time, in two cases: (a) the plugin reads the
API (no cache) and (c) the plugin is served from its cache (filled once first). Each case runs
``--repeat`` times with the trick and as many times without, taking turns (with, without, then
without, with ...), so that load from elsewhere falls on both alike. "Without" is the same code with
``gc.disable``, ``gc.freeze`` and ``gc.unfreeze`` made no-ops in that process (the collector then
runs as Python's defaults say). With ``--halves``, a third way keeps the collector on during the
build and only freezes (``gc.disable`` alone made a no-op). Every process also reports the number
of collections and the seconds spent in them (``gc.callbacks``) until its ``atexit`` handlers run,
and the seconds from then to its end (the interpreter's clean-up, whose collections no callback
reports).

Prints every sample, the medians, the ratio without/with and the share of the plugin's wall time
that the trick saves. Checks that both ways give the same inventory (exits 1 otherwise).
"""
import atexit
import gc
import json
import os
import resource
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from inventory_gaussdb import arguments, collection_path, plugin_env, run_bench, run_plugin, seed  # noqa: E402

CHILD = '--child'
MODES = ('with', 'without')
# The gc functions made no-ops in each mode; "only freezing" (--halves) keeps the collector on
# during the build and still freezes what was built.
OFF = {'with': (), 'without': ('disable', 'freeze', 'unfreeze'), 'only freezing': ('disable',)}


def child(mode, argv):
    """Run ansible-inventory in this process, the trick on or off; report the collections on stderr."""
    stats = {'collections': 0, 'seconds': 0.0}
    started = []

    def count(phase, info):
        if phase == 'start':
            started.append(time.perf_counter())
        elif started:
            stats['collections'] += 1
            stats['seconds'] += time.perf_counter() - started.pop()

    gc.callbacks.append(count)
    for name in OFF[mode]:
        setattr(gc, name, lambda: None)
    # The last thing before the interpreter's own clean-up (whose collections no callback reports).
    atexit.register(lambda: sys.stderr.write('GC_STATS %s\n' % json.dumps(dict(stats, exit=time.perf_counter()))))
    from ansible.cli.inventory import main as inventory_main
    sys.argv = ['ansible-inventory'] + argv
    return inventory_main()


def cpu_seconds():
    """CPU time (user + system) of the child processes that have ended (the emulator has not)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def gc_stats(stderr):
    for line in stderr.splitlines():
        if line.startswith('GC_STATS '):
            return json.loads(line[len('GC_STATS '):])
    raise SystemExit('no GC_STATS line in:\n' + stderr[-3000:])


def main():
    if len(sys.argv) > 2 and sys.argv[1] == CHILD:
        return child(sys.argv[2], sys.argv[3:])
    parser = arguments(__doc__, 7, 'runs of each case with and without the trick')
    parser.add_argument('--halves', action='store_true', help='also time a third way: the collector on, then freezing')
    return run_bench(parser.parse_args(), bench, 'clouddb-bench-gc-')


def bench(args, emulator, workdir):
    seed(emulator, args.instances, args.nodes, args.latency_ms)
    files = {}
    for case, options in (('read', {}), ('cache', {'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile',
                                                   'cache_connection': os.path.join(workdir, 'cache')})):
        files[case] = os.path.join(workdir, '%s.gaussdb.yml' % case)
        with open(files[case], 'w') as handle:
            json.dump(dict(options, plugin='clouddb.mysql.gaussdb'), handle)
    env = plugin_env(emulator, collection_path(workdir))
    modes = MODES + (('only freezing',) if args.halves else ())
    launchers = dict((mode, [sys.executable, os.path.abspath(__file__), CHILD, mode]) for mode in modes)

    reference = run_plugin(env, files['cache'], flush=True, launcher=launchers['with']).result
    samples = dict(((case, mode), []) for case in files for mode in modes)
    same = True
    for rep in range(max(1, args.repeat)):
        for case in files:
            for mode in (modes if rep % 2 == 0 else modes[::-1]):
                before, cpu = emulator.requests_total(), cpu_seconds()
                timed = run_plugin(env, files[case], flush=False, launcher=launchers[mode])
                requests, cpu = emulator.requests_total() - before, cpu_seconds() - cpu
                same = same and timed.result == reference
                stats = gc_stats(timed.stderr)
                stats['exit'] = timed.ended - stats['exit']
                samples[(case, mode)].append((timed.seconds, stats, requests, cpu))

    print('emulator: %s, %d instances x %d nodes, latency %g ms; %d runs of each, taking turns'
          % (emulator.url, args.instances, args.nodes, args.latency_ms, args.repeat))
    columns = (('wall s', lambda r: r[0]), ('cpu s', lambda r: r[3]), ('gc runs', lambda r: r[1]['collections']),
               ('gc s', lambda r: r[1]['seconds']), ('exit s', lambda r: r[1]['exit']))
    print('%-44s %8s' % ('', 'requests') + ''.join(' %8s' % name for name, _ in columns) + '   wall s of each run')
    medians = {}
    for case, label in (('read', '(a) reads the API'), ('cache', '(c) served from the cache')):
        for mode in modes:
            runs = samples[(case, mode)]
            medians[(case, mode)] = [statistics.median(value(r) for r in runs) for _, value in columns]
            print('%-44s %8d' % ('%s, %s' % (label, mode if mode == 'only freezing' else mode + ' the trick'),
                                 max(r[2] for r in runs))
                  + ''.join(' %8.2f' % m for m in medians[(case, mode)])
                  + '   ' + ', '.join('%.2f' % r[0] for r in runs))
    print('(medians; gc s: time in collections until exit, exit s: from then to the end of the process)')
    for case in files:
        on, off = medians[(case, 'with')], medians[(case, 'without')]
        saved = [off[0] - on[0], off[1] - on[1]]
        print('%s: without/with %.3f (wall), %.3f (cpu); the trick saves %.2f s wall, %.1f%% of the run without it '
              '(%.2f s cpu, %.1f%%)' % (case, off[0] / on[0], off[1] / on[1], saved[0], 100.0 * saved[0] / off[0],
                                        saved[1], 100.0 * saved[1] / off[1]))
    print('%-6s every run gave the same inventory' % ('ok' if same else 'FAILED'))
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())
