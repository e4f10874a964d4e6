/*
 * test_inventory.c: device inventories (lib/parse/inventory*.c through
 * inventory.h): kind detection, each format's records with exact lines
 * from the fixtures in data/inventory/, column aliases, OS inference and
 * reclassification, train-only versions, bad rows as diagnostics, limits,
 * and hostile input (huge fields, NUL bytes, unbalanced quotes, deep JSON,
 * every truncation of every fixture).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/inventory.h"

#define DIR "data/inventory/"

typedef struct {
    tw_arena *arena;
    tw_inventory inv;
    tw_diags diags;
    tw_err rc;
    size_t warnings;
} run;

static char *slurp(const char *name, size_t *len)
{
    char path[256];
    FILE *f;
    char *buf = malloc(1 << 16);

    snprintf(path, sizeof(path), DIR "%s", name);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 16, f);
    fclose(f);
    return buf;
}

static void run_init(run *r)
{
    r->arena = tw_arena_new(0);
    assert_non_null(r->arena);
    tw_inventory_init(&r->inv, r->arena);
    tw_diags_init(&r->diags);
}

static void run_done(run *r)
{
    tw_diags_release(&r->diags);
    tw_inventory_release(&r->inv);
    tw_arena_free(r->arena);
}

static size_t count_level(const tw_diags *d, tw_diag_level level)
{
    size_t n = 0;

    for (size_t i = 0; i < d->n; i++)
        n += d->v[i].level == level;
    return n;
}

/* Parses a buffer (copied to an exact-size allocation, so ASan sees any
 * read past its end). */
static void parse_buf(run *r, const char *file, const char *data, size_t len, tw_inv_kind kind)
{
    char *copy = malloc(len > 0 ? len : 1);

    assert_non_null(copy);
    memcpy(copy, data, len);
    r->rc = tw_inventory_parse(&r->inv, file, copy, len, kind, &r->diags);
    r->warnings = count_level(&r->diags, TW_DIAG_WARNING);
    free(copy);
}

static void parse_file(run *r, const char *name)
{
    size_t len;
    char *data = slurp(name, &len);

    run_init(r);
    parse_buf(r, name, data, len, TW_INV_UNKNOWN);
    free(data);
}

/* ---- per file: detected kind, result, counts ---- */

typedef struct {
    const char *file;
    tw_inv_kind kind;
    tw_err rc;
    size_t n, errors, warnings;
} file_case;

static const file_case files[] = {
    {"basic.csv", TW_INV_CSV, TW_OK, 8, 0, 0},
    {"aliases.csv", TW_INV_CSV, TW_OK, 4, 1, 1},
    {"netbox.csv", TW_INV_CSV, TW_OK, 4, 0, 1},
    {"devices.json", TW_INV_JSON, TW_OK, 4, 2, 0},
    {"netbox.json", TW_INV_NETBOX, TW_OK, 2, 1, 0},
    {"show_ios.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_iosxe.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_iosxr.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_nxos.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_nxos7.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_junos.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_junos_old.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_panos.txt", TW_INV_SHOW, TW_OK, 1, 0, 0},
    {"show_multi.txt", TW_INV_SHOW, TW_OK, 3, 0, 1},
    {"cfg_iosxe.cfg", TW_INV_CONFIG, TW_OK, 1, 0, 0},
    {"cfg_ios15.cfg", TW_INV_CONFIG, TW_OK, 1, 0, 0},
    {"cfg_iosxr.cfg", TW_INV_CONFIG, TW_OK, 1, 0, 0},
    {"cfg_junos_set.conf", TW_INV_CONFIG, TW_OK, 1, 0, 0},
    {"cfg_junos.conf", TW_INV_CONFIG, TW_OK, 1, 0, 0},
    {"cfg_nxos.cfg", TW_INV_CONFIG, TW_OK, 1, 0, 0},
    {"cfg_noname.cfg", TW_INV_CONFIG, TW_OK, 1, 0, 0},
};

static void test_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        const file_case *c = &files[i];
        size_t len;
        char *data = slurp(c->file, &len);
        run r;
        print_message("%s\n", c->file);
        assert_int_equal(tw_inventory_detect(data, len), c->kind);
        free(data);
        parse_file(&r, c->file);
        assert_int_equal(r.rc, c->rc);
        assert_int_equal(r.inv.n, c->n);
        assert_int_equal(r.diags.errors, c->errors);
        assert_int_equal(r.warnings, c->warnings);
        run_done(&r);
    }
}

/* ---- records ---- */

typedef struct {
    const char *file;
    size_t index;
    const char *hostname;
    tw_os os;
    const char *version;
    uint32_t line;
    tw_inv_kind source;
    bool train_only;
    const char *vendor, *platform, *model, *site;
    const char *note; /* a substring of the note; "" for no note */
} rec_case;

static const rec_case recs[] = {
    {"basic.csv", 0, "core-rtr1", TW_OS_IOS_XE, "17.9.4a", 2, TW_INV_CSV, false, "Cisco",
     "cisco_xe", "C8300-1N1S-6T", "nyc-dc1", ""},
    {"basic.csv", 1, "dist-sw2", TW_OS_IOS, "15.2(4)E7", 3, TW_INV_CSV, false, "Cisco", "cisco_ios",
     "WS-C3750X-48P", "nyc-dc1", ""},
    {"basic.csv", 2, "edge-fw1", TW_OS_PAN_OS, "10.2.9-h1", 4, TW_INV_CSV, false,
     "Palo Alto Networks", "", "PA-3220", "bos-01", "inferred"},
    {"basic.csv", 3, "mx-pe1", TW_OS_JUNOS, "21.4R3-S5", 5, TW_INV_CSV, false, "Juniper", "",
     "MX480", "chi-pop", "inferred"},
    {"basic.csv", 4, "acc-sw9", TW_OS_IOS_XE, "16.12.4", 6, TW_INV_CSV, false, "Cisco", "",
     "WS-C3650-48PS", "bos-01", "os ios reclassified as ios-xe"},
    {"basic.csv", 5, "vpn1", TW_OS_IVANTI_ICS, "22.7R2.3", 7, TW_INV_CSV, false, "Ivanti", "",
     "PSA7000", "bos-01", ""},
    {"basic.csv", 6, "fw-train", TW_OS_PAN_OS, "10.2", 8, TW_INV_CSV, true, "Palo Alto Networks",
     "", "PA-440", "bos-01", "only the release train 10.2 is known"},
    {"basic.csv", 7, "legacy-sw", TW_OS_UNKNOWN, "12.2(55)SE12", 9, TW_INV_CSV, false, "Cisco", "",
     "WS-C2960-24TT-L", "chi-pop", ""},
    {"aliases.csv", 0, "edge-rtr2", TW_OS_IOS_XE, "17.12.3", 3, TW_INV_NETBOX, false,
     "Cisco Systems", "", "C8500-12X", "Site \"A\", Hall 1", "inferred"},
    {"aliases.csv", 1, "br-rtr3", TW_OS_IOS_XE, "15.5(3)S7", 5, TW_INV_NETBOX, false,
     "Cisco Systems", "", "ISR4331/K9", "", "inferred"},
    {"aliases.csv", 2, "lab-sw1", TW_OS_EOS, "", 7, TW_INV_NETBOX, false, "Arista Networks", "",
     "DCS-7050SX-64", "lab", "inferred"},
    {"aliases.csv", 3, "nxsw1", TW_OS_NX_OS, "9.3(10)", 9, TW_INV_NETBOX, false, "Cisco", "",
     "N9K-C93180YC-EX", "dc2", "inferred"},
    {"netbox.csv", 0, "nyc-core-01", TW_OS_IOS_XE, "17.6.5", 2, TW_INV_NETBOX, false, "Cisco",
     "cisco_xe", "ASR-1002-HX", "NYC-DC1", "inferred"},
    {"netbox.csv", 2, "chi-pe-01", TW_OS_JUNOS, "", 4, TW_INV_NETBOX, false, "Juniper",
     "juniper_junos", "MX204", "CHI-POP", "inferred"},
    {"netbox.csv", 3, "chi-xr-01", TW_OS_IOS_XR, "7.3.2", 5, TW_INV_NETBOX, false, "Cisco",
     "cisco_xr", "ASR-9006", "CHI-POP", "inferred"},
    {"devices.json", 0, "core-rtr1", TW_OS_IOS_XE, "17.9.4a", 2, TW_INV_JSON, false, "Cisco", "",
     "C8300-1N1S-6T", "nyc-dc1", ""},
    {"devices.json", 1, "fw1", TW_OS_PAN_OS, "10.2.9-h1", 4, TW_INV_JSON, false,
     "Palo Alto Networks", "paloalto_panos", "", "", "inferred"},
    {"devices.json", 2, "fgt1", TW_OS_FORTIOS, "7.2", 8, TW_INV_JSON, true, "Fortinet", "", "",
     "lab", "only the release train 7.2"},
    {"devices.json", 3, "nx1", TW_OS_NX_OS, "9.3(10)", 9, TW_INV_JSON, false, "", "", "", "", ""},
    {"netbox.json", 0, "nyc-core-01", TW_OS_IOS_XE, "17.6.5", 6, TW_INV_NETBOX, false, "Cisco",
     "Cisco IOS XE", "ASR-1002-HX", "NYC-DC1", "inferred"},
    {"netbox.json", 1, "nyc-fw-01", TW_OS_PAN_OS, "11.0.4-h1", 24, TW_INV_NETBOX, false,
     "Palo Alto Networks", "PAN-OS", "PA-5220", "NYC-DC1", "inferred"},
    {"show_ios.txt", 0, "dist-sw2", TW_OS_IOS, "15.2(4)E7", 2, TW_INV_SHOW, false, "cisco",
     "C3750E-UNIVERSALK9-M", "WS-C3750X-48P-L", "", ""},
    {"show_iosxe.txt", 0, "acc-sw01", TW_OS_IOS_XE, "17.09.04a", 1, TW_INV_SHOW, false, "cisco",
     "CAT9K_IOSXE", "C9300-48P", "", ""},
    {"show_iosxr.txt", 0, "xr-p1", TW_OS_IOS_XR, "7.3.2", 4, TW_INV_SHOW, false, "cisco", "",
     "ASR9K", "", ""},
    {"show_nxos.txt", 0, "leaf-101", TW_OS_NX_OS, "9.3(10)", 8, TW_INV_SHOW, false, "cisco", "",
     "Nexus9000 C93180YC-EX", "", ""},
    {"show_nxos7.txt", 0, "oob-sw1", TW_OS_NX_OS, "7.0(3)I7(10)", 4, TW_INV_SHOW, false, "cisco",
     "", "", "", ""},
    {"show_junos.txt", 0, "mx-pe1", TW_OS_JUNOS, "21.4R3-S5", 4, TW_INV_SHOW, false, "juniper", "",
     "mx480", "", ""},
    {"show_junos_old.txt", 0, "ex-acc1", TW_OS_JUNOS, "20.4R3-S1.4", 6, TW_INV_SHOW, false,
     "juniper", "", "ex4300-48t", "", ""},
    {"show_panos.txt", 0, "edge-fw1", TW_OS_PAN_OS, "10.2.9-h1", 13, TW_INV_SHOW, false,
     "paloaltonetworks", "", "PA-3220", "", ""},
    {"show_multi.txt", 0, "rtr-a", TW_OS_IOS_XE, "16.12.04", 2, TW_INV_SHOW, false, "cisco",
     "X86_64_LINUX_IOSD-UNIVERSALK9-M", "ISR4331/K9", "", ""},
    {"show_multi.txt", 1, "rtr-b", TW_OS_IOS, "15.1(4)M12a", 10, TW_INV_SHOW, false, "cisco",
     "C2800NM-ADVIPSERVICESK9-M", "", "", ""},
    {"show_multi.txt", 2, "srx1", TW_OS_JUNOS, "22.4R3.25", 16, TW_INV_SHOW, false, "juniper", "",
     "srx345", "", ""},
    {"cfg_iosxe.cfg", 0, "core-rtr1", TW_OS_IOS_XE, "17.9", 4, TW_INV_CONFIG, true, "cisco", "", "",
     "", "only the release train 17.9 is known"},
    {"cfg_ios15.cfg", 0, "dist-sw2", TW_OS_UNKNOWN, "15.2", 1, TW_INV_CONFIG, true, "", "", "", "",
     "os unknown"},
    {"cfg_iosxr.cfg", 0, "xr-p1", TW_OS_IOS_XR, "7.3.2", 1, TW_INV_CONFIG, false, "cisco", "", "",
     "", ""},
    {"cfg_junos_set.conf", 0, "mx-pe1", TW_OS_JUNOS, "21.4R3-S5", 1, TW_INV_CONFIG, false,
     "juniper", "", "", "", ""},
    {"cfg_junos.conf", 0, "ex-acc1", TW_OS_JUNOS, "20.4R3-S1.4", 2, TW_INV_CONFIG, false, "juniper",
     "", "", "", ""},
    {"cfg_nxos.cfg", 0, "leaf-101", TW_OS_NX_OS, "9.3(10)", 5, TW_INV_CONFIG, false, "cisco", "",
     "", "", ""},
    {"cfg_noname.cfg", 0, "cfg_noname", TW_OS_IOS_XE, "17.12", 1, TW_INV_CONFIG, true, "cisco", "",
     "", "", "hostname taken from the file name"},
};

static void check_note(const char *note, const char *want)
{
    assert_true(want[0] == '\0' ? note == NULL : note != NULL && strstr(note, want) != NULL);
}

static void test_records(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
        const rec_case *c = &recs[i];
        const tw_device *d;
        run r;
        print_message("%s #%zu\n", c->file, c->index);
        parse_file(&r, c->file);
        assert_true(c->index < r.inv.n);
        d = &r.inv.v[c->index];
        assert_string_equal(d->hostname, c->hostname);
        assert_string_equal(tw_os_name(d->os), tw_os_name(c->os));
        assert_string_equal(d->version, c->version);
        assert_int_equal(d->line, c->line);
        assert_int_equal(d->source, c->source);
        assert_int_equal(d->train_only, c->train_only);
        assert_string_equal(d->vendor, c->vendor);
        assert_string_equal(d->platform, c->platform);
        assert_string_equal(d->model, c->model);
        assert_string_equal(d->site, c->site);
        assert_string_equal(d->file, c->file);
        check_note(d->note, c->note);
        run_done(&r);
    }
}

/* ---- diagnostics at file:line ---- */

typedef struct {
    const char *file;
    tw_diag_level level;
    uint32_t line;
    const char *text;
} diag_case;

static const diag_case diag_cases[] = {
    {"aliases.csv", TW_DIAG_ERROR, 6, "device without a hostname skipped"},
    {"aliases.csv", TW_DIAG_WARNING, 7, "device lab-sw1 has no version"},
    {"netbox.csv", TW_DIAG_WARNING, 4, "device chi-pe-01 has no version"},
    {"devices.json", TW_DIAG_ERROR, 6, "device without a hostname skipped"},
    {"devices.json", TW_DIAG_ERROR, 7, "array element is not an object"},
    {"netbox.json", TW_DIAG_ERROR, 35, "device without a hostname skipped"},
    {"show_multi.txt", TW_DIAG_WARNING, 18, "no version in the capture of rtr-c"},
};

/* True when d holds a diagnostic like c naming the file. */
static bool has_diag(const tw_diags *d, const diag_case *c)
{
    for (size_t i = 0; i < d->n; i++) {
        const tw_diag *e = &d->v[i];
        if (e->level == c->level && e->line == c->line && e->file != NULL &&
            strcmp(e->file, c->file) == 0 && strstr(e->message, c->text) != NULL)
            return true;
    }
    return false;
}

static void test_diags(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(diag_cases) / sizeof(diag_cases[0]); i++) {
        run r;
        print_message("%s:%u\n", diag_cases[i].file, diag_cases[i].line);
        parse_file(&r, diag_cases[i].file);
        assert_true(has_diag(&r.diags, &diag_cases[i]));
        run_done(&r);
    }
}

/* ---- buffers: hostile and edge input ---- */

typedef struct {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen */
    tw_inv_kind kind;
    tw_err rc;
    size_t n, errors;
    uint32_t err_line; /* line of the first diagnostic; 0 for none */
    const char *first_host;
} buf_case;

#define B(s) s, sizeof(s) - 1

static const buf_case bufs[] = {
    {"nul.csv", B("hostname,version\nr\0x,17.9.4\nok,17.9.4\n"), TW_INV_UNKNOWN, TW_OK, 1, 1, 2,
     "ok"},
    {"quote.csv", B("hostname,version\n\"r1,17.9.4\nr2,17.9.4\n"), TW_INV_UNKNOWN, TW_OK, 1, 1, 2,
     "r2"},
    {"multiline.csv", B("hostname,version,notes\nr1,7.3.2,\"a\nb\nc\"\nr2,7.3.3,x\n"),
     TW_INV_UNKNOWN, TW_OK, 2, 0, 0, "r1"},
    {"tab.csv", B("Device\tOS Version\nr1\t7.3.2\n"), TW_INV_UNKNOWN, TW_OK, 1, 0, 0, "r1"},
    {"nohost.csv", B("serial,version\nx,1\n"), TW_INV_CSV, TW_EPARSE, 0, 1, 1, NULL},
    {"empty", B(""), TW_INV_UNKNOWN, TW_EPARSE, 0, 1, 0, NULL},
    {"binary", B("\0\0\0\x01\x02"), TW_INV_UNKNOWN, TW_EPARSE, 0, 1, 0, NULL},
    {"trunc.json", B("[\n{\"hostname\":\"a\",\"version\":\"7.3.2\"},\n{\"hostname\":"),
     TW_INV_UNKNOWN, TW_EJSON, 1, 1, 3, "a"},
    {"junk.json", B("[{\"hostname\":\"a\",\"version\":\"1\"} {\"hostname\":\"b\"}]"),
     TW_INV_UNKNOWN, TW_EJSON, 1, 1, 1, "a"},
    {"object.json", B("{\"x\": 1, \"y\": [1, 2]}"), TW_INV_UNKNOWN, TW_EPARSE, 0, 1, 1, NULL},
    {"devices.json", B("{\"meta\": {\"v\": 1},\n \"devices\": [\n  {\"host\": \"d1\"}]}"),
     TW_INV_UNKNOWN, TW_OK, 1, 0, 3, "d1"},
    {"nul.json", B("[{\"hostname\":\"a\\u0000b\",\"version\":\"1\"}]"), TW_INV_UNKNOWN, TW_EJSON, 0,
     1, 1, NULL},
    {"wrongkind.csv", B("hostname,version\nr1,1\n"), TW_INV_SHOW, TW_EPARSE, 0, 1, 0, NULL},
    {"noversion.cfg", B("hostname r1\n!\n"), TW_INV_CONFIG, TW_EPARSE, 0, 1, 0, NULL},
    {"xr-old.cfg", B("!! IOS XR Configuration version = 6.1.4\nhostname x1\n"), TW_INV_UNKNOWN,
     TW_OK, 1, 0, 0, "x1"},
    {"asa.cfg", B(": Saved\n:\nASA Version 9.16(4)19 \n!\nhostname fw9\n"), TW_INV_UNKNOWN, TW_OK,
     1, 0, 0, "fw9"},
};

static void test_buffers(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
        const buf_case *c = &bufs[i];
        run r;
        print_message("%s\n", c->name);
        run_init(&r);
        parse_buf(&r, c->name, c->data, c->len, c->kind);
        assert_int_equal(r.rc, c->rc);
        assert_int_equal(r.inv.n, c->n);
        assert_int_equal(r.diags.errors, c->errors);
        assert_int_equal(r.diags.n > 0 ? r.diags.v[0].line : 0, c->err_line);
        assert_string_equal(r.inv.n > 0 ? r.inv.v[0].hostname : "(none)",
                            c->first_host != NULL ? c->first_host : "(none)");
        run_done(&r);
    }
}

/* A buffer of n copies of c after prefix and before suffix (malloc'd). */
static char *filled(const char *prefix, char c, size_t n, const char *suffix, size_t *len)
{
    size_t p = strlen(prefix), s = strlen(suffix);
    char *b = malloc(p + n + s);

    assert_non_null(b);
    memcpy(b, prefix, p);
    memset(b + p, c, n);
    memcpy(b + p + n, suffix, s);
    *len = p + n + s;
    return b;
}

typedef struct {
    const char *prefix;
    char fill;
    size_t n;
    const char *suffix;
    tw_err rc;
    size_t records;
    const char *message; /* a substring of the first diagnostic */
} big_case;

static const big_case bigs[] = {
    {"hostname,version\n", 'a', 5000, ",1.1\nok,1.2\n", TW_OK, 1, "hostname field longer"},
    {"hostname,version\nr1,", '7', TW_INV_MAX_FIELD + 1, "\nok,1.2\n", TW_OK, 1,
     "version field longer"},
    {"", '[', 100000, "", TW_ELIMIT, 0, "json nested deeper"},
    {"[{\"hostname\":\"a\",\"version\":\"1\",\"x\":", '[', 70, "", TW_ELIMIT, 0,
     "json nested deeper"},
    {"hostname,version\n\"", 'x', 2u << 20, "", TW_OK, 0, "unterminated quoted field"},
    {"x,", ',', 400, "hostname,version\nr1\n", TW_EPARSE, 0, "not an inventory"},
    {"hostname,version", ',', 400, "\nr1,1.1\n", TW_OK, 1, NULL},
};

static void test_big(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bigs) / sizeof(bigs[0]); i++) {
        const big_case *c = &bigs[i];
        size_t len;
        char *b = filled(c->prefix, c->fill, c->n, c->suffix, &len);
        run r;
        print_message("big #%zu\n", i);
        run_init(&r);
        r.rc = tw_inventory_parse(&r.inv, "big", b, len, TW_INV_UNKNOWN, &r.diags);
        assert_int_equal(r.rc, c->rc);
        assert_int_equal(r.inv.n, c->records);
        assert_true(c->message == NULL
                        ? r.diags.n == 0
                        : r.diags.n > 0 && strstr(r.diags.v[0].message, c->message) != NULL);
        free(b);
        run_done(&r);
    }
}

/* Every truncation of every fixture parses without a crash or a read past
 * the end (under ASan), and never yields more records than the whole. */
static void test_truncations(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        size_t len;
        char *data = slurp(files[i].file, &len);
        size_t most = 0;
        for (size_t cut = 0; cut <= len; cut++) {
            run r;
            run_init(&r);
            parse_buf(&r, files[i].file, data, cut, TW_INV_UNKNOWN);
            most = r.inv.n > most ? r.inv.n : most;
            run_done(&r);
        }
        assert_true(most <= files[i].n + 1);
        free(data);
    }
}

static void test_limit(void **state)
{
    size_t len;
    char *data = slurp("basic.csv", &len);
    run r;

    (void)state;
    run_init(&r);
    r.inv.max = 2;
    parse_buf(&r, "basic.csv", data, len, TW_INV_UNKNOWN);
    free(data);
    assert_int_equal(r.rc, TW_ELIMIT);
    assert_int_equal(r.inv.n, 2);
    assert_int_equal(r.inv.dropped, 6);
    assert_int_equal(r.diags.errors, 1);
    assert_int_equal(r.diags.v[0].code, TW_ELIMIT);
    run_done(&r);
}

/* Two files into one list: records keep their own file. */
static void test_append(void **state)
{
    run r;
    size_t len;
    char *data = slurp("show_ios.txt", &len);

    (void)state;
    parse_file(&r, "basic.csv");
    parse_buf(&r, "show_ios.txt", data, len, TW_INV_UNKNOWN);
    free(data);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.inv.n, 9);
    assert_string_equal(r.inv.v[0].file, "basic.csv");
    assert_string_equal(r.inv.v[8].file, "show_ios.txt");
    assert_int_equal(tw_inventory_parse(NULL, "x", "", 0, TW_INV_CSV, NULL), TW_EINVAL);
    run_done(&r);
}

/* ---- OS inference ---- */

typedef struct {
    const char *vendor, *platform, *model;
    tw_os os;
} infer_case;

static const infer_case infers[] = {
    {"", "cisco_ios", "", TW_OS_IOS},
    {"", "cisco_xe", "", TW_OS_IOS_XE},
    {"", "cisco_xr", "", TW_OS_IOS_XR},
    {"", "cisco_nxos", "", TW_OS_NX_OS},
    {"", "cisco_asa", "", TW_OS_ASA},
    {"", "juniper_junos", "", TW_OS_JUNOS},
    {"", "paloalto_panos", "", TW_OS_PAN_OS},
    {"", "arista_eos", "", TW_OS_EOS},
    {"", "fortinet", "", TW_OS_FORTIOS},
    {"", "Cisco IOS-XE", "", TW_OS_IOS_XE},
    {"Palo Alto Networks", "", "", TW_OS_PAN_OS},
    {"Juniper Networks", "", "", TW_OS_JUNOS},
    {"Fortinet", "", "", TW_OS_FORTIOS},
    {"Arista Networks", "", "", TW_OS_EOS},
    {"Ivanti", "", "Policy Secure PSA5000", TW_OS_IVANTI_IPS},
    {"Pulse Secure", "", "Connect Secure PSA7000", TW_OS_IVANTI_ICS},
    {"Ivanti", "", "PSA7000", TW_OS_UNKNOWN},
    {"Cisco", "", "", TW_OS_UNKNOWN},
    {"Cisco", "", "WS-C3750X-48P", TW_OS_UNKNOWN},
    {"Cisco", "", "C9300-48P", TW_OS_IOS_XE},
    {"", "", "ISR4331/K9", TW_OS_IOS_XE},
    {"Cisco", "", "ASR-9006", TW_OS_IOS_XR},
    {"Cisco", "", "ASR-920-24SZ-M", TW_OS_UNKNOWN},
    {"Cisco", "", "N9K-C93180YC-EX", TW_OS_NX_OS},
    {"Cisco", "", "ASA5516-X", TW_OS_ASA},
    {"", "", "PA-3220", TW_OS_PAN_OS},
    {"HPE", "", "C9300-48P", TW_OS_UNKNOWN},
    {"", "", "", TW_OS_UNKNOWN},
    {"", "linux", "", TW_OS_UNKNOWN},
};

static void test_infer(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(infers) / sizeof(infers[0]); i++) {
        const infer_case *c = &infers[i];
        print_message("%s / %s / %s\n", c->vendor, c->platform, c->model);
        assert_string_equal(tw_os_name(tw_inventory_infer_os(
                                tw_str_c(c->vendor), tw_str_c(c->platform), tw_str_c(c->model))),
                            tw_os_name(c->os));
    }
}

/* OS column values and reclassification through a one-row CSV. */
typedef struct {
    const char *row; /* vendor,os,version */
    tw_os os;
    const char *note;
} os_case;

static const os_case os_cases[] = {
    {"Cisco,ios,17.9.4a", TW_OS_IOS_XE, "reclassified"},
    {"Cisco,ios,03.16.07S", TW_OS_IOS_XE, "reclassified"},
    {"Cisco,ios,15.2(4)M7", TW_OS_IOS, ""},
    {"Cisco,,17.9.4a", TW_OS_IOS_XE, "inferred from release 17.9.4a"},
    {"Cisco,,15.2(4)M7", TW_OS_UNKNOWN, ""},
    {",,17.9.4a", TW_OS_UNKNOWN, ""},
    {"Cisco,Cisco IOS-XE,17.9.4a", TW_OS_IOS_XE, ""},
    {"Cisco,NX-OS,9.3(10)", TW_OS_NX_OS, ""},
    {"Cisco,cisco_xr,7.3.2", TW_OS_IOS_XR, ""},
    {"x,windows,10", TW_OS_UNKNOWN, "is not one tidewatch knows"},
    {"Ivanti,Connect Secure,22.7R2.3", TW_OS_IVANTI_ICS, ""},
    {"Juniper,JunOS,21.4R3-S5", TW_OS_JUNOS, ""},
};

static void test_os_column(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(os_cases) / sizeof(os_cases[0]); i++) {
        char buf[256];
        int n = snprintf(buf, sizeof(buf), "hostname,vendor,os,version\nh1,%s\n", os_cases[i].row);
        run r;
        print_message("%s\n", os_cases[i].row);
        run_init(&r);
        parse_buf(&r, "os.csv", buf, (size_t)n, TW_INV_UNKNOWN);
        assert_int_equal(r.inv.n, 1);
        assert_string_equal(tw_os_name(r.inv.v[0].os), tw_os_name(os_cases[i].os));
        check_note(r.inv.v[0].note, os_cases[i].note);
        run_done(&r);
    }
}

/* ---- kinds ---- */

typedef struct {
    const char *data;
    tw_inv_kind kind;
} detect_case;

static const detect_case detects[] = {
    {"hostname,version\n", TW_INV_CSV},
    {"\xEF\xBB\xBF\r\n# comment\nName;Platform\n", TW_INV_CSV},
    {"  [ ]", TW_INV_JSON},
    {"{\"count\": 0, \"results\": []}", TW_INV_NETBOX},
    {"{\"devices\": []}", TW_INV_JSON},
    {"sw1#show version\n", TW_INV_SHOW},
    {"admin@fw1> show system info\n", TW_INV_SHOW},
    {"Cisco IOS XR Software, Version 7.3.2\n", TW_INV_SHOW},
    {"version 17.9\nhostname r1\n", TW_INV_CONFIG},
    {"set version 21.4R3-S5\n", TW_INV_CONFIG},
    {"#config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0\n", TW_INV_CONFIG},
    {"! device: sw1 (DCS-7050SX-64, EOS-4.28.3M)\n", TW_INV_CONFIG},
    {"hostname r1\n", TW_INV_UNKNOWN},
    {"x\n version 17.9\n", TW_INV_UNKNOWN},
    {"serial,owner\n", TW_INV_UNKNOWN},
    {"", TW_INV_UNKNOWN},
};

static void test_detect(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(detects) / sizeof(detects[0]); i++) {
        print_message("%s\n", detects[i].data);
        assert_int_equal(tw_inventory_detect(detects[i].data, strlen(detects[i].data)),
                         detects[i].kind);
    }
}

static void test_kind_names(void **state)
{
    tw_inv_kind k = TW_INV_UNKNOWN;

    (void)state;
    for (int i = TW_INV_CSV; i < TW__INV_KIND_COUNT; i++) {
        assert_true(tw_inv_kind_parse(tw_str_c(tw_inv_kind_name((tw_inv_kind)i)), &k));
        assert_int_equal(k, i);
    }
    assert_true(tw_inv_kind_parse(TW_STR("SHOW"), &k));
    assert_int_equal(k, TW_INV_SHOW);
    assert_false(tw_inv_kind_parse(TW_STR("xml"), &k));
    assert_string_equal(tw_inv_kind_name((tw_inv_kind)99), "unknown");
}

/* Config files of other OSes, through buffers. */
typedef struct {
    const char *data;
    const char *host, *version, *model;
    tw_os os;
} cfg_case;

static const cfg_case cfgs[] = {
    {"#config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0:vdom=0\nconfig system global\n"
     "    set hostname \"FGT-branch\"\nend\n",
     "FGT-branch", "7.2.5", "FGT60F", TW_OS_FORTIOS},
    {"! Command: show running-config\n! device: leaf3 (DCS-7050SX-64, EOS-4.28.3M)\n!\n", "leaf3",
     "4.28.3M", "DCS-7050SX-64", TW_OS_EOS},
    {"version 16.12\r\nhostname r16\r\n", "r16", "16.12", "", TW_OS_IOS_XE},
};

static void test_configs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
        run r;
        run_init(&r);
        parse_buf(&r, "c.cfg", cfgs[i].data, strlen(cfgs[i].data), TW_INV_UNKNOWN);
        assert_int_equal(r.inv.n, 1);
        assert_string_equal(r.inv.v[0].hostname, cfgs[i].host);
        assert_string_equal(r.inv.v[0].version, cfgs[i].version);
        assert_string_equal(r.inv.v[0].model, cfgs[i].model);
        assert_string_equal(tw_os_name(r.inv.v[0].os), tw_os_name(cfgs[i].os));
        run_done(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),   cmocka_unit_test(test_records),
        cmocka_unit_test(test_diags),   cmocka_unit_test(test_buffers),
        cmocka_unit_test(test_big),     cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_limit),   cmocka_unit_test(test_append),
        cmocka_unit_test(test_infer),   cmocka_unit_test(test_os_column),
        cmocka_unit_test(test_detect),  cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_configs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
