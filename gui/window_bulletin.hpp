// The bulletin window (月度通报): its state (the results' ticket runs, the shown table and its
// language, the export message) and what the dashboard's callers use. Drawn in
// gui/window_bulletin.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gui/window.hpp"

namespace hotline::gui {

class BulletinWindow final : public Window {
 public:
  explicit BulletinWindow(Dashboard& dash) : Window(dash, View::Bulletin, Text::ViewBulletin) {}
  void draw() override;
  // The runs, and the default run's bulletin (which colours the organisation window).
  void take_results(LoadedResults& r) override;

  const std::optional<BulletinTable>& bulletin() const { return bulletin_; }
  const std::vector<TicketRunInfo>& ticket_runs() const { return ticket_runs_; }
  // Dashboard::load_bulletin and Dashboard::export_shown_bulletin.
  void load(std::int64_t run, const std::string& period, std::int64_t compare_run);
  std::filesystem::path export_shown(const std::string& format);

 private:
  void set_bulletin(BulletinTable table, Lang lang);
  void draw_choices(bool idle);
  void draw_export(const std::string& empty);
  void draw_table(const std::string& empty);
  void draw_rows(BulletinTable& b, bool cmp);

  std::vector<TicketRunInfo> ticket_runs_;
  std::optional<BulletinTable> bulletin_;
  Lang bulletin_lang_ = Lang::Zh;
  std::string bulletin_error_;
  std::string export_message_;
  bool export_failed_ = false;
};

}  // namespace hotline::gui
