# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A module's plan: the steps that take the current state to the desired one.

Every resource module works the same way (CONTRIBUTING.md):

1. read the current state and reduce it to a *view* (the fields the module manages, normalised);
2. build a ``Plan(view)``: one ``Step`` per API call, each with its predicted *effect* on the view;
3. ``plan.apply(module)`` sends the steps in order (nothing in check mode);
4. ``module.finish(plan.changed, plan.before, plan.after, ...)``.

Check mode, diff and the real run therefore come from the same plan: check mode reports exactly the
``changed`` of the real run, and the diff's *after* is what the steps are predicted to produce.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy


class Step(object):
    """One change: ``what`` it does (for messages), its ``effect(view)`` on the predicted view, and how
    it is sent: ``operation`` with ``call`` (the keyword arguments of ``client.call``: ``body``,
    ``params``, path placeholders, ``idempotent``, ``recover``...), or ``apply(module)`` for a change
    that needs more than one call (its return value is treated as an API answer)."""

    def __init__(self, what, effect=None, operation=None, apply=None, **call):
        if (operation is None) == (apply is None):
            raise ValueError('a step has either an operation or an apply function')
        self.what = what
        self.effect = effect
        self.operation = operation
        self.apply = apply
        self.call = call

    def send(self, module):
        if self.apply is not None:
            return self.apply(module)
        return module.client.call(self.operation, **self.call)


def set_fields(**fields):
    """The effect of a step that sets fields of the view."""
    def effect(view):
        view.update(copy.deepcopy(fields))
    return effect


def replace_with(state):
    """The effect of a step that creates the resource (``state``) or, with ``{}``, deletes it."""
    def effect(view):
        view.clear()
        view.update(copy.deepcopy(state))
    return effect


class Plan(object):
    """The ordered steps from ``before`` (the current view, ``{}`` when the resource is absent)."""

    def __init__(self, before=None):
        self.before = copy.deepcopy(before) if before else {}
        self.steps = []

    def add(self, what, effect=None, operation=None, apply=None, **call):
        self.steps.append(Step(what, effect, operation, apply, **call))
        return self

    @property
    def changed(self):
        return bool(self.steps)

    @property
    def after(self):
        """The view once every step has run (for check mode, diff and ``wait: false``)."""
        view = copy.deepcopy(self.before)
        for step in self.steps:
            if step.effect is not None:
                step.effect(view)
        return view

    def apply(self, module):
        """Send the steps in order; nothing in check mode. Each step waits for the jobs of the step
        before it (a job keeps the instance busy); the last one is waited for when ``wait`` is true."""
        if module.check_mode or not self.steps:
            return
        for step in self.steps:
            module.jobs.settle()
            module.jobs.add(step.send(module))
        module.jobs.finish()
