"""How allauth behaves here: accounts are made by a collection's owner or the host, not by
strangers signing themselves up."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False
