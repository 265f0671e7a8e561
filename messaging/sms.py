"""SMS backends. A bureau plugs in its gateway by naming, in the SMS_BACKEND
setting, a class whose instances have ``send(phone: str, text: str)``; a
backend raises on failure, and the message is tried again later."""

import logging

logger = logging.getLogger("messaging.sms")


def mask_phone(phone: str) -> str:
    """138****5678: enough to tell messages apart in a log, no more."""
    digits = phone.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


class LogSMSBackend:
    """The default: writes each SMS to the log and sends nothing."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)
