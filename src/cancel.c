/* cancel.c owns the per-thread cancel flag (cancel.h). */
#include <config.h>

#include "cancel.h"

#include <stddef.h>

static _Thread_local const atomic_bool *watched;

void cancel_watch(const atomic_bool *flag)
{
	watched = flag;
}

const atomic_bool *cancel_watched(void)
{
	return watched;
}

bool cancel_requested(void)
{
	return watched && atomic_load_explicit(watched, memory_order_relaxed);
}
