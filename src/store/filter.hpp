// Scope, Scalar and Filter: the structured queries every collection engine understands.
//
// A query is never a string. Field names come from facenapi's own code and are checked against
// a strict grammar; values (a user's meta string, a photo hash) are only ever bound as values,
// never spliced into SQL or read as MongoDB operators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace facenapi::detail {

// Whose documents an operation sees. Every Collection call takes a Scope, and an operation
// only ever reads, counts, changes or removes documents stored under the same owner: a
// document of another owner does not exist for it. There is no "every owner" scope.
class Scope {
 public:
  // The documents of user `user_id` (> 0; Error(unauthenticated) otherwise).
  static Scope owner(std::int64_t user_id);
  // The documents that belong to no user (e.g. the users collection itself): owner 0.
  static Scope unowned() noexcept { return Scope(0); }

  std::int64_t owner_id() const noexcept { return owner_; }

 private:
  explicit Scope(std::int64_t owner) noexcept : owner_(owner) {}
  std::int64_t owner_;
};

// A value in a filter: bool, int64, double or UTF-8 string. The constructors are explicit per
// type so that a string literal never turns into a bool.
class Scalar {
 public:
  using Variant = std::variant<bool, std::int64_t, double, std::string>;
  Scalar(bool v) : v_(v) {}                           // NOLINT(runtime/explicit)
  Scalar(int v) : v_(std::int64_t{v}) {}              // NOLINT(runtime/explicit)
  Scalar(long v) : v_(std::int64_t{v}) {}             // NOLINT(runtime/explicit)
  Scalar(long long v) : v_(std::int64_t{v}) {}        // NOLINT(runtime/explicit)
  Scalar(double v) : v_(v) {}                         // NOLINT(runtime/explicit)
  Scalar(std::string v) : v_(std::move(v)) {}         // NOLINT(runtime/explicit)
  Scalar(std::string_view v) : v_(std::string(v)) {}  // NOLINT(runtime/explicit)
  Scalar(const char* v) : v_(std::string(v)) {}       // NOLINT(runtime/explicit)

  const Variant& value() const noexcept { return v_; }
  bool is_bool() const noexcept { return std::holds_alternative<bool>(v_); }
  bool is_string() const noexcept { return std::holds_alternative<std::string>(v_); }
  bool is_number() const noexcept { return !is_bool() && !is_string(); }

 private:
  Variant v_;
};

// A conjunction of conditions on a document: a document matches when every condition holds.
// An empty Filter matches every document in the scope.
//
// Field paths name a field of the stored document: one to four segments joined by '.', each
// [A-Za-z_][A-Za-z0-9_]* and at most 64 characters ("photo_hash", "bbox.left"); anything else
// throws Error(invalid_argument).
//
// eq, in and range compare scalar fields (for an array field use contains; what they do on an
// array or object field is unspecified). Numbers compare with numbers (int64 and double by
// value), strings with strings by their UTF-8 bytes; a value of another type never matches.
// Filter values are finite; a filter string may not hold a NUL byte (documents may: they are
// stored and returned with it, but no condition can select by it).
class Filter {
 public:
  enum class Op {
    eq,        // field == values[0]
    in,        // field == one of values (strings and numbers; no bools)
    contains,  // field is an array holding an element == values[0] (string or number)
    gte,       // field >= values[0] (string or number)
    lt,        // field < values[0] (string or number)
    id_in,     // id is one of ids
    id_gt,     // id > ids[0]
    id_lt,     // id < ids[0]
  };
  struct Condition {
    Op op;
    std::string field;              // empty for the id conditions
    std::vector<Scalar> values;     // for the field conditions
    std::vector<std::int64_t> ids;  // for the id conditions
  };

  // At most this many values in one in() or ids in one id_in().
  static constexpr std::size_t kMaxListSize = 10000;

  Filter& eq(std::string_view field, Scalar value);
  Filter& in(std::string_view field, std::vector<Scalar> values);
  Filter& contains(std::string_view field, Scalar value);
  // from <= field < to; either bound may be absent (not both); bounds are both strings (e.g.
  // ISO 8601 UTC times, which order as text) or both numbers.
  Filter& range(std::string_view field, std::optional<Scalar> from, std::optional<Scalar> to);
  Filter& id_in(std::vector<std::int64_t> ids);
  Filter& id_above(std::int64_t id);  // id > `id`: the next page after `id` in ascending order
  Filter& id_below(std::int64_t id);  // id < `id`: the next page after `id` in descending order

  const std::vector<Condition>& conditions() const noexcept { return conditions_; }

 private:
  std::vector<Condition> conditions_;
};

// Throws Error(invalid_argument) unless `path` follows the field path grammar above.
void validate_field_path(std::string_view path);

}  // namespace facenapi::detail
