from django.contrib import admin

from .models import ImportItem, ImportJob


class ImportItemInline(admin.TabularInline):
    model = ImportItem
    extra = 0
    fields = ["position", "where", "title", "action", "message"]
    readonly_fields = fields
    can_delete = False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["source_name", "collection", "status", "created", "updated", "failed"]
    list_filter = ["status", "collection"]
    inlines = [ImportItemInline]


admin.site.register(ImportItem)
