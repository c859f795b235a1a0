// Raw loopback TCP for the HTTP-limit tests.
#include "raw_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace leads::testing {

RawConnection::RawConnection(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, 30000) <= 0 || (p.revents & (POLLERR | POLLHUP))) return false;
    const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string RawConnection::read_response(int guard_seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(guard_seconds);
  std::string& text = pending_;
  for (;;) {
    const std::size_t head_end = text.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const std::string length = header_of(text.substr(0, head_end + 4), "Content-Length");
      const std::size_t want = head_end + 4 + static_cast<std::size_t>(std::strtoull(length.c_str(), nullptr, 10));
      if (text.size() >= want) {
        std::string response = text.substr(0, want);
        text.erase(0, want);
        return response;
      }
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    char buffer[16384];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  std::string response = text;
  text.clear();
  return response;
}

bool RawConnection::still_open() {
  char byte;
  const ssize_t n = ::recv(fd_, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

int status_of(const std::string& response) {
  if (response.compare(0, 5, "HTTP/") != 0) return 0;
  const std::size_t space = response.find(' ');
  return space == std::string::npos ? 0 : std::atoi(response.c_str() + space + 1);
}

std::string header_of(const std::string& response, const std::string& name) {
  std::size_t at = response.find("\r\n");
  while (at != std::string::npos && at + 2 < response.size()) {
    const std::size_t start = at + 2;
    const std::size_t end = response.find("\r\n", start);
    if (end == std::string::npos || end == start) break;
    const std::size_t colon = response.find(':', start);
    if (colon != std::string::npos && colon < end && colon - start == name.size()) {
      bool same = true;
      for (std::size_t i = 0; i < name.size(); ++i)
        same = same && std::tolower(static_cast<unsigned char>(response[start + i])) ==
                           std::tolower(static_cast<unsigned char>(name[i]));
      if (same) {
        std::size_t value = colon + 1;
        while (value < end && response[value] == ' ') ++value;
        return response.substr(value, end - value);
      }
    }
    at = end;
  }
  return "";
}

}  // namespace leads::testing
