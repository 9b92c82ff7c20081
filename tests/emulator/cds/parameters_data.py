"""The MySQL parameters the emulator exposes (DescribeDBParameter, reference 5.22).

CheckingCode is written "[low-high]" for integer ranges and "[A|B|C]" for enumerations; the
reference only shows "[10-84]", the enumeration form is the emulator's choice.
"""

# (Name, DefaultValue, Description, IsModify, IsRestart, CheckingCode)
PARAMETERS = [
    ("auto_increment_increment", "1", "自增步长", "true", "false", "[1-65535]"),
    ("auto_increment_offset", "1", "自增起始值", "true", "false", "[1-65535]"),
    ("character_set_server", "utf8mb4", "服务器字符集", "true", "true", "[utf8|utf8mb4|latin1|gbk]"),
    ("event_scheduler", "OFF", "事件调度器", "true", "false", "[ON|OFF]"),
    ("innodb_buffer_pool_size", "2147483648", "InnoDB缓冲池大小(随规格)", "false", "true",
     "[134217728-68719476736]"),
    ("innodb_flush_log_at_trx_commit", "1", "事务日志刷盘策略", "true", "false", "[0|1|2]"),
    ("innodb_lock_wait_timeout", "50", "行锁等待超时(秒)", "true", "false", "[1-1073741824]"),
    ("interactive_timeout", "28800", "交互连接空闲超时(秒)", "true", "false", "[10-31536000]"),
    ("long_query_time", "1", "慢查询阈值(秒)", "true", "false", "[0-3600]"),
    ("lower_case_table_names", "1", "表名大小写", "false", "true", "[0|1]"),
    ("max_allowed_packet", "67108864", "最大包大小(字节)", "true", "false", "[1024-1073741824]"),
    ("max_connections", "2000", "最大连接数", "true", "false", "[10-100000]"),
    ("performance_schema", "OFF", "性能视图", "true", "true", "[ON|OFF]"),
    ("slow_query_log", "ON", "慢查询日志", "true", "false", "[ON|OFF]"),
    ("sync_binlog", "1", "binlog刷盘频率", "true", "false", "[0-4294967295]"),
    ("table_open_cache", "2000", "表缓存数量", "true", "false", "[1-524288]"),
    ("transaction_isolation", "READ-COMMITTED", "事务隔离级别", "true", "false",
     "[READ-UNCOMMITTED|READ-COMMITTED|REPEATABLE-READ|SERIALIZABLE]"),
    ("wait_timeout", "28800", "非交互连接空闲超时(秒)", "true", "false", "[10-31536000]"),
]
DEFINITIONS = {p[0]: p for p in PARAMETERS}


def default_parameters(version):
    values = {p[0]: p[1] for p in PARAMETERS}
    if version == "5.7":
        values["character_set_server"] = "utf8"
    return values


def normalise(name, value):
    """Return the value as the server stores it, or None when it is not allowed."""
    code = DEFINITIONS[name][5].strip("[]")
    value = str(value).strip()
    if "|" in code or not any(c.isdigit() for c in code.split("-")[0]):
        for choice in code.split("|"):
            if choice.lower() == value.lower():
                return choice
        return None
    low, high = (int(x) for x in code.split("-"))
    try:
        number = int(value)
    except ValueError:
        return None
    return str(number) if low <= number <= high else None
