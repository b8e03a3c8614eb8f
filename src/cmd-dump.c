/*
 * shmtool dump: show what is inside a segment.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option dump_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_dump_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", dump_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_dump_entry = {
	.name = "dump",
	.summary = "Show what is inside a segment",
	.synopsis = "dump TARGET [--offset N] [--length N] [--format hex|raw|string] [--output FILE]",
	.help = "",
	.exec = cmd_dump_exec,
};
