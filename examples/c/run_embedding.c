/* Calls a model compiled by onnx-mlir-py from C: an embedding lookup (Gather) whose table is in
 * the weights file and whose run-time index check reports through the status buffer.
 *
 *   onnx-mlir examples/c/embedding.onnxtxt --EmitLib -o embedding.so   # also embedding.h, .weights
 *   cc -I. examples/c/run_embedding.c ./embedding.so -o run_embedding && ./run_embedding 0 4 2 1
 *
 * Prints the 4 x 3 rows for the 4 ids given, or the failed check with its values (exit 1). The
 * weights file is looked for in the current directory (or at $EMBEDDING_WEIGHTS). */
#include <stdio.h>
#include <stdlib.h>

#include "embedding.h"

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s id0 id1 id2 id3\n", argv[0]);
    return 2;
  }
  int64_t ids[4];
  for (int i = 0; i < 4; ++i)
    ids[i] = strtoll(argv[i + 1], NULL, 10);
  float rows[4 * 3];
  int64_t status[6] = {0};  /* zeroed before every call: slot 0 is the failed check (0: none) */

  /* The table, mapped read-only from the weights file (checked against the library), once. */
  const char *path = getenv("EMBEDDING_WEIGHTS") ? getenv("EMBEDDING_WEIGHTS") : ONNX_MLIR_EMBEDDING_WEIGHTS_FILE;
  onnx_mlir_memref_int8_1d weights;
  int error = onnx_mlir_open_weights(path, &weights);
  if (error != 0) {
    fprintf(stderr, "%s: %s\n", path, onnx_mlir_weights_error(error));
    return 2;
  }

  /* Descriptors over caller-owned buffers: allocated = aligned, offset 0, row-major strides. */
  onnx_mlir_memref_int64_1d ids_ref = {ids, ids, 0, {4}, {1}};
  onnx_mlir_memref_int64_1d status_ref = {status, status, 0, {6}, {1}};
  onnx_mlir_memref_float_2d rows_ref = {rows, rows, 0, {4, 3}, {3, 1}};

  _mlir_ciface_main_graph(&ids_ref, &status_ref, &rows_ref, &weights);
  onnx_mlir_close_weights(&weights);

  if (status[0] != 0) {  /* check ids are listed in embedding.h */
    printf("check %lld failed: values %lld %lld %lld\n", (long long)status[0],
           (long long)status[1], (long long)status[2], (long long)status[3]);
    return 1;
  }
  for (int r = 0; r < 4; ++r)
    printf("%g %g %g\n", rows[3 * r], rows[3 * r + 1], rows[3 * r + 2]);
  return 0;
}
