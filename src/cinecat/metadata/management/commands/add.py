"""cinecat add --barcode CODE | --title TITLE: a new copy, its facts from the metadata providers."""

from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError

from cinecat.catalog.models import Collection, Copy, Format
from cinecat.catalog.services import get_or_create_default_collection
from cinecat.core import barcodes
from cinecat.metadata import registry, services
from cinecat.metadata.barcodes import BarcodeMatch, sources
from cinecat.metadata.base import Candidate, NotConfigured, Provider, ProviderError
from cinecat.metadata.product_titles import ProductTitle


@dataclass
class Search:
    """The candidates of a search, and what the edition knows already (barcode, shop facts)."""

    provider: Provider
    candidates: list[Candidate]
    title: str
    year: int | None
    barcode: str = ""
    facts: ProductTitle | None = None


class Command(BaseCommand):
    help = (
        "Add a copy by barcode or by title, its facts from the metadata providers: prints the "
        "candidates, or saves the one clear match (or the one --pick names)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--barcode", help="the UPC/EAN on the box")
        parser.add_argument("--title", help="the film's title (with --barcode: the disc's film)")
        parser.add_argument("--year", type=int, help="the film's year, to tell films apart")
        parser.add_argument("--provider", choices=sorted(registry.PROVIDERS))
        parser.add_argument("--format", help=f"the edition's format: {', '.join(Format.values)}")
        parser.add_argument("--pick", type=int, metavar="N", help="add candidate N of the list")
        parser.add_argument("--collection", metavar="SLUG", help="default: the first collection")
        parser.add_argument(
            "--again", action="store_true", help="add a copy of a disc the collection has"
        )
        parser.add_argument("--refresh", action="store_true", help="ask again, not the cache")

    def handle(self, *args, **options) -> None:
        _check(options)
        collection = _collection(options["collection"])
        try:
            if options["title"]:
                search = self._by_title(options)
            else:
                search = self._by_barcode(collection, options)
            if search is not None:
                self._pick(collection, options, search)
        except NotConfigured as exc:
            named = f"--provider {options['provider']}: " if options["provider"] else ""
            raise CommandError(f"{named}{exc}") from exc
        except (ProviderError, services.SaveFailed) as exc:
            raise CommandError(str(exc)) from exc

    def _by_title(self, options: dict) -> Search:
        title, year = options["title"], options["year"]
        candidates, provider = services.find_by_title(
            title, year=year, provider=options["provider"], refresh=options["refresh"]
        )
        if not candidates:
            asked = ", ".join(p.name for p in registry.title_providers(options["provider"]))
            when = f" ({year})" if year else ""
            raise CommandError(f"{asked} found nothing for {title!r}{when}; check the title.")
        barcode = _barcode(options["barcode"]) if options["barcode"] else ""
        return Search(provider, candidates, title, year, barcode)

    def _by_barcode(self, collection: Collection, options: dict) -> Search | None:
        match = services.find_by_barcode(
            _barcode(options["barcode"]), provider=options["provider"], refresh=options["refresh"]
        )
        again = f'cinecat add --barcode {options["barcode"]} --title "…"'
        if match.product is None:
            asked = ", ".join(source.name for source in sources())
            raise CommandError(
                f"--barcode {options['barcode']}: not known to {asked}. Give its title: {again}"
            )
        if match.product.record is not None:
            self._reuse(collection, options, match)
            return None
        facts = match.title
        self.stdout.write(f"{match.product.source}: {match.product.title!r} → {facts.title!r}")
        if not match.candidates:
            raise CommandError(f"No provider found {facts.title!r}; give the title: {again}")
        return Search(
            match.provider, list(match.candidates), facts.title, facts.year, match.barcode, facts
        )

    def _reuse(self, collection: Collection, options: dict, match: BarcodeMatch) -> None:
        """A disc this installation knows: its entry again, unless the collection has it."""
        copies = services.owned(collection, match.barcode)
        if copies and not options["again"]:
            where = ", ".join(f"#{copy.index} ({copy.get_absolute_url()})" for copy in copies)
            self.stdout.write(
                f"You already own this: {match.product.title} in {collection.name}, {where}. "
                "Add another copy with --again."
            )
            return
        record = services.reused(match.product.record, options["format"])
        self._saved(services.save(record, collection), "this catalog")

    def _pick(self, collection: Collection, options: dict, search: Search) -> None:
        pick, candidates = options["pick"], search.candidates
        if pick is not None and pick > len(candidates):
            raise CommandError(f"--pick {pick}: there are {len(candidates)} candidates.")
        if pick is not None:
            chosen = candidates[pick - 1]
        else:
            chosen = services.clear_match(candidates, search.title, search.year)
        if chosen is None:
            self._list(search)
            return
        found = search.provider.fetch(chosen.id)
        record = services.entry(
            found, format=options["format"], barcode=search.barcode, facts=search.facts
        )
        self._saved(services.save(record, collection), found.attribution or found.provider)

    def _list(self, search: Search) -> None:
        when = f" ({search.year})" if search.year else ""
        self.stdout.write(
            f"{search.provider.name}: {len(search.candidates)} candidates for "
            f"{search.title!r}{when}:"
        )
        for number, candidate in enumerate(search.candidates, 1):
            self.stdout.write(f"  {number}. {_describe(candidate)}")
        self.stdout.write("Add one with --pick N.")

    def _saved(self, copy: Copy, source: str) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                f"Added #{copy.index} {copy.first_work} [{copy.edition.format}] to "
                f"{copy.collection.name}: {copy.get_absolute_url()}"
            )
        )
        self.stdout.write(f"Source: {source}")


def _check(options: dict) -> None:
    if not options["barcode"] and not options["title"]:
        raise CommandError("Give --barcode CODE or --title TITLE (with --year YEAR).")
    fmt = options["format"]
    if fmt is not None and fmt not in Format.values:
        raise CommandError(f"--format {fmt!r}: one of {', '.join(Format.values)}.")
    if options["year"] is not None and not 1870 <= options["year"] <= 2100:
        raise CommandError(f"--year {options['year']}: a film's year, such as 2017.")
    if options["pick"] is not None and options["pick"] < 1:
        raise CommandError(f"--pick {options['pick']}: the number of a candidate, from 1.")


def _describe(candidate: Candidate) -> str:
    parts = [candidate.title + (f" ({candidate.year})" if candidate.year else "")]
    if candidate.original_title and candidate.original_title != candidate.title:
        parts.append(f"original title {candidate.original_title!r}")
    if candidate.kind != "movie":
        parts.append(candidate.kind)
    if candidate.director:
        parts.append(f"directed by {candidate.director}")
    parts.append(f"{candidate.provider} {candidate.id}")
    return " — ".join(parts)


def _barcode(value: str) -> str:
    try:
        return barcodes.normalize(value)
    except barcodes.BarcodeError as exc:
        raise CommandError(f"--barcode {value}: {exc}") from None


def _collection(slug: str | None) -> Collection:
    if slug is None:
        return get_or_create_default_collection()
    try:
        return Collection.objects.get(slug=slug)
    except Collection.DoesNotExist:
        raise CommandError(f"--collection {slug}: there is no collection {slug!r}.") from None
