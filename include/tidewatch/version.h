/*
 * version.h: network operating systems and their release grammars.
 *
 * Exposure decisions need versions compared the way each vendor numbers its
 * releases: only within one release train, never by a generic "dotted
 * numbers" rule (17.9.1 is not 17.9.12; 15.2(4)M7 and 15.2(4)E7 are of
 * different trains).  tw_version_parse turns a version string of a known
 * OS into its train and an ordering key; tw_version_cmp orders two parsed
 * versions of one train and says "incomparable" for anything else.  A
 * string that does not parse is an error, never a guess.  The grammars are
 * documented in docs/versions.md.
 *
 * Everything here is pure: no allocation, thread-safe.
 */
#ifndef TIDEWATCH_VERSION_H
#define TIDEWATCH_VERSION_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "str.h"

/* The operating systems tidewatch knows: X(enum suffix, canonical name,
 * vendor).  The canonical names are those of the inventory `os` column. */
#define TW_OS_LIST(X)                                           \
    X(UNKNOWN, "unknown", "unknown")                            \
    X(IOS, "ios", "cisco")                                      \
    X(IOS_XE, "ios-xe", "cisco")                                \
    X(IOS_XR, "ios-xr", "cisco")                                \
    X(NX_OS, "nx-os", "cisco")                                  \
    X(ASA, "asa", "cisco")                                      \
    X(PAN_OS, "pan-os", "paloaltonetworks")                     \
    X(IVANTI_ICS, "ivanti-connect-secure", "ivanti")            \
    X(IVANTI_IPS, "ivanti-policy-secure", "ivanti")             \
    X(JUNOS, "junos", "juniper")                                \
    X(FORTIOS, "fortios", "fortinet")                           \
    X(EOS, "eos", "arista")

typedef enum {
#define TW__OS_ENUM(name, str, vendor) TW_OS_##name,
    TW_OS_LIST(TW__OS_ENUM)
#undef TW__OS_ENUM
    TW__OS_COUNT
} tw_os;

/* The canonical name ("ios-xe") and the vendor ("cisco") of an OS; static
 * strings. */
const char *tw_os_name(tw_os os);
const char *tw_os_vendor(tw_os os);

/* The OS a name stands for, as people write it, case-insensitive and
 * ignoring spaces, '-' and '_': "ios-xe", "IOS XE", "iosxe", "Cisco
 * IOS-XE", "IOS XE Software", "PAN-OS", "panos", "Connect Secure", "Pulse
 * Connect Secure", "Ivanti Connect Secure", "Policy Secure", "NX-OS",
 * "nxos", "JunOS", "FortiOS", "EOS"...  TW_OS_UNKNOWN when it names none.
 * A name of two OSes ("IOS and IOS XE Software", KEV's spelling) is
 * TW_OS_UNKNOWN here: a caller wanting both uses tw_os_mask_parse. */
tw_os tw_os_parse(tw_str name);

/* The OSes a product name stands for, one bit (1u << os) each: "IOS and
 * IOS XE Software" gives the bits of TW_OS_IOS and TW_OS_IOS_XE; "IOS, XR,
 * and XE Software" those of ios, ios-xr and ios-xe; "Connect Secure, Policy
 * Secure, and Neurons" those of both Ivanti OSes (pieces naming no OS add
 * nothing).  The name is split at ',', '/', ';', '&', '+' and the word
 * "and"; a name tw_os_parse knows as a whole gives that one bit.  0 when
 * it names none; the TW_OS_UNKNOWN bit is never set.  Pure, thread-safe. */
uint32_t tw_os_mask_parse(tw_str name);

/* Parts of an ordering key. */
#define TW_VERSION_KEY 8
/* Bytes of a version's text and train, NUL included. */
#define TW_VERSION_TEXT 48

/* A parsed version.  Two versions are ordered only when their os and train
 * are equal; then key decides, part by part (a missing part is lower than
 * any present one).  The branch is the first nbranch parts of the key: a
 * fix that the vendor backports to an older maintenance release (PAN-OS
 * 10.2.7-h8, Junos 21.4R3-S5, Ivanti 9.1R17.2) fixes the later releases of
 * its branch only. */
typedef struct {
    tw_os os;
    char text[TW_VERSION_TEXT];  /* the version, trimmed, as written */
    char train[TW_VERSION_TEXT]; /* "15.2M", "12.2SE", "3.16S", "17.9", "7.3", "7.0(3)I7",
                                    "10.2", "9.1", "21.4R", "12.1X46", "7.2" */
    int32_t key[TW_VERSION_KEY];
    uint8_t nkey;
    uint8_t nbranch;
    bool train_only; /* only a train was written ("17.9", "10.2"): no release in it */
} tw_version;

/* Parses text as a version of os into *out.  Accepted per OS (the full
 * grammar in docs/versions.md):
 *   ios      15.2(4)M7, 12.2(55)SE12, 15.0(2a)EX5, 15.2(7)E0s, 12.4(25)
 *   ios-xe   03.16.07S and 3.16.7S (leading zeros dropped), 16.12.4, 17.9.4a, 17.11.99SW
 *   ios-xr   7.3.2, 6.1.4.10I
 *   nx-os    9.3(10), 7.0(3)I7(10), 10.2(3t)
 *   asa      9.16(4)19, 9.8(4)
 *   pan-os   10.2.9-h1, 10.2.9, 3.4.2-c5, 4.4.4-b8 (-b < -c < release < -h)
 *   ivanti   22.7R2.3, 9.1R18 (a trailing " (build 1337)" or "build 1337" is ignored)
 *   junos    21.4R3-S5, 20.4R3-S1.4, 12.1X46-D10.2, 21.4R3
 *   fortios  7.2.5, v7.2.5, "7.2.5 build1517", "7.2.5,build1517"
 *   eos      4.28.3M, 4.30.1F
 * A train alone ("17.9", "15.2M" is not one: a train of IOS needs a
 * release) sets train_only and no key.  Returns TW_OK, or TW_EPARSE when
 * the text is not a version of that OS (then *out is zeroed but for os and
 * text), or TW_EINVAL for TW_OS_UNKNOWN. */
tw_err tw_version_parse(tw_os os, tw_str text, tw_version *out);

typedef enum {
    TW_VCMP_LT = -1,
    TW_VCMP_EQ = 0,
    TW_VCMP_GT = 1,
    TW_VCMP_INCOMPARABLE = 2, /* other os or train, or a train_only side */
} tw_vcmp;

/* Orders a and b (a relative to b). */
tw_vcmp tw_version_cmp(const tw_version *a, const tw_version *b);

/* True when a and b are of one os and train and share the branch (the
 * first nbranch key parts, nbranch taken from b). */
bool tw_version_same_branch(const tw_version *a, const tw_version *b);

/* True when a and b are of one os and train (train_only sides included). */
bool tw_version_same_train(const tw_version *a, const tw_version *b);

#endif
