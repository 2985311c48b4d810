"""Hostile servers on loopback: every refresh (Census, BEA, IMF) that meets an implausible,
repeated, oversized, endless, slow, locked, deep or key-echoing reply exits 1 with one line,
leaves the package byte-identical, writes and prints no key, and ends within its bounds."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest
from bea_replies import ita_rows, serve_bea
from census_replies import serve_census, totals_reply
from helpers import copy_package, snapshot
from loopback import Loopback, Reply, ok

from korus_data.cli import main
from korus_data.pipeline.refresh import bea_api, http

KEY = "K3Y-m4rker-7f3a9c"
IMF_PATH = "/data/dataflow/IMF.STA/IMTS/+/KOR.*.USA.A"
TIMEOUT = 1.0
#: The whole refresh's deadline in these tests: a reply trickling in is cut by it.
DEADLINE = 20.0


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """One copy for the module: a refused refresh changes nothing (each case checks it)."""
    return copy_package(tmp_path_factory.mktemp("hostile") / "pkg")


def _endless(out) -> None:
    block = b"[" * 65536
    while True:
        out.write(block)


def _trickle(out) -> None:
    out.write(b'[["CTY_CODE"')
    for _ in range(600):
        out.write(b" ")
        out.flush()
        time.sleep(1.0)


BOUNDS = {
    "200 MB declared": Reply(200, b"[]", {"Content-Length": str(200 * 1024 * 1024)}),
    "a body that never ends": Reply(200, stream=_endless),
    "one byte a second": Reply(200, stream=_trickle),
    "Retry-After 999999999": Reply(503, "busy", {"Retry-After": "999999999"}),
    "JSON 100,000 deep": Reply(200, b"[" * 100_000 + b"]" * 100_000),
}
EXPECTED = {
    "200 MB declared": "more than the limit",
    "a body that never ends": "larger than the limit",
    # a loaded machine may not even see the first byte in time: either way, bounded
    "one byte a second": "reply within",
    "Retry-After 999999999": "asks to wait",
    "JSON 100,000 deep": "nests deeper than",
}


def _short(case: str) -> tuple[str, ...]:
    """A deadline the trickle case reaches within seconds (every other case ends at once)."""
    return ("--deadline", "2.5") if case == "one byte a second" else ()


def _refresh(root, cache, service, url, *extra) -> tuple[int, str, str, float]:
    argv = ["refresh", service, "--root", str(root), "--api-base", url, "--report"]
    argv += [str(cache / "report.json"), "--timeout", str(TIMEOUT), "--deadline", str(DEADLINE)]
    argv += extra
    started = time.monotonic()
    code = main(argv)
    return code, "", "", time.monotonic() - started


def _no_key_anywhere(*folders: Path, texts: tuple[str, ...] = ()) -> None:
    """No form of the key (``KEY_FORMS``, and the key in any case) in a file or a text."""
    forms = {form(KEY).lower() for form in KEY_FORMS.values()}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes().decode("utf-8", "replace").lower()
                for form in forms:
                    assert form not in data and form not in path.name.lower(), (path, form)
    for text in texts:
        for form in forms:
            assert form not in text.lower(), form


def _refused(root, tmp_path, capsys, monkeypatch, service, serve, match, *extra) -> str:
    monkeypatch.setenv("CENSUS_API_KEY", KEY)
    monkeypatch.setenv("BEA_API_KEY", KEY)
    cache = tmp_path / "cache"
    monkeypatch.setenv("KORUS_CACHE", str(cache))
    monkeypatch.setattr(http, "MAX_RETRY_AFTER_SECONDS", 120.0)
    monkeypatch.setattr(bea_api, "MIN_INTERVAL", 0.0)  # BEA's politeness: not for loopback
    before = snapshot(root)
    with Loopback() as server:
        serve(server)
        code, *_, elapsed = _refresh(root, cache, service, server.url + "/", *extra)
    out, err = capsys.readouterr()
    errors = [line for line in err.splitlines() if line.startswith("korus-data: error:")]
    assert code == 1, err[-600:]
    assert len(errors) == 1 and err.splitlines()[-1] == errors[0], err[-600:]
    assert match in errors[0], errors[0]
    assert snapshot(root) == before, "a refused refresh changed files"
    _no_key_anywhere(cache, root, texts=(out, err))
    assert elapsed < 60, elapsed  # far inside the default deadline
    return errors[0]


# --- Census ---------------------------------------------------------------------------------


def _census(root, **options):
    def serve(server):
        serve_census(server, root, **options)

    return serve


def _census_override(root, reply: Reply):
    def serve(server):
        serve_census(server, root)
        server.route("/exports/hs", reply)

    return serve


def _census_value(root, period, flow="export"):
    import korus_data as kd

    months = kd.load("goods_trade_monthly", root=root).set_index(["period", "flow"])
    return months.loc[(period, flow), "value_usd_millions"]


def test_census_a_month_times_1000_is_refused(root, tmp_path, capsys, monkeypatch):
    revise = {"export": {"2015-03": _census_value(root, "2015-03") * 1000}}
    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "census",
        _census(root, revise=revise),
        "never exceeded 10 %",
    )


def test_census_a_new_month_ten_times_a_year_earlier_is_refused(
    root, tmp_path, capsys, monkeypatch
):
    add = {"export": {"2026-05": _census_value(root, "2025-05") * 10}}
    _refused(
        root, tmp_path, capsys, monkeypatch, "census", _census(root, add=add), "times the same"
    )


def test_census_a_month_in_2099_is_refused(root, tmp_path, capsys, monkeypatch):
    add = {"export": {"2099-01": 5000.0}}
    _refused(root, tmp_path, capsys, monkeypatch, "census", _census(root, add=add), "not ended")


def test_census_a_column_repeated_with_another_value_is_refused(
    root, tmp_path, capsys, monkeypatch
):
    rows = totals_reply(root, "export")
    rows = [[*row, row[1] if i == 0 else str(int(row[1]) + 1)] for i, row in enumerate(rows)]
    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "census",
        _census_override(root, ok(rows)),
        "gives ALL_VAL_MO 2 times",
    )


def test_census_the_key_in_a_200_reply_is_never_printed_or_kept(
    root, tmp_path, capsys, monkeypatch
):
    rows = totals_reply(root, "export")
    rows[0] = [*rows[0], KEY]  # a column named after the key
    rows[1:] = [[*r, KEY] for r in rows[1:]]  # and the key in a cell of every row
    message = _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "census",
        _census_override(root, ok(rows)),
        "columns korus-data does not know",
    )
    assert "***" in message


@pytest.mark.parametrize("case", BOUNDS, ids=str)
def test_census_bounded_reads(root, tmp_path, capsys, monkeypatch, case):
    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "census",
        _census_override(root, BOUNDS[case]),
        EXPECTED[case],
        *_short(case),
    )


def test_census_a_lock_out_with_a_long_wait_stops_at_once(root, tmp_path, capsys, monkeypatch):
    locked = Reply(429, "rate limited", {"Retry-After": "3600"})
    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "census",
        _census_override(root, locked),
        "try again later",
    )


# --- BEA ------------------------------------------------------------------------------------


#: Forms a reply may echo a key in (written into the raw JSON text as they are).
KEY_FORMS = {
    "as-sent": lambda key: key,
    "lower": str.lower,
    "upper": str.upper,
    "json-escapes": lambda key: "".join(f"\\u{ord(c):04x}" for c in key),
    "percent": lambda key: "".join(f"%{b:02X}" for b in key.encode()),
    "base64": lambda key: base64.b64encode(key.encode()).decode(),
}
PLACEHOLDER = "@@key@@"


def _echoing(body: dict, form=KEY_FORMS["as-sent"]):
    """A BEA reply that echoes the request, UserID included, as BEA's own replies do, the key
    in ``form``."""

    def reply(query):
        params = [
            {"ParameterName": k, "ParameterValue": PLACEHOLDER if k == "UserID" else v[0]}
            for k, v in query.items()
        ]
        text = json.dumps({"BEAAPI": {"Request": {"RequestParam": params}, **body["BEAAPI"]}})
        return text.replace(PLACEHOLDER, form(KEY)).encode()

    return reply


def _bea(root, *, ita=None, echo=False, override=None, form=KEY_FORMS["as-sent"]):
    def serve(server):
        serve_bea(server, root, ita=ita)
        if echo:  # every route's reply echoes the key, as BEA's do
            server.routes = [
                (path, when, [Reply(r.status, _echoing(json.loads(r.payload()), form), r.headers)])
                for path, when, replies in server.routes
                for r in replies[:1]
            ]
        if override is not None:
            server.route("/", override, when={"method": "GetData", "Indicator": "ExpGds"})

    return serve


def _bea_rows(root, change):
    rows = ita_rows(root, "ExpGds")
    change(rows)
    return {"ExpGds": rows}


def _times(rows, period, factor):
    row = next(r for r in rows if r["TimePeriod"] == period)
    value = float(row["DataValue"].replace(",", "")) * factor
    row["DataValue"] = f"{value:,.0f}"


def test_bea_a_quarter_times_1000_is_refused(root, tmp_path, capsys, monkeypatch):
    ita = _bea_rows(root, lambda rows: _times(rows, "2020Q3", 1000))
    _refused(root, tmp_path, capsys, monkeypatch, "bea", _bea(root, ita=ita), "never exceeded 25 %")


def test_bea_a_new_year_ten_times_the_last_is_refused(root, tmp_path, capsys, monkeypatch):
    def add(rows):
        last = next(r for r in rows if r["TimePeriod"] == "2024")
        rows.append({**last, "TimePeriod": "2025"})
        _times(rows, "2025", 10)

    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "bea",
        _bea(root, ita=_bea_rows(root, add)),
        "times the same",
    )


def test_bea_a_year_in_2099_is_refused(root, tmp_path, capsys, monkeypatch):
    def add(rows):
        last = next(r for r in rows if r["TimePeriod"] == "2024")
        rows.append({**last, "TimePeriod": "2099"})

    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "bea",
        _bea(root, ita=_bea_rows(root, add)),
        "not ended",
    )


def test_bea_a_record_given_twice_is_refused(root, tmp_path, capsys, monkeypatch):
    def twice(rows):
        row = next(r for r in rows if r["TimePeriod"] == "2024")
        rows.append({**row, "DataValue": "1"})

    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "bea",
        _bea(root, ita=_bea_rows(root, twice)),
        "korus-data takes no figure it is given twice",
    )


def test_bea_a_datavalue_given_twice_is_refused(root, tmp_path, capsys, monkeypatch):
    text = json.dumps({"BEAAPI": {"Results": {"Data": ita_rows(root, "ExpGds")}}})
    text = text.replace('"DataValue": ', '"DataValue": "1", "DataValue": ', 1)
    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "bea",
        _bea(root, override=ok(text)),
        "given twice with different values",
    )


def test_bea_a_cell_that_is_not_a_number_is_refused_not_skipped(
    root, tmp_path, capsys, monkeypatch
):
    def garble(rows):
        rows[0]["DataValue"] = "12O"

    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "bea",
        _bea(root, ita=_bea_rows(root, garble)),
        "not a number",
    )


@pytest.mark.parametrize("form", KEY_FORMS, ids=str)
def test_bea_echoing_the_key_in_every_reply_leaves_it_in_no_file(
    root, tmp_path, capsys, monkeypatch, form
):
    monkeypatch.setenv("BEA_API_KEY", KEY)
    cache = tmp_path / "cache"
    monkeypatch.setenv("KORUS_CACHE", str(cache))
    monkeypatch.setattr(bea_api, "MIN_INTERVAL", 0.0)
    before = snapshot(root)
    with Loopback() as server:
        _bea(root, echo=True, form=KEY_FORMS[form])(server)
        code, *_ = _refresh(root, cache, "bea", server.url + "/")
    out, err = capsys.readouterr()
    assert code == 0, err[-500:]
    assert snapshot(root) == before  # the same figures: nothing to change
    kept = list((cache / "korus-data" / "raw").glob("*.json"))
    assert len(kept) >= 16 and any(b'"UserID"' in p.read_bytes() for p in kept)  # echoed, scrubbed
    _no_key_anywhere(cache, root, texts=(out, err))


@pytest.mark.parametrize("form", KEY_FORMS, ids=str)
def test_a_key_in_a_refused_value_is_never_printed(root, tmp_path, capsys, monkeypatch, form):
    def garble(rows):
        rows[0]["DataValue"] = "bad-" + PLACEHOLDER

    ita = _bea_rows(root, garble)
    raw = json.dumps(ita["ExpGds"]).replace(PLACEHOLDER, KEY_FORMS[form](KEY))
    ita = {"ExpGds": json.loads(raw)}  # (the escapes are decoded here: sent as the key)
    # _refused checks every file written and everything printed for every form of the key
    _refused(root, tmp_path, capsys, monkeypatch, "bea", _bea(root, ita=ita), "not a number")


@pytest.mark.parametrize("case", BOUNDS, ids=str)
def test_bea_bounded_reads(root, tmp_path, capsys, monkeypatch, case):
    _refused(
        root,
        tmp_path,
        capsys,
        monkeypatch,
        "bea",
        _bea(root, override=BOUNDS[case]),
        EXPECTED[case],
        *_short(case),
    )


def test_bea_a_lock_out_says_wait_an_hour(root, tmp_path, capsys, monkeypatch):
    locked = Reply(
        429,
        '{"BEAAPI":{"Error":{"APIErrorCode":"429","APIErrorDescription":"locked"}}}',
        {"Retry-After": "3600"},
    )
    _refused(root, tmp_path, capsys, monkeypatch, "bea", _bea(root, override=locked), "an hour")


# --- IMF ------------------------------------------------------------------------------------


def _imf(values: dict[str, str] | None = None, reply: Reply | None = None):
    from test_refresh_imf import EXPORTS, IMPORTS, message

    def serve(server):
        served = reply or ok(message({**EXPORTS, **(values or {})}, IMPORTS))
        server.route(IMF_PATH, served)

    return serve


def _imf_published(root: Path, cache: Path) -> None:
    """Publish the IMF years once, so that the cases below revise or extend them."""
    from test_refresh_imf import EXPORTS, IMPORTS, message

    with Loopback() as server, pytest.MonkeyPatch.context() as patch:
        patch.setenv("KORUS_CACHE", str(cache))
        server.route(IMF_PATH, ok(message(EXPORTS, IMPORTS)))
        argv = ["refresh", "imf", "--root", str(root), "--api-base", server.url]
        assert main([*argv, "--report", str(cache / "report.json")]) == 0


@pytest.fixture(scope="module")
def imf_root(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-imf")
    root = copy_package(folder / "pkg")
    _imf_published(root, folder / "cache")
    return root


def test_imf_a_year_times_1000_is_refused(imf_root, tmp_path, capsys, monkeypatch):
    _refused(
        imf_root,
        tmp_path,
        capsys,
        monkeypatch,
        "imf",
        _imf({"2022": "109766500"}),
        "beyond anything in their history",  # (a same-day reply replaces the first's rows)
    )


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"2021": "95901800.0"}, "1000.02 times the same figure on basis korea_customs"),
        ({"2021": "959018.0"}, "10.00 times the same figure on basis korea_customs"),
    ],
    ids=["x1000", "x10"],
)
def test_imf_a_basis_new_to_the_package_is_checked_against_the_others(
    tmp_path, capsys, monkeypatch, values, said
):
    """No IMTS row is published yet: the reply has no history of its own, only the same
    figures on other bases (IMF DOTS to 2020, Korean customs 2021-2024)."""
    root = copy_package(tmp_path / "fresh")
    _refused(root, tmp_path, capsys, monkeypatch, "imf", _imf(values), said)
    listed = next((tmp_path / "cache").rglob("refused-*.txt")).read_text()
    assert "times the period before on basis imf_dots (74,531.2)" in listed  # 2020, DOTS


def test_imf_a_new_year_ten_times_the_last_is_refused(imf_root, tmp_path, capsys, monkeypatch):
    import test_refresh_imf

    monkeypatch.setattr(test_refresh_imf, "YEARS", [*test_refresh_imf.YEARS, "2099"])
    _refused(
        imf_root,
        tmp_path,
        capsys,
        monkeypatch,
        "imf",
        _imf({"2023": "1097665.0"}),
        "times the same",
    )


@pytest.mark.parametrize("case", BOUNDS, ids=str)
def test_imf_bounded_reads(imf_root, tmp_path, capsys, monkeypatch, case):
    _refused(
        imf_root,
        tmp_path,
        capsys,
        monkeypatch,
        "imf",
        _imf(reply=BOUNDS[case]),
        EXPECTED[case],
        *_short(case),
    )
