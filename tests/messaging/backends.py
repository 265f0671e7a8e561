"""SMS backends for tests, named in override_settings(SMS_BACKEND=...)."""


class RecordingSMSBackend:
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        RecordingSMSBackend.sent.append((phone, text))


class BrokenGatewaySMSBackend:
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("the SMS gateway is down")
