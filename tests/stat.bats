#!/usr/bin/env bats
# shmtool stat

load test_helper

@test "stat --help: synopsis on stdout, exit 0" {
	run -0 shm stat --help
	[[ "$output" == "Usage: shmtool stat"* ]]
}
