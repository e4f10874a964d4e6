/*
 * jsonl.c: JSON Lines, one object per finding per line (docs/output.md).
 *
 * The fields and their order are the output contract of DESIGN.md: rule,
 * severity, category, title, message, file, line, device, user (added for
 * log findings), evidence, ioc, cve, attack, references, remediation,
 * details.  A missing value is null (line 0 is null); attack and
 * references are always arrays, details always an object.  Output is compact
 * and pure ASCII apart from valid UTF-8 kept as is.
 */
#include "out/internal.h"

/* Writes the fields of f, in contract order, into an open object. */
static void jsonl_fields(tw__json *j, const tw_finding *f)
{
    tw__json_kstr(j, "rule", f->rule);
    tw__json_kstr(j, "severity", tw_severity_name(f->severity));
    tw__json_kstr(j, "category", tw_category_name(f->category));
    tw__json_kstr(j, "title", f->title);
    tw__json_kstr(j, "message", f->message);
    tw__json_kstr(j, "file", f->file);
    tw__json_key(j, "line");
    if (f->line > 0)
        tw__json_u64(j, f->line);
    else
        tw__json_null(j);
    tw__json_finding_tail(j, f);
}

static tw_err jsonl_add(tw_writer *w, const tw_finding *f)
{
    tw__json j;

    tw__json_init(&j, &w->out);
    tw__json_obj(&j);
    jsonl_fields(&j, f);
    tw__json_obj_end(&j);
    if (j.err == TW_OK)
        j.err = tw_buf_addch(&w->out, '\n');
    return j.err;
}

/* JSON Lines has no trailer. */
static tw_err jsonl_finish(tw_writer *w)
{
    (void)w;
    return TW_OK;
}

const tw__writer_ops tw__jsonl_ops = {jsonl_add, jsonl_finish, NULL};
