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
* partial-failure reporting: a task that still fails after the client's retries is recorded
  with a label naming what is missing; by default the inventory then fails naming every missing
  part, with ``fail_on_errors: false`` it warns naming them. An incomplete result is never
  written to the cache;
* host names from an ordered preference list with one rule for duplicates, host variables with
  an optional prefix and never a reserved name, JMESPath include/exclude filters;
* variables shared by every member of a group (an instance's facts on the group of its nodes,
  ``role`` on the role group) set once on the group instead of once per host: Ansible's cost per
  variable dominates large inventories (see HostSpec);
* building is kept cheap for large inventories (see ``populate``): what hosts share is set
  once on their group, names and variable names are worked out once, no per-host work for
  unused constructed features, no cyclic garbage collection over the objects being built (it
  saves 8 to 19 % of an ansible-inventory run, see _BulkAllocation);
* nothing is ever printed to stdout (warnings go through Display, i.e. stderr).

A family plugin (gaussdb, cds ...) subclasses it::

    class InventoryModule(CloudInventoryPlugin):
        NAME = 'clouddb.mysql.cds'
        FILE_SUFFIXES = ('.cds.yml', '.cds.yaml')
        FAMILY = 'cds'                           # prefix for renamed reserved variables
        HOSTNAME_KEYWORDS = ('node_name', ...)   # what `hostnames` entries may name

        def read_options(self):                  # optional: the family's own options
            # Read them into what fetch() and host_specs() use; return the messages of every rule
            # they break, worded as validation.py words them (the option first, then the rule).
            # With the base's own, they fail the inventory as one "Invalid input: ..." before any
            # request.
            return []

        def fetch_identity(self):
            # JSON-able dict of every option that changes WHAT is fetched (regions, server-side
            # filters, endpoint, account): part of the cache key, so a changed file never reads
            # a stale cache entry. Leave secrets out (without_secrets(config); the key identifies
            # the account anyway).
            return {...}

        def fetch(self, pool):
            # Schedule work with pool.submit(label, fn, *args); tasks may submit more tasks.
            # factory = self.client_factory(self.family_config(...), where): the family's client
            # (module.family_client), checked at once; inside tasks, self.client(scope, factory)
            # gives the thread its own. API errors are ApiError: a task lets them propagate and
            # the pool records them as a missing part.
            # Call pool.join(), then return JSON-serialisable raw data (it is what is cached).
            ...

        def host_specs(self, data):
            # From raw data (fresh or cached) yield HostSpec objects; filters are applied here,
            # typically with self.instance_matches(instance).
            # instance_group_names() names the group of each instance's hosts, name_with_role()
            # the instance_name_role hostnames keyword.
            yield HostSpec(key=node_id, names={'node_name': ..., 'private_ip': ...},
                           variables={'node_id': ...}, ansible_host=ip,
                           groups=['cds_master', ('cds_instance_db1', {'instance_id': ...})])

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

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import SECRET_KEYS
from ansible_collections.clouddb.mysql.plugins.module_utils.module import FAMILY_ARGUMENT_SPECS, family_client
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError, RetryPolicy
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import range_errors

try:
    from ansible.template import trust_as_template  # ansible-core >= 2.19: strings are untrusted unless tagged
    wrap_var = None
except ImportError:  # ansible-core < 2.19: strings are templated unless wrapped as unsafe
    trust_as_template = None
    from ansible.utils.unsafe_proxy import wrap_var

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
# A string made only of these characters cannot be a template: it holds none of Jinja's start
# strings ({{ {% {#) and cannot begin with the "#jinja2:" header that would change them.
# Identifiers, addresses, ports, zones and status codes (nearly all cloud API data) are such
# strings; names and tags usually are too.
_INERT = re.compile(r'[A-Za-z0-9._:/-]*\Z')
# The raw data is cached as one JSON text: Ansible's cache serializer visits and tags every value
# it stores, which for thousands of instances cost more than building the inventory. The format
# is part of the cache key, so another version of the plugin never reads such an entry.
_CACHE_FORMAT = 'clouddb_inventory_json'
# An inventory should give up on a dead endpoint sooner than a module waiting for a change.
RETRY_DEADLINE = 120.0


class TaskPool(object):
    """A bounded thread pool whose tasks may submit more tasks; failures are collected, not raised.

    ``submit(label, fn, *args)`` runs ``fn`` on one of ``max_workers`` threads. An exception in a
    task is recorded as ``(label, exception)`` in ``failures``: the label says what is missing
    from the result (e.g. "region cn-north-4: instances 100-199"). ``join()`` returns once every
    task, including those submitted by other tasks, has finished.
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
            if self._pending == 0:
                self._cond.notify_all()

    def join(self):
        with self._cond:
            while self._pending:
                self._cond.wait()

    def shutdown(self):
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
    ``groups``: built-in groups (names made safe here), each a name or ``(name, variables)``.
    Variables given with a group (without prefix) are set once, on the group, when the group is
    first met: every host of the group sees them as its own variables, and so do ``compose``,
    ``groups`` and ``keyed_groups``. Use it for what every member shares by definition (the
    facts of an instance on the group of its nodes, ``role: master`` on the group of primaries):
    setting a value once per group instead of once per host is what keeps a 6,000-host
    inventory fast. The variables of one group must not be set by another group of the host.
    """

    __slots__ = ('key', 'names', 'variables', 'groups', 'ansible_host')

    def __init__(self, key, names, variables, groups=(), ansible_host=None):
        self.key = str(key)
        self.names = names
        self.variables = variables
        self.groups = list(groups)
        self.ansible_host = ansible_host


def template_safe(value):
    """``value`` (API data) for the inventory: what could be a template is never rendered as one.

    Inventory data comes from the cloud, where anyone who may name an instance or tag it could
    write ``{{ lookup('pipe', ...) }}``. A string that could hold template syntax stays
    untrusted (ansible-core >= 2.19) or is wrapped as unsafe (older ansible-core), so Ansible
    treats it as text. A string that cannot (see ``_INERT``) is marked trusted: rendering it
    gives it back unchanged, so nothing becomes renderable that was not, and
    ``ansible-inventory --list`` prints it as a plain string instead of an
    ``{"__ansible_unsafe": ...}`` object, which also halves the work of printing a large
    inventory. Lists and dictionaries are copied with their values (and, before 2.19, keys)
    treated alike; other types are returned as they are.
    """
    if isinstance(value, str):
        inert = _INERT.match(value) is not None
        if trust_as_template is not None:
            return trust_as_template(value) if inert else value
        return value if inert else wrap_var(value)
    if isinstance(value, dict):
        return dict((_key(k), template_safe(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [template_safe(v) for v in value]
    return value


def _key(key):
    # ansible-core >= 2.19 never renders keys; older versions did, unless wrapped.
    if wrap_var is None or not isinstance(key, str) or _INERT.match(key):
        return key
    return wrap_var(key)


def safe_group_name(name):
    """Group names Ansible accepts without warnings: letters, digits and underscores."""
    text = _GROUP_UNSAFE.sub('_', str(name))
    return text if not text[:1].isdigit() else '_' + text


def resolve_hostnames(specs, preferences):
    """``{spec.key: hostname}`` by the ordered ``preferences`` with the duplicate rule.

    Each host takes the first keyword of ``preferences`` that has a non-empty value for it, or
    its key when none has. A name that two or more hosts would get is given to none of them:
    each of those is named ``<name>_<key>``. So a name never depends on the order the API
    returned things in, and a unique name never changes when another host comes or goes unless
    that host takes the same name.
    """
    chosen = {}
    for spec in specs:
        name = None
        for keyword in preferences:
            value = spec.names.get(keyword)
            if value not in (None, ''):
                name = str(value)
                break
        chosen[spec.key] = name if name is not None else spec.key
    counts = {}
    for name in chosen.values():
        counts[name] = counts.get(name, 0) + 1
    return dict((key, name if counts[name] == 1 or name == key else '%s_%s' % (name, key))
                for key, name in chosen.items())


def instance_group_names(prefix, instances):
    """``{key: group}`` for ``(key, instance_id, name)`` triples: ``<prefix>instance_<name>`` made safe.

    Instances whose groups would be the same (the same name, or names like ``db-1`` and ``db_1``
    that are the same once made safe) all get ``_<instance id>`` appended, so a group never holds
    the hosts of two instances and its name never depends on the order the API listed them in.
    """
    instances = list(instances)
    wanted = [safe_group_name('%sinstance_%s' % (prefix, name or instance_id)) for dummy, instance_id, name in instances]
    counts = {}
    for group in wanted:
        counts[group] = counts.get(group, 0) + 1
    return dict((key, group if counts[group] == 1 else safe_group_name('%s_%s' % (group, instance_id)))
                for (key, instance_id, dummy), group in zip(instances, wanted))


def name_with_role(instance_name, role):
    """The ``instance_name_role`` hostnames keyword: ``<instance>-master``, ``<instance>-readonly-2`` ..."""
    return '%s-%s' % (instance_name, role) if instance_name else None


def unknown_errors(what, values, valid):
    """A message for each of ``values`` that is not one of ``valid``: ``<what> 'x' is unknown (valid: ...)``."""
    return ['%s %r is unknown (valid: %s)' % (what, value, ', '.join(valid)) for value in values if value not in valid]


def check_input(errors):
    """Refuse bad options before any request, naming every problem at once (as modules do)."""
    if errors:
        raise AnsibleError('Invalid input: ' + '; '.join(errors))


def without_secrets(config):
    """``config`` without the keys that hold secrets (diff.SECRET_KEYS): for cache keys."""
    return dict((key, value) for key, value in config.items() if key not in SECRET_KEYS)


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

    # -- hooks for the family -------------------------------------------------------------
    def read_options(self):
        """Read the family's own options; return the messages of the rules they break (see above)."""
        return []

    def fetch_identity(self):
        raise NotImplementedError

    def fetch(self, pool):
        raise NotImplementedError

    def host_specs(self, data):
        raise NotImplementedError

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
        check_input(self._read_common_options() + self.read_options())

        cache_key = self._cache_key(path)
        use_cache = self.get_option('cache') and cache
        update_cache = self.get_option('cache') and not cache
        data = None
        if use_cache:
            try:
                data = _from_cache(self._cache[cache_key])
            except (KeyError, TypeError, ValueError):
                update_cache = True
        with _BulkAllocation():  # the collector is back on however this block is left
            if data is None:
                data, complete = self._fetch_all()
                if update_cache and complete:
                    self._cache[cache_key] = _to_cache(data)
            self.populate(self.host_specs(data))

    # -- options --------------------------------------------------------------------------
    def _read_common_options(self):
        """The options of this base (doc fragment clouddb.mysql.inventory) and ``hostnames``; their errors."""
        concurrency = self.get_option('max_concurrency')
        errors = ['max_concurrency must be set'] if concurrency is None else range_errors('max_concurrency', concurrency, 1, 64)
        errors += unknown_errors('hostnames entry', self.get_option('hostnames') or [], self.HOSTNAME_KEYWORDS)
        self._include = self._compile(self.get_option('include_filters'), 'include_filters', errors)
        self._exclude = self._compile(self.get_option('exclude_filters'), 'exclude_filters', errors)
        self._var_names = {}
        return errors

    @staticmethod
    def _compile(expressions, option, errors):
        """The compiled JMESPath ``expressions``; what cannot be compiled is added to ``errors``."""
        expressions = expressions or []
        if not expressions:
            return []
        try:
            # Imported when a filter is used: most inventories have none, and it costs start-up time.
            import jmespath
        except ImportError:
            errors.append('%s needs the Python library "jmespath"' % option)
            return []
        compiled = []
        for expression in expressions:
            try:
                compiled.append(jmespath.compile(expression))
            except Exception as exc:  # jmespath raises several error types for bad syntax
                errors.append('%s expression %r is not valid JMESPath: %s' % (option, expression, to_native(exc)))
        return compiled

    def instance_matches(self, item):
        """True when ``item`` passes include_filters (any truthy, if set) and no exclude_filters."""
        if self._include and not any(expr.search(item) for expr in self._include):
            return False
        return not any(expr.search(item) for expr in self._exclude)

    def _cache_key(self, path):
        identity = json.dumps([_CACHE_FORMAT, self.fetch_identity()], sort_keys=True, default=str)
        digest = hashlib.sha256(identity.encode('utf-8')).hexdigest()[:12]
        return '%s_%s' % (self.get_cache_key(path), digest)

    # -- fetching -------------------------------------------------------------------------
    def family_config(self, **overrides):
        """The connection options of the family (those of module.FAMILY_ARGUMENT_SPECS), with ``overrides``."""
        config = dict((key, self.get_option(key)) for key in FAMILY_ARGUMENT_SPECS[self.FAMILY]())
        config.update(overrides)
        return config

    def client_factory(self, config, where=None):
        """A function that makes the family's client for ``config`` (module.family_client), for ``client()``.

        One client is made at once: a configuration error (no credentials) fails the inventory
        before any request, naming ``where``, rather than counting as a missing part.
        """
        def factory():
            return family_client(self.FAMILY, config, RetryPolicy(deadline=RETRY_DEADLINE))
        try:
            factory()
        except ApiError as exc:
            raise AnsibleError('%s inventory%s: %s' % (self.NAME, ', %s' % where if where else '', to_native(exc)))
        return factory

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

    def _fetch_all(self):
        """Run ``fetch`` in a pool; report failures; return ``(data, complete)``."""
        pool = TaskPool(self.get_option('max_concurrency'))
        try:
            data = self.fetch(pool)
            pool.join()
        finally:
            pool.shutdown()
        self.display.vvv('%s: %d API requests' % (self.NAME, self.requests_sent))
        if not pool.failures:
            return data, True
        lines = sorted('%s: %s' % (label, _describe(error)) for label, error in pool.failures)
        if self.get_option('fail_on_errors'):
            raise AnsibleError('%s inventory is incomplete, %d part(s) could not be read '
                               '(set fail_on_errors: false to build it from the rest): %s'
                               % (self.NAME, len(lines), '; '.join(lines)))
        for line in lines:
            self.display.warning('%s inventory is incomplete, missing %s' % (self.NAME, line))
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
        """Add ``specs`` to the inventory, with the Ansible calls a host needs and no more.

        Per host: add_host, one set_variable per own variable, one add_child per group. A
        group is made, and its variables set, when first met. The hostvars the constructed
        features see are only put together when one of them is configured.
        """
        specs = list(specs)
        names = resolve_hostnames(specs, self.get_option('hostnames') or [])
        strict = self.get_option('strict')
        compose = self.get_option('compose')
        groups = self.get_option('groups')
        keyed_groups = self.get_option('keyed_groups')
        constructed = bool(compose or groups or keyed_groups)
        inventory = self.inventory
        var_name = self.var_name
        safe_names = {}  # group name as the family gave it -> made safe
        group_vars = {}  # safe group name -> its variables (prefixed), for the groups made so far
        for spec in specs:
            host = names[spec.key]
            inventory.add_host(host)
            hostvars = {}
            for key, value in spec.variables.items():
                hostvars[var_name(key)] = template_safe(value)
            if spec.ansible_host:
                hostvars['ansible_host'] = template_safe(spec.ansible_host)
            for key, value in hostvars.items():
                inventory.set_variable(host, key, value)
            inherited = {}
            for entry in spec.groups:
                name, variables = entry if isinstance(entry, tuple) else (entry, None)
                group = safe_names.get(name)
                if group is None:
                    group = safe_names[name] = safe_group_name(name)
                shared = group_vars.get(group)
                if shared is None:
                    inventory.add_group(group)
                    shared = group_vars[group] = dict((var_name(k), template_safe(v)) for k, v in (variables or {}).items())
                    for key, value in shared.items():
                        inventory.set_variable(group, key, value)
                inventory.add_child(group, host)
                if constructed:
                    inherited.update(shared)
            if not constructed:
                continue
            # The constructed features see exactly the variables set above (no second lookup).
            inherited.update(hostvars)
            if compose:
                self._set_composite_vars(compose, inherited, host, strict=strict)
            if groups:
                self._add_host_to_composed_groups(groups, inherited, host, strict=strict)
            if keyed_groups:
                self._add_host_to_keyed_groups(keyed_groups, inherited, host, strict=strict)


class _BulkAllocation(object):
    """No cyclic garbage collection while the inventory is built, and none over it afterwards.

    Building thousands of hosts allocates millions of objects that all stay alive, and every full
    collection walks all of them again: during the build, during ansible-inventory's own passes
    over the hosts, and once more when the interpreter exits. So the collector is off while
    building (``gc.disable``), and what was built is moved to the permanent generation afterwards
    (``gc.freeze``), which collections skip; the next parse gives it back to the collector first
    (``gc.unfreeze``), so the objects of a refreshed inventory can still be freed. (A build leaves
    next to no cyclic garbage to be kept alive that way: a few dozen objects.)

    What it buys, measured with tests/benchmarks/inventory_gc.py (2,000 instances x 3 nodes, whole
    ``ansible-inventory --list`` processes, 7 to 9 runs each way taking turns, medians of two runs
    of the benchmark on a busy 2-core machine): reading the API, 4.23 -> 3.91 s and 4.64 -> 4.03 s
    (8 % and 13 % of the run without it); from the cache, 3.83 -> 3.27 s and 4.70 -> 3.81 s (15 %
    and 19 %). Collections take 0.09-0.11 s instead of 0.38-0.46 s, the interpreter's exit 0.05 s
    instead of 0.28-0.31 s; both halves count (the collector on during the build, then freezing:
    collections still take 0.29-0.32 s). It stays because it saves more than 5 % of the plugin's
    wall time when it reads the API (the default); rerun the benchmark when Python, ansible-core or
    the build change, and remove it when it no longer does.
    """

    frozen = False  # by a parse of this process, not yet given back

    def __enter__(self):
        self.enabled = gc.isenabled()
        if _BulkAllocation.frozen:
            gc.unfreeze()
            _BulkAllocation.frozen = False
        gc.disable()
        return self

    def __exit__(self, exc_type, exc, traceback):
        # Every way out of the with block comes here, an exception (KeyboardInterrupt included) too:
        # the collector is on again whatever happens; only a build that ended well is frozen.
        if not self.enabled:
            return
        try:
            if exc_type is None:
                gc.freeze()
                _BulkAllocation.frozen = True
        finally:
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
