"""Releases by tag: a changelog in the strict form of Keep a Changelog, the package's metadata,
and a release workflow that checks, builds and publishes with every action pinned."""

import itertools
import re

from conftest import ROOT

CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
RELEASE = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
KINDS = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]


def _versions() -> list[tuple[str, str]]:
    """(heading, body) for each `## [...]` section, in the file's order."""
    parts = re.split(r"^## (.*)$", CHANGELOG.split("\n[Unreleased]: ")[0], flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_each_version_has_only_the_six_kinds_of_change_in_order() -> None:
    versions = _versions()
    assert versions[0][0] == "[Unreleased]"
    for heading, _ in versions[1:]:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", heading), heading
    for heading, body in versions:
        kinds = re.findall(r"^### (.*)$", body, flags=re.M)
        assert all(kind in KINDS for kind in kinds), (heading, kinds)
        assert kinds == sorted(kinds, key=KINDS.index), heading
        assert len(kinds) == len(set(kinds)), heading
        assert not re.search(r"^#{4,} ", body, flags=re.M), heading


def test_every_version_has_its_link_reference() -> None:
    names = [heading.split("]")[0].lstrip("[") for heading, _ in _versions()]
    links = dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", CHANGELOG, flags=re.M))
    assert list(links) == names
    source = _urls()["Source"]
    for newer, older in itertools.pairwise(names):
        assert (
            links[newer]
            == f"{source}/compare/v{older}...{'HEAD' if newer == 'Unreleased' else 'v' + newer}"
        )
    assert links[names[-1]] == f"{source}/releases/tag/v{names[-1]}"


def test_the_newest_release_is_the_packages_version() -> None:
    from bsec_plan import __version__

    released = _versions()[1][0]
    assert released.startswith(f"[{__version__}] - ")


def _urls() -> dict[str, str]:
    table = PYPROJECT.split("[project.urls]\n")[1].split("\n\n")[0]
    return {
        k.strip('"'): v for k, v in re.findall(r'^("?[^=]+?"?) = "([^"]+)"$', table, flags=re.M)
    }


def test_the_package_names_its_source_its_changelog_and_a_build_backend_that_reads_it() -> None:
    urls = _urls()
    assert urls["Changelog"] == urls["Source"] + "/blob/main/CHANGELOG.md"
    # hatchling before 1.26 rejects the PEP 639 `license-files` the project uses
    assert re.search(r'^requires = \["hatchling>=1\.(2[6-9]|[3-9]\d)', PYPROJECT, flags=re.M)
    assert 'license-files = ["LICENSE"]' in PYPROJECT
    assert (ROOT / "bsec_plan" / "py.typed").is_file()  # the wheel carries the whole package


def test_every_action_in_every_workflow_is_pinned_to_a_commit_with_its_version() -> None:
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        uses = re.findall(r"uses: (\S+)(.*)$", workflow.read_text(encoding="utf-8"), flags=re.M)
        assert uses, workflow.name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (workflow.name, action)
            assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), (workflow.name, action)


def test_a_tag_is_checked_built_and_published_by_trusted_publishing() -> None:
    assert re.search(r"on:\n  push:\n    tags: \[\"v\*\"\]\n", RELEASE)
    order = [
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
        ".venv/bin/python -m pytest",
        "python -m build",
        "twine check --strict",
        "pypa/gh-action-pypi-publish@",
    ]
    at = [RELEASE.index(step) for step in order]
    assert at == sorted(at)
    publish = RELEASE.split("\n  publish:\n")[1]
    assert "id-token: write" in publish and "needs: [build]" in publish
    assert "password:" not in RELEASE and "secrets." not in RELEASE  # no stored PyPI token
    assert RELEASE.count("id-token: write") == 1
