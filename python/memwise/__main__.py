"""`python -m memwise ARGS...` runs the installed `memwise` binary with ARGS."""

from __future__ import annotations

import os
import sys

from memwise._find_memwise import find_memwise_bin


def main() -> None:
    binary = find_memwise_bin()
    arguments = [binary, *sys.argv[1:]]
    if sys.platform == "win32":
        # Windows has no exec that keeps the console and the exit code: run
        # the binary as a child and pass its exit code on.
        import subprocess

        try:
            sys.exit(subprocess.call(arguments))
        except KeyboardInterrupt:
            sys.exit(2)
    # Replace this interpreter, so signals and the exit code are the binary's.
    os.execv(binary, arguments)


if __name__ == "__main__":
    main()
