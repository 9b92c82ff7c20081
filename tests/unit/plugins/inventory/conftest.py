"""Fixtures of the inventory plugin tests (the in-process emulator lives in gaussdb_inventory_cloud.py)."""
from gaussdb_inventory_cloud import cloud, no_backoff, run_inventory  # noqa: F401  pylint: disable=unused-import
