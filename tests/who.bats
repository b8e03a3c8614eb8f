#!/usr/bin/env bats
# shmtool who

load test_helper

@test "who --help: synopsis on stdout, exit 0" {
	run -0 shm who --help
	[[ "$output" == "Usage: shmtool who"* ]]
}
