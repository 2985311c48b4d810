"""The strict read of ``validate()``: every cell that is not a value of its column's type is
located by row and column; nothing is guessed or coerced."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from korus_data.schema.model import Field, Table
from korus_data.validation.strict_read import read_checked

TABLE = Table(
    name="sample",
    title="Sample",
    description="One column of each type.",
    fields=(
        Field("code", "string", "Text"),
        Field("count", "integer", "Integer"),
        Field("year", "year", "Year"),
        Field("value", "number", "Number", required=False),
        Field("flag", "boolean", "Boolean", required=False),
        Field("day", "date", "Date", required=False),
        Field("month", "yearmonth", "Year-month", required=False),
    ),
    primary_key=("code",),
)
HEADER = "code,count,year,value,flag,day,month\n"


def _read(tmp_path: Path, body: str, prefix: str = ""):
    path = tmp_path / "sample.csv"
    path.write_text(prefix + HEADER + body, encoding="utf-8", newline="")
    return read_checked(path, TABLE)


def test_good_cells_get_their_types(tmp_path):
    frame, failures = _read(
        tmp_path,
        'a,1,2020,1.5,true,2020-02-29,2020-12\n"b, with a comma",-2,2021,.5e3,false,,\n'
        '"c\nover two lines",3,2022,,,2021-01-31,\n',
    )
    assert failures == []
    assert [str(t) for t in frame.dtypes] == [
        "str",
        "Int64",
        "int64",
        "float64",
        "boolean",
        "datetime64[us]",
        "str",
    ]
    assert frame["code"].tolist() == ["a", "b, with a comma", "c\nover two lines"]
    assert frame["value"].tolist()[:2] == [1.5, 500.0] and pd.isna(frame["value"][2])
    assert frame["day"].tolist()[0] == pd.Timestamp("2020-02-29")


@pytest.mark.parametrize(
    "column, cell",
    [
        ("count", "+5"),
        ("count", "1,000"),
        ("count", "1.0"),
        ("count", "99999999999999999999"),  # beyond int64
        ("year", "2020.0"),
        ("value", "inf"),
        ("value", "nan"),
        ("value", "1 000"),
        ("flag", "True"),
        ("flag", "1"),
        ("day", "2021-02-29"),  # the pattern fits, the day does not exist
        ("day", "2020-1-1"),
        ("day", "01/02/2020"),
        ("month", "2020-13"),
        ("month", "2020-1"),
    ],
)
def test_each_bad_cell_is_named_with_its_row_and_column(tmp_path, column, cell):
    row = dict.fromkeys(TABLE.field_names, "") | {"code": "x", "count": "1", "year": "2020"}
    row[column] = cell
    quoted = ",".join(f'"{v}"' if "," in v else v for v in row.values())
    body = "a,1,2020,,,,\n" + quoted + "\n"
    _, failures = _read(tmp_path, body)
    assert [(f.row, f.column) for f in failures] == [(3, column)], failures
    assert repr(cell) in failures[0].message


def test_a_byte_order_mark_is_not_part_of_the_header(tmp_path):
    frame, failures = _read(tmp_path, "a,1,2020,,,,\n", prefix="\ufeff")
    assert failures == [] and list(frame.columns) == TABLE.field_names


@pytest.mark.parametrize("body", ["a,1,2020\n", "a,1,2020,,,,,extra\n"])
def test_a_row_with_the_wrong_number_of_cells_is_not_a_well_formed_csv(tmp_path, body):
    frame, failures = _read(tmp_path, body)
    assert frame is None
    assert "not a well-formed CSV" in failures[0].message and "Row #2" in failures[0].message


def test_a_header_out_of_order_is_named(tmp_path):
    path = tmp_path / "sample.csv"
    path.write_text("count,code,year,value,flag,day,month\n", encoding="utf-8")
    frame, failures = read_checked(path, TABLE)
    assert frame is None and "columns out of order" in failures[0].message
    assert failures[0].row == 1
