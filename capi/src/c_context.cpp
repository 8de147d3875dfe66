// The context handle (models + database) and the checks the store functions share.
#include "c_internal.hpp"

using namespace facenapi::capi;

namespace facenapi::capi {

void require(bool condition, const char* message) {
  if (!condition) throw Error(Errc::invalid_argument, message);
}

std::string require_utf8(const char* s, const char* what) {
  if (!s) throw Error(Errc::invalid_argument, std::string(what) + " is NULL");
  if (!is_valid_utf8(s)) throw Error(Errc::invalid_argument, std::string(what) + " is not UTF-8");
  return s;
}

std::string optional_utf8(const char* s, const char* what) {
  return s ? require_utf8(s, what) : std::string();
}

facenapi_context_t::Stores& stores(facenapi_context_t* ctx) {
  require(ctx != nullptr, "ctx is NULL");
  require(ctx->stores.has_value(), "the context has no database (created with db_uri NULL)");
  return *ctx->stores;
}

const Extractor& extractor(facenapi_context_t* ctx) {
  require(ctx != nullptr, "ctx is NULL");
  std::call_once(ctx->extractor_once,
                 [ctx] { ctx->extractor = std::make_unique<Extractor>(ctx->paths); });
  return *ctx->extractor;
}

Recognizer& recognizer(facenapi_context_t* ctx) {
  auto& s = stores(ctx);
  const Extractor& e = extractor(ctx);
  std::call_once(ctx->recognizer_once, [&] {
    ctx->recognizer = std::make_unique<Recognizer>(e, s.db);
    ctx->recognizer_ready.store(ctx->recognizer.get(), std::memory_order_release);
  });
  return *ctx->recognizer;
}

Recognizer* existing_recognizer(facenapi_context_t* ctx) noexcept {
  return ctx ? ctx->recognizer_ready.load(std::memory_order_acquire) : nullptr;
}

std::vector<std::int64_t> id_vector(const int64_t* ids, std::size_t count, const char* what) {
  if (!ids && count > 0) {
    throw Error(Errc::invalid_argument, std::string(what) + " is NULL but its count is > 0");
  }
  return std::vector<std::int64_t>(ids, ids + count);
}

std::string page_json(const Faces::Page& page, bool include_normalized) {
  std::string out = "{\"faces\":[";
  for (std::size_t i = 0; i < page.faces.size(); ++i) {
    if (i) out += ',';
    out += page.faces[i].to_json(include_normalized);
  }
  out += "],\"next\":" + (page.next ? std::to_string(*page.next) : std::string("null")) + "}";
  return out;
}

void set_text(char** out, const std::string& text) {
  *out = static_cast<char*>(malloc_copy(text.data(), text.size(), true));
}

}  // namespace facenapi::capi

extern "C" {

int facenapi_context_create(facenapi_context_t** out, const char* model_dir, const char* db_uri) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    *out = nullptr;
    auto ctx = std::make_unique<facenapi_context_t>();
    ctx->paths.model_dir = optional_utf8(model_dir, "model_dir");
    if (db_uri) {
      const facenapi::Database db(require_utf8(db_uri, "db_uri"));
      ctx->stores.emplace(facenapi_context_t::Stores{db});
    }
    *out = ctx.release();
    return FACENAPI_OK;
  });
}

void facenapi_context_destroy(facenapi_context_t* ctx) { delete ctx; }

int facenapi_context_extract(facenapi_faces_t** out, facenapi_context_t* ctx, const void* photo,
                             size_t size, const facenapi_extract_options_t* opts) {
  return guard([&] {
    if (!out) return invalid("out is NULL");
    *out = nullptr;
    if (!ctx) return invalid("ctx is NULL");
    return extract_into(out, extractor(ctx), photo, size, opts);
  });
}

}  // extern "C"
