"""The fact check of the June 2019 U.S.-R.O.K. fact sheet.

Each check computes from the tables it is given (the package's own, or replacements), so it
imports only the schema and the store below it, never the analysis accessors.
"""

from korus_data.factcheck.run import check_claims

__all__ = ["check_claims"]
