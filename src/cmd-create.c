/*
 * shmtool create: create a segment and print its id.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option create_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_create_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", create_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_create_entry = {
	.name = "create",
	.summary = "Create a segment and print its id",
	.synopsis = "create [OPTIONS] SIZE [key:KEY | ftok:PATH[:PROJ]]",
	.help = "",
	.exec = cmd_create_exec,
};
