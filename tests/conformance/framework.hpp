// The conformance framework: every conformance test is written once and run on every executing backend
// (Catch2 TEMPLATE_TEST_CASE over the backend types of backends.hpp). A backend that cannot pass a test carries a
// mark, with a reason, of one of three kinds:
//   not_implemented  egret does not do this on that engine yet (a gap to close),
//   engine           the engine does not support it (nothing egret can do short of emulation),
//   never            it is not meant to work there (a deliberate difference of semantics).
// A marked test still runs. If it passes, the run fails ("marked but passes: remove its mark"), so the marks stay
// honest. The report printed at the end counts, per backend, the tests passed, failed and marked of each kind.
#pragma once

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace conformance {

enum class kind { not_implemented, engine, never };

inline std::string_view kind_name(kind k) {
  switch (k) {
    case kind::not_implemented: return "not implemented in egret yet";
    case kind::engine: return "not supported by the engine";
    case kind::never: return "never (a deliberate difference)";
  }
  return "";
}

/// A backend that is expected to fail a test, and why.
struct mark {
  std::string_view backend;  ///< the backend's name (sqlite, postgres, mysql)
  kind k;
  std::string_view reason;
};

/// What the report counts for one backend.
struct tally {
  int passed = 0;
  int failed = 0;
  int marked[3] = {0, 0, 0};
  int stale_marks = 0;  ///< marked tests that passed (each also a failure of the run)
  std::vector<std::string> marked_tests;
};

inline std::map<std::string, tally, std::less<>>& report() {
  static std::map<std::string, tally, std::less<>> r;
  return r;
}

/// The outcome of one test on one backend, collected by the test body through check() and equal().
class context {
 public:
  context(std::string_view test, std::string_view backend, mark const* m) : test_(test), backend_(backend), mark_(m) {}

  /// Records `what` as a failure unless ok. An unmarked test reports it to Catch at once.
  bool check(bool ok, std::string const& what) {
    if (ok) return true;
    failures_.push_back(what);
    if (!mark_) FAIL_CHECK("conformance: " << test_ << " on " << backend_ << ": " << what);
    return false;
  }
  /// A construct the backend's dialect rejects at compile time: the test cannot run there.
  void rejected_at_compile_time(std::string_view why) { check(false, "rejected at compile time: " + std::string(why)); }

  bool failed() const { return !failures_.empty(); }
  std::vector<std::string> const& failures() const { return failures_; }
  mark const* marked() const { return mark_; }

 private:
  std::string_view test_;
  std::string_view backend_;
  mark const* mark_;
  std::vector<std::string> failures_;
};

/// Runs `body(db, ctx)` for backend B, honouring the marks: conformance::run<TestType>({marks}, body), inside a
/// CONFORMANCE_CASE (the test's name is Catch's).
template <class B, class F>
void run(std::initializer_list<mark> marks, F&& body) {
  std::string const name = Catch::getResultCapture().getCurrentTestName();
  std::string_view test = name;  // "conformance: <what> - <backend type>": keep <what>
  if (auto const at = test.rfind(" - "); at != std::string_view::npos) test = test.substr(0, at);
  if (test.substr(0, 13) == "conformance: ") test = test.substr(13);
  mark const* m = nullptr;
  for (auto const& x : marks)
    if (x.backend == B::name) m = &x;
  context ctx(test, B::name, m);
  try {
    body(B::db(), ctx);
  } catch (std::exception const& e) {
    ctx.check(false, std::string("threw: ") + e.what());
  }
  tally& t = report()[std::string(B::name)];
  if (!m) {
    ++(ctx.failed() ? t.failed : t.passed);
    return;
  }
  if (!ctx.failed()) {
    ++t.stale_marks;
    FAIL("conformance: " << test << " on " << B::name << " is marked '" << kind_name(m->k) << "' (" << m->reason
                         << ") but passes: remove its mark");
  }
  ++t.marked[static_cast<int>(m->k)];
  t.marked_tests.push_back(std::string(test) + " (" + std::string(m->reason) + ")");
}

/// The report: per backend, tests passed, failed, and marked per kind, with the marked tests listed.
inline std::string report_text() {
  std::string out = "conformance report\n";
  out += "  backend      passed  failed  not-implemented  engine  never  stale-marks\n";
  for (auto const& [name, t] : report()) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-10s %8d %7d %16d %7d %6d %12d\n", name.c_str(), t.passed, t.failed,
                  t.marked[0], t.marked[1], t.marked[2], t.stale_marks);
    out += line;
  }
  for (auto const& [name, t] : report())
    for (auto const& s : t.marked_tests) out += "  marked on " + name + ": " + s + "\n";
  return out;
}

}  // namespace conformance
