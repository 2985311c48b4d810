"""Keep the package current from the official APIs (``korus-data refresh``).

``http`` makes the requests, ``census_api`` knows the Census API's requests and replies,
``census`` turns replies into vintages, ``changes`` reports what changed, ``run`` orders it all.
"""

from korus_data.pipeline.refresh.run import run_refresh

__all__ = ["run_refresh"]
