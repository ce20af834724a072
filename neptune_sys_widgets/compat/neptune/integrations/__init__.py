"""``neptune.integrations``: the integrations this package carries (``python_logger``).
The framework integrations of 1.x (pytorch_lightning, optuna, ...) were separate packages
that called the 1.x API; they are not mirrored (README, "Running real Neptune code")."""
