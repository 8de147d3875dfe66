/* The C API, exercised from plain C on real photos. Last line: "N passed, N failed". */
#include <facenapi/c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_test_support.h"

static void test_version_and_errors(void) {
  CHECK(facenapi_version() != NULL && strlen(facenapi_version()) > 0);
  CHECK(facenapi_error_message() != NULL);
  CHECK(facenapi_emotion_name(0) != NULL && strcmp(facenapi_emotion_name(0), "neutral") == 0);
  CHECK(facenapi_emotion_name(7) == NULL);
  CHECK(facenapi_facen_match_threshold() > 0.0f);
  CHECK(facenapi_facen_model_id() != NULL);
  facenapi_free(NULL);
  facenapi_extractor_destroy(NULL);
  facenapi_faces_destroy(NULL);
  facenapi_faces_destroy(NULL);
  CHECK(facenapi_faces_count(NULL) == 0);
}

static void test_create_errors(void) {
  facenapi_extractor_t* ex = (facenapi_extractor_t*)1;
  CHECK(facenapi_extractor_create(NULL, NULL) == FACENAPI_EINVAL);
  CHECK(strlen(facenapi_error_message()) > 0);
  CHECK(facenapi_extractor_create(&ex, "/tmp/\xff\xfe-not-utf8") == FACENAPI_EINVAL);
  CHECK(ex == NULL);
  CHECK(facenapi_extractor_create(&ex, "/nonexistent/facenapi-models") == FACENAPI_EMODEL);
  CHECK(ex == NULL);
  CHECK(strlen(facenapi_error_message()) > 0);
}

static void test_extract_errors(const facenapi_extractor_t* ex) {
  facenapi_faces_t* faces = NULL;
  static const unsigned char corrupt[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'};
  /* A PNG header claiming 60000 x 60000 pixels. */
  static const unsigned char huge[] = {0x89, 'P',  'N',  'G',  0x0D, 0x0A, 0x1A, 0x0A, 0x00,
                                       0x00, 0x00, 0x0D, 'I',  'H',  'D',  'R',  0x00, 0x00,
                                       0xEA, 0x60, 0x00, 0x00, 0xEA, 0x60, 0x08, 0x02, 0x00,
                                       0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  static const unsigned char text[] = "this is not an image at all";
  facenapi_extract_options_t opts = FACENAPI_EXTRACT_OPTIONS_INIT;

  CHECK(facenapi_extract(NULL, ex, corrupt, sizeof corrupt, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_extract(&faces, NULL, corrupt, sizeof corrupt, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_extract(&faces, ex, NULL, 10, NULL) == FACENAPI_EINVAL);
  CHECK(faces == NULL);
  CHECK(facenapi_extract(&faces, ex, corrupt, 0, NULL) == FACENAPI_EDECODE);
  CHECK(facenapi_extract(&faces, ex, corrupt, sizeof corrupt, NULL) == FACENAPI_EDECODE);
  CHECK(facenapi_extract(&faces, ex, text, sizeof text, NULL) == FACENAPI_EUNSUPPORTED ||
        facenapi_extract(&faces, ex, text, sizeof text, NULL) == FACENAPI_EDECODE);
  CHECK(facenapi_extract(&faces, ex, huge, sizeof huge, NULL) == FACENAPI_ETOOLARGE);
  CHECK(faces == NULL);
  opts.version = 0;
  CHECK(facenapi_extract(&faces, ex, huge, sizeof huge, &opts) == FACENAPI_EINVAL);
  opts.version = FACENAPI_EXTRACT_OPTIONS_VERSION;
  opts.detector = 42;
  CHECK(facenapi_extract(&faces, ex, huge, sizeof huge, &opts) == FACENAPI_EINVAL);
  CHECK(faces == NULL);
}

static void test_one_face(const facenapi_extractor_t* ex) {
  size_t size = 0, needed = 0, i;
  unsigned char* photo = read_file("faces/detection_single/human_person-celeste.jpg", &size);
  facenapi_faces_t* faces = NULL;
  facenapi_bbox_t bbox;
  facenapi_point_t points[FACENAPI_LANDMARK_COUNT];
  facenapi_pose_t pose;
  float f = -1, prob = 0, emotions[FACENAPI_EMOTION_COUNT], facen[128], sum = 0;
  int gender = -1;
  char small[4], b64[1024], b64_b[1024], hash[65], model[128];
  char* json = NULL;
  unsigned char* png = NULL;
  size_t png_size = 0;

  CHECK(photo != NULL);
  if (!photo) return;
  CHECK(facenapi_extract(&faces, ex, photo, size, NULL) == FACENAPI_OK);
  CHECK(facenapi_faces_count(faces) == 1);
  if (facenapi_faces_count(faces) != 1) goto done;

  CHECK(facenapi_face_bbox(&bbox, faces, 0) == FACENAPI_OK);
  CHECK(bbox.right > bbox.left && bbox.bottom > bbox.top);
  CHECK(facenapi_face_bbox(&bbox, faces, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_face_bbox(NULL, faces, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_face_bbox(&bbox, NULL, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_face_detection_score(&f, faces, 0) == FACENAPI_OK && f > 0 && f <= 1);
  CHECK(facenapi_face_landmarks(points, FACENAPI_LANDMARK_COUNT, faces, 0) == FACENAPI_OK);
  CHECK(points[30].x > bbox.left && points[30].x < bbox.right);
  CHECK(facenapi_face_landmarks(points, 10, faces, 0) == FACENAPI_EBUFSIZE);
  CHECK(facenapi_face_pose(&pose, faces, 0) == FACENAPI_OK && fabsf(pose.yaw) < 90);
  CHECK(facenapi_face_score(&f, faces, 0) == FACENAPI_OK && f > -5 && f < 1); /* ~0 when frontal */

  CHECK(facenapi_face_facen(NULL, 0, &needed, faces, 0) == FACENAPI_OK && needed == 128);
  CHECK(facenapi_face_facen(facen, 10, &needed, faces, 0) == FACENAPI_EBUFSIZE && needed == 128);
  CHECK(facenapi_face_facen(facen, 128, NULL, faces, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_face_facen(facen, 128, &needed, faces, 0) == FACENAPI_OK);
  for (i = 0; i < 128; ++i) sum += facen[i] * facen[i];
  CHECK(fabsf(sum - 1.0f) < 1e-3f);
  CHECK(facenapi_face_facen_model_id(model, sizeof model, &needed, faces, 0) == FACENAPI_OK);
  CHECK(strcmp(model, facenapi_facen_model_id()) == 0);
  CHECK(facenapi_face_facen_base64(small, sizeof small, &needed, faces, 0) == FACENAPI_EBUFSIZE);
  CHECK(needed == 685); /* 512 bytes -> 684 base64 chars + NUL */
  CHECK(facenapi_face_facen_base64(b64, sizeof b64, &needed, faces, 0) == FACENAPI_OK);
  CHECK(strlen(b64) + 1 == needed);
  CHECK(facenapi_face_photo_hash(hash, sizeof hash, &needed, faces, 0) == FACENAPI_OK);
  CHECK(strlen(hash) == 64);
  CHECK(facenapi_face_normalized_png(NULL, 0, &needed, faces, 0) == FACENAPI_OK && needed > 8);
  png = (unsigned char*)malloc(needed);
  CHECK(facenapi_face_normalized_png(png, needed, &needed, faces, 0) == FACENAPI_OK);
  CHECK(png[0] == 0x89 && png[1] == 'P');
  free(png);
  png = NULL;

  CHECK(facenapi_face_gender(&gender, &prob, faces, 0) == FACENAPI_OK);
  CHECK(gender == FACENAPI_GENDER_FEMALE && prob >= 0.5f && prob <= 1.0f);
  CHECK(facenapi_face_gender(NULL, NULL, faces, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_face_age(&f, faces, 0) == FACENAPI_OK && f > 5 && f < 90);
  CHECK(facenapi_face_emotions(emotions, FACENAPI_EMOTION_COUNT, faces, 0) == FACENAPI_OK);
  sum = 0;
  for (i = 0; i < FACENAPI_EMOTION_COUNT; ++i) sum += emotions[i];
  CHECK(fabsf(sum - 1.0f) < 1e-2f);
  CHECK(facenapi_face_emotions(emotions, 3, faces, 0) == FACENAPI_EBUFSIZE);

  CHECK(facenapi_face_to_json(&json, faces, 0, 0) == FACENAPI_OK);
  CHECK(json != NULL && json[0] == '{' && strstr(json, "\"facen\"") != NULL);
  facenapi_free(json);
  CHECK(facenapi_face_to_json(NULL, faces, 0, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_face_to_json(&json, faces, 5, 0) == FACENAPI_EINVAL && json == NULL);

  CHECK(facenapi_facen_distance(&f, b64, b64) == FACENAPI_OK && f < 1e-6f);
  CHECK(facenapi_facen_distance(&f, b64, "not base64!!") == FACENAPI_EINVAL);
  CHECK(facenapi_facen_distance(&f, b64, "AAAA") == FACENAPI_EINVAL);
  CHECK(facenapi_facen_distance(&f, NULL, b64) == FACENAPI_EINVAL);
  CHECK(facenapi_facen_distance(NULL, b64, b64) == FACENAPI_EINVAL);
  (void)b64_b;

  {
    const char* labels[1] = {"celeste"};
    CHECK(facenapi_annotate(&png, &png_size, photo, size, faces, labels, 1) == FACENAPI_OK);
    CHECK(png != NULL && png_size > 8 && png[0] == 0x89);
    facenapi_free(png);
    CHECK(facenapi_annotate(&png, &png_size, photo, size, NULL, NULL, 0) == FACENAPI_OK);
    facenapi_free(png);
    CHECK(facenapi_annotate(&png, &png_size, photo, size, faces, NULL, 1) == FACENAPI_EINVAL);
    CHECK(facenapi_annotate(NULL, &png_size, photo, size, faces, NULL, 0) == FACENAPI_EINVAL);
    CHECK(facenapi_annotate(&png, &png_size, "xx", 2, faces, NULL, 0) != FACENAPI_OK);
    CHECK(png == NULL && png_size == 0);
  }
done:
  facenapi_faces_destroy(faces);
  free(photo);
}

static void test_options_absent(const facenapi_extractor_t* ex) {
  size_t size = 0, needed = 0;
  unsigned char* photo = read_file("faces/detection_single/human_person-celeste.jpg", &size);
  facenapi_faces_t* faces = NULL;
  facenapi_extract_options_t opts = FACENAPI_EXTRACT_OPTIONS_INIT;
  float f, e[FACENAPI_EMOTION_COUNT];
  int g;
  char buf[8];
  if (!photo) return;
  opts.facen = 0;
  opts.gender_age = 0;
  opts.emotions = 0;
  opts.normalized = 0;
  CHECK(facenapi_extract(&faces, ex, photo, size, &opts) == FACENAPI_OK);
  CHECK(facenapi_faces_count(faces) == 1);
  CHECK(facenapi_face_facen(NULL, 0, &needed, faces, 0) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_face_facen_base64(buf, sizeof buf, &needed, faces, 0) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_face_gender(&g, NULL, faces, 0) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_face_age(&f, faces, 0) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_face_emotions(e, FACENAPI_EMOTION_COUNT, faces, 0) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_face_normalized_png(NULL, 0, &needed, faces, 0) == FACENAPI_ENOTFOUND);
  facenapi_faces_destroy(faces);
  free(photo);
}

static void test_group_and_reject(const facenapi_extractor_t* ex) {
  size_t size = 0;
  unsigned char* photo = read_file("faces/group/deepface_couple.jpg", &size);
  facenapi_faces_t* faces = NULL;
  facenapi_extract_options_t opts = FACENAPI_EXTRACT_OPTIONS_INIT;
  if (!photo) return;
  CHECK(facenapi_extract(&faces, ex, photo, size, NULL) == FACENAPI_OK);
  CHECK(facenapi_faces_count(faces) >= 2);
  facenapi_faces_destroy(faces);
  faces = NULL;
  opts.mf_selector = FACENAPI_MF_REJECT;
  CHECK(facenapi_extract(&faces, ex, photo, size, &opts) == FACENAPI_ETOOMANYFACES);
  CHECK(faces == NULL);
  opts.mf_selector = FACENAPI_MF_BIGGEST;
  CHECK(facenapi_extract(&faces, ex, photo, size, &opts) == FACENAPI_OK);
  CHECK(facenapi_faces_count(faces) == 1);
  facenapi_faces_destroy(faces);
  free(photo);
}

int main(void) {
  facenapi_extractor_t* ex = NULL;
  test_version_and_errors();
  test_create_errors();
  CHECK(facenapi_extractor_create(&ex, FACENAPI_TEST_MODEL_DIR) == FACENAPI_OK);
  if (ex) {
    test_extract_errors(ex);
    test_one_face(ex);
    test_options_absent(ex);
    test_group_and_reject(ex);
  }
  facenapi_extractor_destroy(ex);
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}
