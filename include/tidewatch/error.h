/*
 * error.h: the one error enum of libtidewatch.
 *
 * Every fallible library function returns a tw_err.  The list below is the
 * single source of the codes, their names and their messages (an X-macro, as
 * libuv's UV_ERRNO_MAP).  TW_OK is 0.
 */
#ifndef TIDEWATCH_ERROR_H
#define TIDEWATCH_ERROR_H

#define TW_ERROR_LIST(X)                                      \
    X(OK, "success")                                          \
    X(ENOMEM, "out of memory")                                \
    X(EINVAL, "invalid argument")                             \
    X(EIO, "input/output error")                              \
    X(ENOENT, "no such file or directory")                    \
    X(EPARSE, "cannot parse input")                           \
    X(ELIMIT, "input exceeds a limit")                        \
    X(EBINARY, "binary file")                                 \
    X(EDIALECT, "unsupported configuration dialect")          \
    X(ERULE, "invalid rule")                                  \
    X(EREGEX, "invalid regular expression")                   \
    X(EIOC, "invalid indicator")                              \
    X(EJSON, "invalid JSON")                                  \
    X(EYAML, "invalid YAML")                                  \
    X(ENOTFOUND, "not found")                                 \
    X(EINTERNAL, "internal error")

typedef enum {
#define TW__ERR_ENUM(name, msg) TW_##name,
    TW_ERROR_LIST(TW__ERR_ENUM)
#undef TW__ERR_ENUM
    TW__ERR_COUNT
} tw_err;

/* tw_strerror returns a static, lower-case message for code; never NULL.
 * Thread-safe. */
const char *tw_strerror(tw_err code);

/* tw_errname returns the static symbolic name ("TW_ENOMEM"); never NULL.
 * Thread-safe. */
const char *tw_errname(tw_err code);

#endif
