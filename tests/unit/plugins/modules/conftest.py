"""Fixtures of the CDS module tests (test_cds_*.py); a test file may override them (see test_cds_temporary_instance)."""
import pytest


@pytest.fixture
def cloud():
    """The in-process CDS emulator (cds_module_harness.Cloud), fresh for each test."""
    # Imported here, not at the top: only the tests that ask for it load the emulator.
    from cds_module_harness import Cloud
    return Cloud()


@pytest.fixture
def uuid(cloud):
    """The uuid of one seeded, running CDS instance."""
    return cloud.seed(1)[0]
