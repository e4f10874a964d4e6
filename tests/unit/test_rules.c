/*
 * test_rules.c: the rule language (lib/rules): every operator, repeated and
 * missing fields, combinators, absent rules, indicator matching, templates
 * with secret redaction, the line a finding points at, catch-all dedupe,
 * override by id, loader errors at file:line, and log facts: prefilter
 * patterns, indicators of every type in text fields, the device of a log
 * finding, no absent rules without a dialect.
 *
 * Facts are built by hand with the fact.h builder; each table row is one
 * rule applied to the same fact set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/arena.h"
#include "tidewatch/fact.h"
#include "tidewatch/finding.h"
#include "tidewatch/ioc.h"
#include "tidewatch/limits.h"
#include "tidewatch/rules.h"

#define IOC_ADDR "45.61.133.77"
#define MD5_IOC "33e692f435d6cf3c637ba54836c63373"

typedef struct {
    tw_arena *arena;
    tw_factset fs;
    tw_iocset *iocs;
    tw_rule_env env;
    tw_findings out;
    tw_diags diags;
    tw_ruleset *rs;
} fixture;

/* ---- helpers -------------------------------------------------------------- */

static void add_addr(tw_factset *fs, const char *name, const char *text)
{
    tw_cidr c;

    assert_int_equal(tw_cidr_parse(tw_str_c(text), 0, &c), TW_OK);
    tw_factset_addr(fs, name, &c);
}

static void begin(tw_factset *fs, tw_fact_kind k, uint32_t line, const char *ev)
{
    tw_factset_begin(fs, k, line, tw_str_c(ev), TW_STR_NULL);
}

static void end(tw_factset *fs)
{
    assert_int_equal(tw_factset_end(fs), TW_OK);
}

/* The fact set every test reads:
 *   line  5  service ssh, port 22022, enabled
 *   line 10  tunnel Tunnel10, destination 45.61.133.77 set on line 12
 *   line 20  vty 0 4, transport_input ssh (line 21) and telnet (line 22)
 *   line 30  interface Gi1, addresses 10.0.0.0/24 and 8.8.8.8
 *   line 40  snmp_community (secret), access rw
 *   line  0  service smart-install, implied
 *   line 12, 50  address facts for 45.61.133.77 */
static void build_facts(tw_factset *fs)
{
    fs->hostname = TW_STR("R1");
    fs->dialect = TW_DIALECT_IOS;
    begin(fs, TW_FACT_SERVICE, 5, "ip ssh port 22022 rotary 1");
    tw_factset_str(fs, "name", TW_STR("ssh"));
    tw_factset_num(fs, "port", 22022);
    tw_factset_bool(fs, "enabled", true);
    end(fs);
    begin(fs, TW_FACT_TUNNEL, 10, "interface Tunnel10");
    tw_factset_str(fs, "name", TW_STR("Tunnel10"));
    tw_factset_str(fs, "source", TW_STR("GigabitEthernet1"));
    add_addr(fs, "destination", IOC_ADDR);
    tw_factset_field_at(fs, 12, TW_STR(" tunnel destination " IOC_ADDR));
    end(fs);
    begin(fs, TW_FACT_VTY, 20, "line vty 0 4");
    tw_factset_str(fs, "name", TW_STR("vty 0 4"));
    tw_factset_str(fs, "transport_input", TW_STR("ssh"));
    tw_factset_field_at(fs, 21, TW_STR(" transport input ssh telnet"));
    tw_factset_str(fs, "transport_input", TW_STR("telnet"));
    tw_factset_field_at(fs, 22, TW_STR(" transport input telnet"));
    end(fs);
    begin(fs, TW_FACT_INTERFACE, 30, "interface GigabitEthernet1");
    tw_factset_str(fs, "name", TW_STR("GigabitEthernet1"));
    add_addr(fs, "address", "10.0.0.0/24");
    add_addr(fs, "address", "8.8.8.8");
    end(fs);
    begin(fs, TW_FACT_SNMP_COMMUNITY, 40, "snmp-server community <redacted> RW");
    tw_factset_secret(fs, "community");
    tw_factset_str(fs, "access", TW_STR("rw"));
    end(fs);
    begin(fs, TW_FACT_SERVICE, 0, "");
    tw_factset_str(fs, "name", TW_STR("smart-install"));
    tw_factset_bool(fs, "enabled", true);
    tw_factset_bool(fs, "implied", true);
    end(fs);
    begin(fs, TW_FACT_ADDRESS, 12, " tunnel destination " IOC_ADDR);
    add_addr(fs, "value", IOC_ADDR);
    tw_factset_str(fs, "statement", TW_STR("tunnel destination"));
    end(fs);
    begin(fs, TW_FACT_ADDRESS, 50, "ip route 0.0.0.0 0.0.0.0 " IOC_ADDR);
    add_addr(fs, "value", IOC_ADDR);
    tw_factset_str(fs, "statement", TW_STR("ip route"));
    end(fs);
}

static int setup(void **state)
{
    static fixture fx;
    tw_ioc meta = {.country = "US", .asn = "AS64500", .description = "test indicator"};

    memset(&fx, 0, sizeof(fx));
    fx.arena = tw_arena_new(0);
    assert_non_null(fx.arena);
    tw_factset_init(&fx.fs, fx.arena);
    build_facts(&fx.fs);
    fx.iocs = tw_iocset_new();
    assert_non_null(fx.iocs);
    assert_int_equal(tw_cidr_parse(TW_STR(IOC_ADDR), 0, &meta.cidr), TW_OK);
    assert_int_equal(tw_iocset_add(fx.iocs, &meta), TW_OK);
    meta.type = TW_IOC_DOMAIN;
    meta.value = "evil.example";
    assert_int_equal(tw_iocset_add(fx.iocs, &meta), TW_OK);
    meta.type = TW_IOC_MD5;
    meta.value = MD5_IOC;
    assert_int_equal(tw_iocset_add(fx.iocs, &meta), TW_OK);
    meta.type = TW_IOC_FILENAME;
    meta.value = "cmd1";
    assert_int_equal(tw_iocset_add(fx.iocs, &meta), TW_OK);
    assert_int_equal(tw_iocset_finish(fx.iocs), TW_OK);
    fx.env.iocs = fx.iocs;
    tw_findings_init(&fx.out, fx.arena);
    tw_diags_init(&fx.diags);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    tw_ruleset_free(fx->rs);
    tw_diags_release(&fx->diags);
    tw_findings_release(&fx->out);
    tw_factset_release(&fx->fs);
    tw_iocset_free(fx->iocs);
    tw_arena_free(fx->arena);
    return 0;
}

/* Replaces the fixture's rule set with one built from packs (NULL ends). */
static tw_err load_packs(fixture *fx, const char *const *packs)
{
    tw_err rc = TW_OK;

    tw_ruleset_free(fx->rs);
    tw_diags_release(&fx->diags);
    tw_diags_init(&fx->diags);
    fx->rs = tw_ruleset_new();
    assert_non_null(fx->rs);
    for (size_t i = 0; packs[i] != NULL; i++) {
        char file[32];
        tw_err r;
        snprintf(file, sizeof(file), "pack%zu.yaml", i);
        r = tw_ruleset_load(fx->rs, file, packs[i], strlen(packs[i]), &fx->diags);
        rc = rc == TW_OK ? r : rc;
    }
    assert_int_equal(tw_ruleset_finish(fx->rs, &fx->diags), TW_OK);
    return rc;
}

static tw_err load_one(fixture *fx, const char *pack)
{
    const char *packs[] = {pack, NULL};

    return load_packs(fx, packs);
}

/* Applies the rule set to the facts, emptying out first. */
static void apply(fixture *fx)
{
    tw_findings_release(&fx->out);
    tw_findings_init(&fx->out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &fx->env, "r1.cfg", &fx->fs, &fx->out), TW_OK);
}

/* One rule T-1 with the given "when"/"absent" and extra keys. */
static void one_rule(char *buf, size_t cap, const char *key, const char *pred, const char *extra)
{
    snprintf(buf, cap,
             "- id: T-1\n  title: test rule\n  severity: low\n  category: hardening\n"
             "  %s: %s\n%s",
             key, pred, extra);
}

static size_t count_rule(const fixture *fx, const char *id)
{
    size_t n = 0;

    for (size_t i = 0; i < fx->out.n; i++)
        n += strcmp(fx->out.v[i].rule, id) == 0;
    return n;
}

/* Highest line of the findings, and how many carry evidence. */
static uint32_t max_line(const fixture *fx)
{
    uint32_t m = 0;

    for (size_t i = 0; i < fx->out.n; i++)
        m = fx->out.v[i].line > m ? fx->out.v[i].line : m;
    return m;
}

static size_t evidence_count(const fixture *fx)
{
    size_t n = 0;

    for (size_t i = 0; i < fx->out.n; i++)
        n += fx->out.v[i].evidence != NULL;
    return n;
}

static const char *first_evidence(const fixture *fx)
{
    return fx->out.n > 0 && fx->out.v[0].evidence != NULL ? fx->out.v[0].evidence : "(null)";
}

/* ---- operators ---------------------------------------------------------- */

static const struct {
    const char *when;
    size_t want;
} op_cases[] = {
    /* equality: text case-insensitive, numbers, addresses, booleans */
    {"{fact: service, name: ssh}", 1},
    {"{fact: service, name: SSH}", 1},
    {"{fact: service, name: telnet}", 0},
    {"{fact: service, port: 22022}", 1},
    {"{fact: service, port: {eq: 22}}", 0},
    {"{fact: tunnel, destination: " IOC_ADDR "}", 1},
    {"{fact: tunnel, destination: " IOC_ADDR "/32}", 1},
    {"{fact: tunnel, destination: 45.61.133.78}", 0},
    {"{fact: service, enabled: true}", 2},
    {"{fact: service, enabled: false}", 0},
    {"{fact: service, port: {ne: 22}}", 1},
    {"{fact: service, port: {ne: 22022}}", 0},
    /* numbers */
    {"{fact: service, port: {gt: 22021}}", 1},
    {"{fact: service, port: {gt: 22022}}", 0},
    {"{fact: service, port: {ge: 22022}}", 1},
    {"{fact: service, port: {ge: 22023}}", 0},
    {"{fact: service, port: {lt: 22023}}", 1},
    {"{fact: service, port: {lt: 22022}}", 0},
    {"{fact: service, port: {le: 22022}}", 1},
    {"{fact: service, port: {le: 22021}}", 0},
    {"{fact: service, port: {ge: 18000, le: 18999}}", 0},
    {"{fact: service, port: {ge: 22000, le: 22999}}", 1},
    /* lists */
    {"{fact: service, name: {in: [http, ssh]}}", 1},
    {"{fact: service, name: {in: [http, https]}}", 0},
    {"{fact: service, name: {not_in: [http]}}", 2},
    {"{fact: service, name: {not_in: [ssh, smart-install]}}", 0},
    /* regexes: anchored as written, case-sensitive unless iregex */
    {"{fact: service, port: {regex: '^(22[0-9]22|[0-9]{3}22)$'}}", 1},
    {"{fact: service, port: {regex: '^22$'}}", 0},
    {"{fact: tunnel, name: {regex: '^tunnel'}}", 0},
    {"{fact: tunnel, name: {iregex: '^tunnel'}}", 1},
    {"{fact: tunnel, name: {regex: 'nel1'}}", 1},
    /* contains, case-insensitive */
    {"{fact: tunnel, name: {contains: NNEL1}}", 1},
    {"{fact: tunnel, name: {contains: xyz}}", 0},
    /* exists */
    {"{fact: tunnel, destination: {exists: true}}", 1},
    {"{fact: tunnel, protection: {exists: true}}", 0},
    {"{fact: tunnel, protection: {exists: false}}", 1},
    {"{fact: tunnel, destination: {exists: false}}", 0},
    /* public */
    {"{fact: tunnel, destination: {public: true}}", 1},
    {"{fact: tunnel, destination: {public: false}}", 0},
    {"{fact: tunnel, source: {public: false}}", 0},
    /* missing field: every test but exists:false fails, ne and not_in too */
    {"{fact: tunnel, protection: x}", 0},
    {"{fact: tunnel, protection: {ne: x}}", 0},
    {"{fact: tunnel, protection: {not_in: [x]}}", 0},
    {"{fact: tunnel, protection: {regex: '.*'}}", 0},
    /* repeated fields: any value passes; one value must pass all operators */
    {"{fact: vty, transport_input: telnet}", 1},
    {"{fact: vty, transport_input: {ne: ssh}}", 1},
    {"{fact: vty, transport_input: {in: [all]}}", 0},
    {"{fact: vty, transport_input: {not_in: [ssh, telnet]}}", 0},
    {"{fact: interface, address: {public: true}}", 1},
    {"{fact: interface, address: {public: false}}", 1},
    {"{fact: interface, address: {public: true, eq: 10.0.0.0/24}}", 0},
    /* combinators */
    {"{fact: service, all: [{name: ssh}, {port: 22022}]}", 1},
    {"{fact: service, all: [{name: ssh}, {port: 22}]}", 0},
    {"{fact: service, any: [{name: http}, {name: ssh}]}", 1},
    {"{fact: service, any: [{name: http}, {name: https}]}", 0},
    {"{fact: service, not: {name: ssh}}", 1},
    {"{fact: service, not: {name: {in: [ssh, smart-install]}}}", 0},
    {"{fact: service, not: {not: {name: ssh}}}", 1},
    {"{fact: vty}", 1},
    /* policy lists: none is loaded */
    {"{fact: tunnel, destination: {in: policy.tunnel_peers}}", 0},
    {"{fact: tunnel, destination: {not_in: policy.tunnel_peers}}", 1},
    /* indicators */
    {"{fact: tunnel, destination: {in: ioc}}", 1},
    {"{fact: tunnel, destination: {not_in: ioc}}", 0},
    {"{fact: interface, address: {in: ioc}}", 0},
    {"{fact: interface, address: {not_in: ioc}}", 1},
    /* the indicator guard (pred.c) must not turn away what the full test
     * keeps: a second "any" branch, a "not", an indicator in a later value */
    {"{fact: address, any: [{value: {in: ioc}}, {statement: {eq: 'ip route'}}]}", 2},
    {"{fact: address, any: [{statement: {eq: x}}, {value: {in: ioc}}]}", 2},
    {"{fact: tunnel, any: [{source: {in: ioc}}, {destination: {in: ioc}}]}", 1},
    {"{fact: tunnel, all: [{name: {eq: Tunnel10}}, {destination: {in: ioc}}]}", 1},
    {"{fact: tunnel, not: {destination: {in: ioc}}}", 0},
    {"{fact: interface, not: {address: {in: ioc}}}", 1},
    {"{fact: interface, any: [{address: {in: ioc}}, {name: {eq: GigabitEthernet1}}]}", 1},
    {"{fact: interface, all: [{address: {in: ioc}}, {name: {eq: GigabitEthernet1}}]}", 0},
    {"{fact: tunnel, destination: {in: ioc, public: true}}", 1},
};

static void test_operators(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(op_cases) / sizeof(op_cases[0]); i++) {
        char pack[512], got[600], want[600];
        one_rule(pack, sizeof(pack), "when", op_cases[i].when, "");
        assert_int_equal(load_one(fx, pack), TW_OK);
        apply(fx);
        snprintf(got, sizeof(got), "%s -> %zu", op_cases[i].when, fx->out.n);
        snprintf(want, sizeof(want), "%s -> %zu", op_cases[i].when, op_cases[i].want);
        assert_string_equal(got, want);
    }
}

/* ---- tw_rule_requires_field --------------------------------------------- */

static const struct {
    const char *key, *pred;
    bool want;
} requires_cases[] = {
    {"when", "{fact: event, command: {iregex: 'ssh'}}", true},
    {"when", "{fact: event, command: {exists: true}}", true},
    {"when", "{fact: event, command: {exists: false}}", false},
    {"when", "{fact: event, user: {eq: x}}", false},
    {"when", "{fact: event, not: {command: {iregex: 'x'}}}", false},
    {"when", "{fact: event, all: [{user: {eq: x}}, {command: {regex: 'y'}}]}", true},
    {"when", "{fact: event, any: [{command: {regex: 'a'}}, {command: {regex: 'b'}}]}", true},
    {"when", "{fact: event, any: [{command: {regex: 'a'}}, {user: {eq: b}}]}", false},
};

/* Whether a rule can only match facts that have the field, as a hunt uses
 * it to look for command patterns on command lines only. */
static void test_requires_field(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(requires_cases) / sizeof(requires_cases[0]); i++) {
        char pack[512];

        one_rule(pack, sizeof(pack), requires_cases[i].key, requires_cases[i].pred,
                 "  match: [ssh]\n");
        print_message("%s\n", requires_cases[i].pred);
        assert_int_equal(load_one(fx, pack), TW_OK);
        assert_int_equal(tw_rule_requires_field(tw_ruleset_find(fx->rs, "T-1"), "command"),
                         requires_cases[i].want);
    }
    assert_false(tw_rule_requires_field(NULL, "command"));
}

/* ---- absent rules ------------------------------------------------------- */

static const struct {
    const char *absent;
    size_t want;
} absent_cases[] = {
    {"{fact: logging_host}", 1},
    {"{fact: service, name: ssh}", 0},
    {"{fact: service, name: http}", 1},
    {"{fact: vty, transport_output: none}", 1},
    {"{fact: vty, transport_input: telnet}", 0},
};

static void test_absent(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(absent_cases) / sizeof(absent_cases[0]); i++) {
        char pack[512], got[600], want[600];
        one_rule(pack, sizeof(pack), "absent", absent_cases[i].absent, "");
        assert_int_equal(load_one(fx, pack), TW_OK);
        apply(fx);
        snprintf(got, sizeof(got), "%s -> %zu line 0", absent_cases[i].absent, fx->out.n);
        snprintf(want, sizeof(want), "%s -> %zu line 0", absent_cases[i].absent,
                 absent_cases[i].want);
        assert_string_equal(got, want);
        assert_int_equal(max_line(fx), 0);
        assert_int_equal(evidence_count(fx), 0);
    }
}

/* A file with no facts at all gives no absent findings. */
static void test_absent_empty(void **state)
{
    fixture *fx = *state;
    char pack[512];
    tw_factset empty;

    one_rule(pack, sizeof(pack), "absent", "{fact: logging_host}", "");
    assert_int_equal(load_one(fx, pack), TW_OK);
    tw_factset_init(&empty, fx->arena);
    tw_findings_release(&fx->out);
    tw_findings_init(&fx->out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &fx->env, NULL, &empty, &fx->out), TW_OK);
    assert_int_equal(fx->out.n, 0);
    tw_factset_release(&empty);
}

/* ---- where a finding points ------------------------------------------------ */

static const struct {
    const char *when;
    uint32_t line;
    const char *evidence; /* NULL: none */
} line_cases[] = {
    {"{fact: tunnel, destination: {public: true}}", 12, " tunnel destination " IOC_ADDR},
    {"{fact: tunnel, name: Tunnel10, destination: {public: true}}", 12,
     " tunnel destination " IOC_ADDR},
    {"{fact: tunnel, name: Tunnel10}", 10, "interface Tunnel10"},
    {"{fact: tunnel, not: {destination: {public: false}}, name: Tunnel10}", 10,
     "interface Tunnel10"},
    {"{fact: vty, transport_input: telnet}", 22, " transport input telnet"},
    {"{fact: vty, transport_input: {in: [ssh, telnet]}}", 21, " transport input ssh telnet"},
    {"{fact: vty, any: [{transport_input: all}, {transport_input: telnet}]}", 22,
     " transport input telnet"},
    {"{fact: vty, transport_output: {exists: false}}", 20, "line vty 0 4"},
    {"{fact: service, name: smart-install}", 0, NULL},
    {"{fact: service, name: ssh}", 5, "ip ssh port 22022 rotary 1"},
};

static void test_lines(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
        char pack[512], got[600], want[600];
        one_rule(pack, sizeof(pack), "when", line_cases[i].when, "");
        assert_int_equal(load_one(fx, pack), TW_OK);
        apply(fx);
        snprintf(got, sizeof(got), "%s -> %zu: %u [%s]", line_cases[i].when, fx->out.n,
                 max_line(fx), first_evidence(fx));
        snprintf(want, sizeof(want), "%s -> 1: %u [%s]", line_cases[i].when, line_cases[i].line,
                 line_cases[i].evidence ? line_cases[i].evidence : "(null)");
        assert_string_equal(got, want);
    }
}

/* ---- messages and remediation --------------------------------------------- */

static void test_message(void **state)
{
    fixture *fx = *state;
    char pack[1024];
    const tw_finding *f;

    one_rule(pack, sizeof(pack), "when", "{fact: snmp_community}",
             "  message: \"community {community} ({access}) on {device} line {line}: "
             "{nosuch} {ioc} {unclosed\"\n"
             "  attack: [T1602.001]\n  references: [AA25-239A]\n");
    assert_int_equal(load_one(fx, pack), TW_OK);
    apply(fx);
    assert_int_equal(fx->out.n, 1);
    f = &fx->out.v[0];
    assert_string_equal(f->message,
                        "community <redacted> (rw) on R1 line 40: <nosuch> <ioc> {unclosed");
    assert_string_equal(f->title, "test rule");
    assert_string_equal(f->rule, "T-1");
    assert_string_equal(f->device, "R1");
    assert_string_equal(f->file, "r1.cfg");
    assert_int_equal(f->severity, TW_SEV_LOW);
    assert_int_equal(f->category, TW_CAT_HARDENING);
    assert_int_equal(f->nattack, 1);
    assert_string_equal(f->attack[0], "T1602.001");
    assert_int_equal(f->nreferences, 1);
    assert_string_equal(f->references[0], "AA25-239A");
    assert_null(f->ioc);
    assert_null(f->remediation);
}

static void test_message_default_title(void **state)
{
    fixture *fx = *state;
    char pack[512];

    one_rule(pack, sizeof(pack), "when", "{fact: vty}", "");
    assert_int_equal(load_one(fx, pack), TW_OK);
    apply(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.v[0].message, "test rule");
}

static void test_ioc_message(void **state)
{
    fixture *fx = *state;
    char pack[512];

    one_rule(pack, sizeof(pack), "when", "{fact: tunnel, destination: {in: ioc}}",
             "  message: \"{name} to {ioc} ({ioc.country}, {ioc.asn}, {ioc.description})\"\n");
    assert_int_equal(load_one(fx, pack), TW_OK);
    apply(fx);
    assert_int_equal(fx->out.n, 1);
    assert_string_equal(fx->out.v[0].ioc, IOC_ADDR);
    assert_string_equal(fx->out.v[0].message,
                        "Tunnel10 to " IOC_ADDR " (US, AS64500, test indicator)");
}

static void test_no_iocs(void **state)
{
    fixture *fx = *state;
    char pack[512];

    fx->env.iocs = NULL;
    one_rule(pack, sizeof(pack), "when", "{fact: tunnel, destination: {in: ioc}}", "");
    assert_int_equal(load_one(fx, pack), TW_OK);
    apply(fx);
    fx->env.iocs = fx->iocs;
    assert_int_equal(fx->out.n, 0);
}

static const struct {
    tw_dialect dialect;
    const char *want; /* NULL: none */
} remed_cases[] = {
    {TW_DIALECT_IOS, "ios: line vty 0 4 <redacted>"},
    {TW_DIALECT_IOSXE, "ios: line vty 0 4 <redacted>"},
    {TW_DIALECT_JUNOS, "junos: vty 0 4"},
    {TW_DIALECT_EOS, "default: vty 0 4"},
    {TW_DIALECT_UNKNOWN, "default: vty 0 4"},
};

static void test_remediation(void **state)
{
    fixture *fx = *state;
    char pack[1024];

    one_rule(pack, sizeof(pack), "when", "{fact: vty}",
             "  remediation:\n"
             "    ios: \"ios: line {name} <redacted>\"\n"
             "    junos: \"junos: {name}\"\n"
             "    default: \"default: {name}\"\n");
    assert_int_equal(load_one(fx, pack), TW_OK);
    for (size_t i = 0; i < sizeof(remed_cases) / sizeof(remed_cases[0]); i++) {
        fx->fs.dialect = remed_cases[i].dialect;
        apply(fx);
        assert_int_equal(fx->out.n, 1);
        assert_string_equal(fx->out.v[0].remediation, remed_cases[i].want);
    }
    fx->fs.dialect = TW_DIALECT_IOS;
}

static void test_remediation_secret(void **state)
{
    fixture *fx = *state;
    char pack[1024];

    one_rule(pack, sizeof(pack), "when", "{fact: snmp_community}",
             "  remediation:\n    ios: \"no snmp-server community {community}\"\n");
    assert_int_equal(load_one(fx, pack), TW_OK);
    fx->fs.dialect = TW_DIALECT_NXOS;
    apply(fx);
    assert_null(fx->out.v[0].remediation);
    fx->fs.dialect = TW_DIALECT_IOSXE;
    apply(fx);
    fx->fs.dialect = TW_DIALECT_IOS;
    assert_string_equal(fx->out.v[0].remediation, "no snmp-server community <redacted>");
}

/* ---- catch-all dedupe and override ---------------------------------------- */

static const char catchall_pack[] =
    "- id: T-SPECIFIC\n  title: s\n  severity: high\n  category: compromise\n"
    "  when: {fact: tunnel, destination: {in: ioc}}\n"
    "- id: T-CATCH\n  title: c\n  severity: high\n  category: compromise\n"
    "  catchall: true\n  when: {fact: address, value: {in: ioc}}\n";

static void test_catchall(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_one(fx, catchall_pack), TW_OK);
    assert_true(tw_ruleset_find(fx->rs, "T-CATCH")->catchall);
    apply(fx);
    assert_int_equal(fx->out.n, 2);
    assert_int_equal(count_rule(fx, "T-SPECIFIC"), 1);
    assert_int_equal(count_rule(fx, "T-CATCH"), 1);
    assert_int_equal(fx->out.v[0].line + fx->out.v[1].line, 12 + 50);
    assert_string_equal(fx->out.v[1].ioc, IOC_ADDR);
}

static void test_catchall_alone(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_one(fx, strstr(catchall_pack, "- id: T-CATCH")), TW_OK);
    apply(fx);
    assert_int_equal(count_rule(fx, "T-CATCH"), 2);
}

/* A per_device rule reports the first matching fact once and counts the
 * others on that finding; without the key every fact is a finding. */
static void test_per_device(void **state)
{
    static const char pack[] = "- id: T-PD\n  title: addresses\n  severity: low\n"
                               "  category: hardening\n  when: {fact: address}\n"
                               "  message: \"{statement}\"\n  per_device: true\n";
    fixture *fx = *state;
    const tw_finding *f;

    assert_int_equal(load_one(fx, pack), TW_OK);
    assert_true(tw_ruleset_find(fx->rs, "T-PD")->per_device);
    apply(fx);
    assert_int_equal(count_rule(fx, "T-PD"), 1);
    f = &fx->out.v[0];
    assert_int_equal(f->line, 12);
    assert_string_equal(f->message, "tunnel destination (and 1 more)");
    assert_int_equal(f->ndetails, 1);
    assert_string_equal(f->details[0].name, "more");
    assert_string_equal(f->details[0].value, "1");
    assert_int_equal(load_one(fx, "- id: T-PD\n  title: addresses\n  severity: low\n"
                                  "  category: hardening\n  when: {fact: address}\n"
                                  "  per_device: false\n"),
                     TW_OK);
    apply(fx);
    assert_int_equal(count_rule(fx, "T-PD"), 2);
    assert_int_equal(fx->out.v[0].ndetails, 0);
    assert_int_equal(load_one(fx, "- id: T-PD\n  title: t\n  severity: low\n"
                                  "  category: hardening\n  when: {fact: address}\n"
                                  "  per_device: sometimes\n"),
                     TW_ERULE);
}

static void test_override(void **state)
{
    fixture *fx = *state;
    const char *packs[] = {
        "- {id: Z-1, title: first, severity: low, category: drift, when: {fact: vty}}\n"
        "- {id: A-1, title: a, severity: low, category: drift, when: {fact: vty}}\n",
        "- {id: Z-1, title: second, severity: critical, category: outlier,"
        " when: {fact: tunnel}}\n",
        NULL,
    };
    const tw_rule *r;

    assert_int_equal(load_packs(fx, packs), TW_OK);
    assert_int_equal(tw_ruleset_count(fx->rs), 2);
    assert_string_equal(tw_ruleset_at(fx->rs, 0)->id, "A-1");
    assert_string_equal(tw_ruleset_at(fx->rs, 1)->id, "Z-1");
    assert_null(tw_ruleset_at(fx->rs, 2));
    r = tw_ruleset_find(fx->rs, "Z-1");
    assert_non_null(r);
    assert_string_equal(r->title, "second");
    assert_string_equal(r->file, "pack1.yaml");
    assert_int_equal(r->line, 1);
    assert_int_equal(r->severity, TW_SEV_CRITICAL);
    assert_int_equal(r->kind, TW_FACT_TUNNEL);
    assert_null(tw_ruleset_find(fx->rs, "Q-1"));
    apply(fx);
    assert_int_equal(count_rule(fx, "Z-1"), 1);
    assert_int_equal(fx->out.n, 2);
}

static void test_finished_set(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_one(fx, "[]"), TW_OK);
    assert_int_equal(tw_ruleset_load(fx->rs, "x", "[]", 2, &fx->diags), TW_EINVAL);
    assert_int_equal(tw_ruleset_finish(fx->rs, &fx->diags), TW_EINVAL);
    assert_int_equal(tw_ruleset_count(fx->rs), 0);
}

/* ---- loader errors ---------------------------------------------------------- */

#define HEAD "- id: T-1\n  title: t\n  severity: low\n  category: hardening\n"

static const struct {
    const char *yaml;
    tw_err rc;
    uint32_t line;
    const char *msg; /* substring of the first diagnostic */
} err_cases[] = {
    {HEAD "  when: {fact: tunel}\n", TW_ERULE, 5, "rule T-1: unknown fact kind 'tunel'"},
    {HEAD "  when: {fact: tunnel, name: {regx: a}}\n", TW_ERULE, 5, "unknown operator 'regx'"},
    {HEAD "  when: {fact: tunnel, name: {regex: '(a'}}\n", TW_ERULE, 5, "invalid regex '(a'"},
    {HEAD "  when: {fact: tunnel}\n  absent: {fact: tunnel}\n", TW_ERULE, 1,
     "rule T-1: rule has both when and absent"},
    {HEAD "  title: again\n  when: {fact: tunnel}\n", TW_ERULE, 5, "duplicate key 'title'"},
    {HEAD "  when: {fact: tunnel}\n" HEAD "  when: {fact: vty}\n", TW_ERULE, 6,
     "duplicate rule id in one pack"},
    {HEAD "  colour: red\n  when: {fact: tunnel}\n", TW_ERULE, 5, "unknown key 'colour'"},
    {"- id: T-1\n  title: t\n  severity: severe\n  category: hardening\n  when: {fact: vty}\n",
     TW_ERULE, 3, "unknown severity 'severe'"},
    {"- id: T-1\n  title: t\n  severity: low\n  category: hunt\n  when: {fact: vty}\n", TW_ERULE, 4,
     "unknown category 'hunt'"},
    {HEAD "  when: {fact: vty}\n  attack: [T1562.004, T15]\n", TW_ERULE, 6,
     "invalid att&ck id 'T15'"},
    {HEAD "  when: {fact: tunnel, destinaton: 1.2.3.4}\n", TW_ERULE, 5,
     "unknown field 'destinaton' for fact kind 'tunnel'"},
    {HEAD "  when: {fact: vty}\n  remediation: {cisco: x}\n", TW_ERULE, 6,
     "unknown remediation dialect 'cisco'"},
    {HEAD "  when: {fact: vty}\n  policy: aaa_server\n", TW_ERULE, 6,
     "unknown policy list 'aaa_server'"},
    {HEAD "  when: {fact: vty}\n  dialects: [ios, nxos-ish]\n", TW_ERULE, 6,
     "unknown dialect 'nxos-ish'"},
    {HEAD "  when: {fact: aaa_server, address: {in: policy.radius}}\n", TW_ERULE, 5,
     "unknown policy list 'radius'"},
    {"- id: T-1\n  severity: low\n  category: hardening\n  when: {fact: vty}\n", TW_ERULE, 1,
     "rule has no title"},
    {"- id: t_1\n  title: t\n  severity: low\n  category: hardening\n  when: {fact: vty}\n",
     TW_ERULE, 1, "invalid rule id"},
    {HEAD "  description: d\n", TW_ERULE, 1, "rule has neither when nor absent"},
    {HEAD "  when: {name: x}\n", TW_ERULE, 5, "predicate needs 'fact: KIND'"},
    {HEAD "  when: {fact: vty, any: [{fact: vty}]}\n", TW_ERULE, 5,
     "'fact' is allowed only at the top"},
    {HEAD "  when: {fact: vty, any: []}\n", TW_ERULE, 5, "any needs a non-empty list"},
    {HEAD "  when: {fact: vty, name: {in: foo}}\n", TW_ERULE, 5,
     "in needs a list, 'ioc' or 'policy.<list>'"},
    {HEAD "  when: {fact: vty, first: {gt: many}}\n", TW_ERULE, 5, "gt needs an integer"},
    {HEAD "  when: {fact: vty, name: {exists: maybe}}\n", TW_ERULE, 5,
     "exists needs true or false"},
    {HEAD "  when: {fact: vty, name: [a, b]}\n", TW_ERULE, 5, "must be a scalar or a mapping"},
    {HEAD "  catchall: yes\n  when: {fact: vty}\n", TW_ERULE, 5, "catchall needs true or false"},
    {HEAD "  when: &p {fact: vty}\n  absent: *p\n", TW_ERULE, 5, "yaml aliases are not supported"},
    {"- id: T-1\n  title: [unclosed\n", TW_EYAML, 3, "invalid yaml"},
    {"rules: {id: T-1}\n", TW_ERULE, 1, "a rule pack is a list of rules"},
    {"version: 1\n", TW_ERULE, 1, "a pack mapping must hold only the key 'rules'"},
    {"- just a string\n", TW_ERULE, 1, "must be a mapping"},
    /* prefilter patterns and log facts */
    {HEAD "  match: [x]\n  when: {fact: vty}\n", TW_ERULE, 5,
     "'match' applies only to rules over event or sighting facts, not 'vty'"},
    {HEAD "  when: {fact: event, command: x}\n", TW_ERULE, 1,
     "rule over log events needs 'match' prefilter patterns or an 'in: ioc' test"},
    {HEAD "  when: {fact: event, src: {not_in: ioc}}\n", TW_ERULE, 1,
     "needs 'match' prefilter patterns"},
    {HEAD "  match: [{regex: '(a)\\1'}]\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "invalid match regex '(a)\\1'"},
    {HEAD "  match: [{regex: '(?=x)y'}]\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "invalid match regex '(?=x)y'"},
    {HEAD "  match: [{regex: 'a*'}]\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "invalid match regex 'a*'"},
    {HEAD "  match: []\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "match needs a non-empty list of patterns"},
    {HEAD "  match: x\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "match needs a non-empty list of patterns"},
    {HEAD "  match: [{regx: a}]\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "a match pattern is a literal or {regex: PATTERN}"},
    {HEAD "  match: ['']\n  when: {fact: event, command: x}\n", TW_ERULE, 5,
     "a match literal is empty"},
    {HEAD "  match: [x]\n  when: {fact: event, comand: x}\n", TW_ERULE, 6,
     "unknown field 'comand' for fact kind 'event'"},
    {HEAD "  match: [x]\n  when: {fact: sighting, ioc: x}\n", TW_ERULE, 6,
     "unknown field 'ioc' for fact kind 'sighting'"},
    {HEAD "  absent: {fact: event, command: x}\n", TW_ERULE, 1,
     "absent rules apply only to configuration facts, not 'event'"},
};

static void test_loader_errors(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
        char got[700], want[700];
        const tw_diag *d;
        tw_err rc = load_one(fx, err_cases[i].yaml);
        assert_true(fx->diags.n > 0);
        d = &fx->diags.v[0];
        snprintf(got, sizeof(got), "case %zu: rc %s at %s:%u %s", i, tw_errname(rc), d->file,
                 d->line, strstr(d->message, err_cases[i].msg) ? "found" : d->message);
        snprintf(want, sizeof(want), "case %zu: rc %s at pack0.yaml:%u found", i,
                 tw_errname(err_cases[i].rc), err_cases[i].line);
        assert_string_equal(got, want);
        assert_int_equal(d->level, TW_DIAG_ERROR);
    }
}

/* A bad rule is rejected, the good ones next to it are kept. */
static void test_loader_keeps_valid(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_one(fx, HEAD "  when: {fact: tunel}\n"
                                       "- {id: T-2, title: t, severity: low, category: drift,"
                                       " when: {fact: vty}}\n"),
                     TW_ERULE);
    assert_int_equal(tw_ruleset_count(fx->rs), 1);
    assert_non_null(tw_ruleset_find(fx->rs, "T-2"));
    assert_null(tw_ruleset_find(fx->rs, "T-1"));
    assert_int_equal(fx->diags.n, 1);
    assert_string_equal(fx->diags.v[0].rule_id, "T-1");
    assert_int_equal(fx->diags.v[0].column, 16);
}

/* Every problem of a rule is reported, not only the first. */
static void test_loader_all_problems(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_one(fx, "- id: T-1\n  severity: bad\n  category: bad\n"
                                  "  when: {fact: vty, name: {regx: a}}\n"),
                     TW_ERULE);
    assert_int_equal(fx->diags.n, 4);
    assert_int_equal(fx->diags.v[0].line, 2);
    assert_int_equal(fx->diags.v[1].line, 3);
    assert_int_equal(fx->diags.v[2].line, 4);
    assert_int_equal(fx->diags.v[3].line, 1);
}

/* A rule whose "when" nests k "not" levels under the top one. */
static void nested_rule(char *buf, size_t cap, int k)
{
    size_t len = (size_t)snprintf(buf, cap, HEAD "  when: {fact: vty, not: ");

    for (int i = 0; i < k && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "{not: ");
    len += (size_t)snprintf(buf + len, cap - len, "{name: x}");
    for (int i = 0; i <= k && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "}");
    snprintf(buf + len, cap - len, "\n");
}

/* Nesting deeper than TW_LIMIT_RULE_DEPTH is refused: the top predicate
 * is level 1, the "not" value level 2, and k more levels follow. */
static void test_loader_depth(void **state)
{
    fixture *fx = *state;
    char pack[2048];

    nested_rule(pack, sizeof(pack), TW_LIMIT_RULE_DEPTH - 1);
    assert_int_equal(load_one(fx, pack), TW_ERULE);
    assert_non_null(strstr(fx->diags.v[0].message, "nested deeper than 16 levels"));
    nested_rule(pack, sizeof(pack), TW_LIMIT_RULE_DEPTH - 2);
    assert_int_equal(load_one(fx, pack), TW_OK);
    assert_int_equal(fx->diags.n, 0);
}

static void test_loader_limits(void **state)
{
    fixture *fx = *state;

    assert_int_equal(load_one(fx, "rules: []\n"), TW_OK);
    assert_int_equal(load_one(fx, "# only a comment\n"), TW_OK);
    assert_int_equal(fx->diags.n, 0);
    tw_ruleset_free(fx->rs);
    fx->rs = tw_ruleset_new();
    assert_int_equal(tw_ruleset_load(fx->rs, "big.yaml", "", TW_LIMIT_RULE_FILE + 1, &fx->diags),
                     TW_ELIMIT);
    assert_int_equal(fx->diags.v[0].code, TW_ELIMIT);
    assert_int_equal(tw_ruleset_count(fx->rs), 0);
}

/* ---- log facts: prefilters, text indicators, device ------------------------ */

/* Two events and a sighting, as hunt builds them from log lines. */
static void build_log_facts(tw_factset *fs)
{
    begin(fs, TW_FACT_EVENT, 3, "edge1 copy x ftp://a");
    tw_factset_str(fs, "host", TW_STR("edge1"));
    tw_factset_str(fs, "user", TW_STR("bob"));
    tw_factset_str(fs, "command", TW_STR("copy x ftp://a"));
    tw_factset_str(fs, "message", TW_STR("a.Evil.example"));
    add_addr(fs, "src", "10.0.0.1");
    end(fs);
    begin(fs, TW_FACT_EVENT, 4, "edge2 cmd1");
    tw_factset_str(fs, "host", TW_STR("edge2"));
    tw_factset_str(fs, "user", TW_STR(MD5_IOC));
    tw_factset_str(fs, "program", TW_STR("cmd1"));
    tw_factset_str(fs, "message", TW_STR("notevil.example"));
    end(fs);
    begin(fs, TW_FACT_SIGHTING, 5, "edge2 sft");
    tw_factset_str(fs, "host", TW_STR("edge2"));
    tw_factset_str(fs, "indicator", TW_STR("cmd1"));
    tw_factset_str(fs, "type", TW_STR("filename"));
    end(fs);
    begin(fs, TW_FACT_SIGHTING, 6, "evil.example as a file name");
    tw_factset_str(fs, "indicator", TW_STR("evil.example"));
    tw_factset_str(fs, "type", TW_STR("filename"));
    end(fs);
}

static const struct {
    const char *when;
    const char *want; /* "count line ioc device" of the first finding */
} log_cases[] = {
    {"{fact: event, message: {in: ioc}}", "1 3 evil.example edge1"},
    {"{fact: event, user: {in: ioc}}", "1 4 " MD5_IOC " edge2"},
    {"{fact: event, program: {in: ioc}}", "1 4 cmd1 edge2"},
    {"{fact: event, message: {not_in: ioc}}", "1 4 - edge2"},
    {"{fact: event, command: {in: ioc}}", "0 0 - -"},
    {"{fact: event, src: {in: ioc}}", "0 0 - -"},
    {"{fact: event, command: {regex: '^copy .*ftp:'}}", "1 3 - edge1"},
    {"{fact: sighting, indicator: {in: ioc}}", "1 5 cmd1 edge2"},
    {"{fact: sighting, host: {in: [edge2]}, type: filename}", "1 5 - edge2"},
};

/* Applies a one-rule pack with a prefilter to the log facts. */
static void apply_log(fixture *fx, const char *when, char *got, size_t cap)
{
    char pack[512];
    tw_factset logs;
    const tw_finding *f;

    one_rule(pack, sizeof(pack), "when", when, "  match: [x, {regex: 'a\\s+b'}]\n");
    assert_int_equal(load_one(fx, pack), TW_OK);
    tw_factset_init(&logs, fx->arena);
    logs.hostname = TW_STR("file-host");
    build_log_facts(&logs);
    tw_findings_release(&fx->out);
    tw_findings_init(&fx->out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &fx->env, "log", &logs, &fx->out), TW_OK);
    f = fx->out.n > 0 ? &fx->out.v[0] : NULL;
    snprintf(got, cap, "%zu %u %s %s", fx->out.n, f ? f->line : 0, f && f->ioc ? f->ioc : "-",
             f && f->device ? f->device : "-");
    tw_factset_release(&logs);
}

static void test_log_facts(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(log_cases) / sizeof(log_cases[0]); i++) {
        char got[600], want[600], res[256];
        apply_log(fx, log_cases[i].when, res, sizeof(res));
        snprintf(got, sizeof(got), "%s -> %s", log_cases[i].when, res);
        snprintf(want, sizeof(want), "%s -> %s", log_cases[i].when, log_cases[i].want);
        assert_string_equal(got, want);
    }
}

/* The prefilter patterns are kept in order, literal or regex; a rule over
 * events without any needs an "in: ioc" test, a sighting rule none. */
static void test_match_patterns(void **state)
{
    fixture *fx = *state;
    const tw_rule *r;

    assert_int_equal(load_one(fx, HEAD "  match: [Guest Shell, {regex: 'a\\s+b'}]\n"
                                       "  when: {fact: event, command: x}\n"
                                       "- {id: T-2, title: t, severity: low, category: drift,"
                                       " when: {fact: event, src: {in: ioc}}}\n"
                                       "- {id: T-3, title: t, severity: low, category: drift,"
                                       " when: {fact: sighting}}\n"),
                     TW_OK);
    assert_int_equal(fx->diags.n, 0);
    r = tw_ruleset_find(fx->rs, "T-1");
    assert_int_equal(r->kind, TW_FACT_EVENT);
    assert_int_equal(r->nmatch, 2);
    assert_string_equal(r->match[0].text, "Guest Shell");
    assert_false(r->match[0].regex);
    assert_string_equal(r->match[1].text, "a\\s+b");
    assert_true(r->match[1].regex);
    assert_int_equal(tw_ruleset_find(fx->rs, "T-2")->nmatch, 0);
    assert_int_equal(tw_ruleset_find(fx->rs, "T-3")->kind, TW_FACT_SIGHTING);
}

/* Absent rules speak only about configurations: a fact set with no
 * dialect (a log) gets none. */
static void test_absent_needs_dialect(void **state)
{
    fixture *fx = *state;
    char pack[512];

    one_rule(pack, sizeof(pack), "absent", "{fact: logging_host}", "");
    assert_int_equal(load_one(fx, pack), TW_OK);
    fx->fs.dialect = TW_DIALECT_UNKNOWN;
    apply(fx);
    fx->fs.dialect = TW_DIALECT_IOS;
    assert_int_equal(fx->out.n, 0);
    apply(fx);
    assert_int_equal(fx->out.n, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_requires_field),
        cmocka_unit_test(test_absent),
        cmocka_unit_test(test_absent_empty),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_message),
        cmocka_unit_test(test_message_default_title),
        cmocka_unit_test(test_ioc_message),
        cmocka_unit_test(test_no_iocs),
        cmocka_unit_test(test_remediation),
        cmocka_unit_test(test_remediation_secret),
        cmocka_unit_test(test_catchall),
        cmocka_unit_test(test_catchall_alone),
        cmocka_unit_test(test_per_device),
        cmocka_unit_test(test_override),
        cmocka_unit_test(test_finished_set),
        cmocka_unit_test(test_loader_errors),
        cmocka_unit_test(test_loader_keeps_valid),
        cmocka_unit_test(test_loader_all_problems),
        cmocka_unit_test(test_loader_depth),
        cmocka_unit_test(test_loader_limits),
        cmocka_unit_test(test_log_facts),
        cmocka_unit_test(test_match_patterns),
        cmocka_unit_test(test_absent_needs_dialect),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
