/*
 * test_corpus_ios.c: the IOS / IOS XE parser over the public corpus.
 *
 * Reads TW_CORPUS_DIR/configs (every file under batfish-example, the files
 * directly in batfish-unit, the .ios files of ciscoconfparse2), detects every file's dialect,
 * parses those detected as IOS or IOS XE, and checks that no error
 * diagnostic appears and that the totals per fact kind equal the numbers
 * recorded below, so that a change in the parser shows up as a changed
 * count.  Skips when the corpus is absent.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "config_test_util.h"
#include "tidewatch/config.h"

#define CONFIGS TW_CORPUS_DIR "/configs"

typedef struct {
    size_t files, parsed, errors;
    size_t kinds[TW__FACT_KIND_COUNT];
} totals;

/* Observed totals per kind over the corpus (regenerate when the parser
 * changes on purpose: the failing assertion prints the new number). */
static const size_t want_kinds[TW__FACT_KIND_COUNT] = {
    [TW_FACT_HOSTNAME] = 91,        [TW_FACT_VERSION] = 46,       [TW_FACT_ACL_ENTRY] = 15658,
    [TW_FACT_AAA_SERVER] = 8,       [TW_FACT_AAA_METHOD] = 91,    [TW_FACT_TUNNEL] = 6,
    [TW_FACT_MIRROR_SESSION] = 1,   [TW_FACT_CAPTURE] = 0,        [TW_FACT_LOCAL_USER] = 28,
    [TW_FACT_SECRET] = 55,          [TW_FACT_SERVICE] = 420,      [TW_FACT_LOGGING_HOST] = 48,
    [TW_FACT_LOGGING] = 103,        [TW_FACT_NTP_SERVER] = 38,    [TW_FACT_SNMP_COMMUNITY] = 27,
    [TW_FACT_SNMP_USER] = 1,        [TW_FACT_SNMP_HOST] = 15,     [TW_FACT_VTY] = 55,
    [TW_FACT_SCRIPT] = 0,           [TW_FACT_INTERFACE] = 5039,   [TW_FACT_ROUTE] = 13,
    [TW_FACT_CRYPTO_PROPOSAL] = 13, [TW_FACT_ROUTING_PEER] = 131, [TW_FACT_ROUTE_MAP] = 145,
    [TW_FACT_PREFIX_LIST] = 58,     [TW_FACT_ADDRESS] = 20847,
};

static void one_file(totals *t, const char *path)
{
    size_t len = 0;
    char *data = cfg_slurp(path, &len);
    tw_dialect d;

    assert_non_null(data);
    t->files++;
    d = tw_dialect_detect(data, len);
    if (d == TW_DIALECT_IOS || d == TW_DIALECT_IOSXE) {
        tw_arena *a = tw_arena_new(0);
        tw_factset fs;
        tw_diags dg;
        tw_factset_init(&fs, a);
        tw_diags_init(&dg);
        assert_int_equal(tw_config_parse(path, data, len, d, &fs, &dg), TW_OK);
        t->parsed++;
        t->errors += dg.errors;
        for (size_t i = 0; i < fs.n; i++)
            t->kinds[fs.v[i].kind]++;
        tw_diags_release(&dg);
        tw_factset_release(&fs);
        tw_arena_free(a);
    }
    free(data);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Every regular file under dir whose name ends in suffix; into folders
 * too when recurse. */
static void walk(totals *t, const char *dir, const char *suffix, bool recurse)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, by_name);

    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        size_t len = strlen(names[i]->d_name), sl = strlen(suffix);
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode) && recurse)
                walk(t, path, suffix, true);
            else if (S_ISREG(st.st_mode) && len >= sl &&
                     strcmp(names[i]->d_name + len - sl, suffix) == 0)
                one_file(t, path);
        }
        free(names[i]);
    }
    free(names);
}

static void test_corpus(void **state)
{
    totals t;
    struct stat st;

    (void)state;
    if (stat(CONFIGS, &st) != 0) {
        skip();
    }
    memset(&t, 0, sizeof(t));
    walk(&t, CONFIGS "/batfish-example", "", true);
    walk(&t, CONFIGS "/batfish-unit", "", false);
    walk(&t, CONFIGS "/ciscoconfparse2", ".ios", false);
    print_message("files %zu parsed %zu\n", t.files, t.parsed);
    for (int k = 0; k < TW__FACT_KIND_COUNT; k++)
        print_message("    %zu, /* %s */\n", t.kinds[k], tw_fact_kind_name((tw_fact_kind)k));
    assert_int_equal(t.errors, 0);
    assert_true(t.parsed > 0);
    assert_int_equal(t.files, 127);
    assert_int_equal(t.parsed, 94);
    for (int k = 0; k < TW__FACT_KIND_COUNT; k++)
        assert_int_equal(t.kinds[k], want_kinds[k]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
