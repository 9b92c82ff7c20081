"""Fixtures of the inventory plugin tests (the fake API lives in gaussdb_fake.py)."""
from gaussdb_fake import fake_api, no_backoff, run_inventory  # noqa: F401  pylint: disable=unused-import
