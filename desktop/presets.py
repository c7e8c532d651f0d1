"""Server settings for an e-mail address, Qt-free (Add mailbox, issue 7).

1. Presets for the common providers (Gmail, Outlook/Office 365, Seznam, Centrum,
   Volný, iCloud, Yahoo), matched by the address's domain.
2. Otherwise RFC 6186 service records in the domain's DNS: ``_imaps._tcp`` (IMAP over
   TLS) and ``_submission._tcp`` (SMTP submission, STARTTLS; RFC 8314's
   ``_submissions._tcp``, implicit TLS, when there is no STARTTLS record).

The look-up blocks on the network (bounded by ``timeout``): the dialog runs it off the
GUI thread. ``resolve`` can be any function from a record name to its SRV answers, so
a caller (or a test) can point it at another DNS server.

Security follows the port (accounts.imap_defaults / smtp_defaults): 993 and 465 are
implicit TLS, 143 and 587 STARTTLS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT = 3.0  # seconds for the whole SRV look-up


@dataclass(frozen=True)
class ServerSettings:
    imap_host: str
    imap_port: int
    smtp_host: str
    smtp_port: int
    provider: str = ""  # the preset's name; "" when found in DNS
    # The mailbox type that signs in through the browser for this provider (a hint:
    # Gmail and Outlook.com refuse plain passwords unless app passwords are set up).
    oauth_kind: str | None = None
    source: str = "preset"  # preset | dns


def _preset(
    provider: str,
    imap: str,
    smtp: str,
    smtp_port: int,
    domains: Sequence[str],
    oauth_kind: str | None = None,
) -> tuple[tuple[str, ...], ServerSettings]:
    return tuple(domains), ServerSettings(imap, 993, smtp, smtp_port, provider, oauth_kind)


# The providers' own published settings (IMAP always on 993, implicit TLS).
PRESETS: tuple[tuple[tuple[str, ...], ServerSettings], ...] = (
    _preset(
        "Gmail",
        "imap.gmail.com",
        "smtp.gmail.com",
        587,
        ("gmail.com", "googlemail.com"),
        "gmail",
    ),
    _preset(
        "Outlook / Office 365",
        "outlook.office365.com",
        "smtp.office365.com",
        587,
        ("outlook.com", "outlook.cz", "hotmail.com", "hotmail.cz", "live.com", "msn.com"),
        "graph",
    ),
    _preset(
        "Seznam",
        "imap.seznam.cz",
        "smtp.seznam.cz",
        465,
        ("seznam.cz", "email.cz", "post.cz", "spoluzaci.cz", "stream.cz", "firmy.cz"),
    ),
    _preset("Centrum", "imap.centrum.cz", "smtp.centrum.cz", 465, ("centrum.cz", "atlas.cz")),
    _preset("Volný", "imap.volny.cz", "smtp.volny.cz", 465, ("volny.cz",)),
    _preset(
        "iCloud", "imap.mail.me.com", "smtp.mail.me.com", 587, ("icloud.com", "me.com", "mac.com")
    ),
    _preset(
        "Yahoo",
        "imap.mail.yahoo.com",
        "smtp.mail.yahoo.com",
        465,
        ("yahoo.com", "yahoo.co.uk", "yahoo.de", "yahoo.fr", "ymail.com", "rocketmail.com"),
    ),
)

_BY_DOMAIN = {domain: settings for domains, settings in PRESETS for domain in domains}


def domain_of(email: str) -> str:
    """The address's domain in lower case ("" when there is none)."""
    local, at, domain = email.strip().rpartition("@")
    if not at or not local:
        return ""
    return domain.strip().rstrip(".").lower()


def preset_for(email: str) -> ServerSettings | None:
    return _BY_DOMAIN.get(domain_of(email))


# --- RFC 6186 ---------------------------------------------------------------------------

# (priority, weight, port, target) of each answer.
SrvAnswer = tuple[int, int, int, str]
Resolver = Callable[[str], list[SrvAnswer]]


def dns_resolver(
    nameservers: Sequence[tuple[str, int]] | None = None, timeout: float = LOOKUP_TIMEOUT
) -> Resolver:
    """SRV answers through dnspython: the system's resolvers, or the (host, port) pairs
    given. No answer, NXDOMAIN, a timeout: an empty list."""
    import dns.exception
    import dns.resolver

    if nameservers:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [host for host, _port in nameservers]
        resolver.port = nameservers[0][1]
    else:
        resolver = dns.resolver.Resolver()
    resolver.lifetime = timeout
    resolver.timeout = timeout

    def resolve(name: str) -> list[SrvAnswer]:
        try:
            answer = resolver.resolve(name, "SRV", lifetime=timeout)
        except (dns.exception.DNSException, OSError) as exc:
            log.debug("SRV %s: %s", name, exc)
            return []
        return [
            (r.priority, r.weight, r.port, r.target.to_text(omit_final_dot=True)) for r in answer
        ]

    return resolve


def _best(answers: list[SrvAnswer]) -> tuple[str, int] | None:
    """The record to use: lowest priority, then highest weight; "." means "no service"
    (RFC 2782)."""
    usable = [a for a in answers if a[3] and a[3] != "." and a[2] > 0]
    if not usable:
        return None
    priority, _weight, port, target = min(usable, key=lambda a: (a[0], -a[1], a[3]))
    del priority
    return target.lower(), port


# Names reserved for documentation and testing (RFC 2606, RFC 6761): never asked.
_RESERVED = ("example", "test", "invalid", "localhost")


def reserved(domain: str) -> bool:
    labels = domain.split(".")
    return labels[-1] in _RESERVED or (len(labels) >= 2 and labels[-2] == "example")


def lookup_srv(domain: str, resolve: Resolver | None = None) -> ServerSettings | None:
    """The domain's IMAP and submission servers from its SRV records, if it has both."""
    domain = domain.strip().rstrip(".").lower()
    if not domain or reserved(domain):
        return None
    resolve = resolve or dns_resolver()
    imap = _best(resolve(f"_imaps._tcp.{domain}"))
    if imap is None:
        return None
    smtp = _best(resolve(f"_submission._tcp.{domain}")) or _best(
        resolve(f"_submissions._tcp.{domain}")
    )
    if smtp is None:
        return None
    return ServerSettings(imap[0], imap[1], smtp[0], smtp[1], source="dns")


def discover(email: str, resolve: Resolver | None = None) -> ServerSettings | None:
    """A preset for the address's provider, else its domain's SRV records (blocks)."""
    found = preset_for(email)
    if found is not None:
        return found
    domain = domain_of(email)
    return lookup_srv(domain, resolve) if domain else None
