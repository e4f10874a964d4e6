/*
 * inventory_csv.c: CSV inventories, hand-written or NetBox exports.
 *
 * RFC 4180 with the usual tolerances: a UTF-8 BOM, CRLF or LF, '#' comment
 * lines before the header, a ',' ';' or tab delimiter (the most frequent
 * one on the header line), quoted fields holding delimiters, doubled
 * quotes and line breaks.  Columns are found by name through the alias
 * table of inventory.c; others are ignored.  A record's line is the line
 * it starts on.  A quoted field that does not close within
 * TW_LIMIT_LINE_LEN bytes is an error; reading resumes on the next line,
 * so one stray quote costs one row, not the rest of the file.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/inventory_int.h"

typedef struct {
    tw_str raw;   /* without the surrounding quotes */
    bool escaped; /* holds doubled quotes */
} cell;

typedef struct {
    cell c[TW_INV_MAX_COLUMNS];
    size_t n;          /* cells stored (at most TW_INV_MAX_COLUMNS) */
    uint32_t line;     /* first line of the record */
    bool unterminated; /* a quoted field did not close */
} record;

typedef struct {
    char delim;
    int field[TW_INV_MAX_COLUMNS]; /* TW__IF_*, or -1 */
    int rank[TW_INV_MAX_COLUMNS];
    size_t ncols;
    bool has_version;
    tw_inv_kind source;
    char buf[TW__IF_COUNT][TW_INV_MAX_FIELD + 1]; /* unescaped fields of a row */
    record rec;
} csv_state;

/* The most frequent delimiter outside quotes on the line; ',' on a tie. */
static char pick_delim(tw_str line)
{
    size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;

    for (size_t i = 0; i < line.len; i++) {
        char c = line.ptr[i];
        quoted = c == '"' ? !quoted : quoted;
        comma += !quoted && c == ',';
        semi += !quoted && c == ';';
        tab += !quoted && c == '\t';
    }
    if (semi > comma && semi >= tab)
        return ';';
    return tab > comma ? '\t' : ',';
}

/* The end of a quoted field opening at p: the offset of its closing quote,
 * or (size_t)-1 when none comes within TW_LIMIT_LINE_LEN bytes. */
static size_t quote_end(tw_str d, size_t p, bool *escaped)
{
    size_t q = p + 1, lim = d.len - p > TW_LIMIT_LINE_LEN ? p + TW_LIMIT_LINE_LEN : d.len;

    while (q < lim) {
        const char *e = memchr(d.ptr + q, '"', lim - q);
        if (e == NULL)
            break;
        q = (size_t)(e - d.ptr);
        if (q + 1 < d.len && d.ptr[q + 1] == '"') {
            *escaped = true;
            q += 2;
            continue;
        }
        return q;
    }
    return (size_t)-1;
}

/* Reads one field at *p into *out; false for an unterminated quote. */
static bool read_field(tw_str d, size_t *p, char delim, cell *out)
{
    size_t s = *p, e;

    out->escaped = false;
    if (s < d.len && d.ptr[s] == '"') {
        e = quote_end(d, s, &out->escaped);
        if (e == (size_t)-1)
            return false;
        out->raw = tw_str_make(d.ptr + s + 1, e - s - 1);
        for (e++; e < d.len && d.ptr[e] != delim && d.ptr[e] != '\n'; e++)
            ; /* text after the closing quote is ignored */
        *p = e;
        return true;
    }
    for (e = s; e < d.len && d.ptr[e] != delim && d.ptr[e] != '\n'; e++)
        ;
    out->raw = tw_str_make(d.ptr + s, e - s);
    if (out->raw.len > 0 && out->raw.ptr[out->raw.len - 1] == '\r')
        out->raw.len--;
    *p = e;
    return true;
}

static uint32_t count_lines(const char *p, size_t n)
{
    uint32_t lines = 0;

    for (const char *e = memchr(p, '\n', n); e != NULL;
         e = memchr(e + 1, '\n', n - (size_t)(e + 1 - p)))
        lines++;
    return lines;
}

/* Reads the record at *pos, advancing *pos and *lineno past it. */
static void read_record(tw_str d, size_t *pos, uint32_t *lineno, char delim, record *r)
{
    size_t p = *pos;
    cell c;

    r->n = 0;
    r->line = *lineno;
    r->unterminated = false;
    for (;;) {
        if (!read_field(d, &p, delim, &c)) {
            r->unterminated = true;
            return;
        }
        if (r->n < TW_INV_MAX_COLUMNS)
            r->c[r->n++] = c;
        if (p >= d.len || d.ptr[p] == '\n')
            break;
        p++; /* the delimiter */
    }
    p += p < d.len;
    *lineno += count_lines(d.ptr + *pos, p - *pos);
    *pos = p;
}

/* Skips the line that starts at *pos (after an unterminated quote). */
static void skip_line(tw_str d, size_t *pos, uint32_t *lineno)
{
    const char *e = memchr(d.ptr + *pos, '\n', d.len - *pos);

    *pos = e != NULL ? (size_t)(e - d.ptr) + 1 : d.len;
    (*lineno)++;
}

/* True when every cell of r is blank. */
static bool blank(const record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (tw_str_trim(r->c[i].raw).len > 0)
            return false;
    }
    return true;
}

/* Maps the header record's columns; false when none is a hostname. */
static bool map_header(csv_state *st)
{
    bool host = false, type = false, manufacturer = false;

    st->ncols = st->rec.n;
    st->source = TW_INV_CSV;
    for (size_t i = 0; i < st->ncols; i++) {
        tw_str name = tw_str_trim(st->rec.c[i].raw);
        st->field[i] = -1;
        if (!tw__inv_alias(name, &st->field[i], &st->rank[i]))
            st->field[i] = -1;
        host = host || st->field[i] == TW__IF_HOSTNAME;
        st->has_version = st->has_version || st->field[i] == TW__IF_VERSION;
        type = type || tw_str_ieq_c(name, "type");
        manufacturer = manufacturer || tw_str_ieq_c(name, "manufacturer");
        if (tw__inv_netbox_column(name))
            st->source = TW_INV_NETBOX;
    }
    if (type && manufacturer)
        st->source = TW_INV_NETBOX;
    return host;
}

/* True when line is a CSV header naming a hostname column. */
bool tw__inv_csv_header(tw_str line)
{
    char delim = pick_delim(line);
    record *r = malloc(sizeof(*r));
    size_t pos = 0;
    uint32_t lineno = 1;
    int field, rank;
    bool ok = false;

    if (r == NULL || line.len == 0 || memchr(line.ptr, delim, line.len) == NULL)
        goto out;
    read_record(line, &pos, &lineno, delim, r);
    for (size_t i = 0; !r->unterminated && i < r->n && !ok; i++)
        ok = tw__inv_alias(r->c[i].raw, &field, &rank) && field == TW__IF_HOSTNAME;
out:
    free(r);
    return ok;
}

/* The text of a cell for field f: unescaped into the state's buffer when
 * it holds doubled quotes. */
static tw_str cell_text(csv_state *st, const cell *c, int f)
{
    char *b = st->buf[f];
    size_t n = 0;

    if (!c->escaped || c->raw.len > TW_INV_MAX_FIELD)
        return c->raw;
    for (size_t i = 0; i < c->raw.len; i++) {
        b[n++] = c->raw.ptr[i];
        i += c->raw.ptr[i] == '"' && i + 1 < c->raw.len && c->raw.ptr[i + 1] == '"';
    }
    return tw_str_make(b, n);
}

/* Builds the row of the current record and emits it. */
static tw_err emit_record(tw__inv_ctx *cx, csv_state *st)
{
    tw__inv_row row = {.line = st->rec.line, .source = st->source, .quiet = !st->has_version};
    int best[TW__IF_COUNT];

    for (int f = 0; f < TW__IF_COUNT; f++)
        best[f] = -1;
    for (size_t i = 0; i < st->rec.n && i < st->ncols; i++) {
        int f = st->field[i];
        tw_str v;
        if (f < 0 || (best[f] >= 0 && best[f] < st->rank[i]))
            continue;
        v = tw_str_trim(cell_text(st, &st->rec.c[i], f));
        if (v.len == 0)
            continue;
        row.f[f] = v;
        best[f] = st->rank[i];
    }
    return tw__inv_emit(cx, &row);
}

/* Reads the header; false (with a diagnostic) when there is none. */
static bool read_header(tw__inv_ctx *cx, csv_state *st, tw_str d, size_t *pos, uint32_t *lineno)
{
    tw_str rest = tw_str_make(d.ptr + *pos, d.len - *pos), line = TW_STR_NULL;

    while (tw_str_line(&rest, &line)) {
        tw_str t = tw_str_trim(line);
        if (t.len > 0 && t.ptr[0] != '#')
            break;
        skip_line(d, pos, lineno);
    }
    st->delim = pick_delim(line);
    read_record(d, pos, lineno, st->delim, &st->rec);
    if (!st->rec.unterminated && map_header(st))
        return true;
    tw__inv_error(cx, TW_EPARSE, st->rec.line,
                  "no hostname column in the csv header (hostname, name, device...)");
    return false;
}

/* Reads a CSV inventory (see inventory_int.h). */
tw_err tw__inv_csv(tw__inv_ctx *cx, tw_str data)
{
    csv_state *st = calloc(1, sizeof(*st));
    tw_str d = tw__inv_skip_bom(data);
    uint32_t lineno = 1 + count_lines(data.ptr, (size_t)(d.ptr - data.ptr));
    size_t pos = 0;
    tw_err rc = TW_ENOMEM;

    if (st == NULL)
        goto out;
    rc = TW_EPARSE;
    if (!read_header(cx, st, d, &pos, &lineno))
        goto out;
    if (!st->has_version)
        tw__inv_warn(cx, st->rec.line, "no version column: every device's exposure is unknown");
    rc = TW_OK;
    while (pos < d.len && rc == TW_OK) {
        read_record(d, &pos, &lineno, st->delim, &st->rec);
        if (st->rec.unterminated) {
            tw__inv_error(cx, TW_EPARSE, lineno, "unterminated quoted field; row skipped");
            skip_line(d, &pos, &lineno);
            continue;
        }
        if (!blank(&st->rec))
            rc = emit_record(cx, st);
    }
out:
    free(st);
    return rc;
}
