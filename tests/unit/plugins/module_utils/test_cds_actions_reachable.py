"""Every CDS action of the client's table is called from module code, not only listed in the table
(issue 10: all 30 CDS actions reachable from a module option)."""
import glob
import os
import re

from ansible_collections.clouddb.mysql.plugins.module_utils import cds

PLUGINS = os.path.dirname(os.path.dirname(os.path.abspath(cds.__file__)))
TABLE = re.compile(r'^ACTIONS = \{.*?^\}\n|^ACTION_PATHS = [^\n]*$', re.S | re.M)

# Which module option reaches each action that is called through a CdsClient method (the method's
# name) rather than with its name in an area or module file.
THROUGH_CLIENT = {
    'DescribeRegions': 'regions(',
    'DescribeAvailableDBConfig': 'specs(',
    'DescribeDBInstances': 'list_instances(',
    'DescribeModifiableDBSpec': 'modifiable_specs(',
    'DescribeAvailableReadOnlyConfig': 'readonly_config(',
}


def sources():
    text = {}
    for path in glob.glob(os.path.join(PLUGINS, 'module_utils', 'cds*.py')) + glob.glob(
            os.path.join(PLUGINS, 'modules', 'cds_*.py')):
        with open(path) as handle:
            text[os.path.relpath(path, PLUGINS)] = handle.read()
    text['module_utils/cds.py'] = TABLE.sub('', text['module_utils/cds.py'])
    return text


def test_the_table_has_the_30_actions_of_the_reference():
    assert len(cds.ACTIONS) == 30
    assert cds.ACTION_PATHS == {'DescribeDBInstancePerformance': '/paas/monitor'}


def test_every_action_is_called_outside_the_table():
    text = sources()
    assert "'DescribeDBInstances'" not in TABLE.sub('', "ACTIONS = {\n    'DescribeDBInstances': 'GET',\n}\n")
    unused = [a for a in cds.ACTIONS if not any("'%s'" % a in body for body in text.values())]
    assert unused == []


def test_actions_called_through_the_client_are_used_by_modules():
    text = sources()
    callers = dict((action, sorted(path for path, body in text.items()
                                   if path != 'module_utils/cds.py' and '.' + method in body))
                   for action, method in THROUGH_CLIENT.items())
    assert all(callers.values()), callers
    for action, method in THROUGH_CLIENT.items():
        assert "'%s'" % action in text['module_utils/cds.py']
