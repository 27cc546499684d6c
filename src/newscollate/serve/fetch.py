"""Fetching an article by URL, for servers started with ``--allow-fetch`` only.

A server that fetches what visitors name can be turned against the network it
sits in (server-side request forgery): a URL may name the cloud's metadata
service (169.254.169.254), a database on 10.x, or the server itself. So the
host is resolved here, every address it resolves to must be a public one, and
the connection goes to the address that was checked, not to a second lookup of
the name, which a hostile DNS server could answer differently (DNS rebinding).
Redirects are followed by hand, a few at most, each checked the same way.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
TIMEOUT_S = 10.0
USER_AGENT = "newscollate (article fetch for a comparison)"


class FetchError(Exception):
    """A URL that was refused or could not be fetched; ``refused`` marks the policy cases."""

    def __init__(self, url: str, reason: str, *, refused: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.refused = url, reason, refused


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    data: bytes


def refusal(address: str) -> str | None:
    """Why an IP address may not be fetched from, or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for reason, test in (  # the most specific first: loopback and link-local are private too
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if test:
            return f"{ip} is a {reason} address"
    return None if ip.is_global else f"{ip} is not a public address"


def resolve(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and the one checked address to connect to; ``FetchError``
    when the URL is malformed or any address of its host is not public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, "only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(url, "the URL names no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(url, f"bad port ({exc})") from exc
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(url, f"cannot resolve {parts.hostname} ({exc.strerror})") from exc
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:  # every one: a name with one private address is refused
        why = refusal(address)
        if why is not None:
            raise FetchError(url, f"refused: {parts.hostname} resolves to {why}", refused=True)
    return parts.scheme, parts.hostname, port, addresses[0]


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_S) -> Fetched:
    """GET ``url`` from a public address, at most ``max_bytes`` of body."""
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = resolve(url)
        conn = _connection(scheme, host, port, address, timeout)
        try:
            parts = urlsplit(url)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(url, f"redirect ({response.status}) without a Location")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(url, f"the server answered {response.status} {response.reason}")
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise FetchError(url, f"the page is larger than {max_bytes:,} bytes")
            return Fetched(url, response.getheader("Content-Type") or "", data)
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(url, f"cannot fetch ({exc})") from exc
        finally:
            conn.close()
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _connection(
    scheme: str, host: str, port: int, address: str, timeout: float
) -> http.client.HTTPConnection:
    if scheme == "https":
        return _PinnedHTTPS(host, port, address, timeout)
    return _PinnedHTTP(host, port, address, timeout)


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the checked address; the Host header still names the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """TLS to the checked address, with the host name for SNI and certificate checks."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._tls = ssl.create_default_context()

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
