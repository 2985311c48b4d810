"""Korean investment projects in the U.S.: filters, events, status and totals.

Totals count each project once, at the amount of its latest event that states an amount for
the project as a whole (scope ``total_project``, or ``korean_share`` when asked). Expansion
amounts (scope ``increment``) are not the project's total and are never added to it; amounts
are never added across a project's events, and plans (pledges not tied to a site) are never
added to sites or acquisitions.
"""

from __future__ import annotations

import pandas as pd

from korus_data.analysis.arguments import whole_number
from korus_data.errors import FilterError, check_choice
from korus_data.schema.codes import (
    AMOUNT_SCOPES,
    EVENT_TYPES,
    PROJECT_KINDS,
    SECTORS,
    STATE_NAMES,
    USPS_STATES,
)
from korus_data.store.loader import load


def _sort_key(dates: pd.Series) -> pd.Series:
    """Dates of any precision in time order; a year or month sorts before its days."""
    return dates.str.pad(10, side="right", fillchar=" ")


def project_events(project_id: str | None = None, *, repeats: bool = True) -> pd.DataFrame:
    """The events of one project (or of all), in time order, with their sources.

    One occurrence reported by several sources is several rows, one counted and the others
    naming it in ``same_event_as``; ``repeats=False`` leaves those out, so that counting rows
    (by date, by kind) counts each event once.

    Example:
        >>> import korus_data as kd
        >>> kd.project_events("hanwha-qcells-dalton")["event"].iloc[0]
        'production_start'
        >>> lotte = kd.project_events("lotte-westlake-lake-charles-ethylene", repeats=False)
        >>> int((lotte["event"] == "opened").sum())
        1
    """
    if not isinstance(repeats, bool):
        raise FilterError(f"repeats={repeats!r} is not allowed; use True or False")
    events = load("investment_project_events")
    if not repeats:
        events = events[events["same_event_as"].isna()]
    if project_id is not None:
        known = set(events["project_id"])
        if not isinstance(project_id, str) or project_id not in known:
            import difflib

            close = difflib.get_close_matches(str(project_id), sorted(known), n=3)
            hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
            raise FilterError(
                f"unknown project_id {project_id!r}{hint} See kd.investment_projects()"
            )
        events = events[events["project_id"] == project_id]
    order = events.assign(_key=_sort_key(events["date"])).sort_values(
        ["project_id", "_key", "event", "source_id"], kind="stable"
    )
    return order.drop(columns="_key").reset_index(drop=True)


def project_status() -> pd.DataFrame:
    """Each project's latest event: its status, date and source.

    Example:
        >>> import korus_data as kd
        >>> kd.project_status().set_index("project_id").loc["ultium-cells-fourth-plant", "status"]
        'cancelled'
    """
    events = project_events()
    latest = events.groupby("project_id", sort=True).tail(1)
    return latest.rename(columns={"event": "status", "date": "status_date"})[
        ["project_id", "status", "status_date", "date_precision", "source_id"]
    ].reset_index(drop=True)


def _first_year(events: pd.DataFrame) -> pd.Series:
    return events.groupby("project_id")["date"].min().str[:4].astype(int)


def check_state(state: object) -> None:
    """:class:`FilterError` unless ``state`` is a USPS code; a state's name or a near miss
    is answered with the code to use.

    Example:
        >>> check_state("Georgia")
        Traceback (most recent call last):
        ...
        korus_data.errors.FilterError: state='Georgia' is a name: use its USPS code, state='GA'
    """
    if isinstance(state, str) and state in USPS_STATES:
        return
    import difflib

    if isinstance(state, str) and state.strip():
        text = state.strip()
        by_name = {name.casefold(): code for code, name in STATE_NAMES.items()}
        if text.casefold() in by_name:
            raise FilterError(
                f"state={state!r} is a name: use its USPS code, state={by_name[text.casefold()]!r}"
            )
        if text.upper() in USPS_STATES:
            raise FilterError(f"state={state!r}: use capitals, state={text.upper()!r}")
        close = difflib.get_close_matches(text.casefold(), list(by_name), n=2, cutoff=0.7)
        if close:
            hints = " or ".join(f"{by_name[c]!r} ({STATE_NAMES[by_name[c]]})" for c in close)
            raise FilterError(f"state={state!r} is not a USPS code; did you mean {hints}?")
    check_choice("state", state, USPS_STATES)


def investment_projects(
    *,
    state: str | None = None,
    sector: str | None = None,
    group: str | None = None,
    kind: str | None = None,
    since: int | None = None,
    until: int | None = None,
    status: str | None = None,
) -> pd.DataFrame:
    """Projects, filtered; ``since``/``until`` bound the year of a project's first event.

    ``group`` matches one of the Korean groups of a project ("LG" matches "Hyundai Motor
    Group; LG"); ``status`` is the type of the project's latest event.

    Example:
        >>> import korus_data as kd
        >>> georgia = kd.investment_projects(state="GA", since=2019)
        >>> "hyundai-metaplant-america" in set(georgia["project_id"])
        True
    """
    projects = load("investment_projects")
    events = load("investment_project_events")
    first = _first_year(events)
    first_year_all = first
    current = project_status().set_index("project_id")
    projects = projects.assign(
        first_year=projects["project_id"].map(first),
        status=projects["project_id"].map(current["status"]),
        status_date=projects["project_id"].map(current["status_date"]),
    )
    if state is not None:
        check_state(state)
        projects = projects[projects["state"] == state]
    if sector is not None:
        check_choice("sector", sector, SECTORS)
        projects = projects[projects["sector"] == sector]
    if kind is not None:
        check_choice("kind", kind, PROJECT_KINDS)
        projects = projects[projects["kind"] == kind]
    if group is not None:
        groups = sorted(
            {g for v in load("investment_projects")["korean_group"] for g in v.split("; ")}
        )
        check_choice("group", group, groups)
        projects = projects[projects["korean_group"].str.split("; ").map(lambda gs: group in gs)]
    if status is not None:
        check_choice("status", status, EVENT_TYPES)
        projects = projects[projects["status"] == status]
    bounds = {}
    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                bounds[name] = whole_number(name, value)
            except FilterError:
                raise FilterError(
                    f"{name}={value!r} is not allowed; use a year such as 2019"
                ) from None
    if len(bounds) == 2 and bounds["since"] > bounds["until"]:
        raise FilterError(f"since={since!r} is after until={until!r}; no project can match")
    if "since" in bounds:
        projects = projects[projects["first_year"] >= bounds["since"]]
    if "until" in bounds:
        projects = projects[projects["first_year"] <= bounds["until"]]
    if projects.empty:
        first, last = int(first_year_all.min()), int(first_year_all.max())
        raise FilterError(
            "no project matches these filters; projects start from "
            f"{first} to {last} (see kd.investment_projects())"
        )
    return projects.sort_values(["first_year", "project_id"]).reset_index(drop=True)


def latest_amounts(kind: str = "site", scope: str = "total_project") -> pd.DataFrame:
    """Each project of ``kind`` once, at the latest amount stated for the whole project.

    Expansion amounts (scope ``increment``) are not totals and are not used; ``expansions``
    counts the events that state one. ``scope="increment"`` is refused: an increment is not a
    project's amount.

    Example:
        >>> import korus_data as kd
        >>> amounts = kd.latest_amounts()
        >>> amounts["project_id"].is_unique
        True
    """
    check_choice("kind", kind, PROJECT_KINDS)
    check_choice("scope", scope, [s for s in AMOUNT_SCOPES if s != "increment"])
    projects = load("investment_projects")
    projects = projects[projects["kind"] == kind]
    events = project_events()
    increments = events["amount_scope"] == "increment"
    stated = events[events["amount_usd_millions"].notna() & (events["amount_scope"] == scope)]
    latest = stated.groupby("project_id").tail(1).set_index("project_id")
    expansions = events[increments].groupby("project_id").size()
    return projects.assign(
        expansions=projects["project_id"].map(expansions).fillna(0).astype(int),
        amount_usd_millions=projects["project_id"].map(latest["amount_usd_millions"]),
        amount_date=projects["project_id"].map(latest["date"]),
        amount_source_id=projects["project_id"].map(latest["source_id"]),
    ).reset_index(drop=True)


def _summed(by: str, kind: str, scope: str) -> pd.DataFrame:
    amounts = latest_amounts(kind, scope)
    amounts[by] = amounts[by].fillna("(none)")
    grouped = amounts.groupby(by)
    out = pd.DataFrame(
        {
            "projects": grouped.size(),
            "projects_with_amount": grouped["amount_usd_millions"].count(),
            "amount_usd_millions": grouped["amount_usd_millions"].sum(min_count=1),
        }
    ).reset_index()
    out.insert(1, "kind", kind)
    out.insert(2, "amount_scope", scope)
    return out.sort_values("amount_usd_millions", ascending=False).reset_index(drop=True)


def investment_by_state(kind: str = "site", scope: str = "total_project") -> pd.DataFrame:
    """Stated investment by state: each project once, at its latest stated amount.

    Example:
        >>> import korus_data as kd
        >>> by_state = kd.investment_by_state()
        >>> int(by_state["projects"].sum()) == len(kd.investment_projects(kind="site"))
        True
    """
    return _summed("state", kind, scope)


def investment_by_sector(kind: str = "site", scope: str = "total_project") -> pd.DataFrame:
    """Stated investment by sector: each project once, at its latest stated amount."""
    return _summed("sector", kind, scope)
