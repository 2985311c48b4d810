"""The store: where the package's files are, their integrity, and ``load()``.

It imports only the schema layer below it.
"""
