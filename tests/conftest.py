"""Shared fixtures: every test gets its own store file, named through NEPTUNE_SYS_STORE so
that subprocesses and kernels started by the test use it too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["tests.harness.fixtures", "tests.harness.pg"]

REPO = Path(__file__).resolve().parent.parent


# ---- test tiers ------------------------------------------------------------------------------

#: Tiers by file name: prefixes of the test file's name.
TIER_FILES: dict[str, tuple[str, ...]] = {
    "browser": ("test_browser", "test_harness_browser"),
    "postgres": ("test_postgres_",),
    "kernel": ("test_kernel", "test_harness_kernel", "test_examples"),  # examples: nbclient
}
#: Tiers by fixture: a test that needs one of these, directly or through other fixtures.
TIER_FIXTURES: dict[str, frozenset[str]] = {
    "browser": frozenset({"chromium_browser", "page", "lab", "lab_dir", "lab_store"}),
    "postgres": frozenset({"pg_store", "pg_url", "pg_server"}),
    "kernel": frozenset({"kernel", "kernel_factory"}),
}
#: Tiers by parameter value: ``backend["postgresql"]``-style parametrizations whose fixture
#: asks for the server with ``request.getfixturevalue`` (invisible to the fixture rule).
TIER_PARAMS: dict[str, frozenset[str]] = {"postgres": frozenset({"postgresql", "postgres"})}
#: Tests that take over ~0.5 s each in a full run on a busy 2-core machine (``--durations``;
#: most start Python subprocesses) and that no other tier already covers: by the file that
#: defines the test function, its name (every parametrization; a test re-run from another
#: module, e.g. by test_postgres_suites.py, keeps the mark). ~2 s, the first idea, left
#: ~110 s in the fast tier. tests/house/test_tiers.py fails on an entry that names no test.
SLOW: dict[str, tuple[str, ...]] = {
    "test_add_sys_field.py": (
        "test_a_new_field_in_three_files_reaches_api_tables_card_cli_and_interop",
        "test_the_generated_files_follow_with_one_command",
    ),
    "test_schema_sequence.py": (
        "test_an_sqlite_store_at_version_1_upgrades",
    ),
    "test_files.py": (
        "test_big_file_streams_with_flat_memory",
        "test_file_set_upload_delete_list_and_zip",
        "test_upload_round_trip_and_dedup",
    ),
    "test_files_s3.py": (
        "test_a_vanished_object_store_is_a_typed_error",
        "test_s3_artifacts_are_tracked_and_downloaded",
        "test_upload_in_one_process_download_in_another",
    ),
    "test_source_code.py": (
        "test_source_and_git_state_are_recorded",
    ),
    "test_binding.py": (
        "test_other_process_changes_reach_observer",
        "test_ping_updates_do_not_flood",
        "test_read_only_handle_observes_but_cannot_write",
    ),
    "test_cli.py": (
        "test_export_and_copy",
        "test_import_json_idempotent_and_dry_run",
        "test_import_of_a_big_tree_uses_helper_processes",
        "test_import_summary_reads_well",
        "test_ls_formats_and_filters",
        "test_readme_session_runs",
        "test_show",
        "test_stage_and_trash",
        "test_stop_and_abort",
        "test_tag_name_describe",
        "test_watch_once_and_pipe",
        "test_watch_updates_live_in_a_terminal",
        "test_wording_of_counts_errors_and_help",
    ),
    "test_compat_api.py": (
        "test_copying_a_handle_copies_the_value_or_the_series",
        "test_neptune_types_assign_atoms_series_and_sets",
        "test_series_of_another_type_raise_and_store_nothing",
    ),
    "test_compat_corpus.py": (
        "test_snippet",
        "test_snippet_unchanged_through_neptune_sys_run",
    ),
    "test_drop_in.py": (
        "test_neptune_sys_run_reaches_the_script_and_every_child",
        "test_python_dash_m_run_with_a_module",
    ),
    "test_faults_reads_and_files.py": (
        "test_no_connection_stays_open",
        "test_reads_on_a_full_disk_answer_committed_plus_held",
    ),
    "test_feed_notify.py": (
        "test_cards_follow_another_process_with_the_file_signal",
        "test_idle_signal_sleeps_in_the_kernel",
    ),
    "test_fuzz_public_api.py": (
        "test_assignment_and_reads",
        "test_sys_fields",
        "test_widget_command_handler",
    ),
    "test_hardening.py": (
        "test_a_read_only_card_stops_a_run_without_writing_to_it",
        "test_set_state_with_a_non_dict_replies_instead_of_raising",
    ),
    "test_interop.py": (
        "test_export_parts_split_between_batches",
        "test_fast_dictionary_decoding_equals_to_pylist",
        "test_helper_processes_export_alike",
        "test_helper_processes_import_alike",
    ),
    "test_logging_problems.py": (
        "test_nan_and_inf_are_stored_as_such_in_series_and_atoms",
        "test_numpy_scalars_0d_arrays_and_item_tensors_are_numbers",
        "test_step_problems_go_to_on_error_callback_and_the_rest_is_logged",
        "test_things_that_are_not_numbers_are_refused_and_change_nothing",
        "test_without_a_callback_step_problems_are_logged_not_raised",
    ),
    "test_magics.py": (
        "test_cell_magic_marks_failure_and_reraises",
        "test_cell_magic_success_stops_run_unfailed",
        "test_model_and_version_magics",
        "test_runs_table_magic_is_live",
        "test_var_experiment_and_custom_id_reattach",
        "test_with_id_read_only_and_fork",
    ),
    "test_metric_buckets.py": (
        "test_bucketing_matches_the_documented_rules",
    ),
    "test_monitoring.py": (
        "test_a_forked_child_records_only_its_own_runs",
        "test_a_script_stores_its_console_lines_and_hardware_samples",
        "test_gpu_series_follow_the_1x_layout",
        "test_off_switches_and_interactive_sessions_store_nothing",
        "test_scale_runs_capture_under_runtime_and_runs_share_the_console",
    ),
    "test_multiprocess.py": (
        "test_eight_processes_create_unique_gap_free_ids",
        "test_remote_request_interrupts_busy_loop",
        "test_running_time_sums_sessions",
        "test_sigkill_keeps_active_until_liveness_timeout",
    ),
    "test_nothing_lost.py": (
        "test_a_full_disk_keeps_the_batch_and_wait_says_so",
        "test_a_lone_surrogate_from_the_card_is_refused_and_the_queue_survives",
        "test_a_read_waits_for_the_commit_the_background_thread_is_running",
        "test_an_out_of_range_datetime_already_stored_does_not_poison_reads",
        "test_naive_datetime_max_is_refused_or_reads_back",
        "test_past_the_memory_bound_writes_are_refused_not_dropped",
        "test_sync_mode_failure_does_not_advance_the_last_step",
        "test_threads_sharing_a_run_never_store_non_increasing_steps",
        "test_unstorable_values_are_refused_at_call_time_and_lose_nothing",
    ),
    "test_nql.py": (
        "test_fuzz_grammatical_queries_compile_or_raise_invalid_query",
        "test_predicate_evaluation_is_cheap",
        "test_very_long_flat_and_deep_not_chains_do_not_recurse",
    ),
    "test_one_judge.py": (
        "test_trait_and_path_assignment_are_one_judge",
    ),
    "test_packaging.py": (
        "test_wheel_contains_the_bundle",
    ),
    "test_readme.py": (
        "test_readme_examples_run",
    ),
    "test_runs_table.py": (
        "test_a_new_order_shows_its_head_first_then_the_whole_order",
        "test_a_whole_order_that_moved_the_head_resends_the_window",
        "test_abort_reaches_a_live_run_in_another_process",
        "test_bulk_tags_per_row_rejections_and_trash",
        "test_filter_quick_filters_and_inline_error",
        "test_hostile_messages_leave_the_store_byte_identical",
        "test_live_update_rereads_changed_rows",
        "test_magics",
        "test_models_table_stage_inline_and_bulk",
    ),
    "test_store_boundary.py": (
        "test_every_known_exception_still_crosses_the_boundary",
    ),
    "test_store_errors.py": (
        "test_a_damaged_store_refuses_writes_of_a_run_opened_before_the_damage_was_found",
        "test_damage_found_while_reading_rows_is_a_store_error_and_stops_all_writes",
    ),
    "test_tiers.py": (
        "test_every_test_needing_a_server_a_browser_or_a_kernel_is_in_its_tier",
    ),
    "test_typical_scripts.py": (
        "test_create_tag_then_reopen_read_only",
        "test_failure_marking_in_context_manager",
        "test_find_last_failed_run",
        "test_group_tags_and_nql",
        "test_scale_fork_and_lineage",
        "test_stage_promotion",
    ),
    "test_upstream_semantics.py": (
        "test_define_pop_wait_log_and_download_last",
    ),
    "test_validation.py": (
        "test_a_unit_separator_in_a_string_series_is_refused",
    ),
    "test_chart_buckets.py": (
        "test_a_one_point_spike_survives",
        "test_a_zoomed_range_shows_detail_and_the_spike_everywhere",
        "test_buckets_match_the_rules_point_by_point",
        "test_fork_lineage_is_one_line",
        "test_the_cache_reads_new_points_as_a_full_read_would",
        "test_time_axes",
    ),
    "test_run_card_metrics.py": (
        "test_a_point_from_another_process_reaches_the_card",
    ),
    "test_chart_widget.py": (
        "test_bad_input_is_a_typed_error_naming_the_field",
        "test_front_end_cannot_set_state",
        "test_magic_shows_a_chart_and_refuses_bad_flags",
        "test_monitoring_series_together_a_line_each",
        "test_overlay_of_two_runs_is_compact",
        "test_points_from_another_process_redraw_only_then",
        "test_rerunning_a_chart_line_closes_the_chart_it_showed",
        "test_zoom_range_returns_detail",
    ),
}
TIERS = ("browser", "postgres", "kernel", "slow")


def slow_key(item: pytest.Item) -> tuple[str, str]:
    """(file, function) of the test's function where it is defined (see ``SLOW``)."""
    fn = getattr(item, "function", None)
    module = getattr(fn, "__module__", None) or item.path.stem
    return f"{module.rsplit('.', 1)[-1]}.py", getattr(item, "originalname", item.name)


def tier_markers(item: pytest.Item) -> set[str]:
    """The tiers of one test (see ``pytest_collection_modifyitems``)."""
    tiers = {t for t, prefixes in TIER_FILES.items() if item.path.name.startswith(prefixes)}
    used = set(getattr(item, "fixturenames", ()))
    tiers |= {t for t, names in TIER_FIXTURES.items() if used & names}
    params = getattr(getattr(item, "callspec", None), "params", {})
    values = {v for v in params.values() if isinstance(v, str)}
    tiers |= {t for t, names in TIER_PARAMS.items() if values & names}
    file, name = slow_key(item)
    if name in SLOW.get(file, ()):
        tiers.add("slow")
    return tiers


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its tiers, so that ``-m`` can pick them (the one place they are
    decided; pyproject.toml declares the markers, README.md's Development section lists them):

    browser   real headless Chromium through Playwright: the files ``test_browser*.py`` and
              ``test_harness_browser.py``, and any test using a browser fixture
              (``chromium_browser``, ``page``, ``lab``, ``lab_dir``, ``lab_store``)
    postgres  a PostgreSQL server: the files ``test_postgres_*.py``, any test using a fixture
              of tests/harness/pg.py (``pg_store``, ``pg_url``, ``pg_server``), and any test
              parametrized with the value ``"postgresql"`` (a fixture that asks for
              ``pg_url`` with ``request.getfixturevalue`` for that parameter)
    kernel    a real ipykernel through jupyter_client: ``test_kernel.py``,
              ``test_harness_kernel.py``, ``test_examples.py`` (nbclient), and any test
              using the ``kernel`` or ``kernel_factory`` fixture
    slow      over ~0.5 s on its own (measured) and in none of the tiers above: ``SLOW``

    The fixture rule follows fixtures through other fixtures (pytest's closure of
    ``item.fixturenames``). A test may carry several tiers. The fast tier is
    ``-m "not browser and not postgres and not kernel and not slow"``
    (``bash scripts/test.sh --fast``). tests/house/test_tiers.py checks this rule against the test
    sources, so a test that needs a server or a browser but escapes its tier fails there.
    """
    for item in items:
        for tier in sorted(tier_markers(item)):
            if item.get_closest_marker(tier) is None:
                item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture
def store_path(tmp_path, monkeypatch) -> str:
    path = str(tmp_path / "store" / "neptune.db")
    monkeypatch.setenv("NEPTUNE_SYS_STORE", path)
    monkeypatch.delenv("NEPTUNE_PROJECT", raising=False)
    monkeypatch.delenv("NEPTUNE_CUSTOM_RUN_ID", raising=False)
    monkeypatch.delenv("NEPTUNE_MODE", raising=False)
    monkeypatch.chdir(tmp_path)
    yield path
    from neptune_sys_widgets import feed
    feed.stop_watching()
    from neptune_sys_widgets.objects.background import BACKGROUND
    for c in BACKGROUND.attached():
        c.stop()
    from neptune_sys_widgets.store import close_all
    close_all()


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_python(code: str, *, timeout: float = 60, check: bool = True, **env: str
               ) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter (a real second process sharing the store)."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout, env=child_env(**env))
    if check and proc.returncode != 0:
        raise AssertionError(f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def spawn_python(code: str, *, stdin: bool = False, **env: str) -> subprocess.Popen:
    """Start ``code`` in a second process; read its stdout line by line."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)],
                            stdin=subprocess.PIPE if stdin else None,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=child_env(**env))
