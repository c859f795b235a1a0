// Static files: read on each request (the app is small and rebuilt often), with ETag/Last-Modified validators.
// App files are gzipped here, once per version (cached by ETag), rather than by cpp-httplib on every request.
#include "static_files.h"

#include <sys/stat.h>
#include <zlib.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "http_util.h"

namespace leads {

namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Dotfiles and dot-folders (.git, .env, .htpasswd…) are never part of the app: they are not served.
bool names_dotfile(const std::string& path) {
  return path.find("/.") != std::string::npos;
}

bool climbs_out(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return true;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(start, end - start);
    if (segment == ".." || segment == ".") return true;
    start = end + 1;
  }
  return false;
}

std::string http_date(std::time_t time) {
  std::tm tm{};
  gmtime_r(&time, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

std::time_t parse_http_date(const std::string& text) {
  std::tm tm{};
  if (!strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm)) return -1;
  return timegm(&tm);
}

bool accepts_gzip(const httplib::Request& req) {
  return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(&out[0]);
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END ? out : std::string();
}

// Compressed copies of app files, by ETag (which changes whenever the file does).
const std::string* cached_gzip(const std::string& etag, const std::string& data) {
  static std::mutex mutex;
  static std::map<std::string, std::string> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(etag);
  if (it == cache.end()) {
    if (cache.size() > 32) cache.clear();
    it = cache.emplace(etag, gzip(data)).first;
  }
  return it->second.empty() ? nullptr : &it->second;
}

}  // namespace

const char* mime_type_for(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {{".html", "text/html; charset=utf-8"},
                                                               {".js", "application/javascript; charset=utf-8"},
                                                               {".mjs", "application/javascript; charset=utf-8"},
                                                               {".wasm", "application/wasm"},
                                                               {".data", "application/octet-stream"},
                                                               {".css", "text/css; charset=utf-8"},
                                                               {".json", "application/json; charset=utf-8"},
                                                               {".png", "image/png"},
                                                               {".svg", "image/svg+xml"},
                                                               {".ico", "image/x-icon"},
                                                               {".txt", "text/plain; charset=utf-8"},
                                                               {".map", "application/json; charset=utf-8"},
                                                               {".webmanifest", "application/manifest+json"}};
  for (const auto& type : kTypes)
    if (ends_with(path, type.first)) return type.second;
  return "application/octet-stream";
}

void serve_static(const httplib::Request& req, httplib::Response& res, const std::string& app_dir) {
  if (req.method != "GET" && req.method != "HEAD") {
    res.set_header("Allow", "GET, HEAD");
    send_error(res, 405, "methodNotAllowed", "static files are read-only");
    return;
  }
  std::string path = req.path;
  if (path.empty() || path[0] != '/' || climbs_out(path)) {
    send_error(res, 400, "invalidRequest", "the path is not allowed", "path");
    return;
  }
  if (names_dotfile(path)) {
    send_error(res, 404, "itemNotFound", "no file at " + path);
    return;
  }
  if (ends_with(path, "/")) path += "index.html";
  if (app_dir.empty()) {
    send_error(res, 404, "itemNotFound", "no app directory is configured");
    return;
  }
  // Resolve symlinks too: a link inside the app folder must not lead outside it.
  char root_real[PATH_MAX], file_real[PATH_MAX];
  const std::string full = app_dir + path;
  struct stat info {};
  if (!realpath(app_dir.c_str(), root_real) || !realpath(full.c_str(), file_real) ||
      std::string(file_real).compare(0, std::string(root_real).size() + 1, std::string(root_real) + "/") != 0 ||
      stat(file_real, &info) != 0 || !S_ISREG(info.st_mode)) {
    send_error(res, 404, "itemNotFound", "no file at " + req.path);
    return;
  }
  char etag_text[64];
  std::snprintf(etag_text, sizeof etag_text, "\"%llx-%llx\"", static_cast<unsigned long long>(info.st_size),
                static_cast<unsigned long long>(info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec));
  const std::string etag = etag_text;
  const std::string mime = mime_type_for(path);
  res.set_header("ETag", etag);
  res.set_header("Last-Modified", http_date(info.st_mtim.tv_sec));
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Vary", "Accept-Encoding");

  const std::string if_none_match = req.get_header_value("If-None-Match");
  const bool etag_matches =
      !if_none_match.empty() && (if_none_match == "*" || if_none_match.find(etag) != std::string::npos);
  const std::time_t since =
      req.has_header("If-Modified-Since") ? parse_http_date(req.get_header_value("If-Modified-Since")) : -1;
  if (etag_matches || (if_none_match.empty() && since >= 0 && info.st_mtim.tv_sec <= since)) {
    res.status = 304;
    return;
  }
  std::ifstream file(file_real, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  std::string data = content.str();
  // cpp-httplib compresses text/* itself, on every request (brotli at its highest quality: ~150 ms for leads.js).
  // Scripts are therefore served as application/javascript (a JavaScript MIME type it leaves alone) and, like the
  // binary files, gzipped here once per version.
  const bool compressed_by_httplib = mime.rfind("text/", 0) == 0;
  if (!compressed_by_httplib && accepts_gzip(req) && data.size() > 1024) {
    if (const std::string* compressed = cached_gzip(etag, data)) {
      res.set_header("Content-Encoding", "gzip");
      data = *compressed;
    }
  }
  res.status = 200;
  res.set_content(std::move(data), mime.c_str());
}

}  // namespace leads
