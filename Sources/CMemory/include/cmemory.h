#ifndef DOPPEL_CMEMORY_H
#define DOPPEL_CMEMORY_H
/// Sets the allocator's mmap threshold (glibc only; a no-op elsewhere).
void doppel_set_mmap_threshold(int bytes);
#endif
