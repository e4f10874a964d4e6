/*
 * html_util.c: the HTML escaping, the tallies and the output helpers of
 * the HTML writer.
 *
 * tw_html_escape is the one way a string of a finding reaches the page:
 * markup characters become character references and every control
 * character becomes visible text, so nothing quoted from a device can
 * become an element, an attribute or a script, nor hide in the page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/html.h"

static const char hex[] = "0123456789abcdef";

const char *const tw__html_states[TW__HTML_STATES] = {"exposed", "vulnerable",
                                                      "vulnerable-mitigated", "unknown", "other"};

/* The index of an exposure state; "other" for anything else or NULL. */
unsigned tw__html_state_index(const char *state)
{
    unsigned i;

    for (i = 0; state != NULL && i + 1 < TW__HTML_STATES; i++) {
        if (strcmp(state, tw__html_states[i]) == 0)
            return i;
    }
    return TW__HTML_STATES - 1;
}

/* Whether code point c is shown as \xNN: C0 but TAB and LF, DEL, C1, and
 * the bidirectional overrides. */
static bool html_hidden(uint32_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* The character reference of an ASCII markup character, or NULL. */
static const char *html_ref(uint32_t c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

/* Appends \xNN for each of len bytes. */
static tw_err html_hex(tw_buf *b, const unsigned char *p, size_t len)
{
    tw_err rc = TW_OK;
    size_t i;

    for (i = 0; i < len && rc == TW_OK; i++) {
        char e[4] = {'\\', 'x', hex[p[i] >> 4], hex[p[i] & 15]};
        rc = tw_buf_add(b, e, sizeof(e));
    }
    return rc;
}

/* Appends one code point (len bytes at p; 0: an invalid byte). */
static tw_err html_one(tw_buf *b, const unsigned char *p, size_t len, uint32_t c, bool unused)
{
    const char *ref;

    (void)unused;
    if (len == 0 || html_hidden(c))
        return html_hex(b, p, len != 0 ? len : 1);
    ref = html_ref(c);
    if (ref != NULL)
        return tw_buf_adds(b, ref);
    return tw_buf_add(b, p, len);
}

tw_err tw_html_escape(tw_buf *b, tw_str s)
{
    return tw__utf8_each(b, s, html_one, false);
}

void tw__html_put(tw_buf *b, tw_err *rc, const char *s)
{
    if (*rc == TW_OK)
        *rc = tw_buf_adds(b, s);
}

void tw__html_esc(tw_buf *b, tw_err *rc, const char *s)
{
    if (*rc == TW_OK)
        *rc = tw_html_escape(b, tw_str_c(s));
}

void tw__html_num(tw_buf *b, tw_err *rc, size_t v)
{
    if (*rc == TW_OK)
        *rc = tw_buf_printf(b, "%zu", v);
}

/* The slot holding key, or the free slot where it belongs. */
static tw__tally_entry *tally_find(const tw__tally *t, const char *key)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)tw__fnv1a(TW__FNV_INIT, key, strlen(key)) & mask;

    while (t->v[i].key != NULL && strcmp(t->v[i].key, key) != 0)
        i = (i + 1) & mask;
    return &t->v[i];
}

/* Doubles the table (keeps the load under one half). */
static tw_err tally_grow(tw__tally *t)
{
    tw__tally grown = *t;
    size_t i;

    grown.nslots = t->nslots != 0 ? t->nslots * 2 : 32;
    grown.v = calloc(grown.nslots, sizeof(*grown.v));
    if (grown.v == NULL)
        return TW_ENOMEM;
    for (i = 0; i < t->nslots; i++) {
        if (t->v[i].key != NULL)
            *tally_find(&grown, t->v[i].key) = t->v[i];
    }
    free(t->v);
    t->v = grown.v;
    t->nslots = grown.nslots;
    return TW_OK;
}

tw_err tw__tally_add(tw__tally *t, const char *key, unsigned sub)
{
    tw__tally_entry *e;

    if (key == NULL)
        return TW_OK;
    if (t->n * 2 >= t->nslots && tally_grow(t) != TW_OK)
        return TW_ENOMEM;
    e = tally_find(t, key);
    if (e->key == NULL && t->n >= TW__HTML_MAX_KEYS) {
        t->other++;
        return TW_OK;
    }
    if (e->key == NULL) {
        e->key = strdup(key);
        if (e->key == NULL)
            return TW_ENOMEM;
        e->first = t->n++;
    }
    e->count++;
    e->sub[sub < TW__HTML_SUB ? sub : TW__HTML_SUB - 1]++;
    return TW_OK;
}

/* Most counted first; then first seen first. */
static int entry_cmp(const void *a, const void *b)
{
    const tw__tally_entry *x = *(const tw__tally_entry *const *)a;
    const tw__tally_entry *y = *(const tw__tally_entry *const *)b;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* The most of the highest sub-count first, then of the next...; then as
 * entry_cmp. */
static int entry_cmp_severity(const void *a, const void *b)
{
    const tw__tally_entry *x = *(const tw__tally_entry *const *)a;
    const tw__tally_entry *y = *(const tw__tally_entry *const *)b;

    for (size_t i = TW__HTML_SUB; i-- > 0;) {
        if (x->sub[i] != y->sub[i])
            return x->sub[i] > y->sub[i] ? -1 : 1;
    }
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

const tw__tally_entry **tw__tally_sorted(const tw__tally *t, size_t *n, tw_err *rc)
{
    const tw__tally_entry **v;
    size_t i, k = 0;

    *n = 0;
    if (t->n == 0)
        return NULL;
    v = malloc(t->n * sizeof(*v));
    if (v == NULL) {
        if (*rc == TW_OK)
            *rc = TW_ENOMEM;
        return NULL;
    }
    for (i = 0; i < t->nslots; i++) {
        if (t->v[i].key != NULL)
            v[k++] = &t->v[i];
    }
    qsort(v, k, sizeof(*v), t->by_severity ? entry_cmp_severity : entry_cmp);
    *n = k;
    return v;
}

void tw__tally_release(tw__tally *t)
{
    size_t i;

    for (i = 0; i < t->nslots; i++)
        free(t->v[i].key);
    free(t->v);
    memset(t, 0, sizeof(*t));
}
