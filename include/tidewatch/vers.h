/*
 * vers.h: version ranges ("vers" and the CSAF vls form) evaluated with the
 * vendor grammars of version.h.
 *
 * A range is the vers spec's `vers:<scheme>/<constraint>|<constraint>...`
 * (package-url/vers-spec), or its constraint part alone (CSAF's "vls"
 * fallback, "<=1.14.0"), or a Fortinet leaf "FortiOS/>=7.0.0|<=7.0.5".
 * Comparators: = != < <= > >= ; a bare version is "="; "*" alone is every
 * version.  The scheme is ignored: versions are always parsed with the
 * grammar of the product's OS (never intdot or semver, which would make
 * 10.2.9-h1 equal 10.2.9).  Text before a comparator names the product
 * ("PAN-OS Firewall>=11.2.10") and is ignored.  Placeholders: "All" after
 * a train ("PAN-OS 10.1 All", "10.1 all versions") is every release of the
 * train; "None" ("PAN-OS None") names no version at all (the range is
 * marked none; CSAF reads it as "not affected").
 *
 * Evaluation (tw_vers_eval) against one version v:
 *   1. v of another OS, or a range of no usable constraint: UNKNOWN.
 *   2. "*" : IN.  A train placeholder: IN when v is of that train, else
 *      the constraint is dropped as incomparable.
 *   3. Constraints whose version is incomparable with v (another train,
 *      tw_version_cmp == TW_VCMP_INCOMPARABLE) are dropped: a range of
 *      several trains ("<10.2.9-h1|>=11.0.0|<11.0.4-h1") is judged only by
 *      the constraints of v's train.  If none is left: UNKNOWN.
 *   4. The vers algorithm on what is left: an "=" equal to v gives IN, a
 *      "!=" equal to v gives OUT; then, over the remaining bounds sorted by
 *      version, v is IN when the first bound is < or <= and v satisfies it,
 *      or the last bound is > or >= and v satisfies it, or two neighbouring
 *      bounds (a > or >= followed by a < or <=) both hold; else OUT.
 * A constraint that does not parse makes the whole range unparseable
 * (TW_EPARSE): a range is never half-read into a guess.
 *
 * Everything here is pure and thread-safe; a tw_vers_range is a plain value.
 */
#ifndef TIDEWATCH_VERS_H
#define TIDEWATCH_VERS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "str.h"
#include "version.h"

/* Most constraints in one range; more is TW_ELIMIT. */
#define TW_VERS_MAX 16

typedef enum {
    TW_VERS_OP_EQ,
    TW_VERS_OP_NE,
    TW_VERS_OP_LT,
    TW_VERS_OP_LE,
    TW_VERS_OP_GT,
    TW_VERS_OP_GE,
    TW_VERS_OP_ANY,   /* "*" */
    TW_VERS_OP_TRAIN, /* "<train> All": every release of v.train */
} tw_vers_op;

typedef struct {
    tw_vers_op op;
    tw_version v; /* unused for TW_VERS_OP_ANY */
} tw_vers_constraint;

typedef struct {
    tw_os os;
    bool none; /* "None": names no version */
    uint8_t n;
    tw_vers_constraint c[TW_VERS_MAX];
} tw_vers_range;

typedef enum {
    TW_VERS_UNKNOWN = 0, /* the range says nothing about v */
    TW_VERS_IN,
    TW_VERS_OUT,
} tw_vers_result;

/* Parses text as a range of versions of os into *out (see above).
 * Returns TW_OK; TW_EPARSE when any constraint is not a version of os (or
 * the text is empty); TW_ELIMIT past TW_VERS_MAX constraints; TW_EINVAL
 * for TW_OS_UNKNOWN.  On error *out holds no constraint. */
tw_err tw_vers_parse(tw_os os, tw_str text, tw_vers_range *out);

/* Evaluates v against r as described above. */
tw_vers_result tw_vers_eval(const tw_vers_range *r, const tw_version *v);

/* True when, among the bounds (< <= > >=) of r comparable with v, the
 * highest is a < or <=: the range is the "<X" (or ">=A|<X") side of a fix
 * point.  CSAF uses it to tell apart the two sides of a product_id that
 * Palo Alto reuses for "<X" and ">=X". */
bool tw_vers_is_upper(const tw_vers_range *r, const tw_version *v);

/* The name of a comparator ("<=", "*", "all"); static. */
const char *tw_vers_op_name(tw_vers_op op);

#endif
