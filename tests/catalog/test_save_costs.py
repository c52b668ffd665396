"""What one save of the edit page costs: the search index is brought up to date once."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cinecat.catalog.models import Copy
from cinecat.interchange.services import import_files
from cinecat.search import derived
from tests.catalog.test_editing import edit_data

# Measured with this save: 35 index passes and 350 statements when every deleted credit and
# plot refreshed the index on its own, and every credit, plot and genre was written again; now
# one pass and 84 statements on SQLite, a dozen of them reading the entry's studios,
# co-distributors, discs and viewings for its history. Since series, slots and vectors: 99, the
# entry's episodes, the storage device's slot check and the film's vector read as well (the
# bound leaves a margin for PostgreSQL).
# Signed in, the request also reads its session, its user and the user's membership: 3 more.
STATEMENTS = 107


def test_saving_the_reference_copy_with_one_field_changed_reindexes_once(
    client, alice_collection, reference_path
):
    import_files([reference_path], alice_collection)
    copy = Copy.objects.get()
    data = edit_data(copy, **{"copy-owner": "Kerry & Dawn, and friends"})
    passes = []
    real = derived.reindex

    def counted(ids):
        passes.append(set(ids))
        return real(ids)

    with mock.patch.object(derived, "reindex", counted), CaptureQueriesContext(connection) as q:
        response = client.post(f"/c/alice/{copy.index}/edit/", data)
    assert response.status_code == 302
    assert passes == [{copy.pk}]
    assert len(q.captured_queries) <= STATEMENTS, len(q.captured_queries)
