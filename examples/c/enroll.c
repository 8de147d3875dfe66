/* Enroll + identify through the C ABI: a small complete application.
 *   enroll DB_PATH GALLERY GROUP_PHOTO PHOTO_OR_FOLDER...
 * Creates user "example" on first use (its token is printed once) and the gallery if missing,
 * stores every face of every photo (a folder: each file in it) in the gallery with the name of
 * the photo's folder as meta (the person, in a people/<name>/<photo> layout) and a person
 * assigned by likeness, then identifies each face of GROUP_PHOTO in the gallery and prints its
 * best match and confidence, or "unknown". Models come from the default search
 * (FACENAPI_MODEL_DIR, the install, the source tree). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <facenapi/c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  unsigned char* data = NULL;
  long n;
  if (!f) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
    data = (unsigned char*)malloc((size_t)n);
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

/* The number after "key": in [p, end), or def. */
static double number_in(const char* p, const char* end, const char* key, double def) {
  char pattern[64];
  const char* at;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  at = strstr(p, pattern);
  return at && at < end ? atof(at + strlen(pattern)) : def;
}

/* The user "example", created on first use. */
static int64_t example_user(facenapi_context_t* ctx) {
  int64_t user = 0, token_id = 0;
  char token[FACENAPI_TOKEN_SIZE];
  char* json = NULL;
  int rc = facenapi_db_users_create(&user, &token_id, token, sizeof token, ctx, "example", NULL);
  if (rc == FACENAPI_OK) {
    printf("created user \"example\" (id %lld), API token %s\n", (long long)user, token);
    return user;
  }
  /* The user exists: find its id (a real host would authenticate with the token). */
  if (rc != FACENAPI_EEXISTS || facenapi_db_users_get_by_name(&json, ctx, "example") != 0) return 0;
  user = (int64_t)number_in(json, json + strlen(json), "id", 0);
  facenapi_free(json);
  return user;
}

/* The gallery `name` of the user, created if missing; 0 on failure. */
static int64_t gallery_named(facenapi_context_t* ctx, int64_t user, const char* name) {
  int64_t gallery = 0;
  char* list = NULL;
  char key[300];
  const char* p;
  if (facenapi_db_galleries_create(&gallery, ctx, user, name) != FACENAPI_EEXISTS) return gallery;
  if (facenapi_db_galleries_list(&list, ctx, user) != 0) return 0;
  snprintf(key, sizeof key, "\"name\":\"%s\"", name);
  for (p = strstr(list, "{\"id\":"); p; p = strstr(p + 1, "{\"id\":")) {
    const char* end = strchr(p, '}');
    const char* at = strstr(p, key);
    if (at && end && at < end) gallery = atoll(p + 6);
  }
  facenapi_free(list);
  return gallery;
}

/* Stores the faces of one photo; meta: the name of its folder. Returns 0 or 1. */
static int enroll_photo(facenapi_context_t* ctx, int64_t user, int64_t gallery, const char* path) {
  char folder[256] = "";
  const char* slash = strrchr(path, '/');
  const char* start;
  size_t size = 0;
  unsigned char* photo = read_all(path, &size);
  facenapi_face_fields_t fields = FACENAPI_FACE_FIELDS_INIT;
  char* stored = NULL;
  const char* p;
  int status = 0;
  if (!photo) {
    fprintf(stderr, "enroll: cannot read %s\n", path);
    return 1;
  }
  if (slash) { /* the last folder of the path */
    for (start = slash; start > path && start[-1] != '/'; --start) {
    }
    snprintf(folder, sizeof folder, "%.*s", (int)(slash - start), start);
  }
  fields.meta = folder;
  fields.galleries = &gallery;
  fields.gallery_count = 1;
  fields.assign_person = 1; /* faces alike share a person */
  if (facenapi_db_faces_create_from_photo(&stored, ctx, user, photo, size, NULL, &fields) != 0) {
    status = fail(path);
  } else {
    printf("enrolled %s as \"%s\":", path, folder);
    for (p = strstr(stored, "{\"id\":"); p; p = strstr(p + 1, "{\"id\":")) {
      printf(" face %lld", atoll(p + 6));
    }
    printf("\n");
  }
  facenapi_free(stored);
  free(photo);
  return status;
}

/* A folder: each regular file in it (in readdir order); else the photo itself. */
static int enroll_path(facenapi_context_t* ctx, int64_t user, int64_t gallery, const char* path) {
  struct stat st;
  DIR* dir;
  struct dirent* entry;
  int status = 0;
  if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return enroll_photo(ctx, user, gallery, path);
  if (!(dir = opendir(path))) {
    fprintf(stderr, "enroll: cannot open %s\n", path);
    return 1;
  }
  while ((entry = readdir(dir)) != NULL) {
    char file[4096];
    if (entry->d_name[0] == '.') continue;
    snprintf(file, sizeof file, "%s/%s", path, entry->d_name);
    if (stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
      status |= enroll_photo(ctx, user, gallery, file);
    }
  }
  closedir(dir);
  return status;
}

/* Identifies each face of the group photo in the gallery; prints its best match. */
static int identify(facenapi_context_t* ctx, int64_t user, int64_t gallery, const char* path) {
  size_t size = 0;
  unsigned char* photo = read_all(path, &size);
  facenapi_probe_t probe = FACENAPI_PROBE_INIT;
  char* found = NULL;
  const char *p, *next;
  int i = 0;
  if (!photo) {
    fprintf(stderr, "enroll: cannot read %s\n", path);
    return 1;
  }
  probe.kind = FACENAPI_PROBE_PHOTO;
  probe.photo = photo;
  probe.photo_size = size;
  if (facenapi_identify(&found, ctx, user, &probe, &gallery, 1, "medium", 1) != 0) {
    free(photo);
    return fail(path);
  }
  printf("%s:\n", path);
  /* [{"bbox": {...}, "matches": [{face..., "meta": "...", "confidence": c, ...}]}, ...] */
  for (p = strstr(found, "{\"bbox\":"); p; p = next) {
    const char* end;
    const char* meta;
    next = strstr(p + 1, "{\"bbox\":");
    end = next ? next : p + strlen(p);
    printf("  face %d at (%.0f, %.0f, %.0f, %.0f): ", ++i, number_in(p, end, "left", 0),
           number_in(p, end, "top", 0), number_in(p, end, "right", 0),
           number_in(p, end, "bottom", 0));
    meta = strstr(p, "\"meta\":\"");
    if (meta && meta < end) {
      meta += 8;
      printf("%.*s, confidence %.2f\n", (int)strcspn(meta, "\""), meta,
             number_in(p, end, "confidence", 0));
    } else {
      printf("unknown\n");
    }
  }
  if (i == 0) printf("  no face\n");
  facenapi_free(found);
  free(photo);
  return 0;
}

int main(int argc, char** argv) {
  facenapi_context_t* ctx = NULL;
  int64_t user, gallery;
  int i, status = 0;
  if (argc < 5) {
    fprintf(stderr, "usage: enroll DB_PATH GALLERY GROUP_PHOTO PHOTO_OR_FOLDER...\n");
    return 2;
  }
  if (facenapi_context_create(&ctx, NULL, argv[1]) != FACENAPI_OK) return fail("open");
  if ((user = example_user(ctx)) <= 0) status = fail("user");
  if (!status && (gallery = gallery_named(ctx, user, argv[2])) <= 0) status = fail("gallery");
  if (!status) {
    for (i = 4; i < argc; ++i) status |= enroll_path(ctx, user, gallery, argv[i]);
    status |= identify(ctx, user, gallery, argv[3]);
  }
  facenapi_context_destroy(ctx);
  return status;
}
