from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    """allauth's sign-in form, its fields labelled as the rest of cinecat's."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Name or e-mail"
        self.fields["remember"].label = "Stay signed in"
