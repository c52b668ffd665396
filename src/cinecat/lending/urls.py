from django.urls import path

from . import views

app_name = "lending"

urlpatterns = [
    path("c/<slug:collection>/on-loan/", views.on_loan, name="on-loan"),
    path("c/<slug:collection>/wish-list/", views.wish_list, name="wish-list"),
    path("c/<slug:collection>/on-order/", views.on_order, name="on-order"),
    path("c/<slug:collection>/borrowers/suggest/", views.borrower_suggest, name="borrower-suggest"),
    path(
        "c/<slug:collection>/borrowers/<id:borrower>/",
        views.borrower_detail,
        name="borrower-detail",
    ),
    path("c/<slug:collection>/<id:index>/lend/", views.lend, name="lend"),
    path("c/<slug:collection>/<id:index>/return/", views.return_loan, name="return"),
    path("c/<slug:collection>/<id:index>/bought/", views.bought, name="bought"),
    path("c/<slug:collection>/<id:index>/arrived/", views.arrived, name="arrived"),
    path("c/<slug:collection>/<id:index>/ordered/", views.ordered, name="ordered"),
    path("c/<slug:collection>/<id:index>/sold/", views.sold, name="sold"),
]
