#!/usr/bin/env python3
"""The per-series table of ../shared/bench/peers/agg_duckdb.py, computed by DuckDB
straight from OTLP/JSON lines (read_json + unnest), for bench-otlp-json.sh.

Usage: agg_duckdb_otlp.py [--threads=N] PRICES.tsv OTLP.jsonl FROM TO
Series = (gen_ai.request.model, gen_ai.response.model, flightdeck.route or
"stable"), the FlightDeck default mapping; latency_ms = (end - start) / 1e6;
error = status.code 2; tokens from gen_ai.usage.input_tokens / output_tokens;
cost = (input x input_per_million + output x output_per_million) / 1e6 from
PRICES.tsv (written by gen_otlp_json.py from the bundled price table); the
window FROM <= ts < TO on the start time (RFC 3339, ms). quantile_cont =
linear interpolation (R type 7), as every peer. Prints the peers' TSV table.
"""
import sys

import duckdb


def main():
    args = sys.argv[1:]
    threads = [a.split("=", 1)[1] for a in args if a.startswith("--threads=")]
    prices, path, frm, to = [a for a in args if not a.startswith("--")]
    attr = "list_filter(sp.attributes, lambda x: x.key = '{k}')[1].value"
    q = f"""
    WITH spans AS (
      SELECT unnest(s.spans) AS sp FROM (
        SELECT unnest(r.scopeSpans) AS s FROM (
          SELECT unnest(resourceSpans) AS r
          FROM read_json($path, format = 'newline_delimited', maximum_object_size = 1048576)))),
    rows AS (
      SELECT {attr.format(k='gen_ai.request.model')}.stringValue AS artefact,
             {attr.format(k='gen_ai.response.model')}.stringValue AS version,
             coalesce({attr.format(k='flightdeck.route')}.stringValue, 'stable') AS route,
             (CAST(sp.endTimeUnixNano AS BIGINT) - CAST(sp.startTimeUnixNano AS BIGINT)) / 1e6 AS latency_ms,
             CAST({attr.format(k='gen_ai.usage.input_tokens')}.intValue AS BIGINT) AS input_tokens,
             CAST({attr.format(k='gen_ai.usage.output_tokens')}.intValue AS BIGINT) AS output_tokens,
             coalesce(sp.status.code, 0) = 2 AS is_error,
             make_timestamp(CAST(sp.startTimeUnixNano AS BIGINT) // 1000000 * 1000) AS ts
      FROM spans),
    priced AS (
      SELECT rows.*, (input_tokens * p.input_per_million + output_tokens * p.output_per_million) / 1e6 AS cost
      FROM rows LEFT JOIN read_csv($prices, delim = '\t', header = true) p ON p.model = rows.artefact)
    SELECT artefact, version, route,
           count(*) AS requests,
           count(*) FILTER (WHERE is_error) AS errors,
           errors / requests AS error_rate,
           quantile_cont(latency_ms, [0.5, 0.95, 0.99]) AS p,
           sum(input_tokens), sum(output_tokens), sum(cost)
    FROM priced
    WHERE ts >= CAST($from AS TIMESTAMP) AND ts < CAST($to AS TIMESTAMP)
    GROUP BY ALL
    ORDER BY artefact, version, route
    """
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads[-1])}")
    frm = frm.rstrip("Z").replace("T", " ")
    to = to.rstrip("Z").replace("T", " ")
    rows = con.execute(q, {"path": path, "prices": prices, "from": frm, "to": to}).fetchall()
    out = ["\t".join(("artefact", "version", "route", "requests", "errors", "error_rate",
                      "p50_ms", "p95_ms", "p99_ms", "input_tokens", "output_tokens", "cost_usd"))]
    for (a, v, r, n, e, er, p, it, ot, c) in rows:
        out.append("\t".join(map(str, (a, v, r, n, e, er, p[0], p[1], p[2], it, ot, c))))
    print("\n".join(out))


if __name__ == "__main__":
    main()
