"""The content model documents itself: every field has a docstring."""

from __future__ import annotations

import inspect

import pytest
from pydantic import BaseModel

from build_scripts import models

MODELS = [
    cls
    for _, cls in inspect.getmembers(models, inspect.isclass)
    if issubclass(cls, BaseModel) and cls.__module__ == models.__name__ and cls is not models.Model
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_docstring(model: type[BaseModel]) -> None:
    assert model.__doc__
    undocumented = [name for name, field in model.model_fields.items() if not field.description]
    assert undocumented == []


def test_the_models_are_all_found() -> None:
    assert {m.__name__ for m in MODELS} >= {"Explainer", "Actor", "GlossaryTerm", "Figure", "Quote", "Source"}
