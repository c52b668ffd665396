from django.contrib import admin

from . import models


class CreditInline(admin.TabularInline):
    model = models.Credit
    extra = 0
    autocomplete_fields = ["person"]


class PlotInline(admin.StackedInline):
    model = models.Plot
    extra = 0


@admin.register(models.Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "runtime_minutes"]
    search_fields = ["title", "original_title"]
    list_filter = ["genres"]
    filter_horizontal = ["genres", "countries", "languages"]
    inlines = [PlotInline, CreditInline]


class EditionWorkInline(admin.TabularInline):
    model = models.EditionWork
    extra = 0
    autocomplete_fields = ["work"]


@admin.register(models.Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "format", "distributor", "release_date", "barcode"]
    search_fields = ["barcode", "name", "edition_works__work__title"]
    list_filter = ["format"]
    inlines = [EditionWorkInline]


@admin.register(models.Copy)
class CopyAdmin(admin.ModelAdmin):
    list_display = ["index", "__str__", "collection", "status", "owner", "location"]
    list_filter = ["collection", "status"]
    search_fields = ["edition__edition_works__work__title", "edition__barcode", "notes"]
    autocomplete_fields = ["edition"]
    filter_horizontal = ["tags"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "collection", "parent"]
    list_filter = ["collection"]


for model in (models.Collection, models.Genre, models.Country, models.Language, models.Company):
    admin.site.register(model, admin.ModelAdmin)

for model in (models.Tag, models.StorageDevice):
    admin.site.register(model, admin.ModelAdmin)

admin.site.register(models.Credit)
admin.site.register(models.Plot)
admin.site.register(models.EditionWork)


@admin.register(models.CopyChange)
class CopyChangeAdmin(admin.ModelAdmin):
    list_display = ["copy", "action", "at", "by"]
    list_filter = ["action"]
    readonly_fields = ["copy", "action", "at", "by", "changes"]


@admin.register(models.Cover)
class CoverAdmin(admin.ModelAdmin):
    list_display = ["edition", "side", "width", "height", "uploaded_at"]
    list_filter = ["side"]
