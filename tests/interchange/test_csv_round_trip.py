"""Alice moves out with a CSV of every column, and back in to a catalog that starts empty."""

import csv
import io

from cinecat.interchange.export import export_collection
from cinecat.interchange.formats import csv_export

EVERY_COLUMN = list(csv_export.COLUMNS)


def exported_csv(collection, columns=EVERY_COLUMN) -> bytes:
    stream = io.BytesIO()
    export_collection(collection, "csv", stream, columns=columns)
    return stream.getvalue()


def test_csv_writes_a_box_sets_own_values_once_a_work(alice_catalog):
    columns = ["title", "original_title", "year", "runtime_minutes", "imdb_id", "genres"]
    _, box, wish, _ = csv.reader(io.StringIO(exported_csv(alice_catalog, columns).decode()))
    assert box == [
        "Alien; Aliens; Alien 3",
        "Alien; ; ",
        "1979; 1986; 1992",
        "117; ; ",
        "tt0078748; ; ",
        "Sci-Fi; Horror",
    ]
    assert wish == ["Heat", "", "1995", "", "", "Crime"]
