// The Weibull and mixture distributions in scenario.lua: they load, their means are right,
// and bad ones are errors naming file:line:field.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "rules/scenario_loader.hpp"

using namespace hotline;
namespace fs = std::filesystem;

namespace {

fs::path write(const std::string& name, const std::string& extra) {
  const fs::path dir = fs::path(HOTLINE_TEST_TMP) / ("dist-" + std::to_string(getpid()) + "-" + name);
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.lua") << "local p = {}\nfor i = 1, 48 do p[i] = 10 end\nreturn {\n"
                                         "  start = \"2025-01-06\",\n"
                                         "  traffic = { profile = { all = p } },\n"
                                         "  skills = { general = { share = 1, agents = { all = p } } },\n"
                                      << extra << "}\n";
  return dir / "scenario.lua";
}

std::string error_of(const fs::path& f) {
  try {
    load_scenario(f);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("scenario: weibull and mixture distributions load with their means", "[scenario][dist]") {
  const auto f = write("ok",
                       "  patience = { dist = \"weibull\", mean = 90, shape = 0.8 },\n"
                       "  wrap = { dist = \"mixture\", parts = {\n"
                       "    { weight = 3, dist = \"fixed\", mean = 10 },\n"
                       "    { weight = 1, dist = \"empirical\", values = { 20, 40 } },\n"
                       "    { weight = 1, dist = \"mixture\", parts = { { weight = 1, dist = \"exponential\", mean = 50 } } } } },\n");
  const ScenarioConfig sc = load_scenario(f);
  CHECK(sc.patience.kind == DurationSpec::Kind::Weibull);
  CHECK(sc.patience.shape == 0.8);
  REQUIRE(sc.wrap.kind == DurationSpec::Kind::Mixture);
  REQUIRE(sc.wrap.parts.size() == 3);
  CHECK(sc.wrap.mean == Approx((3 * 10 + 30 + 50) / 5.0));
}

TEST_CASE("scenario: bad weibull and mixture are named", "[scenario][dist]") {
  CHECK_THAT(error_of(write("w0", "  patience = { dist = \"weibull\", mean = 90 },\n")),
             Catch::Contains("patience.shape: weibull needs mean > 0 and shape > 0"));
  CHECK_THAT(error_of(write("m0", "  patience = { dist = \"mixture\", parts = {} },\n")),
             Catch::Contains("patience.parts: a mixture needs a non-empty list of parts"));
  CHECK_THAT(error_of(write("mw", "  patience = { dist = \"mixture\", parts = { { dist = \"fixed\", mean = 3 } } },\n")),
             Catch::Contains("patience.parts.1.weight: each part of a mixture needs a weight > 0"));
  CHECK_THAT(error_of(write("me", "  patience = { dist = \"mixture\", parts = { { weight = 1, dist = \"empirical\", values = {} } } },\n")),
             Catch::Contains("patience.parts.1.values: empirical needs a non-empty list"));
  CHECK_THAT(error_of(write("wk", "  patience = { dist = \"mixture\", parts = { { weight = 1, dist = \"fixed\", mean = 3, weigth = 2 } } },\n")),
             Catch::Contains("weigth"));
  CHECK_THAT(error_of(write("top", "  patience = { dist = \"fixed\", mean = 3, weight = 2 },\n")),
             Catch::Contains("weight"));
}
