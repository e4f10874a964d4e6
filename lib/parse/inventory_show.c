/*
 * inventory_show.c: captured `show version` output (and PAN-OS `show
 * system info`, FortiOS `get system status`), one device per capture.
 *
 * The reader is line-based.  Each line is tried as a prompt ("sw1#show
 * version", "user@mx1> show version"), an OS banner ("Cisco IOS XE
 * Software, Version ..."), a version line ("NXOS: version", "Junos:",
 * "sw-version:"), a hostname line ("sw1 uptime is", "Device name:",
 * "Hostname:") or a model line.  When an OS reports its version twice
 * (IOS XE's own line and the IOSd line, Junos's "Junos:" and package
 * lines) the more specific line wins.  A new capture starts at a prompt,
 * at a banner once the current capture has a version and, after it, a
 * hostname, and
 * at a hostname line naming another host once it has a version; a
 * repeated capture of the same host and version (virtual-chassis members)
 * gives one record.  A capture without a hostname takes the file's name.
 */
#include <string.h>

#include "parse/inventory_int.h"

typedef struct {
    tw_str host, version, platform, model;
    int vprio, mprio; /* strength of the version / model line seen */
    uint32_t vline;   /* line of the version */
    uint32_t line;    /* first line of the capture */
    uint32_t hline;   /* line of the last hostname seen */
    tw_os os;
    bool xe; /* IOS XE evidence */
} capture;

typedef struct {
    tw__inv_ctx *cx;
    capture c;
    tw_str last_version;
    uint32_t lineno;
    tw_err rc;
} show_state;

/* The rest of line t after prefix p (case-insensitive), trimmed; false
 * when t does not start with p. */
static bool after(tw_str t, const char *p, tw_str *rest)
{
    return tw__inv_after(t, p, true, rest);
}

/* The first token of s ending at white space or one of stop. */
static tw_str token_until(tw_str s, const char *stop)
{
    size_t n = 0;

    s = tw_str_ltrim(s);
    while (n < s.len && s.ptr[n] != ' ' && s.ptr[n] != '\t' && s.ptr[n] != '\0' &&
           strchr(stop, s.ptr[n]) == NULL)
        n++;
    return tw_str_make(s.ptr, n);
}

/* The version after the word "Version " in t; empty when none. */
static tw_str version_word(tw_str t)
{
    ptrdiff_t at = tw_str_find(t, TW_STR("Version "));

    if (at < 0)
        at = tw_str_find(t, TW_STR("version "));
    if (at < 0)
        return TW_STR_NULL;
    return token_until(tw_str_make(t.ptr + at + 8, t.len - (size_t)at - 8), ",[;");
}

/* The text between the first open and close of t. */
static tw_str between(tw_str t, char open, char close)
{
    const char *a = memchr(t.ptr, open, t.len);
    const char *b = a != NULL ? memchr(a + 1, close, t.len - (size_t)(a + 1 - t.ptr)) : NULL;

    return b != NULL ? tw_str_trim(tw_str_make(a + 1, (size_t)(b - a - 1))) : TW_STR_NULL;
}

static void reset(show_state *st)
{
    memset(&st->c, 0, sizeof(st->c));
    st->c.line = st->lineno;
}

/* Emits the current capture (when it has a version) and starts another. */
static void flush(show_state *st)
{
    capture *c = &st->c;
    tw__inv_row row = {.source = TW_INV_SHOW, .line = c->vline, .os = c->os};

    if (c->vprio == 0) {
        if (c->host.len > 0 && !tw_str_eq(c->host, st->cx->last_host))
            tw__inv_warn(st->cx, c->line, "no version in the capture of %.*s; skipped",
                         (int)c->host.len, c->host.ptr);
        reset(st);
        return;
    }
    if (c->xe && (row.os == TW_OS_IOS || row.os == TW_OS_UNKNOWN))
        row.os = TW_OS_IOS_XE;
    row.f[TW__IF_HOSTNAME] = c->host;
    if (c->host.len == 0) {
        row.f[TW__IF_HOSTNAME] = tw__inv_file_host(st->cx->file);
        row.note = "hostname taken from the file name";
    }
    row.f[TW__IF_VENDOR] = row.os != TW_OS_UNKNOWN ? tw_str_c(tw_os_vendor(row.os)) : TW_STR_NULL;
    row.f[TW__IF_OS] = row.os != TW_OS_UNKNOWN ? tw_str_c(tw_os_name(row.os)) : TW_STR_NULL;
    row.f[TW__IF_VERSION] = c->version;
    row.f[TW__IF_PLATFORM] = c->platform;
    row.f[TW__IF_MODEL] = c->model;
    if (st->rc == TW_OK && !(st->cx->emitted > 0 && tw_str_eq(row.f[0], st->cx->last_host) &&
                             tw_str_eq(c->version, st->last_version))) {
        st->rc = tw__inv_emit(st->cx, &row);
        st->last_version = c->version;
    }
    reset(st);
}

static void set_version(show_state *st, tw_str v, int prio, tw_os os)
{
    capture *c = &st->c;

    if (v.len == 0 || prio <= c->vprio)
        return;
    c->version = v;
    c->vprio = prio;
    c->vline = st->lineno;
    if (os != TW_OS_UNKNOWN)
        c->os = os;
}

/* A hostname naming another host ends a capture that has its version. */
static void set_host(show_state *st, tw_str h)
{
    capture *c = &st->c;

    h = token_until(h, "");
    if (h.len == 0)
        return;
    if (c->vprio > 0 && c->host.len > 0 && !tw_str_eq(h, c->host))
        flush(st);
    c->host = h;
    c->hline = st->lineno;
}

static void set_model(show_state *st, tw_str m, int prio)
{
    m = tw_str_trim(m);
    if (m.len > 0 && prio > st->c.mprio) {
        st->c.model = m;
        st->c.mprio = prio;
    }
}

/* "sw1#show version", "user@mx1> show version", "RP/0/RSP0/CPU0:xr1#sh ver". */
static bool prompt(show_state *st, tw_str t)
{
    size_t k = 0;
    tw_str host, cmd;

    while (k < t.len && t.ptr[k] != '#' && t.ptr[k] != '>' && t.ptr[k] != ' ')
        k++;
    if (k == 0 || k >= t.len || t.ptr[k] == ' ')
        return false;
    cmd = tw_str_trim(tw_str_make(t.ptr + k + 1, t.len - k - 1));
    if (!tw_str_istarts_with(cmd, TW_STR("sh")) && !tw_str_istarts_with(cmd, TW_STR("get sys")))
        return false;
    host = tw_str_make(t.ptr, k);
    for (size_t i = host.len; i > 0; i--) {
        if (host.ptr[i - 1] == '@' || host.ptr[i - 1] == ':') {
            host = tw_str_make(host.ptr + i, host.len - i);
            break;
        }
    }
    if (st->c.vprio > 0 || (st->c.host.len > 0 && !tw_str_eq(host, st->c.host)))
        flush(st);
    set_host(st, host);
    return true;
}

/* A new banner ends a capture whose hostname line came after its version
 * (IOS's "uptime is", NX-OS's "Device name:"); the IOSd banner does not
 * override the IOS XE / XR one before it. */
static void banner(show_state *st, tw_os os)
{
    if (st->c.vprio > 0 && st->c.host.len > 0 && st->c.hline > st->c.vline)
        flush(st);
    if (st->c.os == TW_OS_UNKNOWN || os != TW_OS_IOS)
        st->c.os = os;
}

static bool ios_xe_hint(tw_str t)
{
    return tw_str_find(t, TW_STR("IOS-XE")) >= 0 || tw_str_find(t, TW_STR("IOS XE")) >= 0 ||
           tw_str_find(t, TW_STR("IOSXE")) >= 0 || tw_str_find(t, TW_STR("_IOSD")) >= 0;
}

/* Cisco banners: IOS XR, IOS XE, IOS, NX-OS, ASA. */
static bool cisco_banner(show_state *st, tw_str t)
{
    tw_str r;

    if (after(t, "Cisco IOS XR Software", &r)) {
        banner(st, TW_OS_IOS_XR);
        set_version(st, version_word(t), 3, TW_OS_IOS_XR);
    } else if (after(t, "Cisco IOS XE Software", &r)) {
        banner(st, TW_OS_IOS_XE);
        st->c.xe = true;
        set_version(st, version_word(t), 3, TW_OS_IOS_XE);
    } else if (after(t, "Cisco IOS Software", &r) || after(t, "IOS (tm)", &r)) {
        banner(st, TW_OS_IOS);
        st->c.xe = st->c.xe || ios_xe_hint(t);
        set_version(st, version_word(t), 2, TW_OS_UNKNOWN);
        if (st->c.platform.len == 0)
            st->c.platform = between(t, '(', ')');
    } else if (after(t, "Cisco Internetwork Operating System", &r)) {
        banner(st, TW_OS_IOS);
    } else if (after(t, "Cisco Nexus Operating System", &r)) {
        banner(st, TW_OS_NX_OS);
    } else if (after(t, "Cisco Adaptive Security Appliance Software", &r)) {
        banner(st, TW_OS_ASA);
        set_version(st, version_word(t), 3, TW_OS_ASA);
    } else {
        return false;
    }
    return true;
}

/* FortiOS "Version: FortiGate-60F v7.2.5,build1517,230606 (GA.F)". */
static bool fortios(show_state *st, tw_str t)
{
    tw_str r, model, v;

    (void)after(t, "Version:", &r);
    model = token_until(r, "");
    r = tw_str_ltrim(tw_str_make(model.ptr + model.len, r.len - model.len));
    v = token_until(r, ",");
    if (v.len > 1 && (v.ptr[0] == 'v' || v.ptr[0] == 'V'))
        v = tw_str_make(v.ptr + 1, v.len - 1);
    set_version(st, v, 3, TW_OS_FORTIOS);
    set_model(st, model, 2);
    return true;
}

/* Version lines of NX-OS, Junos, PAN-OS, EOS and FortiOS. */
static bool version_line(show_state *st, tw_str t)
{
    tw_str r;

    if (after(t, "NXOS: version", &r) || after(t, "NXOS image version", &r))
        set_version(st, token_until(r, ":"), 3, TW_OS_NX_OS);
    else if (after(t, "system:", &r) && after(r, "version", &r))
        set_version(st, token_until(r, ""), 2, TW_OS_NX_OS);
    else if (after(t, "Junos:", &r))
        set_version(st, token_until(r, ""), 3, TW_OS_JUNOS);
    else if (after(t, "JUNOS Software Release", &r))
        set_version(st, between(r, '[', ']'), 2, TW_OS_JUNOS);
    else if (after(t, "JUNOS Base OS", &r))
        set_version(st, between(r, '[', ']'), 1, TW_OS_JUNOS);
    else if (after(t, "sw-version:", &r))
        set_version(st, token_until(r, ""), 3, TW_OS_PAN_OS);
    else if (after(t, "Software image version:", &r))
        set_version(st, token_until(r, ""), 3, TW_OS_EOS);
    else if (after(t, "Version: Forti", &r))
        return fortios(st, t);
    else
        return false;
    return true;
}

/* Hostname lines: "sw1 uptime is", "Device name:", "Hostname:", ASA's
 * "fw1 up 10 days". */
static bool host_line(show_state *st, tw_str t)
{
    tw_str r, h = token_until(t, ""), rest;

    if (after(t, "Device name:", &r) || after(t, "Hostname:", &r)) {
        set_host(st, r);
        return true;
    }
    rest = tw_str_ltrim(tw_str_make(t.ptr + h.len, t.len - h.len));
    if (tw_str_starts_with(rest, TW_STR("uptime is ")) && !tw_str_eq_c(h, "Kernel") &&
        !tw_str_eq_c(h, "System")) {
        set_host(st, h);
        return true;
    }
    if (st->c.os == TW_OS_ASA && tw_str_starts_with(rest, TW_STR("up ")) && rest.len > 3 &&
        rest.ptr[3] >= '0' && rest.ptr[3] <= '9') {
        set_host(st, h);
        return true;
    }
    return false;
}

/* The model in "cisco WS-C3750E-24PD (PowerPC405) processor" or "cisco
 * Nexus9000 C93180YC-EX chassis". */
static tw_str cisco_model(tw_str r)
{
    ptrdiff_t end = tw_str_find(r, TW_STR(" ("));
    ptrdiff_t ch = tw_str_find(r, TW_STR(" chassis"));

    if (ch >= 0 && (end < 0 || ch < end))
        end = ch;
    return end > 0 ? tw_str_make(r.ptr, (size_t)end) : TW_STR_NULL;
}

/* Model lines of every OS. */
static bool model_line(show_state *st, tw_str t)
{
    tw_str r;

    if (after(t, "Model number", &r) && r.len > 0 && r.ptr[0] == ':')
        set_model(st, tw_str_make(r.ptr + 1, r.len - 1), 3);
    else if (after(t, "Model:", &r))
        set_model(st, r, 3);
    else if (st->c.os == TW_OS_ASA && after(t, "Hardware:", &r))
        set_model(st, token_until(r, ","), 2);
    else if (tw_str_starts_with(t, TW_STR("cisco ")) &&
             (tw_str_find(t, TW_STR(" processor")) > 0 || tw_str_find(t, TW_STR(" chassis")) > 0))
        set_model(st, cisco_model(tw_str_make(t.ptr + 6, t.len - 6)), 1);
    else if (after(t, "Arista ", &r) && r.len > 0) {
        banner(st, TW_OS_EOS);
        set_model(st, token_until(r, ""), 2);
    } else
        return false;
    return true;
}

static void one_line(show_state *st, tw_str line)
{
    tw_str t = tw_str_trim(line);

    if (t.len == 0 || memchr(t.ptr, '\0', t.len) != NULL)
        return;
    if (prompt(st, t) || cisco_banner(st, t) || version_line(st, t) || host_line(st, t))
        return;
    (void)model_line(st, t);
}

/* Reads show-version captures (see inventory_int.h). */
tw_err tw__inv_show(tw__inv_ctx *cx, tw_str data)
{
    show_state st = {.cx = cx, .rc = TW_OK};
    tw_str line;

    if (data.len >= 3 && memcmp(data.ptr, "\xEF\xBB\xBF", 3) == 0)
        data = tw_str_make(data.ptr + 3, data.len - 3);
    reset(&st);
    while (st.rc == TW_OK && tw_str_line(&data, &line)) {
        st.lineno++;
        if (line.len <= TW_LIMIT_LINE_LEN)
            one_line(&st, line);
    }
    flush(&st);
    if (st.rc == TW_OK && cx->emitted == 0 && !cx->full) {
        tw__inv_error(cx, TW_EPARSE, 0, "no show version capture with a version found");
        st.rc = TW_EPARSE;
    }
    return st.rc;
}

static const char *const markers[] = {
    "Cisco IOS Software",
    "Cisco IOS XE Software",
    "Cisco IOS XR Software",
    "Cisco Nexus Operating System",
    "Cisco Internetwork Operating System",
    "Cisco Adaptive Security Appliance Software",
    "NXOS: version",
    "Junos:",
    "JUNOS Software Release",
    "sw-version:",
    "Software image version:",
    "Version: Forti",
};

/* True for a line only show-version output has. */
bool tw__inv_show_marker(tw_str line)
{
    tw_str t = tw_str_trim(line);

    for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
        if (tw_str_starts_with(t, tw_str_c(markers[i])))
            return true;
    }
    return (tw_str_find(t, TW_STR("#show ver")) > 0 || tw_str_find(t, TW_STR("> show ver")) > 0 ||
            tw_str_find(t, TW_STR("> show system info")) > 0);
}
