/* `radar tag ID TAG…` and `radar untag ID TAG…`: the user's own tags. */
#include <config.h>

#include "commands.h"
#include "cli/internal.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store.h"
#include "text.h"
#include "xalloc.h"

int command_tag(const struct command_context *ctx, int argc, char **argv)
{
	const char *name = argv[0];
	bool add = strcmp(name, "tag") == 0;
	if (!add && strcmp(name, "untag") != 0)
		return command_usage_error(_("unknown command '%s'"), name);
	static const struct option options[] = { { NULL, 0, NULL, 0 } };
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1)
		return command_option_error(c, argv);
	if (argc - optind < 2)
		return command_usage_error(_("'%s' needs an item ID and at least one tag"), name);
	int64_t id;
	if (!cli_parse_id(argv[optind], &id))
		return command_usage_error(_("'%s' is not an ID (a positive whole number)"), argv[optind]);
	/* A tag is one clean word of text: what the tag pane and filters show. */
	for (int i = optind + 1; i < argc; i++) {
		char *clean = cli_clean_line(argv[i]);
		bool bad = !*clean || strcmp(clean, argv[i]) != 0 || strchr(clean, ' ');
		free(clean);
		if (bad)
			return command_usage_error(_("'%s' is not a tag (one word, no control characters)"),
			                           argv[i]);
	}
	if (cli_need_store(ctx))
		return 1;
	struct item_detail detail;
	char *error = NULL;
	int rc = store_get_item(ctx->store, id, &detail, &error);
	if (rc == 1) {
		command_error(_("no item %lld"), (long long)id);
		return 1;
	}
	if (rc != 0) {
		command_error("%s", error ? error : "?");
		free(error);
		return 1;
	}
	item_detail_clear(&detail);
	for (int i = optind + 1; i < argc; i++) {
		if (store_user_tag_many(ctx->store, &id, 1, argv[i], add, NULL, &error) != 0) {
			command_error("%s", error ? error : "?");
			free(error);
			return 1;
		}
	}
	return 0;
}
