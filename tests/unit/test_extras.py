"""The command that adds an extra is the one that works for the installation at hand, and it
is written in one place."""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from korus_data.extras import FROM_INDEX, install_command


@pytest.mark.parametrize(
    ("recorded", "command"),
    [
        (
            {"url": "file:///src/korus-data", "dir_info": {"editable": True}},
            'pip install -e "/src/korus-data[serve]"',
        ),
        (
            {"url": "file:///tmp/korus_data-0.2.0-py3-none-any.whl", "archive_info": {}},
            'pip install "/tmp/korus_data-0.2.0-py3-none-any.whl[serve]"',
        ),
        (
            {
                "url": "https://github.com/korus-data/korus-data",
                "vcs_info": {"vcs": "git", "commit_id": "abc123"},
            },
            'pip install "korus-data[serve] @ git+https://github.com/korus-data/korus-data@abc123"',
        ),
        (FROM_INDEX, 'pip install "korus-data[serve]"'),
        (
            {},
            'pip install -e ".[serve]" (in a checkout of https://github.com/korus-data/korus-data)',
        ),
    ],
    ids=["checkout", "wheel-file", "git", "index", "not-installed"],
)
def test_the_command_fits_where_the_package_came_from(recorded, command):
    assert install_command("serve", recorded) == command


def test_this_checkout_is_told_to_reinstall_from_its_folder():
    assert install_command("report") == f'pip install -e "{REPO.as_posix()}[report]"'


def test_no_message_names_the_index_form_by_hand():
    source = REPO / "src" / "korus_data"
    by_hand = [
        path.relative_to(REPO).as_posix()
        for path in source.rglob("*.py")
        if path.name != "extras.py"
        and re.search(r'pip install [\'"]?korus-data\[', path.read_text(encoding="utf-8"))
    ]
    assert by_hand == []
