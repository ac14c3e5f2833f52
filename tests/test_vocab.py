"""The vocabularies: orders the pages rely on, and subsets that stay inside their sets."""

import pytest

from alliance_atlas import vocab


@pytest.mark.parametrize(
    ("present", "displayed", "compared"),
    [
        (
            {"csto", "nato", "cst", "warsaw_pact"},
            ["nato", "warsaw_pact", "cst", "csto"],
            ["csto", "nato", "warsaw_pact", "cst"],
        ),
        ({"zeta", "nato", "alpha"}, ["nato", "alpha", "zeta"], ["nato", "alpha", "zeta"]),
        ({"zeta", "csto"}, ["csto", "zeta"], ["csto", "zeta"]),
        (set(), [], []),
    ],
)
def test_alliances_are_shown_in_the_atlas_order_and_compared_focus_first(
    present, displayed, compared
):
    assert vocab.display_order(present) == displayed
    assert vocab.compare_order(present) == compared


def test_request_and_force_kinds_are_event_kinds():
    assert vocab.REQUEST_KINDS == ("request", "request_refused", "request_granted")
    assert set(vocab.FORCE_KINDS) < set(vocab.EVENT_KINDS)


def test_statuses_run_from_member_through_the_partial_ones_to_former():
    assert (vocab.MEMBER, *vocab.PARTIAL_STATUSES, vocab.FORMER) == vocab.STATUSES
    assert len(set(vocab.STATUSES)) == len(vocab.STATUSES)


def test_the_default_language_comes_first():
    assert vocab.LANGUAGES[0] == vocab.DEFAULT_LANGUAGE == "en"
