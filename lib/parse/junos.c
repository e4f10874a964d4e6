/*
 * junos.c: the Juniper Junos configuration parser: the reader of both forms.
 *
 * One lexer walks the text (words, quoted strings, "{", "}", ";", "[",
 * "]", "#" and C-style comments, newlines) and keeps a stack of open
 * headers whose words stay in p->w.  A brace-form leaf ends at ";" and its
 * path is the headers' words plus its own; a line that starts with "set"
 * at the top level ends at its newline and its path is its words after
 * "set".  Either way the statement reaches the same code: its secrets are
 * replaced by "<redacted>" (so no secret reaches a field or evidence), its
 * evidence becomes "set " plus the path, the interpreter (junos_stmt.c)
 * reads it, and every address literal on its own line becomes an address
 * fact.  "inactive:" statements give address facts only; "protect:" and
 * "replace:" tags are dropped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cisco_int.h"
#include "junos_int.h"

/* ---- helpers shared with junos_stmt.c --------------------------------- */

bool tw__jn_num(tw_str s, int64_t *out)
{
    if (s.len == 0 || s.len > 18 || s.ptr[0] < '0' || s.ptr[0] > '9')
        return false;
    return tw_str_to_i64(s, out);
}

bool tw__jn_addr(tw_str s, tw_cidr *out)
{
    return tw__cisco_addr(s, out);
}

void tw__jn_warn(jn_parser *p, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tw__cisco_vwarn(p->diags, p->file, p->line, fmt, ap);
    va_end(ap);
}

void tw__jn_begin(jn_parser *p, tw_fact_kind kind)
{
    tw_factset_begin(p->fs, kind, p->line, p->ev, TW_STR_NULL);
}

void tw__jn_end(jn_parser *p)
{
    tw__cisco_end(p->fs, p->diags, p->file, p->line, &p->rc);
}

int64_t tw__jn_secret_type(tw_str s)
{
    if (s.len < 3 || s.ptr[0] != '$' || s.ptr[2] != '$')
        return 0;
    switch (s.ptr[1]) {
    case '9':
        return 7;
    case '1':
        return 5;
    case '5':
    case '6':
        return 8;
    case '8': /* AES-256-GCM under the master password: an encrypted key, IOS type 6 */
        return 6;
    default:
        return 0;
    }
}

/* ---- redaction -------------------------------------------------------- */

/* "$1$...", "$9$...": a hashed or obfuscated secret wherever it stands. */
static bool crypt_word(tw_str s)
{
    return s.len >= 4 && s.ptr[0] == '$' && s.ptr[1] >= '0' && s.ptr[1] <= '9' &&
           (s.ptr[2] == '$' || (s.ptr[2] >= '0' && s.ptr[2] <= '9' && s.ptr[3] == '$'));
}

static bool ends_with(tw_str s, const char *suffix)
{
    return tw_str_ends_with(s, tw_str_c(suffix));
}

/* True when word i is the name of "snmp community NAME" (the secret). */
static bool community_word(const jn_parser *p, size_t i)
{
    return i >= 2 && i < p->list && tw_str_eq_c(p->w[i - 1], "community") &&
           tw_str_eq_c(p->w[i - 2], "snmp");
}

/* True when the word after prev (at i - 1) is a secret. */
static bool announces(const jn_parser *p, size_t i)
{
    tw_str prev = p->w[i - 1];
    bool digits = true;

    for (size_t k = 0; k < p->w[i].len; k++)
        digits = digits && p->w[i].ptr[k] >= '0' && p->w[i].ptr[k] <= '9';
    if (community_word(p, i))
        return true;
    /* a number after "key" is a key id ("server A key 1"), except after
     * an authentication-key outside NTP (a BGP or OSPF key "12345") */
    if (tw_str_eq_c(prev, "authentication-key"))
        return !digits || !(i >= 2 && tw_str_eq_c(p->w[i - 2], "ntp"));
    if (tw_str_eq_c(prev, "password"))
        return !(i >= 2 && tw_str_eq_c(p->w[i - 2], "login"));
    if (tw_str_eq_c(prev, "value"))
        return i >= 3 && tw_str_eq_c(p->w[i - 3], "type");
    if (tw_str_eq_c(prev, "key") || ends_with(prev, "-key"))
        return !digits;
    return tw_str_eq_c(prev, "secret") || tw_str_eq_c(prev, "ascii-text") ||
           tw_str_eq_c(prev, "hexadecimal") || ends_with(prev, "-password") ||
           ends_with(prev, "-secret");
}

/* FNV-1a: tells two communities apart without keeping either. */
static uint64_t word_hash(tw_str s)
{
    uint64_t h = 14695981039346656037ULL;

    for (size_t i = 0; i < s.len; i++)
        h = (h ^ (unsigned char)s.ptr[i]) * 1099511628211ULL;
    return h;
}

/* Replaces the secrets among words [from, nw) by <redacted>.  An SNMP
 * community is judged (and told apart from others) before it goes. */
static void redact(jn_parser *p, size_t from)
{
    for (size_t i = from; i < p->nw; i++) {
        bool s = crypt_word(p->w[i]) || (i > 0 && i < p->list && announces(p, i));
        if (!s)
            continue;
        if (community_word(p, i)) {
            p->comm_strength = tw__community_strength(p->w[i]);
            p->comm_id = word_hash(p->w[i]);
            tw__community_fingerprint(p->fs->fp_key, p->w[i], p->comm_fp);
        }
        p->has_secret = true;
        p->sectype = tw__jn_secret_type(p->w[i]);
        p->w[i] = TW_STR(JN_REDACTED);
        p->quoted[i] = false;
    }
}

/* ---- evidence and the address sweep ----------------------------------- */

#define EV_MAX 2048
#define EV_WORD 256

/* "set " plus the path words, quoted where they were, in the arena. */
static void evidence(jn_parser *p)
{
    char *d = tw_arena_alloc(p->fs->arena, EV_MAX + 16);
    size_t n = 0;

    if (d == NULL) {
        p->ev = TW_STR("set");
        return;
    }
    memcpy(d, "set", 3);
    n = 3;
    for (size_t i = 0; i < p->nw && n < EV_MAX; i++) {
        size_t len = p->w[i].len < EV_WORD ? p->w[i].len : EV_WORD;
        if (n + len + 3 > EV_MAX)
            break;
        d[n++] = ' ';
        if (p->quoted[i])
            d[n++] = '"';
        memcpy(d + n, p->w[i].ptr, len);
        n += len;
        if (p->quoted[i])
            d[n++] = '"';
    }
    d[n] = '\0';
    p->ev = tw_str_make(d, n);
}

/* Makes an address fact of every address literal among words [from, nw);
 * its statement field is the first two path words ("system syslog"). */
static void sweep(jn_parser *p, size_t from)
{
    char head[128];
    tw_str a = tw__jn_w(p, 0), b = tw__jn_w(p, 1);
    tw_cidr c;
    int n = -1;

    for (size_t i = from; i < p->nw && p->rc == TW_OK; i++) {
        if (!tw__jn_addr(p->w[i], &c))
            continue;
        if (n < 0)
            n = snprintf(head, sizeof(head), "%.*s%s%.*s", (int)(a.len < 60 ? a.len : 60), a.ptr,
                         b.len > 0 ? " " : "", (int)(b.len < 60 ? b.len : 60), b.ptr);
        tw__jn_begin(p, TW_FACT_ADDRESS);
        tw_factset_addr_text(p->fs, "value", &c, p->w[i]);
        tw_factset_str(p->fs, "statement", tw_str_make(head, n > 0 ? (size_t)n : 0));
        tw__jn_end(p);
    }
}

/* ---- the lexer -------------------------------------------------------- */

typedef enum { T_EOF, T_WORD, T_LBRACE, T_RBRACE, T_SEMI, T_LBRACK, T_RBRACK, T_NL } tok_kind;

typedef struct {
    const char *d;
    size_t len, pos;
    uint32_t line;
    tok_kind kind;
    tw_str word;
    bool quoted;
    uint32_t tline; /* line of the token */
} lexer;

static void skip_block_comment(lexer *x)
{
    x->pos += 2;
    while (x->pos + 1 < x->len && !(x->d[x->pos] == '*' && x->d[x->pos + 1] == '/')) {
        x->line += x->d[x->pos] == '\n';
        x->pos++;
    }
    x->pos = x->pos + 1 < x->len ? x->pos + 2 : x->len;
}

static void read_quoted(lexer *x)
{
    size_t b = ++x->pos;

    while (x->pos < x->len && x->d[x->pos] != '"') {
        if (x->d[x->pos] == '\\' && x->pos + 1 < x->len)
            x->pos++;
        x->line += x->d[x->pos] == '\n';
        x->pos++;
    }
    x->word = tw_str_make(x->d + b, x->pos - b);
    x->quoted = true;
    if (x->pos < x->len)
        x->pos++;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\0';
}

static bool is_punct(char c)
{
    return c == '{' || c == '}' || c == ';' || c == '[' || c == ']' || c == '\n';
}

static void read_word(lexer *x)
{
    size_t b = x->pos;

    while (x->pos < x->len && !is_space(x->d[x->pos]) && !is_punct(x->d[x->pos]))
        x->pos++;
    x->word = tw_str_make(x->d + b, x->pos - b);
    x->quoted = false;
}

static tok_kind punct_kind(char c)
{
    switch (c) {
    case '{':
        return T_LBRACE;
    case '}':
        return T_RBRACE;
    case ';':
        return T_SEMI;
    case '[':
        return T_LBRACK;
    case ']':
        return T_RBRACK;
    default:
        return T_NL;
    }
}

static void next(lexer *x)
{
    char c;

    for (;;) {
        while (x->pos < x->len && is_space(x->d[x->pos]))
            x->pos++;
        if (x->pos >= x->len) {
            x->kind = T_EOF;
            x->tline = x->line;
            return;
        }
        c = x->d[x->pos];
        if (c == '#') {
            while (x->pos < x->len && x->d[x->pos] != '\n')
                x->pos++;
        } else if (c == '/' && x->pos + 1 < x->len && x->d[x->pos + 1] == '*') {
            skip_block_comment(x);
        } else {
            break;
        }
    }
    x->tline = x->line;
    if (is_punct(c)) {
        x->kind = punct_kind(c);
        x->line += c == '\n';
        x->pos++;
        return;
    }
    x->kind = T_WORD;
    if (c == '"')
        read_quoted(x);
    else
        read_word(x);
}

/* ---- statements and headers ------------------------------------------- */

/* ---- set form: deactivated paths -------------------------------------- */

#define DEACT_MAX 256
#define DEACT_WORDS 16

typedef struct {
    size_t n;
    tw_str w[DEACT_WORDS];
} deact_path;

typedef struct {
    size_t n;
    deact_path v[DEACT_MAX];
} deact_list;

/* Reads the words of the "deactivate PATH" line at pos into d. */
static void read_deact(deact_list *dl, const char *data, size_t len, size_t pos)
{
    lexer x = {.d = data, .len = len, .pos = pos + strlen("deactivate"), .line = 1};
    deact_path *d = &dl->v[dl->n];

    d->n = 0;
    for (next(&x); x.kind == T_WORD; next(&x)) {
        if (d->n == DEACT_WORDS)
            return; /* too deep to match anything we read: ignored */
        d->w[d->n++] = x.word;
    }
    if (d->n > 0)
        dl->n++;
}

/* Collects the paths of the "deactivate" lines of a set-form file. */
static deact_list *find_deactivated(tw_arena *a, const char *data, size_t len)
{
    deact_list *dl = NULL;
    size_t pos = 0;

    while (pos < len) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - data) : len;
        if (end - pos > 11 && memcmp(data + pos, "deactivate ", 11) == 0) {
            if (dl == NULL)
                dl = tw_arena_zalloc(a, sizeof(*dl));
            if (dl != NULL && dl->n < DEACT_MAX)
                read_deact(dl, data, end, pos);
        }
        pos = end + 1;
    }
    return dl;
}

static bool deactivated(const jn_parser *p, const deact_list *dl)
{
    for (size_t i = 0; dl != NULL && i < dl->n; i++) {
        const deact_path *d = &dl->v[i];
        size_t k = 0;
        while (k < d->n && k < p->nw && tw_str_eq(d->w[k], p->w[k]))
            k++;
        if (k == d->n)
            return true;
    }
    return false;
}

typedef struct {
    size_t start; /* words of the enclosing headers */
    bool inactive;
} frame;

typedef struct {
    lexer x;
    frame st[TW_LIMIT_DEPTH];
    int depth;     /* frames on st */
    int lost;      /* headers past TW_LIMIT_DEPTH, counted only */
    size_t fw;     /* words of the open headers */
    bool set_line; /* the current top-level statement began with "set" */
    bool tag_inactive;
    bool started;   /* the current statement has a word or a tag */
    uint32_t sline; /* line of its first word */
    bool too_many;
    const deact_list *deact; /* set form: deactivated paths, or NULL */
} walker;

static void reset_statement(jn_parser *p, walker *k)
{
    p->nw = k->fw;
    p->list = JN_MAXW;
    k->set_line = false;
    k->tag_inactive = false;
    k->started = false;
    k->too_many = false;
}

/* Sets p->base past a leading "groups NAME" (a template's statements are
 * read as if written at the top). */
static void set_base(jn_parser *p)
{
    p->base = (p->nw >= 3 && tw_str_eq_c(p->w[0], "groups")) ? 2 : 0;
}

static bool frames_inactive(const walker *k)
{
    return k->depth > 0 && k->st[k->depth - 1].inactive;
}

static void run_statement(jn_parser *p, walker *k)
{
    if (p->nw == k->fw)
        goto out;
    p->line = k->sline;
    p->own = k->fw;
    p->has_secret = false;
    p->sectype = 0;
    if (p->list > p->nw)
        p->list = p->nw;
    redact(p, k->fw);
    evidence(p);
    set_base(p);
    p->inactive =
        k->tag_inactive || frames_inactive(k) || (k->set_line && deactivated(p, k->deact));
    if (!p->inactive)
        tw__jn_statement(p);
    if (p->rc == TW_OK)
        sweep(p, k->fw);
out:
    reset_statement(p, k);
}

static void push_header(jn_parser *p, walker *k)
{
    bool inactive = k->tag_inactive || frames_inactive(k);

    if (k->depth == TW_LIMIT_DEPTH || k->lost > 0) {
        if (k->lost++ == 0)
            tw__jn_warn(p, "nesting deeper than %d levels: inner statements skipped",
                        TW_LIMIT_DEPTH);
        reset_statement(p, k);
        return;
    }
    p->line = k->sline;
    p->has_secret = false;
    p->list = p->nw;
    redact(p, k->fw);
    evidence(p);
    set_base(p);
    sweep(p, k->fw);
    k->st[k->depth].start = k->fw;
    k->st[k->depth++].inactive = inactive;
    k->fw = p->nw;
    reset_statement(p, k);
}

static void pop_header(jn_parser *p, walker *k)
{
    if (p->nw > k->fw)
        run_statement(p, k); /* a last leaf written without ";" */
    if (k->lost > 0) {
        k->lost--;
        return;
    }
    if (k->depth == 0) {
        p->line = k->x.tline;
        tw__jn_warn(p, "unbalanced \"}\"");
        return;
    }
    k->fw = k->st[--k->depth].start;
    reset_statement(p, k);
}

static bool is_tag(tw_str s)
{
    return tw_str_eq_c(s, "inactive:") || tw_str_eq_c(s, "protect:") ||
           tw_str_eq_c(s, "replace:") || tw_str_eq_c(s, "delete:");
}

static void add_word(jn_parser *p, walker *k)
{
    tw_str s = k->x.word;

    if (!k->started)
        k->sline = k->x.tline;
    if (!k->started && !k->x.quoted && k->depth == 0 && k->lost == 0 && tw_str_eq_c(s, "set")) {
        k->set_line = k->started = true;
        return;
    }
    if (p->nw == k->fw && !k->x.quoted && is_tag(s)) {
        k->tag_inactive = k->tag_inactive || tw_str_eq_c(s, "inactive:");
        k->started = true;
        return;
    }
    k->started = true;
    if (k->lost > 0)
        return;
    if (p->nw == JN_MAXW) {
        if (!k->too_many)
            tw__jn_warn(p, "more than %d words in one statement: the rest ignored", JN_MAXW);
        k->too_many = true;
        return;
    }
    p->quoted[p->nw] = k->x.quoted;
    p->w[p->nw++] = s;
}

/* A newline ends a set line; at the top level it also ends anything else
 * (a prompt, a "deactivate" or "delete" line), which is dropped. */
static void newline(jn_parser *p, walker *k)
{
    if (k->depth > 0 || k->lost > 0 || !k->started)
        return;
    if (k->set_line)
        run_statement(p, k);
    else
        reset_statement(p, k);
}

static void walk(jn_parser *p, walker *k)
{
    for (next(&k->x); k->x.kind != T_EOF && p->rc == TW_OK; next(&k->x)) {
        p->line = k->x.tline;
        switch (k->x.kind) {
        case T_WORD:
            add_word(p, k);
            break;
        case T_LBRACE:
            if (!k->started)
                k->sline = k->x.tline;
            push_header(p, k);
            break;
        case T_RBRACE:
            pop_header(p, k);
            break;
        case T_SEMI:
            run_statement(p, k);
            break;
        case T_LBRACK:
            if (p->list == JN_MAXW)
                p->list = p->nw;
            break;
        case T_NL:
            newline(p, k);
            break;
        default:
            break;
        }
    }
    if (p->rc == TW_OK && k->started && (k->set_line || k->depth > 0))
        run_statement(p, k);
    if (p->rc == TW_OK && k->depth > 0) {
        p->line = k->x.line;
        tw__jn_warn(p, "%d unclosed \"{\" at the end of the file", k->depth);
    }
}

/* Parses a Junos configuration, brace or set form, into fs (see config.h). */
tw_err tw_parse_junos(const char *file, const char *data, size_t len, tw_factset *fs,
                      tw_diags *diags)
{
    jn_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    walker *k = tw_arena_zalloc(fs->arena, sizeof(*k));
    tw_err rc = TW_OK;

    if (p == NULL || k == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    if (len > TW_LIMIT_FILE_SIZE) {
        rc = TW_ELIMIT;
        (void)tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "file larger than %zu bytes",
                           (size_t)TW_LIMIT_FILE_SIZE);
        goto out;
    }
    p->file = file;
    p->fs = fs;
    p->diags = diags;
    fs->dialect = TW_DIALECT_JUNOS;
    k->x.d = data != NULL ? data : "";
    k->x.len = data != NULL ? len : 0;
    k->x.line = 1;
    if (k->x.len >= 3 && memcmp(k->x.d, "\xEF\xBB\xBF", 3) == 0)
        k->x.pos = 3;
    k->deact = find_deactivated(fs->arena, k->x.d, k->x.len);
    reset_statement(p, k);
    walk(p, k);
    if (p->rc == TW_OK)
        tw__jn_finish(p);
    rc = p->rc;
out:
    return rc;
}
