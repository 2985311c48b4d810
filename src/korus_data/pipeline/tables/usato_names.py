"""Census partner codes of the country names USA Trade Online writes.

A name is the partners table's own (when no two codes share it) or is listed in
``curated/usato_partner_names.csv``; a listed name without a code is a group the Census
workbook does not carry (APEC, the euro area…), whose figures the package does not publish.

Example:
    >>> import pandas as pd
    >>> partners = pd.DataFrame({"partner_code": ["5800"], "name": ["Korea, South"]})
    >>> usato_codes(partners)["Korea, South"]
    '5800'
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from korus_data.errors import BuildError
from korus_data.pipeline.curated import read_curated


def usato_codes(partners: pd.DataFrame) -> dict[str, str | None]:
    """``{USA Trade Online name: Census code, or None for a group not published}``."""
    exact = partners.drop_duplicates("name", keep=False).set_index("name")["partner_code"]
    listed = read_curated("usato_partner_names")
    mapped = {
        name: (code if isinstance(code, str) and code else None)
        for name, code in zip(listed["usato_name"], listed["partner_code"], strict=True)
    }
    return {**exact.to_dict(), **mapped}


def require_known(names: Iterable[str], codes: dict[str, str | None], label: str) -> None:
    """:class:`BuildError` listing the names that neither the partners table nor the
    curated list knows."""
    unknown = sorted(set(names) - set(codes))
    if unknown:
        raise BuildError(
            f"{label}: {len(unknown)} USA Trade Online country names match no Census partner: "
            + "; ".join(unknown[:8])
            + " — add them to korus_data/curated/usato_partner_names.csv"
        )
