// The enum name tables: every value has a key, a Chinese and an English name.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/enums.hpp"

using namespace hotline;

template <class E>
void check_table() {
  std::set<std::string_view> keys;
  for (std::size_t i = 0; i < std::size_t(E::Count); ++i) {
    E e = E(i);
    CHECK_FALSE(enum_key(e).empty());
    CHECK_FALSE(display_name(e, Lang::Zh).empty());
    CHECK_FALSE(display_name(e, Lang::En).empty());
    CHECK(keys.insert(enum_key(e)).second);
    CHECK(enum_from<E>(enum_key(e)) == e);
    CHECK(enum_from<E>(display_name(e, Lang::Zh)) == e);
  }
}

TEST_CASE("Every enum has a complete, unique name table", "[core][enums]") {
  check_table<Channel>();
  check_table<SkillQueue>();
  check_table<CallOutcome>();
  check_table<RequestType>();
  check_table<Urgency>();
  check_table<Satisfaction>();
  check_table<UnitKind>();
}

TEST_CASE("Request types read from Chinese names", "[core][enums]") {
  CHECK(enum_from<RequestType>("意见建议") == RequestType::Suggestion);
  CHECK(enum_from<RequestType>("help") == RequestType::Help);
  CHECK_FALSE(enum_from<RequestType>("求救").has_value());
  CHECK(enum_keys<Urgency>() == "normal|urgent|major");
}
