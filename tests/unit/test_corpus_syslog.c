/*
 * test_corpus_syslog.c: every real message of ../shared/corpus/syslog (the
 * napalm-logs test messages, one line a file, in folders eos, ios, iosxr,
 * junos, nxos) parses as an event with the right host and message id.
 * Skips cleanly when the corpus is absent.
 *
 * The file name is <NAME>.msg or <NAME>__<variant>.msg, NAME being the
 * napalm-logs name of the message.  For Junos that name is the vendor id
 * itself or its tail ("BGP_NEIGHBOR_STATE_CHANGED" for
 * "RPD_BGP_NEIGHBOR_STATE_CHANGED"); the exceptions are listed below with
 * the reason.  For the Cisco family (EOS, IOS, IOS XR, NX-OS) napalm-logs
 * names messages by meaning ("INTERFACE_DOWN"), so a table maps each name
 * (or name and variant) to the "%FAC-SEV-MNEMONIC" id.  The expected host
 * is read from the line by token position, independently of the parser.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/log.h"
#include "log_test_util.h"

#define DIR_ TW_CORPUS_DIR "/syslog"

typedef struct {
    const char *key; /* "os/NAME" or "os/NAME__variant" */
    const char *msgid; /* "" when the line has no vendor id */
    const char *reason;
} expect;

static const expect table[] = {
    /* Junos: napalm-logs names by meaning, not by the daemon's id */
    {"junos/BGP_CONNECTION_REJECTED", "", "rpd free text (bgp_handle_notify:4236)"},
    {"junos/BGP_CONNECTION_RESET", "", "rpd free text (bgp_recv)"},
    {"junos/BGP_INCORRECT_AS_NUMBER", "", "rpd free text (bgp_pp_recv:4609)"},
    {"junos/BGP_MD5_INCORRECT", "", "kernel free text (tcp_auth_ok)"},
    {"junos/BGP_PEER_NOT_CONFIGURED", "", "rpd free text (bgp_read_message:2764)"},
    {"junos/BGP_SESSION_NOT_CONFIGURED", "", "rpd free text (bgp_listen_accept:4984)"},
    {"junos/BPDU_BLOCK_INTERFACE_DISABLED", "ESWD_BPDU_BLOCK_ERROR_DISABLED", "named by meaning"},
    {"junos/CONFIGURATION_COMMIT_COMPLETED", "UI_COMMIT_COMPLETED", "named by meaning"},
    {"junos/CONFIGURATION_COMMIT_REQUESTED", "UI_COMMIT", "named by meaning"},
    {"junos/CONFIGURATION_ROLLBACK", "UI_LOAD_EVENT", "named by meaning"},
    {"junos/FAILED_ALLOCATING_PACKET_BUFFER", "", "fpc free text, no tag"},
    {"junos/INTERFACE_DOWN", "SNMP_TRAP_LINK_DOWN", "named by meaning"},
    {"junos/INTERFACE_UP", "SNMP_TRAP_LINK_UP", "named by meaning"},
    {"junos/INTERFACE_MAC_LIMIT_REACHED", "L2ALD_MAC_LIMIT_REACHED_IF", "named by meaning"},
    {"junos/ISIS_NEIGHBOR_DOWN", "RPD_ISIS_ADJDOWN", "named by meaning"},
    {"junos/ISIS_NEIGHBOR_UP", "RPD_ISIS_ADJUP", "named by meaning"},
    {"junos/LACP_INTERFACE_DOWN", "LACP_INTF_DOWN", "abbreviated by Junos"},
    {"junos/MAJOR_ALARM_CLEARED", "", "craftd free text"},
    {"junos/MAJOR_ALARM_SET", "", "craftd free text"},
    {"junos/MINOR_ALARM_CLEARED", "", "craftd free text"},
    {"junos/MINOR_ALARM_SET", "", "craftd free text"},
    {"junos/NAT_SESSION_CLOSED", "RT_FLOW_SESSION_CLOSE", "named by meaning"},
    {"junos/NAT_SESSION_CREATED", "RT_FLOW_SESSION_CREATE", "named by meaning"},
    {"junos/NH_HOLD_PACKET", "", "fpc free text, no tag"},
    {"junos/NH_INSTALL_FAILED", "", "fpc free text, no tag"},
    {"junos/NH_REGION_GRAB_FAILED", "", "fpc free text, no tag"},
    {"junos/NTP_SERVER_UNREACHABLE", "", "xntpd free text"},
    {"junos/OSPF_NEIGHBOR_DOWN", "RPD_OSPF_NBRDOWN", "named by meaning"},
    {"junos/OSPF_NEIGHBOR_UP", "RPD_OSPF_NBRUP", "named by meaning"},
    {"junos/PROCESS_CEILING_WATERMARK_REACHED", "", "jlaunchd free text"},
    {"junos/SYSTEM_ALARM", "", "alarmd free text"},
    {"junos/SYSTEM_ALARM_CLEARED", "", "alarmd free text"},
    {"junos/USER_ENTER_CONFIG_MODE", "UI_DBASE_LOGIN_EVENT", "named by meaning"},
    /* Cisco family: napalm-logs name -> %FAC-SEV-MNEMONIC */
    {"eos/AGENT_INITIALIZED", "AGENT-6-INITIALIZED", NULL},
    {"eos/BFD_STATE_CHANGE", "BFD-5-STATE_CHANGE", NULL},
    {"eos/BGP_NEIGHBOR_STATE_CHANGED", "BGP-5-ADJCHANGE", NULL},
    {"eos/BGP_PREFIX_LIMIT_EXCEEDED", "BGP-3-NOTIFICATION", NULL},
    {"eos/INTERFACE_DOWN", "LINEPROTO-5-UPDOWN", NULL},
    {"eos/INTERFACE_UP", "LINEPROTO-5-UPDOWN", NULL},
    {"eos/ISIS_NEIGHBOR_DOWN", "ISIS-4-ISIS_ADJCHG", NULL},
    {"eos/ISIS_NEIGHBOR_UP", "ISIS-4-ISIS_ADJCHG", NULL},
    {"eos/MAINTENANCE_MODE_ENDED", "MMODE-5-MAINT_UNIT_STATE_CHANGE", NULL},
    {"eos/MAINTENANCE_MODE_STARTED", "MMODE-5-MAINT_UNIT_STATE_CHANGE", NULL},
    {"eos/PROCESS_RESTART", "PROCMGR-6-PROCESS_RESTART", NULL},
    {"eos/PROCESS_STARTED", "PROCMGR-6-PROCESS_STARTED", NULL},
    {"eos/PROCESS_TERMINATED", "PROCMGR-6-PROCESS_TERMINATED", NULL},
    {"eos/USER_ENTER_CONFIG_MODE", "SYS-5-CONFIG_E", NULL},
    {"eos/USER_EXIT_CONFIG_MODE", "SYS-5-CONFIG_I", NULL},
    {"eos/USER_WRITE_CONFIG", "SYS-5-CONFIG_STARTUP", NULL},
    {"ios/INTERFACE_DOWN__oper_down", "LINEPROTO-5-UPDOWN", NULL},
    {"ios/INTERFACE_DOWN", "LINK-5-CHANGED", NULL},
    {"ios/INTERFACE_UP", "LINEPROTO-5-UPDOWN", NULL},
    {"ios/OSPF_NEIGHBOR_DOWN", "OSPF-5-ADJCHG", NULL},
    {"ios/OSPF_NEIGHBOR_UP", "OSPF-5-ADJCHG", NULL},
    {"ios/USER_EXIT_CONFIG_MODE", "SYS-5-CONFIG_I", NULL},
    {"iosxr/BGP_PREFIX_THRESH_EXCEEDED", "ROUTING-BGP-5-MAXPFX", NULL},
    {"iosxr/CONFIGURATION_COMMIT_COMPLETED", "MGBL-CONFIG-6-DB_COMMIT", NULL},
    {"iosxr/INTERFACE_DOWN", "PKT_INFRA-LINK-3-UPDOWN", NULL},
    {"iosxr/INTERFACE_UP", "PKT_INFRA-LINK-3-UPDOWN", NULL},
    {"iosxr/ISIS_NEIGHBOR_DOWN", "ROUTING-ISIS-5-ADJCHANGE", NULL},
    {"iosxr/ISIS_NEIGHBOR_UP", "ROUTING-ISIS-5-ADJCHANGE", NULL},
    {"iosxr/NTP_SERVER_UNREACHABLE", "IP-IP_NTP-5-SYNC_LOSS", NULL},
    {"nxos/INTERFACE_DOWN__error_disabled", "ETHPORT-5-IF_DOWN_ERROR_DISABLED", NULL},
    {"nxos/INTERFACE_DOWN__individual_port_down", "ETH_PORT_CHANNEL-5-PORT_INDIVIDUAL_DOWN", NULL},
    {"nxos/INTERFACE_DOWN", "ETHPORT-5-IF_DOWN_LINK_FAILURE", NULL},
    {"nxos/INTERFACE_DUPLEX_MODE", "ETHPORT-5-IF_DUPLEX", NULL},
    {"nxos/INTERFACE_UP", "ETHPORT-5-IF_UP", NULL},
    {"nxos/STP_BLOCK_BPDUGUARD", "STP-2-BLOCK_BPDUGUARD", NULL},
    {"nxos/USER_LOGIN", "AUTHPRIV-6-SYSTEM_MSG", NULL},
};

static const expect *lookup(const char *key)
{
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (strcmp(table[i].key, key) == 0)
            return &table[i];
    }
    return NULL;
}

/* The message id expected for os/file: the table by name and variant, then
 * by name; for Junos otherwise the name itself, or any id ending in
 * "_NAME" (*suffix set).  NULL when nothing is known. */
static const char *expected_msgid(const char *os, const char *file, bool *suffix, char *name,
                                  size_t cap)
{
    char key[256], *cut;
    const expect *e;

    *suffix = false;
    if (strlen(os) + strlen(file) + 2 > sizeof(key))
        return NULL;
    memcpy(key, os, strlen(os));
    key[strlen(os)] = '/';
    memcpy(key + strlen(os) + 1, file, strlen(file) + 1);
    cut = strstr(key, ".msg");
    if (cut != NULL)
        *cut = '\0';
    e = lookup(key);
    cut = strstr(key, "__");
    if (e == NULL && cut != NULL) {
        *cut = '\0';
        e = lookup(key);
    }
    if (e != NULL)
        return e->msgid;
    if (strcmp(os, "junos") != 0)
        return NULL;
    *suffix = true;
    snprintf(name, cap, "%s", key + strlen(os) + 1);
    return name;
}

/* The host, read by token position: after <PRI>, "SEQ: HOST[:]", "HOST: ...",
 * "ISO HOST", "Mmm dd hh:mm:ss HOST" or "yyyy Mmm dd hh:mm:ss HOST". */
static void expected_host(const char *line, char *out, size_t cap)
{
    char buf[2048], *tok[8] = {0}, *save = NULL, *p;
    size_t n = 0, k;
    const char *gt = strchr(line, '>');

    snprintf(buf, sizeof(buf), "%s", gt != NULL ? gt + 1 : line);
    for (p = strtok_r(buf, " \t\r\n", &save); p != NULL && n < 8;
         p = strtok_r(NULL, " \t\r\n", &save))
        tok[n++] = p;
    k = strchr(tok[0], 'T') != NULL && strchr(tok[0], '-') != NULL ? 1
        : tok[0][strlen(tok[0]) - 1] == ':' && tok[0][0] >= '0' && tok[0][0] <= '9' ? 1
        : tok[0][strlen(tok[0]) - 1] == ':'                                         ? 0
        : tok[0][0] >= '0' && tok[0][0] <= '9'                                      ? 4
                                                                                      : 3;
    snprintf(out, cap, "%s", tok[k] != NULL ? tok[k] : "");
    if (strlen(out) > 0 && out[strlen(out) - 1] == ':')
        out[strlen(out) - 1] = '\0';
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = calloc(1, 65536);

    *len = 0;
    if (f != NULL && buf != NULL)
        *len = fread(buf, 1, 65535, f);
    if (f != NULL)
        fclose(f);
    return buf;
}

static const tw_field *field(const tw_factset *fs, const char *name)
{
    return fs->n == 1 ? tw_fact_get(&fs->v[0], name) : NULL;
}

/* Parses one file and checks its event. */
static void check_file(const char *os, const char *file, tw_arena *arena)
{
    char path[1024], host[256], name[256];
    size_t len;
    char *text;
    tw_str rest, line = TW_STR_NULL;
    tw_factset fs;
    tw_diags diags;
    bool parsed = false, suffix;
    const char *want = expected_msgid(os, file, &suffix, name, sizeof(name));
    tw_log_parser *p = tw_log_parser_new(TW_LOG_SYSLOG, NULL);
    const tw_field *id, *h;

    snprintf(path, sizeof(path), "%s/%s/%s", DIR_, os, file);
    text = slurp(path, &len);
    assert_non_null(text);
    rest = tw_str_make(text, len);
    assert_true(tw_str_line(&rest, &line));
    tw_factset_init(&fs, arena);
    tw_diags_init(&diags);
    assert_int_equal(tw_log_parser_line(p, path, line, 1, &fs, &diags, &parsed), TW_OK);
    print_message("%s/%s\n", os, file);
    assert_true(parsed);
    assert_int_equal(tw_log_detect(text, len), TW_LOG_SYSLOG);
    expected_host(text, host, sizeof(host));
    h = field(&fs, "host");
    assert_non_null(h);
    assert_true(tw_str_eq_c(h->str, host));
    id = field(&fs, "msgid");
    assert_non_null(want);
    assert_true(want[0] != '\0' || id == NULL);
    assert_true(want[0] == '\0' || id != NULL);
    assert_true(id == NULL || tw_str_eq_c(id->str, want) ||
                (suffix && id->str.len > strlen(want) &&
                 strncmp(id->str.ptr + id->str.len - strlen(want), want, strlen(want)) == 0 &&
                 id->str.ptr[id->str.len - strlen(want) - 1] == '_'));
    /* a record with a command holds a command marker (log.h) */
    assert_true(field(&fs, "command") == NULL || log_has_marker(TW_LOG_SYSLOG, line));
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    tw_log_parser_free(p);
    free(text);
}

static void test_corpus(void **state)
{
    static const char *const oses[] = {"eos", "ios", "iosxr", "junos", "nxos"};
    tw_arena *arena = tw_arena_new(0);
    size_t files = 0;

    (void)state;
    assert_non_null(arena);
    for (size_t i = 0; i < sizeof(oses) / sizeof(oses[0]); i++) {
        char dir[1024];
        DIR *d;
        struct dirent *de;
        snprintf(dir, sizeof(dir), "%s/%s", DIR_, oses[i]);
        d = opendir(dir);
        if (d == NULL)
            continue;
        while ((de = readdir(d)) != NULL) {
            if (strstr(de->d_name, ".msg") == NULL)
                continue;
            check_file(oses[i], de->d_name, arena);
            files++;
        }
        closedir(d);
    }
    tw_arena_free(arena);
    assert_true(files >= 100);
}

int main(void)
{
    DIR *d = opendir(DIR_);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
    };

    if (d == NULL) {
        printf("skipped: no syslog corpus at %s\n", DIR_);
        return 0;
    }
    closedir(d);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
