/*
 * shmtool set: change the mode, owner or lock of segments.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option set_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_set_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", set_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.summary = "Change the mode, owner or lock of segments",
	.synopsis = "set TARGET... [--mode OCTAL] [--owner USER[:GROUP]] [--lock | --unlock]",
	.help = "",
	.exec = cmd_set_exec,
};
