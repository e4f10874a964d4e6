/*
 * writer.c: the writer object, format names, and the dispatch to the
 * per-format operations of text.c, jsonl.c, sarif.c, csv.c and html.c.
 *
 * Each format renders into w->out; after every call the rendered bytes go
 * to the caller's sink.  The first failure (a sink error such as TW_EIO,
 * a buffer limit, out of memory) sticks: later calls return it unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "out/internal.h"

static const char *const format_names[] = {
    [TW_FMT_TEXT] = "text", [TW_FMT_JSONL] = "jsonl", [TW_FMT_SARIF] = "sarif",
    [TW_FMT_CSV] = "csv",   [TW_FMT_HTML] = "html",
};

#define FORMAT_COUNT (sizeof(format_names) / sizeof(format_names[0]))

/* Returns the static name of f ("jsonl"), or "unknown". */
const char *tw_format_name(tw_format f)
{
    if ((size_t)f >= FORMAT_COUNT)
        return "unknown";
    return format_names[f];
}

/* Parses a format name, ASCII case-insensitive; false for an unknown one. */
bool tw_format_parse(tw_str name, tw_format *out)
{
    size_t i;

    for (i = 0; i < FORMAT_COUNT; i++) {
        if (tw_str_ieq_c(name, format_names[i])) {
            *out = (tw_format)i;
            return true;
        }
    }
    return false;
}

static const tw__writer_ops *format_ops(tw_format f)
{
    switch (f) {
    case TW_FMT_TEXT:
        return &tw__text_ops;
    case TW_FMT_JSONL:
        return &tw__jsonl_ops;
    case TW_FMT_SARIF:
        return &tw__sarif_ops;
    case TW_FMT_CSV:
        return &tw__csv_ops;
    case TW_FMT_HTML:
        return &tw__html_ops;
    default:
        return NULL;
    }
}

/* Creates a writer for opts->format.  NULL on ENOMEM, an unknown format or
 * a NULL sink.  The caller frees it with tw_writer_free. */
tw_writer *tw_writer_new(const tw_writer_opts *opts)
{
    const tw__writer_ops *ops = format_ops(opts->format);
    tw_writer *w;

    if (ops == NULL || opts->write == NULL)
        return NULL;
    w = calloc(1, sizeof(*w));
    if (w == NULL)
        return NULL;
    w->opts = *opts;
    w->ops = ops;
    tw_buf_init(&w->out, 0);
    tw__json_init(&w->json, &w->out);
    return w;
}

/* Hands what was rendered to the sink and empties the buffer. */
tw_err tw__writer_flush(tw_writer *w)
{
    tw_err rc = TW_OK;

    if (w->out.len > 0)
        rc = w->opts.write(w->opts.ud, w->out.ptr, w->out.len);
    tw_buf_reset(&w->out);
    return rc;
}

/* Renders one finding.  TW_EINVAL after finish; otherwise the sink's error,
 * TW_ELIMIT or TW_ENOMEM, which then sticks. */
tw_err tw_writer_add(tw_writer *w, const tw_finding *f)
{
    tw_err rc = w->err;

    if (rc != TW_OK)
        return rc;
    if (w->finished || f == NULL)
        return TW_EINVAL;
    w->count[(unsigned)f->severity < TW__OUT_SEVERITIES ? f->severity : TW_SEV_INFO]++;
    rc = w->ops->add(w, f);
    if (rc == TW_OK)
        rc = tw__writer_flush(w);
    w->err = rc;
    return rc;
}

/* Ends the document.  TW_EINVAL when called twice; errors as for add. */
void tw_writer_set_evidence(tw_writer *w, const tw_evidence_summary *e)
{
    w->opts.evidence = e;
}

tw_err tw_writer_finish(tw_writer *w)
{
    tw_err rc = w->err;

    if (rc != TW_OK)
        return rc;
    if (w->finished)
        return TW_EINVAL;
    w->finished = true;
    rc = w->ops->finish(w);
    if (rc == TW_OK)
        rc = tw__writer_flush(w);
    w->err = rc;
    return rc;
}

/* Frees the writer and what it holds; NULL is accepted. */
void tw_writer_free(tw_writer *w)
{
    if (w == NULL)
        return;
    if (w->ops->release != NULL)
        w->ops->release(w);
    tw_buf_release(&w->out);
    free(w);
}
