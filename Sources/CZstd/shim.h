#ifndef DOPPEL_CZSTD_SHIM_H
#define DOPPEL_CZSTD_SHIM_H
#include <zstd.h>
#endif
