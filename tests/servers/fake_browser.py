"""The "user" behind the tests' $BROWSER: open the authorize URL, hand back the answer.

The stand-in's authorize endpoint answers at once (no login page to fill in): with
``response_mode=form_post`` (what msal asks for) a page whose form posts ``code``
and ``state`` to the loopback ``redirect_uri``, else a 302 to it. This script does
what a browser does with either, so the loopback listener (msal's, or
google-auth-oauthlib's) receives the answer and the interactive sign-in completes. It trusts the stand-in's CA through
``SSL_CERT_FILE``, inherited from the test.
"""

from __future__ import annotations

import html
import os
import re
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _form(page: str) -> tuple[str, bytes]:
    action = re.search(r'<form[^>]*action="([^"]*)"', page)
    if action is None:
        raise SystemExit(f"no form on the authorize page: {page[:300]!r}")
    fields = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', page)
    }
    return html.unescape(action.group(1)), urllib.parse.urlencode(fields).encode()


def main(url: str) -> int:
    context = ssl.create_default_context(cafile=os.environ.get("SSL_CERT_FILE"))
    no_proxy = urllib.request.ProxyHandler({})  # the stand-ins are on this machine
    https = urllib.request.HTTPSHandler(context=context)
    opener = urllib.request.build_opener(no_proxy, _NoRedirect, https)
    try:
        with opener.open(url, timeout=30) as reply:
            target, data = _form(reply.read().decode())
    except urllib.error.HTTPError as exc:
        if exc.code not in (301, 302, 303, 307):
            print(f"authorize answered {exc.code}: {exc.read()[:500]!r}", file=sys.stderr)
            return 1
        target, data = exc.headers["Location"], None
    loopback = urllib.request.build_opener(no_proxy)
    try:
        with loopback.open(target, data=data, timeout=30) as reply:  # msal's listener
            reply.read()
    except urllib.error.HTTPError as exc:  # msal shows its error page (e.g. consent)
        print(f"loopback answered {exc.code}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--visit"]:
        sys.exit(main(sys.argv[2]))
    # Like a real browser, return at once and do the work in the background: webbrowser
    # waits for this command, and the loopback listener may answer only after it returns.
    import subprocess

    subprocess.Popen([sys.executable, __file__, "--visit", sys.argv[1]], start_new_session=True)
