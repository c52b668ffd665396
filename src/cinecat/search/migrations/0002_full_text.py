"""Full-text structures the ORM does not describe: an FTS5 table on SQLite, tsvector columns with
GIN indexes on PostgreSQL. Both follow search_searchdocument by themselves."""

from django.db import migrations

from cinecat.search.vendor_sql import run

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_text, people_text, body_text,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    )""",
    """CREATE TRIGGER search_document_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title_text, people_text, body_text)
        VALUES (new.copy_id, new.title_text, new.people_text, new.body_text);
    END""",
    """CREATE TRIGGER search_document_delete AFTER DELETE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.copy_id;
    END""",
    """CREATE TRIGGER search_document_update AFTER UPDATE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.copy_id;
        INSERT INTO search_fts(rowid, title_text, people_text, body_text)
        VALUES (new.copy_id, new.title_text, new.people_text, new.body_text);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_document_update",
    "DROP TRIGGER search_document_delete",
    "DROP TRIGGER search_document_insert",
    "DROP TABLE search_fts",
]

POSTGRES = [
    """ALTER TABLE search_searchdocument
        ADD COLUMN title_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('simple', title_text)) STORED,
        ADD COLUMN vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_text), 'A')
            || setweight(to_tsvector('simple', people_text), 'B')
            || setweight(to_tsvector('simple', body_text), 'C')
        ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING gin (title_vector)",
]
POSTGRES_REVERSE = [
    "ALTER TABLE search_searchdocument DROP COLUMN vector, DROP COLUMN title_vector",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
