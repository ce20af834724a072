"""``neptune-sys ui``, the team page, as a user meets it: the verb started as a real
subprocess on a store that other processes write, the printed URL opened in headless
Chromium (Voilà renders the anywidget tables with JupyterLab's widget manager).

Seen in the page: the runs, a tag added in bulk (then read back by this process, not the
server's), a run created afterwards by another process, a row opening its card, a stage
changed in the models tab, a card's Metrics section and its full chart, Compare drawing the
selected runs; nothing loaded from another server. Without the token (generated, or
``--token``) the page is refused; ``--no-token`` serves it as is. It listens on 127.0.0.1
only, and stops on SIGINT and SIGTERM taking its kernels with it. On a PostgreSQL store the
page follows runs created elsewhere and never shows the password. Screenshots go to
artifacts/screenshots.
"""

from __future__ import annotations

import re
import signal
import urllib.error
import urllib.parse
import urllib.request

import psutil
import pytest
from playwright.sync_api import expect

import neptune_sys_widgets as nsw
from tests.conftest import run_python
from tests.harness.lab import screenshots_dir
from tests.harness.teampage import TeamPageProcess
from tests.store.test_multiprocess import wait_for

HOSTILE = '<img src=x onerror="window.__pwned=1">'


def seed(store: str) -> None:
    run_python(f"""
        import neptune_sys_widgets as n
        for i, name in enumerate(["baseline", "wider", {HOSTILE!r}]):
            n.init_run(project="ws/team", name=name, mode="sync", tags=["seed"],
                       store={store!r}).stop()
        n.init_model(key="CLF", project="ws/team", store={store!r}).stop()
        n.init_model_version(model="TEAM-CLF", project="ws/team", store={store!r}).stop()
    """)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_without_following(url: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=30) as resp:
            return resp.status, ""
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", "")


def tags_of(store: str, run_id: str) -> set[str]:
    return nsw.init_run(with_id=run_id, mode="read-only", store=store)["sys/tags"].fetch()


def stage_of(store: str, version_id: str) -> str:
    return nsw.init_model_version(with_id=version_id, mode="read-only", store=store)[
        "sys/stage"].fetch()


def kernels_of(ui: TeamPageProcess) -> list[psutil.Process]:
    """The server's live kernel processes (an exited one not yet reaped is not one)."""
    assert ui.proc is not None
    out = []
    for p in psutil.Process(ui.proc.pid).children(recursive=True):
        try:
            if p.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.Error:  # gone meanwhile
            pass
    return out


@pytest.fixture
def team_store(tmp_path) -> str:
    store = str(tmp_path / "team" / "neptune.db")
    seed(store)
    return store


def test_team_page_is_refused_without_its_token(chromium_browser, team_store):
    with TeamPageProcess(team_store, "--token", "our-team-2026") as ui:
        assert ui.url == ui.base_url + "?token=our-team-2026"
        code, where = status_without_following(ui.base_url)
        assert code == 302 and "/login" in where
        code, where = status_without_following(ui.base_url + "?token=wrong")
        assert code == 302 and "/login" in where
        context = chromium_browser.new_context()
        try:
            page = context.new_page()
            page.goto(ui.base_url)
            expect(page).to_have_url(re.compile(r"/login"), timeout=30_000)
            assert page.locator(".nsw-table").count() == 0
        finally:
            context.close()


def test_team_page_edits_and_follows_the_store(chromium_browser, team_store):
    with TeamPageProcess(team_store) as ui:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{48}", ui.url)
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(60_000)
        try:
            page = context.new_page()
            answered: list[str] = []  # responses: what reached a server
            page.on("response", lambda r: answered.append(r.url))
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(ui.url)
            check_runs_tab(page, team_store)
            check_models_tab(page, team_store)
            # everything, widget front ends included, comes from this server: Voilà's link
            # to a CDN is blocked by the page's Content-Security-Policy
            local = (ui.base_url, ui.base_url.replace("http:", "ws:"), "data:", "blob:")
            assert [u for u in answered if not u.startswith(local)] == []
            # and every front end loads: the only errors are the CDN links the policy blocks
            assert [e for e in errors if "cdn.jsdelivr.net" not in e] == []
            # leaving the page shuts its kernel down (Voilà's beforeunload, with the _xsrf
            # cookie the server sets on the page)
            assert kernels_of(ui)
            page.goto("about:blank")
            wait_for(lambda: not kernels_of(ui), timeout=30)
        except Exception:
            page.screenshot(path=str(screenshots_dir() / "FAILED-team-page.png"))
            raise
        finally:
            context.close()


def check_runs_tab(page, store: str) -> None:
    table = page.locator(".nsw-table").first
    expect(table.locator(".nsw-count")).to_contain_text("3 runs", timeout=120_000)
    expect(page).to_have_title("Team page · neptune_sys_widgets")
    expect(table.locator(".nsw-tr").first).to_contain_text(HOSTILE)  # as text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # a value with a bidi override (U+202E) cannot reorder the cells beside it
    assert table.locator(".nsw-tr .nsw-td").first.evaluate(
        "e => getComputedStyle(e).unicodeBidi") == "isolate"

    # a tag added in the page is in the store for every other process
    table.locator(".nsw-tr[data-id='TEAM-1'] [data-key='sys/name']").click()
    expect(table.locator(".nsw-selcount")).to_contain_text("1 selected")
    box = table.get_by_role("textbox", name="Tag for the selected rows")
    box.press_sequentially("reviewed", delay=15)
    table.get_by_role("button", name="Add tag", exact=True).click()
    wait_for(lambda: "reviewed" in tags_of(store, "TEAM-1"), timeout=30)
    expect(table.locator(".nsw-tr[data-id='TEAM-1']")).to_contain_text("reviewed")

    # a run created afterwards by another process appears without a reload
    run_python(f"""
        import neptune_sys_widgets as n
        n.init_run(project="ws/team", name="from-outside", mode="sync", store={store!r}).stop()
    """)
    expect(table.locator(".nsw-count")).to_contain_text("4 runs", timeout=30_000)
    expect(table.locator(".nsw-tr").first).to_contain_text("from-outside")

    # a row opens its card
    table.locator(".nsw-tr[data-id='TEAM-2'] .nsw-open").click()
    card = page.locator(".nsw-root.nsw-kind-run").first
    expect(card.locator(".nsw-id")).to_contain_text("TEAM-2")
    page.screenshot(path=str(screenshots_dir() / "team-page-runs.png"), full_page=True)


def check_models_tab(page, store: str) -> None:
    page.locator(".lm-TabBar-tab", has_text="Models").click()
    table = page.locator(".nsw-table").nth(1)
    expect(table.locator(".nsw-count")).to_contain_text("1 model version")
    table.get_by_role("combobox", name="Stage of TEAM-CLF-1").select_option("production")
    wait_for(lambda: stage_of(store, "TEAM-CLF-1") == "production", timeout=30)
    page.screenshot(path=str(screenshots_dir() / "team-page-models.png"), full_page=True)


@pytest.mark.parametrize("sig, args, background", [
    (signal.SIGINT, (), False),
    (signal.SIGINT, (), True),  # started with `&` or nohup: SIGINT arrives ignored
    (signal.SIGTERM, ("--no-token", "--theme", "dark"), False)],
    ids=["SIGINT", "SIGINT-background", "SIGTERM-no-token-dark"])
def test_team_page_stops_with_its_kernels(team_store, sig, args, background):
    with TeamPageProcess(team_store, *args, background=background) as ui:
        assert ui.proc is not None
        server = psutil.Process(ui.proc.pid)
        listening = {c.laddr.ip for c in server.net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN}
        assert listening == {"127.0.0.1"}  # this machine only, by default
        with urllib.request.urlopen(ui.url, timeout=120) as resp:  # runs the page's kernel
            assert resp.status == 200
            theme = "JupyterLab Dark" if "dark" in args else "JupyterLab Light"
            assert f'data-jp-theme-name="{theme}"' in resp.read().decode()
            if not args:  # the token in the URL logs the browser in: no token needed later
                assert "username-" in resp.headers.get("Set-Cookie", "")
            else:
                assert ui.url == ui.base_url
        kernels = wait_for(lambda: kernels_of(ui), timeout=30)
        assert ui.stop(sig) == 0, ui.log()
        gone, alive = psutil.wait_procs(kernels, timeout=30)
        assert alive == [], f"orphan kernels: {alive}\n{ui.log()}"


def test_team_page_on_the_postgresql_store(chromium_browser, pg_url):
    seed(pg_url)
    with TeamPageProcess(pg_url) as ui:
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(ui.url)
            table = page.locator(".nsw-table").first
            expect(table.locator(".nsw-count")).to_contain_text("3 runs", timeout=120_000)
            run_python(f"""
                import neptune_sys_widgets as n
                n.init_run(project="ws/team", name="on-the-server", mode="sync",
                           store={pg_url!r}).stop()
            """)
            expect(table.locator(".nsw-count")).to_contain_text("4 runs", timeout=30_000)
            expect(table.locator(".nsw-tr").first).to_contain_text("on-the-server")
            password = urllib.parse.unquote(urllib.parse.urlsplit(pg_url).password or "")
            assert password and password not in page.locator("body").inner_text()
            assert password not in ui.out_path.read_text()
        finally:
            context.close()


def seed_series(store: str) -> None:
    run_python(f"""
        import neptune_sys_widgets as n
        for sys_id in ("TEAM-1", "TEAM-2"):
            r = n.init_run(with_id=sys_id, store={store!r})
            for i in range(50):
                r["train/loss"].append(1.0 / (i + 1), step=i)
            r.stop()
    """)


def test_team_page_card_metrics_and_compare(chromium_browser, team_store):
    """Charts reach people without Jupyter too: a card opened on the page has its Metrics
    section (a click draws the full chart), and Compare draws the selected runs."""
    seed_series(team_store)
    with TeamPageProcess(team_store) as ui:
        context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(60_000)
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(ui.url)
            table = page.locator(".nsw-table").first
            expect(table.locator(".nsw-count")).to_contain_text("3 runs", timeout=120_000)
            table.locator(".nsw-tr[data-id='TEAM-1'] .nsw-open").click()
            section = page.locator(".nsw-root.nsw-kind-run .nsw-metrics").first
            expect(section.locator("summary")).to_contain_text("(1 of 1)")
            section.locator("li[data-path='train/loss'] button").click()
            opened = section.locator(".nsw-chart")
            expect(opened.locator(".nsw-chart-status")).to_contain_text("50 points")

            table.locator(".nsw-tr[data-id='TEAM-1'] [data-key='sys/name']").click()
            table.locator(".nsw-tr[data-id='TEAM-2'] [data-key='sys/name']").click(
                modifiers=["ControlOrMeta"])
            expect(table.locator(".nsw-selcount")).to_contain_text("2 selected")
            table.get_by_role("button", name="Compare", exact=True).click()
            compared = page.locator(".nsw-chart:not(.nsw-metrics .nsw-chart)")
            expect(compared.locator(".nsw-chart-legend-row .nsw-chart-run")).to_have_text(
                ["baseline", "wider"])
            expect(compared.locator(".nsw-chart-status")).to_contain_text("100 points")
            page.screenshot(path=str(screenshots_dir() / "team-page-compare.png"),
                            full_page=True)
            assert [e for e in errors if "cdn.jsdelivr.net" not in e] == []
        except Exception:
            page.screenshot(path=str(screenshots_dir() / "FAILED-team-page-charts.png"))
            raise
        finally:
            context.close()
