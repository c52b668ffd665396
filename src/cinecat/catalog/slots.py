"""Storage devices and their numbered slots: one copy a slot, no more copies than it holds.

A binder, box or tower (``TD 05``) has slots 1 to its capacity (no limit when it has none). A
slot is held by at most one copy outside the trash; a device with a capacity holds no more
copies than that, each in a slot from 1 to it. Every write of one copy (the edit and add pages)
and of many (the batch edit, moving a device's copies) is refused, with the copy in the way,
rather than leave two copies in one slot. Imports store what their source says: a device page
shows a slot held twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from . import labels
from .changes import changed, writing
from .models import ChangeAction, Collection, Copy, CopyChange, DeviceKind, StorageDevice
from .names import index_of


class PlaceRefused(ValueError):
    """A change of places or slots that would break a rule; the message says which and why."""


class SlotTaken(PlaceRefused):
    def __init__(self, device: StorageDevice, slot: str, holder: Copy) -> None:
        self.holder = holder
        super().__init__(f"Slot {slot} of {device.name} already holds {describe(holder)}.")


def describe(copy: Copy) -> str:
    """'#12 Fargo (DVD)': a copy as a refusal names it."""
    work = copy.first_work
    title = work.title if work else "a copy"
    return f"#{copy.index} {title} ({copy.edition.format})"


def normal(slot: str) -> str:
    """A slot as stored: '05' is slot 5; a slot that is no number stays as typed."""
    slot = slot.strip()
    return str(int(slot)) if number(slot) is not None else slot


def number(slot: str) -> int | None:
    slot = slot.strip()
    return int(slot) if slot.isascii() and slot.isdigit() and len(slot) < 10 else None


def _held(device: StorageDevice, leave_out: Iterable[int] = ()) -> dict[str, Copy]:
    """The device's slots held by copies (outside the trash, other than ``leave_out``)."""
    copies = (
        device.copies.exclude(pk__in=list(leave_out))
        .exclude(storage_slot="")
        .select_related("edition")
        .prefetch_related("edition__edition_works__work")
        .order_by("index")
    )
    held: dict[str, Copy] = {}
    for copy in copies:
        held.setdefault(normal(copy.storage_slot), copy)
    return held


def check_slot(device: StorageDevice | None, slot: str, copy: Copy | None = None) -> None:
    """Refuse to put ``copy`` (a new one when None) in ``slot`` of ``device`` when another copy
    holds it, when the slot is past the device's capacity, or when the device is full."""
    if device is None:
        return
    mine = [copy.pk] if copy is not None and copy.pk else []
    slot = normal(slot)
    if mine and _stored_place(copy) == (device.pk, slot):
        return  # where it was: an edit of anything else never trips on an import's doubles
    if slot:
        _within(device, slot)
        holder = _held(device, mine).get(slot)
        if holder is not None:
            raise SlotTaken(device, slot, holder)
    moving_in = not mine or _stored_place(copy)[0] != device.pk
    if device.capacity is not None and moving_in:
        inside = device.copies.exclude(pk__in=mine).count()
        if inside + 1 > device.capacity:
            raise PlaceRefused(full(device, inside, 1))


def _stored_place(copy: Copy) -> tuple[int | None, str]:
    """The device and slot the copy has in the database."""
    stored = Copy.everything.filter(pk=copy.pk).values_list("storage_device", "storage_slot")
    device, slot = stored.first() or (None, "")
    return device, normal(slot)


def _within(device: StorageDevice, slot: str) -> None:
    if device.capacity is None:
        return
    found = number(slot)
    if found is None or not 1 <= found <= device.capacity:
        raise PlaceRefused(
            f"{device.name} has slots 1 to {device.capacity}: there is no slot {slot}."
        )


def full(device: StorageDevice, inside: int, more: int) -> str:
    room = max(device.capacity - inside, 0)
    fit = f"{room} more fit" if room != 1 else "1 more fits"
    return f"{device.name} holds {device.capacity} discs and has {inside} in it: {fit}, not {more}."


def plan(device: StorageDevice, copies: list[Copy], first_slot: int | None = None) -> dict:
    """The slot each of ``copies`` gets in ``device``: from ``first_slot`` on, one after
    another, each of which must be free; without one, a copy already in the device keeps its
    slot and the others take the lowest free slots, in the order given. Raises PlaceRefused
    when the device cannot take them all."""
    ids = {copy.pk for copy in copies}
    held = _held(device, ids)
    if device.capacity is not None:
        inside = device.copies.exclude(pk__in=ids).count()
        if inside + len(copies) > device.capacity:
            raise PlaceRefused(full(device, inside, len(copies)))
    if first_slot is not None:
        slots = [str(first_slot + place) for place in range(len(copies))]
        for slot in slots:
            _within(device, slot)
            if slot in held:
                raise SlotTaken(device, slot, held[slot])
        return {copy.pk: slot for copy, slot in zip(copies, slots, strict=True)}
    found: dict[int, str] = {}
    staying = [c for c in copies if c.storage_device_id == device.pk and c.storage_slot]
    for copy in staying:
        slot = normal(copy.storage_slot)
        if slot not in held and slot not in found.values():  # a slot an import gave twice
            found[copy.pk] = slot  # is kept by the first copy only
    taken = set(held) | set(found.values())
    free = _free_numbers(taken)
    for copy in copies:
        if copy.pk not in found:
            found[copy.pk] = str(next(free))
    return found


def _free_numbers(taken: set[str]):
    candidate = 1
    while True:
        if str(candidate) not in taken:
            yield candidate
        candidate += 1


def put_in(device: StorageDevice, copies: Iterable[Copy], first_slot: int | None = None, by=None):
    """Move ``copies`` into ``device`` (see ``plan``), all of them or none; returns how many."""
    with writing():
        chosen = list(
            Copy.objects.filter(pk__in=[copy.pk for copy in copies])
            .select_related("storage_device")
            .select_for_update(of=("self",))  # not the device, on the outer join's side
            .order_by("storage_device__name", "storage_slot", "index")
        )
        chosen.sort(key=lambda c: (c.storage_device_id != device.pk, number(c.storage_slot) or 0))
        slots = plan(device, chosen, first_slot)
        moves = {
            copy.pk: (copy.storage_device, device, copy.storage_slot, slots[copy.pk])
            for copy in chosen
        }
        note_moves(chosen, moves, by)
        for copy in chosen:
            Copy.everything.filter(pk=copy.pk).update(
                storage_device=device,
                storage_slot=slots[copy.pk],
                version=F("version") + 1,
                modified_at=timezone.now(),
            )
        changed(copies=[copy.pk for copy in chosen])
        return len(chosen)


def note_moves(copies: list[Copy], moves: dict, by) -> None:
    """Each copy's history says where it went: (old device, new device, old slot, new slot)."""
    user = by if by is not None and by.is_authenticated else None
    device, slot = labels.label(Copy, "storage_device"), labels.label(Copy, "storage_slot")
    notes = []
    for copy in copies:
        old, new, old_slot, new_slot = moves[copy.pk]
        said = {}
        if old != new:
            said[device] = [old.name if old else "", new.name if new else ""]
        if old_slot != new_slot:
            said[slot] = [old_slot, new_slot]
        if said:
            notes.append(CopyChange(copy=copy, action=ChangeAction.BATCH, by=user, changes=said))
    CopyChange.objects.bulk_create(notes)


# -- the devices themselves -------------------------------------------------------------------


def device_named(collection: Collection, name: str) -> StorageDevice | None:
    """The collection's device of that name, whatever its case."""
    found = index_of(StorageDevice, collection=collection).get(name.strip())
    return StorageDevice.objects.get(pk=found) if found is not None else None


def save_device(
    collection: Collection,
    device: StorageDevice | None,
    *,
    name: str,
    kind: str = "",
    capacity: int | None = None,
) -> StorageDevice:
    """Add a device (``device`` None) or change one: its name unique in the collection
    whatever its case, its capacity no less than what it holds and its highest slot."""
    name = name.strip()
    if not name:
        raise PlaceRefused("A storage device needs a name.")
    if kind and kind not in DeviceKind.values:
        raise PlaceRefused(f"{kind!r} is no kind of storage device.")
    with writing():
        other = device_named(collection, name)
        if other is not None and (device is None or other.pk != device.pk):
            raise PlaceRefused(f"There is already a storage device named {other.name}.")
        if device is not None and capacity is not None:
            _fits_capacity(device, capacity)
        device = device or StorageDevice(collection=collection)
        device.name, device.kind, device.capacity = name, kind, capacity
        device.save()
        changed(counts=True)  # facets and chips name devices
        return device


def _fits_capacity(device: StorageDevice, capacity: int) -> None:
    inside = device.copies.count()
    if inside > capacity:
        raise PlaceRefused(
            f"{device.name} holds {inside} copies: its capacity cannot be less than that."
        )
    numbers = [number(slot) for slot in device.copies.values_list("storage_slot", flat=True)]
    highest = max((found for found in numbers if found is not None), default=0)
    if highest > capacity:
        raise PlaceRefused(
            f"Slot {highest} of {device.name} holds a copy: its capacity cannot be less than that."
        )


def delete_device(device: StorageDevice, into: StorageDevice | None = None, by=None) -> int:
    """Delete a device; its copies go into ``into`` (taking its free slots), or are left
    without a device or slot. Returns how many copies it held."""
    if into is not None and into.pk == device.pk:
        raise PlaceRefused("Choose another device to move its copies to.")
    with writing():
        copies = list(device.copies.select_for_update().order_by("index"))
        if into is not None:
            put_in(into, copies, by=by)
        else:
            moves = {copy.pk: (device, None, copy.storage_slot, "") for copy in copies}
            note_moves(copies, moves, by)
            Copy.everything.filter(storage_device=device).update(
                storage_device=None, storage_slot="", version=F("version") + 1
            )
        device.delete()
        changed(copies=[copy.pk for copy in copies], counts=True)
        return len(copies)


@dataclass(frozen=True)
class DeviceRow:
    device: StorageDevice
    copies: int
    free: int | None  # None: no limit


def devices(collection: Collection) -> list[DeviceRow]:
    """The collection's devices by name, with how many copies each holds and has room for."""
    found = StorageDevice.objects.filter(collection=collection).annotate(
        held=Count("copies", filter=Q(copies__trashed_at__isnull=True))
    )
    rows = []
    for device in found.order_by("name"):
        room = None if device.capacity is None else max(device.capacity - device.held, 0)
        rows.append(DeviceRow(device, device.held, room))
    return rows


# -- what a device page shows -----------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    number: str  # '5', or '5–12' for a run of free slots
    copies: tuple[Copy, ...]  # none: free; two or more: held twice (an import's doing)

    @property
    def free(self) -> bool:
        return not self.copies


def layout(device: StorageDevice, copies: list[Copy]) -> tuple[list[Slot], list[Copy]]:
    """The device's numbered slots in order, runs of free ones as one row, and the copies in
    no numbered slot (none given, or one that is no number)."""
    by_slot: dict[int, list[Copy]] = {}
    elsewhere = []
    for copy in copies:
        found = number(copy.storage_slot)
        if found is None:
            elsewhere.append(copy)
        else:
            by_slot.setdefault(found, []).append(copy)
    last = max([device.capacity or 0, *by_slot])
    slots: list[Slot] = []
    run: list[int] = []
    for slot in range(1, last + 1):
        if slot not in by_slot:
            run.append(slot)
            continue
        slots += _free_run(run)
        run = []
        slots.append(Slot(str(slot), tuple(by_slot[slot])))
    return slots + _free_run(run), elsewhere


def _free_run(run: list[int]) -> list[Slot]:
    if not run:
        return []
    name = str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"
    return [Slot(name, ())]


def free_count(device: StorageDevice, copies: list[Copy]) -> int | None:
    """How many more copies the device takes (None: no limit)."""
    return None if device.capacity is None else max(device.capacity - len(copies), 0)
