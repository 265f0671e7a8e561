def test_each_role_fixture_holds_its_role(front_desk, handler, chief, supervisor, administrator):
    assert front_desk.roles == ["front_desk"]
    assert handler.roles == ["handler"]
    assert chief.roles == ["handler", "section_chief"]
    assert supervisor.roles == ["supervisor"]
    assert administrator.roles == ["administrator"]
