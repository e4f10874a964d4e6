/*
 * test_version.c: unit tests for the OS names and vendor version grammars
 * (lib/core/version.c, lib/core/version_os.c).
 *
 * Tables of names, versions (train, key, branch), bad strings, orderings and
 * branch checks; each version is parsed from a heap copy of exactly its
 * length, so a read past the view shows up under ASan.  The corpus tests
 * read the KEV catalog and Cisco's CSAF advisory from ../shared/corpus and
 * skip when it is absent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "tidewatch/version.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(os) (1u << TW_OS_##os)

/* ---- helpers ---------------------------------------------------------- */

/* Parses text from a heap copy of exactly its length. */
static tw_err parse_exact(tw_os os, const char *text, size_t len, tw_version *v)
{
    char *copy = malloc(len > 0 ? len : 1);
    tw_err rc;

    assert_non_null(copy);
    memcpy(copy, text, len);
    rc = tw_version_parse(os, tw_str_make(copy, len), v);
    free(copy);
    return rc;
}

static tw_version parse_ok(tw_os os, const char *text)
{
    tw_version v;

    assert_int_equal(parse_exact(os, text, strlen(text), &v), TW_OK);
    return v;
}

/* ---- OS names --------------------------------------------------------- */

static const struct {
    const char *name;
    tw_os os;
} os_cases[] = {
    {"ios", TW_OS_IOS},
    {"IOS", TW_OS_IOS},
    {"Cisco IOS", TW_OS_IOS},
    {"Cisco IOS Software", TW_OS_IOS},
    {"IOS Software", TW_OS_IOS},
    {"IOS software", TW_OS_IOS},
    {"ios-xe", TW_OS_IOS_XE},
    {"IOS XE", TW_OS_IOS_XE},
    {"iosxe", TW_OS_IOS_XE},
    {"IOS_XE", TW_OS_IOS_XE},
    {"Cisco IOS-XE", TW_OS_IOS_XE},
    {"Cisco IOS XE Software", TW_OS_IOS_XE},
    {"IOS XE Software", TW_OS_IOS_XE},
    {"IOS XE Web UI", TW_OS_IOS_XE},
    {"Cisco IOS XE Web UI", TW_OS_IOS_XE},
    {"  ios xe  ", TW_OS_IOS_XE},
    {"ios-xr", TW_OS_IOS_XR},
    {"IOS XR", TW_OS_IOS_XR},
    {"Cisco IOS XR Software", TW_OS_IOS_XR},
    {"nx-os", TW_OS_NX_OS},
    {"NX-OS", TW_OS_NX_OS},
    {"nxos", TW_OS_NX_OS},
    {"Cisco NX-OS Software", TW_OS_NX_OS},
    {"asa", TW_OS_ASA},
    {"ASA", TW_OS_ASA},
    {"Adaptive Security Appliance", TW_OS_ASA},
    {"Adaptive Security Appliance (ASA)", TW_OS_ASA},
    {"Cisco ASA Software", TW_OS_ASA},
    {"pan-os", TW_OS_PAN_OS},
    {"PAN-OS", TW_OS_PAN_OS},
    {"panos", TW_OS_PAN_OS},
    {"PAN-OS GlobalProtect", TW_OS_PAN_OS},
    {"Palo Alto Networks PAN-OS", TW_OS_PAN_OS},
    {"ivanti-connect-secure", TW_OS_IVANTI_ICS},
    {"Connect Secure", TW_OS_IVANTI_ICS},
    {"Pulse Connect Secure", TW_OS_IVANTI_ICS},
    {"Ivanti Connect Secure", TW_OS_IVANTI_ICS},
    {"Ivanti Connect Secure (ICS)", TW_OS_IVANTI_ICS},
    {"ivanti-policy-secure", TW_OS_IVANTI_IPS},
    {"Policy Secure", TW_OS_IVANTI_IPS},
    {"Pulse Policy Secure", TW_OS_IVANTI_IPS},
    {"junos", TW_OS_JUNOS},
    {"JunOS", TW_OS_JUNOS},
    {"Junos OS", TW_OS_JUNOS},
    {"Juniper Junos OS", TW_OS_JUNOS},
    {"fortios", TW_OS_FORTIOS},
    {"FortiOS", TW_OS_FORTIOS},
    {"FortiGate", TW_OS_FORTIOS},
    {"Fortinet FortiOS", TW_OS_FORTIOS},
    {"FortiOS SSL-VPN", TW_OS_FORTIOS},
    {"eos", TW_OS_EOS},
    {"EOS", TW_OS_EOS},
    {"Arista EOS", TW_OS_EOS},
    /* Not one OS. */
    {"IOS and IOS XE Software", TW_OS_UNKNOWN},
    {"IOS and IOS XE", TW_OS_UNKNOWN},
    {"Connect Secure and Policy Secure", TW_OS_UNKNOWN},
    {"", TW_OS_UNKNOWN},
    {"   ", TW_OS_UNKNOWN},
    {"cisco", TW_OS_UNKNOWN},
    {"Software", TW_OS_UNKNOWN},
    {"XE", TW_OS_UNKNOWN},
    {"Junos OS Evolved", TW_OS_UNKNOWN},
    {"FortiProxy", TW_OS_UNKNOWN},
    {"Firepower Threat Defense (FTD)", TW_OS_UNKNOWN},
    {"Identity Services Engine", TW_OS_UNKNOWN},
    {"iosxe(", TW_OS_UNKNOWN},
    {"ios)xe", TW_OS_UNKNOWN},
    {"ios xe ios xe ios xe ios xe ios xe ios xe ios xe ios xe ios xe ios xe ios xe ios xe",
     TW_OS_UNKNOWN},
};

static void test_os_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(os_cases); i++) {
        tw_os os = tw_os_parse(tw_str_c(os_cases[i].name));
        assert_string_equal(tw_os_name(os), tw_os_name(os_cases[i].os));
    }
}

static void test_os_parse_nul(void **state)
{
    (void)state;
    assert_int_equal(tw_os_parse(tw_str_make("ios\0xe", 6)), TW_OS_UNKNOWN);
    assert_int_equal(tw_os_parse(tw_str_make("iosxe", 3)), TW_OS_IOS);
    assert_int_equal(tw_os_parse(TW_STR_NULL), TW_OS_UNKNOWN);
}

static void test_os_name_round_trip(void **state)
{
    (void)state;
    for (int os = 0; os < TW__OS_COUNT; os++) {
        assert_int_equal(tw_os_parse(tw_str_c(tw_os_name((tw_os)os))), os);
        assert_true(strlen(tw_os_vendor((tw_os)os)) > 0);
    }
    assert_string_equal(tw_os_name(TW__OS_COUNT), "unknown");
    assert_string_equal(tw_os_name((tw_os)-1), "unknown");
    assert_string_equal(tw_os_vendor(TW__OS_COUNT), "unknown");
    assert_string_equal(tw_os_vendor(TW_OS_PAN_OS), "paloaltonetworks");
    assert_string_equal(tw_os_vendor(TW_OS_IVANTI_IPS), "ivanti");
    assert_string_equal(tw_os_name(TW_OS_IOS_XE), "ios-xe");
}

static const struct {
    const char *name;
    uint32_t mask;
} mask_cases[] = {
    {"IOS and IOS XE Software", BIT(IOS) | BIT(IOS_XE)},
    {"IOS and IOS XE", BIT(IOS) | BIT(IOS_XE)},
    {"IOS Software and Cisco IOS XE Software", BIT(IOS) | BIT(IOS_XE)},
    {"IOS, IOS XR, and IOS XE", BIT(IOS) | BIT(IOS_XR) | BIT(IOS_XE)},
    {"IOS, XR, and XE Software", BIT(IOS) | BIT(IOS_XR) | BIT(IOS_XE)},
    {"IOS/IOS XE", BIT(IOS) | BIT(IOS_XE)},
    {"IOS & IOS XE", BIT(IOS) | BIT(IOS_XE)},
    {"IOS XE Web UI", BIT(IOS_XE)},
    {"Cisco IOS XE Web UI", BIT(IOS_XE)},
    {"IOS XR", BIT(IOS_XR)},
    {"NX-OS", BIT(NX_OS)},
    {"Adaptive Security Appliance (ASA) and Firepower Threat Defense (FTD)", BIT(ASA)},
    {"Adaptive Security Appliance and Firepower Threat Defense", BIT(ASA)},
    {"PAN-OS", BIT(PAN_OS)},
    {"Connect Secure and Policy Secure", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"Connect Secure, Policy Secure, and Neurons", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"Connect Secure, Policy Secure, and ZTA Gateways", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"Pulse Connect Secure and Pulse Policy Secure", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"Pulse Connect Secure", BIT(IVANTI_ICS)},
    {"Junos OS", BIT(JUNOS)},
    {"FortiOS and FortiProxy", BIT(FORTIOS)},
    {"FortiOS and FortiProxy SSL-VPN", BIT(FORTIOS)},
    {"Arista EOS", BIT(EOS)},
    {"XE and XR", 0},
    {"Multiple Products", 0},
    {"Small Business RV320 and RV325 Routers", 0},
    {"Android and Chrome", 0},
    {"", 0},
    {"and", 0},
    {",,,", 0},
    {"Expedition", 0},
};

static void test_os_mask_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(mask_cases); i++)
        assert_int_equal(tw_os_mask_parse(tw_str_c(mask_cases[i].name)), mask_cases[i].mask);
}

/* ---- parsing ---------------------------------------------------------- */

static const struct {
    tw_os os;
    const char *text;
    const char *train;
    uint8_t nkey;
    int32_t key[TW_VERSION_KEY];
    uint8_t nbranch;
    bool train_only;
    const char *kept; /* the text field: the input trimmed */
} parse_cases[] = {
    /* Cisco IOS: [maint, maint letter, rebuild, letter]; mainline [maint, letter]. */
    {TW_OS_IOS, "15.2(4)M7", "15.2M", 4, {4, 0, 7, 0}, 0, false, "15.2(4)M7"},
    {TW_OS_IOS, "15.2(4)M10", "15.2M", 4, {4, 0, 10, 0}, 0, false, "15.2(4)M10"},
    {TW_OS_IOS, "12.2(55)SE12", "12.2SE", 4, {55, 0, 12, 0}, 0, false, "12.2(55)SE12"},
    {TW_OS_IOS, "12.2(55)SE", "12.2SE", 4, {55, 0, 0, 0}, 0, false, "12.2(55)SE"},
    {TW_OS_IOS, "15.0(2a)EX5", "15.0EX", 4, {2, 1, 5, 0}, 0, false, "15.0(2a)EX5"},
    {TW_OS_IOS, "15.2(7)E0s", "15.2E", 4, {7, 0, 0, 19}, 0, false, "15.2(7)E0s"},
    {TW_OS_IOS, "15.2(6)E0a", "15.2E", 4, {6, 0, 0, 1}, 0, false, "15.2(6)E0a"},
    {TW_OS_IOS, "15.1(4)M12c", "15.1M", 4, {4, 0, 12, 3}, 0, false, "15.1(4)M12c"},
    {TW_OS_IOS, "12.4(25e)JAN2", "12.4JAN", 4, {25, 5, 2, 0}, 0, false, "12.4(25e)JAN2"},
    {TW_OS_IOS, "15.1(3)SVG3d", "15.1SVG", 4, {3, 0, 3, 4}, 0, false, "15.1(3)SVG3d"},
    {TW_OS_IOS, "12.4(25)", "12.4", 2, {25, 0}, 0, false, "12.4(25)"},
    {TW_OS_IOS, "12.4(25c)", "12.4", 2, {25, 3}, 0, false, "12.4(25c)"},
    {TW_OS_IOS, " 15.2(4)M7\r\n", "15.2M", 4, {4, 0, 7, 0}, 0, false, "15.2(4)M7"},
    {TW_OS_IOS, "15.2", "15.2", 0, {0}, 0, true, "15.2"},
    /* IOS XE: [maint, rebuild letter]. */
    {TW_OS_IOS_XE, "03.16.07S", "3.16S", 2, {7, 0}, 0, false, "03.16.07S"},
    {TW_OS_IOS_XE, "3.16.7S", "3.16S", 2, {7, 0}, 0, false, "3.16.7S"},
    {TW_OS_IOS_XE, "3.16.7bS", "3.16S", 2, {7, 2}, 0, false, "3.16.7bS"},
    {TW_OS_IOS_XE, "3.9.2E", "3.9E", 2, {2, 0}, 0, false, "3.9.2E"},
    {TW_OS_IOS_XE, "03.16.07b.S", "3.16S", 2, {7, 2}, 0, false, "03.16.07b.S"},
    {TW_OS_IOS_XE, "03.16.08.S", "3.16S", 2, {8, 0}, 0, false, "03.16.08.S"},
    {TW_OS_IOS_XE, "3.10.0cE", "3.10E", 2, {0, 3}, 0, false, "3.10.0cE"},
    {TW_OS_IOS_XE, "3.2.0JA", "3.2JA", 2, {0, 0}, 0, false, "3.2.0JA"},
    {TW_OS_IOS_XE, "16.12.4", "16.12", 2, {4, 0}, 0, false, "16.12.4"},
    {TW_OS_IOS_XE, "16.12.10a", "16.12", 2, {10, 1}, 0, false, "16.12.10a"},
    {TW_OS_IOS_XE, "17.9.4a", "17.9", 2, {4, 1}, 0, false, "17.9.4a"},
    {TW_OS_IOS_XE, "17.09.04a", "17.9", 2, {4, 1}, 0, false, "17.09.04a"},
    {TW_OS_IOS_XE, "16.8.1s", "16.8", 2, {1, 19}, 0, false, "16.8.1s"},
    {TW_OS_IOS_XE, "17.11.99SW", "17.11SW", 2, {99, 0}, 0, false, "17.11.99SW"},
    {TW_OS_IOS_XE, "17.9", "17.9", 0, {0}, 0, true, "17.9"},
    {TW_OS_IOS_XE, "17.09", "17.9", 0, {0}, 0, true, "17.09"},
    /* IOS XR: [maint[, build[, letter]]]. */
    {TW_OS_IOS_XR, "7.3.2", "7.3", 1, {2}, 0, false, "7.3.2"},
    {TW_OS_IOS_XR, "6.1.4.10I", "6.1", 3, {4, 10, 9}, 0, false, "6.1.4.10I"},
    {TW_OS_IOS_XR, "7.11.1", "7.11", 1, {1}, 0, false, "7.11.1"},
    {TW_OS_IOS_XR, "7.3", "7.3", 0, {0}, 0, true, "7.3"},
    /* NX-OS: [maint, letter] or, in a platform train, [release, letter]. */
    {TW_OS_NX_OS, "9.3(10)", "9.3", 2, {10, 0}, 0, false, "9.3(10)"},
    {TW_OS_NX_OS, "9.3(1)", "9.3", 2, {1, 0}, 0, false, "9.3(1)"},
    {TW_OS_NX_OS, "10.2(3t)", "10.2", 2, {3, 20}, 0, false, "10.2(3t)"},
    {TW_OS_NX_OS, "7.0(3)I7(10)", "7.0(3)I7", 2, {10, 0}, 0, false, "7.0(3)I7(10)"},
    {TW_OS_NX_OS, "7.0(3)I4(8a)", "7.0(3)I4", 2, {8, 1}, 0, false, "7.0(3)I4(8a)"},
    {TW_OS_NX_OS, "5.2(1)N1(9b)", "5.2(1)N1", 2, {9, 2}, 0, false, "5.2(1)N1(9b)"},
    {TW_OS_NX_OS, "07.0(03)I7(01)", "7.0(3)I7", 2, {1, 0}, 0, false, "07.0(03)I7(01)"},
    {TW_OS_NX_OS, "9.3", "9.3", 0, {0}, 0, true, "9.3"},
    /* ASA: [maint[, build]]. */
    {TW_OS_ASA, "9.16(4)19", "9.16", 2, {4, 19}, 0, false, "9.16(4)19"},
    {TW_OS_ASA, "9.16.4.19", "9.16", 2, {4, 19}, 0, false, "9.16.4.19"},
    {TW_OS_ASA, "9.8(4)", "9.8", 1, {4}, 0, false, "9.8(4)"},
    {TW_OS_ASA, "9.8.4", "9.8", 1, {4}, 0, false, "9.8.4"},
    {TW_OS_ASA, "9.16", "9.16", 0, {0}, 0, true, "9.16"},
    /* PAN-OS: [maint, kind (b 0, c 1, release 2, h 3), number]. */
    {TW_OS_PAN_OS, "10.2.9-h1", "10.2", 3, {9, 3, 1}, 1, false, "10.2.9-h1"},
    {TW_OS_PAN_OS, "10.2.9", "10.2", 3, {9, 2, 0}, 1, false, "10.2.9"},
    {TW_OS_PAN_OS, "10.2.3-h13", "10.2", 3, {3, 3, 13}, 1, false, "10.2.3-h13"},
    {TW_OS_PAN_OS, "3.4.2-c5", "3.4", 3, {2, 1, 5}, 1, false, "3.4.2-c5"},
    {TW_OS_PAN_OS, "4.4.4-b8", "4.4", 3, {4, 0, 8}, 1, false, "4.4.4-b8"},
    {TW_OS_PAN_OS, "11.1.2-H3", "11.1", 3, {2, 3, 3}, 1, false, "11.1.2-H3"},
    {TW_OS_PAN_OS, "10.2", "10.2", 0, {0}, 0, true, "10.2"},
    /* Ivanti: [release, patch]; the build is ignored. */
    {TW_OS_IVANTI_ICS, "22.7R2.3", "22.7", 2, {2, 3}, 1, false, "22.7R2.3"},
    {TW_OS_IVANTI_ICS, "9.1R18", "9.1", 2, {18, 0}, 1, false, "9.1R18"},
    {TW_OS_IVANTI_ICS, "9.1R18.3", "9.1", 2, {18, 3}, 1, false, "9.1R18.3"},
    {TW_OS_IVANTI_ICS,
     "9.1R18.3 (build 1337)",
     "9.1",
     2,
     {18, 3},
     1,
     false,
     "9.1R18.3 (build 1337)"},
    {TW_OS_IVANTI_ICS, "22.7R2.3 build 1337", "22.7", 2, {2, 3}, 1, false, "22.7R2.3 build 1337"},
    {TW_OS_IVANTI_ICS,
     "22.7R2.3 (Build 1485)",
     "22.7",
     2,
     {2, 3},
     1,
     false,
     "22.7R2.3 (Build 1485)"},
    {TW_OS_IVANTI_IPS, "22.6R1.1", "22.6", 2, {1, 1}, 1, false, "22.6R1.1"},
    {TW_OS_IVANTI_IPS, "9.1R16.3", "9.1", 2, {16, 3}, 1, false, "9.1R16.3"},
    {TW_OS_IVANTI_ICS, "22.7", "22.7", 0, {0}, 0, true, "22.7"},
    /* Junos: R trains [release[, service[, respin]]], X trains [service[, respin]]. */
    {TW_OS_JUNOS, "21.4R3-S5", "21.4R", 2, {3, 5}, 1, false, "21.4R3-S5"},
    {TW_OS_JUNOS, "21.4R3", "21.4R", 1, {3}, 1, false, "21.4R3"},
    {TW_OS_JUNOS, "20.4R3-S1.4", "20.4R", 3, {3, 1, 4}, 1, false, "20.4R3-S1.4"},
    {TW_OS_JUNOS, "21.4R3.15", "21.4R", 3, {3, 0, 15}, 1, false, "21.4R3.15"},
    {TW_OS_JUNOS, "15.1F6-S13", "15.1F", 2, {6, 13}, 1, false, "15.1F6-S13"},
    {TW_OS_JUNOS, "12.1X46-D10.2", "12.1X46", 2, {10, 2}, 0, false, "12.1X46-D10.2"},
    {TW_OS_JUNOS, "15.1X49-D230", "15.1X49", 1, {230}, 0, false, "15.1X49-D230"},
    {TW_OS_JUNOS, "21.4R3-S5-EVO", "21.4R-EVO", 2, {3, 5}, 1, false, "21.4R3-S5-EVO"},
    {TW_OS_JUNOS, "21.4", "21.4", 0, {0}, 0, true, "21.4"},
    /* FortiOS: [maint]; "v" and the build are ignored. */
    {TW_OS_FORTIOS, "7.2.5", "7.2", 1, {5}, 0, false, "7.2.5"},
    {TW_OS_FORTIOS, "v7.2.5", "7.2", 1, {5}, 0, false, "v7.2.5"},
    {TW_OS_FORTIOS, "7.2.5 build1517", "7.2", 1, {5}, 0, false, "7.2.5 build1517"},
    {TW_OS_FORTIOS, "7.2.5,build1517", "7.2", 1, {5}, 0, false, "7.2.5,build1517"},
    {TW_OS_FORTIOS,
     "v7.2.5,build1517,230606 (GA.F)",
     "7.2",
     1,
     {5},
     0,
     false,
     "v7.2.5,build1517,230606 (GA.F)"},
    {TW_OS_FORTIOS, "6.4.12", "6.4", 1, {12}, 0, false, "6.4.12"},
    {TW_OS_FORTIOS, "v7.2", "7.2", 0, {0}, 0, true, "v7.2"},
    /* EOS: [maint[, sub]]; the F/M letter is not ordered. */
    {TW_OS_EOS, "4.28.3M", "4.28", 1, {3}, 0, false, "4.28.3M"},
    {TW_OS_EOS, "4.30.1F", "4.30", 1, {1}, 0, false, "4.30.1F"},
    {TW_OS_EOS, "4.21.1.1F", "4.21", 2, {1, 1}, 0, false, "4.21.1.1F"},
    {TW_OS_EOS, "4.28.3", "4.28", 1, {3}, 0, false, "4.28.3"},
    /* Nine digits is the most a number may have. */
    {TW_OS_IOS_XE, "17.9.999999999", "17.9", 2, {999999999, 0}, 0, false, "17.9.999999999"},
};

static void test_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_cases); i++) {
        tw_version v = parse_ok(parse_cases[i].os, parse_cases[i].text);
        assert_int_equal(v.os, parse_cases[i].os);
        assert_string_equal(v.text, parse_cases[i].kept);
        assert_string_equal(v.train, parse_cases[i].train);
        assert_int_equal(v.nkey, parse_cases[i].nkey);
        assert_memory_equal(v.key, parse_cases[i].key, sizeof(v.key));
        assert_int_equal(v.nbranch, parse_cases[i].nbranch);
        assert_int_equal(v.train_only, parse_cases[i].train_only);
    }
}

static const struct {
    tw_os os;
    const char *text;
} bad_cases[] = {
    {TW_OS_IOS, ""},
    {TW_OS_IOS, "   "},
    {TW_OS_IOS, "latest"},
    {TW_OS_IOS, "15.2(4"},
    {TW_OS_IOS, "15.2M"},
    {TW_OS_IOS, "15.2(4)m7"},
    {TW_OS_IOS, "15.2(4)M7x1"},
    {TW_OS_IOS, "15.2(4)MXYZW7"},
    {TW_OS_IOS, "15.2(4)7"},
    {TW_OS_IOS, "15.2()M7"},
    {TW_OS_IOS, "15.2(ab)M7"},
    {TW_OS_IOS, "15.2.4"},
    {TW_OS_IOS, "15"},
    {TW_OS_IOS, "15."},
    {TW_OS_IOS, ".2"},
    {TW_OS_IOS, "Version 15.2(4)M7"},
    {TW_OS_IOS_XE, "17.9.x"},
    {TW_OS_IOS_XE, "17.9."},
    {TW_OS_IOS_XE, "17"},
    {TW_OS_IOS_XE, "3.16.2."},
    {TW_OS_IOS_XE, "3.16.2..S"},
    {TW_OS_IOS_XE, "3.16.2.s"},
    {TW_OS_IOS_XE, "3.16S"},
    {TW_OS_IOS_XE, "17.9.4ab"},
    {TW_OS_IOS_XE, "17.9.4aSWXYZ"},
    {TW_OS_IOS_XE, "17.9.4-a"},
    {TW_OS_IOS_XE, "17.9.4.1"},
    {TW_OS_IOS_XE, "17.9.1234567890"},
    {TW_OS_IOS_XE, "Everest-16.6.1"},
    {TW_OS_IOS_XE, "latest"},
    {TW_OS_IOS_XE, "17,9,4"},
    {TW_OS_IOS_XR, "7.3.2.1.1"},
    {TW_OS_IOS_XR, "7.3.2a"},
    {TW_OS_IOS_XR, "6.1.4.10IJ"},
    {TW_OS_NX_OS, "9.3(10"},
    {TW_OS_NX_OS, "9.3(10)a"},
    {TW_OS_NX_OS, "7.0(3)I7"},
    {TW_OS_NX_OS, "7.0(3)I7(10"},
    {TW_OS_NX_OS, "7.0(3)I7(10))"},
    {TW_OS_NX_OS, "7.0(3a)I7(10)"},
    {TW_OS_NX_OS, "9.3.10"},
    {TW_OS_ASA, "9.16(4.20)"},
    {TW_OS_ASA, "9.16(4)19a"},
    {TW_OS_ASA, "9.16(4).19"},
    {TW_OS_ASA, "9.16.4(19)"},
    {TW_OS_PAN_OS, "10.2.9-h"},
    {TW_OS_PAN_OS, "10.2.9-x1"},
    {TW_OS_PAN_OS, "10.2.9h1"},
    {TW_OS_PAN_OS, "10.2.9-h1-xfr"},
    {TW_OS_PAN_OS, "10.2.x"},
    {TW_OS_PAN_OS, "PAN-OS 10.1 All"},
    {TW_OS_PAN_OS, "10.2.9-"},
    {TW_OS_IVANTI_ICS, "22.7R"},
    {TW_OS_IVANTI_ICS, "22.7R2."},
    {TW_OS_IVANTI_ICS, "22.7S2.3"},
    {TW_OS_IVANTI_ICS, "22.7R2.3 (build)"},
    {TW_OS_IVANTI_ICS, "22.7R2.3 (build 1337"},
    {TW_OS_IVANTI_ICS, "22.7R2.3 nightly"},
    {TW_OS_IVANTI_ICS, "22.7.2.3"},
    {TW_OS_IVANTI_ICS, "22.7R2.3\x01build 1337"},
    {TW_OS_IVANTI_ICS, "22.7R2.3 (build 1337)\xc2\xa0"},
    {TW_OS_IOS_XE, "17.9\t.4"},
    {TW_OS_IOS_XE, "17.9.4\r\n17.9.5"},
    {TW_OS_JUNOS, "21.4R3-S"},
    {TW_OS_JUNOS, "21.4R3-D5"},
    {TW_OS_JUNOS, "21.4R"},
    {TW_OS_JUNOS, "21.4Q3"},
    {TW_OS_JUNOS, "12.1X46"},
    {TW_OS_JUNOS, "12.1X46-S10"},
    {TW_OS_JUNOS, "21.4R3-S5."},
    {TW_OS_JUNOS, "21.4R3-S5-EV"},
    {TW_OS_JUNOS, "21.4.3"},
    {TW_OS_FORTIOS, "7.2.x"},
    {TW_OS_FORTIOS, "7.2.5 build"},
    {TW_OS_FORTIOS, "7.2.5,"},
    {TW_OS_FORTIOS, "7.2.5 (GA)"},
    {TW_OS_FORTIOS, "7.2.5 build1517 (GA"},
    {TW_OS_FORTIOS, "vv7.2.5"},
    {TW_OS_FORTIOS, "7.2.5.1"},
    {TW_OS_FORTIOS, "6.0 all versions"},
    {TW_OS_EOS, "4.28.3Q"},
    {TW_OS_EOS, "4.28.3M-2GB"},
    {TW_OS_EOS, "4.28.3.1.1M"},
    {TW_OS_EOS, "4.28"
                ".3MM"},
    /* Longer than TW_VERSION_TEXT - 1 bytes. */
    {TW_OS_FORTIOS, "7.2.5 build1517                                          "
                    "                         x"},
    {TW_OS_IVANTI_ICS, "22.7R2.3 (build 1337)                                 1"},
};

static void test_parse_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(bad_cases); i++) {
        tw_version v;
        const char *t = bad_cases[i].text;
        assert_int_equal(parse_exact(bad_cases[i].os, t, strlen(t), &v), TW_EPARSE);
        assert_int_equal(v.os, bad_cases[i].os);
        assert_string_equal(v.train, "");
        assert_int_equal(v.nkey, 0);
        assert_int_equal(v.nbranch, 0);
        assert_false(v.train_only);
        assert_int_equal(v.key[0], 0);
    }
}

/* One string, every OS: garbage is garbage for all of them. */
static const char *const garbage[] = {
    "",
    "latest",
    "x",
    "17.9.x",
    "-1.2.3",
    "1..2",
    "1.2..3",
    "(1)",
    "1.2(3)(4)",
    "\x80\x81",
    "1.2.3\x01",
    "1234567890.1",
    "1.1234567890",
    "1.2.3-h1234567890",
    "1.2(1234567890)",
};

static void test_parse_garbage_all_os(void **state)
{
    (void)state;
    for (int os = TW_OS_IOS; os < TW__OS_COUNT; os++) {
        for (size_t i = 0; i < N_ELEMS(garbage); i++) {
            tw_version v;
            assert_int_equal(parse_exact((tw_os)os, garbage[i], strlen(garbage[i]), &v), TW_EPARSE);
            assert_int_equal(v.nkey, 0);
        }
    }
}

static void test_parse_nul(void **state)
{
    static const char with_nul[] = "17.9.4\0a";
    static const char trailing_nul[] = "7.2.5\0";
    tw_version v;

    (void)state;
    assert_int_equal(parse_exact(TW_OS_IOS_XE, with_nul, sizeof(with_nul) - 1, &v), TW_EPARSE);
    assert_int_equal(parse_exact(TW_OS_FORTIOS, trailing_nul, sizeof(trailing_nul) - 1, &v),
                     TW_EPARSE);
    assert_int_equal(parse_exact(TW_OS_IOS_XE, "\0", 1, &v), TW_EPARSE);
    assert_int_equal(parse_exact(TW_OS_IOS_XE, with_nul, 6, &v), TW_OK);
    assert_string_equal(v.train, "17.9");
}

static void test_parse_einval(void **state)
{
    tw_version v;

    (void)state;
    assert_int_equal(tw_version_parse(TW_OS_UNKNOWN, TW_STR("17.9.4"), &v), TW_EINVAL);
    assert_int_equal(v.nkey, 0);
    assert_string_equal(v.train, "");
    assert_int_equal(tw_version_parse(TW__OS_COUNT, TW_STR("17.9.4"), &v), TW_EINVAL);
    assert_int_equal(tw_version_parse((tw_os)-1, TW_STR("17.9.4"), &v), TW_EINVAL);
    assert_int_equal(tw_version_parse(TW_OS_IOS_XE, TW_STR("17.9.4"), NULL), TW_EINVAL);
    assert_int_equal(tw_version_parse(TW_OS_IOS_XE, tw_str_make(NULL, 3), &v), TW_EINVAL);
    assert_int_equal(tw_version_parse(TW_OS_IOS_XE, tw_str_make(NULL, 0), &v), TW_EPARSE);
}

/* The text kept is the trimmed input, truncated to TW_VERSION_TEXT - 1. */
static void test_parse_long_text(void **state)
{
    char long_text[200];
    tw_version v;

    (void)state;
    memset(long_text, '1', sizeof(long_text));
    assert_int_equal(parse_exact(TW_OS_IOS_XE, long_text, sizeof(long_text), &v), TW_EPARSE);
    assert_int_equal(strlen(v.text), TW_VERSION_TEXT - 1);
    assert_int_equal(parse_exact(TW_OS_IOS_XE, "17.9.4a", 7, &v), TW_OK);
    assert_int_equal(
        parse_exact(TW_OS_IOS_XE, "1.2.000000000000000000000000000000000000000000003", 49, &v),
        TW_EPARSE);
}

/* ---- ordering --------------------------------------------------------- */

static const struct {
    tw_os os;
    const char *a, *b;
    tw_vcmp want;
} cmp_cases[] = {
    /* exposure.md section 7 */
    {TW_OS_IOS_XE, "17.9.4", "17.9.4a", TW_VCMP_LT},
    {TW_OS_IOS, "15.2(4)M7", "15.2(4)M10", TW_VCMP_LT},
    {TW_OS_IOS, "15.2(4)M7", "15.2(4)E7", TW_VCMP_INCOMPARABLE},
    {TW_OS_NX_OS, "9.3(1)", "9.3(10)", TW_VCMP_LT},
    {TW_OS_PAN_OS, "10.2.9-h1", "10.2.9", TW_VCMP_GT},
    {TW_OS_JUNOS, "21.4R3", "21.4R3-S5", TW_VCMP_LT},
    {TW_OS_IVANTI_ICS, "9.1R18.3", "9.1R18.4", TW_VCMP_LT},
    /* Cisco IOS */
    {TW_OS_IOS, "15.2(4)M7", "15.2(4)M7", TW_VCMP_EQ},
    {TW_OS_IOS, "15.2(4)M10", "15.2(5)M1", TW_VCMP_LT},
    {TW_OS_IOS, "12.2(55)SE", "12.2(55)SE1", TW_VCMP_LT},
    {TW_OS_IOS, "12.2(55)SE9", "12.2(55)SE12", TW_VCMP_LT},
    {TW_OS_IOS, "12.2(55)SE12", "12.2(58)SE", TW_VCMP_LT},
    {TW_OS_IOS, "15.0(2)EX5", "15.0(2a)EX5", TW_VCMP_LT},
    {TW_OS_IOS, "15.0(2a)EX5", "15.0(2)EX6", TW_VCMP_GT},
    {TW_OS_IOS, "15.2(6)E", "15.2(6)E0a", TW_VCMP_LT},
    {TW_OS_IOS, "15.2(6)E0a", "15.2(6)E0b", TW_VCMP_LT},
    {TW_OS_IOS, "15.2(6)E0c", "15.2(6)E1", TW_VCMP_LT},
    {TW_OS_IOS, "15.2(2)E5a", "15.2(2)E5", TW_VCMP_GT},
    {TW_OS_IOS, "12.4(25)", "12.4(25c)", TW_VCMP_LT},
    {TW_OS_IOS, "12.4(25)", "12.4(24)T8", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS, "12.2(55)SE12", "12.2(55)EX3", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS, "15.0(2)SE9", "15.2(2)SE9", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS, "15.2", "15.2(4)M7", TW_VCMP_INCOMPARABLE},
    /* IOS XE */
    {TW_OS_IOS_XE, "03.16.07S", "3.16.7S", TW_VCMP_EQ},
    {TW_OS_IOS_XE, "03.16.07b.S", "3.16.7bS", TW_VCMP_EQ},
    {TW_OS_IOS_XE, "3.16.7S", "3.16.7bS", TW_VCMP_LT},
    {TW_OS_IOS_XE, "3.16.7bS", "3.16.10S", TW_VCMP_LT},
    {TW_OS_IOS_XE, "3.9.2E", "3.9.2bE", TW_VCMP_LT},
    {TW_OS_IOS_XE, "3.9.2E", "3.9.2S", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XE, "3.9.2E", "3.10.0E", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XE, "17.9.4a", "17.9.5", TW_VCMP_LT},
    {TW_OS_IOS_XE, "17.9.1", "17.9.12", TW_VCMP_LT},
    {TW_OS_IOS_XE, "17.9.12", "17.9.2", TW_VCMP_GT},
    {TW_OS_IOS_XE, "17.09.04a", "17.9.4a", TW_VCMP_EQ},
    {TW_OS_IOS_XE, "17.9.4a", "17.10.1", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XE, "16.12.10a", "17.3.8a", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XE, "17.11.99SW", "17.11.1", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XE, "17.9", "17.9.4", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XE, "17.9", "17.9", TW_VCMP_INCOMPARABLE},
    /* IOS XR */
    {TW_OS_IOS_XR, "7.3.2", "7.3.10", TW_VCMP_LT},
    {TW_OS_IOS_XR, "7.3.2", "7.4.1", TW_VCMP_INCOMPARABLE},
    {TW_OS_IOS_XR, "6.1.4", "6.1.4.10I", TW_VCMP_LT},
    {TW_OS_IOS_XR, "6.1.4.10", "6.1.4.10I", TW_VCMP_LT},
    /* NX-OS */
    {TW_OS_NX_OS, "9.3(10)", "9.3(9)", TW_VCMP_GT},
    {TW_OS_NX_OS, "9.3(1)", "9.3(01)", TW_VCMP_EQ},
    {TW_OS_NX_OS, "10.2(3)", "10.2(3t)", TW_VCMP_LT},
    {TW_OS_NX_OS, "10.2(3t)", "10.2(4)", TW_VCMP_LT},
    {TW_OS_NX_OS, "7.0(3)I7(9)", "7.0(3)I7(10)", TW_VCMP_LT},
    {TW_OS_NX_OS, "7.0(3)I7(5)", "7.0(3)I7(5a)", TW_VCMP_LT},
    {TW_OS_NX_OS, "7.0(3)I7(10)", "7.0(3)I6(10)", TW_VCMP_INCOMPARABLE},
    {TW_OS_NX_OS, "7.0(3)I7(10)", "7.0(3)", TW_VCMP_INCOMPARABLE},
    {TW_OS_NX_OS, "7.0(3)I7(10)", "9.3(10)", TW_VCMP_INCOMPARABLE},
    /* ASA */
    {TW_OS_ASA, "9.16(4)", "9.16(4)19", TW_VCMP_LT},
    {TW_OS_ASA, "9.16(4)19", "9.16.4.19", TW_VCMP_EQ},
    {TW_OS_ASA, "9.16(3)23", "9.16(4)19", TW_VCMP_LT},
    {TW_OS_ASA, "9.16(4)19", "9.16(4)9", TW_VCMP_GT},
    {TW_OS_ASA, "9.16(4)", "9.18(1)", TW_VCMP_INCOMPARABLE},
    /* PAN-OS: -b < -c < release < -h */
    {TW_OS_PAN_OS, "10.2.9", "10.2.9", TW_VCMP_EQ},
    {TW_OS_PAN_OS, "10.2.9-h1", "10.2.9-h2", TW_VCMP_LT},
    {TW_OS_PAN_OS, "10.2.9-h9", "10.2.9-h10", TW_VCMP_LT},
    {TW_OS_PAN_OS, "10.2.8-h3", "10.2.9", TW_VCMP_LT},
    {TW_OS_PAN_OS, "10.2.7-h8", "10.2.8", TW_VCMP_LT},
    {TW_OS_PAN_OS, "4.4.4-b8", "4.4.4-c1", TW_VCMP_LT},
    {TW_OS_PAN_OS, "4.4.4-c5", "4.4.4", TW_VCMP_LT},
    {TW_OS_PAN_OS, "4.4.4-b8", "4.4.4", TW_VCMP_LT},
    {TW_OS_PAN_OS, "4.4.4-c9", "4.4.4-h1", TW_VCMP_LT},
    {TW_OS_PAN_OS, "11.1.2-h3", "11.1.2-H3", TW_VCMP_EQ},
    {TW_OS_PAN_OS, "10.2.09", "10.2.9", TW_VCMP_EQ},
    {TW_OS_PAN_OS, "10.1.11", "10.2.9", TW_VCMP_INCOMPARABLE},
    {TW_OS_PAN_OS, "10.2", "10.2.9", TW_VCMP_INCOMPARABLE},
    /* Ivanti */
    {TW_OS_IVANTI_ICS, "9.1R18", "9.1R18.0", TW_VCMP_EQ},
    {TW_OS_IVANTI_ICS, "9.1R18", "9.1R18.1", TW_VCMP_LT},
    {TW_OS_IVANTI_ICS, "9.1R17.2", "9.1R18", TW_VCMP_LT},
    {TW_OS_IVANTI_ICS, "9.1R18.3", "9.1R18.3 (build 1337)", TW_VCMP_EQ},
    {TW_OS_IVANTI_ICS, "22.7R2.3", "22.7R1.9", TW_VCMP_GT},
    {TW_OS_IVANTI_ICS, "22.7R2.3", "9.1R18.3", TW_VCMP_INCOMPARABLE},
    /* Junos */
    {TW_OS_JUNOS, "21.4R3-S5", "21.4R4", TW_VCMP_LT},
    {TW_OS_JUNOS, "21.4R3-S5", "21.4R3-S10", TW_VCMP_LT},
    {TW_OS_JUNOS, "21.4R3-S5", "21.4R3-S5.4", TW_VCMP_LT},
    {TW_OS_JUNOS, "20.4R3-S1.4", "20.4R3-S1.10", TW_VCMP_LT},
    {TW_OS_JUNOS, "21.4R3", "21.4R3.15", TW_VCMP_LT},
    {TW_OS_JUNOS, "21.4R3.15", "21.4R3-S1", TW_VCMP_LT},
    {TW_OS_JUNOS, "12.1X46-D10", "12.1X46-D10.2", TW_VCMP_LT},
    {TW_OS_JUNOS, "12.1X46-D10.2", "12.1X46-D15", TW_VCMP_LT},
    {TW_OS_JUNOS, "12.1X46-D10", "12.1X47-D10", TW_VCMP_INCOMPARABLE},
    {TW_OS_JUNOS, "21.4R3", "21.4F3", TW_VCMP_INCOMPARABLE},
    {TW_OS_JUNOS, "21.4R3-S5", "21.4R3-S5-EVO", TW_VCMP_INCOMPARABLE},
    {TW_OS_JUNOS, "21.4R3", "22.1R3", TW_VCMP_INCOMPARABLE},
    /* FortiOS */
    {TW_OS_FORTIOS, "7.2.5", "v7.2.5", TW_VCMP_EQ},
    {TW_OS_FORTIOS, "7.2.5", "7.2.5 build1517", TW_VCMP_EQ},
    {TW_OS_FORTIOS, "7.2.4", "7.2.5", TW_VCMP_LT},
    {TW_OS_FORTIOS, "6.4.9", "6.4.12", TW_VCMP_LT},
    {TW_OS_FORTIOS, "7.0.12", "7.2.1", TW_VCMP_INCOMPARABLE},
    /* EOS */
    {TW_OS_EOS, "4.28.3M", "4.28.10M", TW_VCMP_LT},
    {TW_OS_EOS, "4.28.3M", "4.28.3.1M", TW_VCMP_LT},
    {TW_OS_EOS, "4.28.0F", "4.28.3M", TW_VCMP_LT},
    {TW_OS_EOS, "4.28.3M", "4.29.1F", TW_VCMP_INCOMPARABLE},
};

static tw_vcmp reverse(tw_vcmp c)
{
    return c == TW_VCMP_INCOMPARABLE ? c : (tw_vcmp)-c;
}

static void test_cmp(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cmp_cases); i++) {
        tw_version a = parse_ok(cmp_cases[i].os, cmp_cases[i].a);
        tw_version b = parse_ok(cmp_cases[i].os, cmp_cases[i].b);
        assert_int_equal(tw_version_cmp(&a, &b), cmp_cases[i].want);
        assert_int_equal(tw_version_cmp(&b, &a), reverse(cmp_cases[i].want));
    }
}

/* The same text read as two OSes is never comparable. */
static const struct {
    tw_os a, b;
    const char *text;
} cross_os_cases[] = {
    {TW_OS_IOS_XE, TW_OS_IOS_XR, "7.3.2"},   {TW_OS_IOS_XE, TW_OS_FORTIOS, "7.2.5"},
    {TW_OS_FORTIOS, TW_OS_PAN_OS, "10.2.9"}, {TW_OS_EOS, TW_OS_IOS_XR, "4.28.3"},
    {TW_OS_IOS, TW_OS_NX_OS, "12.4(25)"},    {TW_OS_IVANTI_ICS, TW_OS_IVANTI_IPS, "22.7R2.3"},
    {TW_OS_NX_OS, TW_OS_ASA, "9.8(4)"},
};

static void test_cmp_cross_os(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cross_os_cases); i++) {
        tw_version a = parse_ok(cross_os_cases[i].a, cross_os_cases[i].text);
        tw_version b = parse_ok(cross_os_cases[i].b, cross_os_cases[i].text);
        assert_string_equal(a.train, b.train);
        assert_int_equal(tw_version_cmp(&a, &b), TW_VCMP_INCOMPARABLE);
        assert_false(tw_version_same_train(&a, &b));
        assert_false(tw_version_same_branch(&a, &b));
    }
}

/* A version that did not parse compares with nothing, itself included. */
static void test_cmp_unparsed(void **state)
{
    tw_version bad, good = parse_ok(TW_OS_IOS_XE, "17.9.4");

    (void)state;
    assert_int_equal(tw_version_parse(TW_OS_IOS_XE, TW_STR("17.9.x"), &bad), TW_EPARSE);
    assert_int_equal(tw_version_cmp(&bad, &good), TW_VCMP_INCOMPARABLE);
    assert_int_equal(tw_version_cmp(&good, &bad), TW_VCMP_INCOMPARABLE);
    assert_int_equal(tw_version_cmp(&bad, &bad), TW_VCMP_INCOMPARABLE);
    assert_false(tw_version_same_train(&bad, &bad));
    assert_false(tw_version_same_branch(&bad, &bad));
    assert_false(tw_version_same_train(&good, NULL));
}

static const struct {
    tw_os os;
    const char *a, *b;
    bool same_branch, same_train;
} branch_cases[] = {
    {TW_OS_PAN_OS, "10.2.7-h9", "10.2.7-h8", true, true},
    {TW_OS_PAN_OS, "10.2.7", "10.2.7-h8", true, true},
    {TW_OS_PAN_OS, "10.2.8", "10.2.7-h8", false, true},
    {TW_OS_PAN_OS, "10.2.9-h1", "10.2.9", true, true},
    {TW_OS_PAN_OS, "11.0.4-h1", "10.2.9-h1", false, false},
    {TW_OS_PAN_OS, "10.2", "10.2.9-h1", false, true},
    {TW_OS_JUNOS, "21.4R3-S6", "21.4R3-S5", true, true},
    {TW_OS_JUNOS, "21.4R3", "21.4R3-S5", true, true},
    {TW_OS_JUNOS, "21.4R4", "21.4R3-S5", false, true},
    {TW_OS_JUNOS, "21.4R3-S5", "21.2R3-S5", false, false},
    {TW_OS_JUNOS, "12.1X46-D10", "12.1X46-D45", true, true},
    {TW_OS_IVANTI_ICS, "9.1R17.1", "9.1R17.2", true, true},
    {TW_OS_IVANTI_ICS, "9.1R18", "9.1R17.2", false, true},
    {TW_OS_IVANTI_ICS, "9.1R18.3", "9.1R18.4", true, true},
    {TW_OS_IVANTI_ICS, "22.4R2.2", "9.1R18.3", false, false},
    {TW_OS_IOS_XE, "17.9.3", "17.9.4a", true, true},
    {TW_OS_IOS_XE, "17.9", "17.9.4a", false, true},
    {TW_OS_IOS_XE, "17.9", "17.9", false, true},
    {TW_OS_IOS_XE, "17.6.6a", "17.9.4a", false, false},
    {TW_OS_IOS_XE, "03.16.07S", "3.16.10S", true, true},
    {TW_OS_IOS, "15.2(4)M7", "15.2(5)M1", true, true},
    {TW_OS_IOS, "15.2(4)M7", "15.2(4)E7", false, false},
    {TW_OS_IOS, "15.2", "15.2(4)M7", false, false},
    {TW_OS_NX_OS, "7.0(3)I7(9)", "7.0(3)I7(10)", true, true},
    {TW_OS_NX_OS, "9.3", "9.3(10)", false, true},
};

static void test_branch_and_train(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(branch_cases); i++) {
        tw_version a = parse_ok(branch_cases[i].os, branch_cases[i].a);
        tw_version b = parse_ok(branch_cases[i].os, branch_cases[i].b);
        assert_int_equal(tw_version_same_branch(&a, &b), branch_cases[i].same_branch);
        assert_int_equal(tw_version_same_train(&a, &b), branch_cases[i].same_train);
        assert_int_equal(tw_version_same_train(&b, &a), branch_cases[i].same_train);
    }
}

/* Sorted lists of one train: every pair is ordered as the list says. */
static const struct {
    tw_os os;
    const char *list[12];
} chain_cases[] = {
    {TW_OS_PAN_OS,
     {"10.2.0", "10.2.0-h3", "10.2.1-h2", "10.2.3-h13", "10.2.7-h8", "10.2.8", "10.2.8-h3",
      "10.2.9-b1", "10.2.9-c2", "10.2.9", "10.2.9-h1", "10.2.10"}},
    {TW_OS_JUNOS,
     {"21.4R1", "21.4R1-S1", "21.4R1-S2", "21.4R2", "21.4R2-S1.3", "21.4R3", "21.4R3.15",
      "21.4R3-S1", "21.4R3-S5", "21.4R3-S5.4", "21.4R3-S10", "21.4R4"}},
    {TW_OS_IVANTI_ICS,
     {"9.1R1", "9.1R9.1", "9.1R14.4", "9.1R14.5", "9.1R15.3", "9.1R16.3", "9.1R17.2", "9.1R17.3",
      "9.1R18", "9.1R18.3", "9.1R18.4", "9.1R19"}},
    {TW_OS_IOS_XE,
     {"16.12.1", "16.12.1a", "16.12.1s", "16.12.2", "16.12.4", "16.12.9", "16.12.10", "16.12.10a",
      "16.12.11", "16.12.12", "16.12.100", "16.12.999999999"}},
    {TW_OS_IOS,
     {"15.2(1)E", "15.2(1)E1", "15.2(2)E", "15.2(2)E5", "15.2(2)E5a", "15.2(2)E5b", "15.2(2a)E1",
      "15.2(2b)E", "15.2(6)E", "15.2(6)E0a", "15.2(6)E0c", "15.2(7)E0s"}},
};

static void test_chains(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_ELEMS(chain_cases); c++) {
        for (size_t i = 0; i < 12; i++) {
            tw_version a = parse_ok(chain_cases[c].os, chain_cases[c].list[i]);
            for (size_t j = 0; j < 12; j++) {
                tw_version b = parse_ok(chain_cases[c].os, chain_cases[c].list[j]);
                tw_vcmp want = i < j ? TW_VCMP_LT : i > j ? TW_VCMP_GT : TW_VCMP_EQ;
                assert_int_equal(tw_version_cmp(&a, &b), want);
            }
        }
    }
}

/* ---- corpus ----------------------------------------------------------- */

/* Reads field n (0-based) of the CSV record starting at line into out. */
static void csv_field(const char *line, int n, char *out, size_t cap)
{
    size_t len = 0;
    bool quoted = false;

    for (int field = 0; *line != '\0' && *line != '\n'; line++) {
        if (*line == '"' && quoted && line[1] == '"') {
            line++;
        } else if (*line == '"') {
            quoted = !quoted;
            continue;
        } else if (*line == ',' && !quoted) {
            field++;
            continue;
        }
        if (field == n && len + 1 < cap)
            out[len++] = *line;
    }
    out[len] = '\0';
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* The advisory's CVEs name the OSes they hit, in KEV's spellings. */
static const struct {
    const char *cve;
    uint32_t mask;
} kev_cases[] = {
    {"CVE-2023-20198", BIT(IOS_XE)},
    {"CVE-2023-20273", BIT(IOS_XE)},
    {"CVE-2018-0171", BIT(IOS) | BIT(IOS_XE)},
    {"CVE-2024-3400", BIT(PAN_OS)},
    {"CVE-2023-46805", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"CVE-2024-21887", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
};

static void test_kev_products(void **state)
{
    char *csv = slurp(TW_CORPUS_DIR "/kev/known_exploited_vulnerabilities.csv");
    char product[256], needle[64];

    (void)state;
    if (csv == NULL)
        skip();
    for (size_t i = 0; i < N_ELEMS(kev_cases); i++) {
        const char *line;
        (void)snprintf(needle, sizeof(needle), "\n%s,", kev_cases[i].cve);
        line = strstr(csv, needle);
        assert_non_null(line);
        csv_field(line + 1, 2, product, sizeof(product));
        assert_int_equal(tw_os_mask_parse(tw_str_c(product)), kev_cases[i].mask);
    }
    free(csv);
}

/* Walks a CSAF product tree; for every release (service_pack) under a
 * train (product_version) of a product_name, checks that the release
 * parses as that product's OS into that very train.  Returns the count. */
static size_t csaf_walk(json_t *branch, tw_os os, const char *train)
{
    const char *cat = json_string_value(json_object_get(branch, "category"));
    const char *name = json_string_value(json_object_get(branch, "name"));
    json_t *kids = json_object_get(branch, "branches"), *kid;
    size_t i, n = 0;

    if (cat != NULL && name != NULL && strcmp(cat, "product_name") == 0)
        os = tw_os_parse(tw_str_c(name));
    if (cat != NULL && name != NULL && strcmp(cat, "product_version") == 0)
        train = name;
    if (cat != NULL && name != NULL && strcmp(cat, "service_pack") == 0) {
        tw_version v = parse_ok(os, name);
        assert_string_equal(v.train, train);
        assert_false(v.train_only);
        n++;
    }
    json_array_foreach(kids, i, kid) n += csaf_walk(kid, os, train);
    return n;
}

static void test_csaf_cisco_trains(void **state)
{
    json_t *doc = json_load_file(TW_CORPUS_DIR "/csaf/cisco-sa-20180328-smi2.json", 0, NULL);
    json_t *tree, *kid;
    size_t i, n = 0;

    (void)state;
    if (doc == NULL)
        skip();
    tree = json_object_get(json_object_get(doc, "product_tree"), "branches");
    json_array_foreach(tree, i, kid) n += csaf_walk(kid, TW_OS_UNKNOWN, "");
    assert_true(n > 200);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_os_parse),
        cmocka_unit_test(test_os_parse_nul),
        cmocka_unit_test(test_os_name_round_trip),
        cmocka_unit_test(test_os_mask_parse),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_parse_garbage_all_os),
        cmocka_unit_test(test_parse_nul),
        cmocka_unit_test(test_parse_einval),
        cmocka_unit_test(test_parse_long_text),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_cmp_cross_os),
        cmocka_unit_test(test_cmp_unparsed),
        cmocka_unit_test(test_branch_and_train),
        cmocka_unit_test(test_chains),
        cmocka_unit_test(test_kev_products),
        cmocka_unit_test(test_csaf_cisco_trains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
