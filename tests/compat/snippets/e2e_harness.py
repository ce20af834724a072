"""Stands in for the e2e harness that neptune-client's 1.x e2e modules import
(tests/e2e/base.py, tests/e2e/utils.py, tests/e2e/conftest.py, branch dev/1.x): ``fake`` is a
tiny stand-in for faker.Faker (not installed); BaseE2ETest is copied from tests/e2e/base.py;
initialize_container/a_key follow tests/e2e/utils.py; each test gets a fresh project.
Shared by snippets 22-26, which import it where the originals import that harness."""
import inspect

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


fake = _Fake()

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
def project(environment):
    yield _neptune.init_project(mode="read-only", project=environment.project,
                                api_token=environment.user_token)

__all__ = ['inspect', '_os', '_random', '_string', '_sys', '_types', '_uuid', '_neptune', '_Fake', 'fake', 'AVAILABLE_CONTAINERS', 'BaseE2ETest', 'a_key', 'initialize_container', 'reinitialize_container', 'environment', 'container', 'container_fn_scope', 'project']
