"""API keys kept out of everything a refresh keeps or says: every form in which a reply or a
message may carry a key (as written, in another case, JSON- or percent-escaped character by
character, base64-encoded at any alignment) is replaced by ``***``.

Example:
    >>> redact("https://x/api?key=s3cret&get=A", ["s3cret"])
    'https://x/api?key=***&get=A'
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

#: A base64 run of a secret shorter than this is not scrubbed (too likely by chance).
BASE64_MIN = 12


def _hex(number: int, width: int) -> str:
    """A pattern of ``number`` in hex digits of either case."""
    return "".join(f"[{d.lower()}{d.upper()}]" if d.isalpha() else d for d in f"{number:0{width}x}")


def _character(char: str) -> str:
    """Every way a reply may write one character of a secret: itself in either case, a JSON
    ``\\uXXXX`` escape, a percent escape (hex digits in either case)."""
    variants = sorted({char, char.lower(), char.upper()})
    forms = [re.escape(c) for c in variants]
    for c in variants:
        if ord(c) < 0x10000:
            forms.append(r"\\u" + _hex(ord(c), 4))
        forms.append("".join("%" + _hex(byte, 2) for byte in c.encode("utf-8")))
    if char == " ":
        forms.append(r"\+")
    return "(?:" + "|".join(forms) + ")"


def _base64_runs(secret: bytes) -> set[bytes]:
    """The base64 text of ``secret`` wherever it starts in an encoded value (three
    alignments, standard and URL-safe alphabets): the characters that depend on it alone."""
    runs = set()
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + secret)
        start = -(-offset * 8 // 6)  # the first character made of the secret's bits only
        end = (offset + len(secret)) * 8 // 6
        run = encoded[start:end]
        if len(run) >= BASE64_MIN:
            runs |= {run, run.replace(b"+", b"-").replace(b"/", b"_")}
    return runs


def _pattern(secret: str) -> re.Pattern[bytes]:
    """One pattern for a secret in any form a reply or a message may carry it."""
    spelled = "".join(_character(c) for c in secret).encode("utf-8")
    runs = [re.escape(r) for r in sorted(_base64_runs(secret.encode("utf-8")))]
    return re.compile(b"|".join([spelled, *runs]))


def scrub(body: bytes, secrets: Iterable[str | None]) -> bytes:
    """``body`` with every secret replaced by ``***``, in any form a reply may carry it: as
    written, in another case, JSON- or percent-escaped (wholly or character by character), or
    base64-encoded: what a reply carries of a key never reaches a parser, a message or a file.

    Example:
        >>> scrub(b'{"UserID": "K3Y", "echo": "\\\\u006b3y", "x": 1}', ["k3y"])
        b'{"UserID": "***", "echo": "***", "x": 1}'
    """
    for secret in secrets:
        if secret:
            body = _pattern(secret).sub(b"***", body)
    return body


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every secret replaced by ``***`` (in any form, see :func:`scrub`)."""
    return scrub(text.encode("utf-8", "surrogateescape"), secrets).decode(
        "utf-8", "surrogateescape"
    )


__all__ = ["redact", "scrub"]
