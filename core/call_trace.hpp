// A call-by-call trace of a call centre (one row per call: voice menu, queue, service),
// read through a trace profile that maps the file's columns and outcome codes to the
// model's fields (scenarios/profiles/*.toml, docs/validation.md). The documented quirks of
// real traces are handled and counted, not silently dropped.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hotline {

// Column names and codes of a trace file, from a small TOML file with the sections
// [columns], [outcomes] and [values]. An empty column name means "not in this trace".
struct TraceProfile {
  std::string file;  // where it was read from, for messages
  // [columns]
  std::string type = "type", vru_entry = "vru_entry", vru_exit = "vru_exit";
  std::string queue_start = "q_start", queue_exit = "q_exit", outcome = "outcome";
  std::string service_start = "ser_start", service_end = "ser_exit", agent = "server";
  std::string date;  // YYMMDD or YYYY-MM-DD; empty: the trace is one day
  // [outcomes]
  std::string served = "AGENT", abandoned = "HANG", ignored = "PHANTOM";
  // [values]
  std::string no_agent = "NO_SERVER";   // agent value of a call nobody served
  std::string not_queued = "0:00:00";   // queue_start of a call that never queued
  bool arrival_at_vru_exit = true;      // arrival = "vru_exit" (else "queue_start")
  double clock_skew_s = 2;              // service may start this much before the queue exit
  // [values] out_of_order = "error" (default) | "count": a service start earlier than that,
  // or a voice-menu exit before its entry, is an error, or is counted and kept (the wait
  // then ends at the service start; the menu time is unknown).
  bool count_out_of_order = false;
};

// Reads a profile; throws InputError naming file:line:key for unknown keys or bad values.
TraceProfile load_trace_profile(const std::filesystem::path& file);
// The same from text (tests); `name` is used in messages.
TraceProfile parse_trace_profile(const std::string& text, const std::string& name);

enum class TraceOutcome : std::uint8_t { Served, Abandoned };

// One offered or voice-menu call; times in seconds since 00:00 of the trace's first day.
struct TraceCall {
  double vru_entry = 0, vru_exit = 0;
  double arrival = 0;     // offered to the agents (vru_exit or queue_start, per the profile)
  double wait = 0;        // queue time (0 for calls that never queued)
  double service = 0;     // service time of a served call; -1: not recorded
  int type = 0;           // index into CallTrace::types
  int agent = -1;         // index into CallTrace::agents; -1: none recorded
  int line = 0;           // line in the trace file
  bool offered = false;   // left the voice menu for an agent (queued or answered at once)
  bool queued = false;
  TraceOutcome outcome = TraceOutcome::Abandoned;
  double service_start = 0;
};

// Counts of the quirks met while reading (docs/validation.md says how each is handled).
struct TraceQuirks {
  int ignored = 0;            // outcome `ignored` (PHANTOM): dropped
  int served_no_agent = 0;    // served with agent NO_SERVER: kept, agent unknown
  int zero_service = 0;       // served with service time 0: kept, not used for fitting
  int service_before_exit = 0;  // service start up to clock_skew_s before queue exit: wait ends at the service start
  int early_service = 0;      // service start more than clock_skew_s before the queue exit (out_of_order = "count")
  int vru_exit_before_entry = 0;  // voice-menu exit before its entry (out_of_order = "count"): menu time unknown
  int served_no_times = 0;    // served, but no service start or end recorded: kept, no service time
  int never_queued_served = 0;  // served without queueing
  int vru_only = 0;           // hung up in the voice menu: not offered
};

struct CallTrace {
  std::string file;
  std::vector<std::string> types;   // call types in order of first appearance
  std::vector<std::string> agents;  // agent names in order of first appearance
  std::vector<TraceCall> calls;     // in arrival order
  TraceQuirks quirks;
  int first_day = 0;                // days since 1970-01-01 of day 0 (0 without a date column)
  int days = 1;
};

// Reads a trace; throws InputError naming file, line and field for a bad row (unknown
// outcome, unparseable time, times not monotone within a call, negative service time).
CallTrace read_call_trace(const std::filesystem::path& file, const TraceProfile& profile);
CallTrace read_call_trace_text(std::string text, const std::string& name, const TraceProfile& profile);

}  // namespace hotline
