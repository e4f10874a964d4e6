/*
 * hostmap.h: which device an address belongs to, from the configurations.
 *
 * Logs name a device by the address it sends from (a syslog relay, a
 * TACACS+ NAS) and a capture only by addresses; the configurations of an
 * evidence folder say which device owns which interface address.  A
 * hostmap holds those pairs so that `tidewatch scan` can name the device
 * behind an address.  An address that two devices claim (a virtual
 * gateway, the same private address in two VRFs) names neither.
 */
#ifndef TIDEWATCH_HOSTMAP_H
#define TIDEWATCH_HOSTMAP_H

#include <stddef.h>

#include "error.h"
#include "fact.h"
#include "finding.h"
#include "ip.h"

typedef struct tw_hostmap tw_hostmap;

/* NULL on ENOMEM. */
tw_hostmap *tw_hostmap_new(void);
void tw_hostmap_free(tw_hostmap *m);

/* Notes that host owns ip (host is copied).  TW_ENOMEM; TW_ELIMIT past
 * TW_HOSTMAP_MAX pairs (the rest are not kept). */
#define TW_HOSTMAP_MAX 1000000
tw_err tw_hostmap_add(tw_hostmap *m, const tw_ip *ip, const char *host);

/* Notes every interface address of a configuration's facts as its
 * hostname's (nothing when fs names no host).  TW_ENOMEM, TW_ELIMIT. */
tw_err tw_hostmap_add_config(tw_hostmap *m, const tw_factset *fs);

/* Sorts; call once after the last add and before any find. */
void tw_hostmap_finish(tw_hostmap *m);

/* The device that owns ip, or NULL when none or more than one does.  m may
 * be NULL.  Thread-safe after finish. */
const char *tw_hostmap_find(const tw_hostmap *m, const tw_ip *ip);

/* Findings fl->v[first..] whose device is an address of m get m's device
 * instead (the string is m's: m must outlive their use).  Returns how many
 * were renamed. */
size_t tw_hostmap_name_devices(const tw_hostmap *m, tw_findings *fl, size_t first);

/* The number of addresses that name one device. */
size_t tw_hostmap_count(const tw_hostmap *m);

#endif
