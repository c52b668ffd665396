"""A copy's other details as text: one "name: value" per line, a value's further lines indented.

The edit form, the CSV export and the CSV import all write and read this one form, so a value
that holds a colon or several lines ("Brian Cox: 1946" under "Actor/BirthYear") comes back whole.
"""

INDENT = "  "


def as_text(details) -> str:
    """[[name, value], …] → "name: value" lines, a multi-line value's other lines indented."""
    lines = []
    for name, value in details or ():
        first, *rest = str(value).split("\n")
        lines.append(f"{name}: {first}")
        lines.extend(f"{INDENT}{line}" for line in rest)
    return "\n".join(lines)


def from_text(text: str) -> list[list[str]]:
    """The details written by ``as_text``, in order; ValueError names the line that is wrong."""
    details: list[list[str]] = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        if line[:1].isspace():
            if not details:
                raise ValueError(
                    f"Line {number} is indented but has no detail above it to carry on."
                )
            details[-1][1] = f"{details[-1][1]}\n{line.strip()}".strip()
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise ValueError(f"Line {number} ({line.strip()[:40]!r}) should read “name: value”.")
        details.append([name.strip(), value.strip()])
    return details
