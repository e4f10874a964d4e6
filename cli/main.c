/*
 * main.c: the tidewatch binary's entry point: one table of commands
 * {name, function, summary}, global --help and --version, and dispatch
 * (git.c style).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct {
    const char *name;
    tw_cmd_fn fn;
    const char *summary;
} tw_command;

static const tw_command commands[] = {
    {"scan", cmd_scan, "sweep an evidence folder: every engine on what it applies to"},
    {"audit", cmd_audit, "audit device configurations: compromise signs and hardening gaps"},
    {"hunt", cmd_hunt, "hunt logs and accounting records: indicator sightings and behaviours"},
    {"exposure", cmd_exposure, "which devices run exploited releases, and what fixes them"},
    {"diff", cmd_diff, "what changed between two configurations, by security meaning"},
    {"watch", cmd_watch, "watch a backup folder and listen for syslog: findings as they happen"},
    {"findings", cmd_findings, "list, show, acknowledge and prune the findings kept in the store"},
    {"report", cmd_report, "render findings of a JSON Lines file as one HTML page or any format"},
    {"rules", cmd_rules, "list, explain and validate rule packs"},
};

static void print_usage(FILE *f)
{
    fprintf(f, "usage: tidewatch [--version] [--help] COMMAND [ARGS]\n\n"
               "tidewatch hunts the AA25-239A (Salt Typhoon) actors in the evidence network\n"
               "operators already keep, offline.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'tidewatch COMMAND --help' shows the options of a command.\n");
}

static const tw_command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
    return NULL;
}

int main(int argc, char **argv)
{
    tw_cli cli = {.prog = "tidewatch"};
    const tw_command *cmd;
    const char *nc = getenv("NO_COLOR");

    cli.stdout_tty = isatty(STDOUT_FILENO);
    cli.stderr_tty = isatty(STDERR_FILENO);
    cli.no_color_env = nc && *nc;
    if (argc < 2) {
        print_usage(stderr);
        return TW_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc > 2 && find_command(argv[2])) {
            char *sub[] = {argv[2], "--help", NULL};
            return find_command(argv[2])->fn(2, sub, &cli);
        }
        print_usage(stdout);
        return TW_EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("tidewatch %s\n", TW_VERSION);
        return TW_EXIT_CLEAN;
    }
    cmd = find_command(argv[1]);
    if (!cmd) {
        tw_cli_error(&cli, "'%s' is not a tidewatch command; see 'tidewatch --help'", argv[1]);
        return TW_EXIT_USAGE;
    }
    return cmd->fn(argc - 1, argv + 1, &cli);
}
