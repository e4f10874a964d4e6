/*
 * cli.h: what the command files of the tidewatch binary share.
 *
 * Only cli/ talks to the user: it parses argv, reads files, prints findings
 * and diagnostics and picks the exit status.  Each command lives in
 * cmd_<name>.c and is listed in main.c's table.
 */
#ifndef TW_CLI_H
#define TW_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <tidewatch/tidewatch.h>

/* Exit statuses of DESIGN.md. */
enum {
    TW_EXIT_CLEAN = 0,    /* nothing at or above --fail-on */
    TW_EXIT_FINDINGS = 1, /* findings at or above --fail-on */
    TW_EXIT_USAGE = 2,
    TW_EXIT_INPUT = 3, /* an input or rule file could not be processed */
    TW_EXIT_INTERNAL = 4,
};

typedef struct tw_cli_progress tw_cli_progress;

typedef struct {
    const char *prog; /* "tidewatch" */
    bool stdout_tty;
    bool stderr_tty;
    bool no_color_env;         /* NO_COLOR is set */
    tw_cli_progress *progress; /* the progress line drawn on stderr, if any */
} tw_cli;

/* Options shared by the commands that read evidence and write findings. */
typedef struct {
    tw_format format;
    bool format_set;
    const char *output; /* NULL: stdout */
    tw_severity fail_on;
    bool quiet;
    bool no_color;
    bool verbose;
    const char **iocs; /* --ioc files */
    size_t niocs;
    bool no_builtin_iocs;
    const char *rules_dir;
    unsigned jobs;
    tw_dialect dialect;
} tw_common_opts;

/* Usage lines of the shared options, for the commands whose option column
 * is 23 characters wide (audit, exposure, diff). */
#define TW_USAGE_OUTPUT_OPTIONS                                                                    \
    "  -f, --format FMT       text, jsonl, sarif, csv or html (default: text on a\n"               \
    "                         terminal, jsonl otherwise)\n"                                        \
    "  -o, --output FILE      write findings to FILE instead of stdout\n"                          \
    "      --fail-on SEV      exit 1 when a finding is at or above SEV\n"                          \
    "                         (info, low, medium, high, critical; default low)\n"                  \
    "  -q, --quiet            print no findings, only set the exit status\n"                       \
    "      --no-color         no colour in text output (also NO_COLOR=1)\n"
#define TW_USAGE_IOC_OPTIONS                                                                       \
    "      --ioc FILE         add indicators (text, CSV or STIX 2.1); repeatable\n"                \
    "      --no-builtin-iocs  leave out the advisory's built-in indicators\n"

typedef int (*tw_cmd_fn)(int argc, char **argv, tw_cli *cli);

int cmd_audit(int argc, char **argv, tw_cli *cli);
int cmd_hunt(int argc, char **argv, tw_cli *cli);
int cmd_exposure(int argc, char **argv, tw_cli *cli);
int cmd_rules(int argc, char **argv, tw_cli *cli);
int cmd_diff(int argc, char **argv, tw_cli *cli);
int cmd_watch(int argc, char **argv, tw_cli *cli);
int cmd_scan(int argc, char **argv, tw_cli *cli);

/* Prints "tidewatch: error: <msg>" (or warning) to stderr. */
void tw_cli_error(const tw_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tw_cli_warn(const tw_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "tidewatch: MESSAGE", for what is neither an error nor a warning. */
void tw_cli_note(const tw_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints and empties a diagnostics list; returns the number of errors. */
size_t tw_cli_print_diags(const tw_cli *cli, tw_diags *d, bool warnings);

/* Initialises the shared options with their defaults. */
void tw_common_init(tw_common_opts *o);
void tw_common_release(tw_common_opts *o);
/* Handles one shared option (getopt_long value c with optarg); returns 1
 * when handled, 0 when c is not a shared option, -1 on a bad value. */
int tw_common_option(const tw_cli *cli, tw_common_opts *o, int c, const char *arg);
/* The getopt_long entries of the shared options (terminated by the caller). */
#define TW_COMMON_LONGOPTS                                                                         \
    {"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},            \
        {"fail-on", required_argument, NULL, 0x100}, {"quiet", no_argument, NULL, 'q'},            \
        {"no-color", no_argument, NULL, 0x101}, {"ioc", required_argument, NULL, 0x102},           \
        {"no-builtin-iocs", no_argument, NULL, 0x103}, {"rules", required_argument, NULL, 0x104},  \
        {"jobs", required_argument, NULL, 'j'}, {"dialect", required_argument, NULL, 0x105},       \
    {                                                                                              \
        "verbose", no_argument, NULL, 'v'                                                          \
    }
#define TW_COMMON_SHORTOPTS "f:o:qj:v"

/* Loads the built-in rule packs and --rules DIR, then freezes the set.
 * Returns NULL after printing the reason; *bad is set when a pack had
 * errors (exit status 3) though a usable set was built. */
tw_ruleset *tw_cli_load_rules(const tw_cli *cli, const char *dir, bool *bad);
/* Builds the indicator set from the built-ins and --ioc files. */
tw_iocset *tw_cli_load_iocs(const tw_cli *cli, const tw_common_opts *o, bool *bad);
/* Reads path ('-': stdin) and parses it as a configuration into fs (whose
 * arena holds the facts): true when fs holds them.  A file that is not a
 * configuration tidewatch parses is skipped, with a warning when warn is
 * set; one that cannot be read is an error and sets *bad.  The parser's
 * diagnostics are printed. */
bool tw_cli_parse_config(const tw_cli *cli, const char *path, bool warn, tw_factset *fs, bool *bad);

/* A list of input files found by walking the operands. */
typedef struct {
    char **v;
    bool *named; /* given on the command line, not found by walking */
    size_t n, cap;
} tw_paths;

/* Expands operands (files and folders, recursively, sorted, hidden entries
 * and symlinked folders skipped).  Operands that do not exist are printed
 * as errors and counted in *bad. */
void tw_paths_collect(const tw_cli *cli, char **operands, int n, tw_paths *out, size_t *bad);
void tw_paths_release(tw_paths *p);

/* Sink for writers: a FILE*. */
tw_err tw_cli_write_file(void *ud, const char *data, size_t len);

/* Opens --output (or returns stdout); *tty tells whether it is a terminal.
 * NULL after printing the reason. */
FILE *tw_cli_open_output(const tw_cli *cli, const tw_common_opts *o, bool *tty);

/* The body of a command over its inputs: paths are collected, out is open
 * (tty: it is a terminal); *bad is set when an input could not be found.
 * Returns the exit status. */
typedef int (*tw_cli_body)(void *ud, FILE *out, bool tty, bool *bad);
/* Collects the operands into paths, opens the output, runs body, then
 * flushes and closes the output; returns the exit status. */
int tw_cli_run_operands(const tw_cli *cli, const tw_common_opts *o, char **operands, int n,
                        tw_paths *paths, tw_cli_body body, void *ud);

struct option;

/* A command over file operands, as tw_cli_command_run runs it. */
typedef struct {
    const char *usage;
    const char *shortopts;         /* for getopt_long, with "h" */
    const struct option *longopts; /* with {"help", ..., 'h'}; NULL-terminated */
    const char *needs;             /* the error when no operand is given */
    /* The command's own options, tried before the shared ones with the ud
     * of tw_cli_command_run: 1 handled, 0 not its own, -1 a bad value
     * (reported).  NULL: the command has only the shared options. */
    int (*option)(void *ud, int c, const char *arg);
    tw_cli_body body;
} tw_cli_command;

/* Parses the options of argv for cmd (cmd->option first, then the shared
 * ones; cmd->body and cmd->needs are not used): -h prints the usage and
 * returns 0, an unknown option or a bad value prints the usage on stderr
 * and returns 2; -1 when the operands are to be read, from optind on. */
int tw_cli_options(const tw_cli *cli, tw_common_opts *o, const tw_cli_command *cmd, int argc,
                   char **argv, void *ud);

/* Parses argv for cmd: -h prints the usage and returns 0; an unknown
 * option, a bad value or a missing operand (cmd->needs) prints the usage
 * on stderr and returns 2.  Then runs cmd->body(ud, ...) over the operands
 * as tw_cli_run_operands does, and releases paths.  Returns the exit
 * status. */
int tw_cli_command_run(const tw_cli *cli, tw_common_opts *o, const tw_cli_command *cmd, int argc,
                       char **argv, tw_paths *paths, void *ud);

/* What a run that writes findings has seen so far. */
typedef struct {
    tw_writer *writer;
    size_t counts[TW_SEV_CRITICAL + 1];
    bool fail;           /* a finding at or above --fail-on */
    bool input_error;    /* exit status 3 */
    bool internal_error; /* exit status 4 */
} tw_cli_run;

/* Creates the run's writer on out: the format defaults to text on a
 * terminal and jsonl otherwise.  False (run->internal_error set) on ENOMEM. */
bool tw_cli_run_start(const tw_cli *cli, tw_common_opts *o, tw_cli_run *run, FILE *out, bool tty,
                      const tw_ruleset *rules);
/* Sorts one input's findings and writes them (unless --quiet), counting
 * severities against --fail-on. */
void tw_cli_run_findings(const tw_common_opts *o, tw_cli_run *run, tw_findings *fl);
/* Reports one input in its turn: prints its diagnostics, notes whether it
 * failed (exit status 3; so does a findings list that hit its limit and
 * dropped some, which is said) or hit an internal error (4), writes its
 * findings as tw_cli_run_findings does, and releases both lists. */
void tw_cli_run_input(const tw_cli *cli, const tw_common_opts *o, tw_cli_run *run, tw_findings *fl,
                      tw_diags *d, bool failed, bool internal);
/* Finishes the document and frees the writer. */
void tw_cli_run_finish(const tw_common_opts *o, tw_cli_run *run);
/* The exit status of DESIGN.md for the run. */
int tw_cli_run_status(const tw_cli_run *run, bool setup_error);

/* Runs work(ud, worker, i, arena) for i in [0, n) on jobs threads (worker
 * is the thread's index, below jobs) and emit(ud, i) on the calling thread
 * in order of i, at most window items (0: four per job) ahead of the
 * emitted one.  jobs 1 (or a failure to start threads) runs everything on
 * the calling thread with worker 0.  Each item gets an arena (capped at
 * TW_LIMIT_ARENA; NULL when memory ran out) that is its own from work
 * until emit returns; then it is reset and kept for a later item, so
 * inputs reuse its blocks instead of allocating afresh. */
typedef struct {
    size_t n;
    unsigned jobs;
    size_t window;
    void (*work)(void *ud, unsigned worker, size_t i, tw_arena *arena);
    void (*emit)(void *ud, size_t i);
    void *ud;
} tw_cli_ordered;

void tw_cli_run_ordered(const tw_cli_ordered *o);

/* progress.c: a progress line on standard error when it is a terminal
 * (and not --quiet), for runs over more than one file. */
struct tw_cli_progress {
    tw_cli *cli;
    bool on, drawn;
    size_t n, total;
    double last; /* when it was last drawn */
};
void tw_cli_progress_start(tw_cli *cli, tw_cli_progress *p, bool quiet, size_t total);
/* One more item done, name the next one's (shown escaped). */
void tw_cli_progress_step(tw_cli_progress *p, const char *name);
/* Clears the line. */
void tw_cli_progress_end(tw_cli_progress *p);
/* Clears the progress line of cli, if one is drawn, before a message
 * takes its place (the next step draws it again); every message does this. */
void tw_cli_progress_clear(const tw_cli *cli);

/* Runs git with argv (argv[0] "git"; no shell) and reads what it prints
 * into out, up to out's cap (*cut: there was more).  Returns git's exit
 * status, -1 when it could not be run or was killed. */
int tw_cli_git(char *const argv[], tw_buf *out, bool *cut);

/* One `git -C repo cat-file --batch` kept running (git.c). */
typedef struct tw_cli_git_cat tw_cli_git_cat;
/* Starts it; NULL when it cannot be run. */
tw_cli_git_cat *tw_cli_git_cat_new(const char *repo);
/* The blob spec names (REV:PATH; no newline in it) into out, up to out's
 * cap (*cut: it was larger).  1 when it is a blob, 0 when there is no such
 * blob, -1 when the spec cannot be asked (a newline) or git failed; after
 * a failure every call gives -1. */
int tw_cli_git_cat_get(tw_cli_git_cat *g, const char *spec, tw_buf *out, bool *cut);
/* Ends git (closing its input) and frees g; NULL is allowed. */
void tw_cli_git_cat_free(tw_cli_git_cat *g);

/* store_path.c: the store of the commands that keep one (findings, watch). */
typedef struct tw_store tw_store;
/* The store's path: opt (--store) when not NULL, else
 * $XDG_DATA_HOME/tidewatch/store.db (when XDG_DATA_HOME is an absolute
 * path), else $HOME/.local/share/tidewatch/store.db.  malloc'd; NULL when
 * neither variable is usable or memory ran out. */
char *tw_cli_store_path(const char *opt);
/* Opens the store at tw_cli_store_path(opt), first creating its folder (and
 * the missing ones above it) with mode 0700.  Prints what went wrong and
 * returns NULL (exit status 3) on failure; close it with tw_store_close. */
tw_store *tw_cli_store_open(const tw_cli *cli, const char *opt);

/* cmd_findings.c: "tidewatch findings list|show|ack". */
int cmd_findings(int argc, char **argv, tw_cli *cli);

/* cmd_report.c: "tidewatch report": findings in JSON Lines rendered in any
 * format, by default one HTML page. */
int cmd_report(int argc, char **argv, tw_cli *cli);

#endif
