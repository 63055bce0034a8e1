"""Locate ../shared (real resolutions that may not be copied into the repository)."""

import os
from pathlib import Path

import pytest

SHARED_DIR = Path(
    os.environ.get("MANDATE_TRACKER_SHARED", Path(__file__).resolve().parents[2] / "shared")
)


def shared_path(*parts: str) -> Path:
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: real resolution texts live in ../shared"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path
