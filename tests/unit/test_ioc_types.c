/*
 * test_ioc_types.c: indicators of every type (hunt): domains, URLs,
 * hashes and file names stored in normal form and looked up with
 * tw_iocset_match_text (domain suffixes on label boundaries, never
 * substrings; case rules; de-fanged input), the scanner's literals and
 * tw_ioc_literal_whole's token boundaries with their near misses, the
 * typed text, CSV and STIX loaders, the MISP loader, and the built-in file
 * indicators of the advisory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/ioc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define MD5_X "33e692f435d6cf3c637ba54836c63373"
#define SHA1_X "70cf8ac462c322e9c9f83337196f98f66e6efb28"
#define SHA256_X "f2bbba1ea0f34b262f158ff31e00d39d89bbc471d04e8fca60a034cabe18e4f4"

/* Compares two strings either of which may be NULL. */
static void assert_str_or_null(const char *got, const char *want)
{
    assert_true((got == NULL) == (want == NULL));
    assert_string_equal(got != NULL ? got : "", want != NULL ? want : "");
}

/* ---- a hand-made typed set ---------------------------------------------- */

static const struct {
    tw_ioc_type type;
    const char *value; /* for TW_IOC_IP: a prefix */
} typed_iocs[] = {
    {TW_IOC_DOMAIN, "evil.example"},
    {TW_IOC_DOMAIN, "Bad[.]Example."},
    {TW_IOC_URL, "HXXPS://Evil[.]Example/Path?Q=1"},
    {TW_IOC_MD5, "33E692F435D6CF3C637BA54836C63373"},
    {TW_IOC_SHA1, SHA1_X},
    {TW_IOC_SHA256, SHA256_X},
    {TW_IOC_FILENAME, "cmd1"},
    {TW_IOC_FILENAME, "/tmp/tac.pcap"},
    {TW_IOC_IP, "1.1.1.1"},
    {TW_IOC_IP, "10.0.0.0/8"},
    {TW_IOC_IP, "2001:db8::1"},
};

static int setup_typed(void **state)
{
    tw_iocset *s = tw_iocset_new();

    assert_non_null(s);
    for (size_t i = 0; i < N(typed_iocs); i++) {
        tw_ioc meta = {.type = typed_iocs[i].type, .value = typed_iocs[i].value, .source = "t"};
        if (meta.type == TW_IOC_IP)
            assert_int_equal(tw_cidr_parse(tw_str_c(meta.value), 0, &meta.cidr), TW_OK);
        assert_int_equal(tw_iocset_add(s, &meta), TW_OK);
    }
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    *state = s;
    return 0;
}

static int teardown_set(void **state)
{
    tw_iocset_free(*state);
    return 0;
}

/* The set's indicators in tw_iocset_at order: addresses, then by type and value. */
static const struct {
    tw_ioc_type type;
    const char *value;
} stored[] = {
    {TW_IOC_IP, "1.1.1.1"},
    {TW_IOC_IP, "10.0.0.0/8"},
    {TW_IOC_IP, "2001:db8::1"},
    {TW_IOC_DOMAIN, "bad.example"},
    {TW_IOC_DOMAIN, "evil.example"},
    {TW_IOC_URL, "https://evil.example/Path?Q=1"},
    {TW_IOC_MD5, MD5_X},
    {TW_IOC_SHA1, SHA1_X},
    {TW_IOC_SHA256, SHA256_X},
    {TW_IOC_FILENAME, "cmd1"},
    {TW_IOC_FILENAME, "tac.pcap"},
};

static void test_stored_normal_forms(void **state)
{
    const tw_iocset *s = *state;

    assert_int_equal(tw_iocset_count(s), N(stored));
    for (size_t i = 0; i < N(stored); i++) {
        assert_int_equal(tw_iocset_at(s, i)->type, stored[i].type);
        assert_string_equal(tw_iocset_at(s, i)->value, stored[i].value);
        assert_string_equal(tw_iocset_at(s, i)->source, "t");
    }
    assert_null(tw_iocset_at(s, N(stored)));
}

/* tw_iocset_match_text: the query and the value of the indicator it meets. */
static const struct {
    tw_ioc_type type;
    const char *query;
    const char *want;
} text_matches[] = {
    {TW_IOC_DOMAIN, "evil.example", "evil.example"},
    {TW_IOC_DOMAIN, "a.evil.example", "evil.example"},
    {TW_IOC_DOMAIN, "x.y.EVIL.Example.", "evil.example"},
    {TW_IOC_DOMAIN, "evil[.]example", "evil.example"},
    {TW_IOC_DOMAIN, "a(.)evil[dot]example", "evil.example"},
    {TW_IOC_DOMAIN, "BAD.EXAMPLE", "bad.example"},
    {TW_IOC_DOMAIN, "notevil.example", NULL},
    {TW_IOC_DOMAIN, "evil.example.com", NULL},
    {TW_IOC_DOMAIN, "evil.examples", NULL},
    {TW_IOC_DOMAIN, "example", NULL},
    {TW_IOC_DOMAIN, "a-evil.example", NULL},
    {TW_IOC_DOMAIN, "", NULL},
    {TW_IOC_DOMAIN, "evil..example", NULL},
    {TW_IOC_URL, "https://EVIL.EXAMPLE/Path?Q=1", "https://evil.example/Path?Q=1"},
    {TW_IOC_URL, "HTTPS://evil.example/Path?Q=1", "https://evil.example/Path?Q=1"},
    {TW_IOC_URL, "hxxps[://]evil[.]example/Path?Q=1", "https://evil.example/Path?Q=1"},
    {TW_IOC_URL, "https://evil.example/path?Q=1", NULL},
    {TW_IOC_URL, "https://evil.example/Path?Q=12", NULL},
    {TW_IOC_URL, "http://evil.example/Path?Q=1", NULL},
    {TW_IOC_MD5, MD5_X, MD5_X},
    {TW_IOC_MD5, "33E692F435D6CF3C637BA54836C63373", MD5_X},
    {TW_IOC_MD5, "33e692f435d6cf3c637ba54836c63374", NULL},
    {TW_IOC_MD5, SHA1_X, NULL},
    {TW_IOC_SHA1, "70CF8AC462C322E9C9F83337196F98F66E6EFB28", SHA1_X},
    {TW_IOC_SHA256, "F2BBBA1EA0F34B262F158FF31E00D39D89BBC471D04E8FCA60A034CABE18E4F4", SHA256_X},
    {TW_IOC_SHA256, MD5_X, NULL},
    {TW_IOC_FILENAME, "cmd1", "cmd1"},
    {TW_IOC_FILENAME, "/usr/local/bin/cmd1", "cmd1"},
    {TW_IOC_FILENAME, "C:\\work\\cmd1", "cmd1"},
    {TW_IOC_FILENAME, "bootflash:tac.pcap", "tac.pcap"},
    {TW_IOC_FILENAME, "bootflash:/tac.pcap", "tac.pcap"},
    {TW_IOC_FILENAME, "CMD1", NULL},
    {TW_IOC_FILENAME, "cmd10", NULL},
    {TW_IOC_FILENAME, "cmd1/", NULL},
    {TW_IOC_IP, "1.1.1.1", "1.1.1.1"},
    {TW_IOC_IP, "1[.]1[.]1[.]1", "1.1.1.1"},
    {TW_IOC_IP, "10.2.3.4", "10.0.0.0/8"},
    {TW_IOC_IP, "2001:DB8::1", "2001:db8::1"},
    {TW_IOC_IP, "11.1.1.10", NULL},
    {TW_IOC_IP, "evil.example", NULL},
};

static void test_match_text(void **state)
{
    const tw_iocset *s = *state;

    for (size_t i = 0; i < N(text_matches); i++) {
        const tw_ioc *m =
            tw_iocset_match_text(s, text_matches[i].type, tw_str_c(text_matches[i].query));
        print_message("match %s '%s'\n", tw_ioc_type_name(text_matches[i].type),
                      text_matches[i].query);
        assert_str_or_null(m != NULL ? m->value : NULL, text_matches[i].want);
        assert_true(m == NULL || m->type == text_matches[i].type);
    }
}

static void test_type_names(void **state)
{
    static const char *const names[] = {"ip", "domain", "url", "md5", "sha1", "sha256", "filename"};

    (void)state;
    for (size_t i = 0; i < N(names); i++)
        assert_string_equal(tw_ioc_type_name((tw_ioc_type)i), names[i]);
    assert_string_equal(tw_ioc_type_name((tw_ioc_type)99), "unknown");
    assert_string_equal(tw_ioc_format_name(TW_IOC_FORMAT_MISP), "misp");
}

/* tw_iocset_add refuses values that are no valid indicator of their type. */
static const struct {
    tw_ioc_type type;
    const char *value;
} bad_adds[] = {
    {TW_IOC_MD5, "xyz"},
    {TW_IOC_MD5, SHA1_X},
    {TW_IOC_SHA256, MD5_X},
    {TW_IOC_DOMAIN, ""},
    {TW_IOC_DOMAIN, "a..b"},
    {TW_IOC_DOMAIN, "1.2.3.4"},
    {TW_IOC_DOMAIN, "bad domain.example"},
    {TW_IOC_URL, "evil.example/x"},
    {TW_IOC_URL, "http://"},
    {TW_IOC_URL, "http://a b/"},
    {TW_IOC_FILENAME, ""},
    {TW_IOC_FILENAME, "dir/"},
    {TW_IOC_FILENAME, "a\nb"},
    {TW_IOC_FILENAME, NULL},
    {(tw_ioc_type)99, "x"},
};

static void test_add_rejects_invalid(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_ioc dup = {.type = TW_IOC_DOMAIN, .value = "EVIL.example.", .description = "second"};
    tw_ioc first = {.type = TW_IOC_DOMAIN, .value = "evil.example", .description = "first"};

    (void)state;
    for (size_t i = 0; i < N(bad_adds); i++) {
        tw_ioc meta = {.type = bad_adds[i].type, .value = bad_adds[i].value};
        assert_int_equal(tw_iocset_add(s, &meta), TW_EINVAL);
    }
    assert_int_equal(tw_iocset_add(s, &first), TW_OK);
    assert_int_equal(tw_iocset_add(s, &dup), TW_OK);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_count(s), 1);
    assert_string_equal(
        tw_iocset_match_text(s, TW_IOC_DOMAIN, TW_STR("a.evil.example"))->description, "first");
    tw_iocset_free(s);
}

/* ---- literals ------------------------------------------------------------ */

static const struct {
    const char *text;
    bool caseless;
    tw_ioc_type type;
} literals[] = {
    {"1.1.1.1", false, TW_IOC_IP},
    {"2001:db8::1", true, TW_IOC_IP},
    {"bad.example", true, TW_IOC_DOMAIN},
    {"evil.example", true, TW_IOC_DOMAIN},
    {"https://evil.example/Path?Q=1", true, TW_IOC_URL},
    {MD5_X, true, TW_IOC_MD5},
    {SHA1_X, true, TW_IOC_SHA1},
    {SHA256_X, true, TW_IOC_SHA256},
    {"cmd1", false, TW_IOC_FILENAME},
    {"tac.pcap", false, TW_IOC_FILENAME},
};

static void test_literals(void **state)
{
    const tw_iocset *s = *state;

    assert_int_equal(tw_iocset_literal_count(s), N(literals));
    for (size_t i = 0; i < N(literals); i++) {
        const tw_ioc_literal *l = tw_iocset_literal(s, i);
        assert_string_equal(l->text, literals[i].text);
        assert_int_equal(l->len, strlen(literals[i].text));
        assert_int_equal(l->caseless, literals[i].caseless);
        assert_int_equal(l->ioc->type, literals[i].type);
        assert_string_equal(l->ioc->value, literals[i].text);
    }
    assert_null(tw_iocset_literal(s, N(literals)));
    assert_true(tw_iocset_needs_addr_scan(s));
}

static void test_literals_without_prefix(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_ioc host = {.cidr = {.addr = {.family = 4, .bytes = {9, 9, 9, 9}}, .plen = 32}};

    (void)state;
    assert_int_equal(tw_iocset_add(s, &host), TW_OK);
    assert_int_equal(tw_iocset_literal_count(s), 0); /* not finished */
    assert_false(tw_iocset_needs_addr_scan(s));
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_literal_count(s), 1);
    assert_string_equal(tw_iocset_literal(s, 0)->text, "9.9.9.9");
    assert_false(tw_iocset_needs_addr_scan(s));
    tw_iocset_free(s);
}

/* True when any occurrence of lit in hay is a whole token. */
static bool any_whole(const tw_ioc_literal *lit, const char *hay)
{
    size_t len = strlen(hay);
    bool whole = false;

    for (const char *p = strstr(hay, lit->text); p != NULL; p = strstr(p + 1, lit->text)) {
        size_t start = (size_t)(p - hay);
        whole = whole || tw_ioc_literal_whole(lit, hay, len, start, start + lit->len);
    }
    return whole;
}

static const struct {
    tw_ioc_type type;
    const char *lit;
    const char *hay;
    bool whole;
} wholes[] = {
    {TW_IOC_IP, "1.1.1.1", "1.1.1.1", true},
    {TW_IOC_IP, "1.1.1.1", "from 1.1.1.1,", true},
    {TW_IOC_IP, "1.1.1.1", "[1.1.1.1]", true},
    {TW_IOC_IP, "1.1.1.1", "1.1.1.1:22", true},
    {TW_IOC_IP, "1.1.1.1", "(1.1.1.1)", true},
    {TW_IOC_IP, "1.1.1.1", "src=1.1.1.1/32", true},
    {TW_IOC_IP, "1.1.1.1", "login from 1.1.1.1.", true},
    {TW_IOC_IP, "1.1.1.1", "::ffff:1.1.1.1", true},
    {TW_IOC_IP, "1.1.1.1", "11.1.1.10", false},
    {TW_IOC_IP, "1.1.1.1", "1.1.1.1.5", false},
    {TW_IOC_IP, "1.1.1.1", "x1.1.1.1", false},
    {TW_IOC_IP, "1.1.1.1", "10.1.1.1.1", false},
    {TW_IOC_IP, "1.1.1.1", "1.1.1.10", false},
    {TW_IOC_IP, "1.1.1.1", "21.1.1.1", false},
    {TW_IOC_IP, "1.1.1.1", "a_1.1.1.1", false},
    {TW_IOC_IP, "1.1.1.1", "1.1.1.1_b", false},
    {TW_IOC_IP, "2001:db8::1", "[2001:db8::1]:22", true},
    {TW_IOC_IP, "2001:db8::1", "from 2001:db8::1.", true},
    {TW_IOC_IP, "2001:db8::1", "2001:db8::10", false},
    {TW_IOC_IP, "2001:db8::1", "2001:db8::1:5", false},
    {TW_IOC_IP, "2001:db8::1", "12001:db8::1", false},
    {TW_IOC_IP, "2001:db8::1", "a:2001:db8::1", false},
    {TW_IOC_IP, "2001:db8::1", "2001:db8::1.5", false},
    {TW_IOC_DOMAIN, "evil.example", "evil.example", true},
    {TW_IOC_DOMAIN, "evil.example", "query a.evil.example A", true},
    {TW_IOC_DOMAIN, "evil.example", "http://evil.example/x", true},
    {TW_IOC_DOMAIN, "evil.example", "user@evil.example", true},
    {TW_IOC_DOMAIN, "evil.example", "'evil.example'", true},
    {TW_IOC_DOMAIN, "evil.example", "evil.example:443", true},
    {TW_IOC_DOMAIN, "evil.example", "resolved evil.example.", true},
    {TW_IOC_DOMAIN, "evil.example", "notevil.example", false},
    {TW_IOC_DOMAIN, "evil.example", "my-evil.example", false},
    {TW_IOC_DOMAIN, "evil.example", "evil.example.com", false},
    {TW_IOC_DOMAIN, "evil.example", "evil.examples", false},
    {TW_IOC_DOMAIN, "evil.example", "evil.example-cdn", false},
    {TW_IOC_MD5, MD5_X, MD5_X, true},
    {TW_IOC_MD5, MD5_X, "md5=" MD5_X ",", true},
    {TW_IOC_MD5, MD5_X, "a" MD5_X, false},
    {TW_IOC_MD5, MD5_X, MD5_X "0", false},
    {TW_IOC_MD5, MD5_X, "0" MD5_X "f", false},
    {TW_IOC_FILENAME, "cmd1", "cmd1", true},
    {TW_IOC_FILENAME, "cmd1", "/tmp/cmd1", true},
    {TW_IOC_FILENAME, "cmd1", "./cmd1 -c x", true},
    {TW_IOC_FILENAME, "cmd1", "C:\\work\\cmd1", true},
    {TW_IOC_FILENAME, "cmd1", "file=cmd1;", true},
    {TW_IOC_FILENAME, "cmd1", "\"cmd1\"", true},
    {TW_IOC_FILENAME, "cmd1", "(cmd1)", true},
    {TW_IOC_FILENAME, "cmd1", "run cmd1:", true},
    {TW_IOC_FILENAME, "cmd1", "cmd10", false},
    {TW_IOC_FILENAME, "cmd1", "xcmd1", false},
    {TW_IOC_FILENAME, "cmd1", "cmd1.exe", false},
    {TW_IOC_FILENAME, "cmd1", "cmd1-x", false},
    {TW_IOC_FILENAME, "tac.pcap", "copy bootflash:tac.pcap ftp://x", true},
    {TW_IOC_FILENAME, "tac.pcap", "export bootflash:/tac.pcap", true},
    {TW_IOC_FILENAME, "tac.pcap", "ztac.pcap", false},
    {TW_IOC_FILENAME, "tac.pcap", "tac.pcap.gz", false},
    {TW_IOC_FILENAME, "1.pcap", "bootflash:1.pcap", true},
    {TW_IOC_FILENAME, "1.pcap", "bootflash:11.pcap", false},
    {TW_IOC_URL, "http://evil.example/a", "GET http://evil.example/a HTTP/1.1", true},
    {TW_IOC_URL, "http://evil.example/a", "url=http://evil.example/a", true},
    {TW_IOC_URL, "http://evil.example/a", "\"http://evil.example/a\"", true},
    {TW_IOC_URL, "http://evil.example/a", "<http://evil.example/a>", true},
    {TW_IOC_URL, "http://evil.example/a", "see http://evil.example/a.", true},
    {TW_IOC_URL, "http://evil.example/a", "http://evil.example/ab", false},
    {TW_IOC_URL, "http://evil.example/a", "http://evil.example/a/b", false},
    {TW_IOC_URL, "http://evil.example/a", "http://evil.example/a?x=1", false},
    {TW_IOC_URL, "http://evil.example/a", "xhttp://evil.example/a", false},
    {TW_IOC_URL, "http://evil.example/a", "http://evil.example/a.php", false},
};

static void test_literal_whole(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(wholes); i++) {
        tw_ioc ioc = {.type = wholes[i].type, .value = wholes[i].lit};
        tw_ioc_literal lit = {wholes[i].lit, strlen(wholes[i].lit), false, &ioc};
        tw_err rc = tw_cidr_parse(tw_str_c(wholes[i].lit), 0, &ioc.cidr);

        print_message("whole '%s' in '%s'\n", wholes[i].lit, wholes[i].hay);
        assert_int_equal(rc == TW_OK, wholes[i].type == TW_IOC_IP);
        assert_non_null(strstr(wholes[i].hay, wholes[i].lit));
        assert_int_equal(any_whole(&lit, wholes[i].hay), wholes[i].whole);
    }
}

static void test_literal_whole_bounds(void **state)
{
    tw_ioc ioc = {.type = TW_IOC_FILENAME, .value = "cmd1"};
    tw_ioc_literal lit = {"cmd1", 4, false, &ioc};

    (void)state;
    assert_true(tw_ioc_literal_whole(&lit, "cmd1", 4, 0, 4));
    assert_false(tw_ioc_literal_whole(&lit, "cmd1", 4, 0, 5));
    assert_false(tw_ioc_literal_whole(&lit, "cmd1", 4, 2, 2));
    assert_false(tw_ioc_literal_whole(NULL, "cmd1", 4, 0, 4));
    assert_false(tw_ioc_literal_whole(&lit, NULL, 4, 0, 4));
}

/* ---- loaders ------------------------------------------------------------- */

struct load_case {
    const char *name;
    const char *input;
    tw_err rc;
    tw_ioc_format format;
    size_t added, duplicates, skipped, invalid, ignored;
};

static void run_case(const struct load_case *c)
{
    tw_iocset *s = tw_iocset_new();
    tw_ioc_load_stats st;
    tw_diags d;

    tw_diags_init(&d);
    print_message("case %s\n", c->name);
    assert_int_equal(tw_ioc_detect(c->input, strlen(c->input)), c->format);
    assert_int_equal(tw_iocset_load_ex(s, "feed", c->input, strlen(c->input), &d, &st), c->rc);
    assert_int_equal(st.format, c->format);
    assert_int_equal(st.added, c->added);
    assert_int_equal(st.duplicates, c->duplicates);
    assert_int_equal(st.skipped, c->skipped);
    assert_int_equal(st.invalid, c->invalid);
    assert_int_equal(st.ignored, c->ignored);
    tw_diags_release(&d);
    tw_iocset_free(s);
}

#define TEXT TW_IOC_FORMAT_TEXT
#define CSV TW_IOC_FORMAT_CSV
#define STIX TW_IOC_FORMAT_STIX
#define MISP TW_IOC_FORMAT_MISP

static const char misp_event[] =
    "{\"Event\": {\"info\": \"Salt Typhoon test event\", \"date\": \"2025-08-27\",\n"
    " \"Attribute\": [\n"
    "  {\"type\": \"ip-src\", \"value\": \"45.61.133.77\", \"to_ids\": true, \"comment\": \"c2\",\n"
    "   \"uuid\": \"u1\"},\n"
    "  {\"type\": \"ip-dst|port\", \"value\": \"1.2.3.4|443\", \"to_ids\": true},\n"
    "  {\"type\": \"domain\", \"value\": \"evil.example\", \"to_ids\": true},\n"
    "  {\"type\": \"hostname\", \"value\": \"c2.bad.example\", \"to_ids\": false},\n"
    "  {\"type\": \"url\", \"value\": \"http://evil.example/x\", \"to_ids\": true},\n"
    "  {\"type\": \"filename|md5\", \"value\": \"cmd1|" MD5_X "\", \"to_ids\": true},\n"
    "  {\"type\": \"sha256\", \"value\": \"zz\", \"to_ids\": true, \"uuid\": \"bad-one\"},\n"
    "  {\"type\": \"email-src\", \"value\": \"a@b.example\", \"to_ids\": true},\n"
    "  {\"type\": \"comment\", \"value\": \"text\", \"to_ids\": false}],\n"
    " \"Object\": [{\"name\": \"file\", \"comment\": \"dropped file\", \"Attribute\": [\n"
    "  {\"type\": \"filename\", \"value\": \"tac.pcap\", \"to_ids\": true},\n"
    "  {\"type\": \"sha1\", \"value\": \"" SHA1_X "\", \"to_ids\": \"1\"},\n"
    "  {\"type\": \"ip-dst\", \"value\": \"45.61.133.77\"}]}]}}\n";

static const struct load_case typed_cases[] = {
    {"text types",
     "evil.example.\nhxxps://evil[.]example/x\n" MD5_X "\n" SHA1_X "\n" SHA256_X
     "\nfilename:cmd1\nfile:tac.pcap\nFILE:/tmp/x.bin\n",
     TW_OK, TEXT, 8, 0, 0, 0, 0},
    {"text other kinds",
     "a@evil.example\n" SHA256_X SHA256_X "\nhello\ntac.pcap\nfilename:\n1.2.3.4\n", TW_OK, TEXT, 2,
     0, 2, 0, 2},
    {"text url needs a host", "file:///etc/passwd\nhxxp://x[.]example\n", TW_OK, TEXT, 1, 0, 0, 1,
     0},
    {"text duplicates across spellings", "evil.example\nEVIL[.]EXAMPLE.\n" MD5_X "\n" MD5_X "\n",
     TW_OK, TEXT, 2, 2, 0, 0, 0},
    {"csv typed",
     "indicator,type,description\ncmd1,filename,x\nevil.example,hostname,y\n1.2.3.4,ip-dst,"
     "z\n" MD5_X ",md5,\nnothex,md5,\nfoo@bar.example,email-src,\ntac.pcap,,untyped is a domain\n",
     TW_OK, CSV, 5, 0, 1, 1, 0},
    {"csv typed ip invalid", "value,type\nevil.example,ip\n1.2.3.4,IP-SRC\n", TW_OK, CSV, 1, 0, 0,
     1, 0},
    {"stix typed",
     "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
     "\"pattern\":\"[(file:hashes.'SHA-1' = '" SHA1_X "' OR file:hashes.md5 = '" MD5_X
     "' OR file:hashes.SSDEEP = 'x:y') AND file:name = 'cmd1']\"},"
     "{\"type\":\"indicator\",\"pattern\":\"[domain-name:value = 'Evil.Example' OR url:value = "
     "'http://evil.example/a']\"},"
     "{\"type\":\"indicator\",\"pattern\":\"[file:hashes.'SHA-256' = '" SHA256_X "']\"},"
     "{\"type\":\"indicator\",\"pattern\":\"[file:hashes.SSDEEP = 'x:y']\"},"
     "{\"type\":\"indicator\",\"pattern\":\"[domain-name:value != 'x.example']\"},"
     "{\"type\":\"indicator\",\"pattern\":\"[file:hashes.MD5 = 'nothex']\"}]}",
     TW_OK, STIX, 6, 0, 2, 1, 0},
    {"misp event", misp_event, TW_OK, MISP, 8, 1, 1, 1, 2},
    {"misp bare attribute list",
     "[{\"type\": \"ip-src\", \"value\": \"1.2.3.4\", \"category\": \"Network activity\", "
     "\"to_ids\": true}, {\"type\": \"md5\", \"value\": \"" MD5_X "\", \"to_ids\": 0}, 7]",
     TW_OK, MISP, 1, 0, 0, 0, 2},
    {"misp search result",
     "{\"response\": [{\"Event\": {\"info\": \"e1\", \"Attribute\": [{\"type\": \"domain|ip\", "
     "\"value\": \"evil.example|5.6.7.8\"}]}}, {\"Event\": {\"Attribute\": [{\"type\": "
     "\"hostname|port\", \"value\": \"c2.example|8080\"}]}}]}",
     TW_OK, MISP, 3, 0, 0, 0, 0},
    {"misp attribute search",
     "{\"response\": {\"Attribute\": [{\"type\": \"filename|sha256\", \"value\": \"sft|" SHA256_X
     "\", \"to_ids\": true}, {\"type\": \"ip-dst\", \"value\": \"1.1.1.1\", \"deleted\": true}]}}",
     TW_OK, MISP, 2, 0, 0, 0, 1},
    {"misp only non-ids",
     "{\"Event\": {\"Attribute\": [{\"type\": \"ip-src\", \"value\": \"1.2.3.4\", \"to_ids\": "
     "false}]}}",
     TW_EIOC, MISP, 0, 0, 0, 0, 1},
    {"misp event without attributes", "{\"Event\": {\"info\": \"x\"}}", TW_EIOC, MISP, 0, 0, 0, 0,
     0},
    {"misp not an event", "{\"Attribute\": 5}", TW_EIOC, MISP, 0, 0, 0, 0, 0},
    {"misp syntax error", "{\"Event\": {\"Attribute\": [}", TW_EIOC, MISP, 0, 0, 0, 0, 0},
    {"misp composite missing part",
     "[{\"type\": \"filename|md5\", \"value\": \"cmd1\", \"to_ids\": true}]", TW_OK, MISP, 1, 0, 0,
     1, 0},
    {"stix is not misp",
     "{\"type\":\"indicator\",\"pattern\":\"[url:value = 'http://a.example/']\"}", TW_OK, STIX, 1,
     0, 0, 0, 0},
};

static void test_typed_loaders(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(typed_cases); i++)
        run_case(&typed_cases[i]);
}

/* Metadata of typed indicators after a load. */
static const struct {
    const char *input;
    tw_ioc_type type;
    const char *query;
    const char *value, *description, *source, *date;
} typed_meta[] = {
    {misp_event, TW_IOC_IP, "45.61.133.77", "45.61.133.77", "c2", "Salt Typhoon test event",
     "2025-08-27"},
    {misp_event, TW_IOC_FILENAME, "/x/cmd1", "cmd1", NULL, "Salt Typhoon test event", "2025-08-27"},
    {misp_event, TW_IOC_MD5, MD5_X, MD5_X, NULL, "Salt Typhoon test event", "2025-08-27"},
    {misp_event, TW_IOC_FILENAME, "tac.pcap", "tac.pcap", "dropped file", "Salt Typhoon test event",
     "2025-08-27"},
    {misp_event, TW_IOC_SHA1, SHA1_X, SHA1_X, "dropped file", "Salt Typhoon test event",
     "2025-08-27"},
    {misp_event, TW_IOC_IP, "1.2.3.4", "1.2.3.4", NULL, "Salt Typhoon test event", "2025-08-27"},
    {misp_event, TW_IOC_DOMAIN, "c2.bad.example", NULL, NULL, NULL, NULL},
    {"filename:cmd3  SFTP client\n", TW_IOC_FILENAME, "cmd3", "cmd3", "SFTP client", "feed", NULL},
    {"indicator,type,description,source\nTCLproxy.tcl,file,proxy,AA\n", TW_IOC_FILENAME,
     "TCLproxy.tcl", "TCLproxy.tcl", "proxy", "AA", NULL},
    {"{\"type\":\"indicator\",\"name\":\"cmd1 hash\",\"valid_from\":\"2025-08-26T00:00:00Z\","
     "\"pattern\":\"[file:hashes.'SHA-256' = '" SHA256_X "']\"}",
     TW_IOC_SHA256, SHA256_X, SHA256_X, "cmd1 hash", "feed", "2025-08-26"},
};

static void test_typed_metadata(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(typed_meta); i++) {
        tw_iocset *s = tw_iocset_new();
        const tw_ioc *m;
        tw_diags d;

        tw_diags_init(&d);
        (void)tw_iocset_load(s, "feed", typed_meta[i].input, strlen(typed_meta[i].input), &d);
        assert_int_equal(tw_iocset_finish(s), TW_OK);
        m = tw_iocset_match_text(s, typed_meta[i].type, tw_str_c(typed_meta[i].query));
        print_message("meta %zu\n", i);
        assert_str_or_null(m != NULL ? m->value : NULL, typed_meta[i].value);
        assert_str_or_null(m != NULL ? m->description : NULL, typed_meta[i].description);
        assert_str_or_null(m != NULL ? m->source : NULL, typed_meta[i].source);
        assert_str_or_null(m != NULL ? m->date : NULL, typed_meta[i].date);
        tw_diags_release(&d);
        tw_iocset_free(s);
    }
}

/* The diagnostic of an invalid MISP attribute names its uuid and type. */
static void test_misp_diagnostic(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(tw_iocset_load(s, "ev.json", misp_event, strlen(misp_event), &d), TW_OK);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.v[0].level, TW_DIAG_WARNING);
    assert_string_equal(d.v[0].message, "attribute bad-one: invalid sha256 'zz'");
    tw_diags_release(&d);
    tw_iocset_free(s);
}

/* ---- the built-in file indicators ---------------------------------------- */

static const struct {
    tw_ioc_type type;
    const char *query;
    const char *in_description;
} builtin_files[] = {
    {TW_IOC_FILENAME, "cmd1", "SFTP client cmd1"},
    {TW_IOC_FILENAME, "cmd3", "SFTP client cmd3"},
    {TW_IOC_FILENAME, "new2", "SFTP client new2"},
    {TW_IOC_FILENAME, "sft", "SFTP client sft"},
    {TW_IOC_FILENAME, "bootflash:tac.pcap", "TACACS+"},
    {TW_IOC_FILENAME, "mycap.pcap", "Packet capture"},
    {TW_IOC_FILENAME, "1.pcap", "Packet capture"},
    {TW_IOC_FILENAME, "siet.py", "Smart Install"},
    {TW_IOC_FILENAME, "map.tcl", "port-scan"},
    {TW_IOC_FILENAME, "TCLproxy.tcl", "SOCKS"},
    {TW_IOC_SHA256, "F2BBBA1EA0F34B262F158FF31E00D39D89BBC471D04E8FCA60A034CABE18E4F4", "cmd1"},
    {TW_IOC_MD5, MD5_X, "cmd1"},
    {TW_IOC_SHA1, SHA1_X, "cmd1"},
    {TW_IOC_SHA256, "8b448f47e36909f3a921b4ff803cf3a61985d8a10f0fe594b405b92ed0fc21f1", "cmd3"},
    {TW_IOC_MD5, "eba9ae70d1b22de67b0eba160a6762d8", "cmd3"},
    {TW_IOC_SHA256, "da692ea0b7f24e31696f8b4fe8a130dbbe3c7c15cea6bde24cccc1fb0a73ae9e", "new2"},
    {TW_IOC_SHA256, "a1abc3d11c16ae83b9a7cf62ebe6d144dfc5e19b579a99bad062a9d31cf30bfe", "sft"},
};

static void test_builtin_files(void **state)
{
    tw_iocset *s = tw_iocset_new();
    size_t text_literals = 0;

    (void)state;
    assert_int_equal(tw_iocset_add_builtin(s), TW_OK);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    for (size_t i = 0; i < N(builtin_files); i++) {
        const tw_ioc *m =
            tw_iocset_match_text(s, builtin_files[i].type, tw_str_c(builtin_files[i].query));
        print_message("builtin %s\n", builtin_files[i].query);
        assert_non_null(m);
        assert_non_null(strstr(m->description, builtin_files[i].in_description));
        assert_string_equal(m->source, "AA25-239A");
    }
    for (size_t i = 0; i < tw_iocset_literal_count(s); i++)
        text_literals += tw_iocset_literal(s, i)->ioc->type != TW_IOC_IP;
    assert_int_equal(text_literals, N(builtin_files));
    assert_int_equal(tw_iocset_literal_count(s), 89 + N(builtin_files));
    assert_false(tw_iocset_needs_addr_scan(s));
    assert_null(tw_iocset_match_text(s, TW_IOC_FILENAME, TW_STR("sftp")));
    tw_iocset_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stored_normal_forms, setup_typed, teardown_set),
        cmocka_unit_test_setup_teardown(test_match_text, setup_typed, teardown_set),
        cmocka_unit_test_setup_teardown(test_literals, setup_typed, teardown_set),
        cmocka_unit_test(test_type_names),
        cmocka_unit_test(test_add_rejects_invalid),
        cmocka_unit_test(test_literals_without_prefix),
        cmocka_unit_test(test_literal_whole),
        cmocka_unit_test(test_literal_whole_bounds),
        cmocka_unit_test(test_typed_loaders),
        cmocka_unit_test(test_typed_metadata),
        cmocka_unit_test(test_misp_diagnostic),
        cmocka_unit_test(test_builtin_files),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
