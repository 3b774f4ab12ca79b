import CMemory

// Large, short-lived buffers (CSV blocks, chunks of output) should go back to the system when
// freed. glibc raises its mmap threshold after the first such free and then keeps them in the
// heap, which showed up as ~15 MB of extra peak memory on a 100 MB load. A fixed 1 MB threshold
// keeps peak memory close to what the data needs.
doppel_set_mmap_threshold(1 << 20)

Doppel.main()
