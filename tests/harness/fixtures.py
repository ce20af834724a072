"""Fixtures of the kernel and browser harnesses."""
