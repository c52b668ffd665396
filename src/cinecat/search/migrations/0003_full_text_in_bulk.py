"""SQLite: the insert trigger stands aside while ``reindex`` fills the FTS5 table itself.

FTS5 takes rows about three times faster from one INSERT … SELECT than from a trigger fired row
by row, which was a tenth of a large import. ``search_fts_bulk`` holds one flag: 0, and the
trigger mirrors every inserted document as before; 1 only inside ``reindex``'s own transaction
(other connections never see it), while it copies the documents it has just written.
"""

from django.db import migrations

from cinecat.search.vendor_sql import run

INSERT_TRIGGER = """CREATE TRIGGER search_document_insert AFTER INSERT ON search_searchdocument
    {when}BEGIN
        INSERT INTO search_fts(rowid, title_text, people_text, body_text)
        VALUES (new.copy_id, new.title_text, new.people_text, new.body_text);
    END"""

SQLITE = [
    "CREATE TABLE search_fts_bulk (active integer NOT NULL)",
    "INSERT INTO search_fts_bulk (active) VALUES (0)",
    "DROP TRIGGER search_document_insert",
    INSERT_TRIGGER.format(when="WHEN (SELECT active FROM search_fts_bulk) = 0\n    "),
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_document_insert",
    INSERT_TRIGGER.format(when=""),
    "DROP TABLE search_fts_bulk",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(run({"sqlite": SQLITE}), run({"sqlite": SQLITE_REVERSE}))]
