/*
 * html.c: one self-contained HTML5 page for people (--format html).
 *
 * Findings are buffered: each one's table rows are rendered when it is
 * added (so nothing of the finding is kept but text already escaped) and
 * the counts of the summary and the charts are updated; finish writes the
 * whole document (html_doc.c, html_svg.c).  Each finding is a <tbody> of
 * two rows: the row shown in the table and a hidden row with the title,
 * evidence, remediation, references, ATT&CK ids and details, which the
 * page's script shows on a click.  Every string of a finding goes through
 * tw_html_escape; the page has no external assets and a Content Security
 * Policy that allows only its own inline style and script.
 */
#include <stdlib.h>
#include <string.h>

#include "out/html.h"

static unsigned sev_index(tw_severity s)
{
    return (unsigned)s < TW__OUT_SEVERITIES ? (unsigned)s : 0;
}

/* The value of detail name, or NULL. */
static const char *detail_of(const tw_finding *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->ndetails; i++) {
        if (f->details[i].name != NULL && strcmp(f->details[i].name, name) == 0)
            return f->details[i].value;
    }
    return NULL;
}

/* "<td>text</td>", text escaped. */
static void cell(tw_buf *b, tw_err *rc, const char *text)
{
    tw__html_put(b, rc, "<td>");
    tw__html_esc(b, rc, text);
    tw__html_put(b, rc, "</td>");
}

/* The row shown in the table. */
static void row_main(tw_buf *b, tw_err *rc, const tw_finding *f)
{
    const char *sev = tw_severity_name(f->severity);

    tw__html_put(b, rc,
                 "<tr><td><button class=\"x\" type=\"button\" aria-expanded=\"false\" "
                 "title=\"show details\">+</button></td><td class=\"sev s-");
    tw__html_put(b, rc, sev);
    tw__html_put(b, rc, "\" data-v=\"");
    tw__html_num(b, rc, sev_index(f->severity));
    tw__html_put(b, rc, "\">");
    tw__html_put(b, rc, sev);
    tw__html_put(b, rc, "</td>");
    cell(b, rc, tw_category_name(f->category));
    cell(b, rc, f->rule);
    cell(b, rc, f->device);
    tw__html_put(b, rc, "<td>");
    tw__html_esc(b, rc, f->file);
    if (f->line > 0 && *rc == TW_OK)
        *rc = tw_buf_printf(b, ":%u", (unsigned)f->line);
    tw__html_put(b, rc, "</td>");
    cell(b, rc, f->message);
    tw__html_put(b, rc, "</tr>\n");
}

/* "<dt>name</dt><dd>value</dd>" when value is set; pre: as preformatted. */
static void item(tw_buf *b, tw_err *rc, const char *name, const char *value, bool pre)
{
    if (value == NULL)
        return;
    tw__html_put(b, rc, "<dt>");
    tw__html_put(b, rc, name);
    tw__html_put(b, rc, pre ? "</dt><dd><pre>" : "</dt><dd>");
    tw__html_esc(b, rc, value);
    tw__html_put(b, rc, pre ? "</pre></dd>" : "</dd>");
}

/* A list of strings as <ul>, when there are any. */
static void item_list(tw_buf *b, tw_err *rc, const char *name, const char *const *v, size_t n)
{
    size_t i;

    if (n == 0)
        return;
    tw__html_put(b, rc, "<dt>");
    tw__html_put(b, rc, name);
    tw__html_put(b, rc, "</dt><dd><ul>");
    for (i = 0; i < n; i++) {
        tw__html_put(b, rc, "<li>");
        tw__html_esc(b, rc, v[i]);
        tw__html_put(b, rc, "</li>");
    }
    tw__html_put(b, rc, "</ul></dd>");
}

/* The details as a two-column table. */
static void item_details(tw_buf *b, tw_err *rc, const tw_finding *f)
{
    size_t i;

    if (f->ndetails == 0)
        return;
    tw__html_put(b, rc, "<dt>Details</dt><dd><table class=\"kv\">");
    for (i = 0; i < f->ndetails; i++) {
        tw__html_put(b, rc, "<tr><th>");
        tw__html_esc(b, rc, f->details[i].name);
        tw__html_put(b, rc, "</th><td>");
        tw__html_esc(b, rc, f->details[i].value);
        tw__html_put(b, rc, "</td></tr>");
    }
    tw__html_put(b, rc, "</table></dd>");
}

/* The hidden row with everything else of the finding. */
static void row_more(tw_buf *b, tw_err *rc, const tw_finding *f)
{
    tw__html_put(b, rc, "<tr class=\"d\" hidden><td></td><td colspan=\"6\"><dl>");
    item(b, rc, "Title", f->title, false);
    item(b, rc, "Message", f->message, false);
    item(b, rc, "Evidence", f->evidence, true);
    item(b, rc, "Remediation", f->remediation, true);
    item(b, rc, "User", f->user, false);
    item(b, rc, "Indicator", f->ioc, false);
    item(b, rc, "CVE", f->cve, false);
    item_list(b, rc, "ATT&amp;CK", f->attack, f->nattack);
    item_list(b, rc, "References", f->references, f->nreferences);
    item_details(b, rc, f);
    tw__html_put(b, rc, "</dl></td></tr>\n");
}

/* Updates the counts of the summary and the charts. */
static tw_err html_count(tw__html *h, const tw_finding *f)
{
    unsigned sev = sev_index(f->severity);
    unsigned state = tw__html_state_index(detail_of(f, "state"));
    tw_err rc = tw__tally_add(&h->devices, f->device, sev);
    size_t i;

    h->n++;
    h->category[(unsigned)f->category < TW__CAT_COUNT ? f->category : 0]++;
    h->no_device += f->device == NULL;
    for (i = 0; i < f->nattack && rc == TW_OK; i++)
        rc = tw__tally_add(&h->attack, f->attack[i], 0);
    if (f->cve == NULL || rc != TW_OK)
        return rc;
    h->exposure++;
    rc = tw__tally_add(&h->cves, f->cve, state);
    if (rc == TW_OK && detail_of(f, "train") != NULL) {
        tw_buf key;

        tw_buf_init(&key, 0);
        rc = tw_buf_printf(&key, "%s %s", f->cve, detail_of(f, "train"));
        if (rc == TW_OK)
            rc = tw__tally_add(&h->trains, key.ptr, state);
        tw_buf_release(&key);
    }
    return rc;
}

/* Creates the writer's state on first use. */
static tw_err html_state(tw_writer *w)
{
    if (w->html != NULL)
        return TW_OK;
    w->html = calloc(1, sizeof(*w->html));
    if (w->html == NULL)
        return TW_ENOMEM;
    tw_buf_init(&w->html->rows, 0);
    w->html->devices.by_severity = true;
    return TW_OK;
}

static tw_err html_add(tw_writer *w, const tw_finding *f)
{
    tw_err rc = html_state(w);
    tw__html *h = w->html;

    if (rc != TW_OK)
        return rc;
    tw__html_put(&h->rows, &rc, "<tbody class=\"f\" data-i=\"");
    tw__html_num(&h->rows, &rc, h->n);
    tw__html_put(&h->rows, &rc, "\" data-sev=\"");
    tw__html_put(&h->rows, &rc, tw_severity_name(f->severity));
    tw__html_put(&h->rows, &rc, "\">\n");
    row_main(&h->rows, &rc, f);
    row_more(&h->rows, &rc, f);
    tw__html_put(&h->rows, &rc, "</tbody>\n");
    return rc == TW_OK ? html_count(h, f) : rc;
}

/* Writes the document: everything before the rows, the rows straight from
 * their buffer, then the rest. */
static tw_err html_finish(tw_writer *w)
{
    tw_err rc = html_state(w);

    if (rc != TW_OK)
        return rc;
    tw__html_head(w, &rc);
    tw__html_summary(w, &rc);
    tw__html_charts(w, &rc);
    tw__html_advisory(w, &rc);
    tw__html_table_start(w, &rc);
    if (rc == TW_OK)
        rc = tw__writer_flush(w);
    if (rc == TW_OK && w->html->rows.len > 0)
        rc = w->opts.write(w->opts.ud, w->html->rows.ptr, w->html->rows.len);
    tw__html_tail(w, &rc);
    return rc;
}

static void html_release(tw_writer *w)
{
    tw__html *h = w->html;

    if (h == NULL)
        return;
    tw_buf_release(&h->rows);
    tw__tally_release(&h->devices);
    tw__tally_release(&h->attack);
    tw__tally_release(&h->cves);
    tw__tally_release(&h->trains);
    free(h);
    w->html = NULL;
}

const tw__writer_ops tw__html_ops = {html_add, html_finish, html_release};
