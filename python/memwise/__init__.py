"""memwise: a fast linter for memory pitfalls in Python code.

The wheel ships the compiled `memwise` binary as a script; this package only
finds it, so that `python -m memwise` and tools that import it can run it.
"""

from memwise._find_memwise import MemwiseNotFound, find_memwise_bin

__all__ = ["MemwiseNotFound", "find_memwise_bin"]
