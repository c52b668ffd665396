"""A small IMDb dataset in the real files' format, written by the tests: seven .tsv.gz files.

Tab-separated, a header line, ``\\N`` for null, sorted by id as IMDb's are, with the kinds a
shelf holds and some it does not (an episode, a video game), an episode series, and a few
malformed lines whose numbers the tests know (MALFORMED).
"""

import gzip
from pathlib import Path

N = "\\N"

HEADERS = {
    "title.basics": "tconst titleType primaryTitle originalTitle isAdult startYear endYear "
    "runtimeMinutes genres",
    "title.akas": "titleId ordering title region language types attributes isOriginalTitle",
    "title.ratings": "tconst averageRating numVotes",
    "title.episode": "tconst parentTconst seasonNumber episodeNumber",
    "title.crew": "tconst directors writers",
    "title.principals": "tconst ordering nconst category job characters",
    "name.basics": "nconst primaryName birthYear deathYear primaryProfession knownForTitles",
}

ROWS: dict[str, list[str]] = {
    "title.basics": [
        f"tt0093164\tmovie\tHeat\tHeat\t0\t1986\t{N}\t101\tAction,Crime,Drama",
        f"tt0113277\tmovie\tHeat\tHeat\t0\t1995\t{N}\t170\tAction,Crime,Drama",
        f"tt0137523\tmovie\tFight Club\tFight Club\t0\t1999\t{N}\t139\tDrama",
        "tt0140000\tmovie\tTruncated line\t0\t1999",  # line 5: 5 columns
        "tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t"
        f"{N}\t122\tComedy,Romance",
        f"tt0363163\tmovie\tDownfall\tDer Untergang\t0\t2004\t{N}\t156\tBiography,Drama,War",
        f"tt0386651\tvideoGame\tFight Club\tFight Club\t0\t2004\t{N}\t{N}\tAction",
        f"tt0400000\tmovie\tA Bad Year\tA Bad Year\t0\t19x9\t{N}\t90\tDrama",  # line 9
        f"tt4686844\tmovie\tThe Death of Stalin\tThe Death of Stalin\t0\t2017\t{N}\t107\t"
        "Comedy,Drama,History",
        "tt7366338\ttvMiniSeries\tChernobyl\tChernobyl\t0\t2019\t2019\t330\tDrama,History,Thriller",
        f"tt8143062\ttvEpisode\t1:23:45\t1:23:45\t0\t2019\t{N}\t60\tDrama",
        f"xx8162428\tmovie\tPlease Remain Calm\tPlease Remain Calm\t0\t2019\t{N}\t65\tDrama",
    ],
    "title.akas": [
        f"tt0137523\t1\tFight Club\tUS\t{N}\timdbDisplay\t{N}\t0",
        f"tt0137523\t2\tFight Club\t{N}\t{N}\toriginal\t{N}\t1",
        f"tt0137523\t3\tБойцовский клуб\tRU\t{N}\timdbDisplay\t{N}\t0",
        f"tt0211915\t1\tLe fabuleux destin d'Amélie Poulain\tFR\t{N}\timdbDisplay\t{N}\t0",
        f"tt0211915\t2\tDie fabelhafte Welt der Amélie\tDE\t{N}\timdbDisplay\t{N}\t0",
        f"tt0211915\t3\tAmélie\tUS\t{N}\timdbDisplay\t{N}\t0",
        f"tt0363163\t1\tDer Untergang\tDE\t{N}\timdbDisplay\t{N}\t0",
        f"tt0363163\t2\tLa chute\tFR\t{N}\timdbDisplay\t{N}\t0",
        f"tt0363163\t3\tDownfall\tUS\t{N}\timdbDisplay\t{N}\t0",
        f"tt0386651\t1\tFight Club: The Game\tUS\t{N}\timdbDisplay\t{N}\t0",
        f"tt4686844\t1\tLa mort de Staline\tFR\tfr\timdbDisplay\t{N}\t0",
        f"tt4686844\t2\tСмерть Сталина\tRU\t{N}\timdbDisplay\t{N}\t0",
    ],
    "title.ratings": [
        "tt0093164\t5.6\t9075",
        "tt0113277\t8.3\t720512",
        "tt0137523\t8.8\t2312004",
        "tt4686844\t7.3\t180221",
        "tt7366338\t9.3\t912345",
        "tt8143062\t9.5\t50234",
    ],
    "title.episode": [
        "tt8143062\ttt7366338\t1\t1",
        "tt8162428\ttt7366338\t1\t2",
        "tt8162430\ttt7366338\t1\t3",
        "tt8162432\ttt7366338\t1\t4",
        "tt8162434\ttt7366338\t1\t5",
        f"tt9000001\ttt7366338\t{N}\t{N}",
        "tt9000002\ttt9999999\t1\t1",
    ],
    "title.crew": [
        "tt0093164\tnm0416312\tnm0330687",
        "tt0113277\tnm0000520\tnm0000520",
        "tt0137523\tnm0000399\tnm0657333,nm0880243",
        "tt0363163\tnm0386944\tnm0275125",
        "tt4686844\tnm0406334\tnm0406334,nm0774386,nm0000111",
        f"tt8143062\tnm0704398\t{N}",
    ],
    "title.principals": [
        f'tt0113277\t1\tnm0000199\tactor\t{N}\t["Lt. Vincent Hanna"]',
        f'tt0113277\t2\tnm0000134\tactor\t{N}\t["Neil McCauley"]',
        f'tt0137523\t1\tnm0000093\tactor\t{N}\t["Tyler Durden"]',
        f'tt0137523\t2\tnm0001570\tactor\t{N}\t["Narrator"]',
        f'tt0137523\t3\tnm0000307\tactress\t{N}\t["Marla Singer"]',
        f"tt0137523\t4\tnm0000399\tdirector\t{N}\t{N}",
        f"tt0137523\t5\tnm0657333\twriter\tnovel\t{N}",
        f"tt0137523\t6\tnm0880243\twriter\tscreenplay\t{N}",
        f"tt0137523\t7\tnm0498278\tproducer\tproducer\t{N}",
        f"tt0137523\t8\tnm0243234\tcomposer\t{N}\t{N}",
        f"tt0137523\t9\tnm0189228\tcinematographer\t{N}\t{N}",
        f"tt0137523\t10\tnm0000001\teditor\t{N}\t{N}",
        f'tt4686844\t1\tnm0000114\tactor\t{N}\t["Nikita Khrushchev"]',
        f'tt4686844\t2\tnm0751159\tactor\t{N}\t["Lavrentiy Beria"]',
        f'tt4686844\t3\tnm0001787\tactor\t{N}\t["Georgy Malenkov"]',
        f"tt4686844\t4\tnm0406334\tdirector\t{N}\t{N}",
        f"tt4686844\t5\tnm0406334\twriter\tscreenplay by\t{N}",
        f"tt4686844\t6\tnm0000115\tactor\t{N}\tnot a list",  # line 19
        f'tt8143062\t1\tnm0364813\tactor\t{N}\t["Valery Legasov"]',
    ],
    "name.basics": [
        f"nm0000001\tFred Astaire\t1899\t1987\tactor\t{N}",
        f"nm0000093\tBrad Pitt\t1963\t{N}\tactor,producer\ttt0137523",
        f"nm0000111\tA Writer Nobody Lists\t1950\t{N}\twriter\t{N}",
        f"nm0000114\tSteve Buscemi\t1957\t{N}\tactor\ttt4686844",
        f"nm0000134\tRobert De Niro\t1943\t{N}\tactor\ttt0113277",
        f"nm0000199\tAl Pacino\t1940\t{N}\tactor\ttt0113277",
        f"nm0000307\tHelena Bonham Carter\t1966\t{N}\tactress\ttt0137523",
        f"nm0000399\tDavid Fincher\t1962\t{N}\tdirector\ttt0137523",
        f"nm0000520\tMichael Mann\t1943\t{N}\tdirector\ttt0113277",
        f"nm0001570\tEdward Norton\t1969\t{N}\tactor\ttt0137523",
        f"nm0001787\tJeffrey Tambor\t1944\t{N}\tactor\ttt4686844",
        f"nm0189228\tJeff Cronenweth\t1962\t{N}\tcinematographer\ttt0137523",
        f"nm0243234\tThe Dust Brothers\t{N}\t{N}\tcomposer\ttt0137523",
        "nm0275125\tJoachim Fest\t1926\t2006\twriter\ttt0363163",
        "nm0330687\tWilliam Goldman\t1931\t2018\twriter\ttt0093164",
        f"nm0364813\tJared Harris\t1961\t{N}\tactor\ttt7366338",
        f"nm0386944\tOliver Hirschbiegel\t1957\t{N}\tdirector\ttt0363163",
        f"nm0406334\tArmando Iannucci\t1963\t{N}\twriter,director\ttt4686844",
        f"nm0416312\tJerry Jameson\t1934\t{N}\tdirector\ttt0093164",
        f"nm0498278\tArt Linson\t1942\t{N}\tproducer\ttt0137523",
        f"nm0657333\tChuck Palahniuk\t1962\t{N}\twriter\ttt0137523",
        f"nm0704398\tJohan Renck\t1966\t{N}\tdirector\ttt7366338",
        f"nm0751159\tSimon Russell Beale\t1961\t{N}\tactor\ttt4686844",
        f"nm0774386\tDavid Schneider\t1963\t{N}\twriter\ttt4686844",
        f"nm0880243\tJim Uhls\t{N}\t{N}\twriter\ttt0137523",
        f"nm9999999\tNobody Credited Here\t1950\t{N}\tactor\t{N}",
    ],
}
# Lines the loader must report, by file: (line number, part of the message).
MALFORMED = {
    "title.basics": [
        (5, "5 columns, not 9"),
        (9, "startYear '19x9' is not a number"),
        (13, "'xx8162428' is not an IMDb title id"),
    ],
    "title.principals": [(19, "characters 'not a list' is not a list of names")],
    "name.basics": [(28, "not UTF-8 text")],
}


def write_dataset(directory: Path, only: tuple[str, ...] | None = None) -> Path:
    """Write the sample files (all, or ``only`` those) into ``directory``; return it."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in ROWS.items():
        if only is not None and name not in only:
            continue
        lines = [HEADERS[name].replace(" ", "\t").encode(), *(row.encode() for row in rows)]
        if name == "name.basics":
            lines.append(b"nm9999998\tBroken \xff\xfe name\t1970\t\\N\tactor\t\\N")
        with gzip.open(directory / f"{name}.tsv.gz", "wb") as handle:
            handle.write(b"\n".join(lines) + b"\n")
    return directory
