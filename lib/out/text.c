/*
 * text.c: the human view for terminals (the default on a terminal).
 *
 * Per finding: a header line "SEVERITY  file:line  rule  device", the
 * message, the evidence lines after "  > " and the remediation after
 * "  fix: ", then a blank line; finish prints the summary line.  Every
 * string that came from a rule or an input passes through tw_term_escape,
 * so a hostile configuration cannot move the cursor, retitle the window or
 * hide text.  Colour (opts.color) is on the severity word only.
 */
#include <stdio.h>
#include <string.h>

#include "out/internal.h"

static const char *const sev_upper[TW__OUT_SEVERITIES] = {"INFO", "LOW", "MEDIUM", "HIGH",
                                                          "CRITICAL"};
static const char *const sev_color[TW__OUT_SEVERITIES] = {"\x1b[2m", "\x1b[36m", "\x1b[33m",
                                                          "\x1b[31m", "\x1b[1;31m"};
static const char color_reset[] = "\x1b[0m";

/* The helpers below do nothing once *rc holds an error. */
static void put(tw_buf *b, tw_err *rc, const char *s)
{
    if (*rc == TW_OK)
        *rc = tw_buf_adds(b, s);
}

static void put_esc(tw_buf *b, tw_err *rc, tw_str s)
{
    if (*rc == TW_OK)
        *rc = tw_term_escape(b, s);
}

static unsigned sev_index(tw_severity s)
{
    return (unsigned)s < TW__OUT_SEVERITIES ? (unsigned)s : 0;
}

/* "HIGH      configs/r1.cfg:12  RULE-ID  r1\n" */
static void text_header(tw_writer *w, tw_err *rc, const tw_finding *f)
{
    static const char pad[] = "        ";
    unsigned s = sev_index(f->severity);
    char num[16];

    put(&w->out, rc, w->opts.color ? sev_color[s] : "");
    put(&w->out, rc, sev_upper[s]);
    put(&w->out, rc, w->opts.color ? color_reset : "");
    put(&w->out, rc, pad + strlen(sev_upper[s]));
    put(&w->out, rc, "  ");
    put_esc(&w->out, rc, tw_str_c(f->file != NULL ? f->file : "-"));
    snprintf(num, sizeof(num), ":%u", (unsigned)f->line);
    put(&w->out, rc, f->line > 0 ? num : "");
    put(&w->out, rc, "  ");
    put_esc(&w->out, rc, tw_str_c(f->rule));
    put(&w->out, rc, f->device != NULL ? "  " : "");
    put_esc(&w->out, rc, tw_str_c(f->device));
    put(&w->out, rc, f->user != NULL ? "  user " : "");
    put_esc(&w->out, rc, tw_str_c(f->user));
    put(&w->out, rc, "\n");
}

/* Each line of s after first (then after cont): "  > a\n  > b\n". */
static void text_lines(tw_buf *b, tw_err *rc, const char *s, const char *first, const char *cont)
{
    tw_str rest = tw_str_c(s), line;
    const char *lead = first;

    while (*rc == TW_OK && tw_str_line(&rest, &line)) {
        put(b, rc, lead);
        put_esc(b, rc, line);
        put(b, rc, "\n");
        lead = cont;
    }
}

static tw_err text_add(tw_writer *w, const tw_finding *f)
{
    tw_err rc = TW_OK;

    text_header(w, &rc, f);
    text_lines(&w->out, &rc, f->message, "  ", "  ");
    text_lines(&w->out, &rc, f->evidence, "  > ", "  > ");
    for (size_t i = 0; i < f->ndetails; i++) {
        put(&w->out, &rc, i == 0 ? "  " : ", ");
        put_esc(&w->out, &rc, tw_str_c(f->details[i].name));
        put(&w->out, &rc, ": ");
        put_esc(&w->out, &rc, tw_str_c(f->details[i].value));
    }
    put(&w->out, &rc, f->ndetails > 0 ? "\n" : "");
    text_lines(&w->out, &rc, f->remediation, "  fix: ", "       ");
    put(&w->out, &rc, "\n");
    return rc;
}

/* "3 findings (1 critical, 2 high, 0 medium, 0 low, 0 info)" */
static tw_err text_finish(tw_writer *w)
{
    const size_t *c = w->count;
    size_t n = c[0] + c[1] + c[2] + c[3] + c[4];

    if (n == 0)
        return tw_buf_adds(&w->out, "no findings\n");
    return tw_buf_printf(&w->out,
                         "%zu finding%s (%zu critical, %zu high, %zu medium, %zu low, %zu info)\n",
                         n, n == 1 ? "" : "s", c[TW_SEV_CRITICAL], c[TW_SEV_HIGH], c[TW_SEV_MEDIUM],
                         c[TW_SEV_LOW], c[TW_SEV_INFO]);
}

const tw__writer_ops tw__text_ops = {text_add, text_finish, NULL};
