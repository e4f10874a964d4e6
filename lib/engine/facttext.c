/*
 * facttext.c: facts as text (facttext.h).
 */
#include "facttext.h"

#include <stdio.h>
#include <string.h>

/* Appends len bytes of p (up to a NUL in them), as far as there is room;
 * the text stays NUL-terminated.  No printf: diff builds a text for every
 * setting of both versions, and formatting was a quarter of its time. */
static void put_bytes(tw__text *s, const char *p, size_t len)
{
    size_t room = sizeof(s->b) - 1 - s->n;
    const char *nul = memchr(p, '\0', len);

    if (nul != NULL)
        len = (size_t)(nul - p);
    if (len > room)
        len = room;
    memcpy(s->b + s->n, p, len);
    s->n += len;
    s->b[s->n] = '\0';
}

void tw__text_put(tw__text *s, const char *sep, const char *p, size_t len)
{
    put_bytes(s, sep, strlen(sep));
    put_bytes(s, p, len);
}

size_t tw__field_text(const tw_field *x, char *buf, size_t cap, const char **out)
{
    int n;

    *out = buf;
    if (x->secret)
        return 0;
    if (x->type == TW_VAL_NUM) {
        n = snprintf(buf, cap, "%lld", (long long)x->num);
        return n > 0 ? (size_t)n : 0;
    }
    if (x->type == TW_VAL_ADDR && x->str.len == 0)
        return tw_cidr_format(&x->addr, buf, cap);
    *out = x->str.ptr;
    return x->str.len;
}

void tw__text_field(tw__text *s, const tw_fact *t, const char *pre, const char *name)
{
    const char *sep = pre;
    char buf[TW_IP_STRLEN];

    for (const tw_field *x = tw_fact_get(t, name); x; x = tw_fact_next(t, name, x)) {
        const char *p;
        size_t n = tw__field_text(x, buf, sizeof(buf), &p);

        if (n > 0) {
            tw__text_put(s, sep, p, n);
            sep = ",";
        }
    }
}

bool tw__fact_public(const tw_fact *t, const char *name)
{
    for (const tw_field *x = tw_fact_get(t, name); x; x = tw_fact_next(t, name, x)) {
        if (x->type == TW_VAL_ADDR && (x->addr.plen == 0 || tw_ip_is_public(&x->addr.addr)))
            return true;
        if (x->type == TW_VAL_STR && tw_str_eq_c(x->str, "any"))
            return true;
    }
    return false;
}

bool tw__acl_text(tw__text *s, const tw_fact *t, bool *permit)
{
    static const char *const parts[] = {"protocol", "src", "src_port", "dst", "dst_port"};
    const tw_field *act = tw_fact_get(t, "action");

    if (!act || !act->str.len || tw_str_eq_c(act->str, "remark"))
        return false;
    tw__text_put(s, "", act->str.ptr, act->str.len);
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
        tw__text_field(s, t, " ", parts[i]);
    *permit = tw_str_eq_c(act->str, "permit") || tw_str_eq_c(act->str, "accept") ||
              tw_str_eq_c(act->str, "allow");
    return true;
}
