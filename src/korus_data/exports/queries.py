"""Canned queries for the questions people ask (each equals a function of the Python API;
the tests compare them). A query's parameter left empty takes its example value, so that a
query never opens on an empty page."""

from __future__ import annotations

import re

KOREA_RANK_AND_SHARE = """
WITH totals AS (
  SELECT t.year, t.partner_code, SUM(t.value_usd_millions) AS total
  FROM us_goods_trade_by_partner_annual t JOIN partners p ON p.partner_code = t.partner_code
  WHERE p.kind = 'country'
  GROUP BY t.year, t.partner_code
  HAVING COUNT(*) = 2 AND SUM(t.value_usd_millions) > 0
),
ranked AS (
  SELECT year, partner_code, total,
         ROW_NUMBER() OVER (PARTITION BY year ORDER BY total DESC, partner_code) AS rank
  FROM totals
),
world AS (
  SELECT year, SUM(value_usd_millions) AS world_total
  FROM us_goods_trade_by_partner_annual WHERE partner_code = '0015'
  GROUP BY year HAVING COUNT(*) = 2
)
SELECT r.year, r.rank, ROUND(r.total, 6) AS total_usd_millions,
       ROUND(w.world_total, 6) AS world_total_usd_millions,
       ROUND(100.0 * r.total / w.world_total, 4) AS share_pct
FROM ranked r LEFT JOIN world w ON w.year = r.year
WHERE r.partner_code = '5800'
ORDER BY r.year
"""

GOODS_AND_SERVICES_BALANCE = """
SELECT year,
       ROUND(SUM(CASE WHEN flow = 'export' THEN value_usd_millions END), 6)
         AS exports_usd_millions,
       ROUND(SUM(CASE WHEN flow = 'import' THEN value_usd_millions END), 6)
         AS imports_usd_millions,
       ROUND(SUM(CASE WHEN flow = 'export' THEN value_usd_millions ELSE -value_usd_millions END),
             6) AS balance_usd_millions
FROM bop_trade_annual
WHERE partner = 'KOR'
GROUP BY year
HAVING COUNT(*) = 4
ORDER BY year
"""

PROJECTS_BY_STATE = """
WITH stated AS (
  SELECT e.project_id, e.amount_usd_millions,
         ROW_NUMBER() OVER (
           PARTITION BY e.project_id
           ORDER BY substr(e.date || '          ', 1, 10) DESC, e.event DESC, e.source_id DESC
         ) AS newest
  FROM investment_project_events e
  WHERE e.amount_usd_millions IS NOT NULL AND e.amount_scope = 'total_project'
)
SELECT COALESCE(p.state, '(none)') AS state, COUNT(*) AS projects,
       COUNT(s.amount_usd_millions) AS projects_with_amount,
       ROUND(SUM(s.amount_usd_millions), 6) AS amount_usd_millions
FROM investment_projects p
LEFT JOIN stated s ON s.project_id = p.project_id AND s.newest = 1
WHERE p.kind = 'site'
GROUP BY COALESCE(p.state, '(none)')
ORDER BY amount_usd_millions DESC
"""

CLAIMS_WITH_VERDICTS = """
SELECT c.claim_id, c.section, c.statement, v.verdict, v.figure, c.threshold, c.unit,
       c.tolerance_pct, v.explanation, v.data_sources
FROM claims c JOIN claim_verdicts v ON v.claim_id = c.claim_id
ORDER BY c.rowid
"""

MONTH_REVISIONS = """
SELECT period, flow, value_usd_millions, source_id, realtime_start, realtime_end
FROM goods_trade_monthly_vintages
WHERE period = :period
ORDER BY flow, realtime_start
"""

AVERAGE_TARIFF_PAID = """
SELECT d.year, p.name, ROUND(d.value_usd_millions, 6) AS value_usd_millions,
       ROUND(d.calculated_duty_usd_millions, 6) AS calculated_duty_usd_millions,
       ROUND(100.0 * d.calculated_duty_usd_millions / d.value_usd_millions, 4) AS rate_pct
FROM us_imports_and_duty_annual d JOIN partners p ON p.partner_code = d.partner_code
WHERE p.iso3 = :iso3 AND p.kind = 'country'
ORDER BY d.year
"""

KORUS_RATE_OF_A_LINE = """
SELECT edition, hts_code, general_rate, kr_rate, description, context
FROM us_tariff_schedule
WHERE hts_code LIKE :hts || '%'
ORDER BY hts_code, edition
"""

#: An example value of each query parameter (offered in the query's description).
EXAMPLES = {"period": "2019-03", "iso3": "KOR", "hts": "02011050"}
PARAMETER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


def parameters(sql: str) -> list[str]:
    """The named parameters of ``sql``, in order.

    >>> parameters("SELECT 1 WHERE a = :period AND b LIKE :hts || '%'")
    ['period', 'hts']
    """
    return list(dict.fromkeys(PARAMETER.findall(sql)))


def with_examples(sql: str) -> str:
    """``sql`` with each parameter left empty replaced by its example value.

    >>> with_examples("WHERE period = :period")
    "WHERE period = COALESCE(NULLIF(:period, ''), '2019-03')"
    """
    return PARAMETER.sub(lambda m: f"COALESCE(NULLIF(:{m[1]}, ''), '{EXAMPLES[m[1]]}')", sql)


CANNED_QUERIES = {
    "korea_rank_and_share": {
        "title": "Korea's rank among U.S. goods partners and its share of U.S. trade, by year",
        "sql": KOREA_RANK_AND_SHARE.strip(),
    },
    "goods_and_services_balance": {
        "title": "U.S.-Korea goods-and-services balance by year (BEA)",
        "sql": GOODS_AND_SERVICES_BALANCE.strip(),
    },
    "projects_by_state": {
        "title": "Korean site projects by state, each at its latest stated total",
        "sql": PROJECTS_BY_STATE.strip(),
    },
    "claims_with_verdicts": {
        "title": "The 2019 fact sheet's claims with their verdicts and evidence",
        "sql": CLAIMS_WITH_VERDICTS.strip(),
    },
    "month_revisions": {
        "title": "Every value a month of U.S.-Korea goods trade has had (enter a YYYY-MM)",
        "sql": with_examples(MONTH_REVISIONS.strip()),
    },
    "average_tariff_paid": {
        "title": "The average U.S. tariff paid on a country's goods by year (enter an ISO code, "
        "e.g. KOR): calculated duty ÷ customs value",
        "sql": with_examples(AVERAGE_TARIFF_PAID.strip()),
    },
    "korus_rate_of_a_line": {
        "title": "The general and KORUS rate of a tariff line in each edition (enter HTS "
        "digits, e.g. 02011050)",
        "sql": with_examples(KORUS_RATE_OF_A_LINE.strip()),
    },
}
