// The doctest runner shared by the native and the wasm builds of the core tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>

#include <cstdio>
#include <cstdlib>
#include <new>

// In wasm an allocation fails when the heap cannot grow. Say how much was asked and how large the heap was, so a
// failed run tells a size computed wrong (more than the maximum) from a host that refused to grow the heap, instead
// of printing only "std::bad_alloc".
void* operator new(std::size_t size) {
  if (void* block = std::malloc(size ? size : 1)) return block;
  std::fprintf(stderr, "allocation of %zu bytes failed; the heap is %zu bytes, at most %zu\n", size,
               emscripten_get_heap_size(), emscripten_get_heap_max());
  throw std::bad_alloc();
}
void operator delete(void* block) noexcept {
  std::free(block);
}
void operator delete(void* block, std::size_t) noexcept {
  std::free(block);
}
#endif
