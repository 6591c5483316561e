"""Work spread over the cores: the same results, in order, whether made here or in worker processes."""

from __future__ import annotations

import os

import pytest

from build_scripts import workers


def scaled(context: dict[str, int], number: int) -> tuple[int, int]:
    return number * context["factor"], os.getpid()


def squared(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


@pytest.mark.parametrize("count", [3, workers.PARALLEL_FROM + 5])
def test_each_call_gets_the_context_and_results_keep_their_order(count: int) -> None:
    results = workers.each(scaled, [(n,) for n in range(count)], {"factor": 3})
    assert [value for value, _ in results] == [3 * n for n in range(count)]
    made_here = {pid for _, pid in results} == {os.getpid()}
    assert made_here == (count < workers.PARALLEL_FROM or workers.cores() < 2)


def test_without_a_context_the_call_takes_its_arguments_only() -> None:
    count = workers.PARALLEL_FROM
    assert [value for value, _ in workers.each(squared, [(n,) for n in range(count)])] == [n * n for n in range(count)]
