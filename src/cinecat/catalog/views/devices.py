"""Storage devices: the list of them, a device's slots with the copy in each and the free
ones, and adding, changing and deleting a device."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import selectors, slots
from ..models import StorageDevice
from ..place_forms import DeviceDeleteForm, DeviceForm


def _copies(count: int) -> str:
    return f"{count} cop{'y' if count == 1 else 'ies'}"


def device_list(request: HttpRequest, collection: str) -> HttpResponse:
    """Every storage device of the collection, how full it is, and a form to add one."""
    current = selectors.resolve_collection(collection)
    form = DeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = slots.save_device(current, None, **form.cleaned_data)
        except slots.PlaceRefused as refused:
            form.add_error("name", str(refused))
        else:
            messages.success(request, f"Added {device.name}.")
            return redirect(device.get_absolute_url())
    context = {"collection": current, "devices": slots.devices(current), "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "catalog/device_list.html", context, status=status)


def storage_detail(request: HttpRequest, collection: str, device: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(StorageDevice, pk=device, collection=current)
    initial = {"name": place.name, "kind": place.kind, "capacity": place.capacity}
    return _detail(request, current, place, DeviceForm(initial=initial))


def _detail(request, collection, device, form, delete_form=None, status=200) -> HttpResponse:
    copies = selectors.in_storage_device(collection, device)
    numbered, elsewhere = slots.layout(device, copies)
    context = {
        "collection": collection,
        "place": device,
        "copies": copies,
        "slots": numbered,
        "elsewhere": elsewhere,
        "free": slots.free_count(device, copies),
        "form": form,
        "delete_form": delete_form or DeviceDeleteForm(device=device),
    }
    return render(request, "catalog/device_detail.html", context, status=status)


@require_POST
def device_edit(request: HttpRequest, collection: str, device: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(StorageDevice, pk=device, collection=current)
    form = DeviceForm(request.POST)
    if form.is_valid():
        try:
            slots.save_device(current, place, **form.cleaned_data)
        except slots.PlaceRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Saved {place.name}.")
            return redirect(place.get_absolute_url())
    place.refresh_from_db()
    return _detail(request, current, place, form, status=400)


@require_POST
def device_delete(request: HttpRequest, collection: str, device: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(StorageDevice, pk=device, collection=current)
    form = DeviceDeleteForm(request.POST, device=place)
    if form.is_valid():
        into = form.cleaned_data["into"]
        try:
            count = slots.delete_device(place, into, by=request.user)
        except slots.PlaceRefused as refused:
            form.add_error("into", str(refused))
        else:
            where = f"moved to {into.name}" if into else "left without a device"
            messages.success(request, f"Deleted {place.name}: {_copies(count)} {where}.")
            return redirect(reverse("catalog:device-list", kwargs={"collection": current.slug}))
    initial = {"name": place.name, "kind": place.kind, "capacity": place.capacity}
    return _detail(request, current, place, DeviceForm(initial=initial), form, status=400)
