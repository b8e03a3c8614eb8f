/*
 * shmtool attach: attach to a segment, check the flags, or hold it attached.
 */
#include "config.h"

#include <err.h>

#include "shmtool.h"

static const struct option attach_longopts[] = {
	{ "help",	no_argument,	NULL,	'h' },
	{ NULL,		0,		NULL,	0 }
};

static int
cmd_attach_exec(int argc, char **argv)
{
	while (cmd_getopt(argc, argv, "h", attach_longopts) != -1)
		;
	errx(EXIT_FAIL, "not implemented yet");
}

const struct cmd_entry cmd_attach_entry = {
	.name = "attach",
	.summary = "Attach to a segment, check the flags, or hold it attached",
	.synopsis = "attach TARGET [--read-only] [--address ADDR [--rnd]] [--remap] [--hold[=DURATION]]",
	.help = "",
	.exec = cmd_attach_exec,
};
