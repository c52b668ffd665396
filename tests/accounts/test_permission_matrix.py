"""Every page of cinecat, by whom it may be opened: a stranger is asked to sign in, someone of
another household finds no such collection, a viewer reads, an editor changes, an owner
chooses the members. A URL added without a line here fails the first test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# What each URL name asks for. A collection's page: the role needed to open it (sending a form
# to it needs an editor at least). Otherwise: "public" (signing in), "signed-in", or "share"
# (a share link's pages: open to anyone with the token, 404 for a token that is not one).
MATRIX = {
    "account_login": "public",
    "account_logout": "public",
    "account_inactive": "public",
    "account_signup": "public",
    "account_reauthenticate": "signed-in",
    "account_request_reauthentication_code": "signed-in",
    "account_confirm_reauthentication_code": "signed-in",
    "account_email": "signed-in",
    "account_email_verification_sent": "public",
    "account_change_password": "signed-in",
    "account_set_password": "signed-in",
    "account_reset_password": "public",
    "account_confirm_login_code": "signed-in",  # asks to sign in unless a code was sent
    "account_confirm_email": "public",
    "account_reset_password_from_key_done": "public",
    "account_reset_password_from_key": "public",
    "account_reset_password_done": "public",
    "accounts:collections": "signed-in",
    "accounts:members": "owner",
    "accounts:share-links": "owner",
    "accounts:shared-list": "share",
    "accounts:shared-copy": "share",
    "catalog:home": "signed-in",
    "catalog:copy-detail": "viewer",
    "catalog:copy-cast": "viewer",
    "catalog:person-detail": "viewer",
    "catalog:location-detail": "viewer",
    "catalog:storage-detail": "viewer",
    "catalog:copy-add": "editor",
    "catalog:copy-add-manual": "editor",
    "catalog:copy-add-copy": "editor",
    "catalog:work-suggestions": "editor",
    "catalog:suggest": "editor",
    "catalog:copy-edit": "editor",
    "catalog:copy-trash": "editor",
    "catalog:copy-seen": "editor",
    "catalog:episode-seen": "editor",
    "catalog:viewing-add": "editor",
    "catalog:viewing-edit": "editor",
    "catalog:viewing-remove": "editor",
    "catalog:trash": "editor",
    "catalog:trash-restore": "editor",
    "catalog:cover": "viewer",
    "catalog:copy-label": "viewer",
    "catalog:location-list": "viewer",
    "catalog:location-labels": "viewer",
    "catalog:location-copy-labels": "viewer",
    "catalog:location-rename": "editor",
    "catalog:location-move": "editor",
    "catalog:location-merge": "editor",
    "catalog:location-delete": "editor",
    "catalog:device-list": "viewer",
    "catalog:device-labels": "viewer",
    "catalog:device-copy-labels": "viewer",
    "catalog:device-edit": "editor",
    "catalog:device-delete": "editor",
    "interchange:print-labels": "viewer",
    "interchange:print-pdf": "viewer",
    "stats:overview": "viewer",
    "stats:chart-csv": "viewer",
    "search:collection-detail": "viewer",
    "search:collection-facets": "viewer",
    "search:batch-edit": "editor",
    "search:copy-around": "viewer",
    "search:watch-tonight": "viewer",
    "lending:on-loan": "viewer",
    "lending:wish-list": "viewer",
    "lending:on-order": "viewer",
    "lending:borrower-detail": "viewer",
    "lending:borrower-suggest": "editor",
    "lending:lend": "editor",
    "lending:return": "editor",
    "lending:bought": "editor",
    "lending:arrived": "editor",
    "lending:ordered": "editor",
    "lending:sold": "editor",
    "metadata:candidates": "editor",
    "metadata:add-from": "editor",
    "metadata:copy-update": "editor",
    "metadata:fill": "editor",
    "metadata:fill-detail": "editor",
    "interchange:import-start": "editor",
    "interchange:import-detail": "editor",
    "interchange:import-map": "editor",
    "interchange:import-undo": "editor",
    "interchange:export": "viewer",
    "interchange:print": "viewer",
}
STAFF_NAMESPACES = {"admin"}  # Django's admin: its own sign-in, staff only
RANK = {"viewer": 1, "editor": 2, "owner": 3}
PERSONAS = ("anonymous", "stranger", "viewer", "editor", "owner")


def url_patterns(patterns=None, namespace: str = ""):
    """Every named URL pattern of the project, with its full (namespaced) name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, pattern


def url_of(name: str, pattern: URLPattern) -> str:
    """The URL of ``name`` in Alice's collection, with an id of 1 wherever one is asked for."""
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {key: "1" for key in pattern.pattern.regex.groupindex}
    kwargs |= {key: "1" for key in converters}
    if "collection" in kwargs:
        kwargs["collection"] = "alice"
    for key in ("kind", "side", "provider", "entry"):
        if key in kwargs:
            kwargs[key] = {"kind": "tags", "side": "front", "provider": "tmdb"}.get(key, "x")
    return reverse(name, kwargs=kwargs)


def project_urls() -> dict[str, str]:
    return {
        name: url_of(name, pattern)
        for name, pattern in url_patterns()
        if name.split(":")[0] not in STAFF_NAMESPACES
    }


def test_every_url_of_the_project_has_its_line_in_the_matrix():
    names = set(project_urls())
    assert names - MATRIX.keys() == set(), "URLs without a line in the matrix"
    assert MATRIX.keys() - names == set(), "lines of the matrix naming no URL"


def sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def refusal(persona: str, need: str, method: str, response) -> str | None:
    """What is wrong with ``response`` for ``persona`` asking what needs ``need``; None if right."""
    if need == "public":
        return "sent to sign in" if sent_to_sign_in(response) else None
    if need == "share":  # the token "1" is no link: not found, whoever asks
        return None if response.status_code == 404 else f"answered {response.status_code}"
    if persona == "anonymous":
        return None if sent_to_sign_in(response) else f"answered {response.status_code}"
    if need == "signed-in":
        wrong = sent_to_sign_in(response) or response.status_code == 403
        return f"refused ({response.status_code})" if wrong else None
    let_in = getattr(response.wsgi_request, "membership", None) is not None
    if persona == "stranger":
        return None if response.status_code == 404 and not let_in else "found the collection"
    needed = need if method == "GET" else max(need, "editor", key=RANK.get)
    if RANK[persona] >= RANK[needed]:
        return (
            None if let_in and response.status_code != 403 else f"refused ({response.status_code})"
        )
    return None if response.status_code == 403 else f"let in ({response.status_code})"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_page_lets_in_exactly_the_roles_its_line_names(household, persona):
    client = household[persona]
    wrong = []
    for name, url in project_urls().items():
        need = MATRIX[name]
        methods = ("GET", "POST") if need in RANK or name == "accounts:collections" else ("GET",)
        for method in methods:
            response = client.get(url) if method == "GET" else client.post(url)
            problem = refusal(persona, need, method, response)
            if problem:
                wrong.append(f"{method} {url} ({name}, needs {need}): {problem}")
    assert wrong == []


def test_django_admin_asks_for_a_member_of_staff(household):
    for persona in ("anonymous", "owner"):
        response = household[persona].get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
