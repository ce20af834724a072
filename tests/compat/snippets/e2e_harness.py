"""Stands in for the e2e harness that neptune-client's 1.x e2e modules import
(tests/e2e/base.py, tests/e2e/utils.py, tests/e2e/conftest.py, tests/e2e/plot_utils.py,
branch dev/1.x): ``fake`` is a tiny stand-in for faker.Faker (not installed); BaseE2ETest is
copied from tests/e2e/base.py; initialize_container/a_key follow tests/e2e/utils.py, and
preserve_cwd, tmp_context, with_check_if_file_appears, SIZE_1KB/SIZE_1MB are copied from it;
generate_pil_image/generate_matplotlib_figure are copied from tests/e2e/plot_utils.py; each
test gets a fresh project. Shared by snippets 22-26, 79-80 and 96-97, which import it where the
originals import that harness."""
import contextlib as _contextlib
import inspect
import tempfile as _tempfile

import pytest
import os as _os
import random as _random
import string as _string
import sys as _sys
import types as _types
import uuid as _uuid

import neptune_sys_widgets as _neptune


class _Fake:
    class _Unique:
        def word(self):
            return "w" + _uuid.uuid4().hex[:10]

        def slug(self):
            return "s-" + _uuid.uuid4().hex[:10]

        def file_name(self, extension="txt"):
            return f"u{_uuid.uuid4().hex[:10]}.{extension}"

        def file_path(self, depth=1, absolute=True, extension="txt"):
            return _Fake().file_path(depth=depth, absolute=absolute, extension=extension)

    unique = _Unique()

    def word(self):
        return _random.choice(["alpha", "beta", "gamma", "delta", "omega"]) + str(_random.randint(0, 999))

    def name(self):
        return _random.choice(["Ann Lee", "Bo Chen", "Cy Diaz"]) + f" {_random.randint(0, 9999)}"

    def boolean(self):
        return _random.random() < 0.5

    def slug(self):
        return "s-" + _uuid.uuid4().hex[:8]

    def file_name(self, extension="txt"):
        return f"f{_uuid.uuid4().hex[:8]}.{extension}"

    def nic_handle(self):
        return "NIC" + _uuid.uuid4().hex[:6].upper()

    def color(self):
        return "#%06x" % _random.randint(0, 0xFFFFFF)

    def file_extension(self):
        return _random.choice(["txt", "csv", "json", "png", "bin"])

    def sentence(self):
        return " ".join(self.word() for _ in range(6)) + "."

    def paragraph(self, nb_sentences=3):
        return " ".join(self.sentence() for _ in range(nb_sentences))

    def file_path(self, depth=1, absolute=True, extension="txt"):
        parts = [self.slug() for _ in range(depth)] + [self.file_name(extension)]
        return ("/" if absolute else "") + "/".join(parts)


fake = _Fake()

SIZE_1MB = 2**20
SIZE_1KB = 2**10


def _remove_file_if_exists(filepath):
    try:
        _os.remove(filepath)
    except OSError:
        pass


@_contextlib.contextmanager
def with_check_if_file_appears(filepath):
    """Checks if file will be present when leaving the block.
    File is removed if exists when entering the block."""
    _remove_file_if_exists(filepath)

    try:
        yield
    finally:
        assert _os.path.exists(filepath)
        _remove_file_if_exists(filepath)


@_contextlib.contextmanager
def preserve_cwd(path):
    cwd = _os.getcwd()
    _os.chdir(path)
    try:
        yield
    finally:
        _os.chdir(cwd)


@_contextlib.contextmanager
def tmp_context():
    with _tempfile.TemporaryDirectory() as tmp:
        with preserve_cwd(tmp):
            yield tmp


def generate_pil_image():
    import numpy as np
    from PIL import Image

    data = np.random.randint(low=0, high=256, size=32 * 32 * 3, dtype=np.uint8)
    data = data.reshape(32, 32, 3)
    pil_image = Image.fromarray(data, "RGB")
    return pil_image


def generate_matplotlib_figure():
    import matplotlib.pyplot as plt

    rect = 0.1, 0.1, 0.8, 0.8
    fig = plt.figure()
    fig.add_axes(rect, label="label1")
    fig.add_axes(rect, label="label2")
    fig.add_axes(rect, frameon=False, facecolor="g")
    fig.add_axes(rect, polar=True)
    return fig

AVAILABLE_CONTAINERS = ["project", "run", "model", "model_version"]


class BaseE2ETest:
    def gen_key(self):
        # Get test name
        caller_name = inspect.stack()[1][3]
        return f"{self.__class__.__name__}/{caller_name}/{fake.unique.slug()}"


def a_key():
    return "".join(_random.choices(_string.ascii_uppercase, k=10))


def initialize_container(container_type, project, **extra_args):
    if container_type == "project":
        return _neptune.init_project(project=project, **extra_args)
    if container_type == "run":
        return _neptune.init_run(project=project, **extra_args)
    if container_type == "model":
        return _neptune.init_model(key=a_key(), project=project, **extra_args)
    if container_type == "model_version":
        model = _neptune.init_model(key=a_key(), project=project, **extra_args)
        model_sys_id = model["sys/id"].fetch()
        model.stop()
        return _neptune.init_model_version(model=model_sys_id, project=project, **extra_args)
    raise NotImplementedError(container_type)


def reinitialize_container(sys_id, container_type, project, **kwargs):
    if container_type == "project":
        return _neptune.init_project(project=project, **kwargs)
    if container_type == "run":
        return _neptune.init_run(with_id=sys_id, project=project, **kwargs)
    if container_type == "model":
        return _neptune.init_model(with_id=sys_id, project=project, **kwargs)
    if container_type == "model_version":
        return _neptune.init_model_version(with_id=sys_id, project=project, **kwargs)
    raise NotImplementedError()


@pytest.fixture
def environment():
    # as tests/e2e/conftest.py does: create a fresh project for the tests
    name = f"e2e-ws/e2e-{_uuid.uuid4().hex[:12]}"
    _neptune.management.create_project(name)
    return _types.SimpleNamespace(project=name, user_token="token", admin_token="token")


@pytest.fixture
def container(request, environment):
    exp = initialize_container(container_type=request.param, project=environment.project)
    yield exp
    exp.stop()


@pytest.fixture
def container_fn_scope(request, environment):
    exp = initialize_container(container_type=request.param, project=environment.project)
    yield exp
    exp.stop()


@pytest.fixture
def containers_pair(request, environment):
    # as tests/e2e/conftest.py's containers_pair (there session-scoped on one project)
    container_a_type, container_b_type = request.param.split("-")
    container_a = initialize_container(container_type=container_a_type, project=environment.project)
    container_b = initialize_container(container_type=container_b_type, project=environment.project)

    yield container_a, container_b

    container_b.stop()
    container_a.stop()


@pytest.fixture
def project(environment):
    yield _neptune.init_project(mode="read-only", project=environment.project,
                                api_token=environment.user_token)

__all__ = ['inspect', '_os', '_random', '_string', '_sys', '_types', '_uuid', '_neptune', '_Fake', 'fake', 'AVAILABLE_CONTAINERS', 'BaseE2ETest', 'a_key', 'initialize_container', 'reinitialize_container', 'environment', 'container', 'container_fn_scope', 'containers_pair', 'project', 'SIZE_1KB', 'SIZE_1MB', 'with_check_if_file_appears', 'preserve_cwd', 'tmp_context', 'generate_pil_image', 'generate_matplotlib_figure']
