"""``%load_ext neptune_sys_widgets``: the ``%neptune_run`` family of magics (and
``%neptune_chart``).

Each magic binds its object in the user namespace and displays its card exactly once (the
magic returns None, so nothing is echoed again when it is the last line of a cell). Bad flags
and unknown ids become a one-line ``UsageError``, never a traceback.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments
from IPython.display import display

from .exceptions import NeptuneSysError

if TYPE_CHECKING:
    from IPython.core.interactiveshell import InteractiveShell

_created: list[Any] = []  # objects the magics opened, closed by unload


def _show(obj: Any) -> None:
    """Display the object's live card (created here, so it is bound even if the front end
    never asks for a repr)."""
    from .widgets import widget_for
    display(widget_for(obj))


def _fail(e: BaseException) -> UsageError:
    return UsageError(f"{type(e).__name__}: {e}")


def _parse(fn: Any, line: str) -> Any:
    """Shell-like quoting (``--description 'first try'``), errors as one line."""
    try:
        return fn.parser.parse_args(shlex.split(line))
    except UsageError as e:
        raise UsageError(str(e).splitlines()[-1] if str(e) else "invalid arguments") from None
    except ValueError as e:  # shlex: unbalanced quotes
        raise UsageError(f"cannot parse arguments: {e}") from None


@magics_class
class NeptuneMagics(Magics):
    if TYPE_CHECKING:  # registered on a shell (load_ipython_extension), never without one
        shell: InteractiveShell  # pyright: ignore[reportIncompatibleVariableOverride]

    # --------------------------------------------------------------- runs
    @magic_arguments()
    @argument("--project", help="workspace/name (default: NEPTUNE_PROJECT or 'sandbox')")
    @argument("--name", help="display name (sys/name)")
    @argument("--description", help="sys/description")
    @argument("--tags", nargs="+", metavar="T", help="tags to add (sys/tags)")
    @argument("--group-tags", nargs="+", metavar="T", help="group tags to add")
    @argument("--experiment", help="experiment name; the run becomes its head")
    @argument("--run-id", "--custom-run-id", dest="run_id",
              help="custom run id: creates the run, or re-attaches if it exists")
    @argument("--with-id", help="resume the run with this sys/id (e.g. CLS-7)")
    @argument("--read-only", action="store_true",
              help="watch a run owned by another process without attaching to it")
    @argument("--fork-run-id", help="custom run id of the run to fork from")
    @argument("--fork-step", type=float, help="step to fork at (with --fork-run-id)")
    @argument("--mode", choices=["async", "sync", "read-only", "offline", "debug"],
              help="connection mode (default async)")
    @argument("--store", help="store path (default NEPTUNE_SYS_STORE or .neptune/neptune.db)")
    @argument("--var", default="run", help="variable to bind the run to (default: run)")
    @line_cell_magic
    def neptune_run(self, line: str, cell: str | None = None) -> None:
        """Create, resume or watch a run and show its live card.

        As a cell magic (``%%neptune_run``) the cell runs inside the run: an exception in
        the cell marks the run failed with its traceback, and the run stops at the end.
        """
        args = _parse(self.neptune_run, line)
        if not args.var.isidentifier():
            raise UsageError(f"--var {args.var!r} is not a valid Python identifier")
        run = self._open_run(args)
        self._bind(args.var, run)
        if cell is None:
            return None
        # IPython's own transforms (magics, !shell lines) and a cached filename, so the
        # traceback shows the cell's source like any other cell.
        source = self.shell.transform_cell(cell)
        filename = self.shell.compile.cache(source, self.shell.execution_count, raw_code=cell)
        try:
            exec(compile(source, filename, "exec"), self.shell.user_ns)
        except BaseException as e:
            tb = e.__traceback__.tb_next if e.__traceback__ else None  # drop this frame
            if run.get_state() != "stopped" and run.mode != "read-only":
                from .objects import failure
                failure.mark_runs(e, tb, [run])
            run.stop()
            raise e.with_traceback(tb) from e.__cause__
        run.stop()
        return None

    def _open_run(self, args: Any) -> Any:
        from .objects.run import Run
        previous = self.shell.user_ns.get(args.var)
        mode = "read-only" if args.read_only else args.mode
        if (args.fork_run_id is None) != (args.fork_step is None):
            raise UsageError("--fork-run-id and --fork-step must be used together")
        if mode == "read-only" and not (args.with_id or args.run_id):
            raise UsageError("--read-only needs --with-id ID (or --run-id of an existing run)")
        kwargs: dict[str, Any] = {
            "project": args.project, "mode": mode, "store": args.store,
            "name": args.name, "description": args.description, "tags": args.tags,
            "with_id": args.with_id, "experiment_name": args.experiment,
            "fork_run_id": args.fork_run_id, "fork_step": args.fork_step,
        }
        if mode == "read-only":
            kwargs = {k: kwargs[k] for k in ("project", "mode", "store", "with_id")}
        try:
            if isinstance(previous, Run) and previous in _created and \
                    previous.get_state() != "stopped":
                previous.stop()  # re-running the cell replaces the run it opened
            run = Run(args.run_id, _generate_id=False,
                      **{k: v for k, v in kwargs.items() if v is not None})
            if args.group_tags and mode != "read-only":
                run["sys/group_tags"].add(args.group_tags)
        except NeptuneSysError as e:
            raise _fail(e) from None
        except (TypeError, ValueError) as e:
            raise _fail(e) from None
        return run

    def _bind(self, var: str, obj: Any) -> None:
        """Put the object in the user namespace and show its card (once)."""
        _created.append(obj)
        self.shell.user_ns[var] = obj
        _show(obj)

    # ------------------------------------------------------------- registry
    @magic_arguments()
    @argument("key", help="model key (e.g. CLF), or a full model id (KEY-CLF)")
    @argument("--project", help="workspace/name")
    @argument("--name", help="display name for a new model")
    @argument("--read-only", action="store_true", help="watch without attaching")
    @argument("--store", help="store path")
    @argument("--var", default="model", help="variable to bind the model to")
    @line_magic
    def neptune_model(self, line: str) -> None:
        """Create or open a model and show the registry view (its versions and stages)."""
        args = _parse(self.neptune_model, line)
        from .objects.project import resolve_project, store_for
        from .objects.registry import init_model
        mode = "read-only" if args.read_only else None
        try:
            ref = resolve_project(args.project, store_for(mode or "async", args.store))
            sys_id = args.key if "-" in args.key else f"{ref.key}-{args.key}"
            exists = ref.store.find_by_id(sys_id, ("model",))
            if exists or mode == "read-only":
                model = init_model(with_id=sys_id, project=args.project, mode=mode,
                                   store=args.store)
            else:
                model = init_model(key=args.key, name=args.name, project=args.project,
                                   store=args.store)
        except (NeptuneSysError, TypeError, ValueError) as e:
            raise _fail(e) from None
        self._bind(args.var, model)

    @magic_arguments()
    @argument("id", help="model version id (e.g. KEY-CLF-3)")
    @argument("--project", help="workspace/name")
    @argument("--read-only", action="store_true", help="watch without attaching")
    @argument("--store", help="store path")
    @argument("--var", default="model_version", help="variable to bind the version to")
    @line_magic
    def neptune_model_version(self, line: str) -> None:
        """Open a model version and show its card with the stage control."""
        args = _parse(self.neptune_model_version, line)
        from .objects.registry import init_model_version
        try:
            mv = init_model_version(with_id=args.id, project=args.project,
                                    mode="read-only" if args.read_only else None,
                                    store=args.store)
        except (NeptuneSysError, TypeError, ValueError) as e:
            raise _fail(e) from None
        self._bind(args.var, mv)

    def _show_table(self, line: str, table: Any) -> None:
        """Display ``table``; re-running the cell closes the table it showed before (its
        output was replaced, but the widget would live on, re-reading on every change)."""
        key = _cell_key(self.shell, line)
        old = _tables.pop(key, None)
        if old is not None:
            try:
                old.close()
            except Exception:  # noqa: BLE001 - already closed
                pass
            if old in _created:
                _created.remove(old)
        _tables[key] = table
        _created.append(table)
        display(table)

    @magic_arguments()
    @argument("--project", help="workspace/name")
    @argument("--query", help="NQL filter, as fetch_runs_table(query=...) takes it")
    @argument("--state", choices=["active", "inactive"], help="only runs in this state")
    @argument("--tag", nargs="+", metavar="T", help="only runs with all these tags")
    @argument("--owner", help="only runs of this owner")
    @argument("--failed", choices=["yes", "no"], help="only failed (yes) or healthy (no) runs")
    @argument("--columns", nargs="+", metavar="PATH", help="columns to show (sys/... or user)")
    @argument("--sort-by", default="sys/creation_time", help="sort column")
    @argument("--ascending", action="store_true", help="sort ascending (default descending)")
    @argument("--read-only", action="store_true", help="a table that cannot edit runs")
    @argument("--spark", nargs="+", metavar="PATH",
              help="float series drawn as a sparkline column each (visible rows only)")
    @argument("--limit", type=int, help="ignored: the table is windowed and shows every run")
    @argument("--store", help="store path")
    @line_magic
    def neptune_runs(self, line: str) -> None:
        """A live, editable table of runs: sort, filter (NQL), select, tag, stop, trash."""
        args = _parse(self.neptune_runs, line)
        from .widgets.runs_table import RunsTable
        query = _tag_query(args.query, args.tag)
        try:
            table = RunsTable(args.project, query=query, state=args.state, owner=args.owner,
                              failed=None if args.failed is None else args.failed == "yes",
                              columns=args.columns, sort_by=args.sort_by,
                              ascending=args.ascending, read_only=args.read_only,
                              store=args.store, sparklines=args.spark)
        except (NeptuneSysError, TypeError, ValueError) as e:
            raise _fail(e) from None
        self._show_table(line, table)

    @magic_arguments()
    @argument("--project", help="workspace/name")
    @argument("--stage", choices=["none", "staging", "production", "archived"],
              help="only versions in this stage")
    @argument("--query", help="NQL filter over the model versions")
    @argument("--read-only", action="store_true", help="a table that cannot edit versions")
    @argument("--store", help="store path")
    @line_magic
    def neptune_models(self, line: str) -> None:
        """A live table of the project's model versions with their models; stages are
        editable inline and in bulk (change_stage semantics)."""
        args = _parse(self.neptune_models, line)
        from .widgets.runs_table import ModelsTable
        try:
            table = ModelsTable(args.project, query=args.query, stage=args.stage,
                                read_only=args.read_only, store=args.store)
        except (NeptuneSysError, TypeError, ValueError) as e:
            raise _fail(e) from None
        self._show_table(line, table)

    # ------------------------------------------------------------- charts
    @magic_arguments()
    @argument("runs", nargs="+", metavar="RUN", help="sys ids of the runs to overlay")
    @argument("--metric", help="float series to show: a glob over the whole path, or a "
              "regular expression found in it (default: every float series)")
    @argument("--x", choices=["step", "time", "relative_time"], default="step",
              help="x axis: step, time, or time since the run's start")
    @argument("--log", action="store_true", help="log scale for y")
    @argument("--smoothing", type=float, default=0.0, help="EMA weight, 0 to below 1")
    @argument("--together", action="store_true",
              help="every series the pattern picks at once (a run's CPU, memory, GPU)")
    @argument("--project", help="workspace/name: every run must be in it")
    @argument("--store", help="store path or URL")
    @line_magic
    def neptune_chart(self, line: str) -> None:
        """A live chart of the runs' float series, overlaid: zoom, pan, log scale,
        smoothing; redrawn as points arrive."""
        args = _parse(self.neptune_chart, line)
        from .widgets.chart import chart
        try:
            widget = chart(args.runs, args.metric, x=args.x, log_y=args.log,
                           smoothing=args.smoothing, together=args.together,
                           store=args.store, project=args.project)
        except (NeptuneSysError, TypeError, ValueError) as e:
            raise _fail(e) from None
        self._show_table(line, widget)  # re-running the cell closes its previous chart

    # ------------------------------------------------------------ drop-in
    @magic_arguments()
    @argument("--force", action="store_true",
              help="shadow an installed copy of the real neptune packages")
    @argument("--off", action="store_true", help="stop resolving them to this package")
    @line_magic
    def neptune_drop_in(self, line: str) -> None:
        """Neptune code unchanged in this kernel: after this, ``import neptune``,
        ``neptune.new``, ``neptune_scale`` and ``neptune_query`` resolve to
        neptune_sys_widgets, here and in the processes the kernel starts."""
        args = _parse(self.neptune_drop_in, line)
        from . import dropin
        if args.off:
            dropin.uninstall()
            print("neptune drop-in off (modules imported already stay imported)")
            return
        try:
            dropin.install(force=args.force or None)
        except dropin.DropInRefused as e:
            raise UsageError(str(e)) from None
        print("neptune drop-in on: import neptune, neptune_scale and neptune_query resolve "
              "to neptune_sys_widgets")


def _cell_key(shell: Any, line: str) -> str:
    """What identifies "this table" across re-runs: the front end's cell id (JupyterLab and
    Notebook 7 send it with each execute request), else the magic's own line."""
    try:
        cell = shell.kernel.get_parent().get("metadata", {}).get("cellId")
    except Exception:  # not in a kernel (IPython terminal, tests)
        cell = None
    return f"cell:{cell}" if cell else f"line:{line.strip()}"


_tables: dict[str, Any] = {}  # the table each cell (or line) shows now


def _tag_query(query: str | None, tags: list[str] | None) -> str | None:
    """``--tag a b`` as NQL clauses (all of them), joined with ``--query``."""
    parts = [f"({query})"] if query else []
    for t in tags or ():
        escaped = t.replace("\\", "\\\\").replace('"', '\\"')
        parts.append(f'(sys/tags:stringSet CONTAINS "{escaped}")')
    return " AND ".join(parts) or None


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext neptune_sys_widgets``: register the magics."""
    ipython.register_magics(NeptuneMagics)


def unload_ipython_extension(ipython: Any) -> None:
    """``%unload_ext neptune_sys_widgets``: close the widgets and stop the watcher thread.
    Objects stay usable (their data is in the store); only live display stops."""
    from . import feed
    from .widgets import close_all
    close_all()
    for obj in _created:
        close = getattr(obj, "close_widget", None)
        if close is not None:
            close()
    _created.clear()
    _tables.clear()
    feed.stop_watching()
    magics = ipython.magics_manager.registry.get("NeptuneMagics")
    if magics is not None:
        for kind in ("line", "cell"):
            for name in ("neptune_run", "neptune_model", "neptune_model_version",
                         "neptune_runs", "neptune_models", "neptune_chart"):
                ipython.magics_manager.magics[kind].pop(name, None)
        ipython.magics_manager.registry.pop("NeptuneMagics", None)

