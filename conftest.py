"""Run the README's examples in a scratch folder, so the files they write land there."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _readme_examples_in_a_scratch_folder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    if request.node.path.name == "README.md":
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))
