"""cinecat load_demo: a demo collection of real films, plus the reference entry."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from cinecat.accounts.services import welcome_owner
from cinecat.catalog.models import Collection, Copy
from cinecat.interchange.demo import SAMPLE, demo_records, demo_rows
from cinecat.interchange.services import import_files
from cinecat.interchange.writer import apply_records


class Command(BaseCommand):
    help = (
        "Create the demo collection (a few hundred real films, facts only); on a first run, "
        "its owner's account too, whose password is printed once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the catalog has any copy"
        )
        parser.add_argument(
            "--shared",
            type=Path,
            help="a folder with data/ggplot2-movies.csv and seeds/*.clz-page.txt to build from",
        )
        parser.add_argument("--size", type=int, default=300, help="how many films")

    def handle(self, *args, if_empty: bool, shared: Path | None, size: int, **options) -> None:
        if if_empty and Copy.objects.exists():
            self.stdout.write("The catalog already has copies; no demo data loaded.")
            self._welcome()
            return
        table = shared / "data" / "ggplot2-movies.csv" if shared else None
        source = table if table and table.exists() else SAMPLE
        seeds = sorted((shared / "seeds").glob("*.clz-page.txt")) if shared else []
        with transaction.atomic():
            collection, _ = Collection.objects.get_or_create(
                slug="demo", defaults={"name": "Demo collection"}
            )
            films = len(apply_records(demo_records(demo_rows(source, size)), collection).items)
            if seeds:
                import_files(seeds, collection)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo collection: {films} films from {source.name}"
                + (f" and {len(seeds)} reference page(s)" if seeds else "")
            )
        )
        self._welcome()

    def _welcome(self) -> None:
        """Someone must be able to sign in: the first account owns what no one owns."""
        owner, password = welcome_owner()
        if password is None:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"An owner's account was created. Sign in as {owner.get_username()!r} with the "
                f"password {password}\n(shown only this once: change it once signed in, under "
                "your name at the top of every page; `cinecat user add` makes more accounts)."
            )
        )
