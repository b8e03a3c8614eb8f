#!/usr/bin/env bats
# shmtool attach

load test_helper

@test "attach --help: synopsis on stdout, exit 0" {
	run -0 shm attach --help
	[[ "$output" == "Usage: shmtool attach"* ]]
}
