"""cinecat user add NAME [--email E] [--password-stdin] | list: accounts, for hosting admins."""

import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cinecat.accounts import services


class Command(BaseCommand):
    help = "Create accounts, or list them."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser(
            "add",
            help="create an account; without --password-stdin a password is generated and "
            "printed once",
        )
        add.add_argument("name", metavar="NAME")
        add.add_argument("--email", default="", metavar="E", help="for password resets")
        add.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        actions.add_parser("list", help="every account, with the collections it belongs to")

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            self._list()
            return
        name, email = options["name"], options["email"]
        generated = not options["password_stdin"]
        password = services.generated_password() if generated else _read_password(name, email)
        try:
            user = services.add_user(name, email=email, password=password)
        except services.AccountError as error:
            raise CommandError(str(error)) from error
        said = f"Account {user.get_username()!r} created."
        if generated:
            said += f" Its password, shown only this once: {password}"
        self.stdout.write(self.style.SUCCESS(said))

    def _list(self) -> None:
        for user in get_user_model().objects.order_by("username"):
            held = ", ".join(
                f"{m.collection.slug} ({m.role})" for m in services.memberships_of(user)
            )
            self.stdout.write(f"{user.get_username()}\t{user.email or '-'}\t{held or '-'}")


def _read_password(name: str, email: str) -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CommandError("--password-stdin: standard input held no password.")
    try:
        validate_password(password, get_user_model()(username=name, email=email))
    except ValidationError as error:
        raise CommandError(f"--password-stdin: {' '.join(error.messages)}") from error
    return password
