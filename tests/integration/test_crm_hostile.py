"""A hostile CRM server: wrong types, endless pages, huge bodies, redirects elsewhere.

Each ends in one plain HolubError, quickly, with bounded memory and nothing sent to
another host (issue 11 item 8). Against tests/servers/caflou.py's fault injection.
"""

from __future__ import annotations

import time

import pytest

from desktop.crm import api
from desktop.errors import ServerError
from tests.servers.caflou import CaflouServer


def signed_in(server) -> api.CaflouClient:
    client = api.CaflouClient(server.url, account_id=42, sleep=lambda s: None)
    client.login("jana@firma.cz", "heslo")
    return client


@pytest.mark.parametrize(
    "body",
    [
        "text",
        5,
        [1, 2],
        {"results": "abc", "total_pages": 1},
        {"results": [1, 2], "total_pages": 1},
        {"results": [{"id": 1}], "total_pages": "many"},
        {"results": [{"id": 1}], "total_pages": [2]},
        {"results": [{"id": 1}], "total_pages": True},
        {"results": {"id": 1}, "total_pages": 1},
    ],
)
def test_wrong_types_in_a_page_are_one_plain_error(caflou, body) -> None:
    client = signed_in(caflou)
    caflou.state.answer_next(body)
    with pytest.raises(ServerError, match="does not understand"):
        list(client.pages("companies"))


@pytest.mark.parametrize("body", ["x", {"results": 7}, [1], [{"name": "no id"}], [{"id": [1]}]])
def test_wrong_types_in_the_accounts_are_one_plain_error(caflou, body) -> None:
    client = signed_in(caflou)
    caflou.state.answer_next(body)
    with pytest.raises(ServerError, match="does not understand"):
        client.accounts()


@pytest.mark.parametrize("body", [[], {"access_token": {"a": 1}}, {"access_token": 5}])
def test_a_login_answer_of_the_wrong_shape_is_one_plain_error(caflou, body) -> None:
    caflou.state.answer_next(body)
    with pytest.raises(ServerError):
        api.CaflouClient(caflou.url).login("jana@firma.cz", "heslo")


def test_wrong_types_in_records_end_in_a_plain_error_through_pull(caflou, profile) -> None:
    from desktop.models.crm import Company, CrmAccount

    caflou.state.add(42, "companies", {"id": 1, "name": "Firma"})
    account = CrmAccount.create(base_url=caflou.url, email="jana@firma.cz", account_id=42)
    client = signed_in(caflou)
    caflou.state.answer_next({"results": [{"id": float("1e30"), "name": {"x": 1}}]})
    with pytest.raises(ServerError, match="does not understand"):
        api.pull(account, client=client)
    assert Company.select().count() == 0


def test_endless_pages_are_capped(caflou) -> None:
    caflou.state.add(42, "companies", {"id": 1, "name": "Firma"})
    caflou.state.endless_pages()
    client = signed_in(caflou)
    started = time.monotonic()
    with pytest.raises(ServerError, match="pages"):
        list(client.pages("companies"))
    assert time.monotonic() - started < 5
    assert len([p for _, p in caflou.state.requests if "/companies" in p]) <= 1


def test_too_many_records_are_capped(caflou, monkeypatch) -> None:
    monkeypatch.setattr(api, "MAX_RECORDS", 30)
    for i in range(1, 41):
        caflou.state.add(42, "companies", {"id": i, "name": f"Firma {i}"})
    with pytest.raises(ServerError, match="more than 30"):
        list(signed_in(caflou).pages("companies", per=10))


def test_a_huge_body_is_not_read_into_memory(caflou, monkeypatch) -> None:
    monkeypatch.setattr(api, "MAX_BODY", 2 * 1024 * 1024)
    client = signed_in(caflou)
    caflou.state.huge_next(200 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(ServerError, match="larger than 2 MB"):
        client.accounts()
    assert time.monotonic() - started < 10


def test_no_redirect_to_another_host(caflou) -> None:
    other = CaflouServer().start()
    try:
        client = signed_in(caflou)
        caflou.state.redirect_next(other.url + "/api/v1/accounts")
        with pytest.raises(ServerError, match="another server"):
            client.accounts()
        caflou.state.redirect_next(other.url + "/api/v1/login")
        with pytest.raises(ServerError, match="another server"):
            api.CaflouClient(caflou.url).login("jana@firma.cz", "heslo")
        assert other.state.requests == []  # neither the token nor the password went there
        # A redirect within the same server is followed.
        caflou.state.redirect_next(caflou.url + "/api/v1/accounts")
        assert client.accounts()[0]["id"] == 42
    finally:
        other.stop()
