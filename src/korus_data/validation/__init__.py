"""Validation: every quality gate over the published tables and the curated inputs.

It imports the schema and the store; it never imports analysis, the fact check or the pipeline.
"""

from korus_data.validation.gates import validate

__all__ = ["validate"]
