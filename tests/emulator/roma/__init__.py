"""Huawei ROMA Connect: instance creation progress (seed 004)."""
