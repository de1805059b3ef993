/* memrefCopy: the strided copy that MLIR's memref.copy lowering calls when a copy is not one
 * contiguous block (MLIR's runner library has one too, but it needs libMLIR/libLLVM at run time).
 * Linked, hidden, into every library onnx-mlir-py writes, so that they need libc and libm only.
 *
 * Arguments are unranked memrefs: {rank, pointer to the ranked descriptor}; a descriptor is
 * {allocated, aligned, offset, sizes[rank], strides[rank]} with sizes, strides and offset in
 * elements. */
#include <stdint.h>
#include <string.h>

typedef struct {
  int64_t rank;
  void *descriptor;
} onnx_mlir_unranked_memref;

typedef struct {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizes_and_strides[];
} onnx_mlir_strided_memref;

__attribute__((visibility("hidden"))) void memrefCopy(int64_t element_size,
                                                      onnx_mlir_unranked_memref *source,
                                                      onnx_mlir_unranked_memref *target) {
  int64_t rank = source->rank;
  const onnx_mlir_strided_memref *src = source->descriptor;
  const onnx_mlir_strided_memref *dst = target->descriptor;
  const int64_t *sizes = src->sizes_and_strides;
  const int64_t *src_strides = src->sizes_and_strides + rank;
  const int64_t *dst_strides = dst->sizes_and_strides + rank;
  char *src_base = src->aligned + src->offset * element_size;
  char *dst_base = dst->aligned + dst->offset * element_size;
  for (int64_t d = 0; d < rank; ++d)
    if (sizes[d] == 0)
      return;
  if (rank == 0) {
    memcpy(dst_base, src_base, (size_t)element_size);
    return;
  }
  /* An odometer over every index but the innermost, which is one strided run. */
  int64_t index[rank];
  memset(index, 0, sizeof index);
  int64_t inner = sizes[rank - 1];
  int64_t src_inner = src_strides[rank - 1] * element_size;
  int64_t dst_inner = dst_strides[rank - 1] * element_size;
  for (;;) {
    int64_t src_at = 0, dst_at = 0;
    for (int64_t d = 0; d < rank - 1; ++d) {
      src_at += index[d] * src_strides[d];
      dst_at += index[d] * dst_strides[d];
    }
    char *s = src_base + src_at * element_size;
    char *t = dst_base + dst_at * element_size;
    if (src_inner == element_size && dst_inner == element_size) {
      memmove(t, s, (size_t)(inner * element_size));
    } else {
      for (int64_t i = 0; i < inner; ++i)
        memmove(t + i * dst_inner, s + i * src_inner, (size_t)element_size);
    }
    int64_t d = rank - 2;
    while (d >= 0 && ++index[d] == sizes[d])
      index[d--] = 0;
    if (d < 0)
      return;
  }
}
