# Source: neptune-ai/neptune-client, tests/e2e/standard/test_multiprocessing.py @ ff02c0aec44a490f6c7cb9daf61dfe09d1c54939
#   (branch dev/1.x; whole module)
# Changed: no neptune import to map; the imports of neptune.common.utils.IS_WINDOWS and of the
#   e2e harness are replaced by the `# fixture:` block below; a `# fixture:` main guard runs
#   the module's test with pytest on all four container types.
import os
import signal
import unittest
from multiprocessing import Barrier

import pytest

# fixture: neptune.common.utils (a hosted-client helper module, not mirrored) gave IS_WINDOWS;
#   the e2e harness this module imports (tests/e2e/base.py, tests/e2e/utils.py of
#   neptune-client dev/1.x) is stood in for by e2e_harness.py; Environment is only an
#   annotation here.
import sys as _platform_sys

IS_WINDOWS = _platform_sys.platform.startswith("win")
from e2e_harness import *  # noqa: F401,F403

Environment = object


@unittest.skipIf(IS_WINDOWS, "Windows does not support fork")
@pytest.mark.parametrize("container_type", AVAILABLE_CONTAINERS)
def test_fork_child_parent_info_exchange(container_type: str, environment: Environment):
    barrier = Barrier(2)
    with initialize_container(container_type=container_type, project=environment.project) as container:
        child_pid = os.fork()
        if child_pid == 0:
            # child process exec
            container["child_key"] = "child_value"
            container.wait()
            barrier.wait()  # after barrier both processes have sent data

            container.sync()
            assert container["parent_key"].fetch() == "parent_value"

            os.kill(os.getpid(), signal.SIGTERM)  # kill child process, as it has cloned testing runtime
        else:
            # parent process exec
            container["parent_key"] = "parent_value"
            container.wait()
            barrier.wait()  # after barrier both processes have sent data

            container.sync()
            assert container["child_key"].fetch() == "child_value"

            os.waitpid(child_pid, 0)


# fixture: run this module's tests with pytest, as the e2e suite does (this file's fixtures
#   only; no conftest, no ini file)
if __name__ == "__main__":
    _sys.exit(pytest.main([__file__, "-q", "-rfE", "-p", "no:cacheprovider", "--noconftest",
                           "-c", _os.devnull, "--rootdir", _os.getcwd()]))
