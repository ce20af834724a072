"""Issue 24 #4: get_url(), get_run_url(), get_experiment_url() name the store an object
lives in: a file: URI for SQLite, the server and database (never the password) for
PostgreSQL (tests/postgres/test_postgres_object_urls.py runs these again there)."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import neptune_sys_widgets as nsw


def _expected_base(store_path: str) -> str:
    if "://" in store_path:
        parts = urlsplit(store_path)
        return f"postgresql://{parts.username}@{parts.hostname}:{parts.port or 5432}" \
               f"{parts.path}"
    return "file://" + os.path.abspath(store_path)


def test_urls_name_the_store_and_the_object(store_path):
    run = nsw.Run(project="ws/urls", experiment_name="exp one", run_id="r-1")
    base = _expected_base(store_path)
    sys_id = run["sys/id"].fetch()
    assert run.get_url() == f"{base}#ws/urls/{sys_id}"
    assert run.get_run_url() == run.get_url()
    assert run.get_experiment_url() == f"{base}#ws/urls/experiment/exp%20one"
    model = nsw.init_model(key="MOD", project="ws/urls")
    assert model.get_url() == f"{base}#ws/urls/{model['sys/id'].fetch()}"
    project = nsw.init_project("ws/urls", mode="read-only")
    assert project.get_url() == f"{base}#ws/urls"
    for url in (run.get_url(), model.get_url(), project.get_url()):
        assert "%3A" not in url and "%40" not in url  # a URL is not taken for a path
        password = urlsplit(store_path).password if "://" in store_path else None
        assert not password or password not in url
    run.close()
    model.stop()


def test_memory_store_url():
    run = nsw.init_run(project="ws/urls", mode="debug")
    assert run.get_url().startswith("memory:#ws/urls/")
    run.stop()
