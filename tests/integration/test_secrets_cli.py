"""The command line and secrets: which keyring, no silent plain text, nothing in argv or -v logs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(prof: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--profile", str(prof), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def machine_without_keyring(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine with no keyring service and no keyring choice."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no keyringrc.cfg either
    env.pop("HOLUB_ALLOW_PLAINTEXT_KEYRING", None)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from desktop import secrets; print(secrets.current_backend().secure)",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    if probe.stdout.strip() == "True":
        pytest.skip("this machine has a secure keyring")
    return env


def test_account_list_says_which_keyring_holds_the_passwords(tmp_path: Path) -> None:
    listed = run(tmp_path / "p", "account", "list")
    assert listed.returncode == 0
    assert "Passwords are kept in: file PlaintextKeyring" in listed.stderr
    assert "named by the keyring configuration" in listed.stderr


def test_crm_login_without_a_secure_keyring_stores_nothing(tmp_path: Path, caflou) -> None:
    env = machine_without_keyring(tmp_path)
    args = ("crm", "login", "--url", caflou.url, "--email", "jana@firma.cz", "--password-stdin")
    done = run(tmp_path / "p", *args, "--no-pull", stdin="heslo\n", env=env)
    assert done.returncode == 1
    assert done.stderr.startswith("holub: No secure keyring") and done.stderr.count("\n") == 1
    assert "HOLUB_ALLOW_PLAINTEXT_KEYRING=1" in done.stderr
    assert not list((tmp_path / "data").rglob("*.cfg"))  # no plain-text keyring file
    assert "none: no secure keyring" in run(tmp_path / "p", "account", "list", env=env).stderr

    env["HOLUB_ALLOW_PLAINTEXT_KEYRING"] = "1"
    done = run(tmp_path / "p", *args, "--no-pull", stdin="heslo\n", env=env)
    assert done.returncode == 0, done.stderr
    assert "a plain-text file" in run(tmp_path / "p", "account", "list", env=env).stderr


def test_the_two_factor_code_is_never_an_argument_nor_in_verbose_logs(
    tmp_path: Path, caflou
) -> None:
    caflou.state.users["jana@firma.cz"]["otp"] = "739264"
    base = ("-v", "crm", "login", "--url", caflou.url, "--email", "jana@firma.cz")
    refused = run(tmp_path / "p", *base, "--password-stdin", "--otp", "739264", stdin="heslo\n")
    assert refused.returncode == 2  # a code as an argument is bad usage

    done = run(
        tmp_path / "p",
        *base,
        "--password-stdin",
        "--otp",
        "--no-pull",
        stdin="tajne-heslo-1\n739264\n",
    )
    assert done.returncode == 1 and "refused" in done.stderr  # wrong password, asked with the code
    caflou.state.users["jana@firma.cz"]["password"] = "tajne-heslo-1"
    done = run(tmp_path / "p", *base, "--password-stdin", "--otp", stdin="tajne-heslo-1\n739264\n")
    assert done.returncode == 0, done.stderr
    assert "urllib3.connectionpool" in done.stderr  # -v did log the requests
    assert "/api/v1/login?otp=***" in done.stderr
    for secret in ("739264", "tajne-heslo-1", *caflou.state.tokens):
        assert secret not in done.stderr + done.stdout


def test_redaction_of_headers_and_tokens() -> None:
    from desktop.logredact import redact

    line = "send: b'GET /x?access_token=abc123&page=2 HTTP/1.1\\r\\nAuthorization: Bearer eyJabc.def\\r\\n'"
    out = redact(line)
    assert "abc123" not in out and "eyJabc" not in out and "page=2" in out
    assert redact("{'Authorization': 'Basic amFuYTpoZXNsbw=='}") == "{'Authorization': '***'}"
