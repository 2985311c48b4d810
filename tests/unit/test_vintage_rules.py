"""Vintage rows: observations passed over before the loop change nothing (hypothesis).

:func:`build_vintages` drops the observations that repeat the one before (same figure, value
and unit) before its loop; the loop alone over every observation must give the same rows.
Keys, values, units and days are drawn from small sets, so repeats, same-day releases,
rounding-level and noise-level differences all occur.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from korus_data.pipeline.vintages import NOISE, build_vintages, chain

DAYS = pd.to_datetime(["2020-01-01", "2020-06-01", "2021-01-01", "2022-01-01"])
observation = st.tuples(
    st.sampled_from(["a", "b"]),  # figure
    st.sampled_from([10.0, 10.04, 10.2, 10.0 + NOISE / 2, 12.0]),  # value
    st.sampled_from([1e-6, 0.1]),  # unit
    st.integers(0, len(DAYS) - 1),  # day
    st.sampled_from(["r1", "r2", "r3"]),  # release
)


@settings(max_examples=100, deadline=None)
@given(st.lists(observation, max_size=14))
# a repeat of an observation passed over for its day (a release the same day as the row's
# start) is not passed over: it revises the figure
@example([("a", 10.0, 1e-6, 0, "r1"), ("a", 12.0, 1e-6, 0, "r2"), ("a", 12.0, 1e-6, 1, "r3")])
def test_passing_over_repeats_first_gives_the_rows_of_the_loop_alone(rows):
    observations = pd.DataFrame(
        {
            "k": [r[0] for r in rows],
            "v": [r[1] for r in rows],
            "unit": [r[2] for r in rows],
            "known_from": DAYS[[r[3] for r in rows]],
            "source_id": [r[4] for r in rows],
        }
    )
    ordered = observations.sort_values(["k", "known_from", "unit"], kind="stable")
    expected = chain(ordered.reset_index(drop=True), ["k"], "v", [])
    pd.testing.assert_frame_equal(build_vintages(observations, ["k"], "v"), expected)
