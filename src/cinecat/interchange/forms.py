from django import forms
from django.conf import settings

from . import registry
from .models import OnDuplicate


def _format_choices() -> list[tuple[str, str]]:
    return [("", "Recognise it from the content")] + sorted(
        ((fmt.key, fmt.label) for fmt in registry.readable()), key=lambda choice: choice[1]
    )


class ImportForm(forms.Form):
    upload = forms.FileField(label="File")
    format_key = forms.ChoiceField(label="Format", choices=_format_choices, required=False)
    on_duplicate = forms.ChoiceField(
        label="When an entry is already in the collection",
        choices=OnDuplicate.choices,
        initial=OnDuplicate.UPDATE,
    )
    add_unmatched = forms.BooleanField(
        label="Add the films I do not own (Letterboxd)",
        required=False,
        help_text="A film of the diary that the collection does not hold is added as "
        "watched, not owned; otherwise the report lists it and it is skipped.",
    )
    keep_going = forms.BooleanField(
        label="Import the valid entries even if some fail",
        required=False,
        help_text="Otherwise one bad entry stops the import and nothing is changed.",
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        limit = settings.CINECAT_MAX_UPLOAD_MB
        if upload.size > limit * 1024 * 1024:
            size = upload.size / 1024 / 1024
            raise forms.ValidationError(
                f"{upload.name} is {size:,.0f} MB; the largest import accepted is {limit} MB."
            )
        if upload.size == 0:
            raise forms.ValidationError(f"{upload.name} is empty.")
        return upload
