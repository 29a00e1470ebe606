/* OSC 8 hyperlinks for `radar show` (`set hyperlinks auto|yes|no`): a
 * terminal that knows them makes the Links section's URLs clickable; the
 * URL is printed as the link's text as well, so nothing is lost where they
 * are not understood. */
#ifndef RADAR_HYPERLINK_H
#define RADAR_HYPERLINK_H

#include <stdbool.h>
#include <stdio.h>

#include "render.h"

/* Whether output to STREAM gets hyperlinks: `yes`, or `auto` (the default)
 * when STREAM is a terminal and TERM is not "dumb". */
bool hyperlinks_enabled(FILE *stream);

/* OUT's lines as text (render_plain_text), each span that is one of OUT's
 * link URLs wrapped in OSC 8 when HYPERLINKS.  The URL inside the escape
 * is sanitised: bytes outside printable ASCII are percent-encoded, so no
 * control character or ST can end it early.  Caller frees. */
char *hyperlink_text(const struct render_output *out, bool hyperlinks);

#endif
