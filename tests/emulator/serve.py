#!/usr/bin/env python
"""Run the API emulator: python3 tests/emulator/serve.py [--tls] [--port 0] ... (see README.md)."""
import argparse
import json
import os
import signal
import socket
import ssl
import sys
import tempfile

if __package__ in (None, ""):
    # Run as a script: make `tests.emulator` importable from the repository root.
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: E402

from tests.emulator import core  # noqa: E402


class QuietHandler(WSGIRequestHandler):
    """No access log (unless EMULATOR_ACCESS_LOG is set); a connection the emulator dropped stays closed."""

    def setup(self):
        # werkzeug writes a response as several small writes (TLS records); with Nagle's algorithm each
        # answer then waits for the client's delayed ACK, ~12 ms per request on loopback over TLS, which
        # no real API adds. Latency is what --latency-ms says it is.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()

    def handle(self):
        # The TLS handshake happens here, in the connection's own thread (see main()).
        if isinstance(self.request, ssl.SSLSocket):
            try:
                self.request.do_handshake()
            except (ssl.SSLError, OSError):
                return  # e.g. a client that does not trust our CA; nothing to answer
        super().handle()

    def log_request(self, code="-", size="-"):
        if os.environ.get("EMULATOR_ACCESS_LOG"):
            super().log_request(code, size)

    def connection_dropped(self, error, environ=None):
        # Without this, werkzeug would read the unread rest of the request as a new one.
        self.close_connection = True


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Stateful emulator of the GaussDB(for MySQL), IAM, CDS and ROMA APIs")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--tls", action="store_true", help="serve HTTPS with a fresh CA written to <state-dir>/ca.pem")
    p.add_argument("--state-dir", help="where ca.pem goes (default: a new temporary directory)")
    p.add_argument("--time-scale", type=float, default=1.0, help="multiplies cloud operation durations")
    p.add_argument("--latency-ms", type=float, default=0)
    p.add_argument("--fault-rate", type=float, default=0.0)
    p.add_argument("--seed", metavar="FILE", help="JSON like the POST /_emulator/seed body, applied at start")
    p.add_argument("--engine", choices=("none", "mariadb"), default="none",
                   help="mariadb: a real MariaDB server per instance node, on its own loopback address; the state "
                        "is kept in --state-dir across restarts (README \"Engines\")")
    return p.parse_args(argv)


def _stop_on_sigterm(signum, frame):
    raise SystemExit(0)


def main(argv=None):
    args = parse_args(argv)
    state_dir = args.state_dir or tempfile.mkdtemp(prefix="clouddb-emulator-")
    os.makedirs(state_dir, exist_ok=True)
    try:
        app = core.create_app({"time_scale": args.time_scale, "latency_ms": args.latency_ms,
                               "fault_rate": args.fault_rate}, state_dir=state_dir, engine=args.engine)
    except Exception as exc:  # e.g. MariaDB is not installed: say so in one line
        sys.exit(f"emulator: {exc}")
    ctx = app.extensions["emulator"]
    if ctx.engines is not None:
        from tests.emulator.engine import persist
        signal.signal(signal.SIGTERM, _stop_on_sigterm)   # stop the engines and save the state
        with app.app_context():
            if persist.load(ctx):
                print(f"state loaded from {state_dir}", file=sys.stderr, flush=True)
    try:
        serve(app, args, state_dir)
    finally:
        if ctx.engines is not None:
            with app.app_context():
                persist.save(ctx)
            ctx.engines.shutdown()


def serve(app, args, state_dir):
    if args.seed:
        with open(args.seed, encoding="utf-8") as f:
            spec = json.load(f)
        with app.app_context():
            app.extensions["emulator"].seed(spec)
    ssl_context = None
    if args.tls:
        from tests.emulator import tls
        ssl_context, _ca_path = tls.make_server_context(state_dir)
    server = make_server(args.host, args.port, app, threaded=True, request_handler=QuietHandler)
    if ssl_context is not None:
        # Not make_server(ssl_context=...): werkzeug would make accept() do each TLS handshake, in the one
        # thread that accepts connections, so concurrent clients would queue for each other's handshakes,
        # which no real endpoint makes them do. Each connection's thread does its own (QuietHandler.handle).
        server.socket = ssl_context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        server.ssl_context = ssl_context
    scheme = "https" if args.tls else "http"
    host = f"[{args.host}]" if ":" in args.host else args.host
    ctx = app.extensions["emulator"]
    lines = [f"state dir: {state_dir}"] + ([f"CA: {os.path.join(state_dir, 'ca.pem')}"] if args.tls else [])
    if ctx.engines is not None:
        lines.append("engines: MariaDB servers on 127.x.y.z addresses (data under <state dir>/engines)")
    print("\n".join(lines + ctx.banner()), file=sys.stderr, flush=True)
    print(f"EMULATOR_URL={scheme}://{host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
