/*
 * policy.h: the site policy, what this network considers normal.
 *
 * A policy file (YAML, docs/policy.md) names the approved AAA servers,
 * logging hosts, NTP servers, SNMP managers, tunnel peers, mirror
 * destinations, management networks, local users, and SSH and HTTP ports.
 * Rules consult it with `in: policy.<list>` / `not_in: policy.<list>`, and
 * a rule with `policy: <list>` applies only when the policy gives that
 * list (docs/rules.md): an unapproved TACACS+ server is then a finding,
 * while without a policy nothing is said about it.
 *
 * A policy may also name roles: `roles: [{name: pe, hostname: "*-pe-*"}]`
 * puts every device whose hostname matches the pattern in role pe, and the
 * fleet compares devices with the others of their role (fleet.h).
 *
 * A loaded policy is read-only and may be shared between threads.
 */
#ifndef TIDEWATCH_POLICY_H
#define TIDEWATCH_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "ip.h"
#include "str.h"

/* The lists a policy may give: X(enum suffix, key, kind of entry) with
 * kinds ADDR (an address or prefix), NAME (text, compared without case)
 * and PORT (a number from 1 to 65535). */
#define TW_POLICY_LIST(X)                                                                          \
    X(AAA_SERVERS, "aaa_servers", ADDR)                                                            \
    X(LOGGING_HOSTS, "logging_hosts", ADDR)                                                        \
    X(NTP_SERVERS, "ntp_servers", ADDR)                                                            \
    X(SNMP_MANAGERS, "snmp_managers", ADDR)                                                        \
    X(TUNNEL_PEERS, "tunnel_peers", ADDR)                                                          \
    X(MIRROR_DESTINATIONS, "mirror_destinations", ADDR)                                            \
    X(MANAGEMENT_NETWORKS, "management_networks", ADDR)                                            \
    X(LOCAL_USERS, "local_users", NAME)                                                            \
    X(SSH_PORTS, "ssh_ports", PORT)                                                                \
    X(HTTP_PORTS, "http_ports", PORT)

/* Entries of one list, at most. */
#define TW_POLICY_MAX_ENTRIES 100000
/* Roles, at most; the longest role name and hostname pattern. */
#define TW_POLICY_MAX_ROLES 1000
#define TW_ROLE_NAME_MAX 64
#define TW_ROLE_PATTERN_MAX 255

typedef struct tw_policy tw_policy;

/* A policy with no list; NULL on ENOMEM.  Free with tw_policy_free. */
tw_policy *tw_policy_new(void);
void tw_policy_free(tw_policy *p);

/* Loads a policy file (data, len; file names it in diagnostics) into p:
 * a mapping of list names to sequences of entries, and `roles`, a sequence
 * of {name, hostname} mappings appended after the roles p has.  An unknown
 * list, an entry of the wrong kind (an address that does not parse, a port
 * out of range, a role whose name or pattern tw_role_check refuses) or a
 * list given twice is an error at file:line:column, and that entry or list
 * is left out.  Returns TW_OK, TW_EPARSE when anything was
 * reported, TW_EYAML for a YAML syntax error, TW_ELIMIT, TW_ENOMEM.  Not
 * thread-safe on p. */
tw_err tw_policy_load(tw_policy *p, const char *file, const char *data, size_t len,
                      tw_diags *diags);

/* True when name is one of TW_POLICY_LIST's keys.  Pure. */
bool tw_policy_list_known(const char *name);

/* True when the policy gives the list (even an empty one); false for an
 * unknown name or a NULL p. */
bool tw_policy_has(const tw_policy *p, const char *list);

/* True when list holds the value: an address list an address inside one
 * of its prefixes, a name list the text (without case), a port list the
 * number.  False when the list is not given or the value is of another
 * kind.  Pure, thread-safe. */
bool tw_policy_has_addr(const tw_policy *p, const char *list, const tw_cidr *addr);
bool tw_policy_has_name(const tw_policy *p, const char *list, tw_str name);
bool tw_policy_has_port(const tw_policy *p, const char *list, int64_t port);

/* Checks a role: its name is 1 to TW_ROLE_NAME_MAX letters, digits, '-',
 * '_' or '.', and its hostname pattern a glob of at most
 * TW_ROLE_PATTERN_MAX printable characters: `*` any run, `?` any one
 * character, `[...]` one of a set (ranges `a-z`; `!` or `^` first
 * negates), `\` takes the next character as it is.  Returns NULL when both
 * are good, else a static message and in *col the 1-based character of the
 * pattern at fault (0 when the name is).  Pure, thread-safe. */
const char *tw_role_check(const char *name, const char *pattern, size_t *col);

/* True when host matches a pattern that tw_role_check accepts, without
 * regard to case (ASCII).  A host longer than 255 bytes (no DNS name is)
 * matches nothing, which also bounds the work.  Pure, thread-safe. */
bool tw_role_match(const char *pattern, tw_str host);

/* Appends a role after those p has (the first role whose pattern matches a
 * hostname wins); name and pattern are copied.  TW_EINVAL when
 * tw_role_check refuses them, TW_ELIMIT past TW_POLICY_MAX_ROLES,
 * TW_ENOMEM.  Not thread-safe on p. */
tw_err tw_policy_add_role(tw_policy *p, const char *name, const char *pattern);

/* The role of a device called host: the id of the first role whose pattern
 * matches, or -1 when none does (or host is empty, or p NULL).  Roles of
 * one name (compared without case) share one id; ids count from 0 in the
 * order names first appear.  Pure, thread-safe. */
int tw_policy_role(const tw_policy *p, tw_str host);
/* The name of role id (as first written), or NULL when there is no such
 * role.  Borrowed from p. */
const char *tw_policy_role_name(const tw_policy *p, int id);
/* Distinct role names p has (ids 0 to this, exclusive). */
size_t tw_policy_nroles(const tw_policy *p);

#endif
