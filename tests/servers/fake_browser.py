"""A fake system browser for OAuth tests: ``$BROWSER`` runs it with the authorize URL.

It does what a user's browser does after the user clicks "Allow": asks the stand-in's
authorization endpoint, and follows its redirect to the loopback address Holub listens
on. The stand-in decides the answer (a code, or access_denied / admin_policy_enforced).
The test CA is trusted through REQUESTS_CA_BUNDLE, inherited from the test.
"""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

import requests


def main(url: str) -> int:
    answer = requests.get(url, allow_redirects=False, timeout=30)
    location = answer.headers.get("Location", "")
    if answer.status_code != 302 or urlsplit(location).hostname not in ("127.0.0.1", "localhost"):
        print(f"fake browser: the authorization page said {answer.status_code}", file=sys.stderr)
        return 1
    requests.get(location, timeout=30)  # the loopback redirect: Holub's listener
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--visit"]:
        sys.exit(main(sys.argv[2]))
    # Like a real browser, return at once and do the work in the background:
    # webbrowser waits for the command, and Holub only listens once it has returned.
    subprocess.Popen([sys.executable, __file__, "--visit", sys.argv[1]], start_new_session=True)
