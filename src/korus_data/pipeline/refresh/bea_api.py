"""BEA's data API: requests, the ``BEAAPI`` envelope, errors and values.

Documentation: the API user guide, https://apps.bea.gov/api/_pdf/bea_web_service_api_user_guide.pdf
(methods ``GetParameterValues`` and ``GetData``, ``ResultFormat=JSON``, the error envelope,
the limits: 100 requests, 100 MB and 30 errors a minute per key, past which the key is locked
out for an hour); the MNE dataset's appendix (``DirectionOfInvestment``, ``Classification``,
``SeriesID``, ``Country``, ``Year``; values are formatted strings, ``(D)`` suppressed,
``(NM)``/``n.s.`` not meaningful); keys: https://apps.bea.gov/api/signup/.

Codes are never guessed: Korea's country code and the position series are read from
``GetParameterValues`` before the data is asked for.

Example:
    >>> bea_value("5,289,071"), bea_value("(D)"), bea_value("n.s.")
    (5289071.0, None, None)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from korus_data.pipeline.refresh.http import FetchError, Request, Response

#: The service's documented address; ``KORUS_BEA_API`` or ``--api-base`` replace it.
BEA_API = "https://apps.bea.gov/api/data/"
KEY_SIGNUP = "https://apps.bea.gov/api/signup/"
#: 100 requests a minute per key: one request every 0.6 s stays under it.
MIN_INTERVAL = 0.65
#: Cells that are not numbers: suppressed, not meaningful, not applicable.
NOT_A_NUMBER = {
    "(D)": "suppressed",
    "(NM)": "not meaningful",
    "n.s.": "not meaningful",
    "(*)": "less than $500,000",
    "--": "not applicable",
    "": "empty",
}
_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")


def bea_value(text: object) -> float | None:
    """A BEA cell as a number; None for a cell that is not one (never a zero)."""
    cell = str(text).strip()
    if cell in NOT_A_NUMBER or not _NUMBER.match(cell):
        return None
    return float(cell.replace(",", ""))


def bea_request(base: str, key: str, label: str, **params: str) -> Request:
    query = {"UserID": key, "ResultFormat": "JSON", **params}
    return Request("bea", label, base, query, (key,))


def results(response: Response) -> dict:
    """The ``Results`` of a reply (a one-element list is unwrapped); :class:`FetchError` with
    BEA's own code and description (the key redacted) for an error envelope."""
    payload = response.json()
    label = response.request.label
    api = payload.get("BEAAPI") if isinstance(payload, dict) else None
    if not isinstance(api, dict):
        raise FetchError(f"{label}: the reply has no BEAAPI envelope ({response.request.shown})")
    found = api.get("Results")
    if isinstance(found, list):
        found = found[0] if len(found) == 1 and isinstance(found[0], dict) else None
    error = api.get("Error") or (found.get("Error") if isinstance(found, dict) else None)
    if error:
        raise FetchError(f"{label}: {_error_text(error, response.request)}")
    if not isinstance(found, dict):
        raise FetchError(f"{label}: the reply's Results are not one object")
    return found


def _error_text(error: object, request: Request) -> str:
    from korus_data.pipeline.refresh.http import redact

    errors = error if isinstance(error, list) else [error]
    parts = []
    for item in errors:
        if isinstance(item, dict):
            code = item.get("APIErrorCode", "?")
            text = item.get("APIErrorDescription", "") or item.get("ErrorDetail", "")
            parts.append(f"BEA error {code}: {text}")
        else:
            parts.append(f"BEA error: {item}")
    text = redact("; ".join(parts), request.secrets)
    if "lock" in text.lower() or "exceeded" in text.lower():
        text += " (the key is locked out for up to an hour: wait, then run again)"
    elif "userid" in text.lower() or "invalid" in text.lower():
        text += f" (check BEA_API_KEY; a key is free at {KEY_SIGNUP})"
    return f"{text} ({request.shown})"


def parameters(response: Response) -> list[dict]:
    """The ``ParamValue`` list of a GetParameterValues reply."""
    values = results(response).get("ParamValue", [])
    if not isinstance(values, list):
        raise FetchError(f"{response.request.label}: the reply has no list of ParamValue")
    return [v for v in values if isinstance(v, dict)]


def parameter_code(response: Response, pattern: str) -> str:
    """The ``Key`` of the one parameter value whose description matches ``pattern``."""
    values = parameters(response)
    wanted = re.compile(pattern, re.IGNORECASE)
    found = [v for v in values if isinstance(v, dict) and wanted.search(str(v.get("Desc", "")))]
    if len(found) != 1:
        names = ", ".join(str(v.get("Desc")) for v in found[:5]) or "none"
        raise FetchError(
            f"{response.request.label}: expected one value matching {pattern!r}, found "
            f"{len(found)} ({names})"
        )
    return str(found[0].get("Key"))


def yearly_cells(response: Response) -> Iterator[tuple[int, dict, float | None, str]]:
    """Each Data row of a reply by ``Year`` (MNE): (year, row, its number or None, the cell as
    written); :class:`FetchError` for a Year that is not one, or a DataValue that is neither a
    number nor one of BEA's marks (``NOT_A_NUMBER``)."""
    label = response.request.label
    for number, row in enumerate(data_rows(response), start=1):
        year = str(row.get("Year", ""))
        if not year.isdigit():
            raise FetchError(f"{label}: Data row {number} has Year {year!r}")
        cell = str(row.get("DataValue", "")).strip()
        value = bea_value(cell)
        if value is None and cell not in NOT_A_NUMBER:
            raise FetchError(f"{label}: Data row {number}, DataValue is {cell!r}, not a number")
        yield int(year), row, value, cell


def data_rows(response: Response) -> list[dict]:
    """The ``Data`` rows of a GetData reply."""
    rows = results(response).get("Data")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise FetchError(f"{response.request.label}: the reply has no list of Data rows")
    return rows
