#ifndef DOPPEL_CLIBFUZZER_H
#define DOPPEL_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt's FuzzerDriver.cpp), linked by -sanitize=fuzzer only: the
/// fuzz targets' `main` calls it in a fuzzing build (-DDOPPEL_FUZZ) and never otherwise.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
