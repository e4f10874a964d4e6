/*
 * exposure_config.c: the preconditions of exploitation, read from a
 * device's configuration facts, and the set of devices they belong to.
 *
 * Only facts are read here, never configuration text (the IOS parser
 * records `ip http server`, `ip http secure-server`, their
 * `active-session-modules` and `vstack` as `service` facts).  Devices are
 * found by hostname through an open-addressing table, case-insensitive;
 * a name with a domain is also filed under its first label.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidewatch/exposure.h"
#include "tidewatch/limits.h"

struct tw_config_set {
    tw_arena *arena;
    tw_device_config **v; /* n records, in the order added */
    size_t n, cap;
    /* the table: key (lower case) -> record; NULL keys are empty slots */
    const char **keys;
    tw_device_config **slots;
    bool *alias; /* the key is the first label of a longer hostname */
    size_t nslots, used;
};

const char *tw_pre_state_name(tw_pre_state s)
{
    return s == TW_PRE_ON ? "on" : s == TW_PRE_OFF ? "off" : "unknown";
}

tw_config_set *tw_config_set_new(void)
{
    tw_config_set *s = calloc(1, sizeof(*s));

    if (s)
        s->arena = tw_arena_new(TW_LIMIT_ARENA);
    if (s && !s->arena) {
        free(s);
        s = NULL;
    }
    return s;
}

void tw_config_set_free(tw_config_set *s)
{
    if (!s)
        return;
    tw_arena_free(s->arena);
    free(s->v);
    free(s->keys);
    free(s->slots);
    free(s->alias);
    free(s);
}

size_t tw_config_set_count(const tw_config_set *s)
{
    return s ? s->n : 0;
}

/* FNV-1a of the first n bytes of key, lower-cased. */
static size_t key_hash(const char *key, size_t n)
{
    uint64_t h = 14695981039346656037u;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)tolower((unsigned char)key[i])) * 1099511628211u;
    return (size_t)h;
}

/* The slot of key[0, n): its own, or the empty one where it would go. */
static size_t slot_of(const tw_config_set *s, const char *key, size_t n)
{
    size_t i = key_hash(key, n) & (s->nslots - 1);

    while (s->keys[i] && !(strlen(s->keys[i]) == n && strncasecmp(s->keys[i], key, n) == 0))
        i = (i + 1) & (s->nslots - 1);
    return i;
}

static tw_err grow_table(tw_config_set *s)
{
    size_t n = s->nslots ? s->nslots * 2 : 64;
    const char **keys = calloc(n, sizeof(*keys));
    tw_device_config **slots = calloc(n, sizeof(*slots));
    bool *alias = calloc(n, sizeof(*alias));
    const char **old_keys = s->keys;
    tw_device_config **old_slots = s->slots;
    bool *old_alias = s->alias;
    size_t old_n = s->nslots;

    if (!keys || !slots || !alias) {
        free(keys);
        free(slots);
        free(alias);
        return TW_ENOMEM;
    }
    s->keys = keys;
    s->slots = slots;
    s->alias = alias;
    s->nslots = n;
    for (size_t i = 0; i < old_n; i++) {
        if (old_keys[i]) {
            size_t j = slot_of(s, old_keys[i], strlen(old_keys[i]));
            s->keys[j] = old_keys[i];
            s->slots[j] = old_slots[i];
            s->alias[j] = old_alias[i];
        }
    }
    free(old_keys);
    free(old_slots);
    free(old_alias);
    return TW_OK;
}

/* Files c under key[0, n) unless the key is taken; true when filed.
 * alias: the key is the first label of c's longer hostname. */
static bool file_under(tw_config_set *s, const char *key, size_t n, tw_device_config *c, bool alias)
{
    size_t i;

    if ((s->used + 1) * 2 > s->nslots && grow_table(s) != TW_OK)
        return false;
    i = slot_of(s, key, n);
    if (s->keys[i])
        return false;
    s->keys[i] = tw_arena_strndup(s->arena, key, n);
    if (!s->keys[i])
        return false;
    s->slots[i] = c;
    s->alias[i] = alias;
    s->used++;
    return true;
}

const tw_device_config *tw_config_set_find(const tw_config_set *s, const char *hostname)
{
    size_t n = strlen(hostname), i;
    const char *dot = strchr(hostname, '.');

    if (!s || s->nslots == 0 || n == 0)
        return NULL;
    i = slot_of(s, hostname, n);
    if (s->keys[i])
        return s->slots[i];
    if (!dot || dot == hostname)
        return NULL;
    /* "r1.example.net" finds the configuration of a bare "r1", never that
     * of another domain's "r1.other.net" */
    i = slot_of(s, hostname, (size_t)(dot - hostname));
    return s->keys[i] && !s->alias[i] ? s->slots[i] : NULL;
}

/* The value of a service fact's field, or an empty string. */
static tw_str field_str(const tw_fact *f, const char *name)
{
    const tw_field *x = tw_fact_get(f, name);

    return x && x->type == TW_VAL_STR ? x->str : tw_str_make("", 0);
}

/* One side of the web UI (HTTP or HTTPS) as the facts leave it. */
typedef struct {
    bool on, no_modules;
    uint32_t line;
} web_side;

static void web_fact(const tw_fact *f, web_side *side)
{
    const tw_field *en = tw_fact_get(f, "enabled");
    tw_str mods = field_str(f, "session_modules");

    if (en && en->type == TW_VAL_BOOL) {
        side->on = en->num != 0;
        side->line = f->line;
    }
    if (mods.len > 0)
        side->no_modules = tw_str_ieq_c(mods, "none");
}

/* The web UI: on when a side is enabled with its session modules. */
static void read_web_ui(tw_device_config *c, const tw_factset *fs, tw_arena *a)
{
    web_side side[2] = {{false, false, 0}, {false, false, 0}};
    static const char *const stmt[2] = {"ip http server", "ip http secure-server"};

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        tw_str name = f->kind == TW_FACT_SERVICE ? field_str(f, "name") : tw_str_make("", 0);

        if (tw_str_eq_c(name, "http") || tw_str_eq_c(name, "https"))
            web_fact(f, &side[tw_str_eq_c(name, "https")]);
    }
    c->pre[TW_CVE_PRECOND_WEB_UI] = TW_PRE_OFF;
    c->why[TW_CVE_PRECOND_WEB_UI] = "neither ip http server nor ip http secure-server is on";
    for (int k = 1; k >= 0; k--) {
        if (side[k].on && side[k].no_modules && c->pre[TW_CVE_PRECOND_WEB_UI] == TW_PRE_OFF)
            c->why[TW_CVE_PRECOND_WEB_UI] =
                "the web UI servers run with active-session-modules none";
        if (side[k].on && !side[k].no_modules) {
            c->pre[TW_CVE_PRECOND_WEB_UI] = TW_PRE_ON;
            c->why[TW_CVE_PRECOND_WEB_UI] =
                tw_arena_printf(a, "%s (line %u of %s)", stmt[k], (unsigned)side[k].line, c->file);
        }
    }
}

/* The Smart Install client: the last smart-install fact decides (the
 * parser implies one, enabled, when the configuration says nothing). */
static void read_smart_install(tw_device_config *c, const tw_factset *fs, tw_arena *a)
{
    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        const tw_field *en = tw_fact_get(f, "enabled");

        if (f->kind != TW_FACT_SERVICE || !tw_str_eq_c(field_str(f, "name"), "smart-install") ||
            !en || en->type != TW_VAL_BOOL)
            continue;
        c->pre[TW_CVE_PRECOND_SMART_INSTALL_CLIENT] = en->num ? TW_PRE_ON : TW_PRE_OFF;
        c->why[TW_CVE_PRECOND_SMART_INSTALL_CLIENT] =
            !en->num ? tw_arena_printf(a, "no vstack (line %u of %s)", (unsigned)f->line, c->file)
            : f->line == 0
                ? "Smart Install is on by default and the configuration has no 'no vstack'"
                : tw_arena_printf(a, "vstack (line %u of %s)", (unsigned)f->line, c->file);
    }
}

/* GlobalProtect: on when a portal or gateway of the firewall itself is
 * configured.  Entries inside a Panorama template are left out: they are
 * pushed to other firewalls, and Panorama itself is not affected. */
static void read_globalprotect(tw_device_config *c, const tw_factset *fs, tw_arena *a)
{
    c->pre[TW_CVE_PRECOND_GLOBALPROTECT] = TW_PRE_OFF;
    c->why[TW_CVE_PRECOND_GLOBALPROTECT] = "no GlobalProtect portal or gateway is configured";
    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        tw_str name = f->kind == TW_FACT_SERVICE ? field_str(f, "name") : tw_str_make("", 0);

        if ((!tw_str_eq_c(name, "globalprotect-portal") &&
             !tw_str_eq_c(name, "globalprotect-gateway")) ||
            tw_fact_get(f, "template"))
            continue;
        c->pre[TW_CVE_PRECOND_GLOBALPROTECT] = TW_PRE_ON;
        c->why[TW_CVE_PRECOND_GLOBALPROTECT] =
            tw_arena_printf(a, "%.*s %.*s (line %u of %s)", (int)name.len, name.ptr,
                            (int)field_str(f, "instance").len, field_str(f, "instance").ptr,
                            (unsigned)f->line, c->file);
        return;
    }
}

static tw_err push_record(tw_config_set *s, tw_device_config *c)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        tw_device_config **v = realloc(s->v, cap * sizeof(*v));

        if (!v)
            return TW_ENOMEM;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = c;
    return TW_OK;
}

tw_err tw_config_set_add(tw_config_set *s, const char *file, const tw_factset *fs)
{
    tw_device_config *c;
    const char *dot;
    bool ios = fs->dialect == TW_DIALECT_IOS || fs->dialect == TW_DIALECT_IOSXE;

    if (fs->hostname.len == 0)
        return TW_ENOTFOUND;
    c = tw_arena_zalloc(s->arena, sizeof(*c));
    if (!c)
        return TW_ENOMEM;
    c->hostname = tw_arena_strndup(s->arena, fs->hostname.ptr, fs->hostname.len);
    c->file = tw_arena_strdup(s->arena, file);
    if (!c->hostname || !c->file)
        return TW_ENOMEM;
    if (s->nslots > 0 && s->keys[slot_of(s, c->hostname, strlen(c->hostname))])
        return TW_EINVAL;
    if (push_record(s, c) != TW_OK)
        return TW_ENOMEM;
    if (ios) {
        read_web_ui(c, fs, s->arena);
        read_smart_install(c, fs, s->arena);
    }
    if (fs->dialect == TW_DIALECT_PANOS)
        read_globalprotect(c, fs, s->arena);
    if (!file_under(s, c->hostname, strlen(c->hostname), c, false))
        return TW_ENOMEM;
    dot = strchr(c->hostname, '.');
    if (dot && dot > c->hostname)
        (void)file_under(s, c->hostname, (size_t)(dot - c->hostname), c, true);
    return TW_OK;
}
