"""Compressed responses: gzip (or Brotli when the browser offers it) for callbacks and static files.

Dash + Bootstrap is 1.4 MB of JavaScript and CSS on a first visit, about 350 KB compressed; a province's
intranet link to a district office is often slow. Flask-Compress does the work, configured here because
its defaults leave gzip out for streamed files (the assets folder) and Dash's own `compress=True` only
sets the non-streamed list (see TECH-NOTES).

Static bundles never change under one address (Dash puts a version or modification time in it), so
each is compressed once per process and kept; callback answers differ every time and are compressed
on the fly at a level that costs well under a millisecond for the board.
"""

from __future__ import annotations

from flask import Flask, Request
from flask_compress import Compress

ALGORITHMS = ["br", "gzip", "deflate"]  # no zstd: browsers send it over HTTPS only, and one fewer cache entry
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
# Not text/html: a page carries the CSRF token beside text taken from the request, and compressing
# both together lets an attacker who can watch sizes guess the token (BREACH). Pages are a few KB.
MIMETYPES = [
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
]
NOT_CACHED = "-"
COMPRESS_KEY = "tracker.compress"


def cache_key(request: Request) -> str:
    """The address of a static bundle (fingerprinted, so it names one content), or NOT_CACHED."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return NOT_CACHED


class StaticCache:
    """Flask-Compress's cache backend that keeps compressed static bundles only (never a callback answer)."""

    MAX_ENTRIES = 512  # every bundle of every page in every encoding is well under this

    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        """The compressed bytes kept for `key`, if it names a static bundle."""
        return None if key.endswith(";" + NOT_CACHED) else self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        """Keep a static bundle's compressed bytes (a dict assignment: safe across gthread threads)."""
        if not key.endswith(";" + NOT_CACHED) and len(self._data) < self.MAX_ENTRIES:
            self._data[key] = value


def enable_compression(server: Flask) -> Compress:
    """Compress every text response the browser accepts compressed; static bundles once per process."""
    server.config.update(
        COMPRESS_ALGORITHM=ALGORITHMS,
        COMPRESS_ALGORITHM_STREAMING=ALGORITHMS,
        COMPRESS_MIMETYPES=MIMETYPES,
        COMPRESS_LEVEL=6,
        COMPRESS_BR_LEVEL=4,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_KEY=cache_key,
        COMPRESS_CACHE_BACKEND=StaticCache,
    )
    compress = server.extensions[COMPRESS_KEY] = Compress(server)
    return compress
