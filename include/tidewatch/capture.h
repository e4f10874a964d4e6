/*
 * capture.h: packet captures (pcap and pcapng, read offline with libpcap)
 * turned into one `event` fact per flow (docs/events.md).
 *
 * A flow is the packets of one protocol between two endpoints, both
 * directions together (TCP and UDP: addresses and ports; other IP
 * protocols: addresses).  Its source is the side that opened it: the
 * sender of the first packet, except that a TCP SYN-ACK, or a first packet
 * from a port below 1024 to one at or above it, names the other side.
 * Flows come out in the order of their first packet, each with that
 * packet's frame number (1 for the first packet of the file, as Wireshark
 * numbers them) as its line.
 *
 * Fields of each event: format "pcap"; time (the first packet's, UTC, ISO
 * 8601 with microseconds and a Z); src, dst (addr); src_port, dst_port
 * (num, TCP and UDP); protocol ("tcp", "udp", "gre", "esp", "icmp",
 * "icmpv6", else the protocol number); packets, bytes (num: IP bytes, both
 * directions); address (addr, the two endpoints); and what the payloads
 * say, from the first packets that carry one:
 *   app      "tacacs" (TCP 49 with a TACACS+ header), "ssh" (an SSH-
 *            banner), "ftp" (commands to TCP 21), "tftp" (a read or write
 *            request to UDP 69), "http" (a request line), "gre", "erspan"
 *            (GRE carrying ERSPAN II or III);
 *   tacacs_cleartext   bool, true when a TACACS+ packet has the
 *            unencrypted flag (the shared key is not used: the capture
 *            holds the credentials);
 *   banner   the SSH banner (SSH-2.0-...), at most 64 bytes;
 *   command  FTP "STOR f", "RETR f", "APPE f", "USER u" (never PASS), at
 *            most four joined by "; ", from the first 32 packets the
 *            client sent; TFTP "WRQ f" / "RRQ f"; HTTP the request
 *            line with query values replaced by <redacted>;
 *   file     the file name of the first STOR, RETR, WRQ or RRQ;
 *   tunnel   "erspan A -> B" or "gre A -> B" for a flow found inside GRE
 *            (IPv4, IPv6, Ethernet, ERSPAN II or III; one level), which
 *            is a flow of its own next to the tunnel's.
 * The evidence is a one-line account that starts with the time:
 * "2025-03-03T10:00:05.000001Z tcp 10.0.0.1:51234 -> 45.61.133.77:49,
 * 12 packets, 1400 bytes, TACACS+ unencrypted".
 *
 * Bounds: at most TW_CAPTURE_MAX_FLOWS flows a file (the others are counted
 * in one warning), snap lengths as the file says; a truncated or corrupt
 * file keeps the flows read before the damage, with a warning naming the
 * frame (captures cut short by a full disk or a killed capture are
 * common, and what they hold is still evidence).  Thread-safe: no state outside the call.
 */
#ifndef TIDEWATCH_CAPTURE_H
#define TIDEWATCH_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "fact.h"

#define TW_CAPTURE_MAX_FLOWS 100000

/* True when data starts like a pcap (either byte order, micro- or
 * nanosecond) or pcapng file. */
bool tw_capture_magic(const char *data, size_t len);

/* Reads the capture data[0, len) named file and appends one event fact per
 * flow to fs.  TW_OK, also when some packets could not be read (they are
 * diagnostics); TW_EPARSE when the data is no capture libpcap reads, or has
 * a link type tidewatch does not decode (an error in diags); TW_ENOMEM;
 * TW_ELIMIT from the fact set. */
tw_err tw_capture_flows(const char *file, const char *data, size_t len, tw_factset *fs,
                        tw_diags *diags);

#endif
