/*
 * shmtool rm: remove segments by id, key or filter, safely.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option rm_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_rm_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", rm_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_rm_entry = {
	.name = "rm",
	.summary = "Remove segments by id, key or filter, safely",
	.synopsis = "rm [OPTIONS] TARGET... | --all | FILTERS",
	.help = "",
	.exec = cmd_rm_exec,
};
