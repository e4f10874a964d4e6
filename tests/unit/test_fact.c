/*
 * test_fact.c: unit tests for the facts model (lib/core/fact.c).
 *
 * Kind names, the factset builder (copies into the arena, typed fields and
 * their text, per-field lines, the field and fact caps) and field look-up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/fact.h"
#include "tidewatch/limits.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    tw_fact_kind kind;
    const char *name;
} kind_cases[] = {
    {TW_FACT_HOSTNAME, "hostname"}, {TW_FACT_ACL_ENTRY, "acl_entry"},
    {TW_FACT_TUNNEL, "tunnel"},     {TW_FACT_MIRROR_SESSION, "mirror_session"},
    {TW_FACT_VTY, "vty"},           {TW_FACT_SNMP_COMMUNITY, "snmp_community"},
    {TW_FACT_ADDRESS, "address"},   {TW_FACT_LOGGING_HOST, "logging_host"},
};

static void test_fact_kind_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(kind_cases); i++) {
        tw_fact_kind k = TW__FACT_KIND_COUNT;
        assert_string_equal(tw_fact_kind_name(kind_cases[i].kind), kind_cases[i].name);
        assert_true(tw_fact_kind_parse(tw_str_c(kind_cases[i].name), &k));
        assert_int_equal(k, kind_cases[i].kind);
    }
    assert_string_equal(tw_fact_kind_name(TW__FACT_KIND_COUNT), "?");
}

static void test_fact_kind_roundtrip(void **state)
{
    (void)state;
    for (int k = 0; k < TW__FACT_KIND_COUNT; k++) {
        tw_fact_kind out = TW__FACT_KIND_COUNT;
        assert_true(tw_fact_kind_parse(tw_str_c(tw_fact_kind_name((tw_fact_kind)k)), &out));
        assert_int_equal(out, k);
    }
}

static const char *const bad_kinds[] = {"", "Tunnel", "tunnel ", "tun", "tunnels", "?"};

static void test_fact_kind_unknown(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(bad_kinds); i++) {
        tw_fact_kind k = TW_FACT_VTY;
        assert_false(tw_fact_kind_parse(tw_str_c(bad_kinds[i]), &k));
        assert_int_equal(k, TW_FACT_VTY);
    }
}

static int setup(void **state)
{
    tw_arena *a = tw_arena_new(0);
    *state = a;
    return a == NULL;
}

static int teardown(void **state)
{
    tw_arena_free(*state);
    return 0;
}

static void test_factset_init(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    assert_ptr_equal(fs.arena, *state);
    assert_int_equal(fs.n, 0);
    assert_int_equal(fs.max, TW_LIMIT_FACTS);
    assert_int_equal(fs.dialect, TW_DIALECT_UNKNOWN);
    assert_int_equal(fs.hostname.len, 0);
    assert_non_null(fs.hostname.ptr);
    assert_false(fs.open);
    tw_factset_release(&fs);
}

/* Builds one tunnel fact from a mutable input buffer, then clobbers it. */
static void test_factset_build(void **state)
{
    tw_factset fs;
    char input[] = "interface Tunnel10\n tunnel destination 45.61.133.77\n";
    tw_cidr dst, any;
    const tw_fact *f;
    tw_factset_init(&fs, *state);
    assert_int_equal(tw_cidr_parse(TW_STR("45.61.133.77"), 0, &dst), TW_OK);
    assert_int_equal(tw_cidr_parse(TW_STR("0.0.0.0/0"), 0, &any), TW_OK);
    tw_factset_begin(&fs, TW_FACT_TUNNEL, 2, tw_str_make(input + 19, 32), tw_str_make(input, 18));
    tw_factset_str(&fs, "name", tw_str_make(input + 10, 8));
    tw_factset_addr(&fs, "destination", &dst);
    tw_factset_addr(&fs, "source", &any);
    tw_factset_num(&fs, "key", -42);
    tw_factset_bool(&fs, "keepalive", true);
    tw_factset_bool(&fs, "shutdown", false);
    tw_factset_secret(&fs, "key_string");
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    memset(input, '#', sizeof(input) - 1);

    assert_int_equal(fs.n, 1);
    f = &fs.v[0];
    assert_int_equal(f->kind, TW_FACT_TUNNEL);
    assert_int_equal(f->line, 2);
    assert_int_equal(f->nfields, 7);
    assert_true(tw_str_eq_c(f->evidence, " tunnel destination 45.61.133.77"));
    assert_true(tw_str_eq_c(f->context, "interface Tunnel10"));
    assert_true(tw_str_eq_c(tw_fact_get(f, "name")->str, "Tunnel10"));
    assert_int_equal(tw_fact_get(f, "name")->type, TW_VAL_STR);
    assert_int_equal(tw_fact_get(f, "destination")->type, TW_VAL_ADDR);
    assert_true(tw_str_eq_c(tw_fact_get(f, "destination")->str, "45.61.133.77"));
    assert_int_equal(tw_fact_get(f, "destination")->addr.plen, 32);
    assert_true(tw_str_eq_c(tw_fact_get(f, "source")->str, "any"));
    assert_int_equal(tw_fact_get(f, "key")->num, -42);
    assert_true(tw_str_eq_c(tw_fact_get(f, "key")->str, "-42"));
    assert_int_equal(tw_fact_get(f, "keepalive")->num, 1);
    assert_true(tw_str_eq_c(tw_fact_get(f, "keepalive")->str, "true"));
    assert_true(tw_str_eq_c(tw_fact_get(f, "shutdown")->str, "false"));
    assert_int_equal(tw_fact_get(f, "shutdown")->num, 0);
    assert_true(tw_fact_get(f, "key_string")->secret);
    assert_int_equal(tw_fact_get(f, "key_string")->str.len, 0);
    assert_false(tw_fact_get(f, "name")->secret);
    assert_null(tw_fact_get(f, "mode"));
    tw_factset_release(&fs);
}

/* Values of the num field and the text each must get. */
static const struct {
    int64_t v;
    const char *text;
} num_cases[] = {
    {0, "0"},
    {15, "15"},
    {-1, "-1"},
    {INT64_MAX, "9223372036854775807"},
    {INT64_MIN, "-9223372036854775808"},
};

static void test_factset_num_text(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    for (size_t i = 0; i < N_ELEMS(num_cases); i++) {
        tw_factset_begin(&fs, TW_FACT_VTY, 1, TW_STR("x"), TW_STR_NULL);
        tw_factset_num(&fs, "first", num_cases[i].v);
        assert_int_equal(tw_factset_end(&fs), TW_OK);
        assert_true(fs.v[i].fields[0].num == num_cases[i].v);
        assert_true(tw_str_eq_c(fs.v[i].fields[0].str, num_cases[i].text));
    }
    tw_factset_release(&fs);
}

static const struct {
    const char *in;
    const char *text;
} addr_cases[] = {
    {"10.0.0.0/8", "10.0.0.0/8"},  {"10.1.1.1", "10.1.1.1"}, {"2001:DB8::1", "2001:db8::1"},
    {"::ffff:1.2.3.4", "1.2.3.4"}, {"::/0", "any"},          {"0.0.0.0/0", "any"},
};

static void test_factset_addr_text(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    for (size_t i = 0; i < N_ELEMS(addr_cases); i++) {
        tw_cidr c;
        assert_int_equal(tw_cidr_parse(tw_str_c(addr_cases[i].in), 0, &c), TW_OK);
        tw_factset_begin(&fs, TW_FACT_ADDRESS, 3, TW_STR("x"), TW_STR_NULL);
        tw_factset_addr(&fs, "value", &c);
        assert_int_equal(tw_factset_end(&fs), TW_OK);
        assert_true(tw_str_eq_c(fs.v[i].fields[0].str, addr_cases[i].text));
        assert_int_equal(fs.v[i].fields[0].addr.plen, c.plen);
    }
    tw_factset_release(&fs);
}

static void test_factset_repeated_fields(void **state)
{
    tw_factset fs;
    const tw_fact *f;
    const tw_field *fld;
    static const char *const want[] = {"ssh", "telnet", "rlogin"};
    tw_factset_init(&fs, *state);
    tw_factset_begin(&fs, TW_FACT_VTY, 10, TW_STR("line vty 0 4"), TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("vty 0 4"));
    tw_factset_str(&fs, "transport_input", TW_STR("ssh"));
    tw_factset_field_at(&fs, 11, TW_STR(" transport input ssh telnet rlogin"));
    tw_factset_str(&fs, "transport_input", TW_STR("telnet"));
    tw_factset_str(&fs, "access_class", TW_STR("5"));
    tw_factset_field_at(&fs, 12, TW_STR(" access-class 5 in"));
    tw_factset_str(&fs, "transport_input", TW_STR("rlogin"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    f = &fs.v[0];
    fld = NULL;
    for (size_t i = 0; i < N_ELEMS(want); i++) {
        fld = tw_fact_next(f, "transport_input", fld);
        assert_non_null(fld);
        assert_true(tw_str_eq_c(fld->str, want[i]));
    }
    assert_null(tw_fact_next(f, "transport_input", fld));
    assert_int_equal(tw_fact_get(f, "transport_input")->line, 11);
    assert_true(tw_str_eq_c(tw_fact_get(f, "transport_input")->evidence,
                            " transport input ssh telnet rlogin"));
    assert_int_equal(tw_fact_get(f, "access_class")->line, 12);
    assert_int_equal(tw_fact_get(f, "name")->line, 0);
    assert_int_equal(tw_fact_get(f, "name")->evidence.len, 0);
    tw_factset_release(&fs);
}

static void test_factset_field_cap(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    tw_factset_begin(&fs, TW_FACT_SCRIPT, 5, TW_STR("event manager applet X"), TW_STR_NULL);
    for (int i = 0; i < TW_LIMIT_FIELDS + 10; i++)
        tw_factset_num(&fs, "action", i);
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(fs.v[0].nfields, TW_LIMIT_FIELDS);
    assert_int_equal(fs.v[0].fields[TW_LIMIT_FIELDS - 1].num, TW_LIMIT_FIELDS - 1);
    tw_factset_release(&fs);
}

static void test_factset_fact_cap(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    fs.max = 3;
    for (uint32_t i = 0; i < 3; i++) {
        tw_factset_begin(&fs, TW_FACT_ADDRESS, i + 1, TW_STR("x"), TW_STR_NULL);
        assert_int_equal(tw_factset_end(&fs), TW_OK);
    }
    tw_factset_begin(&fs, TW_FACT_ADDRESS, 4, TW_STR("x"), TW_STR_NULL);
    assert_int_equal(tw_factset_end(&fs), TW_ELIMIT);
    assert_int_equal(fs.n, 3);
    assert_int_equal(fs.v[2].line, 3);
    assert_int_equal(fs.v[0].nfields, 0);
    tw_factset_release(&fs);
}

static void test_factset_misuse(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    /* adders without begin, end without begin: ignored and TW_EINVAL */
    tw_factset_str(&fs, "name", TW_STR("x"));
    tw_factset_field_at(&fs, 3, TW_STR("x"));
    assert_int_equal(tw_factset_end(&fs), TW_EINVAL);
    assert_int_equal(fs.n, 0);
    /* a second begin discards the pending fact */
    tw_factset_begin(&fs, TW_FACT_HOSTNAME, 1, TW_STR("hostname a"), TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("a"));
    tw_factset_begin(&fs, TW_FACT_HOSTNAME, 2, TW_STR("hostname b"), TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("b"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(fs.n, 1);
    assert_int_equal(fs.v[0].nfields, 1);
    assert_true(tw_str_eq_c(fs.v[0].fields[0].str, "b"));
    assert_int_equal(tw_factset_end(&fs), TW_EINVAL);
    tw_factset_release(&fs);
}

static void test_factset_default_fact(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    tw_factset_begin(&fs, TW_FACT_SERVICE, 0, TW_STR_NULL, TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("smart_install"));
    tw_factset_bool(&fs, "enabled", true);
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(fs.v[0].line, 0);
    assert_int_equal(fs.v[0].evidence.len, 0);
    assert_non_null(fs.v[0].evidence.ptr);
    assert_int_equal(fs.v[0].context.len, 0);
    tw_factset_release(&fs);
}

static void test_factset_arena_exhausted(void **state)
{
    tw_arena *small = tw_arena_new(64);
    tw_factset fs;
    (void)state;
    tw_factset_init(&fs, small);
    tw_factset_begin(&fs, TW_FACT_HOSTNAME, 1,
                     TW_STR("hostname a-very-long-hostname-that-does-not-fit-in-64-bytes"),
                     TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("a-very-long-hostname-that-does-not-fit-in-64-bytes"));
    assert_int_equal(tw_factset_end(&fs), TW_ENOMEM);
    assert_int_equal(fs.n, 0);
    tw_factset_release(&fs);
    tw_arena_free(small);
}

static void test_factset_many(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    for (uint32_t i = 0; i < 5000; i++) {
        tw_factset_begin(&fs, TW_FACT_ACL_ENTRY, i + 1, TW_STR("permit ip any any"),
                         TW_STR("ip access-list extended X"));
        tw_factset_num(&fs, "seq", i);
        assert_int_equal(tw_factset_end(&fs), TW_OK);
    }
    assert_int_equal(fs.n, 5000);
    assert_int_equal(fs.v[4999].fields[0].num, 4999);
    assert_true(tw_str_eq_c(fs.v[4999].fields[0].str, "4999"));
    assert_true(tw_str_eq_c(fs.v[123].context, "ip access-list extended X"));
    tw_factset_release(&fs);
    assert_int_equal(fs.n, 0);
    assert_null(fs.v);
}

/* Strings inside the borrowed range stay views of it; others are copied. */
static void test_factset_borrow(void **state)
{
    static const char text[] = "hostname r1\n";
    tw_str inside = tw_str_make(text, 11), name = tw_str_make(text + 9, 2);
    tw_factset fs;
    tw_factset_init(&fs, *state);
    tw_factset_borrow(&fs, text, sizeof(text) - 1);
    tw_factset_begin(&fs, TW_FACT_HOSTNAME, 1, inside, TW_STR("outside"));
    tw_factset_str(&fs, "name", name);
    tw_factset_str(&fs, "other", TW_STR("r1"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_ptr_equal(fs.v[0].evidence.ptr, text);
    assert_ptr_equal(fs.v[0].fields[0].str.ptr, text + 9);
    assert_true(fs.v[0].context.ptr < text || fs.v[0].context.ptr >= text + sizeof(text));
    assert_true(tw_str_eq_c(fs.v[0].fields[1].str, "r1"));
    assert_true(tw_str_eq_c(fs.v[0].context, "outside"));
    tw_factset_release(&fs);
}

/* A vector reserved in the arena grows past its reservation and is not
 * freed by release. */
static void test_factset_reserve(void **state)
{
    tw_factset fs;
    tw_factset_init(&fs, *state);
    assert_int_equal(tw_factset_reserve(&fs, 10), TW_OK);
    assert_true(fs.arena_vec);
    for (uint32_t i = 0; i < 300; i++) {
        tw_factset_begin(&fs, TW_FACT_VERSION, i + 1, TW_STR("version 15.2"), TW_STR_NULL);
        tw_factset_num(&fs, "n", -(int64_t)i);
        assert_int_equal(tw_factset_end(&fs), TW_OK);
    }
    assert_int_equal(fs.n, 300);
    assert_int_equal(fs.v[299].line, 300);
    assert_true(tw_str_eq_c(fs.v[299].fields[0].str, "-299"));
    assert_int_equal(tw_factset_reserve(&fs, 10), TW_EINVAL);
    tw_factset_release(&fs);
    assert_null(fs.v);
    assert_false(fs.arena_vec);
}

/* Reopening a finished fact adds fields in place; the fact count, line,
 * evidence and earlier fields stay, and a later fact is appended as usual. */
/* A skipped kind builds nothing and is no error; the others are kept, and
 * ending with no fact open is still a misuse. */
static void test_factset_skip(void **state)
{
    tw_factset fs;

    tw_factset_init(&fs, *state);
    fs.skip = (uint64_t)1 << TW_FACT_PREFIX_LIST;
    assert_true(TW_FACTSET_SKIPS(&fs, TW_FACT_PREFIX_LIST));
    assert_false(TW_FACTSET_SKIPS(&fs, TW_FACT_HOSTNAME));
    tw_factset_begin(&fs, TW_FACT_PREFIX_LIST, 2,
                     TW_STR("ip prefix-list P seq 5 permit 10.0.0.0/8"), TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("P"));
    tw_factset_field_at(&fs, 2, TW_STR("x"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    tw_factset_begin(&fs, TW_FACT_HOSTNAME, 3, TW_STR("hostname R1"), TW_STR_NULL);
    tw_factset_str(&fs, "name", TW_STR("R1"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(fs.n, 1);
    assert_int_equal(fs.v[0].kind, TW_FACT_HOSTNAME);
    assert_int_equal(fs.v[0].nfields, 1);
    assert_int_equal(tw_factset_end(&fs), TW_EINVAL);
    tw_factset_release(&fs);
}

static void test_factset_reopen(void **state)
{
    tw_factset fs;
    const tw_field *k;
    tw_factset_init(&fs, *state);
    tw_factset_begin(&fs, TW_FACT_AAA_SERVER, 3, TW_STR("tacacs-server host 10.0.0.5"),
                     TW_STR_NULL);
    tw_factset_str(&fs, "protocol", TW_STR("tacacs"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    tw_factset_begin(&fs, TW_FACT_HOSTNAME, 4, TW_STR("hostname R1"), TW_STR_NULL);
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(tw_factset_reopen(&fs, 2), TW_EINVAL);
    assert_int_equal(tw_factset_reopen(&fs, 0), TW_OK);
    tw_factset_num(&fs, "key_type", 7);
    tw_factset_field_at(&fs, 9, TW_STR("tacacs-server key 7 <redacted>"));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(fs.n, 2);
    assert_int_equal(fs.v[0].kind, TW_FACT_AAA_SERVER);
    assert_int_equal(fs.v[0].line, 3);
    assert_true(tw_str_eq_c(fs.v[0].evidence, "tacacs-server host 10.0.0.5"));
    assert_int_equal(fs.v[0].nfields, 2);
    assert_true(tw_str_eq_c(tw_fact_get(&fs.v[0], "protocol")->str, "tacacs"));
    k = tw_fact_get(&fs.v[0], "key_type");
    assert_non_null(k);
    assert_int_equal(k->num, 7);
    assert_int_equal(k->line, 9);
    assert_int_equal(fs.v[1].kind, TW_FACT_HOSTNAME);
    tw_factset_begin(&fs, TW_FACT_VERSION, 5, TW_STR("version 15.2"), TW_STR_NULL);
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    assert_int_equal(fs.n, 3);
    assert_int_equal(fs.v[0].nfields, 2);
    tw_factset_release(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fact_kind_names),
        cmocka_unit_test(test_fact_kind_roundtrip),
        cmocka_unit_test(test_fact_kind_unknown),
        cmocka_unit_test_setup_teardown(test_factset_init, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_build, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_num_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_addr_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_repeated_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_field_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_fact_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_misuse, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_skip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_default_fact, setup, teardown),
        cmocka_unit_test(test_factset_arena_exhausted),
        cmocka_unit_test_setup_teardown(test_factset_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_borrow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_factset_reserve, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
