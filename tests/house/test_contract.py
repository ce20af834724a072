"""The generated JS contract (js/lib/contract.js) is current with the catalog and the
widgets' command tables (docs/DECISIONS.md #13), as the README's field table is."""

from __future__ import annotations

from neptune_sys_widgets import catalog
from neptune_sys_widgets.widgets import contract


def test_js_contract_is_current():
    assert contract.JS_PATH.exists(), "run: python -m neptune_sys_widgets.widgets.contract"
    current = contract.JS_PATH.read_text(encoding="utf-8")
    assert current == contract.js_contract(), (
        "js/lib/contract.js is stale; regenerate it with "
        "`python -m neptune_sys_widgets.widgets.contract`")


def test_js_contract_names_every_field_and_stage():
    text = contract.js_contract()
    for f in catalog.FIELDS:
        assert f'"path": "{f.path}"' in text
    for s in (*catalog.STAGES, *catalog.RUN_STATES):
        assert f'"{s}"' in text
    assert '"sys_model_id"' in text  # the trait the widget really syncs


def test_card_typedefs_cover_every_kinds_traits_and_commands():
    """The card's typedefs come from the widget classes and command tables themselves: a
    trait or command added in Python is typed in JS by the next regeneration."""
    from neptune_sys_widgets.widgets import _by_kind
    from neptune_sys_widgets.widgets.run_card import METRICS_COMMANDS
    from neptune_sys_widgets.widgets.sys_widget import COMMAND_FIELDS
    lines = contract.card_typedefs()
    for kind, cls in _by_kind.items():
        name = "".join(w.title() for w in kind.split("_")) + "CardTraits"
        line = next(x for x in lines if x.endswith(f" {name} */"))
        for trait in contract._synced_traits(cls):
            assert f" {trait}: " in line or f"{{{trait}: " in line, (kind, trait)
    args = next(x for x in lines if x.endswith(" CardCommandArgs */"))
    for cmd in (*COMMAND_FIELDS, *METRICS_COMMANDS):
        assert f" {cmd}: {{" in args or f"{{{cmd}: {{" in args, cmd
    assert 'set: {field: "description" | "failed" | "name", value: unknown}' in args


PROBE = """// @ts-check
/** @param {import("ROOT/js/lib/types.js").CardModel} model
 * @param {import("ROOT/js/lib/channel.js").CardChannel} channel */
export function probe(model, channel) {
  model.get("state");
  model.get("stat");
  channel.send("stop", {});
  channel.send("stpo", {});
  channel.send("add", { field: "name", value: "x" });
  channel.send("open_chart", { value: { pth: "a" } });
  channel.send("metrics", { value: { limit: 6 } });
  channel.send("metrics", { value: { limit: 7 } });
}
"""


def _tsc_error_lines(tmp_path, probe: str) -> list[int]:
    """The lines of ``probe`` that ``tsc`` with the repository's strict options refuses."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    import pytest
    root = Path(__file__).resolve().parents[2]
    tsc = root / "node_modules" / ".bin" / "tsc"
    if shutil.which("node") is None or not tsc.exists():
        pytest.skip("node / typescript (devDependencies) are not installed: npm install")
    (tmp_path / "probe.js").write_text(probe.replace("ROOT", root.as_posix()))
    options = json.loads((root / "tsconfig.json").read_text())["compilerOptions"]
    (tmp_path / "tsconfig.json").write_text(json.dumps(
        {"compilerOptions": options, "files": ["probe.js", str(root / "js" / "css.d.ts")]}))
    proc = subprocess.run([str(tsc), "-p", str(tmp_path / "tsconfig.json")],
                          capture_output=True, text=True, timeout=300)
    return sorted({int(m.split("(")[1].split(",")[0]) for m in proc.stdout.splitlines()
                   if m.startswith("probe.js(") or "/probe.js(" in m})


def test_tsc_refuses_a_misspelt_card_trait_or_command_payload(tmp_path):
    """The point of the typed contract, run for real: tsc --strict over card code that
    misspells a trait, a command, a field the command may not name, a payload key and a
    value out of the kernel's choices fails on exactly those lines."""
    assert _tsc_error_lines(tmp_path, PROBE) == [6, 8, 9, 10, 12]


TYPO_PROBE = """// @ts-check
/** @typedef {import("ROOT/js/lib/contract.js").TableCommandArgs} TableArgs */
/** @typedef {import("ROOT/js/lib/contract.js").ChartCommandArgs} ChartArgs */
/** @param {import("ROOT/js/lib/types.js").TableModel} table
 * @param {import("ROOT/js/lib/types.js").ChartModel} chart
 * @param {import("ROOT/js/lib/card/section.js").Section} section
 * @param {import("ROOT/js/lib/channel.js").Channel<TableArgs>} tables
 * @param {import("ROOT/js/lib/channel.js").Channel<ChartArgs>} charts */
export function probe(table, chart, section, tables, charts) {
  table.get("total");
  table.get("totl");
  chart.get("log_y");
  chart.get("logy");
  table.on("change:query", () => {});
  table.on("change:qurey", () => {});
  section.has("tags");
  section.has("tgas");
  section.canEdit("descripton");
  tables.send("sort", { value: { by: "sys/id", ascending: true } });
  tables.send("srot", { value: { by: "sys/id", ascending: true } });
  tables.send("bulk", { value: { action: "add_tag" } });
  charts.send("x", { value: { x: "time" } });
  charts.send("zoom", { value: { range: null } });
  charts.send("x", { value: { x: "epoch" } });
}
"""


def test_tsc_refuses_a_misspelt_trait_or_command_name_in_every_widget(tmp_path):
    """A typo in a trait name (the table's, the chart's, the card's in a section's `has` /
    `canEdit`, a `change:` event) or in a command name or one of its named choices (a bulk
    action, an x axis) fails the type check, in the table and the chart as in the card."""
    assert _tsc_error_lines(tmp_path, TYPO_PROBE) == [11, 13, 15, 17, 18, 20, 21, 23, 24]
