"""Forms for adding and editing copies. Pick-list values are typed (with suggestions) and
created when new; the services turn the cleaned values into rows."""

import re

from django import forms
from django.core.validators import MaxValueValidator

from cinecat.core import barcodes

from . import details, ratings, slots
from .fields import FieldMap, copy_fields, edition_fields, work_fields
from .models import (
    Copy,
    Edition,
    Format,
    Person,
    Viewing,
    Work,
    WorkKind,
)

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


class NamesField(forms.CharField):
    """Names of pick-list values, comma-separated: a tuple of names."""

    def __init__(self, *, split=split_list, **options) -> None:
        self.split = split
        super().__init__(required=False, validators=[_names_fit(split)], **options)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, tuple | list) else value

    def clean(self, value) -> tuple[str, ...]:
        return tuple(self.split(super().clean(value) or ""))


class NameField(NamesField):
    """One name of a pick list (a distributor, a storage device)."""

    def __init__(self, **options) -> None:
        super().__init__(split=_one_name, **options)

    def clean(self, value) -> str:
        names = super().clean(value)
        return names[0] if names else ""


class PathField(NamesField):
    """A place and the places it is in, outermost first: 'Living room / Shelf 2'."""

    def __init__(self, **options) -> None:
        super().__init__(split=split_path, **options)

    def prepare_value(self, value):
        return " / ".join(value) if isinstance(value, tuple | list) else value


class RegionsField(NamesField):
    """'1' or 'A, B' (or 'Region 2'): the region codes."""

    def clean(self, value) -> tuple[str, ...]:
        return tuple(region.removeprefix("Region ").strip() for region in super().clean(value))


class RecordForm(forms.ModelForm):
    """A form for one record of an entry: its cleaned data are the record's fields.

    The model's plain fields come from the record's field map (a plain field added to the
    record and the model appears here by itself); the others (names, paths, lists) are declared
    by each form, under the record's own names. ``record`` gives them their values.
    """

    fields_map: FieldMap

    def __init__(self, *args, record=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.fields_map.order)
        for field in self.fields.values():
            # An entry's fields are the disc's, not the person's: no browser autofill offers
            # one's own name for an edition's name or one's address for a distributor.
            field.widget.attrs.setdefault("autocomplete", "off")
        if record is not None:  # an initial given explicitly wins over the record's value
            for name in self.fields_map.order:
                if name in self.declared_fields:
                    self.initial.setdefault(name, getattr(record, name))

    def record_values(self) -> dict:
        """The cleaned data as record fields."""
        data = self.cleaned_data
        return {
            name: self.fields_map.from_column(name, data[name])
            for name in self.fields_map.order
            if name in data
        }

    def suggested(self) -> dict[str, type]:
        """Fields naming pick-list values → the model they are names of."""
        fields = self.fields_map
        named = fields.names + fields.name_sets + fields.paths
        return {name: fields.target(name) for name in named if name in self.fields}


def _plain(fields: FieldMap, *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The fields a record form takes from its model: those stored as they are or as lines."""
    return [name for name in fields.values + fields.lines if name not in leave_out]


class WorkForm(RecordForm):
    fields_map = work_fields()
    trailer_url = forms.URLField(
        required=False, max_length=500, assume_scheme="https", label="Trailer URL"
    )
    year = forms.IntegerField(required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    runtime_minutes = RuntimeField(required=False, label="Runtime", help_text="minutes, or h:mm")
    genres = NamesField(label="Genres", help_text="comma-separated")
    countries = NamesField(label="Countries")
    languages = NamesField(label="Languages")
    kind = forms.TypedChoiceField(
        choices=WorkKind.choices, required=False, empty_value=WorkKind.FILM, label="Kind"
    )

    class Meta:
        model = Work
        fields = _plain(work_fields())


class EditionForm(RecordForm):
    fields_map = edition_fields()
    barcode = BarcodeField(required=False, max_length=20, label="Barcode (UPC/EAN)")
    distributor = NameField(label="Distributor")
    regions = RegionsField(label="Regions", help_text="e.g. 1 or A, B")
    format = forms.ChoiceField(choices=Format.choices)

    class Meta:
        model = Edition
        fields = _plain(edition_fields())
        widgets = {
            "release_date": forms.DateInput(attrs={"type": "date"}),
            "audio": forms.Textarea(attrs={"rows": 2}),
            "subtitles": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"audio": LinesField, "subtitles": LinesField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["barcode"] = self.instance.barcode_display


class DetailsField(LinesField):
    """The copy's other details as text (see ``details``), cleaned into [[name, value], …]."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return details.as_text(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        try:
            return details.from_text(super().clean(value) or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class CopyForm(RecordForm):
    fields_map = copy_fields()
    location = PathField(label="Location", help_text="e.g. Living room / Shelf 2")
    storage_device = NameField(label="Storage device")
    tags = NamesField(label="Tags", help_text="comma-separated")
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
        # The times are the catalog's to stamp, not the page's to edit.
        fields = _plain(copy_fields(), leave_out=("added_at", "modified_at"))
        widgets = {
            "purchased_on": forms.DateInput(attrs={"type": "date"}),
            "expected_on": forms.DateInput(attrs={"type": "date"}),
            "sold_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"notes": LinesField}

    def __init__(self, *args, collection, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.collection = collection
        self.fields["index"].required = False
        self.fields["index"].validators.append(MaxValueValidator(INDEX_LIMIT))
        self.fields["index"].help_text = "left empty: the next free number"
        self.fields["viewings"].required = False  # left empty: never seen
        self.fields["my_rating"] = forms.TypedChoiceField(
            label="My rating",
            choices=[("", "not rated"), *ratings.CHOICES],
            coerce=int,
            empty_value=None,
            required=False,
            help_text="in half stars",
        )
        if self.instance.pk:
            self.initial["version"] = self.instance.version

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

    def clean_viewings(self):
        return self.cleaned_data.get("viewings") or 0

    def clean(self):
        data = super().clean()
        device = slots.device_named(self.collection, data.get("storage_device") or "")
        try:
            slots.check_slot(device, data.get("storage_slot") or "", self.instance)
        except slots.PlaceRefused as refused:
            self.add_error("storage_slot", str(refused))
        return data


class RowForm(forms.Form):
    """A row of a list edited in place: a blank row is left out however the page numbered it
    (its place, set by the page's script, is not a change)."""

    def has_changed(self) -> bool:
        return any(name not in ("ORDER", "DELETE") for name in self.changed_data)


class CreditForm(RowForm):
    name = forms.CharField(max_length=200, label="Name")
    character = forms.CharField(max_length=300, required=False, label="Character")
    job = forms.CharField(
        max_length=100,
        required=False,
        label="Job",
        help_text="empty for cast; Director, Writer … for crew",
    )

    def suggested(self) -> dict[str, type]:
        return {"name": Person}


CreditFormSet = forms.formset_factory(CreditForm, extra=2, can_order=True, can_delete=True)


class PlotForm(RowForm):
    kind = forms.ChoiceField(
        choices=[("summary", "Plot summary"), ("synopsis", "Synopsis")], initial="summary"
    )
    text = LinesField(widget=forms.Textarea(attrs={"rows": 4}))
    author = forms.CharField(max_length=200, required=False)


PlotFormSet = forms.formset_factory(PlotForm, extra=1, can_order=True, can_delete=True)


class ContentsForm(RowForm):
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


_TYPED = {"text", "number", "date", "search", "url", "email", "tel"}
_DERIVED = {"sort_title", "original_title"}  # the title stands for them when left empty


def focus_first_empty(*in_order: forms.Form) -> None:
    """Put the cursor in the first typed field still empty of ``in_order`` (forms as the page
    shows them): after a barcode or a title, the next thing to fill."""
    for form in in_order:
        for name, field in form.fields.items():
            if name in _DERIVED:
                continue
            widget = field.widget
            typed = getattr(widget, "input_type", None) in _TYPED
            if (typed or isinstance(widget, forms.Textarea)) and form[name].value() in (
                None,
                "",
                (),
                [],
            ):
                widget.attrs["autofocus"] = True
                return


class ViewingForm(forms.ModelForm):
    """One time the film was watched: when, where, with whom, a note."""

    class Meta:
        model = Viewing
        fields = ["watched_on", "place", "company", "note", "rewatch"]
        labels = {"watched_on": "Watched on", "place": "Where", "company": "With whom"}
        widgets = {
            "watched_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
