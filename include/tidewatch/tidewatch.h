/*
 * tidewatch.h: the public API of libtidewatch, in one include.
 */
#ifndef TIDEWATCH_H
#define TIDEWATCH_H

#define TW_VERSION "0.1.0"

#include "arena.h"
#include "audit.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "error.h"
#include "fact.h"
#include "file.h"
#include "finding.h"
#include "fleet.h"
#include "ioc.h"
#include "ip.h"
#include "limits.h"
#include "out.h"
#include "policy.h"
#include "rules.h"
#include "str.h"

#endif
