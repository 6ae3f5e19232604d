/* Embeds the hotline rule engine in a C program through the C API: load the Shangluo 2024
   rules, decide a water ticket (JSON in, JSON out), compute a deadline and print them
   (docs/embedding.md). Build: make (uses pkg-config --cflags --libs hotline). */
#include <stdio.h>

#include <hotline/hotline.h>

int main(void) {
  char err[512];
  hotline_engine *engine = NULL;
  if (hotline_engine_open("shangluo-2024", NULL, &engine, err, sizeof err) != HOTLINE_OK) {
    fprintf(stderr, "embed-c: %s\n", err);
    return 1;
  }
  const char *ticket = "{\"id\":\"EMBED-C-1\",\"category\":\"供水\",\"district\":\"shangzhou\",\"created\":\"2025-01-24 10:00\"}";
  char *decision = NULL, *info = NULL;
  int64_t created = 0, due = 0;
  char due_text[32];
  int status = hotline_decide(engine, ticket, &decision, err, sizeof err);
  if (status == HOTLINE_OK) status = hotline_info(engine, &info, err, sizeof err);
  if (status == HOTLINE_OK) status = hotline_parse_time("2025-01-24 10:00", &created, err, sizeof err);
  if (status == HOTLINE_OK) status = hotline_add_working_days(engine, created, 3, &due, err, sizeof err);
  if (status == HOTLINE_OK) status = hotline_format_time(due, due_text, sizeof due_text);
  if (status == HOTLINE_OK) {
    printf("hotline %s, rule set %s\n", hotline_version(), info);
    printf("decision: %s\n", decision);
    printf("3 working days after 2025-01-24 10:00: %s\n", due_text);
  } else {
    fprintf(stderr, "embed-c: %s: %s\n", hotline_status_name(status), err);
  }
  hotline_free(decision);
  hotline_free(info);
  hotline_engine_close(engine);
  return status == HOTLINE_OK ? 0 : 1;
}
