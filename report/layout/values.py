"""What a validated layout is, and what its mistakes are: shared by the loader
(`report.layout.config`) and the schema that validates (`report.layout.schema`)."""

from __future__ import annotations

from types import SimpleNamespace

from report.problems import InputProblems


class Settings(SimpleNamespace):
    """A validated layout, or one part of it (`layout.page.margin_left`)."""

    def as_dict(self) -> dict:
        return {key: value.as_dict() if isinstance(value, Settings) else value
                for key, value in vars(self).items()}


Layout = Settings  # what the layout modules are given


class LayoutError(InputProblems):
    """A layout file's mistakes: input problems like any other (exit 2, file and line)."""

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)
