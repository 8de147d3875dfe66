/* The C API's recognition (detect, verify, identify), persons and cameras, and face creation
 * with person assignment and kept photos, from plain C on an SQLite file and real photos of
 * Barack Obama and Joe Biden. Last line: "N passed, N failed".
 * Usage: test_capi_recognition DB_PATH (removed first). */
#include <facenapi/c.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_test_support.h"

#define OBAMA1 "faces/recognition/face_recognition/Barack_Obama/obama1.jpg"
#define OBAMA2 "faces/recognition/face_recognition/Barack_Obama/obama2.jpg"
#define BIDEN "faces/recognition/face_recognition/Joe_Biden/biden.jpg"
#define GROUP "faces/group/fr_obama_and_biden.jpg"

static const char kBadUtf8[] = "bad\xff\xfe";

typedef struct photo_t {
  unsigned char* data;
  size_t size;
} photo_t;

static photo_t load(const char* rel) {
  photo_t p;
  p.size = 0;
  p.data = read_file(rel, &p.size);
  if (!p.data) fprintf(stderr, "cannot read %s\n", rel);
  return p;
}

/* The integer after the first "key": in json at or after `from`, or 0 (null or absent). */
static int64_t json_int(const char* json, const char* key) {
  char pattern[64];
  const char* p;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  p = json ? strstr(json, pattern) : NULL;
  return p ? (int64_t)atoll(p + strlen(pattern)) : 0;
}

static int count_of(const char* json, const char* needle) {
  int n = 0;
  const char* p = json;
  while (p && (p = strstr(p, needle)) != NULL) ++n, p += strlen(needle);
  return n;
}

static facenapi_probe_t photo_probe(const photo_t* photo) {
  facenapi_probe_t p = FACENAPI_PROBE_INIT;
  p.kind = FACENAPI_PROBE_PHOTO;
  p.photo = photo->data;
  p.photo_size = photo->size;
  return p;
}

static facenapi_probe_t face_probe(int64_t face_id) {
  facenapi_probe_t p = FACENAPI_PROBE_INIT;
  p.kind = FACENAPI_PROBE_FACE;
  p.face_id = face_id;
  return p;
}

static void test_detect(facenapi_context_t* ctx, const photo_t* group) {
  char* json = NULL;
  facenapi_context_t* no_db = NULL;
  CHECK(facenapi_detect(&json, ctx, group->data, group->size, 0) == FACENAPI_OK);
  CHECK(count_of(json, "\"bbox\"") == 2 && count_of(json, "\"landmarks\"") == 2);
  CHECK(strstr(json, "\"facen\"") == NULL && strstr(json, "\"gender\"") == NULL);
  facenapi_free(json);
  CHECK(facenapi_detect(&json, ctx, group->data, group->size, 1) == FACENAPI_OK);
  CHECK(count_of(json, "\"gender\"") == 2 && count_of(json, "\"age\"") == 2);
  facenapi_free(json);
  /* detect needs no database. */
  CHECK(facenapi_context_create(&no_db, FACENAPI_TEST_MODEL_DIR, NULL) == FACENAPI_OK);
  CHECK(facenapi_detect(&json, no_db, group->data, group->size, 0) == FACENAPI_OK);
  CHECK(count_of(json, "\"bbox\"") == 2);
  facenapi_free(json);
  facenapi_context_destroy(no_db);
  json = (char*)1;
  CHECK(facenapi_detect(&json, NULL, group->data, group->size, 0) == FACENAPI_EINVAL);
  CHECK(json == NULL);
  CHECK(facenapi_detect(NULL, ctx, group->data, group->size, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_detect(&json, ctx, NULL, 10, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_detect(&json, ctx, group->data, 0, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_detect(&json, ctx, "not a photo", 11, 0) == FACENAPI_EDECODE);
  CHECK(json == NULL);
}

/* Enrolls obama1 and biden into gallery `people` with assign_person and keep_photo; obama2
 * with assign_person joins obama1's person. */
static void test_enroll(facenapi_context_t* ctx, int64_t alice, int64_t people, int64_t* obama,
                        int64_t* biden, int64_t* obama2) {
  photo_t o1 = load(OBAMA1), o2 = load(OBAMA2), b = load(BIDEN);
  facenapi_face_fields_t fields = FACENAPI_FACE_FIELDS_INIT;
  facenapi_faces_t* extracted = NULL;
  char* json = NULL;
  int64_t person_obama, person_biden;
  fields.galleries = &people;
  fields.gallery_count = 1;
  fields.assign_person = 1;
  fields.keep_photo = 1;
  fields.meta = "Barack_Obama";
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, o1.data, o1.size, NULL, &fields) ==
        FACENAPI_OK);
  CHECK(count_of(json, "{\"id\":") == 1);
  CHECK(strstr(json, "\"photo\":\"media:photos/") != NULL);
  CHECK(strstr(json, "\"thumbnail\":\"media:thumbnails/") != NULL);
  *obama = json_int(json, "id");
  person_obama = json_int(json, "person");
  CHECK(*obama > 0 && person_obama > 0);
  facenapi_free(json);

  fields.meta = "Joe_Biden";
  fields.keep_photo = 0;
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, b.data, b.size, NULL, &fields) ==
        FACENAPI_OK);
  *biden = json_int(json, "id");
  person_biden = json_int(json, "person");
  CHECK(*biden > 0 && person_biden > 0 && person_biden != person_obama);
  CHECK(strstr(json, "\"photo\"") == NULL);
  facenapi_free(json);

  /* From an extraction: obama2, not in the gallery, takes obama1's person. */
  CHECK(facenapi_context_extract(&extracted, ctx, o2.data, o2.size, NULL) == FACENAPI_OK);
  CHECK(facenapi_faces_count(extracted) == 1);
  fields.galleries = NULL;
  fields.gallery_count = 0;
  fields.meta = "obama2";
  fields.keep_photo = 1; /* without photo_data: EINVAL, nothing stored */
  CHECK(facenapi_db_faces_create(obama2, &json, ctx, alice, extracted, 0, &fields) ==
        FACENAPI_EINVAL);
  CHECK(*obama2 == 0 && json == NULL);
  fields.photo_data = o2.data;
  fields.photo_size = o2.size;
  CHECK(facenapi_db_faces_create(obama2, &json, ctx, alice, extracted, 0, &fields) == FACENAPI_OK);
  CHECK(*obama2 > 0 && json_int(json, "person") == person_obama);
  CHECK(strstr(json, "\"photo\":\"media:photos/") != NULL);
  facenapi_free(json);
  fields.photo_data = NULL; /* photo_size > 0 without data */
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, o2.data, o2.size, NULL, &fields) ==
        FACENAPI_EINVAL);
  /* A version 1 struct ignores the version 2 fields. */
  {
    int64_t id = 0;
    facenapi_face_fields_t v1 = FACENAPI_FACE_FIELDS_INIT;
    v1.version = 1;
    v1.assign_person = 1;
    v1.keep_photo = 1;
    CHECK(facenapi_db_faces_create(&id, &json, ctx, alice, extracted, 0, &v1) == FACENAPI_OK);
    CHECK(id > 0 && json_int(json, "person") == 0 && strstr(json, "\"photo\"") == NULL);
    facenapi_free(json);
    CHECK(facenapi_db_faces_delete(ctx, alice, id) == FACENAPI_OK);
  }
  facenapi_faces_destroy(extracted);
  free(o1.data);
  free(o2.data);
  free(b.data);
}

static void test_identify(facenapi_context_t* ctx, int64_t alice, int64_t bob, int64_t people,
                          int64_t obama, int64_t biden, int64_t bob_face) {
  photo_t group = load(GROUP), o2 = load(OBAMA2);
  facenapi_probe_t probe = photo_probe(&group);
  facenapi_faces_t* extracted = NULL;
  char* json = NULL;
  char facen[1024];
  size_t needed = 0;
  int64_t unknown = 999999, negative = -1;

  /* The group photo: one entry per face, each naming its person. */
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, NULL, 1) == FACENAPI_OK);
  CHECK(count_of(json, "\"matches\"") == 2 && count_of(json, "\"confidence\"") == 2);
  CHECK(strstr(json, "\"meta\":\"Barack_Obama\"") && strstr(json, "\"meta\":\"Joe_Biden\""));
  CHECK(strstr(json, "\"bbox\":null") == NULL);
  facenapi_free(json);
  /* A face id: its own face first (distance 0), then up to n - 1 more. */
  probe = face_probe(biden);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, "none", 3) == FACENAPI_OK);
  CHECK(count_of(json, "\"matches\"") == 1 && strstr(json, "\"bbox\":null") != NULL);
  CHECK(json_int(strstr(json, "\"matches\""), "id") == biden);
  CHECK(count_of(json, "\"confidence\"") == 3);
  facenapi_free(json);
  /* A facen: obama2's, searched under "strict" in the gallery finds obama1. */
  CHECK(facenapi_context_extract(&extracted, ctx, o2.data, o2.size, NULL) == FACENAPI_OK);
  CHECK(facenapi_face_facen_base64(facen, sizeof facen, &needed, extracted, 0) == FACENAPI_OK);
  probe.kind = FACENAPI_PROBE_FACEN;
  probe.facen = facen;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, "strict", 5) == FACENAPI_OK);
  CHECK(json_int(strstr(json, "\"matches\""), "id") == obama);
  CHECK(strstr(json, "Joe_Biden") == NULL);
  facenapi_free(json);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, "1", 5) == FACENAPI_OK);
  CHECK(strstr(json, "\"matches\":[]") != NULL); /* nobody reaches confidence 1 */
  facenapi_free(json);
  /* Bob sees none of alice's faces. */
  CHECK(facenapi_identify(&json, ctx, bob, &probe, NULL, 0, "none", 10) == FACENAPI_OK);
  CHECK(strstr(json, "Barack_Obama") == NULL && strstr(json, "Joe_Biden") == NULL);
  facenapi_free(json);

  /* Errors; json stays NULL. */
  json = (char*)1;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, "lenient", 1) == FACENAPI_EINVAL);
  CHECK(json == NULL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, "1.5", 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, kBadUtf8, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, NULL, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, NULL, 1001) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 1, NULL, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &negative, 1, NULL, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &unknown, 1, NULL, 1) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_identify(&json, ctx, alice, NULL, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(NULL, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, NULL, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_identify(&json, ctx, 0, &probe, NULL, 0, NULL, 1) == FACENAPI_EUNAUTHENTICATED);
  probe.facen = "AAAAAAAAAAA="; /* 8 bytes: 2 floats, not 128 */
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe.facen = NULL;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe = face_probe(bob_face); /* another user's face */
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_ENOTFOUND);
  probe = face_probe(0);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe = face_probe(obama);
  probe.version = 0;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe = face_probe(obama);
  probe.kind = 7;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe = photo_probe(&group);
  probe.photo_size = 0;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe.photo = NULL;
  probe.photo_size = 10;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EINVAL);
  probe.photo = "not a photo";
  probe.photo_size = 11;
  CHECK(facenapi_identify(&json, ctx, alice, &probe, NULL, 0, NULL, 1) == FACENAPI_EDECODE);
  CHECK(json == NULL);
  facenapi_faces_destroy(extracted);
  free(group.data);
  free(o2.data);
}

static void test_verify(facenapi_context_t* ctx, int64_t alice, int64_t obama, int64_t biden,
                        int64_t obama2, int64_t bob_face) {
  photo_t o1 = load(OBAMA1), o2 = load(OBAMA2), b = load(BIDEN), group = load(GROUP);
  facenapi_probe_t pa = photo_probe(&o1), pb = photo_probe(&o2);
  char* json = NULL;
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, NULL) == FACENAPI_OK);
  CHECK(strncmp(json, "{\"verified\":true,", 17) == 0 && count_of(json, "\"confidence\"") == 1);
  facenapi_free(json);
  pb = photo_probe(&b);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, "strict") == FACENAPI_OK);
  CHECK(strncmp(json, "{\"verified\":false,", 18) == 0);
  facenapi_free(json);
  /* A photo of two faces against a face id: two results, the Obama pair verified. */
  pa = photo_probe(&group);
  pb = face_probe(obama);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, "medium") == FACENAPI_OK);
  CHECK(strncmp(json, "{\"verified\":true,", 17) == 0 && count_of(json, "\"confidence\"") == 2);
  CHECK(count_of(json, "\"verified\":true") == 2); /* the top one and the pair */
  CHECK(strstr(json, "\"b\":null") != NULL && strstr(json, "\"a\":null") == NULL);
  facenapi_free(json);
  pa = face_probe(obama2);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, "0.5") == FACENAPI_OK);
  CHECK(strncmp(json, "{\"verified\":true,", 17) == 0);
  facenapi_free(json);
  pa = face_probe(biden);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, NULL) == FACENAPI_OK);
  CHECK(strncmp(json, "{\"verified\":false,", 18) == 0);
  facenapi_free(json);
  /* Errors. */
  json = (char*)1;
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, "lenient") == FACENAPI_EINVAL);
  CHECK(json == NULL);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, "1.5") == FACENAPI_EINVAL);
  CHECK(facenapi_verify(&json, ctx, alice, NULL, &pb, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, NULL, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_verify(NULL, ctx, alice, &pa, &pb, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_verify(&json, NULL, alice, &pa, &pb, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_verify(&json, ctx, -3, &pa, &pb, NULL) == FACENAPI_EUNAUTHENTICATED);
  pb = face_probe(bob_face);
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, NULL) == FACENAPI_ENOTFOUND);
  pb.kind = FACENAPI_PROBE_FACEN;
  pb.facen = "AAAAAAAAAAA=";
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, NULL) == FACENAPI_EINVAL);
  pb.facen = "not base64!";
  CHECK(facenapi_verify(&json, ctx, alice, &pa, &pb, NULL) == FACENAPI_EINVAL);
  CHECK(json == NULL);
  free(o1.data);
  free(o2.data);
  free(b.data);
  free(group.data);
}

static void test_persons(facenapi_context_t* ctx, int64_t alice, int64_t bob, int64_t obama,
                         int64_t obama2) {
  char* json = NULL;
  int64_t person = 0, other = 0, bobs = 0, obama_person;
  CHECK(facenapi_db_faces_get(&json, ctx, alice, obama, 0) == FACENAPI_OK);
  obama_person = json_int(json, "person");
  facenapi_free(json);
  CHECK(facenapi_db_persons_create(&person, &json, ctx, alice, "Barack Obama", "44th") ==
        FACENAPI_OK);
  CHECK(person > 0 && json_int(json, "id") == person && strstr(json, "\"name\":\"Barack Obama\""));
  facenapi_free(json);
  CHECK(facenapi_db_persons_create(&other, NULL, ctx, alice, NULL, NULL) == FACENAPI_OK);
  CHECK(facenapi_db_persons_create(&bobs, NULL, ctx, bob, "bob's", NULL) == FACENAPI_OK);
  CHECK(facenapi_db_persons_get(&json, ctx, alice, other) == FACENAPI_OK);
  CHECK(strstr(json, "\"name\":\"\"") != NULL);
  facenapi_free(json);
  CHECK(facenapi_db_persons_list(&json, ctx, alice) == FACENAPI_OK);
  CHECK(count_of(json, "\"created\"") == 4 && strstr(json, "bob's") == NULL); /* 2 assigned */
  facenapi_free(json);
  CHECK(facenapi_db_persons_update(&json, ctx, alice, other, "Obama too", NULL) == FACENAPI_OK);
  CHECK(strstr(json, "\"name\":\"Obama too\"") && strstr(json, "\"meta\":\"\""));
  facenapi_free(json);
  CHECK(facenapi_db_persons_update(NULL, ctx, alice, other, NULL, "kept name") == FACENAPI_OK);
  CHECK(facenapi_db_persons_get(&json, ctx, alice, other) == FACENAPI_OK);
  CHECK(strstr(json, "\"name\":\"Obama too\"") && strstr(json, "\"meta\":\"kept name\""));
  facenapi_free(json);
  /* The assigned person has obama1 and obama2; merged into `person` they follow. */
  CHECK(facenapi_db_persons_faces(&json, ctx, alice, obama_person, 1, 0) == FACENAPI_OK);
  CHECK(json_int(json, "id") == obama && json_int(json, "next") == obama);
  CHECK(json_int(json, "count") == 2);
  facenapi_free(json);
  CHECK(facenapi_db_persons_faces(&json, ctx, alice, obama_person, 10, obama) == FACENAPI_OK);
  CHECK(json_int(json, "id") == obama2 && strstr(json, "\"next\":null") != NULL);
  facenapi_free(json);
  CHECK(facenapi_db_persons_merge(&json, ctx, alice, person, obama_person) == FACENAPI_OK);
  CHECK(json_int(json, "id") == person);
  facenapi_free(json);
  CHECK(facenapi_db_persons_get(&json, ctx, alice, obama_person) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_persons_faces(&json, ctx, alice, person, 10, 0) == FACENAPI_OK);
  CHECK(json_int(json, "count") == 2);
  facenapi_free(json);
  CHECK(facenapi_db_persons_delete(ctx, alice, other) == FACENAPI_OK);
  CHECK(facenapi_db_persons_get(&json, ctx, alice, other) == FACENAPI_ENOTFOUND);
  /* Errors. */
  json = (char*)1;
  CHECK(facenapi_db_persons_get(&json, ctx, alice, bobs) == FACENAPI_ENOTFOUND && json == NULL);
  CHECK(facenapi_db_persons_update(&json, ctx, alice, bobs, "x", NULL) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_persons_faces(&json, ctx, alice, bobs, 10, 0) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_persons_faces(&json, ctx, alice, person, 0, 0) == FACENAPI_EINVAL);
  CHECK(facenapi_db_persons_merge(&json, ctx, alice, person, person) == FACENAPI_EINVAL);
  CHECK(facenapi_db_persons_merge(&json, ctx, alice, person, bobs) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_persons_delete(ctx, alice, bobs) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_persons_get(&json, ctx, bob, bobs) == FACENAPI_OK); /* still there */
  facenapi_free(json);
  json = (char*)1;
  CHECK(facenapi_db_persons_create(&other, NULL, ctx, alice, kBadUtf8, NULL) == FACENAPI_EINVAL);
  CHECK(other == 0);
  CHECK(facenapi_db_persons_create(&other, NULL, ctx, alice, "tab\tname", NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_persons_create(NULL, NULL, ctx, alice, "x", NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_persons_create(&other, NULL, ctx, 0, "x", NULL) == FACENAPI_EUNAUTHENTICATED);
  CHECK(facenapi_db_persons_list(NULL, ctx, alice) == FACENAPI_EINVAL);
  CHECK(facenapi_db_persons_list(&json, NULL, alice) == FACENAPI_EINVAL && json == NULL);
}

static void test_cameras(facenapi_context_t* ctx, int64_t alice, int64_t bob, int64_t obama) {
  facenapi_camera_fields_t f = FACENAPI_CAMERA_FIELDS_INIT;
  char* json = NULL;
  int64_t door = 0, hall = 0, bobs = 0, id = 0;
  f.name = "door";
  f.stream_url = "rtsp://10.0.0.5/stream1";
  CHECK(facenapi_db_cameras_create(&door, &json, ctx, alice, &f) == FACENAPI_OK);
  CHECK(door > 0 && strstr(json, "\"active\":true") && strstr(json, "rtsp://10.0.0.5/stream1"));
  facenapi_free(json);
  f = (facenapi_camera_fields_t)FACENAPI_CAMERA_FIELDS_INIT;
  f.name = "hall";
  f.active = 0;
  f.meta = "second floor";
  CHECK(facenapi_db_cameras_create(&hall, NULL, ctx, alice, &f) == FACENAPI_OK);
  CHECK(facenapi_db_cameras_create(&bobs, NULL, ctx, bob, &f) == FACENAPI_OK); /* per user */
  CHECK(facenapi_db_cameras_get(&json, ctx, alice, hall) == FACENAPI_OK);
  CHECK(strstr(json, "\"active\":false") && strstr(json, "\"meta\":\"second floor\""));
  CHECK(strstr(json, "\"stream_url\":\"\"") != NULL);
  facenapi_free(json);
  CHECK(facenapi_db_cameras_list(&json, ctx, alice) == FACENAPI_OK);
  CHECK(count_of(json, "\"created\"") == 2 && json_int(json, "id") == door);
  facenapi_free(json);
  f = (facenapi_camera_fields_t)FACENAPI_CAMERA_FIELDS_INIT;
  f.active = 1;
  f.name = "hall 2";
  CHECK(facenapi_db_cameras_update(&json, ctx, alice, hall, &f) == FACENAPI_OK);
  CHECK(strstr(json, "\"active\":true") && strstr(json, "\"name\":\"hall 2\""));
  CHECK(strstr(json, "\"meta\":\"second floor\"") != NULL); /* kept */
  facenapi_free(json);
  /* A face on a camera loses it when the camera is deleted. */
  {
    facenapi_face_fields_t ff = FACENAPI_FACE_FIELDS_INIT;
    photo_t o1 = load(OBAMA1);
    ff.camera = door;
    ff.meta = "from the door";
    CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, o1.data, o1.size, NULL, &ff) ==
          FACENAPI_OK);
    CHECK(json_int(json, "camera") == door);
    id = json_int(json, "id");
    facenapi_free(json);
    free(o1.data);
  }
  CHECK(facenapi_db_cameras_delete(ctx, alice, door) == FACENAPI_OK);
  CHECK(facenapi_db_cameras_get(&json, ctx, alice, door) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_faces_get(&json, ctx, alice, id, 0) == FACENAPI_OK);
  CHECK(strstr(json, "\"camera\"") == NULL);
  facenapi_free(json);
  CHECK(facenapi_db_faces_delete(ctx, alice, id) == FACENAPI_OK);
  (void)obama;
  /* Errors. */
  json = (char*)1;
  f = (facenapi_camera_fields_t)FACENAPI_CAMERA_FIELDS_INIT;
  f.name = "hall 2";
  CHECK(facenapi_db_cameras_create(&id, &json, ctx, alice, &f) == FACENAPI_EEXISTS);
  CHECK(id == 0 && json == NULL);
  CHECK(facenapi_db_cameras_create(&id, NULL, ctx, alice, NULL) == FACENAPI_EINVAL);
  f.name = NULL;
  CHECK(facenapi_db_cameras_create(&id, NULL, ctx, alice, &f) == FACENAPI_EINVAL);
  f.name = kBadUtf8;
  CHECK(facenapi_db_cameras_create(&id, NULL, ctx, alice, &f) == FACENAPI_EINVAL);
  f.name = "ok";
  f.stream_url = "rtsp://x/\n";
  CHECK(facenapi_db_cameras_create(&id, NULL, ctx, alice, &f) == FACENAPI_EINVAL);
  f.stream_url = NULL;
  f.version = 0;
  CHECK(facenapi_db_cameras_create(&id, NULL, ctx, alice, &f) == FACENAPI_EINVAL);
  CHECK(facenapi_db_cameras_update(NULL, ctx, alice, hall, &f) == FACENAPI_EINVAL);
  f = (facenapi_camera_fields_t)FACENAPI_CAMERA_FIELDS_INIT;
  CHECK(facenapi_db_cameras_create(NULL, NULL, ctx, alice, &f) == FACENAPI_EINVAL);
  f.name = "taken";
  CHECK(facenapi_db_cameras_create(&id, NULL, ctx, alice, &f) == FACENAPI_OK);
  f.name = "hall 2";
  CHECK(facenapi_db_cameras_update(&json, ctx, alice, id, &f) == FACENAPI_EEXISTS);
  CHECK(json == NULL);
  CHECK(facenapi_db_cameras_update(&json, ctx, alice, bobs, &f) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_cameras_update(&json, ctx, alice, hall, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_cameras_get(&json, ctx, alice, bobs) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_cameras_delete(ctx, alice, bobs) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_cameras_get(NULL, ctx, alice, hall) == FACENAPI_EINVAL);
  CHECK(facenapi_db_cameras_list(&json, ctx, 0) == FACENAPI_EUNAUTHENTICATED && json == NULL);
  CHECK(facenapi_db_cameras_list(&json, ctx, bob) == FACENAPI_OK);
  CHECK(count_of(json, "\"created\"") == 1);
  facenapi_free(json);
}

/* A face deleted through the context is no longer identified. */
static void test_delete_unindexes(facenapi_context_t* ctx, int64_t alice, int64_t people,
                                  int64_t biden) {
  photo_t group = load(GROUP);
  facenapi_probe_t probe = photo_probe(&group);
  char* json = NULL;
  CHECK(facenapi_db_faces_delete(ctx, alice, biden) == FACENAPI_OK);
  CHECK(facenapi_identify(&json, ctx, alice, &probe, &people, 1, "none", 10) == FACENAPI_OK);
  CHECK(strstr(json, "Joe_Biden") == NULL && strstr(json, "Barack_Obama") != NULL);
  facenapi_free(json);
  free(group.data);
}

typedef struct job_t {
  facenapi_context_t* ctx;
  int64_t user, gallery;
  const photo_t* group;
  int rc, named;
} job_t;

static void* identify_job(void* arg) {
  job_t* job = (job_t*)arg;
  facenapi_probe_t probe = photo_probe(job->group);
  char* json = NULL;
  job->rc = facenapi_identify(&json, job->ctx, job->user, &probe, &job->gallery, 1, NULL, 1);
  job->named = json && strstr(json, "Barack_Obama") && strstr(json, "Joe_Biden");
  facenapi_free(json);
  return NULL;
}

/* Threads that identify at once on a fresh context all make or share its one recognizer. */
static void test_threads(const char* db_path, int64_t alice, int64_t people, const photo_t* group) {
  facenapi_context_t* ctx = NULL;
  pthread_t threads[4];
  job_t jobs[4];
  int i;
  CHECK(facenapi_context_create(&ctx, FACENAPI_TEST_MODEL_DIR, db_path) == FACENAPI_OK);
  if (!ctx) return;
  for (i = 0; i < 4; ++i) {
    jobs[i].ctx = ctx, jobs[i].user = alice, jobs[i].gallery = people, jobs[i].group = group;
    jobs[i].rc = -100, jobs[i].named = 0;
    CHECK(pthread_create(&threads[i], NULL, identify_job, &jobs[i]) == 0);
  }
  for (i = 0; i < 4; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(jobs[i].rc == FACENAPI_OK && jobs[i].named);
  }
  facenapi_context_destroy(ctx);
}

int main(int argc, char** argv) {
  facenapi_context_t* ctx = NULL;
  int64_t alice = 0, bob = 0, tid = 0, people = 0, bob_gallery = 0;
  int64_t obama = 0, biden = 0, obama2 = 0, bob_face = 0;
  char token[FACENAPI_TOKEN_SIZE];
  photo_t group;
  if (argc != 2) {
    fprintf(stderr, "usage: test_capi_recognition DB_PATH\n");
    return 2;
  }
  remove(argv[1]);
  group = load(GROUP);
  CHECK(facenapi_context_create(&ctx, FACENAPI_TEST_MODEL_DIR, argv[1]) == FACENAPI_OK);
  if (ctx && group.data) {
    CHECK(facenapi_db_users_create(&alice, &tid, token, sizeof token, ctx, "alice", NULL) == 0);
    CHECK(facenapi_db_users_create(&bob, &tid, token, sizeof token, ctx, "bob", NULL) == 0);
    CHECK(facenapi_db_galleries_create(&people, ctx, alice, "people") == FACENAPI_OK);
    CHECK(facenapi_db_galleries_create(&bob_gallery, ctx, bob, "bobs") == FACENAPI_OK);
    test_detect(ctx, &group);
    test_enroll(ctx, alice, people, &obama, &biden, &obama2);
    {
      photo_t b = load(BIDEN);
      char* json = NULL;
      CHECK(facenapi_db_faces_create_from_photo(&json, ctx, bob, b.data, b.size, NULL, NULL) ==
            FACENAPI_OK);
      bob_face = json_int(json, "id");
      facenapi_free(json);
      free(b.data);
    }
    test_identify(ctx, alice, bob, people, obama, biden, bob_face);
    test_threads(argv[1], alice, people, &group);
    test_verify(ctx, alice, obama, biden, obama2, bob_face);
    test_persons(ctx, alice, bob, obama, obama2);
    test_cameras(ctx, alice, bob, obama);
    test_delete_unindexes(ctx, alice, people, biden);
  }
  facenapi_context_destroy(ctx);
  free(group.data);
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}
