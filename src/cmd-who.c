/*
 * shmtool who: show the processes that have segments attached.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option who_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_who_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", who_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_who_entry = {
	.name = "who",
	.summary = "Show the processes that have segments attached",
	.synopsis = "who [OPTIONS] [FILTERS] [TARGET...]",
	.help = "",
	.exec = cmd_who_exec,
};
