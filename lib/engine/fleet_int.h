/*
 * fleet_int.h: what the fleet comparison (fleet.c) and the composition of
 * its values (fleet_value.c) share.  A value is the text that stands for
 * one setting of one device: an address, an ACL entry ("EDGE: permit tcp
 * any 10.0.0.1 eq 22"), a BGP neighbour, an interface's ACL binding, a
 * route-map or prefix-list entry; two devices hold the same value when
 * the texts are equal.  Values are written into the fleet's arena.
 * Nothing here is exported from the library.
 */
#ifndef TW_ENGINE_FLEET_INT_H
#define TW_ENGINE_FLEET_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tidewatch/arena.h"
#include "tidewatch/fact.h"

/* What the severity of an ACL entry depends on (tw__fleet_acl_value). */
enum { TW__FLEET_PERMIT = 1, TW__FLEET_PUBLIC = 2 };

/* The value of one field, or NULL (a secret, no text, or no memory).  A
 * number is written from its value, so "022" and "22" are one port. */
const char *tw__fleet_field_value(tw_arena *a, const tw_field *x);
/* An ACL entry: "list: action protocol src [port] dst [port]"; *flags
 * gets TW__FLEET_PERMIT and TW__FLEET_PUBLIC.  NULL for a remark. */
const char *tw__fleet_acl_value(tw_arena *a, const tw_fact *t, uint8_t *flags);
/* A BGP neighbour: "address [remote-as N] [peer-group G] [vrf V]
 * [authenticated]". */
const char *tw__fleet_peer_value(tw_arena *a, const tw_fact *t);
/* The binding x (an acl_in or acl_out field) of interface t:
 * "INTERFACE in|out ACL". */
const char *tw__fleet_binding_value(tw_arena *a, const tw_fact *t, const tw_field *x);
/* A route-map entry: "NAME permit|deny SEQ: match ...; set ...". */
const char *tw__fleet_route_map_value(tw_arena *a, const tw_fact *t);
/* A prefix-list entry: "NAME [seq N] permit|deny P [ge X] [le Y]". */
const char *tw__fleet_prefix_value(tw_arena *a, const tw_fact *t);

#endif
