"""Table builders: official figures and curated rows assembled into the published tables."""
