"""The kernel harness itself: a real ipykernel, its iopub traffic, and comm messages sent
back as a front end would. Nothing here uses neptune_sys_widgets."""

from __future__ import annotations

import pytest

from tests.harness.kernel import KernelError


def test_execute_result_streams_and_errors(kernel):
    r = kernel.execute("1+1")
    assert r.ok
    assert r.result_text == "2"

    r = kernel.execute("import os, sys; print(os.environ['NEPTUNE_SYS_STORE']); "
                       "print(sys.executable)")
    store, executable = r.stdout.splitlines()
    assert store.endswith("neptune.db")
    import sys

    assert executable == sys.executable

    with pytest.raises(KernelError, match="ZeroDivisionError"):
        kernel.execute("1/0")
    r = kernel.execute("1/0", check=False)
    assert not r.ok and r.error["ename"] == "ZeroDivisionError"


def test_widget_comm_open_and_front_end_update(kernel):
    r = kernel.execute("import ipywidgets\nw = ipywidgets.IntSlider(value=3, max=10)\nw")
    opened = r.comm_open(model_name="IntSliderModel")
    comm_id = opened["content"]["comm_id"]
    state = opened["content"]["data"]["state"]
    assert state["value"] == 3 and state["max"] == 10
    assert r.widget_views() == [comm_id]

    # the front end moves the slider
    kernel.update_widget(comm_id, {"value": 7})
    assert kernel.execute("print(w.value)").stdout == "7\n"

    # the kernel changes the value: the front end receives an update
    mark = kernel.mark()
    kernel.execute("w.value = 9")
    msg = kernel.wait_for_comm_msg(comm_id, where=lambda d: d["state"].get("value") == 9,
                                   since=mark, timeout=30)
    assert msg["content"]["data"]["method"] == "update"


def test_update_from_a_thread_while_idle(kernel):
    kernel.execute(
        "import threading, ipywidgets\n"
        "w = ipywidgets.IntText(value=0)\n"
        "ev = threading.Event()\n"
        "def later():\n"
        "    ev.wait(60)\n"
        "    w.value = 42\n"
        "threading.Thread(target=later, daemon=True).start()\n"
        "w"
    )
    comm_id = kernel.execute("print(w.model_id)").stdout.strip()
    mark = kernel.mark()
    kernel.execute("ev.set()")
    kernel.wait_for_comm_msg(comm_id, where=lambda d: d["state"].get("value") == 42,
                             since=mark, timeout=30)
