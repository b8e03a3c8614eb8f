#!/usr/bin/env bats
# shmtool create

load test_helper

@test "create --help: synopsis on stdout, exit 0" {
	run -0 shm create --help
	[[ "$output" == "Usage: shmtool create"* ]]
}
