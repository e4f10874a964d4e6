/*
 * cmd_rules.c: "tidewatch rules list|explain|validate": what the rule
 * packs hold, what one rule means and fixes, and whether a pack is valid
 * (errors at file:line, exit status 3).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch rules list [--rules DIR]\n"
    "       tidewatch rules explain [--rules DIR] RULE-ID\n"
    "       tidewatch rules validate FILE...\n"
    "\n"
    "list      one line per rule: id, severity, category, title\n"
    "explain   a rule's meaning, ATT&CK techniques, references and fix per dialect\n"
    "validate  check rule packs; every problem is reported at file:line\n"
    "\n"
    "      --rules DIR   add the packs of DIR (*.yaml) to the built-in ones\n"
    "  -h, --help        show this help\n";

static void print_list(const char *label, const char *const *v, size_t n)
{
    printf("%-12s", label);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? ", " : "", v[i]);
    printf("%s\n", n ? "" : "-");
}

static int rules_list(const tw_ruleset *rs)
{
    for (size_t i = 0; i < tw_ruleset_count(rs); i++) {
        const tw_rule *r = tw_ruleset_at(rs, i);

        printf("%-28s %-9s %-11s %s\n", r->id, tw_severity_name(r->severity),
               tw_category_name(r->category), r->title);
    }
    return TW_EXIT_CLEAN;
}

static int rules_explain(const tw_cli *cli, const tw_ruleset *rs, const char *id)
{
    const tw_rule *r = tw_ruleset_find(rs, id);

    if (!r) {
        tw_cli_error(cli, "no rule '%s'; 'tidewatch rules list' shows them", id);
        return TW_EXIT_USAGE;
    }
    printf("%s: %s\n\n", r->id, r->title);
    printf("%-12s%s\n", "severity", tw_severity_name(r->severity));
    printf("%-12s%s\n", "category", tw_category_name(r->category));
    printf("%-12s%s%s\n", "fact", tw_fact_kind_name(r->kind), r->absent ? " (absent)" : "");
    print_list("attack", (const char *const *)r->attack, r->nattack);
    print_list("references", (const char *const *)r->references, r->nreferences);
    printf("%-12s%s:%u\n", "defined at", r->file, (unsigned)r->line);
    if (r->description)
        printf("\n%s\n", r->description);
    for (size_t i = 0; i < r->nremediation; i++)
        printf("\nfix (%s):\n  %s\n", r->remediation[i].dialect, r->remediation[i].text);
    return TW_EXIT_CLEAN;
}

static int validate_one(const tw_cli *cli, const char *path)
{
    tw_ruleset *rs = tw_ruleset_new();
    tw_diags d;
    tw_file f;
    tw_err rc;
    int status = TW_EXIT_CLEAN;

    tw_diags_init(&d);
    rc = rs ? tw_file_read(path, TW_LIMIT_RULE_FILE, &f) : TW_ENOMEM;
    if (rc != TW_OK) {
        tw_cli_error(cli, "%s: %s", path, tw_strerror(rc));
        tw_ruleset_free(rs);
        return TW_EXIT_INPUT;
    }
    rc = tw_ruleset_load(rs, path, f.data, f.len, &d);
    if (rc == TW_OK)
        rc = tw_ruleset_finish(rs, &d);
    if (tw_cli_print_diags(cli, &d, true) || rc != TW_OK)
        status = TW_EXIT_INPUT;
    else
        printf("%s: ok, %zu rules\n", path, tw_ruleset_count(rs));
    tw_file_release(&f);
    tw_ruleset_free(rs);
    return status;
}

static int rules_validate(const tw_cli *cli, int argc, char **argv)
{
    int status = TW_EXIT_CLEAN;

    if (argc < 1) {
        tw_cli_error(cli, "rules validate needs at least one file");
        return TW_EXIT_USAGE;
    }
    for (int i = 0; i < argc; i++) {
        if (validate_one(cli, argv[i]) != TW_EXIT_CLEAN)
            status = TW_EXIT_INPUT;
    }
    return status;
}

int cmd_rules(int argc, char **argv, tw_cli *cli)
{
    static const struct option longopts[] = {{"rules", required_argument, NULL, 'r'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *dir = NULL, *sub;
    tw_ruleset *rs = NULL;
    bool bad = false;
    int c, status;

    optind = 1;
    while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return TW_EXIT_CLEAN;
        }
        if (c != 'r') {
            fputs(usage, stderr);
            return TW_EXIT_USAGE;
        }
        dir = optarg;
    }
    if (optind >= argc) {
        fputs(usage, stderr);
        return TW_EXIT_USAGE;
    }
    sub = argv[optind++];
    if (strcmp(sub, "validate") == 0)
        return rules_validate(cli, argc - optind, argv + optind);
    if (strcmp(sub, "list") != 0 && strcmp(sub, "explain") != 0) {
        tw_cli_error(cli, "unknown rules subcommand '%s' (list, explain, validate)", sub);
        return TW_EXIT_USAGE;
    }
    for (; optind < argc && strncmp(argv[optind], "--rules", 7) == 0; optind++) {
        if (argv[optind][7] == '=')
            dir = argv[optind] + 8;
        else if (optind + 1 < argc)
            dir = argv[++optind];
    }
    rs = tw_cli_load_rules(cli, dir, &bad);
    if (!rs)
        return TW_EXIT_INTERNAL;
    if (strcmp(sub, "list") == 0)
        status = rules_list(rs);
    else if (optind < argc)
        status = rules_explain(cli, rs, argv[optind]);
    else {
        tw_cli_error(cli, "rules explain needs a rule id");
        status = TW_EXIT_USAGE;
    }
    if (bad && status == TW_EXIT_CLEAN)
        status = TW_EXIT_INPUT;
    tw_ruleset_free(rs);
    return status;
}
