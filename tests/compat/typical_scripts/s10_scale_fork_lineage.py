from neptune_sys_widgets import Run
import neptune_sys_widgets.query as nq

if __name__ == "__main__":
    parent = Run(run_id="base", experiment_name="swim-further")
    for s in range(0, 10): parent.log_metrics({"loss": 1 / (s + 1)}, step=s)
    parent.close()
    child = Run(run_id="base-fork", experiment_name="swim-further",
                fork_run_id="base", fork_step=4)      # inherits loss@0..4 (+ configs by default)
    for s in range(5, 20): child.log_metrics({"loss": 0.5 / (s + 1)}, step=s)
    child.close()
    print(nq.list_experiments(experiments=r"^swim"))          # -> ["swim-further"] (head = "base-fork")
    print(nq.fetch_metrics(experiments=["swim-further"], attributes=r"^loss$", lineage_to_the_root=True))
    import neptune_sys_widgets.query.runs as nq_runs
    print(nq_runs.fetch_runs_table(runs=["base", "base-fork"], attributes=r"^sys/forking/"))
