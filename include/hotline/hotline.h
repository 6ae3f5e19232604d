/* hotline/hotline.h: the C API of the hotline rule engine (libhotline_c), over the C++ API
   of hotline/hotline.hpp, for C programs and for other languages through their foreign
   function interfaces (Java's JNA, Python's ctypes, ...). See docs/embedding.md.

   Conventions
   - Text is UTF-8 and NUL-terminated. Tickets and decisions are JSON, the same form that
     `hotline dispatch` reads and writes (docs/embedding.md "Ticket JSON").
   - Every function that can fail returns a hotline_status (HOTLINE_OK is 0). When `err` is
     not NULL and `err_size` > 0 it receives a NUL-terminated message, cut at a character
     boundary to fit, and "" on success. The message names file, line and field
     ("ticket: category: missing"). No C++ exception ever crosses this interface.
   - Ownership: a hotline_engine is created by hotline_engine_open and freed by
     hotline_engine_close. Every string returned through a `char **` parameter belongs to
     the caller, who frees it with hotline_free; on failure *out is set to NULL. Strings
     passed in stay the caller's; the library keeps no pointer to them after the call.
     hotline_version and hotline_status_name return static strings (never freed).
   - NULL handles and NULL required pointers are refused with HOTLINE_E_INVALID_ARGUMENT;
     hotline_engine_close(NULL) and hotline_free(NULL) do nothing.
   - Threads: one engine may be used by any number of threads at once (decide, calendar,
     revision, reload). hotline_engine_close must not race with other calls on that engine.
   - Times are int64 seconds since 1970-01-01T00:00:00Z; the rules read them in China
     Standard Time (UTC+8). */
#ifndef HOTLINE_HOTLINE_H
#define HOTLINE_HOTLINE_H

#include <stddef.h>
#include <stdint.h>

#include "hotline/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum hotline_status {
  HOTLINE_OK = 0,
  HOTLINE_E_INVALID_ARGUMENT = 1, /* a NULL handle or pointer, bad options JSON */
  HOTLINE_E_INPUT = 2,            /* bad ticket JSON: syntax, a wrong type, a missing field */
  HOTLINE_E_RULESET = 3,          /* the rule set did not load, compile or pass its tests */
  HOTLINE_E_CALENDAR = 4,         /* a date outside the calendar's years, a bad time or count */
  HOTLINE_E_NO_MEMORY = 5,
  HOTLINE_E_INTERNAL = 6          /* a bug: please report it with the message */
} hotline_status;

/* An engine: a loaded rule set with its Lua states. Opaque. */
typedef struct hotline_engine hotline_engine;

/* "0.1.0": the version of the library loaded. Static. */
HOTLINE_API const char *hotline_version(void);
/* "HOTLINE_E_INPUT" for HOTLINE_E_INPUT; "unknown" for other values. Static. */
HOTLINE_API const char *hotline_status_name(int status);
/* Frees a string the library returned. NULL is fine. */
HOTLINE_API void hotline_free(char *text);

/* Loads a rule set (a folder, or the name of a shipped one such as "shangluo-2024").
   `options_json` may be NULL or a JSON object with any of: "data_folder" (string),
   "calendar_folder" (string), "instruction_budget" (integer), "memory_cap_bytes" (integer),
   "run_rule_tests" (boolean); see EngineOptions in hotline.hpp. On success *engine is the
   new engine; on failure it is NULL. */
HOTLINE_API int hotline_engine_open(const char *ruleset, const char *options_json, hotline_engine **engine,
                                    char *err, size_t err_size);
/* Frees an engine. NULL is fine. */
HOTLINE_API void hotline_engine_close(hotline_engine *engine);

/* Decides one ticket (a JSON object) into a decision (a JSON object). A failing rule is not
   an error: the decision has "manual": true and its "error". */
HOTLINE_API int hotline_decide(const hotline_engine *engine, const char *ticket_json, char **decision_json, char *err,
                               size_t err_size);
/* Decides JSON lines (one ticket object per line) into JSON lines: one output line per
   non-blank input line, in order; a bad line gives an error record
   {"line": n, "error": "input:n: ..."} and the others are still decided. HOTLINE_OK unless
   the call itself fails. `bad_lines` (may be NULL) receives the number of error records. */
HOTLINE_API int hotline_decide_batch(const hotline_engine *engine, const char *tickets_jsonl, char **decisions_jsonl,
                                     size_t *bad_lines, char *err, size_t err_size);

/* Reloads the rule set from `ruleset` (NULL or "": the folder in use), swapping it in only if
   it loads and passes its tests; otherwise HOTLINE_E_RULESET and the old one stays. */
HOTLINE_API int hotline_reload(hotline_engine *engine, const char *ruleset, char *err, size_t err_size);
/* The revision (content hash) of the rule set in use. */
HOTLINE_API int hotline_revision(const hotline_engine *engine, char **revision, char *err, size_t err_size);
/* {"id", "name", "version", "effective", "revision", "folder"} of the rule set in use. */
HOTLINE_API int hotline_info(const hotline_engine *engine, char **info_json, char *err, size_t err_size);
/* Decisions that went to manual dispatch since the engine was opened (0 for NULL). */
HOTLINE_API uint64_t hotline_manual_count(const hotline_engine *engine);

/* The working calendar of the engine's rule set [SL24 §12]. */
/* The end (24:00 CST) of the n-th working day after the day of t (n >= 0). */
HOTLINE_API int hotline_add_working_days(const hotline_engine *engine, int64_t t, int n, int64_t *out, char *err,
                                         size_t err_size);
/* t + hours counted inside working hours (hours >= 0). */
HOTLINE_API int hotline_add_working_hours(const hotline_engine *engine, int64_t t, double hours, int64_t *out,
                                          char *err, size_t err_size);
/* Working hours in [a, b). */
HOTLINE_API int hotline_working_hours_between(const hotline_engine *engine, int64_t a, int64_t b, double *out,
                                              char *err, size_t err_size);
/* Working days after the day of a whose end is not after b. */
HOTLINE_API int hotline_working_days_between(const hotline_engine *engine, int64_t a, int64_t b, int *out,
                                             char *err, size_t err_size);

/* "2025-01-24 10:00", "2025-01-24T10:00:00+08:00" or "2025-01-24" (no offset: CST). */
HOTLINE_API int hotline_parse_time(const char *text, int64_t *out, char *err, size_t err_size);
/* "2025-01-24T10:00:00+08:00" into buf (26 bytes suffice); HOTLINE_E_INVALID_ARGUMENT if it
   does not fit. */
HOTLINE_API int hotline_format_time(int64_t t, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* HOTLINE_HOTLINE_H */
