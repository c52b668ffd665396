"""The forms of lending and of a copy's moves: what they take, checked and named per field."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from cinecat.catalog.models import Collection

from .models import Borrower


class DateInput(forms.DateInput):
    input_type = "date"


class LendForm(forms.Form):
    borrower = forms.CharField(
        max_length=200, label="Borrower", help_text="a name you lent to before, or a new one"
    )
    email = forms.EmailField(required=False, label="E-mail", help_text="for a new borrower")
    phone = forms.CharField(max_length=40, required=False, label="Phone")
    lent_on = forms.DateField(label="Lent on", widget=DateInput)
    due_on = forms.DateField(required=False, label="Due back", widget=DateInput)
    notes = forms.CharField(required=False, label="Note", help_text="e.g. “the case is cracked”")

    def __init__(self, *args, collection: Collection, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lent_on"].initial = timezone.localdate
        # The names a collection lent to before, offered as one types (see borrower_suggest).
        self.fields["borrower"].widget.attrs.update(
            {
                "list": "borrower-names",
                "autocomplete": "off",
                "hx-get": reverse(
                    "lending:borrower-suggest", kwargs={"collection": collection.slug}
                ),
                "hx-trigger": "input changed delay:200ms",
                "hx-target": "#borrower-names",
                "hx-swap": "innerHTML",
            }
        )


class BorrowerForm(forms.ModelForm):
    class Meta:
        model = Borrower
        fields = ["name", "email", "phone", "notes"]
        labels = {"email": "E-mail"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class BuyForm(forms.Form):
    price = forms.DecimalField(
        required=False, min_value=0, max_digits=10, decimal_places=2, label="Price"
    )
    store = forms.CharField(max_length=200, required=False, label="Store")
    purchased_on = forms.DateField(label="Bought on", widget=DateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purchased_on"].initial = timezone.localdate


class OrderForm(BuyForm):
    expected_on = forms.DateField(required=False, label="Expected on", widget=DateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purchased_on"].label = "Ordered on"


class SellForm(forms.Form):
    price = forms.DecimalField(
        required=False, min_value=0, max_digits=10, decimal_places=2, label="Sold for"
    )
    sold_on = forms.DateField(label="Sold on", widget=DateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sold_on"].initial = timezone.localdate


def errors_in_words(form: forms.Form) -> str:
    """A bound form's errors as one sentence per field: "Due back: Enter a valid date." """
    said = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else "Form"
        said += [f"{label}: {error}" for error in errors]
    return " ".join(said)
