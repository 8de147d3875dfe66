#include "store/filter.hpp"

#include <cmath>
#include <facenapi/error.hpp>

namespace facenapi::detail {
namespace {

constexpr std::size_t kMaxSegments = 4;
constexpr std::size_t kMaxSegmentChars = 64;

bool is_segment(std::string_view s) {
  if (s.empty() || s.size() > kMaxSegmentChars) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s.front())) return false;
  for (char c : s) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

void check_value(const Scalar& v, bool bool_allowed) {
  if (v.is_bool() && !bool_allowed) {
    throw Error(Errc::invalid_argument, "this filter condition takes strings or numbers only");
  }
  // SQLite's JSON functions end a string at an escaped NUL, so no engine could match it alike.
  if (const auto* s = std::get_if<std::string>(&v.value()); s && s->find('\0') != s->npos) {
    throw Error(Errc::invalid_argument, "a filter string may not hold a NUL byte");
  }
  if (const auto* d = std::get_if<double>(&v.value()); d && !std::isfinite(*d)) {
    throw Error(Errc::invalid_argument, "a filter value is NaN or infinite");
  }
}

void check_list_size(std::size_t n) {
  if (n > Filter::kMaxListSize) {
    throw Error(Errc::invalid_argument, "a filter list holds more than " +
                                            std::to_string(Filter::kMaxListSize) + " values");
  }
}

}  // namespace

Scope Scope::owner(std::int64_t user_id) {
  if (user_id <= 0) {
    throw Error(Errc::unauthenticated, "no valid user id (" + std::to_string(user_id) + ")");
  }
  return Scope(user_id);
}

void validate_field_path(std::string_view path) {
  std::size_t segments = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string_view segment = path.substr(start, dot == path.npos ? path.npos : dot - start);
    if (!is_segment(segment) || ++segments > kMaxSegments) {
      throw Error(Errc::invalid_argument, "not a valid field path for a filter");
    }
    if (dot == path.npos) return;
    start = dot + 1;
  }
}

Filter& Filter::eq(std::string_view field, Scalar value) {
  validate_field_path(field);
  check_value(value, /*bool_allowed=*/true);
  conditions_.push_back({Op::eq, std::string(field), {std::move(value)}, {}});
  return *this;
}

Filter& Filter::in(std::string_view field, std::vector<Scalar> values) {
  validate_field_path(field);
  check_list_size(values.size());
  for (const auto& v : values) check_value(v, /*bool_allowed=*/false);
  conditions_.push_back({Op::in, std::string(field), std::move(values), {}});
  return *this;
}

Filter& Filter::contains(std::string_view field, Scalar value) {
  validate_field_path(field);
  check_value(value, /*bool_allowed=*/false);
  conditions_.push_back({Op::contains, std::string(field), {std::move(value)}, {}});
  return *this;
}

Filter& Filter::range(std::string_view field, std::optional<Scalar> from,
                      std::optional<Scalar> to) {
  validate_field_path(field);
  if (!from && !to) throw Error(Errc::invalid_argument, "a range needs at least one bound");
  if (from) check_value(*from, /*bool_allowed=*/false);
  if (to) check_value(*to, /*bool_allowed=*/false);
  if (from && to && from->is_string() != to->is_string()) {
    throw Error(Errc::invalid_argument, "a range's bounds must both be strings or both numbers");
  }
  if (from) conditions_.push_back({Op::gte, std::string(field), {std::move(*from)}, {}});
  if (to) conditions_.push_back({Op::lt, std::string(field), {std::move(*to)}, {}});
  return *this;
}

Filter& Filter::id_in(std::vector<std::int64_t> ids) {
  check_list_size(ids.size());
  conditions_.push_back({Op::id_in, {}, {}, std::move(ids)});
  return *this;
}

Filter& Filter::id_above(std::int64_t id) {
  conditions_.push_back({Op::id_gt, {}, {}, {id}});
  return *this;
}

Filter& Filter::id_below(std::int64_t id) {
  conditions_.push_back({Op::id_lt, {}, {}, {id}});
  return *this;
}

}  // namespace facenapi::detail
