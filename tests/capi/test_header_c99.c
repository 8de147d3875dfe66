/* c.h must compile as strict C99 (built with -std=c99 -pedantic -Wall -Werror). */
#include <facenapi/c.h>

int facenapi_header_c99_check(void);
int facenapi_header_c99_check(void) {
  facenapi_extract_options_t opts = FACENAPI_EXTRACT_OPTIONS_INIT;
  return (int)opts.version;
}
