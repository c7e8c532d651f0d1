"""Issue 11 item 9, the parts: FETCH batches planned by count and bytes, the byte budget
of the sync pipeline, and big raw sources written to the store in pieces."""

from __future__ import annotations

import os
import threading
import zlib
from datetime import date

from desktop.sync.engine import _ByteBudget, plan_batches

MB = 1024 * 1024


def test_plan_batches_by_count_and_bytes():
    sizes = {1: 5 * MB, 2: 5 * MB, 3: 50 * MB, 4: MB, 5: MB, 6: 20 * MB, 7: 0}
    uids = sorted(sizes)
    # An oversize message is a batch alone; the others fill up to 12 MB.
    assert plan_batches(uids, 250, sizes=sizes, max_bytes=12 * MB) == [
        [1, 2],
        [3],
        [4, 5],
        [6],
        [7],
    ]
    # The count still applies, and so does the small first batch.
    assert plan_batches(uids, 2, 1, sizes=sizes, max_bytes=100 * MB) == [
        [1],
        [2, 3],
        [4, 5],
        [6, 7],
    ]
    # Without sizes (or a limit): by count only, as before.
    assert plan_batches(uids, 3) == [[1, 2, 3], [4, 5, 6], [7]]
    assert plan_batches([], 3, sizes={}, max_bytes=MB) == []


def test_byte_budget_lets_a_big_batch_go_alone():
    budget = _ByteBudget(10)
    assert budget.take(4) and budget.fits(6) and not budget.fits(7)
    assert not budget.fits(50)  # bigger than all of it: only when nothing is held
    entered = threading.Event()

    def big() -> None:
        budget.take(50)
        entered.set()

    thread = threading.Thread(target=big)
    thread.start()
    assert not entered.wait(0.3)  # waits while 4 bytes are held
    budget.give_back(4)
    assert entered.wait(5)
    thread.join()
    assert budget.used == 10 and not budget.fits(1)
    stop = threading.Event()
    stop.set()
    assert budget.take(1, stop) is False  # a stopped sync does not wait
    budget.give_back(50)
    assert budget.used == 0 and budget.fits(50)


def test_big_raw_source_is_written_in_pieces_by_store_batch(profile, monkeypatch):
    from desktop.models.mail import Folder, Mailbox, MessageBody
    from desktop.sync import store

    mb = Mailbox.create(name="Work", email="me@example.org", import_from=date(2026, 1, 1))
    inbox = Folder.create(mailbox=mb, remote_name="INBOX", role="inbox")
    small = b"Subject: small\r\nMessage-ID: <s@x>\r\n\r\nhello\r\n"
    big = b"Subject: big\r\nMessage-ID: <b@x>\r\n\r\n" + os.urandom(5 * MB)
    encoded: list[int] = []
    real_encode = store.encode_raw
    monkeypatch.setattr(
        store, "encode_raw", lambda raw: encoded.append(len(raw)) or real_encode(raw)
    )
    changes = store.store_batch(
        inbox,
        [
            store.FetchedMessage(remote_id="1", raw=small),
            store.FetchedMessage(remote_id="2", raw=big),
        ],
    )
    assert encoded == [len(small)]  # the big one never made whole in memory a second time
    small_id, big_id = changes.added
    assert store.raw_source(big_id) == big and store.raw_source(small_id) == small
    stored = MessageBody.get_by_id(big_id).raw
    assert zlib.decompress(stored) == big and len(stored) < len(big) + 1024
