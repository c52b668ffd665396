"""The reference store: IMDb's non-commercial datasets, as the user downloaded them, to look in.

Tables of their own, never joined with the catalog's, with their own indexes: the catalog's
queries do not see them. Ids are IMDb's numbers without their prefix (tt0137523 is 137523,
nm0000093 is 93) and no foreign key ties the tables: they are a read-only copy, loaded file by
file (``ImdbLoad`` follows each). Titles are those a shelf may hold (``imdb_files.KINDS``);
episodes are counted per season of their series, not kept.
"""

from django.db import models


def title_key_index(name: str) -> models.Index:
    """An index on a folded title, also for prefix searches on PostgreSQL (``LIKE 'x%'`` needs
    ``text_pattern_ops`` under a database locale; SQLite ignores the operator class)."""
    return models.Index(fields=["key"], name=name, opclasses=["text_pattern_ops"])


class ImdbTitle(models.Model):
    id = models.PositiveIntegerField(primary_key=True, help_text="tt0137523 is 137523")
    kind = models.CharField(max_length=20, help_text="IMDb's titleType: movie, tvSeries …")
    title = models.TextField()
    original_title = models.TextField(blank=True)
    key = models.TextField(help_text="The title folded for search (imdb_files.title_key)")
    is_adult = models.BooleanField(default=False)
    start_year = models.PositiveSmallIntegerField(null=True)
    end_year = models.PositiveSmallIntegerField(null=True)
    runtime_minutes = models.PositiveIntegerField(null=True)
    genres = models.TextField(blank=True, help_text="Comma-separated, as in the file")

    class Meta:
        indexes = [title_key_index("imdb_title_key")]

    def __str__(self) -> str:
        return f"tt{self.id:07d} {self.title}"


class ImdbAka(models.Model):
    """Another title of a title: in a region, a language, or the original's own."""

    pk = models.CompositePrimaryKey("title_id", "ordering")
    title_id = models.PositiveIntegerField()
    ordering = models.PositiveSmallIntegerField()
    name = models.TextField()
    key = models.TextField()
    region = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [title_key_index("imdb_aka_key")]

    def __str__(self) -> str:
        return f"tt{self.title_id:07d} {self.name} ({self.region or self.language})"


class ImdbPrincipal(models.Model):
    """A principal of a title, in billing order: cast with characters, crew with a category."""

    pk = models.CompositePrimaryKey("title_id", "ordering")
    title_id = models.PositiveIntegerField()
    ordering = models.PositiveSmallIntegerField()
    person_id = models.PositiveIntegerField()
    category = models.CharField(max_length=40)
    job = models.TextField(blank=True)
    characters = models.TextField(blank=True, help_text="Joined by ' / '")

    def __str__(self) -> str:
        return f"tt{self.title_id:07d} #{self.ordering}: nm{self.person_id:07d} {self.category}"


class ImdbCrew(models.Model):
    """A title's directors and writers, as IMDb lists them all (principals stop at ten)."""

    title_id = models.PositiveIntegerField(primary_key=True)
    directors = models.TextField(blank=True, help_text="Person ids, comma-separated")
    writers = models.TextField(blank=True, help_text="Person ids, comma-separated")

    def __str__(self) -> str:
        return f"tt{self.title_id:07d}: directors {self.directors}"


class ImdbName(models.Model):
    """A person credited on a kept title."""

    id = models.PositiveIntegerField(primary_key=True, help_text="nm0000093 is 93")
    name = models.TextField()
    birth_year = models.PositiveSmallIntegerField(null=True)
    death_year = models.PositiveSmallIntegerField(null=True)

    def __str__(self) -> str:
        return f"nm{self.id:07d} {self.name}"


class ImdbRating(models.Model):
    title_id = models.PositiveIntegerField(primary_key=True)
    average = models.FloatField()
    votes = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"tt{self.title_id:07d}: {self.average} ({self.votes} votes)"


class ImdbSeason(models.Model):
    """How many episodes a series has in a season (0: episodes IMDb gives no season)."""

    pk = models.CompositePrimaryKey("series_id", "season")
    series_id = models.PositiveIntegerField()
    season = models.PositiveIntegerField()
    episodes = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"tt{self.series_id:07d} season {self.season}: {self.episodes} episodes"


class ImdbLoad(models.Model):
    """How far the load of one dataset file got: resumed from ``lines_done`` after a stop."""

    file = models.CharField(max_length=40, unique=True, help_text="title.basics, name.basics …")
    size = models.PositiveBigIntegerField(help_text="The file's size, to notice a new download")
    modified = models.FloatField(help_text="The file's modification time (seconds)")
    lines_done = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0, help_text="Rows written (episodes counted)")
    malformed = models.PositiveBigIntegerField(default=0)
    complete = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        state = "complete" if self.complete else f"{self.lines_done:,} lines"
        return f"{self.file}: {state}"
