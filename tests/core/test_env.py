import pytest
from django.core.exceptions import ImproperlyConfigured

from efficiency.env import env_bool, env_int, env_list


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("true", True), ("Yes", True), ("off", False), ("0", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG", not expected) is expected


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("DEBUG_X", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG_X"):
        env_bool("DEBUG_X", False)


def test_env_int_refuses_a_word(monkeypatch):
    monkeypatch.setenv("PORT_X", "eighty")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("PORT_X", 80)


def test_defaults_apply_when_unset(monkeypatch):
    monkeypatch.delenv("UNSET_X", raising=False)
    assert env_int("UNSET_X", 7) == 7
    assert env_bool("UNSET_X", True) is True
    assert env_list("UNSET_X", ["a"]) == ["a"]


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS_X", "a.example, b.example,,")
    assert env_list("HOSTS_X", []) == ["a.example", "b.example"]


def test_a_line_per_task_is_kept_out_of_the_log_unless_asked_for():
    import logging

    for name in ("celery.app.trace", "celery.worker.strategy"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("messaging.services").getEffectiveLevel() <= logging.INFO
