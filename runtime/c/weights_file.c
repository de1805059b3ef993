/* Mapping a model's weights file from C: linked into every library onnx-mlir-py writes and
 * declared in the header it generates (runtime/c_header.py). The format is runtime/weights_file.py's:
 * a 64-byte header (magic, version, header size, payload size, SHA-256 of the payload), then the
 * payload, which the entry takes as its last argument (a memref<N x i8>). The header must name
 * what this library was compiled with (onnx_mlir_weights_size, onnx_mlir_weights_sha256, written
 * with the signature); the payload is not hashed again here (Python's load() does that). */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

extern const unsigned long long onnx_mlir_weights_size;
extern const unsigned char onnx_mlir_weights_sha256[32];

/* The layout of the header's onnx_mlir_memref_int8_1d. */
typedef struct {
  int8_t *allocated; /* the start of the mapping (the header) */
  int8_t *aligned;   /* the payload */
  int64_t offset;
  int64_t sizes[1];
  int64_t strides[1];
} weights_memref;

enum { HEADER_SIZE = 64, FORMAT_VERSION = 1 };
static const char MAGIC[16] = "ONNX-MLIR-WGHTS"; /* with its NUL: 16 bytes */

static uint64_t little_endian(const unsigned char *bytes, int count) {
  uint64_t value = 0;
  for (int i = count - 1; i >= 0; --i)
    value = (value << 8) | bytes[i];
  return value;
}

static int check_header(int fd) {
  unsigned char head[HEADER_SIZE];
  struct stat st;
  if (pread(fd, head, HEADER_SIZE, 0) != HEADER_SIZE || memcmp(head, MAGIC, 16) != 0)
    return 2;
  if (little_endian(head + 16, 4) != FORMAT_VERSION || little_endian(head + 20, 4) != HEADER_SIZE)
    return 3;
  if (little_endian(head + 24, 8) != onnx_mlir_weights_size ||
      memcmp(head + 32, onnx_mlir_weights_sha256, 32) != 0)
    return 4;
  if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != HEADER_SIZE + onnx_mlir_weights_size)
    return 5;
  return 0;
}

__attribute__((visibility("default"))) int onnx_mlir_open_weights(const char *path, weights_memref *weights) {
  memset(weights, 0, sizeof *weights);
  if (onnx_mlir_weights_size == 0)
    return 7;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 1;
  int error = check_header(fd);
  if (error == 0) {
    void *base = mmap(NULL, HEADER_SIZE + onnx_mlir_weights_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) {
      error = 6;
    } else {
      weights->allocated = (int8_t *)base;
      weights->aligned = (int8_t *)base + HEADER_SIZE;
      weights->sizes[0] = (int64_t)onnx_mlir_weights_size;
      weights->strides[0] = 1;
    }
  }
  close(fd);
  return error;
}

__attribute__((visibility("default"))) void onnx_mlir_close_weights(weights_memref *weights) {
  if (weights->allocated != NULL)
    munmap(weights->allocated, HEADER_SIZE + (size_t)weights->sizes[0]);
  memset(weights, 0, sizeof *weights);
}

__attribute__((visibility("default"))) const char *onnx_mlir_weights_error(int code) {
  switch (code) {
  case 0: return "no error";
  case 1: return "cannot open the weights file";
  case 2: return "not an onnx-mlir weights file";
  case 3: return "weights file format not supported: compile the model again";
  case 4: return "the weights file belongs to another model or compile";
  case 5: return "the weights file is truncated or too long";
  case 6: return "cannot map the weights file";
  case 7: return "this library takes no weights";
  default: return "unknown error";
  }
}
