/*
 * test_ioc_load.c: the indicator loaders: format detection, plain text
 * (comments, defanged forms, skipped and invalid lines with their line
 * numbers), CSV (columns by name, RFC 4180 quoting), STIX 2.1 (ISSUBSET, OR,
 * skipped non-address patterns, JSON errors at their line), and the corpus
 * STIX files when TW_CORPUS_DIR is present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/ioc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One load: the input, the expected result and counters, and the first
 * diagnostic (line and level) when ndiags > 0. */
struct load_case {
    const char *name;
    const char *input;
    tw_err rc;
    tw_ioc_format format;
    size_t added, duplicates, skipped, invalid, ignored;
    size_t ndiags;
    uint32_t diag_line;
    tw_diag_level diag_level;
    tw_err diag_code;
};

static void run_case(const struct load_case *c)
{
    tw_iocset *s = tw_iocset_new();
    tw_diags d;
    tw_ioc_load_stats st;

    tw_diags_init(&d);
    print_message("case %s\n", c->name);
    assert_int_equal(tw_iocset_load_ex(s, "feed.txt", c->input, strlen(c->input), &d, &st), c->rc);
    assert_int_equal(st.format, c->format);
    assert_int_equal(st.added, c->added);
    assert_int_equal(st.duplicates, c->duplicates);
    assert_int_equal(st.skipped, c->skipped);
    assert_int_equal(st.invalid, c->invalid);
    assert_int_equal(st.ignored, c->ignored);
    assert_int_equal(d.n, c->ndiags);
    assert_int_equal(d.n > 0 ? d.v[0].line : 0, c->diag_line);
    assert_int_equal(d.n > 0 ? d.v[0].level : TW_DIAG_ERROR, c->diag_level);
    assert_int_equal(d.n > 0 ? d.v[0].code : TW_OK, c->diag_code);
    assert_string_equal(d.n > 0 ? d.v[0].file : "feed.txt", "feed.txt");
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_count(s), c->added);
    tw_diags_release(&d);
    tw_iocset_free(s);
}

#define TEXT TW_IOC_FORMAT_TEXT
#define CSV TW_IOC_FORMAT_CSV
#define STIX TW_IOC_FORMAT_STIX
#define WARN TW_DIAG_WARNING
#define ERR TW_DIAG_ERROR

static const struct load_case text_cases[] = {
    {"comments", "# feed\n45.61.133.77\n\n   # indented comment\n1.2.3.4 # trailing\n", TW_OK, TEXT,
     2, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"defanged",
     "45.61.133[.]77\n1[.]2[.]3[.]4\n[5.6.7.8]\n9(.)9(.)9(.)9\n10[dot]0[dot]0[dot]1\n"
     "2001[:]db8[:][:]1\n",
     TW_OK, TEXT, 6, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"mixed kinds",
     "evil.example.com\nd41d8cd98f00b204e9800998ecf8427e\nhxxp://1.2.3.4/x\n999.1.1.1\n"
     "010.1.1.1\n45.61.133.77\n",
     TW_OK, TEXT, 4, 0, 0, 2, 0, 2, 4, WARN, TW_EIOC},
    {"bad prefix length", "1.2.3.4/33\n5.6.7.8\n", TW_OK, TEXT, 1, 0, 0, 1, 0, 1, 1, WARN, TW_EIOC},
    {"bad v6", "1.2.3.4\n\n2001:db8::1::2\n", TW_OK, TEXT, 1, 0, 0, 1, 0, 1, 3, WARN, TW_EIOC},
    {"nothing", "hello world\njust text\n", TW_EIOC, TEXT, 0, 0, 0, 0, 2, 1, 0, ERR, TW_EIOC},
    {"empty", "", TW_EIOC, TEXT, 0, 0, 0, 0, 0, 1, 0, ERR, TW_EIOC},
    {"only comments", "# nothing\n#\n", TW_EIOC, TEXT, 0, 0, 0, 0, 0, 1, 0, ERR, TW_EIOC},
    {"only domains", "evil.example.com\n", TW_OK, TEXT, 1, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"cidr", "10.0.0.0/8\n2001:db8::/32\n", TW_OK, TEXT, 2, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"crlf and description", "1.2.3.4\tc2 server\r\n5.6.7.8, exfil\r\n", TW_OK, TEXT, 2, 0, 0, 0, 0,
     0, 0, ERR, TW_OK},
    {"bom",
     "\xEF\xBB\xBF"
     "1.2.3.4\n",
     TW_OK, TEXT, 1, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"duplicates", "1.2.3.4\n1.2.3.4\n::ffff:1.2.3.4\n", TW_OK, TEXT, 1, 2, 0, 0, 0, 0, 0, ERR,
     TW_OK},
    {"no final newline", "1.2.3.4\n999.0.0.1", TW_OK, TEXT, 1, 0, 0, 1, 0, 1, 2, WARN, TW_EIOC},
    {"bracketed v6 and zone", "[2001:db8::1]\nfe80::1%eth0\n", TW_OK, TEXT, 1, 0, 0, 1, 0, 1, 2,
     WARN, TW_EIOC},
};

static const struct load_case csv_cases[] = {
    {"plain", "indicator,description\n45.61.133.77,C2 server\n5.6.7.8,x\n", TW_OK, CSV, 2, 0, 0, 0,
     0, 0, 0, ERR, TW_OK},
    {"quoted", "IP,Comment,CC\n\"1.2.3.4\",\"a, \"\"quoted\"\" comment\",US\n", TW_OK, CSV, 1, 0, 0,
     0, 0, 0, 0, ERR, TW_OK},
    {"multi-line field then bad", "value,description\n1.2.3.4,\"two\nlines\"\n999.1.1.1,bad\n",
     TW_OK, CSV, 1, 0, 0, 1, 0, 1, 4, WARN, TW_EIOC},
    {"unterminated quote", "ioc,comment\n1.2.3.4,ok\n5.6.7.8,\"never closed\n", TW_OK, CSV, 1, 0, 0,
     0, 1, 1, 3, WARN, TW_EPARSE},
    {"header after comments", "# exported\n\nAddress,Source\n1.2.3.4,feed\n", TW_OK, CSV, 1, 0, 0,
     0, 0, 0, 0, ERR, TW_OK},
    {"defanged and kinds", "indicator,type\n45.61.133[.]77,ip\nevil.example.com,domain\n,none\n",
     TW_OK, CSV, 2, 0, 0, 0, 1, 0, 0, ERR, TW_OK},
    {"crlf", "ip,asn\r\n1.2.3.4,AS1\r\n010.0.0.1,AS2\r\n", TW_OK, CSV, 1, 0, 0, 1, 0, 1, 3, WARN,
     TW_EIOC},
    {"no indicator column is text", "name,comment\nfoo,bar\n", TW_EIOC, TEXT, 0, 0, 0, 0, 2, 1, 0,
     ERR, TW_EIOC},
    {"header only", "indicator,country\n", TW_EIOC, CSV, 0, 0, 0, 0, 0, 1, 0, ERR, TW_EIOC},
};

static const char stix_bundle[] =
    "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--a\", \"name\": \"Subset\",\n"
    "  \"pattern\": \"[ipv4-addr:value ISSUBSET '198.51.100.0/24']\", \"pattern_type\": \"stix\",\n"
    "  \"valid_from\": \"2025-01-02T03:04:05Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--b\",\n"
    "  \"description\": \"CC=HK ASN=AS9269 example net\",\n"
    "  \"pattern\": \"[ipv4-addr:value = '192.0.2.1' OR ipv6-addr:value = '2001:db8::1']\",\n"
    "  \"pattern_type\": \"stix\", \"valid_from\": \"2024-04-17T17:35:06.368Z\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--c\", \"pattern_type\": \"stix\",\n"
    "  \"pattern\": \"[file:hashes.'SHA-256' = "
    "'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--d\",\n"
    "  \"pattern\": \"[file:name = 'ipv4-addr:value = \\\\'9.9.9.9\\\\'']\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--e\",\n"
    "  \"pattern\": \"[ipv4-addr:value = '999.1.1.1']\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--f\", \"pattern\": \"alert tcp any any\",\n"
    "  \"pattern_type\": \"snort\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--g\",\n"
    "  \"pattern\": \"[ipv4-addr:value = '203.0.113.5'] AND [ipv4-addr:value != "
    "'203.0.113.6']\"},\n"
    " {\"type\": \"indicator\", \"id\": \"indicator--h\"},\n"
    " {\"type\": \"malware\", \"id\": \"malware--x\", \"name\": \"X\"}\n"
    "]}\n";

static const struct load_case stix_cases[] = {
    {"bundle", stix_bundle, TW_OK, STIX, 6, 0, 1, 1, 1, 2, 0, WARN, TW_EIOC},
    {"syntax error", "{\n\"type\": \"bundle\",\n\"objects\": [\n{,}\n]}\n", TW_EIOC, STIX, 0, 0, 0,
     0, 0, 1, 4, ERR, TW_EJSON},
    {"truncated", "{\"type\": \"bundle\", \"objects\": [\n", TW_EIOC, STIX, 0, 0, 0, 0, 0, 1, 2,
     ERR, TW_EJSON},
    {"not a bundle", "{\"type\": \"report\"}", TW_EIOC, STIX, 0, 0, 0, 0, 0, 2, 1, ERR, TW_EIOC},
    {"hashes only",
     "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
     "\"pattern\":\"[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']\"}]}",
     TW_OK, STIX, 1, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"lone indicator",
     "{\"type\":\"indicator\",\"id\":\"indicator--1\",\"pattern\":\"[ipv4-addr:value='1.2.3.4']\"}",
     TW_OK, STIX, 1, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"array of objects",
     "[{\"type\":\"indicator\",\"pattern\":\"[ipv6-addr:value = '2001:db8::/32']\"}]", TW_OK, STIX,
     1, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
    {"objects not an array", "{\"type\":\"bundle\",\"objects\":7}", TW_EIOC, STIX, 0, 0, 0, 0, 0, 1,
     0, ERR, TW_EIOC},
    {"unterminated value", "{\"type\":\"indicator\",\"pattern\":\"[ipv4-addr:value = '1.2.3.4\"}",
     TW_OK, STIX, 1, 0, 0, 0, 0, 0, 0, ERR, TW_OK},
};

static void test_text_loader(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(text_cases); i++)
        run_case(&text_cases[i]);
}

static void test_csv_loader(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(csv_cases); i++)
        run_case(&csv_cases[i]);
}

static void test_stix_loader(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(stix_cases); i++)
        run_case(&stix_cases[i]);
}

/* Metadata that a load carries into the set. */
static const struct {
    const char *input;
    const char *ip;
    const char *value, *description, *country, *asn, *date, *source;
} meta_cases[] = {
    {"1.2.3.4\tc2 server\r\n", "1.2.3.4", "1.2.3.4", "c2 server", NULL, NULL, NULL, "feed.txt"},
    {"5.6.7.8, exfil # note\n", "5.6.7.8", "5.6.7.8", "exfil", NULL, NULL, NULL, "feed.txt"},
    {"45.61.133[.]77\n", "45.61.133.77", "45.61.133.77", NULL, NULL, NULL, NULL, "feed.txt"},
    {"IP,Comment,CC,ASN,First_Seen,Source\n\"1.2.3.4\",\"a, \"\"quoted\"\" comment\",US,AS1,"
     "2024-01-01,feedX\n",
     "1.2.3.4", "1.2.3.4", "a, \"quoted\" comment", "US", "AS1", "2024-01-01", "feedX"},
    {"value,asn,country\n10.0.0.0/8,ASNone,-\n", "10.9.8.7", "10.0.0.0/8", NULL, NULL, NULL, NULL,
     "feed.txt"},
    {stix_bundle, "198.51.100.7", "198.51.100.0/24", "Subset", NULL, NULL, "2025-01-02",
     "feed.txt"},
    {stix_bundle, "192.0.2.1", "192.0.2.1", "CC=HK ASN=AS9269 example net", "HK", "AS9269",
     "2024-04-17", "feed.txt"},
    {stix_bundle, "2001:db8::1", "2001:db8::1", "CC=HK ASN=AS9269 example net", "HK", "AS9269",
     "2024-04-17", "feed.txt"},
};

static void assert_str_or_null(const char *got, const char *want)
{
    assert_true((got == NULL) == (want == NULL));
    assert_string_equal(got != NULL ? got : "", want != NULL ? want : "");
}

static void test_loaded_metadata(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(meta_cases); i++) {
        tw_iocset *s = tw_iocset_new();
        tw_diags d;
        tw_ip ip;
        const tw_ioc *m;

        tw_diags_init(&d);
        assert_int_equal(
            tw_iocset_load(s, "feed.txt", meta_cases[i].input, strlen(meta_cases[i].input), &d),
            TW_OK);
        assert_int_equal(tw_iocset_finish(s), TW_OK);
        assert_int_equal(tw_ip_parse(tw_str_c(meta_cases[i].ip), 0, &ip), TW_OK);
        m = tw_iocset_match_ip(s, &ip);
        assert_non_null(m);
        assert_string_equal(m->value, meta_cases[i].value);
        assert_str_or_null(m->description, meta_cases[i].description);
        assert_str_or_null(m->country, meta_cases[i].country);
        assert_str_or_null(m->asn, meta_cases[i].asn);
        assert_str_or_null(m->date, meta_cases[i].date);
        assert_str_or_null(m->source, meta_cases[i].source);
        tw_diags_release(&d);
        tw_iocset_free(s);
    }
}

/* A pattern's quoted text is never taken for a comparison. */
static void test_stix_quoted_text_not_matched(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_diags d;
    tw_ip ip;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(tw_iocset_load(s, "b.json", stix_bundle, strlen(stix_bundle), &d), TW_OK);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_ip_parse(tw_str_c("9.9.9.9"), 0, &ip), TW_OK);
    assert_null(tw_iocset_match_ip(s, &ip));
    assert_int_equal(tw_ip_parse(tw_str_c("203.0.113.6"), 0, &ip), TW_OK);
    assert_null(tw_iocset_match_ip(s, &ip));
    assert_int_equal(tw_ip_parse(tw_str_c("203.0.113.5"), 0, &ip), TW_OK);
    assert_non_null(tw_iocset_match_ip(s, &ip));
    tw_diags_release(&d);
    tw_iocset_free(s);
}

static const struct {
    const char *input;
    tw_ioc_format format;
} detect_cases[] = {
    {"{\"type\":\"bundle\"}", TW_IOC_FORMAT_STIX},
    {"  \n[ {\"type\":\"indicator\"} ]", TW_IOC_FORMAT_STIX},
    {"[1.2.3.4]\n", TW_IOC_FORMAT_TEXT},
    {"indicator,description\n", TW_IOC_FORMAT_CSV},
    {"\xEF\xBB\xBF"
     "Indicator\n1.2.3.4\n",
     TW_IOC_FORMAT_CSV},
    {"1.2.3.4,foo\n", TW_IOC_FORMAT_TEXT},
    {"", TW_IOC_FORMAT_TEXT},
};

static void test_detect(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(detect_cases); i++)
        assert_int_equal(tw_ioc_detect(detect_cases[i].input, strlen(detect_cases[i].input)),
                         detect_cases[i].format);
    assert_string_equal(tw_ioc_format_name(TW_IOC_FORMAT_STIX), "stix");
    assert_string_equal(tw_ioc_format_name(TW_IOC_FORMAT_CSV), "csv");
    assert_string_equal(tw_ioc_format_name(TW_IOC_FORMAT_TEXT), "text");
}

/* Hostile bytes: NULs, a huge line, deep JSON, all bounded. */
static void test_hostile(void **state)
{
    static const char nul_text[] = "1.2.3.4\n\0\0\0\n5.6.7.8\n";
    size_t big = ((size_t)1 << 20) + 10;
    char *huge = malloc(big + 16);
    char *deep = malloc(20010);
    tw_iocset *s = tw_iocset_new();
    tw_ioc_load_stats st;
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    memset(huge, 'a', big);
    memcpy(huge + big, "\n1.2.3.4\n", 9);
    memcpy(deep, "[{\"a\":", 6);
    memset(deep + 6, '[', 20000);
    assert_int_equal(tw_iocset_load_ex(s, "nul", nul_text, sizeof(nul_text) - 1, &d, &st), TW_OK);
    assert_int_equal(st.added, 2);
    assert_int_equal(tw_iocset_load_ex(s, "huge", huge, big + 9, &d, &st), TW_OK);
    assert_int_equal(st.ignored, 1);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(d.v[d.n - 1].line, 1);
    assert_int_equal(tw_iocset_load_ex(s, "deep", deep, 20006, &d, &st), TW_EIOC);
    assert_int_equal(tw_iocset_load_ex(s, "null", NULL, 0, &d, &st), TW_EIOC);
    assert_int_equal(tw_iocset_load_ex(NULL, "x", "1.2.3.4", 7, &d, &st), TW_EINVAL);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_load_ex(s, "late", "1.2.3.4", 7, &d, &st), TW_EINVAL);
    tw_diags_release(&d);
    tw_iocset_free(s);
    free(huge);
    free(deep);
}

/* Diagnostics quote hostile text with control bytes neutralised. */
static void test_diag_text_is_printable(void **state)
{
    static const char in[] = "{\"type\":\"indicator\",\"id\":\"indicator--\\u001b[2J\","
                             "\"pattern\":\"[ipv4-addr:value = '999.1.1.1\\u0007']\"}";
    tw_iocset *s = tw_iocset_new();
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(tw_iocset_load(s, "x.json", in, strlen(in), &d), TW_EIOC);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.v[0].message, "indicator indicator--?[2J: invalid address '999.1.1.1?'");
    assert_string_equal(d.v[1].message, "no indicators found (stix format)");
    tw_diags_release(&d);
    tw_iocset_free(s);
}

/* Reads a corpus file, or skips the test when the corpus is absent. */
static char *read_corpus(const char *rel, size_t *len)
{
    char path[1024];
    FILE *f;
    char *buf;
    long n;

    snprintf(path, sizeof(path), "%s/%s", TW_CORPUS_DIR, rel);
    f = fopen(path, "rb");
    if (f == NULL)
        skip();
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

/* True when the built-in set holds a's indicator with the same value and,
 * for addresses, the same country presence and date. */
static bool in_builtin_set(const tw_iocset *builtin, const tw_ioc *a)
{
    const tw_ioc *b = a->type == TW_IOC_IP
                          ? tw_iocset_match_ip(builtin, &a->cidr.addr)
                          : tw_iocset_match_text(builtin, a->type, tw_str_c(a->value));

    if (b == NULL || strcmp(a->value, b->value) != 0 || a->type != b->type)
        return false;
    return a->type != TW_IOC_IP ||
           ((a->country == NULL) == (b->country == NULL) && a->date != NULL && b->date != NULL &&
            strcmp(a->date, b->date) == 0);
}

static void test_corpus_advisory(void **state)
{
    size_t len = 0;
    char *data = read_corpus("advisory/AA25-239A.stix.json", &len);
    tw_iocset *stix = tw_iocset_new(), *builtin = tw_iocset_new();
    tw_ioc_load_stats st;
    size_t in_builtin = 0;
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(tw_iocset_load_ex(stix, "AA25-239A.stix.json", data, len, &d, &st), TW_OK);
    /* 89 addresses and 11 file names and hashes of the four file indicators */
    assert_int_equal(st.added, 100);
    assert_int_equal(st.skipped, 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(tw_iocset_finish(stix), TW_OK);
    assert_int_equal(tw_iocset_add_builtin(builtin), TW_OK);
    assert_int_equal(tw_iocset_finish(builtin), TW_OK);
    for (size_t i = 0; i < tw_iocset_count(stix); i++) {
        in_builtin += in_builtin_set(builtin, tw_iocset_at(stix, i));
    }
    assert_int_equal(in_builtin, 100);
    assert_int_equal(tw_iocset_count(builtin), 106);
    tw_diags_release(&d);
    tw_iocset_free(stix);
    tw_iocset_free(builtin);
    free(data);
}

static const struct {
    const char *file;
    tw_err rc;
    size_t added, duplicates, skipped, invalid;
} corpus_stix[] = {
    /* Counts observed with typed indicators (hunt): domains, URLs, hashes
     * and file names are added now.  poisonivy.json writes one domain as
     * 'domain autuo.xicp.net', which is rightly invalid. */
    {"stix/apt1.json", TW_OK, 10, 0, 2, 0},
    {"stix/indicator-for-c2-ip-address.json", TW_OK, 1, 0, 0, 0},
    {"stix/indicator-for-malicious-url.json", TW_OK, 1, 0, 0, 0},
    {"stix/indicators-for-C2-with-COA.json", TW_OK, 2, 0, 0, 0},
    {"stix/infrastructure.json", TW_EIOC, 0, 0, 0, 0},
    {"stix/malicious-email-indicator-with-attachment.json", TW_OK, 0, 0, 2, 0},
    {"stix/malware-indicator-for-file-hash.json", TW_OK, 1, 0, 0, 0},
    {"stix/poisonivy.json", TW_OK, 44, 22, 0, 1},
    {"stix/sighting-of-an-indicator.json", TW_OK, 1, 0, 0, 0},
};

static void test_corpus_stix_examples(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(corpus_stix); i++) {
        size_t len = 0;
        char *data = read_corpus(corpus_stix[i].file, &len);
        tw_iocset *s = tw_iocset_new();
        tw_ioc_load_stats st;
        tw_diags d;

        tw_diags_init(&d);
        print_message("corpus %s\n", corpus_stix[i].file);
        assert_int_equal(tw_iocset_load_ex(s, corpus_stix[i].file, data, len, &d, &st),
                         corpus_stix[i].rc);
        assert_int_equal(st.format, TW_IOC_FORMAT_STIX);
        assert_int_equal(st.added, corpus_stix[i].added);
        assert_int_equal(st.duplicates, corpus_stix[i].duplicates);
        assert_int_equal(st.skipped, corpus_stix[i].skipped);
        assert_int_equal(st.invalid, corpus_stix[i].invalid);
        tw_diags_release(&d);
        tw_iocset_free(s);
        free(data);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_loader),
        cmocka_unit_test(test_csv_loader),
        cmocka_unit_test(test_stix_loader),
        cmocka_unit_test(test_loaded_metadata),
        cmocka_unit_test(test_stix_quoted_text_not_matched),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_diag_text_is_printable),
        cmocka_unit_test(test_corpus_advisory),
        cmocka_unit_test(test_corpus_stix_examples),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
