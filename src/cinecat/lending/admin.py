from django.contrib import admin

from cinecat.catalog.admin import ChangesAdmin

from .models import Borrower, Loan


@admin.register(Loan)
class LoanAdmin(ChangesAdmin):  # the "on loan" facet counts open loans
    list_display = ["copy", "borrower", "lent_on", "due_on", "returned_on"]
    list_filter = ["returned_on"]


admin.site.register(Borrower, ChangesAdmin)
