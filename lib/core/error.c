/*
 * error.c: names and messages of the tw_err codes.
 *
 * Both tables are generated from TW_ERROR_LIST in error.h, so a new code
 * needs no edit here.  Out-of-range codes map to a fixed fallback.
 */
#include "tidewatch/error.h"

#include <stddef.h>

static const char *const err_msgs[] = {
#define TW__ERR_MSG(name, msg) msg,
    TW_ERROR_LIST(TW__ERR_MSG)
#undef TW__ERR_MSG
};

static const char *const err_names[] = {
#define TW__ERR_NAME(name, msg) "TW_" #name,
    TW_ERROR_LIST(TW__ERR_NAME)
#undef TW__ERR_NAME
};

/* Returns the static lower-case message of code; "unknown error" when out of
 * range.  Never NULL; thread-safe. */
const char *tw_strerror(tw_err code)
{
    if ((unsigned)code >= (unsigned)TW__ERR_COUNT)
        return "unknown error";
    return err_msgs[code];
}

/* Returns the static symbolic name of code ("TW_ENOMEM"); "TW_UNKNOWN" when
 * out of range.  Never NULL; thread-safe. */
const char *tw_errname(tw_err code)
{
    if ((unsigned)code >= (unsigned)TW__ERR_COUNT)
        return "TW_UNKNOWN";
    return err_names[code];
}
