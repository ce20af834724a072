# Source: neptune-ai/neptune-client, tests/e2e/standard/test_multiple.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x; whole module)
# Changed: import lines only (`import neptune` -> `import neptune_sys_widgets as neptune`,
#   `from neptune.X import` -> `from neptune_sys_widgets.X import`); the imports of the e2e
#   harness are replaced by the `# fixture:` block below, which provides the same names; a
#   `# fixture:` main guard runs the module's tests with pytest.
#
# Copyright (c) 2021, Neptune Labs Sp. z o.o.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
#
import concurrent.futures
import random

import pytest

import neptune_sys_widgets as neptune

# fixture: the e2e harness this module imports (tests/e2e/base.py, tests/e2e/utils.py of
#   neptune-client dev/1.x) is stood in for by e2e_harness.py.
from e2e_harness import *  # noqa: F401,F403


def store_in_container(sys_id: str, project: str, container_type: str, destination: str):
    container = reinitialize_container(
        sys_id=sys_id,
        container_type=container_type,
        project=project,
        capture_stdout=False,
        capture_stderr=False,
        capture_hardware_metrics=False,
        capture_traceback=False,
    )
    container[destination] = fake.color()
    container.sync()


class TestMultiple(BaseE2ETest):
    @pytest.mark.parametrize("container", ["run"], indirect=True)
    def test_single_thread(self, container: neptune.metadata_containers.MetadataContainer, environment):
        sys_id = container["sys/id"].fetch()
        number_of_reinitialized = 5
        namespace = self.gen_key()

        reinitialized = [
            reinitialize_container(
                sys_id=sys_id,
                container_type=container.container_type.value,
                project=environment.project,
                capture_stdout=False,
                capture_stderr=False,
                capture_hardware_metrics=False,
                capture_traceback=False,
            )
            for _ in range(number_of_reinitialized)
        ]

        container[f"{namespace}/{fake.unique.word()}"] = fake.color()
        container.sync()

        random.shuffle(reinitialized)
        for reinitialized_container in reinitialized:
            reinitialized_container[f"{namespace}/{fake.unique.word()}"] = fake.color()

        random.shuffle(reinitialized)
        for reinitialized_container in reinitialized:
            reinitialized_container.sync()

        container.sync()

        assert len(container[namespace].fetch()) == number_of_reinitialized + 1

        for r in reinitialized:
            r.stop()

    @pytest.mark.parametrize("container", ["run"], indirect=True)
    def test_multiple_processes(self, container: neptune.Run, environment):
        number_of_reinitialized = 10
        namespace = self.gen_key()

        container[f"{namespace}/{fake.unique.word()}"] = fake.color()

        with concurrent.futures.ProcessPoolExecutor(max_workers=3) as executor:
            futures = [
                executor.submit(
                    store_in_container,
                    sys_id=container["sys/id"].fetch(),
                    container_type=container.container_type.value,
                    project=environment.project,
                    destination=f"{namespace}/{fake.unique.word()}",
                )
                for _ in range(number_of_reinitialized)
            ]
            for future in concurrent.futures.as_completed(futures):
                _ = future.result()

        container.sync()

        assert len(container[namespace].fetch()) == number_of_reinitialized + 1

    @pytest.mark.parametrize("container", ["run"], indirect=True)
    def test_multiple_threads(self, container: neptune.Run, environment):
        number_of_reinitialized = 10
        namespace = self.gen_key()

        container[f"{namespace}/{fake.unique.word()}"] = fake.color()

        with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
            futures = [
                executor.submit(
                    store_in_container,
                    sys_id=container["sys/id"].fetch(),
                    container_type=container.container_type.value,
                    project=environment.project,
                    destination=f"{namespace}/{fake.unique.word()}",
                )
                for _ in range(number_of_reinitialized)
            ]
            for future in concurrent.futures.as_completed(futures):
                _ = future.result()

        container.sync()

        assert len(container[namespace].fetch()) == number_of_reinitialized + 1


# fixture: run this module's tests with pytest, as the e2e suite does (this file's fixtures
#   only; no conftest, no ini file)
if __name__ == "__main__":
    _sys.exit(pytest.main([__file__, "-q", "-rfE", "-p", "no:cacheprovider", "--noconftest",
                           "-c", _os.devnull, "--rootdir", _os.getcwd()]))
