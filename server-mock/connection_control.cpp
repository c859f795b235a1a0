// Finds the socket behind a request by its address pair (cpp-httplib does not expose it) and shuts it down.
#include "connection_control.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>

namespace leads {

namespace {

bool endpoint_is(const sockaddr_storage& address, const std::string& ip, int port) {
  char text[INET6_ADDRSTRLEN] = {};
  int actual_port = -1;
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    actual_port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    actual_port = ntohs(v6.sin6_port);
  } else {
    return false;
  }
  return actual_port == port && (ip.empty() || ip == text);
}

int find_socket(const httplib::Request& req) {
  DIR* dir = opendir("/proc/self/fd");
  if (!dir) return -1;
  int found = -1;
  while (dirent* entry = readdir(dir)) {
    const int fd = std::atoi(entry->d_name);
    if (fd <= 2) continue;
    sockaddr_storage peer{}, local{};
    socklen_t peer_length = sizeof peer, local_length = sizeof local;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0) continue;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) != 0) continue;
    if (endpoint_is(peer, req.remote_addr, req.remote_port) && endpoint_is(local, "", req.local_port)) {
      found = fd;
      break;
    }
  }
  closedir(dir);
  return found;
}

}  // namespace

bool drop_connection(const httplib::Request& req) {
  const int fd = find_socket(req);
  if (fd < 0) return false;
  linger hard_close{1, 0};  // reset rather than a graceful close, like a crashed server
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard_close, sizeof hard_close);
  return shutdown(fd, SHUT_RDWR) == 0;
}

}  // namespace leads
