// `hotline import calls|tickets|units FILE --db traffic.sqlite`: validates a CSV export,
// pseudonymises callers [SL24 §24, §28-29] and stores it in one transaction (docs/import.md).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/verb.hpp"
#include "core/file_safety.hpp"
#include "core/import.hpp"
#include "core/pseudonym.hpp"
#include "core/store.hpp"

namespace {

struct ImportArgs {
  std::string file;
  std::string db;
  std::vector<std::string> maps;
  std::string map_file;
  std::string key;
  std::string skip_bad;
  std::size_t max_errors = 50;
  bool quiet = false;
  std::string lang = "zh";
};

void run(hotline::ImportKind kind, const ImportArgs& a) {
  using namespace hotline;
  ImportOptions opt;
  opt.kind = kind;
  if (!a.map_file.empty()) load_column_map(a.map_file, opt.map);
  for (const std::string& m : a.maps) parse_column_map(m, opt.map);
  if (!a.key.empty()) opt.key = a.key;
  else opt.key = Pseudonymizer::key_from_env();
  opt.skip_bad = a.skip_bad;
  opt.max_reported = a.max_errors;
  if (!a.quiet)
    opt.progress = [&](const ImportProgress& p) {
      if (p.fraction >= 1.0) return;  // the summary follows
      std::fprintf(stderr, "import %s: %lld rows, %.0f rows/s, %.0f%%\n",
                   std::string(import_kind_name(kind)).c_str(), static_cast<long long>(p.rows),
                   p.seconds > 0 ? double(p.rows) / p.seconds : 0.0, 100.0 * p.fraction);
    };
  // Before the store or the reject file is opened: neither may be the CSV, the mapping file
  // or each other, by any name (symlink, hard link, relative or absolute path).
  std::vector<NamedPath> outputs = sqlite_files("--db", a.db);
  outputs.push_back({"--skip-bad", a.skip_bad});
  refuse_overwriting_inputs(outputs, {{"FILE", a.file}, {"--map-file", a.map_file}});
  Store store(a.db);
  ImportResult r = import_csv(store, a.file, opt);
  const bool en = a.lang == "en";
  const double rate = r.seconds > 0 ? double(r.rows) / r.seconds : 0.0;
  const std::string what(import_kind_name(kind));
  if (en)
    std::printf("imported %lld %s from %s into %s (import #%lld) in %.2f s, %.0f rows/s; %lld rejected\n",
                static_cast<long long>(r.rows), what.c_str(), a.file.c_str(), a.db.c_str(),
                static_cast<long long>(r.import_id), r.seconds, rate, static_cast<long long>(r.rejected));
  else
    std::printf("已导入 %lld 条 %s 记录：%s → %s（导入批次 #%lld），用时 %.2f 秒，%.0f 条/秒；拒绝 %lld 条\n",
                static_cast<long long>(r.rows), what.c_str(), a.file.c_str(), a.db.c_str(),
                static_cast<long long>(r.import_id), r.seconds, rate, static_cast<long long>(r.rejected));
  if (r.rejected > 0) {
    for (const InputProblem& p : r.problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    std::fprintf(stderr, en ? "%lld rejected rows written to %s\n" : "%lld 条被拒绝的行已写入 %s\n",
                 static_cast<long long>(r.rejected), a.skip_bad.c_str());
  }
}

void add_kind(CLI::App& parent, hotline::ImportKind kind, const char* help) {
  auto args = std::make_shared<ImportArgs>();
  auto* cmd = parent.add_subcommand(std::string(hotline::import_kind_name(kind)), help);
  cmd->footer("Columns (any order; Chinese names accepted):\n" + hotline::describe_columns(kind) +
              "See docs/import.md for formats, errors and pseudonymisation.");
  cmd->add_option("FILE", args->file, "CSV file (UTF-8, header line first)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--db", args->db, "SQLite traffic store to import into (created if missing)")->required();
  cmd->add_option("--map", args->maps,
                  "Rename columns: NAME=STANDARD[,NAME=STANDARD...] (STANDARD '-' drops the column); repeatable");
  cmd->add_option("--map-file", args->map_file, "File of NAME=STANDARD lines (# comments)")->check(CLI::ExistingFile);
  cmd->add_option("--key", args->key,
                  "Pseudonymisation key for caller phone numbers (at least 16 characters); "
                  "default: $HOTLINE_PSEUDONYM_KEY (preferred: options are visible in ps)");
  cmd->add_option("--skip-bad", args->skip_bad,
                  "Import the good rows and write the rejected ones, with the reason, to this file "
                  "(mode 0600, replaced atomically; never the input or the store) "
                  "(default: any bad row aborts the import and nothing is stored)");
  cmd->add_option("--max-errors", args->max_errors, "Problems to list before counting the rest")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No progress on stderr");
  cmd->add_option("--lang", args->lang, "Language of the summary: zh or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  cmd->callback([kind, args] { run(kind, *args); });
}

void setup(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "import", "Import a CSV export of calls, tickets or org units into a SQLite traffic store");
  cmd->require_subcommand(1);
  add_kind(*cmd, hotline::ImportKind::Calls,
           "Import call records (arrival, channel, skill, caller, durations, outcome, agent)");
  add_kind(*cmd, hotline::ImportKind::Tickets,
           "Import tickets (工单) with life-cycle times and handling units");
  add_kind(*cmd, hotline::ImportKind::Units, "Import the org list of handling units (org CSV format)");
}
HOTLINE_VERB("import", setup);

}  // namespace
