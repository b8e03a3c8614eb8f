/*
 * shmtool write: write data, a file or standard input into a segment.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option write_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_write_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", write_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_write_entry = {
	.name = "write",
	.summary = "Write data, a file or standard input into a segment",
	.synopsis = "write TARGET [--offset N] [DATA | --file FILE | -]",
	.help = "",
	.exec = cmd_write_exec,
};
