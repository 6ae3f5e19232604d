// The hotline.* tables a rule script sees: calendar primitives, the org graph, time.
#pragma once

namespace hotline {
class WorkCalendar;
class OrgGraph;
}  // namespace hotline

namespace hotline::rules {
class Sandbox;

// Adds hotline.calendar, hotline.org, hotline.time and hotline.format_time. The calendar and
// graph must outlive the sandbox. Call before the sandbox is sealed.
void bind_hotline(Sandbox& sandbox, const WorkCalendar* calendar, const OrgGraph* org);

}  // namespace hotline::rules
