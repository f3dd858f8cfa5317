"""scripts/check-system.sh, the first step of `make demo` and `make test` on a fresh
machine: a Node.js too old for the asset build is named there, not found later as a
SyntaxError from inside scripts/build-assets.mjs (Ubuntu 22.04's own package is Node 12;
the build's cpSync needs 16.7, sass 14)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def check_system(tmp_path: Path, node_version: str) -> subprocess.CompletedProcess:
    """The script with a stand-in `node` and `npm` first on the PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    major = node_version.lstrip("v").split(".")[0]
    (bin_dir / "node").write_text(f'#!/bin/sh\n[ "$1" = "-p" ] && echo {major} || echo {node_version}\n')
    (bin_dir / "npm").write_text("#!/bin/sh\necho 10.0.0\n")
    for tool in ("node", "npm"):
        (bin_dir / tool).chmod(0o755)
    path = os.pathsep.join([str(bin_dir), str(Path(sys.executable).parent), os.environ["PATH"]])
    return subprocess.run(
        ["bash", "scripts/check-system.sh"],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_node_too_old_for_the_asset_build_is_named(tmp_path):
    result = check_system(tmp_path, "v12.22.9")
    assert result.returncode == 1
    assert "Node.js v12.22.9 is too old" in result.stderr
    assert "18" in result.stderr


@pytest.mark.parametrize("version", ["v18.19.0", "v20.20.2"])
def test_a_current_node_passes(tmp_path, version):
    result = check_system(tmp_path, version)
    assert result.returncode == 0, result.stderr


def test_a_python_older_than_3_11_asks_for_python3_11_not_python3_again(tmp_path):
    """Ubuntu 22.04 has python3 3.10 and venv: asking for `python3 python3-venv` again
    would leave a newcomer installing what they have, round and round."""
    bin_dir = tmp_path / "only"
    bin_dir.mkdir()
    (bin_dir / "python3").write_text("#!/bin/sh\nexit 1\n")  # sys.version_info < (3, 11)
    (bin_dir / "npm").write_text("#!/bin/sh\n")
    (bin_dir / "node").write_text("#!/bin/sh\necho 20\n")
    for tool in ("python3", "npm", "node"):
        (bin_dir / tool).chmod(0o755)
    for tool in ("id", "basename"):
        (bin_dir / tool).symlink_to(
            subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip()
        )
    result = subprocess.run(
        ["/bin/bash", "scripts/check-system.sh"],
        cwd=ROOT,
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "python3.11 python3.11-venv" in result.stderr
