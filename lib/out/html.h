/*
 * html.h: what the files of the HTML writer share (html.c, html_doc.c,
 * html_svg.c, html_table.c, html_util.c) and nobody else sees.
 *
 * The HTML writer renders each finding's table rows when it is added and
 * keeps only counts: per severity (the writer's own), per category, and
 * tallies of devices, ATT&CK techniques, CVEs and CVE trains.  At finish
 * it writes the whole document: the summary, the charts, the advisory, the
 * table with the rows kept, and the script that sorts and filters them.
 */
#ifndef TW_OUT_HTML_H
#define TW_OUT_HTML_H

#include "out/internal.h"

#define TW__HTML_SUB 5           /* sub-counts of a tally entry */
#define TW__HTML_MAX_KEYS 100000 /* distinct keys of one tally; more go to other */
#define TW__HTML_TOP 15          /* bars of the device and technique charts */
#define TW__HTML_TOP_TABLE 10    /* rows of the most-affected-devices table */
#define TW__HTML_LABEL 40        /* code points of a chart label */

/* The exposure states (docs/exposure.md) in sub-count order; anything
 * else counts as the last. */
#define TW__HTML_STATES 5
extern const char *const tw__html_states[TW__HTML_STATES];
unsigned tw__html_state_index(const char *state);

/* A key counted, with sub-counts (by severity, or by exposure state). */
typedef struct {
    char *key; /* NULL: free slot */
    size_t count, first;
    size_t sub[TW__HTML_SUB];
} tw__tally_entry;

typedef struct {
    tw__tally_entry *v; /* open addressing; nslots is a power of two */
    size_t nslots, n;
    size_t other;     /* counts of keys past TW__HTML_MAX_KEYS */
    bool by_severity; /* sorted by sub-counts, highest sub first (devices) */
} tw__tally;

/* Counts key once under sub-count sub (below TW__HTML_SUB); a NULL key is
 * not counted.  TW_ENOMEM. */
tw_err tw__tally_add(tw__tally *t, const char *key, unsigned sub);
/* The entries, most counted first (with by_severity: most critical, then
 * most high... like the summary of `tidewatch scan`; ties: first seen
 * first), in a malloc'd
 * array of *n pointers; NULL with *n 0 for an empty tally, and when memory
 * runs out, which also sets *rc to TW_ENOMEM (when it is TW_OK). */
const tw__tally_entry **tw__tally_sorted(const tw__tally *t, size_t *n, tw_err *rc);
void tw__tally_release(tw__tally *t);

struct tw__html {
    tw_buf rows; /* the rendered table bodies, one per finding */
    size_t n;
    size_t category[TW__CAT_COUNT];
    size_t no_device; /* findings without a device */
    size_t exposure;  /* findings with a CVE */
    tw__tally devices, attack, cves, trains;
};

/* Output helpers: do nothing once *rc holds an error. */
void tw__html_put(tw_buf *b, tw_err *rc, const char *s);
void tw__html_esc(tw_buf *b, tw_err *rc, const char *s);
void tw__html_num(tw_buf *b, tw_err *rc, size_t v);

/* The severity colours of the page (CSS colour values). */
extern const char *const tw__html_sev_color[TW__OUT_SEVERITIES];

/* A horizontal bar chart: one bar per entry, stacked by sub-count. */
typedef struct {
    const char *id, *title;
    const char *const *sub_names;  /* nsub legend names */
    const char *const *sub_colors; /* nsub colours */
    unsigned nsub;
    bool legend; /* draw the legend below the bars */
} tw__html_chart;

/* Writes an inline <svg> bar chart of n entries. */
void tw__html_svg(tw_buf *b, tw_err *rc, const tw__html_chart *c, const tw__tally_entry *const *e,
                  size_t n);

/* The parts of the document, in order. */
void tw__html_head(tw_writer *w, tw_err *rc);
void tw__html_summary(tw_writer *w, tw_err *rc);
void tw__html_charts(tw_writer *w, tw_err *rc);
void tw__html_advisory(tw_writer *w, tw_err *rc);
void tw__html_table_start(tw_writer *w, tw_err *rc);
void tw__html_tail(tw_writer *w, tw_err *rc);

#endif
