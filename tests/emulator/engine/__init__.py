"""Real MariaDB engines behind the emulator's instances (``serve.py --engine mariadb``); README "Engines".

``engines()`` is the running emulator's EngineManager, or None with ``--engine none`` (the default): every
hook of the families does nothing then, and the emulator behaves as it always did.
"""
from flask import has_app_context

from tests.emulator.core import current_ctx

JOB_WAIT = 600.0


def engines(ctx=None):
    # Outside a Flask request (the CDS family driven directly, as the module unit tests do) there is no
    # running emulator, hence no engine.
    if ctx is None and not has_app_context():
        return None
    return getattr(ctx or current_ctx(), "engines", None)


def work_error(future):
    """Wait for a job's engine work; its error as text (None when it succeeded or there was none)."""
    if future is None:
        return None
    try:
        future.result(JOB_WAIT)
    except Exception as exc:  # any failure of the work fails the job that waited for it
        return f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
    return None
