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
 * Thread safety: a facenapi_extractor_t and a facenapi_context_t may be used from many threads at
 * once (extraction is const; the database is a connection pool). A facenapi_faces_t is owned by
 * one thread at a time and must not be shared without external locking.
 * facenapi_error_message() is thread-local. Using a handle after its destroy is undefined.
 *
 * Sections: errors and memory; the extractor and extraction results; the context (models and a
 * database) and the stores, facenapi_db_<collection>_<verb> (users, galleries, faces, persons,
 * cameras); recognition with the context (detect, verify, identify).
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

/* ---- Context: models + database ----------------------------------------------------------- */

/* A context holds the models and one database connection. Every store function below takes one.
 * Thread safety: a context may be used from any number of threads at once (the database is a
 * connection pool; the models are read-only once loaded). */
typedef struct facenapi_context_t facenapi_context_t;

/* Opens the database db_uri ("mongodb://..." or the path of an SQLite file, created if missing)
 * and remembers model_dir (NULL or "": the default search, as facenapi_extractor_create). The
 * models load on the first call that extracts, so a context used only for the stores never reads
 * them; a model error surfaces there as EMODEL. db_uri NULL: a context without a database,
 * whose store calls fail with EINVAL. Errors: EINVAL (out NULL, a string not UTF-8, malformed
 * URI), EIO (the database cannot be opened). */
FACENAPI_C_API int facenapi_context_create(facenapi_context_t** out, const char* model_dir,
                                           const char* db_uri);
FACENAPI_C_API void facenapi_context_destroy(facenapi_context_t* ctx);

/* facenapi_extract with the context's models (loaded on first use). */
FACENAPI_C_API int facenapi_context_extract(facenapi_faces_t** out, facenapi_context_t* ctx,
                                            const void* photo, size_t size,
                                            const facenapi_extract_options_t* opts);

/* ---- Store conventions ----------------------------------------------------------------------
 * Functions named facenapi_db_<collection>_<verb> work on the context's database, as the C++
 * classes of facenapi/store.hpp (Users, Galleries, Faces, Persons, Cameras). Ids are int64_t > 0.
 * Calls of the user-scoped collections take the acting user's id: an id <= 0, unknown or disabled
 * user fails with EUNAUTHENTICATED before any data is touched; another user's object is ENOTFOUND.
 * Objects are returned as JSON text in the reference's field names (freed with facenapi_free).
 * Common errors: EINVAL (ctx or an output NULL, a context without a database, a string that is NULL
 * where required or not UTF-8, a bad option struct version), EIO (the database failed). */

/* 64 lowercase hex digits and the NUL: the buffer an API token is written into. */
#define FACENAPI_TOKEN_SIZE 65

/* Creates an enabled user with a first API token (written to token; capacity must be at least
 * FACENAPI_TOKEN_SIZE, else EBUFSIZE and no user is created) and a password unless password is
 * NULL or "". Names: 1..128 bytes of UTF-8 without control characters, unique (EEXISTS).
 * Passwords: 8..1024 bytes (EINVAL). The token is shown only here: the store keeps its digest. */
FACENAPI_C_API int facenapi_db_users_create(int64_t* user_id, int64_t* token_id, char* token,
                                            size_t capacity, facenapi_context_t* ctx,
                                            const char* name, const char* password);
/* {"id", "name", "disabled", "has_password", "created"}; ENOTFOUND if there is none. */
FACENAPI_C_API int facenapi_db_users_get(char** json, facenapi_context_t* ctx, int64_t user_id);
FACENAPI_C_API int facenapi_db_users_get_by_name(char** json, facenapi_context_t* ctx,
                                                 const char* name);
/* The enabled user holding the token, or the name and password. Any failure is
 * EUNAUTHENTICATED, whatever its reason. */
FACENAPI_C_API int facenapi_db_users_authenticate_token(int64_t* user_id, facenapi_context_t* ctx,
                                                        const char* token);
FACENAPI_C_API int facenapi_db_users_authenticate_password(int64_t* user_id,
                                                           facenapi_context_t* ctx,
                                                           const char* name, const char* password);
/* A disabled user's tokens and password stop authenticating; its data is kept. ENOTFOUND. */
FACENAPI_C_API int facenapi_db_users_disable(facenapi_context_t* ctx, int64_t user_id);
FACENAPI_C_API int facenapi_db_users_enable(facenapi_context_t* ctx, int64_t user_id);
/* NULL or "" removes the password. */
FACENAPI_C_API int facenapi_db_users_set_password(facenapi_context_t* ctx, int64_t user_id,
                                                  const char* password);
/* Deletes the user, its tokens, galleries and faces. */
FACENAPI_C_API int facenapi_db_users_delete(facenapi_context_t* ctx, int64_t user_id);
/* Adds a token (capacity >= FACENAPI_TOKEN_SIZE, else EBUFSIZE and none is added). */
FACENAPI_C_API int facenapi_db_users_add_token(int64_t* token_id, char* token, size_t capacity,
                                               facenapi_context_t* ctx, int64_t user_id);
/* ENOTFOUND unless token_id belongs to user_id. */
FACENAPI_C_API int facenapi_db_users_revoke_token(facenapi_context_t* ctx, int64_t user_id,
                                                  int64_t token_id);
/* The user's token ids, oldest first, with the buffer-too-small pattern (*needed: the count). */
FACENAPI_C_API int facenapi_db_users_token_ids(int64_t* out, size_t capacity, size_t* needed,
                                               facenapi_context_t* ctx, int64_t user_id);

/* Galleries: named sets of a user's faces. Names: 1..256 bytes of UTF-8, unique per user. */
FACENAPI_C_API int facenapi_db_galleries_create(int64_t* gallery_id, facenapi_context_t* ctx,
                                                int64_t user_id, const char* name);
/* [{"id", "name", "created"}, ...] in id order. */
FACENAPI_C_API int facenapi_db_galleries_list(char** json, facenapi_context_t* ctx,
                                              int64_t user_id);
FACENAPI_C_API int facenapi_db_galleries_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                                             int64_t gallery_id);
/* Deletes the gallery and removes it from the user's faces (the faces stay). */
FACENAPI_C_API int facenapi_db_galleries_delete(facenapi_context_t* ctx, int64_t user_id,
                                                int64_t gallery_id);

/* Faces. The JSON of a face is Faces::Model::to_json: {"id", "bbox", "facen", "facen_model",
 * "gender", "age", "emotions", "normalized" (only when asked), "score", "timestamp", "photo",
 * "photo_hash", "thumbnail", "meta", "galleries", "person", "camera"}. */

/* The fields a new face gets besides those of the extraction. NULL strings and 0 ids: none. */
#define FACENAPI_FACE_FIELDS_VERSION 2u
typedef struct facenapi_face_fields_t {
  unsigned version;         /* FACENAPI_FACE_FIELDS_VERSION (1 is still accepted) */
  const char* meta;         /* any UTF-8 text */
  const int64_t* galleries; /* gallery_count ids of the user's galleries */
  size_t gallery_count;
  const char* photo; /* URL of the original photo */
  const char* thumbnail;
  int64_t person;
  int64_t camera;
  /* Version 2. assign_person nonzero: a face without person takes the person of its best match
   * among the user's faces (confidence "medium" or more), else a new person; this loads the
   * models. keep_photo nonzero: the photo the face was found in is kept in the media store and
   * becomes the face's "photo" (a "media:" URL), its chip its "thumbnail": create_from_photo
   * keeps the bytes it was given, facenapi_db_faces_create the photo_size bytes at photo_data
   * (required then, else EINVAL). */
  int assign_person;
  int keep_photo;
  const void* photo_data;
  size_t photo_size;
} facenapi_face_fields_t;
#define FACENAPI_FACE_FIELDS_INIT \
  { FACENAPI_FACE_FIELDS_VERSION, NULL, NULL, 0, NULL, NULL, 0, 0, 0, 0, NULL, 0 }

/* Faces created through these functions are indexed for facenapi_identify and facenapi_verify
 * when the call returns (the context's recognizer indexes them; before its first use the index is
 * read from the store when it is built). */
/* Stores face `index` of an extraction as a new face of the user. *face_id receives its id; json,
 * when not NULL, the stored face. fields NULL: none. Errors: EINVAL (index out of range, a gallery
 * id <= 0, galleries NULL with gallery_count > 0), ENOTFOUND (a gallery the user lacks). */
FACENAPI_C_API int facenapi_db_faces_create(int64_t* face_id, char** json, facenapi_context_t* ctx,
                                            int64_t user_id, const facenapi_faces_t* faces,
                                            size_t index, const facenapi_face_fields_t* fields);
/* Extracts the photo with the context's models and stores every face found, each with fields;
 * *json: the array of stored faces ("[]" when the photo holds none). Errors: those of
 * facenapi_extract and facenapi_db_faces_create; on an error no face is kept. */
FACENAPI_C_API int facenapi_db_faces_create_from_photo(char** json, facenapi_context_t* ctx,
                                                       int64_t user_id, const void* photo,
                                                       size_t size,
                                                       const facenapi_extract_options_t* opts,
                                                       const facenapi_face_fields_t* fields);
FACENAPI_C_API int facenapi_db_faces_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                                         int64_t face_id, int include_normalized);

/* What facenapi_db_faces_list and _count select; every set field narrows the selection. */
#define FACENAPI_FACE_QUERY_VERSION 1u
typedef struct facenapi_face_query_t {
  unsigned version; /* FACENAPI_FACE_QUERY_VERSION */
  int64_t gallery;  /* 0: any */
  const char* meta; /* NULL: any; else meta equal to this */
  int64_t person;   /* 0: any */
  int64_t camera;   /* 0: any */
  int64_t min_id;   /* 0: none; else id > min_id (the cursor when ascending) */
  int64_t max_id;   /* 0: none; else id < max_id (the cursor when descending) */
  const char* from; /* NULL or ISO 8601 UTC: timestamp >= from */
  const char* to;   /* NULL or ISO 8601 UTC: timestamp < to */
  size_t limit;     /* page size, 1..1000 (list only) */
  int descending;   /* nonzero: by id descending (list only) */
  int include_normalized;
} facenapi_face_query_t;
#define FACENAPI_FACE_QUERY_INIT \
  { FACENAPI_FACE_QUERY_VERSION, 0, NULL, 0, 0, 0, 0, NULL, NULL, 100, 0, 0 }

/* A page: {"faces": [...], "next": cursor or null}. Pass "next" as min_id (ascending) or max_id
 * (descending) for the following page; null on the last page. query NULL: the defaults. */
FACENAPI_C_API int facenapi_db_faces_list(char** json, facenapi_context_t* ctx, int64_t user_id,
                                          const facenapi_face_query_t* query);
FACENAPI_C_API int facenapi_db_faces_count(int64_t* count, facenapi_context_t* ctx, int64_t user_id,
                                           const facenapi_face_query_t* query);

/* The changes facenapi_db_faces_update applies; unset fields stay as they are. */
#define FACENAPI_FACE_CHANGES_VERSION 1u
typedef struct facenapi_face_changes_t {
  unsigned version;  /* FACENAPI_FACE_CHANGES_VERSION */
  const char* meta;  /* NULL: keep */
  int set_galleries; /* nonzero: replace the galleries with the gallery_count ids below */
  const int64_t* galleries;
  size_t gallery_count;
} facenapi_face_changes_t;
#define FACENAPI_FACE_CHANGES_INIT \
  { FACENAPI_FACE_CHANGES_VERSION, NULL, 0, NULL, 0 }

/* json, when not NULL, receives the face as stored. A face taken out of a gallery is no longer
 * identified under it at once; one put into a gallery is identified under it after the
 * recognizer's next full re-read of the user's faces (at most 60 s). */
FACENAPI_C_API int facenapi_db_faces_update(char** json, facenapi_context_t* ctx, int64_t user_id,
                                            int64_t face_id,
                                            const facenapi_face_changes_t* changes);
FACENAPI_C_API int facenapi_db_faces_delete(facenapi_context_t* ctx, int64_t user_id,
                                            int64_t face_id);

/* ---- Persons --------------------------------------------------------------------------------
 * The identities a user's faces are assigned to (a face's "person"). The JSON of a person:
 * {"id", "name", "meta", "created"}. Names: 0..256 bytes of UTF-8 without control characters,
 * not unique. */

/* name and meta: NULL or "" for none. json, when not NULL, receives the person. */
FACENAPI_C_API int facenapi_db_persons_create(int64_t* person_id, char** json,
                                              facenapi_context_t* ctx, int64_t user_id,
                                              const char* name, const char* meta);
FACENAPI_C_API int facenapi_db_persons_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                                           int64_t person_id);
/* [person, ...] in id order. */
FACENAPI_C_API int facenapi_db_persons_list(char** json, facenapi_context_t* ctx, int64_t user_id);
/* name, meta: NULL keeps the field ("" clears it). json, when not NULL, receives the person. */
FACENAPI_C_API int facenapi_db_persons_update(char** json, facenapi_context_t* ctx, int64_t user_id,
                                              int64_t person_id, const char* name,
                                              const char* meta);
/* Deletes the person and clears "person" on its faces (the faces stay). */
FACENAPI_C_API int facenapi_db_persons_delete(facenapi_context_t* ctx, int64_t user_id,
                                              int64_t person_id);
/* A page of the person's faces in id order after face id `after` (0: from the first), at most
 * limit (1..1000): {"faces": [...], "next": cursor or null, "count": the person's face count}.
 * ENOTFOUND for a person the user does not have. */
FACENAPI_C_API int facenapi_db_persons_faces(char** json, facenapi_context_t* ctx, int64_t user_id,
                                             int64_t person_id, size_t limit, int64_t after);
/* Moves every face of person `from` to `into`, deletes `from`; json, when not NULL, receives
 * `into`. Errors: EINVAL (into == from), ENOTFOUND (either is not the user's). */
FACENAPI_C_API int facenapi_db_persons_merge(char** json, facenapi_context_t* ctx, int64_t user_id,
                                             int64_t into, int64_t from);

/* ---- Cameras --------------------------------------------------------------------------------
 * A user's named video sources (a face's "camera"). The JSON of a camera: {"id", "name",
 * "stream_url", "active", "meta", "created"}. Names: 1..256 bytes, unique per user (EEXISTS);
 * stream URLs: 0..4096 bytes (never contacted); both without control characters. */

/* The fields of a camera to create or change. NULL strings and active < 0: create gives "" and
 * active 1; update keeps the field. */
#define FACENAPI_CAMERA_FIELDS_VERSION 1u
typedef struct facenapi_camera_fields_t {
  unsigned version; /* FACENAPI_CAMERA_FIELDS_VERSION */
  const char* name; /* required by create */
  const char* stream_url;
  int active; /* < 0: default / keep; 0: inactive; > 0: active */
  const char* meta;
} facenapi_camera_fields_t;
#define FACENAPI_CAMERA_FIELDS_INIT \
  { FACENAPI_CAMERA_FIELDS_VERSION, NULL, NULL, -1, NULL }

/* json, when not NULL, receives the camera. Errors: EINVAL (fields NULL, name NULL or bad, URL
 * bad), EEXISTS. */
FACENAPI_C_API int facenapi_db_cameras_create(int64_t* camera_id, char** json,
                                              facenapi_context_t* ctx, int64_t user_id,
                                              const facenapi_camera_fields_t* fields);
FACENAPI_C_API int facenapi_db_cameras_get(char** json, facenapi_context_t* ctx, int64_t user_id,
                                           int64_t camera_id);
/* [camera, ...] in id order. */
FACENAPI_C_API int facenapi_db_cameras_list(char** json, facenapi_context_t* ctx, int64_t user_id);
/* Applies the set fields; json, when not NULL, receives the camera. EEXISTS for a taken name. */
FACENAPI_C_API int facenapi_db_cameras_update(char** json, facenapi_context_t* ctx, int64_t user_id,
                                              int64_t camera_id,
                                              const facenapi_camera_fields_t* fields);
/* Deletes the camera and clears "camera" on its faces (the faces stay). */
FACENAPI_C_API int facenapi_db_cameras_delete(facenapi_context_t* ctx, int64_t user_id,
                                              int64_t camera_id);

/* ---- Recognition: detect, verify, identify ---------------------------------------------------
 * As facenapi::Recognizer (facenapi/recognition.hpp, docs/recognition.md), with the context's
 * models (loaded on first use) and database. The context's recognizer is made on the first call
 * that needs it and keeps one facen index per user in memory: faces added through this context
 * are found at once, faces added elsewhere (another context or process) about a second later.
 *
 * Confidence: a distance between two facens becomes the probability that the faces are the same
 * person, in [0, 1]. A threshold is a minimum confidence: "strict" (FAR 1e-4 on LFW), "medium"
 * (FAR 1e-3, the default when threshold is NULL), "low" (best LFW accuracy), "none", or a number
 * in [0, 1] such as "0.8"; anything else is EINVAL. */

#define FACENAPI_PROBE_PHOTO 0 /* every face of a photo */
#define FACENAPI_PROBE_FACE 1  /* one of the user's stored faces */
#define FACENAPI_PROBE_FACEN 2 /* a base64 facen of the current model (facenapi_facen_model_id) */

/* What verify and identify compare. Only the fields of `kind` are read. */
#define FACENAPI_PROBE_VERSION 1u
typedef struct facenapi_probe_t {
  unsigned version;  /* FACENAPI_PROBE_VERSION */
  int kind;          /* FACENAPI_PROBE_* */
  const void* photo; /* PHOTO: the encoded bytes (JPEG/PNG/WebP) */
  size_t photo_size;
  int64_t face_id;   /* FACE: ENOTFOUND unless the user has it */
  const char* facen; /* FACEN: EINVAL for another model's or length's facen */
} facenapi_probe_t;
#define FACENAPI_PROBE_INIT \
  { FACENAPI_PROBE_VERSION, FACENAPI_PROBE_PHOTO, NULL, 0, 0, NULL }

/* The faces of a photo: [{"bbox", "detection_score", "landmarks", "pose", "score", ...}] as
 * facenapi_face_to_json, without facen and chip; with `attributes` nonzero also gender, age and
 * emotions. Needs no database and no user. Errors: those of facenapi_extract. */
FACENAPI_C_API int facenapi_detect(char** json, facenapi_context_t* ctx, const void* photo,
                                   size_t size, int attributes);

/* Compares probes a and b (a photo stands for each of its faces): {"verified": any pair
 * reaches the threshold, "results": [{"a": bbox or null, "b": bbox or null, "distance",
 * "confidence", "verified"}, ...] most confident first} ("results" is empty when a photo holds
 * no face). Errors: EINVAL (a probe NULL, of a bad version or kind, a bad threshold or facen),
 * ENOTFOUND (a face id the user lacks), EUNAUTHENTICATED, and those of facenapi_extract. */
FACENAPI_C_API int facenapi_verify(char** json, facenapi_context_t* ctx, int64_t user_id,
                                   const facenapi_probe_t* a, const facenapi_probe_t* b,
                                   const char* threshold);

/* Up to n (1..1000) of the user's faces in the galleries (gallery_count ids; 0: all the user's
 * faces) whose confidence reaches the threshold, for each face of the probe (one entry per face
 * of a photo, in extraction order; one for a face id or facen): [{"bbox": bbox or null,
 * "matches": [face object + "confidence" + "distance", ...] best first}, ...]. Errors: as
 * facenapi_verify, and EINVAL (n out of range, galleries NULL with gallery_count > 0, a gallery
 * id <= 0), ENOTFOUND (a gallery the user lacks). */
FACENAPI_C_API int facenapi_identify(char** json, facenapi_context_t* ctx, int64_t user_id,
                                     const facenapi_probe_t* probe, const int64_t* galleries,
                                     size_t gallery_count, const char* threshold, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* FACENAPI_C_H */
