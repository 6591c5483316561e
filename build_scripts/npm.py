"""The npm packages `make` installs under node_modules/: the build reads some (country
outlines, fonts), the contributors' commands others (the gazetteer, province outlines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"


class PackageMissing(RuntimeError):
    """A file of an npm package is missing: the packages are not installed."""


def read_json(path: Path) -> Any:
    """A JSON file of an installed package, or PackageMissing saying how to install it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackageMissing(
            f"{path} is missing ({exc.strerror}): run `make site`, which installs the npm packages"
        ) from exc


def version(package: Path) -> str:
    """The installed version of the package in the folder `package`."""
    return str(read_json(package / "package.json")["version"])
