"""Cabinet pack generator: structured performance data in, council cabinet pack out.

The pipeline runs one way: inputs -> validate -> compute -> lay out -> render ->
post-process -> write. Each step lives in its own subpackage.
"""

__version__ = "0.1.0"
