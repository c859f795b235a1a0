// Integration: the HTTP front's limits against a real server-mock, over raw sockets where cpp-httplib's client
// cannot express the request (bodies before the token, every framing, gzip, huge and many headers, slow clients,
// the listen backlog, a second server on a port in use).
#include <doctest/doctest.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "raw_http.h"
#include "request_head.h"
#include "test_support.h"

using namespace leads;
using namespace leads::testing;

namespace {

std::string host_line(int port) {
  return "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
}

std::string gzip_of(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(&out[0]);
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// Runs a command and returns its output and exit status (via the shell).
std::string run_command(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1; echo \"exit=$?\"").c_str(), "r");
  if (!pipe) return out;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
  pclose(pipe);
  const std::size_t at = out.rfind("exit=");
  status = at == std::string::npos ? -1 : std::atoi(out.c_str() + at + 5);
  return out;
}

}  // namespace

TEST_SUITE("http limits") {
  TEST_CASE("a body is not read before the token is checked: 401 comes while the body is still unsent") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("POST " + std::string(kBase) + " HTTP/1.1\r\n" + host_line(port) +
             "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"name\":");
    const std::string response = raw.read_response();
    CHECK(status_of(response) == 401);
    CHECK(header_of(response, "Connection") == "close");
  }

  TEST_CASE("Transfer-Encoding in any case is 411, and the chunked body is not read") {
    const int port = shared_server().process->port();
    for (const char* value : {"chunked", "Chunked", "CHUNKED", "gzip, chunked"}) {
      CAPTURE(value);
      RawConnection raw(port);
      REQUIRE(raw.connected());
      raw.send("POST " + std::string(kBase) + " HTTP/1.1\r\n" + host_line(port) + "Authorization: Bearer " +
               admin_token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: " + value +
               "\r\n\r\n10\r\n{\"name\":\"x\"}    \r\n");
      CHECK(status_of(raw.read_response()) == 411);
    }
  }

  TEST_CASE("a POST without a length is 411 at once, not read until the client closes") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("POST " + std::string(kBase) + " HTTP/1.1\r\n" + host_line(port) + "Authorization: Bearer " +
             admin_token() + "\r\nContent-Type: application/json\r\n\r\n{\"name\":\"never ends\"");
    // The connection stays open from this side: the answer must not wait for its end.
    CHECK(status_of(raw.read_response()) == 411);
  }

  TEST_CASE("a compressed request body is 415 and never inflated") {
    const int port = shared_server().process->port();
    const std::string bomb = gzip_of(std::string(32u << 20, ' '));  // 32 MiB of spaces in a few KB
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("POST " + std::string(kBase) + " HTTP/1.1\r\n" + host_line(port) + "Authorization: Bearer " +
             admin_token() + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " +
             std::to_string(bomb.size()) + "\r\n\r\n" + bomb);
    const std::string response = raw.read_response();
    CHECK(status_of(response) == 415);
    CHECK(response.find("unsupportedMediaType") != std::string::npos);
  }

  TEST_CASE("a Content-Length over the limit is 413 before the body is read") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("POST " + std::string(kBase) + " HTTP/1.1\r\n" + host_line(port) + "Authorization: Bearer " +
             admin_token() + "\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n");
    CHECK(status_of(raw.read_response()) == 413);
  }

  TEST_CASE("a header line over the limit is 431 before the line ends") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    // 64 KiB of one header line, never finished: the answer must not wait for the rest.
    raw.send("GET /app-config.json HTTP/1.1\r\n" + host_line(port) + "X-Filler: " + std::string(64 << 10, 'a'));
    CHECK(status_of(raw.read_response()) == 431);
  }

  TEST_CASE("10,000 headers are 431") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    std::string request = "GET /app-config.json HTTP/1.1\r\n" + host_line(port);
    for (int i = 0; i < 10000; ++i) request += "X-H" + std::to_string(i) + ": v\r\n";
    request += "\r\n";
    raw.send(request);  // the server may answer and close before all of it is sent
    CHECK(status_of(raw.read_response()) == 431);
  }

  TEST_CASE("a request line over the limit is 414") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    raw.send("GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n" + host_line(port) + "\r\n");
    CHECK(status_of(raw.read_response()) == 414);
  }

  TEST_CASE("a normal GET is answered while 12 slow clients dribble their headers") {
    TempDir dir;
    ServerProcess server(dir.file("slow.db"), {"--leads", "5"});
    REQUIRE(server.running());
    const int port = server.port();
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < 12; ++i) {
      slow.push_back(std::make_unique<RawConnection>(port));
      REQUIRE(slow.back()->connected());
      slow.back()->send("GET /app-config.json HTTP/1.1\r\n" + host_line(port));
    }
    std::atomic<bool> done{false};
    std::thread dribbler([&] {
      while (!done) {
        for (auto& connection : slow) connection->send("X");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
    // Give the server time to hand every slow client a worker before the normal request arrives.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto client = server.client();
    client->set_read_timeout(30, 0);  // a failure guard only
    auto result = client->Get("/app-config.json");
    int open = 0;
    for (auto& connection : slow) open += connection->still_open() ? 1 : 0;
    done = true;
    dribbler.join();
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(open == 12);  // answered while every slow client was still connected
  }

  TEST_CASE("the listen backlog is well above cpp-httplib's 5") {
    const int port = shared_server().process->port();
    int status = 0;
    const std::string out = run_command("ss -ltnH 'sport = :" + std::to_string(port) + "'", status);
    // For a listening socket ss shows the backlog as Send-Q: "LISTEN 0 1024 127.0.0.1:PORT …".
    char state[32] = {};
    unsigned long recv_q = 0, backlog = 0;
    REQUIRE(std::sscanf(out.c_str(), "%31s %lu %lu", state, &recv_q, &backlog) == 3);
    CHECK(backlog >= 512);
  }

  TEST_CASE("a second server on a port in use refuses to start and says why") {
    const int port = shared_server().process->port();
    TempDir dir;
    int status = 0;
    const std::string out = run_command("timeout 20 '" + server_mock_path() + "' serve --host 127.0.0.1 --port " +
                                            std::to_string(port) + " --db '" + dir.file("second.db") + "' --leads 1",
                                        status);
    CHECK(status == 1);
    CHECK(out.find("already in use") != std::string::npos);
    CHECK(out.find("listening on") == std::string::npos);
  }

  TEST_CASE("requests pipelined on one connection are all answered, bodies framed by Content-Length") {
    const int port = shared_server().process->port();
    RawConnection raw(port);
    REQUIRE(raw.connected());
    const std::string get = "GET /app-config.json HTTP/1.1\r\n" + host_line(port) + "\r\n";
    raw.send(get + get);
    CHECK(status_of(raw.read_response()) == 200);
    CHECK(status_of(raw.read_response()) == 200);
    CHECK(raw.still_open());
  }

}  // TEST_SUITE

// Found by fuzz_request: a bare line end where the request line belongs was taken for a whole (empty) head.
TEST_CASE("a head without a request line is refused by the scanner, at once or arriving in parts") {
  HttpLimits limits;
  for (const std::string& text : {std::string("\n\r\n"), std::string("\r\n\r\n"), std::string("\n\r\n\0T", 5)}) {
    HeadScanner whole(limits);
    CHECK(whole.scan(text.data(), text.size()) == HeadState::Bad);
    HeadScanner parts(limits);
    const HeadState early = parts.scan(text.data(), 1);
    CHECK((early == HeadState::Bad || parts.scan(text.data(), text.size()) == HeadState::Bad));
  }
  HeadScanner fine(limits);
  const std::string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  CHECK(fine.scan(request.data(), request.size()) == HeadState::Complete);
  CHECK(fine.head_length == request.size());
}
