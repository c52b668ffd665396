"""A DVD Profiler profile's history: ``Watched`` events are viewings, the others loans.

``<Events>`` hold the history (``Watched`` by a user on a day, ``Borrowed`` opens a loan for its
``<User>``, ``Returned`` closes that borrower's open loan) and ``<LoanInfo>`` the present
(``Loaned``, ``Due``, ``User``). A user's e-mail and phone are the loan's. DVD Profiler records
one current loan: an open loan that ``LoanInfo`` does not name was returned on a day it did not
record, so it is closed on the day it was lent, with a note saying so. A current loan without a
``Borrowed`` event has no lending day (the writer then uses the day the copy was added); one
without a ``User`` is lent to "Unknown borrower". An event's day is the day its time falls on
where cinecat reads dates (``CINECAT_TIME_ZONE``).
"""

import datetime as dt
from dataclasses import replace

from django.utils import timezone
from lxml import etree

from cinecat.catalog.records import UNKNOWN_BORROWER, LoanRecord, ViewingRecord

from .census import OTHER
from .dvdprofiler_profile import ProfileElement, is_set

UNRECORDED_RETURN = "returned on a day DVD Profiler did not record"
_USER = ("FirstName", "LastName")
_CONTACT = (("EmailAddress", "borrower_email"), ("PhoneNumber", "borrower_phone"))


def history(
    profile: ProfileElement,
) -> tuple[int, tuple[ViewingRecord, ...], tuple[LoanRecord, ...]]:
    """The viewings (how many, and those that say when, with whom or a note), and the loans
    of the Borrowed/Returned history and the current LoanInfo."""
    viewings, loans, still_out = [], [], {}  # still_out: borrower -> position in loans
    watched = 0
    for event in profile.all("Events", "Event"):
        kind = event.findtext("EventType", "").strip()
        day = _event_day(profile, event)
        note = (event.findtext("Note") or event.findtext("Notes") or "").strip()
        user = event.find("User")
        if kind == "Watched":
            watched += 1
            company = _name(user)
            if day or company or note:  # one that says nothing only counts
                viewings.append(ViewingRecord(watched_on=day, company=company, note=note))
            if profile.census is not None:
                _user(profile, user, "Events/Event/User", "viewing.company")
                _note_event(
                    profile, event, "copy.viewing_log", "viewing.watched_on", "viewing.note"
                )
        elif kind == "Borrowed":
            who = _user(profile, user, "Events/Event/User", "loan.borrower")
            still_out[who.borrower] = len(loans)
            loans.append(replace(who, lent_on=day, notes=note))
            _note_event(profile, event, "copy.loans", "loan.lent_on", "loan.notes")
        elif kind == "Returned" and (_name(user) or UNKNOWN_BORROWER) in still_out:
            _user(profile, user, "Events/Event/User", "loan.borrower")
            position = still_out.pop(_name(user) or UNKNOWN_BORROWER)
            loan = loans[position]
            notes = "; ".join(part for part in (loan.notes, note and f"returned: {note}") if part)
            loans[position] = replace(loan, returned_on=day, notes=notes)
            _note_event(profile, event, "copy.loans", "loan.returned_on", "loan.notes")
        else:  # a return with no loan, or an event of another kind
            line = _event_line(day, _name(user), note)
            profile.kept.keep("Events", f"Events/{kind or 'Event'}", line or kind or "Event")
            profile.note_element(event, OTHER, "Events/Event")
    current = _current_loan(profile, loans, still_out)
    for position, loan in enumerate(loans):
        if loan.returned_on is None and loan.lent_on and position != current:
            notes = "; ".join(text for text in (loan.notes, UNRECORDED_RETURN) if text)
            loans[position] = replace(loan, returned_on=loan.lent_on, notes=notes)
    return watched, tuple(viewings), tuple(loans)


def _name(user: etree._Element | None) -> str:
    if user is None:
        return ""
    return " ".join(filter(None, (user.get(key, "").strip() for key in _USER)))


def _note_event(profile: ProfileElement, event, kind: str, day: str, note: str) -> None:
    if profile.census is not None:
        profile.note("Events/Event/EventType", kind)
        profile.note("Events/Event/Timestamp", day, is_set(event.findtext("Timestamp")))
        for tag in ("Note", "Notes"):
            profile.note(f"Events/Event/{tag}", note, is_set(event.findtext(tag)))


def _current_loan(
    profile: ProfileElement, loans: list[LoanRecord], still_out: dict[str, int]
) -> int | None:
    """Add LoanInfo's due date to its open loan (or add the loan): its position, if any."""
    if not profile.flag("LoanInfo/Loaned"):
        return None
    profile.note("LoanInfo/Loaned", "copy.loans")
    who = _user(profile, profile.element.find("LoanInfo/User"), "LoanInfo/User", "loan.borrower")
    due = profile.date("LoanInfo/Due")
    profile.note("LoanInfo/Due", "loan.due_on", due is not None)
    if who.borrower in still_out:
        position = still_out[who.borrower]
        loans[position] = replace(
            loans[position],
            due_on=due,
            borrower_email=loans[position].borrower_email or who.borrower_email,
            borrower_phone=loans[position].borrower_phone or who.borrower_phone,
        )
        return position
    loans.append(replace(who, due_on=due))
    return len(loans) - 1


def _user(
    profile: ProfileElement, user: etree._Element | None, path: str, where: str
) -> LoanRecord:
    """The user as a loan's borrower, with their e-mail and phone; ``where`` their name
    went, for a census (none: not yet said). A viewer's e-mail and phone are other details."""
    if user is None:
        return LoanRecord(UNKNOWN_BORROWER)
    parts = [user.get(key, "").strip() for key in _USER]
    name = " ".join(part for part in parts if part)
    if where:
        for key, part in zip(_USER, parts, strict=True):
            profile.note(f"{path}/@{key}", where, is_set(part))
    contact = {}
    for key, field in _CONTACT:
        value = user.get(key, "").strip()
        if not is_set(value):
            continue
        if where != "viewing.company":
            contact[field] = value
            if where:
                profile.note(f"{path}/@{key}", f"loan.{field}")
        else:
            line = f"{name}: {value}" if name else value
            profile.keep("Events", f"{path}/{key}", line, f"{path}/@{key}")
    return LoanRecord(name or UNKNOWN_BORROWER, **contact)


def _event_day(profile: ProfileElement, event: etree._Element) -> dt.date | None:
    node = event.find("Timestamp")
    text = node.text if node is not None else ""
    moment = profile.moment(text, "Events/Event/Timestamp", node)
    return timezone.localdate(moment) if moment else None


def _event_line(day: dt.date | None, user: str, note: str) -> str:
    """An event as "2020-05-01: Dan (a note)"."""
    head = ": ".join(part for part in (day.isoformat() if day else "", user) if part)
    return f"{head} ({note})" if head and note else head or note
