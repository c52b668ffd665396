"""Forms for adding and editing copies. Pick-list values are typed (with suggestions) and
created when new; the services turn the cleaned values into rows."""

import re

from django import forms
from django.core.validators import MaxValueValidator

from cinecat.core import barcodes
from cinecat.core.ids import as_number

from . import details
from .models import Copy, CopyStatus, Edition, Format, Work
from .models.copy import PERSONAL_VALUES

LIST_SPLIT = re.compile(r"\s*[,;]\s*")
# A film's year, wherever it is typed.
FIRST_YEAR, LAST_YEAR = 1870, 2100


def split_list(text: str) -> list[str]:
    """'Comedy, Drama; History' → ['Comedy', 'Drama', 'History'] (order kept, no repeats)."""
    return list(dict.fromkeys(part for part in LIST_SPLIT.split(text.strip()) if part))


def split_path(text: str) -> tuple[str, ...]:
    """'Living room / Shelf 2' → ('Living room', 'Shelf 2')."""
    return tuple(part.strip() for part in re.split(r"\s*[/›>]\s*", text) if part.strip())


INDEX_LIMIT = 2**31 - 1  # Copy.index, a PositiveIntegerField, on every database
NAME_LENGTH = 200  # the names of pick-list values: genres, people, places, tags, companies …


def _names_fit(split):
    """A validator: every name the text is cut into by ``split`` fits a pick list's names."""

    def check(text: str) -> None:
        for name in split(text):
            if len(name) > NAME_LENGTH:
                raise forms.ValidationError(
                    f"“{name[:40]}…” is {len(name)} characters; a name holds at most {NAME_LENGTH}."
                )

    return check


def _one_name(text: str) -> list[str]:
    return [text.strip()]


def _names_field(label: str, split=split_list, **options) -> forms.CharField:
    return forms.CharField(required=False, label=label, validators=[_names_fit(split)], **options)


class BarcodeField(forms.CharField):
    """A UPC/EAN, typed or scanned; stored as EAN-13."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return barcodes.normalize(value)
        except barcodes.BarcodeError as exc:
            raise forms.ValidationError(str(exc)) from exc


class LinesField(forms.CharField):
    """Text of several lines. Browsers end a textarea's lines with CR LF; they are stored
    ending with LF, as imports store them, so that a page saved unchanged changes nothing."""

    def to_python(self, value):
        text = super().to_python(value)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


class RuntimeField(forms.CharField):
    """107 or 1:47 → 107 minutes."""

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        if match := re.fullmatch(r"(\d{1,2}):([0-5]\d)", value, re.ASCII):
            return int(match[1]) * 60 + int(match[2])
        if re.fullmatch(r"\d{1,4}", value, re.ASCII):
            return int(value)
        raise forms.ValidationError(f"{value!r} is not a running time: write 107 or 1:47.")


class WorkForm(forms.ModelForm):
    trailer_url = forms.URLField(
        required=False, max_length=500, assume_scheme="https", label="Trailer URL"
    )
    year = forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    runtime = RuntimeField(required=False, label="Runtime", help_text="minutes, or h:mm")
    genres_text = _names_field("Genres", help_text="comma-separated")
    countries_text = _names_field("Countries")
    languages_text = _names_field("Languages")

    class Meta:
        model = Work
        fields = [
            "title",
            "original_title",
            "sort_title",
            "year",
            "colour",
            "trailer_url",
            "imdb_id",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        work = self.instance
        if work.pk:
            self.initial["runtime"] = work.runtime_minutes or ""
            for name in ("genres", "countries", "languages"):
                values = getattr(work, name).values_list("name", flat=True)
                self.initial[f"{name}_text"] = ", ".join(values)


class EditionForm(forms.ModelForm):
    barcode = BarcodeField(required=False, max_length=20, label="Barcode (UPC/EAN)")
    distributor_text = _names_field("Distributor", split=_one_name)
    regions_text = forms.CharField(required=False, label="Regions", help_text="e.g. 1 or A, B")
    format = forms.ChoiceField(choices=Format.choices)

    class Meta:
        model = Edition
        fields = [
            "format",
            "name",
            "release_date",
            "barcode",
            "rating_country",
            "rating",
            "discs",
            "packaging",
            "aspect_ratio",
            "audio",
            "subtitles",
        ]
        widgets = {
            "release_date": forms.DateInput(attrs={"type": "date"}),
            "audio": forms.Textarea(attrs={"rows": 2}),
            "subtitles": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"audio": LinesField, "subtitles": LinesField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        edition = self.instance
        if edition.pk:
            self.initial["barcode"] = edition.barcode_display
            self.initial["distributor_text"] = (
                edition.distributor.name if edition.distributor else ""
            )
            self.initial["regions_text"] = ", ".join(edition.regions)


class DetailsField(LinesField):
    """The copy's other details as text (see ``details``), cleaned into [[name, value], …]."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return details.as_text(value) if isinstance(value, list) else value

    def clean(self, value):
        try:
            return details.from_text(super().clean(value) or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class CopyForm(forms.ModelForm):
    location_text = _names_field(
        "Location", split=split_path, help_text="e.g. Living room / Shelf 2"
    )
    storage_text = _names_field("Storage device", split=_one_name)
    tags_text = _names_field("Tags", help_text="comma-separated")
    other_details = DetailsField(
        required=False,
        strip=False,
        label="Other details",
        help_text="one “name: value” per line; indent a line to carry on the value above",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The fingerprint of the edition and film the page showed (catalog.fingerprint).
    facts = forms.CharField(widget=forms.HiddenInput, required=False)
    # The film the page edits, by id: its place on the edition may change meanwhile.
    film_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Copy
        fields = ["index", *PERSONAL_VALUES, "other_details"]
        widgets = {
            "purchased_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"notes": LinesField}

    def __init__(self, *args, collection, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.collection = collection
        copy = self.instance
        self.fields["index"].required = False
        self.fields["index"].validators.append(MaxValueValidator(INDEX_LIMIT))
        self.fields["index"].help_text = "left empty: the next free number"
        if copy.pk:
            self.initial["version"] = copy.version
            self.initial["location_text"] = " / ".join(_path(copy.location))
            self.initial["storage_text"] = copy.storage_device.name if copy.storage_device else ""
            self.initial["tags_text"] = ", ".join(copy.tags.values_list("name", flat=True))

    def clean_index(self):
        index = self.cleaned_data.get("index")
        if index is None:
            return None
        taken = Copy.everything.filter(collection=self.collection, index=index)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        holder = taken.select_related("edition").first()
        if holder is not None:
            where = " (in the trash)" if holder.trashed_at else ""
            title = holder.first_work.title if holder.first_work else "another copy"
            raise forms.ValidationError(
                f"Index {index} is already used by {title}{where}. "
                f"Leave it empty for the next free number."
            )
        return index

    def clean_my_rating(self):
        rating = self.cleaned_data.get("my_rating")
        if rating is not None and rating > 10:
            raise forms.ValidationError("My rating goes from 0 to 10.")
        return rating


def _path(location) -> list[str]:
    names = []
    while location is not None:
        names.insert(0, location.name)
        location = location.parent
    return names


class CreditForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name")
    character = forms.CharField(max_length=300, required=False, label="Character")
    job = forms.CharField(
        max_length=100,
        required=False,
        label="Job",
        help_text="empty for cast; Director, Writer … for crew",
    )


CreditFormSet = forms.formset_factory(CreditForm, extra=2, can_order=True, can_delete=True)


class PlotForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("summary", "Plot summary"), ("synopsis", "Synopsis")], initial="summary"
    )
    text = LinesField(widget=forms.Textarea(attrs={"rows": 4}))
    author = forms.CharField(max_length=200, required=False)


PlotFormSet = forms.formset_factory(PlotForm, extra=1, can_order=True, can_delete=True)


class ContentsForm(forms.Form):
    """A film on the edition: one already there (its title shown, moved or removed here and
    edited on its own page) or a new one, found by title and year or created."""

    # Taken from the page's own list, never from what is posted: a row names only a film that
    # is on this edition.
    work = forms.IntegerField(widget=forms.HiddenInput, required=False, disabled=True)
    title = forms.CharField(max_length=300, required=False, label="Title")
    year = forms.IntegerField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR, label="Year"
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.initial.get("work"):
            self.fields["title"].disabled = self.fields["year"].disabled = True
            # Shown, not edited here: a stored year is not this form's to refuse.
            self.fields["year"].validators = []


class BaseContentsFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form)
            and (form.cleaned_data.get("work") or form.cleaned_data.get("title"))
        ]
        if not kept:
            raise forms.ValidationError(
                "An edition holds at least one film: keep one, or delete the copy instead."
            )


ContentsFormSet = forms.formset_factory(
    ContentsForm, formset=BaseContentsFormSet, extra=1, can_order=True, can_delete=True
)


class AddByBarcodeForm(forms.Form):
    barcode = BarcodeField(
        required=False,
        max_length=20,
        label="Barcode",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "autofocus": True}
        ),
    )
    photo = forms.FileField(
        required=False,
        label="Photo of the barcode",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("barcode") and not data.get("photo") and not self.errors:
            raise forms.ValidationError("Type or scan a barcode, or take a photo of it.")
        return data


class CopiesField(forms.ModelMultipleChoiceField):
    """Copies chosen by id; a value that is no id is an error, not a database error."""

    def clean(self, value):
        for item in value or ():
            if as_number(str(item)) is None:
                raise forms.ValidationError(f"Copies: {str(item)[:40]!r} names no copy.")
        return super().clean(value)


class BatchForm(forms.Form):
    copies = CopiesField(
        queryset=Copy.objects.none(),
        required=True,
        error_messages={"required": "Select copies first."},
    )
    location_text = _names_field("Move to location", split=split_path)
    storage_text = _names_field("Put in storage device", split=_one_name)
    owner = forms.CharField(required=False, label="Set owner", max_length=NAME_LENGTH)
    status = forms.ChoiceField(choices=[("", "—"), *CopyStatus.choices], required=False)
    add_tags = _names_field("Add tags")
    remove_tags = _names_field("Remove tags")

    def __init__(self, *args, collection, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copies"].queryset = collection.copies.all()


class CoverForm(forms.Form):
    front = forms.FileField(
        required=False,
        label="Front cover",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    back = forms.FileField(
        required=False,
        label="Back cover",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def clean(self):
        from .covers import CoverError, validate_cover

        data = super().clean()
        for side in ("front", "back"):
            if data.get(side):
                try:
                    validate_cover(data[side])
                except CoverError as exc:
                    self.add_error(side, str(exc))
        return data
