"""The atlas's fixed vocabularies, each defined once: languages, alliances, statuses, kinds."""

import datetime as dt
from collections.abc import Iterable

# The languages the atlas speaks, the default first. Each has a catalogue in locales/, and
# every text shown to readers in the data has a version in each (see locales/README.md).
LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = LANGUAGES[0]

FIRST_DAY = dt.date(1945, 1, 1)  # the earliest date a view can ask for: the atlas starts in 1945

# --- alliances ------------------------------------------------------------------------------
# The display order, which also gives each alliance its theme colour (.streamlit/config.toml
# has fifteen). A state in several alliances is drawn on the map in the first of them in this
# order, so WEU and the Union State treaty, whose members are all drawn as NATO or CSTO members,
# take the greys. `arab_jdt` is researched but held back (data/notes/drafts/): it keeps its
# place and colour for the day its records are complete.
ALLIANCES = (
    "nato",
    "warsaw_pact",
    "cst",
    "csto",
    "anzus",
    "seato",
    "cento",
    "rio",
    "brussels_treaty",
    "weu",
    "eu_42_7",
    "arab_jdt",
    "union_state_security",
    "rus_prk",
    "sco",
)
FOCUS = "csto"  # the "counter-NATO" the atlas began with: compared first, told on the overview
COMPARED_BY_DEFAULT = (FOCUS, "nato")  # what Compare opens on
# Presets of the alliance choice (queries.presets adds "today" and "everything").
COLD_WAR_BLOCS = ("nato", "weu", "seato", "cento", "anzus", "rio", "warsaw_pact")
RUSSIAS_COMMITMENTS = ("cst", "csto", "rus_prk", "union_state_security")
MOST_COMPARED = 4  # the most alliances Compare puts side by side, so each column stays readable
# The most alliances a chart draws when the reader chose none: the atlas's fifteen, so that an
# imported dataset of hundreds of alliances leaves the charts readable (and quick).
MOST_CHARTED = 15
DEFENCE_PACT = "defence_pact"  # the members promise to help one another if one is attacked
# A security body with no mutual-defence promise, e.g. the SCO: shown only when a reader asks.
SECURITY_ORGANISATION = "security_organisation"
ALLIANCE_TYPES = (
    DEFENCE_PACT,
    "consultation_pact",  # the members promise only to consult or cooperate in a crisis
    SECURITY_ORGANISATION,
    # The other kinds of ATOP and COW, for imported alliances, named by their strongest promise:
    "offence_pact",  # to join in offensive action
    "neutrality_pact",  # to stay out of a war a member fights
    "non_aggression_pact",  # not to attack one another
)


def display_order(alliances: Iterable[str]) -> list[str]:
    """The alliances of the atlas in their order, then any other (uploaded) ones by id."""
    present = set(alliances)
    return [a for a in ALLIANCES if a in present] + sorted(present - set(ALLIANCES))


def compare_order(alliances: Iterable[str]) -> list[str]:
    """The display order with the focus alliance first: CSTO, NATO, Warsaw Pact, CST."""
    ordered = display_order(alliances)
    return sorted(ordered, key=lambda a: a != FOCUS)  # stable: the rest keep their order


# --- memberships ----------------------------------------------------------------------------
JOINED_AS = ("founder", "acceded")  # an original party, or a state that joined later
# What a membership's `joined` date is: the day it took effect (the atlas's rule), or the
# signature's day (ATOP's convention, kept as such in imported data).
JOINED_BASES = ("effect", "signature")
MEMBER = "member"  # a member with no period of partial participation
PARTIAL_STATUSES = ("frozen", "suspended", "outside_integrated_command", "inactive")
FORMER = "former"  # the episode has ended
STATUSES = (MEMBER, *PARTIAL_STATUSES, FORMER)  # a membership episode's status on a date

# --- events ---------------------------------------------------------------------------------
EVENT_KINDS = (
    "treaty",  # a treaty or protocol is signed
    "entry_into_force",  # a treaty or charter takes effect
    "founding",  # an organisation is created
    "accession",  # states join
    "withdrawal",  # a state leaves
    "partial_withdrawal",  # a state leaves only part of the structure (integrated command)
    "reinstatement",  # a state returns to a structure it had left, or is readmitted
    "non_renewal",  # states let a treaty lapse for them
    "suspension",  # a membership or participation is suspended
    "freeze",  # a state freezes its participation
    "request",  # a member asks the alliance for help
    "request_refused",  # the alliance declines a request
    "request_granted",  # the alliance grants a request
    "intervention",  # forces are deployed
    "withdrawal_of_forces",  # deployed forces leave
    "summit",  # a meeting of heads of state or government
    "invocation",  # a mutual-defence article is invoked
    "consultation",  # consultations are requested (NATO Article 4, CST Article 2)
    "reunification",  # states merge
    "dissolution",  # an alliance or its structures end
    "headquarters",  # the seat moves or is established
    "statement",  # a declaration with no legal effect of its own
    "other",
)
REQUEST_KINDS = ("request", "request_refused", "request_granted")  # the kinds with an outcome
FORCE_KINDS = ("intervention", "invocation")  # forces deployed, or a defence article invoked
OUTCOMES = ("granted", "refused", "partial")  # what became of a request

# --- sources --------------------------------------------------------------------------------
SOURCE_KINDS = ("official", "treaty", "encyclopaedia", "news", "academic", "dataset")

# Date fields whose value the app shows as the record holds it; a dispute on one of them
# must show the record's value.
DATE_FIELDS = frozenset(
    {"date", "signed", "joined", "left", "in_force", "dissolved", "exists_from", "exists_until"}
)

# The research datasets' state numbers, as state_codes.csv holds them: Correlates of War
# (`ccode`) and Gleditsch-Ward.
STATE_SCHEMES = ("cow", "gw")
