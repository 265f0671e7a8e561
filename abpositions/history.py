"""How rule 4's audit events read in the history panel (audit.verbs)."""


def register() -> None:
    """Each part of rule 4 registers its verbs here, with their field labels."""
    from abpositions.history_consent import register_consent

    register_consent()
