from django.urls import path

from . import views

app_name = "interchange"

urlpatterns = [
    path("c/<slug:collection>/import/", views.import_start, name="import-start"),
    path("c/<slug:collection>/imports/<id:job>/", views.import_detail, name="import-detail"),
    path("c/<slug:collection>/imports/<id:job>/map/", views.import_map, name="import-map"),
    path("c/<slug:collection>/imports/<id:job>/undo/", views.import_undo, name="import-undo"),
    path("c/<slug:collection>/export/", views.export_selection, name="export"),
    path("c/<slug:collection>/print/", views.print_selection, name="print"),
    path("c/<slug:collection>/print/list.pdf", views.print_pdf, name="print-pdf"),
    path("c/<slug:collection>/print/labels.pdf", views.print_labels, name="print-labels"),
]
