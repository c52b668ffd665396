"""Smallville's tenth season on three discs: the season box the series tests share."""

import datetime as dt

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    DiscRecord,
    EditionRecord,
    EpisodeRecord,
    Record,
    ViewingRecord,
    WorkRecord,
)

TITLES = ["Lazarus", "Shield", "Supergirl", "Homecoming", "Isis", "Harvest", "Ambush"]


def smallville_season(**copy) -> Record:
    """Smallville's tenth season on three discs: three episodes, three, then one."""
    episodes = tuple(
        EpisodeRecord(
            title=title,
            season=10,
            number=number,
            air_date=dt.date(2010, 9, 24) + dt.timedelta(weeks=number - 1),
            runtime_minutes=42,
            plot=f"Clark faces {title.lower()}." if number == 1 else "",
            group=f"10.{number:02d} {title}",
        )
        for number, title in enumerate(TITLES, 1)
    )
    work = WorkRecord(
        "Smallville: Season 10",
        sort_title="Smallville: Season 10",
        year=2010,
        kind="series",
        episodes=episodes,
        credits=(
            CreditRecord("Tom Welling", "Clark Kent", group="10.01 Lazarus"),
            CreditRecord("Michael Rosenbaum", "Lex Luthor", group="10.01 Lazarus"),
            CreditRecord("Laura Vandervoort", "Kara", group="10.03 Supergirl"),
            CreditRecord("Greg Beeman", job="Director", role="crew", group="10.07 Ambush"),
        ),
    )
    discs = (
        DiscRecord(label="Disc 1", episodes=(1, 2, 3), dual_layered=True),
        DiscRecord(label="Disc 2", episodes=(4, 5, 6)),
        DiscRecord(label="Finale and extras", episodes=(7,), dual_sided=True, label_b="Extras"),
    )
    return Record(
        works=(work,),
        edition=EditionRecord(format="DVD", discs=3, disc_list=discs),
        copy=CopyRecord(
            index=1,
            viewing_log=(ViewingRecord(dt.date(2025, 3, 1), episode=2),),
            **copy,
        ),
        source_id="smallville-10",
    )
