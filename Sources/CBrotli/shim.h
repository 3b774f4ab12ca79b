#ifndef DOPPEL_CBROTLI_SHIM_H
#define DOPPEL_CBROTLI_SHIM_H
#include <brotli/decode.h>
#endif
