import logging

from messaging.sms import LogSMSBackend


def test_the_default_backend_writes_the_text_to_the_log_with_the_number_masked(caplog):
    with caplog.at_level(logging.INFO, logger="messaging.sms"):
        LogSMSBackend().send("13800138000", "您的办件已办结")
    assert "您的办件已办结" in caplog.text
    assert "138****8000" in caplog.text
    assert "13800138000" not in caplog.text
