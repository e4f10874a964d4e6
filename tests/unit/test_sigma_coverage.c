/*
 * test_sigma_coverage.c: the built-in rules cover the commands defenders
 * already watch with the Sigma rules for Cisco AAA (rules/network/cisco/aaa
 * of SigmaHQ, read from TW_CORPUS_DIR/sigma/cisco/aaa when the corpus is
 * present; skipped otherwise).
 *
 * Each rule's detection keywords (the lists under its selection keys) is
 * taken as a command of a TACACS+ accounting event, and every built-in pack
 * must give at least one finding for it, except the few keywords listed in
 * not_covered with the reason; those must give none, so the list stays
 * true.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <yaml.h>

#include "tidewatch/arena.h"
#include "tidewatch/fact.h"
#include "tidewatch/finding.h"
#include "tidewatch/rules.h"

#define SIGMA_DIR TW_CORPUS_DIR "/sigma/cisco/aaa"
#define MAX_KEYWORDS 256
#define MAX_FILES 64

/* Keywords deliberately left uncovered, with the reason. */
static const struct {
    const char *keyword;
    const char *reason;
} not_covered[] = {
    {"puts", "a bare Tcl puts prints to the terminal; 'puts $channel' writes a file and is "
             "covered by TW-HUNT-STAGE-DATA, and the tclsh session by TW-HUNT-TCLSH"},
};

#define NNOT (sizeof(not_covered) / sizeof(not_covered[0]))

typedef struct {
    char *word[MAX_KEYWORDS];
    char *file[MAX_KEYWORDS];
    size_t n;
} keywords;

static bool corpus_present(void)
{
    DIR *d = opendir(SIGMA_DIR);

    if (d != NULL)
        closedir(d);
    return d != NULL;
}

static void skip_unless_corpus(void)
{
    if (!corpus_present())
        skip();
}

/* The value node of key in mapping n, or NULL. */
static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *n, const char *key)
{
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
         n->type == YAML_MAPPING_NODE && p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k != NULL && k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

/* Adds the scalars of a sequence node to kw. */
static void add_list(yaml_document_t *doc, yaml_node_t *seq, const char *file, keywords *kw)
{
    for (yaml_node_item_t *it = seq->data.sequence.items.start;
         seq->type == YAML_SEQUENCE_NODE && it < seq->data.sequence.items.top; it++) {
        yaml_node_t *v = yaml_document_get_node(doc, *it);
        if (v == NULL || v->type != YAML_SCALAR_NODE || kw->n >= MAX_KEYWORDS)
            continue;
        kw->word[kw->n] = strdup((const char *)v->data.scalar.value);
        kw->file[kw->n++] = strdup(file);
    }
}

/* Reads the keyword lists of one Sigma rule: every sequence under a key of
 * "detection" (condition and timeframe are not lists). */
static void read_rule(const char *path, const char *file, keywords *kw)
{
    FILE *f = fopen(path, "rb");
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_node_t *det;

    assert_non_null(f);
    assert_true(yaml_parser_initialize(&parser));
    yaml_parser_set_input_file(&parser, f);
    assert_true(yaml_parser_load(&parser, &doc));
    det = map_get(&doc, yaml_document_get_root_node(&doc), "detection");
    assert_non_null(det);
    for (yaml_node_pair_t *p = det->data.mapping.pairs.start; p < det->data.mapping.pairs.top; p++)
        add_list(&doc, yaml_document_get_node(&doc, p->value), file, kw);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(f);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every *.yml of the folder, in name order. */
static size_t read_all(keywords *kw)
{
    DIR *d = opendir(SIGMA_DIR);
    char *names[MAX_FILES];
    size_t n = 0;
    struct dirent *e;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL && n < MAX_FILES) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".yml") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), name_cmp);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", SIGMA_DIR, names[i]);
        read_rule(path, names[i], kw);
        free(names[i]);
    }
    return n;
}

static void keywords_free(keywords *kw)
{
    for (size_t i = 0; i < kw->n; i++) {
        free(kw->word[i]);
        free(kw->file[i]);
    }
}

/* The findings of every built-in rule for a TACACS+ accounting record of
 * command; writes their ids. */
static size_t fire(const tw_ruleset *rs, tw_arena *arena, const char *command, char *ids,
                   size_t cap)
{
    tw_rule_env env = {NULL};
    tw_factset fs;
    tw_findings out;
    char line[512];
    size_t n, len = 0;

    tw_arena_reset(arena);
    tw_factset_init(&fs, arena);
    snprintf(line, sizeof(line), "10.0.0.1\tnetops\ttty1\t10.0.0.5\tstop\tcmd=%s", command);
    tw_factset_begin(&fs, TW_FACT_EVENT, 1, tw_str_c(line), TW_STR_NULL);
    tw_factset_str(&fs, "format", TW_STR("tacacs"));
    tw_factset_str(&fs, "host", TW_STR("10.0.0.1"));
    tw_factset_str(&fs, "user", TW_STR("netops"));
    tw_factset_str(&fs, "command", tw_str_c(command));
    assert_int_equal(tw_factset_end(&fs), TW_OK);
    tw_findings_init(&out, arena);
    assert_int_equal(tw_rules_apply(rs, &env, "acct.log", &fs, &out), TW_OK);
    ids[0] = '\0';
    for (size_t i = 0; i < out.n; i++)
        len += (size_t)snprintf(ids + len, cap - len, " %s", out.v[i].rule);
    n = out.n;
    tw_findings_release(&out);
    tw_factset_release(&fs);
    return n;
}

/* The reason a keyword is left uncovered, or NULL. */
static const char *reason_for(const char *keyword)
{
    for (size_t i = 0; i < NNOT; i++) {
        if (strcmp(not_covered[i].keyword, keyword) == 0)
            return not_covered[i].reason;
    }
    return NULL;
}

static void test_sigma_keywords(void **state)
{
    keywords kw = {0};
    tw_diags diags;
    tw_ruleset *rs;
    tw_arena *arena;

    (void)state;
    skip_unless_corpus();
    rs = tw_ruleset_new();
    arena = tw_arena_new(0);
    tw_diags_init(&diags);
    assert_int_equal(tw_ruleset_load_builtin(rs, &diags), TW_OK);
    assert_int_equal(tw_ruleset_finish(rs, &diags), TW_OK);
    assert_true(read_all(&kw) >= 10);
    assert_true(kw.n >= 50);
    for (size_t i = 0; i < kw.n; i++) {
        char ids[1024], got[1400], want[1400];
        const char *reason = reason_for(kw.word[i]);
        size_t n = fire(rs, arena, kw.word[i], ids, sizeof(ids));
        snprintf(got, sizeof(got), "%s '%s': %s%s", kw.file[i], kw.word[i],
                 n > 0 ? "covered" : "not covered", reason != NULL ? ids : "");
        snprintf(want, sizeof(want), "%s '%s': %s", kw.file[i], kw.word[i],
                 reason != NULL ? "not covered" : "covered");
        assert_string_equal(got, want);
    }
    keywords_free(&kw);
    tw_ruleset_free(rs);
    tw_arena_free(arena);
    tw_diags_release(&diags);
}

/* Every uncovered keyword is one of the Sigma rules' and has a reason. */
static void test_not_covered_listed(void **state)
{
    keywords kw = {0};

    (void)state;
    skip_unless_corpus();
    read_all(&kw);
    for (size_t i = 0; i < NNOT; i++) {
        size_t seen = 0;
        for (size_t j = 0; j < kw.n; j++)
            seen += strcmp(kw.word[j], not_covered[i].keyword) == 0;
        assert_true(seen > 0);
        assert_true(strlen(not_covered[i].reason) > 20);
    }
    keywords_free(&kw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigma_keywords),
        cmocka_unit_test(test_not_covered_listed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
