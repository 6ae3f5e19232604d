// Synthetic call traffic as a calls CSV (docs/import.md format), for import tests, the
// import benchmark and sample files. Every value is generated: none is real data.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/time.hpp"

namespace hotline {

// Writes `rows` synthetic calls starting at `start` (arrivals 0-5 s apart, phone numbers
// drawn from a pool of 100,000 made-up 11-digit numbers starting with 1, outcome mix of a
// busy hotline), deterministic for a seed. Columns: id,arrival,channel,skill,caller,ivr_s,
// wait_s,talk_s,wrap_s,outcome,agent. Throws std::runtime_error if the file cannot be written.
void write_synthetic_calls_csv(const std::filesystem::path& file, std::int64_t rows,
                               std::uint64_t seed = 1,
                               Time start = make_time(Date{2025, 1, 1}));

}  // namespace hotline
