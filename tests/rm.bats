#!/usr/bin/env bats
# shmtool rm

load test_helper

@test "rm --help: synopsis on stdout, exit 0" {
	run -0 shm rm --help
	[[ "$output" == "Usage: shmtool rm"* ]]
}
