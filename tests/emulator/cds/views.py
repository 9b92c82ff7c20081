"""Internal objects -> API shapes, and common lookups."""
import time
from datetime import datetime, timedelta, timezone

from .errors import in_use, not_found

# The API writes times as "YYYY-MM-DD HH:MM:SS" without a zone; the service is in China, so the
# emulator writes China Standard Time (UTC+8). Inferred; the docs never name the zone.
CST = timezone(timedelta(hours=8))


def fmt(ts):
    return datetime.fromtimestamp(ts, CST).strftime("%Y-%m-%d %H:%M:%S")


def parse(text):
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=CST).timestamp()
    except (TypeError, ValueError):
        return None


def public(obj):
    return {k: v for k, v in obj.items() if not k.startswith("_")}


def progress(obj, now):
    if obj["Status"] != "CREATING":
        return 100
    start, due = obj["_started"], obj["_due"]
    if due <= start:
        return 99
    return max(0, min(99, int(100 * (now - start) / (due - start))))


def readonly_view(ro, now):
    out = public(ro)
    out["Progress"] = progress(ro, now)
    out["Message"] = ro["StatusStr"]
    out.pop("StatusStr", None)
    return out


def instance_view(store, inst):
    now = store.now()
    out = public(inst)
    out["RoGroups"] = [readonly_view(ro, now) for ro in sorted(
        store.readonly.values(), key=lambda r: r["_created"]) if ro["_primary"] == inst["InstanceUuid"]]
    return out


def get_instance(store, uuid):
    inst = store.instances.get(uuid)
    if inst is None:
        raise not_found("Instance", uuid)
    return inst


def get_any(store, uuid):
    """A primary or a read-only instance."""
    if uuid in store.instances:
        return store.instances[uuid]
    if uuid in store.readonly:
        return store.readonly[uuid]
    raise not_found("Instance", uuid)


def require_running(obj):
    if obj["Status"] != "RUNNING":
        raise in_use("The instance is %s; wait until it is RUNNING" % obj["Status"])


def now_str():
    return fmt(time.time())
