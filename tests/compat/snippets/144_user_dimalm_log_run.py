# Source: trenaudie/DimaLM (public user repository), utils/neptune_utils.py
#   @ 6a818d1edf063a5baecab686da46f6abff3ed59a (whole file: how the project's LoRA fine-tuning
#   of an LLM on news headlines records a run's setup, and renames an experiment afterwards)
# Changed: `import neptune` (three times) -> `import neptune_sys_widgets as neptune`.
#   transformers and torch are not installed: lines 2-3 (`import transformers`, `import
#   transformers as tr`, unused) are left out, and lines 7-8 (`import torch.nn as nn`, `import
#   torch`) are stood in for by a `# fixture:` giving what the file reads of them (nn.Module and
#   torch.utils.data.Dataset in annotations, torch.cuda.device_count() returning 2). A
#   `# fixture:` before the file writes the .env it loads (NEPTUNE_PROJECT, NEPTUNE_API_TOKEN)
#   and creates that project with the key LLM its run IDs use; one after it does what the
#   training script does (a run, log_run with a model, its args and a headlines dataset), then
#   renames the experiment; `# check:` blocks added.
#   Lint only: trailing whitespace removed.
# fixture: the .env the module loads, and the project its run IDs ("LLM-<n>") belong to
import neptune_sys_widgets as _neptune  # fixture

with open(".env", "w") as _env:  # fixture
    _env.write("NEPTUNE_PROJECT=trenaudie/llm-headlines\n"
               f"NEPTUNE_API_TOKEN={_neptune.ANONYMOUS_API_TOKEN}\n")
_neptune.management.create_project("trenaudie/llm-headlines", key="LLM")  # fixture

import neptune_sys_widgets as neptune
import os
import psutil
import neptune_sys_widgets as neptune
import types  # fixture: stand-ins for `import torch.nn as nn` and `import torch`
nn = types.SimpleNamespace(Module=object)  # fixture
torch = types.SimpleNamespace(  # fixture
    cuda=types.SimpleNamespace(device_count=lambda: 2),
    utils=types.SimpleNamespace(data=types.SimpleNamespace(Dataset=object)))
from typing import Optional
import neptune_sys_widgets as neptune
import logging
import configparser
import sys
from dotenv import load_dotenv
ROOT_DIR = os.path.abspath("../")
if not ROOT_DIR.endswith("LLM_project2"):
    ROOT_DIR = os.path.abspath("./")
sys.path.append(ROOT_DIR)
load_dotenv(os.path.join(ROOT_DIR, ".env"))


def update_neptune_exp_name(run_id: int, exp_name: str):
    run = neptune.init_run(
        project=os.environ["NEPTUNE_PROJECT"],
        api_token=os.environ["NEPTUNE_API_TOKEN"],
        with_id=f"LLM-{run_id}",
    )
    # exp_name = run["setup/exp_name"].fetch()
    run["setup/exp_name"] = exp_name
    run.stop()





def log_run(
    run: neptune.Run,
    model: nn.Module,
    model_name: str,
    args,
    len_dataloader_train: int,
    HAS_FLASH_ATTN: bool,
    dataset_train: Optional[torch.utils.data.Dataset] = None,
    filename_headlines: Optional[str] = None,
):
    """
    Logs details to a Neptune run.

    Args:
        run: Neptune run object
        model: The model to log
        model_name: Name of the model architecture
        args: Argument object
        HAS_FLASH_ATTN: A boolean indicating if flash attention is available

    Returns:
        sys_id: ID of the system run in Neptune
    """

    # Log model configuration details
    run["setup/use_flash_attention_2"] = HAS_FLASH_ATTN and getattr(
        model.config, "use_flash_attention_2", False
    )
    run["setup/model_architecture"] = model_name

    # Create the experiment name
    exp_name_final = args.exp_name + " DEBUG" if args.is_debug else args.exp_name
    run["setup/exp_name"] = exp_name_final

    # Upload model architecture to Neptune
    run["setup/archi"].upload(neptune.types.File.from_content(repr(model)))

    # Log experiment arguments
    run["setup/args"] = vars(args)

    if dataset_train is not None:
        if hasattr(dataset_train, "prompt_examples"):
            run["setup/prompt_examples"] = {
                str(k): str(prompt)
                for k, prompt in enumerate(dataset_train.prompt_examples)
            }

    # Log command line details
    us = psutil.Process(os.getpid())
    CMDLINE = us.cmdline()
    print(f"CMDLINE {CMDLINE}")
    assert len(CMDLINE) > 0, "CMDLINE empty"
    run["setup/command_line"] = CMDLINE

    # Compute and log other details
    num_cuda_devices = torch.cuda.device_count()
    cuda_device_ids = list(str(i) for i in range(num_cuda_devices))
    gpu_count = len(cuda_device_ids)

    run["setup/steps_per_epoch"] = len_dataloader_train / (
        args.gradient_accumulation_steps * gpu_count
    )
    run["setup/filename_headlines"] = filename_headlines

    # Fetch and return the system ID
    sys_id = run["sys/id"].fetch()
    return sys_id

# fixture: the training script's calls: a run, log_run with a LLaMA model with flash attention
#   2, its argparse args (debug mode on), a dataset with few-shot prompt examples and no
#   headlines file; then the experiment renamed by its number
class _Model:  # fixture
    config = types.SimpleNamespace(use_flash_attention_2=True)

    def __repr__(self):
        return "LlamaForSequenceClassification(\n  (model): LlamaModel()\n  (score): Linear()\n)"


_args = types.SimpleNamespace(exp_name="headlines-lora", is_debug=True, lr=2e-5,  # fixture
                              gradient_accumulation_steps=4, lora_r=8, use_4bit=False,
                              model_name="meta-llama/Llama-2-7b-hf")
_dataset = types.SimpleNamespace(prompt_examples=["Headline: stocks up -> 1",  # fixture
                                                  "Headline: stocks down -> 0"])
run = neptune.init_run(project=os.environ["NEPTUNE_PROJECT"],  # fixture
                       api_token=os.environ["NEPTUNE_API_TOKEN"])
sys_id = log_run(run, _Model(), "llama-7b", _args, 1000, True, _dataset, None)  # fixture
run.stop()  # fixture
update_neptune_exp_name(int(sys_id.split("-")[1]), "headlines-lora-final")  # fixture

# check: the .env gave the project; the run holds the setup fields, the architecture as a text
#   file, the args, the prompt examples by index, steps per epoch over 2 GPUs; the command line
#   (a list) and the missing headlines file (None), types 1.x does not store, are absent; the
#   experiment name is the renamed one
assert sys_id == "LLM-1", sys_id
_read = neptune.init_run(project="trenaudie/llm-headlines", with_id=sys_id, mode="read-only")
assert _read["setup/exp_name"].fetch() == "headlines-lora-final"
assert _read["setup/use_flash_attention_2"].fetch() is True
assert _read["setup/model_architecture"].fetch() == "llama-7b"
assert _read["setup/steps_per_epoch"].fetch() == 125.0
assert _read["setup/args"].fetch() == {
    "exp_name": "headlines-lora", "is_debug": True, "lr": 2e-5, "gradient_accumulation_steps": 4,
    "lora_r": 8, "use_4bit": False, "model_name": "meta-llama/Llama-2-7b-hf"}
assert _read["setup/prompt_examples"].fetch() == {"0": "Headline: stocks up -> 1",
                                                  "1": "Headline: stocks down -> 0"}
assert not _read.exists("setup/command_line") and not _read.exists("setup/filename_headlines")
assert _read["setup/archi"].fetch_extension() == "txt"
_read["setup/archi"].download("archi.txt")
assert open("archi.txt").read() == repr(_Model())
_read.stop()
