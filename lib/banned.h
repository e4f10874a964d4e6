/*
 * banned.h: libc functions the library must not use (git's banned.h).
 *
 * Force-included into every library source; a use becomes a compile error
 * naming the function.  Use tw_buf, tw_str and snprintf instead, and
 * gmtime_r / localtime_r for time.
 */
#ifndef TW_BANNED_H
#define TW_BANNED_H

/* The system headers that declare the banned functions come first, so that
 * their own inline definitions are not caught by the macros below. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TW__BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) TW__BANNED(strcpy)
#undef strcat
#define strcat(x, y) TW__BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) TW__BANNED(strncpy)
#undef sprintf
#define sprintf(...) TW__BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) TW__BANNED(vsprintf)
#undef strtok
#define strtok(x, y) TW__BANNED(strtok)
#undef atoi
#define atoi(x) TW__BANNED(atoi)
#undef gmtime
#define gmtime(t) TW__BANNED(gmtime)
#undef localtime
#define localtime(t) TW__BANNED(localtime)

#endif
