# Source: https://docs.neptune.ai/log_configs/ (neptune-scale docs, "Log parameters and model
#   configuration": first example and "Log nested dictionaries")
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`. The page's
#   `Run(experiment_name=...)` placeholder is filled in by `# fixture:` lines. `# check:` added.
import os

os.environ["NEPTUNE_PROJECT"] = "team-alpha/project-x"  # fixture:

from neptune_sys_widgets import Run


if __name__ == "__main__":
    run = Run(experiment_name="log-configs-docs")  # fixture: the page has `...` here
    run.log_configs(
        {
            "parameters/learning_rate": 0.001,
            "parameters/batch_size": 64,
        },
    )
    run.close()  # fixture:

nested_data = {
    "parameters": {
        "learning_rate": 0.001,
        "batch_size": 64,
    },
    "metrics": {
        "token_count": 76420,
        "agg": {
            "loss": 0.13,
            "acc": 0.97,
        }
    },
}

if __name__ == "__main__":
    run = Run(experiment_name="log-configs-nested")  # fixture: the page has `...` here

    run.log_configs(data=nested_data, flatten=True)

    # check:
    run.close()
    import neptune_sys_widgets.query as nq

    df = nq.fetch_experiments_table(experiments=["log-configs-nested"],
                                    attributes=r"^(parameters|metrics)/")
    row = df.iloc[0]
    assert row["parameters/batch_size"] == 64 and row["metrics/token_count"] == 76420
    assert row["metrics/agg/acc"] == 0.97 and row["metrics/agg/loss"] == 0.13
    df1 = nq.fetch_experiments_table(experiments=["log-configs-docs"], attributes=r"^parameters/")
    assert df1["parameters/learning_rate"].iloc[0] == 0.001
