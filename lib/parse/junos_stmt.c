/*
 * junos_stmt.c: the Junos interpreter, one for the brace and the set form.
 *
 * tw__jn_statement reads the path words of one statement (already
 * redacted: a secret is the word "<redacted>") and dispatches on the first
 * word.  A statement that describes part of an object (a term of a
 * firewall filter, a TACACS+ server, a unit of an interface) adds fields
 * to the open group; the group is emitted as one fact, each field at the
 * line of the statement that set it, when a statement names another
 * object or the input ends (tw__jn_flush).
 */
#include <stdio.h>
#include <string.h>

#include "junos_int.h"

#define W(i) tw__jn_w(p, (i))
#define IS(i, s) tw__jn_is(p, (i), (s))
#define N() tw__jn_n(p)

/* True when word i (after base) came from a [ ] list. */
static bool in_list(const jn_parser *p, size_t i)
{
    return p->base + i >= p->list;
}

/* ---- groups ----------------------------------------------------------- */

static bool same_group(const jn_parser *p, jn_group_kind kind, size_t nkey)
{
    const jn_group *g = &p->g;

    if (g->kind != kind || g->nkey != p->base + nkey)
        return false;
    if (kind == JN_G_COMMUNITY && g->id != p->comm_id)
        return false; /* the names are all <redacted> */
    for (size_t i = 0; i < g->nkey; i++) {
        if (!tw_str_eq(g->key[i], p->w[i]))
            return false;
    }
    return true;
}

jn_group *tw__jn_group(jn_parser *p, jn_group_kind kind, size_t nkey)
{
    jn_group *g = &p->g;

    if (nkey > N())
        nkey = N();
    if (p->base + nkey > JN_MAXKEY)
        nkey = JN_MAXKEY - p->base;
    if (same_group(p, kind, nkey))
        return g;
    tw__jn_flush(p);
    memset(g, 0, sizeof(*g));
    g->kind = kind;
    g->nkey = p->base + nkey;
    memcpy(g->key, p->w, g->nkey * sizeof(tw_str));
    g->line = p->line;
    g->ev = p->ev;
    g->id = p->comm_id;
    memcpy(g->fp, p->comm_fp, sizeof(g->fp));
    return g;
}

tw_str tw__jn_lower(jn_parser *p, tw_str s)
{
    char *d;
    size_t i = 0;

    while (i < s.len && !(s.ptr[i] >= 'A' && s.ptr[i] <= 'Z'))
        i++;
    if (i == s.len)
        return s;
    d = tw_arena_strndup(p->fs->arena, s.ptr, s.len);
    if (d == NULL)
        return s;
    for (; i < s.len; i++)
        d[i] = (char)(d[i] >= 'A' && d[i] <= 'Z' ? d[i] - 'A' + 'a' : d[i]);
    return tw_str_make(d, s.len);
}

static jn_field *gfield(jn_parser *p, const char *name, tw_val_type type)
{
    jn_field *f;

    if (p->g.nfields == TW_LIMIT_FIELDS)
        return NULL;
    f = &p->g.fields[p->g.nfields++];
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->type = type;
    f->line = p->line;
    f->ev = p->ev;
    return f;
}

void tw__jn_gstr(jn_parser *p, const char *name, tw_str v)
{
    jn_field *f = gfield(p, name, TW_VAL_STR);

    if (f != NULL)
        f->str = v;
}

void tw__jn_gnum(jn_parser *p, const char *name, int64_t v)
{
    jn_field *f = gfield(p, name, TW_VAL_NUM);

    if (f != NULL)
        f->num = v;
}

static void gaddr(jn_parser *p, const char *name, const tw_cidr *c, tw_str text)
{
    jn_field *f = gfield(p, name, TW_VAL_ADDR);

    if (f != NULL) {
        f->addr = *c;
        f->str = text;
    }
}

bool tw__jn_has_field(const jn_group *g, const char *name)
{
    for (uint32_t i = 0; i < g->nfields; i++) {
        if (strcmp(g->fields[i].name, name) == 0)
            return true;
    }
    return false;
}

/* Adds the group's fields whose names pass keep (NULL: all) to the open fact. */
static void emit_fields(jn_parser *p, uint32_t line, bool (*keep)(const char *))
{
    for (uint32_t i = 0; i < p->g.nfields; i++) {
        const jn_field *f = &p->g.fields[i];
        if (keep != NULL && !keep(f->name))
            continue;
        if (f->secret)
            tw_factset_secret(p->fs, f->name);
        else if (f->type == TW_VAL_NUM)
            tw_factset_num(p->fs, f->name, f->num);
        else if (f->type == TW_VAL_ADDR)
            tw_factset_addr_text(p->fs, f->name, &f->addr, f->str);
        else
            tw_factset_str(p->fs, f->name, f->str);
        if (f->line != line)
            tw_factset_field_at(p->fs, f->line, f->ev);
    }
}

static void gbegin(jn_parser *p, tw_fact_kind kind, uint32_t line, tw_str ev)
{
    tw_factset_begin(p->fs, kind, line, ev, TW_STR_NULL);
}

/* The name field of an object named by an address or by a name. */
static void name_or_addr(jn_parser *p, tw_str s)
{
    tw_cidr c;

    if (tw__jn_addr(s, &c))
        tw_factset_addr_text(p->fs, "address", &c, s);
    else
        tw_factset_str(p->fs, "name", s);
}

static bool is_tunnel_field(const char *name)
{
    return strcmp(name, "source") == 0 || strcmp(name, "destination") == 0 ||
           strcmp(name, "mode") == 0 || strcmp(name, "vrf") == 0;
}

static bool is_iface_field(const char *name)
{
    return !is_tunnel_field(name);
}

static const jn_field *first_tunnel_field(const jn_group *g)
{
    for (uint32_t i = 0; i < g->nfields; i++) {
        if (is_tunnel_field(g->fields[i].name))
            return &g->fields[i];
    }
    return NULL;
}

static void flush_iface(jn_parser *p)
{
    jn_group *g = &p->g;
    const jn_field *t = first_tunnel_field(g);

    gbegin(p, TW_FACT_INTERFACE, g->line, g->ev);
    tw_factset_str(p->fs, "name", g->name);
    tw_factset_bool(p->fs, "shutdown", g->flag);
    emit_fields(p, g->line, is_iface_field);
    tw__jn_end(p);
    if (t == NULL || p->rc != TW_OK)
        return;
    gbegin(p, TW_FACT_TUNNEL, t->line, t->ev);
    tw_factset_str(p->fs, "name", g->name);
    if (!tw__jn_has_field(g, "mode") && g->sub.len > 0)
        tw_factset_str(p->fs, "mode", g->sub);
    emit_fields(p, t->line, is_tunnel_field);
    tw__jn_end(p);
}

static void flush_simple(jn_parser *p, tw_fact_kind kind)
{
    jn_group *g = &p->g;

    gbegin(p, kind, g->line, g->ev);
    switch (g->kind) {
    case JN_G_USER:
        tw_factset_str(p->fs, "name", g->name);
        if (!g->flag)
            tw_factset_num(p->fs, "privilege", 1);
        break;
    case JN_G_AAA:
        tw_factset_str(p->fs, "protocol", g->sub);
        name_or_addr(p, g->name);
        break;
    case JN_G_SERVICE:
        tw_factset_str(p->fs, "name", g->name);
        tw_factset_bool(p->fs, "enabled", true);
        break;
    case JN_G_SYSLOG:
    case JN_G_NTP:
        name_or_addr(p, g->name);
        break;
    case JN_G_COMMUNITY:
        tw_factset_secret(p->fs, "community");
        if (g->fp[0] != '\0')
            tw_factset_str(p->fs, "fingerprint", tw_str_c(g->fp));
        tw_factset_str(p->fs, "access", g->flag ? TW_STR("rw") : TW_STR("ro"));
        if (g->sub.len > 0)
            tw_factset_str(p->fs, "strength", g->sub);
        break;
    case JN_G_SNMP_USER:
        tw_factset_str(p->fs, "name", g->name);
        tw_factset_str(p->fs, "version", TW_STR("v3"));
        break;
    case JN_G_CRYPTO:
        tw_factset_str(p->fs, "protocol", g->sub);
        tw_factset_str(p->fs, "name", g->name);
        break;
    case JN_G_TERM:
        tw_factset_str(p->fs, "list", g->name);
        tw_factset_str(p->fs, "seq", g->sub);
        tw_factset_str(p->fs, "family", g->vrf);
        if (!tw__jn_has_field(g, "action"))
            tw_factset_str(p->fs, "action", TW_STR("permit"));
        break;
    case JN_G_MIRROR:
        tw_factset_str(p->fs, "id", g->name);
        tw_factset_str(p->fs, "type", g->flag ? TW_STR("erspan") : TW_STR("span"));
        break;
    case JN_G_SCRIPT:
        tw_factset_str(p->fs, "type", g->sub);
        tw_factset_str(p->fs, "name", g->name);
        break;
    case JN_G_ACCT:
        tw_factset_str(p->fs, "type", TW_STR("accounting"));
        tw_factset_str(p->fs, "service", g->flag ? TW_STR("commands") : TW_STR("exec"));
        tw_factset_str(p->fs, "record", TW_STR("start-stop"));
        break;
    default:
        break;
    }
    emit_fields(p, g->line, NULL);
    tw__jn_end(p);
}

static const tw_fact_kind group_fact[] = {
    [JN_G_USER] = TW_FACT_LOCAL_USER,     [JN_G_AAA] = TW_FACT_AAA_SERVER,
    [JN_G_SERVICE] = TW_FACT_SERVICE,     [JN_G_SYSLOG] = TW_FACT_LOGGING_HOST,
    [JN_G_NTP] = TW_FACT_NTP_SERVER,      [JN_G_COMMUNITY] = TW_FACT_SNMP_COMMUNITY,
    [JN_G_TERM] = TW_FACT_ACL_ENTRY,      [JN_G_MIRROR] = TW_FACT_MIRROR_SESSION,
    [JN_G_SCRIPT] = TW_FACT_SCRIPT,       [JN_G_ACCT] = TW_FACT_AAA_METHOD,
    [JN_G_SNMP_USER] = TW_FACT_SNMP_USER, [JN_G_CRYPTO] = TW_FACT_CRYPTO_PROPOSAL,
};

void tw__jn_flush(jn_parser *p)
{
    jn_group_kind k = p->g.kind;

    p->g.kind = JN_G_NONE;
    if (k == JN_G_NONE || p->rc != TW_OK)
        return;
    p->g.kind = k;
    if (k == JN_G_IFACE)
        flush_iface(p);
    else if (k == JN_G_POLICY)
        tw__jn_policy_flush(p);
    else
        flush_simple(p, group_fact[k]);
    p->g.kind = JN_G_NONE;
}

void tw__jn_finish(jn_parser *p)
{
    tw__jn_flush(p);
    tw__jn_hard_finish(p);
    tw__jn_bgp_finish(p);
}

/* ---- direct facts ----------------------------------------------------- */

static void secret_fact(jn_parser *p, const char *owner, tw_str arg, const char *form)
{
    char buf[256];
    int n = snprintf(buf, sizeof(buf), arg.len ? "%s %.*s" : "%s", owner,
                     (int)(arg.len < 200 ? arg.len : 200), arg.ptr);

    tw__jn_begin(p, TW_FACT_SECRET);
    tw_factset_str(p->fs, "owner",
                   tw_str_make(buf, n > 0 && (size_t)n < sizeof(buf) ? (size_t)n : 0));
    tw_factset_str(p->fs, "form", tw_str_c(form));
    tw_factset_num(p->fs, "type", p->sectype);
    tw__jn_end(p);
}

static void one_str(jn_parser *p, tw_fact_kind kind, const char *name, tw_str v)
{
    tw__jn_begin(p, kind);
    tw_factset_str(p->fs, name, v);
    tw__jn_end(p);
    if (kind == TW_FACT_HOSTNAME && p->fs->n > 0 && p->fs->v[p->fs->n - 1].kind == kind)
        p->fs->hostname = p->fs->v[p->fs->n - 1].fields[0].str;
}

static void service_on(jn_parser *p, const char *name)
{
    tw__jn_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", true);
    tw__jn_end(p);
}

/* A script fact of one statement: type, name and one action. */
static void script_fact(jn_parser *p, const char *type, tw_str name, const char *verb, tw_str arg)
{
    char buf[1024];
    int n =
        snprintf(buf, sizeof(buf), "%s %.*s", verb, (int)(arg.len < 900 ? arg.len : 900), arg.ptr);

    tw__jn_begin(p, TW_FACT_SCRIPT);
    tw_factset_str(p->fs, "type", tw_str_c(type));
    tw_factset_str(p->fs, "name", name);
    tw_factset_str(p->fs, "action",
                   tw_str_make(buf, n > 0 && (size_t)n < sizeof(buf) ? (size_t)n : 0));
    tw__jn_end(p);
}

/* ---- system ----------------------------------------------------------- */

static void login_user(jn_parser *p)
{
    jn_group *g = tw__jn_group(p, JN_G_USER, 4);

    g->name = W(3);
    if (IS(4, "class") && N() > 5) {
        g->flag = true;
        tw__jn_gnum(p, "privilege", IS(5, "super-user") ? 15 : 1);
        tw__jn_gstr(p, "role", W(5));
    } else if (IS(4, "authentication") && p->has_secret) {
        tw__jn_gstr(p, "form", TW_STR("secret"));
        tw__jn_gnum(p, "secret_type", p->sectype);
        secret_fact(p, "username", W(3), "secret");
    }
}

static void aaa_server(jn_parser *p, const char *proto)
{
    jn_group *g = tw__jn_group(p, JN_G_AAA, 3);
    int64_t n;

    g->name = W(2);
    g->sub = tw_str_c(proto);
    if (IS(3, "port") && tw__jn_num(W(4), &n)) {
        tw__jn_gnum(p, "port", n);
    } else if (IS(3, "secret") && p->has_secret) {
        tw__jn_gnum(p, "key_type", p->sectype);
        secret_fact(p, proto, W(2), "key");
    }
}

static tw_str method_name(tw_str m)
{
    if (tw_str_eq_c(m, "tacplus"))
        return TW_STR("group tacacs+");
    if (tw_str_eq_c(m, "radius"))
        return TW_STR("group radius");
    if (tw_str_eq_c(m, "password"))
        return TW_STR("local");
    return m;
}

static void auth_order(jn_parser *p)
{
    tw__jn_begin(p, TW_FACT_AAA_METHOD);
    tw_factset_str(p->fs, "type", TW_STR("authentication"));
    tw_factset_str(p->fs, "service", TW_STR("login"));
    tw_factset_str(p->fs, "list", TW_STR("default"));
    for (size_t i = 2; i < N() && i < 20; i++)
        tw_factset_str(p->fs, "method", method_name(W(i)));
    tw__jn_end(p);
}

static void accounting(jn_parser *p)
{
    jn_group *g = tw__jn_group(p, JN_G_ACCT, 2);

    for (size_t i = 3; IS(2, "events") && i < N(); i++) {
        g->flag = g->flag || IS(i, "interactive-commands") || IS(i, "change-log");
        tw__jn_gstr(p, "event", W(i));
    }
    if (IS(2, "destination") && (IS(3, "tacplus") || IS(3, "radius")))
        tw__jn_gstr(p, "method", method_name(W(3)));
}

static void ssh_leaf(jn_parser *p)
{
    if (IS(3, "root-login") && N() > 4) {
        tw__jn_gstr(p, "root_login", W(4));
    } else if (IS(3, "protocol-version")) {
        bool v1 = false, v2 = false;
        for (size_t i = 4; i < N(); i++) {
            v1 = v1 || IS(i, "v1");
            v2 = v2 || IS(i, "v2");
        }
        tw__jn_gstr(p, "version", v1 ? (v2 ? TW_STR("1.99") : TW_STR("1")) : TW_STR("2"));
    } else if (IS(3, "ciphers") || IS(3, "macs") || IS(3, "key-exchange")) {
        const char *name = IS(3, "ciphers") ? "cipher" : IS(3, "macs") ? "mac" : "kex";
        for (size_t i = 4; i < N(); i++)
            tw__jn_gstr(p, name, tw__jn_lower(p, W(i)));
    }
}

/* system services NAME ...: one service fact per service. */
static void services(jn_parser *p)
{
    size_t nkey = 3;
    tw_str name = W(2);
    int64_t n;
    jn_group *g;

    if (IS(2, "web-management") && (IS(3, "http") || IS(3, "https"))) {
        name = W(3);
        nkey = 4;
    } else if (IS(2, "rest")) {
        name = TW_STR("restconf");
    }
    if (name.len == 0)
        return;
    g = tw__jn_group(p, JN_G_SERVICE, nkey);
    g->name = name;
    for (size_t i = nkey; i + 1 < N(); i++) {
        if (IS(i, "port") && tw__jn_num(W(i + 1), &n)) {
            tw__jn_gnum(p, "port", n);
            break;
        }
    }
    if (IS(2, "ssh"))
        ssh_leaf(p);
}

/* One option of a syslog host or NTP server at word i; true when read. */
static bool host_option(jn_parser *p, size_t i)
{
    int64_t n;

    if (IS(i, "port") && tw__jn_num(W(i + 1), &n))
        tw__jn_gnum(p, "port", n);
    else if (IS(i, "routing-instance") && N() > i + 1)
        tw__jn_gstr(p, "vrf", W(i + 1));
    else if (IS(i, "transport") && N() > i + 1)
        tw__jn_gstr(p, "transport", tw__jn_lower(p, W(i + 1)));
    else if (IS(i, "key") && tw__jn_num(W(i + 1), &n))
        tw__jn_gnum(p, "key", n);
    else
        return false;
    return true;
}

/* system syslog host A ..., system ntp server|peer A ...: an NTP server
 * line carries its options in any order ("server A version 4 key 1"). */
static void host_group(jn_parser *p, jn_group_kind kind)
{
    jn_group *g = tw__jn_group(p, kind, 4);

    g->name = W(3);
    if (kind != JN_G_NTP) {
        (void)host_option(p, 4);
        return;
    }
    for (size_t i = 4; i < N(); i++)
        i += host_option(p, i);
}

static void scripts(jn_parser *p)
{
    jn_group *g;

    if (IS(2, "language") && N() > 3 && tw_str_starts_with(W(3), TW_STR("python"))) {
        service_on(p, "python");
        return;
    }
    if (!(IS(2, "op") || IS(2, "commit")) || !IS(3, "file") || N() < 5)
        return;
    g = tw__jn_group(p, JN_G_SCRIPT, 5);
    g->name = W(4);
    g->sub = IS(2, "op") ? TW_STR("op-script") : TW_STR("commit-script");
    if ((IS(5, "source") || IS(5, "refresh-from")) && N() > 6)
        tw__jn_gstr(p, "source", W(6));
}

static void system_stmt(jn_parser *p)
{
    tw__jn_hard_system(p);
    if (IS(1, "host-name") && N() > 2)
        one_str(p, TW_FACT_HOSTNAME, "name", W(2));
    else if (IS(1, "login") && IS(2, "user") && N() > 4)
        login_user(p);
    else if (IS(1, "root-authentication") && p->has_secret)
        secret_fact(p, "root", TW_STR_NULL, "secret");
    else if (IS(1, "tacplus-server") && N() > 2)
        aaa_server(p, "tacacs");
    else if (IS(1, "radius-server") && N() > 2)
        aaa_server(p, "radius");
    else if (IS(1, "authentication-order") && N() > 2)
        auth_order(p);
    else if (IS(1, "accounting"))
        accounting(p);
    else if (IS(1, "services") && N() > 2)
        services(p);
    else if (IS(1, "syslog") && IS(2, "host") && N() > 3)
        host_group(p, JN_G_SYSLOG);
    else if (IS(1, "ntp") && (IS(2, "server") || IS(2, "peer")) && N() > 3)
        host_group(p, JN_G_NTP);
    else if (IS(1, "ntp") && IS(2, "authentication-key") && p->has_secret)
        secret_fact(p, "ntp", W(3), "key");
    else if (IS(1, "scripts"))
        scripts(p);
    else if (IS(1, "archival") && IS(3, "archive-sites") && N() > 4)
        script_fact(p, "archival", W(2), "archive", W(4));
}

/* ---- snmp ------------------------------------------------------------- */

static void snmp_host(jn_parser *p, tw_str a, const char *version)
{
    tw_cidr c;

    if (!tw__jn_addr(a, &c))
        return;
    tw__jn_begin(p, TW_FACT_SNMP_HOST);
    tw_factset_addr_text(p->fs, "address", &c, a);
    if (version != NULL)
        tw_factset_str(p->fs, "version", tw_str_c(version));
    tw__jn_end(p);
}

static void snmp_stmt(jn_parser *p)
{
    jn_group *g;
    tw_cidr c;

    if (IS(1, "trap-group") && IS(3, "targets")) {
        for (size_t i = 4; i < N(); i++)
            snmp_host(p, W(i), NULL);
    } else if (IS(1, "v3") && IS(2, "target-address") && IS(4, "address")) {
        snmp_host(p, W(5), "3");
    } else if (IS(1, "v3") && IS(2, "usm")) {
        tw__jn_snmp_user(p);
    } else if (IS(1, "community") && N() > 2) {
        g = tw__jn_group(p, JN_G_COMMUNITY, 3);
        if (p->comm_strength != NULL)
            g->sub = tw_str_c(p->comm_strength);
        if (IS(3, "authorization"))
            g->flag = IS(4, "read-write");
        else if (IS(3, "clients") && tw__jn_addr(W(4), &c))
            gaddr(p, "client", &c, W(4));
        else if (IS(3, "client-list-name") && N() > 4)
            tw__jn_gstr(p, "acl", W(4));
        else if (IS(3, "view") && N() > 4)
            tw__jn_gstr(p, "view", W(4));
    }
}

/* ---- firewall filters ------------------------------------------------- */

static void port_field(jn_parser *p, const char *name, tw_str v)
{
    char buf[80];
    const char *dash = memchr(v.ptr, '-', v.len);
    int n;

    if (dash != NULL && v.len < 60)
        n = snprintf(buf, sizeof(buf), "range %.*s %.*s", (int)(dash - v.ptr), v.ptr,
                     (int)(v.len - (size_t)(dash - v.ptr) - 1), dash + 1);
    else
        n = snprintf(buf, sizeof(buf), "eq %.*s", (int)(v.len < 60 ? v.len : 60), v.ptr);
    tw__jn_gstr(p, name, tw_str_c(tw_arena_strndup(p->fs->arena, buf, n > 0 ? (size_t)n : 0)));
}

static void term_addr(jn_parser *p, const char *name, tw_str v)
{
    tw_cidr c;

    if (tw__jn_addr(v, &c))
        gaddr(p, name, &c, v);
}

static void term_from(jn_parser *p, size_t j)
{
    tw_str kw = W(j);

    for (size_t i = j + 1; i < N(); i++) {
        tw_str v = W(i);
        if (i != j + 1 && !in_list(p, i))
            continue;
        if (tw_str_eq_c(kw, "source-address") || tw_str_eq_c(kw, "ip-source-address")) {
            term_addr(p, "src", v);
        } else if (tw_str_eq_c(kw, "destination-address") ||
                   tw_str_eq_c(kw, "ip-destination-address")) {
            term_addr(p, "dst", v);
        } else if (tw_str_eq_c(kw, "address")) {
            term_addr(p, "src", v);
            term_addr(p, "dst", v);
        } else if (tw_str_eq_c(kw, "protocol") || tw_str_eq_c(kw, "next-header")) {
            tw__jn_gstr(p, "protocol", v);
        } else if (tw_str_eq_c(kw, "source-port")) {
            port_field(p, "src_port", v);
        } else if (tw_str_eq_c(kw, "destination-port") || tw_str_eq_c(kw, "port")) {
            port_field(p, "dst_port", v);
        } else if (tw_str_eq_c(kw, "source-prefix-list")) {
            tw__jn_gstr(p, "src_list", v);
        } else if (tw_str_eq_c(kw, "destination-prefix-list")) {
            tw__jn_gstr(p, "dst_list", v);
        }
    }
}

static void term_then(jn_parser *p, size_t j)
{
    if (IS(j, "accept"))
        tw__jn_gstr(p, "action", TW_STR("permit"));
    else if (IS(j, "discard") || IS(j, "reject"))
        tw__jn_gstr(p, "action", TW_STR("deny"));
}

static void firewall_stmt(jn_parser *p)
{
    size_t i = 1;
    tw_str family = TW_STR("ipv4");
    jn_group *g;

    if (IS(1, "family")) {
        family = IS(2, "inet") ? TW_STR("ipv4") : IS(2, "inet6") ? TW_STR("ipv6") : W(2);
        i = 3;
    }
    if (!IS(i, "filter") || !IS(i + 2, "term") || N() < i + 4)
        return;
    g = tw__jn_group(p, JN_G_TERM, i + 4);
    g->name = W(i + 1);
    g->sub = W(i + 3);
    g->vrf = family;
    if (IS(i + 4, "from") && N() > i + 6)
        term_from(p, i + 5);
    else if (IS(i + 4, "then"))
        term_then(p, i + 5);
}

/* ---- interfaces ------------------------------------------------------- */

/* family inet|inet6 filter input|output NAME, input-list|output-list
 * NAME... (i at the word after "filter"): the filters of the unit's
 * traffic in that direction, one value each ("group N" and the others are
 * not filters). */
static void if_filter(jn_parser *p, size_t i)
{
    bool in = IS(i, "input") || IS(i, "input-list");
    bool out = IS(i, "output") || IS(i, "output-list");

    if (!in && !out)
        return;
    if (N() <= i + 1) {
        tw__jn_warn(p, "interface %.*s: filter %.*s without a name",
                    (int)(p->g.name.len > 64 ? 64 : p->g.name.len), p->g.name.ptr, (int)W(i).len,
                    W(i).ptr);
        return;
    }
    for (size_t k = i + 1; k < N() && (k == i + 1 || in_list(p, k)); k++)
        tw__jn_gstr(p, in ? "acl_in" : "acl_out", W(k));
}

/* The host address of "A/L" (the prefix only validated). */
static bool host_addr(tw_str s, tw_cidr *out)
{
    const char *slash = memchr(s.ptr, '/', s.len);
    tw_cidr pfx;

    if (!tw__jn_addr(s, &pfx))
        return false;
    if (slash != NULL)
        s.len = (size_t)(slash - s.ptr);
    return tw__jn_addr(s, out);
}

static void tunnel_leaf(jn_parser *p, size_t j)
{
    tw_cidr c;

    for (size_t i = j; i < N(); i++) {
        size_t v = IS(i + 1, "address") ? i + 2 : i + 1;
        if (IS(i, "source") && tw__jn_addr(W(v), &c))
            tw__jn_gstr(p, "source", W(v));
        else if (IS(i, "destination") && tw__jn_addr(W(v), &c))
            gaddr(p, "destination", &c, W(v));
        else if (IS(i, "encapsulation") && N() > i + 1)
            tw__jn_gstr(p, "mode", W(i + 1));
        else if (IS(i, "routing-instance") && IS(i + 1, "destination") && N() > i + 2)
            tw__jn_gstr(p, "vrf", W(i + 2));
    }
}

static tw_str unit_name(jn_parser *p, tw_str ifd, tw_str unit)
{
    char *s = tw_arena_printf(p->fs->arena, "%.*s.%.*s", (int)(ifd.len < 200 ? ifd.len : 200),
                              ifd.ptr, (int)(unit.len < 20 ? unit.len : 20), unit.ptr);

    return s != NULL ? tw_str_c(s) : ifd;
}

static void interfaces_stmt(jn_parser *p)
{
    bool unit = IS(2, "unit") && N() > 3;
    size_t j = unit ? 4 : 2;
    jn_group *g;
    tw_cidr c;

    if (N() < 2 || IS(1, "interface-range") || IS(1, "apply-groups"))
        return;
    g = tw__jn_group(p, JN_G_IFACE, j);
    if (g->name.len == 0)
        g->name = unit ? unit_name(p, W(1), W(3)) : W(1);
    if (tw_str_starts_with(W(1), TW_STR("gr-")))
        g->sub = TW_STR("gre");
    else if (tw_str_starts_with(W(1), TW_STR("ip-")))
        g->sub = TW_STR("ipip");
    if (IS(j, "description") && N() > j + 1)
        tw__jn_gstr(p, "description", W(j + 1));
    else if (IS(j, "disable"))
        g->flag = true;
    else if (IS(j, "family") && IS(j + 2, "address") && host_addr(W(j + 3), &c))
        gaddr(p, "address", &c, TW_STR_NULL);
    else if (IS(j, "family") && (IS(j + 1, "inet") || IS(j + 1, "inet6")) && IS(j + 2, "filter"))
        if_filter(p, j + 3);
    else if (IS(j, "tunnel"))
        tunnel_leaf(p, j + 1);
}

/* ---- routes ----------------------------------------------------------- */

static void route_fact(jn_parser *p, const tw_cidr *pfx, tw_str nh, tw_str iface, tw_str vrf)
{
    tw_cidr c;

    tw__jn_begin(p, TW_FACT_ROUTE);
    tw_factset_addr(p->fs, "prefix", pfx);
    if (tw__jn_addr(nh, &c))
        tw_factset_addr_text(p->fs, "next_hop", &c, nh);
    else if (nh.len > 0)
        tw_factset_str(p->fs, "interface", nh);
    if (iface.len > 0)
        tw_factset_str(p->fs, "interface", iface);
    if (vrf.len > 0)
        tw_factset_str(p->fs, "vrf", vrf);
    tw__jn_end(p);
}

/* ... static route P next-hop N | qualified-next-hop N | discard | reject */
static void static_route(jn_parser *p, size_t i, tw_str vrf)
{
    tw_cidr pfx;

    if (IS(i, "rib"))
        i += 2;
    if (!IS(i, "static") || !IS(i + 1, "route") || !tw__jn_addr(W(i + 2), &pfx))
        return;
    i += 3;
    if (IS(i, "next-hop") || IS(i, "qualified-next-hop")) {
        for (size_t k = i + 1; k < N() && (k == i + 1 || in_list(p, k)); k++)
            route_fact(p, &pfx, W(k), TW_STR_NULL, vrf);
    } else if (IS(i, "discard") || IS(i, "reject")) {
        route_fact(p, &pfx, TW_STR_NULL, W(i), vrf);
    }
}

/* ---- mirroring and event scripts -------------------------------------- */

static void mirror_stmt(jn_parser *p)
{
    bool analyzer = IS(1, "analyzer") && N() > 2;
    bool inst = IS(1, "port-mirroring") && IS(2, "instance") && N() > 3;
    size_t nkey = analyzer ? 3 : inst ? 4 : 2;
    bool out = false, in = false;
    jn_group *g;
    tw_cidr c;

    if (!analyzer && !IS(1, "port-mirroring"))
        return;
    g = tw__jn_group(p, JN_G_MIRROR, nkey);
    g->name = analyzer ? W(2) : inst ? W(3) : W(1);
    for (size_t i = nkey; i + 1 < N(); i++) {
        out = out || IS(i, "output");
        in = in || IS(i, "input");
        if (out && (IS(i, "ip-address") || IS(i, "next-hop")) && tw__jn_addr(W(i + 1), &c)) {
            g->flag = true;
            gaddr(p, "destination", &c, W(i + 1));
        } else if (out && IS(i, "interface")) {
            tw__jn_gstr(p, "destination", W(i + 1));
        } else if (in && (IS(i, "interface") || IS(i, "vlan"))) {
            tw__jn_gstr(p, "source", W(i + 1));
        }
    }
}

tw_str tw__jn_join(jn_parser *p, size_t i)
{
    size_t n = 0, cap = 1024;
    char *d = tw_arena_alloc(p->fs->arena, cap);

    if (d == NULL)
        return TW_STR_NULL;
    for (; i < N(); i++) {
        tw_str w = W(i);
        if (n + w.len + 1 >= cap)
            break;
        if (n > 0)
            d[n++] = ' ';
        memcpy(d + n, w.ptr, w.len);
        n += w.len;
    }
    return tw_str_make(d, n);
}

static void events_stmt(jn_parser *p)
{
    jn_group *g;

    if (IS(1, "destinations") && IS(3, "archive-sites") && N() > 4) {
        script_fact(p, "event-destination", W(2), "archive", W(4));
        return;
    }
    if (IS(1, "event-script") && IS(2, "file") && N() > 3) {
        g = tw__jn_group(p, JN_G_SCRIPT, 4);
        g->name = W(3);
        g->sub = TW_STR("event-script");
        return;
    }
    if (!IS(1, "policy") || N() < 4)
        return;
    g = tw__jn_group(p, JN_G_SCRIPT, 3);
    g->name = W(2);
    g->sub = TW_STR("event-policy");
    if (IS(3, "events")) {
        for (size_t i = 4; i < N(); i++)
            tw__jn_gstr(p, "event", W(i));
    } else if (IS(3, "then") && IS(4, "execute-commands") && IS(5, "commands") && N() > 6) {
        for (size_t i = 6; i < N(); i++)
            tw__jn_gstr(p, "action", W(i));
    } else if (IS(3, "then") && (IS(4, "upload") || IS(4, "event-script")) && N() > 5) {
        tw__jn_gstr(p, "action", tw__jn_join(p, 4));
    }
}

/* ---- dispatch --------------------------------------------------------- */

/* A word of a "groups" template that matches names ("<*>", "<ge-*>"). */
static bool wildcard(const jn_parser *p)
{
    for (size_t i = 0; i < p->nw && p->base > 0; i++) {
        if (p->w[i].len > 0 && p->w[i].ptr[0] == '<' && !p->quoted[i])
            return true;
    }
    return false;
}

void tw__jn_statement(jn_parser *p)
{
    if (wildcard(p))
        return;
    if (IS(0, "version") && N() > 1)
        one_str(p, TW_FACT_VERSION, "version", W(1));
    else if (IS(0, "system"))
        system_stmt(p);
    else if (IS(0, "snmp"))
        snmp_stmt(p);
    else if (IS(0, "firewall"))
        firewall_stmt(p);
    else if (IS(0, "interfaces"))
        interfaces_stmt(p);
    else if (IS(0, "routing-options") && IS(1, "autonomous-system"))
        tw__jn_bgp_as(p, 1, TW_STR_NULL);
    else if (IS(0, "routing-options"))
        static_route(p, 1, TW_STR_NULL);
    else if (IS(0, "routing-instances") && IS(2, "routing-options") && IS(3, "autonomous-system"))
        tw__jn_bgp_as(p, 3, W(1));
    else if (IS(0, "routing-instances") && IS(2, "routing-options"))
        static_route(p, 3, W(1));
    else if (IS(0, "protocols") && IS(1, "bgp"))
        tw__jn_bgp(p, 2, TW_STR_NULL);
    else if (IS(0, "routing-instances") && IS(2, "protocols") && IS(3, "bgp"))
        tw__jn_bgp(p, 4, W(1));
    else if (IS(0, "protocols") && IS(1, "lldp"))
        tw__jn_lldp(p);
    else if (IS(0, "security"))
        tw__jn_security(p);
    else if (IS(0, "forwarding-options"))
        mirror_stmt(p);
    else if (IS(0, "event-options"))
        events_stmt(p);
    else if (IS(0, "policy-options"))
        tw__jn_policy(p);
}
