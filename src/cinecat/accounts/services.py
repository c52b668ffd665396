"""Accounts and households: people, the collections they belong to and their roles."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import IntegrityError, transaction

from cinecat.catalog.models import Collection

from .models import Membership, Role


class AccountError(ValueError):
    """A request about people or members that cannot be done, said in words."""


def generated_password() -> str:
    """A password to type once and change: 20 characters of letters and digits."""
    return secrets.token_urlsafe(15)


@transaction.atomic
def add_user(name: str, *, email: str = "", password: str) -> AbstractBaseUser:
    """A new account; the name and the e-mail address are checked before anything is saved."""
    users = get_user_model()
    name = name.strip()
    if not name:
        raise AccountError("user name: it is empty.")
    if users.objects.filter(username__iexact=name).exists():
        raise AccountError(f"user name {name!r}: someone has it already.")
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise AccountError(f"e-mail {email!r}: not an e-mail address.") from error
    user = users(username=name, email=email)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise AccountError(f"user name {name!r}: {_first(error)}") from error
    user.set_password(password)
    user.save()
    return user


def find_user(name: str) -> AbstractBaseUser:
    try:
        return get_user_model().objects.get(username__iexact=name.strip())
    except get_user_model().DoesNotExist:
        raise AccountError(f"user {name!r}: no account has this name.") from None


@transaction.atomic
def create_collection(owner: AbstractBaseUser, name: str, slug: str) -> Collection:
    """A new, empty collection; the person creating it is its owner."""
    name, slug = name.strip(), slug.strip().lower()
    if not name:
        raise AccountError("name: a collection needs a name.")
    try:
        validate_slug(slug)
    except ValidationError:
        raise AccountError(
            f"slug {slug!r}: letters, digits, hyphens and underscores only."
        ) from None
    if Collection.objects.filter(slug=slug).exists():
        raise AccountError(f"slug {slug!r}: another collection has it; choose another.")
    try:
        with transaction.atomic():
            collection = Collection.objects.create(name=name, slug=slug)
    except IntegrityError:  # created meanwhile by someone else
        raise AccountError(f"slug {slug!r}: another collection has it; choose another.") from None
    Membership.objects.create(collection=collection, user=owner, role=Role.OWNER)
    return collection


@transaction.atomic
def set_member(collection: Collection, user: AbstractBaseUser, role: str) -> Membership:
    """Add ``user`` to ``collection`` with ``role``, or give a member that role."""
    if role not in Role.values:
        raise AccountError(f"role {role!r}: one of {', '.join(Role.values)}.")
    membership = Membership.objects.select_for_update().filter(collection=collection, user=user)
    membership = membership.first()
    if membership is not None and membership.role == Role.OWNER and role != Role.OWNER:
        _keep_an_owner(collection, leaving=membership)
    if membership is None:
        return Membership.objects.create(collection=collection, user=user, role=role)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(collection: Collection, user: AbstractBaseUser) -> None:
    membership = Membership.objects.filter(collection=collection, user=user).first()
    if membership is None:
        raise AccountError(f"user {user}: not a member of {collection.slug}.")
    if membership.role == Role.OWNER:
        _keep_an_owner(collection, leaving=membership)
    membership.delete()


def _keep_an_owner(collection: Collection, leaving: Membership) -> None:
    owners = Membership.objects.filter(collection=collection, role=Role.OWNER)
    if not owners.exclude(pk=leaving.pk).exists():
        raise AccountError(
            f"user {leaving.user}: the only owner of {collection.slug}; name another owner first."
        )


def memberships_of(user: AbstractBaseUser):
    return (
        Membership.objects.filter(user=user)
        .select_related("collection")
        .order_by("collection__name")
    )


def _first(error: ValidationError) -> str:
    messages = [m for ms in error.message_dict.values() for m in ms]
    return messages[0] if messages else str(error)


FIRST_OWNER = "owner"


@transaction.atomic
def welcome_owner() -> tuple[AbstractBaseUser, str | None]:
    """The owner of what a first run sets up: the first account there is, or one named
    ``owner`` made with a generated password (returned, to be shown once). A collection that
    has no owner (the demo, a catalog from before accounts) becomes theirs."""
    first = get_user_model().objects.order_by("pk").first()
    password = None
    if first is None:
        password = generated_password()
        first = add_user(FIRST_OWNER, password=password)
    ownerless = Collection.objects.exclude(memberships__role=Role.OWNER)
    for collection in ownerless:
        set_member(collection, first, Role.OWNER)
    return first, password
