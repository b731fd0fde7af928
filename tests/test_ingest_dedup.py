"""Article ids, exact copies and story clusters of near copies."""

from __future__ import annotations

from legation.ingest import Article, normalise
from legation.ingest.dedup import StoryClusters, from_bytes, signature, to_bytes
from legation.ingest.language import detect_language

STORY = (
    "Japan and France agreed on Tuesday to open their ports to each other's navies, the two defence "
    "ministries said in a joint statement after talks in Paris. Officials said the agreement would be signed "
    "in Tokyo next month and would allow warships to refuel without asking for permission each time. "
    "Neither government said how many ships were expected to use the arrangement in its first year."
)
REWRITE = (
    "(Wire) - " + STORY.replace(" said the agreement", " told reporters the agreement").rsplit(". ", 1)[0]
)
OTHER = (
    "Hundreds of people protested outside the Chilean embassy in Lima on Sunday over fishing rights, and "
    "police said four people were detained. The ambassador demanded better protection for the mission, while "
    "the foreign ministry promised an inquiry into the clashes and a review of security at embassies."
)


def test_normalising_ignores_case_and_spacing():
    assert normalise("Japan  met\nFRANCE ") == normalise("japan met france")


def test_an_article_id_is_stable_for_the_same_text_and_url():
    assert Article(STORY, "a", "txt", url="u").id == Article(STORY + "\n", "b", "md", url="u").id


def test_the_url_is_part_of_the_article_id():
    assert Article(STORY, "a", "txt", url="u1").id != Article(STORY, "a", "txt", url="u2").id


def test_copies_at_other_urls_share_the_content_hash():
    assert (
        Article(STORY, "a", "txt", url="u1").content_hash == Article(STORY, "b", "txt", url="u2").content_hash
    )


def test_a_near_copy_joins_the_story_cluster_of_its_original():
    clusters = StoryClusters()
    clusters.assign("first", signature(STORY))
    assert clusters.assign("second", signature(REWRITE))[0] == "first"


def test_an_unrelated_article_starts_a_new_cluster():
    clusters = StoryClusters()
    clusters.assign("first", signature(STORY))
    assert clusters.assign("other", signature(OTHER)) == ("other", None)


def test_stored_signatures_cluster_like_fresh_ones():
    clusters = StoryClusters()
    clusters.load([("first", "first", to_bytes(signature(STORY)))])
    assert clusters.assign("second", signature(REWRITE))[0] == "first"


def test_a_signature_survives_storage():
    sig = signature(STORY)
    assert from_bytes(to_bytes(sig)).jaccard(sig) == 1.0


def test_english_is_detected():
    assert detect_language(STORY) == "en"


def test_french_is_detected():
    assert (
        detect_language(
            "Le ministre a rencontré son homologue allemand à Paris mardi pour parler du commerce."
        )
        == "fr"
    )


def test_too_little_text_is_undetermined():
    assert detect_language("OK 12") == "und"
