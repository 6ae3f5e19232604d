// Attacks on the rule-set loader's files (docs/security.md "The rule sandbox"): FIFOs,
// sockets, devices, folders, symbolic links out of the folder and oversized files in a
// rule-set folder are refused with the path and the reason, without hanging; `org` and
// `calendar` paths stay inside the rule set and the shipped data unless a folder is allowed;
// a data file that is not what it should be is named, never echoed line by line.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <future>

#include "attack_fixture.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "rules/engine.hpp"
#include "rules/loader.hpp"

using namespace hotline;
using namespace hotline::rules;
using namespace hotline::test;
namespace fs = std::filesystem;

namespace {

// Loads in a separate thread so that a hang fails the test instead of blocking it.
std::string load_error(const fs::path& dir, LoadOptions opt = tight_limits()) {
  auto f = std::async(std::launch::async, [dir, opt] {
    try {
      load_rule_set(dir, opt);
      return std::string();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
  });
  if (f.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    FAIL("the loader hung on " << dir);  // the thread is left behind; the process ends with the test
  }
  return f.get();
}

fs::path outside_dir(const std::string& name) {
  fs::path d = fs::path(HOTLINE_TEST_TMP) / scratch_name("outside-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void make_socket(const fs::path& p) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(p.string().size() < sizeof addr.sun_path);
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", p.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  ::close(fd);
}

void set_manifest_field(const fs::path& dir, const std::string& field, const std::string& value) {
  if (field == "org") edit(dir / "ruleset.lua", "org = \"orgs/shangluo.csv\"", "org = \"" + value + "\"");
  else edit(dir / "ruleset.lua", "calendar = \"national\"", "calendar = \"" + value + "\"");
}

}  // namespace

TEST_CASE("special files in a rule-set folder are refused with the path and the reason, without hanging", "[attack][loader][files]") {
  struct Special {
    const char* name;
    const char* file;    // relative to the folder
    const char* reason;  // part of the message
  };
  const Special cases[] = {
      {"fifo-helper", "common.lua", "FIFO"},       {"fifo-rule-file", "dispatch.lua", "FIFO"},
      {"fifo-test-file", "tests/zz.lua", "FIFO"},  {"socket-helper", "sock.lua", "socket"},
      {"folder-helper", "nested.lua", "folder"},   {"dev-zero-link", "zero.lua", "leaves the rule set folder"},
      {"dev-null-rule", "intake.lua", "leaves the rule set folder"}, {"passwd-link", "passwd.lua", "leaves the rule set folder"},
      {"outside-link", "escape.lua", "leaves the rule set folder"},  {"dangling-link", "gone.lua", "leads nowhere"},
      {"oversize", "big.lua", "more than the cap of 1 MiB"},        {"sparse-huge", "huge.lua", "more than the cap"},
  };
  for (const Special& c : cases) {
    INFO(c.name);
    fs::path dir = scratch_ruleset("shangluo-2024", scratch_name(std::string("files-") + c.name));
    fs::path p = dir / c.file;
    fs::remove(p);
    std::string n = c.name;
    if (n.rfind("fifo", 0) == 0) REQUIRE(::mkfifo(p.c_str(), 0600) == 0);
    else if (n == "socket-helper") make_socket(p);
    else if (n == "folder-helper") fs::create_directories(p);
    else if (n == "dev-zero-link") fs::create_symlink("/dev/zero", p);
    else if (n == "dev-null-rule") fs::create_symlink("/dev/null", p);
    else if (n == "passwd-link") fs::create_symlink("/etc/passwd", p);
    else if (n == "outside-link") {
      fs::path out = outside_dir(c.name) / "evil.lua";
      std::ofstream(out) << "return {}\n";
      fs::create_symlink(out, p);
    } else if (n == "dangling-link") fs::create_symlink(dir / "no-such-file.lua", p);
    else if (n == "oversize") std::ofstream(p) << "return {}\n" << std::string((1 << 20) + 1, '-') << "\n";
    else if (n == "sparse-huge") {
      int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      REQUIRE(fd >= 0);
      REQUIRE(::ftruncate(fd, off_t(4) << 30) == 0);  // 4 GiB, no blocks
      ::close(fd);
    }
    std::string m = load_error(dir);
    INFO(m);
    CHECK(m.find(p.string()) != std::string::npos);
    CHECK(m.find(c.reason) != std::string::npos);
    fs::remove_all(dir);
  }
}

TEST_CASE("symbolic links that stay inside the rule-set folder are read", "[attack][loader][files]") {
  fs::path dir = scratch_ruleset("shangluo-2024", scratch_name("files-inner-link"));
  fs::create_directories(dir / "lib");
  std::ofstream(dir / "lib" / "helper.lua") << "return { answer = 42 }\n";
  fs::create_symlink(dir / "lib" / "helper.lua", dir / "helper.lua");
  CHECK(load_error(dir).empty());
}

TEST_CASE("org and calendar paths stay inside the rule set and the shipped data unless a folder is allowed", "[attack][loader][files]") {
  const fs::path org_csv = data_dir() / "orgs" / "shangluo.csv";
  const fs::path allowed = outside_dir("allowed");
  fs::copy_file(org_csv, allowed / "units.csv");
  struct Ref {
    const char* name;
    const char* field;
    std::string value;
    const char* reason;  // "" : loads
  };
  const Ref refs[] = {
      {"org-absolute", "org", "/etc/passwd", "absolute paths and '..' are refused"},
      {"org-dotdot", "org", "../../../../../../etc/passwd", "absolute paths and '..' are refused"},
      {"org-dotdot-shipped", "org", "../orgs/shangluo.csv", "absolute paths and '..' are refused"},
      {"org-absolute-allowed-elsewhere", "org", (allowed / "units.csv").string(), "absolute paths and '..' are refused"},
      {"calendar-absolute", "calendar", "/etc/hostname", "absolute paths and '..' are refused"},
      {"calendar-dotdot", "calendar", "../../calendars/2025.csv", "absolute paths and '..' are refused"},
      {"org-missing", "org", "orgs/nowhere.csv", "no such file"},
      {"org-in-set", "org", "units/own.csv", ""},
      {"org-shipped", "org", "orgs/shangluo.csv", ""},
      {"org-fifo", "org", "fifo.csv", "FIFO"},
      {"org-link-out", "org", "link.csv", "leaves the rule set folder"},
      {"calendar-fifo", "calendar", "cal.fifo", "FIFO"},
  };
  for (const Ref& r : refs) {
    INFO(r.name << ": " << r.value);
    fs::path dir = scratch_ruleset("shangluo-2024", scratch_name(std::string("data-") + r.name));
    fs::create_directories(dir / "units");
    fs::copy_file(org_csv, dir / "units" / "own.csv");
    REQUIRE(::mkfifo((dir / "fifo.csv").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((dir / "cal.fifo").c_str(), 0600) == 0);
    fs::create_symlink("/etc/passwd", dir / "link.csv");
    set_manifest_field(dir, r.field, r.value);
    std::string m = load_error(dir);
    INFO(m);
    if (*r.reason) {
      CHECK(m.find(r.reason) != std::string::npos);
      CHECK(m.find("root:") == std::string::npos);  // nothing of /etc/passwd
    } else {
      CHECK(m.empty());
    }
    fs::remove_all(dir);
  }
  // The allowed folder: the same absolute path loads once the command line allows it.
  fs::path dir = scratch_ruleset("shangluo-2024", scratch_name("data-allowed"));
  set_manifest_field(dir, "org", (allowed / "units.csv").string());
  LoadOptions opt = tight_limits();
  CHECK(load_error(dir, opt).find("absolute paths") != std::string::npos);
  opt.allowed_folders.push_back(allowed);
  CHECK(load_error(dir, opt).empty());
}

TEST_CASE("a data file that is not what it should be is named, never echoed line by line", "[attack][loader][files]") {
  struct Bad {
    const char* name;
    const char* field;
    std::string text;
  };
  std::string phones, lua_lines, binary;
  for (int i = 0; i < 300; ++i) phones += "caller 1391234" + std::to_string(1000 + i) + ", complaint about the heating " + std::to_string(i) + "\n";
  for (int i = 0; i < 200; ++i) lua_lines += "local secret_" + std::to_string(i) + " = 'do not print me'\n";
  for (int i = 0; i < 5000; ++i) binary += char(i * 37 % 256);
  const Bad bads[] = {{"org-phones", "org", phones}, {"org-lua", "org", lua_lines}, {"org-binary", "org", binary},
                      {"calendar-phones", "calendar", phones}, {"calendar-lua", "calendar", lua_lines}};
  for (const Bad& b : bads) {
    INFO(b.name);
    fs::path dir = scratch_ruleset("shangluo-2024", scratch_name(std::string("notdata-") + b.name));
    std::ofstream(dir / "data.csv", std::ios::binary) << b.text;
    set_manifest_field(dir, b.field, "data.csv");
    std::string m;
    std::size_t problems = 0;
    try {
      load_rule_set(dir, tight_limits());
    } catch (const InputError& e) {
      m = e.what();
      problems = e.problems().size();
    }
    INFO(m);
    REQUIRE_FALSE(m.empty());
    CHECK(m.find((dir / "data.csv").string()) != std::string::npos);
    CHECK(problems <= 4);
    CHECK(m.size() < 2000);
    CHECK(m.find("13912341") == std::string::npos);  // phone numbers masked, wherever they stand
    // At most one short excerpt of the file, never its lines one after the other.
    auto count = [&](const std::string& needle) {
      std::size_t n = 0;
      for (std::size_t at = m.find(needle); at != std::string::npos; at = m.find(needle, at + 1)) ++n;
      return n;
    };
    CHECK(count("do not print me") <= 1);
    CHECK(count("secret_") <= 1);
    CHECK(count("complaint about") <= 1);
    fs::remove_all(dir);
  }
}
