/*
 * fleet_value.c: the values the fleet compares (fleet_int.h).
 *
 * A value is composed from the fields of one fact in a fixed order, so
 * that two devices that configure the same thing get the same text
 * whatever the order or spelling of their statements: numbers are written
 * from their values, addresses in their normalised form, sequence
 * numbers and remarks of ACL entries are left out (renumbering is no
 * change).  A value longer than 1,023 bytes is cut.
 */
#include <stdio.h>
#include <string.h>

#include "engine/facttext.h"
#include "engine/fleet_int.h"
#include "tidewatch/ip.h"

/* True when t has a field name with some text. */
static bool has_text(const tw_fact *t, const char *name)
{
    const tw_field *x = tw_fact_get(t, name);

    return x && x->str.len > 0;
}

const char *tw__fleet_field_value(tw_arena *a, const tw_field *x)
{
    char buf[TW_IP_STRLEN];
    const char *p;
    size_t n = tw__field_text(x, buf, sizeof(buf), &p);

    return n ? tw_arena_strndup(a, p, n) : NULL;
}

const char *tw__fleet_acl_value(tw_arena *a, const tw_fact *t, uint8_t *flags)
{
    const tw_field *list = tw_fact_get(t, "list");
    tw__text s;
    tw__text_init(&s);
    bool permit;

    if (!list || !list->str.len)
        return NULL;
    tw__text_put(&s, "", list->str.ptr, list->str.len);
    tw__text_put(&s, "", ": ", 2);
    if (!tw__acl_text(&s, t, &permit))
        return NULL;
    if (permit)
        *flags |= TW__FLEET_PERMIT;
    if (tw__fact_public(t, "src") || tw__fact_public(t, "dst"))
        *flags |= TW__FLEET_PUBLIC;
    return tw_arena_strndup(a, s.b, s.n);
}

/* A new peer group or a lost password is a change too. */
const char *tw__fleet_peer_value(tw_arena *a, const tw_fact *t)
{
    const tw_field *auth = tw_fact_get(t, "auth");
    tw__text s;
    tw__text_init(&s);

    tw__text_field(&s, t, "", "address");
    if (s.n == 0)
        return NULL;
    tw__text_field(&s, t, " remote-as ", "remote_as");
    tw__text_field(&s, t, " peer-group ", "group");
    tw__text_field(&s, t, " vrf ", "vrf");
    if (auth && auth->type == TW_VAL_BOOL && auth->num)
        tw__text_put(&s, " ", "authenticated", strlen("authenticated"));
    return tw_arena_strndup(a, s.b, s.n);
}

const char *tw__fleet_binding_value(tw_arena *a, const tw_fact *t, const tw_field *x)
{
    const char *dir = strcmp(x->name, "acl_out") == 0 ? " out " : " in ";
    tw__text s;
    tw__text_init(&s);

    if (!has_text(t, "name") || x->str.len == 0)
        return NULL;
    tw__text_field(&s, t, "", "name");
    tw__text_put(&s, dir, x->str.ptr, x->str.len);
    return tw_arena_strndup(a, s.b, s.n);
}

/* The match statements, then the set statements, each with its keyword,
 * after ": " and joined by "; "; the entry's name, action and sequence
 * number before them. */
const char *tw__fleet_route_map_value(tw_arena *a, const tw_fact *t)
{
    static const char *const parts[] = {"match", "set"};
    tw__text s;
    tw__text_init(&s);
    const char *sep = ": ";

    if (!has_text(t, "name") || !has_text(t, "action"))
        return NULL;
    tw__text_field(&s, t, "", "name");
    tw__text_field(&s, t, " ", "action");
    tw__text_field(&s, t, " ", "seq");
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        for (const tw_field *x = tw_fact_get(t, parts[i]); x; x = tw_fact_next(t, parts[i], x)) {
            if (x->str.len == 0)
                continue;
            tw__text_put(&s, sep, parts[i], strlen(parts[i]));
            tw__text_put(&s, " ", x->str.ptr, x->str.len);
            sep = "; ";
        }
    }
    return tw_arena_strndup(a, s.b, s.n);
}

const char *tw__fleet_prefix_value(tw_arena *a, const tw_fact *t)
{
    tw__text s;
    tw__text_init(&s);

    if (!has_text(t, "name") || !has_text(t, "action") || !tw_fact_get(t, "prefix"))
        return NULL;
    tw__text_field(&s, t, "", "name");
    tw__text_field(&s, t, " seq ", "seq");
    tw__text_field(&s, t, " ", "action");
    tw__text_field(&s, t, " ", "prefix");
    tw__text_field(&s, t, " ge ", "ge");
    tw__text_field(&s, t, " le ", "le");
    return tw_arena_strndup(a, s.b, s.n);
}
