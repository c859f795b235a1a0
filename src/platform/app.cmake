# The wasm app: the platform layer over the views (leads_ui, cmake/layers.cmake), the web/ JS libraries, fonts and translations packed in.
set(LEADS_PLATFORM_SOURCES
  ${CMAKE_SOURCE_DIR}/src/platform/main_web.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/fonts.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/webgl_renderer.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/browser_transport.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/indexeddb_favorites.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/indexeddb_list_snapshot.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/indexeddb_views.cpp)
set(LEADS_JS_LIBRARIES
  ${CMAKE_SOURCE_DIR}/web/heap_texts.js
  ${CMAKE_SOURCE_DIR}/web/http_fetch.js
  ${CMAKE_SOURCE_DIR}/web/favorites_idb.js
  ${CMAKE_SOURCE_DIR}/web/list_snapshot_idb.js
  ${CMAKE_SOURCE_DIR}/web/views_idb.js
  ${CMAKE_SOURCE_DIR}/web/page_bridge.js
  ${CMAKE_SOURCE_DIR}/web/a11y_mirror.js
  ${CMAKE_SOURCE_DIR}/web/input_bridge.js
  ${CMAKE_SOURCE_DIR}/web/host_bridge.js
  ${CMAKE_SOURCE_DIR}/web/sign_in_bridge.js
  ${CMAKE_SOURCE_DIR}/web/notify_bridge.js
  ${CMAKE_SOURCE_DIR}/web/frame_soon.js)

# Fonts come from Debian packages at build time, cut down (fonttools' pyftsubset) to the glyphs the app draws: the
# letters of platform/text_glyph_ranges.inc and the icons named in ui/icons.h — 424 KB of fonts become ~40 KB.
set(LEADS_PACK_DIR ${CMAKE_BINARY_DIR}/pack)
file(MAKE_DIRECTORY ${LEADS_PACK_DIR}/fonts)
find_program(PYFTSUBSET pyftsubset)
if(NOT PYFTSUBSET)
  message(FATAL_ERROR "pyftsubset not found: run scripts/bootstrap (Debian package fonttools)")
endif()
set(LEADS_TEXT_FONT /usr/share/fonts/opentype/inter/Inter-Regular.otf)
set(LEADS_ICON_FONT /usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf)
set(LEADS_TEXT_RANGES_FILE ${CMAKE_SOURCE_DIR}/src/platform/text_glyph_ranges.inc)  # the atlas's ranges too
file(STRINGS ${LEADS_TEXT_RANGES_FILE} LEADS_TEXT_RANGE_LINES REGEX "^0x[0-9A-Fa-f]+, 0x[0-9A-Fa-f]+,")
set(LEADS_TEXT_UNICODES "")
foreach(line ${LEADS_TEXT_RANGE_LINES})
  string(REGEX REPLACE "^0x([0-9A-Fa-f]+), 0x([0-9A-Fa-f]+),.*" "U+\\1-\\2" range "${line}")
  list(APPEND LEADS_TEXT_UNICODES ${range})
endforeach()
list(JOIN LEADS_TEXT_UNICODES "," LEADS_TEXT_UNICODES)
file(STRINGS ${CMAKE_SOURCE_DIR}/src/ui/icons.h LEADS_ICON_LINES REGEX "// U\\+F[0-9A-F]+")
set(LEADS_ICON_UNICODES "")
foreach(line ${LEADS_ICON_LINES})
  string(REGEX MATCH "U\\+F[0-9A-F]+" code "${line}")
  list(APPEND LEADS_ICON_UNICODES ${code})
endforeach()
list(JOIN LEADS_ICON_UNICODES "," LEADS_ICON_UNICODES)
# Both lists are read when configuring: an edit to either file must configure again.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${LEADS_TEXT_RANGES_FILE} ${CMAKE_SOURCE_DIR}/src/ui/icons.h)
set(LEADS_SUBSET_OPTIONS --layout-features= --no-hinting --desubroutinize)  # ImGui uses neither layout nor hints
add_custom_command(OUTPUT ${LEADS_PACK_DIR}/fonts/Inter-Regular.otf
  COMMAND ${PYFTSUBSET} ${LEADS_TEXT_FONT} --unicodes=${LEADS_TEXT_UNICODES} ${LEADS_SUBSET_OPTIONS}
          --output-file=${LEADS_PACK_DIR}/fonts/Inter-Regular.otf
  DEPENDS ${LEADS_TEXT_FONT} ${LEADS_TEXT_RANGES_FILE} COMMENT "Subsetting the text font")
add_custom_command(OUTPUT ${LEADS_PACK_DIR}/fonts/fontawesome-webfont.ttf
  COMMAND ${PYFTSUBSET} ${LEADS_ICON_FONT} --unicodes=${LEADS_ICON_UNICODES} ${LEADS_SUBSET_OPTIONS}
          --output-file=${LEADS_PACK_DIR}/fonts/fontawesome-webfont.ttf
  DEPENDS ${LEADS_ICON_FONT} ${CMAKE_SOURCE_DIR}/src/ui/icons.h COMMENT "Subsetting the icon font")
set(LEADS_PACKED_FONTS ${LEADS_PACK_DIR}/fonts/Inter-Regular.otf ${LEADS_PACK_DIR}/fonts/fontawesome-webfont.ttf)
add_custom_target(leads_fonts DEPENDS ${LEADS_PACKED_FONTS})

set(LEADS_APP_DIR ${CMAKE_BINARY_DIR}/app)
add_executable(leads ${LEADS_PLATFORM_SOURCES})
set_target_properties(leads PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${LEADS_APP_DIR} SUFFIX ".js")
target_link_libraries(leads PRIVATE leads_ui)
target_include_directories(leads PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_compile_options(leads PRIVATE -fno-exceptions)
# No WebGL extension is switched on at start: the renderer uses WebGL 2's core alone, and enabling every extension the
# browser offers was ~30 synchronous round trips to the GPU process before the first frame (~25 ms at 100,000 leads).
# The heap grows by 5 % at a time, not emscripten's 20 %: wasm memory never shrinks, so the last step's unused room
# stays in the high-water for the whole visit (about 17 MB at 100,000 leads; tests/bench/heap_phases.mjs).
set(LEADS_LINK_FLAGS
  -sUSE_GLFW=3 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432
  -sMEMORY_GROWTH_GEOMETRIC_STEP=0.05 -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  -sFETCH_SUPPORT_INDEXEDDB=0 -sENVIRONMENT=web -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  "SHELL:--preload-file ${LEADS_PACK_DIR}/fonts@/fonts"
  "SHELL:--preload-file ${CMAKE_SOURCE_DIR}/assets/i18n@/assets/i18n")
foreach(library ${LEADS_JS_LIBRARIES})
  list(APPEND LEADS_LINK_FLAGS "SHELL:--js-library ${library}")
endforeach()
target_link_options(leads PRIVATE ${LEADS_LINK_FLAGS})
# Relink (and so repack) when a JS library or a translation file changes.
file(GLOB LEADS_TRANSLATIONS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/i18n/*.json)
set_property(TARGET leads APPEND PROPERTY LINK_DEPENDS ${LEADS_JS_LIBRARIES} ${LEADS_TRANSLATIONS} ${LEADS_PACKED_FONTS})
add_dependencies(leads leads_fonts)

# The shell page and its loader sit beside the built files; server-mock serves this folder.
file(GLOB LEADS_SHELL_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/shell/*)
set_property(TARGET leads APPEND PROPERTY LINK_DEPENDS ${LEADS_SHELL_FILES})  # copied again when edited
add_custom_command(TARGET leads POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy ${LEADS_SHELL_FILES} ${LEADS_APP_DIR}
  COMMENT "Copying the shell page")
