/*
 * audit.c: the audit engine.
 *
 * One configuration in memory goes through dialect detection, the parser of
 * its dialect and the rule set; the findings land in the caller's list.  The
 * engine holds no state of its own, so threads may audit files side by side
 * with shared options.  The facts of a file borrow its text rather than
 * copying it: they die before tw_audit_buffer returns.
 */
#include <tidewatch/audit.h>
#include <tidewatch/file.h>

/* About one fact per this many bytes of configuration: the first guess for
 * the fact vector. */
#define FACT_BYTES_HINT 32

static tw_err pick_dialect(const tw_audit_opts *opts, const char *file, const char *data,
                           size_t len, tw_dialect *out, tw_diags *diags)
{
    tw_dialect d = opts->dialect;

    if (d == TW_DIALECT_UNKNOWN)
        d = tw_dialect_detect(data, len);
    if (d == TW_DIALECT_UNKNOWN) {
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EDIALECT, file, 0, 0, NULL,
                     "not a device configuration tidewatch recognises");
        return TW_EDIALECT;
    }
    if (!tw_config_supported(d)) {
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EDIALECT, file, 0, 0, NULL,
                     "%s configurations are not supported yet; file skipped", tw_dialect_name(d));
        return TW_EDIALECT;
    }
    *out = d;
    return TW_OK;
}

/* The kinds an audit may leave out: routing policy (route maps, prefix
 * lists: a twelfth of the lines of a provider edge) when no rule reads it
 * and the fleet has no baseline to compare it with (fleet.c compares a
 * device's own settings only then). */
static uint64_t skipped_kinds(const tw_audit_opts *opts)
{
    static const tw_fact_kind policy[] = {TW_FACT_ROUTE_MAP, TW_FACT_PREFIX_LIST};
    uint64_t skip = 0;

    if (opts->fleet != NULL && tw_fleet_baseline_count(opts->fleet) > 0)
        return 0;
    for (size_t i = 0; i < sizeof(policy) / sizeof(policy[0]); i++) {
        if (!tw_ruleset_reads_kind(opts->rules, policy[i]))
            skip |= (uint64_t)1 << policy[i];
    }
    return skip;
}

tw_err tw_audit_buffer(const tw_audit_opts *opts, const char *file, const char *data, size_t len,
                       tw_findings *out, tw_diags *diags)
{
    tw_factset fs;
    tw_rule_env env = {opts->iocs, opts->policy};
    tw_dialect d = TW_DIALECT_UNKNOWN;
    tw_err rc;

    if (tw_looks_binary(data, len)) {
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EBINARY, file, 0, 0, NULL,
                     "binary file, not a configuration");
        return TW_EBINARY;
    }
    rc = pick_dialect(opts, file, data, len, &d, diags);
    if (rc != TW_OK)
        return rc;

    tw_factset_init(&fs, out->arena);
    /* data outlives fs (released below), so fact strings may point into
     * it; the vector lives in the arena, which the CLI reuses per file */
    tw_factset_borrow(&fs, data, len);
    fs.fp_key = opts->fp_key;
    fs.skip = skipped_kinds(opts);
    (void)tw_factset_reserve(&fs, len / FACT_BYTES_HINT);
    rc = tw_config_parse(file, data, len, d, &fs, diags);
    if (rc != TW_OK) {
        tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "%s; findings may be incomplete",
                     tw_strerror(rc));
    }
    if (rc == TW_OK || rc == TW_ELIMIT)
        rc = tw_rules_apply(opts->rules, &env, file, &fs, out);
    if ((rc == TW_OK || rc == TW_ELIMIT) && opts->fleet != NULL &&
        tw_fleet_add(opts->fleet, file, &fs) == TW_ENOMEM)
        rc = TW_ENOMEM;
    if ((rc == TW_OK || rc == TW_ELIMIT) && opts->on_facts != NULL)
        opts->on_facts(opts->on_facts_ud, file, &fs);
    tw_factset_release(&fs);
    return rc;
}
