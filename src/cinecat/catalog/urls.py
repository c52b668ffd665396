from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:collection>/<id:index>/", views.copy_detail, name="copy-detail"),
    path("c/<slug:collection>/<id:index>/cast/", views.copy_cast, name="copy-cast"),
    path("c/<slug:collection>/<id:index>/label.pdf", views.copy_label, name="copy-label"),
    path("c/<slug:collection>/people/<id:person>/", views.person_detail, name="person-detail"),
    path("c/<slug:collection>/locations/", views.location_list, name="location-list"),
    path("c/<slug:collection>/locations/labels.pdf", views.location_labels, name="location-labels"),
    path(
        "c/<slug:collection>/locations/<id:location>/copy-labels.pdf",
        views.location_copy_labels,
        name="location-copy-labels",
    ),
    path(
        "c/<slug:collection>/locations/<id:location>/",
        views.location_detail,
        name="location-detail",
    ),
    *(
        path(
            f"c/<slug:collection>/locations/<id:location>/{action}/",
            views.location_change,
            {"action": action},
            name=f"location-{action}",
        )
        for action in ("rename", "move", "merge", "delete")
    ),
    path("c/<slug:collection>/storage/", views.device_list, name="device-list"),
    path("c/<slug:collection>/storage/labels.pdf", views.device_labels, name="device-labels"),
    path(
        "c/<slug:collection>/storage/<id:device>/copy-labels.pdf",
        views.device_copy_labels,
        name="device-copy-labels",
    ),
    path("c/<slug:collection>/storage/<id:device>/", views.storage_detail, name="storage-detail"),
    path("c/<slug:collection>/storage/<id:device>/edit/", views.device_edit, name="device-edit"),
    path(
        "c/<slug:collection>/storage/<id:device>/delete/",
        views.device_delete,
        name="device-delete",
    ),
    path("c/<slug:collection>/add/", views.copy_add, name="copy-add"),
    path("c/<slug:collection>/add/by-hand/", views.copy_add_manual, name="copy-add-manual"),
    path("c/<slug:collection>/add/another/", views.copy_add_copy, name="copy-add-copy"),
    path("c/<slug:collection>/works/suggest/", views.work_suggestions, name="work-suggestions"),
    path("c/<slug:collection>/suggest/<str:kind>/", views.suggest, name="suggest"),
    path("c/<slug:collection>/<id:index>/edit/", views.copy_edit, name="copy-edit"),
    path("c/<slug:collection>/<id:index>/delete/", views.copy_trash, name="copy-trash"),
    path("c/<slug:collection>/<id:index>/seen/", views.copy_seen, name="copy-seen"),
    path(
        "c/<slug:collection>/<id:index>/episodes/<id:place>/seen/",
        views.episode_seen,
        name="episode-seen",
    ),
    path("c/<slug:collection>/<id:index>/viewings/", views.viewing_add, name="viewing-add"),
    path(
        "c/<slug:collection>/<id:index>/viewings/<id:viewing>/",
        views.viewing_edit,
        name="viewing-edit",
    ),
    path(
        "c/<slug:collection>/<id:index>/viewings/<id:viewing>/remove/",
        views.viewing_remove,
        name="viewing-remove",
    ),
    path("c/<slug:collection>/trash/", views.trash_list, name="trash"),
    path("c/<slug:collection>/trash/restore/", views.trash_restore, name="trash-restore"),
    path(
        "c/<slug:collection>/covers/<id:edition>/<str:side>/<id:width>/",
        views.cover_image,
        name="cover",
    ),
]
