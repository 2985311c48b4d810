"""The schema layer: the table definitions and what is generated from them.

It imports nothing from the layers above it (store, validation, analysis, factcheck,
pipeline); a contract in the test suite keeps it so.
"""
