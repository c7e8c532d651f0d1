"""Pure parts of the Gmail provider: labels → flags, Bcc for sending, batch answers."""

from __future__ import annotations

import requests

from desktop.sync.providers import gmail_api
from desktop.sync.providers.gmail import gmail_flags, with_bcc


def test_labels_become_flags() -> None:
    assert gmail_flags(["INBOX", "UNREAD"]) == ()
    assert gmail_flags(["INBOX"]) == ("\\Seen",)
    assert gmail_flags(["INBOX", "STARRED", "UNREAD"]) == ("\\Flagged",)
    assert gmail_flags(["SENT", "STARRED"]) == ("\\Seen", "\\Flagged")


def test_hidden_recipients_go_into_a_bcc_header() -> None:
    raw = b"From: a@example.com\r\nTo: B <b@example.com>\r\nCc: c@example.com\r\n\r\nHi\r\n"
    assert with_bcc(raw, ["b@example.com", "C@example.com"]) == raw
    sent = with_bcc(raw, ["b@example.com", "c@example.com", "d@example.com"])
    assert sent.startswith(b"Bcc: d@example.com\r\nFrom: a@example.com")
    assert sent.endswith(b"\r\n\r\nHi\r\n")


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert gmail_api._retry_after("7") == 7.0
    assert gmail_api._retry_after(None) is None
    assert gmail_api._retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert gmail_api._retry_after("soon") is None


def _response(body: bytes, content_type: str) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response._content = body
    response.headers["Content-Type"] = content_type
    return response


def test_batch_answer_parts_by_content_id() -> None:
    body = (
        b"--batch_x\r\nContent-Type: application/http\r\nContent-ID: <response-1>\r\n\r\n"
        b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
        b"Retry-After: 3\r\n\r\n"
        b'{"error": {"code": 429, "errors": [{"reason": "rateLimitExceeded"}]}}\r\n'
        b"--batch_x\r\nContent-Type: application/http\r\nContent-ID: <response-0>\r\n\r\n"
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"id": "a", "raw": "SGk"}\r\n'
        b"--batch_x\r\nContent-Type: application/http\r\nContent-ID: <response-2>\r\n\r\n"
        b'HTTP/1.1 200 OK\r\n\r\n{"id": "c", "raw": "SGk"}\r\n'  # no headers at all
        b"--batch_x\r\nContent-Type: application/http\r\nContent-ID: <response-3>\r\n\r\n"
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"  # no body
        b"--batch_x--\r\n"
    )
    parts = list(gmail_api._batch_parts(_response(body, 'multipart/mixed; boundary="batch_x"')))
    assert [(i, status) for i, status, _, _ in parts] == [(1, 429), (0, 200), (2, 200), (3, 503)]
    assert parts[2][3]["id"] == "c" and parts[3][2]["retry-after"] == "1"
    assert parts[0][2]["retry-after"] == "3"
    assert gmail_api.decode_raw(parts[1][3]["raw"]) == b"Hi"


def test_a_raw_answer_reads_as_json_would() -> None:
    import base64
    import json

    raw = base64.urlsafe_b64encode(b"Subject: x\r\n\r\n\xff\xfe body" * 50).decode()
    answers = [
        {"id": "a", "labelIds": ["INBOX"], "snippet": 'he said "raw": "no"', "raw": raw},
        {"raw": raw, "id": "b", "internalDate": "1"},
        {"id": "c", "raw": ""},
        {"id": "d"},
    ]
    for answer in answers:
        for text in (json.dumps(answer), json.dumps(answer, separators=(",", ":"))):
            read = gmail_api.loads_message(text.encode())
            if "raw" in answer:
                assert gmail_api.decode_raw(read.pop("raw")) == base64.urlsafe_b64decode(
                    answer["raw"]
                )
            assert read == {k: v for k, v in answer.items() if k != "raw"}
    # A value with JSON escapes in it (legal, if no server writes it) goes through the
    # decoder.
    escaped = b'{"id": "e", "raw": "SG\\u0069"}'
    assert gmail_api.loads_message(escaped) == {"id": "e", "raw": "SGi"}


def test_batch_length_follows_the_message_sizes() -> None:
    # About BATCH_BYTES of raw mail per batch, so the batches in flight hold about as
    # much memory whatever the sizes; whole batch requests where more than one.
    from desktop.sync.providers import gmail

    assert gmail._batch_length(1_700) == gmail.BATCH_SIZE  # small mail: the most
    assert gmail._batch_length(47_000) == 100  # the mixed corpus's average
    assert gmail._batch_length(300_000) == 13
    assert gmail._batch_length(30_000_000) == 1  # one huge message at a time
    for size in (1_000, 20_000, 47_000, 60_000, 300_000):
        length = gmail._batch_length(size)
        assert length <= gmail.BATCH_CALLS or length % gmail.BATCH_CALLS == 0
        assert length * size <= 1.5 * gmail.BATCH_BYTES or length == 1


def test_raw_decodes_strictly_and_leniently() -> None:
    import base64

    data = bytes(range(256)) * 3  # every byte: "-" and "_" both appear in the encoding
    text = base64.urlsafe_b64encode(data)
    assert gmail_api.decode_raw(text) == data  # the strict fast path
    assert gmail_api.decode_raw(text.rstrip(b"=")) == data  # no padding
    assert gmail_api.decode_raw(text.decode()) == data
    assert gmail_api.decode_raw(text[:40] + b"\r\n" + text[40:]) == data  # a line break
