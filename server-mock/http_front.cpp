// The HTTP front: our connection loop and bounded stream under cpp-httplib's request parser, and the worker pool.
//
// [SECTION] bounded connection stream
// [SECTION] worker pool
// [SECTION] server
#include "http_front.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http_util.h"
#include "request_head.h"

namespace leads {

namespace {

using SteadyClock = std::chrono::steady_clock;

// [SECTION] bounded connection stream ------------------------------------------------------------
// What cpp-httplib reads a request from: the head from memory, then at most the declared body, with deadlines.

thread_local bool t_refuse_connection = false;  // set while the pool hands over a connection it has no room for

class Connection : public httplib::Stream {
 public:
  Connection(int sock, const HttpLimits& limits, const std::atomic<socket_t>& listener)
      : sock_(sock), limits_(limits), listener_(listener) {}

  enum class Next { Request, Closed, Refused };

  // Waits for and reads the next request head. Closed: nothing came (idle, EOF, server stopping).
  // Refused: an answer was sent and the connection must close.
  Next read_head(bool first) {
    HeadScanner scanner(limits_);
    const auto idle_deadline =
        SteadyClock::now() + std::chrono::milliseconds(first ? limits_.head_timeout_ms : limits_.keep_alive_idle_ms);
    std::optional<SteadyClock::time_point> head_deadline;
    for (;;) {
      if (!buffer_.empty()) {
        if (!head_deadline) head_deadline = SteadyClock::now() + std::chrono::milliseconds(limits_.head_timeout_ms);
        switch (scanner.scan(buffer_.data(), buffer_.size())) {
          case HeadState::Complete:
            head_left_ = scanner.head_length;
            body_left_ = scanner.chunked_or_other ? 0 : scanner.content_length;
            body_deadline_ = SteadyClock::now() + std::chrono::milliseconds(limits_.body_timeout_ms);
            return Next::Request;
          case HeadState::UriTooLong:
            return refuse(414,
                          "the request line is longer than " + std::to_string(limits_.max_request_line) + " bytes");
          case HeadState::TooLarge:
            return refuse(431, "the request headers are over the limit (" + std::to_string(limits_.max_header_count) +
                                   " lines of at most " + std::to_string(limits_.max_header_line) + " bytes, " +
                                   std::to_string(limits_.max_head_bytes) + " bytes in all)");
          case HeadState::Bad: return refuse(400, "the request's Content-Length is not valid");
          case HeadState::Incomplete: break;
        }
      }
      const auto deadline = head_deadline ? *head_deadline : idle_deadline;
      if (!fill(deadline)) return Next::Closed;  // timed out, closed or failed: nothing more to say
    }
  }

  // True when the last request's body was not read to its end: the connection cannot carry another request.
  bool body_unread() const { return head_left_ > 0 || body_left_ > 0; }
  bool failed() const { return failed_; }

  // Closes after an answer whose request was not read to its end: the client may still be sending, and closing
  // with unread input would reset the connection and could destroy the answer before the client reads it. So stop
  // sending, then read and drop what comes for a short, bounded while.
  void linger_close() {
    ::shutdown(sock_, SHUT_WR);
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(1000);
    char chunk[4096];
    std::size_t dropped = 0;
    while (dropped < (256u << 10) && wait_until(POLLIN, deadline)) {
      const ssize_t n = ::recv(sock_, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      dropped += static_cast<std::size_t>(n);
    }
  }

  // Answers a connection the pool has no room for, without waiting on the client.
  void refuse_busy() {
    const std::string body = R"({"error":{"code":"serviceNotAvailable","message":"the server is busy"}})";
    const std::string text =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
        "Cache-Control: no-store\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(sock_, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }

  // httplib::Stream ------------------------------------------------------------------------------
  bool is_readable() const override { return head_left_ > 0 || (body_left_ > 0 && !buffer_.empty()) || wait(POLLIN); }
  bool is_writable() const override { return wait(POLLOUT); }

  ssize_t read(char* ptr, std::size_t size) override {
    if (head_left_ > 0)
      return take(ptr, static_cast<std::size_t>(std::min<std::uint64_t>(size, head_left_)), head_left_);
    if (body_left_ == 0 || size == 0) return 0;  // the declared body is over: end of this request's input
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size, body_left_));
    std::uint64_t left = body_left_;
    if (!buffer_.empty()) {
      const ssize_t n = take(ptr, want, left);
      body_left_ = left;
      return n;
    }
    if (!wait_until(POLLIN, body_deadline_)) return fail();
    const ssize_t n = ::recv(sock_, ptr, want, 0);
    if (n <= 0) return fail();
    body_left_ -= static_cast<std::uint64_t>(n);
    return n;
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    std::size_t sent = 0;
    while (sent < size) {
      if (!wait(POLLOUT)) return fail();
      const ssize_t n = ::send(sock_, ptr + sent, size - sent, MSG_NOSIGNAL);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return fail();
      sent += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(sent);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { endpoint(true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { endpoint(false, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  Next refuse(int status, const std::string& message) {
    const std::string body =
        R"({"error":{"code":")" + std::string(error_code_for(status)) + R"(","message":")" + message + "\"}}";
    const char* reason = status == 414   ? "URI Too Long"
                         : status == 431 ? "Request Header Fields Too Large"
                                         : "Bad Request";
    const std::string text = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                             "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                             "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body;
    write(text.data(), text.size());
    return Next::Refused;
  }

  // Moves up to `size` buffered bytes out, counting them off `left`.
  ssize_t take(char* ptr, std::size_t size, std::uint64_t& left) {
    const std::size_t n = std::min(size, buffer_.size());
    std::memcpy(ptr, buffer_.data(), n);
    buffer_.erase(0, n);
    left -= n;
    return static_cast<ssize_t>(n);
  }

  // Reads what the socket has into the buffer; false on timeout, EOF, error or a stopping server.
  bool fill(SteadyClock::time_point deadline) {
    if (!wait_until(POLLIN, deadline)) return false;
    char chunk[4096];
    const ssize_t n = ::recv(sock_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  // Waits for the socket in slices, so a stopping server is noticed while a slow client holds the connection.
  bool wait_until(short events, SteadyClock::time_point deadline) const {
    for (;;) {
      if (listener_ == INVALID_SOCKET) return false;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
      if (left <= 0) return false;
      pollfd p{sock_, events, 0};
      const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 250)));
      if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
      if (r < 0 && errno != EINTR) return false;
    }
  }
  bool wait(short events) const {
    return wait_until(events, SteadyClock::now() + std::chrono::milliseconds(limits_.io_timeout_ms));
  }

  ssize_t fail() {
    failed_ = true;
    return -1;
  }

  void endpoint(bool remote, std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int r = remote ? getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length)
                         : getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length);
    if (r != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
      const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
      inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
      port = ntohs(v4.sin_port);
    } else if (address.ss_family == AF_INET6) {
      const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
      inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
      port = ntohs(v6.sin6_port);
    }
    ip = text;
  }

  int sock_;
  const HttpLimits& limits_;
  const std::atomic<socket_t>& listener_;
  std::string buffer_;  // received, not yet handed to cpp-httplib (the head, body bytes, a pipelined request)
  std::uint64_t head_left_ = 0;
  std::uint64_t body_left_ = 0;
  SteadyClock::time_point body_deadline_{};
  bool failed_ = false;
};

// [SECTION] worker pool --------------------------------------------------------------------------
// cpp-httplib's ThreadPool has a fixed size and an unbounded queue: a few slow clients hold every worker while
// the queue grows without end. This one grows to max_workers while all are busy, queues up to max_queued, and
// answers 503 to any connection beyond that.

class WorkerPool : public httplib::TaskQueue {
 public:
  WorkerPool(std::size_t core, std::size_t max, std::size_t max_queued)
      : max_(std::max(core, max)), max_queued_(max_queued) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < core; ++i) start_worker();
  }

  void enqueue(std::function<void()> fn) override {
    std::unique_lock<std::mutex> lock(mutex_);
    if (jobs_.size() >= max_queued_) {
      lock.unlock();
      t_refuse_connection = true;  // the job then answers 503 and closes without reading
      fn();
      t_refuse_connection = false;
      return;
    }
    jobs_.push_back(std::move(fn));
    if (jobs_.size() > idle_ && workers_.size() < max_) start_worker();
    wake_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

 private:
  void start_worker() {
    workers_.emplace_back([this] {
      for (;;) {
        std::function<void()> job;
        {
          std::unique_lock<std::mutex> lock(mutex_);
          ++idle_;
          wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
          --idle_;
          if (jobs_.empty()) return;  // stopping, nothing left
          job = std::move(jobs_.front());
          jobs_.pop_front();
        }
        job();
      }
    });
  }

  const std::size_t max_;
  const std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace

// [SECTION] server -------------------------------------------------------------------------------

HttpFront::HttpFront(const HttpLimits& limits) : limits_(limits) {
  new_task_queue = [this] { return new WorkerPool(limits_.core_workers, limits_.max_workers, limits_.max_queued); };
  set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // restart over TIME_WAIT; no SO_REUSEPORT
  });
  set_read_timeout(limits_.io_timeout_ms / 1000, (limits_.io_timeout_ms % 1000) * 1000);
  set_write_timeout(limits_.io_timeout_ms / 1000, (limits_.io_timeout_ms % 1000) * 1000);
}

int HttpFront::bind(const std::string& host, int port, std::string& error) {
  errno = 0;
  const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    const int cause = errno;
    error = cause == EADDRINUSE ? "the address is already in use (is another server running on this port?)"
                                : std::string(cause ? std::strerror(cause) : "the address could not be bound");
    return -1;
  }
  // cpp-httplib listened with a backlog of 5; listening again on the same socket sets ours.
  if (::listen(svr_sock_, limits_.listen_backlog) != 0) {
    error = std::string("listen: ") + std::strerror(errno);
    return -1;
  }
  return bound;
}

bool HttpFront::process_and_close_socket(socket_t sock) {
  Connection connection(sock, limits_, svr_sock_);
  if (t_refuse_connection) {
    connection.refuse_busy();
  } else {
    for (std::size_t served = 0; served < limits_.keep_alive_max_requests; ++served) {
      const Connection::Next next = connection.read_head(served == 0);
      if (next == Connection::Next::Refused) connection.linger_close();
      if (next != Connection::Next::Request) break;
      const bool last = served + 1 == limits_.keep_alive_max_requests;
      bool client_closes = false;
      const bool ok = process_request(connection, last, client_closes, nullptr);
      if (ok && !connection.failed() && connection.body_unread()) {
        connection.linger_close();
        break;
      }
      if (!ok || client_closes || connection.failed()) break;
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

}  // namespace leads
