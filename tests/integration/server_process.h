// A server-mock child process for the integration tests: started on a free port, stopped (or killed) at the end.
#pragma once
#include <httplib.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

namespace leads::testing {

// A fresh folder under /tmp, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// The server-mock binary under test: the one built beside the tests, or $LEADS_SERVER_MOCK (to run these tests
// against another build, e.g. the previous commit's, to see which of them fail there).
std::string server_mock_path();

class ServerProcess {
 public:
  // Runs `server-mock serve --port 0 --host 127.0.0.1 --db DB` plus `extra`; waits for the "listening on" line.
  // With `stderr_file`, the server's stderr goes there (appended) instead of the test's own.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra = {}, const std::string& stderr_file = "");
  ~ServerProcess();  // SIGTERM, then SIGKILL if it does not stop
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool running() const { return port_ > 0; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::unique_ptr<httplib::Client> client() const;
  // Stops it with SIGTERM and returns the exit status (0 for a clean stop).
  int stop();
  // Kills it with SIGKILL, as a crash would: no shutdown code runs. Returns once it is gone.
  void kill_hard();

 private:
  pid_t pid_ = -1;
  int port_ = -1;
};

}  // namespace leads::testing
