// Child-process control: fork/exec, reading the port from stdout, clean shutdown.
#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace leads::testing {

TempDir::TempDir() {
  char pattern[] = "/tmp/server-mock-test-XXXXXX";
  const char* made = mkdtemp(pattern);
  path_ = made ? made : "/tmp";
}

TempDir::~TempDir() {
  if (path_.rfind("/tmp/server-mock-test-", 0) == 0) std::system(("rm -rf '" + path_ + "'").c_str());
}

void TempDir::write(const std::string& name, const std::string& content) const {
  std::ofstream(file(name), std::ios::binary) << content;
}

std::string server_mock_path() {
  // LEADS_SERVER_MOCK runs another build of the server (e.g. an older one, to see a new test fail against it).
  const char* other = std::getenv("LEADS_SERVER_MOCK");
  return other && *other ? other : SERVER_MOCK_PATH;
}

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& extra,
                             const std::string& stderr_file) {
  int out[2];
  if (pipe(out) != 0) return;
  std::vector<std::string> args = {server_mock_path(), "serve", "--host", "127.0.0.1", "--port", "0", "--db", db};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a crashed test binary
    dup2(out[1], STDOUT_FILENO);
    if (!stderr_file.empty()) {
      const int err = open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (err >= 0) dup2(err, STDERR_FILENO);
    }
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  // Read until the "listening on http://HOST:PORT" line, for at most 30 seconds (seeding happens first).
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline && text.find('\n') == std::string::npos) {
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char buffer[256];
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  const std::string marker = "listening on http://";
  const auto at = text.find(marker);
  const auto colon = at == std::string::npos ? at : text.find(':', at + marker.size());
  if (colon != std::string::npos) port_ = std::atoi(text.c_str() + colon + 1);
}

ServerProcess::~ServerProcess() {
  stop();
}

std::unique_ptr<httplib::Client> ServerProcess::client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_read_timeout(30, 0);
  client->set_connection_timeout(5, 0);
  return client;
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      port_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  port_ = -1;
  return -1;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  port_ = -1;
}

}  // namespace leads::testing
