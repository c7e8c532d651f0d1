"""A regular install must carry what the application reads from resources/."""

import tomllib
from pathlib import Path

from desktop.resources import resources_dir

REPO = Path(__file__).resolve().parents[2]


def test_source_checkout_reads_resources_from_the_tree() -> None:
    assert resources_dir() == REPO / "resources"


def test_data_files_install_every_runtime_resource() -> None:
    data_files = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"
    ]
    installed = {
        f"{target}/{Path(src).name}": REPO / src
        for target, srcs in data_files.items()
        for src in srcs
    }
    for path in installed.values():
        assert path.is_file(), path
    # What the GUI opens by path, relative to resources_dir() (share/holub when installed).
    needed = ["holub.svg", "demo/demo.mbox", "demo/crm.json"]
    needed += [f"i18n/{qm.name}" for qm in (REPO / "resources" / "i18n").glob("*.qm")]
    for rel in needed:
        assert f"share/holub/{rel}" in installed, rel
    assert "share/applications/holub.desktop" in installed
