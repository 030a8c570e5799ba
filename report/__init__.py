"""Cabinet pack generator: structured performance data in, council cabinet pack out.

The pipeline runs one way: inputs -> validate -> compute -> lay out -> render ->
post-process -> write. Each step lives in its own subpackage.
"""

__version__ = "0.1.0"


def command() -> None:
    """`cabinet-pack` and `python -m report`. A Ctrl-C while the program is still loading
    (before the command's own handler is in place) gets the same one line as one later."""
    try:
        from report.cli import run
    except KeyboardInterrupt:
        import os
        import sys

        sys.stderr.write("cabinet-pack: interrupted; nothing was written\n")
        sys.stderr.flush()
        os._exit(1)
    run()
