"""The public API: typed loads, copies, filters, derived balances and clear errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import korus_data as kd
from korus_data.schema.tables import TABLES


@pytest.mark.parametrize("name", list(TABLES))
def test_load_gives_the_schema_dtypes(name):
    frame = kd.load(name)
    table = TABLES[name]
    assert list(frame.columns) == table.field_names
    for field in table.fields:
        dtype = frame[field.name].dtype
        if field.type in ("string", "yearmonth"):
            assert pd.api.types.is_string_dtype(dtype), (name, field.name, dtype)
        elif field.type in ("integer", "year"):
            assert pd.api.types.is_integer_dtype(dtype), (name, field.name, dtype)
        elif field.type == "number":
            assert pd.api.types.is_float_dtype(dtype), (name, field.name, dtype)
        elif field.type == "boolean":
            assert pd.api.types.is_bool_dtype(dtype), (name, field.name, dtype)
        elif field.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(dtype), (name, field.name, dtype)


def test_load_returns_a_fresh_copy_each_time():
    first = kd.load("goods_trade_annual")
    first.loc[:, "value_usd_millions"] = -1.0
    assert (kd.load("goods_trade_annual")["value_usd_millions"] > 0).all()


def test_unknown_table_suggests_close_names():
    with pytest.raises(KeyError) as info:
        kd.load("goods_trade_anual")
    message = str(info.value)
    assert "Did you mean 'goods_trade_annual'" in message
    assert "sources" in message  # lists the tables


def test_unknown_table_with_nothing_close_lists_the_tables():
    with pytest.raises(kd.UnknownTableError, match=r"Tables: goods_trade_annual"):
        kd.describe("zzz")


def test_describe_gives_type_and_unit():
    fields = kd.describe("goods_trade_annual").set_index("field")
    assert fields.loc["value_usd_millions", "unit"] == "USD millions, current"
    assert fields.loc["year", "in_key"]


def test_tables_reports_rows_and_coverage():
    catalogue = kd.tables().set_index("name")
    assert catalogue.loc["goods_trade_monthly", "first"] == "1985-01"
    assert catalogue.loc["goods_trade_monthly", "rows"] == len(kd.load("goods_trade_monthly"))
    assert catalogue.loc["goods_trade_annual", "first"] == str(
        kd.load("goods_trade_annual")["year"].min()
    )


def test_goods_trade_filters_by_year_range_and_flow():
    frame = kd.goods_trade("USA", years=(2010, 2019), flow="import")
    assert sorted(frame["year"]) == list(range(2010, 2020))
    assert set(frame["flow"]) == {"import"}


def test_goods_trade_monthly_years_filter_uses_the_period():
    frame = kd.goods_trade(frequency="monthly", years=2018)
    assert len(frame) == 24 and frame["period"].str.startswith("2018-").all()


@pytest.mark.parametrize(
    "kwargs, allowed",
    [
        ({"flow": "exports"}, "'export', 'import'"),
        ({"frequency": "weekly"}, "'annual', 'monthly'"),
        ({"reporter": "JPN"}, "'USA', 'KOR'"),
        ({"basis": "bop"}, "'census'"),
        ({"years": (2019, 2010)}, "increasing"),
        ({"years": "2018"}, "a year"),
    ],
)
def test_bad_filters_name_what_is_allowed(kwargs, allowed):
    with pytest.raises(ValueError) as info:
        kd.goods_trade(**kwargs)
    assert allowed in str(info.value)


def test_trade_balance_is_exports_minus_imports():
    balance = kd.trade_balance().set_index("year")
    goods = kd.goods_trade().pivot(index="year", columns="flow", values="value_usd_millions")
    pd.testing.assert_series_equal(
        balance["balance"], goods["export"] - goods["import"], check_names=False
    )
    assert (balance["total"] == balance["exports"] + balance["imports"]).all()


def test_a_changed_file_raises_an_integrity_error_naming_it(package_copy):
    path = package_copy / "data" / "goods_trade_annual.csv"
    path.write_bytes(path.read_bytes().replace(b"5956.3", b"5956.4", 1))
    with pytest.raises(kd.IntegrityError, match=r"goods_trade_annual\.csv"):
        kd.load("goods_trade_annual", root=package_copy)


def test_versions_are_exposed():
    assert kd.__version__.count(".") == 2
    assert kd.DATA_VERSION == "2026.12"
    assert "2026.12" in str(kd.cite())


def test_import_does_not_load_heavy_libraries():
    code = (
        "import sys, korus_data;"
        "heavy = [m for m in ('pandas', 'pandera', 'frictionless', 'matplotlib', 'openpyxl')"
        " if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_importing_and_loading_need_no_posix_only_module(tmp_path):
    """Windows has no fcntl: the package imports, loads and validates without it (reading
    never takes the build lock)."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "import korus_data as kd\n"
        "assert len(kd.load('partners')) > 200\n"
        "assert kd.load('goods_trade_annual', as_of='2024-08-06').attrs['as_of']['release_id']\n"
        "assert 'fcntl' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]


def test_the_public_names_are_one_list_in_three_forms():
    """``__all__``, the lazy map and the imports type checkers read name the same accessors
    from the same modules: an accessor missing from the imports is ``Any`` to mypy."""
    import ast
    import inspect

    import korus_data

    tree = ast.parse(inspect.getsource(korus_data))
    checked = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module.removeprefix("korus_data.")
        for node in checked.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    imported.pop("ValidationReport")  # the return type of validate, not an accessor
    assert imported == korus_data._LAZY
    eager = {"DATA_VERSION", "__version__", "validate"} | {
        name for name in korus_data.__all__ if name.endswith(("Error", "Warning"))
    }
    assert set(korus_data.__all__) == eager | set(korus_data._LAZY)
    for name in korus_data.__all__:
        assert getattr(korus_data, name) is not None, name
