"""SMS backends. A bureau plugs in its gateway by naming, in the SMS_BACKEND
setting, a class whose instances have ``send(phone: str, text: str)``; a
backend raises on failure, and the message is tried again later."""

import logging

from core.masking import mask_phone

logger = logging.getLogger("messaging.sms")


class LogSMSBackend:
    """The default: writes each SMS to the log and sends nothing."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)
