from django.contrib import admin

from .models import Borrower, Loan


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ["copy", "borrower", "lent_on", "due_on", "returned_on"]
    list_filter = ["returned_on"]


admin.site.register(Borrower)
