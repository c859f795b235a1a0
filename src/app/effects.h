// What update() asks the platform to do; the platform feeds the results back as actions.
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "api/http.h"
#include "app/actions.h"
#include "app/i18n.h"

namespace leads {

namespace fx {
struct SendHttp {
  std::uint64_t request_id;
  HttpRequest request;
};
struct LoadFavorites {};
struct SaveFavorite {
  std::string id;
  bool favorite;
};
struct SaveLanguage {
  Language language;
};
struct After {
  int delay_ms;
  AppAction action;
};  // a timer: dispatch `action` later
struct DownloadFile {
  std::string filename;
  std::string mime;
  std::string bytes;
};
struct CopyText {
  std::string text;
};
struct OpenUrl {
  std::string url;
};  // mailto: and tel: links
struct StartHost {
  std::vector<std::string> origins;
};  // listen to the portal, if its origin is one of these
struct PostToHost {
  std::string json;
};
}  // namespace fx

using Effect = std::variant<fx::SendHttp, fx::LoadFavorites, fx::SaveFavorite, fx::SaveLanguage, fx::After,
                            fx::DownloadFile, fx::CopyText, fx::OpenUrl, fx::StartHost, fx::PostToHost>;

}  // namespace leads
