/* The C API (include/hotline/hotline.h) from plain C11: decide, batch, reload, calendar,
   ownership (every returned string freed, checked by the sanitizer pass's leak check), NULL
   handles and bad input giving a status and a message, two threads on one engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "hotline/hotline.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                       \
  do {                                                                    \
    ++checks;                                                             \
    if (!(cond)) {                                                        \
      ++failures;                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                     \
  } while (0)

static int contains(const char *text, const char *needle) { return text && strstr(text, needle) != NULL; }

static const char *water = "{\"id\":\"C-1\",\"category\":\"供水\",\"district\":\"shangzhou\",\"created\":\"2025-03-03 10:00\"}";

static void test_open_and_decide(hotline_engine *e) {
  char err[256];
  char *out = NULL;
  CHECK(hotline_decide(e, water, &out, err, sizeof err) == HOTLINE_OK);
  CHECK(strcmp(err, "") == 0);
  CHECK(contains(out, "\"lead\":{\"id\":\"zlsgs\""));
  CHECK(contains(out, "\"route\":\"ticket\""));
  char *rev = NULL;
  CHECK(hotline_revision(e, &rev, err, sizeof err) == HOTLINE_OK);
  CHECK(rev && strlen(rev) >= 8 && contains(out, rev));
  hotline_free(rev);
  hotline_free(out);
  char *info = NULL;
  CHECK(hotline_info(e, &info, NULL, 0) == HOTLINE_OK);
  CHECK(contains(info, "\"id\":\"shangluo-2024\""));
  hotline_free(info);
  CHECK(strcmp(hotline_version(), "") != 0);
}

static void test_bad_tickets(hotline_engine *e) {
  char err[256];
  char *out = (char *)1;  /* set to NULL on failure */
  CHECK(hotline_decide(e, "{not json", &out, err, sizeof err) == HOTLINE_E_INPUT);
  CHECK(out == NULL);
  CHECK(contains(err, "ticket: invalid JSON"));
  CHECK(hotline_decide(e, "{\"id\":\"C-2\",\"created\":\"2025-03-03\"}", &out, err, sizeof err) == HOTLINE_E_INPUT);
  CHECK(strcmp(err, "ticket: category: missing") == 0);
  CHECK(hotline_decide(e, "{\"id\":5,\"category\":\"供水\",\"created\":\"2025-03-03\"}", &out, err, sizeof err) == HOTLINE_E_INPUT);
  CHECK(strcmp(err, "ticket: id: expected a string") == 0);
  CHECK(hotline_decide(e, "{\"id\":\"C-3\",\"category\":\"供水\",\"created\":9223372036854775807}", &out, err, sizeof err) ==
        HOTLINE_E_INPUT);
  CHECK(contains(err, "created: out of range"));
  CHECK(hotline_decide(e, "", &out, err, sizeof err) == HOTLINE_E_INPUT);
  /* A small buffer gets a shortened message, cut before a multi-byte character. */
  char cut[31];
  CHECK(hotline_decide(e, "{\"id\":\"C-5\",\"type\":\"呼救\",\"category\":\"供水\",\"created\":\"2025-03-03\"}", &out, cut,
                       sizeof cut) == HOTLINE_E_INPUT);
  CHECK(strcmp(cut, "ticket: type: unknown value '") == 0);
  char small[8];
  CHECK(hotline_decide(e, "{\"id\":\"C-4\",\"category\":\"供水\"}", &out, small, sizeof small) == HOTLINE_E_INPUT);
  CHECK(strlen(small) == 7 && strncmp(small, "ticket:", 7) == 0);
  CHECK(hotline_decide(e, "{\"id\":\"C-4\",\"category\":\"供水\"}", &out, NULL, 0) == HOTLINE_E_INPUT);
}

static void test_null_handles(void) {
  char err[128];
  char *out = (char *)1;
  hotline_engine *e = (hotline_engine *)1;
  CHECK(hotline_engine_open(NULL, NULL, &e, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(e == NULL);
  CHECK(strcmp(err, "ruleset: NULL") == 0);
  CHECK(hotline_engine_open("shangluo-2024", NULL, NULL, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_decide(NULL, water, &out, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK(strcmp(err, "engine: NULL") == 0);
  CHECK(hotline_decide_batch(NULL, "", &out, NULL, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_reload(NULL, NULL, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_revision(NULL, &out, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_info(NULL, &out, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  int64_t t = 0;
  CHECK(hotline_add_working_days(NULL, 0, 1, &t, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_parse_time(NULL, &t, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_parse_time("2025-01-01", NULL, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_format_time(0, NULL, 30) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_manual_count(NULL) == 0);
  hotline_engine_close(NULL);
  hotline_free(NULL);
  CHECK(strcmp(hotline_status_name(HOTLINE_E_RULESET), "HOTLINE_E_RULESET") == 0);
  CHECK(strcmp(hotline_status_name(99), "unknown") == 0);
}

static void test_bad_rule_sets_and_options(void) {
  char err[512];
  hotline_engine *e = (hotline_engine *)1;
  CHECK(hotline_engine_open("/no/such/ruleset", NULL, &e, err, sizeof err) == HOTLINE_E_RULESET);
  CHECK(e == NULL);
  CHECK(contains(err, "/no/such/ruleset: no such rule set folder"));
  CHECK(hotline_engine_open(HOTLINE_TEST_FAILING_RULESET, NULL, &e, err, sizeof err) == HOTLINE_E_RULESET);
  CHECK(contains(err, "tests/dispatch.lua:"));
  CHECK(contains(err, "power goes to the grid company"));
  CHECK(hotline_engine_open("shangluo-2024", "{\"budget\":1}", &e, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(contains(err, "options: budget: unknown key"));
  CHECK(hotline_engine_open("shangluo-2024", "[1]", &e, err, sizeof err) == HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_engine_open("shangluo-2024", "{\"instruction_budget\":\"many\"}", &e, err, sizeof err) ==
        HOTLINE_E_INVALID_ARGUMENT);
  CHECK(hotline_engine_open("shangluo-2024", "{\"instruction_budget\":10}", &e, err, sizeof err) == HOTLINE_E_RULESET);
  CHECK(contains(err, "instruction budget of 10 exceeded"));
  /* The failing set loads when its tests are not run. */
  CHECK(hotline_engine_open(HOTLINE_TEST_FAILING_RULESET, "{\"run_rule_tests\":false}", &e, err, sizeof err) == HOTLINE_OK);
  hotline_engine_close(e);
}

static void test_batch(hotline_engine *e) {
  char err[256];
  char *out = NULL;
  size_t bad = 99;
  const char *lines =
      "{\"id\":\"L-1\",\"category\":\"供电\",\"created\":\"2025-03-03 10:00\"}\n"
      "\n"
      "{\"id\":\"L-3\",\"category\":\"供水\"}\n"
      "{\"id\":\"L-4\",\"category\":\"供气\",\"created\":1741000000}\n";
  CHECK(hotline_decide_batch(e, lines, &out, &bad, err, sizeof err) == HOTLINE_OK);
  CHECK(bad == 1);
  CHECK(contains(out, "\"lead\":{\"id\":\"gwgd\""));
  CHECK(contains(out, "{\"error\":\"input:3: created: missing"));
  CHECK(contains(out, "\"lead\":{\"id\":\"trqgs\""));
  int newlines = 0;
  for (const char *p = out; p && *p; ++p) newlines += *p == '\n';
  CHECK(newlines == 3);
  hotline_free(out);
  CHECK(hotline_decide_batch(e, "", &out, NULL, err, sizeof err) == HOTLINE_OK);
  CHECK(out && strcmp(out, "") == 0);
  hotline_free(out);
}

static void test_calendar(hotline_engine *e) {
  char err[256];
  int64_t fri = 0, end = 0;
  CHECK(hotline_parse_time("2025-01-24 10:00", &fri, err, sizeof err) == HOTLINE_OK);
  CHECK(hotline_add_working_days(e, fri, 3, &end, err, sizeof err) == HOTLINE_OK);
  char buf[32];
  CHECK(hotline_format_time(end, buf, sizeof buf) == HOTLINE_OK);
  CHECK(strcmp(buf, "2025-02-06T00:00:00+08:00") == 0);
  CHECK(hotline_format_time(end, buf, 10) == HOTLINE_E_INVALID_ARGUMENT);
  int days = 0;
  CHECK(hotline_working_days_between(e, fri, end, &days, err, sizeof err) == HOTLINE_OK);
  CHECK(days == 3);
  int64_t later = 0;
  CHECK(hotline_add_working_hours(e, fri, 4, &later, err, sizeof err) == HOTLINE_OK);
  double hours = 0;
  CHECK(hotline_working_hours_between(e, fri, later, &hours, err, sizeof err) == HOTLINE_OK);
  CHECK(hours > 3.999 && hours < 4.001);
  int64_t far = 0;
  CHECK(hotline_parse_time("2099-05-05", &far, err, sizeof err) == HOTLINE_OK);
  CHECK(hotline_add_working_days(e, far, 1, &end, err, sizeof err) == HOTLINE_E_CALENDAR);
  CHECK(contains(err, "2099"));
  CHECK(hotline_add_working_hours(e, fri, -1, &end, err, sizeof err) == HOTLINE_E_CALENDAR);
  CHECK(hotline_parse_time("yesterday", &far, err, sizeof err) == HOTLINE_E_CALENDAR);
  CHECK(contains(err, "bad time 'yesterday'"));
}

static void test_reload(hotline_engine *e) {
  char err[512];
  char *before = NULL, *after = NULL;
  CHECK(hotline_revision(e, &before, NULL, 0) == HOTLINE_OK);
  CHECK(hotline_reload(e, HOTLINE_TEST_FAILING_RULESET, err, sizeof err) == HOTLINE_E_RULESET);
  CHECK(contains(err, "power goes to the grid company"));
  CHECK(hotline_revision(e, &after, NULL, 0) == HOTLINE_OK);
  CHECK(before && after && strcmp(before, after) == 0);
  hotline_free(after);
  CHECK(hotline_reload(e, NULL, err, sizeof err) == HOTLINE_OK);
  CHECK(hotline_revision(e, &after, NULL, 0) == HOTLINE_OK);
  CHECK(before && after && strcmp(before, after) == 0);
  hotline_free(after);
  hotline_free(before);
}

struct job {
  hotline_engine *e;
  char *out[50];
};

static int decide_many(void *arg) {
  struct job *j = arg;
  for (int i = 0; i < 50; ++i)
    if (hotline_decide(j->e, water, &j->out[i], NULL, 0) != HOTLINE_OK) return 1;
  return 0;
}

static void test_threads(hotline_engine *e) {
  struct job a = {e, {0}}, b = {e, {0}};
  thrd_t ta, tb;
  CHECK(thrd_create(&ta, decide_many, &a) == thrd_success);
  CHECK(thrd_create(&tb, decide_many, &b) == thrd_success);
  int ra = 1, rb = 1;
  thrd_join(ta, &ra);
  thrd_join(tb, &rb);
  CHECK(ra == 0 && rb == 0);
  for (int i = 0; i < 50; ++i) {
    CHECK(a.out[i] && b.out[i] && strcmp(a.out[i], b.out[i]) == 0);
    hotline_free(a.out[i]);
    hotline_free(b.out[i]);
  }
}

int main(void) {
  char err[512];
  hotline_engine *e = NULL;
  if (hotline_engine_open("shangluo-2024", NULL, &e, err, sizeof err) != HOTLINE_OK) {
    fprintf(stderr, "cannot open shangluo-2024: %s\n", err);
    return 1;
  }
  test_open_and_decide(e);
  test_bad_tickets(e);
  test_null_handles();
  test_bad_rule_sets_and_options();
  test_batch(e);
  test_calendar(e);
  test_reload(e);
  test_threads(e);
  CHECK(hotline_manual_count(e) == 0);
  hotline_engine_close(e);
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
