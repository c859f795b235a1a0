# Native targets: the layer libraries, the core doctest suite, server-mock and the integration tests.
# GCC 12 reports false "maybe-uninitialized" warnings inside std::variant moves.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wno-maybe-uninitialized)
endif()
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)

include(${CMAKE_SOURCE_DIR}/cmake/layers.cmake)

enable_testing()

add_executable(core_tests ${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp ${LEADS_CORE_TEST_SOURCES})
target_link_libraries(core_tests PRIVATE leads_app)
target_include_directories(core_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests ${CMAKE_SOURCE_DIR}/server-mock)
add_test(NAME core_tests COMMAND core_tests)

if(EXISTS ${CMAKE_SOURCE_DIR}/server-mock/CMakeLists.txt)
  add_subdirectory(server-mock)
endif()
if(EXISTS ${CMAKE_SOURCE_DIR}/tests/integration/CMakeLists.txt)
  add_subdirectory(tests/integration)
endif()
if(LEADS_FUZZ AND EXISTS ${CMAKE_SOURCE_DIR}/tests/fuzz/CMakeLists.txt)
  add_subdirectory(tests/fuzz)
endif()

# The heap per lead, counted by replacing operator new/delete (tests/memory): its own executable, so the counting
# allocator sees nothing but this test.
add_executable(list_memory_test ${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp ${CMAKE_SOURCE_DIR}/tests/memory/list_memory_test.cpp
                                ${CMAKE_SOURCE_DIR}/server-mock/seed.cpp)
target_link_libraries(list_memory_test PRIVATE leads_app)
target_include_directories(list_memory_test PRIVATE ${CMAKE_SOURCE_DIR}/tests ${CMAKE_SOURCE_DIR}/server-mock)
add_test(NAME list_memory_test COMMAND list_memory_test)
