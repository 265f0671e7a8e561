from core.http import client_ip


def test_the_last_forwarded_address_is_the_visitor_the_proxy_saw(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 10.1.2.3", REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "10.1.2.3"


def test_without_a_proxy_header_the_peer_address_counts(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="10.9.9.9")) == "10.9.9.9"
