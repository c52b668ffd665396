"""One entry's records written onto its rows: the edit page's and the add page's way in.

The import writer stores many entries in bulk; this stores one, through the ORM, from the same
records and the same field maps. Pick-list values are found by name whatever its case ('drama'
is the 'Drama' there) and made as typed when new.
"""

from collections.abc import Iterable

from django.db.models import Model

from .fields import (
    DISCS,
    EPISODES,
    OWNER,
    VIEWINGS,
    FieldMap,
    copy_fields,
    edition_fields,
    numbered,
    work_fields,
)
from .models import Collection, Copy, Credit, CreditRole, Edition, Location, Person, Plot, Work
from .models.work import sort_key
from .names import index_of, location_under, new_names
from .records import CopyRecord, EditionRecord, WorkRecord
from .slots import check_slot, normal

PER_COLLECTION = {"Tag", "StorageDevice", "Location"}


class Names:
    """Ids of pick-list values by name, for one collection's entry."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def rows(self, model: type[Model], names: Iterable[str]) -> list[Model]:
        """The rows of these names, in their order, each once; a new name is made as given."""
        names = [name for name in names if name]
        if not names:
            return []
        scope = {"collection": self.collection} if model.__name__ in PER_COLLECTION else {}
        index = index_of(model, **scope)
        for name in new_names(index, names):
            index.add([(name, model.objects.get_or_create(name=name, **scope)[0].pk)])
        found = model.objects.in_bulk({index[name] for name in names})
        return list(dict.fromkeys(found[index[name]] for name in names))

    def id(self, model: type[Model], name: str) -> int | None:
        rows = self.rows(model, [name])
        return rows[0].pk if rows else None

    def place(self, path: tuple[str, ...]) -> int | None:
        """The place at ``path`` ('Study', 'Shelf 2'), each level matched whatever its case."""
        parent = None
        for name in path:
            parent = location_under(self.collection, parent, name)
        return parent


def _link_names(row: Model, fields: FieldMap, record, names: Names, stored=None) -> None:
    """The pick lists (genres, tags …) of ``row`` as ``record`` names them, those changed since
    ``stored``."""
    for name in fields.name_sets:
        if stored is None or getattr(stored, name) != getattr(record, name):
            link_in_order(
                getattr(row, name), names.rows(fields.target(name), getattr(record, name))
            )


def link_in_order(related, rows: list[Model]) -> None:
    """Link ``rows`` in their order, which is the order they are read back in (the link rows'):
    a many-to-many's set() writes its new links in no particular order. Links already so are
    left as they are."""
    through, owner = related.through, related.instance.pk
    source, target = f"{related.source_field_name}_id", f"{related.target_field_name}_id"
    links = through.objects.filter(**{source: owner})
    if list(links.order_by("pk").values_list(target, flat=True)) == [row.pk for row in rows]:
        return
    links.delete()
    through.objects.bulk_create(through(**{source: owner, target: row.pk}) for row in rows)


def location_at(collection: Collection, path: tuple[str, ...]) -> Location | None:
    found = Names(collection).place(path)
    return Location.objects.get(pk=found) if found is not None else None


def save_work(
    work: Work, record: WorkRecord, names: Names, stored: WorkRecord | None = None
) -> None:
    """The work's own fields, genres, countries and languages, credits and plots; of a work
    stored as ``stored``, only what differs from it."""
    if record == stored:
        return
    fields = work_fields()
    fields.fill(work, record, name_id=names.id, place_id=names.place)
    work.sort_title = record.sort_title or sort_key(record.title)
    work.save()
    _link_names(work, fields, record, names, stored)
    if stored is None or stored.credits != record.credits:
        _save_credits(work, record)
    if stored is None or stored.plots != record.plots:
        work.plots.all().delete()
        Plot.objects.bulk_create(
            Plot(work=work, kind=plot.kind, text=plot.text, author=plot.author, order=order)
            for order, plot in enumerate(record.plots)
        )
    if stored is None or stored.episodes != record.episodes:
        _save_children(EPISODES, work, record.episodes)


def _save_credits(work: Work, record: WorkRecord) -> None:
    work.credits.all().delete()
    people = {person.name: person for person in _people(record.credits)}
    Credit.objects.bulk_create(
        Credit(
            work=work,
            person=people[credit.name],
            character=credit.character,
            job=credit.job,
            role=CreditRole.CREW if credit.job else CreditRole.CAST,
            order=order,
        )
        for order, credit in enumerate(record.credits)
    )


def _people(credits) -> list[Person]:
    """A credit's person is the first one of that name (names are not unique), or a new one."""
    wanted = list(dict.fromkeys(credit.name for credit in credits))
    found: dict[str, Person] = {}
    for person in Person.objects.filter(name__in=wanted).order_by("-pk"):
        found[person.name] = person
    missing = [Person(name=name) for name in wanted if name not in found]
    for person in missing:
        person.save()
        found[person.name] = person
    return [found[name] for name in wanted]


def save_edition(
    edition: Edition, record: EditionRecord, names: Names, stored: EditionRecord | None = None
) -> None:
    if record == stored:
        return
    fields = edition_fields()
    fields.fill(edition, record, name_id=names.id, place_id=names.place)
    edition.save()
    _link_names(edition, fields, record, names, stored)
    if stored is None or stored.disc_list != record.disc_list:
        _save_children(DISCS, edition, record.disc_list)


def save_copy(copy: Copy, record: CopyRecord, names: Names, check_slots: bool = True) -> None:
    """The copy's personal fields and tags; its times are the catalog's (``Copy.save``).
    A slot another copy holds is refused (slots.PlaceRefused) unless ``check_slots`` is off:
    an undo puts back what was, whatever came since."""
    fields = copy_fields()
    fields.fill(
        copy, record, name_id=names.id, place_id=names.place, skip=("added_at", "modified_at")
    )
    copy.storage_slot = normal(copy.storage_slot)
    if check_slots:
        check_slot(copy.storage_device, copy.storage_slot, copy)  # one copy a slot
    if copy.index is None:
        copy.index = copy.collection.next_free_index()
    copy.save()
    _link_names(copy, fields, record, names)
    _save_children(VIEWINGS, copy, record.viewing_log)


def _save_children(fields: FieldMap, owner: Model, records: tuple) -> None:
    """Replace the rows of ``fields.model`` under ``owner`` (episodes, discs, viewings) by
    ``records``."""
    model, link = fields.model, OWNER[fields.model]
    model.objects.filter(**{link: owner}).delete()
    rows = []
    for place, record in enumerate(records):
        row = model(**{link: owner})
        if numbered(model):
            row.order = place
        fields.fill(row, record, name_id=_no_names, place_id=_no_names)
        rows.append(row)
    model.objects.bulk_create(rows)


def _no_names(*_) -> None:
    """Episodes, discs and viewings name no pick-list value."""
