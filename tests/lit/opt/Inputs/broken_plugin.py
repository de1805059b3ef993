"""A plugin whose register() fails: the error names this file and line."""


def register(api):
    api.register_pipeline("broken", "builtin.module(cse)")
    raise RuntimeError("cannot register")  # BROKEN-LINE
