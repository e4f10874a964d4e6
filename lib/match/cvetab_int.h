/*
 * cvetab_int.h: internals shared by the files of the CVE table.
 *
 * cvetab.c keeps the table (an arena for every CVE and train, an index in
 * load order) and reaches the built-in data; cvetab_load.c reads YAML
 * tables into it; cvetab_eval.c decides a CVE for a version.  Nothing here
 * is part of the public API.
 */
#ifndef TW_CVETAB_INT_H
#define TW_CVETAB_INT_H

#include "tidewatch/arena.h"
#include "tidewatch/cvetab.h"

struct tw_cvetab {
    tw_arena *arena; /* every tw_cve, train, version and string */
    tw_cve **v;      /* n CVEs in load order */
    size_t n, cap;
};

/* Appends c (allocated from t->arena).  TW_ELIMIT past
 * TW_CVETAB_MAX_CVES; TW_ENOMEM. */
tw_err tw__cvetab_put(tw_cvetab *t, tw_cve *c);

#endif
