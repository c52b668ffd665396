"""A signed-in member for the benchmarks: every page of cinecat asks for one.

Called where Django is set up on the benchmark's database (its CINECAT_DATA_DIR): the member is
made an owner of the collection, and a session is stored for it as signing in would store it.
"""

from importlib import import_module

USERNAME = "bench"


def member(slug: str):
    """The benchmark's user, an owner of collection ``slug``."""
    from django.contrib.auth import get_user_model

    from cinecat.accounts.models import Membership, Role
    from cinecat.catalog.models import Collection

    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    collection = Collection.objects.get(slug=slug)
    Membership.objects.get_or_create(
        collection=collection, user=user, defaults={"role": Role.OWNER}
    )
    return user


def session_cookie(slug: str) -> str:
    """A ``Cookie`` header's value signing the member of ``slug`` in: ``sessionid=…``."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    user = member(slug)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
