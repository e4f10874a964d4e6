/*
 * fleet.c: outliers (fleet.h): values of a setting that few devices hold
 * while most of their peers share another.
 *
 * Adding a device copies the values of the settings below, with their
 * lines and evidence, into the fleet's arena.  The analysis sorts every
 * value by (dialect family, setting, value, device) once; then each run
 * of one setting in one family is counted by distinct devices, and the
 * rare values of a setting with a clear majority become findings.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidewatch/fleet.h"
#include "tidewatch/limits.h"

/* The settings compared: a fact kind, its field, and for services the
 * service name. */
static const struct dim {
    tw_fact_kind kind;
    const char *field;
    const char *service; /* service facts: the name; NULL for other kinds */
    const char *label;
    const char *rule;
    tw_severity sev;
} dims[] = {
    {TW_FACT_AAA_SERVER, "address", NULL, "AAA server", "TW-OUTLIER-AAA-SERVER", TW_SEV_HIGH},
    {TW_FACT_LOGGING_HOST, "address", NULL, "logging host", "TW-OUTLIER-LOGGING-HOST",
     TW_SEV_MEDIUM},
    {TW_FACT_NTP_SERVER, "address", NULL, "NTP server", "TW-OUTLIER-NTP-SERVER", TW_SEV_LOW},
    {TW_FACT_SNMP_HOST, "address", NULL, "SNMP host", "TW-OUTLIER-SNMP-HOST", TW_SEV_MEDIUM},
    {TW_FACT_TUNNEL, "destination", NULL, "tunnel peer", "TW-OUTLIER-TUNNEL-PEER", TW_SEV_MEDIUM},
    {TW_FACT_MIRROR_SESSION, "destination", NULL, "mirror destination", "TW-OUTLIER-MIRROR-DEST",
     TW_SEV_HIGH},
    {TW_FACT_LOCAL_USER, "name", NULL, "local user", "TW-OUTLIER-LOCAL-USER", TW_SEV_HIGH},
    {TW_FACT_SERVICE, "port", "ssh", "SSH port", "TW-OUTLIER-SSH-PORT", TW_SEV_HIGH},
    {TW_FACT_SERVICE, "port", "http", "HTTP port", "TW-OUTLIER-HTTP-PORT", TW_SEV_MEDIUM},
    {TW_FACT_SERVICE, "port", "https", "HTTPS port", "TW-OUTLIER-HTTP-PORT", TW_SEV_MEDIUM},
    {TW_FACT_SCRIPT, "name", NULL, "script", "TW-OUTLIER-SCRIPT", TW_SEV_MEDIUM},
    /* a fingerprint with this run's key: compared, never shown */
    {TW_FACT_SNMP_COMMUNITY, "fingerprint", NULL, "SNMP community", "TW-OUTLIER-SNMP-COMMUNITY",
     TW_SEV_MEDIUM},
};

#define NDIMS (sizeof(dims) / sizeof(dims[0]))

typedef struct {
    const char *host, *file;
    tw_dialect family; /* IOS XE counts as IOS: one configuration language */
} device;

typedef struct {
    uint32_t dev;
    uint8_t family; /* the device's, kept here so that sorting needs no context */
    uint8_t dim;
    uint32_t line;
    const char *value, *evidence;
} entry;

struct tw_fleet {
    pthread_mutex_t mu;
    tw_arena *arena;
    device *dv;
    size_t ndev, capdev;
    entry *ev;
    size_t nent, capent;
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

size_t tw_fleet_count(const tw_fleet *f)
{
    return f ? f->ndev : 0;
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

/* The value of field x as text in the arena, or NULL (secret, or none). */
static const char *value_text(tw_arena *a, const tw_field *x)
{
    char buf[TW_IP_STRLEN];

    if (x->secret)
        return NULL;
    switch (x->type) {
    case TW_VAL_ADDR:
        tw_cidr_format(&x->addr, buf, sizeof(buf));
        return tw_arena_strdup(a, buf);
    case TW_VAL_NUM:
        return tw_arena_printf(a, "%lld", (long long)x->num);
    case TW_VAL_STR:
        return x->str.len ? tw_arena_strndup(a, x->str.ptr, x->str.len) : NULL;
    default:
        return NULL;
    }
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

/* The values of one fact, for every setting it is of. */
static tw_err add_fact(tw_fleet *f, uint32_t dev, tw_dialect family, const tw_fact *t)
{
    tw_err rc = TW_OK;

    for (size_t k = 0; k < NDIMS && rc == TW_OK; k++) {
        const tw_field *x = of_dim(t, &dims[k]) ? tw_fact_get(t, dims[k].field) : NULL;
        const char *v = x ? value_text(f->arena, x) : NULL;
        entry *e;

        if (!v || t->line == 0) /* a default the dialect implies is no choice of the device */
            continue;
        rc = room((void **)&f->ev, f->nent, &f->capent, sizeof(*f->ev), TW_FLEET_MAX_VALUES);
        if (rc != TW_OK)
            break;
        e = &f->ev[f->nent++];
        e->dev = dev;
        e->family = (uint8_t)family;
        e->dim = (uint8_t)k;
        e->value = v;
        e->line = x->line ? x->line : t->line;
        e->evidence = tw_arena_strndup(f->arena, (x->line ? x->evidence : t->evidence).ptr,
                                       (x->line ? x->evidence : t->evidence).len);
        if (!e->evidence)
            rc = TW_ENOMEM;
    }
    return rc;
}

static tw_err add_locked(tw_fleet *f, const char *file, const tw_factset *fs)
{
    device *d;
    tw_err rc = room((void **)&f->dv, f->ndev, &f->capdev, sizeof(*f->dv), UINT32_MAX);

    if (rc != TW_OK)
        return rc;
    d = &f->dv[f->ndev];
    d->file = tw_arena_strdup(f->arena, file);
    d->host =
        fs->hostname.len ? tw_arena_strndup(f->arena, fs->hostname.ptr, fs->hostname.len) : d->file;
    d->family = fs->dialect == TW_DIALECT_IOSXE ? TW_DIALECT_IOS : fs->dialect;
    if (!d->file || !d->host)
        return TW_ENOMEM;
    for (size_t i = 0; i < fs->n && rc == TW_OK; i++)
        rc = add_fact(f, (uint32_t)f->ndev, d->family, &fs->v[i]);
    f->ndev++;
    return rc;
}

tw_err tw_fleet_add(tw_fleet *f, const char *file, const tw_factset *fs)
{
    tw_err rc;

    pthread_mutex_lock(&f->mu);
    rc = add_locked(f, file, fs);
    pthread_mutex_unlock(&f->mu);
    return rc;
}

static int entry_cmp(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c;

    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    if (a->dim != b->dim)
        return a->dim < b->dim ? -1 : 1;
    c = strcmp(a->value, b->value);
    if (c != 0)
        return c;
    return a->dev < b->dev ? -1 : a->dev > b->dev;
}

/* Devices of one family. */
static size_t family_size(const tw_fleet *f, uint8_t family)
{
    size_t n = 0;

    for (size_t i = 0; i < f->ndev; i++)
        n += f->dv[i].family == family;
    return n;
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

/* How a value is written in a finding: a secret's fingerprint (keyed for
 * this run only) as a phrase, so that output does not change from run to
 * run. */
static const char *shown(const struct dim *d, const char *value)
{
    return strcmp(d->field, "fingerprint") == 0 ? "(a community string)" : value;
}

/* One finding: the rare value at entry e. */
static tw_err emit(const tw_fleet *f, const entry *e, size_t c, size_t m, size_t n,
                   const entry *top, size_t ntop, tw_findings *out)
{
    const struct dim *d = &dims[e->dim];
    const device *dv = &f->dv[e->dev];
    tw_arena *a = out->arena;
    tw_detail *det = tw_arena_alloc(a, 4 * sizeof(*det));
    const char *fam = tw_dialect_name((tw_dialect)e->family);
    const char *value = shown(d, e->value), *common = shown(d, top->value);
    tw_finding fd = {0};

    if (!det)
        return TW_ENOMEM;
    det[0] = (tw_detail){"value", value};
    det[1] = (tw_detail){"devices_with_value", tw_arena_printf(a, "%zu", c)};
    det[2] = (tw_detail){"devices_with_setting", tw_arena_printf(a, "%zu", m)};
    det[3] = (tw_detail){"common_value", common};
    fd.rule = d->rule;
    fd.severity = d->sev;
    fd.category = TW_CAT_OUTLIER;
    fd.title = tw_arena_printf(a, "Uncommon %s in the fleet", d->label);
    fd.message = tw_arena_printf(a,
                                 "%s %s is on %zu of %zu %s devices that set one (%zu in the "
                                 "fleet); %zu use %s",
                                 d->label, value, c, m, fam, n, ntop, common);
    fd.file = dv->file;
    fd.line = e->line;
    fd.device = dv->host;
    fd.evidence = e->evidence;
    fd.remediation = tw_arena_printf(a,
                                     "Check that %s %s on %s is approved: most %s devices "
                                     "use %s.",
                                     d->label, value, dv->host, fam, common);
    fd.details = det;
    fd.ndetails = 4;
    if (!fd.title || !fd.message || !fd.remediation || !det[1].value || !det[2].value)
        return TW_ENOMEM;
    return tw_findings_push(out, &fd);
}

/* The rare values of one setting in one family: ev[a, b). */
static tw_err analyse(const tw_fleet *f, size_t a, size_t b, size_t *per, uint8_t *seen,
                      tw_findings *out)
{
    size_t n = family_size(f, f->ev[a].family), m, top = a, rare;
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
            rc = emit(f, &f->ev[i], per[first], m, n, &f->ev[top], per[top], out);
    }
    return rc;
}

tw_err tw_fleet_outliers(tw_fleet *f, tw_findings *out)
{
    size_t *per = calloc(f->nent ? f->nent : 1, sizeof(*per));
    uint8_t *seen = calloc(f->ndev ? f->ndev : 1, 1);
    tw_err rc = per && seen ? TW_OK : TW_ENOMEM;

    if (rc == TW_OK && f->nent > 0) /* qsort wants a pointer even for no items */
        qsort(f->ev, f->nent, sizeof(*f->ev), entry_cmp);
    for (size_t a = 0, b; a < f->nent && rc == TW_OK; a = b) {
        for (b = a + 1;
             b < f->nent && f->ev[b].family == f->ev[a].family && f->ev[b].dim == f->ev[a].dim;)
            b++;
        rc = analyse(f, a, b, per, seen, out);
    }
    free(per);
    free(seen);
    return rc;
}
