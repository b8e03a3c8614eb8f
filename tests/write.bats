#!/usr/bin/env bats
# shmtool write

load test_helper

@test "write --help: synopsis on stdout, exit 0" {
	run -0 shm write --help
	[[ "$output" == "Usage: shmtool write"* ]]
}
