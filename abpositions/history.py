"""How rule 4's audit events read in the history panel (audit.verbs)."""


def register() -> None:
    """Each part of rule 4 registers its verbs here, with their field labels."""
    from abpositions import history_handovers, history_holders, history_uncovered
    from abpositions.history_absences import register_absence_verbs
    from abpositions.history_consent import register_consent

    history_handovers.register()
    history_uncovered.register()
    history_holders.register()
    register_absence_verbs()
    register_consent()
