// The PostgreSQL server of egret's tests: where its conninfo is, whether it runs, and egret_test::postgres_db(),
// this process's connection working in a private schema (egret_<pid>, created at first use and dropped at
// exit), so that tests running in parallel on the shared private server never see each other's tables.
//
// The server is the CTest fixture postgres_server (tests/servers/postgres.sh), which writes its libpq conninfo to
// <state dir>/conninfo. The state dir is the compile definition EGRET_POSTGRES_STATE_DIR, or the environment
// variable of that name; EGRET_POSTGRES_CONNINFO (a libpq conninfo) overrides both to use another server.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include <egret/postgres.hpp>

namespace egret_test {

/// The file the server fixture writes its conninfo to (empty when no state dir is configured).
inline std::string postgres_conninfo_path() {
  if (char const* d = std::getenv("EGRET_POSTGRES_STATE_DIR"); d && *d) return std::string(d) + "/conninfo";
#ifdef EGRET_POSTGRES_STATE_DIR
  return std::string(EGRET_POSTGRES_STATE_DIR) + "/conninfo";
#else
  return {};
#endif
}

/// The libpq conninfo of the test server, or empty when there is none.
inline std::string postgres_conninfo() {
  if (char const* c = std::getenv("EGRET_POSTGRES_CONNINFO"); c && *c) return c;
  std::string const path = postgres_conninfo_path();
  if (path.empty()) return {};
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

/// Whether a server was started (or given) for the tests.
inline bool postgres_available() { return !postgres_conninfo().empty(); }

/// This process's private schema.
inline std::string postgres_schema() { return "egret_" + std::to_string(static_cast<long>(::getpid())); }

/// This process's connection, its search_path set to its private schema (dropped with everything in it when
/// the process exits). Throws std::runtime_error when there is no server.
inline egret::postgres::connection& postgres_db() {
  struct session {
    egret::postgres::connection db;
    std::string schema;
    ~session() {
      try {
        db.exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
      } catch (...) {  // the server may be gone already: nothing to clean then
      }
    }
  };
  static session s = [] {
    std::string const conninfo = postgres_conninfo();
    if (conninfo.empty())
      throw std::runtime_error("no PostgreSQL server for the tests: no conninfo in " + postgres_conninfo_path() +
                               " (start one with tests/servers/postgres.sh start <state dir>)");
    egret::postgres::connection db(conninfo);
    std::string const schema = postgres_schema();
    db.exec("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE; CREATE SCHEMA \"" + schema +
            "\"; SET search_path TO \"" + schema + "\"");
    return session{std::move(db), schema};
  }();
  return s.db;
}

}  // namespace egret_test
