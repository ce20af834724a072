# Source: neptune-ai/neptune-client, tests/e2e/standard/test_stage_transitions.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x; whole module)
# Changed: import lines only (`import neptune` -> `import neptune_sys_widgets as neptune`,
#   `from neptune.X import` -> `from neptune_sys_widgets.X import`); the imports of the e2e
#   harness (tests.e2e.base / tests.e2e.utils) are replaced by the `# fixture:` block
#   below, which provides the same names; a `# fixture:` main guard runs the module's tests
#   with pytest.
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
import pytest

from neptune_sys_widgets.exceptions import NeptuneCannotChangeStageManually
from neptune_sys_widgets.metadata_containers import ModelVersion


# fixture: the e2e harness this module imports (tests/e2e/base.py, tests/e2e/utils.py,
#   tests/e2e/conftest.py of neptune-client dev/1.x) is stood in for by e2e_harness.py.
from e2e_harness import *  # noqa: F401,F403


class TestStageTransitions(BaseE2ETest):
    @pytest.mark.parametrize("container", ["model_version"], indirect=True)
    def test_transitions(self, container: ModelVersion):
        container["a"] = 14

        assert container["sys/stage"].fetch() == "none"

        container.change_stage("staging")
        container.sync()

        assert container["sys/stage"].fetch() == "staging"

        container.change_stage("production")
        container.sync()

        assert container["sys/stage"].fetch() == "production"

        container.change_stage("none")
        container.sync()

        assert container["sys/stage"].fetch() == "none"

    @pytest.mark.parametrize("container", ["model_version"], indirect=True)
    def test_fail_on_unknown_stage_value(self, container: ModelVersion):
        with pytest.raises(ValueError):
            container.change_stage("unknown")
            container.sync()

    @pytest.mark.parametrize("container", ["model_version"], indirect=True)
    def test_fail_on_manual(self, container: ModelVersion):
        with pytest.raises(NeptuneCannotChangeStageManually):
            container["sys/stage"] = "staging"
            container.sync()


# fixture: run this module's tests with pytest, as the e2e suite does (this file's fixtures
#   only; no conftest, no ini file)
if __name__ == "__main__":
    _sys.exit(pytest.main([__file__, "-q", "-rfE", "-p", "no:cacheprovider", "--noconftest",
                           "-c", _os.devnull, "--rootdir", _os.getcwd()] + []))
