// Embeds the hotline rule engine in a C++ program: load the Shangluo 2024 rules, decide a
// water ticket, compute a deadline on the working calendar and print them (docs/embedding.md).
#include <cstdio>

#include <hotline/hotline.hpp>

int main() {
  try {
    hotline::api::EngineOptions options;
#ifdef EMBED_DATA_DIR
    options.data_folder = EMBED_DATA_DIR;  // static linking: say where the installed data is
#endif
    const hotline::api::Engine engine("shangluo-2024", options);
    hotline::api::Ticket ticket;
    ticket.id = "EMBED-CPP-1";
    ticket.category = "供水";
    ticket.district = "shangzhou";
    ticket.created = hotline::api::parse_time("2025-01-24 10:00");
    const hotline::api::Decision d = engine.decide(ticket);
    const hotline::api::Time due = engine.add_working_days(ticket.created, 3);
    std::printf("hotline %s, rule set %s@%s from %s\n", hotline::api::library_version(), engine.info().id.c_str(),
                d.revision.c_str(), engine.info().folder.c_str());
    std::printf("%s -> %s (%s), reply by %s\n", d.ticket_id.c_str(), d.lead ? d.lead->id.c_str() : "-",
                d.trace.size() > 1 ? d.trace[1].rule.c_str() : "-", hotline::api::format_time(d.reply_by).c_str());
    std::printf("3 working days after 2025-01-24 10:00: %s\n", hotline::api::format_time(due).c_str());
    return 0;
  } catch (const hotline::api::Error& e) {
    std::fprintf(stderr, "embed-cpp: %s\n", e.what());
    return 1;
  }
}
