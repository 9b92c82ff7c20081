# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared base of the collection's inventory plugins, whatever the cloud.

``CloudInventoryPlugin`` does what every cloud database inventory needs, once:

* Constructable (``compose``, ``groups``, ``keyed_groups``, ``strict``) and Cacheable: a cache
  hit makes no API request at all and skips everything but building the inventory;
* a bounded thread pool (``max_concurrency``) in which a task may schedule further tasks (the
  first page of a list tells how many pages follow, each page schedules its batch reads);
* one API client per thread and per scope (region), built by a factory: the shared client keeps
  one ``requests.Session``, which is not documented as thread-safe, so threads never share one;
* the inventory is built while the pool reads (``stream``): the main thread adds the hosts of
  what has arrived, in a fixed order, instead of waiting for the last request first;
* partial-failure reporting: a task that still fails after the client's retries is recorded
  with a label naming what is missing; by default the inventory then fails naming every missing
  part (and nothing of it stays in the inventory), with ``fail_on_errors: false`` it warns naming
  them. An incomplete result is never written to the cache;
* host names from an ordered preference list with one rule for duplicates (and the same rule
  for groups that belong to one owner, such as the group of an instance), host variables with an
  optional prefix and never a reserved name, JMESPath include/exclude filters;
* variables shared by every member of a group (an instance's facts on the group of its nodes,
  ``role`` on the role group) set once on the group instead of once per host: Ansible's cost per
  variable dominates large inventories (see HostSpec);
* nothing is ever printed to stdout (warnings go through Display, i.e. stderr).

A family plugin (gaussdb, cds ...) subclasses it::

    class InventoryModule(CloudInventoryPlugin):
        NAME = 'clouddb.mysql.cds'
        FILE_SUFFIXES = ('.cds.yml', '.cds.yaml')
        FAMILY = 'cds'                           # prefix for renamed reserved variables
        HOSTNAME_KEYWORDS = ('node_name', ...)   # what `hostnames` entries may name

        def validate_options(self):              # optional: refuse bad options before any request
            ...

        def fetch_identity(self):
            # JSON-able dict of every option that changes WHAT is fetched (regions, server-side
            # filters, endpoint, account): part of the cache key, so a changed file never reads
            # a stale cache entry. Leave secrets out (the key identifies the account anyway).
            return {...}

        def fetch(self, pool):
            # Schedule work with pool.submit(label, fn, *args); tasks may submit more tasks.
            # Use self.client(scope, factory) inside tasks for a per-thread client.
            # Call pool.join(), then return JSON-serialisable raw data (it is what is cached).
            ...

        def host_specs(self, data):
            # From raw data (fresh or cached) yield HostSpec objects; filters are applied here,
            # typically with self.instance_matches(instance).
            yield HostSpec(key=node_id, names={'node_name': ..., 'private_ip': ...},
                           variables={'node_id': ...}, ansible_host=ip,
                           groups=['cds_master', ('cds_instance_db1', {'instance_id': ...})])

        def stream(self, pool):
            # Optional, instead of fetch: a generator that schedules the reads, yields the
            # HostSpecs of what has arrived while the pool goes on (pool.wait_until(predicate)
            # blocks until a task has delivered), and returns the raw data. It must yield exactly
            # what host_specs(returned data) yields, in the same order, so that a cache hit builds
            # the same inventory.

    ``requests_sent`` sums what every client counted (clients that have that attribute).

The family's DOCUMENTATION extends ``constructed``, ``inventory_cache`` and
``clouddb.mysql.inventory`` (the options of this base: ``include_filters``,
``exclude_filters``, ``hostvars_prefix``, ``max_concurrency``, ``fail_on_errors``) and
declares ``hostnames`` itself (its keywords and default are family-specific).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import gc
import hashlib
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

try:
    import jmespath
    HAS_JMESPATH = True
except ImportError:  # pragma: no cover - reported when a filter is used
    jmespath = None
    HAS_JMESPATH = False

try:
    from ansible.vars.reserved import get_reserved_names
    RESERVED_NAMES = frozenset(get_reserved_names())
except ImportError:  # pragma: no cover - very old ansible-core
    RESERVED_NAMES = frozenset(('tags', 'groups', 'environment', 'name', 'port', 'vars', 'hosts', 'timeout'))
# Magic variables are not in the list of play keywords, but overwriting them breaks Ansible too.
RESERVED_NAMES = RESERVED_NAMES | frozenset(('groups', 'group_names', 'hostvars', 'inventory_hostname',
                                             'inventory_hostname_short', 'inventory_dir', 'inventory_file',
                                             'omit', 'playbook_dir', 'play_hosts', 'role_name'))

_GROUP_UNSAFE = re.compile(r'[^A-Za-z0-9_]')
# The raw data is cached as one JSON text: Ansible's cache serializer visits and tags every value
# of what it stores, which for thousands of instances costs more than the rest of a cache hit.
_CACHE_FORMAT = 'clouddb_inventory_json'


class TaskPool(object):
    """A bounded thread pool whose tasks may submit more tasks; failures are collected, not raised.

    ``submit(label, fn, *args)`` runs ``fn`` on one of ``max_workers`` threads. An exception in a
    task is recorded as ``(label, exception)`` in ``failures``: the label says what is missing
    from the result (e.g. "region cn-north-4: instances 100-199"). ``join()`` returns once every
    task, including those submitted by other tasks, has finished. ``wait_until(predicate)``
    blocks until ``predicate()`` holds, re-checking it whenever a task ends.
    """

    def __init__(self, max_workers):
        self.max_workers = max(1, int(max_workers or 1))
        self._executor = ThreadPoolExecutor(max_workers=self.max_workers)
        self._cond = threading.Condition()
        self._pending = 0
        self.failures = []

    def submit(self, label, fn, *args, **kwargs):
        with self._cond:
            self._pending += 1
        try:
            self._executor.submit(self._run, label, fn, args, kwargs)
        except RuntimeError as exc:  # shut down already: count it as a failure, never lose it
            self._done(label, exc)

    def _run(self, label, fn, args, kwargs):
        error = None
        try:
            fn(*args, **kwargs)
        except Exception as exc:  # pylint: disable=broad-except
            error = exc
        self._done(label, error)

    def _done(self, label, error):
        with self._cond:
            if error is not None:
                self.failures.append((label, error))
            self._pending -= 1
            # Every end of a task wakes the waiters: join() and wait_until() re-check.
            self._cond.notify_all()

    def join(self):
        with self._cond:
            while self._pending:
                self._cond.wait()

    def wait_until(self, predicate):
        """Block until ``predicate()`` is true; False if every task ended and it still is not.

        A task records what it delivered before it ends, so checking after each end misses
        nothing; once no task is left, nothing can make the predicate true any more.
        """
        with self._cond:
            while not predicate():
                if not self._pending:
                    return bool(predicate())
                self._cond.wait()
            return True

    def shutdown(self, cancel=False):
        if cancel:
            # After an error in the main thread: do not send the requests still queued.
            self._executor.shutdown(wait=True, cancel_futures=True)
        else:
            self._executor.shutdown(wait=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.join()
        self.shutdown()


class HostSpec(object):
    """One host to add: its identity, candidate names, variables, built-in groups and address.

    ``key``: unique and stable (e.g. the node id); the fallback name and the duplicate suffix.
    ``names``: ``{keyword: value}`` for the ``hostnames`` preference list.
    ``variables``: host variables without prefix. ``ansible_host``: the address, or None.
    ``groups``: built-in groups (names made safe here), each a name, ``(name, variables)`` or
    ``(name, variables, owner)``. Variables given with a group (without prefix) are set once, on
    the group, when the group is first met: every host of the group sees them as its own
    variables, and so do ``compose``, ``groups`` and ``keyed_groups``. Use it for what every
    member shares by definition (the facts of an instance on the group of its nodes, ``role:
    master`` on the group of primaries): setting a value once per group instead of once per host
    is what keeps a 6,000-host inventory fast. The variables of one group must not be set by
    another group of the host. A group with an ``owner`` (e.g. the group of one instance, owned
    by the instance id) follows the rule of duplicate host names: a name that two or more owners
    would get is given to none of them, each gets ``_<owner>`` appended.
    """

    __slots__ = ('key', 'names', 'variables', 'groups', 'ansible_host')

    def __init__(self, key, names, variables, groups=(), ansible_host=None):
        self.key = str(key)
        self.names = names
        self.variables = variables
        self.groups = groups if isinstance(groups, (list, tuple)) else list(groups)
        self.ansible_host = ansible_host


def safe_group_name(name):
    """Group names Ansible accepts without warnings: letters, digits and underscores."""
    text = _GROUP_UNSAFE.sub('_', str(name))
    return text if not text[:1].isdigit() else '_' + text


def preferred_name(spec, preferences):
    """The first keyword of ``preferences`` with a non-empty value for ``spec``, else its key."""
    names = spec.names
    for keyword in preferences:
        value = names.get(keyword)
        if value is not None and value != '':
            return str(value)
    return spec.key


def _deduplicated(name, owner, count):
    return name if count == 1 or name == owner else '%s_%s' % (name, owner)


def resolve_hostnames(specs, preferences):
    """``{spec.key: hostname}`` by the ordered ``preferences`` with the duplicate rule.

    Each host takes the first keyword of ``preferences`` that has a non-empty value for it, or
    its key when none has. A name that two or more hosts would get is given to none of them:
    each of those is named ``<name>_<key>``. So a name never depends on the order the API
    returned things in, and a unique name never changes when another host comes or goes unless
    that host takes the same name.
    """
    chosen = dict((spec.key, preferred_name(spec, preferences)) for spec in specs)
    counts = {}
    for name in chosen.values():
        counts[name] = counts.get(name, 0) + 1
    return dict((key, _deduplicated(name, key, counts[name])) for key, name in chosen.items())


class _Builder(object):
    """Adds HostSpecs to the inventory as they come, in their order, and can undo all it did.

    A host is added as soon as its spec arrives, under its preferred name. The first time a name
    (of a host, or of an owned group) turns out to be claimed twice, the names already given may
    be wrong: from then on the specs are only collected, and ``finish()`` removes what was added
    and adds everything again with every name known (the rule of ``resolve_hostnames``). Either
    way, the same specs in the same order give the same inventory.

    What existed before (hosts or groups of another inventory source with the same name) is
    restored by ``rollback()``: its variables and the memberships added to it.
    """

    def __init__(self, plugin):
        self.plugin = plugin
        self.inventory = plugin.inventory
        self.preferences = list(plugin.get_option('hostnames') or [])
        self.specs = []
        self.deferred = False
        self.host_claims = {}    # preferred host name -> the key of the (only) host claiming it
        self.group_claims = {}   # safe owned group name -> its (only) owner
        self.group_names = {}    # group name as the family gave it -> made safe
        self.group_vars = {}     # final group name -> its variables, prefixed
        self.added = []          # (host name, variables the constructed features see) in order
        self.created_hosts = set()
        self.created_groups = set()
        self.saved = {}          # ('host'|'group', name) -> variables before we touched it
        self.memberships = []    # (group, host) added where both existed before

    # -- adding ---------------------------------------------------------------------------
    def add(self, spec):
        self.specs.append(spec)
        if self.deferred:
            return
        name = preferred_name(spec, self.preferences)
        claimed = self.host_claims.get(name)
        if claimed is not None and claimed != spec.key:
            self.deferred = True
            return
        groups = []
        for entry in spec.groups:
            if isinstance(entry, tuple) and len(entry) > 2:
                safe = self._safe(entry[0])
                owner = str(entry[2])
                if self.group_claims.setdefault(safe, owner) != owner:
                    self.deferred = True
                    return
                groups.append((safe, entry[1]))
            elif isinstance(entry, tuple):
                groups.append((self._safe(entry[0]), entry[1]))
            else:
                groups.append((self._safe(entry), None))
        self.host_claims[name] = spec.key
        self._insert(spec, name, groups)

    def add_all(self, specs):
        """Everything at once (a cache hit, a family without ``stream``): names resolved first."""
        self.deferred = True
        for spec in specs:
            self.specs.append(spec)

    def _safe(self, name):
        safe = self.group_names.get(name)
        if safe is None:
            safe = self.group_names[name] = safe_group_name(name)
        return safe

    def _insert(self, spec, name, groups):
        inventory = self.inventory
        if name not in inventory.hosts:
            self.created_hosts.add(name)
        elif name not in self.created_hosts:
            self._save('host', name, inventory.hosts[name])
        inventory.add_host(name)
        var_name = self.plugin.var_name
        hostvars = {}
        for key, value in spec.variables.items():
            hostvars[var_name(key)] = value
        if spec.ansible_host:
            hostvars['ansible_host'] = spec.ansible_host
        for key, value in hostvars.items():
            inventory.set_variable(name, key, value)
        inherited = {} if self.plugin.constructed else None
        for group, variables in groups:
            shared = self.group_vars.get(group)
            if shared is None:
                if group not in inventory.groups:
                    self.created_groups.add(group)
                    inventory.add_group(group)
                elif group not in self.created_groups:
                    self._save('group', group, inventory.groups[group])
                shared = self.group_vars[group] = dict((var_name(k), v) for k, v in (variables or {}).items())
                for key, value in shared.items():
                    inventory.set_variable(group, key, value)
            if inventory.add_child(group, name) and name not in self.created_hosts and group not in self.created_groups:
                self.memberships.append((group, name))
            if inherited is not None:
                inherited.update(shared)
        if inherited is not None:
            # The constructed features see exactly the variables set above (no second lookup).
            inherited.update(hostvars)
            self.added.append((name, inherited))

    def _save(self, kind, name, entity):
        if (kind, name) not in self.saved:
            self.saved[(kind, name)] = dict(entity.vars)

    # -- finishing ------------------------------------------------------------------------
    def finish(self):
        """Add what was deferred (every name known now), then run compose/groups/keyed_groups."""
        if self.deferred:
            self.rollback()
            names = resolve_hostnames(self.specs, self.preferences)
            owners = {}
            for spec in self.specs:
                for entry in spec.groups:
                    if isinstance(entry, tuple) and len(entry) > 2:
                        owners.setdefault(self._safe(entry[0]), set()).add(str(entry[2]))
            for spec in self.specs:
                groups = []
                for entry in spec.groups:
                    if isinstance(entry, tuple) and len(entry) > 2:
                        safe = self._safe(entry[0])
                        groups.append((_deduplicated(safe, str(entry[2]), len(owners[safe])), entry[1]))
                    elif isinstance(entry, tuple):
                        groups.append((self._safe(entry[0]), entry[1]))
                    else:
                        groups.append((self._safe(entry), None))
                self._insert(spec, names[spec.key], groups)
        self.plugin.construct(self.added)

    def rollback(self):
        """Remove every host and group this builder added; restore what existed before."""
        inventory = self.inventory
        for group, host in self.memberships:
            if group in inventory.groups and host in inventory.hosts:
                inventory.groups[group].remove_host(inventory.hosts[host])
        # Ansible's remove_host/remove_group walk every group/host of the inventory for each
        # call; ours know their few memberships.
        for name in self.created_hosts:
            host = inventory.hosts.pop(name, None)
            if host is not None:
                for group in list(host.groups):
                    group.remove_host(host)
                if getattr(inventory, 'localhost', None) is host:
                    inventory.localhost = None
        for name in self.created_groups:
            group = inventory.groups.pop(name, None)
            if group is not None:
                for host in list(group.hosts):
                    group.remove_host(host)
        for (kind, name), variables in self.saved.items():
            entity = (inventory.hosts if kind == 'host' else inventory.groups).get(name)
            if entity is not None:
                entity.vars = variables
        self.host_claims, self.group_claims, self.group_vars = {}, {}, {}
        self.added, self.created_hosts, self.created_groups = [], set(), set()
        self.saved, self.memberships = {}, []


class CloudInventoryPlugin(BaseInventoryPlugin, Constructable, Cacheable):
    """Base of the clouddb.mysql inventory plugins; see the module docstring for the contract."""

    NAME = None
    FILE_SUFFIXES = ()
    FAMILY = 'cloud'
    HOSTNAME_KEYWORDS = ()

    def __init__(self):
        super(CloudInventoryPlugin, self).__init__()
        self._local = threading.local()
        self._include = []
        self._exclude = []
        self._clients = []
        self._clients_lock = threading.Lock()
        self._var_names = {}
        self.constructed = False

    # -- hooks for the family -------------------------------------------------------------
    def validate_options(self):
        """Refuse bad options before any request; raise AnsibleError."""

    def fetch_identity(self):
        raise NotImplementedError

    def fetch(self, pool):
        raise NotImplementedError

    def host_specs(self, data):
        raise NotImplementedError

    def stream(self, pool):
        """Read everything (``fetch``), then yield its HostSpecs; return the data.

        Families that can tell what has arrived override this to build while they read. When a
        part is missing and the inventory will fail anyway, nothing is built.
        """
        data = self.fetch(pool)
        pool.join()
        if not (pool.failures and self.get_option('fail_on_errors')):
            for spec in self.host_specs(data):
                yield spec
        return data

    # -- Ansible entry points -------------------------------------------------------------
    def verify_file(self, path):
        if not super(CloudInventoryPlugin, self).verify_file(path):
            return False
        if path.endswith(tuple(self.FILE_SUFFIXES)):
            return True
        self.display.vvv('Skipping %s: %s inventory files end with %s'
                         % (path, self.NAME, ' or '.join(self.FILE_SUFFIXES)))
        return False

    def parse(self, inventory, loader, path, cache=True):
        super(CloudInventoryPlugin, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        self._validate_common()
        self.validate_options()

        cache_key = self._cache_key(path)
        use_cache = self.get_option('cache') and cache
        update_cache = self.get_option('cache') and not cache
        data = None
        if use_cache:
            try:
                data = _from_cache(self._cache[cache_key])
            except (KeyError, TypeError, ValueError):
                update_cache = True
        with _BulkAllocation():
            if data is not None:
                builder = _Builder(self)
                builder.add_all(self.host_specs(data))
                builder.finish()
                return
            data, complete = self._fetch_and_build()
        if update_cache and complete:
            self._cache[cache_key] = _to_cache(data)

    # -- options --------------------------------------------------------------------------
    def _validate_common(self):
        concurrency = self.get_option('max_concurrency')
        if concurrency is None or int(concurrency) < 1 or int(concurrency) > 64:
            raise AnsibleError('max_concurrency must be between 1 and 64, got %r' % (concurrency,))
        unknown = [h for h in self.get_option('hostnames') or [] if h not in self.HOSTNAME_KEYWORDS]
        if unknown:
            raise AnsibleError('Unknown hostnames entries %s; valid: %s'
                               % (', '.join(unknown), ', '.join(self.HOSTNAME_KEYWORDS)))
        self._include = self._compile(self.get_option('include_filters'), 'include_filters')
        self._exclude = self._compile(self.get_option('exclude_filters'), 'exclude_filters')
        self._var_names = {}
        self.constructed = bool(self.get_option('compose') or self.get_option('groups')
                                or self.get_option('keyed_groups'))

    @staticmethod
    def _compile(expressions, option):
        expressions = expressions or []
        if expressions and not HAS_JMESPATH:
            raise AnsibleError('%s needs the Python library "jmespath"' % option)
        compiled = []
        for expression in expressions:
            try:
                compiled.append(jmespath.compile(expression))
            except Exception as exc:  # jmespath raises several error types for bad syntax
                raise AnsibleError('Invalid JMESPath in %s: %r: %s' % (option, expression, to_native(exc)))
        return compiled

    def instance_matches(self, item):
        """True when ``item`` passes include_filters (any truthy, if set) and no exclude_filters."""
        if self._include and not any(expr.search(item) for expr in self._include):
            return False
        return not any(expr.search(item) for expr in self._exclude)

    def _cache_key(self, path):
        # The format is part of the key: another version of the plugin never reads this entry.
        identity = json.dumps([_CACHE_FORMAT, self.fetch_identity()], sort_keys=True, default=str)
        digest = hashlib.sha256(identity.encode('utf-8')).hexdigest()[:12]
        return '%s_%s' % (self.get_cache_key(path), digest)

    # -- fetching -------------------------------------------------------------------------
    def client(self, scope, factory):
        """This thread's client for ``scope`` (e.g. a region), made by ``factory()`` on first use."""
        clients = getattr(self._local, 'clients', None)
        if clients is None:
            clients = self._local.clients = {}
        if scope not in clients:
            clients[scope] = factory()
            with self._clients_lock:
                self._clients.append(clients[scope])
        return clients[scope]

    @property
    def requests_sent(self):
        """API requests sent by every client of this run (clients count their own)."""
        with self._clients_lock:
            return sum(getattr(c, 'requests_sent', 0) for c in self._clients)

    def _fetch_and_build(self):
        """Run ``stream`` in a pool, building as it yields; report failures; ``(data, complete)``."""
        pool = TaskPool(self.get_option('max_concurrency'))
        builder = _Builder(self)
        cancel = True
        try:
            stream = self.stream(pool)
            while True:
                try:
                    spec = next(stream)
                except StopIteration as stop:
                    data = stop.value
                    break
                builder.add(spec)
            pool.join()
            cancel = False
        except BaseException:
            builder.rollback()
            raise
        finally:
            pool.shutdown(cancel=cancel)
        self.display.vvv('%s: %d API requests' % (self.NAME, self.requests_sent))
        if not pool.failures:
            builder.finish()
            return data, True
        lines = sorted('%s: %s' % (label, _describe(error)) for label, error in pool.failures)
        if self.get_option('fail_on_errors'):
            # Ansible keeps what a failing source added: take it all back, nothing partial stays.
            builder.rollback()
            raise AnsibleError('%s inventory is incomplete, %d part(s) could not be read '
                               '(set fail_on_errors: false to build it from the rest): %s'
                               % (self.NAME, len(lines), '; '.join(lines)))
        for line in lines:
            self.display.warning('%s inventory is incomplete, missing %s' % (self.NAME, line))
        builder.finish()
        return data, False

    # -- building the inventory -----------------------------------------------------------
    def var_name(self, name):
        """The host variable name for ``name``: prefixed, and never a reserved name."""
        full = self._var_names.get(name)
        if full is None:
            full = '%s%s' % (self.get_option('hostvars_prefix') or '', name)
            if full in RESERVED_NAMES:
                full = '%s_%s' % (self.FAMILY, full)
            self._var_names[name] = full
        return full

    def populate(self, specs):
        """Add ``specs`` (all known) to the inventory."""
        self.constructed = bool(self.get_option('compose') or self.get_option('groups')
                                or self.get_option('keyed_groups'))
        builder = _Builder(self)
        builder.add_all(specs)
        builder.finish()

    def construct(self, hosts):
        """compose, groups and keyed_groups for ``[(host, variables)]`` (nothing when unset)."""
        if not self.constructed:
            return
        strict = self.get_option('strict')
        compose = self.get_option('compose')
        groups = self.get_option('groups')
        keyed_groups = self.get_option('keyed_groups')
        for host, hostvars in hosts:
            if compose:
                self._set_composite_vars(compose, hostvars, host, strict=strict)
            if groups:
                self._add_host_to_composed_groups(groups, hostvars, host, strict=strict)
            if keyed_groups:
                self._add_host_to_keyed_groups(keyed_groups, hostvars, host, strict=strict)


class _BulkAllocation(object):
    """No cyclic garbage collection while the inventory is built, and none of it afterwards.

    Building thousands of hosts allocates millions of objects that all stay alive; each full
    collection would walk them all again (a third of a cache hit's time went there, and as much
    again in ansible-inventory's own pass over the hosts). They are moved to the collector's
    permanent generation when done (``gc.freeze``, Python 3.7+), and given back to it on the next
    parse (so a refreshed inventory's old objects can be collected then).
    """

    def __enter__(self):
        self.enabled = gc.isenabled()
        if hasattr(gc, 'unfreeze'):
            gc.unfreeze()
        gc.disable()
        return self

    def __exit__(self, exc_type, exc, traceback):
        if self.enabled:
            if exc_type is None and hasattr(gc, 'freeze'):
                gc.freeze()
            gc.enable()


def _to_cache(data):
    return {_CACHE_FORMAT: json.dumps(data, separators=(',', ':'))}


def _from_cache(value):
    """What ``_to_cache`` stored; KeyError (a cache miss) for anything else."""
    if not isinstance(value, dict) or _CACHE_FORMAT not in value:
        raise KeyError(_CACHE_FORMAT)
    return json.loads(value[_CACHE_FORMAT])


def _describe(error):
    """An error for a message: the API's code and message, never URLs or headers."""
    text = to_native(getattr(error, 'msg', None) or error) or type(error).__name__
    status = getattr(error, 'status', None)
    if status and ('HTTP %s' % status) not in text:
        text = '%s (HTTP %s)' % (text, status)
    return text
