"""How to add an optional part (an extra: ``build``, ``export``, ``report``, ``serve``,
``notebooks``) to the korus-data that is installed here, in one place.

The command is the one that works for this installation, read from what pip recorded
(``direct_url.json``, PEP 610): a checkout is reinstalled from its folder, a Git install
from its repository and commit, an install from a package index from the index. The package
is not on the Python Package Index yet, so the index form is only given where the package
came from an index.

Example:
    >>> install_command("serve", {"url": "file:///src/korus-data", "dir_info": {}})
    'pip install "/src/korus-data[serve]"'
    >>> install_command("serve", {"url": "https://github.com/korus-data/korus-data",
    ...                           "vcs_info": {"vcs": "git", "commit_id": "0123abc"}})
    'pip install "korus-data[serve] @ git+https://github.com/korus-data/korus-data@0123abc"'
"""

from __future__ import annotations

import json
from urllib.parse import unquote, urlparse

DISTRIBUTION = "korus-data"
#: Where the project lives (the Git form for a copy whose origin pip did not record).
REPOSITORY = "https://github.com/korus-data/korus-data"


#: pip's record of an installation from a package index (it records nothing).
FROM_INDEX: dict = {"index": True}


def _recorded() -> dict:
    """What pip recorded about where this installation came from: ``FROM_INDEX`` when it
    recorded nothing, ``{}`` when the package is not installed (run from a source tree)."""
    from importlib import metadata

    try:
        text = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return {}
    if not text:
        return FROM_INDEX
    try:
        recorded = json.loads(text)
    except ValueError:
        return {}
    return recorded if isinstance(recorded, dict) else {}


def install_command(extra: str, recorded: dict | None = None) -> str:
    """The pip command adding ``extra`` to this installation (``recorded``: pip's record,
    read when not given)."""
    recorded = _recorded() if recorded is None else recorded
    url = str(recorded.get("url", ""))
    if recorded is FROM_INDEX or recorded.get("index"):
        return f'pip install "{DISTRIBUTION}[{extra}]"'
    if "vcs_info" in recorded:
        commit = recorded["vcs_info"].get("commit_id", "")
        return f'pip install "{DISTRIBUTION}[{extra}] @ git+{url}@{commit}"'
    if url.startswith("file://"):
        folder = unquote(urlparse(url).path)
        editable = recorded.get("dir_info", {}).get("editable")
        return f'pip install {"-e " if editable else ""}"{folder}[{extra}]"'
    if url:  # an archive by address
        return f'pip install "{DISTRIBUTION}[{extra}] @ {url}"'
    return f'pip install -e ".[{extra}]" (in a checkout of {REPOSITORY})'


def needs(what: str, extra: str) -> str:
    """The one line for a part that is missing: what needs what, and the command.

    >>> needs("Parquet needs pyarrow", "export").startswith("Parquet needs pyarrow: pip install")
    True
    """
    return f"{what}: {install_command(extra)}"
