#ifndef DOPPEL_CLIBPQ_SHIM_H
#define DOPPEL_CLIBPQ_SHIM_H
/* Debian's libpq-dev puts the header under /usr/include/postgresql. */
#include <postgresql/libpq-fe.h>
#endif
