/*
 * fleet.h: outliers, what one device has that its peers do not.
 *
 * Without a site policy, the fleet itself says what is normal: when most
 * devices of a dialect send TACACS+ to the same two servers and one sends
 * it to a third, that third server is worth a look (docs/fleet.md).  A
 * tw_fleet collects, per device, the values of a few security-relevant
 * settings (AAA servers, logging, NTP and SNMP hosts, tunnel peers, mirror
 * destinations, local user names, SSH and HTTP ports, scripts) and then
 * reports each value that few devices hold while most of their peers
 * share another, as a finding of category `outlier` at the device's line.
 *
 * tw_fleet_add may be called from several threads at once (a mutex guards
 * the collection); tw_fleet_outliers runs once, after every add.
 */
#ifndef TIDEWATCH_FLEET_H
#define TIDEWATCH_FLEET_H

#include <stddef.h>

#include "error.h"
#include "fact.h"
#include "finding.h"

/* Devices with a setting needed before any of its values is an outlier. */
#define TW_FLEET_MIN_DEVICES 5
/* Values collected in all, at most; past it the collection stops. */
#define TW_FLEET_MAX_VALUES 1000000

typedef struct tw_fleet tw_fleet;

tw_fleet *tw_fleet_new(void);
void tw_fleet_free(tw_fleet *f);

/* Adds the device of one parsed configuration (file, fs): its hostname
 * (the file name when it has none), dialect, and the values with their
 * lines; everything is copied.  TW_OK, TW_ENOMEM, TW_ELIMIT.  Thread-safe. */
tw_err tw_fleet_add(tw_fleet *f, const char *file, const tw_factset *fs);

/* Appends the outlier findings to out: in each dialect, for each setting
 * that at least TW_FLEET_MIN_DEVICES devices have, every value held by at
 * most a tenth of them (at least one) while another value is held by at
 * least half of them.  Findings are ordered
 * by file and line.  TW_OK, TW_ENOMEM, TW_ELIMIT. */
tw_err tw_fleet_outliers(tw_fleet *f, tw_findings *out);

/* Devices added so far. */
size_t tw_fleet_count(const tw_fleet *f);

#endif
