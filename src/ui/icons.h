// Font Awesome 4.7 code points merged into the font atlas (see platform/fonts.cpp), as UTF-8 strings.
#pragma once

namespace leads::icon {
constexpr const char* kHeart = "\xef\x80\x84";         // U+F004
constexpr const char* kHeartOutline = "\xef\x82\x8a";  // U+F08A
constexpr const char* kFire = "\xef\x81\xad";          // U+F06D
constexpr const char* kClock = "\xef\x80\x97";         // U+F017
constexpr const char* kRefresh = "\xef\x80\xa1";       // U+F021
constexpr const char* kWarning = "\xef\x81\xb1";       // U+F071
constexpr const char* kSearch = "\xef\x80\x82";        // U+F002
constexpr const char* kUser = "\xef\x80\x87";          // U+F007
constexpr const char* kGlobe = "\xef\x82\xac";         // U+F0AC
constexpr unsigned short kFirst = 0xF002;
constexpr unsigned short kLast = 0xF0AC;
}  // namespace leads::icon
