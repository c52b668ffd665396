"""cinecat share create COLLECTION [--label L] [--days N] | list COLLECTION | revoke TOKEN."""

from django.core.management.base import BaseCommand, CommandError

from cinecat.accounts import sharing
from cinecat.accounts.services import AccountError

from .member import _collection


class Command(BaseCommand):
    help = "Read-only links to a collection: make one (its full address is printed), list, revoke."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="a new link; prints its full address")
        create.add_argument("collection", metavar="COLLECTION", help="the collection's slug")
        create.add_argument("--label", default="", metavar="L", help="whom it is for")
        create.add_argument("--days", type=int, metavar="N", help="it stops opening after N days")
        listing = actions.add_parser("list", help="the open links of COLLECTION")
        listing.add_argument("collection", metavar="COLLECTION")
        revoke = actions.add_parser("revoke", help="close a link at once (it answers 404)")
        revoke.add_argument("token", metavar="TOKEN_OR_URL")

    def handle(self, *args, action: str, **options) -> None:
        try:
            if action == "revoke":
                link = sharing.revoke_share(options["token"])
                self.stdout.write(
                    f"Revoked the link {link.label or '(no label)'} of {link.collection.slug}."
                )
                return
            collection = _collection(options["collection"])
            if action == "create":
                link = sharing.create_share(
                    collection, label=options["label"], days=options["days"]
                )
                self.stdout.write(sharing.full_url(link))
                return
        except AccountError as error:
            raise CommandError(str(error)) from error
        for link in collection.share_links.all():
            expires = f"until {link.expires_at:%Y-%m-%d}" if link.expires_at else "no expiry"
            self.stdout.write(f"{sharing.full_url(link)}\t{link.label or '-'}\t{expires}")
