#ifndef DOPPEL_CSNAPPY_SHIM_H
#define DOPPEL_CSNAPPY_SHIM_H
#include <snappy-c.h>
#endif
