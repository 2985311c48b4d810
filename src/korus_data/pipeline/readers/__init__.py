"""Readers of the official file formats: each turns one publication into tidy frames."""
