"""Names of the API's enums in the OpenAPI schema, one per choice class, named after its app.

Several apps have a `status`, `kind` or `channel` field; drf-spectacular then names their enums
`Status384Enum` and so on, and a client generated from the schema gets names that change with
every new app. `enum_name_overrides()` names every choice class of every app's `choices.py`
`<App><Class>Enum` (e.g. `DocumentsStatusEnum`). It reads the files without importing them,
because settings are read before apps are loaded. Names already given (the published ones of
facilities and consumer_protection) are kept.
"""

from __future__ import annotations

import ast
from pathlib import Path

_CHOICE_BASES = {"TextChoices", "IntegerChoices", "Choices"}


def _choice_classes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = {base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "") for base in node.bases}
            if bases & _CHOICE_BASES:
                names.append(node.name)
    return names


def _pascal(label: str) -> str:
    return "".join(part.capitalize() for part in label.replace(".", "_").split("_"))


def enum_name_overrides(base_dir: Path, apps: list[str], given: dict[str, str]) -> dict[str, str]:
    """`given` plus `<App><Class>Enum` for each choice class in each app's choices.py."""
    names = dict(given)
    taken = set(given.values())
    for app in apps:
        path = base_dir.joinpath(*app.split("."), "choices.py")
        if not path.exists():
            continue
        prefix = _pascal(app.rpartition(".")[2])
        for cls in _choice_classes(path):
            dotted = f"{app}.choices.{cls}"
            if dotted in taken:
                continue
            name = f"{prefix}{cls}Enum" if not cls.startswith(prefix) else f"{cls}Enum"
            names.setdefault(name, dotted)
    return names
