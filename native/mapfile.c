/*
 * mapfile: a file mapped read-only into memory, as an ArrayBuffer, and a way to
 * let the kernel take its pages back (src/input/mapped.ts says why).
 *
 *   map(fd, length) -> ArrayBuffer   the first `length` bytes of the open file;
 *                                    unmapped when the buffer is collected
 *   release(buffer, from, to)        drops the process's pages of [from, to):
 *                                    the next read of them maps them again from
 *                                    the page cache, with the same bytes
 *
 * Written against Node-API (node_api.h) in C: no dependency, one file. The
 * mapping is PROT_READ and MAP_PRIVATE: this process cannot write to it (a
 * write faults). Another process writing the file is seen through it, and
 * cutting the file short makes a read past the new end fault (SIGBUS).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <node_api.h>

static void unmap(napi_env env, void* data, void* hint) {
  (void)env;
  munmap(data, (size_t)(uintptr_t)hint);
}

static napi_value fail(napi_env env, const char* message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static napi_value map(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return fail(env, "map(fd, length)");
  int32_t fd;
  int64_t length;
  if (napi_get_value_int32(env, argv[0], &fd) != napi_ok) return fail(env, "map: fd must be a number");
  if (napi_get_value_int64(env, argv[1], &length) != napi_ok || length <= 0) return fail(env, "map: length must be a positive number");
  void* p = mmap(NULL, (size_t)length, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return fail(env, strerror(errno));
  napi_value buffer;
  if (napi_create_external_arraybuffer(env, p, (size_t)length, unmap, (void*)(uintptr_t)length, &buffer) != napi_ok) {
    munmap(p, (size_t)length);
    return fail(env, "map: the mapping cannot be wrapped in an ArrayBuffer");
  }
  return buffer;
}

static napi_value release(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3) return fail(env, "release(buffer, from, to)");
  void* data;
  size_t length;
  int64_t from;
  int64_t to;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &length) != napi_ok) return fail(env, "release: not an ArrayBuffer");
  if (napi_get_value_int64(env, argv[1], &from) != napi_ok || napi_get_value_int64(env, argv[2], &to) != napi_ok) return fail(env, "release: from and to must be numbers");
  if (from < 0) from = 0;
  if (to > (int64_t)length) to = (int64_t)length;
  if (to <= from) return NULL;
  /* Whole pages only: the first page boundary at or after from, the last at or before to (or the end). */
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t base = (uintptr_t)data;
  uintptr_t a = (base + (uintptr_t)from + page - 1) & ~(page - 1);
  uintptr_t b = to == (int64_t)length ? base + (uintptr_t)to : ((base + (uintptr_t)to) & ~(page - 1));
  if (b > a) madvise((void*)a, b - a, MADV_DONTNEED);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value f;
  napi_create_function(env, "map", NAPI_AUTO_LENGTH, map, NULL, &f);
  napi_set_named_property(env, exports, "map", f);
  napi_create_function(env, "release", NAPI_AUTO_LENGTH, release, NULL, &f);
  napi_set_named_property(env, exports, "release", f);
  return exports;
}
