/* Extracts the faces of one photo through the installed C ABI and prints each face's JSON.
 * Usage: consumer_c MODEL_DIR PHOTO. Exit status 0 only when at least one face has a facen.
 * Built twice: by CMake (facenapi::facenapi_c) and with `pkg-config --cflags --libs facenapi`. */
#include <facenapi/c.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  FILE* f;
  long n;
  unsigned char* photo;
  facenapi_extractor_t* ex = NULL;
  facenapi_faces_t* faces = NULL;
  size_t i, needed = 0;
  int ok;
  if (argc != 3) {
    fprintf(stderr, "usage: consumer_c MODEL_DIR PHOTO\n");
    return 2;
  }
  f = fopen(argv[2], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  photo = (unsigned char*)malloc((size_t)n);
  if (!photo || fread(photo, 1, (size_t)n, f) != (size_t)n) return 2;
  fclose(f);
  printf("facenapi %s\n", facenapi_version());
  if (facenapi_extractor_create(&ex, argv[1]) != FACENAPI_OK ||
      facenapi_extract(&faces, ex, photo, (size_t)n, NULL) != FACENAPI_OK) {
    fprintf(stderr, "facenapi: %s\n", facenapi_error_message());
    return 1;
  }
  for (i = 0; i < facenapi_faces_count(faces); ++i) {
    char* json = NULL;
    if (facenapi_face_to_json(&json, faces, i, 0) == FACENAPI_OK) puts(json);
    facenapi_free(json);
  }
  ok = facenapi_faces_count(faces) > 0 &&
       facenapi_face_facen(NULL, 0, &needed, faces, 0) == FACENAPI_OK && needed > 0;
  facenapi_faces_destroy(faces);
  facenapi_extractor_destroy(ex);
  free(photo);
  return ok ? 0 : 1;
}
