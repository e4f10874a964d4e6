/*
 * drift.c: what changed between two configurations of one device (drift.h).
 *
 * Each class of the table below turns the facts of one kind into objects:
 * the facts with the same identity fields (a tunnel's name) are one object
 * whose attributes are the other fields' values, as sorted text.  The two
 * sides' objects are sorted by identity and walked together: an object on
 * one side only is added or removed, one on both with other attributes
 * changed.  The class says what each means (a judge function where the
 * meaning depends on the values); an indicator address that the change
 * brings makes any change critical.  ACL entries keep their order and are
 * compared in drift_acl.c.
 */
#include <stdlib.h>
#include <string.h>

#include "drift_int.h"
#include "facttext.h"
#include "tidewatch/limits.h"

#define MAX_NAMES 16 /* identity or attribute fields of one class */

/* One attribute of an object: its values as text, and where the first of
 * them was written. */
typedef struct {
    const char *name;
    const char *value; /* sorted distinct values joined by ", " */
    uint32_t line;
    tw_str evidence;
} attr;

typedef struct {
    const char *ident;
    const tw_fact *fact; /* the first fact of the object */
    attr *attrs;         /* sorted by name */
    size_t nattrs;
    const tw_ioc *ioc; /* the first indicator among its addresses */
    bool reach;        /* its class's reach field is public */
} object;

/* An attribute that differs: its before and after (NULL: none). */
typedef struct {
    const char *name;
    const attr *b, *a;
} attr_diff;

struct drift_class;

typedef struct {
    const struct drift_class *c;
    tw__change_kind kind;
    const object *b, *a;
    const attr_diff *diffs;
    size_t ndiffs;
} change;

typedef tw_severity (*judge_fn)(const change *ch);

typedef struct drift_class {
    tw_fact_kind kind;
    const char *id, *label;
    const char *ident; /* identity fields, separated by spaces */
    const char *attrs; /* compared fields; NULL: every field but the identity */
    const char *reach; /* an address field that, public, makes an addition high */
    tw_severity added, removed, changed;
    judge_fn judge;    /* NULL: the three above */
    bool changes_only; /* an addition or removal comes with another object's */
    bool name_first;   /* the identity's first field is named too ("fingerprint F") */
    const char *const *attack;
    size_t nattack;
} drift_class;

/* ---- reading the values of a change ------------------------------------ */

static const attr *find_attr(const object *o, const char *name)
{
    for (size_t i = 0; o != NULL && i < o->nattrs; i++) {
        if (strcmp(o->attrs[i].name, name) == 0)
            return &o->attrs[i];
    }
    return NULL;
}

/* The value of attribute name after (or before) the change; NULL: none. */
static const char *value_of(const change *ch, const char *name, bool after)
{
    const attr *x = find_attr(after ? ch->a : ch->b, name);

    return x != NULL ? x->value : NULL;
}

static bool value_is(const char *v, const char *want)
{
    return v != NULL && strcmp(v, want) == 0;
}

/* True when attribute name is among the differences. */
static bool differs(const change *ch, const char *name)
{
    for (size_t i = 0; i < ch->ndiffs; i++) {
        if (strcmp(ch->diffs[i].name, name) == 0)
            return true;
    }
    return false;
}

/* True when the comma-separated list v holds word w. */
static bool list_has(const char *v, const char *w)
{
    size_t n = strlen(w);

    while (v != NULL && *v != '\0') {
        const char *e = strstr(v, ", ");
        size_t len = e != NULL ? (size_t)(e - v) : strlen(v);
        if (len == n && memcmp(v, w, n) == 0)
            return true;
        v = e != NULL ? e + 2 : NULL;
    }
    return false;
}

static tw_severity max_sev(tw_severity x, tw_severity y)
{
    return x > y ? x : y;
}

/* ---- judges: what a change means when it depends on the values --------- */

/* A new account with privilege 15 is an administrator; so is one raised
 * to 15. */
static tw_severity judge_user(const change *ch)
{
    bool admin = value_is(value_of(ch, "privilege", true), "15");

    if (ch->kind == TW__CH_ADDED)
        return admin ? TW_SEV_HIGH : TW_SEV_MEDIUM;
    if (ch->kind == TW__CH_REMOVED)
        return TW_SEV_LOW;
    return admin && differs(ch, "privilege") ? TW_SEV_HIGH : TW_SEV_LOW;
}

/* Services an attacker turns on to get in or to stay (DESIGN.md). */
static bool risky_service(const char *name)
{
    static const char *const risky[] = {
        "telnet",     "http",          "https",         "guestshell", "iox",      "app-hosting",
        "bash-shell", "bash",          "smart-install", "tftp",       "ftp",      "finger",
        "pad",        "small-servers", "rcmd",          "netconf",    "restconf", "nxapi",
        "api",        "source-route",  "bootp"};

    for (size_t i = 0; i < sizeof(risky) / sizeof(risky[0]); i++) {
        if (strcmp(name, risky[i]) == 0)
            return true;
    }
    return false;
}

/* A service turned on, or moved to another port (the advisory's SSH on a
 * high port). */
static tw_severity judge_service(const change *ch)
{
    const object *o = ch->a != NULL ? ch->a : ch->b;
    bool risky = risky_service(o->ident);
    const char *on = value_of(ch, "enabled", true), *was = value_of(ch, "enabled", false);

    if (ch->kind == TW__CH_REMOVED)
        return TW_SEV_LOW;
    if (ch->kind == TW__CH_ADDED)
        return value_is(on, "false") ? TW_SEV_INFO : risky ? TW_SEV_HIGH : TW_SEV_LOW;
    if (differs(ch, "port"))
        return TW_SEV_HIGH;
    if (differs(ch, "enabled") && list_has(on, "true") && !list_has(was, "true"))
        return risky ? TW_SEV_HIGH : TW_SEV_LOW;
    return differs(ch, "enabled") ? TW_SEV_INFO : TW_SEV_LOW;
}

/* Logging turned off is high; fewer messages sent to the hosts medium. */
static tw_severity judge_logging(const change *ch)
{
    const char *sb = value_of(ch, "severity", false), *sa = value_of(ch, "severity", true);
    int64_t b, a;

    if (ch->kind != TW__CH_CHANGED)
        return ch->kind == TW__CH_ADDED ? TW_SEV_LOW : TW_SEV_MEDIUM;
    if (differs(ch, "enabled") && list_has(value_of(ch, "enabled", true), "false"))
        return TW_SEV_HIGH;
    if (sb != NULL && sa != NULL && tw_str_to_i64(tw_str_c(sb), &b) &&
        tw_str_to_i64(tw_str_c(sa), &a) && a < b)
        return TW_SEV_MEDIUM;
    return TW_SEV_LOW;
}

/* VTY lines that lost their access class, or gained Telnet. */
static tw_severity judge_vty(const change *ch)
{
    const char *in = value_of(ch, "transport_input", true);
    const char *was = value_of(ch, "transport_input", false);

    if (ch->kind != TW__CH_CHANGED)
        return ch->kind == TW__CH_ADDED ? TW_SEV_MEDIUM : TW_SEV_LOW;
    if (differs(ch, "access_class") && value_of(ch, "access_class", false) != NULL)
        return TW_SEV_HIGH;
    if ((list_has(in, "telnet") && !list_has(was, "telnet")) ||
        (list_has(in, "all") && !list_has(was, "all")))
        return TW_SEV_MEDIUM;
    return TW_SEV_LOW;
}

/* An interface whose filter was taken off or replaced. */
static tw_severity judge_interface(const change *ch)
{
    static const char *const acl[] = {"acl_in", "acl_out"};
    tw_severity s = TW_SEV_LOW;

    if (ch->kind != TW__CH_CHANGED)
        return TW_SEV_LOW;
    for (size_t i = 0; i < 2; i++) {
        if (differs(ch, acl[i]))
            s = max_sev(s, value_of(ch, acl[i], false) != NULL ? TW_SEV_HIGH : TW_SEV_LOW);
    }
    return s;
}

/* A BGP session that lost its authentication, or moved to another AS. */
static tw_severity judge_peer(const change *ch)
{
    if (ch->kind != TW__CH_CHANGED)
        return ch->kind == TW__CH_ADDED ? TW_SEV_MEDIUM : TW_SEV_LOW;
    if (differs(ch, "auth") && value_is(value_of(ch, "auth", true), "false"))
        return TW_SEV_HIGH;
    return differs(ch, "remote_as") ? TW_SEV_MEDIUM : TW_SEV_LOW;
}

/* An SNMP community that can write, or lost its access list. */
static tw_severity judge_community(const change *ch)
{
    bool rw = list_has(value_of(ch, "access", true), "rw");

    if (ch->kind == TW__CH_ADDED)
        return rw ? TW_SEV_HIGH : TW_SEV_MEDIUM;
    if (ch->kind == TW__CH_REMOVED)
        return TW_SEV_LOW;
    if ((differs(ch, "acl") && value_of(ch, "acl", true) == NULL) || (differs(ch, "access") && rw))
        return TW_SEV_HIGH;
    return TW_SEV_LOW;
}

/* A tunnel that now goes somewhere else, or lost its protection. */
static tw_severity judge_tunnel(const change *ch)
{
    if (ch->kind == TW__CH_ADDED)
        return ch->a->reach ? TW_SEV_HIGH : TW_SEV_MEDIUM;
    if (ch->kind == TW__CH_REMOVED)
        return TW_SEV_LOW;
    if (differs(ch, "destination"))
        return ch->a->reach ? TW_SEV_HIGH : TW_SEV_MEDIUM;
    return differs(ch, "protection") ? TW_SEV_MEDIUM : TW_SEV_LOW;
}

/* A secret stored in a weaker form: type 0, 5 or 7 where it was 8 or 9. */
static tw_severity judge_secret(const change *ch)
{
    const char *t = value_of(ch, "type", true), *w = value_of(ch, "type", false);
    bool weak = t != NULL && (strcmp(t, "0") == 0 || strcmp(t, "5") == 0 || strcmp(t, "7") == 0);

    return weak && !(w != NULL && strcmp(w, t) == 0) ? TW_SEV_MEDIUM : TW_SEV_INFO;
}

/* ---- the classes --------------------------------------------------------- */

#define ATT(...)                                                                                   \
    (const char *const[]){__VA_ARGS__},                                                            \
        sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)

static const drift_class classes[] = {
    {TW_FACT_AAA_SERVER, "AAA-SERVER", "AAA server", "protocol address name", "port key_type",
     "address", TW_SEV_HIGH, TW_SEV_MEDIUM, TW_SEV_MEDIUM, NULL, false, false, ATT("T1556")},
    {TW_FACT_AAA_METHOD, "AAA-METHOD", "AAA method list", "type service level list",
     "method record", NULL, TW_SEV_LOW, TW_SEV_MEDIUM, TW_SEV_MEDIUM, NULL, false, false,
     ATT("T1556")},
    {TW_FACT_LOCAL_USER, "LOCAL-USER", "local user", "name", "privilege form secret_type", NULL,
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_LOW, judge_user, false, false, ATT("T1136.001", "T1098")},
    {TW_FACT_SECRET, "SECRET", "stored secret", "owner form", "type", NULL, TW_SEV_INFO,
     TW_SEV_INFO, TW_SEV_INFO, judge_secret, true, false, ATT("T1552")},
    {TW_FACT_TUNNEL, "TUNNEL", "tunnel", "name", "mode source destination protection",
     "destination", TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_MEDIUM, judge_tunnel, false, false,
     ATT("T1572")},
    {TW_FACT_MIRROR_SESSION, "MIRROR", "mirror session", "id", "type source destination",
     "destination", TW_SEV_HIGH, TW_SEV_LOW, TW_SEV_HIGH, NULL, false, false,
     ATT("T1040", "T1020")},
    {TW_FACT_CAPTURE, "CAPTURE", "packet capture", "name", "interface match export", NULL,
     TW_SEV_HIGH, TW_SEV_LOW, TW_SEV_HIGH, NULL, false, false, ATT("T1040")},
    {TW_FACT_SERVICE, "SERVICE", "service", "name", NULL, NULL, TW_SEV_LOW, TW_SEV_LOW, TW_SEV_LOW,
     judge_service, false, false, ATT("T1133", "T1571")},
    {TW_FACT_LOGGING_HOST, "LOGGING-HOST", "logging host", "address vrf", "transport port",
     "address", TW_SEV_MEDIUM, TW_SEV_HIGH, TW_SEV_LOW, NULL, false, false, ATT("T1562.006")},
    {TW_FACT_LOGGING, "LOGGING", "logging setting", "setting", "enabled severity", NULL, TW_SEV_LOW,
     TW_SEV_MEDIUM, TW_SEV_LOW, judge_logging, false, false, ATT("T1562.006")},
    {TW_FACT_NTP_SERVER, "NTP-SERVER", "NTP server", "address vrf", "key", NULL, TW_SEV_LOW,
     TW_SEV_LOW, TW_SEV_LOW, NULL, false, false, ATT("T1070.006")},
    {TW_FACT_SNMP_COMMUNITY, "SNMP-COMMUNITY", "SNMP community", "fingerprint",
     "access acl view strength", NULL, TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_LOW, judge_community,
     false, true, ATT("T1602.001")},
    {TW_FACT_SNMP_USER, "SNMP-USER", "SNMPv3 user", "name", "group version auth priv", NULL,
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_MEDIUM, NULL, false, false, ATT("T1602.001")},
    {TW_FACT_SNMP_HOST, "SNMP-HOST", "SNMP host", "address vrf", "version", "address",
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_LOW, NULL, false, false, ATT("T1602.001")},
    {TW_FACT_VTY, "VTY", "VTY line", "name",
     "transport_input transport_output access_class access_class_out exec_timeout", NULL,
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_LOW, judge_vty, false, false, ATT("T1021.004")},
    {TW_FACT_SCRIPT, "SCRIPT", "script", "name type", "event action", NULL, TW_SEV_HIGH, TW_SEV_LOW,
     TW_SEV_HIGH, NULL, false, false, ATT("T1546")},
    {TW_FACT_INTERFACE, "INTERFACE", "interface", "name",
     "address shutdown vrf redirects proxy_arp directed_broadcast acl_in acl_out", NULL, TW_SEV_LOW,
     TW_SEV_LOW, TW_SEV_LOW, judge_interface, false, false, ATT("T1562.004")},
    {TW_FACT_ROUTE, "ROUTE", "static route", "prefix next_hop interface vrf", "", NULL,
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_LOW, NULL, false, false, ATT("T1599")},
    {TW_FACT_ROUTE_MAP, "ROUTE-MAP", "route map", "name seq", "action match set", NULL,
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_MEDIUM, NULL, false, false, ATT("T1599")},
    {TW_FACT_PREFIX_LIST, "PREFIX-LIST", "prefix list", "name family seq", "action prefix ge le",
     NULL, TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_MEDIUM, NULL, false, false, ATT("T1599")},
    {TW_FACT_CRYPTO_PROPOSAL, "CRYPTO", "IKE/IPsec proposal", "protocol name",
     "encryption integrity group", NULL, TW_SEV_LOW, TW_SEV_LOW, TW_SEV_MEDIUM, NULL, false, false,
     ATT("T1600")},
    {TW_FACT_ROUTING_PEER, "BGP-PEER", "BGP neighbour", "address vrf", "remote_as group auth", NULL,
     TW_SEV_MEDIUM, TW_SEV_LOW, TW_SEV_LOW, judge_peer, false, false, ATT("T1599")},
    {TW_FACT_HOSTNAME, "HOSTNAME", "hostname", "", "name", NULL, TW_SEV_INFO, TW_SEV_INFO,
     TW_SEV_INFO, NULL, true, false, ATT("T1036")},
    {TW_FACT_VERSION, "VERSION", "software version", "", "version", NULL, TW_SEV_INFO, TW_SEV_INFO,
     TW_SEV_INFO, NULL, true, false, ATT("T1601")},
};

#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

/* ---- building the objects of one side ---------------------------------- */

/* Splits a space-separated list of field names into v (at most MAX_NAMES). */
static size_t split_names(const char *list, char buf[][40], size_t cap)
{
    size_t n = 0;

    while (list != NULL && *list != '\0' && n < cap) {
        size_t len = strcspn(list, " ");
        if (len > 0 && len < sizeof(buf[0])) {
            memcpy(buf[n], list, len);
            buf[n][len] = '\0';
            n++;
        }
        list += len;
        list += *list == ' ';
    }
    return n;
}

static bool in_names(char names[][40], size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], name) == 0)
            return true;
    }
    return false;
}

/* A fact of a side with its identity, for sorting. */
typedef struct {
    const char *ident;
    size_t pos; /* in the fact set */
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    int c = strcmp(a->ident, b->ident);

    if (c != 0)
        return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int attr_cmp(const void *x, const void *y)
{
    return strcmp(((const attr *)x)->name, ((const attr *)y)->name);
}

/* The values of field name over facts g[0, n) of fs, sorted, distinct,
 * joined by ", " into the arena; where the first was written.  NULL when
 * none has a value. */
static const char *gather(tw_arena *ar, const tw_factset *fs, const keyed *g, size_t n,
                          const char *name, uint32_t *line, tw_str *ev)
{
    const char *vals[64];
    size_t nv = 0;
    tw__text s;
    tw__text_init(&s);

    *line = 0;
    *ev = TW_STR_NULL;
    for (size_t i = 0; i < n; i++) {
        const tw_fact *f = &fs->v[g[i].pos];
        for (const tw_field *x = tw_fact_get(f, name); x != NULL && nv < 64;
             x = tw_fact_next(f, name, x)) {
            char buf[TW_IP_STRLEN];
            const char *p;
            size_t len = tw__field_text(x, buf, sizeof(buf), &p);
            if (len == 0)
                continue;
            vals[nv] = tw_arena_strndup(ar, p, len);
            if (vals[nv] == NULL)
                return NULL;
            if (nv++ == 0) {
                *line = x->line != 0 ? x->line : f->line;
                *ev = x->line != 0 ? x->evidence : f->evidence;
            }
        }
    }
    if (nv == 0)
        return NULL;
    qsort(vals, nv, sizeof(vals[0]), str_cmp);
    for (size_t i = 0; i < nv; i++) {
        if (i == 0 || strcmp(vals[i], vals[i - 1]) != 0)
            tw__text_put(&s, i == 0 ? "" : ", ", vals[i], strlen(vals[i]));
    }
    return tw_arena_strndup(ar, s.b, s.n);
}

/* The attribute names of an object of class c: the class's, or every
 * field name of its facts but the identity's and "implied". */
static size_t attr_names(const drift_class *c, const tw_factset *fs, const keyed *g, size_t n,
                         char names[][40], size_t cap, char idn[][40], size_t nid)
{
    size_t k = 0;

    if (c->attrs != NULL)
        return split_names(c->attrs, names, cap);
    for (size_t i = 0; i < n; i++) {
        const tw_fact *f = &fs->v[g[i].pos];
        for (uint32_t j = 0; j < f->nfields && k < cap; j++) {
            const char *nm = f->fields[j].name;
            if (strlen(nm) >= sizeof(names[0]) || strcmp(nm, "implied") == 0 ||
                in_names(idn, nid, nm) || in_names(names, k, nm))
                continue;
            memcpy(names[k++], nm, strlen(nm) + 1); /* length checked above */
        }
    }
    return k;
}

/* Builds one object from the facts g[0, n) of one identity. */
static bool build_object(const tw__drift *d, tw_arena *ar, const drift_class *c,
                         const tw_factset *fs, const keyed *g, size_t n, char idn[][40], size_t nid,
                         object *o)
{
    char names[MAX_NAMES][40];
    size_t nn = attr_names(c, fs, g, n, names, MAX_NAMES, idn, nid);

    memset(o, 0, sizeof(*o));
    o->ident = g[0].ident;
    o->fact = &fs->v[g[0].pos];
    o->attrs = tw_arena_alloc(ar, (nn + 1) * sizeof(*o->attrs));
    if (o->attrs == NULL)
        return false;
    for (size_t i = 0; i < nn; i++) {
        attr *x = &o->attrs[o->nattrs];
        x->value = gather(ar, fs, g, n, names[i], &x->line, &x->evidence);
        if (x->value == NULL)
            continue;
        x->name = tw_arena_strdup(ar, names[i]);
        if (x->name == NULL)
            return false;
        o->nattrs++;
    }
    qsort(o->attrs, o->nattrs, sizeof(*o->attrs), attr_cmp);
    for (size_t i = 0; i < n && o->ioc == NULL; i++)
        o->ioc = tw__drift_ioc(d, &fs->v[g[i].pos]);
    for (size_t i = 0; i < n && c->reach != NULL && !o->reach; i++)
        o->reach = tw__fact_public(&fs->v[g[i].pos], c->reach);
    return true;
}

/* The objects of class c on one side, sorted by identity, in *out (malloc'd). */
static tw_err side_objects(const tw__drift *d, tw_arena *ar, const drift_class *c,
                           const tw_factset *fs, object **out, size_t *nout)
{
    char idn[MAX_NAMES][40];
    size_t nid = split_names(c->ident, idn, MAX_NAMES), n = 0, no = 0;
    keyed *k = NULL;
    object *o = NULL;
    tw_err rc = TW_ENOMEM;

    *out = NULL;
    *nout = 0;
    for (size_t i = 0; i < fs->n; i++)
        n += fs->v[i].kind == c->kind;
    if (n == 0)
        return TW_OK;
    k = malloc(n * sizeof(*k));
    o = malloc(n * sizeof(*o));
    if (k == NULL || o == NULL)
        goto out;
    n = 0;
    for (size_t i = 0; i < fs->n; i++) {
        tw__text s;
        tw__text_init(&s);
        if (fs->v[i].kind != c->kind)
            continue;
        for (size_t j = 0; j < nid; j++) { /* "10.0.0.1 vrf MGMT": the first value bare */
            size_t before = s.n;
            if (j > 0 || c->name_first) {
                tw__text_put(&s, s.n > 0 ? " " : "", idn[j], strlen(idn[j]));
                tw__text_field(&s, &fs->v[i], " ", idn[j]);
                if (s.n == before + strlen(idn[j]) + (before > 0))
                    s.n = before; /* no value: no name */
            } else {
                tw__text_field(&s, &fs->v[i], "", idn[j]);
            }
            s.b[s.n] = '\0';
        }
        k[n].ident = tw_arena_strndup(ar, s.b, s.n);
        k[n].pos = i;
        if (k[n++].ident == NULL)
            goto out;
    }
    qsort(k, n, sizeof(*k), keyed_cmp);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && strcmp(k[j].ident, k[i].ident) == 0; j++)
            ;
        if (!build_object(d, ar, c, fs, k + i, j - i, idn, nid, &o[no++]))
            goto out;
    }
    *out = o;
    *nout = no;
    o = NULL;
    rc = TW_OK;
out:
    free(k);
    free(o);
    return rc;
}

/* ---- comparing ------------------------------------------------------------ */

/* The differing attributes of b and a (both sorted by name) into v. */
static size_t diff_attrs(const object *b, const object *a, attr_diff *v)
{
    size_t i = 0, j = 0, n = 0;

    while (i < b->nattrs || j < a->nattrs) {
        int c = i == b->nattrs   ? 1
                : j == a->nattrs ? -1
                                 : strcmp(b->attrs[i].name, a->attrs[j].name);
        if (c < 0) {
            v[n++] = (attr_diff){b->attrs[i].name, &b->attrs[i], NULL};
            i++;
        } else if (c > 0) {
            v[n++] = (attr_diff){a->attrs[j].name, NULL, &a->attrs[j]};
            j++;
        } else {
            if (strcmp(b->attrs[i].value, a->attrs[j].value) != 0)
                v[n++] = (attr_diff){a->attrs[j].name, &b->attrs[i], &a->attrs[j]};
            i++;
            j++;
        }
    }
    return n;
}

/* "name value; name value" of the attributes of o. */
static void describe(tw__text *s, const object *o)
{
    for (size_t i = 0; i < o->nattrs; i++) {
        tw__text_put(s, s->n > 0 ? "; " : "", o->attrs[i].name, strlen(o->attrs[i].name));
        tw__text_put(s, " ", o->attrs[i].value, strlen(o->attrs[i].value));
    }
}

static tw_severity judge(const change *ch)
{
    const drift_class *c = ch->c;
    tw_severity s;

    if (c->judge != NULL)
        s = c->judge(ch);
    else
        s = ch->kind == TW__CH_ADDED     ? c->added
            : ch->kind == TW__CH_REMOVED ? c->removed
                                         : c->changed;
    if (ch->kind == TW__CH_ADDED && ch->a->reach)
        s = max_sev(s, TW_SEV_HIGH);
    return s;
}

/* The indicator a change brings: one the after object has and the before
 * object had not. */
static const tw_ioc *brought_ioc(const change *ch)
{
    if (ch->kind == TW__CH_REMOVED || ch->a->ioc == NULL)
        return NULL;
    if (ch->b != NULL && ch->b->ioc != NULL && strcmp(ch->b->ioc->value, ch->a->ioc->value) == 0)
        return NULL;
    return ch->a->ioc;
}

static tw_err report(const tw__drift *d, const change *ch)
{
    const drift_class *c = ch->c;
    const object *side = ch->kind == TW__CH_REMOVED ? ch->b : ch->a;
    tw__text sum, before, after;
    tw__drift_change dc = {
        .id = c->id,
        .label = c->label,
        .kind = ch->kind,
        .sev = judge(ch),
        .object = side->ident,
        .fact = side->fact,
        .line = side->fact->line,
        .evidence = side->fact->evidence,
        .attack = c->attack,
        .nattack = c->nattack,
    };

    tw__text_init(&sum);
    tw__text_init(&before);
    tw__text_init(&after);
    if (ch->kind == TW__CH_CHANGED) {
        for (size_t i = 0; i < ch->ndiffs; i++) {
            const attr_diff *x = &ch->diffs[i];
            const char *bv = x->b ? x->b->value : "(none)", *av = x->a ? x->a->value : "(none)";
            tw__text_put(&sum, sum.n > 0 ? "; " : "", x->name, strlen(x->name));
            tw__text_put(&sum, " ", bv, strlen(bv));
            tw__text_put(&sum, " -> ", av, strlen(av));
            tw__text_put(&before, before.n > 0 ? "; " : "", x->name, strlen(x->name));
            tw__text_put(&before, " ", bv, strlen(bv));
            tw__text_put(&after, after.n > 0 ? "; " : "", x->name, strlen(x->name));
            tw__text_put(&after, " ", av, strlen(av));
        }
        /* the line of the first attribute that has one after the change */
        for (size_t i = 0; i < ch->ndiffs; i++) {
            if (ch->diffs[i].a != NULL && ch->diffs[i].a->line != 0) {
                dc.line = ch->diffs[i].a->line;
                dc.evidence = ch->diffs[i].a->evidence;
                break;
            }
        }
        dc.before = before.b;
        dc.after = after.b;
    } else {
        describe(&sum, side);
        if (sum.n > 0 && ch->kind == TW__CH_ADDED)
            dc.after = sum.b;
        else if (sum.n > 0)
            dc.before = sum.b;
    }
    dc.summary = sum.b;
    dc.ioc = brought_ioc(ch);
    if (dc.ioc != NULL)
        dc.sev = TW_SEV_CRITICAL;
    return tw__drift_emit(d, &dc);
}

/* Compares class c's objects of the two sides. */
static tw_err compare_class(const tw__drift *d, tw_arena *ar, const drift_class *c)
{
    object *bo = NULL, *ao = NULL;
    size_t nb = 0, na = 0, i = 0, j = 0;
    tw_err rc = side_objects(d, ar, c, d->b, &bo, &nb);

    if (rc == TW_OK)
        rc = side_objects(d, ar, c, d->a, &ao, &na);
    while (rc == TW_OK && (i < nb || j < na)) {
        int cmp = i == nb ? 1 : j == na ? -1 : strcmp(bo[i].ident, ao[j].ident);
        attr_diff diffs[2 * MAX_NAMES];
        change ch = {.c = c};

        if (cmp < 0) {
            ch.kind = TW__CH_REMOVED;
            ch.b = &bo[i++];
        } else if (cmp > 0) {
            ch.kind = TW__CH_ADDED;
            ch.a = &ao[j++];
        } else {
            ch.kind = TW__CH_CHANGED;
            ch.b = &bo[i++];
            ch.a = &ao[j++];
            ch.ndiffs = diff_attrs(ch.b, ch.a, diffs);
            ch.diffs = diffs;
            if (ch.ndiffs == 0)
                continue;
        }
        if (ch.kind != TW__CH_CHANGED && c->changes_only)
            continue;
        rc = report(d, &ch);
    }
    free(bo);
    free(ao);
    return rc;
}

/* ---- findings ------------------------------------------------------------ */

static const char *const change_words[] = {"added", "removed", "changed", "moved"};
static const char *const change_ids[] = {"ADDED", "REMOVED", "CHANGED", "MOVED"};
static const char *const references[] = {"AA25-239A"};

/* What to do about a change: see whether it was authorised, and undo it
 * when it was not. */
static const char *remediation(tw_arena *ar, const tw__drift *d, const tw__drift_change *c)
{
    static const char *const check =
        "Check that this change was authorised: a change ticket, and the TACACS+ accounting "
        "record of the command with its user and time.";
    static const char *const after =
        " Then look for the other changes of the same session, and treat the device as "
        "compromised until they are explained.";

    switch (c->kind) {
    case TW__CH_ADDED:
        return tw_arena_printf(ar,
                               "%s If it was not, remove it: it may be how an intruder "
                               "gets in, stays in or listens.%s",
                               check, after);
    case TW__CH_REMOVED:
        return tw_arena_printf(ar,
                               "%s If it was not, restore it from the earlier configuration "
                               "(%s line %u).%s",
                               check, d->bfile ? d->bfile : "-", c->line, after);
    case TW__CH_CHANGED:
        return tw_arena_printf(ar, "%s If it was not, restore the earlier value (%s).%s", check,
                               c->before ? c->before : "none", after);
    default:
        return tw_arena_printf(ar,
                               "%s The first entry that matches decides, so a moved entry "
                               "can let through what a later deny was meant to stop; if the "
                               "order was not intended, restore it.%s",
                               check, after);
    }
}

/* The device of a side: its hostname, or the other side's. */
static const char *device_of(tw_arena *ar, const tw__drift *d, bool before)
{
    tw_str h = before ? d->b->hostname : d->a->hostname;

    if (h.len == 0)
        h = before ? d->a->hostname : d->b->hostname;
    return h.len > 0 ? tw_arena_strndup(ar, h.ptr, h.len > 255 ? 255 : h.len) : NULL;
}

tw_err tw__drift_emit(const tw__drift *d, const tw__drift_change *c)
{
    tw_arena *ar = d->out->arena;
    bool removed = c->kind == TW__CH_REMOVED;
    const char *file = removed ? d->bfile : d->afile;
    tw_detail *det = tw_arena_alloc(ar, 10 * sizeof(*det));
    tw_finding f;
    size_t nd = 0;
    char label[64];
    int n = snprintf(label, sizeof(label), "%s", c->label);

    if (det == NULL || n <= 0)
        return TW_ENOMEM;
    if (label[0] >= 'a' && label[0] <= 'z')
        label[0] = (char)(label[0] - 'a' + 'A');
    memset(&f, 0, sizeof(f));
    f.rule = tw_arena_printf(ar, "TW-DRIFT-%s-%s", c->id, change_ids[c->kind]);
    f.severity = c->sev;
    f.category = TW_CAT_DRIFT;
    f.title = tw_arena_printf(ar, "%s %s", label, change_words[c->kind]);
    if (c->message != NULL)
        f.message = tw_arena_strdup(ar, c->message);
    else if (removed)
        f.message = tw_arena_printf(ar, "%s%s%s removed (it was at %s:%u)%s%s", c->label,
                                    c->object[0] ? " " : "", c->object, file ? file : "-", c->line,
                                    c->summary[0] ? ": " : "", c->summary);
    else
        f.message =
            tw_arena_printf(ar, "%s%s%s %s%s%s", c->label, c->object[0] ? " " : "", c->object,
                            change_words[c->kind], c->summary[0] ? ": " : "", c->summary);
    f.file = file ? tw_arena_strdup(ar, file) : NULL;
    f.line = c->line;
    f.device = device_of(ar, d, removed);
    f.evidence = c->evidence.len > 0
                     ? tw_arena_strndup(ar, c->evidence.ptr,
                                        c->evidence.len < TW_LIMIT_TEXT_FIELD ? c->evidence.len
                                                                              : TW_LIMIT_TEXT_FIELD)
                     : NULL;
    f.ioc = c->ioc != NULL ? tw_arena_strdup(ar, c->ioc->value) : NULL;
    f.attack = c->attack;
    f.nattack = c->nattack;
    f.references = references;
    f.nreferences = 1;
    f.remediation =
        c->remediation != NULL ? tw_arena_strdup(ar, c->remediation) : remediation(ar, d, c);
    det[nd++] = (tw_detail){"change", change_words[c->kind]};
    det[nd++] = (tw_detail){"setting", c->label};
    if (c->object[0])
        det[nd++] = (tw_detail){"object", tw_arena_strdup(ar, c->object)};
    if (c->before != NULL)
        det[nd++] = (tw_detail){"before", tw_arena_strdup(ar, c->before)};
    if (c->after != NULL)
        det[nd++] = (tw_detail){"after", tw_arena_strdup(ar, c->after)};
    if (!removed && d->bfile != NULL)
        det[nd++] = (tw_detail){"before_file", tw_arena_strdup(ar, d->bfile)};
    if (d->o != NULL && d->o->commit != NULL)
        det[nd++] = (tw_detail){"commit", tw_arena_strdup(ar, d->o->commit)};
    if (d->o != NULL && d->o->commit_time != NULL)
        det[nd++] = (tw_detail){"commit_time", tw_arena_strdup(ar, d->o->commit_time)};
    if (d->o != NULL && d->o->author != NULL)
        det[nd++] = (tw_detail){"author", tw_arena_strdup(ar, d->o->author)};
    for (size_t i = 0; i < nd; i++) {
        if (det[i].value == NULL)
            return TW_ENOMEM;
    }
    f.details = det;
    f.ndetails = nd;
    if (f.rule == NULL || f.title == NULL || f.message == NULL || f.remediation == NULL ||
        (file != NULL && f.file == NULL))
        return TW_ENOMEM;
    return tw_findings_push(d->out, &f);
}

const tw_ioc *tw__drift_ioc(const tw__drift *d, const tw_fact *f)
{
    if (d->o == NULL || d->o->iocs == NULL)
        return NULL;
    for (uint32_t i = 0; i < f->nfields; i++) {
        const tw_ioc *hit;
        if (f->fields[i].type != TW_VAL_ADDR || f->fields[i].addr.plen == 0)
            continue;
        hit = tw_iocset_match_cidr(d->o->iocs, &f->fields[i].addr);
        if (hit != NULL)
            return hit;
    }
    return NULL;
}

tw_err tw_drift_diff(const tw_drift_opts *o, const char *before_file, const tw_factset *before,
                     const char *after_file, const tw_factset *after, tw_findings *out)
{
    tw__drift d = {o, before_file, after_file, before, after, out};
    tw_arena *ar = tw_arena_new(0);
    tw_err rc = ar != NULL ? TW_OK : TW_ENOMEM;

    for (size_t i = 0; i < NCLASSES && rc == TW_OK; i++)
        rc = compare_class(&d, ar, &classes[i]);
    if (rc == TW_OK)
        rc = tw__drift_acls(&d);
    tw_arena_free(ar);
    return rc;
}

tw_err tw_drift_device(const tw_drift_opts *o, const char *file, const tw_factset *fs, bool added,
                       tw_findings *out)
{
    static const char *const att[] = {"T1018"};
    tw_factset none;
    tw__drift d = {o, added ? NULL : file, added ? file : NULL, fs, fs, out};
    tw__drift_change c = {
        .id = "DEVICE",
        .label = "device",
        .kind = added ? TW__CH_ADDED : TW__CH_REMOVED,
        .sev = added ? TW_SEV_INFO : TW_SEV_LOW,
        .summary = "",
        .remediation = added
                           ? "Check that this device was meant to join the configuration backups, "
                             "and audit its configuration (tidewatch audit)."
                           : "Check why this device's configuration is no longer backed up: "
                             "a device that stops reporting may be one an intruder controls.",
        .attack = att,
        .nattack = 1,
    };
    char host[256];
    int n;

    memset(&none, 0, sizeof(none));
    none.hostname = TW_STR_NULL;
    if (added)
        d.b = &none;
    else
        d.a = &none;
    n = snprintf(host, sizeof(host), "%.*s", (int)(fs->hostname.len < 255 ? fs->hostname.len : 255),
                 fs->hostname.ptr);
    c.object = n > 0 ? host : "";
    c.message =
        added
            ? tw_arena_printf(out->arena,
                              "device %s is new: no earlier configuration of it was given",
                              n > 0 ? host : "(no hostname)")
            : tw_arena_printf(out->arena, "device %s has no configuration any more (it was in %s)",
                              n > 0 ? host : "(no hostname)", file ? file : "-");
    if (c.message == NULL)
        return TW_ENOMEM;
    return tw__drift_emit(&d, &c);
}
