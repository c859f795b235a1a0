// A thin RAII layer over the SQLite C API: one connection, prepared statements, no exceptions.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace leads {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, std::int64_t value);
  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int step();
  // Ready to run again with new bindings.
  void reset();
  std::string text(int column) const;
  std::int64_t integer(int column) const;

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  Database() = default;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens (creating if needed) with WAL and a busy timeout; false with error() set on failure.
  bool open(const std::string& path);
  bool exec(const char* sql);
  sqlite3* handle() const { return db_; }
  int changes() const { return sqlite3_changes(db_); }
  std::string error() const { return db_ ? sqlite3_errmsg(db_) : "database not open"; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace leads
