#include "image/jpeg_decode.hpp"

#include <jpeglib.h>

#include <csetjmp>
#include <cstdio>  // jpeglib.h uses FILE without including it
#include <string>
#include <vector>
// After jpeglib.h: jerror.h needs its types; it gives the JWRN_* codes.
#include <jerror.h>

#include <facenapi/error.hpp>

#include "image/image_limits.hpp"

// libjpeg reports errors by calling error_exit, which must not return. We longjmp back into the
// function that called libjpeg. A longjmp skips destructors, so every function below that
// calls setjmp keeps only trivially destructible locals, and every C++ object (the output image,
// row buffers) is created by the caller between the phases, outside any setjmp frame. The
// libjpeg state lives in JpegDecoder, whose destructor releases it on every path.

namespace facenapi::detail {
namespace {

// libjpeg-turbo's own tools cap scans at 500 by default; a progressive JPEG can otherwise make
// the decoder do quadratic work with a few kilobytes of input.
constexpr int kMaxProgressiveScans = 1000;

struct JpegErrorManager {
  jpeg_error_mgr pub;  // first, so that the j_common_ptr's err can be cast back
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

struct JpegDecoder {
  jpeg_decompress_struct cinfo{};
  JpegErrorManager err{};
  jpeg_progress_mgr progress{};

  JpegDecoder() = default;
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;
  // Safe on a zeroed or half-created struct: jpeg_destroy does nothing without a memory manager.
  ~JpegDecoder() { jpeg_destroy_decompress(&cinfo); }
};

JpegErrorManager* error_manager(j_common_ptr cinfo) {
  return reinterpret_cast<JpegErrorManager*>(cinfo->err);
}

[[noreturn]] void jump_with_libjpeg_message(j_common_ptr cinfo) {
  JpegErrorManager* err = error_manager(cinfo);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

void on_error_exit(j_common_ptr cinfo) { jump_with_libjpeg_message(cinfo); }

// Warnings that mean pixels were lost or invented (grey fill after truncation, garbage after a
// bad entropy code). Returning such an image would hand the detector a damaged photo that looks
// like a good one, so they end the decode. Other warnings (extraneous bytes between segments,
// unusual JFIF versions, a bad ICC marker) leave the pixels intact and are ignored.
bool is_data_loss_warning(int code) {
  return code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE ||
         code == JWRN_ARITH_BAD_CODE || code == JWRN_MUST_RESYNC;
}

void on_emit_message(j_common_ptr cinfo, int msg_level) {
  if (msg_level >= 0) return;  // trace output
  if (is_data_loss_warning(cinfo->err->msg_code)) jump_with_libjpeg_message(cinfo);
  cinfo->err->num_warnings++;
}

void on_output_message(j_common_ptr) {}  // library code never prints

void on_progress(j_common_ptr cinfo) {
  auto* dinfo = reinterpret_cast<j_decompress_ptr>(cinfo);
  if (dinfo->input_scan_number > kMaxProgressiveScans) {
    JpegErrorManager* err = error_manager(cinfo);
    std::snprintf(err->message, sizeof(err->message), "more than %d progressive scans",
                  kMaxProgressiveScans);
    std::longjmp(err->jump, 1);
  }
}

// Phase 1: set up libjpeg and read the header. Returns false with err.message set on failure.
bool read_header(JpegDecoder* d, const std::uint8_t* data, std::size_t size) {
  d->cinfo.err = jpeg_std_error(&d->err.pub);
  d->err.pub.error_exit = on_error_exit;
  d->err.pub.emit_message = on_emit_message;
  d->err.pub.output_message = on_output_message;
  if (setjmp(d->err.jump)) return false;
  jpeg_create_decompress(&d->cinfo);
  d->progress.progress_monitor = on_progress;
  d->cinfo.progress = &d->progress;
  jpeg_mem_src(&d->cinfo, data, static_cast<unsigned long>(size));
  jpeg_read_header(&d->cinfo, TRUE);
  return true;
}

// Phase 2: start decompression (for a progressive JPEG this reads every scan).
bool start(JpegDecoder* d) {
  if (setjmp(d->err.jump)) return false;
  jpeg_start_decompress(&d->cinfo);
  return true;
}

void cmyk_row_to_rgb(const std::uint8_t* cmyk, int width, bool inverted, std::uint8_t* rgb) {
  for (int x = 0; x < width; ++x, cmyk += 4, rgb += 3) {
    // Normalise to "255 = no ink" (Adobe's inverted form), then R = (1-C)(1-K) and so on.
    const unsigned k = inverted ? cmyk[3] : 255u - cmyk[3];
    for (int c = 0; c < 3; ++c) {
      const unsigned v = inverted ? cmyk[c] : 255u - cmyk[c];
      rgb[c] = static_cast<std::uint8_t>((v * k + 127) / 255);
    }
  }
}

// Phase 3: read every scanline into `out` (RGB rows of `stride` bytes). A CMYK image goes through
// cmyk_row, one row of width * 4 bytes. Returns false with err.message set on failure.
bool read_pixels(JpegDecoder* d, std::uint8_t* out, std::size_t stride, std::uint8_t* cmyk_row,
                 bool inverted) {
  if (setjmp(d->err.jump)) return false;
  j_decompress_ptr cinfo = &d->cinfo;
  while (cinfo->output_scanline < cinfo->output_height) {
    std::uint8_t* rgb = out + cinfo->output_scanline * stride;
    JSAMPROW row = cmyk_row != nullptr ? cmyk_row : rgb;
    if (jpeg_read_scanlines(cinfo, &row, 1) != 1) {
      std::snprintf(d->err.message, sizeof(d->err.message), "no scanline returned");
      return false;
    }
    if (cmyk_row != nullptr) {
      cmyk_row_to_rgb(cmyk_row, static_cast<int>(cinfo->output_width), inverted, rgb);
    }
  }
  return true;
}

[[noreturn]] void fail(const JpegDecoder& d) {
  throw Error(Errc::decode_failed, std::string("JPEG decode failed: ") + d.err.message);
}

}  // namespace

RgbImage decode_jpeg(const std::uint8_t* data, std::size_t size, const ImageLimits& limits) {
  JpegDecoder d;
  if (!read_header(&d, data, size)) fail(d);
  check_dimension_limits(d.cinfo.image_width, d.cinfo.image_height, limits);

  const bool cmyk = d.cinfo.jpeg_color_space == JCS_CMYK || d.cinfo.jpeg_color_space == JCS_YCCK;
  d.cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
  if (!start(&d)) fail(d);
  const int expected_components = cmyk ? 4 : 3;
  if (d.cinfo.output_components != expected_components) {
    throw Error(Errc::decode_failed, "JPEG decode failed: unexpected number of colour components");
  }

  RgbImage image(static_cast<int>(d.cinfo.output_width), static_cast<int>(d.cinfo.output_height));
  std::vector<std::uint8_t> cmyk_row(cmyk ? static_cast<std::size_t>(image.width) * 4 : 0);
  // Photoshop, the main writer of CMYK JPEGs, stores inverted values and marks them with its
  // APP14 segment; plain CMYK without it is the rare other case.
  const bool inverted = d.cinfo.saw_Adobe_marker != 0;
  if (!read_pixels(&d, image.pixels.data(), static_cast<std::size_t>(image.width) * 3,
                   cmyk ? cmyk_row.data() : nullptr, inverted)) {
    fail(d);
  }
  return image;
}

}  // namespace facenapi::detail
