"""Playwright's call names survive the cheap stack the tests give it (conftest.frames_of_caller).

In: this test's own stack; a page from conftest (whose `browser` fixture points
Playwright at frames_of_caller). Out: pass/fail: frames_of_caller gives the
frames, files, lines and functions inspect.stack(0) gives, Playwright names
the same call and frames from either, and a failing call's error still starts
with the call's name.
"""
from __future__ import annotations

import inspect

import pytest
from playwright._impl import _sync_base
from playwright._impl._connection import _extract_stack_trace_information_from_stack
from playwright.sync_api import Error as PlaywrightError

from conftest import frames_of_caller


def where(frames) -> list[tuple]:
    return [(frame.frame, frame.filename, frame.lineno, frame.function) for frame in frames]


def test_the_cheap_stack_is_inspects_stack_without_source_lines():
    cheap, full = frames_of_caller(0), inspect.stack(0)  # one line: the same caller's line
    assert len(full) > 3 and where(cheap) == where(full)
    for internal in (False, True):
        assert _extract_stack_trace_information_from_stack(cheap, internal, "t") == \
            _extract_stack_trace_information_from_stack(full, internal, "t")


def test_a_failing_call_is_still_named_in_its_error(page):
    assert _sync_base.inspect.stack is frames_of_caller  # the browser fixture put it there
    with pytest.raises(PlaywrightError) as failure:
        page.wait_for_selector("#nothing-here", timeout=50)
    assert str(failure.value).startswith("Page.wait_for_selector: "), str(failure.value)
