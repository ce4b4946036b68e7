"""Event coreference: which event mentions report the same happening.

Mentions of one document are grouped first (:func:`group_document`: an article elaborates
its main event over several sentences); each group is then matched against the stored
happenings (:func:`best_match`) by type, place, date, actors, numbers and the rare names
their sentences share. Every decision comes with its score and a readable reason.
:func:`reconcile` turns a happening's mentions into its fields.
"""

from .compare import Match, compare
from .group import best_match, group_document
from .profile import Profile, mention_key, profile_of
from .reconcile import reconcile

__all__ = ["Match", "Profile", "best_match", "compare", "group_document", "mention_key", "profile_of", "reconcile"]
