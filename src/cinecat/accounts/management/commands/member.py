"""cinecat member add COLLECTION USER --role R | remove COLLECTION USER | list COLLECTION."""

from django.core.management.base import BaseCommand, CommandError

from cinecat.accounts import services
from cinecat.accounts.models import Role
from cinecat.catalog.models import Collection


class Command(BaseCommand):
    help = "Choose who may open a collection and what they may do there."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser("add", help="make USER a member of COLLECTION, or change the role")
        add.add_argument("collection", metavar="COLLECTION", help="the collection's slug")
        add.add_argument("user", metavar="USER")
        add.add_argument("--role", required=True, choices=Role.values)
        remove = actions.add_parser("remove", help="take USER out of COLLECTION")
        remove.add_argument("collection", metavar="COLLECTION")
        remove.add_argument("user", metavar="USER")
        listing = actions.add_parser("list", help="the members of COLLECTION and their roles")
        listing.add_argument("collection", metavar="COLLECTION")

    def handle(self, *args, action: str, **options) -> None:
        collection = _collection(options["collection"])
        try:
            if action == "list":
                for membership in collection.memberships.select_related("user"):
                    self.stdout.write(f"{membership.user.get_username()}\t{membership.role}")
                return
            user = services.find_user(options["user"])
            if action == "remove":
                services.remove_member(collection, user)
                self.stdout.write(f"{user} is no longer a member of {collection.slug}.")
                return
            membership = services.set_member(collection, user, options["role"])
        except services.AccountError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{user} is now {membership.role} of {collection.slug}.")
        )


def _collection(slug: str) -> Collection:
    try:
        return Collection.objects.get(slug=slug)
    except Collection.DoesNotExist:
        known = ", ".join(Collection.objects.values_list("slug", flat=True)) or "none yet"
        raise CommandError(f"collection {slug!r}: no such collection (known: {known}).") from None
