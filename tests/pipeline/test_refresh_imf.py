"""``korus-data refresh imf``: Korea-reported trade from the IMF's IMTS dataflow (SDMX 3.0,
SDMX-JSON 2.0 data messages), served on loopback."""

from __future__ import annotations

import pytest
from helpers import snapshot
from loopback import Loopback, Reply, ok

import korus_data as kd
from korus_data.pipeline.refresh import run_refresh
from korus_data.pipeline.refresh.http import Fetcher, FetchError
from korus_data.validation import validate

PATH = "/data/dataflow/IMF.STA/IMTS/+/KOR.*.USA.A"
YEARS = ["2019", "2020", "2021", "2022", "2023"]


def message(exports: dict[str, str], imports: dict[str, str], scale: str | None = "6") -> dict:
    """An SDMX-JSON data message with Korea's exports (f.o.b.), imports (c.i.f.) and a balance."""
    indicators = [
        {"id": "XG_FOB_USD", "name": "Exports of goods, Free on board (FOB), US dollar"},
        {"id": "MG_CIF_USD", "name": "Imports of goods, Cost insurance freight (CIF), US dollar"},
        {"id": "TBG_USD", "name": "Trade balance goods, US dollar"},
    ]
    dimensions = [
        {"id": "COUNTRY", "values": [{"id": "KOR", "name": "Korea, Rep. of"}]},
        {"id": "INDICATOR", "values": indicators},
        {"id": "COUNTERPART_COUNTRY", "values": [{"id": "USA", "name": "United States"}]},
        {"id": "FREQUENCY", "values": [{"id": "A", "name": "Annual"}]},
    ]
    attributes = {"series": [{"id": "SCALE", "values": [{"id": scale}] if scale else []}]}

    def series(values: dict[str, str]) -> dict:
        return {
            "attributes": [0 if scale else None],
            "observations": {str(YEARS.index(y)): [v] for y, v in values.items()},
        }

    return {
        "data": {
            "structures": [
                {
                    "dimensions": {
                        "series": dimensions,
                        "observation": [
                            {"id": "TIME_PERIOD", "values": [{"id": y} for y in YEARS]}
                        ],
                    },
                    "attributes": attributes,
                }
            ],
            "dataSets": [
                {
                    "series": {
                        "0:0:0:0": series(exports),
                        "0:1:0:0": series(imports),
                        "0:2:0:0": series({"2021": "1.0"}),
                    }
                }
            ],
        }
    }


EXPORTS = {"2019": "73891.806", "2020": "74531.16", "2021": "95901.8", "2022": "109766.5"}
IMPORTS = {"2021": "73213.4", "2022": "82154.2"}


def refresh(root, server, tmp_path, **options):
    fetcher = Fetcher(cache_dir=tmp_path / "cache", timeout=5, retries=0)
    return run_refresh(
        root,
        services=["imf"],
        api_base=server.url,
        fetcher=fetcher,
        report_path=tmp_path / "report.json",
        **options,
    )


def test_years_from_2021_are_added_with_their_own_basis(root, tmp_path):
    with Loopback() as server:
        server.route(PATH, ok(message(EXPORTS, IMPORTS)))
        report = refresh(root, server, tmp_path)
        path, query = server.requests[0]
    assert path == PATH and query["dimensionAtObservation"] == ["TIME_PERIOD"]
    new = sorted((c.key["year"], c.key["flow"], c.new) for c in report.changes)
    assert new == [
        ("2021", "export", 95901.8),
        ("2021", "import", 73213.4),
        ("2022", "export", 109766.5),
        ("2022", "import", 82154.2),
    ]
    assert {c.key["basis"] for c in report.changes} == {"imf_imts"}
    assert validate(root).ok
    goods = kd.load("goods_trade_annual", root=root)
    imts = goods[goods.basis == "imf_imts"]
    assert set(imts.valuation) == {"fob", "cif"} and imts.year.min() == 2021
    dots = goods[(goods.basis == "imf_dots") & (goods.reporter == "KOR") & (goods.year == 2020)]
    assert len(dots) == 2  # DOTS figures stay as their own releases
    with Loopback() as server:  # the same figures again: nothing changes
        server.route(PATH, ok(message(EXPORTS, IMPORTS)))
        before = snapshot(root)
        assert refresh(root, server, tmp_path).changes == []
        assert snapshot(root) == before


def test_a_series_without_a_scale_is_refused(root, tmp_path):
    before = snapshot(root)
    with Loopback() as server:
        server.route(PATH, ok(message(EXPORTS, IMPORTS, scale=None)))
        with pytest.raises(FetchError, match="does not state its SCALE"):
            refresh(root, server, tmp_path)
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("reply", "match"),
    [
        (ok({"errors": ["no such flow"]}), "not an SDMX-JSON data message"),
        (Reply(503, "maintenance"), "HTTP 503 maintenance"),
    ],
)
def test_a_bad_reply_is_named(root, tmp_path, reply, match):
    with Loopback() as server:
        server.route(PATH, reply)
        with pytest.raises(FetchError, match=match):
            refresh(root, server, tmp_path)
