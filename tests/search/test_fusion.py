"""Full-text and vector rankings fused into one, the film titled as typed first."""

from cinecat.search.fusion import fuse, is_exact_title, reciprocal_rank_fusion, title_key


def test_a_film_both_rankings_found_comes_before_one_found_by_either():
    fused = reciprocal_rank_fusion([["heat", "alien", "jaws"], ["jaws", "ronin", "heat"]])

    assert fused[0] in {"heat", "jaws"}
    assert set(fused[:2]) == {"heat", "jaws"}
    assert fused[2:] == ["alien", "ronin"]


def test_the_rank_of_each_list_counts_with_its_weight():
    text, vectors = ["fargo", "heat"], ["heat", "fargo"]

    assert reciprocal_rank_fusion([text, vectors], [2.0, 1.0], k=10)[0] == "fargo"
    assert reciprocal_rank_fusion([text, vectors], [1.0, 2.0], k=10)[0] == "heat"


def test_ties_keep_the_order_the_films_were_first_met():
    assert reciprocal_rank_fusion([["psycho", "vertigo"], ["vertigo", "psycho"]]) == [
        "psycho",
        "vertigo",
    ]


def test_a_film_listed_twice_in_one_ranking_is_counted_once():
    once = reciprocal_rank_fusion([["up", "big"], ["big"]])
    twice = reciprocal_rank_fusion([["up", "up", "big"], ["big"]])

    assert once == twice == ["big", "up"]


def test_a_typed_title_matches_whatever_its_case_accents_and_punctuation():
    assert is_exact_title("amelie", ["Amélie", "Le Fabuleux Destin d'Amélie Poulain"])
    assert is_exact_title("  HEAT! ", ["Heat"])
    assert is_exact_title("wall e", ["WALL·E"])
    assert is_exact_title("das boot", ["Das Boot"])
    assert not is_exact_title("heat wave", ["Heat"])
    assert not is_exact_title("", ["Heat"])
    assert not is_exact_title("!!", ["?"])
    assert title_key("Thelma & Louise") == "thelma louise"


def test_the_film_titled_as_typed_comes_first_whatever_the_rankings_say():
    # "up" as a story means little: the vectors put the film titled Up last.
    text, vectors = ["the-sting", "up"], ["speed", "heat", "the-sting", "up"]

    fused = fuse(text, vectors, exact_titles=["up"], k=10, vector_weight=1.0)

    assert fused[0] == "up"
    assert fused.count("up") == 1
    assert fused[1] == "the-sting"  # found by both, ahead of those found by one


def test_a_film_titled_as_typed_comes_first_even_if_no_ranking_holds_it():
    fused = fuse(["alien"], ["aliens"], exact_titles=["m", "m"])

    assert fused == ["m", "aliens", "alien"]


def test_by_default_the_vectors_outvote_a_keyword_match():
    # A told story shares few words with a plot: the vectors' best stays first, a film both
    # lists hold climbs past the vectors' second, and the word match's best alone comes last.
    text, vectors = ["fargo", "zodiac"], ["memories-of-murder", "se7en", "zodiac"]

    assert fuse(text, vectors) == ["memories-of-murder", "zodiac", "se7en", "fargo"]


def test_without_an_exact_title_the_fusion_is_the_reciprocal_rank_fusion():
    text, vectors = ["rocky", "raging-bull"], ["raging-bull", "creed", "rocky"]

    assert fuse(text, vectors) == reciprocal_rank_fusion([text, vectors])
    assert fuse([], []) == []
