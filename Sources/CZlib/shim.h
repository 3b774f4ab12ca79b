#ifndef DOPPEL_CZLIB_SHIM_H
#define DOPPEL_CZLIB_SHIM_H
#include <zlib.h>
#endif
