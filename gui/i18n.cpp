// The dashboard's string table: Chinese first, English second.
#include "gui/i18n.hpp"

#include <iterator>
#include <string>

namespace hotline::gui {
namespace {
struct Entry {
  std::string_view zh, en;
};
constexpr Entry kTable[] = {
    {"12345 热线仪表盘", "12345 hotline dashboard"},
    {"文件", "File"},
    {"视图", "View"},
    {"语言", "Language"},
    {"打开结果库…", "Open results..."},
    {"最近打开", "Recent files"},
    {"结果库路径（results.sqlite）", "Results database path (results.sqlite)"},
    {"退出", "Quit"},
    {"排班", "Staffing"},
    {"规则实验", "Rule lab"},
    {"月度通报", "Bulletin"},
    {"规则引擎", "Live engine"},
    {"组织", "Organisation"},
    {"工作日历", "Calendar"},
    {"尚未加载结果", "No results loaded yet"},
    {"请先运行 `hotline simulate 场景 --out results.sqlite`，再用 --results 打开结果库。",
     "Run `hotline simulate SCENARIO --out results.sqlite` first, then open it with --results."},
    {"结果库中没有此视图所需的数据（仿真器的结果表尚未定义）；现有表：",
     "The results file holds none of this view's data (the simulator's result tables are not defined yet); its tables: "},
    {"此功能需要仿真器（sim 分支尚未合并）。", "This needs the simulator (branch sim, not merged yet)."},
    {"此功能需要规则引擎（rules 分支尚未合并）。",
     "This needs the rule engine (branch rules, not merged yet)."},
    {"找不到中文字体：", "Chinese font not found: "},
    {"场景", "Scenario"},
    {"结果库", "Results"},
    {"（未加载）", "(none)"},
    {"打开", "Open"},
    {"取消", "Cancel"},
    {"运行中", "Running"},
    {"完成", "Done"},
    {"失败", "Failed"},
    {"已取消", "Cancelled"},
    {"日内话务：来电量、排班座席与所需座席", "Intraday: offered calls, agents scheduled and required"},
    {"接通率与服务水平（每半小时）", "Answer rate and service level per half hour"},
    {"等待时长热力图（日期 × 半小时）", "Waiting heatmap (day x half hour)"},
    {"来电量", "Offered"},
    {"排班座席", "Scheduled"},
    {"所需座席", "Required"},
    {"时刻", "Time of day"},
    {"来电量 / 座席数", "Calls / agents"},
    {"接通率", "Answer rate"},
    {"目标", "Target"},
    {"平均等待（秒）", "Mean wait (s)"},
    {"服务水平", "Service level"},
    {"日期", "Day"},
    {"重新仿真", "Re-simulate"},
    {"运行排班规划", "Run staffing planner"},
    {"基线规则集", "Baseline rule set"},
    {"修订规则集", "Revised rule set"},
    {"运行对比", "Run comparison"},
    {"指标差异", "KPI deltas"},
    {"指标", "Indicator"},
    {"基线", "Baseline"},
    {"修订", "Revised"},
    {"差值", "Delta"},
    {"95% 置信区间", "95% CI"},
    {"各单位按时办结率：基线与修订", "On-time rate per unit: baseline vs revised"},
    {"按时办结率", "On-time rate"},
    {"决定不同的工单", "Tickets decided differently"},
    {"规则差异（hotline rules diff）", "Rule differences (hotline rules diff)"},
    {"通报表", "Bulletin table"},
    {"排名", "Rank"},
    {"单位", "Unit"},
    {"综合得分", "Score"},
    {"名次变化", "Rank change"},
    {"导出 CSV", "Export CSV"},
    {"导出 Markdown", "Export Markdown"},
    {"规则集路径", "Rule set path"},
    {"版本", "Revision"},
    {"加载时间", "Loaded at"},
    {"未加载规则集", "No rule set loaded"},
    {"工单表单", "Ticket form"},
    {"诉求类型", "Request type"},
    {"诉求分类", "Category"},
    {"区县/街道", "District/street"},
    {"涉企", "Enterprise"},
    {"紧急程度", "Urgency"},
    {"派单决策", "Decide"},
    {"决策", "Decision"},
    {"时限", "Deadlines"},
    {"决策轨迹", "Trace"},
    {"规则测试结果", "Rule test results"},
    {"回放场景工单", "Replay scenario tickets"},
    {"承办单位树", "Unit tree"},
    {"单位详情", "Unit detail"},
    {"编号", "Id"},
    {"名称", "Name"},
    {"类型", "Kind"},
    {"层级", "Level"},
    {"上级", "Parent"},
    {"所属区县", "District"},
    {"下级单位", "Children"},
    {"属性", "Flags"},
    {"合成数据", "synthetic"},
    {"公用事业", "utility"},
    {"垂直管理", "vertical"},
    {"请在左侧选择一个单位。", "Select a unit on the left."},
    {"未加载组织数据：", "Organisation not loaded: "},
    {"着色依据", "Colour by"},
    {"按名称或编号筛选", "Filter by name or id"},
    {"全部展开", "Expand all"},
    {"全部折叠", "Collapse all"},
    {"工作量", "Workload"},
    {"单位数", "Units"},
    {"层级路径", "Path"},
    {"全部下级", "all below"},
    {"来源", "Source"},
    {"年", "Year"},
    {"月", "Month"},
    {"工作日", "Workday"},
    {"周末", "Weekend"},
    {"法定节假日", "Holiday"},
    {"调休上班", "Make-up workday"},
    {"工作时间", "Working hours"},
    {"未加载日历：", "Calendar not loaded: "},
};
static_assert(std::size(kTable) == std::size_t(Text::Count), "one row per Text, in enum order");
}  // namespace

std::string_view tr(Text t, Lang lang) {
  const Entry& e = kTable[std::size_t(t)];
  return lang == Lang::Zh ? e.zh : e.en;
}

std::string_view all_chinese_text() {
  static const std::string all = [] {
    std::string s;
    for (const Entry& e : kTable) s += e.zh;
    return s;
  }();
  return all;
}

}  // namespace hotline::gui
