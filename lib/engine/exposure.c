/*
 * exposure.c: one device against the CVE table, CSAF advisories and the
 * KEV catalog (exposure.h).
 *
 * Per device: the version is parsed with its OS's grammar once; every CVE
 * of the table that names the OS is decided (tw_cve_eval), a verdict that
 * the table cannot make for one release ("affected-train", "unknown") is
 * asked of the CSAF files, and a vulnerable release is weighed against
 * the precondition its configuration shows.  Then CSAF statements of
 * CVEs the table does not hold: one finding per device and CVE.  KEV
 * entries for an OS that nothing has version data for are reported once
 * per inventory and CVE (tw_exposure_fleet), naming how many devices they
 * may concern: per device they would be thousands of findings that say
 * nothing more.
 */
#include <stdlib.h>
#include <string.h>

#include "tidewatch/buf.h"
#include "tidewatch/exposure.h"

/* Details per finding, at most. */
#define MAX_DETAILS 12
/* CSAF statements looked at per device. */
#define MAX_CSAF 256

typedef enum { ST_EXPOSED, ST_VULNERABLE, ST_MITIGATED, ST_UNKNOWN } state;

static const char *const state_names[] = {"exposed", "vulnerable", "vulnerable-mitigated",
                                          "unknown"};
static const tw_severity state_sev[] = {TW_SEV_CRITICAL, TW_SEV_HIGH, TW_SEV_MEDIUM, TW_SEV_INFO};

struct tw_exposure {
    tw_exposure_opts o;
    /* KEV entries per OS whose CVE the table does not hold */
    const tw_kev_entry **kev_os[TW__OS_COUNT];
    size_t nkev_os[TW__OS_COUNT];
};

tw_exposure *tw_exposure_new(const tw_exposure_opts *o)
{
    tw_exposure *e = o && o->cves ? calloc(1, sizeof(*e)) : NULL;

    if (!e)
        return NULL;
    e->o = *o;
    for (int os = 1; o->kev && os < TW__OS_COUNT; os++) {
        size_t n = tw_kev_for_os(o->kev, 1u << os, NULL, 0), k = 0;
        const tw_kev_entry **v = calloc(n ? n : 1, sizeof(*v));

        if (!v) {
            tw_exposure_free(e);
            return NULL;
        }
        tw_kev_for_os(o->kev, 1u << os, v, n);
        for (size_t i = 0; i < n; i++) {
            if (!tw_cvetab_find(o->cves, v[i]->cve_id))
                v[k++] = v[i];
        }
        e->kev_os[os] = v;
        e->nkev_os[os] = k;
    }
    return e;
}

void tw_exposure_free(tw_exposure *e)
{
    if (!e)
        return;
    for (int os = 0; os < TW__OS_COUNT; os++)
        free(e->kev_os[os]);
    free(e);
}

/* What one device brings to every decision. */
typedef struct {
    const tw_exposure *e;
    const tw_device *d;
    tw_version v;
    bool parsed;
    const char *train; /* v's train in the arena (findings outlive v), or NULL */
    const tw_device_config *cfg;
    tw_findings *out;
    tw_arena *a;
} device_ctx;

/* One finding being put together. */
typedef struct {
    state st;
    const char *cve, *title, *source, *fixed, *upgrade, *train, *precondition, *why;
    const char *remediation;
    const char *const *references;
    size_t nreferences;
    const char *const *attack;
    size_t nattack;
    const char *kev_added, *kev_due, *kev_ransomware;
    const char *devices; /* fleet findings: how many devices, as text */
    bool fleet;          /* about several devices: no device, version or train */
} verdict;

static void add_detail(tw_detail *dv, size_t *n, const char *name, const char *value)
{
    if (value && *n < MAX_DETAILS)
        dv[(*n)++] = (tw_detail){name, value};
}

/* KEV dates: the catalog when given, else the table's. */
static void kev_dates(const device_ctx *c, verdict *r, const tw_cve *cve)
{
    const tw_kev_entry *k = c->e->o.kev ? tw_kev_find(c->e->o.kev, tw_str_c(r->cve)) : NULL;

    if (k) {
        r->kev_added = k->date_added;
        r->kev_due = k->due_date;
        r->kev_ransomware = k->ransomware;
    } else if (cve) {
        r->kev_added = cve->kev_added;
        r->kev_due = cve->kev_due;
        r->kev_ransomware = cve->kev_added ? (cve->kev_ransomware ? "Known" : "Unknown") : NULL;
    }
}

/* The sentence of a finding. */
static const char *message(const device_ctx *c, const verdict *r)
{
    const char *os = tw_os_name(c->d->os), *ver = c->d->version[0] ? c->d->version : "(none)";
    const char *fix = r->fixed     ? tw_arena_printf(c->a, "; first fixed release in train %s: %s",
                                                 r->train ? r->train : "?", r->fixed)
                      : r->upgrade ? tw_arena_printf(c->a, "; no fix in train %s: upgrade to %s",
                                                     r->train ? r->train : "?", r->upgrade)
                                   : "";
    const char *due = r->kev_due ? tw_arena_printf(c->a, "; KEV due date %s", r->kev_due) : "";

    switch (r->st) {
    case ST_EXPOSED:
        return tw_arena_printf(c->a, "%s runs %s %s, vulnerable to %s and reachable: %s%s%s",
                               c->d->hostname, os, ver, r->cve, r->why, fix, due);
    case ST_VULNERABLE:
        return tw_arena_printf(c->a, "%s runs %s %s, vulnerable to %s; %s%s%s", c->d->hostname, os,
                               ver, r->cve, r->why, fix, due);
    case ST_MITIGATED:
        return tw_arena_printf(c->a, "%s runs %s %s, vulnerable to %s but not reachable: %s%s%s",
                               c->d->hostname, os, ver, r->cve, r->why, fix, due);
    default:
        if (r->fleet)
            return tw_arena_printf(c->a, "%s devices: %s cannot be decided: %s", os, r->cve,
                                   r->why);
        return tw_arena_printf(c->a, "%s (%s %s): %s cannot be decided: %s", c->d->hostname, os,
                               ver, r->cve, r->why);
    }
}

static const char *remediation(const device_ctx *c, const verdict *r)
{
    const char *base = r->remediation ? r->remediation : "";

    if (r->st == ST_UNKNOWN)
        return r->remediation;
    if (r->fixed)
        return tw_arena_printf(c->a, "upgrade to %s or later in train %s\n%s", r->fixed,
                               r->train ? r->train : "?", base);
    if (r->upgrade)
        return tw_arena_printf(c->a, "upgrade to %s\n%s", r->upgrade, base);
    return r->remediation;
}

static tw_err emit(const device_ctx *c, verdict *r, const tw_cve *cve)
{
    tw_detail *dv = tw_arena_alloc(c->a, MAX_DETAILS * sizeof(*dv));
    size_t nd = 0;
    tw_finding f = {0};

    if (!dv)
        return TW_ENOMEM;
    kev_dates(c, r, cve);
    add_detail(dv, &nd, "state", state_names[r->st]);
    add_detail(dv, &nd, "os", tw_os_name(c->d->os));
    add_detail(dv, &nd, "version", c->d->version[0] && !r->fleet ? c->d->version : NULL);
    add_detail(dv, &nd, "devices", r->devices);
    add_detail(dv, &nd, "train", r->train);
    add_detail(dv, &nd, "fixed", r->fixed);
    add_detail(dv, &nd, "upgrade", r->upgrade);
    add_detail(dv, &nd, "precondition", r->precondition);
    add_detail(dv, &nd, "kev_added", r->kev_added);
    add_detail(dv, &nd, "kev_due", r->kev_due);
    add_detail(dv, &nd, "kev_ransomware", r->kev_ransomware);
    add_detail(dv, &nd, "source", r->source);
    f.rule = tw_arena_printf(c->a, "TW-EXPOSURE-%s", r->cve);
    f.severity = state_sev[r->st];
    f.category = TW_CAT_EXPOSURE;
    f.title = r->title;
    f.message = message(c, r);
    f.file = c->d->file;
    f.line = c->d->line;
    f.device = r->fleet ? NULL : c->d->hostname;
    f.evidence = r->fleet ? NULL
                          : tw_arena_printf(c->a, "%s %s", tw_os_name(c->d->os),
                                            c->d->version[0] ? c->d->version : "(no version)");
    f.cve = r->cve;
    f.attack = r->attack;
    f.nattack = r->nattack;
    f.references = r->references;
    f.nreferences = r->nreferences;
    f.remediation = remediation(c, r);
    f.details = dv;
    f.ndetails = nd;
    if (!f.rule || !f.message || (!f.evidence && !r->fleet))
        return TW_ENOMEM;
    return tw_findings_push(c->out, &f);
}

/* The state of a vulnerable release, from the CVE's precondition and the
 * device's configuration. */
static void weigh(const device_ctx *c, const tw_cve *cve, verdict *r)
{
    tw_cve_precond p = cve ? cve->precondition : TW_CVE_PRECOND_NONE;
    tw_pre_state s = c->cfg ? c->cfg->pre[p] : TW_PRE_UNKNOWN;

    r->precondition = tw_cve_precond_name(p);
    if (!cve) {
        r->st = ST_VULNERABLE;
        r->precondition = NULL;
        r->why = "the CVE table has no precondition for it";
    } else if (p == TW_CVE_PRECOND_NONE) {
        r->st = ST_EXPOSED;
        r->why = "the CVE needs nothing beyond the reachable service";
    } else if (!c->cfg) {
        r->st = ST_VULNERABLE;
        r->why = tw_arena_printf(c->a,
                                 "no configuration of %s was given, so whether %s is on is "
                                 "unknown",
                                 c->d->hostname, r->precondition);
    } else {
        r->st = s == TW_PRE_ON ? ST_EXPOSED : s == TW_PRE_OFF ? ST_MITIGATED : ST_VULNERABLE;
        r->why = c->cfg->why[p] ? c->cfg->why[p]
                                : tw_arena_printf(c->a, "%s cannot be read from %s",
                                                  r->precondition, c->cfg->file);
    }
}

/* A CSAF file's word on cve for the device's release: true when it
 * decides (*affected tells which way; m is filled). */
static bool ask_csaf(const device_ctx *c, const char *cve, tw_csaf_match *m, bool *affected)
{
    tw_csaf_status st;

    if (!c->e->o.csaf || !c->parsed)
        return false;
    st = tw_csaf_eval_cve(c->e->o.csaf, tw_str_c(cve), &c->v, m);
    *affected = st == TW_CSAF_AFFECTED;
    return st != TW_CSAF_NONE;
}

static void from_table(verdict *r, const tw_cve *cve, tw_os os)
{
    r->cve = cve->id;
    r->title = cve->title;
    r->source = "cve-table";
    r->remediation = tw_cve_remediation_for(cve, os);
    r->references = cve->references;
    r->nreferences = cve->nreferences;
    r->attack = cve->attack;
    r->nattack = cve->nattack;
}

/* Why a version cannot be decided at all. */
static const char *unparsed_why(const device_ctx *c)
{
    if (!c->d->version[0])
        return "the inventory gives no version";
    return tw_arena_printf(c->a, "'%s' is not a release of %s as tidewatch reads it", c->d->version,
                           tw_os_name(c->d->os));
}

static tw_err table_cve(const device_ctx *c, const tw_cve *cve)
{
    verdict r = {0};
    tw_cve_verdict cv;
    tw_csaf_match m;
    bool affected = false;

    from_table(&r, cve, c->d->os);
    if (!c->parsed) {
        r.st = ST_UNKNOWN;
        r.why = unparsed_why(c);
        return emit(c, &r, cve);
    }
    tw_cve_eval(cve, &c->v, &cv);
    r.train = c->train;
    r.fixed = cv.fixed;
    r.upgrade = cv.upgrade;
    if ((cv.state == TW_CVE_AFFECTED_TRAIN || cv.state == TW_CVE_UNKNOWN) &&
        ask_csaf(c, cve->id, &m, &affected)) {
        if (!affected)
            return TW_OK;
        cv.state = TW_CVE_AFFECTED;
        r.fixed = m.fixed_in;
        r.source = tw_arena_printf(c->a, "csaf:%s", m.tracking_id ? m.tracking_id : "?");
    } else if (cv.state == TW_CVE_AFFECTED_TRAIN && c->e->o.csaf &&
               tw_csaf_enumerates(c->e->o.csaf, tw_str_c(cve->id), &c->v)) {
        return TW_OK; /* the vendor lists the train's affected releases, and not this one */
    }
    if (cv.state == TW_CVE_NOT_AFFECTED || cv.state == TW_CVE_FIXED)
        return TW_OK;
    if (cv.state == TW_CVE_UNKNOWN) {
        r.st = ST_UNKNOWN;
        r.why = cv.reason;
        return emit(c, &r, cve);
    }
    weigh(c, cve, &r);
    if (cv.state == TW_CVE_AFFECTED_TRAIN)
        r.why = tw_arena_printf(c->a,
                                "%s (the vendor lists train %s as affected and names no "
                                "fixed release per release; check the vendor's software "
                                "checker or give --csaf)",
                                r.why, r.train ? r.train : "?");
    return emit(c, &r, cve);
}

/* Whether the CVE was already decided for this device by the table. */
static bool in_table(const device_ctx *c, const char *cve)
{
    const tw_cve *t = tw_cvetab_find(c->e->o.cves, cve);

    return t && tw_cve_names_os(t, c->d->os);
}

/* CSAF statements of CVEs the table does not decide for this OS. */
static tw_err csaf_cves(const device_ctx *c)
{
    tw_csaf_match *m;
    size_t n;
    tw_err rc = TW_OK;

    if (!c->e->o.csaf || !c->parsed)
        return TW_OK;
    m = malloc(MAX_CSAF * sizeof(*m));
    if (!m)
        return TW_ENOMEM;
    n = tw_csaf_eval(c->e->o.csaf, &c->v, m, MAX_CSAF);
    for (size_t i = 0; i < n && i < MAX_CSAF && rc == TW_OK; i++) {
        verdict r = {0};
        bool dup = false;

        for (size_t j = 0; j < i; j++)
            dup |= m[j].cve && m[i].cve && strcmp(m[j].cve, m[i].cve) == 0;
        if (dup || !m[i].cve || m[i].status != TW_CSAF_AFFECTED || in_table(c, m[i].cve))
            continue;
        r.cve = m[i].cve;
        r.title = m[i].title ? m[i].title : m[i].cve;
        r.source = tw_arena_printf(c->a, "csaf:%s", m[i].tracking_id ? m[i].tracking_id : "?");
        r.train = c->train;
        r.fixed = m[i].fixed_in;
        r.remediation = m[i].fix;
        weigh(c, NULL, &r);
        rc = emit(c, &r, NULL);
    }
    free(m);
    return rc;
}

/* Whether a CSAF file speaks to cve for device d (its statement, or its
 * enumeration of d's train), so that KEV adds nothing. */
static bool csaf_decides(const tw_exposure *e, const tw_device *d, const char *cve)
{
    tw_version v;
    tw_csaf_match m;

    if (!e->o.csaf || !d->version[0] || tw_version_parse(d->os, tw_str_c(d->version), &v) != TW_OK)
        return false;
    return tw_csaf_eval_cve(e->o.csaf, tw_str_c(cve), &v, &m) != TW_CSAF_NONE ||
           tw_csaf_enumerates(e->o.csaf, tw_str_c(cve), &v);
}

/* Up to this many hostnames are named in a fleet finding's message. */
#define FLEET_NAMES 5

/* The devices of v[0, n) that run os and that no CSAF file decides cve
 * for: how many, the first, and a list of the first few names. */
static size_t undecided(const tw_exposure *e, const tw_device *v, size_t n, tw_os os,
                        const char *cve, const tw_device **first, tw_buf *names)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        if (v[i].os != os || csaf_decides(e, &v[i], cve))
            continue;
        if (count == 0)
            *first = &v[i];
        if (count < FLEET_NAMES)
            (void)tw_buf_printf(names, "%s%s", count ? ", " : "", v[i].hostname);
        count++;
    }
    return count;
}

/* One unknown finding for a KEV entry and the devices it may concern. */
static tw_err kev_finding(const tw_exposure *e, const tw_kev_entry *k, const tw_device *first,
                          size_t count, const char *names, tw_findings *out)
{
    device_ctx c = {e, first, {0}, false, NULL, NULL, out, out->arena};
    const char **refs = tw_arena_alloc(c.a, 2 * sizeof(*refs));
    verdict r = {0};

    if (!refs)
        return TW_ENOMEM;
    refs[0] = tw_arena_printf(c.a, "https://nvd.nist.gov/vuln/detail/%s", k->cve_id);
    refs[1] = "https://www.cisa.gov/known-exploited-vulnerabilities-catalog";
    r.st = ST_UNKNOWN;
    r.cve = k->cve_id;
    r.title = k->name;
    r.source = "kev";
    r.devices = tw_arena_printf(c.a, "%zu", count);
    r.why =
        tw_arena_printf(c.a,
                        "KEV lists it for %s %s, and no CVE table or CSAF file given has "
                        "version data for it; %zu device%s of this inventory run%s %s "
                        "(%s%s)",
                        k->vendor, k->product, count, count == 1 ? "" : "s", count == 1 ? "s" : "",
                        tw_os_name(first->os), names, count > FLEET_NAMES ? ", ..." : "");
    r.remediation = k->required_action;
    r.references = refs;
    r.nreferences = 2;
    r.fleet = count > 1;
    return emit(&c, &r, NULL);
}

tw_err tw_exposure_fleet(const tw_exposure *e, const tw_device *v, size_t n, tw_findings *out)
{
    tw_err rc = TW_OK;
    tw_buf names;

    tw_buf_init(&names, 4096);
    for (int os = 1; os < TW__OS_COUNT && rc == TW_OK; os++) {
        for (size_t i = 0; i < e->nkev_os[os] && rc == TW_OK; i++) {
            const tw_kev_entry *k = e->kev_os[os][i];
            const tw_device *first = NULL;
            size_t count;

            tw_buf_reset(&names);
            count = undecided(e, v, n, (tw_os)os, k->cve_id, &first, &names);
            if (count > 0)
                rc = kev_finding(e, k, first, count, tw_buf_str(&names).ptr, out);
        }
    }
    tw_buf_release(&names);
    return rc;
}

tw_err tw_exposure_device(const tw_exposure *e, const tw_device *d, tw_findings *out)
{
    device_ctx c = {e, d, {0}, false, NULL, NULL, out, out->arena};
    tw_err rc = TW_OK;
    size_t n = tw_cvetab_count(e->o.cves);

    if (d->os == TW_OS_UNKNOWN)
        return TW_OK;
    c.parsed = d->version[0] && tw_version_parse(d->os, tw_str_c(d->version), &c.v) == TW_OK;
    c.cfg = e->o.configs ? tw_config_set_find(e->o.configs, d->hostname) : NULL;
    if (c.parsed && c.v.train[0]) {
        c.train = tw_arena_strdup(c.a, c.v.train);
        if (!c.train)
            return TW_ENOMEM;
    }
    for (size_t i = 0; i < n && rc == TW_OK; i++) {
        const tw_cve *cve = tw_cvetab_at(e->o.cves, i);

        if (tw_cve_names_os(cve, d->os))
            rc = table_cve(&c, cve);
    }
    if (rc == TW_OK)
        rc = csaf_cves(&c);
    return rc;
}
