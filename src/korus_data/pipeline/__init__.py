"""The pipeline: rebuild the published tables from official releases and curated inputs.

It may import the schema, the store, validation and the fact check (for the README's table);
never the analysis accessors.
"""

from korus_data.pipeline.build import OFFICIAL_URL, BuildInputs, BuildResult, run_build

__all__ = ["OFFICIAL_URL", "BuildInputs", "BuildResult", "run_build"]
