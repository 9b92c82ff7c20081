"""Inventory plugins warn, through the controller's display, about settings that expose credentials."""
from ansible.utils.display import Display


def test_validate_certs_false_warns_once_through_the_display(cloud, run_inventory, monkeypatch):
    warnings = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *args, **kwargs: warnings.append(msg))
    cloud.seed(3)
    run = run_inventory({'validate_certs': False})
    assert len(run.hosts) == 9
    relevant = [w for w in warnings if 'validate_certs is false' in w]
    assert relevant, warnings
    assert len(set(relevant)) == 1 and 'HW_VALIDATE_CERTS' in relevant[0] and 'HW_CACERT_FILE' in relevant[0]


def test_verified_https_gives_no_warning(cloud, run_inventory, monkeypatch):
    warnings = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *args, **kwargs: warnings.append(msg))
    cloud.seed(2)
    run_inventory()
    assert not [w for w in warnings if 'validate_certs' in w or 'plain HTTP' in w]
