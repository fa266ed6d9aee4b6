// The MariaDB server of egret's tests: where its connection string is, whether it runs, and
// egret_test::mysql_db(), this process's connection working in a private database (egret_<pid>, created at first
// use and dropped at exit), so that tests running in parallel on the shared private server never see each
// other's tables.
//
// The server is the CTest fixture mariadb_server (tests/servers/mariadb.sh), which writes its connection string to
// <state dir>/conninfo. The state dir is the compile definition EGRET_MARIADB_STATE_DIR, or the environment
// variable of that name; EGRET_MYSQL_CONNINFO (a connection string, see egret::mysql::conninfo) overrides both to
// use another server.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include <egret/mysql.hpp>

namespace egret_test {

/// The file the server fixture writes its connection string to (empty when no state dir is configured).
inline std::string mysql_conninfo_path() {
  if (char const* d = std::getenv("EGRET_MARIADB_STATE_DIR"); d && *d) return std::string(d) + "/conninfo";
#ifdef EGRET_MARIADB_STATE_DIR
  return std::string(EGRET_MARIADB_STATE_DIR) + "/conninfo";
#else
  return {};
#endif
}

/// The connection string of the test server (without a database), or empty when there is none.
inline std::string mysql_conninfo() {
  if (char const* c = std::getenv("EGRET_MYSQL_CONNINFO"); c && *c) return c;
  std::string const path = mysql_conninfo_path();
  if (path.empty()) return {};
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

/// Whether a server was started (or given) for the tests.
inline bool mysql_available() { return !mysql_conninfo().empty(); }

/// This process's private database.
inline std::string mysql_database() { return "egret_" + std::to_string(static_cast<long>(::getpid())); }

/// A new connection to this process's private database (which mysql_db() creates).
inline egret::mysql::connection mysql_connect() {
  return egret::mysql::connection(mysql_conninfo() + " database=" + mysql_database());
}

/// This process's connection, using its private database (dropped with everything in it when the process
/// exits). Throws std::runtime_error when there is no server.
inline egret::mysql::connection& mysql_db() {
  struct session {
    egret::mysql::connection db;
    std::string database;
    ~session() {
      try {
        db.exec("DROP DATABASE IF EXISTS `" + database + "`");
      } catch (...) {  // the server may be gone already: nothing to clean then
      }
    }
  };
  static session s = [] {
    std::string const conninfo = mysql_conninfo();
    if (conninfo.empty())
      throw std::runtime_error("no MariaDB server for the tests: no conninfo in " + mysql_conninfo_path() +
                               " (start one with tests/servers/mariadb.sh start <state dir>)");
    egret::mysql::connection db(conninfo);
    std::string const database = mysql_database();
    db.exec("DROP DATABASE IF EXISTS `" + database + "`; CREATE DATABASE `" + database +
            "` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin; USE `" + database + "`");
    return session{std::move(db), database};
  }();
  return s.db;
}

}  // namespace egret_test
