#!/usr/bin/env bats
# shmtool dump

load test_helper

@test "dump --help: synopsis on stdout, exit 0" {
	run -0 shm dump --help
	[[ "$output" == "Usage: shmtool dump"* ]]
}
