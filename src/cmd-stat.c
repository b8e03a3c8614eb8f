/*
 * shmtool stat: list segments, or show every field of some.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option stat_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_stat_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", stat_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_stat_entry = {
	.name = "stat",
	.summary = "List segments, or show every field of some",
	.synopsis = "stat [OPTIONS] [FILTERS] [TARGET...]",
	.help = "",
	.exec = cmd_stat_exec,
};
