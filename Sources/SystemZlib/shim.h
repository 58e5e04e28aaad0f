// zlib (Debian: zlib1g-dev), for inflating the deflated parts of .xlsx workbooks.
#include <zlib.h>
