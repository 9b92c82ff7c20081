"""The part of the AWX / Automation Controller API that awx.awx's credential_type module uses, on 127.0.0.1.

    python tests/awx/fake_controller.py STATE_FILE TOKEN

prints ``CONTROLLER_URL=http://127.0.0.1:<port>`` when ready. Credential types live in STATE_FILE
(a JSON list, rewritten after every change), so the AWX-style job run (awx_job.py) reads exactly what
the installer playbook stored. Requests must carry ``Authorization: Bearer TOKEN``.

Creating or changing a type is validated as AWX validates it (awx/main/fields.py): kind ``cloud`` or
``net``, unique field ids, no environment variable named ``ANSIBLE_*``, single- or multi-file
injector syntax, and every injector template renders with StrictUndefined over the defined fields
(each set to "EXAMPLE") and the ``tower.filename`` namespace.
"""
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from jinja2 import StrictUndefined, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

BASE = '/api/v2/credential_types/'


def validate(item):
    """AWX's checks of a custom credential type; returns a list of errors."""
    errors = []
    if item.get('kind') not in ('cloud', 'net'):
        errors.append('kind must be cloud or net for a custom credential type')
    fields = (item.get('inputs') or {}).get('fields') or []
    ids = [f.get('id') for f in fields]
    if len(ids) != len(set(ids)):
        errors.append('field ids must be unique')
    for field in fields:
        if field.get('type', 'string') not in ('string', 'boolean'):
            errors.append('field %s: type must be string or boolean' % field.get('id'))
    for name in (item.get('inputs') or {}).get('required') or []:
        if name not in ids:
            errors.append('required field %s is not defined' % name)
    injectors = item.get('injectors') or {}
    for env_name in injectors.get('env') or {}:
        if env_name.startswith('ANSIBLE_') or not re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', env_name):
            errors.append('%s is not an allowed environment variable name' % env_name)
    templates = [k for k in (injectors.get('file') or {}) if k.startswith('template')]
    namespace = dict((i, 'EXAMPLE') for i in ids)
    if 'template' in templates:
        if len(templates) > 1:
            errors.append('Must use multi-file syntax when injecting multiple files')
        namespace['tower'] = SimpleNamespace(filename='EXAMPLE_FILENAME')
    else:
        names = dict((t.split('.', 1)[1], 'EXAMPLE_FILENAME') for t in templates)
        namespace['tower'] = SimpleNamespace(filename=SimpleNamespace(**names))
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for kind, injector in injectors.items():
        for key, template in (injector or {}).items():
            try:
                env.from_string(template).render(**namespace)
            except UndefinedError as exc:
                errors.append('%s.%s uses an undefined field (%s)' % (kind, key, exc))
    return errors


class Controller(object):
    def __init__(self, state_file, token):
        self.state_file = state_file
        self.token = token
        self.items = []
        self.lock = threading.Lock()
        self.save()

    def save(self):
        with open(self.state_file, 'w') as handle:
            json.dump(self.items, handle, indent=2, sort_keys=True)


def handler_for(controller):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, status, body=None):
            data = json.dumps(body if body is not None else {}).encode()
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def authorized(self):
            if self.headers.get('Authorization') != 'Bearer %s' % controller.token:
                self.reply(401, {'detail': 'Authentication credentials were not provided.'})
                return False
            return True

        def body(self):
            length = int(self.headers.get('Content-Length') or 0)
            return json.loads(self.rfile.read(length) or b'{}')

        def find(self, path):
            match = re.match(r'^%s(\d+)/$' % re.escape(BASE), path)
            if not match:
                return None
            return next((i for i in controller.items if i['id'] == int(match.group(1))), None)

        def do_GET(self):
            if not self.authorized():
                return
            parts = urlsplit(self.path)
            if parts.path == BASE:
                query = parse_qs(parts.query)
                found = [i for i in controller.items
                         if all(str(i.get(k)) == v[0] for k, v in query.items() if k in ('name', 'kind', 'id'))]
                return self.reply(200, {'count': len(found), 'next': None, 'previous': None, 'results': found})
            item = self.find(parts.path)
            return self.reply(200, item) if item else self.reply(404, {'detail': 'Not found.'})

        def do_POST(self):
            if not self.authorized():
                return
            if urlsplit(self.path).path != BASE:
                return self.reply(404, {'detail': 'Not found.'})
            data = self.body()
            errors = validate(data)
            with controller.lock:
                if any(i['name'] == data.get('name') and i['kind'] == data.get('kind') for i in controller.items):
                    errors.append('Credential type with this Name and Kind already exists.')
                if errors:
                    return self.reply(400, {'__all__': errors})
                item = dict(data, id=len(controller.items) + 1, type='credential_type', managed=False)
                item['url'] = '%s%d/' % (BASE, item['id'])
                controller.items.append(item)
                controller.save()
            return self.reply(201, item)

        def do_PATCH(self):
            if not self.authorized():
                return
            item = self.find(urlsplit(self.path).path)
            if item is None:
                return self.reply(404, {'detail': 'Not found.'})
            with controller.lock:
                updated = dict(item, **self.body())
                errors = validate(updated)
                if errors:
                    return self.reply(400, {'__all__': errors})
                item.update(updated)
                controller.save()
            return self.reply(200, item)

    return Handler


def main():
    state_file, token = sys.argv[1], sys.argv[2]
    server = ThreadingHTTPServer(('127.0.0.1', 0), handler_for(Controller(state_file, token)))
    print('CONTROLLER_URL=http://127.0.0.1:%d' % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
