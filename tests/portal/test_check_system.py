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
