from neptune_sys_widgets import Run

if __name__ == "__main__":
    run = Run(experiment_name="quickstart-experiment", project="ws/proj")   # run_id auto-generated
    run.add_tags(["quickstart", "script"])
    run.add_tags(["short"], group_tags=True)
    run.log_configs({"parameters/lr": 0.002, "sys/description": "first try"})
    for step in range(1, 10):
        run.log_metrics({"metrics/loss": 1 / step}, step=step)
    run.remove_tags(["script"])
    run.close()
    print(run._sys_id)
