# Source: ndenStanford/ml-mesh (public user repository) @ 461586b2cd2fa28142b6a9dba915a2051db29ad7
#   (2023-04-24; neptune = "^1.1.1" in libs/ml_tracking/pyproject.toml): the team's first
#   ml_tracking library, libs/ml_tracking/onclusiveml/ml_tracking/upload.py and download.py
#   (whole files: module-level upload/download helpers for model versions), then its integration
#   suite, libs/ml_tracking/onclusiveml/tests/integration/conftest.py,
#   upload/uploads_test.py and download/downloads_test.py (whole files). Snippet 130 is the
#   later TrackedModelVersion class of the same repository.
# Changed: `from neptune.metadata_containers.model_version import ModelVersion` -> `from
#   neptune_sys_widgets.metadata_containers.model_version import ModelVersion`, `from
#   neptune.types import File` -> `from neptune_sys_widgets.types import File`, `from neptune
#   import ModelVersion` -> `from neptune_sys_widgets import ModelVersion`. The repository's own
#   logging library (`from onclusiveml.core.logging import get_default_logger`, in both modules)
#   is stood in for by a `# fixture:` copy of libs/core/onclusiveml/core/logging/constants.py
#   and loggers.py at the same commit (without their import of each other). The test modules'
#   `import pytest`, pytest decorators (fixture, mark.upload / mark.download, mark.parametrize)
#   and imports of the two modules above are dropped; `# fixture:` lines call the tests with the
#   parametrized values and a fresh conftest fixture per test, the upload tests then the
#   download tests (which read what an earlier run of the suite uploaded). A `# fixture:` before
#   them creates project onclusive/test (key TES), model TES-TEST with the 35 versions the
#   conftest's hard-coded TES-TEST-35 needs, and the suite's test_file_directory as the
#   repository has it; `# check:` blocks added. In neptune 1.x get_structure() holds attribute
#   objects, not `neptune.types.File` values, so download.py's _extract_file_attributes finds
#   no file and download_directory_from_model_version downloads nothing (the check says so).
# fixture: stand-in for onclusiveml.core.logging (constants.py and loggers.py, verbatim)
import logging  # fixture
import sys  # fixture
from enum import Enum  # fixture


DEFAULT_LOGGING_HANDLER: logging.Handler = logging.StreamHandler(sys.stdout)


class LogFormat(Enum):
    """Standardized logging formats."""

    MESSAGE_ONLY = "%(message)s"
    BASIC = "%(levelname)s - %(message)s"
    SIMPLE = "%(asctime)s - %(levelname)s - %(message)s"
    DETAILED = "%(asctime)s - [%(levelname)s] - %(name)s - (%(filename)s).%(funcName)s(%(lineno)d) - %(message)s"  # noqa: E501


def get_default_logger(
    name: str,
    handler: logging.Handler = DEFAULT_LOGGING_HANDLER,
    fmt: LogFormat = LogFormat.SIMPLE.value,
    level: int = logging.DEBUG,
) -> logging.Logger:
    """Instantiates default logger."""
    logger = logging.getLogger(name)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(fmt))
    logger.addHandler(handler)
    return logger

# --- upload.py
# Standard Library
import json
import os
from pathlib import Path
from typing import Dict, List, Tuple, Union

# 3rd party libraries
from neptune_sys_widgets.metadata_containers.model_version import ModelVersion
from neptune_sys_widgets.types import File

# Internal libraries
# (`from onclusiveml.core.logging import get_default_logger`: the # fixture: stand-in above)


logger = get_default_logger(__name__)


def upload_file_to_model_version(
    model_version: ModelVersion,
    neptune_attribute_path: str,
    local_file_path: Union[str, Path] = "",
    file_object: File = None,
) -> None:
    """Utility function to upload a file to a specified model version on neptune ai.

    Upload counterpart to the `download.download_file_from_model_version` method.

    Args:
        model_version (ModelVersion): The registered neptune model version that this meta data
            should be attached to
        local_file_path (Union[str, Path]): The local file path to the file that should be uploaded.
            Only supports local file systems.
        neptune_attribute_path (str): The pseudo relative file path of the meta data object that
            will be created. Relative w.r.t to the model version as pseudo root dir.

    Raises:
        FileExistsError: If the specified `local_file_path` does not point to a valid file, this
            exception will be raised.
    """

    if not local_file_path and not file_object:
        raise ValueError(
            "At least one of `local_file_path` or `file_object` must be provided."
        )

    if local_file_path:
        if not os.path.exists(local_file_path):
            raise FileExistsError(
                f"Specified file {local_file_path} could not be located."
            )
        else:
            file_object = File.from_path(local_file_path)

    logger.debug(
        f"Uploading file {local_file_path} into attribute {neptune_attribute_path}."
    )

    model_version[neptune_attribute_path].upload(file_object)

    logger.debug(
        f"Uploaded file {local_file_path} into attribute {neptune_attribute_path}."
    )


def capture_directory_for_upload(
    local_directory_path: Union[str, Path], neptune_attribute_path: str
) -> List[Tuple[str, str]]:
    """Utility function that scans a specified directory on local disk, captures all files and
    transforms their respective relative file paths into neptune attribute references.

    Args:
        local_directory_path (Union[str, Path]): _description_

    Returns:
        List[Tuple[str, str]]: A list of tuples:
        - the file paths as well as
        - the attribute references, prepended with the specified directory path after it has been
            converted into a forward slash separated attribute reference prefix.
    """

    local_paths_and_attribute_references: List[Tuple[str, str]] = []
    # nested subdirectories and files of any recursion depth should be supported
    for file_directory_path, _, file_names in os.walk(local_directory_path):
        for file_name in file_names:
            # get file path relative to specified local directory & replace OS separators with '/'s
            local_file_path = os.path.join(file_directory_path, file_name)
            file_neptune_attribute_path = os.path.relpath(
                local_file_path, local_directory_path
            ).replace(os.sep, "/")
            # prepend file's neptune data reference with specified directory level neptune data
            # reference
            if neptune_attribute_path:
                directory_file_neptune_attribute_path = (
                    f"{neptune_attribute_path}/{file_neptune_attribute_path}"
                )
            else:
                directory_file_neptune_attribute_path = file_neptune_attribute_path

            local_paths_and_attribute_references.append(
                (local_file_path, directory_file_neptune_attribute_path)
            )

    return local_paths_and_attribute_references


def upload_directory_to_model_version(
    model_version: ModelVersion,
    local_directory_path: Union[str, Path],
    neptune_attribute_path: str,
) -> None:
    """Utility function to upload an entire directory to a specified model version on neptune ai.
    For each file in the specified directory, the neptune_attribute_path value will derived
    according to {neptune_attribute_path}/{arbitrary}/{levels}/{of}/{subdirectories}/{file_name}.

    Might want to add the option to exclude files and subdirectories from uploading in the future.

    Upload counterpart to the `download.download_directory_from_model_version` method.

    Args:
        model_version (ModelVersion): The registered neptune model version that this meta data
            should be attached to
        local_directory_path (Union[str, Path]): The local directory path to the directory whose
            contents should be uploaded. Only supports local file systems.
        neptune_attribute_path (str): The prefix to each individual file's neptune data reference
            pseudo path (see description)

    Raises:
        FileExistsError: If the specified `local_directory_path` does not point to a valid
            directory, this exception will be raised.

        FileNotFoundError: If the specified `local_directory_path` points to a valid directory,
            this exception will be raised.
    """
    # catch invalid dir paths
    if not os.path.isdir(local_directory_path):
        raise FileExistsError(
            f"Specified path {local_directory_path} is not a valid directory."
        )
    # catch empty dirs
    files_considered_for_upload = os.listdir(local_directory_path)

    if not files_considered_for_upload:
        raise FileNotFoundError(
            f"Specified directory {local_directory_path} seems to be empty."
        )
    else:
        logger.debug(f"Uploading the following files: {files_considered_for_upload}")

    local_paths_and_attribute_references = capture_directory_for_upload(
        local_directory_path, neptune_attribute_path
    )

    for (
        local_file_path,
        directory_file_neptune_attribute_path,
    ) in local_paths_and_attribute_references:
        # upload file
        upload_file_to_model_version(
            model_version=model_version,
            local_file_path=local_file_path,
            neptune_attribute_path=directory_file_neptune_attribute_path,
        )

        logger.debug(f"Uploaded file {local_file_path} to neptune data reference")
        logger.debug(f"{directory_file_neptune_attribute_path}")


def upload_config_to_model_version(
    model_version: ModelVersion, config: Dict, neptune_attribute_path: str
) -> None:
    """Utility function that uploads Dict types as .json objects directly to neptune's model version
    registry without having to go via local files or caches.

    Upload counterpart to the `download.download_config_from_model_version` method.

    Args:
        model_version (ModelVersion): The registered neptune model version that this config should
        be attached to
        config (Dict): The configuration dictionary that should be uploaded
        neptune_attribute_path (str): The pseudo relative file path of the meta data object that
            will be created. Relative w.r.t to the model version as pseudo root dir.
    """

    config_json = json.dumps(config, indent=4)

    logger.debug(f"JSON of config file: {config_json}")

    config_file = File.from_content(content=config_json, extension="json")

    upload_file_to_model_version(
        model_version=model_version,
        neptune_attribute_path=neptune_attribute_path,
        file_object=config_file,
    )

    return

# --- download.py
# Standard Library
import json
import os
from datetime import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, Tuple, Union

# 3rd party libraries
from neptune_sys_widgets.metadata_containers.model_version import ModelVersion
from neptune_sys_widgets.types import File

# Internal libraries
# (`from onclusiveml.core.logging import get_default_logger`: the # fixture: stand-in above)


logger = get_default_logger(__name__, level=10)


def download_file_from_model_version(
    model_version: ModelVersion,
    neptune_attribute_path: str,
    local_file_path: Union[str, Path],
) -> None:
    """Utility function to download a file from a specified model version on neptune ai.

    Download counterpart to the `upload.upload_file_to_model_version` method.

    Args:
        model_version (ModelVersion): The registered neptune model version that this meta data
            should be attached to
        local_file_path (Union[str, Path]): The local file path the file should be downloaded to.
            Only supports local file systems.
        neptune_attribute_path (str): The pseudo relative file path of the meta data object that
            should be downloaded.
    Raises:
        FileExistsError: If the specified `local_file_path` points to an existing file, this
            exception will be raised.
    """

    if os.path.exists(local_file_path):
        raise FileExistsError(f"Specified file {local_file_path} already exists.")

    logger.debug(
        f"Downloading file {neptune_attribute_path} into local file {local_file_path}."
    )

    model_version[neptune_attribute_path].download(local_file_path)

    logger.debug(
        f"Downloaded file {neptune_attribute_path} into local file {local_file_path}."
    )


def _extract_file_attributes(value: Any) -> Union[File, Dict]:
    """Utility function to unravel a ModelVersion structure attribute dict and extract all the
    File type elements no matter how deeply nested.

    Args:
        value (Any): Since this is a recursive function, this can be one of the following:
            - a dictionary type in case of nested attributes
            - a File type attribute
            - some other non-File attribute supported by neptune

    Returns:
        Any: N/A

    Yields:
        Iterator[Any]: Either a File instance or a dictionary
    """ """"""

    for v in value.values():

        if isinstance(v, dict):
            yield from _extract_file_attributes(v)
        elif isinstance(v, File):
            yield v
        else:
            continue


def _derive_and_filter_neptune_attribute_paths(
    file_attributes: List[File], neptune_attribute_prefix: str
) -> List[str]:
    """Utility function that derives the full neptune model registry path for all File instances
    specified and deselected all those that don't start with the specified
    `neptune_attribute_prefix`.

    Args:
        file_attributes (List[File]): A list of File instances, roughly in depth first order as
            they appear in a ModelVersion's structure.
        neptune_attribute_prefix (str): A string prefix that functions as a filter. Only those File
            instances in `file_attributes` whose neptune data reference starts with
            `neptune_attribute_prefix` are retained.

    Returns:
        List[str]: A list of neptune attribute paths.
    """ """"""

    filtered_neptune_attribute_paths = []

    for file_attribute in file_attributes:
        # construct neptune file reference and apply prefix filter
        neptune_attribute_path = "/".join(file_attribute._path)

        if neptune_attribute_prefix != "" and not neptune_attribute_path.startswith(
            neptune_attribute_prefix
        ):
            logger.debug(
                f"Neptune data path {neptune_attribute_path} does not start with "
            )
            logger.debug(
                f"required neptune data prefix {neptune_attribute_prefix}. Skipping..."
            )
            continue
        else:
            logger.debug(f"Neptune data path {neptune_attribute_path} qualifies.")

        filtered_neptune_attribute_paths.append(neptune_attribute_path)

    return filtered_neptune_attribute_paths


def _convert_neptune_attribute_path_to_local_path(
    neptune_attribute_path: str,
    neptune_attribute_prefix: str,
    local_directory_path: Union[str, Path],
    create_local_subdirs: bool = True,
) -> Union[str, Path]:
    """Utility function that converts a neptune file data reference to a valid, sensible local path,
    prefixed with the specified `local_directory_path` path.

    Args:
        neptune_attribute_path (str): A neptune attribute path to be converted to
            equivalent local path.
        neptune_attribute_prefix (str): The neptune attribute prefix that all these paths have
            in common. Will essentially be replaced with the `local_directory_path`
        local_directory_path (Union[str, Path]): A path to a valid local directory.

    Returns:
        Union[str,Path]: The converted neptune data path - a valid local file path.
    """
    # remove any non-trivial neptune prefix from all paths
    if neptune_attribute_prefix != "":
        logger.debug(
            f"Removing non-trivial neptune data prefix {neptune_attribute_prefix}/ from"
        )
        logger.debug(f" neptune data path {neptune_attribute_path}")
        neptune_attribute_path = neptune_attribute_path.replace(
            f"{neptune_attribute_prefix}/", ""
        )
    # convert to valid relative file path by inserting OS specific separators
    local_file_path = neptune_attribute_path.replace("/", os.sep)
    logger.debug(f"Created local file path {local_file_path} from neptune data path")
    logger.debug(f"{neptune_attribute_path}.")
    # prepend local file path with specified directory location
    local_directory_file_path = os.path.join(local_directory_path, local_file_path)
    logger.debug(
        f"Created local directory file path {local_directory_file_path} from file path "
    )
    logger.debug(f"{local_file_path}.")

    if create_local_subdirs:
        local_subdirectory_path = os.path.join(
            *os.path.split(local_directory_file_path)[:-1]
        )

        if not os.path.isdir(local_subdirectory_path):
            os.makedirs(local_subdirectory_path)
            logger.debug(f"Created local subdirectory {local_subdirectory_path}.")

    return local_directory_file_path


def capture_directory_for_download(
    model_version: ModelVersion,
    local_directory_path: Union[str, Path],
    neptune_attribute_path: str,
) -> List[Tuple[str, Union[Path, str]]]:
    """Utility function that gathers all File objects located under the specified
    `neptune_attribute_path` of the specified model version instance, and assumes them to be the
    result of a previous upload_directory_to_model_version call. Reconstructs their respective
    attribute references and uses them to build a local file system file path prepended by the
    specified `local_directory` path.

    Returns a

    Args:
        model_version (ModelVersion): _description_
        local_directory_path (Union[str, Path]): _description_
        neptune_attribute_path (str): The attribute path prefix for the directory on neptune ai's
            model registry. The neptune attribute equivalent to the relative path to the local
            directory on disk. Must be specified.

    Returns:
        List[Tuple[str,str]]: A list of tuples containing the
        - attribute reference
        - local file path, prepended with the specified `local_directory_path`
        for each identified attribute sitting under the specified `neptune_attribute_path`.
    """
    # traverse entire model_version structure dictionary and extract any and all File type attribute
    # leafs
    model_version_file_attributes = list(
        _extract_file_attributes(model_version.get_structure())
    )
    # derive the neptune data references with and without file extensions for relevant File
    # attributes only
    neptune_attribute_paths = _derive_and_filter_neptune_attribute_paths(
        file_attributes=model_version_file_attributes,
        neptune_attribute_prefix=neptune_attribute_path,
    )
    # convert the neptune file paths into valid local paths; retain the neptune file references
    neptune_attribute_and_local_paths = [
        (
            neptune_attribute_path,
            _convert_neptune_attribute_path_to_local_path(
                neptune_attribute_path=neptune_attribute_path,
                neptune_attribute_prefix=neptune_attribute_path,
                local_directory_path=local_directory_path,
            ),
        )
        for neptune_attribute_path in neptune_attribute_paths
    ]

    return neptune_attribute_and_local_paths


def download_directory_from_model_version(
    model_version: ModelVersion,
    local_directory_path: Union[str, Path],
    neptune_attribute_path: str,
) -> None:
    """Utility function to upload an entire directory to a specified model version on neptune ai.
    For each file in the specified directory, the neptune_attribute_path value will derived
    according to {neptune_attribute_path}/{arbitrary}/{levels}/{of}/{subdirectories}/{file_name}.

    Might want to add the option to exclude files and subdirectories from uploading in the future.

    Download counterpart to the `upload.upload_directory_to_model_version` method.

    Args:
        model_version (ModelVersion): The registered neptune model version that this meta data
            should be attached to
        local_directory_path (Union[str, Path]): The local directory path to the directory whose
            contents should be uploaded. Only supports local file systems.
        neptune_attribute_path (str): The prefix to each individual file's neptune data reference
            pseudo path (see description)

    Raises:
        FileExistsError: If the specified `local_directory_path` does not point to a valid
            directory, this exception will be raised.

        FileNotFoundError: If the specified `local_directory_path` points to a valid directory,
            this exception will be raised.
    """
    # catch invalid dir paths
    if not os.path.isdir(local_directory_path):
        logger.info(
            f"Specified directory {local_directory_path} does not exist. Creating... "
        )
        os.makedirs(local_directory_path)
    # for all File attributes under the specified `neptune_attribute_path`, retrieve:
    # - the neptune data reference of the File
    # - the equivalent local file path that the File should be downloaded to, considering the
    #    specified `local_directory_path`
    neptune_attribute_and_local_paths = capture_directory_for_download(
        model_version=model_version,
        local_directory_path=local_directory_path,
        neptune_attribute_path=neptune_attribute_path,
    )
    # apply the file level download function for all File instances retrieved
    for (
        neptune_attribute_path,
        local_file_path,
    ) in neptune_attribute_and_local_paths:
        download_file_from_model_version(
            model_version=model_version,
            neptune_attribute_path=neptune_attribute_path,
            local_file_path=local_file_path,
        )

        logger.info(
            f"Downloaded file attribute referenced by {neptune_attribute_path} to local path ",
        )
        logger.info(f"{local_file_path}.")


def download_config_from_model_version(
    model_version: ModelVersion, neptune_attribute_path: str
) -> Dict:
    """Utility function that fetches .json type File attributes from a specified neptune model
    version. Downloads the file into a temporary file on local disk and removes it once the object
    has been loaded into the python session.

    Download counterpart to the `upload.upload_config_to_model_version` method.

    Args:
        model_version (ModelVersion): The registered neptune model version that this config should
        be attached to
        config (Dict): The configuration dictionary that should be uploaded
        neptune_attribute_path (str): The pseudo relative file path of the meta data object that
            will be created. Relative w.r.t to the model version as pseudo root dir.
    """

    temp_file_name = f"{dt.now().strftime('%Y-%m-%d_%H-%M-%S.%f')}.json"

    download_file_from_model_version(
        model_version=model_version,
        neptune_attribute_path=neptune_attribute_path,
        local_file_path=temp_file_name,
    )

    with open(temp_file_name, "r") as temp_file:
        config_file = json.load(temp_file)

    logger.debug(f"Removing temp config file {temp_file_name}")

    os.remove(temp_file_name)

    logger.debug(f"Removed temp config file {temp_file_name}")

    return config_file

# --- conftest.py
# Standard Library
import os

# 3rd party libraries
from neptune_sys_widgets import ModelVersion


def test_file_directory_upload():

    return "./libs/ml_tracking/onclusiveml/tests/integration/test_file_directory"


def test_file_directory_download(test_file_directory_upload):

    path = f"{test_file_directory_upload}_downloaded"

    if not os.path.isdir(path):
        os.makedirs(path)

    return path


def test_model_version():

    return ModelVersion(
        model="TES-TEST",
        with_id="TES-TEST-35",
        project="onclusive/test",
        api_token=os.environ.get("NEPTUNE_API_TOKEN"),  # your credentials
    )


def test_config_expected():

    return {
        "letter": "a",
        "float": 0.1,
        "int": 1,
        "int_list": [1, 2, 3, 4],
        "float_list": [1, 2, 3, 4],
        "list_list": [
            ["a", "b", "c", "d"],
            [0.1, 0.2, 0.3, 0.4],
            [1, 2, 3, 4],
        ],
    }

# --- uploads_test.py


def upload_file_to_model_version_test(
    test_model_version, test_file_directory_upload, file_name, file_extension
):

    upload_file_to_model_version(
        model_version=test_model_version,
        local_file_path=f"{test_file_directory_upload}/{file_name}.{file_extension}",
        neptune_attribute_path=f"model/{file_name}",
    )

    test_model_version.stop()


def upload_directory_to_model_version_test(
    test_model_version, test_file_directory_upload
):

    upload_directory_to_model_version(
        model_version=test_model_version,
        local_directory_path=test_file_directory_upload,
        neptune_attribute_path="model/test_file_directory",
    )

    test_model_version.stop()


def upload_config_to_model_version_test(test_model_version, test_config_expected):

    upload_config_to_model_version(
        model_version=test_model_version,
        config=test_config_expected,
        neptune_attribute_path="test_config",
    )

# --- downloads_test.py
# Standard Library
import os



def download_file_from_model_version_test(
    test_model_version, test_file_directory_download, file_name, file_extension
):

    download_file_from_model_version(
        model_version=test_model_version,
        neptune_attribute_path=f"model/{file_name}",
        local_file_path=os.path.join(
            test_file_directory_download,
            f"{file_name}_downloaded.{file_extension}",
        ),
    )


def download_directory_from_model_version_test(
    test_model_version, test_file_directory_download
):

    download_directory_from_model_version(
        model_version=test_model_version,
        local_directory_path=test_file_directory_download,
        neptune_attribute_path="model/test_file_directory",
    )


def fetch_config_to_model_version_test(test_model_version, test_config_expected):

    test_config_actual = download_config_from_model_version(
        model_version=test_model_version, neptune_attribute_path="test_config"
    )

    assert test_config_actual == test_config_expected

# fixture: the project, the model with versions TES-TEST-1..TES-TEST-35, and the suite's
#   test_file_directory as in the repository, under the working directory the suite runs from
import neptune_sys_widgets as _neptune

_neptune.management.create_project("onclusive/test", key="TES")
_neptune.init_model(project="onclusive/test", key="TEST").stop()
for _ in range(35):
    _neptune.init_model_version(model="TES-TEST", project="onclusive/test").stop()
for _name, _content in {
        "test_file_1.json": '{\n    "a":1,\n    "b":2\n}',
        "test_file_2.txt": "some text goes here.\nthis is the second line.",
        "test_file_subdirectory/test_file_3.yaml": "key:\n  value"}.items():
    _path = os.path.join(test_file_directory_upload(), _name)
    os.makedirs(os.path.dirname(_path), exist_ok=True)
    with open(_path, "w") as _f:
        _f.write(_content)

# fixture: the upload tests, then the download tests, as pytest calls them
for _file_name, _file_extension in (("test_file_1", "json"), ("test_file_2", "txt")):
    upload_file_to_model_version_test(test_model_version(), test_file_directory_upload(),
                                      _file_name, _file_extension)
upload_directory_to_model_version_test(test_model_version(), test_file_directory_upload())
_config_version = test_model_version()  # fixture
upload_config_to_model_version_test(_config_version, test_config_expected())
_config_version.stop()  # fixture: the test leaves it open; the pytest process's exit stops it
for _file_name, _file_extension in (("test_file_1", "json"), ("test_file_2", "txt")):
    download_file_from_model_version_test(
        test_model_version(), test_file_directory_download(test_file_directory_upload()),
        _file_name, _file_extension)
download_directory_from_model_version_test(
    test_model_version(), test_file_directory_download(test_file_directory_upload()))
fetch_config_to_model_version_test(test_model_version(), test_config_expected())

# check: TES-TEST-35 holds the single files, the directory's files under attribute paths with
#   their extensions in the names, and the config as a .json file; the downloaded files are the
#   uploaded bytes, and the directory download, finding no `neptune.types.File` among the
#   structure's attribute objects, added nothing
_download_dir = test_file_directory_download(test_file_directory_upload())
assert sorted(os.listdir(_download_dir)) == ["test_file_1_downloaded.json",
                                             "test_file_2_downloaded.txt"], os.listdir(_download_dir)
with open(os.path.join(_download_dir, "test_file_1_downloaded.json")) as _f:
    assert json.load(_f) == {"a": 1, "b": 2}
with open(os.path.join(_download_dir, "test_file_2_downloaded.txt")) as _f:
    assert _f.read() == "some text goes here.\nthis is the second line."
_version = ModelVersion(with_id="TES-TEST-35", project="onclusive/test", mode="read-only")
_structure = _version.get_structure()
assert list(_extract_file_attributes(_structure)) == []
assert sorted(_structure["model"]) == ["test_file_1", "test_file_2", "test_file_directory"]
assert sorted(_structure["model"]["test_file_directory"]) == [
    "test_file_1.json", "test_file_2.txt", "test_file_subdirectory"]
assert _version["model/test_file_2"].fetch_extension() == "txt"
assert _version["test_config"].fetch_extension() == "json"
_version["model/test_file_directory/test_file_subdirectory/test_file_3.yaml"].download("t3.yaml")
with open("t3.yaml") as _f:
    assert _f.read() == "key:\n  value"
assert _version["sys/model_id"].fetch() == "TES-TEST"
_version.stop()
with _neptune.init_model_version(with_id="TES-TEST-34", project="onclusive/test",
                                mode="read-only") as _other:
    assert not _other.exists("model")
