from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["collection", "user", "role", "added_at"]
    list_filter = ["role", "collection"]
    search_fields = ["user__username", "collection__slug"]
