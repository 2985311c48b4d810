"""Input files of a build: a local path or a URL, fetched once, with its SHA-256."""

from __future__ import annotations

import hashlib
import re
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from korus_data.errors import BuildError

DOWNLOAD_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class InputFile:
    """A file the build reads: where it is now, what the user named, and its digest."""

    path: Path
    label: str
    sha256: str


#: A download may take this long in all, and be this large; a workbook may declare this many cells.
DOWNLOAD_DEADLINE_SECONDS = 300
DOWNLOAD_MAX_BYTES = 200 * 1024 * 1024
#: The Census workbook itself declares 1,048,576 rows x 29 columns (about 30 million cells);
#: a sheet declaring a far cell such as XFD1048576 (17 billion) is refused before any read.
WORKBOOK_MAX_CELLS = 50_000_000
WORKBOOK_MAX_UNPACKED_BYTES = 500 * 1024 * 1024
SCHEMES = ("http://", "https://")
#: The End-Use exports files of a source pack: release id -> path in the pack, oldest first.
ENDUSE_EXPORT_FILES = {
    "census-enduse-exports-2013-2022": "census/enduse-exports-2013-2022.csv",
    "census-enduse-exports-korea-2015-2024": "extracts/enduse-exports-korea-2015-2024.csv",
}


def is_url(location: str | Path) -> bool:
    return str(location).startswith(SCHEMES)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(SCHEMES):
            raise urllib.error.URLError(f"redirected to {newurl!r}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def download(
    url: str,
    target: Path,
    *,
    deadline: float = DOWNLOAD_DEADLINE_SECONDS,
    max_bytes: int = DOWNLOAD_MAX_BYTES,
) -> None:
    """Fetch ``url`` into ``target`` within ``deadline`` seconds in all and ``max_bytes``.

    Raises :class:`BuildError` saying why: a timeout, a body too large, a redirect away from
    http(s), an HTTP error. Nothing is left at ``target`` when it fails.
    """
    started = time.monotonic()
    try:
        with _OPENER.open(url, timeout=min(DOWNLOAD_TIMEOUT_SECONDS, deadline)) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise BuildError(f"{url} is {int(declared):,} bytes; the limit is {max_bytes:,}")
            received = 0
            with target.open("wb") as out:
                while True:
                    if time.monotonic() - started > deadline:
                        raise BuildError(f"downloading {url} took more than {deadline:g} s")
                    chunk = response.read1(65536)
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > max_bytes:
                        raise BuildError(f"{url} is larger than the limit of {max_bytes:,} bytes")
                    out.write(chunk)
    except BuildError:
        target.unlink(missing_ok=True)
        raise
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        target.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise BuildError(f"cannot download {url}: {reason}") from exc


def open_input(location: str | Path, workdir: Path) -> InputFile:
    """Make ``location`` (a path or an http(s) URL) a local file under ``workdir``.

    Raises :class:`BuildError` saying why when the file is missing or cannot be downloaded.
    """
    label = str(location)
    if "://" in label and not is_url(label):
        raise BuildError(f"{label}: only http(s) addresses and local paths can be read")
    if is_url(location):
        path = workdir / (Path(label.split("?")[0]).name or "download")
        try:
            download(label, path)
        except BuildError as exc:
            raise BuildError(
                f"{exc}. Download it yourself and pass the local path instead."
            ) from None
    else:
        path = Path(location)
        if not path.is_file():
            raise BuildError(f"input file {label} does not exist")
    return InputFile(path=path, label=label, sha256=file_sha256(path))


def local_input(path: Path) -> InputFile:
    """A local file as the build reads it (:class:`BuildError` when it does not exist)."""
    if not Path(path).is_file():
        raise BuildError(f"input file {path} does not exist")
    return InputFile(path=Path(path), label=str(path), sha256=file_sha256(Path(path)))


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes (recorded in the sources registry)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.decode():
        number = number * 26 + ord(letter) - 64
    return number


def check_workbook_bounds(path: Path) -> None:
    """Refuse a workbook whose sheets declare more cells, or unpack to more bytes, than any
    workbook the build reads could (read before the reader allocates anything)."""
    try:
        with zipfile.ZipFile(path) as book:
            unpacked = sum(info.file_size for info in book.infolist())
            if unpacked > WORKBOOK_MAX_UNPACKED_BYTES:
                raise BuildError(
                    f"{path.name} unpacks to {unpacked:,} bytes; the limit is "
                    f"{WORKBOOK_MAX_UNPACKED_BYTES:,}"
                )
            for name in book.namelist():
                if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                    continue
                with book.open(name) as sheet:
                    head = sheet.read(4096)
                match = _DIMENSION.search(head)
                if not match:
                    continue
                first_col, first_row, last_col, last_row = match.groups()
                rows = int(last_row or first_row) - int(first_row) + 1
                cols = _column_number(last_col or first_col) - _column_number(first_col) + 1
                if rows * cols > WORKBOOK_MAX_CELLS:
                    raise BuildError(
                        f"{path.name} {name} declares {rows:,} rows x {cols:,} columns; the "
                        f"limit is {WORKBOOK_MAX_CELLS:,} cells"
                    )
    except zipfile.BadZipFile as exc:
        raise BuildError(f"{path.name} is not a workbook (not a zip file): {exc}") from exc


def calamine():
    """The python_calamine module, or :class:`BuildError` saying how to install it."""
    try:
        import python_calamine
    except ImportError as exc:
        from korus_data.extras import needs

        raise BuildError(needs("reading workbooks needs python-calamine", "build")) from exc
    return python_calamine


def read_workbook(path: Path, **options) -> Any:
    """``pandas.read_excel`` with the calamine engine (python-calamine): about four times as
    fast as openpyxl on the Census workbooks, and the same cell values.

    Raises :class:`BuildError` saying how to install it when the build extra is missing.
    """
    import pandas as pd

    calamine()
    check_workbook_bounds(Path(path))
    return pd.read_excel(path, engine="calamine", **options)


def read_table_sheet(path: Path, text_columns: tuple[str, ...]) -> Any:
    """The first sheet of a workbook whose first row names its columns, read straight from
    python-calamine (no cell-by-cell conversion through pandas): ``text_columns`` as text
    (a whole number stored as a number written without ``.0``), the others as numbers when
    every cell is one, an empty cell as missing. Same values as ``read_workbook``; about
    twice as fast on the Census country workbooks."""
    import pandas as pd

    module = calamine()
    check_workbook_bounds(Path(path))
    rows = module.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    if not rows:
        return pd.DataFrame()
    header = [str(h) for h in rows[0]]
    columns = list(zip(*rows[1:], strict=True)) if len(rows) > 1 else [() for _ in header]
    frame = {}
    for name, cells in zip(header, columns, strict=True):
        if name in text_columns:
            frame[name] = pd.Series([_text(c) for c in cells], dtype="str")
        else:
            values = pd.Series([None if c == "" else c for c in cells], dtype=object)
            try:
                frame[name] = pd.to_numeric(values)
            except (ValueError, TypeError):
                frame[name] = values  # not all numbers: the reader says which column is wrong
    return pd.DataFrame(frame)


def _text(cell: object) -> str | None:
    if cell == "" or cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


@dataclass(frozen=True)
class BuildInputs:
    """Where each official input is; None leaves the tables built from it unchanged."""

    census_workbook: str | Path | None = None
    captures: str | Path | None = None
    bea_workbook: str | Path | None = None
    #: Folder with BEA's position tables by country (``bea/`` of a source pack).
    bea_positions: Path | None = None
    #: Folder with the IMF DOTS reports (``imf/`` of a source pack).
    imf_dots: Path | None = None
    enduse_workbook: Path | None = None
    #: End-Use exports: (release id, path) pairs, oldest vintage first.
    enduse_exports: tuple[tuple[str, Path], ...] = ()
    #: USA Trade Online reports by NAICS group, every partner: (flow, path) pairs.
    naics_reports: tuple[tuple[str, Path], ...] = ()
    #: The Federal Reserve's H.10 daily won rate (``frb/`` of a source pack).
    h10_daily: Path | None = None
    #: The ITA's FTA Tariff Tool file of KORUS staging (``ita/`` of a source pack).
    tariff_staging: Path | None = None
    #: Older vintages of the Census workbook: checked and registered as superseded, not used.
    older_census_workbooks: tuple[Path, ...] = ()
    #: USA Trade Online reports by country and month (other releases of the workbook's
    #: figures): (flow, path) pairs.
    usato_country_reports: tuple[tuple[str, Path], ...] = ()
    #: The tariff schedule's Basic Editions (``usitc/`` of a source pack): (year, path) pairs.
    hts_editions: tuple[tuple[int, Path], ...] = ()
    #: USA Trade Online imports and calculated duty by country.
    duty_report: Path | None = None
    #: USA Trade Online imports by HTS 10-digit line and country.
    hs10_reports: tuple[Path, ...] = ()

    @classmethod
    def from_source_pack(cls, pack: str | Path) -> BuildInputs:
        """The inputs in a source pack laid out like ``../shared/sources``."""
        pack = Path(pack)
        workbooks = sorted((pack / "census").glob("country-*.xlsx"))
        if not workbooks:
            raise BuildError(f"no census/country-*.xlsx in the source pack {pack}")
        captures = pack / "census" / "c5800-page-captures.csv"
        bea = sorted((pack / "bea").glob("trad-geo-time-series-*.xlsx"))
        enduse = pack / "census" / "enduse-imports.xlsx"
        enduse_exports = tuple(
            (source_id, pack / path)
            for source_id, path in ENDUSE_EXPORT_FILES.items()
            if (pack / path).is_file()
        )
        naics = tuple(
            (flow, found[-1])
            for flow in ("export", "import")
            if (found := sorted((pack / "census").glob(f"usato-{flow}s-by-naics-*.csv")))
        )
        by_country = tuple(
            (flow, path)
            for flow in ("export", "import")
            for path in sorted((pack / "census").glob(f"usato-{flow}s-by-country-monthly-*.xlsx"))
        )
        h10 = sorted((pack / "frb").glob("h10-dexkous-daily-*.csv"))
        editions = tuple(
            (int(path.name.split("-")[1]), path)
            for path in sorted((pack / "usitc").glob("hts-*-basic-edition.csv"))
        )
        duty = sorted((pack / "census").glob("usato-imports-and-calculated-duty-*.csv"))
        hs10 = tuple(sorted((pack / "census").glob("usato-imports-hs10-by-country-*.xlsx")))
        staging = sorted((pack / "ita").glob("korus-*-staging.xlsx"))
        return cls(
            census_workbook=workbooks[-1],
            captures=captures if captures.is_file() else None,
            bea_workbook=bea[-1] if bea else None,
            bea_positions=pack / "bea" if (pack / "bea").is_dir() else None,
            imf_dots=pack / "imf" if (pack / "imf").is_dir() else None,
            enduse_workbook=enduse if enduse.is_file() else None,
            enduse_exports=enduse_exports,
            naics_reports=naics,
            h10_daily=h10[-1] if h10 else None,
            tariff_staging=staging[-1] if staging else None,
            older_census_workbooks=tuple(workbooks[:-1]),
            usato_country_reports=by_country,
            hts_editions=editions,
            duty_report=duty[-1] if duty else None,
            hs10_reports=hs10,
        )

    @property
    def empty(self) -> bool:
        return not any(
            [
                self.census_workbook,
                self.bea_workbook,
                self.bea_positions,
                self.imf_dots,
                self.enduse_workbook,
                self.enduse_exports,
                self.naics_reports,
                self.h10_daily,
                self.tariff_staging,
                self.hts_editions,
                self.duty_report,
                self.hs10_reports,
            ]
        )
