"""The admin: every model can be inspected and fixed, and every write there goes through the
change hook (the search index and the facet counts follow), once per request."""

from django.contrib import admin
from django.db.models import Model

from . import models
from .changes import changed, writing


class ChangesAdmin(admin.ModelAdmin):
    """A model admin whose writes name what they change to the change hook."""

    def touched(self, obj: Model) -> dict:
        """What a write of ``obj`` changes, as ``changed()`` arguments: by default the counts."""
        return {"counts": True}

    def changeform_view(self, *args, **kwargs):
        with writing():
            return super().changeform_view(*args, **kwargs)

    def changelist_view(self, *args, **kwargs):
        with writing():  # its actions (delete selected) and list edits
            return super().changelist_view(*args, **kwargs)

    def delete_view(self, *args, **kwargs):
        with writing():
            return super().delete_view(*args, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        changed(**self.touched(obj))

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        changed(**self.touched(form.instance))

    def delete_model(self, request, obj) -> None:
        found = self.touched(obj)  # before the rows it names are gone
        super().delete_model(request, obj)
        changed(**found)

    def delete_queryset(self, request, queryset) -> None:
        found = [self.touched(obj) for obj in queryset]
        super().delete_queryset(request, queryset)
        for each in found:
            changed(**each)

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        changed(**self.touched(form.instance))


class WorkChanges(ChangesAdmin):
    def touched(self, obj: Model) -> dict:
        return {"works": [obj.pk], "counts": True}


class PartOfWorkChanges(ChangesAdmin):
    """A credit, a plot, an episode or a film's place on an edition: the work's copies."""

    def touched(self, obj: Model) -> dict:
        editions = [obj.edition_id] if isinstance(obj, models.EditionWork) else []
        return {"works": [obj.work_id], "editions": editions, "counts": True}


class CreditInline(admin.TabularInline):
    model = models.Credit
    extra = 0
    autocomplete_fields = ["person"]


class PlotInline(admin.StackedInline):
    model = models.Plot
    extra = 0


class EpisodeInline(admin.TabularInline):
    model = models.Episode
    extra = 0


@admin.register(models.Work)
class WorkAdmin(WorkChanges):
    list_display = ["title", "year", "kind", "runtime_minutes"]
    search_fields = ["title", "original_title"]
    list_filter = ["kind", "genres"]
    filter_horizontal = ["genres", "countries", "languages"]
    inlines = [PlotInline, CreditInline, EpisodeInline]


class EditionWorkInline(admin.TabularInline):
    model = models.EditionWork
    extra = 0
    autocomplete_fields = ["work"]


class DiscInline(admin.TabularInline):
    model = models.Disc
    extra = 0


@admin.register(models.Edition)
class EditionAdmin(ChangesAdmin):
    list_display = ["__str__", "format", "distributor", "release_date", "barcode"]
    search_fields = ["barcode", "name", "edition_works__work__title"]
    list_filter = ["format"]
    inlines = [EditionWorkInline, DiscInline]

    def touched(self, obj: Model) -> dict:
        return {"editions": [obj.pk], "counts": True}


@admin.register(models.Copy)
class CopyAdmin(ChangesAdmin):
    list_display = ["index", "__str__", "collection", "status", "owner", "location"]
    list_filter = ["collection", "status"]
    search_fields = ["edition__edition_works__work__title", "edition__barcode", "notes"]
    autocomplete_fields = ["edition"]
    filter_horizontal = ["tags"]

    def touched(self, obj: Model) -> dict:
        return {"copies": [obj.pk], "counts": True}


@admin.register(models.Person)
class PersonAdmin(ChangesAdmin):
    search_fields = ["name"]

    def touched(self, obj: Model) -> dict:
        return {"works": list(obj.credits.values_list("work", flat=True)), "counts": True}


@admin.register(models.Location)
class LocationAdmin(ChangesAdmin):
    list_display = ["__str__", "collection", "parent"]
    list_filter = ["collection"]


# Facets and folders show these by name: a rename or a deletion moves the counts.
for model in (
    models.Collection,
    models.Genre,
    models.Country,
    models.Language,
    models.StorageDevice,
):
    admin.site.register(model, ChangesAdmin)


@admin.register(models.Company)
class CompanyAdmin(ChangesAdmin):
    """A distributor's name is in the search documents of its editions' copies."""

    def touched(self, obj: Model) -> dict:
        return {"editions": list(obj.editions.values_list("pk", flat=True)), "counts": True}


@admin.register(models.Tag)
class TagAdmin(ChangesAdmin):
    """A tag is in the search documents of its copies."""

    def touched(self, obj: Model) -> dict:
        return {"copies": list(obj.copies.values_list("pk", flat=True)), "counts": True}


for model in (models.Credit, models.Plot, models.Episode, models.EditionWork):
    admin.site.register(model, PartOfWorkChanges)

for model in (models.Disc, models.Viewing):
    admin.site.register(model, ChangesAdmin)


@admin.register(models.CopyChange)
class CopyChangeAdmin(admin.ModelAdmin):
    list_display = ["copy", "action", "at", "by"]
    list_filter = ["action"]
    readonly_fields = ["copy", "action", "at", "by", "changes"]


@admin.register(models.Cover)
class CoverAdmin(admin.ModelAdmin):
    list_display = ["edition", "side", "width", "height", "uploaded_at"]
    list_filter = ["side"]
