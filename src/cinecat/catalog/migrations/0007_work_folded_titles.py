"""Works get their folded titles: one to order lists by, one for imports to match titles on."""

from django.db import migrations, models

from cinecat.catalog.models.work import folded_titles

BATCH = 2000  # works read and written a statement: memory stays flat at any size


def fill_folded_titles(apps, schema_editor) -> None:
    """Fold the titles of every existing work, a batch at a time, in id order."""
    Work = apps.get_model("catalog", "Work")
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    update = (
        f"UPDATE {quote(Work._meta.db_table)} SET {quote('title_order')} = %s,"
        f" {quote('folded_title')} = %s WHERE {quote('id')} = %s"
    )
    last = 0
    while True:
        rows = list(
            Work.objects.using(connection.alias)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "title", "sort_title")[:BATCH]
        )
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                update, [(*folded_titles(title, sort), pk) for pk, title, sort in rows]
            )
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_copy_shelf_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="work",
            options={"ordering": ["title_order", "sort_title", "title"]},
        ),
        migrations.AddField(
            model_name="work",
            name="title_order",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name="work",
            name="folded_title",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=300),
        ),
        migrations.RunPython(fill_folded_titles, migrations.RunPython.noop, elidable=True),
    ]
