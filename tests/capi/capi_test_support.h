/* What the C tests share: the CHECK macro (counts, reports the failed condition with
 * facenapi_error_message()) and reading a test photo. Each test program includes it once. */
#ifndef FACENAPI_CAPI_TEST_SUPPORT_H
#define FACENAPI_CAPI_TEST_SUPPORT_H
#include <facenapi/c.h>
#include <stdio.h>
#include <stdlib.h>

static int g_passed = 0, g_failed = 0;
#define CHECK(cond)                                                                \
  do {                                                                             \
    if (cond) {                                                                    \
      ++g_passed;                                                                  \
    } else {                                                                       \
      ++g_failed;                                                                  \
      fprintf(stderr, "%s:%d: CHECK(%s) failed (%s)\n", __FILE__, __LINE__, #cond, \
              facenapi_error_message());                                           \
    }                                                                              \
  } while (0)

/* The bytes of FACENAPI_TEST_DATA_DIR/rel (malloc-ed), or NULL. */
static unsigned char* read_file(const char* rel, size_t* size) {
  char path[1024];
  FILE* f;
  long n;
  unsigned char* data;
  snprintf(path, sizeof path, "%s/%s", FACENAPI_TEST_DATA_DIR, rel);
  f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = (unsigned char*)malloc((size_t)n);
  if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return data;
}

#endif
