"""The Parquet release read the way a user who outgrew one machine would: DuckDB and polars
scan it lazily, push the filter on partner and year into the scan, skip the row groups that
cannot match, and give the rows kd.load gives."""

from __future__ import annotations

import pandas as pd
import pytest

import korus_data as kd

TABLE = "us_goods_trade_by_product_annual"


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    pytest.importorskip("pyarrow")
    out = tmp_path_factory.mktemp("release") / "parquet"
    [path] = [p for p in kd.export("parquet", out) if p.name == f"{TABLE}.parquet"]
    return path


def _expected() -> pd.DataFrame:
    table = kd.load(TABLE)
    rows = table[(table["partner_code"] == "5800") & (table["year"] == 2024)]
    return rows.sort_values(["flow", "product_code"]).reset_index(drop=True)


def test_polars_scans_lazily_with_the_filter_in_the_scan(parquet):
    pl = pytest.importorskip("polars")
    query = pl.scan_parquet(parquet).filter(
        (pl.col("partner_code") == "5800") & (pl.col("year") == 2024)
    )
    plan = query.explain()
    assert "SELECTION" in plan and "5800" in plan.split("SELECTION")[1]  # pushed into the scan
    rows = query.sort(["flow", "product_code"]).collect().to_pandas()
    expected = _expected()
    assert rows["value_usd_millions"].tolist() == expected["value_usd_millions"].tolist()
    assert rows["product_code"].tolist() == expected["product_code"].tolist()


def test_duckdb_pushes_the_filter_and_skips_row_groups(parquet):
    duckdb = pytest.importorskip("duckdb")
    import pyarrow.parquet as pq

    connection = duckdb.connect()
    sql = (
        f"SELECT * FROM read_parquet('{parquet}') WHERE partner_code = '5800' AND year = 2024 "
        "ORDER BY flow, product_code"
    )
    plan = connection.sql("EXPLAIN " + sql).fetchall()[0][1]
    assert "Filters:" in plan and "5800" in plan
    rows = connection.sql(sql).df()
    assert rows["value_usd_millions"].tolist() == _expected()["value_usd_millions"].tolist()
    # key order and per-group statistics: Korea's rows lie in one or two of the row groups
    meta = pq.ParquetFile(parquet).metadata
    column = meta.schema.names.index("partner_code")
    groups = [meta.row_group(i).column(column).statistics for i in range(meta.num_row_groups)]
    assert meta.num_row_groups >= 2
    holding = [g for g in groups if g.min <= "5800" <= g.max]
    assert 1 <= len(holding) <= 2
