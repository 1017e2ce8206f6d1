"""System programs some tests drive for real (redis-server, Chromium)."""

import os

import pytest


def missing(program: str, package: str, flag: str):
    """Skip a test whose program is not installed; fail it instead when `flag`=1 (CI sets it)."""
    reason = f"{program} is not installed (Debian package {package}; make test installs it)"
    if os.environ.get(flag) == "1":
        pytest.fail(f"{flag}=1 but {reason}")
    pytest.skip(reason)
