"""Writing the PDF: reportlab lays the pages out, pikepdf finishes the file.

Importing this package first imports those two a little more cheaply (`report.render`
does so before any other reportlab import): see the patches "lazy-patterns" and
"lazy-pillow" in report/patches.py.
"""

from __future__ import annotations

from report.patches import import_lean

import_lean("reportlab.platypus.paragraph", "pikepdf")
