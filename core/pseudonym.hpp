// Pseudonymisation of callers: a phone number becomes a keyed hash (SipHash-2-4, 64 bits), so
// the same caller gets the same key across imports without the number ever being stored
// [SL24 §24, §28-29; GB25 (九): caller identity is personal data].
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hotline {

class Pseudonymizer {
 public:
  static constexpr std::size_t kMinKeyLength = 16;  // characters of the secret key text
  static constexpr std::size_t kKeyChars = 16;      // hex characters of one caller key

  static constexpr std::size_t kMinDistinct = 8;     // different characters in the key text

  // Why `secret` is refused as a key, or "" when it is acceptable: shorter than
  // kMinKeyLength bytes, a control character, whitespace at either end, fewer than
  // kMinDistinct different characters, or mostly a repetition or sequence (more than half
  // of its characters continue the step of the two before, as in "1234" or "aceg").
  static std::string key_problem(std::string_view secret);

  // `secret` is the key text; throws std::invalid_argument with key_problem()'s reason if
  // it is refused. The text is hashed (BLAKE2b) into the hash key.
  explicit Pseudonymizer(std::string_view secret);
  ~Pseudonymizer();
  Pseudonymizer(const Pseudonymizer&) = delete;
  Pseudonymizer& operator=(const Pseudonymizer&) = delete;

  // Writes the kKeyChars lower-case hex characters of the caller key of `phone` to `out`
  // and returns their count; returns 0 (writes nothing) for a number that is empty after
  // normalisation (hidden number). The number is normalised first: only digits are kept
  // and a leading 0086 or 86 country code before an 11-digit number is dropped, so
  // "+86 138-0000-0000" and "13800000000" get the same key. No allocation.
  std::size_t phone_key(std::string_view phone, char* out) const;
  std::string phone_key(std::string_view phone) const;

  // The key text from the HOTLINE_PSEUDONYM_KEY environment variable, if set and non-empty.
  static std::optional<std::string> key_from_env();

 private:
  std::size_t hash(std::string_view data, char* out) const;
  struct State;
  std::unique_ptr<State> state_;  // the hash key (opaque here, wiped on destruction)
};

}  // namespace hotline
