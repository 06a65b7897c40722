"""Compressed responses: callbacks, Dash bundles and the assets folder go out gzip (or Brotli)
when the browser accepts it; bundles are compressed once per process, callback answers never reused."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest

from dashapp.compression import COMPRESS_KEY
from tests.web import board_data, board_request, seeded_app, signed_in

GZIP = {"Accept-Encoding": "gzip, deflate"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compression")
    return seeded_app(f"sqlite:///{folder / 'tracker.db'}", folder / "instance")


@pytest.fixture
def client(app):
    return signed_in(app, "sotttt")


def bundles(client) -> list[str]:
    """The script and stylesheet addresses of the board page's index."""
    html = client.get("/").get_data(as_text=True)
    return re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(r'<link[^>]+href="([^"]+\.css[^"]*)"', html)


@pytest.mark.parametrize("path", ["/", "/login", "/tasks"])
def test_pages_are_never_compressed(app, path):
    """A page holds the CSRF token beside text from the request: compressed, its size would leak it (BREACH)."""
    client = app.server.test_client() if path == "/login" else signed_in(app, "sotttt")
    page = client.get(path, headers=GZIP)
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    assert "Content-Encoding" not in page.headers
    assert "csrf" in page.get_data(as_text=True).lower() or 'id="react-entry-point"' in page.get_data(as_text=True)


def test_every_bundle_and_asset_arrives_gzip_and_unpacks_to_the_same_bytes(client):
    urls = bundles(client)
    assert any("_dash-component-suites" in u for u in urls) and any("/assets/" in u for u in urls)
    compressed = 0
    for url in urls:
        plain, packed = client.get(url), client.get(url, headers=GZIP)
        assert plain.status_code == packed.status_code == 200, url
        assert "Content-Encoding" not in plain.headers, url
        body = plain.get_data()
        if len(body) < 500:  # below the threshold nothing is gained
            continue
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert gzip.decompress(packed.get_data()) == body, url
        assert len(packed.get_data()) < len(body), url
        compressed += 1
    assert compressed >= 8


def test_brotli_when_the_browser_offers_it(client):
    url = next(u for u in bundles(client) if "dash_core_components" in u)
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.get_data()) == client.get(url).get_data()


def test_a_bundle_is_compressed_once_and_then_served_from_the_cache(app, client):
    url = next(u for u in bundles(client) if "_dash-component-suites" in u)
    first = client.get(url, headers=GZIP).get_data()
    kept = app.server.extensions[COMPRESS_KEY].cache._data
    assert [key for key in kept if key.startswith("gzip;") and url in key]
    assert client.get(url, headers=GZIP).get_data() == first


def test_callback_answers_are_compressed_and_never_reused(app, client):
    everything = board_request(client, app, headers=GZIP)
    searched = board_request(client, app, headers=GZIP, q="chữ ký số")
    assert everything.headers["Content-Encoding"] == searched.headers["Content-Encoding"] == "gzip"
    whole, found = (json.loads(gzip.decompress(r.get_data()))["response"] for r in (everything, searched))
    assert whole != found
    assert found == board_data(client, app, q="chữ ký số")  # what an uncompressed client gets
    assert not [key for key in app.server.extensions[COMPRESS_KEY].cache._data if "_dash-update-component" in key]


def test_tiny_answers_are_left_alone(client):
    assert "Content-Encoding" not in client.get("/health", headers=GZIP).headers
