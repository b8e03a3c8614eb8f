#!/usr/bin/env bats
# The argument grammar (SIZE, TARGET, DURATION, KEY), tested through the
# commands that use it.

load test_helper
