// Defines egret::mysql::handle, the move-only owner of a MYSQL* connection, and how a connection string is
// read: `host=127.0.0.1 port=3306 user=root password=secret database=shop` or `socket=/run/mysqld/mysqld.sock
// user=me` (space-separated key=value pairs; see docs/mysql.md).
#pragma once

#include <mysql.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include <egret/core/error.hpp>
#include <egret/mysql/error.hpp>

namespace egret::mysql {

/// The parts of a connection string. Keys: host, port, user, password, database (or dbname), socket (or
/// unix_socket). Values hold no spaces; an empty or absent key takes the client library's default.
struct conninfo {
  std::string host;
  unsigned port = 0;
  std::string user;
  std::string password;
  std::string database;
  std::string socket;

  /// Reads `key=value key=value ...`; throws egret::error naming an unknown key or a pair without '='.
  static conninfo parse(std::string_view s) {
    conninfo c;
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
      if (i == s.size()) break;
      std::size_t j = i;
      while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\n') ++j;
      std::string_view const pair = s.substr(i, j - i);
      i = j;
      std::size_t const eq = pair.find('=');
      if (eq == std::string_view::npos)
        throw egret::error("egret::mysql: connection string part \"" + std::string(pair) + "\" is not key=value");
      std::string_view const key = pair.substr(0, eq);
      std::string value(pair.substr(eq + 1));
      if (key == "host")
        c.host = std::move(value);
      else if (key == "port")
        c.port = static_cast<unsigned>(std::strtoul(value.c_str(), nullptr, 10));
      else if (key == "user")
        c.user = std::move(value);
      else if (key == "password")
        c.password = std::move(value);
      else if (key == "database" || key == "dbname")
        c.database = std::move(value);
      else if (key == "socket" || key == "unix_socket")
        c.socket = std::move(value);
      else
        throw egret::error("egret::mysql: unknown connection string key \"" + std::string(key) +
                           "\" (host, port, user, password, database, socket)");
    }
    return c;
  }
};

/// How long a connection waits for the server (whole seconds; zero: the client library's default, no limit).
/// MYSQL_OPT_CONNECT_TIMEOUT, MYSQL_OPT_READ_TIMEOUT, MYSQL_OPT_WRITE_TIMEOUT: without them a stopped or hung
/// server (whose kernel still ACKs every packet, so TCP never times out) blocks the client forever.
struct connection_options {
  /// Longest wait to connect and finish the handshake.
  std::chrono::seconds connect_timeout{10};
  /// Longest wait for the server's next bytes while a statement runs: a statement that sends nothing for this
  /// long (a stopped server, or a query computing longer before its first row) fails with egret::mysql::error
  /// 2013 (CR_SERVER_LOST), and the connection is closed.
  std::chrono::seconds read_timeout{60};
  /// Longest wait for the server to take what the client sends.
  std::chrono::seconds write_timeout{60};
};

/// Owns one MYSQL*: opened by connect(), closed by the destructor.
class handle {
 public:
  handle() noexcept = default;
  handle(handle&& o) noexcept : db_(std::exchange(o.db_, nullptr)) {}
  handle& operator=(handle&& o) noexcept {
    if (this != &o) {
      close();
      db_ = std::exchange(o.db_, nullptr);
    }
    return *this;
  }
  handle(handle const&) = delete;
  handle& operator=(handle const&) = delete;
  ~handle() { close(); }

  /// Connects (utf8mb4, multi-statement text for exec(), LOAD DATA LOCAL allowed; UPDATE counts the rows it matched, as SQLite does); throws egret::mysql::error.
  static handle connect(conninfo const& c, connection_options const& o = {}) {
    handle h;
    h.db_ = mysql_init(nullptr);
    if (h.db_ == nullptr) throw egret::error("egret::mysql: mysql_init failed (out of memory)");
    mysql_options(h.db_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    auto const seconds = [&](mysql_option opt, std::chrono::seconds t) {
      if (t.count() <= 0) return;
      unsigned int const v = t.count() > 86400 * 365 ? 86400u * 365u : static_cast<unsigned int>(t.count());
      mysql_options(h.db_, opt, &v);
    };
    seconds(MYSQL_OPT_CONNECT_TIMEOUT, o.connect_timeout);
    seconds(MYSQL_OPT_READ_TIMEOUT, o.read_timeout);
    seconds(MYSQL_OPT_WRITE_TIMEOUT, o.write_timeout);
    // A large value (a 10 MB text) travels in one packet: the client takes up to 1 GB, the protocol's most; the
    // server's max_allowed_packet (64 MB on the test server) is the limit then.
    unsigned long const max_packet = 1024ul * 1024ul * 1024ul;
    mysql_options(h.db_, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    unsigned int const local_infile = 1;
    mysql_options(h.db_, MYSQL_OPT_LOCAL_INFILE, &local_infile);
    auto const opt = [](std::string const& s) { return s.empty() ? nullptr : s.c_str(); };
    if (mysql_real_connect(h.db_, opt(c.host), opt(c.user), opt(c.password), opt(c.database), c.port,
                           opt(c.socket), CLIENT_MULTI_STATEMENTS | CLIENT_FOUND_ROWS) == nullptr)
      detail::throw_error(h.db_, {});
    return h;
  }

  MYSQL* get() const noexcept { return db_; }

  /// Runs SQL text (one or more statements), discarding any results; throws egret::mysql::error.
  void exec(std::string_view sql) {
    if (mysql_real_query(db_, sql.data(), sql.size()) != 0) detail::throw_error(db_, sql);
    for (;;) {
      if (MYSQL_RES* r = mysql_store_result(db_)) mysql_free_result(r);
      else if (mysql_field_count(db_) != 0) detail::throw_error(db_, sql);
      int const more = mysql_next_result(db_);
      if (more > 0) detail::throw_error(db_, sql);
      if (more < 0) break;
    }
  }

 private:
  void close() noexcept {
    if (db_ != nullptr) mysql_close(db_);
    db_ = nullptr;
  }
  MYSQL* db_ = nullptr;
};

}  // namespace egret::mysql
