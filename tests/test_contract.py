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
