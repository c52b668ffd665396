"""My rating, in half stars as Letterboxd gives them: stored 1–10, shown ½★ to ★★★★★."""

HIGHEST = 10  # five stars


def stars(rating: int | None) -> str:
    """7 → '★★★½'; nothing for no rating."""
    if rating is None:
        return ""
    whole, half = divmod(rating, 2)
    return "★" * whole + ("½" if half else "")


def in_words(rating: int | None) -> str:
    """7 → '3.5 stars out of 5', for screen readers and exports that print a number."""
    if rating is None:
        return "not rated"
    value = rating / 2
    shown = f"{value:g}"
    return f"{shown} star{'' if value == 1 else 's'} out of 5"


# The choices a form offers, lowest first: (1, "½ (0.5)") … (10, "★★★★★ (5)").
CHOICES = [(value, f"{stars(value)} ({value / 2:g})") for value in range(1, HIGHEST + 1)]
