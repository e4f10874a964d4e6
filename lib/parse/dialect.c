/*
 * dialect.c: configuration dialects: names, detection and the parser table.
 *
 * Detection reads at most the first 64 KiB, one line at a time, and sets
 * a flag per telling sign (an IOS XR banner, NX-OS "feature" lines, Junos
 * braces, Arista daemons, an ASA version line, an IOS XE train, PAN-OS
 * XML or `set deviceconfig` lines); the decision then goes from the most
 * specific dialect to the least.
 * tw_config_parse dispatches through one table {dialect, parser}; a
 * dialect without a parser is TW_EDIALECT with a diagnostic.
 */
#include <string.h>

#include "tidewatch/config.h"

#define DETECT_WINDOW ((size_t)64 << 10)

static const char *const dialect_names[] = {
    [TW_DIALECT_UNKNOWN] = "unknown", [TW_DIALECT_IOS] = "ios",      [TW_DIALECT_IOSXE] = "ios-xe",
    [TW_DIALECT_NXOS] = "nx-os",      [TW_DIALECT_IOSXR] = "ios-xr", [TW_DIALECT_JUNOS] = "junos",
    [TW_DIALECT_EOS] = "eos",         [TW_DIALECT_ASA] = "asa",      [TW_DIALECT_PANOS] = "pan-os",
};

/* Static name of d: "ios", "ios-xe", ...; "unknown" when out of range. */
const char *tw_dialect_name(tw_dialect d)
{
    if ((unsigned)d >= sizeof(dialect_names) / sizeof(dialect_names[0]))
        return "unknown";
    return dialect_names[d];
}

/* Looks a dialect up by name (also "iosxe", "nxos", "iosxr", "panos"), ignoring
 * case; false when unknown. */
bool tw_dialect_parse(tw_str name, tw_dialect *out)
{
    static const struct {
        const char *name;
        tw_dialect d;
    } aliases[] = {{"iosxe", TW_DIALECT_IOSXE},
                   {"nxos", TW_DIALECT_NXOS},
                   {"iosxr", TW_DIALECT_IOSXR},
                   {"panos", TW_DIALECT_PANOS}};

    for (size_t i = 0; i < sizeof(dialect_names) / sizeof(dialect_names[0]); i++) {
        if (tw_str_ieq_c(name, dialect_names[i])) {
            *out = (tw_dialect)i;
            return true;
        }
    }
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (tw_str_ieq_c(name, aliases[i].name)) {
            *out = aliases[i].d;
            return true;
        }
    }
    return false;
}

/* ---- detection -------------------------------------------------------- */

typedef struct {
    bool xr, nx_header, nx_version, feature, nx_rancid;
    bool junos_brace, junos_commit, junos_rancid;
    unsigned junos_set;
    bool eos, asa;
    bool xe_version, xe_line, ios_version;
    unsigned ios_lines;
    bool pan_xml, pan_deviceconfig;
    unsigned pan_set;
    /* what a search of the whole window found: a RANCID content type, an
     * IOS XR route processor path; without them no line is searched for
     * them */
    bool may_rancid, may_xr_path;
} signs;

/* s (not empty) begins with the literal lit; the first character is tested
 * before anything else, so most lines are turned away by one compare. */
#define STARTS(s, lit)                                                                             \
    ((s).ptr[0] == (lit)[0] && (s).len >= sizeof(lit) - 1 &&                                       \
     memcmp((s).ptr, (lit), sizeof(lit) - 1) == 0)
#define CONTAINS(s, lit) (tw_str_find((s), TW_STR(lit)) >= 0)

/* "version N.N(N)": the NX-OS form (IOS writes "version 15.2"). */
static bool nx_version(tw_str s)
{
    return STARTS(s, "version ") && memchr(s.ptr, '(', s.len) != NULL && s.ptr[s.len - 1] == ')';
}

static void comment_signs(signs *g, tw_str s)
{
    bool rancid = g->may_rancid && CONTAINS(s, "RANCID-CONTENT-TYPE: ");

    if (STARTS(s, "!! IOS XR Configuration") ||
        (rancid && CONTAINS(s, "RANCID-CONTENT-TYPE: cisco-xr")))
        g->xr = true;
    else if (rancid && CONTAINS(s, "RANCID-CONTENT-TYPE: cisco-nx"))
        g->nx_rancid = true;
    else if ((rancid && CONTAINS(s, "RANCID-CONTENT-TYPE: arista")) ||
             (STARTS(s, "! device:") && CONTAINS(s, "EOS-")) ||
             STARTS(s, "! boot system flash:/EOS-"))
        g->eos = true;
    else if (STARTS(s, "!Command: show running-config"))
        g->nx_header = true;
}

static void junos_signs(signs *g, tw_str s)
{
    if (STARTS(s, "## Last commit") ||
        (g->may_rancid && CONTAINS(s, "RANCID-CONTENT-TYPE: juniper")))
        g->junos_commit = true;
    switch (s.ptr[0]) {
    case 's':
        if (STARTS(s, "system {"))
            g->junos_brace = true;
        else if (STARTS(s, "set system ") || STARTS(s, "set interfaces ") ||
                 STARTS(s, "set protocols ") || STARTS(s, "set policy-options ") ||
                 STARTS(s, "set snmp "))
            g->junos_set++;
        break;
    case 'i':
        g->junos_brace |= STARTS(s, "interfaces {");
        break;
    case 'r':
        g->junos_brace |= STARTS(s, "routing-options {");
        break;
    case 'p':
        g->junos_brace |= STARTS(s, "protocols {") || STARTS(s, "policy-options {");
        break;
    default:
        break;
    }
}

/* PAN-OS: the XML root `<config version="10.2.0" urldb="paloaltonetworks">`
 * or the device entry `<entry name="localhost.localdomain">` (indented);
 * `set` lines of top-level nodes that only PAN-OS has. */
static void panos_signs(signs *g, tw_str s)
{
    if (s.ptr[0] == '<' || (s.ptr[0] >= '\t' && s.ptr[0] <= '\r') || s.ptr[0] == ' ') {
        tw_str t = tw_str_ltrim(s);
        if ((STARTS(t, "<config ") && CONTAINS(t, " urldb=")) ||
            STARTS(t, "<entry name=\"localhost.localdomain\""))
            g->pan_xml = true;
        return;
    }
    if (!STARTS(s, "set "))
        return;
    if (STARTS(s, "set deviceconfig "))
        g->pan_deviceconfig = true;
    if (STARTS(s, "set deviceconfig ") || STARTS(s, "set network ") || STARTS(s, "set rulebase ") ||
        STARTS(s, "set mgt-config ") || STARTS(s, "set global-protect ") || STARTS(s, "set vsys "))
        g->pan_set++;
}

/* The version line: an IOS XE or IOS train, or the NX-OS form. */
static void version_signs(signs *g, tw_str s)
{
    if (STARTS(s, "version 16.") || STARTS(s, "version 17.") || STARTS(s, "version 03."))
        g->xe_version = true;
    else if (STARTS(s, "version 12.") || STARTS(s, "version 15.") || STARTS(s, "version 11."))
        g->ios_version = true;
    if (nx_version(s))
        g->nx_version = true;
}

/* Cisco-like signs, by first character: the dialect flags, and lines that
 * an IOS configuration has (counted). */
static void cisco_signs(signs *g, tw_str s)
{
    bool ios = false;

    switch (s.ptr[0]) {
    case 'v':
        version_signs(g, s);
        ios = STARTS(s, "vlan ");
        break;
    case 'l':
        g->xe_line |= STARTS(s, "license boot level");
        ios = STARTS(s, "line vty ");
        break;
    case 'p':
        g->xe_line |= STARTS(s, "platform qfp") || STARTS(s, "platform punt-keepalive");
        break;
    case 'd':
        g->eos |= STARTS(s, "daemon TerminAttr");
        break;
    case 'm':
        g->eos |= STARTS(s, "management api http-commands");
        break;
    case 't':
        g->eos |= STARTS(s, "transceiver qsfp default-mode");
        break;
    case 'A':
    case ':':
        g->asa |= STARTS(s, "ASA Version") || STARTS(s, ": Saved");
        break;
    case 'f':
        g->feature |= STARTS(s, "feature ");
        break;
    case 'i':
        g->feature |= STARTS(s, "install feature-set ");
        ios = STARTS(s, "interface ") || STARTS(s, "ip access-list ") || STARTS(s, "ip route ") ||
              STARTS(s, "ip domain");
        break;
    case 'h':
        ios = STARTS(s, "hostname ");
        break;
    case 'a':
        ios = STARTS(s, "access-list ") || STARTS(s, "aaa new-model");
        break;
    case 'r':
        ios = STARTS(s, "router ospf") || STARTS(s, "router bgp") || STARTS(s, "router eigrp");
        break;
    case 's':
        ios = STARTS(s, "snmp-server ") || STARTS(s, "service timestamps");
        break;
    case 'e':
        ios = STARTS(s, "enable secret");
        break;
    case 'u':
        ios = STARTS(s, "username ");
        break;
    case 'n':
        ios = STARTS(s, "ntp server ");
        break;
    default:
        break;
    }
    if (ios)
        g->ios_lines++;
}

/* A syslog record (a <PRI> first, or ": %" before a Cisco message id):
 * IOS XR's name its node in it ("xrv RP/0/RP0/CPU0:Oct 4 ...: %MGBL-...")
 * as a configuration's prompt does, so the node path says nothing there. */
static bool syslog_record(tw_str s)
{
    return (s.len > 1 && s.ptr[0] == '<' && s.ptr[1] >= '0' && s.ptr[1] <= '9') ||
           CONTAINS(s, ": %");
}

static void line_signs(signs *g, tw_str raw)
{
    tw_str s = tw_str_rtrim(raw);

    if (s.len == 0)
        return;
    if (g->may_xr_path && !syslog_record(s) &&
        (STARTS(s, "RP/0/") ||
         (memchr(s.ptr, 'P', s.len) != NULL &&
          (CONTAINS(s, ":RP/0/") || CONTAINS(s, "/RP0/CPU0") || CONTAINS(s, "/RSP0/CPU0")))))
        g->xr = true;
    if (STARTS(s, " ipv4 address "))
        g->xr = true;
    if (s.ptr[0] == '!' || s.ptr[0] == '#') {
        comment_signs(g, s);
        junos_signs(g, s);
        return;
    }
    junos_signs(g, s);
    panos_signs(g, s);
    cisco_signs(g, s);
}

static tw_dialect decide(const signs *g)
{
    if (g->pan_xml || g->pan_deviceconfig || g->pan_set >= 2)
        return TW_DIALECT_PANOS;
    if (g->xr)
        return TW_DIALECT_IOSXR;
    if (g->nx_rancid || (g->feature && (g->nx_header || g->nx_version)) ||
        (g->feature && !g->ios_version && !g->xe_version))
        return TW_DIALECT_NXOS;
    if (g->junos_brace || g->junos_commit || g->junos_set >= 2)
        return TW_DIALECT_JUNOS;
    if (g->eos)
        return TW_DIALECT_EOS;
    if (g->asa)
        return TW_DIALECT_ASA;
    if (g->xe_version || g->xe_line)
        return TW_DIALECT_IOSXE;
    if (g->ios_version || g->ios_lines > 0)
        return TW_DIALECT_IOS;
    return TW_DIALECT_UNKNOWN;
}

/* Guesses the dialect from the first 64 KiB (see config.h). */
tw_dialect tw_dialect_detect(const char *data, size_t len)
{
    signs g;
    tw_str rest, line;

    memset(&g, 0, sizeof(g));
    if (data == NULL)
        return TW_DIALECT_UNKNOWN;
    rest = tw_str_make(data, len < DETECT_WINDOW ? len : DETECT_WINDOW);
    if (rest.len >= 3 && memcmp(rest.ptr, "\xEF\xBB\xBF", 3) == 0) {
        rest.ptr += 3;
        rest.len -= 3;
    }
    g.may_rancid = CONTAINS(rest, "RANCID-CONTENT-TYPE: ");
    g.may_xr_path = CONTAINS(rest, "RP/0/") || CONTAINS(rest, "P0/CPU0");
    while (tw_str_line(&rest, &line))
        line_signs(&g, line);
    return decide(&g);
}

/* ---- the parser table ------------------------------------------------- */

typedef tw_err (*parse_fn)(const char *file, const char *data, size_t len, tw_factset *fs,
                           tw_diags *diags);

/* Every fact kind, for a parser that reads the whole configuration. */
#define ALL_KINDS (~(uint64_t)0)
#define KIND(k) ((uint64_t)1 << (k))
/* The routing policy kinds (route maps, prefix lists): only the IOS parser
 * gives them so far. */
/* routing policy: every dialect but ASA gives it */
#define POLICY_KINDS (KIND(TW_FACT_ROUTE_MAP) | KIND(TW_FACT_PREFIX_LIST))

static const struct {
    tw_dialect dialect;
    parse_fn parse;
    uint64_t kinds; /* the fact kinds the parser reads */
} parsers[] = {
    {TW_DIALECT_IOS, tw_parse_ios, ALL_KINDS},
    {TW_DIALECT_IOSXE, tw_parse_ios, ALL_KINDS},
    {TW_DIALECT_PANOS, tw_parse_panos, KIND(TW_FACT_HOSTNAME) | KIND(TW_FACT_SERVICE)},
    /* every kind but packet captures (docs/dialects/) */
    {TW_DIALECT_NXOS, tw_parse_nxos, ALL_KINDS & ~KIND(TW_FACT_CAPTURE)},
    {TW_DIALECT_IOSXR, tw_parse_iosxr, ALL_KINDS & ~KIND(TW_FACT_CAPTURE)},
    {TW_DIALECT_JUNOS, tw_parse_junos, ALL_KINDS & ~(KIND(TW_FACT_CAPTURE) | KIND(TW_FACT_VTY))},
    {TW_DIALECT_EOS, tw_parse_eos, ALL_KINDS & ~(KIND(TW_FACT_CAPTURE) | KIND(TW_FACT_VTY))},
    /* no VTY lines, mirror sessions, scripts, BGP or routing policy (docs/dialects/asa.md) */
    {TW_DIALECT_ASA, tw_parse_asa,
     ALL_KINDS & ~(KIND(TW_FACT_VTY) | KIND(TW_FACT_MIRROR_SESSION) | KIND(TW_FACT_SCRIPT) |
                   KIND(TW_FACT_ROUTING_PEER) | POLICY_KINDS | KIND(TW_FACT_EVENT) |
                   KIND(TW_FACT_SIGHTING))},
};

bool tw_dialect_reads(tw_dialect d, tw_fact_kind k)
{
    for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
        if (parsers[i].dialect == d)
            return (parsers[i].kinds & KIND(k)) != 0;
    }
    return false;
}

static parse_fn find_parser(tw_dialect d)
{
    for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
        if (parsers[i].dialect == d)
            return parsers[i].parse;
    }
    return NULL;
}

/* True when a parser exists for d. */
bool tw_config_supported(tw_dialect d)
{
    return find_parser(d) != NULL;
}

/* Parses data as dialect d into fs (see config.h). */
tw_err tw_config_parse(const char *file, const char *data, size_t len, tw_dialect d, tw_factset *fs,
                       tw_diags *diags)
{
    parse_fn fn = find_parser(d);
    tw_err rc;

    if (fn == NULL) {
        rc = TW_EDIALECT;
        (void)tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "unsupported dialect %s",
                           tw_dialect_name(d));
        goto out;
    }
    rc = fn(file, data, len, fs, diags);
    if (d == TW_DIALECT_IOSXE)
        fs->dialect = TW_DIALECT_IOSXE;
out:
    return rc;
}
