/*
 * hunt.h: the hunt engine: log lines in, findings out, fast.
 *
 * A tw_hunter is built once per run from the rule set and the indicator
 * set: one Vectorscan database holds every indicator literal, every rule's
 * `match` prefilter pattern and, when the indicators hold prefixes, address
 * candidate patterns.  It is immutable and shared by threads.
 *
 * A tw_hunt_scan is one thread's state: Vectorscan scratch, the log parser
 * of the file at hand, an arena and a fact set reset per chunk.  A chunk of
 * whole lines is scanned in one pass; only the lines with a hit are parsed
 * (an `event` fact) and given a `sighting` fact per whole-token indicator
 * (docs/events.md); the rules then run over the chunk's facts.  Lines with
 * no hit are never parsed.
 */
#ifndef TIDEWATCH_HUNT_H
#define TIDEWATCH_HUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "finding.h"
#include "ioc.h"
#include "log.h"
#include "reader.h"
#include "rules.h"

typedef struct tw_hunter tw_hunter;

/* Builds the hunter from a finished rule set and a finished indicator set
 * (iocs may be NULL).  Both are borrowed and must outlive the hunter.  A
 * rule pattern Vectorscan cannot compile is an error in diags naming the
 * rule and is left out (the rule then runs only on lines another pattern
 * selects); the hunter is still built.  TW_ENOMEM, TW_EINTERNAL. */
tw_err tw_hunter_new(const tw_ruleset *rules, const tw_iocset *iocs, tw_hunter **out,
                     tw_diags *diags);
void tw_hunter_free(tw_hunter *h);
/* Names the devices behind the addresses of capture flows: a flow whose
 * source (else whose destination) is an address of m gets that device as
 * its host, hence as its findings' device.  m is borrowed and must outlive
 * the hunter; set it before any hunt (the hunter is shared by threads). */
struct tw_hostmap;
void tw_hunter_set_hosts(tw_hunter *h, const struct tw_hostmap *m);
/* Patterns in the database (literals, rule patterns, address scans). */
size_t tw_hunter_pattern_count(const tw_hunter *h);

typedef struct tw_hunt_scan tw_hunt_scan;

/* A scan state for one thread; NULL on ENOMEM.  The hunter must outlive
 * it. */
tw_hunt_scan *tw_hunt_scan_new(const tw_hunter *h);
void tw_hunt_scan_free(tw_hunt_scan *s);

/* Starts a file of format fmt (not TW_LOG_UNKNOWN) named file (borrowed
 * until tw_hunt_end).  lopts may be NULL.  When the format has a header
 * line (tw_log_has_header), header is the file's first line: the parser
 * sees it first and chunks skip line 1.  TW_ENOMEM, TW_EINVAL. */
tw_err tw_hunt_begin(tw_hunt_scan *s, const char *file, tw_log_format fmt, const tw_log_opts *lopts,
                     tw_str header, tw_diags *diags);
/* Hunts one chunk of whole lines whose first line is first_line; findings
 * are appended to out (strings copied into out->arena).  data must stay
 * valid during the call only.  A line longer than TW_LIMIT_LINE_LEN with a
 * hit is skipped with a warning.  TW_ENOMEM, TW_ELIMIT, TW_EINTERNAL. */
tw_err tw_hunt_chunk(tw_hunt_scan *s, const char *data, size_t len, uint32_t first_line,
                     tw_findings *out, tw_diags *diags);
/* Hunts data[0, len) (whole lines) in chunks of about chunk bytes (0: the
 * reader's default), numbering from first_line; *nlines (may be NULL) gets
 * the number of newlines in data.  For ranges of a mapped file. */
tw_err tw_hunt_range(tw_hunt_scan *s, const char *data, size_t len, uint32_t first_line,
                     size_t chunk, tw_findings *out, tw_diags *diags, size_t *nlines);
/* Ends the file: frees its parser. */
void tw_hunt_end(tw_hunt_scan *s);

/* Hunts everything a reader hands out, as one file: detects the format on
 * the first chunk unless fmt is given (*used gets the format), begins,
 * hunts every chunk and ends.  A packet capture (pcap or pcapng, also
 * compressed; capture.h) is read whole into one event per flow, and the
 * rules run over those; a damaged one is an error in diags, not TW_EPARSE.  A plain mapped input is
 * hunted in place with tw_hunt_range.  Returns TW_EPARSE (no diagnostic: the caller decides whether
 * that is an error) when the input is not a log, TW_EBINARY when it looks binary, else as
 * tw_hunt_chunk or the reader. */
tw_err tw_hunt_reader(tw_hunt_scan *s, tw_reader *r, const char *file, tw_log_format fmt,
                      const tw_log_opts *lopts, tw_findings *out, tw_diags *diags,
                      tw_log_format *used);

/* The format of a file from its first bytes (at most 64 KiB looked at):
 * fmt itself when it is not TW_LOG_UNKNOWN, else tw_log_detect's guess.
 * TW_EBINARY for binary data, TW_EPARSE when no log format fits (no
 * diagnostic: the caller decides).  Pure, thread-safe. */
tw_err tw_hunt_detect(const char *data, size_t len, tw_log_format fmt, tw_log_format *used);

/* The first line of data (without its newline, CR or LF), for the header
 * of tw_hunt_begin. */
tw_str tw_hunt_first_line(const char *data, size_t len);

/* Hunts one buffer end to end, as the CLI does for a file: decompresses it
 * when compressed, detects its format unless fmt is given, and hunts it in
 * chunks.  A buffer that is not a log is TW_EPARSE with an error in
 * diags.  For tests and the fuzz target. */
tw_err tw_hunt_buffer(const tw_hunter *h, const char *file, const char *data, size_t len,
                      tw_log_format fmt, const tw_log_opts *lopts, tw_findings *out,
                      tw_diags *diags);

#endif
