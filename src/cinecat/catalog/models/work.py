"""The film or programme itself, whatever it was released on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cinecat.core.folding import fold, fold_case


class WorkKind(models.TextChoices):
    FILM = "film", "Film"
    SERIES = "series", "Series"


class Work(models.Model):
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=6,
        choices=WorkKind.choices,
        default=WorkKind.FILM,
        help_text="A series has seasons and episodes",
    )
    sort_title = models.CharField(max_length=300, blank=True, db_index=True)
    # Kept from the titles by fold_titles(): lists are ordered by title_order (the sort title
    # whatever its case and accents), and imports match a title by folded_title.
    title_order = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    folded_title = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    original_title = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField("runtime", null=True, blank=True)
    # Spelt as the installation's language spells it (CINECAT_LANGUAGE: "colour" in en-gb).
    colour = models.CharField(
        _("color"), max_length=100, blank=True, help_text="e.g. Color, Black & White"
    )
    genres = models.ManyToManyField("catalog.Genre", blank=True, related_name="works")
    countries = models.ManyToManyField("catalog.Country", blank=True, related_name="works")
    languages = models.ManyToManyField("catalog.Language", blank=True, related_name="works")
    trailer_url = models.URLField("trailer URL", max_length=500, blank=True)
    imdb_id = models.CharField("IMDb ID", max_length=16, blank=True, db_index=True)
    tmdb_id = models.PositiveIntegerField("TMDb ID", null=True, blank=True, db_index=True)
    studios = models.ManyToManyField(
        "catalog.Company", blank=True, related_name="studio_works", help_text="Who produced it"
    )
    series = models.CharField(max_length=200, blank=True, help_text="e.g. James Bond")
    tagline = models.TextField(blank=True)
    imdb_rating = models.DecimalField(
        "IMDb rating", max_digits=3, decimal_places=1, null=True, blank=True
    )
    imdb_votes = models.PositiveIntegerField("IMDb votes", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title_order", "sort_title", "title"]
        indexes = [models.Index(fields=["title", "year"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs) -> None:
        if not self.sort_title:
            self.sort_title = sort_key(self.title)
        fold_titles(self)
        super().save(*args, **kwargs)

    @property
    def facts_line(self) -> str:
        """'UK | English | Color | 01:47', as collectors' pages print it."""
        parts = [
            ", ".join(country.name for country in self.countries.all()),
            ", ".join(language.name for language in self.languages.all()),
            self.colour,
            format_runtime(self.runtime_minutes),
        ]
        return " | ".join(part for part in parts if part)

    @property
    def is_series(self) -> bool:
        return self.kind == WorkKind.SERIES

    @property
    def cast(self) -> models.QuerySet["Credit"]:
        return self.credits.filter(role=CreditRole.CAST).select_related("person")

    @property
    def crew(self) -> models.QuerySet["Credit"]:
        return self.credits.filter(role=CreditRole.CREW).select_related("person")

    @property
    def directors(self) -> list[str]:
        return [credit.person.name for credit in self.crew.filter(job="Director")]


def format_runtime(minutes: int | None) -> str:
    """107 → '01:47'."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours:02d}:{rest:02d}"


_ARTICLES = ("the ", "a ", "an ")


SORT_TITLE_LENGTH = 300  # Work.sort_title's max_length


def sort_key(title: str) -> str:
    """'The Death Of Stalin' sorts as 'Death Of Stalin, The', as shelves are ordered; cut to
    the sort title's column (a 300-character title with its article moved is one longer)."""
    lowered = title.lower()
    for article in _ARTICLES:
        if lowered.startswith(article) and len(title) > len(article):
            return f"{title[len(article) :]}, {title[: len(article) - 1]}"[:SORT_TITLE_LENGTH]
    return title[:SORT_TITLE_LENGTH]


FOLDED_TITLES = ["title_order", "folded_title"]  # the fields fold_titles() sets


def fold_titles(work) -> None:
    """Set a work's folded titles from its titles: whoever writes a title calls this, on a
    Work or on a plain row of one (an import's ``NewRow``)."""
    work.title_order, work.folded_title = folded_titles(work.title, work.sort_title)


def folded_titles(title: str, sort_title: str) -> tuple[str, str]:
    """The ordering key (of the sort title, or of the title as it would sort) and the title
    matched by imports, each cut to its column (folding 'ß' to 'ss' lengthens a title)."""
    return fold(sort_title or sort_key(title))[:SORT_TITLE_LENGTH], folded_title(title)


def folded_title(title: str) -> str:
    """A title as it is matched, whatever its case ('ÖTZI' is 'Ötzi'), cut to its column."""
    return fold_case(title)[:SORT_TITLE_LENGTH]


class CreditRole(models.TextChoices):
    CAST = "cast", "Cast"
    CREW = "crew", "Crew"


class Credit(models.Model):
    """A person in a work: an actor with the character played, or crew with a job."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey("catalog.Person", on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=4, choices=CreditRole.choices, default=CreditRole.CAST)
    character = models.CharField(max_length=300, blank=True)
    job = models.CharField(max_length=100, blank=True, help_text="Director, Writer, Composer …")
    order = models.PositiveIntegerField(default=0)
    credited_as = models.CharField(
        max_length=300, blank=True, help_text="The name on screen, where it is not theirs"
    )
    voice = models.BooleanField(default=False, help_text="A voice role")
    uncredited = models.BooleanField(default=False)
    puppeteer = models.BooleanField(default=False)
    department = models.CharField(
        max_length=100, blank=True, help_text="A crew credit's kind: Direction, Writing, Music …"
    )
    group = models.CharField(
        max_length=300, blank=True, help_text="The episode or film of the disc it is under"
    )

    class Meta:
        ordering = ["work", "role", "order", "id"]
        indexes = [models.Index(fields=["work", "role", "order"])]

    def __str__(self) -> str:
        detail = self.character if self.role == CreditRole.CAST else self.job
        return f"{self.person.name} — {detail}" if detail else self.person.name


class PlotKind(models.TextChoices):
    SUMMARY = "summary", "Plot summary"
    SYNOPSIS = "synopsis", "Synopsis"


class Plot(models.Model):
    """A plot text with its author: several signed summaries and a long synopsis per work."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="plots")
    kind = models.CharField(max_length=8, choices=PlotKind.choices, default=PlotKind.SUMMARY)
    text = models.TextField()
    author = models.CharField(max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)
    markup = models.CharField(
        max_length=4,
        choices=[("text", "Plain text"), ("html", "HTML")],
        default="text",
        help_text="HTML keeps a source's bold, italics and line breaks (an allow-list only)",
    )

    class Meta:
        ordering = ["work", "order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author}" if self.author else self.kind


class Episode(models.Model):
    """An episode of a series, in the series' order: a source that gives no season or number
    leaves them empty (a flat list stays a flat list)."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="episodes")
    order = models.PositiveIntegerField(default=0)
    season = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Its number in its season, or in the series"
    )
    title = models.CharField(max_length=300, blank=True)
    air_date = models.DateField("original air date", null=True, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField("runtime", null=True, blank=True)
    plot = models.TextField(blank=True)
    group = models.CharField(
        "credits' group",
        max_length=300,
        blank=True,
        help_text="The group of the work's credits that are this episode's (its guests)",
    )

    class Meta:
        ordering = ["work", "order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip() if self.code else self.title

    @property
    def code(self) -> str:
        """'2.07' for season 2, episode 7; '7' with no season; '' with no number."""
        if self.number is None:
            return ""
        return f"{self.season}.{self.number:02d}" if self.season is not None else str(self.number)
