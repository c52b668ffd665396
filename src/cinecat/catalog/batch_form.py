"""The batch edit's form: copies picked in the list, and what to change in all of them."""

from django import forms

from cinecat.core.ids import as_number

from .forms import INDEX_LIMIT, NAME_LENGTH, NameField, NamesField, PathField
from .models import Copy, CopyStatus, Location, StorageDevice, Tag


class CopiesField(forms.ModelMultipleChoiceField):
    """Copies chosen by id; a value that is no id is an error, not a database error. A copy
    gone meanwhile (deleted from its own page while picked) is left out."""

    def clean(self, value):
        ids = []
        for item in value or ():
            if (number := as_number(str(item))) is None:
                raise forms.ValidationError(f"Copies: {str(item)[:40]!r} names no copy.")
            ids.append(number)
        return self.queryset.filter(pk__in=ids)


class BatchForm(forms.Form):
    copies = CopiesField(queryset=Copy.objects.none(), required=False)
    location = PathField(label="Move to location")
    storage_device = NameField(label="Put in storage device")
    owner = forms.CharField(required=False, label="Set owner", max_length=NAME_LENGTH)
    status = forms.ChoiceField(choices=[("", "—"), *CopyStatus.choices], required=False)
    add_tags = NamesField(label="Add tags")
    remove_tags = NamesField(label="Remove tags")
    first_slot = forms.IntegerField(
        required=False, min_value=1, max_value=INDEX_LIMIT, label="From slot"
    )

    def __init__(self, *args, collection, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copies"].queryset = collection.copies.all()

    def clean(self):
        data = super().clean()
        if data.get("first_slot") and not data.get("storage_device"):
            self.add_error("first_slot", "Name the storage device the slots are in.")
        return data

    def suggested(self) -> dict[str, type]:
        return {"location": Location, "storage_device": StorageDevice, "add_tags": Tag}
