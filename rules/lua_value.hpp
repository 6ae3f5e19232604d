// Rule data read out of Lua: a plain C++ tree (nil, boolean, number, string, table,
// function reference) so that validation and compilation run outside the Lua state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct lua_State;

namespace hotline::rules {

struct Value {
  enum class Kind { Nil, Boolean, Number, String, Table, Function };
  Kind kind = Kind::Nil;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Value> array;                            // keys 1..n
  std::vector<std::pair<std::string, Value>> fields;   // string keys, sorted
  int function_id = -1;  // index into the reader's function list

  // Declared, not implicit: clang (with libstdc++) otherwise instantiates the pair of
  // `fields` while Value is still incomplete, to ask whether Value is default-constructible.
  Value();

  bool is_nil() const { return kind == Kind::Nil; }
  bool is_table() const { return kind == Kind::Table; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Number; }
  bool is_function() const { return kind == Kind::Function; }
  // A field, or a Nil value when absent (or when this is not a table).
  const Value& operator[](std::string_view key) const;
  std::string_view kind_name() const;
};

// Reads the value at `idx` (raw access, no metamethods). Functions are appended to
// `functions` as registry references (luaL_ref) and stand in the tree as their index.
// Raises a Lua error for keys that are neither strings nor 1..n, or nesting deeper than 32.
Value read_value(lua_State* L, int idx, std::vector<int>* functions);

// The line of `id = "<id>"` (or `name = "<id>"`) in a source text; 0 if not found.
int line_of_key(std::string_view source, std::string_view key, std::string_view value);

}  // namespace hotline::rules
