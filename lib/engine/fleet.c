/*
 * fleet.c: outliers (fleet.h): values of a setting that few devices hold
 * while most of their peers share another, or that the baseline lacks.
 *
 * Adding a device copies the values of the settings below, with their
 * lines and evidence, into the fleet's arena.  Without a baseline the
 * analysis sorts every value by (dialect family, role, setting, value,
 * device) once; then each run of one setting in one peer group is counted
 * by distinct devices, and the rare values of a setting with a clear
 * majority become findings.  With a baseline it sorts twice: by (baseline
 * device paired by hostname, setting, value) to diff each device with its
 * own reference, then with the baseline's values first, by (family,
 * setting, value, role), so that a device the baseline does not have can
 * look each of its values up among its peers' in logarithmic time.
 * The values themselves are composed in fleet_value.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/facttext.h"
#include "engine/fleet_int.h"
#include "tidewatch/fleet.h"
#include "tidewatch/limits.h"

/* How a fact becomes a value: a field, or several fields composed
 * (fleet_int.h). */
typedef enum {
    V_FIELD,     /* the field, as text */
    V_ACL,       /* list: action protocol src [src_port] dst [dst_port] */
    V_PEER,      /* address [remote-as N] [peer-group G] [vrf V] [authenticated] */
    V_BINDING,   /* interface in|out list: one value per acl_in or acl_out field */
    V_ROUTE_MAP, /* name permit|deny seq: match ...; set ... */
    V_PREFIX,    /* name [seq N] permit|deny prefix [ge X] [le Y] */
} value_form;

/* Rule ids of a setting: a fleet outlier, and against the baseline a
 * value added or removed. */
#define IDS(x) "TW-OUTLIER-" x, "TW-BASELINE-" x, "TW-BASELINE-" x "-REMOVED"
/* A setting compared with the device's own baseline only: its values are
 * particular to each device (addresses of its neighbours, its ACLs), so a
 * count over the fleet would say nothing. */
#define OWN_IDS(x) NULL, "TW-BASELINE-" x, "TW-BASELINE-" x "-REMOVED"

/* The settings compared.  Severities: as a fleet outlier, added since the
 * baseline, removed since it (docs/fleet.md says why). */
static const struct dim {
    tw_fact_kind kind;
    value_form form;
    const char *field;   /* V_FIELD: the field */
    const char *service; /* service facts: the name; NULL for other kinds */
    const char *label;
    const char *rule, *added, *removed;
    tw_severity sev, added_sev, removed_sev;
} dims[] = {
    {TW_FACT_AAA_SERVER, V_FIELD, "address", NULL, "AAA server", IDS("AAA-SERVER"), TW_SEV_HIGH,
     TW_SEV_HIGH, TW_SEV_LOW},
    {TW_FACT_LOGGING_HOST, V_FIELD, "address", NULL, "logging host", IDS("LOGGING-HOST"),
     TW_SEV_MEDIUM, TW_SEV_MEDIUM, TW_SEV_MEDIUM},
    {TW_FACT_NTP_SERVER, V_FIELD, "address", NULL, "NTP server", IDS("NTP-SERVER"), TW_SEV_LOW,
     TW_SEV_LOW, TW_SEV_LOW},
    {TW_FACT_SNMP_HOST, V_FIELD, "address", NULL, "SNMP host", IDS("SNMP-HOST"), TW_SEV_MEDIUM,
     TW_SEV_MEDIUM, TW_SEV_LOW},
    {TW_FACT_TUNNEL, V_FIELD, "destination", NULL, "tunnel peer", IDS("TUNNEL-PEER"), TW_SEV_MEDIUM,
     TW_SEV_HIGH, TW_SEV_LOW},
    {TW_FACT_MIRROR_SESSION, V_FIELD, "destination", NULL, "mirror destination", IDS("MIRROR-DEST"),
     TW_SEV_HIGH, TW_SEV_HIGH, TW_SEV_LOW},
    {TW_FACT_LOCAL_USER, V_FIELD, "name", NULL, "local user", IDS("LOCAL-USER"), TW_SEV_HIGH,
     TW_SEV_HIGH, TW_SEV_LOW},
    {TW_FACT_SERVICE, V_FIELD, "port", "ssh", "SSH port", IDS("SSH-PORT"), TW_SEV_HIGH, TW_SEV_HIGH,
     TW_SEV_LOW},
    {TW_FACT_SERVICE, V_FIELD, "port", "http", "HTTP port", IDS("HTTP-PORT"), TW_SEV_MEDIUM,
     TW_SEV_MEDIUM, TW_SEV_LOW},
    {TW_FACT_SERVICE, V_FIELD, "port", "https", "HTTPS port", IDS("HTTP-PORT"), TW_SEV_MEDIUM,
     TW_SEV_MEDIUM, TW_SEV_LOW},
    {TW_FACT_SCRIPT, V_FIELD, "name", NULL, "script", IDS("SCRIPT"), TW_SEV_MEDIUM, TW_SEV_HIGH,
     TW_SEV_LOW},
    /* a fingerprint with this run's key: compared, never shown */
    {TW_FACT_SNMP_COMMUNITY, V_FIELD, "fingerprint", NULL, "SNMP community", IDS("SNMP-COMMUNITY"),
     TW_SEV_MEDIUM, TW_SEV_MEDIUM, TW_SEV_LOW},
    /* a permit: medium, high to or from a public address or any (acl_sev) */
    {TW_FACT_ACL_ENTRY, V_ACL, NULL, NULL, "ACL entry", OWN_IDS("ACL-ENTRY"), TW_SEV_INFO,
     TW_SEV_MEDIUM, TW_SEV_LOW},
    {TW_FACT_ROUTING_PEER, V_PEER, NULL, NULL, "BGP neighbour", OWN_IDS("BGP-PEER"), TW_SEV_INFO,
     TW_SEV_MEDIUM, TW_SEV_LOW},
    /* a filter taken off an interface: high, medium when another list took
     * its place (change_sev) */
    {TW_FACT_INTERFACE, V_BINDING, NULL, NULL, "interface ACL", OWN_IDS("INTERFACE-ACL"),
     TW_SEV_INFO, TW_SEV_LOW, TW_SEV_HIGH},
    {TW_FACT_ROUTE_MAP, V_ROUTE_MAP, NULL, NULL, "route-map entry", OWN_IDS("ROUTE-MAP"),
     TW_SEV_INFO, TW_SEV_MEDIUM, TW_SEV_LOW},
    {TW_FACT_PREFIX_LIST, V_PREFIX, NULL, NULL, "prefix-list entry", OWN_IDS("PREFIX-LIST"),
     TW_SEV_INFO, TW_SEV_MEDIUM, TW_SEV_LOW},
};

#define NDIMS (sizeof(dims) / sizeof(dims[0]))
/* Dialect families: the tw_dialect values. */
#define NFAMILIES (TW_DIALECT_PANOS + 1)

typedef struct {
    const char *host, *file;
    const char *key; /* pairs a device with its baseline: hostname, or the file's base name */
    uint8_t family;  /* IOS XE counts as IOS: one configuration language */
    uint16_t role;   /* role id + 1; 0: none */
    bool base;       /* a baseline device */
    bool cut;        /* some of its values were left out (TW_FLEET_MAX_VALUES) */
    int32_t pair;    /* with a baseline: the pair group of its key, or -1 */
} device;

/* One value of one device.  The device's family, role and pair are kept
 * here too, so that sorting needs no context. */
typedef struct {
    uint32_t dev;
    int32_t pair;
    uint16_t role;
    uint8_t family, dim, flags;
    bool base;
    uint32_t line;
    const char *value, *evidence;
} entry;

struct tw_fleet {
    pthread_mutex_t mu;
    tw_arena *arena;
    const tw_policy *roles; /* borrowed, or NULL */
    device *dv;
    size_t ndev, capdev, nbase;
    entry *ev;
    size_t nent, capent;
    bool sealed; /* an audited device was added: no more baseline devices */
    bool cut;    /* a value was left out */
};

tw_fleet *tw_fleet_new(void)
{
    tw_fleet *f = calloc(1, sizeof(*f));

    if (!f)
        return NULL;
    f->arena = tw_arena_new(TW_LIMIT_ARENA);
    if (!f->arena || pthread_mutex_init(&f->mu, NULL) != 0) {
        tw_arena_free(f->arena);
        free(f);
        return NULL;
    }
    return f;
}

void tw_fleet_free(tw_fleet *f)
{
    if (!f)
        return;
    pthread_mutex_destroy(&f->mu);
    tw_arena_free(f->arena);
    free(f->dv);
    free(f->ev);
    free(f);
}

void tw_fleet_set_roles(tw_fleet *f, const tw_policy *p)
{
    f->roles = p;
}

size_t tw_fleet_count(const tw_fleet *f)
{
    return f ? f->ndev : 0;
}

size_t tw_fleet_baseline_count(const tw_fleet *f)
{
    return f ? f->nbase : 0;
}

/* Room for one more item of size sz in *v (n used, *cap allocated). */
static tw_err room(void **v, size_t n, size_t *cap, size_t sz, size_t max)
{
    size_t c = *cap ? *cap * 2 : 64;
    void *w;

    if (n < *cap)
        return TW_OK;
    if (n >= max)
        return TW_ELIMIT;
    w = realloc(*v, c * sz);
    if (!w)
        return TW_ENOMEM;
    *v = w;
    *cap = c;
    return TW_OK;
}

/* True when fact t is of setting d. */
static bool of_dim(const tw_fact *t, const struct dim *d)
{
    const tw_field *n;

    if (t->kind != d->kind)
        return false;
    if (!d->service)
        return true;
    n = tw_fact_get(t, "name");
    return n && n->type == TW_VAL_STR && tw_str_eq_c(n->str, d->service);
}

/* Collecting. */

/* Fills e's value, line and evidence from fact t of setting d (but
 * V_BINDING); false when t gives no value (or memory ran out: *oom). */
static bool take_value(tw_arena *a, const struct dim *d, const tw_fact *t, entry *e, bool *oom)
{
    const tw_field *x = d->form == V_FIELD ? tw_fact_get(t, d->field) : NULL;
    tw_str ev = x && x->line ? x->evidence : t->evidence;

    e->flags = 0;
    if (d->form == V_ACL)
        e->value = tw__fleet_acl_value(a, t, &e->flags);
    else if (d->form == V_PEER)
        e->value = tw__fleet_peer_value(a, t);
    else if (d->form == V_ROUTE_MAP)
        e->value = tw__fleet_route_map_value(a, t);
    else if (d->form == V_PREFIX)
        e->value = tw__fleet_prefix_value(a, t);
    else
        e->value = x ? tw__fleet_field_value(a, x) : NULL;
    if (!e->value)
        return false;
    e->line = x && x->line ? x->line : t->line;
    e->evidence = tw_arena_strndup(a, ev.ptr, ev.len);
    *oom = !e->evidence;
    return !*oom;
}

/* Appends e to the values. */
static tw_err push(tw_fleet *f, const entry *e)
{
    tw_err rc = room((void **)&f->ev, f->nent, &f->capent, sizeof(*f->ev), TW_FLEET_MAX_VALUES);

    if (rc == TW_OK)
        f->ev[f->nent++] = *e;
    return rc;
}

/* The ACL bindings of interface t: a value each, at the line of its own
 * statement. */
static tw_err take_bindings(tw_fleet *f, const tw_fact *t, entry *e)
{
    tw_err rc = TW_OK;

    for (uint32_t i = 0; i < t->nfields && rc == TW_OK; i++) {
        const tw_field *x = &t->fields[i];
        tw_str ev = x->line ? x->evidence : t->evidence;

        if ((strcmp(x->name, "acl_in") != 0 && strcmp(x->name, "acl_out") != 0) || x->str.len == 0)
            continue;
        e->value = tw__fleet_binding_value(f->arena, t, x);
        e->line = x->line ? x->line : t->line;
        e->evidence = tw_arena_strndup(f->arena, ev.ptr, ev.len);
        rc = e->value && e->evidence ? push(f, e) : TW_ENOMEM;
    }
    return rc;
}

/* The values of one fact, for every setting it is of. */
_Static_assert(TW__FACT_KIND_COUNT <= 64, "a fact kind is a bit of a uint64_t");

/* The fact kinds some setting compared here reads (a bit per kind): those
 * of the device's own settings only with a baseline. */
static uint64_t compared_kinds(const tw_fleet *f)
{
    uint64_t m = 0;

    for (size_t k = 0; k < NDIMS; k++) {
        if (dims[k].rule || f->nbase > 0)
            m |= (uint64_t)1 << dims[k].kind;
    }
    return m;
}

static tw_err add_fact(tw_fleet *f, uint32_t dev, uint64_t kinds, const tw_fact *t)
{
    device *dv = &f->dv[dev];
    tw_err rc = TW_OK;

    /* a default the dialect implies is no choice of the device; most facts
     * (ACL entries, addresses) are of kinds no setting reads */
    if (t->line == 0 || (kinds & ((uint64_t)1 << t->kind)) == 0)
        return TW_OK;
    for (size_t k = 0; k < NDIMS && rc == TW_OK; k++) {
        entry e = {.dev = dev,
                   .pair = -1,
                   .role = dv->role,
                   .family = dv->family,
                   .dim = (uint8_t)k,
                   .base = dv->base};
        bool oom = false;

        if ((!dims[k].rule && f->nbase == 0) || !of_dim(t, &dims[k]))
            continue; /* a device's own settings mean something only against its baseline */
        if (dims[k].form == V_BINDING)
            rc = take_bindings(f, t, &e);
        else if (take_value(f->arena, &dims[k], t, &e, &oom))
            rc = push(f, &e);
        else
            rc = oom ? TW_ENOMEM : TW_OK;
    }
    return rc;
}

/* The file's base name. */
static const char *base_name(const char *file)
{
    const char *s = strrchr(file, '/');

    return s ? s + 1 : file;
}

static tw_err add_locked(tw_fleet *f, const char *file, const tw_factset *fs, bool base)
{
    uint64_t kinds;
    device *d;
    tw_err rc = room((void **)&f->dv, f->ndev, &f->capdev, sizeof(*f->dv), UINT32_MAX);

    if (rc != TW_OK)
        return rc;
    d = &f->dv[f->ndev];
    memset(d, 0, sizeof(*d));
    d->file = tw_arena_strdup(f->arena, file);
    d->host =
        fs->hostname.len ? tw_arena_strndup(f->arena, fs->hostname.ptr, fs->hostname.len) : d->file;
    if (!d->file || !d->host)
        return TW_ENOMEM;
    d->key = fs->hostname.len ? d->host : base_name(d->file);
    d->family = (uint8_t)(fs->dialect == TW_DIALECT_IOSXE ? TW_DIALECT_IOS : fs->dialect);
    d->role = (uint16_t)(tw_policy_role(f->roles, fs->hostname) + 1);
    d->base = base;
    d->pair = -1;
    f->nbase += base;
    kinds = compared_kinds(f);
    for (size_t i = 0; i < fs->n && rc == TW_OK; i++)
        rc = add_fact(f, (uint32_t)f->ndev, kinds, &fs->v[i]);
    d->cut = rc == TW_ELIMIT;
    f->cut |= d->cut;
    f->ndev++;
    return rc;
}

tw_err tw_fleet_add(tw_fleet *f, const char *file, const tw_factset *fs)
{
    tw_err rc;

    pthread_mutex_lock(&f->mu);
    f->sealed = true;
    rc = add_locked(f, file, fs, false);
    pthread_mutex_unlock(&f->mu);
    return rc;
}

tw_err tw_fleet_add_baseline(tw_fleet *f, const char *file, const tw_factset *fs)
{
    tw_err rc = TW_EINVAL;

    pthread_mutex_lock(&f->mu);
    if (!f->sealed)
        rc = add_locked(f, file, fs, true);
    pthread_mutex_unlock(&f->mu);
    return rc;
}

/* Words of findings. */

/* How a value is written in a finding: a secret's fingerprint (keyed for
 * this run only) as a phrase, so that output does not change from run to
 * run. */
static const char *shown(const struct dim *d, const char *value)
{
    return d->field && strcmp(d->field, "fingerprint") == 0 ? "(a community string)" : value;
}

/* The peer group of a device in words: "ios", or "ios pe" with a role. */
static const char *group_name(const tw_fleet *f, tw_arena *a, uint8_t family, uint16_t role)
{
    const char *fam = tw_dialect_name((tw_dialect)family);

    if (role == 0)
        return fam;
    return tw_arena_printf(a, "%s %s", fam, tw_policy_role_name(f->roles, role - 1));
}

/* "NTP server not in the baseline": the label with a capital, then tail. */
static const char *title(tw_arena *a, const struct dim *d, const char *tail)
{
    char *t = tw_arena_printf(a, "%s %s", d->label, tail);

    if (t && t[0] >= 'a' && t[0] <= 'z')
        t[0] = (char)(t[0] - 'a' + 'A');
    return t;
}

/* Fills the parts of fd every finding here has; false on ENOMEM. */
static bool finding_base(tw_finding *fd, const char *rule, tw_severity sev, const device *dv,
                         const char *ttl, const char *evidence, tw_detail *det, size_t ndet)
{
    fd->rule = rule;
    fd->severity = sev;
    fd->category = TW_CAT_OUTLIER;
    fd->title = ttl;
    fd->file = dv->file;
    fd->device = dv->host;
    fd->evidence = evidence;
    fd->details = det;
    fd->ndetails = ndet;
    for (size_t i = 0; i < ndet; i++) {
        if (!det[i].value)
            return false;
    }
    return ttl && det;
}

/* Statistics over the fleet. */

/* Devices per (family, role): counts[family * (nroles + 1) + role] of
 * the baseline devices (base) or the others. */
static size_t *group_counts(const tw_fleet *f, bool base, size_t *stride)
{
    size_t *c;

    *stride = tw_policy_nroles(f->roles) + 1;
    c = calloc(NFAMILIES * *stride, sizeof(*c));
    for (size_t i = 0; c && i < f->ndev; i++) {
        if (f->dv[i].base == base && f->dv[i].family < NFAMILIES)
            c[f->dv[i].family * *stride + f->dv[i].role]++;
    }
    return c;
}

static int value_cmp(const entry *a, const entry *b)
{
    int c = strcmp(a->value, b->value);

    if (c != 0)
        return c;
    return a->dev < b->dev ? -1 : a->dev > b->dev;
}

static int group_cmp(const void *x, const void *y)
{
    const entry *a = x, *b = y;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    if (a->role != b->role)
        return a->role < b->role ? -1 : 1;
    if (a->dim != b->dim)
        return a->dim < b->dim ? -1 : 1;
    return value_cmp(a, b);
}

/* Distinct devices in ev[a, b), sorted by value then device: per value
 * its count, in *per (one slot per entry, at the value's first); returns
 * the distinct devices of the whole run (seen: one flag per device). */
static size_t count_devices(const entry *ev, size_t a, size_t b, size_t *per, uint8_t *seen)
{
    size_t m = 0, first = a;

    for (size_t i = a; i < b; i++) {
        bool new_value = i == a || strcmp(ev[i].value, ev[i - 1].value) != 0;

        if (new_value) {
            first = i;
            per[first] = 0;
        }
        if (new_value || ev[i].dev != ev[i - 1].dev)
            per[first]++;
        m += !seen[ev[i].dev];
        seen[ev[i].dev] = 1;
    }
    for (size_t i = a; i < b; i++)
        seen[ev[i].dev] = 0;
    return m;
}

/* One fleet outlier: the rare value at entry e, on c of the m devices of
 * the n in its group that set one, while ntop hold top's value. */
static tw_err emit_rare(const tw_fleet *f, const entry *e, size_t c, size_t m, size_t n,
                        const entry *top, size_t ntop, tw_findings *out)
{
    const struct dim *d = &dims[e->dim];
    const device *dv = &f->dv[e->dev];
    tw_arena *a = out->arena;
    size_t ndet = e->role ? 5 : 4;
    tw_detail *det = tw_arena_alloc(a, 5 * sizeof(*det));
    const char *grp = group_name(f, a, e->family, e->role);
    const char *value = shown(d, e->value), *common = shown(d, top->value);
    /* with roles, the devices of none are a group of their own: say so */
    const char *rest = !e->role && tw_policy_nroles(f->roles) ? " of no role" : "";
    tw_finding fd = {0};

    if (!det || !grp)
        return TW_ENOMEM;
    det[0] = (tw_detail){"value", value};
    det[1] = (tw_detail){"devices_with_value", tw_arena_printf(a, "%zu", c)};
    det[2] = (tw_detail){"devices_with_setting", tw_arena_printf(a, "%zu", m)};
    det[3] = (tw_detail){"common_value", common};
    det[4] = (tw_detail){"role", e->role ? tw_policy_role_name(f->roles, e->role - 1) : ""};
    fd.line = e->line;
    fd.message = tw_arena_printf(a,
                                 "%s %s is on %zu of %zu %s devices%s that set one (%zu in the "
                                 "fleet); %zu use %s",
                                 d->label, value, c, m, grp, rest, n, ntop, common);
    fd.remediation =
        tw_arena_printf(a, "Check that %s %s on %s is approved: most %s devices%s use %s.",
                        d->label, value, dv->host, grp, rest, common);
    if (!finding_base(&fd, d->rule, d->sev, dv,
                      tw_arena_printf(a, "Uncommon %s in the fleet", d->label), e->evidence, det,
                      ndet) ||
        !fd.message || !fd.remediation)
        return TW_ENOMEM;
    return tw_findings_push(out, &fd);
}

/* The rare values of one setting in one peer group: ev[a, b) of the n
 * devices of the group. */
static tw_err analyse(const tw_fleet *f, size_t a, size_t b, size_t n, size_t *per, uint8_t *seen,
                      tw_findings *out)
{
    size_t m, top = a, rare;
    tw_err rc = TW_OK;

    if (n < TW_FLEET_MIN_DEVICES)
        return TW_OK;
    m = count_devices(f->ev, a, b, per, seen);
    for (size_t i = a; i < b; i++) {
        if ((i == a || strcmp(f->ev[i].value, f->ev[i - 1].value) != 0) && per[i] > per[top])
            top = i;
    }
    rare = m / 10 > 1 ? m / 10 : 1;
    if (m < TW_FLEET_MIN_DEVICES || per[top] * 2 < m)
        return TW_OK; /* too few to compare, or no clear majority: nothing stands out */
    for (size_t i = a, first = a; i < b && rc == TW_OK; i++) {
        if (i == a || strcmp(f->ev[i].value, f->ev[i - 1].value) != 0)
            first = i;
        if (per[first] <= rare && strcmp(f->ev[i].value, f->ev[top].value) != 0)
            rc = emit_rare(f, &f->ev[i], per[first], m, n, &f->ev[top], per[top], out);
    }
    return rc;
}

/* Outliers by statistics over each peer group. */
static tw_err statistics(tw_fleet *f, tw_findings *out)
{
    size_t stride, *per = calloc(f->nent ? f->nent : 1, sizeof(*per));
    size_t *count = group_counts(f, false, &stride);
    uint8_t *seen = calloc(f->ndev ? f->ndev : 1, 1);
    tw_err rc = per && seen && count ? TW_OK : TW_ENOMEM;

    if (rc == TW_OK && f->nent > 0) /* qsort wants a pointer even for no items */
        qsort(f->ev, f->nent, sizeof(*f->ev), group_cmp);
    for (size_t a = 0, b; a < f->nent && rc == TW_OK; a = b) {
        const entry *e = &f->ev[a];

        for (b = a + 1; b < f->nent && f->ev[b].family == e->family && f->ev[b].role == e->role &&
                        f->ev[b].dim == e->dim;)
            b++;
        if (dims[e->dim].rule != NULL && e->family < NFAMILIES)
            rc = analyse(f, a, b, count[e->family * stride + e->role], per, seen, out);
    }
    free(per);
    free(seen);
    free(count);
    return rc;
}

/* The baseline: each device against its own reference. */

typedef struct {
    const char *key;
    uint32_t dev;
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
    return strcasecmp(((const keyed *)x)->key, ((const keyed *)y)->key);
}

/* The pairs: every baseline device gets the group of its key (pair), and
 * every other device the group of the same key among them, or -1.  *first
 * receives, per group, its first baseline device; returns the number of
 * groups, or -1 on ENOMEM. */
static long pair_devices(tw_fleet *f, uint32_t **first)
{
    keyed *k = calloc(f->nbase ? f->nbase : 1, sizeof(*k));
    long ng = 0;

    *first = calloc(f->nbase ? f->nbase : 1, sizeof(**first));
    if (!k || !*first) {
        free(k);
        return -1;
    }
    for (size_t i = 0, n = 0; i < f->ndev; i++) {
        if (f->dv[i].base)
            k[n++] = (keyed){f->dv[i].key, (uint32_t)i};
    }
    qsort(k, f->nbase, sizeof(*k), keyed_cmp);
    for (size_t i = 0; i < f->nbase; i++) {
        if (i == 0 || keyed_cmp(&k[i], &k[i - 1]) != 0)
            (*first)[ng++] = k[i].dev;
        f->dv[k[i].dev].pair = (int32_t)(ng - 1);
    }
    for (size_t i = 0; i < f->ndev; i++) {
        keyed want = {f->dv[i].key, 0};
        const keyed *hit =
            f->dv[i].base ? NULL : bsearch(&want, k, f->nbase, sizeof(*k), keyed_cmp);

        if (hit)
            f->dv[i].pair = f->dv[hit->dev].pair;
    }
    free(k);
    return ng;
}

static int pair_cmp(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c;

    if (a->pair != b->pair)
        return a->pair < b->pair ? -1 : 1;
    if (a->dim != b->dim)
        return a->dim < b->dim ? -1 : 1;
    c = strcmp(a->value, b->value);
    if (c != 0)
        return c;
    if (a->base != b->base)
        return a->base ? -1 : 1; /* the baseline's entries first */
    return a->dev < b->dev ? -1 : a->dev > b->dev;
}

/* True when the scope of setting d is a value's first word: a BGP
 * neighbour's address, a route map's or prefix list's name. */
static bool first_word_scope(const struct dim *d)
{
    return d->form == V_PEER || d->form == V_ROUTE_MAP || d->form == V_PREFIX;
}

/* Length of the part of a value that the values listed beside it share:
 * an ACL entry's list ("102: "), an ACL binding's interface and direction
 * ("Gi0/0 in "), the first word (first_word_scope); 0 for other settings,
 * whose values are all listed. */
static size_t scope_len(const struct dim *d, const char *value)
{
    const char *s;

    if (first_word_scope(d))
        return strcspn(value, " ");
    if (d->form == V_ACL) {
        s = strstr(value, ": ");
        return s ? (size_t)(s - value) + 2 : 0;
    }
    if (d->form == V_BINDING) {
        s = strrchr(value, ' ');
        return s ? (size_t)(s - value) + 1 : 0;
    }
    return 0;
}

/* True when value lies in the scope of like (sl: scope_len of like). */
static bool in_scope(const struct dim *d, const char *value, const char *like, size_t sl)
{
    if (strncmp(value, like, sl) != 0)
        return false;
    if (d->form == V_BINDING)
        return strchr(value + sl, ' ') == NULL;
    return !first_word_scope(d) || value[sl] == ' ' || value[sl] == '\0';
}

/* What values_of says when the scope holds no value. */
static const char *no_values(const struct dim *d)
{
    switch (d->form) {
    case V_ACL:
        return "no entry in that list";
    case V_PEER:
        return "no neighbour at that address";
    case V_BINDING:
        return "no ACL on that interface in that direction";
    case V_ROUTE_MAP:
        return "no entry in that route map";
    case V_PREFIX:
        return "no entry in that prefix list";
    default:
        return "none";
    }
}

/* The values shown beside a change: at most this many, then a count. */
#define SHOWN_VALUES 3

/* The distinct values in ev[a, b) (one setting of one pair, sorted by
 * value) of the baseline (base) or of device dev, in the scope of like, as
 * "x, y, z and 4 more", or no_values; their number in *count. */
static const char *values_of(const tw_fleet *f, tw_arena *a, size_t from, size_t to, bool base,
                             uint32_t dev, const entry *like, size_t *count)
{
    const struct dim *d = &dims[like->dim];
    size_t sl = scope_len(d, like->value), n = 0;
    const char *prev = NULL;
    tw__text s;
    tw__text_init(&s);

    for (size_t i = from; i < to; i++) {
        const entry *e = &f->ev[i];

        if (e->base != base || (!base && e->dev != dev) ||
            !in_scope(d, e->value, like->value, sl) || (prev && strcmp(prev, e->value) == 0))
            continue;
        prev = e->value;
        if (n++ < SHOWN_VALUES)
            tw__text_put(&s, n > 1 ? ", " : "", shown(d, e->value), strlen(shown(d, e->value)));
    }
    *count = n;
    if (n > SHOWN_VALUES)
        return tw_arena_printf(a, "%s and %zu more", s.b, n - SHOWN_VALUES);
    return n ? tw_arena_strndup(a, s.b, s.n) : no_values(d);
}

/* The severity of a change at e, after which the device has left values
 * in its scope: an ACL entry's depends on its action and reach (a permit
 * added: medium, high to or from public space; a deny removed: medium;
 * else low); an ACL binding removed is medium when another list took its
 * place. */
static tw_severity change_sev(const struct dim *d, const entry *e, bool added, size_t left)
{
    if (d->form == V_BINDING && !added && left > 0)
        return TW_SEV_MEDIUM;
    if (d->form != V_ACL)
        return added ? d->added_sev : d->removed_sev;
    if (added && (e->flags & TW__FLEET_PERMIT))
        return e->flags & TW__FLEET_PUBLIC ? TW_SEV_HIGH : TW_SEV_MEDIUM;
    return added || (e->flags & TW__FLEET_PERMIT) ? TW_SEV_LOW : TW_SEV_MEDIUM;
}

/* A value device e->dev has and its baseline ref lacks; ev[from, to) is
 * the setting of their pair. */
static tw_err emit_added(const tw_fleet *f, const entry *e, const device *ref, size_t from,
                         size_t to, tw_findings *out)
{
    const struct dim *d = &dims[e->dim];
    const device *dv = &f->dv[e->dev];
    tw_arena *a = out->arena;
    tw_detail *det = tw_arena_alloc(a, 4 * sizeof(*det));
    const char *value = shown(d, e->value);
    size_t nhas;
    const char *has = values_of(f, a, from, to, true, 0, e, &nhas);
    tw_finding fd = {0};

    if (!det || !has)
        return TW_ENOMEM;
    det[0] = (tw_detail){"value", value};
    det[1] = (tw_detail){"baseline_device", ref->host};
    det[2] = (tw_detail){"baseline_file", ref->file};
    det[3] = (tw_detail){"baseline_values", has};
    fd.line = e->line;
    fd.message = tw_arena_printf(a, "%s %s is not in the baseline of %s; the baseline has %s",
                                 d->label, value, ref->host, has);
    fd.remediation = tw_arena_printf(a,
                                     "Check that %s %s on %s was an approved change: the "
                                     "baseline (%s) does not have it.",
                                     d->label, value, dv->host, ref->file);
    if (!finding_base(&fd, d->added, change_sev(d, e, true, 0), dv,
                      title(a, d, "not in the baseline"), e->evidence, det, 4) ||
        !fd.message || !fd.remediation)
        return TW_ENOMEM;
    return tw_findings_push(out, &fd);
}

/* A value the baseline device of b has (at entry b) and device dev lost;
 * ev[from, to) is the setting of their pair. */
static tw_err emit_removed(const tw_fleet *f, const entry *b, uint32_t dev, size_t from, size_t to,
                           tw_findings *out)
{
    const struct dim *d = &dims[b->dim];
    const device *dv = &f->dv[dev], *ref = &f->dv[b->dev];
    tw_arena *a = out->arena;
    tw_detail *det = tw_arena_alloc(a, 5 * sizeof(*det));
    const char *value = shown(d, b->value);
    size_t nnow;
    const char *now = values_of(f, a, from, to, false, dev, b, &nnow);
    tw_finding fd = {0};

    if (!det || !now)
        return TW_ENOMEM;
    det[0] = (tw_detail){"value", value};
    det[1] = (tw_detail){"baseline_device", ref->host};
    det[2] = (tw_detail){"baseline_file", ref->file};
    det[3] = (tw_detail){"baseline_line", tw_arena_printf(a, "%u", b->line)};
    det[4] = (tw_detail){"values_now", now};
    fd.message = tw_arena_printf(a,
                                 "%s %s of the baseline of %s (%s:%u) was removed; the device "
                                 "now has %s",
                                 d->label, value, ref->host, ref->file, b->line, now);
    fd.remediation = tw_arena_printf(a, "Check that removing %s %s from %s was approved.", d->label,
                                     value, dv->host);
    if (!finding_base(&fd, d->removed, change_sev(d, b, false, nnow), dv,
                      title(a, d, "removed since the baseline"), b->evidence, det, 5) ||
        !fd.message || !fd.remediation)
        return TW_ENOMEM;
    return tw_findings_push(out, &fd);
}

/* True when device dev has an entry in ev[a, b). */
static bool has_entry(const entry *ev, size_t a, size_t b, uint32_t dev)
{
    for (size_t i = a; i < b; i++) {
        if (!ev[i].base && ev[i].dev == dev)
            return true;
    }
    return false;
}

/* The devices of each pair, for the values they lost: the audited
 * devices sorted by pair, with start[g] the first of group g. */
typedef struct {
    uint32_t *dev;
    size_t *start; /* ngroups + 1 */
} members;

static bool members_build(const tw_fleet *f, long ng, members *m)
{
    m->start = calloc((size_t)ng + 2, sizeof(*m->start));
    m->dev = calloc(f->ndev ? f->ndev : 1, sizeof(*m->dev));
    if (!m->start || !m->dev)
        return false;
    for (size_t i = 0; i < f->ndev; i++) {
        if (!f->dv[i].base && f->dv[i].pair >= 0)
            m->start[f->dv[i].pair + 2]++;
    }
    for (long g = 0; g < ng; g++)
        m->start[g + 2] += m->start[g + 1];
    for (size_t i = 0; i < f->ndev; i++) {
        if (!f->dv[i].base && f->dv[i].pair >= 0)
            m->dev[m->start[f->dv[i].pair + 1]++] = (uint32_t)i;
    }
    return true;
}

/* One value run ev[v, w) inside the setting run ev[from, to) of pair g. */
static tw_err diff_value(const tw_fleet *f, size_t v, size_t w, size_t from, size_t to,
                         const uint32_t *first, const members *m, tw_findings *out)
{
    const entry *ev = f->ev;
    int32_t g = ev[v].pair;
    tw_err rc = TW_OK;

    if (!ev[v].base) { /* the baseline's entries sort first: it has none of this value */
        for (size_t i = v; i < w && rc == TW_OK; i++)
            rc = emit_added(f, &ev[i], &f->dv[first[g]], from, to, out);
        return rc;
    }
    for (size_t j = m->start[g]; j < m->start[g + 1] && rc == TW_OK; j++) {
        uint32_t dev = m->dev[j];

        if (!f->dv[dev].cut && !has_entry(ev, v, w, dev))
            rc = emit_removed(f, &ev[v], dev, from, to, out);
    }
    return rc;
}

/* Every device with a baseline device against it. */
static tw_err diff_pairs(tw_fleet *f, const uint32_t *first, long ng, tw_findings *out)
{
    members m = {NULL, NULL};
    tw_err rc = members_build(f, ng, &m) ? TW_OK : TW_ENOMEM;

    if (rc == TW_OK && f->nent > 0)
        qsort(f->ev, f->nent, sizeof(*f->ev), pair_cmp);
    for (size_t a = 0, b; a < f->nent && rc == TW_OK; a = b) {
        const entry *e = &f->ev[a];

        for (b = a + 1; b < f->nent && f->ev[b].pair == e->pair && f->ev[b].dim == e->dim;)
            b++;
        for (size_t v = a, w; v < b && e->pair >= 0 && rc == TW_OK; v = w) {
            for (w = v + 1; w < b && strcmp(f->ev[w].value, f->ev[v].value) == 0;)
                w++;
            rc = diff_value(f, v, w, a, b, first, &m, out);
        }
    }
    free(m.dev);
    free(m.start);
    return rc;
}

/* The baseline: a device it does not have, against its peers there. */

/* Baseline entries first, then by family, setting, value, role. */
static int lookup_cmp(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c;

    if (a->base != b->base)
        return a->base ? -1 : 1;
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    if (a->dim != b->dim)
        return a->dim < b->dim ? -1 : 1;
    c = strcmp(a->value, b->value);
    if (c != 0)
        return c;
    if (a->role != b->role)
        return a->role < b->role ? -1 : 1;
    return a->dev < b->dev ? -1 : a->dev > b->dev;
}

/* True when a baseline entry of ev[0, nbase) has e's family, setting and
 * value, and e's role unless any_role. */
static bool in_baseline(const entry *ev, size_t nbase, const entry *e, bool any_role)
{
    size_t lo = 0, hi = nbase;
    entry key = *e;

    key.base = true;
    key.role = any_role ? 0 : e->role;
    key.dev = 0;
    while (lo < hi) { /* the first entry not before key */
        size_t mid = lo + (hi - lo) / 2;

        if (lookup_cmp(&ev[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < nbase && ev[lo].family == e->family && ev[lo].dim == e->dim &&
           strcmp(ev[lo].value, e->value) == 0 && (any_role || ev[lo].role == e->role);
}

/* A value of device e->dev that none of the peers baseline devices of its
 * group (family and role; role 0: the family) holds. */
static tw_err emit_new(const tw_fleet *f, const entry *e, uint16_t role, size_t peers,
                       tw_findings *out)
{
    const struct dim *d = &dims[e->dim];
    const device *dv = &f->dv[e->dev];
    tw_arena *a = out->arena;
    tw_detail *det = tw_arena_alloc(a, 3 * sizeof(*det));
    const char *grp = group_name(f, a, e->family, role);
    const char *value = shown(d, e->value);
    tw_finding fd = {0};

    if (!det || !grp)
        return TW_ENOMEM;
    det[0] = (tw_detail){"value", value};
    det[1] = (tw_detail){"baseline_devices", tw_arena_printf(a, "%zu", peers)};
    det[2] = (tw_detail){"role", role ? tw_policy_role_name(f->roles, role - 1) : ""};
    fd.line = e->line;
    fd.message = tw_arena_printf(a,
                                 "%s %s is on no %s device of the baseline (%zu in it; %s is "
                                 "not one of them)",
                                 d->label, value, grp, peers, dv->host);
    fd.remediation = tw_arena_printf(a,
                                     "Check that %s %s on %s is approved: no %s device of the "
                                     "baseline uses it.",
                                     d->label, value, dv->host, grp);
    if (!finding_base(&fd, d->added, change_sev(d, e, true, 0), dv,
                      title(a, d, "not in the baseline"), e->evidence, det, role ? 3 : 2) ||
        !fd.message || !fd.remediation)
        return TW_ENOMEM;
    return tw_findings_push(out, &fd);
}

/* Every device without a baseline device of its own. */
static tw_err diff_new(tw_fleet *f, tw_findings *out)
{
    size_t stride, nbase = 0, *count = group_counts(f, true, &stride);
    tw_err rc = count ? TW_OK : TW_ENOMEM;

    if (rc == TW_OK && f->nent > 0)
        qsort(f->ev, f->nent, sizeof(*f->ev), lookup_cmp);
    while (nbase < f->nent && f->ev[nbase].base)
        nbase++;
    for (size_t i = nbase; i < f->nent && rc == TW_OK; i++) {
        const entry *e = &f->ev[i];
        size_t fam = 0, own = 0;

        if (e->pair >= 0 || !dims[e->dim].rule || e->family >= NFAMILIES)
            continue; /* paired, or a setting only the device's own baseline can judge */
        own = count[e->family * stride + e->role];
        for (size_t r = 0; r < stride; r++)
            fam += count[e->family * stride + r];
        if (e->role && own > 0 && !in_baseline(f->ev, nbase, e, false))
            rc = emit_new(f, e, e->role, own, out);
        else if ((!e->role || own == 0) && fam > 0 && !in_baseline(f->ev, nbase, e, true))
            rc = emit_new(f, e, 0, fam, out);
    }
    free(count);
    return rc;
}

static tw_err against_baseline(tw_fleet *f, tw_findings *out)
{
    uint32_t *first = NULL;
    long ng = pair_devices(f, &first);
    tw_err rc = ng < 0 ? TW_ENOMEM : TW_OK;

    for (size_t i = 0; rc == TW_OK && i < f->nent; i++)
        f->ev[i].pair = f->dv[f->ev[i].dev].pair;
    if (rc == TW_OK)
        rc = diff_pairs(f, first, ng, out);
    if (rc == TW_OK)
        rc = diff_new(f, out);
    free(first);
    return rc;
}

tw_err tw_fleet_outliers(tw_fleet *f, tw_findings *out)
{
    tw_err rc = f->nbase > 0 ? against_baseline(f, out) : statistics(f, out);

    return rc == TW_OK && f->cut ? TW_ELIMIT : rc;
}
