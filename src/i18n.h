/* Gettext shorthands used by every module that shows text to a person. */
#ifndef RADAR_I18N_H
#define RADAR_I18N_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) (msgid)

#endif
