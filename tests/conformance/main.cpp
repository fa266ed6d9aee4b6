// The conformance suite's main: runs Catch, then prints the report (per backend: passed, failed, marked per kind).
// When a server backend was built but its server is not running (no conninfo from its CTest fixture), the run is
// skipped with exit code 77, unless EGRET_REQUIRE_SERVERS=1 (CI), which makes it a failure.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "framework.hpp"

int main(int argc, char** argv) {
  std::string missing;
#ifdef EGRET_CONFORMANCE_POSTGRES
  if (!std::filesystem::exists(EGRET_POSTGRES_STATE_DIR "/conninfo")) missing += " PostgreSQL (apt-get install postgresql)";
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
  if (!std::filesystem::exists(EGRET_MARIADB_STATE_DIR "/conninfo")) missing += " MariaDB (apt-get install mariadb-server)";
#endif
  if (!missing.empty()) {
    char const* require = std::getenv("EGRET_REQUIRE_SERVERS");
    bool const required = require && std::string(require) == "1";
    std::printf("%s: no server running for:%s\n", required ? "FAILED" : "SKIPPED", missing.c_str());
    return required ? 1 : 77;
  }
  int const result = Catch::Session().run(argc, argv);
  if (!conformance::report().empty()) std::fputs(conformance::report_text().c_str(), stdout);
  return result;
}
