// The main of egret_mysql_tests: runs the Catch2 tests when a MariaDB server is available (see test_db.hpp), else
// reports SKIPPED and exits 77 (CTest's SKIP_RETURN_CODE), or fails when EGRET_REQUIRE_SERVERS=1.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "test_db.hpp"

int main(int argc, char* argv[]) {
  bool listing = false;  // catch_discover_tests lists the tests at build time, when no server runs
  for (int i = 1; i < argc; ++i) {
    std::string_view const a = argv[i];
    if (a.starts_with("--list") || a == "-l" || a == "-t" || a == "-h" || a == "--help" || a == "-?") listing = true;
  }
  if (!listing && !egret_test::mysql_available()) {
    char const* req = std::getenv("EGRET_REQUIRE_SERVERS");
    if (req && std::string_view(req) == "1") {
      std::fprintf(stderr, "FAILED: no MariaDB server (no conninfo in %s) and EGRET_REQUIRE_SERVERS=1\n",
                   egret_test::mysql_conninfo_path().c_str());
      return 1;
    }
    std::printf("SKIPPED: no MariaDB server (apt-get install mariadb-server)\n");
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
