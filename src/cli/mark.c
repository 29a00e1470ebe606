/* `radar star|unstar|read|unread ID…`. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "xalloc.h"

/* ---------------------------------------------------------------- marks */

int command_mark(const struct command_context *ctx, int argc, char **argv)
{
	const char *mark = argv[0];
	bool star = strcmp(mark, "star") == 0, unstar = strcmp(mark, "unstar") == 0;
	bool read = strcmp(mark, "read") == 0, unread = strcmp(mark, "unread") == 0;
	if (!star && !unstar && !read && !unread)
		return command_usage_error(_("unknown command '%s'"), mark);
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1)
		return command_option_error(c, argv);
	if (optind >= argc)
		return command_usage_error(_("'%s' needs at least one item ID"), mark);
	int64_t *ids = xcalloc((size_t)(argc - optind), sizeof *ids);
	for (int i = optind; i < argc; i++) {
		if (!cli_parse_id(argv[i], &ids[i - optind])) {
			free(ids);
			return command_usage_error(_("'%s' is not an ID (a positive whole number)"), argv[i]);
		}
	}
	if (cli_need_store(ctx)) {
		free(ids);
		return 1;
	}
	int failures = 0;
	for (int i = 0; i < argc - optind; i++) {
		struct item_detail detail;
		char *error = NULL;
		int rc = store_get_item(ctx->store, ids[i], &detail, &error);
		if (rc == 0) {
			item_detail_clear(&detail);
			if (star || unstar)
				rc = store_set_starred(ctx->store, ids[i], star, &error);
			else
				rc = store_set_read(ctx->store, ids[i], read, &error);
		}
		if (rc == 1) {
			command_error(_("no item %lld"), (long long)ids[i]);
			failures++;
		} else if (rc != 0) {
			command_error("%" PRId64 ": %s", ids[i], error ? error : "?");
			failures++;
		}
		free(error);
	}
	free(ids);
	return failures ? 1 : 0;
}
