"""Guard rails of the server: security headers, a body limit, the Host check, one error shape.

Written as plain ASGI middleware (not `BaseHTTPMiddleware`) so that it wraps every response,
the static files and the 500s included, without buffering bodies.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
)

ERROR_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
}


def error_body(status: int, message: str, code: str | None = None) -> bytes:
    """The one error document of the API: `{"error": {"code": ..., "message": ...}}`.

    >>> error_body(404, "no event 'x'")
    b'{"error":{"code":"not_found","message":"no event \\'x\\'"}}'
    """
    error = {"code": code or ERROR_CODES.get(status, "error"), "message": message}
    return json.dumps({"error": error}, ensure_ascii=False, separators=(",", ":")).encode()


def _host_name(headers: Iterable[tuple[bytes, bytes]]) -> str:
    """The Host header without its port ("[::1]:8000" -> "::1"), lowercased."""
    host = next((value.decode("latin-1") for key, value in headers if key == b"host"), "")
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _content_length(headers: Iterable[tuple[bytes, bytes]]) -> int | None:
    for key, value in headers:
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class GuardMiddleware:
    """Adds the security headers, refuses foreign Host headers and large bodies, catches crashes.

    `allowed_hosts` None accepts any Host; a loopback server should pass LOOPBACK_HOSTS so a
    web page elsewhere cannot reach the API through DNS rebinding.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int = MAX_BODY_BYTES,
        allowed_hosts: Iterable[str] | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = None if allowed_hosts is None else frozenset(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if self.allowed_hosts is not None and _host_name(headers) not in self.allowed_hosts:
            message = "this server only answers to " + ", ".join(sorted(self.allowed_hosts))
            await _send_error(send, 400, message, code="bad_host")
            return
        length = _content_length(headers)
        if length is not None and length > self.max_body:
            await _send_error(send, 413, self._too_large())
            return
        started = False
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # FastAPI re-raises an HTTPException met while reading the body, so this
                    # reaches the API's handler and gets the usual error shape.
                    raise HTTPException(413, self._too_large())
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = _with_security_headers(message.get("headers", []))
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except Exception:  # the last line of defence: log it, answer 500 in the usual shape
            logger.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _send_error(send, 500, "the server failed on this request; see its log")

    def _too_large(self) -> str:
        return f"request body is larger than {self.max_body} bytes: send a shorter article"


def _with_security_headers(raw: Iterable[Any]) -> list[tuple[bytes, bytes]]:
    names = {name.encode() for name, _ in SECURITY_HEADERS}
    headers = [(bytes(key), bytes(value)) for key, value in raw if bytes(key).lower() not in names]
    headers += [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS]
    return headers


async def _send_error(send: Send, status: int, message: str, code: str | None = None) -> None:
    body = error_body(status, message, code)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": _with_security_headers(headers),
        }
    )
    await send({"type": "http.response.body", "body": body})
