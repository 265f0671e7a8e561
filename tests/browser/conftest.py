"""Browser tests: pytest-playwright driving Debian's Chromium against live_server.

Playwright's own browser download is blocked here, so the system Chromium
is launched by path (CHROMIUM_PATH, default /usr/bin/chromium). Without it
the tests skip locally, and fail when REQUIRE_BROWSER=1 (CI must never skip
them silently).
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Playwright waits 30 s by default; a broken page should fail fast.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path():
    path = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not (path.is_file() and os.access(path, os.X_OK)):
        reason = f"Chromium not found at {path}; install Debian's chromium or set CHROMIUM_PATH"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": str(chromium_path), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A bureau's browsers ask for Chinese; LocaleMiddleware follows Accept-Language.
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
        "viewport": {"width": 1366, "height": 800},
    }


@pytest.fixture(scope="session", autouse=True)
def _modest_expect_timeout():
    expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def context(context):
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request, page, output_path):
    """Keep what the browser showed when a test failed, in test-results/."""
    yield
    if getattr(request.node, "browser_call_failed", False) and not page.is_closed():
        path = Path(output_path) / "failure.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, full_page=True)
        print(f"Screenshot of the failure: {path}")
