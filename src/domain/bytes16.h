// Sixteen bytes compared at once: SIMD128 in wasm (built with -msimd128), SSE2 natively, a plain loop elsewhere.
#pragma once
#include <cstdint>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leads {

// Bit i is set when at[i] == c, for i in 0..15; `at` needs 16 readable bytes.
inline std::uint32_t match16(const char* at, char c) {
#if defined(__wasm_simd128__)
  return wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(at), wasm_i8x16_splat(c)));
#elif defined(__SSE2__)
  return static_cast<std::uint32_t>(
      _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), _mm_set1_epi8(c))));
#else
  std::uint32_t mask = 0;
  for (std::uint32_t i = 0; i < 16; ++i)
    if (at[i] == c) mask |= 1u << i;
  return mask;
#endif
}

}  // namespace leads
