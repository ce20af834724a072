# Source: neptune-ai/scale-examples, how-to-guides/quickstart/scripts/neptune_quickstart.py
#   @ f46db1be09005caf93ff80d2a1bdd34646d7636d, lines 1-3, 5-7, 10-11, 22-26, 76-92, 163-170,
#   184-189, 223-237 (the parts snippet 35 left out: single files, a file series, 2000 steps of
#   ten 50-bin activation histograms)
# Changed: `from neptune_scale import Run` -> `from neptune_sys_widgets import Run`,
#   `from neptune_scale.api.run import ...` / `from neptune_scale.types import ...` ->
#   `from neptune_sys_widgets.api.run import ...` / `from neptune_sys_widgets.types import ...`.
#   Left out: line 4 and 69-73 (`requests`), 153-161 and 172-182 (downloads of the sample image,
#   video, audio and MNIST PNGs from neptune.ai: network), which a `# fixture:` replaces by
#   writing local files of the same names; line 8 (tqdm is not installed: a `# fixture:`
#   trange). `# check:` block added.
from random import randint

import numpy as np
from neptune_sys_widgets import Run
from neptune_sys_widgets.api.run import SourceTrackingConfig
from neptune_sys_widgets.types import Histogram

trange = range  # fixture: stands in for `from tqdm.auto import trange` (progress bar only)

NUM_STEPS = 2000  # Determines how long the training will run for
NUM_LAYERS = 10  # The theoretical number of layers to simulate


def get_activation_distribution(layer: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    base_activation = np.random.normal(0, 1, 1000)
    counts, bin_edges = np.histogram(base_activation, bins=50, range=(-3, 3))

    return counts, bin_edges


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

    # fixture: the files lines 153-161 and 172-182 download
    from PIL import Image as _Image
    _Image.new("RGB", (32, 24), "teal").save("sample.png")
    open("sac-rl.mp4", "wb").write(b"\x00\x00\x00\x18ftypmp42" + bytes(64))
    open("t-rex.mp3", "wb").write(b"ID3\x04\x00" + bytes(64))
    for image_num in range(1, 10):
        _Image.new("L", (28, 28), image_num * 20).save(f"mnist_sample_{image_num}.png")

    # Upload single file to Neptune
    run.assign_files(
        {
            "files/single/image": "sample.png",
            "files/single/video": "sac-rl.mp4",
            "files/single/audio": "t-rex.mp3",
        }
    )

    # Upload a series of files to Neptune
    for step in range(1, 10):
        run.log_files(
            files={"files/series/mnist_sample": f"mnist_sample_{step}.png"},
            step=step,
        )

    # Log series of histograms
    for step in trange(NUM_STEPS):
        hist_dict = {}  # Log every distribution at each step in a single call
        for layer in range(NUM_LAYERS):
            counts, bin_edges = get_activation_distribution(layer, step)
            activations_hist = Histogram(bin_edges=bin_edges, counts=counts)
            hist_dict[f"debug/activations/layer_{layer}"] = activations_hist

        run.log_histograms(histograms=hist_dict, step=step)

    run.close()


if __name__ == "__main__":
    main()

    # check: the three files with their media types, nine MNIST entries, 2000 histograms per
    #   layer, each of 1000 samples over 50 bins
    import neptune_sys_widgets.query as nq

    single = nq.fetch_experiments_table(project="examples/quickstart",
                                        experiments=["quickstart-experiment"],
                                        attributes=r"^files/single/")
    assert [single[c].iloc[0].mime_type for c in sorted(single.columns)] == [
        "audio/mpeg", "image/png", "video/mp4"]
    series = nq.fetch_series(project="examples/quickstart", experiments=["quickstart-experiment"],
                             attributes=["files/series/mnist_sample"])
    assert [s for _, s in series.index] == [float(s) for s in range(1, 10)]
    hists = nq.fetch_series(project="examples/quickstart", experiments=["quickstart-experiment"],
                            attributes=r"^debug/activations/layer_[09]$", tail_limit=3)
    assert sorted(hists.columns) == ["debug/activations/layer_0", "debug/activations/layer_9"]
    last = hists["debug/activations/layer_9"].iloc[-1]
    assert len(last.edges) == 51 and sum(last.values) <= 1000
    assert [s for _, s in hists.index] == [1997.0, 1998.0, 1999.0]
