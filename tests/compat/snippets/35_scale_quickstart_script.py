# Source: neptune-ai/scale-examples, how-to-guides/quickstart/scripts/neptune_quickstart.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d, lines 1-6 (without the requests import), 10-66
#   (simulated metrics), 76-151 (main(): SourceTrackingConfig, Run, tags, configs, string
#   series, the 2000-step metrics loop, the final status message), 233, 236-237
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`;
#   `from neptune_scale.api.run import ...` -> `from neptune_sys_widgets.api.run import ...`.
#   Left out: file downloads/uploads (requests, assign_files, log_files), histograms and the
#   tqdm progress loops (lines 153-231). The metric values are numpy.float64. Note the final
#   "Training complete!" message is logged at step=10 after steps up to 1999: a non-increasing
#   step that must be reported, not crash the script. `# check:` block added.
from random import randint

import numpy as np
from neptune_sys_widgets import Run
from neptune_sys_widgets.api.run import SourceTrackingConfig

NUM_STEPS = 2000  # Determines how long the training will run for
NUM_LAYERS = 10  # The theoretical number of layers to simulate


def get_gradient_norm(layer: int, step: int) -> float:
    time_decay = 1.0 / (1.0 + step / 1000)
    layer_factor = np.exp(-0.5 * ((layer - 5) ** 2) / 4)
    noise = np.random.uniform(-0.1, 0.1) * (1 - step / NUM_STEPS)

    return (0.5 + layer_factor) * time_decay + noise


def get_activation_distribution(layer: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    base_activation = np.random.normal(0, 1, 1000)
    counts, bin_edges = np.histogram(base_activation, bins=50, range=(-3, 3))

    return counts, bin_edges


def get_gpu_utilization(step: int) -> float:
    base_util = 0.85
    data_loading_drop = 0.1 if step % 100 == 0 else 0.0
    update_spike = 0.05 if step % 50 == 0 else 0.0
    noise = np.random.uniform(-0.01, 0.01)

    return (
        0 if step % (NUM_STEPS // 2) == 0 else base_util - data_loading_drop + update_spike + noise
    )


def _generate_metric(
    step: int,
    factor: float = 1.0,
) -> float:
    relative_progress = step / NUM_STEPS
    noise = np.random.uniform(-0.3, 0.3) * (1 - relative_progress)
    random_int = randint(0, 1000)

    return 1 / np.log(relative_progress / factor * random_int + 1.1) + noise


def training_step(step: int) -> tuple[float, float]:
    accuracy = 0.45 + 1 / (1 + np.exp(_generate_metric(step)))
    loss = _generate_metric(step)
    return accuracy, loss


def validation_step(step: int) -> tuple[float, float]:
    accuracy = 0.45 + 1 / (1 + np.exp(_generate_metric(step, 20)))
    loss = _generate_metric(step, 20)
    return accuracy, loss


def test_step(step: int) -> tuple[float, float]:
    accuracy = 0.45 + 1 / (1 + np.exp(_generate_metric(step, 30)))
    loss = _generate_metric(step, 30)
    return accuracy, loss


def main():

    source_config = SourceTrackingConfig(
        upload_entry_point=True,
        upload_diff_head=True,
        upload_diff_upstream=True,
        upload_run_command=True,
    )

    run = Run(
        experiment_name="quickstart-experiment",
        source_tracking_config=source_config,
        project="examples/quickstart",
    )

    run.add_tags(["quickstart", "script"])
    run.add_tags(["short"], group_tags=True)

    run.log_configs(
        {
            "parameters/data/use_preprocessing": True,
            "parameters/data/batch_size": 64,
            "parameters/model/activation": "relu",
            "parameters/model/dropout": 0.2,
            "parameters/optimizer/type": "Adam",
            "parameters/optimizer/learning_rate": 0.002,
        }
    )

    # Log a message at the beginning of the training
    run.log_string_series(
        data={
            "status": "Starting training",
        },
        step=0,
    )

    for step in range(1, NUM_STEPS):
        train_accuracy, train_loss = training_step(step)
        valid_accuracy, valid_loss = validation_step(step)
        test_accuracy, test_loss = test_step(step)

        metrics_to_log = {
            "metrics/train/accuracy": train_accuracy,
            "metrics/train/loss": train_loss,
            "metrics/valid/accuracy": valid_accuracy,
            "metrics/valid/loss": valid_loss,
            "metrics/test/accuracy": test_accuracy,
            "metrics/test/loss": test_loss,
        }

        for layer in range(NUM_LAYERS):
            metrics_to_log[f"debug/gradient_norm/layer_{layer}"] = get_gradient_norm(layer, step)
            metrics_to_log[f"system/gpu_{layer}/utilization"] = get_gpu_utilization(step)

        run.log_metrics(
            data=metrics_to_log,
            step=step,
        )

        if step % 1000 == 0:
            # Log a message every 1000 steps
            run.log_string_series(
                data={
                    "status": f"Training at step {step}",
                },
                step=step,
            )

    # Log a final message
    run.log_string_series(
        data={
            "status": "Training complete!",
        },
        step=10,
    )

    run.close()


if __name__ == "__main__":
    main()

    # check:
    import neptune_sys_widgets.query as nq

    df = nq.fetch_metrics(project="examples/quickstart", experiments=["quickstart-experiment"],
                          attributes=r"^metrics/train/")
    assert len(df) == NUM_STEPS - 1, len(df)
    tbl = nq.fetch_experiments_table(project="examples/quickstart",
                                     attributes=r"^parameters/|sys/group_tags")
    assert tbl["parameters/optimizer/type"].iloc[0] == "Adam"
