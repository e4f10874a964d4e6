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
 * Peers are the devices of one dialect family and, when the site gives
 * roles (policy.h), of one role: a PE router is compared with PE routers.
 *
 * With a baseline (reference configurations added by
 * tw_fleet_add_baseline) the reference is the norm instead: each device
 * is compared with the reference device of its hostname, setting by
 * setting and also ACL entry by ACL entry, BGP neighbour by neighbour,
 * interface ACL binding, route-map entry and prefix-list entry,
 * and a device the reference does not have is compared with the reference
 * devices of its dialect family (and role).
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
#include "policy.h"

/* Devices with a setting needed before any of its values is an outlier. */
#define TW_FLEET_MIN_DEVICES 5
/* Values collected in all (baseline and audited devices together), at
 * most; past it the collection stops and tw_fleet_outliers says so. */
#define TW_FLEET_MAX_VALUES 1000000

typedef struct tw_fleet tw_fleet;

tw_fleet *tw_fleet_new(void);
void tw_fleet_free(tw_fleet *f);

/* Gives the fleet the roles of p (tw_policy_role): devices are then
 * compared within their (dialect family, role), and devices of no role
 * within their family.  p is borrowed and must outlive f; NULL (the
 * default) means no roles.  Call it before the first add.  Not
 * thread-safe. */
void tw_fleet_set_roles(tw_fleet *f, const tw_policy *p);

/* Adds a device of the baseline (a reference configuration): it is not
 * reported on, it is the norm.  The first call switches the fleet from
 * statistics to the baseline (see tw_fleet_outliers).  Every baseline
 * device must be added before the first tw_fleet_add: TW_EINVAL after it.
 * Otherwise as tw_fleet_add. */
tw_err tw_fleet_add_baseline(tw_fleet *f, const char *file, const tw_factset *fs);

/* Adds the device of one parsed configuration (file, fs): its hostname
 * (the file name when it has none), dialect, role, and the values with
 * their lines; everything is copied.  TW_OK, TW_ENOMEM, TW_ELIMIT (past
 * TW_FLEET_MAX_VALUES; the device is kept with the values read until
 * then).  Thread-safe. */
tw_err tw_fleet_add(tw_fleet *f, const char *file, const tw_factset *fs);

/* Appends the findings to out, of category `outlier`.
 *
 * Without a baseline: among the devices of each (dialect family, role),
 * for each setting that at least TW_FLEET_MIN_DEVICES devices have, every
 * value held by at most a tenth of them (at least one) while another value
 * is held by at least half of them (rules TW-OUTLIER-*).
 *
 * With a baseline: for a device whose hostname (without case; the file's
 * base name when it has none) a baseline device has, every value the
 * device has and the baseline device lacks, at its line
 * (TW-BASELINE-<SETTING>), and every value the baseline device has and
 * the device lacks, with no line (TW-BASELINE-<SETTING>-REMOVED); for
 * another device, every value of the fleet's settings that no baseline
 * device of its family and role holds (of its family, when no baseline
 * device has its role).  The audited devices are not compared with each
 * other.
 *
 * Findings come in no particular order (writers sort them).  TW_OK,
 * TW_ENOMEM, TW_ELIMIT (findings past their cap, or values were left out
 * while adding: the findings are then incomplete, and no value is said
 * to be removed from a device whose values were cut). */
tw_err tw_fleet_outliers(tw_fleet *f, tw_findings *out);

/* Devices added so far, baseline devices included. */
size_t tw_fleet_count(const tw_fleet *f);
/* Baseline devices added so far. */
size_t tw_fleet_baseline_count(const tw_fleet *f);

#endif
