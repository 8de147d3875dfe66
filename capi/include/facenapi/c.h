/* facenapi/c.h -- the C ABI of facenapi (pure C99).
 *
 * Conventions (leveldb/rocksdb c.h, libgit2):
 *  - Handles are opaque; each has a _create/_destroy pair and destroy(NULL) is a no-op.
 *  - Every function returns int: 0 on success or a negative FACENAPI_E* code. The C code is
 *    minus the C++ facenapi::Errc value, one to one.
 *  - Output parameters come first. On failure, outputs are left NULL / zero.
 *  - facenapi_error_message() describes the last failure on the calling thread; never NULL.
 *  - Option structs start with `unsigned version`; initialise them with their _INIT macro. Fields
 *    are only ever appended.
 *  - Memory handed out as char* / unsigned char* is freed with facenapi_free().
 *  - No exception ever crosses this boundary.
 *  - Strings are UTF-8; invalid UTF-8 is rejected with FACENAPI_EINVAL.
 *
 * Thread safety: a facenapi_extractor_t may be used from many threads at once (extraction is
 * const). A facenapi_faces_t is owned by one thread at a time and must not be shared without
 * external locking. facenapi_error_message() is thread-local.
 */
#ifndef FACENAPI_C_H
#define FACENAPI_C_H

#include <stddef.h>
#include <stdint.h>

#if defined(FACENAPI_BUILDING)
#define FACENAPI_C_API __attribute__((visibility("default")))
#else
#define FACENAPI_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes: FACENAPI_E* == -(int)facenapi::Errc. */
#define FACENAPI_OK 0
#define FACENAPI_EINVAL (-1)           /* a parameter is NULL, out of range or malformed */
#define FACENAPI_EDECODE (-2)          /* the bytes are not a decodable image */
#define FACENAPI_EUNSUPPORTED (-3)     /* an image format facenapi does not read */
#define FACENAPI_ETOOLARGE (-4)        /* the input exceeds a limit (bytes, pixels, side) */
#define FACENAPI_EMODEL (-5)           /* a model file is missing, unreadable or mismatched */
#define FACENAPI_ETOOMANYFACES (-6)    /* FACENAPI_MF_REJECT and more than one face */
#define FACENAPI_EIO (-7)              /* a file could not be read or written */
#define FACENAPI_ENOTFOUND (-8)        /* the requested object does not exist */
#define FACENAPI_EUNAUTHENTICATED (-9) /* no valid user (bad token/password, unknown user) */
#define FACENAPI_EEXISTS (-10)         /* a unique name is taken */
#define FACENAPI_EINTERNAL (-11)       /* a bug or resource exhaustion (incl. out of memory) */
#define FACENAPI_EBUFSIZE (-12)        /* a caller's buffer is too small; *needed says the size */

/* A short fixed description of a code ("not found"), the C++ error_category() message of the same
 * code; "unknown facenapi error" for a code that is not one of the above. Static storage. */
FACENAPI_C_API const char* facenapi_error_code_message(int code);

/* The message of the last failure on this thread ("" after none). Never NULL; valid until the
 * next facenapi call on this thread. */
FACENAPI_C_API const char* facenapi_error_message(void);

/* The library version, e.g. "0.1.0". Static storage; never NULL. */
FACENAPI_C_API const char* facenapi_version(void);

/* Frees memory returned by facenapi (strings, PNG bytes). NULL is a no-op. */
FACENAPI_C_API void facenapi_free(void* p);

/* ---- Extractor ---------------------------------------------------------------------------- */

typedef struct facenapi_extractor_t facenapi_extractor_t;

/* Loads the models. model_dir: NULL or "" = the default search (FACENAPI_MODEL_DIR, the install
 * dir, the source tree). Errors: EINVAL (out NULL, model_dir not UTF-8), EMODEL. */
FACENAPI_C_API int facenapi_extractor_create(facenapi_extractor_t** out, const char* model_dir);
FACENAPI_C_API void facenapi_extractor_destroy(facenapi_extractor_t* extractor);

#define FACENAPI_DETECTOR_TINY 0
#define FACENAPI_DETECTOR_SSD 1
#define FACENAPI_DETECTOR_HOG 2
#define FACENAPI_LANDMARKER_FACEAPI68 0
#define FACENAPI_LANDMARKER_FACEAPI68_TINY 1
#define FACENAPI_LANDMARKER_DLIB68 2
#define FACENAPI_MF_ALL 0
#define FACENAPI_MF_BIGGEST 1
#define FACENAPI_MF_REJECT 2

#define FACENAPI_EXTRACT_OPTIONS_VERSION 1u
typedef struct facenapi_extract_options_t {
  unsigned version;     /* FACENAPI_EXTRACT_OPTIONS_VERSION */
  int detector;         /* FACENAPI_DETECTOR_* */
  float min_confidence; /* < 0: the detector's default */
  int hog_fallback;     /* nonzero: HOG when the tiny detector finds nothing */
  float min_face_size;  /* pixels */
  int rotated_search;   /* nonzero: also search 90/180/270 degree rotations */
  int upright_check;
  int landmarker; /* FACENAPI_LANDMARKER_* */
  int facen;      /* nonzero: compute the facen */
  int gender_age;
  int emotions;
  int normalized;     /* nonzero: encode the normalized PNG chip */
  int mf_selector;    /* FACENAPI_MF_* */
  uint64_t max_bytes; /* image limits */
  uint64_t max_pixels;
  uint32_t max_side;
} facenapi_extract_options_t;

#define FACENAPI_EXTRACT_OPTIONS_INIT                                                              \
  {                                                                                                \
    FACENAPI_EXTRACT_OPTIONS_VERSION, FACENAPI_DETECTOR_TINY, -1.0f, 1, 20.0f, 0, 1,               \
        FACENAPI_LANDMARKER_FACEAPI68, 1, 1, 1, 1, FACENAPI_MF_ALL, (uint64_t)64 << 20, 40000000u, \
        32768u                                                                                     \
  }

/* ---- Extraction results ------------------------------------------------------------------- */

typedef struct facenapi_faces_t facenapi_faces_t;

/* Extracts faces from encoded photo bytes (JPEG/PNG/WebP). opts NULL = defaults.
 * Errors: EINVAL (out/extractor/photo NULL, bad options), EDECODE, EUNSUPPORTED, ETOOLARGE,
 * ETOOMANYFACES, EINTERNAL. A photo without faces succeeds with count 0. */
FACENAPI_C_API int facenapi_extract(facenapi_faces_t** out, const facenapi_extractor_t* extractor,
                                    const void* photo, size_t size,
                                    const facenapi_extract_options_t* opts);
FACENAPI_C_API void facenapi_faces_destroy(facenapi_faces_t* faces);

/* Number of faces (0 when faces is NULL). */
FACENAPI_C_API size_t facenapi_faces_count(const facenapi_faces_t* faces);

typedef struct facenapi_bbox_t {
  float left, top, right, bottom;
} facenapi_bbox_t;
typedef struct facenapi_point_t {
  float x, y;
} facenapi_point_t;
typedef struct facenapi_pose_t {
  float yaw, pitch, roll;
} facenapi_pose_t;

#define FACENAPI_LANDMARK_COUNT 68
#define FACENAPI_EMOTION_COUNT 7
#define FACENAPI_GENDER_MALE 0
#define FACENAPI_GENDER_FEMALE 1

/* Per-face accessors. All return EINVAL for a NULL out, NULL faces or index >= count. An attribute
 * that was not computed returns ENOTFOUND (facen, gender, age, emotions, normalized). */
FACENAPI_C_API int facenapi_face_bbox(facenapi_bbox_t* out, const facenapi_faces_t* faces,
                                      size_t index);
FACENAPI_C_API int facenapi_face_detection_score(float* out, const facenapi_faces_t* faces,
                                                 size_t index);
/* Copies the 68 landmarks into out[0..67] (capacity 68 points). */
FACENAPI_C_API int facenapi_face_landmarks(facenapi_point_t* out, size_t capacity,
                                           const facenapi_faces_t* faces, size_t index);
FACENAPI_C_API int facenapi_face_pose(facenapi_pose_t* out, const facenapi_faces_t* faces,
                                      size_t index);
FACENAPI_C_API int facenapi_face_score(float* out, const facenapi_faces_t* faces, size_t index);

/* Buffer-too-small pattern: *needed receives the required element count (bytes for strings,
 * including the terminating NUL). When out is NULL or capacity < *needed, nothing is copied and
 * FACENAPI_EBUFSIZE is returned (except out == NULL && capacity == 0: a pure size query, returns
 * 0). needed may not be NULL. */
FACENAPI_C_API int facenapi_face_facen(float* out, size_t capacity, size_t* needed,
                                       const facenapi_faces_t* faces, size_t index);
FACENAPI_C_API int facenapi_face_facen_model_id(char* out, size_t capacity, size_t* needed,
                                                const facenapi_faces_t* faces, size_t index);
FACENAPI_C_API int facenapi_face_facen_base64(char* out, size_t capacity, size_t* needed,
                                              const facenapi_faces_t* faces, size_t index);
FACENAPI_C_API int facenapi_face_photo_hash(char* out, size_t capacity, size_t* needed,
                                            const facenapi_faces_t* faces, size_t index);
FACENAPI_C_API int facenapi_face_normalized_png(unsigned char* out, size_t capacity, size_t* needed,
                                                const facenapi_faces_t* faces, size_t index);

/* *gender: FACENAPI_GENDER_*; *probability in [0.5, 1]. Either pointer may be NULL (not both). */
FACENAPI_C_API int facenapi_face_gender(int* gender, float* probability,
                                        const facenapi_faces_t* faces, size_t index);
FACENAPI_C_API int facenapi_face_age(float* out, const facenapi_faces_t* faces, size_t index);
/* out[7]: neutral, happy, sad, angry, fearful, disgusted, surprised. */
FACENAPI_C_API int facenapi_face_emotions(float* out, size_t capacity,
                                          const facenapi_faces_t* faces, size_t index);
/* Name of emotion i (0..6), or NULL when out of range. Static storage. */
FACENAPI_C_API const char* facenapi_emotion_name(size_t i);

/* JSON of one face (as facenapi::to_json); *out freed with facenapi_free. */
FACENAPI_C_API int facenapi_face_to_json(char** out, const facenapi_faces_t* faces, size_t index,
                                         int include_normalized);

/* Euclidean distance between two base64 facens of the current model (128 floats). Smaller is
 * more similar; facenapi_facen_match_threshold() is the same-person cut. Errors: EINVAL. */
FACENAPI_C_API int facenapi_facen_distance(float* out, const char* facen_a, const char* facen_b);
FACENAPI_C_API float facenapi_facen_match_threshold(void);
FACENAPI_C_API const char* facenapi_facen_model_id(void);

/* Draws the faces' boxes and landmarks on the photo; *out (PNG bytes, *out_size long) is freed with
 * facenapi_free. faces may be NULL (no drawing). labels: NULL or label_count UTF-8 strings. */
FACENAPI_C_API int facenapi_annotate(unsigned char** out, size_t* out_size, const void* photo,
                                     size_t size, const facenapi_faces_t* faces,
                                     const char* const* labels, size_t label_count);

#ifdef __cplusplus
}
#endif
#endif /* FACENAPI_C_H */
