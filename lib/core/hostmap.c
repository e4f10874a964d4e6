/*
 * hostmap.c: address to device (hostmap.h).  A vector of pairs, sorted
 * by address at finish; pairs of one address with different devices are
 * folded into one entry that names none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tidewatch/hostmap.h"

typedef struct {
    tw_ip ip;
    char *host; /* NULL: claimed by two devices */
} pair;

struct tw_hostmap {
    pair *v;
    size_t n, cap;
    size_t named; /* after finish: entries with a host */
};

tw_hostmap *tw_hostmap_new(void)
{
    return calloc(1, sizeof(tw_hostmap));
}

void tw_hostmap_free(tw_hostmap *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].host);
    free(m->v);
    free(m);
}

tw_err tw_hostmap_add(tw_hostmap *m, const tw_ip *ip, const char *host)
{
    if (m->n == TW_HOSTMAP_MAX)
        return TW_ELIMIT;
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        pair *v = realloc(m->v, cap * sizeof(*v));
        if (v == NULL)
            return TW_ENOMEM;
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n].ip = *ip;
    m->v[m->n].host = strdup(host);
    if (m->v[m->n].host == NULL)
        return TW_ENOMEM;
    m->n++;
    return TW_OK;
}

static int ip_cmp(const tw_ip *a, const tw_ip *b)
{
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    return memcmp(a->bytes, b->bytes, sizeof(a->bytes));
}

static int pair_cmp(const void *x, const void *y)
{
    return ip_cmp(&((const pair *)x)->ip, &((const pair *)y)->ip);
}

void tw_hostmap_finish(tw_hostmap *m)
{
    size_t k = 0;

    if (m->n > 1)
        qsort(m->v, m->n, sizeof(*m->v), pair_cmp);
    for (size_t i = 0; i < m->n; i++) {
        if (k > 0 && ip_cmp(&m->v[k - 1].ip, &m->v[i].ip) == 0) {
            /* the same device twice is one claim; another one makes it nobody's */
            if (m->v[k - 1].host != NULL && strcasecmp(m->v[k - 1].host, m->v[i].host) != 0) {
                free(m->v[k - 1].host);
                m->v[k - 1].host = NULL;
            }
            free(m->v[i].host);
            continue;
        }
        m->v[k++] = m->v[i];
    }
    m->n = k;
    m->named = 0;
    for (size_t i = 0; i < m->n; i++)
        m->named += m->v[i].host != NULL;
}

const char *tw_hostmap_find(const tw_hostmap *m, const tw_ip *ip)
{
    size_t lo = 0, hi = m ? m->n : 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ip_cmp(&m->v[mid].ip, ip);
        if (c == 0)
            return m->v[mid].host;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

tw_err tw_hostmap_add_config(tw_hostmap *m, const tw_factset *fs)
{
    char host[256];
    tw_err rc = TW_OK;

    if (fs->hostname.len == 0)
        return TW_OK;
    snprintf(host, sizeof(host), "%.*s", (int)(fs->hostname.len > 255 ? 255 : fs->hostname.len),
             fs->hostname.ptr);
    for (size_t i = 0; i < fs->n && rc == TW_OK; i++) {
        if (fs->v[i].kind != TW_FACT_INTERFACE)
            continue;
        for (const tw_field *a = tw_fact_get(&fs->v[i], "address"); a != NULL && rc == TW_OK;
             a = tw_fact_next(&fs->v[i], "address", a)) {
            if (a->type == TW_VAL_ADDR)
                rc = tw_hostmap_add(m, &a->addr.addr, host);
        }
    }
    return rc;
}

size_t tw_hostmap_name_devices(const tw_hostmap *m, tw_findings *fl, size_t first)
{
    size_t n = 0;

    for (size_t i = first; m != NULL && i < fl->n; i++) {
        const char *host;
        tw_ip ip;
        if (fl->v[i].device == NULL || tw_ip_parse(tw_str_c(fl->v[i].device), 0, &ip) != TW_OK ||
            (host = tw_hostmap_find(m, &ip)) == NULL)
            continue;
        fl->v[i].device = host;
        n++;
    }
    return n;
}

size_t tw_hostmap_count(const tw_hostmap *m)
{
    return m ? m->named : 0;
}
