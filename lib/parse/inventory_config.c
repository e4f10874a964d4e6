/*
 * inventory_config.c: the release a configuration names, one device a file.
 *
 * Only the version line and the hostname are read, line by line; the
 * configuration's other facts come from the audit parsers.  Recognised:
 * IOS / IOS XE `version 17.9` (only a train; 16.x / 17.x is IOS XE, 12.x /
 * 15.x may be IOS or the IOSd train of IOS XE 3.x, so the OS stays
 * unknown), NX-OS `version 9.3(10) Bios:version ...`, IOS XR `!! IOS XR
 * Configuration 7.3.2`, Junos `set version 21.4R3-S5` and `version
 * 21.4R3-S5;`, ASA `ASA Version 9.16(4)19`, FortiOS `#config-version=
 * FGT60F-7.2.5-FW-build1517-...` and EOS `! device: sw1 (DCS-7050SX-64,
 * EOS-4.28.3M)`.  The first version line and the first hostname win.
 */
#include <string.h>

#include "parse/inventory_int.h"

typedef struct {
    tw__inv_row row;
    bool have_version, have_host;
} cfg_state;

/* The rest of t after prefix p (case-sensitive), trimmed. */
static bool after(tw_str t, const char *p, tw_str *rest)
{
    return tw__inv_after(t, p, false, rest);
}

/* The first white-space token of s without quotes and a final ';'. */
static tw_str word(tw_str s)
{
    tw_str rest = s, w = tw_str_token(&rest);

    if (w.len > 0 && w.ptr[w.len - 1] == ';')
        w.len--;
    if (w.len >= 2 && w.ptr[0] == '"' && w.ptr[w.len - 1] == '"')
        w = tw_str_make(w.ptr + 1, w.len - 2);
    return w;
}

static void set_version(cfg_state *st, tw_str v, tw_os os, uint32_t line)
{
    if (st->have_version || v.len == 0)
        return;
    st->have_version = true;
    st->row.f[TW__IF_VERSION] = v;
    st->row.os = os;
    st->row.line = line;
}

static unsigned major(tw_str v)
{
    unsigned m = 0;

    for (size_t i = 0; i < v.len && i < 6 && v.ptr[i] >= '0' && v.ptr[i] <= '9'; i++)
        m = m * 10 + (unsigned)(v.ptr[i] - '0');
    return m;
}

/* "version X" at column 0: Junos curly, NX-OS or IOS / IOS XE. */
static void version_stmt(cfg_state *st, tw_str l, tw_str r, uint32_t line)
{
    tw_str v = word(r);
    unsigned m = major(v);

    if (st->have_version || v.len == 0 || v.ptr[0] < '0' || v.ptr[0] > '9')
        return;
    if (tw_str_ends_with(tw_str_trim(l), TW_STR(";"))) {
        set_version(st, v, TW_OS_JUNOS, line);
    } else if (memchr(v.ptr, '(', v.len) != NULL || tw_str_find(r, TW_STR("Bios:")) >= 0) {
        set_version(st, v, TW_OS_NX_OS, line);
    } else {
        set_version(st, v, m == 16 || m == 17 ? TW_OS_IOS_XE : TW_OS_UNKNOWN, line);
        st->row.train_only = true;
        if (m != 16 && m != 17)
            st->row.note = "a configuration's version line below 16 is an ios train or the "
                           "iosd train of ios-xe 3.x: os unknown";
    }
}

/* FortiOS "#config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0". */
static void fortios(cfg_state *st, tw_str r, uint32_t line)
{
    const char *dash = memchr(r.ptr, '-', r.len);
    tw_str v;

    if (dash == NULL)
        return;
    st->row.f[TW__IF_MODEL] = tw_str_make(r.ptr, (size_t)(dash - r.ptr));
    v = tw_str_make(dash + 1, r.len - (size_t)(dash + 1 - r.ptr));
    dash = memchr(v.ptr, '-', v.len);
    set_version(st, tw_str_make(v.ptr, dash != NULL ? (size_t)(dash - v.ptr) : v.len),
                TW_OS_FORTIOS, line);
}

/* EOS "! device: sw1 (DCS-7050SX-64, EOS-4.28.3M)". */
static void eos(cfg_state *st, tw_str r, uint32_t line)
{
    ptrdiff_t at = tw_str_find(r, TW_STR("EOS-"));
    const char *open = memchr(r.ptr, '(', r.len), *close;
    tw_str v, *model = &st->row.f[TW__IF_MODEL];

    if (at < 0 || open == NULL)
        return;
    if (!st->have_host) {
        st->row.f[TW__IF_HOSTNAME] = word(r);
        st->have_host = st->row.f[TW__IF_HOSTNAME].len > 0;
    }
    *model = word(tw_str_make(open + 1, r.len - (size_t)(open + 1 - r.ptr)));
    if (model->len > 0 && model->ptr[model->len - 1] == ',')
        model->len--;
    v = tw_str_make(r.ptr + at + 4, r.len - (size_t)at - 4);
    close = memchr(v.ptr, ')', v.len);
    set_version(st, tw_str_make(v.ptr, close != NULL ? (size_t)(close - v.ptr) : v.len), TW_OS_EOS,
                line);
}

static void host(cfg_state *st, tw_str h)
{
    h = word(h);
    if (st->have_host || h.len == 0)
        return;
    st->row.f[TW__IF_HOSTNAME] = h;
    st->have_host = true;
}

/* One configuration line l (untrimmed) numbered line. */
static void one_line(cfg_state *st, tw_str l, uint32_t line)
{
    tw_str t = tw_str_trim(l), r;

    if (t.len == 0 || memchr(l.ptr, '\0', l.len) != NULL)
        return;
    if (after(t, "!! IOS XR Configuration", &r)) {
        if (after(r, "version =", &r) || after(r, "version", &r))
            r = tw_str_trim(r);
        set_version(st, word(r), TW_OS_IOS_XR, line);
    } else if (after(t, "set version ", &r)) {
        set_version(st, word(r), TW_OS_JUNOS, line);
    } else if (after(l, "version ", &r)) {
        version_stmt(st, l, r, line);
    } else if (after(t, "ASA Version ", &r)) {
        set_version(st, word(r), TW_OS_ASA, line);
    } else if (after(t, "#config-version=", &r)) {
        fortios(st, r, line);
    } else if (after(t, "! device: ", &r)) {
        eos(st, r, line);
    } else if (after(l, "hostname ", &r) || after(t, "set system host-name ", &r) ||
               after(t, "host-name ", &r) || after(t, "set hostname ", &r)) {
        host(st, r);
    }
}

/* Reads the version line of a configuration (see inventory_int.h). */
tw_err tw__inv_config(tw__inv_ctx *cx, tw_str data)
{
    cfg_state st = {.row = {.source = TW_INV_CONFIG}};
    tw_str line;
    uint32_t lineno = 0;

    if (data.len >= 3 && memcmp(data.ptr, "\xEF\xBB\xBF", 3) == 0)
        data = tw_str_make(data.ptr + 3, data.len - 3);
    while (tw_str_line(&data, &line)) {
        lineno++;
        if (line.len <= TW_LIMIT_LINE_LEN)
            one_line(&st, line, lineno);
    }
    if (!st.have_version) {
        tw__inv_error(cx, TW_EPARSE, 0, "no version line in the configuration");
        return TW_EPARSE;
    }
    if (!st.have_host) {
        st.row.f[TW__IF_HOSTNAME] = tw__inv_file_host(cx->file);
        st.row.note = st.row.note != NULL ? st.row.note : "hostname taken from the file name";
    }
    if (st.row.os != TW_OS_UNKNOWN) {
        st.row.f[TW__IF_VENDOR] = tw_str_c(tw_os_vendor(st.row.os));
        st.row.f[TW__IF_OS] = tw_str_c(tw_os_name(st.row.os));
    }
    return tw__inv_emit(cx, &st.row);
}

/* True for a configuration's version line. */
bool tw__inv_config_marker(tw_str l)
{
    tw_str t = tw_str_trim(l), r;

    if (after(l, "version ", &r))
        return r.len > 0 && r.ptr[0] >= '0' && r.ptr[0] <= '9';
    return after(t, "!! IOS XR Configuration", &r) || after(t, "set version ", &r) ||
           after(t, "ASA Version ", &r) || after(t, "#config-version=", &r) ||
           (after(t, "! device: ", &r) && tw_str_find(r, TW_STR("EOS-")) >= 0);
}
