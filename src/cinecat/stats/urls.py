from django.urls import path

from . import views

app_name = "stats"

urlpatterns = [
    path("c/<slug:collection>/stats/", views.overview, name="overview"),
    path("c/<slug:collection>/stats/<slug:chart>.csv", views.chart_csv, name="chart-csv"),
]
