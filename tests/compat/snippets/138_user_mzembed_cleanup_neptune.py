# Source: ReviveMed/mzEmbed (public user repository), ml/cleanup_neptune.py
#   @ 0ff8dfde6405ee0831ad87fb843cb1dda03edf77 (2024-04-09; whole file), with its helper
#   ml/utils_neptune.py at the same commit beside it as `mzembed_utils_neptune.py` (see that file)
# Changed: `import neptune` -> `import neptune_sys_widgets as neptune`, `from neptune.exceptions
#   import NeptuneException` -> `from neptune_sys_widgets.exceptions import NeptuneException`,
#   `from utils_neptune import count_fields` -> `from mzembed_utils_neptune import count_fields`
#   (the helper's name in this folder). The hard-coded API token's value is replaced by a
#   placeholder (the file publishes a real one). A `# fixture:` before the script fills project
#   revivemed/RCC as the repository's pretraining and optuna fine-tuning scripts leave it: the
#   project's dataset artifact and link (read by the helper's get_latest_dataset), runs
#   RCC-1..RCC-1912, then RCC-1913..RCC-1915 made with the helper's start_neptune_run (string
#   kwargs under pretrain/kwargs, per-task `finetune_optuna_IMDC__<n>` and
#   `randinit_optuna_IMDC__<n>` namespaces), RCC-1915 continued the way the repository's
#   setup_neptune_run does, and a continuation of a missing run (a new run, RCC-1916);
#   `# check:` blocks added.
# fixture: the project and runs the repository's training scripts leave
import os  # fixture

import neptune_sys_widgets as _neptune
from mzembed_utils_neptune import (check_neptune_existance, convert_neptune_kwargs,
                                   get_latest_dataset, get_run_id_list, start_neptune_run)

_neptune.management.create_project("revivemed/RCC", key="RCC")
with open("mzembed_data.zip", "wb") as _f:  # fixture: the dataset archive the link points to
    _f.write(b"PK\x05\x06" + b"\x00" * 18)
with _neptune.init_project(project="revivemed/RCC") as _project:
    _project["dataset/latest"].track_files("mzembed_data.zip")
    _project["dataset/latest_link"] = "https://www.dropbox.com/s/xyz/mzembed_data.zip?dl=1"
for _ in range(1912):
    _neptune.init_run(project="revivemed/RCC", tags=["v3.1"]).stop()
for _encoder_kind in ("VAE", "AE", "AE"):
    _run, _is_new = start_neptune_run()
    assert _is_new  # check:
    _run["pretrain/kwargs"] = {"encoder_kind": _encoder_kind, "latent_size": "32",
                               "hidden_size_mult": "1.5", "activation": "leakyrelu",
                               "layer_sizes": "[64, 32]"}
    for _ii in (20, 21):
        for _kind in ("finetune", "randinit"):
            _run[f"{_kind}_optuna_IMDC__{_ii}/kwargs/num_epochs"] = 50
            _run[f"{_kind}_optuna_IMDC__{_ii}/eval/val/AUROC"] = 0.5 + _ii / 100
            _run[f"{_kind}_optuna_IMDC__{_ii}/history/loss"].extend([0.9, 0.7, 0.6])
    _run.stop()
_run, _is_new = start_neptune_run(with_run_id="RCC-1915")  # setup_neptune_run's continuation
assert not _is_new  # check:
assert check_neptune_existance(_run, "finetune_optuna_IMDC__20/kwargs/num_epochs")  # check:
assert not check_neptune_existance(_run, "finetune_optuna_IMDC__22/kwargs")  # check:
_run.stop()
_run, _is_new = start_neptune_run(with_run_id="RCC-2000")  # fixture: no such run: a new one
assert _is_new and _run["sys/id"].fetch() == "RCC-1916"  # check:
_run.stop()
with _neptune.init_project(project="revivemed/RCC", mode="read-only") as _project:
    os.makedirs("DATA")  # fixture: a machine that already holds the latest dataset
    with open("DATA/hash.txt", "w") as _f:
        _f.write(_project["dataset/latest"].fetch_hash())


import neptune_sys_widgets as neptune
NEPTUNE_API_TOKEN = '<API token redacted>'
from mzembed_utils_neptune import count_fields
run_id = 'RCC-1915'
from neptune_sys_widgets.exceptions import NeptuneException

run = neptune.init_run(project='revivemed/RCC',
        api_token=NEPTUNE_API_TOKEN,
        with_id=run_id,
        capture_stdout=False,
        capture_stderr=False,
        capture_hardware_metrics=False)

num_fields = count_fields(run.get_structure())
print(num_fields)


# del run['finetune_IMDCa']
# del run['randinit_IMDCa']
for ii in [20]:
    try:
        del run[f'finetune_optuna_IMDC__{ii}']
        del run[f'randinit_optuna_IMDC__{ii}']
    except NeptuneException:
        print('not found')

run.stop()

# check: both IMDC__20 namespaces are gone from RCC-1915 (six fields of the count the script
#   printed), the IMDC__21 ones and the kwargs stay; the helper's own readers agree
from mzembed_utils_neptune import get_num_fields_in_run

_read = neptune.init_run(project="revivemed/RCC", with_id="RCC-1915", mode="read-only")
assert not _read.exists("finetune_optuna_IMDC__20")
assert not _read.exists("randinit_optuna_IMDC__20/eval/val/AUROC")
assert _read["finetune_optuna_IMDC__21/eval/val/AUROC"].fetch() == 0.71
assert _read["randinit_optuna_IMDC__21/history/loss"].fetch_values()["value"].tolist() == [
    0.9, 0.7, 0.6]
assert _read["sys/tags"].fetch() == {"v3.2"}, _read["sys/tags"].fetch()
assert convert_neptune_kwargs(_read["pretrain/kwargs"].fetch()) == {
    "encoder_kind": "AE", "latent_size": 32, "hidden_size_mult": 1.5,
    "activation": "leakyrelu", "layer_sizes": [64, 32]}
_read.stop()
assert get_num_fields_in_run("RCC-1915") == num_fields - 6, (get_num_fields_in_run("RCC-1915"),
                                                             num_fields)
assert sorted(get_run_id_list(encoder_kind="AE")) == ["RCC-1914", "RCC-1915"]
assert get_run_id_list(encoder_kind="VAE", tags=["v3.2"]) == ["RCC-1913"]
assert get_latest_dataset(data_dir="DATA") == "DATA"
