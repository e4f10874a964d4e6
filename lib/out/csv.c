/*
 * csv.c: CSV for spreadsheets, one row per finding under a fixed header.
 *
 * RFC 4180: comma-separated, CRLF line ends, quoting where needed.  Every
 * cell goes through tw_csv_cell, so a value that a spreadsheet would run
 * as a formula (= + - @ TAB CR at its start) is neutralised.  A missing
 * value is an empty cell; attack and references are joined with ';'.
 */
#include <stdio.h>

#include "out/internal.h"

static const char csv_header[] = "severity,category,rule,device,user,file,line,title,message,"
                                 "evidence,ioc,cve,attack,references,remediation,details\r\n";

/* Appends one cell (NULL: empty) and the separator that ends it. */
static tw_err csv_put(tw_buf *b, const char *s, char end)
{
    tw_err rc = tw_csv_cell(b, tw_str_c(s));

    return rc == TW_OK ? tw_buf_addch(b, end) : rc;
}

/* Appends a list joined with ';' as one cell.  tmp is scratch space. */
static tw_err csv_list(tw_buf *b, tw_buf *tmp, const char *const *v, size_t n)
{
    tw_err rc = TW_OK;
    size_t i;

    tw_buf_reset(tmp);
    for (i = 0; i < n && rc == TW_OK; i++) {
        if (i > 0)
            rc = tw_buf_addch(tmp, ';');
        if (rc == TW_OK)
            rc = tw_buf_adds(tmp, v[i] != NULL ? v[i] : "");
    }
    if (rc == TW_OK)
        rc = tw_csv_cell(b, tw_buf_str(tmp));
    return rc == TW_OK ? tw_buf_addch(b, ',') : rc;
}

/* Appends the details as one last cell, "name=value" joined with ';',
 * and the row's end. */
static tw_err csv_details(tw_buf *b, tw_buf *tmp, const tw_finding *f)
{
    tw_err rc = TW_OK;

    tw_buf_reset(tmp);
    for (size_t i = 0; i < f->ndetails && rc == TW_OK; i++)
        rc = tw_buf_printf(tmp, "%s%s=%s", i ? ";" : "", f->details[i].name, f->details[i].value);
    if (rc == TW_OK)
        rc = tw_csv_cell(b, tw_buf_str(tmp));
    return rc == TW_OK ? tw_buf_addch(b, '\r') : rc;
}

/* Appends the row of f; cells in header order. */
static tw_err csv_row(tw_buf *b, tw_buf *tmp, const tw_finding *f)
{
    char line[16] = "";
    const char *cells[12];
    tw_err rc = TW_OK;
    size_t i;

    if (f->line > 0)
        snprintf(line, sizeof(line), "%u", (unsigned)f->line);
    cells[0] = tw_severity_name(f->severity);
    cells[1] = tw_category_name(f->category);
    cells[2] = f->rule;
    cells[3] = f->device;
    cells[4] = f->user;
    cells[5] = f->file;
    cells[6] = line;
    cells[7] = f->title;
    cells[8] = f->message;
    cells[9] = f->evidence;
    cells[10] = f->ioc;
    cells[11] = f->cve;
    for (i = 0; i < sizeof(cells) / sizeof(cells[0]) && rc == TW_OK; i++)
        rc = csv_put(b, cells[i], ',');
    if (rc == TW_OK)
        rc = csv_list(b, tmp, f->attack, f->nattack);
    if (rc == TW_OK)
        rc = csv_list(b, tmp, f->references, f->nreferences);
    if (rc == TW_OK)
        rc = csv_put(b, f->remediation, ',');
    if (rc == TW_OK)
        rc = csv_details(b, tmp, f);
    return rc == TW_OK ? tw_buf_addch(b, '\n') : rc;
}

/* Writes the header once, before the first row or at finish. */
static tw_err csv_start(tw_writer *w)
{
    if (w->started)
        return TW_OK;
    w->started = true;
    return tw_buf_add(&w->out, csv_header, sizeof(csv_header) - 1);
}

static tw_err csv_add(tw_writer *w, const tw_finding *f)
{
    tw_buf tmp;
    tw_err rc = csv_start(w);

    tw_buf_init(&tmp, 0);
    if (rc == TW_OK)
        rc = csv_row(&w->out, &tmp, f);
    tw_buf_release(&tmp);
    return rc;
}

/* An empty report is the header alone. */
static tw_err csv_finish(tw_writer *w)
{
    return csv_start(w);
}

const tw__writer_ops tw__csv_ops = {csv_add, csv_finish, NULL};
