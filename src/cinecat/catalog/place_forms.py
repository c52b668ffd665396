"""The forms that manage places: storage devices and the locations that nest."""

from django import forms

from .forms import NAME_LENGTH
from .models import DeviceKind, StorageDevice

CAPACITY_LIMIT = 100_000  # slots a device may have: a device page lists them all


class DeviceForm(forms.Form):
    name = forms.CharField(max_length=NAME_LENGTH, label="Name")
    kind = forms.ChoiceField(choices=[("", "—"), *DeviceKind.choices], required=False)
    capacity = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=CAPACITY_LIMIT,
        label="Capacity",
        help_text="Slots 1 to this; empty: no limit",
    )


class DeviceDeleteForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=StorageDevice.objects.none(),
        required=False,
        empty_label="Leave them without a device",
        label="Its copies go to",
    )

    def __init__(self, *args, device: StorageDevice, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        others = StorageDevice.objects.filter(collection=device.collection).exclude(pk=device.pk)
        self.fields["into"].queryset = others.order_by("name")
