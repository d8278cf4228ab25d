"""Spark schemas of the tables of a `netstat export` folder (docs/fleet.md).

Generated from netstat.schema.json (netstat-json-v1) by scripts/gen-duckdb-sql.py:
do not edit. UNTESTED: Spark was not run where these were made (no
Spark package in Debian or npm, the registries those machines reach);
see docs/fleet.md, "Spark". Use:

    from netstat_spark import read_table
    sockets = read_table(spark, "fleet", "sockets")

Non-negative integers are DECIMAL(20,0) (u64 kernel counters), the
timestamps TIMESTAMP (UTC, milliseconds).
"""

SCHEMAS = {
    'sockets':
        '`kind` STRING, `host` STRING, `captured_at` TIMESTAMP, `bundle` STRING, `netns` STRING, `frame` DECIMAL(20,0), `view` STRING, `protocol` STRING, `family` STRING, `local_address` STRING, `local_port` DECIMAL(20,0), `local_host` STRING, `local_service` STRING, `remote_address` STRING, `remote_port` DECIMAL(20,0), `remote_host` STRING, `remote_service` STRING, `sctp_kind` STRING, `local_addresses` ARRAY<STRING>, `remote_addresses` ARRAY<STRING>, `type` STRING, `state` STRING, `state_code` DECIMAL(20,0), `flags` ARRAY<STRING>, `flags_value` DECIMAL(20,0), `refcount` DECIMAL(20,0), `path` STRING, `listening` BOOLEAN, `recv_q` DECIMAL(20,0), `send_q` DECIMAL(20,0), `uid` DECIMAL(20,0), `user` STRING, `inode` DECIMAL(20,0), `timer` STRING, `timer_expires` DOUBLE, `retransmits` DECIMAL(20,0), `timeout` BIGINT, `pid` DECIMAL(20,0), `program` STRING, `owners` ARRAY<STRUCT<`pid`: DECIMAL(20,0), `program`: STRING>>',
    'groups':
        '`kind` STRING, `host` STRING, `captured_at` TIMESTAMP, `bundle` STRING, `netns` STRING, `frame` DECIMAL(20,0), `view` STRING, `family` STRING, `interface` STRING, `refcount` BIGINT, `group` STRING, `group_host` STRING',
    'routes':
        '`kind` STRING, `host` STRING, `captured_at` TIMESTAMP, `bundle` STRING, `netns` STRING, `frame` DECIMAL(20,0), `view` STRING, `family` STRING, `destination` STRING, `prefix_len` DECIMAL(20,0), `netmask` STRING, `source` STRING, `source_prefix_len` DECIMAL(20,0), `gateway` STRING, `destination_name` STRING, `gateway_name` STRING, `flags` STRING, `flags_value` DECIMAL(20,0), `metric` BIGINT, `ref` BIGINT, `use` BIGINT, `mss` BIGINT, `window` BIGINT, `irtt` BIGINT, `cache` BOOLEAN, `interface` STRING',
    'interfaces':
        '`kind` STRING, `host` STRING, `captured_at` TIMESTAMP, `bundle` STRING, `netns` STRING, `frame` DECIMAL(20,0), `view` STRING, `name` STRING, `flags` ARRAY<STRING>, `flags_value` DECIMAL(20,0), `mtu` BIGINT, `metric` BIGINT, `tx_queue_len` BIGINT, `hw_type` STRING, `hw_type_code` DECIMAL(20,0), `hw_address` STRING, `addresses` ARRAY<STRUCT<`family`: STRING, `address`: STRING, `prefix_len`: DECIMAL(20,0), `scope`: DECIMAL(20,0), `netmask`: STRING, `broadcast`: STRING, `peer`: STRING>>, `rx_bytes` DECIMAL(20,0), `rx_packets` DECIMAL(20,0), `rx_errors` DECIMAL(20,0), `rx_dropped` DECIMAL(20,0), `rx_fifo` DECIMAL(20,0), `rx_frame` DECIMAL(20,0), `rx_compressed` DECIMAL(20,0), `rx_multicast` DECIMAL(20,0), `tx_bytes` DECIMAL(20,0), `tx_packets` DECIMAL(20,0), `tx_errors` DECIMAL(20,0), `tx_dropped` DECIMAL(20,0), `tx_fifo` DECIMAL(20,0), `tx_collisions` DECIMAL(20,0), `tx_carrier` DECIMAL(20,0), `tx_compressed` DECIMAL(20,0)',
    'counters':
        '`kind` STRING, `host` STRING, `captured_at` TIMESTAMP, `bundle` STRING, `netns` STRING, `frame` DECIMAL(20,0), `view` STRING, `file` STRING, `section` STRING, `name` STRING, `value` DECIMAL(20,0)',
    'masquerade':
        '`kind` STRING, `host` STRING, `captured_at` TIMESTAMP, `bundle` STRING, `netns` STRING, `frame` DECIMAL(20,0), `view` STRING, `protocol` STRING, `source` STRING, `source_host` STRING, `source_port` BIGINT, `destination` STRING, `destination_host` STRING, `destination_port` BIGINT, `masq_port` BIGINT, `initseq` DECIMAL(20,0), `delta` BIGINT, `pdelta` BIGINT, `expires` DOUBLE',
    'views':
        '`kind` STRING, `bundle` STRING, `host` STRING, `netns` STRING, `frame` DECIMAL(20,0), `captured_at` TIMESTAMP, `view` STRING, `inode` DECIMAL(20,0), `names` ARRAY<STRING>, `container` STRUCT<`runtime`: STRING, `id`: STRING, `pod_uid`: STRING>, `sockets` DECIMAL(20,0), `groups` DECIMAL(20,0), `routes` DECIMAL(20,0), `interfaces` DECIMAL(20,0), `counters` DECIMAL(20,0), `masquerade` DECIMAL(20,0)',
    'bundles':
        '`kind` STRING, `bundle` STRING, `host` STRING, `source` STRING, `status` STRING, `error` STRING, `kernel` STRING, `captured_at` TIMESTAMP, `euid` DECIMAL(20,0), `tool` STRING, `input_type` STRING, `input_bytes` DECIMAL(20,0), `views` ARRAY<STRUCT<`id`: STRING, `netns`: STRING, `inode`: DECIMAL(20,0), `names`: ARRAY<STRING>, `frame`: DECIMAL(20,0), `captured_at`: TIMESTAMP>>, `sockets` DECIMAL(20,0), `groups` DECIMAL(20,0), `routes` DECIMAL(20,0), `interfaces` DECIMAL(20,0), `counters` DECIMAL(20,0), `masquerade` DECIMAL(20,0), `warnings` ARRAY<STRING>, `exported_at` TIMESTAMP, `exporter` STRING, `schema_revision` DECIMAL(20,0)',
}


def read_table(spark, folder, table):
    """The part files of one table under folder as a DataFrame, every
    member declared (no sampling for types; the listening=true|false
    folders of sockets are its partition column). captured_at parses
    with Spark's default timestampFormat (ISO 8601, milliseconds, Z).
    """
    return spark.read.schema(SCHEMAS[table]).json(folder.rstrip("/") + "/" + table)
