#!/usr/bin/env bats
# shmtool set

load test_helper

@test "set --help: synopsis on stdout, exit 0" {
	run -0 shm set --help
	[[ "$output" == "Usage: shmtool set"* ]]
}
