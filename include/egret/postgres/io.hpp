// Defines egret::postgres::connection_options (the connect and read timeouts) and the one way the backend talks
// to the server: a PQsend* call, then the socket polled with a deadline until the results are in. libpq's
// blocking calls (PQexec) wait forever for a server that stopped answering: a SIGSTOPped or hung server on
// loopback still has its kernel ACK every packet, so no TCP timeout ever fires. Only a client-side deadline
// turns it into an error.
#pragma once

#include <libpq-fe.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <string_view>

#include <egret/postgres/error.hpp>

namespace egret::postgres {

/// How long a connection waits for the server. Zero means no limit.
struct connection_options {
  /// Longest wait to connect and finish the startup, per host (libpq's connect_timeout: whole seconds, at least
  /// 2). A connect_timeout in the conninfo (or PGCONNECT_TIMEOUT) wins over this.
  std::chrono::seconds connect_timeout{10};
  /// Longest wait for the server's next bytes while a statement runs (or for it to take ours): a statement
  /// that sends nothing for this long (a stopped server, or a query computing longer before its first row)
  /// fails with egret::postgres::error SQLSTATE 08006 "timed out after N s", and the connection is closed.
  std::chrono::seconds read_timeout{60};
};

namespace detail {

using clock = std::chrono::steady_clock;

/// Closes the connection's socket after a timeout. A cancel request would not help (the stopped server never
/// answers it either); with the socket shut down libpq fails every later call at once instead of waiting again,
/// and PQstatus() turns CONNECTION_BAD.
[[noreturn, gnu::cold, gnu::noinline]] inline void timed_out(PGconn* c, std::chrono::seconds t, std::string_view sql) {
  if (int const fd = PQsocket(c); fd >= 0) ::shutdown(fd, SHUT_RDWR);
  PQconsumeInput(c);  // lets libpq see the closed socket
  throw_error("08006",
              "egret::postgres: timed out after " + std::to_string(t.count()) +
                  " s waiting for the server (read_timeout); the connection is closed",
              sql);
}

/// Waits until the socket is ready for `events` (POLLIN, POLLOUT) for at most `t` (0: no limit). Returns the
/// events that are ready; throws after the timeout.
inline short wait_socket(PGconn* c, short events, std::chrono::seconds t, std::string_view sql) {
  int const fd = PQsocket(c);
  if (fd < 0) throw_error("08006", PQerrorMessage(c), sql);
  // One clock read per wait: the first poll takes the whole timeout; one cut short (EINTR) or ending early
  // waits what is left of it.
  clock::time_point const deadline = t.count() > 0 ? clock::now() + t : clock::time_point{};
  auto const to_ms = [](long long ms) { return ms > 1'000'000'000 ? 1'000'000'000 : static_cast<int>(ms); };
  int ms = t.count() > 0 ? to_ms(static_cast<long long>(t.count()) * 1000) : -1;
  for (;;) {
    pollfd p{fd, events, 0};
    int const n = ::poll(&p, 1, ms);
    if (n > 0) return static_cast<short>(p.revents == 0 ? events : p.revents);
    if (n < 0 && errno != EINTR) throw_error("08006", "egret::postgres: poll() failed on the connection", sql);
    if (t.count() > 0) {
      auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
      if (left <= 0) timed_out(c, t, sql);
      ms = to_ms(left);
    }
  }
}

/// Sends everything libpq has queued (the connection is non-blocking), each wait bounded by `t`.
inline void flush(PGconn* c, std::chrono::seconds t, std::string_view sql) {
  for (;;) {
    int const r = PQflush(c);
    if (r == 0) return;
    if (r < 0) throw_error("08006", PQerrorMessage(c), sql);
    // Read what the server sends meanwhile (libpq's advice): a server blocked writing to us would not read.
    if (wait_socket(c, POLLIN | POLLOUT, t, sql) & (POLLIN | POLLHUP | POLLERR))
      if (!PQconsumeInput(c)) return;  // the connection is gone: the next result says so
  }
}

/// The next result of the command sent, or null when there are no more, each wait bounded by `t`.
inline PGresult* next_result(PGconn* c, std::chrono::seconds t, std::string_view sql) {
  while (PQisBusy(c)) {
    wait_socket(c, POLLIN, t, sql);
    if (!PQconsumeInput(c)) break;  // lost: PQgetResult returns the error without waiting
  }
  return PQgetResult(c);
}

/// Reads the remaining results of a command (so the connection takes the next), each wait bounded by `t`.
inline void drain(PGconn* c, std::chrono::seconds t, std::string_view sql) {
  while (PGresult* r = next_result(c, t, sql)) PQclear(r);
}

/// Runs a command sent by `send` (a PQsend* call returning 1 on success) and returns its result as PQexec
/// would: the first error, else the last result; a COPY result at once (the caller then streams the data).
/// Null only when libpq could not even send (then PQerrorMessage says why).
template <class Send>
PGresult* round_trip(PGconn* c, std::chrono::seconds t, std::string_view sql, Send const& send) {
  if (!send()) return nullptr;
  flush(c, t, sql);
  PGresult* kept = nullptr;
  while (PGresult* r = next_result(c, t, sql)) {
    ExecStatusType const st = PQresultStatus(r);
    if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) {
      PQclear(kept);
      return r;
    }
    if (kept && PQresultStatus(kept) == PGRES_FATAL_ERROR) {
      PQclear(r);  // keep the first error
    } else {
      PQclear(kept);
      kept = r;
    }
    if (PQstatus(c) == CONNECTION_BAD) break;
  }
  return kept;
}

/// PQexec with the read timeout: the text may hold several statements (no parameters).
inline PGresult* exec(PGconn* c, std::chrono::seconds t, char const* sql) {
  return round_trip(c, t, sql, [&] { return PQsendQuery(c, sql); });
}

/// Runs SQL without parameters or rows; throws egret::postgres::error on failure.
inline void exec_simple(PGconn* c, char const* sql, std::chrono::seconds t) {
  PGresult* r = exec(c, t, sql);
  ExecStatusType const st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
    struct clear {
      PGresult* r;
      ~clear() { PQclear(r); }
    } const guard{r};
    throw_result_error(c, r, sql);
  }
  PQclear(r);
}

/// SQL text holding a NUL byte cannot reach the server whole (libpq takes C strings): it would be cut there.
inline void require_no_nul(std::string_view sql) {
  if (auto const at = sql.find('\0'); at != std::string_view::npos)
    throw_error("22021",
                "egret::postgres: the SQL text holds a NUL byte at offset " + std::to_string(at) +
                    " (in an identifier or alias?): PostgreSQL text cannot contain NUL",
                sql.substr(0, at));
}

}  // namespace detail
}  // namespace egret::postgres
