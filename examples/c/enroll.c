/* Enrolls photos into a gallery through the C ABI: the first half of the enroll + identify
 * example (identify follows when the library has it).
 *   enroll DB_PATH GALLERY PHOTO...
 * Creates user "example" on first use (its token is printed once), the gallery if missing, and
 * stores every face of every photo with the file name as meta; prints the stored faces' ids.
 * Models come from the default search (FACENAPI_MODEL_DIR, the install, the source tree). */
#include <facenapi/c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  unsigned char* data = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    data = (unsigned char*)malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
      free(data);
      data = NULL;
    }
    *size = (size_t)n;
  }
  fclose(f);
  return data;
}

static int fail(const char* what) {
  fprintf(stderr, "enroll: %s: %s\n", what, facenapi_error_message());
  return 1;
}

int main(int argc, char** argv) {
  facenapi_context_t* ctx = NULL;
  facenapi_face_fields_t fields = FACENAPI_FACE_FIELDS_INIT;
  int64_t user = 0, token_id = 0, gallery = 0, count = 0;
  char token[FACENAPI_TOKEN_SIZE];
  int i, status = 0, rc;
  if (argc < 4) {
    fprintf(stderr, "usage: enroll DB_PATH GALLERY PHOTO...\n");
    return 2;
  }
  if (facenapi_context_create(&ctx, NULL, argv[1]) != FACENAPI_OK) return fail("open");
  rc = facenapi_db_users_create(&user, &token_id, token, sizeof token, ctx, "example", NULL);
  if (rc == FACENAPI_OK) {
    printf("created user \"example\" (id %lld), API token %s\n", (long long)user, token);
  } else {
    char* json = NULL; /* the user exists: find its id (a real host would authenticate) */
    if (rc != FACENAPI_EEXISTS || facenapi_db_users_get_by_name(&json, ctx, "example") != 0) {
      return fail("user");
    }
    user = atoll(strstr(json, "\"id\":") + 5);
    facenapi_free(json);
  }
  if (facenapi_db_galleries_create(&gallery, ctx, user, argv[2]) == FACENAPI_EEXISTS) {
    char* list = NULL;
    char key[300];
    const char* p;
    if (facenapi_db_galleries_list(&list, ctx, user) != 0) return fail("galleries");
    snprintf(key, sizeof key, "\"name\":\"%s\"", argv[2]);
    for (p = strstr(list, "{\"id\":"); p; p = strstr(p + 1, "{\"id\":")) {
      const char* end = strchr(p, '}');
      const char* name = strstr(p, key);
      if (name && end && name < end) gallery = atoll(p + 6);
    }
    facenapi_free(list);
  }
  if (gallery <= 0) return fail("gallery");
  fields.galleries = &gallery;
  fields.gallery_count = 1;
  for (i = 3; i < argc; ++i) {
    size_t size = 0;
    unsigned char* photo = read_all(argv[i], &size);
    char* stored = NULL;
    const char* p;
    if (!photo) {
      fprintf(stderr, "enroll: cannot read %s\n", argv[i]);
      status = 1;
      continue;
    }
    fields.meta = argv[i];
    if (facenapi_db_faces_create_from_photo(&stored, ctx, user, photo, size, NULL, &fields) != 0) {
      status = fail(argv[i]);
    } else {
      printf("%s:", argv[i]);
      for (p = strstr(stored, "{\"id\":"); p; p = strstr(p + 1, "{\"id\":")) {
        printf(" face %lld", atoll(p + 6));
      }
      printf("\n");
    }
    facenapi_free(stored);
    free(photo);
  }
  {
    facenapi_face_query_t q = FACENAPI_FACE_QUERY_INIT;
    q.gallery = gallery;
    if (facenapi_db_faces_count(&count, ctx, user, &q) == FACENAPI_OK) {
      printf("gallery \"%s\" holds %lld faces\n", argv[2], (long long)count);
    }
  }
  facenapi_context_destroy(ctx);
  return status;
}
