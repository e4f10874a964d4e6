/*
 * cmd_findings.c: "tidewatch findings list|show|ack|prune": the findings
 * the store keeps (tidewatch watch writes them), with their history.
 *
 * list and show render stored findings through the ordinary writers; the
 * store's id, state, first and last seen (ISO 8601, UTC) and the
 * acknowledgement go into each finding's details, so every format shows
 * them.  ack moves findings to the acknowledged state with a note; prune
 * deletes the ones last seen before a date, so that a store that watch
 * fills for months stays bounded.  The
 * store is --store PATH or the default of store_path.c; a store that does
 * not exist yet is created (empty).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tidewatch/store.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch findings list [options]\n"
    "       tidewatch findings show [options] ID\n"
    "       tidewatch findings ack [--note TEXT] [--store PATH] ID...\n"
    "       tidewatch findings prune --before DATE [--include-open] [--store PATH]\n"
    "\n"
    "The findings kept in the store ('tidewatch watch' writes them), each with\n"
    "its id, when it was first and last seen, and its state: open, acknowledged\n"
    "(somebody has looked at it) or resolved (no longer seen).\n"
    "\n"
    "list   the findings, the most recently seen first\n"
    "show   one finding\n"
    "ack    acknowledge findings: they leave the default list; one that goes\n"
    "       away is resolved, and opens again if it comes back\n"
    "prune  delete the acknowledged and resolved findings last seen before\n"
    "       DATE (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ, or Nd: N days ago)\n"
    "\n"
    "      --state STATE    list: open (default), acknowledged, resolved or all\n"
    "      --severity SEV   list: only findings at or above SEV (info, low,\n"
    "                       medium, high, critical)\n"
    "      --device NAME    list: only the findings of device NAME\n"
    "      --rule ID        list: only the findings of rule ID\n"
    "      --limit N        list: at most N findings\n"
    "      --note TEXT      ack: why, kept with the finding\n"
    "      --before DATE    prune: findings last seen before DATE (UTC)\n"
    "      --include-open   prune: open findings too\n"
    "      --store PATH     the store (default $XDG_DATA_HOME/tidewatch/store.db,\n"
    "                       else ~/.local/share/tidewatch/store.db)\n"
    "  -f, --format FMT     list, show: text, jsonl, sarif, csv or html (default: text\n"
    "                       on a terminal, jsonl otherwise)\n"
    "  -o, --output FILE    list, show: write to FILE instead of stdout\n"
    "      --fail-on SEV    list: exit 1 when a listed finding is at or above SEV\n"
    "                       (default low)\n"
    "  -q, --quiet          list: print no findings, only set the exit status\n"
    "      --no-color       no colour in text output (also NO_COLOR=1)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 no listed finding at or above --fail-on (show, ack, prune:\n"
    "done),\n"
    "1 listed findings at or above it, 2 usage error, 3 the store cannot be\n"
    "opened or an ID is not in it, 4 internal error.\n";

enum { SUB_LIST = 1, SUB_SHOW = 2, SUB_ACK = 4, SUB_PRUNE = 8 };

/* Option codes of this command (the shared ones keep common.c's). */
enum {
    OPT_STATE = 0x300,
    OPT_SEVERITY,
    OPT_DEVICE,
    OPT_RULE,
    OPT_LIMIT,
    OPT_NOTE,
    OPT_STORE,
    OPT_BEFORE,
    OPT_INCLUDE_OPEN,
};

static const struct option longopts[] = {{"state", required_argument, NULL, OPT_STATE},
                                         {"severity", required_argument, NULL, OPT_SEVERITY},
                                         {"device", required_argument, NULL, OPT_DEVICE},
                                         {"rule", required_argument, NULL, OPT_RULE},
                                         {"limit", required_argument, NULL, OPT_LIMIT},
                                         {"note", required_argument, NULL, OPT_NOTE},
                                         {"store", required_argument, NULL, OPT_STORE},
                                         {"before", required_argument, NULL, OPT_BEFORE},
                                         {"include-open", no_argument, NULL, OPT_INCLUDE_OPEN},
                                         {"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"fail-on", required_argument, NULL, 0x100},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"no-color", no_argument, NULL, 0x101},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};

/* Which subcommands take each option. */
static const struct {
    int code;
    const char *name;
    unsigned subs;
} option_subs[] = {
    {OPT_STATE, "--state", SUB_LIST},
    {OPT_SEVERITY, "--severity", SUB_LIST},
    {OPT_DEVICE, "--device", SUB_LIST},
    {OPT_RULE, "--rule", SUB_LIST},
    {OPT_LIMIT, "--limit", SUB_LIST},
    {OPT_NOTE, "--note", SUB_ACK},
    {OPT_BEFORE, "--before", SUB_PRUNE},
    {OPT_INCLUDE_OPEN, "--include-open", SUB_PRUNE},
    {OPT_STORE, "--store", SUB_LIST | SUB_SHOW | SUB_ACK | SUB_PRUNE},
    {'f', "--format", SUB_LIST | SUB_SHOW},
    {'o', "--output", SUB_LIST | SUB_SHOW},
    {0x100, "--fail-on", SUB_LIST},
    {'q', "--quiet", SUB_LIST},
    {0x101, "--no-color", SUB_LIST | SUB_SHOW},
};

typedef struct {
    const tw_cli *cli;
    tw_common_opts o;
    unsigned sub;
    tw_store_query q;
    const char *note;
    const char *store;
    int64_t before; /* prune: Unix seconds; 0: not given */
    bool include_open;
    char **operands;
    int noperands;
} fctx;

/* Checks that option c applies to the subcommand; prints why not. */
static bool option_applies(const fctx *c, int code)
{
    for (size_t i = 0; i < sizeof(option_subs) / sizeof(option_subs[0]); i++) {
        if (option_subs[i].code != code)
            continue;
        if (option_subs[i].subs & c->sub)
            return true;
        tw_cli_error(c->cli, "%s does not apply to this findings subcommand", option_subs[i].name);
        return false;
    }
    return true;
}

static int parse_limit(fctx *c, const char *arg)
{
    uint64_t v;

    if (!tw_str_to_u64(tw_str_c(arg), TW_LIMIT_FINDINGS, &v) || v == 0) {
        tw_cli_error(c->cli, "--limit wants a number from 1 to %d, not '%s'", TW_LIMIT_FINDINGS,
                     arg);
        return -1;
    }
    c->q.limit = (size_t)v;
    return 1;
}

/* The number of n digits at s into *v; false when they are not digits. */
static bool digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

/* A --before date: YYYY-MM-DD (midnight UTC), YYYY-MM-DDTHH:MM:SS[Z] (UTC)
 * or Nd (N days before now); false for anything else, or a day that does
 * not exist. */
static bool parse_date(const char *arg, int64_t now, int64_t *out)
{
    size_t n = strlen(arg);
    struct tm tm = {0}, back;
    uint64_t days;
    time_t t;

    if (n >= 2 && arg[n - 1] == 'd') {
        if (!tw_str_to_u64(tw_str_make(arg, n - 1), 100000, &days))
            return false;
        *out = now - (int64_t)days * 86400;
        return true;
    }
    if (n == 20 && arg[19] == 'Z')
        n = 19;
    if ((n != 10 && n != 19) || arg[4] != '-' || arg[7] != '-' || !digits(arg, 4, &tm.tm_year) ||
        !digits(arg + 5, 2, &tm.tm_mon) || !digits(arg + 8, 2, &tm.tm_mday))
        return false;
    if (n == 19 &&
        (arg[10] != 'T' || arg[13] != ':' || arg[16] != ':' || !digits(arg + 11, 2, &tm.tm_hour) ||
         !digits(arg + 14, 2, &tm.tm_min) || !digits(arg + 17, 2, &tm.tm_sec)))
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    back = tm;
    t = timegm(&tm);
    /* timegm normalises 2025-02-30 to March: such a date is refused */
    if (t == (time_t)-1 || tm.tm_mday != back.tm_mday || tm.tm_mon != back.tm_mon ||
        tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min || tm.tm_sec != back.tm_sec)
        return false;
    *out = (int64_t)t;
    return true;
}

static int parse_state(fctx *c, const char *arg)
{
    c->q.any_state = strcmp(arg, "all") == 0;
    if (c->q.any_state || tw_finding_state_parse(tw_str_c(arg), &c->q.state))
        return 1;
    tw_cli_error(c->cli, "unknown state '%s' (open, acknowledged, resolved, all)", arg);
    return -1;
}

/* One option of this command: 1 handled, 0 not its own, -1 a bad value. */
static int own_option(fctx *c, int code, const char *arg)
{
    switch (code) {
    case OPT_STATE:
        return parse_state(c, arg);
    case OPT_SEVERITY:
        if (tw_severity_parse(tw_str_c(arg), &c->q.min_severity))
            return 1;
        tw_cli_error(c->cli, "unknown severity '%s' (info, low, medium, high, critical)", arg);
        return -1;
    case OPT_DEVICE:
        c->q.device = arg;
        return 1;
    case OPT_RULE:
        c->q.rule = arg;
        return 1;
    case OPT_LIMIT:
        return parse_limit(c, arg);
    case OPT_NOTE:
        c->note = arg;
        return 1;
    case OPT_STORE:
        c->store = arg;
        return 1;
    case OPT_BEFORE:
        if (parse_date(arg, (int64_t)time(NULL), &c->before))
            return 1;
        tw_cli_error(c->cli, "--before wants YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or Nd, not '%s'",
                     arg);
        return -1;
    case OPT_INCLUDE_OPEN:
        c->include_open = true;
        return 1;
    default:
        return 0;
    }
}

/* Parses the options after the subcommand (argv[1]); -1 to go on, else
 * the exit status. */
static int parse_args(fctx *c, int argc, char **argv)
{
    optind = 2;
    for (;;) {
        int code = getopt_long(argc, argv, "f:o:qh", longopts, NULL);
        int handled;

        if (code == -1)
            break;
        if (code == 'h') {
            fputs(usage, stdout);
            return TW_EXIT_CLEAN;
        }
        if (code == '?' || !option_applies(c, code)) {
            fputs(usage, stderr);
            return TW_EXIT_USAGE;
        }
        handled = own_option(c, code, optarg);
        if (handled == 0)
            handled = tw_common_option(c->cli, &c->o, code, optarg);
        if (handled <= 0)
            return TW_EXIT_USAGE;
    }
    c->operands = argv + optind;
    c->noperands = argc - optind;
    return -1;
}

/* A finding id operand; false after printing why. */
static bool parse_id(const fctx *c, const char *arg, int64_t *id)
{
    if (tw_str_to_i64(tw_str_c(arg), id) && *id > 0)
        return true;
    tw_cli_error(c->cli, "'%s' is not a finding id (a number from 'findings list')", arg);
    return false;
}

/* "2025-03-04T05:06:07Z" into the arena; "" when it cannot be made. */
static const char *iso_time(tw_arena *a, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];

    if (gmtime_r(&tt, &tm) == NULL || strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return "";
    return tw_arena_strdup(a, buf);
}

static const char *const store_details[] = {"store_id", "store_state", "first_seen", "last_seen",
                                            "note",     "ack_by",      "ack_time"};

static bool is_store_detail(const char *name)
{
    for (size_t i = 0; i < sizeof(store_details) / sizeof(store_details[0]); i++) {
        if (strcmp(name, store_details[i]) == 0)
            return true;
    }
    return false;
}

/* The finding of sf with the store's details after its own (a detail of
 * its own with one of their names is left out); false on ENOMEM. */
static bool with_details(const tw_stored_finding *sf, tw_arena *a, tw_finding *out)
{
    size_t n = 0;
    tw_detail *v = tw_arena_alloc(a, (sf->f.ndetails + 7) * sizeof(*v));

    if (v == NULL)
        return false;
    for (size_t i = 0; i < sf->f.ndetails; i++) {
        if (!is_store_detail(sf->f.details[i].name))
            v[n++] = sf->f.details[i];
    }
    v[n++] = (tw_detail){"store_id", tw_arena_printf(a, "%lld", (long long)sf->id)};
    v[n++] = (tw_detail){"store_state", tw_finding_state_name(sf->state)};
    v[n++] = (tw_detail){"first_seen", iso_time(a, sf->first_seen)};
    v[n++] = (tw_detail){"last_seen", iso_time(a, sf->last_seen)};
    if (sf->note != NULL)
        v[n++] = (tw_detail){"note", sf->note};
    if (sf->ack_by != NULL)
        v[n++] = (tw_detail){"ack_by", sf->ack_by};
    if (sf->ack_time != 0)
        v[n++] = (tw_detail){"ack_time", iso_time(a, sf->ack_time)};
    for (size_t i = 0; i < n; i++) {
        if (v[i].value == NULL)
            return false;
    }
    *out = sf->f;
    out->details = v;
    out->ndetails = n;
    return true;
}

/* Writes stored findings in their order, counting them against --fail-on
 * when judge is set; returns the exit status. */
static int write_findings(fctx *c, const tw_stored_finding *v, size_t n, tw_arena *a, bool judge)
{
    tw_cli_run run = {0};
    bool tty = false;
    FILE *out = tw_cli_open_output(c->cli, &c->o, &tty);
    int status;

    if (out == NULL)
        return TW_EXIT_USAGE;
    if (tw_cli_run_start(c->cli, &c->o, &run, out, tty, NULL)) {
        for (size_t i = 0; i < n; i++) {
            tw_finding f;

            if (!with_details(&v[i], a, &f)) {
                run.internal_error = true;
                break;
            }
            run.counts[f.severity]++;
            run.fail |= judge && f.severity >= c->o.fail_on;
            if (!c->o.quiet && tw_writer_add(run.writer, &f) != TW_OK)
                run.internal_error = true;
        }
    }
    tw_cli_run_finish(&c->o, &run);
    status = tw_cli_run_status(&run, false);
    if (fflush(out) != 0)
        status = TW_EXIT_INTERNAL;
    if (out != stdout)
        fclose(out);
    return status;
}

/* The exit status for a failed store call (its diagnostics printed). */
static int store_failed(const fctx *c, tw_diags *d, tw_err rc)
{
    tw_cli_print_diags(c->cli, d, true);
    if (rc == TW_ENOMEM || rc == TW_ELIMIT) {
        tw_cli_error(c->cli, "%s", tw_strerror(rc));
        return TW_EXIT_INTERNAL;
    }
    return TW_EXIT_INPUT;
}

static int findings_list(fctx *c, tw_store *s, tw_arena *a)
{
    tw_stored_finding *v = NULL;
    size_t n = 0;
    tw_diags d;
    tw_err rc;

    tw_diags_init(&d);
    rc = tw_store_findings_list(s, &c->q, a, &v, &n, &d);
    if (rc != TW_OK)
        return store_failed(c, &d, rc);
    tw_diags_release(&d);
    return write_findings(c, v, n, a, true);
}

static int findings_show(fctx *c, tw_store *s, tw_arena *a)
{
    tw_stored_finding sf;
    bool found = false;
    int64_t id = 0;
    tw_diags d;
    tw_err rc;

    parse_id(c, c->operands[0], &id); /* checked by check_operands */
    tw_diags_init(&d);
    rc = tw_store_finding_get(s, id, a, &sf, &found, &d);
    if (rc != TW_OK)
        return store_failed(c, &d, rc);
    tw_diags_release(&d);
    if (!found) {
        tw_cli_error(c->cli, "%s: no finding %lld", tw_store_path(s), (long long)id);
        return TW_EXIT_INPUT;
    }
    return write_findings(c, &sf, 1, a, false); /* show reports, it does not judge */
}

static int findings_ack(fctx *c, tw_store *s)
{
    const char *by = getenv("USER");
    int status = TW_EXIT_CLEAN;
    int64_t id = 0;

    for (int i = 0; i < c->noperands && status != TW_EXIT_INTERNAL; i++) {
        bool found = false;
        tw_diags d;
        tw_err rc;

        parse_id(c, c->operands[i], &id); /* checked by check_operands */
        tw_diags_init(&d);
        rc = tw_store_finding_ack(s, id, c->note, by != NULL && *by ? by : NULL,
                                  (int64_t)time(NULL), &found, &d);
        if (rc != TW_OK) {
            status = store_failed(c, &d, rc);
            continue;
        }
        tw_diags_release(&d);
        if (found) {
            printf("finding %lld acknowledged\n", (long long)id);
        } else {
            tw_cli_error(c->cli, "%s: no finding %lld", tw_store_path(s), (long long)id);
            status = TW_EXIT_INPUT;
        }
    }
    return status;
}

static int findings_prune(fctx *c, tw_store *s)
{
    size_t deleted = 0;
    tw_diags d;
    tw_err rc;

    tw_diags_init(&d);
    rc = tw_store_findings_prune(s, c->before, c->include_open, &deleted, &d);
    if (rc != TW_OK)
        return store_failed(c, &d, rc);
    tw_diags_release(&d);
    printf("%zu finding%s pruned\n", deleted, deleted == 1 ? "" : "s");
    return TW_EXIT_CLEAN;
}

/* The operands of the subcommand, before the store is touched: -1 when
 * they are right, else TW_EXIT_USAGE after printing why. */
static int check_operands(const fctx *c)
{
    int64_t id = 0;

    if (c->sub == SUB_LIST && c->noperands > 0) {
        tw_cli_error(c->cli, "findings list takes no operands ('%s')", c->operands[0]);
        return TW_EXIT_USAGE;
    }
    if (c->sub == SUB_SHOW && c->noperands != 1) {
        tw_cli_error(c->cli, "findings show takes one finding id");
        return TW_EXIT_USAGE;
    }
    if (c->sub == SUB_PRUNE && (c->noperands > 0 || c->before == 0)) {
        tw_cli_error(c->cli, c->noperands > 0 ? "findings prune takes no operands"
                                              : "findings prune needs --before DATE");
        return TW_EXIT_USAGE;
    }
    if (c->sub == SUB_ACK && c->noperands < 1) {
        tw_cli_error(c->cli, "findings ack needs at least one finding id");
        return TW_EXIT_USAGE;
    }
    for (int i = 0; (c->sub == SUB_SHOW || c->sub == SUB_ACK) && i < c->noperands; i++) {
        if (!parse_id(c, c->operands[i], &id))
            return TW_EXIT_USAGE;
    }
    return -1;
}

/* Runs the parsed subcommand against the store. */
static int run_sub(fctx *c)
{
    tw_store *s = tw_cli_store_open(c->cli, c->store);
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    int status;

    if (s == NULL || a == NULL)
        status = s == NULL ? TW_EXIT_INPUT : TW_EXIT_INTERNAL;
    else if (c->sub == SUB_LIST)
        status = findings_list(c, s, a);
    else if (c->sub == SUB_SHOW)
        status = findings_show(c, s, a);
    else if (c->sub == SUB_PRUNE)
        status = findings_prune(c, s);
    else
        status = findings_ack(c, s);
    tw_arena_free(a);
    tw_store_close(s);
    return status;
}

static unsigned find_sub(const char *name)
{
    if (strcmp(name, "list") == 0)
        return SUB_LIST;
    if (strcmp(name, "show") == 0)
        return SUB_SHOW;
    if (strcmp(name, "ack") == 0)
        return SUB_ACK;
    if (strcmp(name, "prune") == 0)
        return SUB_PRUNE;
    return 0;
}

int cmd_findings(int argc, char **argv, tw_cli *cli)
{
    fctx c = {.cli = cli};
    int status;

    if (argc < 2) {
        fputs(usage, stderr);
        return TW_EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage, stdout);
        return TW_EXIT_CLEAN;
    }
    c.sub = find_sub(argv[1]);
    if (c.sub == 0) {
        tw_cli_error(cli, "unknown findings subcommand '%s' (list, show, ack, prune)", argv[1]);
        return TW_EXIT_USAGE;
    }
    tw_common_init(&c.o);
    status = parse_args(&c, argc, argv);
    if (status < 0)
        status = check_operands(&c);
    if (status < 0)
        status = run_sub(&c);
    tw_common_release(&c.o);
    return status;
}
