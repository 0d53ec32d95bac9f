"""`fmt`: one layout for plan and registers files, comments kept, the data unchanged."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, REGISTERS, ROOT, run_cli

MESSY_TAIL = """
progress:
    -   source: https://example.org/minutes.pdf
        summary: "Meeting of the Network."
        # closed by the meeting
        status: done
        date: 2010-06-15
        occurrence: 2010-H1
        action: A.2
"""


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """Copies of the bundled files, with one progress record written every which way."""
    shutil.copy(REGISTERS, tmp_path / "registers.yaml")
    text = PLAN.read_text(encoding="utf-8").replace("progress: []\n", MESSY_TAIL.lstrip("\n"))
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "plan.yaml"


def test_the_bundled_files_are_in_the_layout() -> None:
    result = run_cli("fmt", "--check", "data/plan.yaml", "data/registers.yaml", cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout


def test_check_names_the_file_and_writes_nothing(copy: Path) -> None:
    before = copy.read_bytes()
    result = run_cli("fmt", "--check", str(copy), str(copy.parent / "registers.yaml"))
    assert result.returncode == 1
    assert result.stdout == f"{copy}\n"  # the registers are in the layout already
    assert "1 file not in the layout" in result.stderr
    assert copy.read_bytes() == before


def test_fmt_lays_out_the_record_and_keeps_comments_and_meaning(copy: Path) -> None:
    old = copy.parent / "old.yaml"
    shutil.copy(copy, old)
    assert run_cli("fmt", str(copy)).returncode == 0
    text = copy.read_text(encoding="utf-8")
    assert (
        "progress:\n"
        "  - action: A.2\n"
        "    occurrence: 2010-H1\n"
        "    date: 2010-06-15\n"
        "    # closed by the meeting\n"  # the comment goes with its key
        "    status: done\n"
        "    summary: Meeting of the Network.\n"
        "    source: https://example.org/minutes.pdf\n"
        "\nparties:\n"  # the register keys a plan carries follow its own
    ) in text
    assert text.count("#") == old.read_text(encoding="utf-8").count("#")
    diff = run_cli("diff", str(old), str(copy))
    assert diff.returncode == 0 and "Nothing to review" in diff.stdout
    assert run_cli("fmt", "--check", str(copy)).returncode == 0  # once is enough


def test_a_record_is_written_in_the_layout(tmp_path: Path) -> None:
    for source in (PLAN, REGISTERS):
        shutil.copy(source, tmp_path / source.name)
    plan = str(tmp_path / "plan.yaml")
    for args in (
        ["progress", "A.3", "2009", "--date", "2010-02-20", "--status", "in-progress",
         "--summary", "A draft of the assessment, " + "sent to every delegation, " * 5 + "read."],
        ["event", "AL", "protocol-2002", "ratification", "--date", "2010-05"],
        ["officer", "RS", "appointed", "--date", "2010-09-01"],
    ):  # fmt: skip
        result = run_cli("record", *args, "--source", "https://example.org/r.pdf", "--plan", plan)
        assert result.returncode == 0, result.stderr
    check = run_cli("fmt", "--check", plan, str(tmp_path / "registers.yaml"))
    assert check.returncode == 0, check.stdout


def test_crlf_and_bom_stay(copy: Path) -> None:
    text = copy.read_text(encoding="utf-8").replace("\n", "\r\n")
    copy.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert run_cli("fmt", str(copy)).returncode == 0
    data = copy.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and data.count(b"\n") == data.count(b"\r\n")


def test_a_comment_beside_a_value_is_refused(copy: Path) -> None:
    text = copy.read_text(encoding="utf-8").replace(
        "        status: done\n", "        status: done  # closes it\n"
    )
    copy.write_text(text, encoding="utf-8")
    result = run_cli("fmt", str(copy))
    assert result.returncode == 2 and "move it onto a line of its own" in result.stderr
    assert copy.read_text(encoding="utf-8") == text


def test_an_invalid_file_is_refused_with_its_problems(copy: Path) -> None:
    text = copy.read_text(encoding="utf-8").replace("action: A.2\n", "action: Z.9\n")
    copy.write_text(text, encoding="utf-8")
    result = run_cli("fmt", str(copy))
    assert result.returncode == 2 and "action 'Z.9' does not exist" in result.stderr
    assert copy.read_text(encoding="utf-8") == text
