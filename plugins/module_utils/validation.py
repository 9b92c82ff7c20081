# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input rules checked before any API call, for every family: passwords, names, free text, ranges.

Each check returns a list of messages (empty: fine), so a module can report every problem at once
with ``module.check_input(errors)``. Messages start with the option (or what it names), then say
the rule: ``name 'x y' must be 1 to 64 letters, digits, "_" or "-"``. A password is never quoted.
The documented rules themselves (which characters, which lengths) are the constants below, each
with the section of the reference that states it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import string

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError


class InputError(ApiError):
    """Input that only the current state shows to be wrong (a character set the instance does not
    offer, a change the API cannot make): raised while planning, so nothing has been sent yet."""

    def __init__(self, msg):
        super(InputError, self).__init__(msg, error_code='InvalidInput')


class PasswordRule(object):
    """A documented password rule: a length range, the allowed special characters, and how many of
    the four classes (upper, lower, digits, specials) must appear."""

    def __init__(self, min_length, max_length, specials, min_classes=3):
        self.min_length = min_length
        self.max_length = max_length
        self.specials = specials
        self.min_classes = min_classes


# GaussDB root and account passwords: 4.3.1 (instance), 4.3.8 (reset), 4.10.1 (accounts) and the
# StarRocks root password of 4.15.3 list ``~!@#$%^*-_=+?,()&``. 4.10.5 repeats the account set
# without '-', which reads as a slip of the text (a password valid at creation must stay valid for a
# reset): both use the 4.10.1 set.
GAUSSDB_PASSWORD = PasswordRule(8, 32, '~!@#$%^*-_=+?,()&')
# HTAP account passwords (4.15.21 StarRocks, 4.16.19 ClickHouse): no '$', '(', ')' or '&'.
HTAP_ACCOUNT_PASSWORD = PasswordRule(8, 32, '~!@#%^*-_=+?,')


def password_errors(password, rule, user_name=None, what='password'):
    """The messages for a password that breaks ``rule``; None (not given) is fine. With
    ``user_name``, the password may be neither the name nor the name spelled backwards (4.10.1)."""
    if password is None:
        return []
    errors = []
    if not rule.min_length <= len(password) <= rule.max_length:
        errors.append('%s must be %d to %d characters long' % (what, rule.min_length, rule.max_length))
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, rule.specials)
    if any(not any(c in chars for chars in classes) for c in password):
        errors.append('%s may only contain letters, digits and %s' % (what, rule.specials))
    if sum(any(c in chars for c in password) for chars in classes) < rule.min_classes:
        errors.append('%s must contain at least three of: upper-case letters, lower-case letters, digits, '
                      'special characters (%s)' % (what, rule.specials))
    if user_name and password == user_name:
        errors.append('%s must differ from the account name' % what)
    if user_name and password == user_name[::-1]:
        errors.append('%s must not be the account name spelled backwards' % what)
    return errors


def pattern_errors(what, value, pattern, rule, max_bytes=None):
    """``value`` must match the compiled regular expression ``pattern`` (``rule`` says it in words);
    ``max_bytes`` limits its UTF-8 length where the reference counts bytes. None is fine."""
    if value is None:
        return []
    if not pattern.match(value) or (max_bytes is not None and len(value.encode('utf-8')) > max_bytes):
        return ['%s %r must be %s' % (what, value, rule)]
    return []


def text_errors(what, text, max_length, forbidden=''):
    """Free text (descriptions, comments): at most ``max_length`` characters, none of ``forbidden``
    (shown escaped, so a line break reads \\n). None is fine."""
    if text is None:
        return []
    errors = []
    if len(text) > max_length:
        errors.append('%s is longer than %d characters' % (what, max_length))
    bad = sorted(set(repr(c)[1:-1] for c in text if c in forbidden))
    if bad:
        errors.append('%s must not contain %s' % (what, ' '.join(bad)))
    return errors


def range_errors(what, value, low, high):
    """An integer option between ``low`` and ``high`` (both included). None is fine."""
    if value is None:
        return []
    if not low <= int(value) <= high:
        return ['%s must be between %d and %d, got %s' % (what, low, high, value)]
    return []


def required_for(what, params, names):
    """The options of ``names`` that ``what`` (e.g. "creating instance 'x'") needs but are not set."""
    missing = [n for n in names if params.get(n) in (None, '', [])]
    if missing:
        return ['%s needs %s' % (what, ', '.join(missing))]
    return []
