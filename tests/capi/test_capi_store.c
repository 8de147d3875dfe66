/* The C API's context and stores (users, galleries, faces), from plain C on an SQLite file and a
 * real photo, every function and its error paths. Last line: "N passed, N failed".
 * Usage: test_capi_store DB_PATH (removed first). */
#include <facenapi/c.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_test_support.h"

static const char kBadUtf8[] = "bad\xff\xfe";

static void test_context(const char* db_path) {
  facenapi_context_t* ctx = (facenapi_context_t*)1;
  facenapi_faces_t* faces = NULL;
  int64_t id = 7;
  char* json = NULL;
  CHECK(facenapi_context_create(NULL, NULL, db_path) == FACENAPI_EINVAL);
  CHECK(facenapi_context_create(&ctx, kBadUtf8, db_path) == FACENAPI_EINVAL && ctx == NULL);
  CHECK(facenapi_context_create(&ctx, NULL, kBadUtf8) == FACENAPI_EINVAL && ctx == NULL);
  CHECK(facenapi_context_create(&ctx, NULL, "mongodb://") == FACENAPI_EINVAL && ctx == NULL);
  CHECK(facenapi_context_create(&ctx, NULL, "/nonexistent-dir/x/faces.db") == FACENAPI_EIO);
  CHECK(ctx == NULL);
  facenapi_context_destroy(NULL);
  facenapi_context_destroy(NULL);
  /* A context without a database: extraction works once models load; stores are EINVAL. */
  CHECK(facenapi_context_create(&ctx, "/nonexistent/models", NULL) == FACENAPI_OK);
  CHECK(facenapi_db_users_get(&json, ctx, 1) == FACENAPI_EINVAL && json == NULL);
  CHECK(facenapi_context_extract(&faces, ctx, "xx", 2, NULL) == FACENAPI_EMODEL);
  CHECK(facenapi_context_extract(&faces, ctx, "xx", 2, NULL) == FACENAPI_EMODEL); /* retried */
  CHECK(faces == NULL);
  facenapi_context_destroy(ctx);
  CHECK(facenapi_db_users_get(&json, NULL, 1) == FACENAPI_EINVAL);
  CHECK(facenapi_db_galleries_create(&id, NULL, 1, "g") == FACENAPI_EINVAL && id == 0);
  CHECK(facenapi_context_extract(&faces, NULL, "xx", 2, NULL) == FACENAPI_EINVAL);
}

static void test_users(facenapi_context_t* ctx, int64_t* alice, int64_t* bob) {
  char token[FACENAPI_TOKEN_SIZE], small[10], token2[FACENAPI_TOKEN_SIZE];
  int64_t tid = 0, tid2 = 0, uid = 0, ids[4];
  size_t needed = 0;
  char* json = NULL;

  CHECK(facenapi_db_users_create(alice, &tid, token, sizeof token, ctx, "alice", "a password") ==
        FACENAPI_OK);
  CHECK(*alice > 0 && tid > 0 && strlen(token) == 64);
  CHECK(facenapi_db_users_create(bob, &tid2, token2, sizeof token2, ctx, "bob", NULL) ==
        FACENAPI_OK);
  CHECK(*bob > 0 && *bob != *alice);
  /* Errors of create: nothing is created. */
  CHECK(facenapi_db_users_create(&uid, &tid, small, sizeof small, ctx, "carol", NULL) ==
        FACENAPI_EBUFSIZE);
  CHECK(uid == 0 && facenapi_db_users_get_by_name(&json, ctx, "carol") == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_users_create(&uid, &tid, token, sizeof token, ctx, "alice", NULL) ==
        FACENAPI_EEXISTS);
  CHECK(facenapi_db_users_create(&uid, &tid, token, sizeof token, ctx, "", NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_users_create(&uid, &tid, token, sizeof token, ctx, kBadUtf8, NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_users_create(&uid, &tid, token, sizeof token, ctx, NULL, NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_users_create(&uid, &tid, token, sizeof token, ctx, "dave", "short") ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_users_create(NULL, &tid, token, sizeof token, ctx, "erin", NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_users_create(&uid, NULL, token, sizeof token, ctx, "erin", NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_users_create(&uid, &tid, NULL, sizeof token, ctx, "erin", NULL) ==
        FACENAPI_EINVAL);

  CHECK(facenapi_db_users_get(&json, ctx, *alice) == FACENAPI_OK);
  CHECK(json && strstr(json, "\"name\":\"alice\"") && strstr(json, "\"has_password\":true"));
  facenapi_free(json);
  CHECK(facenapi_db_users_get_by_name(&json, ctx, "bob") == FACENAPI_OK);
  CHECK(json && strstr(json, "\"has_password\":false") != NULL);
  facenapi_free(json);
  CHECK(facenapi_db_users_get(&json, ctx, 999999) == FACENAPI_ENOTFOUND && json == NULL);
  CHECK(facenapi_db_users_get(NULL, ctx, *alice) == FACENAPI_EINVAL);
  CHECK(facenapi_db_users_get_by_name(&json, ctx, kBadUtf8) == FACENAPI_EINVAL);

  /* Authentication. */
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token) == FACENAPI_OK && uid == *alice);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token2) == FACENAPI_OK && uid == *bob);
  CHECK(facenapi_db_users_authenticate_password(&uid, ctx, "alice", "a password") == FACENAPI_OK &&
        uid == *alice);
  CHECK(facenapi_db_users_authenticate_password(&uid, ctx, "alice", "wrong password") ==
        FACENAPI_EUNAUTHENTICATED);
  CHECK(uid == 0);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, "0123") == FACENAPI_EUNAUTHENTICATED);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_users_authenticate_token(NULL, ctx, token) == FACENAPI_EINVAL);
  CHECK(facenapi_db_users_authenticate_password(&uid, ctx, "bob", "") == FACENAPI_EUNAUTHENTICATED);
  CHECK(facenapi_db_users_authenticate_password(&uid, ctx, "alice", NULL) == FACENAPI_EINVAL);

  /* Tokens. */
  CHECK(facenapi_db_users_add_token(&tid2, token2, sizeof token2, ctx, *alice) == FACENAPI_OK);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token2) == FACENAPI_OK && uid == *alice);
  CHECK(facenapi_db_users_add_token(&tid2, small, sizeof small, ctx, *alice) == FACENAPI_EBUFSIZE);
  CHECK(facenapi_db_users_add_token(&tid, token, sizeof token, ctx, 999999) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_users_token_ids(NULL, 0, &needed, ctx, *alice) == FACENAPI_OK && needed == 2);
  CHECK(facenapi_db_users_token_ids(ids, 1, &needed, ctx, *alice) == FACENAPI_EBUFSIZE);
  CHECK(facenapi_db_users_token_ids(ids, 4, &needed, ctx, *alice) == FACENAPI_OK);
  CHECK(needed == 2 && ids[0] < ids[1]);
  CHECK(facenapi_db_users_token_ids(ids, 4, NULL, ctx, *alice) == FACENAPI_EINVAL);
  CHECK(facenapi_db_users_revoke_token(ctx, *bob, ids[1]) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_users_revoke_token(ctx, *alice, ids[1]) == FACENAPI_OK);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token2) == FACENAPI_EUNAUTHENTICATED);
  /* token (alice's first) still works. */
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token) == FACENAPI_OK);

  /* Passwords, disable/enable. */
  CHECK(facenapi_db_users_set_password(ctx, *bob, "bob's password") == FACENAPI_OK);
  CHECK(facenapi_db_users_authenticate_password(&uid, ctx, "bob", "bob's password") == FACENAPI_OK);
  CHECK(facenapi_db_users_set_password(ctx, *bob, NULL) == FACENAPI_OK);
  CHECK(facenapi_db_users_authenticate_password(&uid, ctx, "bob", "bob's password") ==
        FACENAPI_EUNAUTHENTICATED);
  CHECK(facenapi_db_users_set_password(ctx, *bob, "tiny") == FACENAPI_EINVAL);
  CHECK(facenapi_db_users_set_password(ctx, *bob, kBadUtf8) == FACENAPI_EINVAL);
  CHECK(facenapi_db_users_disable(ctx, *alice) == FACENAPI_OK);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token) == FACENAPI_EUNAUTHENTICATED);
  {
    char* list = NULL; /* a disabled user's store calls fail before touching data */
    CHECK(facenapi_db_galleries_list(&list, ctx, *alice) == FACENAPI_EUNAUTHENTICATED);
    CHECK(list == NULL);
  }
  CHECK(facenapi_db_users_enable(ctx, *alice) == FACENAPI_OK);
  CHECK(facenapi_db_users_authenticate_token(&uid, ctx, token) == FACENAPI_OK);
  CHECK(facenapi_db_users_disable(ctx, 999999) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_users_enable(ctx, 999999) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_users_disable(NULL, *alice) == FACENAPI_EINVAL);
}

static void test_galleries(facenapi_context_t* ctx, int64_t alice, int64_t bob, int64_t* staff) {
  int64_t gid = 0, other = 0;
  char* json = NULL;
  CHECK(facenapi_db_galleries_create(staff, ctx, alice, "staff") == FACENAPI_OK && *staff > 0);
  CHECK(facenapi_db_galleries_create(&other, ctx, alice, "visitors \xd0\xb3\xd0\xbe\xd1\x81") ==
        FACENAPI_OK);
  CHECK(facenapi_db_galleries_create(&gid, ctx, alice, "staff") == FACENAPI_EEXISTS && gid == 0);
  CHECK(facenapi_db_galleries_create(&gid, ctx, bob, "staff") == FACENAPI_OK); /* per user */
  CHECK(facenapi_db_galleries_create(&gid, ctx, alice, "") == FACENAPI_EINVAL);
  CHECK(facenapi_db_galleries_create(&gid, ctx, alice, kBadUtf8) == FACENAPI_EINVAL);
  CHECK(facenapi_db_galleries_create(&gid, ctx, alice, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_galleries_create(NULL, ctx, alice, "x") == FACENAPI_EINVAL);
  CHECK(facenapi_db_galleries_create(&gid, ctx, 0, "x") == FACENAPI_EUNAUTHENTICATED);
  CHECK(facenapi_db_galleries_create(&gid, ctx, 999999, "x") == FACENAPI_EUNAUTHENTICATED);

  CHECK(facenapi_db_galleries_list(&json, ctx, alice) == FACENAPI_OK);
  CHECK(json && json[0] == '[' && strstr(json, "\"staff\"") && strstr(json, "visitors"));
  facenapi_free(json);
  CHECK(facenapi_db_galleries_list(NULL, ctx, alice) == FACENAPI_EINVAL);
  CHECK(facenapi_db_galleries_get(&json, ctx, alice, *staff) == FACENAPI_OK);
  CHECK(json && strstr(json, "\"name\":\"staff\"") != NULL);
  facenapi_free(json);
  /* Another user's gallery does not exist for bob. */
  CHECK(facenapi_db_galleries_get(&json, ctx, bob, *staff) == FACENAPI_ENOTFOUND && !json);
  CHECK(facenapi_db_galleries_delete(ctx, bob, *staff) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_galleries_delete(ctx, alice, other) == FACENAPI_OK);
  CHECK(facenapi_db_galleries_get(&json, ctx, alice, other) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_galleries_delete(ctx, alice, other) == FACENAPI_ENOTFOUND);
}

static void test_faces(facenapi_context_t* ctx, int64_t alice, int64_t bob, int64_t staff) {
  size_t size = 0, i;
  unsigned char* photo = read_file("faces/detection_single/human_person-celeste.jpg", &size);
  unsigned char* group = NULL;
  size_t group_size = 0;
  facenapi_faces_t* faces = NULL;
  facenapi_face_fields_t fields = FACENAPI_FACE_FIELDS_INIT;
  facenapi_face_query_t query = FACENAPI_FACE_QUERY_INIT;
  facenapi_face_changes_t changes = FACENAPI_FACE_CHANGES_INIT;
  int64_t fid = 0, fid2 = 0, count = -1, bad_gallery = -3, galleries[1];
  char* json = NULL;
  char next[32];
  const char* p;

  CHECK(photo != NULL);
  if (!photo) return;
  CHECK(facenapi_context_extract(&faces, ctx, photo, size, NULL) == FACENAPI_OK);
  CHECK(facenapi_faces_count(faces) == 1);
  galleries[0] = staff;
  fields.meta = "employee 17";
  fields.galleries = galleries;
  fields.gallery_count = 1;
  fields.photo = "https://example.com/celeste.jpg";
  CHECK(facenapi_db_faces_create(&fid, &json, ctx, alice, faces, 0, &fields) == FACENAPI_OK);
  CHECK(fid > 0 && json && strstr(json, "\"meta\":\"employee 17\"") && strstr(json, "\"facen\""));
  facenapi_free(json);
  json = NULL;
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, alice, faces, 0, NULL) == FACENAPI_OK);
  CHECK(fid2 > fid);
  /* Errors of create. */
  CHECK(facenapi_db_faces_create(&count, NULL, ctx, alice, faces, 1, NULL) == FACENAPI_EINVAL);
  CHECK(count == 0);
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, alice, NULL, 0, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_faces_create(NULL, NULL, ctx, alice, faces, 0, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, bob, faces, 0, &fields) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, 999999, faces, 0, NULL) ==
        FACENAPI_EUNAUTHENTICATED);
  fields.meta = kBadUtf8;
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, alice, faces, 0, &fields) == FACENAPI_EINVAL);
  fields.meta = NULL;
  fields.galleries = &bad_gallery;
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, alice, faces, 0, &fields) == FACENAPI_EINVAL);
  fields.galleries = NULL;
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, alice, faces, 0, &fields) == FACENAPI_EINVAL);
  fields.gallery_count = 0;
  fields.version = 99;
  CHECK(facenapi_db_faces_create(&fid2, NULL, ctx, alice, faces, 0, &fields) == FACENAPI_EINVAL);
  fields.version = FACENAPI_FACE_FIELDS_VERSION;

  /* From a photo: a group photo gives one stored face per face found. */
  group = read_file("faces/group/deepface_couple.jpg", &group_size);
  CHECK(group != NULL);
  fields.meta = "couple";
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, group, group_size, NULL, &fields) ==
        FACENAPI_OK);
  CHECK(json && json[0] == '[' && strstr(json, "\"meta\":\"couple\"") != NULL);
  facenapi_free(json);
  json = NULL;
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, "xx", 2, NULL, NULL) ==
        FACENAPI_EDECODE);
  CHECK(json == NULL);
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, NULL, 5, NULL, NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_faces_create_from_photo(NULL, ctx, alice, group, group_size, NULL, NULL) ==
        FACENAPI_EINVAL);
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, 0, group, group_size, NULL, NULL) ==
        FACENAPI_EUNAUTHENTICATED);
  query.meta = "couple";
  CHECK(facenapi_db_faces_count(&count, ctx, alice, &query) == FACENAPI_OK && count >= 2);
  /* A bad gallery on the second face's create leaves no face of the photo behind. */
  galleries[0] = 999999;
  fields.galleries = galleries;
  fields.gallery_count = 1;
  fields.meta = "rolled back";
  CHECK(facenapi_db_faces_create_from_photo(&json, ctx, alice, group, group_size, NULL, &fields) ==
        FACENAPI_ENOTFOUND);
  query.meta = "rolled back";
  CHECK(facenapi_db_faces_count(&count, ctx, alice, &query) == FACENAPI_OK && count == 0);
  query.meta = NULL;

  /* Get. */
  CHECK(facenapi_db_faces_get(&json, ctx, alice, fid, 1) == FACENAPI_OK);
  CHECK(json && strstr(json, "\"normalized\"") != NULL);
  facenapi_free(json);
  CHECK(facenapi_db_faces_get(&json, ctx, alice, fid, 0) == FACENAPI_OK);
  CHECK(json && strstr(json, "\"normalized\"") == NULL);
  facenapi_free(json);
  json = NULL;
  CHECK(facenapi_db_faces_get(&json, ctx, bob, fid, 0) == FACENAPI_ENOTFOUND && json == NULL);
  CHECK(facenapi_db_faces_get(NULL, ctx, alice, fid, 0) == FACENAPI_EINVAL);

  /* List with filters and cursor pagination: pages of 2 cover all faces once, in id order. */
  CHECK(facenapi_db_faces_count(&count, ctx, alice, NULL) == FACENAPI_OK && count >= 4);
  query.limit = 2;
  {
    int64_t seen = 0, last = 0;
    for (i = 0; i < 10; ++i) {
      CHECK(facenapi_db_faces_list(&json, ctx, alice, &query) == FACENAPI_OK);
      if (!json) break;
      for (p = strstr(json, "{\"id\":"); p; p = strstr(p + 1, "{\"id\":")) {
        const int64_t id = atoll(p + 6);
        CHECK(id > last);
        last = id;
        ++seen;
      }
      p = strstr(json, "\"next\":");
      CHECK(p != NULL);
      if (!p || strncmp(p + 7, "null", 4) == 0) break;
      query.min_id = atoll(p + 7);
      snprintf(next, sizeof next, "%lld", (long long)query.min_id);
      facenapi_free(json);
      json = NULL;
    }
    facenapi_free(json);
    json = NULL;
    CHECK(seen == count);
  }
  query = (facenapi_face_query_t)FACENAPI_FACE_QUERY_INIT;
  query.gallery = staff;
  CHECK(facenapi_db_faces_list(&json, ctx, alice, &query) == FACENAPI_OK);
  CHECK(json && strstr(json, "employee 17") && strstr(json, "\"next\":null"));
  facenapi_free(json);
  json = NULL;
  CHECK(facenapi_db_faces_list(&json, ctx, bob, NULL) == FACENAPI_OK);
  CHECK(json && strcmp(json, "{\"faces\":[],\"next\":null}") == 0);
  facenapi_free(json);
  json = NULL;
  query.limit = 0;
  CHECK(facenapi_db_faces_list(&json, ctx, alice, &query) == FACENAPI_EINVAL && json == NULL);
  query.limit = 10;
  query.from = "yesterday";
  CHECK(facenapi_db_faces_list(&json, ctx, alice, &query) == FACENAPI_EINVAL);
  query.from = NULL;
  query.meta = kBadUtf8;
  CHECK(facenapi_db_faces_count(&count, ctx, alice, &query) == FACENAPI_EINVAL);
  query.meta = NULL;
  query.version = 0;
  CHECK(facenapi_db_faces_list(&json, ctx, alice, &query) == FACENAPI_EINVAL);
  CHECK(facenapi_db_faces_list(NULL, ctx, alice, NULL) == FACENAPI_EINVAL);
  CHECK(facenapi_db_faces_count(NULL, ctx, alice, NULL) == FACENAPI_EINVAL);

  /* Update. */
  changes.meta = "employee 18";
  changes.set_galleries = 1; /* no galleries */
  CHECK(facenapi_db_faces_update(&json, ctx, alice, fid, &changes) == FACENAPI_OK);
  CHECK(json && strstr(json, "employee 18") && !strstr(json, "\"galleries\":[1"));
  facenapi_free(json);
  json = NULL;
  CHECK(facenapi_db_faces_update(NULL, ctx, bob, fid, &changes) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_faces_update(NULL, ctx, alice, fid, NULL) == FACENAPI_EINVAL);
  changes.meta = kBadUtf8;
  CHECK(facenapi_db_faces_update(NULL, ctx, alice, fid, &changes) == FACENAPI_EINVAL);
  changes.meta = NULL;
  changes.galleries = galleries; /* 999999: not alice's */
  changes.gallery_count = 1;
  CHECK(facenapi_db_faces_update(NULL, ctx, alice, fid, &changes) == FACENAPI_ENOTFOUND);
  galleries[0] = staff;
  CHECK(facenapi_db_faces_update(&json, ctx, alice, fid, &changes) == FACENAPI_OK);
  facenapi_free(json);

  /* Delete. */
  CHECK(facenapi_db_faces_delete(ctx, bob, fid) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_faces_delete(ctx, alice, fid) == FACENAPI_OK);
  CHECK(facenapi_db_faces_delete(ctx, alice, fid) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_faces_delete(NULL, alice, fid2) == FACENAPI_EINVAL);
  (void)next;
  facenapi_faces_destroy(faces);
  free(group);
  free(photo);
}

static void test_delete_user(facenapi_context_t* ctx, int64_t bob) {
  char* json = NULL;
  CHECK(facenapi_db_users_delete(ctx, bob) == FACENAPI_OK);
  CHECK(facenapi_db_users_get(&json, ctx, bob) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_users_delete(ctx, bob) == FACENAPI_ENOTFOUND);
  CHECK(facenapi_db_galleries_list(&json, ctx, bob) == FACENAPI_EUNAUTHENTICATED);
}

/* Several threads share one context: each makes its own user and galleries, extracts the same
 * photo and provokes an error of its own; results and error messages stay per thread. */
#define THREADS 4
struct thread_job {
  facenapi_context_t* ctx;
  const unsigned char* photo;
  size_t size;
  int index, ok;
};

static void* thread_main(void* arg) {
  struct thread_job* job = (struct thread_job*)arg;
  char name[32], token[FACENAPI_TOKEN_SIZE];
  int64_t uid = 0, tid = 0, gid = 0, seen = 0;
  facenapi_faces_t* faces = NULL;
  int g, ok = 1;
  snprintf(name, sizeof name, "thread %d", job->index);
  ok &= facenapi_db_users_create(&uid, &tid, token, sizeof token, job->ctx, name, NULL) == 0;
  for (g = 0; g < 3; ++g) {
    snprintf(name, sizeof name, "gallery %d", g);
    ok &= facenapi_db_galleries_create(&gid, job->ctx, uid, name) == FACENAPI_OK;
  }
  ok &= facenapi_db_users_authenticate_token(&seen, job->ctx, token) == 0 && seen == uid;
  ok &= facenapi_context_extract(&faces, job->ctx, job->photo, job->size, NULL) == FACENAPI_OK;
  ok &= facenapi_faces_count(faces) == 1;
  facenapi_faces_destroy(faces);
  ok &= facenapi_db_galleries_get(NULL, job->ctx, uid, gid) == FACENAPI_EINVAL;
  ok &= strstr(facenapi_error_message(), "json") != NULL;
  job->ok = ok;
  return NULL;
}

static void test_threads(facenapi_context_t* ctx) {
  pthread_t threads[THREADS];
  struct thread_job jobs[THREADS];
  size_t size = 0;
  unsigned char* photo = read_file("faces/detection_single/human_person-celeste.jpg", &size);
  int i;
  CHECK(photo != NULL);
  if (!photo) return;
  for (i = 0; i < THREADS; ++i) {
    jobs[i].ctx = ctx, jobs[i].photo = photo, jobs[i].size = size, jobs[i].index = i;
    jobs[i].ok = 0;
    CHECK(pthread_create(&threads[i], NULL, thread_main, &jobs[i]) == 0);
  }
  for (i = 0; i < THREADS; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(jobs[i].ok);
  }
  free(photo);
}

int main(int argc, char** argv) {
  facenapi_context_t* ctx = NULL;
  int64_t alice = 0, bob = 0, staff = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: test_capi_store DB_PATH\n");
    return 2;
  }
  remove(argv[1]);
  test_context(argv[1]);
  CHECK(facenapi_context_create(&ctx, FACENAPI_TEST_MODEL_DIR, argv[1]) == FACENAPI_OK);
  if (ctx) {
    test_users(ctx, &alice, &bob);
    test_galleries(ctx, alice, bob, &staff);
    test_faces(ctx, alice, bob, staff);
    test_delete_user(ctx, bob);
    test_threads(ctx);
  }
  facenapi_context_destroy(ctx);
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}
