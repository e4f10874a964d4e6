/*
 * facttext.h: facts as text, for the engines that compare them (drift.c;
 * values are compared as text, so "022" and "22" must read alike).
 */
#ifndef TW_ENGINE_FACTTEXT_H
#define TW_ENGINE_FACTTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "tidewatch/fact.h"

/* A text being composed; past its size it is cut. */
typedef struct {
    char b[1024];
    size_t n;
} tw__text;

/* Empties s (without clearing its 1 KiB: texts are made per fact). */
static inline void tw__text_init(tw__text *s)
{
    s->n = 0;
    s->b[0] = '\0';
}

/* Appends sep then len bytes of p. */
void tw__text_put(tw__text *s, const char *sep, const char *p, size_t len);

/* Field x as text, in buf (cap TW_IP_STRLEN at least) or the field's own
 * text (*out says which); its length, 0 for a secret or no text.  A
 * number is written from its value; an address keeps its normalised
 * text. */
size_t tw__field_text(const tw_field *x, char *buf, size_t cap, const char **out);

/* Appends every value of field name of t, joined by ','; after pre. */
void tw__text_field(tw__text *s, const tw_fact *t, const char *pre, const char *name);

/* True when an address field of t called name is public or "any": it
 * reaches beyond the network. */
bool tw__fact_public(const tw_fact *t, const char *name);

/* An ACL entry as "action protocol src [port] dst [port]" appended to s;
 * false (nothing appended) for a remark or an entry without an action.
 * *permit tells whether it lets traffic through. */
bool tw__acl_text(tw__text *s, const tw_fact *t, bool *permit);

#endif
