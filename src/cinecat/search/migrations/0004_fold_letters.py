"""Search documents fold ł, ø, đ, æ, œ … to their base letters, as titles are ordered.

A stored document is already folded but for these letters, which folding now turns last of
all: turning them in the stored text gives what a rebuild would, without rebuilding. The
database's own triggers (SQLite) or generated columns (PostgreSQL) follow the updated rows.
"""

from django.db import migrations
from django.db.models import Q

from cinecat.core.folding import LETTERS

TEXTS = ("title_text", "people_text", "body_text")
BATCH = 500


def fold_letters(apps, schema_editor) -> None:
    document = apps.get_model("search", "SearchDocument")
    letters = [chr(code) for code in LETTERS]
    holding = Q()
    for name in TEXTS:
        for letter in letters:
            holding |= Q(**{f"{name}__contains": letter})
    found = document.objects.filter(holding).order_by("pk")
    ids = list(found.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = list(document.objects.filter(pk__in=ids[start : start + BATCH]))
        for row in rows:
            for name in TEXTS:
                setattr(row, name, getattr(row, name).translate(LETTERS))
        document.objects.bulk_update(rows, TEXTS)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_full_text_in_bulk")]

    operations = [migrations.RunPython(fold_letters, migrations.RunPython.noop, elidable=True)]
