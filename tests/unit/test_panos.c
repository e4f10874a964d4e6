/*
 * test_panos.c: the PAN-OS configuration parser (lib/parse/panos.c) and
 * its detection (lib/parse/dialect.c).
 *
 * Table-driven: fixtures of both forms (tests/unit/data/panos/) expect
 * facts of a kind at exact lines with a field value, exact evidence, and
 * counts per kind; inline rows cover scopes (vsys, templates), quoting,
 * CRLF and hostnames with entities.  Malformed XML rows expect a warning
 * at an exact line with the facts found before it kept; hostile rows
 * (deep nesting, a huge attribute, NUL bytes, a huge line, markup soup)
 * expect no crash, no hang and a bounded result.  Detection rows check
 * both forms and that Cisco and Juniper text is not taken for PAN-OS;
 * every configuration of the public corpus is checked the same way when
 * the corpus is there.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/config.h"
#include "tidewatch/file.h"
#include "tidewatch/limits.h"

#define FIX "data/panos/"
#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    tw_err rc;
} parsed;

static void parse_n(parsed *p, const char *cfg, size_t len)
{
    p->arena = tw_arena_new(0);
    assert_non_null(p->arena);
    tw_factset_init(&p->fs, p->arena);
    tw_diags_init(&p->diags);
    p->rc = tw_parse_panos("t.xml", cfg, len, &p->fs, &p->diags);
}

static void parse(parsed *p, const char *cfg)
{
    parse_n(p, cfg, strlen(cfg));
}

/* Parses a fixture; the file's text stays in *f until done_file. */
static void parse_file(parsed *p, tw_file *f, const char *path)
{
    assert_int_equal(tw_file_read(path, TW_LIMIT_FILE_SIZE, f), TW_OK);
    parse_n(p, f->data, f->len);
}

static void done(parsed *p)
{
    tw_diags_release(&p->diags);
    tw_factset_release(&p->fs);
    tw_arena_free(p->arena);
}

static size_t count(const parsed *p, tw_fact_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < p->fs.n; i++)
        n += p->fs.v[i].kind == kind;
    return n;
}

/* The fact of kind at line, or NULL. */
static const tw_fact *at_line(const parsed *p, tw_fact_kind kind, uint32_t line)
{
    for (size_t i = 0; i < p->fs.n; i++) {
        if (p->fs.v[i].kind == kind && p->fs.v[i].line == line)
            return &p->fs.v[i];
    }
    return NULL;
}

/* The text of field name of the fact of kind at line; "(none)" when there
 * is no such fact or field. */
static const char *field(const parsed *p, tw_fact_kind kind, uint32_t line, const char *name,
                         char *buf, size_t cap)
{
    const tw_fact *f = at_line(p, kind, line);
    const tw_field *x = f != NULL ? tw_fact_get(f, name) : NULL;

    return x != NULL ? tw_str_to_c(x->str, buf, cap) : "(none)";
}

static const char *evidence(const parsed *p, tw_fact_kind kind, uint32_t line, char *buf,
                            size_t cap)
{
    const tw_fact *f = at_line(p, kind, line);

    return f != NULL ? tw_str_to_c(f->evidence, buf, cap) : "(none)";
}

/* True when needle occurs in any evidence or field of the set. */
static bool anywhere(const parsed *p, const char *needle)
{
    for (size_t i = 0; i < p->fs.n; i++) {
        const tw_fact *f = &p->fs.v[i];
        if (tw_str_find(f->evidence, tw_str_c(needle)) >= 0)
            return true;
        for (uint32_t k = 0; k < f->nfields; k++) {
            if (tw_str_find(f->fields[k].str, tw_str_c(needle)) >= 0)
                return true;
        }
    }
    return false;
}

/* ---- fixtures: facts at exact lines --------------------------------------- */

typedef struct {
    const char *file;
    tw_fact_kind kind;
    uint32_t line;
    const char *name;
    const char *value;
} fact_row;

static const fact_row fact_rows[] = {
    {"running-config.xml", TW_FACT_HOSTNAME, 29, "name", "pa-edge-01"},
    {"running-config.xml", TW_FACT_SERVICE, 47, "name", "globalprotect-portal"},
    {"running-config.xml", TW_FACT_SERVICE, 47, "instance", "GP-PORTAL"},
    {"running-config.xml", TW_FACT_SERVICE, 47, "enabled", "true"},
    {"running-config.xml", TW_FACT_SERVICE, 47, "vsys", "vsys1"},
    {"running-config.xml", TW_FACT_SERVICE, 47, "template", "(none)"},
    {"running-config.xml", TW_FACT_SERVICE, 57, "name", "globalprotect-gateway"},
    {"running-config.xml", TW_FACT_SERVICE, 57, "instance", "GP-GW"},
    {"running-config.xml", TW_FACT_SERVICE, 60, "name", "globalprotect-gateway"},
    {"running-config.xml", TW_FACT_SERVICE, 60, "instance", "GP & Partners"},
    {"running-config.set", TW_FACT_HOSTNAME, 3, "name", "pa-edge-02"},
    {"running-config.set", TW_FACT_SERVICE, 7, "name", "globalprotect-portal"},
    {"running-config.set", TW_FACT_SERVICE, 7, "instance", "GP-PORTAL"},
    {"running-config.set", TW_FACT_SERVICE, 7, "enabled", "true"},
    {"running-config.set", TW_FACT_SERVICE, 7, "vsys", "(none)"},
    {"running-config.set", TW_FACT_SERVICE, 9, "name", "globalprotect-gateway"},
    {"running-config.set", TW_FACT_SERVICE, 9, "instance", "GP gateway"},
    {"running-config.set", TW_FACT_SERVICE, 11, "instance", "GW-V2"},
    {"running-config.set", TW_FACT_SERVICE, 11, "vsys", "vsys2"},
    {"panorama.xml", TW_FACT_HOSTNAME, 6, "name", "panorama-1"},
    {"panorama.xml", TW_FACT_SERVICE, 23, "name", "globalprotect-portal"},
    {"panorama.xml", TW_FACT_SERVICE, 23, "instance", "TPL-PORTAL"},
    {"panorama.xml", TW_FACT_SERVICE, 23, "template", "BRANCH-TPL"},
    {"panorama.xml", TW_FACT_SERVICE, 23, "vsys", "vsys1"},
    {"panorama.xml", TW_FACT_SERVICE, 36, "name", "globalprotect-gateway"},
    {"panorama.xml", TW_FACT_SERVICE, 36, "instance", "DEV-GW"},
    {"panorama.xml", TW_FACT_SERVICE, 36, "vsys", "(none)"},
    {"no-globalprotect.xml", TW_FACT_HOSTNAME, 6, "name", "pa-branch-07"},
};

static void test_fixture_facts(void **state)
{
    char buf[512], path[256];

    (void)state;
    for (size_t i = 0; i < N(fact_rows); i++) {
        const fact_row *r = &fact_rows[i];
        parsed p;
        tw_file f;
        print_message("row %zu: %s line %u %s\n", i, r->file, (unsigned)r->line, r->name);
        (void)snprintf(path, sizeof(path), FIX "%s", r->file);
        parse_file(&p, &f, path);
        assert_int_equal(p.rc, TW_OK);
        assert_string_equal(field(&p, r->kind, r->line, r->name, buf, sizeof(buf)), r->value);
        done(&p);
        tw_file_release(&f);
    }
}

/* ---- fixtures: counts, hostname, evidence, secrets ------------------------ */

typedef struct {
    const char *file;
    size_t hostnames, services, total;
    const char *hostname; /* fs->hostname */
} file_row;

static const file_row file_rows[] = {
    {"running-config.xml", 1, 3, 4, "pa-edge-01"},
    {"running-config.set", 1, 3, 4, "pa-edge-02"},
    {"panorama.xml", 1, 2, 3, "panorama-1"},
    {"no-globalprotect.xml", 1, 0, 1, "pa-branch-07"},
};

static void test_fixture_counts(void **state)
{
    static const char *const secrets[] = {"PHASH", "FIXTUREKEY",   "$5$",       "$1$",
                                          "phash", "override-key", "COMMENTED", "template-host"};
    char buf[256], path[256];

    (void)state;
    for (size_t i = 0; i < N(file_rows); i++) {
        const file_row *r = &file_rows[i];
        parsed p;
        tw_file f;
        print_message("file %s\n", r->file);
        (void)snprintf(path, sizeof(path), FIX "%s", r->file);
        parse_file(&p, &f, path);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.diags.n, 0);
        assert_int_equal(p.fs.dialect, TW_DIALECT_PANOS);
        assert_int_equal(count(&p, TW_FACT_HOSTNAME), r->hostnames);
        assert_int_equal(count(&p, TW_FACT_SERVICE), r->services);
        assert_int_equal(p.fs.n, r->total);
        assert_string_equal(tw_str_to_c(p.fs.hostname, buf, sizeof(buf)), r->hostname);
        for (size_t k = 0; k < N(secrets); k++)
            assert_false(anywhere(&p, secrets[k]));
        done(&p);
        tw_file_release(&f);
    }
}

typedef struct {
    const char *file;
    tw_fact_kind kind;
    uint32_t line;
    const char *evidence;
} evidence_row;

static const evidence_row evidence_rows[] = {
    {"running-config.xml", TW_FACT_HOSTNAME, 29, "<hostname>pa-edge-01</hostname>"},
    {"running-config.xml", TW_FACT_SERVICE, 47, "<entry name=\"GP-PORTAL\">"},
    {"running-config.xml", TW_FACT_SERVICE, 60, "<entry name=\"GP &amp; Partners\"/>"},
    {"running-config.set", TW_FACT_HOSTNAME, 3, "set deviceconfig system hostname pa-edge-02"},
    {"running-config.set", TW_FACT_SERVICE, 7,
     "set global-protect global-protect-portal GP-PORTAL"},
    {"running-config.set", TW_FACT_SERVICE, 9,
     "set global-protect global-protect-gateway \"GP gateway\""},
    {"running-config.set", TW_FACT_SERVICE, 11,
     "set vsys vsys2 global-protect global-protect-gateway GW-V2"},
};

static void test_fixture_evidence(void **state)
{
    char buf[512], path[256];

    (void)state;
    for (size_t i = 0; i < N(evidence_rows); i++) {
        const evidence_row *r = &evidence_rows[i];
        parsed p;
        tw_file f;
        (void)snprintf(path, sizeof(path), FIX "%s", r->file);
        parse_file(&p, &f, path);
        assert_string_equal(evidence(&p, r->kind, r->line, buf, sizeof(buf)), r->evidence);
        done(&p);
        tw_file_release(&f);
    }
}

/* ---- inline rows ------------------------------------------------------------ */

static const fact_row inline_rows[] = {
    {"set template T1 config devices localhost.localdomain vsys vsys1 global-protect "
     "global-protect-portal P1 portal-config local-address interface ethernet1/1\n",
     TW_FACT_SERVICE, 1, "template", "T1"},
    {"set template T1 config devices localhost.localdomain vsys vsys1 global-protect "
     "global-protect-portal P1 portal-config x\n",
     TW_FACT_SERVICE, 1, "vsys", "vsys1"},
    {"set template-stack TS1 config global-protect global-protect-gateway G1 x\n", TW_FACT_SERVICE,
     1, "template", "TS1"},
    {"set deviceconfig system hostname \"fw-quoted\"\n", TW_FACT_HOSTNAME, 1, "name", "fw-quoted"},
    {"set deviceconfig system hostname fw-crlf\r\nset global-protect global-protect-portal P "
     "portal-config x\r\n",
     TW_FACT_HOSTNAME, 1, "name", "fw-crlf"},
    {"set deviceconfig system hostname fw-crlf\r\nset global-protect global-protect-portal P "
     "portal-config x\r\n",
     TW_FACT_SERVICE, 2, "instance", "P"},
    {"admin@fw1> show config running\nset global-protect global-protect-portal \"GP open\n",
     TW_FACT_SERVICE, 2, "instance", "GP open"},
    {"set global-protect global-protect-portal \"GP portal\"\n", TW_FACT_SERVICE, 1, "instance",
     "GP portal"},
    {"\xEF\xBB\xBF<config urldb=\"x\">\n<devices><entry name=\"localhost.localdomain\">\n"
     "<global-protect><global-protect-portal>\n<entry name=\"DEV-P\">\n</entry>"
     "</global-protect-portal></global-protect></entry></devices></config>\n",
     TW_FACT_SERVICE, 4, "instance", "DEV-P"},
    {"<config><!-- <global-protect><global-protect-portal><entry name=\"C\"/> -->\n"
     "<![CDATA[<global-protect><global-protect-portal><entry name=\"D\"/>]]>\n"
     "<?pi <entry name=\"E\"/> ?><global-protect><global-protect-gateway>\n"
     "<entry\n name='S q'\n/></global-protect-gateway></global-protect></config>\n",
     TW_FACT_SERVICE, 4, "instance", "S q"},
    {"<config><devices><entry name=\"localhost.localdomain\"><network><tunnel>"
     "<global-protect-gateway><entry name=\"TUN\"/></global-protect-gateway></tunnel>"
     "</network></entry></devices></config>\n",
     TW_FACT_SERVICE, 1, "instance", "(none)"},
    {"<global-protect><global-protect-portal><entry name=\"NOCONFIG\"/>"
     "</global-protect-portal></global-protect>\n",
     TW_FACT_SERVICE, 1, "instance", "(none)"},
};

static void test_inline(void **state)
{
    char buf[512];

    (void)state;
    for (size_t i = 0; i < N(inline_rows); i++) {
        const fact_row *r = &inline_rows[i];
        parsed p;
        print_message("row %zu\n", i);
        parse(&p, r->file);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.diags.n, 0);
        assert_string_equal(field(&p, r->kind, r->line, r->name, buf, sizeof(buf)), r->value);
        done(&p);
    }
}

/* ---- hostnames with entities ------------------------------------------------ */

typedef struct {
    const char *text;
    const char *want;
} entity_row;

static const entity_row entity_rows[] = {
    {"a&amp;b", "a&b"},     {"&lt;x&gt;", "<x>"},       {"&quot;q&apos;", "\"q'"},
    {"fw&#45;1", "fw-1"},   {"fw&#x41;&#X42;", "fwAB"}, {"&bogus;x", "&bogus;x"},
    {"a&amp", "a&amp"},     {"&#0;z", "&#0;z"},         {"&#;z", "&#;z"},
    {"  fw-sp  ", "fw-sp"}, {"&amp;amp;", "&amp;"},
};

static void test_entities(void **state)
{
    char cfg[1024], buf[256];

    (void)state;
    for (size_t i = 0; i < N(entity_rows); i++) {
        parsed p;
        (void)snprintf(cfg, sizeof(cfg),
                       "<config version=\"10.2.0\" urldb=\"paloaltonetworks\">\n<devices>"
                       "<entry name=\"localhost.localdomain\"><deviceconfig><system>\n"
                       "<hostname>%s</hostname></system></deviceconfig></entry></devices>\n"
                       "</config>\n",
                       entity_rows[i].text);
        print_message("row %zu\n", i);
        parse(&p, cfg);
        assert_int_equal(p.diags.n, 0);
        assert_string_equal(field(&p, TW_FACT_HOSTNAME, 3, "name", buf, sizeof(buf)),
                            entity_rows[i].want);
        assert_string_equal(tw_str_to_c(p.fs.hostname, buf, sizeof(buf)), entity_rows[i].want);
        done(&p);
    }
}

/* ---- malformed XML ------------------------------------------------------------ */

#define HEAD                                                                                       \
    "<config urldb=\"x\">\n<devices>\n<entry name=\"localhost.localdomain\">\n"                    \
    "<deviceconfig><system><hostname>fw1</hostname></system></deviceconfig>\n"
#define GP "<vsys><entry name=\"vsys1\"><global-protect><global-protect-portal>\n"

typedef struct {
    const char *text;
    uint32_t line;       /* of the warning */
    const char *message; /* its start */
    size_t facts;        /* kept */
} bad_row;

static const bad_row bad_rows[] = {
    {HEAD "<vsys\n", 5, "unterminated xml tag", 1},
    {HEAD "<vsys name=\"v\n\n", 5, "unterminated xml tag", 1},
    {HEAD "<vsys name=v>\n", 5, "malformed xml tag", 1},
    {HEAD "< vsys>\n", 5, "malformed xml tag", 1},
    {HEAD "<vsys / >\n", 5, "malformed xml tag", 1},
    {HEAD GP "<entry name=\"P\">\n</global-protect>\n", 7,
     "mismatched xml close tag </global-protect> for <entry> of line 6", 2},
    {HEAD "</vsys\n", 5, "unterminated xml close tag", 1},
    {HEAD "</entry></devices></config></config>\n", 5,
     "xml close tag </config> without an open element", 1},
    {HEAD "<!-- never closed\n\n", 5, "unterminated xml comment", 1},
    {HEAD "<![CDATA[ x\n", 5, "unterminated xml cdata section", 1},
    {HEAD "<?pi x\n", 5, "unterminated xml processing instruction", 1},
    {HEAD "<!DOCTYPE x\n", 5, "unterminated xml declaration", 1},
    {HEAD GP "<entry name=\"P\"/>\n", 7, "xml ends inside <global-protect-portal> of line 5", 2},
    {"<config><devices><entry name=\"localhost.localdomain\"><deviceconfig><system>\n"
     "<hostname>fw\001x</hostname>\n",
     2, "hostname with a control character skipped", 0},
};

static void test_malformed(void **state)
{
    char buf[256];

    (void)state;
    for (size_t i = 0; i < N(bad_rows); i++) {
        const bad_row *r = &bad_rows[i];
        parsed p;
        print_message("row %zu\n", i);
        parse(&p, r->text);
        assert_int_equal(p.rc, TW_OK);
        assert_true(p.diags.n >= 1);
        assert_int_equal(p.diags.v[0].level, TW_DIAG_WARNING);
        assert_int_equal(p.diags.v[0].line, r->line);
        assert_string_equal(p.diags.v[0].file, "t.xml");
        tw_str_to_c(tw_str_make(p.diags.v[0].message, strlen(r->message)), buf, sizeof(buf));
        assert_string_equal(buf, r->message);
        assert_int_equal(p.fs.n, r->facts);
        done(&p);
    }
}

/* ---- hostile input -------------------------------------------------------------- */

/* A buffer of prefix, then n copies of unit, then suffix (heap). */
static char *repeat(const char *prefix, const char *unit, size_t n, const char *suffix, size_t *len)
{
    size_t a = strlen(prefix), u = strlen(unit), s = strlen(suffix);
    char *b = malloc(a + u * n + s + 1);

    assert_non_null(b);
    memcpy(b, prefix, a);
    for (size_t i = 0; i < n; i++)
        memcpy(b + a + i * u, unit, u);
    memcpy(b + a + u * n, suffix, s + 1);
    *len = a + u * n + s;
    return b;
}

typedef struct {
    const char *prefix, *unit;
    size_t n;
    const char *suffix;
    const char *message; /* start of the first warning; NULL: none */
    size_t facts;
    size_t services;
} hostile_row;

static const hostile_row hostile_rows[] = {
    {HEAD, "<a>", 100000, "", "xml elements nested deeper than 64", 1, 0},
    {HEAD GP "<entry name=\"", "A", (size_t)2 << 20, "\"/>",
     "globalprotect entry name longer than 255 bytes skipped", 1, 0},
    {HEAD "<x a=\"", "B", (size_t)2 << 20, "", "unterminated xml tag", 1, 0},
    {"", "<", 100000, "", "malformed xml tag", 0, 0},
    {"<config>", "<!-- -- -->", 100000, "</config>", NULL, 0, 0},
    {"", "set deviceconfig system hostname ", 40000,
     "\nset global-protect "
     "global-protect-portal P1 x\n",
     "line longer than", 1, 1},
    {"set global-protect global-protect-portal P", "x", 300,
     " a\nset global-protect global-protect-gateway G b\n",
     "globalprotect entry name longer than 255 bytes skipped", 1, 1},
    {"", "set global-protect global-protect-portal SAME x\n", 100000, "", NULL, 1, 1},
};

static void test_hostile(void **state)
{
    char buf[256];

    (void)state;
    for (size_t i = 0; i < N(hostile_rows); i++) {
        const hostile_row *r = &hostile_rows[i];
        const char *msg = r->message != NULL ? r->message : "(none)";
        size_t len;
        char *text = repeat(r->prefix, r->unit, r->n, r->suffix, &len);
        parsed p;
        print_message("row %zu\n", i);
        parse_n(&p, text, len);
        assert_int_equal(p.rc, TW_OK);
        tw_str_to_c(p.diags.n ? tw_str_make(p.diags.v[0].message, strlen(msg)) : TW_STR("(none)"),
                    buf, sizeof(buf));
        assert_string_equal(buf, msg);
        assert_int_equal(p.fs.n, r->facts);
        assert_int_equal(count(&p, TW_FACT_SERVICE), r->services);
        done(&p);
        free(text);
    }
}

/* NUL bytes: a name holding one is refused, the rest is read. */
typedef struct {
    const char *text;
    size_t len;
    size_t warnings;
    uint32_t line; /* of a service fact */
    const char *instance;
} nul_row;

#define NUL_ROW(lit, w, line, inst)                                                                \
    {                                                                                              \
        lit, sizeof(lit) - 1, w, line, inst                                                        \
    }

static const nul_row nul_rows[] = {
    NUL_ROW("<config><devices><entry name=\"localhost.localdomain\"><deviceconfig><system>\n"
            "<hostname>f\0w</hostname></system></deviceconfig>\0\n<global-protect>"
            "<global-protect-portal>\n<entry name=\"P\0\"/><entry name=\"Q\"/>\n",
            3, 4, "Q"),
    NUL_ROW("set deviceconfig system hostname fw\0x\nset global-protect "
            "global-protect-portal P1\0 x\nset global-protect global-protect-portal P2 x\n",
            2, 3, "P2"),
};

static void test_nul_bytes(void **state)
{
    char buf[256];

    (void)state;
    for (size_t i = 0; i < N(nul_rows); i++) {
        parsed p;
        parse_n(&p, nul_rows[i].text, nul_rows[i].len);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.diags.n, nul_rows[i].warnings);
        assert_int_equal(p.fs.n, 1);
        assert_int_equal(p.fs.hostname.len, 0);
        assert_string_equal(
            field(&p, TW_FACT_SERVICE, nul_rows[i].line, "instance", buf, sizeof(buf)),
            nul_rows[i].instance);
        done(&p);
    }
}

/* The fact cap: a limit reached is TW_ELIMIT with the facts kept. */
static void test_fact_limit(void **state)
{
    static const char *const texts[] = {
        "set global-protect global-protect-portal A x\nset global-protect "
        "global-protect-portal B x\nset global-protect global-protect-portal C x\n",
        "<config><global-protect><global-protect-portal><entry name=\"A\"/><entry name=\"B\"/>"
        "<entry name=\"C\"/></global-protect-portal></global-protect></config>",
    };

    (void)state;
    for (size_t i = 0; i < N(texts); i++) {
        parsed p;
        p.arena = tw_arena_new(0);
        tw_factset_init(&p.fs, p.arena);
        tw_diags_init(&p.diags);
        p.fs.max = 2;
        p.rc = tw_parse_panos("t", texts[i], strlen(texts[i]), &p.fs, &p.diags);
        assert_int_equal(p.rc, TW_ELIMIT);
        assert_int_equal(p.fs.n, 2);
        assert_int_equal(p.diags.errors, 1);
        done(&p);
    }
}

/* ---- detection and dispatch ----------------------------------------------------- */

static const char *const detect_files[] = {
    FIX "running-config.xml",
    FIX "running-config.set",
    FIX "panorama.xml",
    FIX "no-globalprotect.xml",
};

typedef struct {
    const char *text;
    tw_dialect want;
} detect_row;

static const detect_row detect_rows[] = {
    {"<config version=\"9.1.0\" urldb=\"paloaltonetworks\">\n</config>\n", TW_DIALECT_PANOS},
    {"<response status=\"success\"><result>\n  <devices>\n    <entry "
     "name=\"localhost.localdomain\">\n",
     TW_DIALECT_PANOS},
    {"set deviceconfig system hostname fw1\n", TW_DIALECT_PANOS},
    {"set network interface ethernet ethernet1/1 layer3\nset rulebase security rules r1\n",
     TW_DIALECT_PANOS},
    {"set network interface ethernet ethernet1/1 layer3\n", TW_DIALECT_UNKNOWN},
    {"<config version=\"1.0\">\n<devices>\n<entry name=\"r1\">\n", TW_DIALECT_UNKNOWN},
    {"<configuration junos:commit-seconds=\"1\">\n<system><host-name>j1</host-name>\n",
     TW_DIALECT_UNKNOWN},
    {"set system host-name j3\nset interfaces ge-0/0/0 unit 0\nset system ntp server 1.2.3.4\n",
     TW_DIALECT_JUNOS},
    {"system {\n    host-name j2;\n}\ninterfaces {\n}\n", TW_DIALECT_JUNOS},
    {"!Command: show running-config\nversion 9.3(5)\nfeature ssh\nhostname n1\n", TW_DIALECT_NXOS},
    {"!\nversion 17.9\nhostname xe1\n", TW_DIALECT_IOSXE},
    {"!\nhostname r2\n!\nroute-map RM permit 10\n set network 10.0.0.0\n set rulebase x\n",
     TW_DIALECT_IOS},
};

static void test_detect(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(detect_files); i++) {
        tw_file f;
        assert_int_equal(tw_file_read(detect_files[i], TW_LIMIT_FILE_SIZE, &f), TW_OK);
        assert_int_equal(tw_dialect_detect(f.data, f.len), TW_DIALECT_PANOS);
        tw_file_release(&f);
    }
    for (size_t i = 0; i < N(detect_rows); i++) {
        const detect_row *r = &detect_rows[i];
        print_message("row %zu\n", i);
        assert_string_equal(tw_dialect_name(tw_dialect_detect(r->text, strlen(r->text))),
                            tw_dialect_name(r->want));
    }
}

static void test_names_and_dispatch(void **state)
{
    static const char cfg[] = "set deviceconfig system hostname fw9\n";
    tw_dialect d = TW_DIALECT_UNKNOWN, d2 = TW_DIALECT_UNKNOWN;
    parsed p;
    char buf[64];

    (void)state;
    assert_string_equal(tw_dialect_name(TW_DIALECT_PANOS), "pan-os");
    assert_true(tw_dialect_parse(tw_str_c("pan-os"), &d));
    assert_int_equal(d, TW_DIALECT_PANOS);
    assert_true(tw_dialect_parse(tw_str_c("PANOS"), &d2));
    assert_int_equal(d2, TW_DIALECT_PANOS);
    assert_true(tw_config_supported(TW_DIALECT_PANOS));
    p.arena = tw_arena_new(0);
    tw_factset_init(&p.fs, p.arena);
    tw_diags_init(&p.diags);
    p.rc = tw_config_parse("fw9.cfg", cfg, sizeof(cfg) - 1, TW_DIALECT_PANOS, &p.fs, &p.diags);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    assert_int_equal(p.fs.dialect, TW_DIALECT_PANOS);
    assert_string_equal(tw_str_to_c(p.fs.hostname, buf, sizeof(buf)), "fw9");
    done(&p);
}

/* ---- the public corpus: nothing there is PAN-OS ---------------------------------- */

static size_t corpus_files, corpus_panos;

static int corpus_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    tw_file f;

    (void)st;
    (void)ftw;
    if (type != FTW_F || tw_file_read(path, TW_LIMIT_FILE_SIZE, &f) != TW_OK)
        return 0;
    corpus_files++;
    corpus_panos += tw_dialect_detect(f.data, f.len) == TW_DIALECT_PANOS;
    tw_file_release(&f);
    return 0;
}

static void test_corpus_not_panos(void **state)
{
    (void)state;
    corpus_files = 0;
    corpus_panos = 0;
    if (nftw(TW_CORPUS_DIR "/configs", corpus_one, 16, FTW_PHYS) != 0 || corpus_files == 0)
        skip();
    assert_int_equal(corpus_panos, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_facts),
        cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_fixture_evidence),
        cmocka_unit_test(test_inline),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_fact_limit),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_names_and_dispatch),
        cmocka_unit_test(test_corpus_not_panos),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
