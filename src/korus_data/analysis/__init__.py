"""Analysis: the accessors behind the public API (filtered series, derived balances, ranks).

They read tables through the store; they never import the pipeline.
"""
