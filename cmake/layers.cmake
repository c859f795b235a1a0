# The client's layers as libraries, defined once for the native and the wasm build, each linked only to the layers
# below it (design.md "layers with one-way dependencies"); a link check makes the build fail when one calls upward.
# Included by native.cmake and wasm.cmake once their compile flags are set; LEADS_LAYER_INCLUDES and
# LEADS_LAYER_OPTIONS carry what differs (wasm: staged headers, no exceptions).

# A layer's row: its name (folder src/<name>, library leads_<name>) and the layers it may call. Lowest first.
set(LEADS_LAYERS domain api store app)
set(LEADS_LAYER_BELOW_domain "")
set(LEADS_LAYER_BELOW_api domain)
set(LEADS_LAYER_BELOW_store "")
set(LEADS_LAYER_BELOW_app api store domain)
set(LEADS_WASM_ONLY_LAYERS ui)  # the views need Dear ImGui, built for the wasm app only
set(LEADS_LAYER_BELOW_ui app api store domain imgui)
if(EMSCRIPTEN)
  list(APPEND LEADS_LAYERS ${LEADS_WASM_ONLY_LAYERS})
endif()

# An executable made of every object of one layer plus the layers below it: a call from the layer to a layer above
# leaves an undefined symbol, which fails this link (the final executables link everything, so they would not).
file(WRITE ${CMAKE_BINARY_DIR}/layer_link_check_main.cpp "int main() { return 0; }\n")
function(leads_layer_link_check layer)  # ARGN: the libraries below it
  set(check leads_${layer}_link_check)
  add_executable(${check} ${CMAKE_BINARY_DIR}/layer_link_check_main.cpp $<TARGET_OBJECTS:leads_${layer}>)
  target_link_libraries(${check} PRIVATE ${ARGN})
  if(EMSCRIPTEN)  # wasm-ld drops code main() does not reach before it looks for missing symbols: keep it all
    target_link_options(${check} PRIVATE -Wl,--no-gc-sections -sLLD_REPORT_UNDEFINED)
  endif()
  set_target_properties(${check} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/layer-checks)
endfunction()

foreach(layer ${LEADS_LAYERS})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${layer}/*.cpp)
  string(TOUPPER ${layer} upper)
  set(LEADS_${upper}_SOURCES ${sources})  # also read by tests/fuzz for its sanitised copies
  set(below_libraries "")
  foreach(below ${LEADS_LAYER_BELOW_${layer}})
    if(TARGET leads_${below})  # a layer; otherwise a third-party library (imgui)
      list(APPEND below_libraries leads_${below})
    else()
      list(APPEND below_libraries ${below})
    endif()
  endforeach()
  if(sources)
    add_library(leads_${layer} STATIC ${sources})
    target_include_directories(leads_${layer} PUBLIC ${CMAKE_SOURCE_DIR}/src ${LEADS_LAYER_INCLUDES})
    target_compile_options(leads_${layer} PRIVATE ${LEADS_LAYER_OPTIONS})
    target_link_libraries(leads_${layer} PUBLIC ${below_libraries})
    if(NOT EMSCRIPTEN OR layer IN_LIST LEADS_WASM_ONLY_LAYERS)  # a layer is checked once, natively if it can be
      leads_layer_link_check(${layer} ${below_libraries})
    endif()
  else()  # headers only (store: the favorites interface): nothing to link, so nothing to check
    add_library(leads_${layer} INTERFACE)
    target_include_directories(leads_${layer} INTERFACE ${CMAKE_SOURCE_DIR}/src ${LEADS_LAYER_INCLUDES})
    target_link_libraries(leads_${layer} INTERFACE ${below_libraries})
  endif()
endforeach()
