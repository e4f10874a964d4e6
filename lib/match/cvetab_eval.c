/*
 * cvetab_eval.c: decides one CVE for one parsed version.
 *
 * The train entry of the version's OS and train is looked up; an unlisted
 * train is not affected, or unknown under "other-trains: unknown".  In an
 * affected train the range (introduced, last-affected) is checked, then
 * the fix points: a release is fixed when a fix point at or below it is
 * in its branch (a backport) or is the train's highest (the main fix),
 * the latter only without "fixed-scope: branch".  Nothing is allocated;
 * every string of the verdict is static or the table's.
 */
#include <string.h>

#include "match/cvetab_int.h"

/* Sets the state and reason of a verdict. */
static void say(tw_cve_verdict *out, tw_cve_state state, const char *reason)
{
    out->state = state;
    out->reason = reason;
}

/* The train entry of v's OS and train, or NULL. */
static const tw_cve_train *find_train(const tw_cve *cve, const tw_version *v)
{
    tw_str want = tw_str_c(v->train);

    for (size_t i = 0; i < cve->ntrains; i++) {
        const tw_cve_train *t = &cve->trains[i];
        if (t->os == v->os && tw_str_ieq_c(want, t->train))
            return t;
    }
    return NULL;
}

/* The fix point that covers v, or NULL. */
static const tw_version *covering_fix(const tw_cve_train *t, const tw_version *v)
{
    for (size_t i = t->nfixed; i-- > 0;) {
        const tw_version *f = &t->fixed[i];
        tw_vcmp c = tw_version_cmp(v, f);
        if (c != TW_VCMP_EQ && c != TW_VCMP_GT)
            continue;
        if (tw_version_same_branch(v, f) || (i + 1 == t->nfixed && !t->branch_only))
            return f;
    }
    return NULL;
}

/* The lowest fix point above v, or NULL. */
static const tw_version *next_fix(const tw_cve_train *t, const tw_version *v)
{
    for (size_t i = 0; i < t->nfixed; i++) {
        if (tw_version_cmp(&t->fixed[i], v) == TW_VCMP_GT)
            return &t->fixed[i];
    }
    return NULL;
}

/* Decides a release of an affected train against the fix points. */
static void eval_fixes(const tw_cve_train *t, const tw_version *v, tw_cve_verdict *out)
{
    const tw_version *f = covering_fix(t, v);
    const tw_version *next = f == NULL ? next_fix(t, v) : NULL;

    if (f != NULL) {
        out->fixed = f->text;
        say(out, TW_CVE_FIXED, "release carries the fix");
        return;
    }
    out->fixed = next != NULL ? next->text : NULL;
    if (!t->branch_only || (next != NULL && tw_version_same_branch(v, next)))
        say(out, TW_CVE_AFFECTED, "release is below the fix of its train or branch");
    else
        say(out, TW_CVE_AFFECTED_TRAIN,
            "train affected; the table has no fix point for this release's branch");
}

/* Decides a version that names only a train. */
static void eval_train_only(const tw_cve_train *t, tw_cve_verdict *out)
{
    bool whole = !t->has_introduced && !t->has_last_affected;

    if (t->fixes == TW_CVE_FIXES_LISTED && t->nfixed > 0)
        out->fixed = t->fixed[t->nfixed - 1].text;
    if (whole && t->fixes == TW_CVE_FIXES_NONE)
        say(out, TW_CVE_AFFECTED, "every release of the train is affected and none is fixed");
    else if (whole && t->fixes == TW_CVE_FIXES_UNKNOWN)
        say(out, TW_CVE_AFFECTED_TRAIN,
            "train affected; no fixed release is known: the vendor's software checker or a "
            "csaf file must decide");
    else
        say(out, TW_CVE_UNKNOWN,
            "only the train is known, and some of its releases are fixed "
            "or unaffected");
}

/* Decides a release of a listed, affected train. */
static void eval_release(const tw_cve_train *t, const tw_version *v, tw_cve_verdict *out)
{
    if (t->has_introduced && tw_version_cmp(v, &t->introduced) == TW_VCMP_LT)
        say(out, TW_CVE_NOT_AFFECTED, "release is before the first affected release");
    else if (t->has_last_affected && tw_version_cmp(v, &t->last_affected) == TW_VCMP_GT)
        say(out, TW_CVE_NOT_AFFECTED, "release is after the last affected release");
    else if (t->fixes == TW_CVE_FIXES_LISTED)
        eval_fixes(t, v, out);
    else if (t->fixes == TW_CVE_FIXES_NONE)
        say(out, TW_CVE_AFFECTED, "affected, and the train has no fixed release");
    else if (t->has_last_affected)
        say(out, TW_CVE_AFFECTED, "affected: the vendor lists this release");
    else
        say(out, TW_CVE_AFFECTED_TRAIN,
            "train affected; no fixed release is known: the vendor's software checker or a "
            "csaf file must decide");
}

/* Decides cve for v (see cvetab.h). */
void tw_cve_eval(const tw_cve *cve, const tw_version *v, tw_cve_verdict *out)
{
    const tw_cve_train *t;

    memset(out, 0, sizeof(*out));
    say(out, TW_CVE_UNKNOWN, "no version");
    if (cve == NULL || v == NULL)
        return;
    if (!tw_cve_names_os(cve, v->os)) {
        say(out, TW_CVE_UNKNOWN, "the cve does not name this os");
        return;
    }
    if (v->train[0] == '\0') {
        say(out, TW_CVE_UNKNOWN, "the version did not parse");
        return;
    }
    t = find_train(cve, v);
    if (t == NULL && cve->other_trains_unknown)
        say(out, TW_CVE_UNKNOWN, "train not in the table, which does not cover every train");
    else if (t == NULL)
        say(out, TW_CVE_NOT_AFFECTED, "train not affected");
    if (t == NULL)
        return;
    out->train = t;
    out->upgrade = t->upgrade;
    if (t->not_affected)
        say(out, TW_CVE_NOT_AFFECTED, "the vendor lists the train as not affected");
    else if (v->train_only)
        eval_train_only(t, out);
    else
        eval_release(t, v, out);
}
