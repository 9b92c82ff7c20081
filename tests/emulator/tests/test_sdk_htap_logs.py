"""ClickHouse logs (seed 002 §4.16.2-4.16.8) through the official huaweicloudsdkgaussdb client."""
import time

import pytest
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkgaussdb.v3 import (
    ChSlowLogQueryRequestBody, ChSlowlogSensitiveResponse, CreateChLtsConfigRequestBody,
    CreateChLtsConfigRequestBodyLogConfigs, DeleteChLtsConfigRequestBody, DeleteChLtsConfigRequestBodyLogConfigs,
    DeleteClickHouseLtsConfigRequest, ListClickHouseInstanceNodeRequest, ShowClickHouseLtsConfigRequest,
    ShowClickHouseSlowLogDetailRequest, ShowClickHouseSlowLogSensitiveStatusRequest, UpdateClickHouseLtsConfigRequest,
    UpdateClickHouseSlowLogSensitiveStatusRequest)

GROUP = "460d8437-9dcb-47d0-8c56-5758f2042272"
STREAM = "bad1ca5d-e347-437f-be89-f2e08ce117b8"


def api_time(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(int(ts)))


@pytest.fixture()
def seeded(emu):
    out = emu.seed(gaussdb_instances=1, nodes_per_instance=1, htap_clickhouse_per_instance=1)
    return out["gaussdb_instances"][0], out["htap_clickhouse_instances"][0]


def slow(sdk, ch_id, node_id, end, **extra):
    """Lines up to a fixed end: a node writes a slow line every two minutes, so reads compared must share it."""
    body = dict(node_id=node_id, start_time=api_time(end - 7200), end_time=api_time(end), limit=1000)
    body.update(extra)
    return sdk.show_click_house_slow_log_detail(ShowClickHouseSlowLogDetailRequest(
        instance_id=ch_id, body=ChSlowLogQueryRequestBody(**body))).slow_log_list


def test_nodes_and_slow_logs_are_deterministic_and_paged(sdk, seeded):
    owner, ch_id = seeded
    nodes = sdk.list_click_house_instance_node(ListClickHouseInstanceNodeRequest(instance_id=ch_id)).node_list
    assert len(nodes) == 1 and nodes[0].role == "master" and nodes[0].node_id.endswith("no16")
    node_id = nodes[0].node_id
    end = time.time() - 1
    lines = slow(sdk, ch_id, node_id, end)
    # The seeded instance is an hour old: about 30 slow queries, one per 120 s slot.
    assert 20 <= len(lines) <= 31
    assert lines == slow(sdk, ch_id, node_id, end)
    assert [int(x.line_num) for x in lines] == sorted(int(x.line_num) for x in lines)
    first = lines[0]
    assert first.node_id == node_id and isinstance(first.rows_examined, int) and first.time.endswith("s")
    assert "?" in first.query_sample   # masked by default
    page = slow(sdk, ch_id, node_id, end, limit=5)
    rest = slow(sdk, ch_id, node_id, end, limit=1000, line_num=page[-1].line_num)
    assert [x.line_num for x in page + rest] == [x.line_num for x in lines]
    selects = slow(sdk, ch_id, node_id, end, operate_type="SELECT")
    assert selects and all(x.type == "SELECT" for x in selects)
    assert slow(sdk, owner, node_id, end, limit=3) == lines[:3]   # the examples' GaussDB id works too
    for bad, code in ((dict(node_id="f" * 32 + "no16"), "DBS.290013"), (dict(limit=0), "DBS.280001"),
                      (dict(start_time="yesterday"), "DBS.280001"), (dict(operate_type="MERGE"), "DBS.280001")):
        with pytest.raises(ClientRequestException) as err:
            slow(sdk, ch_id, end=end, **dict(dict(node_id=node_id), **bad))
        assert err.value.error_code == code


def test_masking_switch(sdk, seeded):
    owner, ch_id = seeded
    show = ShowClickHouseSlowLogSensitiveStatusRequest(instance_id=ch_id)
    assert sdk.show_click_house_slow_log_sensitive_status(show).open_slow_log_switch == "true"
    answer = sdk.update_click_house_slow_log_sensitive_status(UpdateClickHouseSlowLogSensitiveStatusRequest(
        instance_id=ch_id, body=ChSlowlogSensitiveResponse(open_slow_log_switch="false")))
    assert answer.open_slow_log_switch == "false"
    assert sdk.show_click_house_slow_log_sensitive_status(show).open_slow_log_switch == "false"
    node_id = sdk.list_click_house_instance_node(ListClickHouseInstanceNodeRequest(instance_id=ch_id)).node_list[0].node_id
    assert all("?" not in x.query_sample for x in slow(sdk, ch_id, node_id, time.time() - 1))
    with pytest.raises(ClientRequestException) as err:
        sdk.update_click_house_slow_log_sensitive_status(UpdateClickHouseSlowLogSensitiveStatusRequest(
            instance_id=ch_id, body=ChSlowlogSensitiveResponse(open_slow_log_switch="maybe")))
    assert err.value.error_code == "DBS.280001"
    with pytest.raises(ClientRequestException) as err:
        sdk.show_click_house_slow_log_sensitive_status(ShowClickHouseSlowLogSensitiveStatusRequest(
            instance_id="0" * 32 + "in16"))
    assert err.value.status_code == 404 and err.value.error_code == "DBS.200002"


def test_lts_configurations(sdk, seeded):
    owner, ch_id = seeded

    def listed(**query):
        return sdk.show_click_house_lts_config(ShowClickHouseLtsConfigRequest(**query))

    page = listed(instance_id=ch_id)
    assert page.total_count == 1 and page.instance_lts_configs[0].lts_configs == []
    assert page.instance_lts_configs[0].instance.engine_name == "clickhouse"
    create = UpdateClickHouseLtsConfigRequest(body=CreateChLtsConfigRequestBody(log_configs=[
        CreateChLtsConfigRequestBodyLogConfigs(instance_id=ch_id, log_type="slow_log", lts_group_id=GROUP,
                                               lts_stream_id=STREAM)]))
    sdk.update_click_house_lts_config(create)
    sdk.update_click_house_lts_config(create)   # a replacement, not an error
    config = listed(instance_id=ch_id).instance_lts_configs[0].lts_configs
    assert [(c.log_type, c.lts_group_id, c.lts_stream_id, c.enabled) for c in config] == [
        ("slow_log", GROUP, STREAM, True)]
    assert listed(instance_name="htap-ch-001").total_count == 1 and listed(instance_name="nope").total_count == 0
    for item, code in ((dict(log_type="error_log"), "DBS.280001"), (dict(lts_group_id="g1"), "DBS.280001"),
                       (dict(instance_id="0" * 32 + "in16"), "DBS.200002")):
        values = dict(instance_id=ch_id, log_type="slow_log", lts_group_id=GROUP, lts_stream_id=STREAM)
        values.update(item)
        with pytest.raises(ClientRequestException) as err:
            sdk.update_click_house_lts_config(UpdateClickHouseLtsConfigRequest(body=CreateChLtsConfigRequestBody(
                log_configs=[CreateChLtsConfigRequestBodyLogConfigs(**values)])))
        assert err.value.error_code == code
    with pytest.raises(ClientRequestException) as err:
        listed(limit=101)
    assert err.value.error_code == "DBS.280439"
    delete = DeleteClickHouseLtsConfigRequest(body=DeleteChLtsConfigRequestBody(log_configs=[
        DeleteChLtsConfigRequestBodyLogConfigs(instance_id=ch_id, log_type="slow_log")]))
    sdk.delete_click_house_lts_config(delete)
    sdk.delete_click_house_lts_config(delete)   # nothing left: a no-op
    assert listed(instance_id=ch_id).instance_lts_configs[0].lts_configs == []
