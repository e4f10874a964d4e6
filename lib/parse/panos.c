/*
 * panos.c: the Palo Alto PAN-OS configuration parser.
 *
 * PAN-OS keeps its configuration as one XML document; the CLI can also
 * print it as `set` commands.  Both forms are read here, for a few facts
 * only: the hostname and the GlobalProtect portals and gateways (the
 * precondition of CVE-2024-3400).  The XML form goes through a small,
 * bounded scanner, not a general XML parser: start and end tags with
 * their attributes, text, and comments, CDATA, processing instructions
 * and declarations passed over.  It keeps the path of open elements (at
 * most TW_LIMIT_DEPTH) with the `name` attribute of each, and stops at the
 * first malformed construct with a warning at its line, keeping what it
 * found before.  The set form is read a line at a time, with double
 * quotes around names that hold spaces; a portal or gateway named on many
 * lines is one fact, at its first line (a hash set in the arena).
 * No value is taken from a secret: facts quote only an `<entry>` or
 * `<hostname>` element, or a `set` line up to the name it sets.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#define PAN_NAME_MAX 255     /* longest hostname, entry, vsys or template name kept */
#define PAN_EVIDENCE_MAX 256 /* evidence is cut there */
#define PAN_FORM_WINDOW ((size_t)64 << 10)
#define PAN_SET_TOKENS 16 /* tokens of a set line looked at */

/* One open element: its name, its raw `name` attribute, its line. */
typedef struct {
    tw_str tag;
    tw_str entry;
    bool has_entry;
    uint32_t line;
} pan_elem;

/* One key of the set form's hash set of portals and gateways seen. */
typedef struct {
    uint64_t hash;
    const char *key;
    size_t len;
} pan_slot;

typedef struct {
    const char *file;
    tw_factset *fs;
    tw_diags *diags;
    tw_err rc; /* fatal condition: stops the scan */
    bool stop; /* malformed XML: stops the scan, not an error */
    const char *data;
    size_t len, pos;
    uint32_t line; /* line of data[pos] */
    int depth;
    pan_elem stack[TW_LIMIT_DEPTH];
    int host_depth; /* depth of the open <hostname> to read; 0: none */
    bool host_seen_text;
    tw_str host_text;
    const char *host_tag; /* its '<' */
    uint32_t host_line;
    pan_slot *slots; /* set form: open addressing, nslots a power of two */
    size_t nslots, used;
} pan_parser;

/* A scope of a portal or gateway: its template and vsys, when known. */
typedef struct {
    tw_str tmpl;
    tw_str vsys;
} pan_scope;

/* ---- diagnostics and facts ---------------------------------------------- */

static void warn_at(pan_parser *p, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void warn_at(pan_parser *p, uint32_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
        msg[0] = '\0';
    va_end(ap);
    (void)tw_diags_add(p->diags, TW_DIAG_WARNING, TW_EPARSE, p->file, line, 0, NULL, "%s", msg);
}

/* Ends the XML scan on malformed input. */
#define MALFORMED(p, line, ...)                                                                    \
    do {                                                                                           \
        warn_at((p), (line), __VA_ARGS__);                                                         \
        (p)->stop = true;                                                                          \
    } while (0)

static void end_fact(pan_parser *p, uint32_t line)
{
    tw_err rc = tw_factset_end(p->fs);

    if (rc != TW_OK && p->rc == TW_OK) {
        p->rc = rc;
        (void)tw_diags_add(p->diags, TW_DIAG_ERROR, rc, p->file, line, 0, NULL,
                           "cannot keep facts: %s", tw_strerror(rc));
    }
}

/* s up to its first control byte (tab aside), at most PAN_EVIDENCE_MAX bytes. */
static tw_str evidence_of(tw_str s)
{
    size_t n = 0;

    while (n < s.len && n < PAN_EVIDENCE_MAX &&
           ((unsigned char)s.ptr[n] >= 0x20 || s.ptr[n] == '\t') && s.ptr[n] != 0x7f)
        n++;
    return tw_str_make(s.ptr, n);
}

/* True when v is a name worth keeping: not empty, not too long, no control
 * byte; a warning at line says why not otherwise. */
static bool value_ok(pan_parser *p, uint32_t line, const char *what, tw_str v)
{
    if (v.len == 0)
        return false;
    if (v.len > PAN_NAME_MAX) {
        warn_at(p, line, "%s longer than %d bytes skipped", what, PAN_NAME_MAX);
        return false;
    }
    for (size_t i = 0; i < v.len; i++) {
        if ((unsigned char)v.ptr[i] < 0x20 || v.ptr[i] == 0x7f) {
            warn_at(p, line, "%s with a control character skipped", what);
            return false;
        }
    }
    return true;
}

static void emit_hostname(pan_parser *p, uint32_t line, tw_str name, tw_str evidence)
{
    tw_factset_begin(p->fs, TW_FACT_HOSTNAME, line, evidence_of(evidence), TW_STR_NULL);
    tw_factset_str(p->fs, "name", name);
    end_fact(p, line);
    if (p->fs->n > 0 && p->fs->v[p->fs->n - 1].kind == TW_FACT_HOSTNAME)
        p->fs->hostname = p->fs->v[p->fs->n - 1].fields[0].str;
}

/* One service fact for a portal (gateway false) or a gateway. */
static void emit_gp(pan_parser *p, uint32_t line, bool gateway, tw_str instance,
                    const pan_scope *sc, tw_str evidence)
{
    tw_factset_begin(p->fs, TW_FACT_SERVICE, line, evidence_of(evidence), TW_STR_NULL);
    tw_factset_str(p->fs, "name",
                   gateway ? TW_STR("globalprotect-gateway") : TW_STR("globalprotect-portal"));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_str(p->fs, "instance", instance);
    if (sc->vsys.len > 0)
        tw_factset_str(p->fs, "vsys", sc->vsys);
    if (sc->tmpl.len > 0)
        tw_factset_str(p->fs, "template", sc->tmpl);
    end_fact(p, line);
}

/* ---- XML text ------------------------------------------------------------ */

/* The character of a numeric reference "#N" / "#xH" when it is printable
 * ASCII; 0 otherwise. */
static char char_ref(tw_str r)
{
    unsigned v = 0, base = 10;
    size_t i = 1;

    if (r.len < 2 || r.len > 6 || r.ptr[0] != '#')
        return 0;
    if (r.ptr[1] == 'x' || r.ptr[1] == 'X') {
        base = 16;
        i = 2;
    }
    if (i == r.len)
        return 0;
    for (; i < r.len; i++) {
        char c = r.ptr[i];
        unsigned d = c >= '0' && c <= '9'                 ? (unsigned)(c - '0')
                     : base == 16 && c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : base == 16 && c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                                          : 99;
        if (d >= base)
            return 0;
        v = v * base + d;
    }
    return v >= 0x20 && v < 0x7f ? (char)v : 0;
}

/* The character an entity body (between '&' and ';') stands for; 0 when
 * it is not one of the five XML entities or a printable ASCII reference. */
static char entity(tw_str r)
{
    static const struct {
        const char *name;
        char c;
    } ents[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};

    for (size_t i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
        if (tw_str_eq_c(r, ents[i].name))
            return ents[i].c;
    }
    return char_ref(r);
}

/* Decodes the entities of s (at most PAN_NAME_MAX bytes) into out, which
 * has room for PAN_NAME_MAX + 1 bytes; an unknown entity stays as written. */
static tw_str decode(tw_str s, char *out)
{
    size_t n = 0, i = 0;

    while (i < s.len && n < PAN_NAME_MAX) {
        const char *semi = s.ptr[i] == '&' ? memchr(s.ptr + i, ';', s.len - i) : NULL;
        char c = semi != NULL && semi - (s.ptr + i) <= 8
                     ? entity(tw_str_make(s.ptr + i + 1, (size_t)(semi - (s.ptr + i)) - 1))
                     : 0;
        if (c != 0) {
            out[n++] = c;
            i = (size_t)(semi - s.ptr) + 1;
        } else {
            out[n++] = s.ptr[i++];
        }
    }
    out[n] = '\0';
    return tw_str_make(out, n);
}

/* ---- XML scanner: position and search ------------------------------------ */

/* Moves to data[to], counting the line ends passed over. */
static void seek(pan_parser *p, size_t to)
{
    while (p->pos < to) {
        const char *nl = memchr(p->data + p->pos, '\n', to - p->pos);
        if (nl == NULL)
            break;
        p->line++;
        p->pos = (size_t)(nl - p->data) + 1;
    }
    p->pos = to;
}

/* Offset of the first lit at or after from, or len when there is none. */
static size_t find(const pan_parser *p, size_t from, const char *lit)
{
    size_t n = strlen(lit);

    while (from < p->len && p->len - from >= n) {
        const char *c = memchr(p->data + from, lit[0], p->len - from - n + 1);
        if (c == NULL)
            break;
        from = (size_t)(c - p->data);
        if (memcmp(c, lit, n) == 0)
            return from;
        from++;
    }
    return p->len;
}

static bool at(const pan_parser *p, size_t i, const char *lit)
{
    size_t n = strlen(lit);

    return i <= p->len && p->len - i >= n && memcmp(p->data + i, lit, n) == 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_space(const pan_parser *p, size_t i)
{
    while (i < p->len && is_space(p->data[i]))
        i++;
    return i;
}

/* ---- XML scanner: the path ------------------------------------------------ */

/* The tag of the element k levels above the innermost open one. */
static tw_str up(const pan_parser *p, int k)
{
    return k < p->depth ? p->stack[p->depth - 1 - k].tag : TW_STR_NULL;
}

/* Index of the outermost open <config>, or -1. */
static int outer_config(const pan_parser *p)
{
    for (int i = 0; i < p->depth; i++) {
        if (tw_str_eq_c(p->stack[i].tag, "config"))
            return i;
    }
    return -1;
}

/* True when a <hostname> opened now is the device's own:
 * config/devices/entry/deviceconfig/system/hostname under the outermost
 * <config> (a Panorama template's hostname lies under a deeper one). */
static bool host_path(const pan_parser *p)
{
    static const char *const path[] = {"devices", "entry", "deviceconfig", "system"};
    int c = outer_config(p);

    if (c < 0 || p->depth != c + 5)
        return false;
    for (int i = 0; i < 4; i++) {
        if (!tw_str_eq_c(p->stack[c + 1 + i].tag, path[i]))
            return false;
    }
    return true;
}

/* The raw `name` of the <entry> under the innermost open element called
 * tag, or the empty view. */
static tw_str entry_under(const pan_parser *p, const char *tag)
{
    for (int i = p->depth - 2; i >= 0; i--) {
        if (tw_str_eq_c(p->stack[i].tag, tag) && tw_str_eq_c(p->stack[i + 1].tag, "entry"))
            return p->stack[i + 1].entry;
    }
    return TW_STR_NULL;
}

/* ---- XML scanner: elements ------------------------------------------------ */

/* An <entry name="N"> opened under global-protect/global-protect-portal or
 * .../global-protect-gateway, inside a <config>: one service fact. */
static void gp_entry(pan_parser *p, tw_str entry, tw_str tag_text)
{
    char nbuf[PAN_NAME_MAX + 1], vbuf[PAN_NAME_MAX + 1], tbuf[PAN_NAME_MAX + 1];
    bool gateway = tw_str_eq_c(up(p, 0), "global-protect-gateway");
    tw_str raw_vsys = entry_under(p, "vsys"), raw_tmpl = entry_under(p, "template");
    pan_scope sc = {TW_STR_NULL, TW_STR_NULL};
    tw_str name;

    if (!(gateway || tw_str_eq_c(up(p, 0), "global-protect-portal")) ||
        !tw_str_eq_c(up(p, 1), "global-protect") || outer_config(p) < 0)
        return;
    if (raw_tmpl.len == 0)
        raw_tmpl = entry_under(p, "template-stack");
    if (!value_ok(p, p->line, "globalprotect entry name", entry))
        return;
    name = decode(entry, nbuf);
    if (value_ok(p, p->line, "vsys name", raw_vsys))
        sc.vsys = decode(raw_vsys, vbuf);
    if (value_ok(p, p->line, "template name", raw_tmpl))
        sc.tmpl = decode(raw_tmpl, tbuf);
    emit_gp(p, p->line, gateway, name, &sc, tag_text);
}

static void open_element(pan_parser *p, const pan_elem *e, bool self_closing, tw_str tag_text)
{
    if (e->has_entry && tw_str_eq_c(e->tag, "entry"))
        gp_entry(p, e->entry, tag_text);
    if (p->rc != TW_OK || self_closing)
        return;
    if (p->depth == TW_LIMIT_DEPTH) {
        MALFORMED(p, e->line, "xml elements nested deeper than %d", TW_LIMIT_DEPTH);
        return;
    }
    if (p->host_depth == 0 && tw_str_eq_c(e->tag, "hostname") && host_path(p)) {
        p->host_depth = p->depth + 1;
        p->host_seen_text = false;
        p->host_text = TW_STR_NULL;
        p->host_tag = tag_text.ptr;
        p->host_line = e->line;
    }
    p->stack[p->depth++] = *e;
}

/* Text between markup: the first run inside the device's <hostname>. */
static void text(pan_parser *p, size_t from, size_t to)
{
    if (p->host_depth == 0 || p->depth != p->host_depth || p->host_seen_text || from == to)
        return;
    p->host_seen_text = true;
    p->host_text = tw_str_trim(tw_str_make(p->data + from, to - from));
}

/* </hostname> of the device's own hostname: the hostname fact. */
static void close_hostname(pan_parser *p, size_t end)
{
    char buf[PAN_NAME_MAX + 1];
    tw_str ev = tw_str_make(p->host_tag, (size_t)(p->data + end - p->host_tag));
    tw_str name;

    p->host_depth = -1; /* only the first one */
    if (!value_ok(p, p->host_line, "hostname", p->host_text))
        return;
    name = decode(p->host_text, buf);
    if (value_ok(p, p->host_line, "hostname", name))
        emit_hostname(p, p->host_line, name, ev);
}

/* "</tag>" at pos. */
static void close_tag(pan_parser *p)
{
    size_t i = p->pos + 2, gt;
    tw_str tag;

    while (i < p->len && !is_space(p->data[i]) && p->data[i] != '>')
        i++;
    tag = tw_str_make(p->data + p->pos + 2, i - p->pos - 2);
    gt = skip_space(p, i);
    if (gt >= p->len || p->data[gt] != '>') {
        MALFORMED(p, p->line, "unterminated xml close tag");
        return;
    }
    if (p->depth == 0) {
        MALFORMED(p, p->line, "xml close tag </%.*s> without an open element",
                  (int)(tag.len > 64 ? 64 : tag.len), tag.ptr);
        return;
    }
    if (!tw_str_eq(tag, p->stack[p->depth - 1].tag)) {
        const pan_elem *o = &p->stack[p->depth - 1];
        MALFORMED(p, p->line, "mismatched xml close tag </%.*s> for <%.*s> of line %u",
                  (int)(tag.len > 64 ? 64 : tag.len), tag.ptr,
                  (int)(o->tag.len > 64 ? 64 : o->tag.len), o->tag.ptr, (unsigned)o->line);
        return;
    }
    if (p->depth == p->host_depth)
        close_hostname(p, gt + 1);
    p->depth--;
    seek(p, gt + 1);
}

/* One attribute at *i (white space skipped): name="value" or name='value'.
 * False on malformed input (the scan stops). */
static bool attribute(pan_parser *p, size_t *i, pan_elem *e)
{
    size_t a = *i, q;
    char quote;
    tw_str name;

    while (*i < p->len && !is_space(p->data[*i]) && p->data[*i] != '=' && p->data[*i] != '>' &&
           p->data[*i] != '/' && p->data[*i] != '<')
        (*i)++;
    name = tw_str_make(p->data + a, *i - a);
    *i = skip_space(p, *i);
    if (name.len == 0 || *i >= p->len || p->data[*i] != '=')
        return false;
    *i = skip_space(p, *i + 1);
    quote = *i < p->len ? p->data[*i] : '\0';
    if (quote != '"' && quote != '\'')
        return false;
    q = find(p, *i + 1, quote == '"' ? "\"" : "'");
    if (q >= p->len) {
        *i = p->len; /* unterminated */
        return false;
    }
    if (tw_str_eq_c(name, "name")) {
        e->entry = tw_str_make(p->data + *i + 1, q - *i - 1);
        e->has_entry = true;
    }
    *i = q + 1;
    return true;
}

/* "<tag attr="v" ...>" or ".../>" at pos. */
static void start_tag(pan_parser *p)
{
    pan_elem e = {TW_STR_NULL, TW_STR_NULL, false, p->line};
    size_t i = p->pos + 1;
    bool self_closing = false;

    while (i < p->len && !is_space(p->data[i]) && p->data[i] != '>' && p->data[i] != '/' &&
           p->data[i] != '<')
        i++;
    e.tag = tw_str_make(p->data + p->pos + 1, i - p->pos - 1);
    for (;;) {
        i = skip_space(p, i);
        if (e.tag.len == 0 || i >= p->len)
            break;
        if (p->data[i] == '>' || at(p, i, "/>")) {
            self_closing = p->data[i] == '/';
            i += self_closing ? 2 : 1;
            open_element(p, &e, self_closing, tw_str_make(p->data + p->pos, i - p->pos));
            seek(p, i);
            return;
        }
        if (!attribute(p, &i, &e))
            break;
    }
    MALFORMED(p, e.line, i >= p->len ? "unterminated xml tag" : "malformed xml tag");
}

/* Markup that holds no element: from pos to the end of close (included). */
static void skip_to(pan_parser *p, size_t body, const char *close, const char *what)
{
    size_t end = find(p, body, close);

    if (end >= p->len) {
        MALFORMED(p, p->line, "unterminated xml %s", what);
        return;
    }
    seek(p, end + strlen(close));
}

/* The markup at pos (a '<'). */
static void markup(pan_parser *p)
{
    if (at(p, p->pos, "<!--"))
        skip_to(p, p->pos + 4, "-->", "comment");
    else if (at(p, p->pos, "<![CDATA["))
        skip_to(p, p->pos + 9, "]]>", "cdata section");
    else if (at(p, p->pos, "<?"))
        skip_to(p, p->pos + 2, "?>", "processing instruction");
    else if (at(p, p->pos, "<!"))
        skip_to(p, p->pos + 2, ">", "declaration");
    else if (at(p, p->pos, "</"))
        close_tag(p);
    else
        start_tag(p);
}

static void xml_scan(pan_parser *p)
{
    if (at(p, 0, "\xEF\xBB\xBF"))
        p->pos = 3;
    while (!p->stop && p->rc == TW_OK && p->pos < p->len) {
        const char *lt = memchr(p->data + p->pos, '<', p->len - p->pos);
        size_t to = lt != NULL ? (size_t)(lt - p->data) : p->len;
        text(p, p->pos, to);
        seek(p, to);
        if (lt != NULL)
            markup(p);
    }
    if (!p->stop && p->rc == TW_OK && p->depth > 0)
        warn_at(p, p->line, "xml ends inside <%.*s> of line %u",
                (int)(p->stack[p->depth - 1].tag.len > 64 ? 64 : p->stack[p->depth - 1].tag.len),
                p->stack[p->depth - 1].tag.ptr, (unsigned)p->stack[p->depth - 1].line);
}

/* ---- set form: the seen portals and gateways ------------------------------ */

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* Re-files every key into a table twice as large (in the arena). */
static bool grow(pan_parser *p)
{
    size_t n = p->nslots ? p->nslots * 2 : 64;
    pan_slot *s = tw_arena_zalloc(p->fs->arena, n * sizeof(*s));

    if (s == NULL)
        return false;
    for (size_t i = 0; i < p->nslots; i++) {
        size_t j = (size_t)p->slots[i].hash & (n - 1);
        if (p->slots[i].key == NULL)
            continue;
        while (s[j].key != NULL)
            j = (j + 1) & (n - 1);
        s[j] = p->slots[i];
    }
    p->slots = s;
    p->nslots = n;
    return true;
}

/* Adds key; true when it was not there yet.  Out of memory sets p->rc. */
static bool first_time(pan_parser *p, const char *key, size_t len)
{
    uint64_t h = fnv(key, len);
    size_t j;

    if ((p->used + 1) * 2 > p->nslots && !grow(p)) {
        p->rc = TW_ENOMEM;
        return false;
    }
    for (j = (size_t)h & (p->nslots - 1); p->slots[j].key != NULL; j = (j + 1) & (p->nslots - 1)) {
        if (p->slots[j].hash == h && p->slots[j].len == len &&
            memcmp(p->slots[j].key, key, len) == 0)
            return false;
    }
    p->slots[j].key = tw_arena_strndup(p->fs->arena, key, len);
    if (p->slots[j].key == NULL) {
        p->rc = TW_ENOMEM;
        return false;
    }
    p->slots[j].hash = h;
    p->slots[j].len = len;
    p->used++;
    return true;
}

/* ---- set form: lines ------------------------------------------------------ */

/* A token of a set line: its value (quotes removed) and its text. */
typedef struct {
    tw_str v;
    const char *end; /* past the token, closing quote included */
} pan_tok;

/* Splits s into at most PAN_SET_TOKENS tokens; "double quotes" hold a
 * token with spaces (an unterminated one runs to the end of the line). */
static size_t split(tw_str s, pan_tok *tok)
{
    const char *c = s.ptr, *end = s.ptr + s.len;
    size_t n = 0;

    while (n < PAN_SET_TOKENS) {
        const char *b, *q;
        while (c < end && (*c == ' ' || *c == '\t' || *c == '\r'))
            c++;
        if (c == end)
            break;
        if (*c == '"') {
            q = memchr(c + 1, '"', (size_t)(end - c - 1));
            b = c + 1;
            c = q != NULL ? q + 1 : end;
            tok[n++] = (pan_tok){tw_str_make(b, (size_t)((q != NULL ? q : end) - b)), c};
            continue;
        }
        b = c;
        while (c < end && *c != ' ' && *c != '\t' && *c != '\r')
            c++;
        tok[n++] = (pan_tok){tw_str_make(b, (size_t)(c - b)), c};
    }
    return n;
}

static bool tok_is(const pan_tok *tok, size_t n, size_t i, const char *word)
{
    return i < n && tw_str_eq_c(tok[i].v, word);
}

/* Skips "template T [config] [devices D] [vsys V]" (or template-stack)
 * after "set"; returns the index of the first token after it. */
static size_t set_scope(const pan_tok *tok, size_t n, pan_scope *sc)
{
    size_t i = 1;

    if ((tok_is(tok, n, i, "template") || tok_is(tok, n, i, "template-stack")) && i + 1 < n) {
        sc->tmpl = tok[i + 1].v;
        i += 2;
        i += tok_is(tok, n, i, "config");
    }
    if (tok_is(tok, n, i, "devices") && i + 1 < n)
        i += 2;
    if (tok_is(tok, n, i, "vsys") && i + 1 < n) {
        sc->vsys = tok[i + 1].v;
        i += 2;
    }
    return i;
}

/* "set ... global-protect global-protect-portal|gateway NAME ...": one
 * fact per scope and name, at its first line. */
static void set_gp(pan_parser *p, const pan_tok *tok, size_t n, size_t i, const pan_scope *sc,
                   tw_str line)
{
    char key[3 * PAN_NAME_MAX + 4];
    bool gateway = tok_is(tok, n, i + 1, "global-protect-gateway");
    tw_str name = tok[i + 2].v;
    int k;

    if (!value_ok(p, p->line, "globalprotect entry name", name) ||
        !(sc->vsys.len == 0 || value_ok(p, p->line, "vsys name", sc->vsys)) ||
        !(sc->tmpl.len == 0 || value_ok(p, p->line, "template name", sc->tmpl)))
        return;
    k = snprintf(key, sizeof(key), "%c%.*s%c%.*s%c%.*s", gateway ? 'g' : 'p', (int)sc->tmpl.len,
                 sc->tmpl.ptr, 0, (int)sc->vsys.len, sc->vsys.ptr, 0, (int)name.len, name.ptr);
    if (k < 0 || (size_t)k >= sizeof(key) || !first_time(p, key, (size_t)k))
        return;
    emit_gp(p, p->line, gateway, name, sc,
            tw_str_make(line.ptr, (size_t)(tok[i + 2].end - line.ptr)));
}

static void set_line(pan_parser *p, tw_str raw)
{
    tw_str s = tw_str_trim(raw);
    pan_tok tok[PAN_SET_TOKENS];
    pan_scope sc = {TW_STR_NULL, TW_STR_NULL};
    size_t n, i;

    if (s.len < 4 || memcmp(s.ptr, "set ", 4) != 0)
        return;
    n = split(s, tok);
    i = set_scope(tok, n, &sc);
    if (tok_is(tok, n, i, "deviceconfig") && tok_is(tok, n, i + 1, "system") &&
        tok_is(tok, n, i + 2, "hostname") && i + 3 < n && sc.tmpl.len == 0 && sc.vsys.len == 0 &&
        value_ok(p, p->line, "hostname", tok[i + 3].v))
        emit_hostname(p, p->line, tok[i + 3].v,
                      tw_str_make(s.ptr, (size_t)(tok[i + 3].end - s.ptr)));
    else if (tok_is(tok, n, i, "global-protect") && i + 2 < n &&
             (tok_is(tok, n, i + 1, "global-protect-portal") ||
              tok_is(tok, n, i + 1, "global-protect-gateway")))
        set_gp(p, tok, n, i, &sc, s);
}

static void set_scan(pan_parser *p)
{
    size_t pos = at(p, 0, "\xEF\xBB\xBF") ? 3 : 0;

    while (pos < p->len && p->rc == TW_OK) {
        const char *nl = memchr(p->data + pos, '\n', p->len - pos);
        size_t end = nl != NULL ? (size_t)(nl - p->data) : p->len;

        p->line++;
        if (end - pos > TW_LIMIT_LINE_LEN)
            warn_at(p, p->line, "line longer than %zu bytes skipped", (size_t)TW_LIMIT_LINE_LEN);
        else
            set_line(p, tw_str_make(p->data + pos, end - pos));
        pos = nl != NULL ? end + 1 : p->len;
    }
}

/* ---- entry ---------------------------------------------------------------- */

/* True when the first line (in the first 64 KiB) that starts with '<' comes
 * before any that starts with "set ". */
static bool is_xml(const char *data, size_t len)
{
    tw_str rest = tw_str_make(data, len < PAN_FORM_WINDOW ? len : PAN_FORM_WINDOW), line;

    if (rest.len >= 3 && memcmp(rest.ptr, "\xEF\xBB\xBF", 3) == 0) {
        rest.ptr += 3;
        rest.len -= 3;
    }
    while (tw_str_line(&rest, &line)) {
        tw_str t = tw_str_trim(line);
        if (t.len > 0 && t.ptr[0] == '<')
            return true;
        if (tw_str_starts_with(t, TW_STR("set ")))
            return false;
    }
    return false;
}

/* Parses a PAN-OS configuration, XML or set form, into fs (see config.h). */
tw_err tw_parse_panos(const char *file, const char *data, size_t len, tw_factset *fs,
                      tw_diags *diags)
{
    pan_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    tw_err rc = TW_OK;

    if (p == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    fs->dialect = TW_DIALECT_PANOS;
    if (len > TW_LIMIT_FILE_SIZE) {
        rc = TW_ELIMIT;
        (void)tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "file larger than %zu bytes",
                           (size_t)TW_LIMIT_FILE_SIZE);
        goto out;
    }
    p->file = file;
    p->fs = fs;
    p->diags = diags;
    p->data = data != NULL ? data : "";
    p->len = data != NULL ? len : 0;
    p->line = 1;
    if (is_xml(p->data, p->len)) {
        xml_scan(p);
    } else {
        p->line = 0;
        set_scan(p);
    }
    rc = p->rc;
out:
    return rc;
}
