"""The evaluation's figures: top-1, top-10 and MRR by group of searches, and the printed table.

A search counts as found at the best rank of any film it accepts; a film missing from the
ranking scores 0 (the full-text search finds nothing for most told stories: every word of a
search must be in a film's document).
"""

import itertools
from collections import Counter
from pathlib import Path

GROUPS = ("en", "de/fr", "story", "title")  # story: English, German and French together
LABELS = {"en": "English", "de/fr": "German/French", "story": "all stories", "title": "titles"}


def counts(queries) -> dict:
    return dict(Counter(query.group for query in queries))


def rank_of(ranking: list[str], expect) -> int | None:
    found = [ranking.index(film) + 1 for film in expect if film in ranking]
    return min(found) if found else None


def scores(queries, rankings: list[list[str]]) -> dict:
    """Per group: how many searches, the share found first, within ten, and the MRR."""
    ranks: dict[str, list[int | None]] = {group: [] for group in GROUPS}
    for query, ranking in zip(queries, rankings, strict=True):
        rank = rank_of(ranking, query.expect)
        ranks[query.group].append(rank)
        if query.group != "title":
            ranks["story"].append(rank)
    return {group: _summary(found) for group, found in ranks.items() if found}


def _summary(ranks: list[int | None]) -> dict:
    total = len(ranks)
    return {
        "n": total,
        "top1": round(sum(1 for r in ranks if r == 1) / total, 3),
        "top10": round(sum(1 for r in ranks if r and r <= 10) / total, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / total, 3),
    }


def sweep(queries, full_text, vectors, exact, fused) -> list[dict]:
    """Fusion MRR of every stories for a grid of k and weights, best first."""
    tried = []
    for k, weight in itertools.product((1, 3, 5, 10, 20, 30, 60), (0.5, 1.0, 1.5, 2.0, 3.0)):
        rankings = fused(full_text, vectors, exact, k=k, vector_weight=weight)
        found = scores(queries, rankings)
        tried.append(
            {
                "k": k,
                "vector_weight": weight,
                "story_mrr": found["story"]["mrr"],
                "en_mrr": found["en"]["mrr"],
                "de_fr_mrr": found["de/fr"]["mrr"],
                "title_top1": found["title"]["top1"],
            }
        )
    return sorted(tried, key=lambda row: (-row["story_mrr"], row["k"], row["vector_weight"]))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _line(name: str, found: dict) -> str:
    cells = []
    for group in GROUPS:
        if group in found:
            s = found[group]
            cells.append(f"{s['top1']:>5.2f} {s['top10']:>5.2f} {s['mrr']:>5.3f}")
    return f"{name:<52} " + "  │ ".join(cells)


def report(result: dict) -> None:
    heads = "  │ ".join(f"{LABELS[g] + ' (' + str(_n(result, g)) + ')':<17}" for g in GROUPS)
    print(f"\n{result['films']} films; top-1, top-10, MRR\n{'':<52} {heads}")
    for leg, found in result["full_text"].items():
        print(_line(leg, found))
    for name, entry in result["models"].items():
        for text, found in entry["texts"].items():
            for how, figures in found.items():
                print(_line(f"{name}, {text}: {how}", figures))
    for name, entry in result["models"].items():
        _report_model(name, entry)


def _n(result: dict, group: str) -> int:
    return result["full_text"]["full text"].get(group, {}).get("n", 0)


def _report_model(name: str, entry: dict) -> None:
    print(
        f"\n{name}: {entry['plots_per_s']} plots/s, one query {entry['query_ms_p50']} ms, "
        f"load {entry['load_s']} s, +{entry['rss_mb']} MB resident, "
        f"install {entry['install_mb']['package']} MB "
        f"({entry['install_mb']['with_dependencies']} MB with dependencies but numpy)"
    )
    for form, stored in entry.get("stored", {}).items():
        print(
            f"  stored as {form}: vector MRR {stored['mrr']}, top-10 same as float32 "
            f"{stored['top10_same_as_float32']:.0%}, {stored['bytes_per_vector']} bytes"
        )
    scaled = entry.get("scale")
    if scaled:
        for form in ("float32", "float16"):
            timed = scaled[f"nearest_{form}"]
            held = "float32, as held" if form == "float32" else "float16, widened at each query"
            print(
                f"  one query against {scaled['embed_plots']['texts']:,} works ({held}, "
                f"{timed['matrix_mb']} MB): p50 {timed['p50_ms']} ms, p95 {timed['p95_ms']} ms"
            )
        embedded = scaled["embed_plots"]
        how = (
            f"extrapolated from {embedded['measured']:,}"
            if embedded["extrapolated"]
            else "measured"
        )
        print(
            f"  embedding {embedded['texts']:,} plots: {embedded['seconds']} s "
            f"({embedded['texts_per_s']}/s, {how})"
        )
    for leg, tried in entry.get("sweep", {}).items():
        for row in tried[:6]:
            print(f"  sweep, fusion with {leg}: {row}")
