/*
 * SPDX-License-Identifier: ISC
 * Copyright (c) 2026 The shmtool authors
 */
/*
 * The commands: one entry each (src/cmd-NAME.c), and the table main()
 * finds them in.  The frame they share is cmd.h.
 */
#ifndef SHMTOOL_H
#define SHMTOOL_H

#include "cmd.h"

extern const struct cmd_entry	cmd_attach_entry;
extern const struct cmd_entry	cmd_complete_entry;	/* hidden */
extern const struct cmd_entry	cmd_create_entry;
extern const struct cmd_entry	cmd_dump_entry;
extern const struct cmd_entry	cmd_limits_entry;
extern const struct cmd_entry	cmd_metrics_entry;
extern const struct cmd_entry	cmd_rm_entry;
extern const struct cmd_entry	cmd_set_entry;
extern const struct cmd_entry	cmd_stat_entry;
extern const struct cmd_entry	cmd_watch_entry;
extern const struct cmd_entry	cmd_who_entry;
extern const struct cmd_entry	cmd_write_entry;

extern const struct cmd_entry	*cmd_table[];
/* The options before the command. */
extern const struct cmd_entry	 cmd_global_entry;

#endif
