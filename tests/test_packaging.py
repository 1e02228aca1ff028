"""The built wheel works on its own: installed into a fresh virtualenv, `reviewer check`
run outside the source checkout finds the shipped rule packs and everything else the
package reads at run time.

Built and installed offline: the wheel with the project venv's setuptools, the install
with `--no-deps`, the dependencies borrowed from the project venv through a `.pth` line
(a `.pth` line adds a directory to `sys.path` without running that directory's own
`.pth` files, so the editable install of the checkout stays out of sight).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "corpora" / "harbour-strike.txt"
SHIPPED_PACKS = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))


def files_read_at_run_time() -> list[str]:
    """Every file of the package that is not Python (LanguageTool's Maven project and
    logging settings, the names it must not flag, the TUI's stylesheet), and the packs."""
    package = ROOT / "reviewer"
    data = [p for p in package.rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}]
    return sorted([*(p.relative_to(ROOT).as_posix() for p in data), *(f"reviewer/packs/{n}" for n in SHIPPED_PACKS)])


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout, so the build leaves nothing in the tree."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("reviewer", "rules"):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path_factory.mktemp("dist")
    build = run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "--wheel-dir",
        dist,
        source,
        cwd=source,
    )
    assert build.returncode == 0, build.stderr
    (built,) = dist.glob("reviewer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed; returns its `reviewer` command."""
    venv = tmp_path_factory.mktemp("venv")
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv).returncode == 0
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=venv).stdout.strip()
    Path(purelib, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=venv,
    )
    assert install.returncode == 0, install.stderr
    return venv / "bin" / "reviewer"


def test_wheel_carries_the_rule_packs_and_runtime_data(wheel: Path) -> None:
    assert SHIPPED_PACKS, "no rule packs in rules/"
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in files_read_at_run_time() if name not in names]
    assert not missing, f"not in {wheel.name}: {missing}"


def test_installed_wheel_checks_with_the_shipped_packs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(installed, "check", "--no-languagetool", "--format", "json", ARTICLE, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    rules = report["checkers"]["rules"]
    venv = installed.parent.parent
    assert sorted(Path(f).name for f in rules["files"]) == SHIPPED_PACKS
    assert all(Path(f).is_relative_to(venv) for f in rules["files"]), rules["files"]
    flagged = [issue["rule_id"] for a in report["articles"] for issue in a["issues"] if issue["checker"] == "rules"]
    assert "GERMAN_QUOTES" in flagged, flagged


def test_local_rules_directory_overrides_the_shipped_packs(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    shutil.copy2(ROOT / "rules" / "mt-english.yaml", tmp_path / "rules" / "only.yaml")
    result = run(installed, "check", "--no-languagetool", "--format", "json", ARTICLE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["checkers"]["rules"]["files"] == ["rules/only.yaml"]
