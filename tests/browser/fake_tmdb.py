"""A local stand-in for TMDb, its image server and a UPC service, for the browser tests.

It serves the recorded answers of ../shared/data/tmdb/ (Fight Club, film 550) on 127.0.0.1,
with the image configuration pointing at itself, so a journey runs with no network at all.
"""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from PIL import Image

from tests.metadata.conftest import fight_club, recorded

UPC = "024543617907"  # the disc a journey scans; the UPC service calls it as shops do
PRODUCT = "Fight Club (DVD, 1999) Widescreen"


def poster() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 450), "darkred").save(buffer, "JPEG")
    return buffer.getvalue()


class FakeTmdb:
    """The server; ``url`` is TMDb's API base, ``upc_url`` the UPC lookup endpoint, ``asked``
    the paths requested."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/3"
        self.upc_url = f"{self.base}/upc/lookup"
        configuration = recorded("configuration_details.json")
        configuration["images"]["secure_base_url"] = f"{self.base}/t/p/"
        self.answers = {
            "/3/configuration": configuration,
            "/3/search/movie": recorded("search_movie.json"),
            "/3/movie/550": fight_club(),
            "/upc/lookup": {"code": "OK", "items": [{"title": PRODUCT, "brand": "Fox"}]},
        }
        self.picture = poster()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = urlsplit(self.path).path
                fake.asked.append(path)
                if path in fake.answers:
                    self._send(json.dumps(fake.answers[path]).encode(), "application/json")
                elif path.startswith("/t/p/"):
                    self._send(fake.picture, "image/jpeg")
                else:
                    self._send(b'{"status_message": "not found"}', "application/json", 404)

            def _send(self, body: bytes, kind: str, status: int = 200):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # quiet: the test says what went wrong
                pass

        return Handler

    def __enter__(self) -> "FakeTmdb":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
