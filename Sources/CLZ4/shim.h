#ifndef DOPPEL_CLZ4_SHIM_H
#define DOPPEL_CLZ4_SHIM_H
#include <lz4.h>
#endif
