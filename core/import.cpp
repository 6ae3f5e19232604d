// CSV import into the traffic store: header mapping, row validation (file:line: field:
// reason), caller pseudonymisation [SL24 §24, §28-29], one transaction, skip-bad file,
// progress, and refusal to import the same file twice.
#include "core/import.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <xxhash.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <limits>
#include <memory>
#include <span>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/csv.hpp"
#include "core/file_safety.hpp"
#include "core/pseudonym.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"
#include "core/store.hpp"

namespace hotline {

namespace {

// ---- column tables ---------------------------------------------------------------------

struct ColumnSpec {
  std::string_view name;     // the standard name (docs/import.md)
  std::string_view aliases;  // other accepted header names, '|'-separated
  bool required;
};

// Column name `reject_reason` (written by --skip-bad) is always ignored, so a fixed reject
// file imports again as it is.
constexpr std::string_view kRejectColumn = "reject_reason";
constexpr std::string_view kCallerAliases = "phone|caller_phone|主叫号码|来电号码|电话号码|联系电话";
constexpr std::string_view kCallerNameAliases = "name|来电人|来电人姓名|姓名";

enum CallColumn { kCId, kCArrival, kCChannel, kCSkill, kCCaller, kCCallerKey, kCCallerName,
                  kCIvr, kCWait, kCTalk, kCWrap, kCOutcome, kCAgent };
constexpr ColumnSpec kCallColumns[] = {
    {"id", "编号|序号|话单编号", false},
    {"arrival", "来电时间|呼入时间", true},
    {"channel", "渠道|来源渠道", false},
    {"skill", "技能队列|队列", false},
    {"caller", kCallerAliases, false},
    {"caller_key", "来电人标识", false},
    {"caller_name", kCallerNameAliases, false},
    {"ivr_s", "IVR时长|ivr时长", false},
    {"wait_s", "排队时长|等待时长", false},
    {"talk_s", "通话时长", false},
    {"wrap_s", "话后处理时长|整理时长", false},
    {"outcome", "结果|呼叫结果", true},
    {"agent", "坐席|座席|坐席工号|座席工号|工号", false},
};

enum TicketColumn { kTId, kTCreated, kTChannel, kTType, kTCategory, kTDistrict, kTStreet,
                    kTEnterprise, kTUrgency, kTCaller, kTCallerKey, kTCallerName, kTDispatched,
                    kTAccepted, kTReturned, kTExtended, kTReplied, kTClosed, kTLead, kTCo,
                    kTCopied, kTSatisfaction, kTReopen };
constexpr ColumnSpec kTicketColumns[] = {
    {"id", "工单编号|工单号", true},
    {"created", "创建时间|受理时间|登记时间", true},
    {"channel", "渠道|来源渠道|受理渠道", false},
    {"type", "诉求类型", true},
    {"category", "分类|诉求分类|事项分类", false},
    {"district", "区县|所属区县", false},
    {"street", "街道|街镇|所属街道", false},
    {"enterprise", "涉企|是否涉企", false},
    {"urgency", "紧急程度", false},
    {"caller", kCallerAliases, false},
    {"caller_key", "来电人标识", false},
    {"caller_name", kCallerNameAliases, false},
    {"dispatched", "派单时间", false},
    {"accepted", "签收时间", false},
    {"returned", "退单时间", false},
    {"extended", "延期时间", false},
    {"replied", "回复时间|答复时间", false},
    {"closed", "办结时间|结案时间", false},
    {"lead_unit", "主办单位|承办单位", false},
    {"co_units", "协办单位|会办单位", false},
    {"copied_units", "抄送单位", false},
    {"satisfaction", "满意度|评价结果", false},
    {"reopen_count", "重办次数", false},
};

enum UnitColumn { kUId, kUName, kUKind, kULevel, kUParent, kUUtility, kUVertical, kUSynthetic };
constexpr ColumnSpec kUnitColumns[] = {
    {"id", "单位编号|编号", true},
    {"name", "单位名称|名称", true},
    {"kind", "单位类型|类型", true},
    {"level", "层级", true},
    {"parent", "上级单位|上级", true},
    {"utility", "公共事业", false},
    {"vertical", "垂直管理", false},
    {"synthetic", "合成数据", false},
};

std::span<const ColumnSpec> columns_of(ImportKind kind) {
  switch (kind) {
    case ImportKind::Calls: return kCallColumns;
    case ImportKind::Tickets: return kTicketColumns;
    case ImportKind::Units: return kUnitColumns;
  }
  return {};
}

// ---- value parsing -----------------------------------------------------------------------

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A value quoted for an error message: masked, escaped and cut short (core/redact.hpp).
std::string shown(std::string_view v) { return excerpt(v); }

// Per-column caps on stored text, in bytes (docs/import.md "Text fields").
constexpr std::size_t kMaxIdBytes = 64;      // ids, unit references, agent, caller
constexpr std::size_t kMaxTextBytes = 256;   // names, categories, places
constexpr std::size_t kMaxListBytes = 2048;  // a unit list (co_units, copied_units)
constexpr std::size_t kMaxListItems = 32;

// Unsigned decimal digits only (no sign, no spaces), at most 18 of them.
bool parse_digits(std::string_view s, long long& out) {
  if (s.empty() || s.size() > 18) return false;
  long long v = 0;
  for (char c : s) {
    const unsigned d = unsigned(c) - '0';
    if (d > 9) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

// Unsigned seconds as digits, MM:SS or H:MM:SS (minutes and seconds after a colon < 60).
bool parse_clock(std::string_view v, long long& out) {
  long long parts[3] = {0, 0, 0};
  int n = 0;
  for (;;) {
    const std::size_t c = v.find(':');
    if (n == 3 || !parse_digits(v.substr(0, c), parts[n]) || (n > 0 && parts[n] >= 60)) return false;
    ++n;
    if (c == std::string_view::npos) break;
    v.remove_prefix(c + 1);
  }
  // A leading part too large to scale saturates: the caller refuses it as too long (18
  // digits of hours would overflow a 64-bit count of seconds).
  const long long unit = n == 1 ? 1 : n == 2 ? 60 : 3600;
  constexpr long long kMax = std::numeric_limits<long long>::max();
  if (parts[0] > (kMax - 3599) / unit) {
    out = kMax;
    return true;
  }
  out = parts[0] * unit + (n == 2 ? parts[1] : n == 3 ? parts[1] * 60 + parts[2] : 0);
  return true;
}

bool parse_int(std::string_view s, long long& out) {
  if (s.empty()) return false;
  if (s.size() <= 18 && s.front() != '-') return parse_digits(s, out);  // cannot overflow: the common case
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

bool parse_bool(std::string_view s, bool& out) {
  static constexpr std::string_view kTrue[] = {"1", "true", "yes", "y", "是", "TRUE", "Yes"};
  static constexpr std::string_view kFalse[] = {"0", "false", "no", "n", "否", "FALSE", "No", ""};
  for (auto t : kTrue)
    if (s == t) return out = true;
  for (auto f : kFalse)
    if (s == f) return !(out = false);
  return false;
}

// Splits a unit list "a;b|c、d" into trimmed, non-empty items.
void split_units(std::string_view s, std::vector<std::string>& out) {
  out.clear();
  while (!s.empty()) {
    std::size_t cut = s.find_first_of(";|");
    std::size_t dun = s.find("、");
    std::size_t len = 1;
    if (dun != std::string_view::npos && (cut == std::string_view::npos || dun < cut)) {
      cut = dun;
      len = std::strlen("、");
    }
    std::string_view item = trim(s.substr(0, cut));
    if (!item.empty()) out.emplace_back(item);
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + len);
  }
}

bool is_caller_key(std::string_view s) {
  if (s.size() != Pseudonymizer::kKeyChars) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// XXH3-128 of the file's bytes, in canonical form (what `xxhsum -H2 FILE` prints). It
// identifies a file for the re-import check, where only accidental equality matters, so a
// fast non-cryptographic hash does: about 0.005 s for 80 MB where BLAKE2b-256 took 0.1 s.
// It reads the reader's mapping, so the file is read from the page cache once, not copied.
std::string content_hash_of(std::string_view bytes) {
  XXH128_canonical_t h;
  XXH128_canonicalFromHash(&h, XXH3_128bits(bytes.data(), bytes.size()));
  char hex[2 * sizeof h.digest + 1];
  sodium_bin2hex(hex, sizeof hex, h.digest, sizeof h.digest);
  return hex;
}

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// A header name as the field of a problem: as written when it is short clean text, else a
// quoted excerpt; masked either way (a phone number pasted as a header is never echoed).
std::string header_label(std::string_view h) {
  if (h.empty()) return "(empty column name)";
  if (h.size() <= 40 && text_problem(h, 40).empty()) return mask_personal(h);
  return excerpt(h);
}

// The first `max` problems and a count of the rest: every error list obeys --max-errors.
std::vector<InputProblem> cap_problems(std::vector<InputProblem> all, std::size_t max) {
  if (all.size() <= max) return all;
  const std::size_t more = all.size() - max;
  std::string file = all.front().file;
  all.resize(max);
  all.push_back({std::move(file), 0, "",
                 std::to_string(more) + " more problems not listed"});
  return all;
}

// ---- the importer ------------------------------------------------------------------------

class Importer {
 public:
  Importer(Store& store, CsvReader& reader, const ImportOptions& opt)
      : store_(store), opt_(opt), name_(reader.name()), reader_(reader) {}

  ImportResult run(int fd, const ImportRecord& record);

 private:
  void read_header();
  void bad_record(const CsvRecordError& e, std::size_t begin);
  void read_row(std::size_t begin);
  [[noreturn]] void throw_bad_rows(std::int64_t rows);
  void problem(std::string_view field, std::string reason);
  void reject_row(std::size_t begin, std::size_t end);
  std::string raw_text(std::size_t begin, std::size_t end) const;
  bool row_call();
  void flush_calls();
  bool row_ticket();
  bool row_unit();
  void check_unit_parents();
  bool field_time(std::string_view v, std::string_view col, Time& out);
  bool field_int(std::string_view v, std::string_view col, long long lo, long long hi, long long& out);
  bool field_duration(std::string_view v, std::string_view col, std::int32_t& out);
  enum class Personal { Keep, Mask, Refuse };  // what field_text does with a phone-like run
  bool field_text(std::string_view v, std::string_view col, std::size_t max_bytes, std::string& out,
                  Personal personal = Personal::Keep);
  bool field_units(std::string_view v, std::string_view col, std::vector<std::string>& out);
  bool field_unit(std::string_view v, std::string_view col);
  template <class E>
  bool field_enum(std::string_view v, std::string_view col, E& out);
  bool field_caller(std::string_view v, std::string_view col, std::string& key);
  std::string_view col_name(int c) const { return specs_[std::size_t(c)].name; }

  Store& store_;
  const ImportOptions& opt_;
  std::string name_;
  CsvReader& reader_;
  int fd_ = -1;
  std::span<const ColumnSpec> specs_;
  std::vector<int> column_of_field_;  // per input column: index into specs_, or -1 (dropped)
  std::vector<bool> present_;         // per spec: the file has the column
  std::unique_ptr<Pseudonymizer> pseudo_;
  std::vector<std::string_view> f_;   // the current row's fields
  int line_ = 0;
  std::size_t row_problems_ = 0;      // problems of the current row
  std::string row_reasons_;           // "field: reason; ..." of the current row
  std::vector<InputProblem> problems_;
  std::int64_t problem_count_ = 0;
  std::int64_t bad_rows_ = 0;
  std::int64_t import_id_ = 0;
  std::string header_raw_;
  std::unique_ptr<AtomicFile> rejects_;  // the --skip-bad file, renamed into place after the commit
  std::string scratch_;  // a caller_key checked but not kept (the caller column wins)
  std::string why_;  // scratch for try_parse_time, reused to avoid allocations
  // Calls parsed but not yet inserted: up to Store::kCallBatch, inserted with one statement.
  // The Call objects are reused, so their strings keep their capacity (no allocation per row).
  std::vector<Call> calls_ = std::vector<Call>(Store::kCallBatch);
  struct Pending {
    int line;
    std::size_t begin, end;
  };
  std::vector<Pending> pending_ = std::vector<Pending>(Store::kCallBatch);
  std::size_t npending_ = 0;
  std::vector<std::size_t> duplicates_;
  std::size_t row_begin_ = 0;  // byte range of the current row, for the reject file
  std::int64_t good_ = 0;
  Ticket ticket_;
  Unit unit_;
  struct UnitRow {
    std::string id, parent;
    int line;
    std::size_t begin, end;
  };
  std::vector<UnitRow> unit_rows_;
  std::unordered_set<std::string> units_;  // ids and names of the store's units (tickets)
};

void Importer::problem(std::string_view field, std::string reason) {
  ++problem_count_;
  if (!row_reasons_.empty()) row_reasons_ += "; ";
  if (!field.empty()) row_reasons_.append(field).append(": ");
  row_reasons_ += reason;
  ++row_problems_;
  if (problems_.size() < opt_.max_reported)
    problems_.push_back(InputProblem{name_, line_, std::string(field), std::move(reason)});
}

// A record the CSV reader refused (stray quote, field or record too long): a bad row,
// reported with the column's name.
void Importer::bad_record(const CsvRecordError& e, std::size_t begin) {
  line_ = e.problems().front().line;
  row_problems_ = 0;
  row_reasons_.clear();
  const std::size_t i = e.field();
  const int col = i < column_of_field_.size() ? column_of_field_[i] : -1;
  problem(col >= 0 ? col_name(col) : std::string_view(e.problems().front().field), e.reason());
  reject_row(begin, reader_.position());
}

void Importer::read_header() {
  std::size_t begin = reader_.position();
  if (!reader_.next(f_)) throw InputError(name_, 0, "", "empty file: expected a header line");
  line_ = reader_.line();
  header_raw_ = raw_text(begin, reader_.position());
  specs_ = columns_of(opt_.kind);
  present_.assign(specs_.size(), false);
  std::vector<InputProblem> bad;
  std::string known;
  for (const ColumnSpec& s : specs_) known += (known.empty() ? "" : ", ") + std::string(s.name);
  for (std::string_view raw : f_) {
    std::string_view h = trim(raw);
    for (const auto& [from, to] : opt_.map)
      if (h == from) {
        h = to;
        break;
      }
    int found = -1;
    if (h == "-" || h == kRejectColumn) {
      column_of_field_.push_back(-1);
      continue;
    }
    for (std::size_t i = 0; i < specs_.size() && found < 0; ++i) {
      if (h == specs_[i].name) found = int(i);
      std::string_view a = specs_[i].aliases;
      while (found < 0 && !a.empty()) {
        std::size_t bar = a.find('|');
        if (a.substr(0, bar) == h) found = int(i);
        a = bar == std::string_view::npos ? std::string_view() : a.substr(bar + 1);
      }
    }
    if (found < 0) {
      bad.push_back({name_, line_, header_label(h),
                     "unknown column (expected " + known +
                         "; rename with --map NAME=STANDARD or drop with --map NAME=-)"});
    } else if (present_[std::size_t(found)]) {
      bad.push_back({name_, line_, header_label(h),
                     "column '" + std::string(specs_[std::size_t(found)].name) + "' appears twice"});
    } else {
      present_[std::size_t(found)] = true;
    }
    column_of_field_.push_back(found);
  }
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].required && !present_[i])
      bad.push_back({name_, line_, std::string(specs_[i].name), "required column is missing"});
  int caller = opt_.kind == ImportKind::Units ? -1 : opt_.kind == ImportKind::Calls ? int(kCCaller) : int(kTCaller);
  if (caller >= 0 && present_[std::size_t(caller)]) {
    if (!opt_.key) {
      bad.push_back({name_, line_, "caller",
                     "caller phone numbers are pseudonymised at import and need a key: pass "
                     "--key or set HOTLINE_PSEUDONYM_KEY (nothing was imported)"});
    } else {
      try {
        pseudo_ = std::make_unique<Pseudonymizer>(*opt_.key);
      } catch (const std::invalid_argument& e) {
        bad.push_back({name_, line_, "caller", e.what()});
      }
    }
  }
  if (!bad.empty()) throw InputError(cap_problems(std::move(bad), opt_.max_reported));
  if (opt_.kind == ImportKind::Tickets)  // unit references are checked against these
    for (const Unit& u : store_.units()) units_.insert(u.id), units_.insert(u.name);
}

std::string Importer::raw_text(std::size_t begin, std::size_t end) const {
  std::string s(end - begin, '\0');
  ssize_t n = ::pread(fd_, s.data(), s.size(), off_t(begin));
  s.resize(n > 0 ? std::size_t(n) : 0);
  std::size_t a = s.find_first_not_of("\r\n");
  std::size_t b = s.find_last_not_of("\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

void Importer::reject_row(std::size_t begin, std::size_t end) {
  ++bad_rows_;
  if (opt_.skip_bad.empty()) return;
  std::string reason = row_reasons_;
  std::string quoted = "\"";
  for (char c : reason) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  rejects_->out() << raw_text(begin, end) << ',' << quoted << "\"\n";
}

bool Importer::field_time(std::string_view v, std::string_view col, Time& out) {
  long long secs = 0;
  if (!v.empty() && v.front() >= '0' && v.front() <= '9' && parse_int(v, secs)) {  // unix seconds
    constexpr long long kFrom = 946684800, kTo = 4102444800;  // 2000-01-01 .. 2100-01-01 UTC
    if (secs < kFrom || secs >= kTo) {
      problem(col, shown(v) + ": unix seconds out of range (years 2000 to 2099)");
      return false;
    }
    out = secs;
    return true;
  }
  if (try_parse_time(v, &out, &why_)) return true;
  problem(col, v.empty() ? "empty; a time is required" : shown(v) + ": " + why_);
  return false;
}

bool Importer::field_int(std::string_view v, std::string_view col, long long lo, long long hi,
                         long long& out) {
  if (!parse_int(v, out)) {
    problem(col, v.empty() ? "empty; a whole number is required" : shown(v) + ": not a whole number");
    return false;
  }
  if (out < lo || out > hi) {
    problem(col, std::to_string(out) + ": out of range " + std::to_string(lo) + ".." + std::to_string(hi));
    return false;
  }
  return true;
}

// Seconds as a whole number or as [H:]MM:SS, with an optional sign; empty means 0. Any
// negative value ("-5", "-0:31", "-0:00:31") is refused, and every error quotes the whole
// value as written.
bool Importer::field_duration(std::string_view v, std::string_view col, std::int32_t& out) {
  out = 0;
  if (v.empty()) return true;
  const std::string_view whole = v;
  const bool negative = v.front() == '-';
  if (negative || v.front() == '+') v.remove_prefix(1);
  long long s = 0;
  if (!parse_clock(v, s)) {
    problem(col, shown(whole) + ": expected seconds or [H:]MM:SS");
    return false;
  }
  if (negative) {
    problem(col, shown(whole) + ": a duration cannot be negative");
    return false;
  }
  if (s > kSecondsPerDay) {
    problem(col, shown(whole) + ": longer than a day");
    return false;
  }
  out = std::int32_t(s);
  return true;
}

// Stores `v` into `out` if it is valid text of at most `max_bytes` (core/text.hpp). Mask:
// phone-like and ID-like runs are masked first (free-text columns, where a caller's number
// has no business); Refuse: a value holding such a run is refused (an agent's work number,
// which must stay distinct and so cannot be masked). Reasons never quote a long or broken
// value.
bool Importer::field_text(std::string_view v, std::string_view col, std::size_t max_bytes, std::string& out,
                          Personal personal) {
  std::string why = text_problem(v, max_bytes);
  if (!why.empty()) {
    problem(col, why);
    return false;
  }
  if (personal == Personal::Keep) {
    out.assign(v);
    return true;
  }
  out = mask_personal(v);
  if (personal == Personal::Refuse && out != v) {
    problem(col, "looks like a phone or ID number (7 or more digits), which is never stored here");
    return false;
  }
  return true;
}

// A unit list "a;b|c、d": each item valid text of at most kMaxIdBytes, no item twice, at most
// kMaxListItems items, and each a unit of the store (by id or name) when the store has units.
bool Importer::field_units(std::string_view v, std::string_view col, std::vector<std::string>& out) {
  std::string why = text_problem(v, kMaxListBytes);
  if (!why.empty()) return problem(col, why), false;
  split_units(v, out);
  if (out.size() > kMaxListItems)
    return problem(col, std::to_string(out.size()) + " units; at most " + std::to_string(kMaxListItems)), false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!field_unit(out[i], col)) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (out[j] == out[i]) return problem(col, shown(out[i]) + ": listed twice"), false;
  }
  return true;
}

// One unit reference: at most kMaxIdBytes, and known when the store has units.
bool Importer::field_unit(std::string_view v, std::string_view col) {
  std::string why = text_problem(v, kMaxIdBytes);
  if (!why.empty()) return problem(col, why), false;
  if (units_.empty() || units_.count(std::string(v))) return true;
  problem(col, shown(v) + ": unknown unit (not an id or name of the units in the database)");
  return false;
}

template <class E>
bool Importer::field_enum(std::string_view v, std::string_view col, E& out) {
  if (auto e = enum_from<E>(v)) {
    out = *e;
    return true;
  }
  problem(col, v.empty() ? "empty; expected " + enum_keys<E>()
                         : shown(v) + ": unknown value (expected " + enum_keys<E>() + " or the Chinese name)");
  return false;
}

bool Importer::field_caller(std::string_view v, std::string_view col, std::string& key) {
  if (col == "caller") {  // a phone number: never echoed
    if (std::string why = text_problem(v, kMaxIdBytes); !why.empty()) return problem(col, why), false;
    char buf[Pseudonymizer::kKeyChars];
    key.assign(buf, pseudo_->phone_key(v, buf));
    return true;
  }
  if (v.empty() || is_caller_key(v)) {  // caller_key: already pseudonymised
    key.assign(v);
    return true;
  }
  problem(col, "not a caller key (16 hex digits from hotline); put phone numbers in a 'caller' column");
  return false;
}

bool Importer::row_call() {
  Call& c = calls_[npending_];
  c.id = 0;
  c.arrival = 0;
  c.channel = Channel::Phone;
  c.skill = SkillQueue::General;
  c.caller_key.clear();
  c.ivr_s = c.wait_s = c.talk_s = c.wrap_s = 0;
  c.outcome = CallOutcome::Answered;
  c.agent.clear();
  bool ok = true;
  for (std::size_t i = 0; i < f_.size(); ++i) {
    int col = column_of_field_[i];
    std::string_view v = trim(f_[i]);
    long long n = 0;
    switch (col) {
      case kCId:
        if (!v.empty()) {
          ok &= field_int(v, "id", 1, std::numeric_limits<std::int64_t>::max(), n);
          c.id = n;
        }
        break;
      case kCArrival: ok &= field_time(v, "arrival", c.arrival); break;
      case kCChannel: ok &= v.empty() || field_enum(v, "channel", c.channel); break;
      case kCSkill: ok &= v.empty() || field_enum(v, "skill", c.skill); break;
      case kCCaller: ok &= field_caller(v, "caller", c.caller_key); break;
      case kCCallerKey: ok &= field_caller(v, "caller_key", present_[kCCaller] ? scratch_ : c.caller_key); break;
      case kCIvr: ok &= field_duration(v, "ivr_s", c.ivr_s); break;
      case kCWait: ok &= field_duration(v, "wait_s", c.wait_s); break;
      case kCTalk: ok &= field_duration(v, "talk_s", c.talk_s); break;
      case kCWrap: ok &= field_duration(v, "wrap_s", c.wrap_s); break;
      case kCOutcome: ok &= field_enum(v, "outcome", c.outcome); break;
      case kCAgent: ok &= field_text(v, "agent", kMaxIdBytes, c.agent, Personal::Refuse); break;
      default: break;  // caller_name and dropped columns are never stored
    }
  }
  if (ok && c.outcome == CallOutcome::Abandoned && c.talk_s > 0) {
    problem("talk_s", std::to_string(c.talk_s) + ": an abandoned call has no talk time");
    ok = false;
  }
  if (ok) {
    pending_[npending_++] = {line_, row_begin_, reader_.position()};
    if (npending_ == calls_.size()) flush_calls();
  }
  return ok;
}

// Inserts the pending calls; a call whose id exists becomes a bad row after all.
void Importer::flush_calls() {
  duplicates_.clear();
  store_.insert_calls(std::span<const Call>(calls_.data(), npending_), import_id_, duplicates_);
  for (std::size_t k : duplicates_) {
    line_ = pending_[k].line;
    row_problems_ = 0;
    row_reasons_.clear();
    problem("id", std::to_string(calls_[k].id) +
                      ": duplicate id (earlier in this file or already in the database)");
    reject_row(pending_[k].begin, pending_[k].end);
    --good_;
  }
  npending_ = 0;
}

bool Importer::row_ticket() {
  Ticket& t = ticket_;
  t = Ticket{};
  bool ok = true;
  for (std::size_t i = 0; i < f_.size(); ++i) {
    int col = column_of_field_[i];
    std::string_view v = trim(f_[i]);
    std::string_view cn = col >= 0 ? col_name(col) : std::string_view();
    long long n = 0;
    switch (col) {
      case kTId:
        if (v.empty()) problem("id", "empty; a ticket id is required"), ok = false;
        else ok &= field_text(v, cn, kMaxIdBytes, t.id);
        break;
      case kTCreated: ok &= field_time(v, cn, t.created); break;
      case kTChannel: ok &= v.empty() || field_enum(v, cn, t.channel); break;
      case kTType: ok &= field_enum(v, cn, t.type); break;
      case kTCategory: ok &= field_text(v, cn, kMaxTextBytes, t.category, Personal::Mask); break;
      case kTDistrict: ok &= field_text(v, cn, kMaxTextBytes, t.district, Personal::Mask); break;
      case kTStreet: ok &= field_text(v, cn, kMaxTextBytes, t.street, Personal::Mask); break;
      case kTEnterprise:
        if (!parse_bool(v, t.enterprise))
          problem(cn, shown(v) + ": expected 1/0, true/false, yes/no or 是/否"), ok = false;
        break;
      case kTUrgency: ok &= v.empty() || field_enum(v, cn, t.urgency); break;
      case kTCaller: ok &= field_caller(v, cn, t.caller_key); break;
      case kTCallerKey: ok &= field_caller(v, cn, present_[kTCaller] ? scratch_ : t.caller_key); break;
      case kTDispatched: ok &= v.empty() || field_time(v, cn, t.dispatched); break;
      case kTAccepted: ok &= v.empty() || field_time(v, cn, t.accepted); break;
      case kTReturned: ok &= v.empty() || field_time(v, cn, t.returned); break;
      case kTExtended: ok &= v.empty() || field_time(v, cn, t.extended); break;
      case kTReplied: ok &= v.empty() || field_time(v, cn, t.replied); break;
      case kTClosed: ok &= v.empty() || field_time(v, cn, t.closed); break;
      case kTLead:
        ok &= v.empty() || field_unit(v, cn);
        t.lead_unit.assign(v);
        break;
      case kTCo: ok &= field_units(v, cn, t.co_units); break;
      case kTCopied: ok &= field_units(v, cn, t.copied_units); break;
      case kTSatisfaction: ok &= v.empty() || field_enum(v, cn, t.satisfaction); break;
      case kTReopen:
        if (!v.empty()) ok &= field_int(v, cn, 0, 1000, n), t.reopen_count = std::int32_t(n);
        break;
      default: break;
    }
  }
  if (!ok) return false;
  // Life-cycle order: nothing happens before the ticket was created, and nothing is
  // accepted before it was dispatched or closed before it was replied to.
  const std::pair<Time, const char*> steps[] = {{t.dispatched, "dispatched"}, {t.accepted, "accepted"},
                                                {t.returned, "returned"},     {t.extended, "extended"},
                                                {t.replied, "replied"},       {t.closed, "closed"}};
  for (const auto& [when, what] : steps)
    if (when != kNoTime && when < t.created)
      problem(what, format_time(when) + ": before the ticket was created (" + format_time(t.created) + ")"), ok = false;
  if (t.accepted != kNoTime && t.dispatched != kNoTime && t.accepted < t.dispatched)
    problem("accepted", format_time(t.accepted) + ": before the ticket was dispatched (" + format_time(t.dispatched) + ")"),
        ok = false;
  if (t.closed != kNoTime && t.replied != kNoTime && t.closed < t.replied)
    problem("closed", format_time(t.closed) + ": before the reply (" + format_time(t.replied) + ")"), ok = false;
  if (ok && !store_.insert_ticket(t, import_id_)) {
    problem("id", shown(t.id) + ": duplicate ticket id (earlier in this file or already in the database)");
    ok = false;
  }
  return ok;
}

bool Importer::row_unit() {
  Unit& u = unit_;
  u = Unit{};
  bool ok = true;
  for (std::size_t i = 0; i < f_.size(); ++i) {
    int col = column_of_field_[i];
    std::string_view v = trim(f_[i]);
    std::string_view cn = col >= 0 ? col_name(col) : std::string_view();
    long long n = 0;
    switch (col) {
      case kUId:
        if (v.empty()) problem(cn, "empty; a unit id is required"), ok = false;
        else ok &= field_text(v, cn, kMaxIdBytes, u.id);
        break;
      case kUName:
        if (v.empty()) problem(cn, "empty; a unit name is required"), ok = false;
        else ok &= field_text(v, cn, kMaxTextBytes, u.name, Personal::Mask);
        break;
      case kUKind: ok &= field_enum(v, cn, u.kind); break;
      case kULevel: ok &= field_int(v, cn, 0, 9, n), u.level = int(n); break;
      case kUParent: ok &= field_text(v, cn, kMaxIdBytes, u.parent_id); break;
      case kUUtility:
      case kUVertical:
      case kUSynthetic: {
        bool b = false;
        if (!parse_bool(v, b)) problem(cn, shown(v) + ": expected 1/0, true/false, yes/no or 是/否"), ok = false;
        (col == kUUtility ? u.utility : col == kUVertical ? u.vertical : u.synthetic) = b;
        break;
      }
      default: break;
    }
  }
  if (ok && u.parent_id.empty() && u.kind != UnitKind::City)
    problem("parent", "empty, but only the city (root) unit has no parent"), ok = false;
  if (ok && u.parent_id == u.id) problem("parent", "a unit cannot be its own parent"), ok = false;
  if (ok && !store_.insert_unit(u, import_id_)) {
    problem("id", shown(u.id) + ": duplicate unit id (earlier in this file or already in the database)");
    ok = false;
  }
  return ok;
}

// Parents are checked once every row is in: a parent may come later in the file. A unit
// with an unknown parent (an orphan) or on a parent cycle is bad; with --skip-bad it is
// removed, which may orphan its children in turn, so this repeats until nothing changes.
void Importer::check_unit_parents() {
  for (bool changed = true; changed;) {
    changed = false;
    std::unordered_map<std::string, std::string> parent_of;
    for (const Unit& u : store_.units()) parent_of[u.id] = u.parent_id;
    for (UnitRow& r : unit_rows_) {
      if (r.line == 0) continue;  // already rejected
      line_ = r.line;
      row_problems_ = 0;
      row_reasons_.clear();
      if (!r.parent.empty() && !parent_of.count(r.parent)) {
        problem("parent", shown(r.parent) + ": unknown unit (not in this file or the database)");
      } else {
        std::unordered_set<std::string> seen{r.id};
        std::string at = r.parent;
        std::string path = r.id;
        while (!at.empty()) {
          path += " -> " + at;
          if (!seen.insert(at).second) {
            problem("parent", "cycle: " + path);
            break;
          }
          auto it = parent_of.find(at);
          at = it == parent_of.end() ? std::string() : it->second;
        }
      }
      if (row_problems_ == 0) continue;
      reject_row(r.begin, r.end);
      if (!opt_.skip_bad.empty()) {
        store_.delete_unit(r.id);
        r.line = 0;
        changed = true;
      }
    }
  }
}

// Checks and stores the record just read (its bytes start at `begin`), or rejects it.
void Importer::read_row(std::size_t begin) {
  line_ = reader_.line();
  row_problems_ = 0;
  row_reasons_.clear();
  bool ok = false;
  if (f_.size() != column_of_field_.size()) {
    problem("row", "expected " + std::to_string(column_of_field_.size()) + " fields as in the header, found " +
                       std::to_string(f_.size()));
  } else {
    switch (opt_.kind) {
      case ImportKind::Calls: ok = row_call(); break;
      case ImportKind::Tickets: ok = row_ticket(); break;
      case ImportKind::Units:
        ok = row_unit();
        if (ok) unit_rows_.push_back({unit_.id, unit_.parent_id, line_, begin, reader_.position()});
        break;
    }
  }
  if (ok) ++good_;
  else reject_row(begin, reader_.position());
}

// Without --skip-bad, bad rows abort the import: the problems listed, a count of the rest
// and a summary of `rows` rows read.
void Importer::throw_bad_rows(std::int64_t rows) {
  if (problem_count_ > std::int64_t(problems_.size()))
    problems_.push_back({name_, 0, "",
                         std::to_string(problem_count_ - std::int64_t(problems_.size())) + " more problems not listed"});
  problems_.push_back({name_, 0, "",
                       std::to_string(bad_rows_) + " bad row" + (bad_rows_ == 1 ? "" : "s") + " of " +
                           std::to_string(rows) + "; nothing was imported (fix them, or use --skip-bad FILE)"});
  throw InputError(std::move(problems_));
}

ImportResult Importer::run(int fd, const ImportRecord& record) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  fd_ = fd;
  read_header();
  if (!opt_.skip_bad.empty()) {
    // Rejected rows hold the original text (callers' numbers): 0600, new or replaced.
    rejects_ = std::make_unique<AtomicFile>(opt_.skip_bad, 0600);
    rejects_->out() << header_raw_ << ',' << kRejectColumn << '\n';
  }
  const Store::BulkJournal bulk(store_);
  Store::Transaction tx(store_);
  import_id_ = store_.insert_import(record);
  // Into an empty calls table the arrival index is built once at the end (one sort) instead
  // of row by row: much cheaper for a file not in arrival order, about the same for a sorted
  // one (measured). Inside the transaction, so a failed import keeps the index.
  const bool rebuild_index = opt_.kind == ImportKind::Calls && store_.count_calls() == 0;
  if (rebuild_index) store_.exec("DROP INDEX calls_arrival");
  std::int64_t rows = 0;
  auto last_report = start;
  for (;;) {
    const std::size_t begin = row_begin_ = reader_.position();
    try {
      if (!reader_.next(f_)) break;
    } catch (const CsvRecordError& e) {  // the record is skipped, the file reads on
      ++rows;
      bad_record(e, begin);
      continue;
    } catch (const InputError& e) {
      // Broken quoting: the rest of the file cannot be read, so even with skip_bad nothing
      // is imported (the transaction rolls back).
      problems_.insert(problems_.end(), e.problems().begin(), e.problems().end());
      problems_.push_back({name_, 0, "", "the file cannot be read past this point; nothing was imported"});
      throw InputError(std::move(problems_));
    }
    ++rows;
    read_row(begin);
    if (opt_.progress && (rows & 4095) == 0) {
      auto now = Clock::now();
      if (std::chrono::duration<double>(now - last_report).count() >= opt_.progress_interval) {
        last_report = now;
        opt_.progress({rows, std::chrono::duration<double>(now - start).count(),
                       double(reader_.position()) / double(std::max<std::size_t>(reader_.size(), 1))});
      }
    }
  }
  if (npending_ > 0) flush_calls();
  if (opt_.kind == ImportKind::Units) {
    check_unit_parents();
    good_ = 0;
    for (const UnitRow& r : unit_rows_) good_ += r.line != 0;
  }
  if (bad_rows_ > 0 && opt_.skip_bad.empty()) throw_bad_rows(rows);
  if (rejects_ && !rejects_->out().flush())
    throw InputError(opt_.skip_bad.string(), 0, "", "cannot write the rejected rows; nothing was imported");
  if (rebuild_index) store_.exec("CREATE INDEX calls_arrival ON calls(arrival)");
  store_.set_import_counts(import_id_, good_, bad_rows_);
  tx.commit();
  if (rejects_) rejects_->commit();
  if (opt_.progress)
    opt_.progress({rows, std::chrono::duration<double>(Clock::now() - start).count(), 1.0});
  ImportResult r;
  r.import_id = import_id_;
  r.rows = good_;
  r.rejected = bad_rows_;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.problems = std::move(problems_);
  return r;
}

}  // namespace

std::string_view import_kind_name(ImportKind kind) {
  switch (kind) {
    case ImportKind::Calls: return "calls";
    case ImportKind::Tickets: return "tickets";
    case ImportKind::Units: return "units";
  }
  return "?";
}

void parse_column_map(std::string_view text, ColumnMap& map) {
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) continue;
    std::size_t eq = item.find('=');
    std::string_view from = eq == std::string_view::npos ? item : trim(item.substr(0, eq));
    std::string_view to = eq == std::string_view::npos ? std::string_view() : trim(item.substr(eq + 1));
    if (from.empty() || to.empty())
      throw std::invalid_argument("column mapping '" + std::string(item) + "': expected NAME=STANDARD");
    map.emplace_back(from, to);
  }
}

void load_column_map(const std::filesystem::path& file, ColumnMap& map) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "", "cannot open the mapping file");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::string_view l = trim(line);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l.front() == '#') continue;
    if (l.find(',') != std::string_view::npos || l.find('=') == std::string_view::npos)
      throw InputError(file.string(), n, "", "expected one NAME=STANDARD mapping");
    try {
      parse_column_map(l, map);
    } catch (const std::invalid_argument& e) {
      throw InputError(file.string(), n, "", e.what());
    }
  }
}

std::string describe_columns(ImportKind kind) {
  std::string out;
  for (const ColumnSpec& s : columns_of(kind)) {
    out += "  " + std::string(s.name) + (s.required ? " (required)" : "");
    if (!s.aliases.empty()) out += "  also: " + std::string(s.aliases);
    out += '\n';
  }
  return out;
}

ImportResult import_csv(Store& store, const std::filesystem::path& file, const ImportOptions& options) {
  const std::string name = file.string();
  std::vector<NamedPath> inputs = sqlite_files("--db", store.path());
  inputs.push_back({"FILE", file});
  refuse_overwriting_inputs({{"--skip-bad", options.skip_bad}}, inputs);
  FdCloser fd{::open(name.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.fd < 0) throw InputError(name, 0, "", std::string("cannot open: ") + std::strerror(errno));
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  ImportRecord rec;
  rec.kind = import_kind_name(options.kind);
  rec.path = name;
  CsvReader reader(file);
  rec.content_hash = content_hash_of(reader.bytes());
  rec.size = std::int64_t(reader.bytes().size());
  rec.imported_at = Time(std::time(nullptr));
  if (auto prev = store.find_import(rec.kind, rec.content_hash))
    throw InputError(name, 0, "",
                     "already imported into " + store.path().string() + " as import #" +
                         std::to_string(prev->id) + " (" + prev->path + ", " +
                         format_time(prev->imported_at) + ", same content hash); re-importing the "
                         "same file is refused, nothing was imported");
  Importer importer(store, reader, options);
  return importer.run(fd.fd, rec);
}

}  // namespace hotline
