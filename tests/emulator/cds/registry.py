"""Action table: every action's HTTP method, product path and handler."""
import collections

Action = collections.namedtuple("Action", "name method paths group handler")

ACTIONS = {}
MYSQL = ("/mysql",)


def action(name, method, group, paths=MYSQL):
    def deco(fn):
        ACTIONS[name] = Action(name, method, paths, group, fn)
        return fn
    return deco


class Context:
    """What a handler sees: the store, the merged action parameters and the base URL."""

    def __init__(self, store, params, base_url, method):
        self.store = store
        self.params = params
        self.base_url = base_url.rstrip("/")
        self.method = method
