"""``korus-data refresh bea``: BEA's ITA, International Services and MNE datasets.

Every code is read from ``GetParameterValues`` first (Korea in each dataset, the indicators,
the series, the ownership level), then the data is asked for; each GetData reply is a release.

- ITA (exports and imports of goods and of services, annual and quarterly seasonally adjusted)
  -> ``bop_trade_annual`` and ``bop_trade_quarterly`` (Korea's rows), as new vintages;
- IntlServTrade (by type of service, all affiliations) -> ``services_trade_by_type_annual``;
- MNE positions (both directions, historical cost) -> ``direct_investment_position_annual``;
- MNE operations of majority-owned U.S. affiliates of Korean parents (employment, R&D,
  exports of goods) -> ``affiliate_operations_annual``.
"""

from __future__ import annotations

import os

import pandas as pd

from korus_data.pipeline.refresh import bea_affiliates, bea_positions, bea_trade
from korus_data.pipeline.refresh.bea_api import BEA_API, bea_request, parameter_code, parameters
from korus_data.pipeline.refresh.context import Refresh
from korus_data.pipeline.refresh.http import Response

KOREA = r"^(Korea, Republic of|South Korea|Korea)$"


def refresh_bea(ctx: Refresh, key: str) -> None:
    api = ctx.api_base or os.environ.get("KORUS_BEA_API") or BEA_API
    count = [0]

    def get(label: str, **params: str) -> Response:
        count[0] += 1
        ctx.say(f"[{count[0]}] {label}")
        return ctx.fetcher.get(bea_request(api, key, label, **params))

    def codes(dataset: str, parameter: str) -> Response:
        return get(
            f"bea {dataset} {parameter} codes",
            method="GetParameterValues",
            DataSetName=dataset,
            ParameterName=parameter,
        )

    # ITA: trade in goods and services, balance-of-payments basis
    area = parameter_code(codes("ITA", "AreaOrCountry"), KOREA)
    indicators = bea_trade.indicator_codes(parameters(codes("ITA", "Indicator")))
    frames = []
    for code, (account, flow) in indicators.items():
        response = get(
            f"bea ITA {code}",
            method="GetData",
            DataSetName="ITA",
            Indicator=code,
            AreaOrCountry=area,
            Frequency="A,QSA",
            Year="ALL",
        )
        frame = bea_trade.ita_rows(response, account, flow)
        bea_trade.register(ctx, response, frame, bea_trade.release_id(response, "ita"))
        frames.append(frame)
    ita = pd.concat(frames, ignore_index=True)
    for name, vintages in bea_trade.bop_vintages(ctx, ita).items():
        ctx.put_vintaged(name, vintages)
    ctx.report.reconciliation += bea_trade.differences_from_workbook(ctx, ita)

    # International services by type
    area = parameter_code(codes("IntlServTrade", "AreaOrCountry"), KOREA)
    response = get(
        "bea IntlServTrade by type",
        method="GetData",
        DataSetName="IntlServTrade",
        TypeOfService="All",
        TradeDirection="All",
        Affiliation="AllAffiliations",
        AreaOrCountry=area,
        Year="All",
    )
    services = bea_trade.services_rows(response)
    bea_trade.register(ctx, response, services, bea_trade.release_id(response, "intlservtrade"))
    ctx.put_table("services_trade_by_type_annual", services)

    # MNE: every country's position (both tables), then the affiliates
    country = parameter_code(codes("MNE", "Country"), KOREA)
    series = parameters(codes("MNE", "SeriesID"))
    position = bea_affiliates.series_code(series, r"^direct investment position\b")
    every = []
    for direction in bea_positions.DIRECTIONS:
        response = get(
            f"bea MNE {direction} position, all countries",
            method="GetData",
            DataSetName="MNE",
            DirectionOfInvestment=direction,
            Classification="Country",
            SeriesID=position,
            Country="all",
            Year="ALL",
            GetFootnotes="No",
        )
        frame, notes = bea_positions.partner_rows(direction, response)
        ctx.report.reconciliation += notes
        every.append(frame)
        bea_trade.register(
            ctx,
            response,
            frame,
            bea_positions.release_id(direction, response),
            bea_positions.subject(direction),
        )
    every_partner = pd.concat(every, ignore_index=True)
    name = "direct_investment_position_by_partner_annual"
    committed = ctx.committed(f"{name}_vintages")
    ctx.put_vintaged(name, bea_positions.partner_vintages(committed, every_partner))
    committed = ctx.committed("direct_investment_position_annual_vintages")
    korea = bea_positions.korea_rows(every_partner)
    vintages = bea_positions.position_vintages(committed, korea)
    ctx.put_vintaged("direct_investment_position_annual", vintages)

    majority = parameter_code(codes("MNE", "OwnershipLevel"), r"majority")
    rows = []
    for measure, pattern in bea_affiliates.MEASURES.items():
        code = bea_affiliates.series_code(series, pattern)
        response = get(
            f"bea MNE affiliates {measure}",
            method="GetData",
            DataSetName="MNE",
            DirectionOfInvestment="inward",
            Classification="Country",
            SeriesID=code,
            Country=country,
            Ownershiplevel=majority,
            NonbankAffiliatesOnly="0",
            Year="ALL",
            GetFootnotes="No",
        )
        frame, notes = bea_affiliates.affiliate_rows(measure, response)
        ctx.report.reconciliation += notes
        bea_trade.register(ctx, response, frame, bea_affiliates.release_id(measure, response))
        rows.append(frame)
    bea_affiliates.put_affiliates(ctx, pd.concat(rows, ignore_index=True))
