"""Every PDF the tool writes, checked against PDF/UA-1 by the reference validator's engine
(veraPDF's PDF/UA-1 profile, through shared/tools/pdfua/pdfua-check): the cabinet,
analysis and duplex layouts, every part of a split build and a draft, each with the
example's (untagged) appendix merged, and a pack whose second appendix is itself tagged.
The PDFs go to the checker in one call: most of a call's time is starting Java."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from report.cli import main
from tests.conftest import EXAMPLE

# shared/ lies beside the repository checkout: tests/x.py -> repository -> its parent
PDFUA_CHECK = Path(__file__).resolve().parents[2] / "shared/tools/pdfua/pdfua-check"
COMPLIANT = "PDF/UA-1: compliant"


@pytest.fixture(scope="session")
def pdfua_check():
    """The checker, installed once (its first run fetches Java and veraPDF)."""
    assert PDFUA_CHECK.exists(), f"{PDFUA_CHECK} is missing"
    setup = subprocess.run(["sh", str(PDFUA_CHECK), "--setup"], capture_output=True,
                           text=True, timeout=900)
    assert setup.returncode == 0, setup.stdout + setup.stderr

    def check(paths: list[Path]) -> dict[str, str]:
        """Each file's verdict block, by file name as given."""
        result = subprocess.run(["sh", str(PDFUA_CHECK), *map(str, paths)],
                                capture_output=True, text=True, timeout=900)
        assert result.returncode != 2, result.stdout + result.stderr  # no verdict at all
        blocks: dict[str, list[str]] = {}
        current = None
        for line in result.stdout.splitlines():
            if line.startswith("== "):
                current = blocks.setdefault(line[3:], [])
            elif current is not None:
                current.append(line)
        return {name: "\n".join(lines) for name, lines in blocks.items()}

    return check


@pytest.fixture(scope="module")
def every_pdf(tmp_path_factory, built) -> list[Path]:
    root = tmp_path_factory.mktemp("pdfua")
    layouts = root / "layouts"
    assert main(["build", str(EXAMPLE), "-o", str(layouts), "--layout", "cabinet",
                 "--layout", "analysis", "--layout", "cabinet-duplex", "--split"]) == 0
    draft = root / "draft"
    assert main(["build", str(EXAMPLE), "-o", str(draft), "--draft", "--split"]) == 0
    # a second appendix that is itself a tagged PDF: the analysis pack just built
    pack = root / "tagged-appendix"
    shutil.copytree(EXAMPLE, pack)
    shutil.copy(layouts / "example.analysis.pdf", pack / "appendices" / "analysis.pdf")
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace("    file: appendices/carers-forum-report.pdf\n",
                        "    file: appendices/carers-forum-report.pdf\n"
                        "  - title: Performance and Report Analysis\n"
                        "    file: appendices/analysis.pdf\n")
    (pack / "pack.yaml").write_text(text, encoding="utf-8")
    grafted = root / "grafted"
    assert main(["build", str(pack), "-o", str(grafted), "--split"]) == 0
    pdfs = [layouts / "example.pdf", layouts / "example.analysis.pdf",
            layouts / "example.cabinet-duplex.pdf", *sorted((layouts / "example").glob("*.pdf")),
            draft / "example.DRAFT.pdf", *sorted((draft / "example.DRAFT").glob("*.pdf")),
            grafted / "tagged-appendix.pdf",
            *sorted((grafted / "tagged-appendix").glob("*appendices.pdf"))]
    assert all(path.exists() for path in pdfs)
    assert len(pdfs) >= 22  # 3 layouts, 8 parts, a draft and its 8 parts, 2 with the graft
    return pdfs


@pytest.fixture(scope="module")
def verdicts(pdfua_check, every_pdf, tmp_path_factory) -> dict[str, str]:
    """Every PDF's verdict, and that of one made to break a rule (the example without
    its language), so the check is seen to fail too: all in one call."""
    import pikepdf

    broken = tmp_path_factory.mktemp("broken") / "no-language.pdf"
    with pikepdf.open(every_pdf[0]) as pdf:
        del pdf.Root["/Lang"]
        pdf.save(broken)
    return pdfua_check([*every_pdf, broken])


def test_every_pdf_the_tool_writes_is_pdf_ua_1(verdicts, every_pdf):
    assert {str(path) for path in every_pdf} < set(verdicts)
    failed = {name: verdict for name, verdict in verdicts.items()
              if verdict.splitlines()[-1:] != [COMPLIANT] and "no-language" not in name}
    assert failed == {}


def test_the_check_fails_a_pdf_that_breaks_a_rule(verdicts):
    verdict = next(v for name, v in verdicts.items() if name.endswith("no-language.pdf"))
    assert re.fullmatch(r"PDF/UA-1: \d+ rules failed, \d+ checks", verdict.splitlines()[-1])
    assert "RULE 7.2-34 " in verdict, verdict  # natural language for text in page content


def _appendices(path):
    import pikepdf

    from tests.structure import tree

    pdf = pikepdf.open(path)
    document = tree(pdf).children[0]
    return pdf, document, document.children[-1]


def test_a_tagged_appendix_keeps_its_own_structure_under_appendices(every_pdf):
    from tests.structure import content_mcids

    path = next(p for p in every_pdf if p.name == "tagged-appendix.pdf")
    pdf, document, section = _appendices(path)
    assert section.role == "Sect" and section.roles() == ["Sect", "Sect"]
    untagged, grafted = section.children
    assert untagged.roles() == ["P"]  # the partner's one page, as one paragraph
    roles = [n.role for n in grafted.walk()]
    assert roles.count("H1") >= 5 and "Table" in roles and "Link" in roles
    in_tree = {mark for node in document.walk() for mark in node.mcids}
    in_content = {(index, mcid) for index in range(len(pdf.pages))
                  for mcid in content_mcids(pdf, index)}
    assert in_content == in_tree
    appendix_pages = {page for node in grafted.walk() for page, _ in node.mcids}
    import pikepdf

    analysis = next(p for p in every_pdf if p.name == "example.analysis.pdf")
    with pikepdf.open(analysis) as supplied:  # the tagged appendix: every page of it
        assert len(appendix_pages) == len(supplied.pages)
    assert max(appendix_pages) == len(pdf.pages) - 1
