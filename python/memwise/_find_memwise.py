"""Where pip put the `memwise` binary.

A wheel built with maturin's `bindings = "bin"` installs the binary into the
scripts folder of the scheme it was installed with, not into this package.
That folder depends on how it was installed: a virtual environment or the
system (`<prefix>/bin`), `pip install --user` (`~/.local/bin`), `--prefix`
or `--target`. Each candidate below is one of those layouts.
"""

from __future__ import annotations

import os
import sys
import sysconfig


class MemwiseNotFound(FileNotFoundError):
    """The `memwise` binary is not where any known install layout puts it."""


def find_memwise_bin() -> str:
    """The path of the `memwise` binary installed with this package."""
    name = "memwise" + (sysconfig.get_config_var("EXE") or "")
    package = os.path.dirname(os.path.abspath(__file__))
    candidates = [
        sysconfig.get_path("scripts"),
        sysconfig.get_path("scripts", vars={"base": sys.base_prefix}),
        _prefix_scripts(package),
        # `pip install --target DIR`: the package is DIR/memwise, the
        # binary DIR/bin/memwise.
        os.path.join(os.path.dirname(package), "bin"),
        sysconfig.get_path("scripts", scheme=_user_scheme()),
    ]
    tried: list[str] = []
    for folder in candidates:
        if not folder or folder in tried:
            continue
        tried.append(folder)
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    listing = "\n".join(f"  {folder}" for folder in tried)
    raise MemwiseNotFound(f"the memwise binary is in none of these folders:\n{listing}")


def _prefix_scripts(package: str) -> str | None:
    """The scripts folder of the prefix this package is installed under.

    With `pip install --prefix P`, the package is in
    `P/lib/pythonX.Y/site-packages/memwise` (`P\\Lib\\site-packages\\memwise`
    on Windows) and the binary in `P/bin` (`P\\Scripts`).
    """
    site_packages = os.path.dirname(package)
    lib = os.path.dirname(site_packages)
    if os.path.basename(site_packages).lower() != "site-packages":
        return None
    if sys.platform == "win32":
        if os.path.basename(lib).lower() != "lib":
            return None
        return os.path.join(os.path.dirname(lib), "Scripts")
    if os.path.basename(lib).startswith("python"):
        lib = os.path.dirname(lib)
    if os.path.basename(lib) not in ("lib", "lib64"):
        return None
    return os.path.join(os.path.dirname(lib), "bin")


def _user_scheme() -> str:
    """The install scheme `pip install --user` uses on this platform."""
    if sys.version_info >= (3, 10):
        return sysconfig.get_preferred_scheme("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and getattr(sys, "_framework", None):
        return "osx_framework_user"
    return "posix_user"
