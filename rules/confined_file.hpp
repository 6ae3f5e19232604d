// Internal to rules/: reading the files of a rule-set folder and the data files it names
// without trusting them: only regular files, inside the folders allowed, within a size cap;
// FIFOs, devices, sockets and symbolic links that leave the folders are refused with the path
// and the reason before anything is opened for reading [docs/security.md "The rule sandbox"].
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hotline::rules {

constexpr std::uintmax_t kMaxRuleFileBytes = std::uintmax_t(1) << 20;  // per rule file (1 MiB)
constexpr std::uintmax_t kMaxDataFileBytes = std::uintmax_t(16) << 20; // per org or calendar file

// The text of `file`, which must be a regular file whose real path (symbolic links
// resolved) lies inside one of `roots`, of at most `cap` bytes. Throws InputError naming the
// file and the reason.
std::string read_confined(const std::filesystem::path& file, const std::vector<std::filesystem::path>& roots,
                          std::uintmax_t cap);

// Where a data file named in a rule set (`org`, `calendar`) is: relative to the rule-set
// folder, else to the shipped data folder. Absolute paths and '..' are refused unless the real
// path lies inside one of `allowed` (folders the command line allows). The result's real
// path lies inside the rule-set folder, the data folder or an allowed folder. `field` names
// the manifest field in errors; `manifest` is the file that names it.
std::filesystem::path resolve_data_path(const std::string& name, const std::filesystem::path& folder,
                                        const std::vector<std::filesystem::path>& allowed,
                                        const std::string& manifest, const std::string& field);

// The folders a rule set's data may come from: the rule-set folder, the shipped data folder
// and the allowed ones, as real paths.
std::vector<std::filesystem::path> data_roots(const std::filesystem::path& folder,
                                              const std::vector<std::filesystem::path>& allowed);

}  // namespace hotline::rules
