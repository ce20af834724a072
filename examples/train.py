"""A training script written against the Neptune client API, run on the local store.

    python examples/train.py --run-id my-run --epochs 200

Start it from a terminal (or the watch_a_training_script notebook) and watch it live with
``%neptune_run --run-id my-run --read-only``. Stop or abort it from the card: the script
gets a KeyboardInterrupt, as with Ctrl-C.
"""

import argparse
import math
import random
import time

import neptune_sys_widgets as neptune


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--project", default="demo/training")
    ap.add_argument("--run-id", default=None)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--seconds-per-epoch", type=float, default=0.2)
    args = ap.parse_args()

    run = neptune.init_run(project=args.project, custom_run_id=args.run_id,
                           name="resnet-baseline", tags=["script", "resnet"],
                           description="toy training loop")
    run["parameters"] = {"lr": 0.01, "batch_size": 64, "epochs": args.epochs}
    print(run["sys/id"].fetch(), flush=True)
    for epoch in range(args.epochs):
        loss = math.exp(-epoch / 30) + random.random() * 0.05
        run.log_metrics({"train/loss": loss, "train/acc": 1 - loss / 2}, step=epoch)
        if epoch == 10:
            run["sys/tags"].add("warmed-up")
        time.sleep(args.seconds_per_epoch)
    run["sys/tags"].add("finished")
    run.stop()


if __name__ == "__main__":
    main()
