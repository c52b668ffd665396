"""cinecat serve: the production WSGI server (waitress), static files included."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve cinecat over HTTP with a multi-threaded production server."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="worker threads")

    def handle(self, *args, host: str, port: int, threads: int, **options) -> None:
        from waitress import serve

        from cinecat.wsgi import application

        shown = f"[{host}]" if ":" in host else host
        self.stdout.write(f"cinecat is serving on http://{shown}:{port}/ (Ctrl+C stops it)")
        serve(application, host=host, port=port, threads=threads, ident="cinecat")
