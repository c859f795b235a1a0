# WebAssembly targets: the app (Dear ImGui on WebGL2) and the core tests run under Node.
# Only staged header folders go on the include path: /usr/include would shadow emscripten's libc headers.
# 128-bit SIMD (every current browser; Node 16.4+): the search scans sixteen bytes a step (domain/text_fold.cpp).
# Bulk memory (older still than SIMD): a copy or fill is one memory.copy or memory.fill, not a loop or a call out to
# JavaScript (a full lead page read 17.9 -> 11.1 ms in core_bench).
add_compile_options(-msimd128 -mbulk-memory)

set(LEADS_STAGED_INCLUDE ${CMAKE_BINARY_DIR}/staged-include)
file(COPY /usr/include/nlohmann DESTINATION ${LEADS_STAGED_INCLUDE})
file(COPY /usr/include/rapidjson DESTINATION ${LEADS_STAGED_INCLUDE})
file(COPY /usr/include/doctest DESTINATION ${LEADS_STAGED_INCLUDE})

set(IMGUI_DIR ${CMAKE_SOURCE_DIR}/third_party/imgui CACHE PATH "Dear ImGui 1.90.1 source checkout")
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "No Dear ImGui source at ${IMGUI_DIR}: run scripts/bootstrap or pass -DIMGUI_DIR=")
endif()

add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
# Dear ImGui built for size: the browser compiles its large drawing functions again with its optimising tier while the
# list loads, competing with the load for the CPU (a cold load at 100,000 used ~200 ms less CPU, its frames still fit
# a vsync); the domain code that reads and searches the leads stays at -O3 (-Os there made the load ~20 % slower).
target_compile_options(imgui PRIVATE -fno-exceptions -Wno-unused-parameter -Os)
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)

set(LEADS_LAYER_INCLUDES ${LEADS_STAGED_INCLUDE})
set(LEADS_LAYER_OPTIONS -fno-exceptions)
include(${CMAKE_SOURCE_DIR}/cmake/layers.cmake)

add_executable(core_tests_wasm ${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp ${LEADS_CORE_TEST_SOURCES})
target_link_libraries(core_tests_wasm PRIVATE leads_app)
target_include_directories(core_tests_wasm PRIVATE ${CMAKE_SOURCE_DIR}/tests ${CMAKE_SOURCE_DIR}/server-mock)
# doctest itself needs exceptions to report failed checks; the code under test is still built without them.
target_compile_options(core_tests_wasm PRIVATE -fexceptions)
# The heap starts at 256 MB, above the ~160 MB the suite peaks at: no test waits on the host to grow it.
target_link_options(core_tests_wasm PRIVATE -fexceptions -sINITIAL_MEMORY=268435456 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
                    -sNODERAWFS=1)

if(EXISTS ${CMAKE_SOURCE_DIR}/src/platform/app.cmake)
  include(${CMAKE_SOURCE_DIR}/src/platform/app.cmake)
endif()

# The domain core's benchmark compiled to wasm and run under Node (scripts/bench): the query costs the browser sees.
add_executable(core_bench_wasm ${CMAKE_SOURCE_DIR}/tests/bench/core_bench.cpp ${CMAKE_SOURCE_DIR}/server-mock/seed.cpp)
target_link_libraries(core_bench_wasm PRIVATE leads_api)
target_include_directories(core_bench_wasm PRIVATE ${CMAKE_SOURCE_DIR}/server-mock)
target_compile_options(core_bench_wasm PRIVATE -fno-exceptions)
target_link_options(core_bench_wasm PRIVATE -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1 -sENVIRONMENT=node)
