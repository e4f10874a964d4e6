/*
 * html_doc.c: the parts of the HTML page around the findings table: the
 * head with its style and Content Security Policy, the summary, the
 * charts, the account of advisory AA25-239A, and the script that sorts
 * and filters the table.
 *
 * Nothing here comes from a finding except through the counts of tw__html
 * and strings passed to tw_html_escape.  The script only reorders, hides
 * and shows rows that were rendered (and escaped) by html.c; it never
 * writes markup.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "out/html.h"

const char *const tw__html_sev_color[TW__OUT_SEVERITIES] = {"#7a808a", "#2b8cbe", "#d99a00",
                                                            "#e0542c", "#a50f15"};
static const char *const state_color[TW__HTML_STATES] = {"#a50f15", "#e0542c", "#d99a00", "#7a808a",
                                                         "#6a51a3"};
static const char *const sev_names[TW__OUT_SEVERITIES] = {"info", "low", "medium", "high",
                                                          "critical"};
static const char *const one_color[] = {"#3b6ea5"};
static const char *const one_name[] = {"findings"};

static const char head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>tidewatch report</title>\n<style>\n"
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;"
    "color:#1d2330;background:#fff}\n"
    "h1{margin:18px 0 4px}h2{border-bottom:1px solid #d5d9e0;padding-bottom:4px;margin-top:28px}\n"
    "table{border-collapse:collapse}th,td{text-align:left;padding:3px 8px;vertical-align:top}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #d5d9e0;"
    "border-radius:6px;padding:8px 14px;min-width:90px}.card .n{display:block;font-size:24px;"
    "font-weight:600}\n"
    ".counts td,.counts th,#top-devices td,#top-devices th,#exposure td,#exposure th{"
    "border-bottom:1px solid #eceef2}\n"
    "figure{margin:14px 0}figcaption{font-weight:600;margin-bottom:4px}svg text{font:12px "
    "system-ui,sans-serif;fill:#1d2330}\n"
    ".controls{display:flex;gap:16px;align-items:center;margin:8px 0}\n"
    "#findings{width:100%}#findings thead th{cursor:pointer;user-select:none;"
    "border-bottom:2px solid #b8bfcc;white-space:nowrap}\n"
    "#findings th[aria-sort=ascending]::after{content:\" \\25B2\"}"
    "#findings th[aria-sort=descending]::after{content:\" \\25BC\"}\n"
    "#findings tbody tr:first-child td{border-top:1px solid #eceef2}"
    "#findings td{overflow-wrap:anywhere}#findings td:nth-child(-n+3){white-space:nowrap}"
    "#findings td:nth-child(4){overflow-wrap:normal;min-width:11em}"
    "#findings td:nth-child(5){min-width:8em}#findings td:nth-child(6){min-width:14em}\n"
    "button.x{width:24px;border:1px solid #b8bfcc;background:#f4f5f7;border-radius:4px;"
    "cursor:pointer}\n"
    ".sev{font-weight:600}.s-critical{color:#a50f15}.s-high{color:#c23b12}.s-medium{color:"
    "#9a6c00}.s-low{color:#1f6f9a}.s-info{color:#5f6570}\n"
    "tr.d dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:6px 0}"
    "tr.d dt{font-weight:600}tr.d dd{margin:0}tr.d ul{margin:0;padding-left:18px}\n"
    "pre{margin:0;white-space:pre-wrap;background:#f4f5f7;padding:4px 6px;border-radius:4px}\n"
    ".none{color:#5f6570}footer{margin:30px 0;color:#5f6570}\n"
    "</style>\n</head>\n<body>\n";

void tw__html_head(tw_writer *w, tw_err *rc)
{
    tw__html_put(&w->out, rc, head);
    tw__html_put(&w->out, rc, "<header><h1>tidewatch report</h1>\n<p>Written by tidewatch ");
    tw__html_esc(&w->out, rc, w->opts.tool_version != NULL ? w->opts.tool_version : "");
    tw__html_put(&w->out, rc,
                 ". Findings of configuration audits, log hunts and exposure "
                 "checks for the tradecraft of advisory AA25-239A.</p></header>\n");
}

/* A summary card: "<div class=card><span class=n id=ID>N</span> LABEL</div>". */
static void card(tw_buf *b, tw_err *rc, const char *id, size_t n, const char *label)
{
    tw__html_put(b, rc, "<div class=\"card\"><span class=\"n\" id=\"");
    tw__html_put(b, rc, id);
    tw__html_put(b, rc, "\">");
    tw__html_num(b, rc, n);
    tw__html_put(b, rc, "</span>");
    tw__html_put(b, rc, label);
    tw__html_put(b, rc, "</div>");
}

static void cards(tw_writer *w, tw_err *rc)
{
    static const char *const ids[TW__OUT_SEVERITIES] = {"n-info", "n-low", "n-medium", "n-high",
                                                        "n-critical"};
    const tw__html *h = w->html;
    int s;

    tw__html_put(&w->out, rc, "<div class=\"cards\">");
    card(&w->out, rc, "n-findings", h->n, h->n == 1 ? "finding" : "findings");
    for (s = TW_SEV_CRITICAL; s >= TW_SEV_INFO; s--)
        card(&w->out, rc, ids[s], w->count[s], sev_names[s]);
    card(&w->out, rc, "n-devices", h->devices.n, h->devices.n == 1 ? "device" : "devices");
    tw__html_put(&w->out, rc, "</div>\n");
}

static void by_category(tw_writer *w, tw_err *rc)
{
    unsigned c;

    tw__html_put(&w->out, rc, "<h3>By category</h3>\n<table class=\"counts\" id=\"by-category\">");
    for (c = 0; c < TW__CAT_COUNT; c++) {
        tw__html_put(&w->out, rc, "<tr><th>");
        tw__html_put(&w->out, rc, tw_category_name((tw_category)c));
        tw__html_put(&w->out, rc, "</th><td>");
        tw__html_num(&w->out, rc, w->html->category[c]);
        tw__html_put(&w->out, rc, "</td></tr>");
    }
    tw__html_put(&w->out, rc, "</table>\n");
}

/* An open table row: the escaped key, the count, then n sub-counts. */
static void count_row(tw_buf *b, tw_err *rc, const tw__tally_entry *e, const unsigned *order,
                      unsigned n)
{
    unsigned i;

    tw__html_put(b, rc, "<tr><td>");
    tw__html_esc(b, rc, e->key);
    tw__html_put(b, rc, "</td><td>");
    tw__html_num(b, rc, e->count);
    for (i = 0; i < n; i++) {
        tw__html_put(b, rc, "</td><td>");
        tw__html_num(b, rc, e->sub[order[i]]);
    }
    tw__html_put(b, rc, "</td>");
}

static void top_devices(tw_writer *w, tw_err *rc)
{
    static const unsigned order[] = {TW_SEV_CRITICAL, TW_SEV_HIGH, TW_SEV_MEDIUM, TW_SEV_LOW,
                                     TW_SEV_INFO};
    size_t i, n;
    const tw__tally_entry **v = tw__tally_sorted(&w->html->devices, &n, rc);

    tw__html_put(&w->out, rc, "<h3>Most affected devices</h3>\n");
    if (n == 0)
        tw__html_put(&w->out, rc, "<p class=\"none\">no finding names a device</p>\n");
    if (n > 0)
        tw__html_put(&w->out, rc,
                     "<table id=\"top-devices\"><thead><tr><th>Device</th><th>Findings</th>"
                     "<th>critical</th><th>high</th><th>medium</th><th>low</th><th>info</th>"
                     "</tr></thead><tbody>\n");
    for (i = 0; i < n && i < TW__HTML_TOP_TABLE; i++) {
        count_row(&w->out, rc, v[i], order, TW__OUT_SEVERITIES);
        tw__html_put(&w->out, rc, "</tr>\n");
    }
    tw__html_put(&w->out, rc, n > 0 ? "</tbody></table>\n" : "");
    if (w->html->no_device > 0 && *rc == TW_OK)
        *rc = tw_buf_printf(&w->out, "<p>%zu finding%s without a device.</p>\n", w->html->no_device,
                            w->html->no_device == 1 ? "" : "s");
    free((void *)v);
}

/* The trains of one CVE, from the "CVE train" tally: "17.9 (2), 17.6 (1)". */
static void cve_trains(tw_buf *b, tw_err *rc, const char *cve, const tw__tally_entry **t, size_t n)
{
    size_t i, k = strlen(cve), shown = 0;

    for (i = 0; i < n; i++) {
        if (strncmp(t[i]->key, cve, k) != 0 || t[i]->key[k] != ' ')
            continue;
        tw__html_put(b, rc, shown++ > 0 ? ", " : "");
        tw__html_esc(b, rc, t[i]->key + k + 1);
        if (*rc == TW_OK)
            *rc = tw_buf_printf(b, " (%zu)", t[i]->count);
    }
}

static void exposure_table(tw_writer *w, tw_err *rc)
{
    static const unsigned order[] = {0, 1, 2, 3, 4};
    size_t i, n, nt;
    const tw__tally_entry **v = tw__tally_sorted(&w->html->cves, &n, rc);
    const tw__tally_entry **t = tw__tally_sorted(&w->html->trains, &nt, rc);

    tw__html_put(&w->out, rc,
                 "<h3>Exposure by CVE</h3>\n<table id=\"exposure\"><thead><tr><th>CVE</th>"
                 "<th>Findings</th><th>exposed</th><th>vulnerable</th><th>vulnerable-mitigated"
                 "</th><th>unknown</th><th>other</th><th>Trains</th></tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        count_row(&w->out, rc, v[i], order, TW__HTML_STATES);
        tw__html_put(&w->out, rc, "<td>");
        cve_trains(&w->out, rc, v[i]->key, t, nt);
        tw__html_put(&w->out, rc, "</td></tr>\n");
    }
    tw__html_put(&w->out, rc, "</tbody></table>\n");
    free((void *)v);
    free((void *)t);
}

/* What scan read: its files line, and the files it did not read. */
static void evidence(tw_writer *w, tw_err *rc, const tw_evidence_summary *e)
{
    size_t i;

    tw__html_put(&w->out, rc, "<section id=\"evidence\"><h2>Evidence</h2>\n<p id=\"files\">");
    tw__html_esc(&w->out, rc, e->files_line ? e->files_line : "");
    tw__html_put(&w->out, rc, "</p>\n");
    if (e->nunread > 0) {
        tw__html_put(&w->out, rc,
                     "<h3>Files not read</h3>\n<table class=\"counts\" id=\"unread\">"
                     "<thead><tr><th>File</th><th>Why</th></tr></thead><tbody>\n");
        for (i = 0; i < e->nunread && i < TW_EVIDENCE_UNREAD_ROWS; i++) {
            tw__html_put(&w->out, rc, "<tr><td>");
            tw__html_esc(&w->out, rc, e->unread[i].path);
            tw__html_put(&w->out, rc, "</td><td>");
            tw__html_esc(&w->out, rc, e->unread[i].reason);
            tw__html_put(&w->out, rc, "</td></tr>\n");
        }
        tw__html_put(&w->out, rc, "</tbody></table>\n");
        if (e->nunread > TW_EVIDENCE_UNREAD_ROWS) {
            tw__html_put(&w->out, rc, "<p class=\"none\">and ");
            tw__html_num(&w->out, rc, e->nunread - TW_EVIDENCE_UNREAD_ROWS);
            tw__html_put(&w->out, rc, " more files not read</p>\n");
        }
    }
    tw__html_put(&w->out, rc, "</section>\n");
}

void tw__html_summary(tw_writer *w, tw_err *rc)
{
    if (w->opts.evidence != NULL)
        evidence(w, rc, w->opts.evidence);
    tw__html_put(&w->out, rc, "<section id=\"summary\"><h2>Summary</h2>\n");
    cards(w, rc);
    by_category(w, rc);
    top_devices(w, rc);
    if (w->html->exposure > 0)
        exposure_table(w, rc);
    tw__html_put(&w->out, rc, "</section>\n");
}

/* A chart of the top max entries of tally t. */
static void tally_chart(tw_writer *w, tw_err *rc, const tw__html_chart *c, const tw__tally *t,
                        size_t max)
{
    size_t n;
    const tw__tally_entry **v = tw__tally_sorted(t, &n, rc);

    tw__html_svg(&w->out, rc, c, v, n < max ? n : max);
    free((void *)v);
}

static void severity_chart(tw_writer *w, tw_err *rc)
{
    static const tw__html_chart c = {"chart-severity",   "Findings by severity", sev_names,
                                     tw__html_sev_color, TW__OUT_SEVERITIES,     false};
    tw__tally_entry e[TW__OUT_SEVERITIES];
    const tw__tally_entry *v[TW__OUT_SEVERITIES];
    int s;

    memset(e, 0, sizeof(e));
    for (s = TW_SEV_CRITICAL; s >= TW_SEV_INFO; s--) {
        tw__tally_entry *x = &e[TW_SEV_CRITICAL - s];

        x->key = (char *)sev_names[s];
        x->count = x->sub[s] = w->count[s];
        v[TW_SEV_CRITICAL - s] = x;
    }
    tw__html_svg(&w->out, rc, &c, v, TW__OUT_SEVERITIES);
}

void tw__html_charts(tw_writer *w, tw_err *rc)
{
    static const tw__html_chart dev = {"chart-devices",    "Findings by device (top 15)",
                                       sev_names,          tw__html_sev_color,
                                       TW__OUT_SEVERITIES, true};
    static const tw__html_chart att = {
        "chart-attack", "Findings by ATT&amp;CK technique (top 15)", one_name, one_color, 1, false};
    static const tw__html_chart cve = {"chart-cve", "Exposure by CVE", tw__html_states,
                                       state_color, TW__HTML_STATES,   true};
    static const tw__html_chart trn = {"chart-train",   "Exposure by CVE and train",
                                       tw__html_states, state_color,
                                       TW__HTML_STATES, true};

    tw__html_put(&w->out, rc, "<section id=\"charts\"><h2>Charts</h2>\n");
    severity_chart(w, rc);
    tally_chart(w, rc, &dev, &w->html->devices, TW__HTML_TOP);
    tally_chart(w, rc, &att, &w->html->attack, TW__HTML_TOP);
    if (w->html->exposure > 0) {
        tally_chart(w, rc, &cve, &w->html->cves, SIZE_MAX);
        tally_chart(w, rc, &trn, &w->html->trains, SIZE_MAX);
    }
    tw__html_put(&w->out, rc, "</section>\n");
}
