"""The forms that manage places: storage devices and the locations that nest."""

from django import forms

from .forms import NAME_LENGTH, PathField
from .models import DeviceKind, Location, StorageDevice
from .places import TO_OTHER, TO_PARENT, UNPLACED

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


class PlaceAddForm(forms.Form):
    path = PathField(label="New place", help_text="Study / Shelf 2: each level is made when new")

    def clean_path(self):
        path = self.cleaned_data["path"]
        if not path:
            raise forms.ValidationError("Name the place: Study / Shelf 2.")
        return path


class RenameForm(forms.Form):
    name = forms.CharField(max_length=NAME_LENGTH, label="New name")


class _PlaceChoice(forms.ModelChoiceField):
    def label_from_instance(self, place: Location) -> str:
        return place.path


def _others(place: Location):
    return Location.objects.filter(collection=place.collection).order_by("path_order")


class MoveForm(forms.Form):
    parent = _PlaceChoice(
        queryset=Location.objects.none(),
        required=False,
        empty_label="The top level",
        label="Move into",
    )

    def __init__(self, *args, place: Location, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _others(place).exclude(pk=place.pk)


class MergeForm(forms.Form):
    into = _PlaceChoice(queryset=Location.objects.none(), label="Merge into")

    def __init__(self, *args, place: Location, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = _others(place).exclude(pk=place.pk)


class PlaceDeleteForm(forms.Form):
    choice = forms.ChoiceField(
        label="What it holds",
        widget=forms.RadioSelect,
        choices=[
            (TO_PARENT, "Goes to the place around it"),
            (TO_OTHER, "Goes to another place"),
            (UNPLACED, "Is left without a place (the places inside it are deleted too)"),
        ],
    )
    other = _PlaceChoice(queryset=Location.objects.none(), required=False, label="Other place")

    def __init__(self, *args, place: Location, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = _others(place).exclude(pk=place.pk)
        if place.parent_id is None:
            self.fields["choice"].choices = [
                c for c in self.fields["choice"].choices if c[0] != TO_PARENT
            ]

    def clean(self):
        data = super().clean()
        if data.get("choice") == TO_OTHER and not data.get("other"):
            self.add_error("other", "Choose the place its copies go to.")
        return data
