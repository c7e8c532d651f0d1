"""A local DNS stand-in for RFC 6186 look-ups: answers SRV queries over UDP on
127.0.0.1 from a table, NXDOMAIN for anything else, or nothing at all (``silent``)
to test the timeout. Real DNS messages (dnspython builds and parses them)."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

import dns.message
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset


@dataclass
class DnsServer:
    # name (no final dot) → [(priority, weight, port, target)]
    records: dict[str, list[tuple[int, int, int, str]]] = field(default_factory=dict)
    silent: bool = False
    queries: list[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0

    def start(self) -> DnsServer:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind((self.host, 0))
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="dns-stand-in", daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        self._sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                data, peer = self._sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            query = dns.message.from_wire(data)
            question = query.question[0]
            name = question.name.to_text(omit_final_dot=True).lower()
            self.queries.append(name)
            if self.silent:
                continue
            reply = dns.message.make_response(query)
            answers = self.records.get(name)
            if question.rdtype == dns.rdatatype.SRV and answers:
                reply.answer.append(
                    dns.rrset.from_text_list(
                        question.name,
                        300,
                        dns.rdataclass.IN,
                        dns.rdatatype.SRV,
                        [f"{p} {w} {port} {t.rstrip('.')}." for p, w, port, t in answers],
                    )
                )
            else:
                reply.set_rcode(dns.rcode.NXDOMAIN)
            self._sock.sendto(reply.to_wire(), peer)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._sock.close()
