"""The MySQL 8.0 parameters the emulated GaussDB(for MySQL) offers, and how it checks and rewrites values.

4.5.11 documents each parameter's ``type``, ``value_range``, ``restart_required`` and ``readonly``; the seed
lists no catalogue, so this is a representative subset with MySQL 8.0's ranges and defaults. Values are
stored the way the service shows them: booleans ON/OFF, sizes in bytes (``1G`` is accepted for size
parameters), enumerations in the spelling of the value range.
"""
import re

from tests.emulator.huawei.errors import api_error

# name: (type, value_range, default, restart_required, readonly, size, description)
_P = [
    ("auto_increment_increment", "integer", "1-65535", "1", False, False, False,
     "Interval between successive AUTO_INCREMENT values."),
    ("auto_increment_offset", "integer", "1-65535", "1", False, False, False, "Starting AUTO_INCREMENT value."),
    ("autocommit", "boolean", "ON|OFF", "ON", False, False, False, "Autocommit mode of new sessions."),
    ("binlog_rows_query_log_events", "boolean", "ON|OFF", "OFF", False, False, False,
     "Write the original statement of row events to the binary log."),
    ("binlog_gtid_simple_recovery", "boolean", "ON|OFF", "ON", True, True, False,
     "Iterate binary logs simply when recovering GTIDs."),
    ("block_encryption_mode", "list", "|".join(f"aes-{bits}-{mode}" for mode in ("ecb", "cbc", "cfb1", "cfb8", "cfb128", "ofb")
                                                for bits in (128, 192, 256)),
     "aes-128-ecb", False, False, False, "Block encryption mode of AES_ENCRYPT()."),
    ("character_set_server", "list", "utf8|utf8mb4|gbk|latin1|gb18030", "utf8mb4", False, False, False,
     "Default character set of the server."),
    ("connect_timeout", "integer", "2-31536000", "10", False, False, False, "Seconds to wait for a connect packet."),
    ("default_authentication_plugin", "list", "mysql_native_password|caching_sha2_password",
     "mysql_native_password", True, False, False, "Authentication plugin of new accounts."),
    ("enforce_gtid_consistency", "boolean", "ON|OFF", "ON", True, True, False,
     "Allow only statements that can be logged with GTIDs."),
    ("explicit_defaults_for_timestamp", "boolean", "ON|OFF", "ON", False, False, False,
     "Standard defaults for TIMESTAMP columns."),
    ("group_concat_max_len", "integer", "4-18446744073709551615", "1024", False, False, False,
     "Maximum length of GROUP_CONCAT() results."),
    ("gtid_mode", "list", "OFF|OFF_PERMISSIVE|ON_PERMISSIVE|ON", "ON", True, True, False,
     "GTID-based replication (always on)."),
    ("innodb_buffer_pool_size", "integer", "5242880-1099511627776", "8589934592", True, False, True,
     "Size of the InnoDB buffer pool, in bytes."),
    ("innodb_lock_wait_timeout", "integer", "1-1073741824", "50", False, False, False,
     "Seconds a transaction waits for a row lock."),
    ("innodb_online_alter_log_max_size", "integer", "65536-1099511627776", "134217728", False, False, True,
     "Upper limit of the online DDL log, in bytes."),
    ("innodb_print_all_deadlocks", "boolean", "ON|OFF", "OFF", False, False, False,
     "Write every deadlock to the error log."),
    ("innodb_purge_threads", "integer", "1-32", "4", True, False, False, "Background purge threads."),
    ("interactive_timeout", "integer", "1-31536000", "28800", False, False, False,
     "Seconds an interactive connection may stay idle."),
    ("lock_wait_timeout", "integer", "1-31536000", "31536000", False, False, False,
     "Seconds to wait for a metadata lock."),
    ("log-bin", "boolean", "ON|OFF", "ON", False, True, False, "Binary logging (always on)."),
    ("long_query_time", "float", "0.03-3600", "1", False, False, False,
     "Seconds after which a query counts as slow."),
    ("lower_case_table_names", "integer", "0-1", "1", True, True, False,
     "Table name case sensitivity (set when the instance is created)."),
    ("max_allowed_packet", "integer", "1024-1073741824", "1073741824", False, False, True,
     "Largest packet or generated string, in bytes."),
    ("max_connections", "integer", "1-100000", "3000", False, False, False, "Maximum concurrent connections."),
    ("max_user_connections", "integer", "0-4294967295", "0", False, False, False,
     "Maximum concurrent connections of one account (0: no limit)."),
    ("mount_vip_when_failover", "boolean", "ON|OFF", "ON", False, False, False,
     "Move the write address to the new primary node on failover."),
    ("net_read_timeout", "integer", "1-31536000", "30", False, False, False,
     "Seconds to wait for more data from a connection."),
    ("net_write_timeout", "integer", "1-31536000", "60", False, False, False,
     "Seconds to wait for a block to be written to a connection."),
    ("performance_schema", "boolean", "ON|OFF", "OFF", True, False, False, "Performance Schema instrumentation."),
    ("slow_query_log", "boolean", "ON|OFF", "ON", False, False, False, "Slow query log."),
    ("sort_buffer_size", "integer", "32768-4294967295", "262144", False, False, True,
     "Sort buffer of each session, in bytes."),
    ("sql_mode", "list", "ONLY_FULL_GROUP_BY|STRICT_TRANS_TABLES|STRICT_ALL_TABLES|NO_ZERO_IN_DATE|NO_ZERO_DATE|"
     "ERROR_FOR_DIVISION_BY_ZERO|NO_ENGINE_SUBSTITUTION|ANSI_QUOTES|PIPES_AS_CONCAT|NO_BACKSLASH_ESCAPES",
     "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION", False, False, False, "SQL modes (comma-separated)."),
    ("table_open_cache", "integer", "1-524288", "2000", False, False, False, "Open tables of all threads."),
    ("tmp_table_size", "integer", "1024-18446744073709551615", "16777216", False, False, True,
     "Maximum size of internal in-memory temporary tables, in bytes."),
    ("transaction_isolation", "list", "READ-UNCOMMITTED|READ-COMMITTED|REPEATABLE-READ|SERIALIZABLE",
     "REPEATABLE-READ", False, False, False, "Default transaction isolation level."),
    ("wait_timeout", "integer", "1-31536000", "28800", False, False, False,
     "Seconds a non-interactive connection may stay idle."),
]
PARAMETERS = {p[0]: {"type": p[1], "value_range": p[2], "default": p[3], "restart_required": p[4],
                     "readonly": p[5], "size": p[6], "description": p[7]} for p in _P}
MULTI_VALUED = {"sql_mode"}
_TRUE, _FALSE = {"on", "1", "true"}, {"off", "0", "false"}
_SIZE = re.compile(r"^(\d+)([KMGT]?)$", re.IGNORECASE)
_FACTORS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}
_FLOAT = re.compile(r"^\d+(\.\d+)?$")


def defaults():
    return {name: p["default"] for name, p in PARAMETERS.items()}


def canonical(name, value, current=None):
    """The stored spelling of ``value`` for parameter ``name``; unknown (DBS.212012) and invalid or
    out-of-range values (DBS.200461) are refused like the service does, and so is a change of a read-only
    parameter (DBS.212003). Setting a read-only parameter to the value it has (``current``, else its
    default) is accepted: a template copied from a detail answer carries them (4.5.4's example, log-bin)."""
    spec = PARAMETERS.get(name)
    if spec is None:
        raise api_error("DBS.212012", f"Parameter {name!r}.")
    stored = _canonical(name, spec, value)
    if spec["readonly"] and stored != (current if current is not None else spec["default"]):
        raise api_error("DBS.212003", f"Parameter {name} is read-only.")
    return stored


def _canonical(name, spec, value):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise api_error("DBS.200461", f"{name}: the value must be a string.")
    text = str(value).strip()
    kind, allowed = spec["type"], spec["value_range"]
    if kind == "boolean":
        if text.lower() in _TRUE:
            return "ON"
        if text.lower() in _FALSE:
            return "OFF"
    elif kind == "integer":
        match = _SIZE.match(text)
        if match and (spec["size"] or not match.group(2)):
            number = int(match.group(1)) * _FACTORS[match.group(2).upper()]
            low, high = (int(x) for x in allowed.split("-"))
            if low <= number <= high:
                return str(number)
    elif kind == "float":
        if _FLOAT.match(text):
            low, high = (float(x) for x in allowed.split("-"))
            if low <= float(text) <= high:
                return ("%.6f" % float(text)).rstrip("0").rstrip(".")
    elif kind == "list":
        choices = {c.lower(): c for c in allowed.split("|")}
        parts = [p.strip() for p in text.split(",")] if name in MULTI_VALUED else [text]
        if name in MULTI_VALUED and text == "":
            return ""
        if all(p.lower() in choices for p in parts):
            return ",".join(choices[p.lower()] for p in parts)
    else:
        return text
    raise api_error("DBS.200461", f"{name}={text!r} is not in {allowed}.")


def check_values(values, current=None):
    """A parameter_values map (Map<String, String>) -> {name: stored value}; ``current``: the values now."""
    if not isinstance(values, dict):
        raise api_error("DBS.212030", "parameter_values must be a map of names to values.")
    current = current or {}
    return {name: canonical(name, value, current.get(name)) for name, value in values.items()}


def item_view(name, value):
    """ParameterValuesInfo (4.5.11)."""
    spec = PARAMETERS[name]
    return {"name": name, "value": value, "restart_required": spec["restart_required"], "readonly": spec["readonly"],
            "value_range": spec["value_range"], "type": spec["type"], "description": spec["description"]}
